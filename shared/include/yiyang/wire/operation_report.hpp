// Wire format of the operation reports (issue 13, part reports): the monthly operation analysis report
// (月度运营分析报告), the annual project summary (项目总结报告) and the survey analysis report (调查分析报告), as
// GET /api/v1/reports/{kind}?period= builds them (shared/operation_report.hpp) — tables display-ready (the cells of
// the verification report: wire/verification_report.hpp ReportTable), charts as numbers, the supervisor's text —
// and the signed reports of POST …/sign (GET /api/v1/reports/signed).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"
#include "yiyang/wire/verification_report.hpp"

namespace yiyang::wire {

struct ChartSeries {
    std::string name_zh;                 // "本月", "服务满意率"
    std::vector<std::optional<double>> values;   // one per category; null = no data (a gap in a line)
    friend bool operator==(const ChartSeries&, const ChartSeries&) = default;
};
void to_json(json& j, const ChartSeries& s);
void from_json(const json& j, ChartSeries& s);

// A chart: "line" (the year's trend, percent 0–100) or "bar" (counts), drawn by the PDF (cairo), the workbook
// (a native Excel chart over the table `table_code`'s cells) and the screen (ImGui draw list).
struct ReportChart {
    std::string code;                    // "trend_main", "by_channel"
    std::string kind;                    // "line" | "bar"
    std::string title_zh;
    std::string unit;                    // "percent" | "count"
    std::vector<std::string> categories; // "2月", "电话" …
    std::vector<ChartSeries> series;
    std::string table_code;              // the table whose rows are the categories (XLSX chart ranges)
    friend bool operator==(const ReportChart&, const ReportChart&) = default;
};
void to_json(json& j, const ReportChart& c);
void from_json(const json& j, ReportChart& c);

struct OperationReport {
    std::string kind;                    // "month" | "year" | "survey"
    std::string period;                  // "2026-11" (month) | "2026-02" (the project year's first month)
    std::string period_label_zh;         // "2026年11月" | "2026年2月—2027年1月"
    std::string title_zh;                // "2026年11月月度运营分析报告"
    std::string previous_period;         // "2026-10" (month reports; "" otherwise)
    std::string targets_version;         // kpi-targets version the indicators were judged by
    std::vector<ReportTable> tables;
    std::vector<ReportChart> charts;
    std::string problems_zh;             // 问题与建议 (the supervisor's text; the saved draft, or "")
    std::string draft_saved_at;          // "" = no draft saved
    std::string draft_saved_by;
    std::string generated_at;
    friend bool operator==(const OperationReport&, const OperationReport&) = default;
};
void to_json(json& j, const OperationReport& r);
void from_json(const json& j, OperationReport& r);

// A signed report (figures JSON, PDF and XLSX kept as signed, with their SHA-256; never changed). A second
// signature of the same report is a numbered supplement (补充报告第N号) citing the one before.
struct SignedOperationReport {
    Id id = 0;
    std::string kind, period, title_zh;
    int supplement_no = 0;               // 0 = the report itself
    std::optional<Id> supersedes;        // the signed report a supplement corrects
    std::string signed_by, signed_at;
    std::string note_zh;                 // a supplement's reason
    std::string figures_sha256, pdf_sha256, xlsx_sha256;
    std::int64_t pdf_bytes = 0, xlsx_bytes = 0;
    // The bureau leader's countersign (会签) or return (退回), recorded beside the sealed report (its files never change):
    // status "signed" (已签署、待会签) | "countersigned" (已会签) | "returned" (已退回) | "superseded" (已被补充报告更正,
    // undecided and corrected by a later supplement).
    std::string status = "signed", status_zh = "已签署、待会签";
    std::string decided_by, decided_at;  // "" = no decision yet
    std::string decision_note_zh;        // the countersign's note, or the return's reason
    std::optional<Id> superseded_by;     // the supplement that corrects it
    friend bool operator==(const SignedOperationReport&, const SignedOperationReport&) = default;
};
void to_json(json& j, const SignedOperationReport& r);
void from_json(const json& j, SignedOperationReport& r);

// POST /api/v1/reports/signed/{id}/countersign {note?} | /return {reason} (empty fields are not sent)
struct ReportDecisionRequest {
    std::string note;                    // countersign: optional, ≤ 500 characters
    std::string reason;                  // return: required, 2–500 characters
    friend bool operator==(const ReportDecisionRequest&, const ReportDecisionRequest&) = default;
};
void to_json(json& j, const ReportDecisionRequest& r);
void from_json(const json& j, ReportDecisionRequest& r);

struct SignedOperationReportList {
    std::vector<SignedOperationReport> items;
    friend bool operator==(const SignedOperationReportList&, const SignedOperationReportList&) = default;
};
void to_json(json& j, const SignedOperationReportList& r);
void from_json(const json& j, SignedOperationReportList& r);

// One signed report with its figures as signed (GET /api/v1/reports/signed/{id}).
struct SignedOperationReportDetail {
    SignedOperationReport report;
    OperationReport figures;
    friend bool operator==(const SignedOperationReportDetail&, const SignedOperationReportDetail&) = default;
};
void to_json(json& j, const SignedOperationReportDetail& r);
void from_json(const json& j, SignedOperationReportDetail& r);

}  // namespace yiyang::wire
