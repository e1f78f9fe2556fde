// The counted figures of a provider's monthly statement (结算单, issue 11) — ONE definition, beside settle_month:
//   served per tier   the month's served subjects (the server reads who has a service record of the provider in the
//                     month) in their care tier (care_tier.hpp: the first tier that applies), grouped by the settlement
//                     rule's tiers in the rule's order; each subject once (ascending id); a subject in no tier of the
//                     rule (探视巡访, or no care tier) is counted as unbilled.
//   physical 人次      the provider's imported list records dated in the month whose record number is among the
//                     verification's payable keys of the quarter (the verification's one definition of "payable");
//                     a record of another month is not counted at all.
// Rows in, figures out; the server (app/statement_inputs) only reads the rows.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"
#include "yiyang/settlement/fees.hpp"
#include "yiyang/settlement/statement.hpp"

namespace yiyang::settlement {

struct ServedSubject {                 // a subject with a service record of the provider in the month
    Id id = 0;
    DisabilityLevel disability = DisabilityLevel::None;
    std::set<ElderCategory> categories;
};

struct ListRecordKey {                 // one of the provider's imported list records
    std::string record_no;
    Date day{};
};

struct ServedFigures {
    std::vector<ServedTier> served;    // every tier of the rule, in its order (count 0 when nobody)
    std::int64_t unbilled = 0;         // served subjects in no billed tier
    std::map<Id, std::string> tier_of; // billed subjects -> their tier code
    std::int64_t physical_records = 0; // the provider's list records of the month
    std::optional<std::int64_t> physical_payable;   // of those, payable (none when no payable keys were given)
};

// `payable_keys`: the verification's payable record numbers of the month's quarter, sorted ascending; nullptr when
// the quarter cannot be verified (no rules): physical_payable stays empty.
ServedFigures count_served(const Period& month, const std::vector<ServedSubject>& subjects,
                           const std::vector<ListRecordKey>& records, const std::vector<std::string>* payable_keys,
                           const SettlementFees& fees);

}  // namespace yiyang::settlement
