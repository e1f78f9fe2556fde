// Two physical-service reports figure for figure (Catch2 checks): every month, tally and fee, and every flagged record
// with its status and reasons. For tests that compute the same figures two ways (shared: rows and columns; server:
// a town cut from the district's computation and a town-only one).
#pragma once
#include <catch2/catch.hpp>

#include "yiyang/verification/physical_services.hpp"

namespace yiyang::test {

inline void check_same_physical(const verification::PhysicalServiceReport& a, const verification::PhysicalServiceReport& b) {
    REQUIRE(a.months.size() == b.months.size());
    for (std::size_t m = 0; m < a.months.size(); ++m) {
        INFO("month " << m);
        CHECK(a.months[m].records == b.months[m].records);
        CHECK(a.months[m].payable == b.months[m].payable);
        CHECK(a.months[m].unit_fee == b.months[m].unit_fee);
        CHECK(a.months[m].fee == b.months[m].fee);
        CHECK(a.months[m].payable_fee == b.months[m].payable_fee);
    }
    CHECK(a.records == b.records);
    CHECK(a.payable == b.payable);
    CHECK(a.not_payable == b.not_payable);
    CHECK(a.pending == b.pending);
    CHECK(a.decided_not_payable == b.decided_not_payable);
    CHECK(a.decided_payable == b.decided_payable);
    CHECK(a.outside_quarter == b.outside_quarter);
    CHECK(a.subjects_served == b.subjects_served);
    CHECK(a.fee == b.fee);
    CHECK(a.payable_fee == b.payable_fee);
    CHECK(a.not_payable_fee == b.not_payable_fee);
    CHECK(a.pending_fee == b.pending_fee);
    CHECK(a.decided_not_payable_fee == b.decided_not_payable_fee);
    CHECK(a.decided_payable_fee == b.decided_payable_fee);
    REQUIRE(a.flagged.size() == b.flagged.size());
    for (auto i = a.flagged.begin(), j = b.flagged.begin(); i != a.flagged.end(); ++i, ++j) {
        INFO(i->first);
        REQUIRE(i->first == j->first);
        CHECK(i->second.status == j->second.status);
        CHECK(i->second.id_number == j->second.id_number);
        CHECK(i->second.caregiver == j->second.caregiver);
        CHECK(i->second.day == j->second.day);
        REQUIRE(i->second.reasons.size() == j->second.reasons.size());
        for (std::size_t k = 0; k < i->second.reasons.size(); ++k) {
            CHECK(i->second.reasons[k].flag == j->second.reasons[k].flag);
            CHECK(i->second.reasons[k].other_records == j->second.reasons[k].other_records);
            CHECK(i->second.reasons[k].why_zh == j->second.reasons[k].why_zh);
        }
    }
}

}  // namespace yiyang::test
