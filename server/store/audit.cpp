// Audit event storage.
#include "store/audit.hpp"

namespace yiyang::store {

Id append_audit(SQLite::Database& db, const AuditEvent& e) {
    SQLite::Statement st(db, "INSERT INTO audit_events (at, actor_id, actor, entity, entity_id, action, changes, reason) "
                             "VALUES (?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(e.at));
    if (e.actor_id) st.bind(2, static_cast<std::int64_t>(*e.actor_id)); else st.bind(2);
    st.bind(3, e.actor);
    st.bind(4, e.entity);
    if (e.entity_id) st.bind(5, static_cast<std::int64_t>(*e.entity_id)); else st.bind(5);
    st.bind(6, e.action);
    st.bind(7, e.changes.dump());
    st.bind(8, e.reason);
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<AuditEvent> audit_for(SQLite::Database& db, const std::string& entity, Id entity_id, int limit) {
    SQLite::Statement st(db, "SELECT id, at, actor_id, actor, entity, entity_id, action, changes, reason "
                             "FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?");
    st.bind(1, entity);
    st.bind(2, static_cast<std::int64_t>(entity_id));
    st.bind(3, limit);
    std::vector<AuditEvent> out;
    while (st.executeStep()) {
        AuditEvent e;
        e.id = st.getColumn(0).getInt64();
        e.at = st.getColumn(1).getInt64();
        if (!st.getColumn(2).isNull()) e.actor_id = st.getColumn(2).getInt64();
        e.actor = st.getColumn(3).getString();
        e.entity = st.getColumn(4).getString();
        if (!st.getColumn(5).isNull()) e.entity_id = st.getColumn(5).getInt64();
        e.action = st.getColumn(6).getString();
        e.changes = nlohmann::json::parse(st.getColumn(7).getString(), nullptr, false);
        e.reason = st.getColumn(8).getString();
        out.push_back(std::move(e));
    }
    return out;
}

void to_json(nlohmann::json& j, const AuditEvent& e) {
    j = {{"id", e.id}, {"at", format_timestamp(e.at)}, {"actor", e.actor}, {"entity", e.entity},
         {"action", e.action}, {"changes", e.changes}, {"reason", e.reason}};
    j["actor_id"] = e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json(nullptr);
    j["entity_id"] = e.entity_id ? nlohmann::json(*e.entity_id) : nlohmann::json(nullptr);
}

}  // namespace yiyang::store
