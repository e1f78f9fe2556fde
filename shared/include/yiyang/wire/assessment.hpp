// Wire format of the monthly assessment (考核, issue 11): the computed scorecard as the server replies it and the
// dashboard shows it (and recomputes it for what-if with the same shared code). Totals travel as exact fractions
// with their display text; the settlement (结算) reads `payout_bp` (basis points, 10000 = 100 %) and `grade_code`
// (excellent | good | pass | fail).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// {"num","den","text"}: 179/2 with "89.50" (the rule's decimals and rounding).
struct ExactScore {
    std::int64_t num = 0;
    std::int64_t den = 1;
    std::string text;
    friend bool operator==(const ExactScore&, const ExactScore&) = default;
};
void to_json(json& j, const ExactScore& s);
void from_json(const json& j, ExactScore& s);

struct AssessmentItem {
    std::string code, short_zh, name_zh, unit;
    std::string source;                // manual | visits_below_frequency | … (prefilled from the records or not)
    std::int64_t count = 0;            // occurrences (satisfaction: steps below the threshold)
    std::int64_t deduction_per = 0;
    std::int64_t cap = 0;
    std::int64_t deducted = 0;         // min(cap, count × deduction_per)
    bool capped = false;               // count × deduction_per > cap
    std::string note_zh;
    friend bool operator==(const AssessmentItem&, const AssessmentItem&) = default;
};
void to_json(json& j, const AssessmentItem& i);
void from_json(const json& j, AssessmentItem& i);

struct AssessmentPart {
    std::string code, name_zh;
    std::int64_t points = 0, deducted = 0, bonus_claimed = 0, bonus = 0, score = 0;
    bool bonus_capped = false;
    std::vector<AssessmentItem> items;
    friend bool operator==(const AssessmentPart&, const AssessmentPart&) = default;
};
void to_json(json& j, const AssessmentPart& p);
void from_json(const json& j, AssessmentPart& p);

// One department's (or the leader's) computed sheet.
struct AssessmentSheet {
    std::vector<AssessmentPart> parts;
    std::int64_t total = 0;
    bool total_capped = false;
    std::optional<ExactScore> satisfaction;   // absent when no valid answer; text as a percentage ("89.90%")
    std::vector<std::string> notes_zh;
    friend bool operator==(const AssessmentSheet&, const AssessmentSheet&) = default;
};
void to_json(json& j, const AssessmentSheet& s);
void from_json(const json& j, AssessmentSheet& s);

// The month of one provider and project.
struct AssessmentMonth {
    std::string rule_version;
    std::vector<AssessmentSheet> departments;
    std::optional<AssessmentSheet> leader_sheet;      // when the review was filled as a sheet
    std::vector<ExactScore> department_scores;
    ExactScore departments_mean, leader, total;
    std::string grade_code;            // excellent | good | pass | fail
    std::string grade_name_zh;         // 优秀 | 良好 | 合格 | 不合格
    std::int64_t payout_bp = 0;        // 9750 = 97.50 %
    std::string payout_text;           // "97.50%"
    std::optional<std::int64_t> rectification_days;
    bool summon_head = false;
    std::string consequence_zh;
    friend bool operator==(const AssessmentMonth&, const AssessmentMonth&) = default;
};
void to_json(json& j, const AssessmentMonth& m);
void from_json(const json& j, AssessmentMonth& m);

struct AssessmentYear {
    std::string rule_version;
    ExactScore departments_mean, leader_mean, total;
    std::string grade_code, grade_name_zh;
    bool priority_renewal = false, contract_ended = false, barred_next_year = false;
    std::string consequence_zh;
    friend bool operator==(const AssessmentYear&, const AssessmentYear&) = default;
};
void to_json(json& j, const AssessmentYear& y);
void from_json(const json& j, AssessmentYear& y);

// ---- the what-if request (POST /api/v1/assessment/preview; the dashboard's 考核 screen) ----------------
// One sheet as entered: occurrences per item code (absent = 0; not the satisfaction item), the points given to each
// bonus case, and the satisfaction survey as counts (satisfied of answered; answered 0 = no valid answer).
struct AssessmentSheetInput {
    std::map<std::string, std::int64_t> counts;
    std::vector<std::int64_t> bonus_cases;
    std::int64_t satisfied = 0, answered = 0;
    friend bool operator==(const AssessmentSheetInput&, const AssessmentSheetInput&) = default;
};
void to_json(json& j, const AssessmentSheetInput& s);
assessment::Sheet sheet_of(const AssessmentSheetInput& s);

// A month's sheets: every department's and the leader's review (filled as a sheet); `on` picks the scorecard rule
// in force on that date (default: today).
struct AssessmentPreviewRequest {
    std::vector<AssessmentSheetInput> departments;
    AssessmentSheetInput leader;
    std::optional<std::string> on;
    friend bool operator==(const AssessmentPreviewRequest&, const AssessmentPreviewRequest&) = default;
};
constexpr std::size_t kMaxDepartments = 20;   // departments in one month's request
constexpr std::size_t kMaxItemCodes = 200;    // item codes in one sheet
void to_json(json& j, const AssessmentPreviewRequest& r);
// Strict: unknown members, wrong types, too many departments are field errors in Chinese naming the member
// ("departments[2].counts.visits_below_frequency").
std::vector<FieldError> preview_request_from_json(const json& j, AssessmentPreviewRequest& out);
// The month computed from the request (the server's reply and the screen's figures: one function). Throws
// assessment::SheetError whose fields and messages name the sheet ("第 2 个科室·服务执行·走访频次不足：…").
AssessmentMonth preview_month(const assessment::ScorecardRule& rule, const AssessmentPreviewRequest& r);

// ---- from the shared computation -------------------------------------------------------------------
ExactScore exact_score(const assessment::ScorecardRule& rule, const Ratio& score);
AssessmentSheet assessment_sheet(const assessment::SheetScore& s);
// `leader_sheet` when the leader's review was filled as a sheet (it is what `m.leader` came from).
AssessmentMonth assessment_month(const assessment::ScorecardRule& rule, const std::vector<assessment::SheetScore>& departments,
                                 const assessment::SheetScore* leader_sheet, const assessment::MonthScore& m);
AssessmentYear assessment_year(const assessment::ScorecardRule& rule, const assessment::AnnualScore& a);

}  // namespace yiyang::wire
