// The counted figures of a provider's monthly statement (settlement/served.hpp: the definitions).
#include "yiyang/settlement/served.hpp"

#include <algorithm>

#include "yiyang/care_tier.hpp"

namespace yiyang::settlement {

ServedFigures count_served(const Period& month, const std::vector<ServedSubject>& subjects,
                           const std::vector<ListRecordKey>& records, const std::vector<std::string>* payable_keys,
                           const SettlementFees& fees) {
    ServedFigures out;
    std::vector<const ServedSubject*> sorted;
    sorted.reserve(subjects.size());
    for (const auto& s : subjects) sorted.push_back(&s);
    std::sort(sorted.begin(), sorted.end(), [](const ServedSubject* a, const ServedSubject* b) { return a->id < b->id; });
    std::map<std::string, std::vector<Id>> by_tier;   // billed tiers only
    Id last = 0;
    bool any = false;
    for (const ServedSubject* s : sorted) {
        if (any && s->id == last) continue;   // each subject once
        any = true;
        last = s->id;
        const auto tier = care_tier(s->disability, s->categories);
        if (tier && fees.find_tier(code(*tier))) {
            by_tier[code(*tier)].push_back(s->id);
            out.tier_of.emplace(s->id, code(*tier));
        } else {
            ++out.unbilled;
        }
    }
    for (const auto& t : fees.tiers) {   // the rule's order
        ServedTier s;
        s.tier = t.code;
        if (const auto it = by_tier.find(t.code); it != by_tier.end()) s.subject_ids = it->second;
        s.count = static_cast<std::int64_t>(s.subject_ids.size());
        out.served.push_back(std::move(s));
    }

    const Date first = month.first_day(), last_day = month.last_day();
    std::int64_t payable = 0;
    for (const auto& r : records) {
        if (r.day < first || last_day < r.day) continue;
        ++out.physical_records;
        if (payable_keys && std::binary_search(payable_keys->begin(), payable_keys->end(), r.record_no)) ++payable;
    }
    if (payable_keys) out.physical_payable = payable;
    return out;
}

}  // namespace yiyang::settlement
