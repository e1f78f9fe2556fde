// Death reconciliation of a quarter (死亡服务对象核查): the subscriber ledger against the district cremation list
// (火化名单) by ID number. Deaths of the window before the quarter are deducted this quarter; deaths inside the
// quarter go on the next quarter's list. An ID match whose name differs is listed, never counted silently.
//
// Usage: auto r = death_check({{2023,11,1}, {2023,12,31}, quarter, yuan(20)}, subscribers, cremations, {});
//        r.matched.count() == 91; r.already_removed.count() == 16; r.to_deduct.count() == 75; ...
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "yiyang/verification/common.hpp"

namespace yiyang::verification {

struct DeathCheckInput {
    Date window_from{}, window_to{};   // deaths to deduct this quarter (the bureau chooses; e.g. 2023-11-01..12-31)
    Period quarter{PeriodKind::Quarter, 2024, 1};
    Fen unit_fee = 0;                  // information service, per person per month (20 yuan = 2000 fen)
    // The first month from which a person found dead must no longer be billed. Default (nullopt): the quarter's
    // first month — the seed deducts the window's deaths "于2024年1月-2024年3月进行经费核减".
    std::optional<Period> deduction_due;
};

// An ID number on both lists under different names: shown to staff, counted only once they confirm it.
struct NameMismatch {
    std::string id_number, subscriber_name, cremation_name;
    Date died{};
};

struct StillBilled {
    std::string id_number, name;
    Date died{};
    std::vector<Period> months;   // months billed from the due month to the quarter's end
    Fen to_recover = 0;           // months × unit fee
};

struct DeathCheck {
    // Deaths in the window.
    Tally matched;            // 比对出的死亡服务对象 (91): ID on both lists, name equal or confirmed
    Tally already_removed;    // 已拆机核减 (16): removed before the quarter began — not deducted again
    Tally to_deduct;          // 应核减 (75) = matched − already_removed
    Tally deducted;           // 已核减 : of to_deduct, removed from the ledger by the quarter's last day
    Tally not_deducted;       // 未核减 : of to_deduct, still on the ledger at the quarter's end
    std::vector<StillBilled> still_billed;   // of to_deduct, billed in a month on or after the due month
    Tally still_billed_ids;
    Fen to_recover = 0;       // Σ still_billed.to_recover
    // Deaths inside the quarter: next quarter's list (150), after the family has been contacted.
    Tally next_quarter;
    // Both periods: ID matches with another name, not in any count above until confirmed.
    std::vector<NameMismatch> name_mismatches;
};

// The window of deaths deducted in a quarter when the bureau names none: the two months before it (the seed:
// 2023-11-01..2023-12-31 for 2024 Q1 — deaths are reported late, so the month before those is the previous report's).
struct DeathWindow {
    Date from{}, to{};
};
DeathWindow default_death_window(const Period& quarter);

// confirmed_same_person: ID numbers (any spelling) staff confirmed to be the same person despite the name.
DeathCheck death_check(const DeathCheckInput& in, const std::vector<SubscriberRow>& subscribers,
                       const std::vector<CremationRow>& cremations,
                       const std::set<std::string>& confirmed_same_person);

}  // namespace yiyang::verification
