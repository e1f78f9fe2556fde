// Wire format of institution inspections (机构巡查), rectifications (整改), the monthly inspection-rate table
// (巡检率汇总表), the quarterly star rating of community centres (星级评定) and the quarterly caregiver review
// (护理员考核) — issue 13, part inspections. Flat: empty text or 0 stands for "none". Figures come computed from
// shared/inspections.hpp; the client only draws them.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "yiyang/inspections.hpp"
#include "yiyang/wire/common.hpp"
#include "yiyang/wire/verification_sampling.hpp"   // RateText: an exact fraction and its text, rounded once

namespace yiyang::wire {

struct InstitutionView {                   // a place that is inspected (养老机构 / 社区养老服务中心（站）)
    std::int64_t id = 0;
    std::string name;
    std::string kind, kind_label;          // institution 养老机构 | centre 社区养老服务中心（站）
    std::int64_t town_id = 0;
    std::string town_name;
};

struct ChecklistItemView {
    std::string code, group, text, failure;
    std::int64_t deadline_days = 0;
    bool workdays = false;
};

struct InspectionRateRow {
    std::int64_t institution_id = 0;
    std::string name, town_name;
    std::int64_t count = 0, required = 0;
    bool met = false;
};
struct TownRateRow {
    std::int64_t town_id = 0;
    std::string town_name;
    std::int64_t institutions = 0, met = 0;
    RateText rate;
};
// GET /api/v1/inspections/rate?month=YYYY-MM: the month's table.
struct InspectionRateReply {
    std::string month, month_label;        // 2026-12, 2026年12月
    std::string rule_version;
    std::int64_t required = 0, institutions = 0, met = 0, inspections = 0;
    RateText rate;                         // institutions inspected at least `required` times ÷ institutions
    std::vector<InspectionRateRow> rows;   // by town, then name
    std::vector<TownRateRow> towns;
};

struct ItemResultView {
    std::string code, group, text;
    bool passed = true;
    std::string note;
};

struct InspectionView {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name, town_name;
    std::string day, inspector, recorded_by, recorded_at, note, rule_version;
    std::int64_t passed = 0, failed = 0;
    std::string result_label;              // 合格 | 需整改
    std::vector<ItemResultView> items;
    std::int64_t photos = 0;
};

struct RecheckView {
    std::string day;
    bool passed = false;
    std::string note, by, at;
    std::string new_deadline;              // a failed re-check's new deadline ("" when passed)
};

struct RectificationView {
    std::int64_t id = 0;
    std::int64_t inspection_id = 0, institution_id = 0;
    std::string institution_name, town_name;
    std::string item_code, item_group, item_text, finding;
    std::string found_on, deadline;
    std::string status, status_label;      // open 整改中 | closed 已整改
    bool overdue = false;                  // open and today is after the deadline
    std::int64_t days_overdue = 0;
    std::string closed_on;
    std::vector<RecheckView> rechecks;
};

// GET /api/v1/inspections?month=YYYY-MM: the screen in one reply — the rate table, the month's inspections, every
// open rectification (and those closed in the month), the institutions and the checklist of the rule in force.
struct InspectionBoard {
    std::string today;
    InspectionRateReply rate;
    std::vector<InspectionView> inspections;        // the month's, newest first
    std::vector<RectificationView> rectifications;  // open first (overdue first, by deadline), then closed
    std::int64_t open = 0, overdue = 0;
    std::vector<InstitutionView> institutions;
    std::vector<ChecklistItemView> checklist;
    bool may_inspect = false;
};

struct ScoreItemView {
    std::string code, text;
    std::int64_t points = 0;
};
struct StarBandView {
    std::int64_t stars = 0, from = 0, to = 0;
};

struct StarRatingView {                    // 星级评定 of one community centre for one quarter
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name, town_name, quarter;
    std::map<std::string, std::int64_t> scores;
    std::int64_t total = 0, stars = 0;
    std::string stars_label, note, signed_by, signed_at, rule_version;
};

struct CaregiverReviewView {               // 护理员考核 of one caregiver for one quarter
    std::int64_t id = 0;
    std::string caregiver;
    std::int64_t provider_id = 0;
    std::string provider_name, quarter;
    std::map<std::string, std::int64_t> scores;
    std::int64_t total = 0;
    std::string grade, grade_label, note, signed_by, signed_at, rule_version;
};

// GET /api/v1/inspections/quarter?quarter=2026-Q4: the quarter's star ratings and caregiver reviews with the criteria.
struct QuarterReviews {
    std::string quarter, quarter_label, rule_version;
    std::vector<ScoreItemView> star_items;
    std::vector<StarBandView> star_bands;
    std::vector<ScoreItemView> caregiver_items;
    std::int64_t pass_mark = 0, excellent_mark = 0;
    std::vector<InstitutionView> centres;          // the centres to be star-rated
    std::vector<StarRatingView> ratings;
    std::vector<CaregiverReviewView> reviews;
    bool may_sign = false;
};

// The rate table computed in shared (inspections::rate_table) as the reply, rates rounded once by the rule.
InspectionRateReply rate_reply(const inspections::RateTable& t, const inspections::InspectionRule& r);

struct Table;
// The monthly inspection-rate table (巡检率汇总表) as an export table: one row per institution, then the towns'
// rates and the city's rate as summary rows.
Table inspection_rate_table(const InspectionRateReply& reply);

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InstitutionView, id, name, kind, kind_label, town_id, town_name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ChecklistItemView, code, group, text, failure, deadline_days, workdays)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InspectionRateRow, institution_id, name, town_name, count, required, met)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TownRateRow, town_id, town_name, institutions, met, rate)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InspectionRateReply, month, month_label, rule_version, required,
                                                institutions, met, inspections, rate, rows, towns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ItemResultView, code, group, text, passed, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InspectionView, id, institution_id, institution_name, town_name, day,
                                                inspector, recorded_by, recorded_at, note, rule_version, passed, failed,
                                                result_label, items, photos)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RecheckView, day, passed, note, by, at, new_deadline)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RectificationView, id, inspection_id, institution_id, institution_name,
                                                town_name, item_code, item_group, item_text, finding, found_on, deadline,
                                                status, status_label, overdue, days_overdue, closed_on, rechecks)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InspectionBoard, today, rate, inspections, rectifications, open, overdue,
                                                institutions, checklist, may_inspect)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ScoreItemView, code, text, points)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StarBandView, stars, from, to)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StarRatingView, id, institution_id, institution_name, town_name, quarter,
                                                scores, total, stars, stars_label, note, signed_by, signed_at, rule_version)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CaregiverReviewView, id, caregiver, provider_id, provider_name, quarter,
                                                scores, total, grade, grade_label, note, signed_by, signed_at, rule_version)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(QuarterReviews, quarter, quarter_label, rule_version, star_items,
                                                star_bands, caregiver_items, pass_mark, excellent_mark, centres, ratings,
                                                reviews, may_sign)

}  // namespace yiyang::wire
