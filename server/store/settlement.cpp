// Signed settlement statements and objections in SQLite (store/settlement.hpp).
#include "store/settlement.hpp"

#include "store/columns.hpp"

namespace yiyang::store {

namespace {

using namespace columns;

constexpr const char* kColumns =
    "id, provider_id, month, supplement_no, cites_id, status, reason, figures, figures_sha256, payable_fen, "
    "receivable_fen, pdf_sha256, xlsx_sha256, signed_by, signed_role, signed_by_id, signed_at";

StatementRow statement_of(SQLite::Statement& st) {
    StatementRow r;
    r.id = st.getColumn(0).getInt64();
    r.provider_id = st.getColumn(1).getInt64();
    r.month = text(st, 2);
    r.supplement_no = st.getColumn(3).getInt64();
    r.cites_id = opt_id(st, 4);
    r.status = text(st, 5);
    r.reason = text(st, 6);
    r.figures = text(st, 7);
    r.figures_sha256 = text(st, 8);
    r.payable_fen = st.getColumn(9).getInt64();
    r.receivable_fen = st.getColumn(10).getInt64();
    r.pdf_sha256 = text(st, 11);
    r.xlsx_sha256 = text(st, 12);
    r.signed_by = text(st, 13);
    r.signed_role = text(st, 14);
    r.signed_by_id = opt_id(st, 15);
    r.signed_at = st.getColumn(16).getInt64();
    return r;
}

// "SELECT kColumns FROM settlement_statements <tail>" with the tail's parameters bound in order.
template <class... K>
std::vector<StatementRow> statements_where(SQLite::Database& db, const char* tail, const K&... keys) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM settlement_statements " + tail);
    int i = 0;
    (st.bind(++i, keys), ...);
    std::vector<StatementRow> out;
    while (st.executeStep()) out.push_back(statement_of(st));
    return out;
}

constexpr const char* kObjectionColumns =
    "id, statement_id, filed_by, filed_by_id, filed_at, text, evidence, status, answer, answered_by, answered_by_id, "
    "answered_at";

ObjectionRow objection_of(SQLite::Statement& st) {
    ObjectionRow o;
    o.id = st.getColumn(0).getInt64();
    o.statement_id = st.getColumn(1).getInt64();
    o.filed_by = text(st, 2);
    o.filed_by_id = opt_id(st, 3);
    o.filed_at = st.getColumn(4).getInt64();
    o.text = text(st, 5);
    o.evidence = text(st, 6);
    o.status = text(st, 7);
    o.answer = text(st, 8);
    o.answered_by = text(st, 9);
    o.answered_by_id = opt_id(st, 10);
    o.answered_at = secs(st, 11);
    return o;
}

}  // namespace

std::vector<StatementRow> month_statements(SQLite::Database& db, const std::string& month) {
    return statements_where(db, "WHERE month = ? ORDER BY provider_id, id", month);
}
std::vector<StatementRow> provider_statements(SQLite::Database& db, Id provider_id, const std::string& month) {
    return statements_where(db, "WHERE provider_id = ? AND month = ? ORDER BY id", static_cast<std::int64_t>(provider_id),
                            month);
}
std::optional<StatementRow> statement_row(SQLite::Database& db, Id id) {
    auto rows = statements_where(db, "WHERE id = ?", static_cast<std::int64_t>(id));
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}
std::optional<StatementRow> head_statement(SQLite::Database& db, Id provider_id, const std::string& month) {
    auto rows = statements_where(db, "WHERE provider_id = ? AND month = ? AND status = 'signed'",
                                 static_cast<std::int64_t>(provider_id), month);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

Id insert_statement(SQLite::Database& db, const StatementRow& r, const StatementFiles& files) {
    SQLite::Statement st(db,
                         "INSERT INTO settlement_statements (provider_id, month, supplement_no, cites_id, status, reason, "
                         "figures, figures_sha256, payable_fen, receivable_fen, pdf, pdf_sha256, xlsx, xlsx_sha256, "
                         "signed_by, signed_role, signed_by_id, signed_at) "
                         "VALUES (?, ?, ?, ?, 'signed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(r.provider_id));
    st.bind(2, r.month);
    st.bind(3, r.supplement_no);
    bind_opt(st, 4, r.cites_id);
    st.bind(5, r.reason);
    st.bind(6, r.figures);
    st.bind(7, r.figures_sha256);
    st.bind(8, r.payable_fen);
    st.bind(9, r.receivable_fen);
    st.bind(10, files.pdf.data(), static_cast<int>(files.pdf.size()));
    st.bind(11, r.pdf_sha256);
    st.bind(12, files.xlsx.data(), static_cast<int>(files.xlsx.size()));
    st.bind(13, r.xlsx_sha256);
    st.bind(14, r.signed_by);
    st.bind(15, r.signed_role);
    bind_opt(st, 16, r.signed_by_id);
    st.bind(17, static_cast<std::int64_t>(r.signed_at));
    st.exec();
    return db.getLastInsertRowid();
}

void supersede_statement(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, "UPDATE settlement_statements SET status = 'superseded' WHERE id = ? AND status = 'signed'");
    st.bind(1, static_cast<std::int64_t>(id));
    st.exec();
}

std::optional<std::string> statement_file(SQLite::Database& db, Id id, const std::string& kind) {
    if (kind != "pdf" && kind != "xlsx") return std::nullopt;
    SQLite::Statement st(db, "SELECT " + kind + " FROM settlement_statements WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    const auto col = st.getColumn(0);
    return std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()));
}

std::vector<ObjectionRow> statement_objections(SQLite::Database& db, Id statement_id) {
    SQLite::Statement st(db, std::string("SELECT ") + kObjectionColumns +
                                 " FROM settlement_objections WHERE statement_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(statement_id));
    std::vector<ObjectionRow> out;
    while (st.executeStep()) out.push_back(objection_of(st));
    return out;
}

std::optional<ObjectionRow> objection_row(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kObjectionColumns + " FROM settlement_objections WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return objection_of(st);
}

Id insert_objection(SQLite::Database& db, const ObjectionRow& o) {
    SQLite::Statement st(db,
                         "INSERT INTO settlement_objections (statement_id, filed_by, filed_by_id, filed_at, text, evidence, "
                         "status) VALUES (?, ?, ?, ?, ?, ?, 'open')");
    st.bind(1, static_cast<std::int64_t>(o.statement_id));
    st.bind(2, o.filed_by);
    bind_opt(st, 3, o.filed_by_id);
    st.bind(4, static_cast<std::int64_t>(o.filed_at));
    st.bind(5, o.text);
    st.bind(6, o.evidence);
    st.exec();
    return db.getLastInsertRowid();
}

void answer_objection(SQLite::Database& db, Id id, const std::string& status, const std::string& answer,
                      const std::string& by, Id by_id, LocalSeconds at) {
    SQLite::Statement st(db,
                         "UPDATE settlement_objections SET status = ?, answer = ?, answered_by = ?, answered_by_id = ?, "
                         "answered_at = ? WHERE id = ? AND status = 'open'");
    st.bind(1, status);
    st.bind(2, answer);
    st.bind(3, by);
    st.bind(4, static_cast<std::int64_t>(by_id));
    st.bind(5, static_cast<std::int64_t>(at));
    st.bind(6, static_cast<std::int64_t>(id));
    st.exec();
}

std::int64_t open_objections(SQLite::Database& db, Id provider_id, const std::string& month) {
    SQLite::Statement st(db,
                         "SELECT count(*) FROM settlement_objections o JOIN settlement_statements s ON s.id = o.statement_id "
                         "WHERE s.provider_id = ? AND s.month = ? AND o.status = 'open'");
    st.bind(1, static_cast<std::int64_t>(provider_id));
    st.bind(2, month);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::optional<ObjectionFileBytes> objection_file_bytes(SQLite::Database& db, Id file_id, bool thumb) {
    SQLite::Statement st(db, std::string("SELECT f.objection_id, s.provider_id, ") +
                                 (thumb ? "'image/jpeg', f.thumb" : "f.mime, f.bytes") +
                                 " FROM settlement_objection_files f JOIN settlement_objections o ON o.id = f.objection_id"
                                 " JOIN settlement_statements s ON s.id = o.statement_id WHERE f.id = ?" +
                                 (thumb ? " AND f.thumb IS NOT NULL" : ""));
    st.bind(1, static_cast<std::int64_t>(file_id));
    if (!st.executeStep()) return std::nullopt;
    return ObjectionFileBytes{st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                              columns::blob(st, 3)};
}

}  // namespace yiyang::store
