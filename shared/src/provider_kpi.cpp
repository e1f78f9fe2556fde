// The provider indicators of the target table, items 5–8 (provider_kpi.hpp).
#include "yiyang/provider_kpi.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace yiyang::providers {

namespace {

const char* const kCodes[] = {"provider_evaluations",        "poor_provider_warn_remove_rate",
                              "active_providers",            "platform_providers",
                              "miniprogram_disclosure_rate", "providers_radiating_to_points",
                              "key_information_checks",      "service_item_online_rate"};

bool in_range(const Date& d, const Date& first, const Date& last) { return !(d < first) && !(last < d); }

std::string month_key(int y, int m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

bool on_platform(const KpiProvider& p, const ProviderKpiInput& in, const Date& day) {
    return status_on(p, in.actions, day) != ProviderStatus::Removed;
}

Ratio count(std::size_t n) { return Ratio{static_cast<std::int64_t>(n), 1}; }

}  // namespace

bool is_provider_kpi(std::string_view c) {
    return std::any_of(std::begin(kCodes), std::end(kCodes), [&](const char* k) { return c == k; });
}

std::vector<std::string> active_window(const Date& last, const Date& today, const EvaluationRule& rule) {
    // The last whole month on or before min(last, yesterday): a month still running is not judged.
    Date end = last;
    const Date yesterday = add_days(today, -1);
    if (yesterday < end) end = yesterday;
    int total = end.year * 12 + (end.month - 1);
    if (end.day != days_in_month(end.year, end.month)) --total;   // end's month not over on `end`
    std::vector<std::string> out;
    for (std::int64_t i = rule.active_window_months - 1; i >= 0; --i) {
        const int t = total - static_cast<int>(i);
        out.push_back(month_key(t / 12, t % 12 + 1));
    }
    return out;
}

ProviderStatus status_on(const KpiProvider& p, const std::vector<KpiAction>& actions, const Date& day) {
    const KpiAction* latest = nullptr;
    bool later = false;
    for (const auto& a : actions) {
        if (a.provider_id != p.provider.id) continue;
        if (day < a.day) {
            later = true;
            continue;
        }
        if (!latest || latest->day < a.day || (latest->day == a.day && latest->id < a.id)) latest = &a;
    }
    if (latest) return status_after(latest->action);
    return later ? ProviderStatus::Active : p.provider.status;
}

bool disclosure_complete(const Provider& p) {
    if (!p.published_on_miniprogram || p.name.empty() || p.contact_phone.empty() || p.categories.empty()) return false;
    return std::any_of(p.points.begin(), p.points.end(),
                       [](const ServicePoint& s) { return s.location.lat_e6 != 0 && s.location.lon_e6 != 0; });
}

std::vector<ServiceCategory> missing_items_of_town(Id town, const ProviderKpiInput& in, const Date& last,
                                                   const EvaluationRule& rule) {
    std::vector<ServiceCategory> missing;
    for (ServiceCategory c : rule.required_service_items) {
        const bool online = std::any_of(in.providers.begin(), in.providers.end(), [&](const KpiProvider& p) {
            return p.provider.towns_covered.count(town) && p.provider.categories.count(c) &&
                   status_on(p, in.actions, last) == ProviderStatus::Active;
        });
        if (!online) missing.push_back(c);
    }
    return missing;
}

KpiResult compute_provider_kpi(const KpiTarget& t, const ProviderKpiInput& in, const Date& first, const Date& last,
                               const Date& today, const EvaluationRule& rule) {
    const std::string& c = t.code;
    std::vector<Id> num, den;
    if (c == "provider_evaluations") {
        for (const auto& e : in.evaluations)
            if (in_range(e.day, first, last)) num.push_back(e.provider_id);
        std::sort(num.begin(), num.end());
        num.erase(std::unique(num.begin(), num.end()), num.end());
        return make_kpi_result(t, count(num.size()), num, {});
    }
    if (c == "poor_provider_warn_remove_rate") {
        std::map<Id, const KpiEvaluation*> latest;
        for (const auto& e : in.evaluations) {
            if (!in_range(e.day, first, last)) continue;
            auto& l = latest[e.provider_id];
            if (!l || l->day < e.day || (l->day == e.day && l->id < e.id)) l = &e;
        }
        for (const auto& entry : latest) {
            const auto pid = entry.first;   // named copies: clang 14 (emscripten) cannot capture structured bindings
            const auto* e = entry.second;
            if (e->grade != Grade::Poor) continue;
            den.push_back(pid);
            const bool acted = std::any_of(in.actions.begin(), in.actions.end(), [&](const KpiAction& a) {
                return a.provider_id == pid && a.action != PoorAction::Lift && !(a.day < e->day) && !(last < a.day);
            });
            if (acted) num.push_back(pid);
        }
        return make_kpi_result(t, Ratio{static_cast<std::int64_t>(num.size()), static_cast<std::int64_t>(den.size())},
                               num, den);
    }
    if (c == "active_providers") {
        const auto months = active_window(last, today, rule);
        for (const auto& p : in.providers) {
            if (!on_platform(p, in, last)) continue;
            const auto it = in.monthly_orders.find(p.provider.id);
            if (it == in.monthly_orders.end()) continue;
            const bool every = std::all_of(months.begin(), months.end(), [&](const std::string& m) {
                const auto mi = it->second.find(m);
                return mi != it->second.end() && mi->second >= rule.active_min_orders_per_month;
            });
            if (every) num.push_back(p.provider.id);
        }
        return make_kpi_result(t, count(num.size()), num, {});
    }
    if (c == "platform_providers" || c == "providers_radiating_to_points" || c == "miniprogram_disclosure_rate") {
        for (const auto& p : in.providers) {
            if (!on_platform(p, in, last)) continue;
            den.push_back(p.provider.id);
            if (c == "platform_providers") num.push_back(p.provider.id);
            else if (c == "providers_radiating_to_points") {
                if (p.provider.radiates_to_points && !p.provider.points.empty()) num.push_back(p.provider.id);
            } else if (disclosure_complete(p.provider)) {
                num.push_back(p.provider.id);
            }
        }
        if (c == "miniprogram_disclosure_rate")
            return make_kpi_result(t, Ratio{static_cast<std::int64_t>(num.size()), static_cast<std::int64_t>(den.size())},
                                   num, den);
        return make_kpi_result(t, count(num.size()), num, {});
    }
    if (c == "key_information_checks") {
        for (const auto& k : in.key_checks)
            if (in_range(k.day, first, last)) num.push_back(k.provider_id);
        std::sort(num.begin(), num.end());
        num.erase(std::unique(num.begin(), num.end()), num.end());
        return make_kpi_result(t, count(num.size()), num, {});
    }
    if (c == "service_item_online_rate") {
        for (Id town : in.towns) {
            den.push_back(town);
            if (missing_items_of_town(town, in, last, rule).empty()) num.push_back(town);
        }
        return make_kpi_result(t, Ratio{static_cast<std::int64_t>(num.size()), static_cast<std::int64_t>(den.size())},
                               num, den);
    }
    throw std::invalid_argument("not a provider indicator: " + c);
}

}  // namespace yiyang::providers
