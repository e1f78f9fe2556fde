// Audit event storage and its hash chain (SHA-256, libsodium's crypto_hash_sha256).
#include "store/audit.hpp"

#include <algorithm>

#include <sodium.h>

namespace yiyang::store {
namespace {

const std::string kGenesis(64, '0');   // prev_hash of the first row

// The row's fields as hashed: each one length-prefixed ("<bytes>:<text>;", "-;" for NULL), so that no two
// different rows give the same text whatever their fields contain. `changes` is hashed as stored (its text).
struct RowFields {
    Id id = 0;
    LocalSeconds at = 0;
    std::optional<Id> actor_id;
    std::string actor, entity;
    std::optional<Id> entity_id;
    std::string action, changes, reason;
};

void put_field(std::string& out, const std::string& v) { out += std::to_string(v.size()) + ":" + v + ";"; }
void put_field(std::string& out, const std::optional<Id>& v) {
    if (v) put_field(out, std::to_string(*v)); else out += "-;";
}

std::string row_hash(const std::string& prev_hash, const RowFields& r) {
    std::string text = "yiyang-audit-v1;";
    put_field(text, std::to_string(r.id));
    put_field(text, std::to_string(r.at));
    put_field(text, r.actor_id);
    put_field(text, r.actor);
    put_field(text, r.entity);
    put_field(text, r.entity_id);
    put_field(text, r.action);
    put_field(text, r.changes);
    put_field(text, r.reason);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(prev_hash.data()), prev_hash.size());
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::optional<Id> optional_id(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

constexpr const char* kRowColumns = "id, at, actor_id, actor, entity, entity_id, action, changes, reason, prev_hash, hash";

RowFields read_fields(SQLite::Statement& st) {
    RowFields r;
    r.id = st.getColumn(0).getInt64();
    r.at = st.getColumn(1).getInt64();
    r.actor_id = optional_id(st.getColumn(2));
    r.actor = st.getColumn(3).getString();
    r.entity = st.getColumn(4).getString();
    r.entity_id = optional_id(st.getColumn(5));
    r.action = st.getColumn(6).getString();
    r.changes = st.getColumn(7).getString();
    r.reason = st.getColumn(8).getString();
    return r;
}

}  // namespace

AuditAppender::AuditAppender(SQLite::Database& db)
    : insert_(db, "INSERT INTO audit_events (id, at, actor_id, actor, entity, entity_id, action, changes, "
                  "reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
      last_hash_(kGenesis) {
    SQLite::Statement last(db, "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1");
    if (last.executeStep()) {
        last_id_ = last.getColumn(0).getInt64();
        if (last.getColumn(1).isNull()) throw std::runtime_error("audit_events: last row has no hash (migration missing)");
        last_hash_ = last.getColumn(1).getString();
    }
}

Id AuditAppender::append(const AuditEvent& e) {
    RowFields r;
    r.id = last_id_ + 1;
    r.at = e.at;
    r.actor_id = e.actor_id;
    r.actor = e.actor;
    r.entity = e.entity;
    r.entity_id = e.entity_id;
    r.action = e.action;
    r.changes = e.changes.dump();
    r.reason = e.reason;
    std::string hash = row_hash(last_hash_, r);
    auto& st = insert_;
    st.reset();
    st.bind(1, static_cast<std::int64_t>(r.id));
    st.bind(2, static_cast<std::int64_t>(r.at));
    if (r.actor_id) st.bind(3, static_cast<std::int64_t>(*r.actor_id)); else st.bind(3);
    st.bindNoCopy(4, r.actor);
    st.bindNoCopy(5, r.entity);
    if (r.entity_id) st.bind(6, static_cast<std::int64_t>(*r.entity_id)); else st.bind(6);
    st.bindNoCopy(7, r.action);
    st.bindNoCopy(8, r.changes);
    st.bindNoCopy(9, r.reason);
    st.bindNoCopy(10, last_hash_);
    st.bindNoCopy(11, hash);
    st.exec();
    // Only once the row is in: a failed insert leaves the head where it was.
    last_id_ = r.id;
    last_hash_ = std::move(hash);
    return r.id;
}

Id append_audit(SQLite::Database& db, const AuditEvent& e) {
    AuditAppender appender(db);
    return appender.append(e);
}

AuditChainCheck verify_audit_chain(SQLite::Database& db) {
    AuditChainCheck out;
    SQLite::Statement st(db, std::string("SELECT ") + kRowColumns + " FROM audit_events ORDER BY id");
    std::string expected_prev = kGenesis;
    while (st.executeStep()) {
        const RowFields r = read_fields(st);
        ++out.rows;
        const auto fail = [&](std::string problem) {
            out.ok = false;
            out.first_broken_id = r.id;
            out.problem = std::move(problem);
            return out;
        };
        if (st.getColumn(9).isNull() || st.getColumn(10).isNull()) return fail("row has no hash");
        const std::string prev = st.getColumn(9).getString();
        const std::string hash = st.getColumn(10).getString();
        if (row_hash(prev, r) != hash) return fail("content does not match its hash (row altered)");
        if (prev != expected_prev) {
            return fail(out.rows == 1 ? "first row does not start the chain (rows before it deleted)"
                                      : "does not follow the row before it (a row deleted, inserted or moved)");
        }
        expected_prev = hash;
    }
    out.head_hash = out.rows > 0 ? expected_prev : std::string();
    return out;
}

std::int64_t chain_unhashed_audit_events(SQLite::Database& db) {
    std::string prev = kGenesis;
    std::int64_t chained = 0;
    Id after = 0;
    SQLite::Statement st(db, std::string("SELECT ") + kRowColumns + " FROM audit_events WHERE id > ? ORDER BY id LIMIT 10000");
    SQLite::Statement set(db, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?");
    for (;;) {
        // Read a chunk, then update it (no UPDATE while a SELECT walks the same table).
        std::vector<std::pair<RowFields, std::optional<std::string>>> chunk;
        st.reset();
        st.bind(1, static_cast<std::int64_t>(after));
        while (st.executeStep()) {
            chunk.emplace_back(read_fields(st), st.getColumn(10).isNull() ? std::nullopt
                                                                         : std::optional(st.getColumn(10).getString()));
        }
        if (chunk.empty()) break;
        for (const auto& [r, stored] : chunk) {
            after = r.id;
            if (stored) { prev = *stored; continue; }   // already chained
            const std::string hash = row_hash(prev, r);
            set.bind(1, prev);
            set.bind(2, hash);
            set.bind(3, static_cast<std::int64_t>(r.id));
            set.exec();
            set.reset();
            prev = hash;
            ++chained;
        }
    }
    return chained;
}

namespace {
constexpr const char* kEventColumns = "SELECT id, at, actor_id, actor, entity, entity_id, action, changes, reason ";

void read_events(SQLite::Statement& st, std::vector<AuditEvent>& out) {
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
}
}  // namespace

std::vector<AuditEvent> audit_for(SQLite::Database& db, const std::string& entity, Id entity_id, int limit) {
    SQLite::Statement st(db, std::string(kEventColumns) +
                                 "FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?");
    st.bind(1, entity);
    st.bind(2, static_cast<std::int64_t>(entity_id));
    st.bind(3, limit);
    std::vector<AuditEvent> out;
    read_events(st, out);
    return out;
}

std::vector<AuditEvent> elder_history(SQLite::Database& db, Id elder_id, int limit) {
    auto out = audit_for(db, "elder", elder_id, limit);
    // The imports' events (entity import_batch: a few per list file) whose created ranges hold the elder.
    SQLite::Statement st(db, std::string(kEventColumns) +
                                 "FROM audit_events WHERE entity = 'import_batch' AND action = 'import' AND EXISTS "
                                 "(SELECT 1 FROM json_each(changes, '$." + kImportCreatedElders + "') r "
                                 "WHERE json_extract(r.value, '$[0]') <= ?1 AND ?1 <= json_extract(r.value, '$[1]')) "
                                 "ORDER BY id DESC LIMIT ?2");
    st.bind(1, static_cast<std::int64_t>(elder_id));
    st.bind(2, limit);
    read_events(st, out);
    std::sort(out.begin(), out.end(), [](const AuditEvent& a, const AuditEvent& b) { return a.id > b.id; });
    if (out.size() > static_cast<std::size_t>(std::max(limit, 0))) out.resize(static_cast<std::size_t>(std::max(limit, 0)));
    return out;
}

nlohmann::json id_ranges(std::vector<Id> ids) {
    std::sort(ids.begin(), ids.end());
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < ids.size();) {
        std::size_t j = i;
        while (j + 1 < ids.size() && ids[j + 1] <= ids[j] + 1) ++j;
        out.push_back({ids[i], ids[j]});
        i = j + 1;
    }
    return out;
}

wire::AuditEntry to_wire(const AuditEvent& e) {
    return {e.id, e.at, e.actor_id, e.actor, e.entity, e.entity_id, e.action, e.changes, e.reason};
}

void to_json(nlohmann::json& j, const AuditEvent& e) { j = to_wire(e); }

}  // namespace yiyang::store
