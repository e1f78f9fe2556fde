// The operation reports' drafts and signatures in SQLite (migration 34; issue 13, part reports) and the
// leader's countersign or return (migration 37). Writes run inside
// the writer's transaction (store/database.hpp) together with their audit event; a signature is never changed.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "yiyang/operation_report.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct ReportDraftRow {
    std::string kind, period, problems, saved_by_name;
    Id saved_by = 0;
    LocalSeconds saved_at = 0;
};
std::optional<ReportDraftRow> report_draft(SQLite::Database& db, const std::string& kind, const std::string& period);
void save_report_draft(SQLite::Database& db, const ReportDraftRow& d);

// The bureau leader's countersign (会签) or return (退回) of a signed report (migration 37): one per signed
// report, never changed; the signed row stays as sealed.
struct ReportDecisionRow {
    Id report_id = 0;
    std::string decision;                // "countersign" | "return"
    std::string note;                    // countersign: the optional note; return: the reason
    Id decided_by = 0;
    std::string decided_by_name;
    LocalSeconds decided_at = 0;
};

struct SignedOperationReportRow {
    Id id = 0;
    std::string kind, period, covered_first, covered_last, title;
    int supplement_no = 0;
    std::optional<Id> supersedes;
    std::string note;
    Id signed_by = 0;
    std::string signed_by_name;
    LocalSeconds signed_at = 0;
    std::string figures, figures_sha256, pdf_sha256, xlsx_sha256;
    std::int64_t pdf_bytes = 0, xlsx_bytes = 0;
    std::optional<ReportDecisionRow> decision;   // the leader's, if any
    std::optional<Id> superseded_by;             // the supplement that corrects it, if any
};
// Without the files' bytes. kind/period "" = any. Newest first.
std::vector<SignedOperationReportRow> signed_operation_reports(SQLite::Database& db, const std::string& kind,
                                                               const std::string& period);
std::optional<SignedOperationReportRow> signed_operation_report(SQLite::Database& db, Id id);
// The latest signature of (kind, period), if any.
std::optional<SignedOperationReportRow> latest_signed_operation_report(SQLite::Database& db, const std::string& kind,
                                                                       const std::string& period);
// One stored file's bytes: "pdf" | "xlsx".
std::string signed_operation_report_file(SQLite::Database& db, Id id, const std::string& format);
// Stores a signature (row.id ignored) and returns its id.
Id insert_signed_operation_report(SQLite::Database& db, const SignedOperationReportRow& row, const std::string& pdf,
                                  const std::string& xlsx);
// Stores the leader's decision on a signed report (a second one fails: report_id is UNIQUE).
void insert_report_decision(SQLite::Database& db, const ReportDecisionRow& d);
// The signatures whose covered period ends within [first, last] (the report indicators' input).
std::vector<reports::SignedReportRef> signed_report_refs(SQLite::Database& db, const Date& first, const Date& last);

}  // namespace yiyang::store
