// Death reconciliation (see verification/deaths.hpp). The reading of every figure of the seed's section
// 死亡服务对象核查 is written at the line that computes it.
#include "yiyang/verification/deaths.hpp"

#include <algorithm>
#include <unordered_map>

namespace yiyang::verification {

DeathCheck death_check(const DeathCheckInput& in, const std::vector<SubscriberRow>& subscribers,
                       const std::vector<CremationRow>& cremations,
                       const std::set<std::string>& confirmed_same_person) {
    DeathCheck out;
    std::set<std::string> confirmed;
    for (const auto& id : confirmed_same_person) confirmed.insert(id_key(id));

    // A subscriber listed twice (re-opened) counts once, by its latest opening: that is the row still billed.
    // (Hashed: only looked up; a tree of a city's 600 000 ID numbers cost most of this function.)
    std::unordered_map<std::string, const SubscriberRow*> by_id;
    by_id.reserve(subscribers.size());
    for (const auto& s : subscribers) {
        auto& slot = by_id[id_key(s.id_number)];
        if (!slot || slot->opened < s.opened) slot = &s;
    }

    const Date q_first = in.quarter.first_day(), q_last = in.quarter.last_day();
    const Period due = in.deduction_due.value_or(month_of(q_first));
    std::vector<std::string> matched, already, to_deduct, deducted, not_deducted, billed_ids, next;
    std::set<std::string> seen;   // a person on the cremation list twice is one death
    for (const auto& c : cremations) {
        const auto k = id_key(c.id_number);
        const bool in_window = in.window_from <= c.died && c.died <= in.window_to;
        const bool in_quarter = in.quarter.contains(c.died);
        if (!in_window && !in_quarter) continue;
        auto it = by_id.find(k);
        if (it == by_id.end() || !seen.insert(k).second) continue;
        const SubscriberRow& s = *it->second;
        if (name_key(s.name) != name_key(c.name) && !confirmed.count(k)) {
            out.name_mismatches.push_back({s.id_number, s.name, c.name, c.died});
            continue;
        }
        if (in_quarter && !in_window) {
            // Died inside the quarter: found now, deducted next quarter after the family is contacted (150).
            next.push_back(s.id_number);
            continue;
        }
        matched.push_back(s.id_number);                          // 核查出91人服务对象于…死亡
        if (s.removed && *s.removed < q_first) {                 // 其中16人服务对象已进行拆机核减
            already.push_back(s.id_number);
            continue;
        }
        to_deduct.push_back(s.id_number);                        // 故实际死亡核减人数只需为75人
        // "Actually deducted": the provider removed the number (拆机) within the quarter — the ledger then stops
        // billing it (billed_in_month). Removed later, or never: still on the ledger at the quarter's end.
        if (s.removed && *s.removed <= q_last) deducted.push_back(s.id_number);
        else not_deducted.push_back(s.id_number);
        // Still billed: every month of the quarter from the due month on in which the ledger billed this person
        // (a removal in February still leaves January billed when January was due). Fee to recover = months × fee.
        StillBilled sb{s.id_number, s.name, c.died, {}, 0};
        for (const auto& m : months_of(in.quarter))
            if (m >= due && billed_in_month(s, m)) sb.months.push_back(m);
        if (!sb.months.empty()) {
            sb.to_recover = static_cast<Fen>(sb.months.size()) * in.unit_fee;
            out.to_recover += sb.to_recover;
            billed_ids.push_back(s.id_number);
            out.still_billed.push_back(std::move(sb));
        }
    }
    out.matched = make_tally(std::move(matched));
    out.already_removed = make_tally(std::move(already));
    out.to_deduct = make_tally(std::move(to_deduct));
    out.deducted = make_tally(std::move(deducted));
    out.not_deducted = make_tally(std::move(not_deducted));
    out.still_billed_ids = make_tally(std::move(billed_ids));
    out.next_quarter = make_tally(std::move(next));
    std::sort(out.still_billed.begin(), out.still_billed.end(),
              [](auto& a, auto& b) { return a.id_number < b.id_number; });
    std::sort(out.name_mismatches.begin(), out.name_mismatches.end(),
              [](auto& a, auto& b) { return a.id_number < b.id_number; });
    return out;
}

DeathWindow default_death_window(const Period& quarter) {
    const Date first = quarter.first_day();
    Date from{first.year, first.month - 2, 1};
    if (from.month < 1) {
        from.month += 12;
        from.year -= 1;
    }
    return {from, add_days(first, -1)};
}

}  // namespace yiyang::verification
