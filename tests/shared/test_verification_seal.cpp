// touches_quarter (verification/seal.hpp): which quarters an imported row can change — the seal guard's one rule.
#include <catch2/catch.hpp>

#include "yiyang/verification/seal.hpp"

namespace test_verification_seal {

using namespace yiyang;
using namespace yiyang::verification;

namespace {
const Period Q1{PeriodKind::Quarter, 2024, 1};
const Period Q2{PeriodKind::Quarter, 2024, 2};
}  // namespace

TEST_CASE("service records touch the quarter of their day only", "[verification][seal]") {
    ServiceRecordRow r;
    r.day = Date{2024, 3, 31};
    CHECK(touches_quarter(r, Q1));
    CHECK_FALSE(touches_quarter(r, Q2));
    r.day = Date{2024, 4, 1};
    CHECK_FALSE(touches_quarter(r, Q1));
    CHECK(touches_quarter(r, Q2));
}

TEST_CASE("cremations touch every quarter ending on or after the death", "[verification][seal]") {
    CremationRow c;
    c.died = Date{2023, 11, 1};   // the first day of 2024 Q1's window (the seed's 2023-11-01..2023-12-31)
    CHECK(touches_quarter(c, Q1));
    // Q2: its records of the person, dated after the death, are never payable (physical_services).
    CHECK(touches_quarter(c, Q2));
    c.died = Date{2023, 6, 30};   // long before Q1's window: still blocks Q1's records after it
    CHECK(touches_quarter(c, Q1));
    c.died = Date{2024, 3, 31};   // inside Q1 (listed for the next)
    CHECK(touches_quarter(c, Q1));
    c.died = Date{2024, 4, 1};    // after Q1 ends: no figure of Q1 reads it
    CHECK_FALSE(touches_quarter(c, Q1));
    CHECK(touches_quarter(c, Q2));
    c.died = Date{2024, 4, 1};
    c.cremated = Date{2024, 3, 2};   // the cremation date is read by no figure
    CHECK_FALSE(touches_quarter(c, Q1));
}

TEST_CASE("checks and callbacks touch a quarter until the next one ends", "[verification][seal]") {
    PhoneCheckRow p;
    p.day = Date{2024, 6, 30};
    CHECK(touches_quarter(p, Q1));
    CHECK(touches_quarter(p, Q2));
    p.day = Date{2024, 7, 1};
    CHECK_FALSE(touches_quarter(p, Q1));
    CallbackRow cb;
    cb.day = Date{2023, 12, 31};
    CHECK_FALSE(touches_quarter(cb, Q1));
    cb.day = Date{2024, 1, 1};
    CHECK(touches_quarter(cb, Q1));
    CHECK(day_touches_quarter(Date{2024, 5, 5}, Q1));
}

TEST_CASE("a subscriber touches every quarter its enrolment is active in (from the death window)",
          "[verification][seal]") {
    SubscriberRow s;
    s.opened = Date{2024, 4, 1};
    CHECK_FALSE(touches_quarter(s, Q1));
    CHECK(touches_quarter(s, Q2));
    // A backfill: opened long ago, never removed — it is in Q1's and Q2's opening counts.
    s.opened = Date{2023, 6, 1};
    CHECK(touches_quarter(s, Q1));
    CHECK(touches_quarter(s, Q2));
    s.opened = Date{2020, 1, 1};
    s.removed = Date{2023, 10, 31};   // removed before Q1's death window (2023-11-01..12-31) began
    CHECK_FALSE(touches_quarter(s, Q1));
    s.removed = Date{2023, 11, 1};    // removed in the window: Q1's deaths check reads it (已拆机核减)
    CHECK(touches_quarter(s, Q1));
    CHECK_FALSE(touches_quarter(s, Q2));   // Q2's window starts 2024-02-01
    s.removed = Date{2024, 2, 1};
    CHECK(touches_quarter(s, Q2));
    s.removed = Date{2024, 1, 31};
    CHECK_FALSE(touches_quarter(s, Q2));
}

}  // namespace test_verification_seal
