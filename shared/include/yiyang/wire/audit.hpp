// One audit event as the history replies carry it (GET /elders/{id}/history, /knowledge/{id}/history,
// /orders/{id}/history): who, when, which record, what changed and why. The server's store::AuditEvent is written through this struct.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct AuditEntry {
    Id id = 0;
    LocalSeconds at = 0;
    std::optional<Id> actor_id;
    std::string actor;
    std::string entity;
    std::optional<Id> entity_id;
    std::string action;
    json changes = json::object();   // {"field": [old, new]} or details
    std::string reason;
    friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};
void to_json(json& j, const AuditEntry& e);
void from_json(const json& j, AuditEntry& e);

// Timestamps on the wire: "2026-11-23T09:30:00" (local time, China Standard Time).
json time_json(LocalSeconds t);
LocalSeconds time_from(const json& j, const char* key);
std::optional<LocalSeconds> opt_time_from(const json& j, const char* key);   // absent or null: nullopt
// Throws the json exception read_reply reports, naming the member.
[[noreturn]] void bad_member(const char* key, const char* problem);

}  // namespace yiyang::wire
