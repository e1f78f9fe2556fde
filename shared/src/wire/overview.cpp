// Home-screen figures on the wire (wire/overview.hpp): built from shared Overview, read by the dashboard.
#include "yiyang/wire/overview.hpp"

#include "yiyang/order_lifecycle.hpp"

namespace yiyang::wire {
namespace {

// Every value of the enum in its order, zero when absent: the dashboard never guesses a missing row.
template <class E>
std::vector<CountRow> counts(const std::map<E, std::int64_t>& m, const std::vector<E>& all) {
    std::vector<CountRow> out;
    for (E e : all) {
        auto it = m.find(e);
        out.push_back(CountRow{code(e), label_zh(e), it == m.end() ? 0 : it->second});
    }
    return out;
}

}  // namespace

OverviewReply overview_reply(const Overview& o) {
    OverviewReply r;
    r.month_code = o.month.code();
    r.month_label = o.month.label_zh();
    r.active_elders = o.active_elders;
    r.all_elders = o.all_elders;
    for (const auto& t : o.towns) {
        r.towns.push_back(TownShareRow{t.town_id, t.name, t.active_elders, t.share.num, t.share.den,
                                       t.share.percent_text(2)});
    }
    r.elders_by_category = counts(o.elders_by_category, all_ElderCategorys());
    r.elders_by_status = counts(o.elders_by_status, all_ElderStatuss());
    r.providers_by_status = counts(o.providers_by_status, all_ProviderStatuss());
    r.month_orders = o.month_orders;
    r.month_orders_open = o.month_orders_open;
    r.month_orders_by_status = counts(o.month_orders_by_status, all_OrderStatuss());
    r.month_orders_by_channel = counts(o.month_orders_by_channel, all_Channels());
    r.month_orders_by_type = counts(o.month_orders_by_type, all_OrderTypes());
    return r;
}

void to_json(json& j, const CountRow& r) { j = {{"code", r.code}, {"label", r.label}, {"count", r.count}}; }
void from_json(const json& j, CountRow& r) {
    j.at("code").get_to(r.code);
    j.at("label").get_to(r.label);
    j.at("count").get_to(r.count);
}

void to_json(json& j, const TownShareRow& r) {
    j = {{"town_id", r.town_id}, {"name", r.name}, {"active_elders", r.active_elders},
         {"share", {{"num", r.share_num}, {"den", r.share_den}, {"text", r.share_text}}}};
}
void from_json(const json& j, TownShareRow& r) {
    j.at("town_id").get_to(r.town_id);
    j.at("name").get_to(r.name);
    j.at("active_elders").get_to(r.active_elders);
    const json& s = j.at("share");
    s.at("num").get_to(r.share_num);
    s.at("den").get_to(r.share_den);
    s.at("text").get_to(r.share_text);
}

void to_json(json& j, const OverviewReply& o) {
    j = json::object();
    j["month"] = {{"code", o.month_code}, {"label", o.month_label}};
    j["active_elders"] = o.active_elders;
    j["all_elders"] = o.all_elders;
    j["towns"] = o.towns;
    j["elders_by_category"] = o.elders_by_category;
    j["elders_by_status"] = o.elders_by_status;
    j["providers_by_status"] = o.providers_by_status;
    j["month_orders"] = o.month_orders;
    j["month_orders_open"] = o.month_orders_open;
    j["month_orders_by_status"] = o.month_orders_by_status;
    j["month_orders_by_channel"] = o.month_orders_by_channel;
    j["month_orders_by_type"] = o.month_orders_by_type;
}
void from_json(const json& j, OverviewReply& o) {
    const json& m = j.at("month");
    m.at("code").get_to(o.month_code);
    m.at("label").get_to(o.month_label);
    j.at("active_elders").get_to(o.active_elders);
    j.at("all_elders").get_to(o.all_elders);
    j.at("towns").get_to(o.towns);
    j.at("elders_by_category").get_to(o.elders_by_category);
    j.at("elders_by_status").get_to(o.elders_by_status);
    j.at("providers_by_status").get_to(o.providers_by_status);
    j.at("month_orders").get_to(o.month_orders);
    j.at("month_orders_open").get_to(o.month_orders_open);
    j.at("month_orders_by_status").get_to(o.month_orders_by_status);
    j.at("month_orders_by_channel").get_to(o.month_orders_by_channel);
    j.at("month_orders_by_type").get_to(o.month_orders_by_type);
}

}  // namespace yiyang::wire
