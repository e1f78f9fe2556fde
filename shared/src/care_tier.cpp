#include "yiyang/care_tier.hpp"

namespace yiyang {

const char* code(CareTier t) {
    switch (t) {
        case CareTier::SevereOrComplete: return "severe_or_complete";
        case CareTier::SubsistenceModerateOrAged: return "subsistence_moderate_or_aged";
        case CareTier::Visiting: return "visiting";
    }
    return "";
}

const char* label_zh(CareTier t) {
    switch (t) {
        case CareTier::SevereOrComplete: return "重度及完全失能老年人";
        case CareTier::SubsistenceModerateOrAged: return "低保对象中的中度失能和高龄老年人";
        case CareTier::Visiting: return "分散特困、留守等困难老年人";
    }
    return "";
}

std::optional<CareTier> care_tier_from_code(std::string_view c) {
    for (CareTier t : {CareTier::SevereOrComplete, CareTier::SubsistenceModerateOrAged, CareTier::Visiting})
        if (c == code(t)) return t;
    return std::nullopt;
}

std::optional<CareTier> care_tier(DisabilityLevel disability, const std::set<ElderCategory>& categories) {
    const auto has = [&](ElderCategory c) { return categories.count(c) != 0; };
    if (disability == DisabilityLevel::Severe || disability == DisabilityLevel::Complete) return CareTier::SevereOrComplete;
    if (has(ElderCategory::Subsistence) &&
        (disability == DisabilityLevel::Moderate || has(ElderCategory::AdvancedAge)))
        return CareTier::SubsistenceModerateOrAged;
    if (has(ElderCategory::ExtremePoverty) || has(ElderCategory::LeftBehind)) return CareTier::Visiting;
    return std::nullopt;
}

const char* project_of(CareTier t) { return t == CareTier::Visiting ? "visiting" : "home_visit"; }

}  // namespace yiyang
