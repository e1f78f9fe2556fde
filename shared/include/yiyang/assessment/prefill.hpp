// The monthly assessment's prefill (考核 预填, issue 11): for every provider × project of a month, what the records
// say for each scorecard item whose source is not manual, with the people behind each count (the drill-down).
// Pure: the server (server/app/assessment_prefill) reads the month's rows once for all providers and hands them in;
// the counts, the people and the basis lines come out. One definition per source:
//
// - Subjects (服务对象) of a provider in a project: the subject's project is project_of(care_tier(...)) (care_tier.hpp;
//   a subject without a tier is in no project). A subject is the provider's in the month when (a) it has a service
//   record (service_records) of that provider in the month, or (b) it has an enrolment in home_visit or visiting
//   (the programmes demo_city enrols) open on some day of the month, no service record of any provider in the
//   month, and its latest service record in the kPrefillLookbackMonths months before was that provider's (enrolments
//   carry no provider: the one who served the subject last is taken to be its provider). An enrolled subject served
//   by nobody in those months is nobody's: counted in no provider's figures, listed per project in every prefill as
//   `unassigned` (未分配服务商的服务对象, wire PrefillUnassigned) so that the department sees them. Dead before the
//   month's first day or enrolment ended before it: not a subject of the month (even with a record: such records are
//   the verification's business).
// - subjects_total: the provider's subjects in the project (核查率's denominator).
// - visits_below_frequency (低于频次要求扣1分/人次): for each subject, the rule's visit_frequency for its tier minus
//   its service records of the provider in the month, when positive. A subject 2 visits short counts 2: 人次 in this
//   seed is one visit to one person (service_records: one visit = one 人次, as the settlement counts 人次), so each
//   missing visit is one missing 人次. Not counted: a subject who died or whose enrolment ended during the month
//   (the month's requirement is not owed in full; the subject still counts in subjects_total).
// - service_not_real: the verification's flags on the provider's list records of the month (after death, exact
//   duplicate, reused evidence — verification/physical_services; caregiver overlaps and removals are questions of
//   billing, not of reality) unless a supervisor decided the record valid (DecidedPayable); a blocked flag (after
//   death, duplicate) is not cleared by a decision, as in the verification. One 人次 per record; ref = record number.
//   Evidence reused across months: a list record of the month whose evidence reference — compared as the
//   verification compares it (verification name_key: blanks removed; empty = none) — was already on a record dated
//   in ANY earlier month counts too (the detail names the earliest such record), unless decided valid; a record
//   flagged both ways is one 人次 with both reasons.
//   Plus each callback in the month where the elder said the service did not take place (the work order's callback
//   with service_received = false, order_lifecycle.hpp): one 人次 per callback, against the order's provider;
//   ref = order code. This is the chain's first link: callback → 服务不真实 → the statement's faked subject.
// - rude_service: valid complaints (type complaint, complaint_valid) about the provider created in the month; one
//   人次 each; ref = order code. A complaint about a subject outside the project (or about nobody) is counted in no
//   project (a note names how many).
// - satisfaction: the county questionnaire's question 7 (附2; work_orders.satisfaction 1–5, recorded on the order's
//   callback) on the provider's orders closed in the month for subjects of the project; satisfied = 1–3
//   (order_lifecycle.hpp is_satisfied, the KPI's reading). The imported list_callbacks are the information service's
//   telephone survey (平安通), not the care project's questionnaire, and are not read.
// - not_rectified_in_time: rectifications (order status rectifying) of the provider's orders whose deadline (the
//   SLA rule that starts on rectification_opened, computed by the server with sla.hpp compute_clock) falls in the
//   month and that were not closed by it (closed later or still open). One 次 each; ref = order code.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/date.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/assessment_prefill.hpp"

namespace yiyang::assessment {

struct PrefillElder {
    std::string name;
    std::string id_number;
    DisabilityLevel disability = DisabilityLevel::None;
    std::set<ElderCategory> categories;
    std::optional<Date> died;
    // Care enrolments (home_visit / visiting) overlapping the month: none = not enrolled. The latest end (none = open).
    bool enrolled = false;
    std::optional<Date> enrolled_until;
};

struct PrefillVisit {        // a service record of the month
    Id provider_id = 0;
    Id elder_id = 0;
};
struct PrefillEarlier {      // the provider of an elder's latest service record in the lookback months before
    Id elder_id = 0;
    Id provider_id = 0;
};
struct PrefillNotReal {      // a flagged list record of the provider, not cleared (see above)
    std::string record_no;
    Id provider_id = 0;
    Id elder_id = 0;         // 0 = the ID number is no elder's (counted in no project; a note)
    Date day{};
    std::string why_zh;      // 死亡后服务：… ；佐证重复：…
};
struct PrefillReusedEvidence {   // a list record of the month and an earlier record with (a candidate of) its evidence
    std::string record_no;
    Id provider_id = 0;
    Id elder_id = 0;         // 0 = the ID number is no elder's
    Date day{};
    std::string evidence;
    std::string earlier_record_no;
    Date earlier_day{};
    std::string earlier_evidence;
    bool decided_valid = false;   // a supervisor's latest decision on the record of the month: payable
};
struct PrefillOrder {        // a valid complaint, a survey answer or a rectification
    std::string code;
    Id provider_id = 0;
    Id elder_id = 0;         // 0 = about nobody known
    LocalSeconds at = 0;     // created (complaint), closed (survey), deadline (rectification)
    int satisfaction = 0;    // survey: 1–5
    std::optional<LocalSeconds> closed_at;   // rectification: when it was closed (none = still open)
};

struct PrefillInput {
    Period month{PeriodKind::Month, 2024, 1};
    std::map<Id, PrefillElder> elders;           // every elder a row below names
    std::vector<PrefillVisit> visits;
    std::vector<PrefillEarlier> earlier;
    std::vector<PrefillNotReal> not_real;
    std::vector<PrefillReusedEvidence> reused;   // candidates: the definition above decides
    std::vector<Id> unserved;                    // enrolled elders with no service record of anyone in the month nor
                                                 // the lookback months (elders holds them)
    std::vector<PrefillOrder> complaints, surveys, rectifications;
    std::vector<PrefillOrder> not_received;      // callbacks in the month: the elder said the service did not happen
};
inline constexpr int kPrefillLookbackMonths = 3;

// Every (provider, project) asked for, in that order of keys; a pair with no rows reads zero counts.
using PrefillKey = std::pair<Id, std::string>;
std::map<PrefillKey, wire::AssessmentPrefill> prefill_all(const PrefillInput& in, const ScorecardRule& rule,
                                                          const std::set<PrefillKey>& wanted);

// The project's enrolled subjects nobody served (see above): in.unserved that are enrolled, not gone before the month
// and of `project`.
wire::PrefillUnassigned unassigned_subjects(const PrefillInput& in, const std::string& project);

// Every name a prefill carries (the items' people, the unassigned subjects) masked (identity.hpp mask_name): for a
// reader whose role does not see full names.
void mask_prefill_names(wire::AssessmentPrefill& p);

// The project of an elder (home_visit | visiting) or "" when it has no care tier.
std::string project_of_elder(const PrefillElder& e);

}  // namespace yiyang::assessment
