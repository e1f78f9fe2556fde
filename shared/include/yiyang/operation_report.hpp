// The operation reports of issue 13 (item 19 of the Zhongshan target table; Yingkou 2.7, 2.15; Zhongshan 七):
//   月度运营分析报告  month_report: a month's indicators against their targets with the previous month and Δ, the
//                     trend of the project year's months so far, requests by channel, type and town (with the
//                     previous month), the provider ranking, SLA compliance per rule, the supervisor's 问题与建议;
//   项目总结报告      year_report: the project year's figures (combined from its months) with the months side by side;
//   调查分析报告      survey_report: the questionnaire's answers (question 7, 1 非常满意 … 5 很不满意) — each answer's
//                     distribution, by town and by provider — and the callback questionnaires imported in the
//                     quarterly verification (回访 / 满意度调查: outcome, overall, staff, package, SOS), by town.
// Every figure comes from the inputs (the server passes GET /api/v1/kpis's replies and grouped counts): nothing is
// computed twice, so a month report's indicators EQUAL the KPI endpoint's for that month. Pure, deterministic.
// And the report indicators (monthly_operation_reports, project_summary_reports, survey_analysis_reports) from the
// signed reports.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/period.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/target_table.hpp"
#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/operation_report.hpp"

namespace yiyang::reports {

// Requests (work orders by created day) of one period, grouped.
struct RequestCounts {
    std::map<Channel, std::int64_t> by_channel;
    std::map<OrderType, std::int64_t> by_type;
    std::map<Id, std::int64_t> by_town;
    std::int64_t total() const;
};

// One provider's month, from the same per-provider counts the indicators sum (kpi_monthly / kpi_sla_monthly):
// orders = requests received (response_rate's denominator), acceptance = response_rate, on_time = every SLA
// clock met / decided, satisfaction = the satisfaction formula's counts.
struct ProviderMonth {
    Id id = 0;
    std::string name;
    std::int64_t orders = 0;
    Ratio acceptance, on_time, satisfaction;
};

struct MonthInputs {
    Period month;
    ProjectYear year;
    wire::KpisReply kpis;                         // GET /api/v1/kpis of the month (city)
    std::optional<wire::KpisReply> previous;      // of the previous month (none before the platform's data)
    std::vector<wire::KpisReply> trend;           // the project year's months up to and including the month, in order
    RequestCounts requests, previous_requests;
    std::map<Id, std::string> town_names;         // every town
    std::vector<ProviderMonth> providers;         // the month's providers with orders
    std::string problems_zh;
    std::string generated_at;
    std::size_t ranking_rows = 20;                // the ranking's length shown (the rest counted in its note)
};
wire::OperationReport month_report(const MonthInputs& in);

struct YearInputs {
    ProjectYear year;
    // The target table (target_table.hpp) of the last month so far: the year's figure of every indicator is its
    // year_to_date (GET /api/v1/kpis over the project year through that month — never a sum of months: a stock such
    // as 平台服务商数量 is the year's, a rate the year's counts) and its judgement is the table's, one definition.
    wire::TargetTableReply table;
    std::vector<wire::KpisReply> months;          // the months so far (≤ 12), in order
    std::vector<RequestCounts> requests;          // one per month in `months`
    std::string problems_zh;
    std::string generated_at;
};
wire::OperationReport year_report(const YearInputs& in);

// The callback questionnaires staff import in the quarterly verification (list_callbacks, 回访 / 满意度调查 of
// issue 10) dated in [first, last], each under the town of its subject's elder (0 = no elder found: 未登记).
// A row's id_number is the key its subject is counted by: the ID number as imported, or for a row naming only a
// phone the registry's ID number of the one elder with that phone, else the phone (the import's own subject).
// The figures are the verification's (verification/callbacks.hpp: each subject by its last call); only counts
// leave survey_report — never an ID number or a phone.
struct SurveyCallbacks {
    Date first{}, last{};
    std::map<Id, std::vector<CallbackRow>> by_town;
};

// Questionnaire answers (1..5) counted per (town, provider) of a period, and the imported callbacks.
struct SurveyInputs {
    ProjectYear year;
    std::map<std::pair<Id, Id>, std::array<std::int64_t, 5>> answers;   // (town, provider) → count per answer 1..5
    SurveyCallbacks callbacks;
    std::map<Id, std::string> town_names, provider_names;
    std::string problems_zh;
    std::string generated_at;
    std::size_t provider_rows = 20;
};
wire::OperationReport survey_report(const SurveyInputs& in);

// Δ of two values as shown: percent → percentage points "+1.25个百分点" (exact difference, rounded half-up once),
// counts "+5" / "-3"; "—" when either is undefined.
std::string delta_text(const Ratio& now, const Ratio& before, bool percent);

// ---- the report indicators ---------------------------------------------------------------------------------
// monthly_operation_reports (kind "month"), project_summary_reports ("year"), survey_analysis_reports ("survey").
bool is_report_kpi(std::string_view code);
const char* report_kind_of(std::string_view code);   // "month" | "year" | "survey"; throws for another code
struct SignedReportRef {
    Id id = 0;
    std::string kind;                             // month | year | survey
    Date covered_first, covered_last;             // the period the report covers
};
// Count of the distinct periods of the kind whose report is signed and whose covered period ENDS within
// [first, last] (a month's report counts in that month; the year's summary in its last month); a period signed
// again (a supplement) counts once — its numerator id is the latest signature (the one in force).
KpiResult compute_report_kpi(const KpiTarget& target, const std::vector<SignedReportRef>& signed_reports,
                             const Date& first, const Date& last);

}  // namespace yiyang::reports
