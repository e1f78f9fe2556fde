// Signed quarterly reports and corrections in SQLite (store/verification_signoff.hpp).
#include "store/verification_signoff.hpp"

#include "store/columns.hpp"

namespace yiyang::store {

namespace {

using namespace columns;

constexpr const char* kColumns =
    "id, quarter, supplement_no, cites_id, title_zh, district_name, status, signed_by, signed_role, signed_by_id, "
    "signed_at, sign_note, countersigned_by, countersigned_by_id, countersigned_at, countersign_note, returned_reason, "
    "returned_by, returned_at, reason, figures, figures_sha256, snapshot_sha256, snapshot_rows, length(snapshot), "
    "pdf_sha256, xlsx_sha256, changes";

SignedReportRow row_of(SQLite::Statement& st) {
    SignedReportRow r;
    r.id = st.getColumn(0).getInt64();
    r.quarter = text(st, 1);
    r.supplement_no = st.getColumn(2).getInt64();
    r.cites_id = opt_id(st, 3);
    r.title_zh = text(st, 4);
    r.district_name = text(st, 5);
    r.status = text(st, 6);
    r.signed_by = text(st, 7);
    r.signed_role = text(st, 8);
    r.signed_by_id = opt_id(st, 9);
    r.signed_at = secs(st, 10);
    r.sign_note = text(st, 11);
    r.countersigned_by = text(st, 12);
    r.countersigned_by_id = opt_id(st, 13);
    r.countersigned_at = secs(st, 14);
    r.countersign_note = text(st, 15);
    r.returned_reason = text(st, 16);
    r.returned_by = text(st, 17);
    r.returned_at = secs(st, 18);
    r.reason = text(st, 19);
    r.figures = text(st, 20);
    r.figures_sha256 = text(st, 21);
    r.snapshot_sha256 = text(st, 22);
    r.snapshot_rows = st.getColumn(23).getInt64();
    r.snapshot_bytes = st.getColumn(24).getInt64();
    r.pdf_sha256 = text(st, 25);
    r.xlsx_sha256 = text(st, 26);
    r.changes = text(st, 27);
    return r;
}

// The rows of "SELECT kColumns FROM signed_reports <tail>", `key` bound to the tail's one parameter: the one reader
// of every signed-report query.
template <class K>
std::vector<SignedReportRow> reports_where(SQLite::Database& db, const char* tail, const K& key) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM signed_reports " + tail);
    st.bind(1, key);
    std::vector<SignedReportRow> out;
    while (st.executeStep()) out.push_back(row_of(st));
    return out;
}
template <class K>
std::optional<SignedReportRow> first_where(SQLite::Database& db, const char* tail, const K& key) {
    auto rows = reports_where(db, tail, key);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

}  // namespace

std::vector<SignedReportRow> signed_reports(SQLite::Database& db, const std::string& quarter) {
    return reports_where(db, "WHERE quarter = ? ORDER BY id DESC", quarter);
}

std::optional<SignedReportRow> signed_report(SQLite::Database& db, Id id) {
    return first_where(db, "WHERE id = ?", static_cast<std::int64_t>(id));
}

std::optional<SignedReportRow> head_report(SQLite::Database& db, const std::string& quarter) {
    return first_where(db, "WHERE quarter = ? AND status IN ('signed', 'countersigned') ORDER BY id DESC LIMIT 1", quarter);
}

std::optional<SignedReportRow> latest_kept_report(SQLite::Database& db, const std::string& quarter) {
    return first_where(db, "WHERE quarter = ? AND status != 'returned' ORDER BY id DESC LIMIT 1", quarter);
}

Id insert_signed_report(SQLite::Database& db, const SignedReportRow& r, const SignedReportFiles& files) {
    SQLite::Statement st(db,
                         "INSERT INTO signed_reports (quarter, supplement_no, cites_id, title_zh, district_name, status, "
                         "signed_by, signed_role, signed_by_id, signed_at, sign_note, reason, figures, figures_sha256, "
                         "snapshot, snapshot_sha256, snapshot_rows, pdf, pdf_sha256, xlsx, xlsx_sha256, changes) "
                         "VALUES (?, ?, ?, ?, ?, 'signed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 1;
    st.bind(i++, r.quarter);
    st.bind(i++, static_cast<std::int64_t>(r.supplement_no));
    bind_opt(st, i++, r.cites_id);
    st.bind(i++, r.title_zh);
    st.bind(i++, r.district_name);
    st.bind(i++, r.signed_by);
    st.bind(i++, r.signed_role);
    bind_opt(st, i++, r.signed_by_id);
    st.bind(i++, static_cast<std::int64_t>(r.signed_at));
    st.bind(i++, r.sign_note);
    st.bind(i++, r.reason);
    st.bind(i++, r.figures);
    st.bind(i++, r.figures_sha256);
    st.bind(i++, files.snapshot.data(), static_cast<int>(files.snapshot.size()));
    st.bind(i++, r.snapshot_sha256);
    st.bind(i++, static_cast<std::int64_t>(r.snapshot_rows));
    st.bind(i++, files.pdf.data(), static_cast<int>(files.pdf.size()));
    st.bind(i++, r.pdf_sha256);
    st.bind(i++, files.xlsx.data(), static_cast<int>(files.xlsx.size()));
    st.bind(i++, r.xlsx_sha256);
    st.bind(i++, r.changes);
    st.exec();
    return db.getLastInsertRowid();
}

std::optional<std::string> signed_report_file(SQLite::Database& db, Id id, const std::string& kind) {
    if (kind != "pdf" && kind != "xlsx" && kind != "snapshot") return std::nullopt;
    SQLite::Statement st(db, "SELECT " + kind + " FROM signed_reports WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    const auto c = st.getColumn(0);
    return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

void countersign_report(SQLite::Database& db, Id id, const std::string& by, Id by_id, LocalSeconds at,
                        const std::string& note) {
    SQLite::Statement st(db, "UPDATE signed_reports SET status = 'countersigned', countersigned_by = ?, "
                             "countersigned_by_id = ?, countersigned_at = ?, countersign_note = ? WHERE id = ?");
    st.bind(1, by);
    st.bind(2, static_cast<std::int64_t>(by_id));
    st.bind(3, static_cast<std::int64_t>(at));
    st.bind(4, note);
    st.bind(5, static_cast<std::int64_t>(id));
    st.exec();
}

void return_report(SQLite::Database& db, Id id, const std::string& by, LocalSeconds at, const std::string& reason) {
    SQLite::Statement st(db, "UPDATE signed_reports SET status = 'returned', returned_by = ?, returned_at = ?, "
                             "returned_reason = ? WHERE id = ?");
    st.bind(1, by);
    st.bind(2, static_cast<std::int64_t>(at));
    st.bind(3, reason);
    st.bind(4, static_cast<std::int64_t>(id));
    st.exec();
}

void supersede_report(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, "UPDATE signed_reports SET status = 'superseded' WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    st.exec();
}

std::optional<CorrectionRow> open_correction(SQLite::Database& db, const std::string& quarter) {
    SQLite::Statement st(db, "SELECT id, quarter, report_id, reason, opened_by, opened_by_id, opened_at "
                             "FROM signoff_corrections WHERE quarter = ? AND closed_by_report IS NULL");
    st.bind(1, quarter);
    if (!st.executeStep()) return std::nullopt;
    CorrectionRow c;
    c.id = st.getColumn(0).getInt64();
    c.quarter = text(st, 1);
    c.report_id = st.getColumn(2).getInt64();
    c.reason = text(st, 3);
    c.opened_by = text(st, 4);
    c.opened_by_id = opt_id(st, 5);
    c.opened_at = secs(st, 6);
    return c;
}

Id insert_correction(SQLite::Database& db, const CorrectionRow& c) {
    SQLite::Statement st(db, "INSERT INTO signoff_corrections (quarter, report_id, reason, opened_by, opened_by_id, "
                             "opened_at) VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, c.quarter);
    st.bind(2, static_cast<std::int64_t>(c.report_id));
    st.bind(3, c.reason);
    st.bind(4, c.opened_by);
    bind_opt(st, 5, c.opened_by_id);
    st.bind(6, static_cast<std::int64_t>(c.opened_at));
    st.exec();
    return db.getLastInsertRowid();
}

void close_correction(SQLite::Database& db, Id id, Id report_id, LocalSeconds at) {
    SQLite::Statement st(db, "UPDATE signoff_corrections SET closed_by_report = ?, closed_at = ? WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(report_id));
    st.bind(2, static_cast<std::int64_t>(at));
    st.bind(3, static_cast<std::int64_t>(id));
    st.exec();
}

std::vector<std::pair<std::string, Id>> sealed_quarters(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT r.quarter, r.id FROM signed_reports r WHERE r.status IN ('signed', 'countersigned') "
                             "AND NOT EXISTS (SELECT 1 FROM signoff_corrections c WHERE c.quarter = r.quarter "
                             "AND c.closed_by_report IS NULL) ORDER BY r.quarter");
    std::vector<std::pair<std::string, Id>> out;
    while (st.executeStep()) out.emplace_back(text(st, 0), st.getColumn(1).getInt64());
    return out;
}

}  // namespace yiyang::store
