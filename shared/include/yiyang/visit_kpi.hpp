// The exhibition hall's two indicators (Zhongshan target table item 15), computed from the bookings and open days:
//   exhibition_reception_rate  参观接待率（经民政部门批准） = received ÷ approved, over the approved group visits whose
//                              day is in the period and already judged: received ones (checked in), no-shows, and
//                              approved ones whose day is over without a check-in (not received). Visits declined,
//                              cancelled or still waiting are not approved; an approved visit whose day is today or
//                              later counts only once received. Exact ratio; shown rounded once by the rule's rounding.
//   open_days                  组织开放日活动 = open days of the period held: not cancelled, and either over (day before
//                              today) or with at least one registration checked in (held today).
// Records come in any order; the ID lists of the result are ascending and unique (drill-down).
#pragma once
#include <string_view>
#include <vector>

#include "yiyang/kpi.hpp"
#include "yiyang/visits.hpp"

namespace yiyang::visits {

struct KpiBooking {
    Id id = 0;
    Date day{};                  // the slot's day
    BookingStatus status = BookingStatus::Requested;
};
struct KpiOpenDay {
    Id id = 0;
    Date day{};
    bool cancelled = false;
    std::int64_t received = 0;   // registrations checked in
};

bool is_visit_kpi(std::string_view code);   // exhibition_reception_rate | open_days

bool reception_in_denominator(const KpiBooking& b, const Date& today);
bool reception_in_numerator(const KpiBooking& b);
bool open_day_held(const KpiOpenDay& d, const Date& today);

// `bookings` / `open_days`: those whose day lies in the period (the caller filters). Throws std::invalid_argument
// when target.code is not a visit indicator. The reception rate's display follows the rule's rounding.
KpiResult compute_visit_kpi(const KpiTarget& target, const std::vector<KpiBooking>& bookings,
                            const std::vector<KpiOpenDay>& open_days, const VisitRule& rule, const Date& today);

}  // namespace yiyang::visits
