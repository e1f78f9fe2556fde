// Wire format of the monthly assessment's prefill (考核 预填, issue 11): what the records say for one provider ×
// project × month, item by item, with the people behind each count (the drill-down). The server computes it
// (server/app/assessment_prefill, from the service records, the verification's flags, callbacks, complaints,
// surveys and rectifications; the per-item formulas are in shared/src/assessment/); a department accepts, changes
// (with a reason) or adds to each count. Names travel masked as the reader's role requires (the route masks).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct PrefillPerson {
    Id elder_id = 0;
    std::string name;          // masked by the route for roles that do not see names
    std::string tier;          // care tier code (care_tier.hpp) or ""
    std::string detail_zh;     // 本月走访 1 次，应 4 次 | 2024-03-05 服务记录 R123 在死亡日期之后 | 回访：未见服务人员上门
    std::string ref;           // what the count came from: a record number, an order code, a callback id
    friend bool operator==(const PrefillPerson&, const PrefillPerson&) = default;
};
void to_json(json& j, const PrefillPerson& p);
void from_json(const json& j, PrefillPerson& p);

struct PrefillItem {
    std::string code;          // the scorecard item code (visits_below_frequency, service_not_real, …)
    std::string source;        // the rule item's source (visits_below_frequency | service_not_real | rude_service | satisfaction | not_rectified_in_time)
    std::int64_t count = 0;    // occurrences as the item counts them (人次 / 次); satisfaction: not used (see below)
    std::string basis_zh;      // how it was counted, one line
    std::vector<PrefillPerson> people;
    bool people_truncated = false;   // the list is cut at kMaxPrefillPeople; `count` is still the whole count
    friend bool operator==(const PrefillItem&, const PrefillItem&) = default;
};
void to_json(json& j, const PrefillItem& i);
void from_json(const json& j, PrefillItem& i);

inline constexpr std::size_t kMaxPrefillPeople = 500;

// 未分配服务商的服务对象: subjects of the project (an open home_visit / visiting enrolment in the month, by their care
// tier) with no service record of anyone in the month nor in the lookback months before — enrolments carry no
// provider, so they are nobody's subjects and count in no provider's figures; listed so that the department sees them.
// The same list in every provider's prefill of the project and month.
struct PrefillUnassigned {
    std::int64_t count = 0;
    std::string basis_zh;
    std::vector<PrefillPerson> people;   // elder_id order; names masked by the route
    bool people_truncated = false;       // cut at kMaxPrefillPeople; `count` is the whole count
    friend bool operator==(const PrefillUnassigned&, const PrefillUnassigned&) = default;
};
void to_json(json& j, const PrefillUnassigned& u);
void from_json(const json& j, PrefillUnassigned& u);

struct AssessmentPrefill {
    Id provider_id = 0;
    std::string project_code;  // home_visit | visiting | …
    std::string month;         // "2024-03"
    std::string rule_version;  // the scorecard version whose items and visit frequencies were used
    std::vector<PrefillItem> items;          // rule order; only items whose source is not manual
    std::int64_t satisfied = 0, answered = 0;   // the month's surveys (满意 of valid answers); answered 0 = none
    std::int64_t subjects_total = 0;         // the month's subjects of this provider and project (核查率's denominator)
    PrefillUnassigned unassigned;            // the project's enrolled subjects nobody served (not in subjects_total)
    std::vector<std::string> notes_zh;       // e.g. a source with no data this month
    friend bool operator==(const AssessmentPrefill&, const AssessmentPrefill&) = default;
};
void to_json(json& j, const AssessmentPrefill& p);
void from_json(const json& j, AssessmentPrefill& p);

}  // namespace yiyang::wire
