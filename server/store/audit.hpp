// Audit events: every change of a personal record, work order, score or fee (who, when, what, why).
// Append-only (the schema refuses UPDATE and DELETE on audit_events).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct AuditEvent {
    Id id = 0;
    LocalSeconds at = 0;
    std::optional<Id> actor_id;
    std::string actor;          // username, or "system" / "cli"
    std::string entity;         // "elder", "user", "session", "work_order", ...
    std::optional<Id> entity_id;
    std::string action;         // "create", "update", "sign_in", "sign_in_failed", "lock", ...
    nlohmann::json changes = nlohmann::json::object();   // {"field": [old, new]} or details
    std::string reason;
};

Id append_audit(SQLite::Database& db, const AuditEvent& e);
std::vector<AuditEvent> audit_for(SQLite::Database& db, const std::string& entity, Id entity_id, int limit);
void to_json(nlohmann::json& j, const AuditEvent& e);

}  // namespace yiyang::store
