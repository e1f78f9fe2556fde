// Signed quarterly reports and their corrections in SQLite (签署与封存, issue 10, migration 20): what a signature
// certified (figures, snapshot, PDF, XLSX with their SHA-256, never changed), the countersignature or return, and
// the corrections that let records of a sealed quarter change until a supplement is signed. SQL only.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct SignedReportRow {
    Id id = 0;
    std::string quarter;                // Period::code(): "2024-Q1"
    std::int64_t supplement_no = 0;
    std::optional<Id> cites_id;
    std::string title_zh, district_name;
    std::string status;                 // signed | countersigned | returned | superseded
    std::string signed_by, signed_role; // display name, role label
    std::optional<Id> signed_by_id;
    LocalSeconds signed_at = 0;
    std::string sign_note;
    std::string countersigned_by;
    std::optional<Id> countersigned_by_id;
    LocalSeconds countersigned_at = 0;  // 0: not countersigned
    std::string countersign_note;
    std::string returned_reason, returned_by;
    LocalSeconds returned_at = 0;
    std::string reason;                 // supplements: why the correction was opened
    std::string figures, figures_sha256;          // canonical JSON
    std::string snapshot_sha256;
    std::int64_t snapshot_rows = 0, snapshot_bytes = 0;
    std::string pdf_sha256, xlsx_sha256;
    std::string changes = "[]";         // JSON array of {code, label_zh, before, after}
};
struct SignedReportFiles {
    std::string snapshot, pdf, xlsx;
};

// The quarter's reports, newest first (without the files).
std::vector<SignedReportRow> signed_reports(SQLite::Database& db, const std::string& quarter);
std::optional<SignedReportRow> signed_report(SQLite::Database& db, Id id);
// The report that holds the quarter now (status signed or countersigned), if any.
std::optional<SignedReportRow> head_report(SQLite::Database& db, const std::string& quarter);
// The latest report not returned (the one a supplement cites), if any.
std::optional<SignedReportRow> latest_kept_report(SQLite::Database& db, const std::string& quarter);
Id insert_signed_report(SQLite::Database& db, const SignedReportRow& r, const SignedReportFiles& files);
// "pdf" | "xlsx" | "snapshot": the stored bytes.
std::optional<std::string> signed_report_file(SQLite::Database& db, Id id, const std::string& kind);
void countersign_report(SQLite::Database& db, Id id, const std::string& by, Id by_id, LocalSeconds at,
                        const std::string& note);
void return_report(SQLite::Database& db, Id id, const std::string& by, LocalSeconds at, const std::string& reason);
void supersede_report(SQLite::Database& db, Id id);

struct CorrectionRow {
    Id id = 0;
    std::string quarter;
    Id report_id = 0;
    std::string reason, opened_by;
    std::optional<Id> opened_by_id;
    LocalSeconds opened_at = 0;
};
std::optional<CorrectionRow> open_correction(SQLite::Database& db, const std::string& quarter);
Id insert_correction(SQLite::Database& db, const CorrectionRow& c);
void close_correction(SQLite::Database& db, Id id, Id report_id, LocalSeconds at);

// Quarters sealed now: a signed or countersigned report and no open correction — (quarter, report id).
std::vector<std::pair<std::string, Id>> sealed_quarters(SQLite::Database& db);

}  // namespace yiyang::store
