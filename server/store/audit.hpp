// Audit events: every change of a personal record, work order, score or fee (who, when, what, why), and every
// read of full personal data. Append-only (the schema refuses UPDATE and DELETE on audit_events) and
// hash-chained, so that a row altered, deleted or moved behind the schema's back is found by verify_audit_chain.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/audit.hpp"

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

// Appends the event with its place in the hash chain: prev_hash = the hash of the row before it (64 zeros for the
// first), hash = SHA-256(prev_hash || the row's fields, length-prefixed). Must run inside the writer's
// transaction (it reads the last row and appends after it; there is one writer, see database.hpp).
Id append_audit(SQLite::Database& db, const AuditEvent& e);

// The same for many events in one transaction (an import writes one per elder): the insert prepared once and the
// chain's head (last id, last hash) read once and then carried in memory. While it lives nothing else may append
// to audit_events on this connection (the carried head would then be stale and the chain broken).
class AuditAppender {
public:
    explicit AuditAppender(SQLite::Database& db);
    Id append(const AuditEvent& e);
private:
    SQLite::Statement insert_;
    Id last_id_ = 0;
    std::string last_hash_;
};

struct AuditChainCheck {
    bool ok = true;
    std::int64_t rows = 0;                // rows examined (all of them when ok)
    std::optional<Id> first_broken_id;    // the first row whose hash or link does not hold
    std::string problem;                  // what is wrong with it (English, for the operator's terminal)
    std::string head_hash;                // the last row's hash when ok: keep it elsewhere to detect truncation
};
// Recomputes the chain from the first row: each row's hash from its stored fields and prev_hash, and each
// prev_hash against the row before it. A changed row, a deleted or inserted row and two rows swapped all break
// it at the first row concerned. (Rows cut off the end leave a shorter valid chain: compare head_hash with a
// copy kept outside the database.)
AuditChainCheck verify_audit_chain(SQLite::Database& db);
// Gives every row without a hash its place in the chain, in id order (the migration that introduced the chain
// runs it over the rows written before; the caller lifts the no-update trigger around it). Returns rows chained.
std::int64_t chain_unhashed_audit_events(SQLite::Database& db);
std::vector<AuditEvent> audit_for(SQLite::Database& db, const std::string& entity, Id entity_id, int limit);

// A subscriber import writes one audit event for the elders it creates (entity "import_batch", action "import":
// who, when, file name, SHA-256 of the kept file, counts) naming them as id ranges under this key,
// [[first, last], …]; an elder it changes keeps an event of its own ("import_update", before → after).
inline constexpr const char* kImportCreatedElders = "created_elders";
// Sorted ids as [[first, last], …] (consecutive ids in one range; duplicates merged).
nlohmann::json id_ranges(std::vector<Id> ids);
// One elder's history (GET /elders/{id}/history): its own events and the import events whose created ranges hold
// it, newest first, at most `limit`.
std::vector<AuditEvent> elder_history(SQLite::Database& db, Id elder_id, int limit);
// As the history replies carry it (shared wire/audit.hpp); to_json writes that.
wire::AuditEntry to_wire(const AuditEvent& e);
void to_json(nlohmann::json& j, const AuditEvent& e);

}  // namespace yiyang::store
