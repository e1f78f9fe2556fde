// Supervision of institutions (issue 13, part inspections; Yingkou 2.9.2–2.9.4): the institution inspection
// checklist (机构巡查) with its rectification deadlines and re-checks, the monthly inspection-rate table
// (巡检率汇总表), the quarterly star rating of community centres (星级评定) and the quarterly caregiver review
// (护理员考核). The rule is versioned data (kind `inspections`, assets/rules/inspections.json); everything here is
// pure: today is passed in, totals are exact integers, rates exact fractions rounded once for display.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/calendar.hpp"
#include "yiyang/date.hpp"
#include "yiyang/period.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::inspections {

// ---- the rule -------------------------------------------------------------------------------------
struct ChecklistItem {
    std::string code;            // fire_exits
    std::string group;           // 消防安全
    std::string text;            // 安全出口、疏散通道畅通，标识清晰
    std::string failure;         // what a failure means: 疏散通道堵塞，须立即清理
    std::int64_t deadline_days = 7;   // the rectification's deadline after the inspection (or the re-check)
    bool workdays = false;       // counted in workdays of the work calendar (else calendar days)
};

struct ScoreItem {               // a criterion with its points (star rating, caregiver review)
    std::string code;
    std::string text;
    std::int64_t points = 0;     // the most it can score (scores are whole points 0..points)
};

struct StarBand {                // stars for a total in [from, to): half-open on the exact total
    int stars = 0;
    std::int64_t from = 0, to = 0;
};

struct InspectionRule {
    std::string version;
    std::int64_t inspections_per_month = 2;       // Yingkou 2.9.2: 每月进行巡检2次
    std::vector<ChecklistItem> checklist;
    std::vector<ScoreItem> star_items;            // 2.9.3 星级评定 of community centres
    std::vector<StarBand> star_bands;             // ascending, no overlap; below the first: 未评星
    std::vector<ScoreItem> caregiver_items;       // 2.9.4 服务人员评优考核
    std::int64_t caregiver_pass_mark = 60;        // total ≥ pass mark: 合格
    std::int64_t caregiver_excellent_mark = 90;   // total ≥ excellent mark: 优秀
    Rounding rounding = Rounding::HalfUp;
    int decimals = 2;

    const ChecklistItem* item(std::string_view code) const;
    std::int64_t star_max() const;        // Σ points of the star items
    std::int64_t caregiver_max() const;
};
// Unknown fields are rejected; checklist codes unique and [a-z0-9_]; bands ascending without gaps or overlaps.
// Throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, InspectionRule& r);
void to_json(nlohmann::json& j, const InspectionRule& r);

// ---- an inspection --------------------------------------------------------------------------------
struct ItemResult {
    std::string code;
    bool passed = true;
    std::string note;            // required for a failed item (2..200 characters), optional otherwise
};

struct InspectionInput {
    std::int64_t institution_id = 0;
    std::string day;             // YYYY-MM-DD
    std::string inspector;       // who went (free text, 2..20 characters; the signed-in user records it)
    std::vector<ItemResult> items;   // every checklist item, once
    std::string note;            // ≤ 500 characters
    Date date{};                 // parsed
};
// Reads and checks a request against the rule: institution_id positive; day a real date, not after today and not
// more than 60 days back; every checklist item answered exactly once (unknown → error naming it); a failed item
// needs a note. Field names: "items[2].code", "items[2].note", "day".
std::vector<FieldError> inspection_from_json(const nlohmann::json& j, InspectionInput& out, const InspectionRule& r,
                                             const Date& today);

struct ChecklistOutcome {
    std::int64_t passed = 0, failed = 0;
    std::vector<std::string> failed_codes;    // in checklist order
    bool all_passed() const { return failed == 0; }
    const char* label_zh() const { return failed == 0 ? "合格" : "需整改"; }
};
ChecklistOutcome checklist_outcome(const std::vector<ItemResult>& items, const InspectionRule& r);

// ---- rectification --------------------------------------------------------------------------------
// The deadline of a rectification of `item` found on `found`: found + deadline_days (workdays on the calendar when
// the item says so: the deadline_days-th workday after `found`).
Date rectification_deadline(const ChecklistItem& item, const Date& found, const WorkCalendar& calendar);
enum class RectificationStatus { Open, Closed };
const char* code(RectificationStatus s);        // open closed
const char* label_zh(RectificationStatus s);    // 整改中 已整改
std::optional<RectificationStatus> parse_rectification_status(std::string_view c);
// Overdue: still open and today is after the deadline (the day after the deadline, not the deadline itself).
bool overdue(RectificationStatus s, const Date& deadline, const Date& today);
std::int64_t days_overdue(RectificationStatus s, const Date& deadline, const Date& today);   // 0 when not overdue

struct RecheckInput {
    std::string day;
    bool passed = false;
    std::string note;            // required when failed (2..200)
    Date date{};
};
// day a real date, not before the inspection's `found`, not after today; note required when failed.
std::vector<FieldError> recheck_from_json(const nlohmann::json& j, RecheckInput& out, const Date& found,
                                          const Date& today);

// ---- the monthly inspection-rate table (巡检率汇总表) --------------------------------------------------
struct InstitutionRef {
    std::int64_t id = 0;
    std::string name;
    std::int64_t town_id = 0;
    std::string town_name;
};
struct InspectionRef {           // one inspection: which institution, which day
    std::int64_t institution_id = 0;
    Date date{};
};
struct RateRow {
    std::int64_t institution_id = 0;
    std::string name, town_name;
    std::int64_t town_id = 0;
    std::int64_t count = 0;      // inspections in the month
    std::int64_t required = 0;
    bool met = false;            // count ≥ required
};
struct TownRate {
    std::int64_t town_id = 0;
    std::string town_name;
    std::int64_t institutions = 0, met = 0;
    Ratio rate;                  // met / institutions
};
struct RateTable {
    Period month;
    std::int64_t required = 0;
    std::vector<RateRow> rows;   // by town id, then institution name, then id
    std::vector<TownRate> towns; // by town id
    std::int64_t institutions = 0, met = 0, inspections = 0;
    Ratio rate;                  // institutions inspected at least the required times ÷ institutions
};
RateTable rate_table(const Period& month, const std::vector<InstitutionRef>& institutions,
                     const std::vector<InspectionRef>& inspections, const InspectionRule& r);

// ---- scores: star rating and caregiver review ---------------------------------------------------------
// Reads {"code": points, ...} against the items: every item scored once, whole points 0..points; unknown codes are
// errors. Field names: "scores.<code>".
std::vector<FieldError> scores_from_json(const nlohmann::json& j, const std::vector<ScoreItem>& items,
                                         std::map<std::string, std::int64_t>& out);
std::int64_t total_of(const std::map<std::string, std::int64_t>& scores);
// Stars of a total by the bands ([from, to), exact): 0 below the first band.
int stars_for(std::int64_t total, const InspectionRule& r);
std::string stars_label_zh(int stars);        // 三星级 / 未评星
enum class ReviewGrade { Fail, Pass, Excellent };
ReviewGrade review_grade(std::int64_t total, const InspectionRule& r);
const char* code(ReviewGrade g);              // fail pass excellent
const char* label_zh(ReviewGrade g);          // 不合格 合格 优秀
// A quarter as "2026-Q4" (period.hpp), and not after the quarter of today.
std::optional<Period> parse_quarter(std::string_view text);

}  // namespace yiyang::inspections
