// The operation reports' drafts and signatures (store/operation_reports.hpp).
#include "store/operation_reports.hpp"

#include "yiyang/date.hpp"

namespace yiyang::store {

namespace {

// The signed row with its leader's decision (if any) and the supplement that corrects it (if any).
const char* const kColumns =
    "s.id, s.kind, s.period, s.covered_first, s.covered_last, s.title, s.supplement_no, s.supersedes, s.note, "
    "s.signed_by, s.signed_by_name, s.signed_at, s.figures, s.figures_sha256, s.pdf_sha256, s.xlsx_sha256, "
    "length(s.pdf), length(s.xlsx), d.decision, d.note, d.decided_by, d.decided_by_name, d.decided_at, "
    "(SELECT min(x.id) FROM operation_reports_signed x WHERE x.supersedes = s.id)";
const char* const kFrom =
    " FROM operation_reports_signed s LEFT JOIN operation_report_decisions d ON d.report_id = s.id ";

SignedOperationReportRow read_row(SQLite::Statement& q) {
    SignedOperationReportRow r;
    r.id = q.getColumn(0).getInt64();
    r.kind = q.getColumn(1).getString();
    r.period = q.getColumn(2).getString();
    r.covered_first = q.getColumn(3).getString();
    r.covered_last = q.getColumn(4).getString();
    r.title = q.getColumn(5).getString();
    r.supplement_no = q.getColumn(6).getInt();
    if (!q.getColumn(7).isNull()) r.supersedes = q.getColumn(7).getInt64();
    r.note = q.getColumn(8).getString();
    r.signed_by = q.getColumn(9).getInt64();
    r.signed_by_name = q.getColumn(10).getString();
    r.signed_at = q.getColumn(11).getInt64();
    r.figures = q.getColumn(12).getString();
    r.figures_sha256 = q.getColumn(13).getString();
    r.pdf_sha256 = q.getColumn(14).getString();
    r.xlsx_sha256 = q.getColumn(15).getString();
    r.pdf_bytes = q.getColumn(16).getInt64();
    r.xlsx_bytes = q.getColumn(17).getInt64();
    if (!q.getColumn(18).isNull()) {
        ReportDecisionRow d;
        d.report_id = r.id;
        d.decision = q.getColumn(18).getString();
        d.note = q.getColumn(19).getString();
        d.decided_by = q.getColumn(20).getInt64();
        d.decided_by_name = q.getColumn(21).getString();
        d.decided_at = q.getColumn(22).getInt64();
        r.decision = d;
    }
    if (!q.getColumn(23).isNull()) r.superseded_by = q.getColumn(23).getInt64();
    return r;
}

}  // namespace

std::optional<ReportDraftRow> report_draft(SQLite::Database& db, const std::string& kind, const std::string& period) {
    SQLite::Statement q(db, "SELECT problems, saved_by, saved_by_name, saved_at FROM operation_report_drafts "
                            "WHERE kind = ? AND period = ?");
    q.bind(1, kind);
    q.bind(2, period);
    if (!q.executeStep()) return std::nullopt;
    return ReportDraftRow{kind, period, q.getColumn(0).getString(), q.getColumn(2).getString(),
                          q.getColumn(1).getInt64(), q.getColumn(3).getInt64()};
}

void save_report_draft(SQLite::Database& db, const ReportDraftRow& d) {
    SQLite::Statement q(db, "INSERT INTO operation_report_drafts (kind, period, problems, saved_by, saved_by_name, saved_at) "
                            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, period) DO UPDATE SET problems = excluded.problems, "
                            "saved_by = excluded.saved_by, saved_by_name = excluded.saved_by_name, saved_at = excluded.saved_at");
    q.bind(1, d.kind);
    q.bind(2, d.period);
    q.bind(3, d.problems);
    q.bind(4, d.saved_by);
    q.bind(5, d.saved_by_name);
    q.bind(6, d.saved_at);
    q.exec();
}

std::vector<SignedOperationReportRow> signed_operation_reports(SQLite::Database& db, const std::string& kind,
                                                               const std::string& period) {
    SQLite::Statement q(db, std::string("SELECT ") + kColumns + kFrom +
                                "WHERE (?1 = '' OR s.kind = ?1) AND (?2 = '' OR s.period = ?2) "
                                "ORDER BY s.id DESC LIMIT 500");
    q.bind(1, kind);
    q.bind(2, period);
    std::vector<SignedOperationReportRow> out;
    while (q.executeStep()) out.push_back(read_row(q));
    return out;
}

std::optional<SignedOperationReportRow> signed_operation_report(SQLite::Database& db, Id id) {
    SQLite::Statement q(db, std::string("SELECT ") + kColumns + kFrom + "WHERE s.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_row(q);
}

std::optional<SignedOperationReportRow> latest_signed_operation_report(SQLite::Database& db, const std::string& kind,
                                                                       const std::string& period) {
    SQLite::Statement q(db, std::string("SELECT ") + kColumns + kFrom +
                                "WHERE s.kind = ? AND s.period = ? ORDER BY s.supplement_no DESC LIMIT 1");
    q.bind(1, kind);
    q.bind(2, period);
    if (!q.executeStep()) return std::nullopt;
    return read_row(q);
}

std::string signed_operation_report_file(SQLite::Database& db, Id id, const std::string& format) {
    SQLite::Statement q(db, format == "xlsx" ? "SELECT xlsx FROM operation_reports_signed WHERE id = ?"
                                             : "SELECT pdf FROM operation_reports_signed WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return {};
    const auto col = q.getColumn(0);
    return std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()));
}

Id insert_signed_operation_report(SQLite::Database& db, const SignedOperationReportRow& r, const std::string& pdf,
                                  const std::string& xlsx) {
    SQLite::Statement q(db, "INSERT INTO operation_reports_signed (kind, period, covered_first, covered_last, title, "
                            "supplement_no, supersedes, note, signed_by, signed_by_name, signed_at, figures, figures_sha256, "
                            "pdf, pdf_sha256, xlsx, xlsx_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, r.kind);
    q.bind(2, r.period);
    q.bind(3, r.covered_first);
    q.bind(4, r.covered_last);
    q.bind(5, r.title);
    q.bind(6, r.supplement_no);
    if (r.supersedes) q.bind(7, *r.supersedes);
    else q.bind(7);
    q.bind(8, r.note);
    q.bind(9, r.signed_by);
    q.bind(10, r.signed_by_name);
    q.bind(11, r.signed_at);
    q.bind(12, r.figures);
    q.bind(13, r.figures_sha256);
    q.bind(14, pdf.data(), static_cast<int>(pdf.size()));
    q.bind(15, r.pdf_sha256);
    q.bind(16, xlsx.data(), static_cast<int>(xlsx.size()));
    q.bind(17, r.xlsx_sha256);
    q.exec();
    return db.getLastInsertRowid();
}

void insert_report_decision(SQLite::Database& db, const ReportDecisionRow& d) {
    SQLite::Statement q(db, "INSERT INTO operation_report_decisions (report_id, decision, note, decided_by, "
                            "decided_by_name, decided_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, d.report_id);
    q.bind(2, d.decision);
    q.bind(3, d.note);
    q.bind(4, d.decided_by);
    q.bind(5, d.decided_by_name);
    q.bind(6, d.decided_at);
    q.exec();
}

std::vector<reports::SignedReportRef> signed_report_refs(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement q(db, "SELECT id, kind, covered_first, covered_last FROM operation_reports_signed "
                            "WHERE covered_last BETWEEN ? AND ? ORDER BY id");
    q.bind(1, format_date(first));
    q.bind(2, format_date(last));
    std::vector<reports::SignedReportRef> out;
    while (q.executeStep()) {
        const auto f = parse_date(q.getColumn(2).getString()), l = parse_date(q.getColumn(3).getString());
        if (!f || !l) continue;
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), *f, *l});
    }
    return out;
}

}  // namespace yiyang::store
