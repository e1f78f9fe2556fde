// The care tier of a subject (服务对象分类) — ONE definition, read by the scorecard's visit frequency (考核 走访频次,
// assessment-scorecard.json visit_frequency[].tier) and by the statement's fee lines (结算 settlement-fees.json
// home_visit_tiers[].code). Seed county-home-care-service-and-scorecard.txt:
//   居家养老上门服务 (project home_visit): 重度及完全失能老年人 300 元/人/月 → severe_or_complete;
//                                        低保对象中的中度失能和高龄老年人 200 元/人/月 → subsistence_moderate_or_aged;
//   探视巡访 (project visiting): 分散自理特困供养人员、留守等困难老年人 → visiting.
// The first tier that applies wins, in the order above (a severely disabled subsistence recipient is
// severe_or_complete). 高龄 is the registry's AdvancedAge category (80+, checked against the ID number on entry).
#pragma once
#include <optional>
#include <set>
#include <string_view>

#include "yiyang/records.hpp"

namespace yiyang {

enum class CareTier { SevereOrComplete, SubsistenceModerateOrAged, Visiting };
const char* code(CareTier t);       // severe_or_complete | subsistence_moderate_or_aged | visiting
const char* label_zh(CareTier t);   // 重度及完全失能老年人 | 低保对象中的中度失能和高龄老年人 | 分散特困、留守等困难老年人
std::optional<CareTier> care_tier_from_code(std::string_view c);

// None when the subject belongs to no tier (e.g. a self-reliant elder without hardship).
std::optional<CareTier> care_tier(DisabilityLevel disability, const std::set<ElderCategory>& categories);

// The project a tier is served under: home_visit (居家养老上门服务) or visiting (探视巡访).
const char* project_of(CareTier t);

}  // namespace yiyang
