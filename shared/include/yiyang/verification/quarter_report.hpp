// The quarterly verification report (核查报告) assembled from the computed figures: the seed's tables, display-ready,
// each figure with its drill code and (when given) the previous quarter's figure beside it. Pure: figures in,
// wire::QuarterReport out; percentages cut by the report rule.
//
// Usage: QuarterFigures f{physical, info, news, deaths, draw, callbacks, survey};
//        auto r = quarter_report({quarter, "莆田市涵江区", rule, versions, now_iso}, f, nullptr);
//        wire::find_cell(r, "physical.records")->text == "9562"
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/info_service_fees.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/common.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/sampling.hpp"
#include "yiyang/wire/verification_report.hpp"

namespace yiyang::verification {

// Everything computed for one quarter (and town). References: the caller keeps them alive.
struct QuarterFigures {
    const PhysicalServiceReport& physical;
    const InfoServiceQuarter& info;
    const NewSubjects& news;
    const DeathCheck& deaths;
    const SampleDraw& draw;
    const CallbackFigures& callbacks;
    const SurveyFigures& survey;
};

struct QuarterReportInput {
    Period quarter{PeriodKind::Quarter, 2024, 1};
    std::string district_name;               // "莆田市涵江区" (the deployment's)
    ReportRule rule;
    std::vector<std::string> rule_versions;  // shown on the report
    std::string generated_at;                // ISO-8601, passed in (time is never read here)
    Date death_window_from{}, death_window_to{};   // the window the deducted deaths are of (shown in the labels)
    Fen physical_unit_fee = 0, info_unit_fee = 0;  // for the column headers (单次服务金额30元, 信息费（20元/月/人）)
    std::string recommendations_zh;          // "" = the default text, built from the figures
    // false when no callback sample was drawn for the quarter: the table 回访 says 尚未抽样 and shows no figure
    // (its drill codes kept, without values) — the report never draws a sample of its own.
    bool drawn = true, previous_drawn = true;   // this quarter's, the previous quarter's
    // The physical-service fee of each month when a rule changes inside the quarter (the header names them all).
    std::optional<std::array<Fen, 3>> physical_month_fees;
    // The previous quarter sealed by a signed report: its figures as signed (drill code → text, the signed report's
    // figures) replace the recomputed ones beside each figure (matched by the recomputed previous cell's drill
    // code; a figure the signed report has not is left without one), and the label says which report
    // ("已签署" | "补充报告第N号"). Empty label: the recomputed figures.
    std::map<std::string, std::string> previous_signed;
    std::string previous_signed_zh;
};

// previous: the previous quarter's figures (same layout), or nullptr.
wire::QuarterReport quarter_report(const QuarterReportInput& in, const QuarterFigures& now, const QuarterFigures* previous);

// "286860" for 28 686 000 fen; "103680.50" when there are fen.
std::string yuan_text(Fen fen);
// The default 意见建议, from the figures (and the previous quarter's, for the comparisons).
std::string default_recommendations(const wire::QuarterReport& r);

}  // namespace yiyang::verification
