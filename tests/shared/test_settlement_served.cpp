// The statement's counted figures (settlement/served.hpp): served subjects by billed tier in the rule's order with
// the unbilled count, and the provider's payable physical 人次 — hand-computed.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support.hpp"
#include "yiyang/settlement/served.hpp"

namespace test_settlement_served {

using namespace yiyang;
using namespace yiyang::settlement;

namespace {

SettlementFees seed_fees() {
    SettlementFees f;
    from_json(test::load_json("assets/rules/settlement-fees.json"), f);
    return f;
}

// 2025-03: 40 completely disabled; 31 severely disabled AND a subsistence recipient aged 80+ (both tiers' inputs: the
// first that applies, severe_or_complete); 12 moderately disabled subsistence recipient; 5 extreme poverty (探视巡访:
// not billed per head); 7 no tier at all; 12 listed twice (one subject).
std::vector<ServedSubject> march_subjects() {
    return {{40, DisabilityLevel::Complete, {}},
            {31, DisabilityLevel::Severe, {ElderCategory::Subsistence, ElderCategory::AdvancedAge}},
            {12, DisabilityLevel::Moderate, {ElderCategory::Subsistence}},
            {5, DisabilityLevel::None, {ElderCategory::ExtremePoverty}},
            {7, DisabilityLevel::None, {}},
            {12, DisabilityLevel::Moderate, {ElderCategory::Subsistence}}};
}

// R1 (03-02, payable), R2 (03-31, not payable), R3 (02-28: another month, payable in the quarter), R4 (03-15, payable).
std::vector<ListRecordKey> march_records() {
    return {{"R2", Date{2025, 3, 31}}, {"R1", Date{2025, 3, 2}}, {"R3", Date{2025, 2, 28}}, {"R4", Date{2025, 3, 15}}};
}
const std::vector<std::string> kPayable{"R1", "R3", "R4", "R9"};

}  // namespace

TEST_CASE("statement figures: served subjects by billed tier, unbilled, payable physical 人次", "[settlement]") {
    const auto fees = seed_fees();
    REQUIRE(fees.tiers.size() == 2);
    REQUIRE(fees.tiers[0].code == "severe_or_complete");
    const auto out = count_served(*parse_period("2025-03"), march_subjects(), march_records(), &kPayable, fees);

    REQUIRE(out.served.size() == 2);
    CHECK(out.served[0].tier == "severe_or_complete");
    CHECK(out.served[0].count == 2);
    CHECK(out.served[0].subject_ids == std::vector<Id>{31, 40});
    CHECK(out.served[1].tier == "subsistence_moderate_or_aged");
    CHECK(out.served[1].count == 1);
    CHECK(out.served[1].subject_ids == std::vector<Id>{12});
    CHECK(out.unbilled == 2);   // 5 (visiting) and 7 (no tier)
    CHECK(out.tier_of == std::map<Id, std::string>{{12, "subsistence_moderate_or_aged"},
                                                   {31, "severe_or_complete"},
                                                   {40, "severe_or_complete"}});
    CHECK(out.physical_records == 3);            // R3 is February's
    REQUIRE(out.physical_payable.has_value());
    CHECK(*out.physical_payable == 2);           // R1, R4; R2 not payable
}

TEST_CASE("statement figures: the rule's tier order, a tier nobody is in, no payable keys", "[settlement]") {
    auto fees = seed_fees();
    std::reverse(fees.tiers.begin(), fees.tiers.end());
    const std::vector<ServedSubject> only_severe{{40, DisabilityLevel::Complete, {}}};
    const auto out = count_served(*parse_period("2025-03"), only_severe, march_records(), nullptr, fees);
    REQUIRE(out.served.size() == 2);
    CHECK(out.served[0].tier == "subsistence_moderate_or_aged");
    CHECK(out.served[0].count == 0);
    CHECK(out.served[0].subject_ids.empty());
    CHECK(out.served[1].tier == "severe_or_complete");
    CHECK(out.served[1].subject_ids == std::vector<Id>{40});
    CHECK(out.unbilled == 0);
    CHECK(out.physical_records == 3);
    CHECK_FALSE(out.physical_payable.has_value());   // the quarter could not be verified

    // A rule without the moderate tier: the moderate subject is not billed.
    fees.tiers.erase(fees.tiers.begin());
    const auto fewer = count_served(*parse_period("2025-03"), march_subjects(), {}, &kPayable, fees);
    REQUIRE(fewer.served.size() == 1);
    CHECK(fewer.served[0].subject_ids == std::vector<Id>{31, 40});
    CHECK(fewer.unbilled == 3);
    CHECK(fewer.physical_records == 0);
    CHECK(fewer.physical_payable == std::optional<std::int64_t>{0});
}

}  // namespace test_settlement_served
