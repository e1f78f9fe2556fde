// Contributions of one order / one day of calls to the indicator aggregates, and figures from their sums
// (kpi_aggregate.hpp). Only the predicates of kpi.cpp and sla_kpi.cpp decide what counts.
#include "yiyang/kpi_aggregate.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "yiyang/sla_kpi.hpp"

namespace yiyang {

OrderKpiCounts& OrderKpiCounts::operator+=(const OrderKpiCounts& o) {
    for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i) {
        num[i] += o.num[i];
        den[i] += o.den[i];
    }
    return *this;
}

OrderKpiCounts& OrderKpiCounts::operator-=(const OrderKpiCounts& o) {
    for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i) {
        num[i] -= o.num[i];
        den[i] -= o.den[i];
    }
    return *this;
}

bool OrderKpiCounts::zero() const {
    for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i)
        if (num[i] || den[i]) return false;
    return true;
}

OrderKpiCounts order_kpi_contribution(const WorkOrder& o, const SlaRuleSet& sla) {
    const auto& formulas = order_kpi_formulas();
    static_assert(kOrderKpiFormulaCount == 8);
    if (formulas.size() != kOrderKpiFormulaCount) throw std::logic_error("order_kpi_formulas changed: update kOrderKpiFormulaCount");
    OrderKpiCounts c;
    for (std::size_t i = 0; i < kOrderKpiFormulaCount; ++i) {
        if (!formulas[i].in_denominator(o)) continue;
        c.den[i] = 1;
        c.num[i] = formulas[i].in_numerator(o, sla) ? 1 : 0;
    }
    return c;
}

KpiResult order_kpi_from_counts(const KpiTarget& target, const OrderKpiCounts& sums) {
    const auto& formulas = order_kpi_formulas();
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        if (target.code != formulas[i].code) continue;
        return make_kpi_result_counts(target, Ratio{sums.num[i], sums.den[i]}, sums.num[i], sums.den[i]);
    }
    throw std::invalid_argument("KPI \"" + target.code + "\" is not computed from work orders");
}

SlaContribution sla_contribution(const WorkOrder& order, const std::vector<SlaClock>& clocks, LocalSeconds now) {
    SlaContribution out;
    if (order.paused_since) {   // due times follow "now" while paused: only the resume (a write) settles it
        out.settled = false;
        out.recheck_at = kNever;
        return out;
    }
    std::optional<LocalSeconds> next;
    for (const auto& c : clocks) {
        // A stopped clock never changes; a running one past due stays breached; anything else may change.
        const bool fixed = c.stopped_at ? sla_clock_decided(c) : c.state == SlaState::Breached && now > c.due_at;
        if (!fixed) {
            const LocalSeconds at = c.stopped_at ? kNever : c.due_at + 1;
            next = next ? std::min(*next, at) : at;
        }
    }
    if (next) {
        out.settled = false;
        out.recheck_at = *next;
        return out;
    }
    add_sla_clocks(out.by_rule, clocks);
    return out;
}

void add_sla_clocks(std::map<std::string, SlaRuleCounts>& by_rule, const std::vector<SlaClock>& clocks) {
    for (const auto& c : clocks) {
        if (!sla_clock_decided(c)) continue;
        auto& r = by_rule[c.rule_code];
        ++r.decided;
        if (sla_clock_met(c)) ++r.met;
    }
}

KpiResult sla_kpi_from_counts(const KpiTarget& target, const SlaRuleCounts& sums) {
    if (!is_sla_kpi(target.code)) throw std::invalid_argument("not an SLA indicator: " + target.code);
    return make_kpi_result_counts(target, Ratio{sums.met, sums.decided}, sums.met, sums.decided);
}

std::vector<KpiCallDay> call_days(const std::vector<KpiCall>& calls) {
    std::map<Date, KpiCallDay> days;
    std::map<Date, std::set<std::string>> agents;
    for (const auto& c : calls) {
        const Date d = date_of(c.started_at);
        auto& day = days[d];
        day.day = d;
        ++day.calls;
        if (call_is_inbound(c)) ++day.inbound;
        if (call_connected(c)) ++day.connected;
        if (call_staffs_day(c)) {
            ++day.staffing_calls;
            agents[d].insert(c.agent);
        }
    }
    std::vector<KpiCallDay> out;
    for (auto& [d, day] : days) {
        day.agents = static_cast<std::int64_t>(agents[d].size());
        out.push_back(day);
    }
    return out;
}

KpiResult call_kpi_from_days(const KpiTarget& target, const std::vector<KpiCallDay>& days, const Date& first,
                             const Date& last, const WorkCalendar& calendar) {
    const std::string& c = target.code;
    std::int64_t inbound = 0, connected = 0, calls = 0;
    std::map<Date, const KpiCallDay*> by_day;
    for (const auto& d : days) {
        if (d.day < first || last < d.day) {
            if (c == "seats_per_workday") continue;   // the staffing walk is over first..last only
        }
        inbound += d.inbound;
        connected += d.connected;
        calls += d.calls;
        by_day[d.day] = &d;
    }
    if (c == "connection_rate") return make_kpi_result_counts(target, Ratio{connected, inbound}, connected, inbound);
    if (c == "yearly_call_volume") return make_kpi_result_counts(target, Ratio{calls, 1}, calls, 0);
    if (c == "seats_per_workday") {
        // As compute_call_kpi: the worst workday decides (the first of equal ones); its staffing calls are the IDs.
        std::optional<std::int64_t> worst;
        std::int64_t worst_calls = 0;
        for (Date d = first; d <= last; d = add_days(d, 1)) {
            if (!calendar.is_workday(d)) continue;
            auto it = by_day.find(d);
            const std::int64_t n = it == by_day.end() ? 0 : it->second->agents;
            if (!worst || n < *worst) {
                worst = n;
                worst_calls = it == by_day.end() ? 0 : it->second->staffing_calls;
            }
        }
        const Ratio value = worst ? Ratio{*worst, 1} : Ratio{0, 0};
        return make_kpi_result_counts(target, value, worst_calls, 0);
    }
    throw std::invalid_argument("KPI \"" + c + "\" is not computed from call records");
}

}  // namespace yiyang
