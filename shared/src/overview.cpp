// The home screen's figures (overview.hpp): totals, town shares and counts by category, status, channel
// and type, computed once here; the JSON lists every enum value in enum order so the client draws directly.
#include "yiyang/overview.hpp"

#include "yiyang/order_lifecycle.hpp"

#include <algorithm>

namespace yiyang {

namespace {

template <typename E>
std::map<E, std::int64_t> complete(const std::map<E, std::int64_t>& counts, const std::vector<E>& all) {
    std::map<E, std::int64_t> out;
    for (E v : all) out[v] = 0;
    for (const auto& [k, n] : counts) out[k] += n;
    return out;
}

template <typename E>
std::int64_t total(const std::map<E, std::int64_t>& counts) {
    std::int64_t sum = 0;
    for (const auto& [k, n] : counts) sum += n;
    return sum;
}

template <typename E>
nlohmann::json counts_json(const std::map<E, std::int64_t>& counts, const std::vector<E>& all) {
    auto rows = nlohmann::json::array();
    for (E v : all) {
        auto it = counts.find(v);
        rows.push_back({{"code", code(v)}, {"label", label_zh(v)}, {"count", it == counts.end() ? 0 : it->second}});
    }
    return rows;
}

}  // namespace

Overview build_overview(const OverviewInputs& in) {
    Overview o;
    o.month = in.month;

    // Every named town gets a row, and so does a town that has elders but no name (data drift shows, not hides).
    std::map<Id, std::int64_t> by_town;
    for (const auto& [id, name] : in.town_names) by_town[id] = 0;
    for (const auto& [id, n] : in.active_elders_by_town) by_town[id] += n;
    o.active_elders = total(by_town);
    for (const auto& [id, n] : by_town) {
        auto name = in.town_names.find(id);
        o.towns.push_back(TownRow{id, name == in.town_names.end() ? std::string() : name->second, n,
                                  Ratio{n, o.active_elders}});
    }
    std::stable_sort(o.towns.begin(), o.towns.end(), [](const TownRow& a, const TownRow& b) {
        if (a.active_elders != b.active_elders) return a.active_elders > b.active_elders;
        return a.town_id < b.town_id;
    });

    o.elders_by_category = complete(in.active_elders_by_category, all_ElderCategorys());
    o.elders_by_status = complete(in.elders_by_status, all_ElderStatuss());
    o.all_elders = total(o.elders_by_status);
    o.providers_by_status = complete(in.providers_by_status, all_ProviderStatuss());
    o.month_orders_by_status = complete(in.month_orders_by_status, all_OrderStatuss());
    o.month_orders_by_channel = complete(in.month_orders_by_channel, all_Channels());
    o.month_orders_by_type = complete(in.month_orders_by_type, all_OrderTypes());
    o.month_orders = total(o.month_orders_by_status);
    for (const auto& [status, n] : o.month_orders_by_status) {
        if (is_open(status)) o.month_orders_open += n;
    }
    return o;
}

void to_json(nlohmann::json& j, const Ratio& r) {
    j = nlohmann::json{{"num", r.num}, {"den", r.den}, {"text", r.percent_text(2)}};
}

void to_json(nlohmann::json& j, const Overview& o) {
    j = nlohmann::json::object();
    j["month"] = {{"code", o.month.code()}, {"label", o.month.label_zh()}};
    j["active_elders"] = o.active_elders;
    j["all_elders"] = o.all_elders;
    auto towns = nlohmann::json::array();
    for (const auto& t : o.towns) {
        towns.push_back(
            {{"town_id", t.town_id}, {"name", t.name}, {"active_elders", t.active_elders}, {"share", t.share}});
    }
    j["towns"] = std::move(towns);
    j["elders_by_category"] = counts_json(o.elders_by_category, all_ElderCategorys());
    j["elders_by_status"] = counts_json(o.elders_by_status, all_ElderStatuss());
    j["providers_by_status"] = counts_json(o.providers_by_status, all_ProviderStatuss());
    j["month_orders"] = o.month_orders;
    j["month_orders_open"] = o.month_orders_open;
    j["month_orders_by_status"] = counts_json(o.month_orders_by_status, all_OrderStatuss());
    j["month_orders_by_channel"] = counts_json(o.month_orders_by_channel, all_Channels());
    j["month_orders_by_type"] = counts_json(o.month_orders_by_type, all_OrderTypes());
}

}  // namespace yiyang
