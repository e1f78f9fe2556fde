// The monthly assessment's arithmetic (考核, issue 11) on the scorecard rule (assessment/scorecard_rule.hpp); every
// formula is in shared/src/assessment/scorecard.cpp. Integers and exact fractions only (no floating point), so
// the browser's what-if and the server's signed figures are the same numbers:
//   item deduction   = min(cap, count × deduction)            (a count beyond the cap is a legal fact: the
//                                                               deduction is capped and the item says so)
//   satisfaction     = steps below the threshold × deduction, capped; steps per full or per started 5 % (rule)
//   part             = points − Σ deductions + bonus cases, at most the part's points (rule: bonus_cap)
//   department score = Σ parts
//   month total      = mean(department scores) × 9/10 + leader's review × 1/10     (rule: combination)
//   grade            = the band [from, to) holding the exact total; payout_bp inside the band (rule)
//   provider         = its lowest project (涉及到多个服务项目的机构，就低等项目进行考核)
//   year             = mean(monthly departments' means) × 9/10 + mean(leader's reviews) × 1/10
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::assessment {

// A department's (or the leader's) sheet for one provider, project and month.
struct Sheet {
    std::map<std::string, std::int64_t> counts;   // item code → occurrences (absent = 0); not the satisfaction item
    std::vector<std::int64_t> bonus_cases;        // points given to each bonus case (min_points..max_points)
    Ratio satisfaction;                           // valid satisfied / valid answered; den 0 = no valid answer
};

constexpr std::int64_t kMaxCount = 100000;        // occurrences of one item in a month: more is refused

// Every problem of a sheet, in Chinese naming part and item (`服务执行·走访频次不足：次数不能为负数（实际为 -1）`),
// field "counts.<item>", "bonus_cases[i]", "bonus_cases" or "satisfaction". Empty = the sheet can be scored.
// A count above what the cap allows is NOT a problem: see ItemScore::capped.
std::vector<FieldError> check_sheet(const ScorecardRule& rule, const Sheet& sheet);

// Thrown by score_sheet for a sheet check_sheet refuses; what() joins the messages with "；".
class SheetError : public std::invalid_argument {
public:
    explicit SheetError(std::vector<FieldError> errors);
    const std::vector<FieldError>& errors() const { return errors_; }

private:
    std::vector<FieldError> errors_;
};

struct ItemScore {
    const ScoreItem* item = nullptr;   // into the rule
    std::int64_t count = 0;            // occurrences (the satisfaction item: steps below the threshold)
    std::int64_t uncapped = 0;         // count × deduction
    std::int64_t deducted = 0;         // min(cap, uncapped)
    bool capped = false;               // uncapped > cap
    std::string note_zh;               // why, when capped, and the satisfaction reading; "" otherwise
};

struct PartScore {
    const ScorePart* part = nullptr;
    std::vector<ItemScore> items;      // the rule's order
    std::int64_t deducted = 0;         // Σ items
    std::int64_t bonus_claimed = 0;    // Σ bonus cases given to this part
    std::int64_t bonus = 0;            // what counted after the rule's cap
    std::int64_t score = 0;            // points − deducted + bonus
    bool bonus_capped = false;         // bonus < bonus_claimed
};

struct SheetScore {
    std::vector<PartScore> parts;      // the rule's order
    std::int64_t total = 0;            // the department's score (Σ parts; at most 100 when bonus_cap is total)
    bool total_capped = false;
    Ratio satisfaction;                // as entered
    std::vector<std::string> notes_zh; // every item's and part's note, in order (the screen's warnings)
};

// Throws SheetError when check_sheet finds a problem.
SheetScore score_sheet(const ScorecardRule& rule, const Sheet& sheet);

// Steps below the threshold: 0 at or above it (and with no valid answer); per full or per started step.
std::int64_t satisfaction_steps(const SatisfactionRule& rule, const Ratio& satisfaction);

// The band holding `total` ([from, to)); the rule's bands cover [0, ∞) exactly once. A negative total
// (impossible from sheets) throws std::invalid_argument.
const GradeBand& grade_of(const ScorecardRule& rule, const Ratio& total);
// Basis points (10000 = 100 %) inside the band, by the rule's method, rounded once by its rounding.
std::int64_t payout_bp(const ScorecardRule& rule, const GradeBand& band, const Ratio& total);

struct MonthScore {
    std::vector<Ratio> department_scores;   // as given, in the given order
    Ratio departments_mean;                 // Σ / N, reduced
    Ratio leader;                           // the leader's review
    Ratio total;                            // reduced exact fraction
    const GradeBand* grade = nullptr;       // into the rule
    std::int64_t payout_bp = 0;
};

// department_scores: at least one, each 0..(rule's reach); leader: a score. Throws std::invalid_argument
// (Chinese) for no departments or a negative score.
MonthScore month_score(const ScorecardRule& rule, const std::vector<Ratio>& department_scores, const Ratio& leader);
// The same from the sheets themselves (each scored by score_sheet).
MonthScore month_score(const ScorecardRule& rule, const std::vector<SheetScore>& departments, const SheetScore& leader);

// A provider in several projects is graded by its lowest project: the index of the lowest total (the first of
// equal ones). Throws std::invalid_argument on an empty list.
std::size_t lowest_project(const std::vector<Ratio>& project_totals);
std::size_t lowest_project(const std::vector<MonthScore>& projects);

struct AnnualScore {
    Ratio departments_mean;     // mean of the monthly departments' means
    Ratio leader_mean;          // mean of the leader's reviews
    Ratio total;
    const AnnualBand* grade = nullptr;
};
// One entry per assessed month in each list (they may differ in length: a month without the leader's review).
// Throws std::invalid_argument when either is empty or a score is negative.
AnnualScore annual_score(const ScorecardRule& rule, const std::vector<Ratio>& monthly_department_means,
                         const std::vector<Ratio>& leader_reviews);

// ---- text, by the rule ------------------------------------------------------------------------------
// A score shown with the rule's decimals and rounding: 179/2 → "89.50"; 899/10 → "89.90"; 2417/27 → "89.51".
std::string score_text(const ScorecardRule& rule, const Ratio& score);
// 9750 → "97.50%".
std::string payout_text(std::int64_t bp);
// The consequence of a month's grade in one sentence: the band's text, plus the rectification deadline.
std::string consequence_text(const GradeBand& band);
// "服务执行·走访频次不足": part and item as messages and the screen name them.
std::string item_label(const ScorePart& part, const ScoreItem& item);

// 核查率: `checked` of the month's `subjects`; a warning (Chinese) when below the rule's minimum, nullopt when
// reached. No subjects: nullopt.
// 核查率 as shown everywhere (the month's reply, the warning, the screen while typing): checked / subjects truncated
// to two decimals, so a shown rate is never above the exact one ("—" when the month has no subjects).
std::string check_rate_text(std::int64_t checked, std::int64_t subjects);
std::optional<std::string> check_rate_warning(const ScorecardRule& rule, std::int64_t checked, std::int64_t subjects);
// Visits a subject of the tier must receive in a month; nullopt for a tier the rule does not know.
std::optional<std::int64_t> required_visits(const ScorecardRule& rule, const std::string& tier);

}  // namespace yiyang::assessment
