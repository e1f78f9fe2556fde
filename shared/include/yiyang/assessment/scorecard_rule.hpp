// The monthly assessment's scorecard (考核评分表, issue 11) as versioned rule data: assets/rules/assessment-scorecard.json,
// kind "assessment_scorecard" in the rule registry. The seed's 100 points in four parts, each item's cap and
// deduction per occurrence, the satisfaction rule, the bonus, how the month combines the departments and the
// leader, the grade bands with their payout ranges and consequences, the visit frequency per tier, the minimum
// check rate and the annual grades. The arithmetic on it: assessment/scorecard.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/ratio.hpp"

namespace yiyang::assessment {

// Where a count comes from: prefilled from the records (issue 11's prefill) or entered by the department.
enum class ItemSource { Manual, VisitsBelowFrequency, ServiceNotReal, RudeService, Satisfaction, NotRectifiedInTime };
const char* code(ItemSource s);   // manual, visits_below_frequency, service_not_real, rude_service, satisfaction, not_rectified_in_time

struct ScoreItem {
    std::string code;          // ASCII, stable: "visits_below_frequency"
    std::string short_zh;      // 走访频次不足: column heads and messages (服务执行·走访频次不足：…)
    std::string name_zh;       // the seed's words
    std::int64_t cap = 0;      // the item's points: the most it can cost
    std::int64_t deduction = 0;   // points per occurrence (per step for the satisfaction item)
    std::string unit;          // 人 | 人次 | 项 | 次 | 档
    ItemSource source = ItemSource::Manual;
};

struct ScorePart {
    std::string code;          // staffing | execution | problems | results
    std::string name_zh;       // 人员管理
    std::int64_t points = 0;   // 25; the items' caps add up to it
    std::vector<ScoreItem> items;
};

// 满意度每低于标准5%扣3分: steps below the threshold, each costing the item's deduction.
enum class SatisfactionSteps { Full, Started };   // per full 5 % below / per started 5 % below
const char* code(SatisfactionSteps s);            // full | started
struct SatisfactionRule {
    std::string item;                  // the item it scores ("satisfaction"; its source must be satisfaction)
    Ratio threshold{95, 100};
    Ratio step{5, 100};
    SatisfactionSteps steps = SatisfactionSteps::Full;
};

// How far a bonus may lift: the part at most to its points (default), the total at most to 100, or unbounded.
enum class BonusCap { Part, Total, None };
const char* code(BonusCap c);                     // part | total | none
struct BonusRule {
    std::string code;          // media_reported
    std::string short_zh;      // 媒体报道或表彰
    std::string name_zh;
    std::string part;          // the part it is added to (results)
    std::int64_t min_points = 1;   // per case
    std::int64_t max_points = 3;
    std::string unit;          // 项
    std::int64_t max_cases = 20;   // a sheet with more cases is refused (hostile input)
    BonusCap cap = BonusCap::Part;
};

// Monthly total = departments' mean × departments + leader's review × leader (the two add up to 1).
struct Combination {
    Ratio departments{9, 10};
    Ratio leader{1, 10};
};

// A grade band [from, to) on the exact total; `to` absent = no upper edge (the top band).
struct GradeBand {
    std::string code;          // excellent | good | pass | fail (the settlement reads it)
    std::string name_zh;       // 优秀
    std::int64_t from = 0;
    std::optional<std::int64_t> to;
    std::int64_t payout_low_bp = 10000;    // basis points, 10000 = 100 %
    std::int64_t payout_high_bp = 10000;
    std::optional<std::int64_t> rectification_days;   // 限期整改: days to rectify (合格)
    bool summon_head = false;                         // 对第三方机构负责人进行约谈 (不合格)
    std::string consequence_zh;
};

// The percentage inside a band: linear from the lower edge (low_edge_gets: the band's low or high percentage)
// to the upper edge, or always the band's low percentage; rounded once to a basis point.
enum class PayoutMethod { Linear, BandLow };
const char* code(PayoutMethod m);                 // linear | band_low
struct PayoutInBand {
    PayoutMethod method = PayoutMethod::Linear;
    bool low_edge_gets_low = true;                // "low_edge_gets": "low" | "high"
    Rounding rounding = Rounding::HalfUp;
};

struct ScoreDisplay {
    int decimals = 2;
    Rounding rounding = Rounding::Truncate;
};

struct VisitFrequency {
    std::string tier;          // severe_or_complete | subsistence_moderate_or_aged | visiting
    std::string name_zh;
    std::int64_t visits_per_month = 0;
};

struct AnnualBand {
    std::string code;
    std::string name_zh;
    std::int64_t from = 0;
    std::optional<std::int64_t> to;
    bool priority_renewal = false;
    bool contract_ended = false;
    bool barred_next_year = false;
    std::string consequence_zh;
};

struct ScorecardRule {
    std::string version;
    Date effective_from;
    std::vector<ScorePart> parts;
    SatisfactionRule satisfaction;
    BonusRule bonus;
    Combination combination;
    ScoreDisplay score_display;
    std::vector<GradeBand> grades;          // as listed (highest first); contiguous from 0, no overlap, no gap
    PayoutInBand payout_in_band;
    Ratio min_check_rate{50, 100};
    std::vector<VisitFrequency> visit_frequency;
    std::vector<AnnualBand> annual_grades;  // as listed; contiguous from 0

    std::int64_t total_points() const;                     // Σ parts' points (100)
    const ScorePart* find_part(const std::string& code) const;
    const VisitFrequency* find_tier(const std::string& tier) const;
};

// Strict: every field checked, unknown fields refused, the message names the field
// (`考核评分表 "v1"，parts[1].items[0]（visits_below_frequency）：字段 "deduction" …`): a cap below zero, a deduction
// above the cap, caps not adding up to the part's points, parts not adding up to 100, overlapping or gapped bands,
// a payout range outside 0..100 % or upside down, combination weights not adding up to 1 …
void from_json(const nlohmann::json& j, ScorecardRule& r);
// Canonical: every field written (defaults filled in), comment dropped.
void to_json(nlohmann::json& j, const ScorecardRule& r);

}  // namespace yiyang::assessment
