// touches_quarter (verification/seal.hpp): which quarters an imported row can change, for the seal guard.
#include "yiyang/verification/seal.hpp"

#include "yiyang/verification/deaths.hpp"

namespace yiyang::verification {

namespace {
bool between(const Date& d, const Date& from, const Date& to) { return !(d < from) && !(to < d); }
}  // namespace

bool touches_quarter(const ServiceRecordRow& row, const Period& quarter) { return quarter.contains(row.day); }

bool touches_quarter(const CremationRow& row, const Period& quarter) {
    const DeathWindow w = default_death_window(quarter);
    const auto in = [&](const Date& d) { return between(d, w.from, w.to) || quarter.contains(d); };
    return in(row.died) || (row.cremated && in(*row.cremated));
}

bool day_touches_quarter(const Date& day, const Period& quarter) {
    return between(day, quarter.first_day(), quarter.next().last_day());
}

bool touches_quarter(const PhoneCheckRow& row, const Period& quarter) { return day_touches_quarter(row.day, quarter); }
bool touches_quarter(const CallbackRow& row, const Period& quarter) { return day_touches_quarter(row.day, quarter); }

bool touches_quarter(const SubscriberRow& row, const Period& quarter) {
    return quarter.contains(row.opened) || (row.removed && quarter.contains(*row.removed));
}

}  // namespace yiyang::verification
