// 报表 (issue 13, part reports; read_reports: admin, supervisor, leader): the operation reports — 月度运营分析报告 of
// a month, 项目总结报告 of the project year, 调查分析报告 — previewed (GET /api/v1/reports/operation: every table and
// chart the server computed), the supervisor's 问题与建议 edited and saved as a draft (PUT …/draft), signed (POST
// …/sign; a report signed before needs a reason: a numbered supplement), the signed ones listed with their PDF and
// XLSX downloads (GET /api/v1/reports/signed, …/{id}/file) and their status; the bureau leader countersigns (会签)
// or returns (退回, a reason) a report awaiting it (POST …/signed/{id}/countersign | return, after a confirmation).
// Nothing is computed here.
#pragma once
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/wire/operation_report.hpp"

namespace yiyang::client {

struct ReportsState {
    std::string kind = "month";                 // month | year | survey
    std::string period;                         // "2026-11" ("" = the previous month on entering)
    bool loading = false;
    std::optional<wire::OperationReport> report;
    std::string error;
    std::string problems;                       // the text being edited
    bool problems_dirty = false;
    std::string note;                           // a supplement's reason
    bool acting = false;
    std::string action_error, action_notice;
    std::optional<wire::SignedOperationReportList> signed_list;
    // The leader's decision being written: the signed report, "countersign" | "return", the note / reason, and the
    // server's refusal of the field (422) shown beside it.
    std::int64_t decision_id = 0;
    std::string decision_action;
    std::string decision_text;
    std::string decision_error;
};

struct ReloadReports {};
struct SelectReportKind { std::string kind; };
struct ShiftReportMonth { int months = 0; };
struct EditReportProblems { std::string text; };
struct EditReportNote { std::string text; };
struct SaveReportDraft {};
struct SignReport {};
struct DownloadSignedReport { std::int64_t id = 0; std::string format; };   // pdf | xlsx
struct DownloadReportDraft { std::string format; };
struct StartReportDecision { std::int64_t id = 0; std::string action; };   // countersign | return
struct EditReportDecision { std::string text; };
struct SubmitReportDecision {};                                             // asks for confirmation first
struct CancelReportDecision {};

using ReportsIntent = std::variant<ReloadReports, SelectReportKind, ShiftReportMonth, EditReportProblems, EditReportNote,
                                   SaveReportDraft, SignReport, DownloadSignedReport, DownloadReportDraft,
                                   StartReportDecision, EditReportDecision, SubmitReportDecision, CancelReportDecision>;

// What the browser tests read of this area (yiyang_test_state()["reports"]); defined in app/reports.cpp.
nlohmann::json test_state_of(const ReportsState& s);

}  // namespace yiyang::client
