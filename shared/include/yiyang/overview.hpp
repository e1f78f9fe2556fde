// The home screen's figures: elders by town and category, providers by status, this month's work orders.
// The server supplies grouped counts from storage; this builds the figures (totals, shares) in one place.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/period.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

struct OverviewInputs {
    Period month;
    std::map<Id, std::string> town_names;                          // every town, even with zero elders
    std::map<Id, std::int64_t> active_elders_by_town;              // status = active
    std::map<ElderCategory, std::int64_t> active_elders_by_category;
    std::map<ElderStatus, std::int64_t> elders_by_status;
    std::map<ProviderStatus, std::int64_t> providers_by_status;
    std::map<OrderStatus, std::int64_t> month_orders_by_status;
    std::map<Channel, std::int64_t> month_orders_by_channel;
    std::map<OrderType, std::int64_t> month_orders_by_type;
};

struct TownRow { Id town_id; std::string name; std::int64_t active_elders; Ratio share; };

struct Overview {
    Period month;
    std::int64_t active_elders = 0;
    std::int64_t all_elders = 0;
    std::vector<TownRow> towns;                                    // sorted by active elders desc, then id
    std::map<ElderCategory, std::int64_t> elders_by_category;
    std::map<ElderStatus, std::int64_t> elders_by_status;
    std::map<ProviderStatus, std::int64_t> providers_by_status;
    std::int64_t month_orders = 0;
    std::int64_t month_orders_open = 0;      // not closed, answered on the spot or cancelled
    std::map<OrderStatus, std::int64_t> month_orders_by_status;
    std::map<Channel, std::int64_t> month_orders_by_channel;
    std::map<OrderType, std::int64_t> month_orders_by_type;
};

Overview build_overview(const OverviewInputs& in);
// Wire format: codes as keys, each count with its Chinese label, shares as {"num","den","text"}.
void to_json(nlohmann::json& j, const Overview& o);
void to_json(nlohmann::json& j, const Ratio& r);

}  // namespace yiyang
