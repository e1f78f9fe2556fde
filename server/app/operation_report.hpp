// The operation reports of issue 13 (part reports) on the server: the inputs of shared/operation_report.hpp read
// from the database — the indicators of GET /api/v1/kpis (app/indicators: the same reply, so the figures are equal),
// requests grouped by channel, type and town, the providers' indicators, the questionnaire answers — and the files:
// an A4 PDF with vector charts (app/pdf_writer + app/pdf_charts) and an XLSX with native Excel charts.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/operation_report.hpp"
#include "yiyang/wire/operation_report.hpp"

namespace yiyang::app {

// What a report covers: kind month (one month) | year (a project year) | survey (the project year's questionnaires).
struct ReportSubject {
    std::string kind;
    std::string period;          // month: "2026-11"; year/survey: the project year's first month "2026-02"
    Date first, last;            // covered, inclusive
    std::optional<Period> month; // kind month
    ProjectYear year;
};
// From the query's kind and period ("2026-11"; for year/survey any month of the project year). nullopt + why
// (Chinese) when not one of them.
std::optional<ReportSubject> report_subject(AppContext& ctx, const std::string& kind, const std::string& period,
                                            std::string& error_zh);

// The report as of now; problems_zh: the supervisor's text (the draft's, when saved).
wire::OperationReport operation_report(AppContext& ctx, const ReportSubject& s, const std::string& problems_zh);

struct OperationFileOptions {
    std::string sha256;                 // the footer's line ("" = 未封存)
    std::string exported_by;
    std::vector<std::string> seal_lines;
};
std::string operation_report_pdf(const wire::OperationReport& r, const OperationFileOptions& o);
std::string operation_report_xlsx(const wire::OperationReport& r, const OperationFileOptions& o);

}  // namespace yiyang::app
