// 参观接待率 and 组织开放日活动 (visit_kpi.hpp says the formulas).
#include "yiyang/visit_kpi.hpp"

#include <stdexcept>

namespace yiyang::visits {

bool is_visit_kpi(std::string_view c) { return c == "exhibition_reception_rate" || c == "open_days"; }

bool reception_in_denominator(const KpiBooking& b, const Date& today) {
    if (b.status == BookingStatus::Received || b.status == BookingStatus::NoShow) return true;
    // Approved and not checked in: a failure once its day is over; not yet judged before.
    return b.status == BookingStatus::Approved && b.day < today;
}

bool reception_in_numerator(const KpiBooking& b) { return b.status == BookingStatus::Received; }

bool open_day_held(const KpiOpenDay& d, const Date& today) {
    return !d.cancelled && (d.day < today || d.received > 0);
}

KpiResult compute_visit_kpi(const KpiTarget& target, const std::vector<KpiBooking>& bookings,
                            const std::vector<KpiOpenDay>& open_days, const VisitRule& rule, const Date& today) {
    if (target.code == "exhibition_reception_rate") {
        std::vector<Id> num, den;
        for (const auto& b : bookings) {
            if (!reception_in_denominator(b, today)) continue;
            den.push_back(b.id);
            if (reception_in_numerator(b)) num.push_back(b.id);
        }
        const Ratio value{static_cast<std::int64_t>(num.size()), static_cast<std::int64_t>(den.size())};
        KpiResult r = make_kpi_result(target, value, std::move(num), std::move(den));
        if (!r.is_count) r.display = value.percent_text(rule.decimals, rule.rounding);
        return r;
    }
    if (target.code == "open_days") {
        std::vector<Id> held;
        for (const auto& d : open_days)
            if (open_day_held(d, today)) held.push_back(d.id);
        const Ratio value{static_cast<std::int64_t>(held.size()), 1};
        return make_kpi_result(target, value, std::move(held), {});
    }
    throw std::invalid_argument("not an exhibition-hall indicator: " + target.code);
}

}  // namespace yiyang::visits
