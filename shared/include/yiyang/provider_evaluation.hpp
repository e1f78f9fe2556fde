// Provider evaluation (供应商评价调查, Zhongshan requirements 三(二)2 "002"; target table item 6): five dimensions —
// qualification 资质, reputation 信誉, contract performance 履约, activity 活跃度, satisfaction 满意度 — scored in points
// whose maxima (the weights) sum to 100, totalled EXACTLY (a Ratio) and graded 优 / 良 / 中 / 差 on half-open
// intervals of that exact total: a grade holds [its min, the next grade's min). The rule (weights, prefill
// parameters, thresholds, rounding of the shown total, the indicators' parameters) is the versioned rule data
// assets/rules/provider-evaluation.json, kind "provider_evaluation".
//
// Prefill (pure; the server hands in the provider's orders of the window): the records of the rule's window —
// the `window_months` whole months before the month of the evaluation day — give
//   performance (履约)  = acceptance_points × accepted ÷ dispatched + on_time_points × on time ÷ completed
//                         − complaint_deduction × valid complaints about the provider, clamped to [0, max]
//                         dispatched: orders of the provider dispatched in the window, not cancelled; accepted: those
//                         at accepted or later (accepted, in service, completed, reviewed, called back, closed,
//                         rectifying); completed: those with a completion time; on time: completed within
//                         on_time_hours of the dispatch. No dispatched or no completed order = no prefill.
//   activity (活跃度)   = max × min(1, orders ÷ (full_orders_per_month × window_months)): orders of the provider
//                         created in the window, not cancelled. Always prefilled (0 orders = 0 points).
//   satisfaction (满意度) = max × satisfied ÷ answered: callbacks answered (satisfaction 1–5) on the provider's
//                         orders closed in the window, satisfied = 1–3 (order_lifecycle is_satisfied). None = no prefill.
// Qualification and reputation are entered by the supervisor. A supervisor may change a prefilled score, with a
// reason; a dimension without a prefill must be entered. Entered scores are tenths of a point (0.1 steps).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::providers {

enum class Dimension { Qualification, Reputation, Performance, Activity, Satisfaction };
const char* code(Dimension d);       // qualification reputation performance activity satisfaction
const char* label_zh(Dimension d);   // 资质 信誉 履约 活跃度 满意度
std::optional<Dimension> parse_dimension(std::string_view c);
const std::vector<Dimension>& all_dimensions();

enum class Grade { Excellent, Good, Fair, Poor };
const char* code(Grade g);           // excellent good fair poor
const char* label_zh(Grade g);       // 优 良 中 差
std::optional<Grade> parse_grade(std::string_view c);

// The platform a provider is on (seed: 民政通 or 中山智慧养老平台); it decides what a 差 leads to.
enum class Platform { Mzt, SmartCare };
const char* code(Platform p);        // mzt smart_care
const char* label_zh(Platform p);    // 民政通 智慧养老平台
std::optional<Platform> parse_platform(std::string_view c);

// 差 on 民政通 → warning (预警, status warned); 差 on the smart-care platform → removal (清退, status removed).
// Lift (解除预警, status active) ends a warning; it rests on a later evaluation that is not 差 (lift_refusal).
enum class PoorAction { Warn, Remove, Lift };
const char* code(PoorAction a);      // warn remove lift
const char* label_zh(PoorAction a);  // 预警 清退 解除预警
std::optional<PoorAction> parse_poor_action(std::string_view c);
PoorAction action_for(Platform p);
ProviderStatus status_after(PoorAction a);

// May a provider's warning be lifted (解除预警)? Only a provider whose status is 预警, and only on the strength of its
// latest evaluation, which must be dated after the 差 that led to the warning and graded 中 or better (the provider
// has put things right and been evaluated again). A removal (清退) is never lifted here: coming back to the
// platform is a new admission. Returns "" when it may, else why not (Chinese, for the screen and the 409).
struct LiftBasis {
    ProviderStatus status = ProviderStatus::Active;
    std::optional<Grade> latest_grade;     // the provider's latest evaluation (none = never evaluated)
    std::optional<Date> latest_day;
    std::optional<Date> warned_on;         // the evaluation day behind the warning in force, when recorded
};
std::string lift_refusal(const LiftBasis& b);

struct GradeThreshold {
    Grade grade = Grade::Poor;
    std::int64_t min_points = 0;     // the grade holds totals >= min_points and < the next higher grade's min
};

// The defaults are the values of the first seeded version (provider-evaluation.json; a shared test keeps them equal):
// what the demo city's loader grades with before any rule is stored. Everything else reads the version in force.
struct EvaluationRule {
    std::string version;
    std::map<Dimension, std::int64_t> max_points = {{Dimension::Qualification, 20}, {Dimension::Reputation, 15},
                                                    {Dimension::Performance, 30}, {Dimension::Activity, 15},
                                                    {Dimension::Satisfaction, 20}};   // the weights; sum 100
    std::int64_t window_months = 3;
    std::int64_t acceptance_points = 15;            // + on_time_points = max_points[performance]
    std::int64_t on_time_points = 15;
    std::int64_t on_time_hours = 48;
    std::int64_t complaint_deduction = 3;           // points per valid complaint
    std::int64_t full_orders_per_month = 10;        // activity: this many orders a month = full points
    std::vector<GradeThreshold> grades = {{Grade::Excellent, 90}, {Grade::Good, 75}, {Grade::Fair, 60},
                                          {Grade::Poor, 0}};   // min_points descending, the last one 0
    Rounding rounding = Rounding::HalfUp;           // the shown total (grading uses the exact total)
    int decimals = 1;
    // Indicators (provider_kpi.hpp):
    std::int64_t active_min_orders_per_month = 5;   // 维持稳定活跃度: >= this many orders in EACH month of ...
    std::int64_t active_window_months = 3;          // ... the last this many whole months
    std::vector<ServiceCategory> required_service_items = {   // 服务项目上线率: each needs >= 1 active provider per town
        ServiceCategory::Cleaning, ServiceCategory::Meals,    ServiceCategory::Rehabilitation, ServiceCategory::Respite,
        ServiceCategory::HomeVisit, ServiceCategory::DayCare, ServiceCategory::Assessment};
};
// Body: {"version","effective_from","comment", "max_points": {"qualification": 20, ...}, "window_months",
// "performance": {"acceptance_points","on_time_points","on_time_hours","complaint_deduction"},
// "activity": {"full_orders_per_month"}, "grades": [{"grade":"excellent","min_points":90}, ...],
// "interval": "[min, next_min)", "rounding", "decimals", "active_providers": {"min_orders_per_month","window_months"},
// "required_service_items": ["cleaning", ...]}. Unknown fields refused; throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, EvaluationRule& r);
void to_json(nlohmann::json& j, const EvaluationRule& r);

// Exact sum (reduced; throws std::overflow_error beyond 64 bits).
Ratio add(const Ratio& a, const Ratio& b);
// The grade of an exact total: the first threshold (descending) whose min_points <= total.
Grade grade_of(const Ratio& total, const EvaluationRule& rule);
// "87.5" (the rule's decimals and rounding, once).
std::string points_text(const Ratio& points, const EvaluationRule& rule);

// ---- prefill --------------------------------------------------------------------------------------
struct EvalOrder {                   // one order of the provider (provider_id = the evaluated provider)
    Id id = 0;
    std::string code;
    OrderStatus status = OrderStatus::Received;
    LocalSeconds created_at = 0;
    std::optional<LocalSeconds> dispatched_at, completed_at, closed_at;
    std::optional<int> satisfaction;
};
struct EvalComplaint {               // a complaint about the provider (about_provider_id)
    Id id = 0;
    std::string code;
    LocalSeconds created_at = 0;
    bool valid = false;
};
struct EvalWindow {
    Date first, last;                // inclusive
};
// The window of an evaluation dated `day`: the rule's whole months before day's month.
EvalWindow evaluation_window(const Date& day, const EvaluationRule& rule);

struct PrefilledScore {
    Dimension dimension = Dimension::Performance;
    std::optional<Ratio> points;     // none = no records to score from (the supervisor enters it)
    std::string basis_zh;            // 接单 18/20，按时完成 15/16，有效投诉 1 件
    std::vector<Id> order_ids;       // the orders behind it (drill-down), ascending
};
struct Prefill {
    EvalWindow window;
    std::vector<PrefilledScore> scores;   // performance, activity, satisfaction (in that order)
    const PrefilledScore* find(Dimension d) const;
};
// Orders and complaints may hold rows outside the window: each definition filters by its own time.
Prefill prefill(const std::vector<EvalOrder>& orders, const std::vector<EvalComplaint>& complaints,
                const EvalWindow& window, const EvaluationRule& rule);

// ---- the supervisor's evaluation ------------------------------------------------------------------
struct ScoreInput {
    std::optional<std::int64_t> tenths;   // entered score in tenths of a point; none = keep the prefill
    std::string reason;                   // required when a prefilled score is changed
};
struct EvaluationInput {
    Date day;                             // the round (评价日期)
    std::map<Dimension, ScoreInput> scores;
    std::string note;                     // optional, <= 200 characters
};
// {"day":"YYYY-MM-DD","scores":{"qualification":{"tenths":180},"performance":{"tenths":200,"reason":"..."}},"note":""}
std::vector<FieldError> evaluation_from_json(const nlohmann::json& j, EvaluationInput& out);

struct FinalScore {
    Dimension dimension = Dimension::Qualification;
    Ratio points;
    std::optional<Ratio> prefilled;
    bool changed = false;                 // entered over a prefill
    std::string reason;
};
struct Evaluation {
    std::vector<FinalScore> scores;       // all five, in all_dimensions() order
    Ratio total;
    Grade grade = Grade::Poor;
};
// Completes the evaluation: errors (Chinese, field "scores.<dimension>") for a missing entered dimension, a score
// outside 0..max, a changed prefill without a reason of 2..200 characters.
std::vector<FieldError> complete_evaluation(const EvaluationInput& in, const Prefill& pre, const EvaluationRule& rule,
                                            Evaluation& out);

// ---- key information (关键信息检查) -----------------------------------------------------------------
struct MissingItem {
    std::string code;                     // licence_no licence_expiry licence_expired contact_phone service_points
                                          // coordinates service_list towns
    std::string text_zh;                  // 缺少联系电话；资质已过期（2026-05-01）
    friend bool operator==(const MissingItem&, const MissingItem&) = default;
};
// What is missing or out of date in a provider's key information on `today` (empty = complete).
std::vector<MissingItem> check_key_information(const Provider& p, const std::optional<Date>& licence_expires,
                                               const Date& today);
std::string missing_text(const std::vector<MissingItem>& items);   // joined with "；", "完整" when none

void to_json(nlohmann::json& j, const MissingItem& m);
void from_json(const nlohmann::json& j, MissingItem& m);

}  // namespace yiyang::providers
