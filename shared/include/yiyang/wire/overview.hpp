// Wire format of GET /api/v1/overview: shared/overview.hpp's Overview as the dashboard reads it — each count
// with its code and Chinese label, arrays in enum order, shares as {"num","den","text"}. Overview's to_json
// writes through this struct, so the server and the dashboard share one list of member names.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/overview.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct CountRow {                    // one enum value with its count
    std::string code;
    std::string label;
    std::int64_t count = 0;
    friend bool operator==(const CountRow&, const CountRow&) = default;
};
struct TownShareRow {
    Id town_id = 0;
    std::string name;
    std::int64_t active_elders = 0;
    std::int64_t share_num = 0, share_den = 0;   // "share": {"num","den","text"}
    std::string share_text;                      // "12.34%", rounded by the server
    friend bool operator==(const TownShareRow&, const TownShareRow&) = default;
};
struct OverviewReply {
    std::string month_code;          // "month": {"code":"2026-11","label":"2026年11月"}
    std::string month_label;
    std::int64_t active_elders = 0;
    std::int64_t all_elders = 0;
    std::vector<TownShareRow> towns;
    std::vector<CountRow> elders_by_category, elders_by_status, providers_by_status;
    std::int64_t month_orders = 0;
    std::int64_t month_orders_open = 0;
    std::vector<CountRow> month_orders_by_status, month_orders_by_channel, month_orders_by_type;
    friend bool operator==(const OverviewReply&, const OverviewReply&) = default;
};
OverviewReply overview_reply(const Overview& o);
void to_json(json& j, const CountRow& r);
void from_json(const json& j, CountRow& r);
void to_json(json& j, const TownShareRow& r);
void from_json(const json& j, TownShareRow& r);
void to_json(json& j, const OverviewReply& o);
void from_json(const json& j, OverviewReply& o);

}  // namespace yiyang::wire
