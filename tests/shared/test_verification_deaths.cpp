// Death reconciliation edge cases: ID spellings (lowercase x, full-width digits, blanks), a name that differs,
// window and quarter boundaries, and the fee to recover from a person still billed.
#include <catch2/catch.hpp>

#include "verification_support.hpp"
#include "yiyang/verification/deaths.hpp"

namespace test_verification_deaths {

using namespace yiyang;
using namespace yiyang::verification;
using yiyang::test::person_id;

namespace {
const Period kQ1{PeriodKind::Quarter, 2024, 1};
const DeathCheckInput kInput{{2023, 11, 1}, {2023, 12, 31}, kQ1, yuan(20), {}};

// The first person_id index whose check character is X (to test a lowercase x).
int with_x() {
    for (int i = 0;; ++i)
        if (person_id(i).back() == 'X') return i;
}
}  // namespace

TEST_CASE("ID numbers match across spellings: lowercase x, full-width digits, blanks", "[verification]") {
    CHECK(id_key("35032219300101001x") == "35032219300101001X");
    CHECK(id_key("３５０３２２ 1930\xE3\x80\x80" "0101 001Ｘ") == "35032219300101001X");
    CHECK(id_key("350322\xC2\xA0" "19300101001ｘ") == "35032219300101001X");

    const int x = with_x();
    std::vector<SubscriberRow> subs = {test::subscriber(x, {2020, 1, 1})};
    auto c = test::cremation(x, {2023, 11, 5});
    c.id_number = " " + c.id_number.substr(0, 17) + "x";
    const auto r = death_check(kInput, subs, {c}, {});
    CHECK(r.matched.keys == std::vector<std::string>{person_id(x)});
}

TEST_CASE("an ID number packed in an integer only as imports store it, equal exactly when the texts are", "[verification]") {
    const auto p = packed_id_key("35032219300101001X");
    REQUIRE(p);
    CHECK(*p == 35032219300101001ull * 11 + 10);
    CHECK(packed_id_key("350322193001010019") == 35032219300101001ull * 11 + 9);
    CHECK(packed_id_key("350322193001010010") == 35032219300101001ull * 11);
    CHECK(packed_id_key("35032219300101001X") != packed_id_key("350322193001010019"));
    // What id_key would change, or is no ID number at all: none (the caller keys those by text).
    for (const char* other : {"35032219300101001x", "35032219300101001", "3503221930010100199", " 35032219300101001X",
                              "３５０３２２19300101001X", "35032219300101001Y", "3503221930010100X9", ""}) {
        INFO(other);
        CHECK_FALSE(packed_id_key(other));
    }
    // Every canonical text is its own key.
    for (int k = 0; k < 50; ++k) {
        const std::string id = person_id(k);
        REQUIRE(id_key(id) == id);
        CHECK(packed_id_key(id));
    }
}

TEST_CASE("an ID match with another name is listed, not counted, until confirmed", "[verification]") {
    std::vector<SubscriberRow> subs = {test::subscriber(1, {2020, 1, 1}), test::subscriber(2, {2020, 1, 1})};
    auto c1 = test::cremation(1, {2023, 12, 1});
    c1.name = "王五";
    auto c2 = test::cremation(2, {2023, 12, 2});
    c2.name = "用户 2";   // blanks only: the same name
    auto r = death_check(kInput, subs, {c1, c2}, {});
    CHECK(r.matched.keys == std::vector<std::string>{person_id(2)});
    REQUIRE(r.name_mismatches.size() == 1);
    CHECK(r.name_mismatches[0].subscriber_name == "用户1");
    CHECK(r.name_mismatches[0].cremation_name == "王五");
    CHECK(r.to_deduct.count() == 1);

    r = death_check(kInput, subs, {c1, c2}, {person_id(1)});
    CHECK(r.matched.count() == 2);
    CHECK(r.name_mismatches.empty());
}

TEST_CASE("window and quarter boundaries; the fee to recover", "[verification]") {
    std::vector<SubscriberRow> subs = {
        test::subscriber(1, {2020, 1, 1}, Date{2023, 12, 31}, "死亡"),   // removed the day before the quarter
        test::subscriber(2, {2020, 1, 1}, Date{2024, 1, 1}, "死亡"),     // removed on the quarter's first day
        test::subscriber(3, {2020, 1, 1}),                                // never removed: billed Jan, Feb, Mar
        test::subscriber(4, {2020, 1, 1}, Date{2024, 3, 5}, "死亡"),     // removed in March: billed Jan, Feb
        test::subscriber(5, {2020, 1, 1}),                                // died 2023-10-31: outside the window
        test::subscriber(6, {2020, 1, 1}),                                // died 2024-03-31: next quarter's list
        test::subscriber(7, {2020, 1, 1}),                                // died 2024-04-01: neither
    };
    std::vector<CremationRow> deaths = {
        test::cremation(1, {2023, 11, 1}), test::cremation(2, {2023, 12, 31}), test::cremation(3, {2023, 11, 15}),
        test::cremation(4, {2023, 12, 20}), test::cremation(5, {2023, 10, 31}), test::cremation(6, {2024, 3, 31}),
        test::cremation(7, {2024, 4, 1}),  test::cremation(3, {2023, 11, 15}),   // listed twice: one death
    };
    const auto r = death_check(kInput, subs, deaths, {});
    CHECK(r.matched.keys == std::vector<std::string>{person_id(1), person_id(2), person_id(3), person_id(4)});
    CHECK(r.already_removed.keys == std::vector<std::string>{person_id(1)});
    CHECK(r.to_deduct.count() == 3);
    CHECK(r.deducted.keys == std::vector<std::string>{person_id(2), person_id(4)});
    CHECK(r.not_deducted.keys == std::vector<std::string>{person_id(3)});
    CHECK(r.next_quarter.keys == std::vector<std::string>{person_id(6)});
    REQUIRE(r.still_billed.size() == 2);
    CHECK(r.still_billed[0].id_number == person_id(3));
    CHECK(r.still_billed[0].months.size() == 3);
    CHECK(r.still_billed[0].to_recover == yuan(60));
    CHECK(r.still_billed[1].months.size() == 2);
    CHECK(r.to_recover == yuan(100));

    // The deduction due only from March: January and February are no longer "after it was due".
    auto late = kInput;
    late.deduction_due = Period{PeriodKind::Month, 2024, 3};
    const auto r2 = death_check(late, subs, deaths, {});
    REQUIRE(r2.still_billed.size() == 1);
    CHECK(r2.still_billed[0].to_recover == yuan(20));
}

}  // namespace test_verification_deaths
