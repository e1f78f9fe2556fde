// touches_quarter (verification/seal.hpp): which quarters an imported row can change, for the seal guard.
#include "yiyang/verification/seal.hpp"

#include <algorithm>

#include "yiyang/verification/deaths.hpp"

namespace yiyang::verification {

namespace {
bool between(const Date& d, const Date& from, const Date& to) { return !(d < from) && !(to < d); }
}  // namespace

bool touches_quarter(const ServiceRecordRow& row, const Period& quarter) { return quarter.contains(row.day); }

// Died in Q's window, in Q, or earlier (records of Q after the death are blocked): on or before Q's last day.
bool touches_quarter(const CremationRow& row, const Period& quarter) { return !(quarter.last_day() < row.died); }

bool day_touches_quarter(const Date& day, const Period& quarter) {
    return between(day, quarter.first_day(), quarter.next().last_day());
}

bool touches_quarter(const PhoneCheckRow& row, const Period& quarter) { return day_touches_quarter(row.day, quarter); }
bool touches_quarter(const CallbackRow& row, const Period& quarter) { return day_touches_quarter(row.day, quarter); }

bool touches_quarter(const SubscriberRow& row, const Period& quarter) {
    const Date from = std::min(quarter.first_day(), default_death_window(quarter).from);
    return !(quarter.last_day() < row.opened) && (!row.removed || !(*row.removed < from));
}

}  // namespace yiyang::verification
