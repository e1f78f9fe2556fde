// The live area's wire format (wire/live.hpp) and the one count of the watch list's totals.
#include "yiyang/wire/live.hpp"

#include <map>

#include "yiyang/order_lifecycle.hpp"

namespace yiyang::wire {

bool WatchEntry::overdue() const { return state == code(SlaState::Breached); }

WatchTotals watch_totals(const std::vector<WatchEntry>& items) {
    // The domain's counting (order_lifecycle watch_by_town / watch_by_provider) over the entries as listed; the
    // names come from the entries themselves, so a group's name is the one its rows show.
    std::vector<WatchItem> domain;
    domain.reserve(items.size());
    std::map<Id, std::string> towns, providers;
    for (const WatchEntry& e : items) {
        WatchItem w;
        w.order_id = e.order_id;
        w.town_id = e.town_id;
        w.provider_id = e.provider_id;
        w.clock.state = e.overdue() ? SlaState::Breached : SlaState::DueSoon;
        domain.push_back(std::move(w));
        towns.emplace(e.town_id, e.town_name);
        if (e.provider_id) providers.emplace(*e.provider_id, e.provider_name.value_or(""));
    }
    WatchTotals t;
    t.total = static_cast<std::int64_t>(items.size());
    for (const auto& [id, c] : watch_by_town(domain)) {
        t.by_town.push_back({id, towns[id], c.overdue, c.due_soon});
        t.overdue += c.overdue;
        t.due_soon += c.due_soon;
    }
    for (const auto& [id, c] : watch_by_provider(domain)) {
        if (id == 0) t.by_provider.push_back({std::nullopt, "未派服务商", c.overdue, c.due_soon});
        else t.by_provider.push_back({id, providers[id], c.overdue, c.due_soon});
    }
    return t;
}

// ---- live ----
void to_json(json& j, const LiveEmergency& v) {
    j = json{{"id", v.id},
             {"code", v.code},
             {"status", v.status},
             {"status_name", v.status_name},
             {"created_at", v.created_at},
             {"due_at", v.due_at},
             {"due_s", v.due_s},
             {"dispatched_at", v.dispatched_at ? json(*v.dispatched_at) : json(nullptr)},
             {"acknowledged_at", v.acknowledged_at ? json(*v.acknowledged_at) : json(nullptr)},
             {"acknowledged_by", v.acknowledged_by ? json(*v.acknowledged_by) : json(nullptr)},
             {"acknowledged_by_name", v.acknowledged_by_name ? json(*v.acknowledged_by_name) : json(nullptr)},
             {"town_id", v.town_id},
             {"town_name", v.town_name},
             {"description", v.description},
             {"age_seconds", v.age_seconds}};
}
void from_json(const json& j, LiveEmergency& v) {
    j.at("id").get_to(v.id);
    j.at("code").get_to(v.code);
    j.at("status").get_to(v.status);
    get_or(j, "status_name", v.status_name);
    j.at("created_at").get_to(v.created_at);
    j.at("due_at").get_to(v.due_at);
    j.at("due_s").get_to(v.due_s);
    get_opt(j, "dispatched_at", v.dispatched_at);
    get_opt(j, "acknowledged_at", v.acknowledged_at);
    get_opt(j, "acknowledged_by", v.acknowledged_by);
    get_opt(j, "acknowledged_by_name", v.acknowledged_by_name);
    j.at("town_id").get_to(v.town_id);
    get_or(j, "town_name", v.town_name);
    get_or(j, "description", v.description);
    get_or(j, "age_seconds", v.age_seconds);
}

void to_json(json& j, const LiveReply& v) {
    j = json{{"seq", v.seq},
             {"changed", v.changed},
             {"changed_orders", v.changed_orders},
             {"truncated", v.truncated},
             {"emergencies", v.emergencies},
             {"server_now", v.server_now},
             {"server_time", v.server_time}};
}
void from_json(const json& j, LiveReply& v) {
    j.at("seq").get_to(v.seq);
    j.at("changed").get_to(v.changed);
    j.at("changed_orders").get_to(v.changed_orders);
    j.at("truncated").get_to(v.truncated);
    j.at("emergencies").get_to(v.emergencies);
    j.at("server_now").get_to(v.server_now);
    get_or(j, "server_time", v.server_time);
}

// ---- watch ----
void to_json(json& j, const WatchEntry& v) {
    j = json{{"order_id", v.order_id},
             {"order_code", v.order_code},
             {"order_type", v.order_type},
             {"order_type_name", v.order_type_name},
             {"status", v.status},
             {"status_name", v.status_name},
             {"town_id", v.town_id},
             {"town_name", v.town_name},
             {"provider_id", v.provider_id ? json(*v.provider_id) : json(nullptr)},
             {"provider_name", v.provider_name ? json(*v.provider_name) : json(nullptr)},
             {"rule_code", v.rule_code},
             {"rule_name", v.rule_name},
             {"started_at", v.started_at},
             {"due_at", v.due_at},
             {"seconds_to_due", v.seconds_to_due},
             {"state", v.state}};
}
void from_json(const json& j, WatchEntry& v) {
    j.at("order_id").get_to(v.order_id);
    j.at("order_code").get_to(v.order_code);
    j.at("order_type").get_to(v.order_type);
    get_or(j, "order_type_name", v.order_type_name);
    j.at("status").get_to(v.status);
    get_or(j, "status_name", v.status_name);
    j.at("town_id").get_to(v.town_id);
    get_or(j, "town_name", v.town_name);
    get_opt(j, "provider_id", v.provider_id);
    get_opt(j, "provider_name", v.provider_name);
    j.at("rule_code").get_to(v.rule_code);
    get_or(j, "rule_name", v.rule_name);
    get_or(j, "started_at", v.started_at);
    j.at("due_at").get_to(v.due_at);
    j.at("seconds_to_due").get_to(v.seconds_to_due);
    j.at("state").get_to(v.state);
}

void to_json(json& j, const WatchTownCount& v) {
    j = json{{"town_id", v.town_id}, {"town_name", v.town_name}, {"overdue", v.overdue}, {"due_soon", v.due_soon}};
}
void from_json(const json& j, WatchTownCount& v) {
    j.at("town_id").get_to(v.town_id);
    get_or(j, "town_name", v.town_name);
    j.at("overdue").get_to(v.overdue);
    j.at("due_soon").get_to(v.due_soon);
}
void to_json(json& j, const WatchProviderCount& v) {
    j = json{{"provider_id", v.provider_id ? json(*v.provider_id) : json(nullptr)},
             {"provider_name", v.provider_name},
             {"overdue", v.overdue},
             {"due_soon", v.due_soon}};
}
void from_json(const json& j, WatchProviderCount& v) {
    get_opt(j, "provider_id", v.provider_id);
    get_or(j, "provider_name", v.provider_name);
    j.at("overdue").get_to(v.overdue);
    j.at("due_soon").get_to(v.due_soon);
}

void to_json(json& j, const WatchReply& v) {
    j = json{{"as_of", v.as_of},
             {"items", v.items},
             {"total", v.totals.total},
             {"overdue", v.totals.overdue},
             {"due_soon", v.totals.due_soon},
             {"by_town", v.totals.by_town},
             {"by_provider", v.totals.by_provider},
             {"open_orders_examined", v.open_orders_examined},
             {"truncated", v.truncated}};
    if (v.page_size) {
        j["page"] = v.page;
        j["page_size"] = v.page_size;
    }
}
void from_json(const json& j, WatchReply& v) {
    j.at("as_of").get_to(v.as_of);
    j.at("items").get_to(v.items);
    j.at("total").get_to(v.totals.total);
    j.at("overdue").get_to(v.totals.overdue);
    j.at("due_soon").get_to(v.totals.due_soon);
    j.at("by_town").get_to(v.totals.by_town);
    j.at("by_provider").get_to(v.totals.by_provider);
    get_or(j, "open_orders_examined", v.open_orders_examined);
    get_or(j, "truncated", v.truncated);
    get_or(j, "page", v.page);
    get_or(j, "page_size", v.page_size);
}

// ---- lookup ----
void to_json(json& j, const LookupElder& v) {
    j = v.elder;
    j["town_name"] = v.town_name;
}
void from_json(const json& j, LookupElder& v) {
    j.get_to(v.elder);
    get_or(j, "town_name", v.town_name);
}
void to_json(json& j, const LookupOrder& v) {
    j = json{{"id", v.id},
             {"code", v.code},
             {"elder_id", v.elder_id ? json(*v.elder_id) : json(nullptr)},
             {"type", v.type},
             {"type_name", v.type_name},
             {"status", v.status},
             {"status_name", v.status_name},
             {"created_at", v.created_at},
             {"categories", v.categories},
             {"description", v.description}};
}
void from_json(const json& j, LookupOrder& v) {
    j.at("id").get_to(v.id);
    j.at("code").get_to(v.code);
    get_opt(j, "elder_id", v.elder_id);
    j.at("type").get_to(v.type);
    get_or(j, "type_name", v.type_name);
    j.at("status").get_to(v.status);
    get_or(j, "status_name", v.status_name);
    j.at("created_at").get_to(v.created_at);
    get_or(j, "categories", v.categories);
    get_or(j, "description", v.description);
}
void to_json(json& j, const LookupReply& v) {
    j = json{{"by", v.by}, {"elders", v.elders}, {"orders", v.orders}, {"audit_id", v.audit_id}};
}
void from_json(const json& j, LookupReply& v) {
    j.at("by").get_to(v.by);
    j.at("elders").get_to(v.elders);
    j.at("orders").get_to(v.orders);
    get_or(j, "audit_id", v.audit_id);
}

// ---- reveal ----
void to_json(json& j, const RevealRequest& v) { j = json{{"field", v.field}, {"reason", v.reason}}; }
void from_json(const json& j, RevealRequest& v) {
    j.at("field").get_to(v.field);
    j.at("reason").get_to(v.reason);
}
void to_json(json& j, const RevealReply& v) {
    j = json{{"elder_id", v.elder_id}, {"field", v.field}, {"value", v.value}, {"audit_id", v.audit_id}};
}
void from_json(const json& j, RevealReply& v) {
    j.at("elder_id").get_to(v.elder_id);
    j.at("field").get_to(v.field);
    j.at("value").get_to(v.value);
    get_or(j, "audit_id", v.audit_id);
}

}  // namespace yiyang::wire
