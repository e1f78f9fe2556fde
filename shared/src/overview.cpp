// The home screen's figures (overview.hpp): totals, town shares and counts by category, status, channel
// and type, computed once here; the JSON lists every enum value in enum order so the client draws directly.
#include "yiyang/overview.hpp"

#include "yiyang/order_lifecycle.hpp"
#include "yiyang/wire/overview.hpp"

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

// One list of member names: the wire struct the dashboard reads (wire/overview.hpp).
void to_json(nlohmann::json& j, const Overview& o) { j = wire::overview_reply(o); }

}  // namespace yiyang
