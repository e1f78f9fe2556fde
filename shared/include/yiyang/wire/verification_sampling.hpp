// Wire format of callback sampling (回访抽样, issue 10): a quarter's draws, one draw with its strata and call list
// (names, ID numbers and phones masked as the role sees elders), a recorded call, a replacement, and the callback
// and survey figures. Empty text / 0 stand for "none" here (no optional members): the replies are flat tables.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// A percentage that drills down: numerator / denominator and the text cut by the report rule ("93.61%", "—").
struct RateText {
    std::int64_t num = 0, den = 0;
    std::string text;
};

struct SampleDrawInfo {
    std::int64_t id = 0;
    std::string quarter;          // "2024-Q1"
    std::string draw_date;        // the frame: subscribers active on this day
    std::string seed;
    std::string algorithm;        // the text anyone needs to redraw the list (sha256sum)
    std::int64_t rate_num = 0, rate_den = 0;
    std::string rule_version;     // the verification_sampling version used; "" when the rate was given in the request
    bool by_town = false;
    std::int64_t frame_size = 0;
    std::int64_t size = 0;        // n = ceil(rate × frame)
    std::int64_t replacements = 0;
    std::string share;            // n / frame by the report rule: "5.01%"
    bool current = false;
    std::int64_t superseded_by = 0;   // 0 = not superseded
    std::string reason;           // why it was drawn again ("" for the first draw of a quarter)
    std::string drawn_by;
    std::string drawn_at;         // YYYY-MM-DDTHH:MM:SS
};

struct SampleStratumInfo {
    std::string town;             // "" when not stratified
    std::int64_t frame_size = 0;
    std::int64_t size = 0;
};

// One subject of the call list.
struct SampleSubject {
    std::int64_t no = 0;          // the subject index: 1..n for the drawn, n+1… for replacements in order taken
    std::string id_number, name, phone;   // masked as the role sees elders
    std::int64_t elder_id = 0;    // for the audited reveal of a masked phone (POST /api/v1/elders/{id}/reveal)
    std::string town;
    std::int64_t order = 0;       // 1-based place in its stratum's key order
    std::string key;              // SHA-256 hex of seed:ID number
    std::int64_t replaces = 0;    // the no. it replaces (0: drawn)
    std::int64_t replaced_by = 0; // the no. replacing it (0: not replaced)
    std::string last_outcome;     // 接通 / 无人接听 … ("" = not called yet)
    std::string last_call_day;
    std::int64_t calls = 0;       // calls recorded on this draw
};

struct SampleDetail {
    SampleDrawInfo draw;
    std::vector<SampleStratumInfo> strata;
    std::vector<SampleSubject> subjects;   // a page, in no. order
    std::int64_t subjects_total = 0;
    int page = 1, page_size = 50;
    bool masked = false;
};

struct SampleList {
    std::string quarter;
    std::vector<SampleDrawInfo> draws;     // newest first
};

struct SampleCallReply {
    std::int64_t call_id = 0;
    std::int64_t draw_id = 0;
    SampleSubject subject;                 // after the call
    std::int64_t audit_id = 0;
};

struct SampleReplaceReply {
    std::int64_t draw_id = 0;
    std::int64_t replaced_no = 0;
    SampleSubject replacement;             // no = 0 when nobody is left in the stratum
    std::int64_t audit_id = 0;
};

struct OutcomeShare {
    std::string outcome;                   // 接通 / 无人接听 …
    std::int64_t count = 0;
    RateText share;                        // of the sample
};

struct SurveyInfo {
    std::int64_t subjects_served = 0, called = 0, reached = 0, declined = 0, invalid = 0, valid = 0, not_reached = 0;
    RateText overall, staff, valid_share;
};

struct CallbackReport {
    std::string quarter;
    std::int64_t town_id = 0;              // 0 = the whole district
    std::string town_name;
    std::string report_rule_version;       // the verification_report version that cut the percentages
    std::int64_t draw_id = 0;              // the current draw (0: none yet — the sample figures are then empty)
    std::int64_t sample = 0, not_called = 0;
    std::vector<OutcomeShare> outcomes;    // every outcome, in CallOutcome order
    std::int64_t suspended_arrears = 0, suspended_silent = 0, suspended_other = 0;
    RateText overall_satisfaction, package_satisfaction, knows_sos;
    SurveyInfo survey;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RateText, num, den, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleDrawInfo, id, quarter, draw_date, seed, algorithm, rate_num,
                                                rate_den, rule_version, by_town, frame_size, size, replacements, share,
                                                current, superseded_by, reason, drawn_by, drawn_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleStratumInfo, town, frame_size, size)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleSubject, no, id_number, name, phone, elder_id, town, order, key,
                                                replaces, replaced_by, last_outcome, last_call_day, calls)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleDetail, draw, strata, subjects, subjects_total, page, page_size,
                                                masked)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleList, quarter, draws)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleCallReply, call_id, draw_id, subject, audit_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SampleReplaceReply, draw_id, replaced_no, replacement, audit_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OutcomeShare, outcome, count, share)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SurveyInfo, subjects_served, called, reached, declined, invalid, valid,
                                                not_reached, overall, staff, valid_share)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CallbackReport, quarter, town_id, town_name, report_rule_version,
                                                draw_id, sample, not_called, outcomes, suspended_arrears,
                                                suspended_silent, suspended_other, overall_satisfaction,
                                                package_satisfaction, knows_sos, survey)

}  // namespace yiyang::wire
