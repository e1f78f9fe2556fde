// Audit entries and timestamps on the wire (wire/audit.hpp).
#include "yiyang/wire/audit.hpp"

namespace yiyang::wire {

void bad_member(const char* key, const char* problem) {
    // An out_of_range json exception naming the member: read_reply reports it like a missing one.
    json::object().at(std::string(key) + "：" + problem);
    throw std::logic_error("unreachable");
}

json time_json(LocalSeconds t) { return format_timestamp(t); }

LocalSeconds time_from(const json& j, const char* key) {
    const auto text = j.at(key).get<std::string>();
    auto t = parse_timestamp(text);
    if (!t) bad_member(key, "时间格式无法识别");
    return *t;
}

std::optional<LocalSeconds> opt_time_from(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return time_from(j, key);
}

void to_json(json& j, const AuditEntry& e) {
    j = {{"id", e.id}, {"at", time_json(e.at)}, {"actor", e.actor}, {"entity", e.entity},
         {"action", e.action}, {"changes", e.changes}, {"reason", e.reason}};
    j["actor_id"] = e.actor_id ? json(*e.actor_id) : json(nullptr);
    j["entity_id"] = e.entity_id ? json(*e.entity_id) : json(nullptr);
}

void from_json(const json& j, AuditEntry& e) {
    j.at("id").get_to(e.id);
    e.at = time_from(j, "at");
    get_opt(j, "actor_id", e.actor_id);
    j.at("actor").get_to(e.actor);
    j.at("entity").get_to(e.entity);
    get_opt(j, "entity_id", e.entity_id);
    j.at("action").get_to(e.action);
    get_or(j, "changes", e.changes, json::object());
    get_or(j, "reason", e.reason);
}

}  // namespace yiyang::wire
