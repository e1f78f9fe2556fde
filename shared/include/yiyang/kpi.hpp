// Performance indicators (KPIs, 绩效指标): targets as versioned data (assets/rules/kpi-targets.json) and the
// figures computed from work orders and call records, each with the IDs behind its numerator and denominator
// (drill-down: GET /kpis/{code}/records) and an exact met / not-met against its target.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/calendar.hpp"
#include "yiyang/date.hpp"
#include "yiyang/period.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"
#include "yiyang/sla.hpp"

namespace yiyang {

enum class KpiComparison { Ge, Gt, Le, Lt, Eq };   // codes "ge" "gt" "le" "lt" "eq"
enum class KpiSource { Records, Entered };         // "records" (computed here) | "entered" (with evidence)
const char* code(KpiComparison v);
const char* code(KpiSource v);
const char* symbol(KpiComparison v);                 // "≥" "＞" "≤" "＜" "="

struct KpiTarget {
    std::string code;              // "response_rate"
    int item = 0;                  // row (1)..(19) of the Zhongshan target table; 0 = from another contract
    std::string name_zh;           // 来电诉求响应率
    KpiComparison comparison = KpiComparison::Ge;
    Ratio target;                  // percent: 95/100; counts: 6/1
    std::string unit;              // "percent" | "count" | "per_week" | "as_needed"
    std::string period;            // "month" | "quarter" | "project_year"
    KpiSource source = KpiSource::Records;
    std::string requirement_zh;    // the table's wording, e.g. 95%以上, 按需开展 (optional)

    bool is_percent() const { return unit == "percent"; }
    // "≥ 95%", "＜ 2%", "= 100%", "≥ 6", "≥ 2 / 周"; "按需开展" for as_needed.
    std::string target_text() const;
};

// A row group of the printed target table (附件2): the contract's item (1)..(19) with its 服务项目 (category),
// 具体内容 (title) and the description of the work (具体要求). Optional in a target set ("rows"); the table then
// shows the indicators' names alone.
struct KpiTableRow {
    int item = 0;
    std::string category_zh;       // 养老服务需求响应与管理
    std::string title_zh;          // 提供话务服务（2026年2月-2027年2月）
    std::string content_zh;        // 工作日接听处理88885252养老服务热线来电诉求……
    bool operator==(const KpiTableRow&) const = default;
};

struct KpiTargetSet {
    std::string version;           // "zhongshan-2026-v1"
    Date effective_from;
    // The first day of the contract's project years (项目年度; Zhongshan: 2026-02-01 … 2027-01-31). Optional in the
    // JSON ("project_start"); absent = effective_from, so a correction published mid-year must name it.
    Date project_start;
    std::vector<KpiTarget> items;  // codes unique
    std::vector<KpiTableRow> rows; // by item, ascending, unique; empty = no layout

    const KpiTarget* find(std::string_view code) const;   // nullptr when absent
    const KpiTableRow* row(int item) const;                 // nullptr when absent
};

// A project year (项目年度): twelve months from the project start or one of its anniversaries. THE definition used
// by the target table, the reports and every "project_year" period of a target.
struct ProjectYear {
    Date first, last;              // inclusive: 2026-02-01 … 2027-01-31
    int number = 1;                // 1 = the first year of the contract
    std::string label_zh() const;  // "2026年2月—2027年1月"
    std::vector<Period> months() const;   // the twelve month periods, in order
    bool contains(const Date& d) const { return !(d < first) && !(last < d); }
    // As a reporting period: the whole year ("2026-P02"), or its months up to and including `through`
    // ("2026-P02-10" through 2026-11: the year to date of that month). `through` outside the year: the whole year.
    Period period() const;
    Period period_through(const Period& through) const;
};
// The project year containing `d`; a day before the project start belongs to year 1 (nothing is counted there).
ProjectYear project_year_of(const KpiTargetSet& targets, const Date& d);

// One target set is ONE JSON object:
//   {"version": "...", "effective_from": "YYYY-MM-DD", "comment": "..." (optional),
//    "items": [{"code": "satisfaction", "item": 1, "name_zh": "服务满意率", "comparison": "ge",
//               "target": {"num": 95, "den": 100}  (percent)  |  "target": 6  (count, integer >= 0),
//               "unit": "percent", "period": "month", "source": "records", "requirement_zh": "95%以上"}]}
// Percent targets must be an object {num, den} with 0 <= num <= den, den > 0; other units an integer.
// Unknown fields are rejected. Errors throw std::invalid_argument naming the set, the item and the field:
//   KPI targets "zhongshan-2026-v1", items[3] (satisfaction): field "comparison" must be one of ge, gt, le, lt, eq
void from_json(const nlohmann::json& j, KpiTarget& t);
void to_json(nlohmann::json& j, const KpiTarget& t);
void from_json(const nlohmann::json& j, KpiTargetSet& s);
void to_json(nlohmann::json& j, const KpiTargetSet& s);

// A call for the telephony indicators (接通率, 话务量, 坐席数). Named KpiCall so it does not clash with the call
// detail records of cdr.hpp; callers map those into this plain shape.
struct KpiCall {
    Id id = 0;
    bool inbound = true;           // false = outbound (回访, 外呼)
    LocalSeconds started_at = 0;
    bool answered = false;
    std::string agent;             // agent (坐席) login; "" when nobody picked up
};

struct KpiResult {
    std::string code;
    std::string name_zh;
    Ratio value;                   // percent: num/den (den 0 = no data); counts: n/1
    bool is_count = false;
    std::string display;           // "95.00%", "—" (no data), or the count "6"
    std::string target_text;
    bool met = false;              // exact; no data is never met
    std::vector<Id> numerator_ids;     // ascending, unique
    std::vector<Id> denominator_ids;   // ascending, unique (empty for counts)
    // How many records are behind each side: the lists' sizes, or (figures summed from the per-day
    // aggregates of kpi_aggregate.hpp, which carry no ID lists) the summed counts.
    std::int64_t numerator_count = 0;
    std::int64_t denominator_count = 0;
    // A ratio's failures (the drill-down's 未达标: the denominator's records not in the numerator, e.g. the 11
    // unanswered requests); none for counts. The size of failure_ids, or from the summed counts.
    std::optional<std::int64_t> failure_count;
};
void to_json(nlohmann::json& j, const KpiResult& r);

// Exact comparison of a value with a target (cross-multiplication); an undefined value is not met.
bool kpi_met(const Ratio& value, KpiComparison cmp, const Ratio& target);

// Builds a result from a figure: sorts and de-duplicates the ID lists; for non-percent targets the value is
// a count (num / 1) and the denominator list is left as given (usually empty). Used for entered figures too.
KpiResult make_kpi_result(const KpiTarget& target, Ratio value, std::vector<Id> numerator_ids,
                          std::vector<Id> denominator_ids);

// The records that fail a ratio (the drill-down's 未达标 list: the 11 unanswered requests of a response rate):
// the denominator's IDs not in the numerator. Both ascending and unique (KpiResult); so is the result.
std::vector<Id> failure_ids(const std::vector<Id>& numerator_ids, const std::vector<Id>& denominator_ids);

// A figure from counts alone (no ID lists): what the per-day aggregates give (kpi_aggregate.hpp). Same value,
// display and met as make_kpi_result over lists of these sizes.
KpiResult make_kpi_result_counts(const KpiTarget& target, Ratio value, std::int64_t numerator_count,
                                 std::int64_t denominator_count);

// ---- computed from work orders --------------------------------------------------------------------
// The caller passes the orders of the period (by created_at) already filtered by town / provider.
//   response_rate          handled (any status past received except cancelled; escalated counts, a supervisor
//                          holds it) / all received (cancelled stay in the denominator)
//   satisfaction           callbacks answered 1..3 / callbacks answered 1..5
//   valid_complaint_rate   complaints with complaint_valid == true / requests handled (as above)
//   demand_matching_rate   booking, referral, emergency orders at completed or later (completed, reviewed,
//                          called_back, rectifying, closed) / all such orders
//   portal_acceptance_rate public-portal orders handled / public-portal orders
//   referral_callback_rate referral orders called back (called_back, or rectifying / closed with a
//                          satisfaction answer) / referral orders at completed or later
//   emergency_answer_rate  emergencies acknowledged (确认接警) by their answer deadline / emergencies (cancelled
//                          ones included: each was a call for help to answer) — Yingkou 3.1. The deadline is
//                          sla.hpp emergency_answer_due under the SLA rules in force on the order's created day
//                          (the banner's countdown; 30 s in the shipped rules), not a constant of this file.
bool is_order_kpi(std::string_view code);

// Each order formula as two per-order predicates, the ONE definition used by compute_order_kpi (full
// recomputation from the records, drill-down) and by the per-order contributions of kpi_aggregate.hpp
// (incremental figures). in_numerator is asked only of orders in the denominator (numerator ⊆ denominator).
// `sla` is the SLA rule set in force on the order's created day (the rule data a formula may depend on).
struct OrderKpiFormula {
    const char* code;
    bool (*in_denominator)(const WorkOrder&);
    bool (*in_numerator)(const WorkOrder&, const SlaRuleSet& sla);
};
// The SLA rule set in force on a day (RuleBook::sla_on): how a caller hands the rule data to the formulas.
using SlaRulesOn = std::function<const SlaRuleSet&(const Date&)>;
// The formulas above, in this fixed order (the column order of the aggregate tables), and last kept_orders:
// the orders not cancelled (numerator = denominator), the provider activity count of provider_kpi.hpp.
const std::vector<OrderKpiFormula>& order_kpi_formulas();
// Throws std::invalid_argument when target.code is not one of the above.
KpiResult compute_order_kpi(const KpiTarget& target, const std::vector<WorkOrder>& orders_in_period,
                            const SlaRulesOn& sla_on);

// ---- computed from call records --------------------------------------------------------------------
//   connection_rate        answered inbound / inbound
//   yearly_call_volume     inbound + outbound calls (count; ids = all calls)
//   seats_per_workday      the MINIMUM over the period's workdays of distinct agents on an answered inbound or
//                          any outbound call that day (the contract asks for 2 agents every workday, so the worst
//                          day decides); ids = that day's calls. No workday in [first, last] = no data.
// Calls are the period's calls; first..last is the period (inclusive) for the workday walk — for a period
// still running, up to last_judged_day (a day not yet over cannot be judged understaffed).
bool is_call_kpi(std::string_view code);
// The last day of a period whose staffing can be judged on `today`: the period's last day once it is over,
// else yesterday (so a period that began today has no judged day: first > result, no data).
Date last_judged_day(const Date& period_last, const Date& today);
// The first day of a period whose staffing can be judged: not before the first day the hotline recorded any
// call (its go-live; nullopt = no call ever recorded: nothing to judge, the result is after period_last). A year
// that began before the centre went live would otherwise count the months before it as unstaffed workdays (the
// 年度 view showed 话务员数量 0 while every month showed 6).
Date first_judged_day(const Date& period_first, const Date& period_last, const std::optional<Date>& first_recorded);
// The per-call predicates of the telephony formulas (shared by compute_call_kpi and the per-day call
// aggregates): an inbound call (connection rate's denominator), answered inbound (numerator), and a call that
// shows its agent staffing that day (answered inbound or outbound, with an agent).
bool call_is_inbound(const KpiCall& c);
bool call_connected(const KpiCall& c);
bool call_staffs_day(const KpiCall& c);
KpiResult compute_call_kpi(const KpiTarget& target, const std::vector<KpiCall>& calls, const Date& first,
                           const Date& last, const WorkCalendar& calendar);

}  // namespace yiyang
