#include <catch2/catch.hpp>

#include "yiyang/care_tier.hpp"

namespace test_care_tier {

using namespace yiyang;

TEST_CASE("care tier: the seed's three groups, first that applies wins", "[care_tier]") {
    using C = ElderCategory;
    using D = DisabilityLevel;
    CHECK(care_tier(D::Severe, {}) == CareTier::SevereOrComplete);
    CHECK(care_tier(D::Complete, {C::Subsistence}) == CareTier::SevereOrComplete);
    CHECK(care_tier(D::Moderate, {C::Subsistence}) == CareTier::SubsistenceModerateOrAged);
    CHECK(care_tier(D::None, {C::Subsistence, C::AdvancedAge}) == CareTier::SubsistenceModerateOrAged);
    // moderate disability or advanced age without 低保 is not the 200-yuan tier
    CHECK(care_tier(D::Moderate, {C::AdvancedAge}) == std::nullopt);
    CHECK(care_tier(D::Mild, {C::Subsistence}) == std::nullopt);
    CHECK(care_tier(D::None, {C::ExtremePoverty}) == CareTier::Visiting);
    CHECK(care_tier(D::None, {C::LeftBehind, C::LivingAlone}) == CareTier::Visiting);
    CHECK(care_tier(D::None, {C::LivingAlone, C::EmptyNest}) == std::nullopt);
    for (CareTier t : {CareTier::SevereOrComplete, CareTier::SubsistenceModerateOrAged, CareTier::Visiting})
        CHECK(care_tier_from_code(code(t)) == t);
    CHECK(care_tier_from_code("severe_disability") == std::nullopt);
    CHECK(std::string(project_of(CareTier::Visiting)) == "visiting");
    CHECK(std::string(project_of(CareTier::SevereOrComplete)) == "home_visit");
}

}  // namespace test_care_tier
