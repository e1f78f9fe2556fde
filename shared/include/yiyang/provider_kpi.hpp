// The provider indicators of the Zhongshan target table (items 5–8), over a date range [first, last] (a month, a
// quarter or the project year to date), each a KpiResult whose ID lists name the providers (or, for the service-item
// online rate, the towns) behind it:
//   provider_evaluations            providers with an evaluation dated in the range (count; ≥ 50)
//   poor_provider_warn_remove_rate  of the providers whose LATEST evaluation in the range is 差, those with a warning or
//                                   removal decided on or after that evaluation's day and not after `last` (100 %;
//                                   a lifted warning still counts: it was decided)
//   active_providers                providers on the platform on `last` with ≥ min_orders_per_month orders (created,
//                                   not cancelled) in EACH of the rule's window_months whole months ending with the
//                                   last whole month on or before min(last, the day before today) (count; ≥ 10)
//   platform_providers              providers not removed on `last` (count; ≥ 200)
//   miniprogram_disclosure_rate     of the providers on the platform, those published on the mini-program whose public
//                                   information is complete: contact phone, service list, ≥ 1 service point with
//                                   coordinates (100 %)
//   providers_radiating_to_points   providers on the platform whose products reach service points: radiates_to_points
//                                   and ≥ 1 service point (count; ≥ 5)
//   key_information_checks          providers with a key-information check dated in the range (count; ≥ 80)
//   service_item_online_rate        towns where each required service item (rule data) has ≥ 1 provider active (正常)
//                                   on `last` that covers the town and offers it ÷ towns (100 %); IDs are town IDs
// A provider's status on a day: its latest warning/removal/lift decided on or before that day; none before it = 正常
// when such a decision exists later, else the stored status (the status it was registered with).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/kpi.hpp"
#include "yiyang/provider_evaluation.hpp"

namespace yiyang::providers {

struct KpiProvider {
    Provider provider;                 // categories, towns, points, flags, stored status
    Platform platform = Platform::SmartCare;
};
struct KpiEvaluation {
    Id id = 0;
    Id provider_id = 0;
    Date day;
    Grade grade = Grade::Poor;
};
struct KpiAction {                     // a 差 → warning / removal decision, or a warning lifted (not counted as acted)
    Id id = 0;
    Id provider_id = 0;
    Date day;
    PoorAction action = PoorAction::Warn;
};
struct KpiKeyCheck {
    Id id = 0;
    Id provider_id = 0;
    Date day;
};
// Orders per provider per month: provider id → ("YYYY-MM" → orders created that month, not cancelled).
using MonthlyOrders = std::map<Id, std::map<std::string, std::int64_t>>;

struct ProviderKpiInput {
    std::vector<KpiProvider> providers;
    std::vector<KpiEvaluation> evaluations;
    std::vector<KpiAction> actions;
    std::vector<KpiKeyCheck> key_checks;
    MonthlyOrders monthly_orders;
    std::vector<Id> towns;
};

bool is_provider_kpi(std::string_view code);
// The months (as "YYYY-MM") active_providers looks at for a range ending `last`, judged on `today`.
std::vector<std::string> active_window(const Date& last, const Date& today, const EvaluationRule& rule);
ProviderStatus status_on(const KpiProvider& p, const std::vector<KpiAction>& actions, const Date& day);
// Is the provider's public information complete for the mini-program (the disclosure rate's numerator)?
bool disclosure_complete(const Provider& p);
// Throws std::invalid_argument when target.code is not a provider indicator.
KpiResult compute_provider_kpi(const KpiTarget& target, const ProviderKpiInput& in, const Date& first, const Date& last,
                               const Date& today, const EvaluationRule& rule);

// For the drill-down of service_item_online_rate: the required items a town lacks (empty = online).
std::vector<ServiceCategory> missing_items_of_town(Id town, const ProviderKpiInput& in, const Date& last,
                                                   const EvaluationRule& rule);

}  // namespace yiyang::providers
