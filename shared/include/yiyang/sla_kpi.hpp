// SLA compliance per rule (按时率) as an indicator: of a period's orders, the clocks of one rule that are
// decided — stopped, or still running past their due time — and how many of them were met on time.
// The rule is named by the indicator's code ("sla_" + rule code); targets live in kpi-targets.json.
#pragma once
#include <string>
#include <string_view>
#include <vector>
#include "yiyang/kpi.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang {

// "sla_review_24h" -> true; the rule code is what follows "sla_".
bool is_sla_kpi(std::string_view code);
std::string sla_kpi_rule(std::string_view code);   // "" when not an SLA indicator

// The per-clock predicates, shared by compute_sla_kpi and the per-day aggregates (kpi_aggregate.hpp):
// a clock counts in the denominator when its state is decided (met or breached), in the numerator when met.
bool sla_clock_decided(const SlaClock& c);
bool sla_clock_met(const SlaClock& c);

// numerator = orders whose clock of the rule stopped on or before its due time (state met);
// denominator = those plus the orders whose clock of the rule is breached (stopped late, or running past due).
// Clocks still running (or paused, or due soon) before their due time are undecided and left out.
// Throws std::invalid_argument when target.code is not an SLA indicator.
KpiResult compute_sla_kpi(const KpiTarget& target, const std::vector<OrderClocks>& orders);

}  // namespace yiyang
