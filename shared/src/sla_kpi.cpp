// SLA compliance per rule: met / decided clocks of one rule over a period's orders (see sla_kpi.hpp).
#include "yiyang/sla_kpi.hpp"

#include <stdexcept>

namespace yiyang {

namespace {
constexpr std::string_view kPrefix = "sla_";
}

bool is_sla_kpi(std::string_view code) { return code.size() > kPrefix.size() && code.substr(0, kPrefix.size()) == kPrefix; }

std::string sla_kpi_rule(std::string_view code) {
    return is_sla_kpi(code) ? std::string(code.substr(kPrefix.size())) : std::string();
}

bool sla_clock_decided(const SlaClock& c) { return c.state == SlaState::Met || c.state == SlaState::Breached; }
bool sla_clock_met(const SlaClock& c) { return c.state == SlaState::Met; }

KpiResult compute_sla_kpi(const KpiTarget& target, const std::vector<OrderClocks>& orders) {
    if (!is_sla_kpi(target.code)) throw std::invalid_argument("not an SLA indicator: " + target.code);
    const std::string rule = sla_kpi_rule(target.code);
    std::vector<Id> met, decided;
    for (const auto& oc : orders) {
        for (const auto& c : oc.clocks) {
            if (c.rule_code != rule) continue;
            if (!sla_clock_decided(c)) continue;
            decided.push_back(oc.order.id);
            if (sla_clock_met(c)) met.push_back(oc.order.id);
        }
    }
    const Ratio value{static_cast<std::int64_t>(met.size()), static_cast<std::int64_t>(decided.size())};
    return make_kpi_result(target, value, std::move(met), std::move(decided));
}

}  // namespace yiyang
