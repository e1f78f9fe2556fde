// Wire format of the live area: GET /api/v1/live (feed, open emergencies), GET /api/v1/watch (watch list and
// its totals, counted once here by watch_totals), GET /api/v1/callers/lookup and POST /api/v1/elders/{id}/reveal.
// The server writes these structs, the dashboard reads them (wire::read_reply): one name per member.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// ---- GET /api/v1/live ----------------------------------------------------------------------------
// One open emergency on the flashing banner. due_at / due_s: the answer deadline (sla.hpp
// emergency_answer_due under the SLA rules of the call's day) — the only deadline the client counts down to.
struct LiveEmergency {
    Id id = 0;
    std::string code;
    std::string status;               // order status code
    std::string status_name;
    std::string created_at;           // "2026-11-23T09:00:00" (China Standard Time)
    std::string due_at;               // the same instant as due_s, as text
    LocalSeconds due_s = 0;
    std::optional<std::string> dispatched_at;
    std::optional<std::string> acknowledged_at;
    std::optional<Id> acknowledged_by;
    std::optional<std::string> acknowledged_by_name;
    Id town_id = 0;
    std::string town_name;
    std::string description;          // at most 60 characters, then "…"
    std::int64_t age_seconds = 0;     // seconds since created_at at server_now
    bool operator==(const LiveEmergency&) const = default;
};
struct LiveReply {
    std::int64_t seq = 0;             // the work-order change number (?after= of the next poll)
    bool changed = false;             // seq moved since ?after
    std::vector<Id> changed_orders;   // orders changed since ?after, in the caller's scope
    bool truncated = false;           // too many (or another database): reload everything
    std::vector<LiveEmergency> emergencies;   // seats only (agent, supervisor, admin); else empty
    LocalSeconds server_now = 0;      // the server's clock (the countdown's reference)
    std::string server_time;          // the same, as text
    bool operator==(const LiveReply&) const = default;
};

// ---- GET /api/v1/watch ---------------------------------------------------------------------------
// One running clock that is overdue ("breached") or due soon.
struct WatchEntry {
    Id order_id = 0;
    std::string order_code;
    std::string order_type, order_type_name;
    std::string status, status_name;
    Id town_id = 0;
    std::string town_name;
    std::optional<Id> provider_id;
    std::optional<std::string> provider_name;
    std::string rule_code, rule_name;
    std::string started_at, due_at;
    std::int64_t seconds_to_due = 0;  // negative: overdue by that many seconds
    std::string state;                // "breached" | "due_soon"
    bool overdue() const;
    bool operator==(const WatchEntry&) const = default;
};
struct WatchTownCount {
    Id town_id = 0;
    std::string town_name;
    int overdue = 0, due_soon = 0;
    bool operator==(const WatchTownCount&) const = default;
};
struct WatchProviderCount {
    std::optional<Id> provider_id;    // null: not yet dispatched to a provider
    std::string provider_name;        // "未派服务商" when null
    int overdue = 0, due_soon = 0;
    bool operator==(const WatchProviderCount&) const = default;
};
// The watch list's figures: counted from the listed entries by watch_totals, nowhere else.
struct WatchTotals {
    std::int64_t total = 0, overdue = 0, due_soon = 0;
    std::vector<WatchTownCount> by_town;           // ascending town id
    std::vector<WatchProviderCount> by_provider;   // not dispatched first, then ascending provider id
    bool operator==(const WatchTotals&) const = default;
};
WatchTotals watch_totals(const std::vector<WatchEntry>& items);

// The reply: the totals are members of the reply itself (total, overdue, due_soon, by_town, by_provider).
struct WatchReply {
    std::string as_of;                // the server time the clocks were computed at (recomputed every 10 s)
    std::vector<WatchEntry> items;
    WatchTotals totals;
    std::int64_t open_orders_examined = 0;
    bool truncated = false;           // more open orders than examined
    // Paged when the request named page or page_size: `items` is that page, `totals` count the whole list.
    // 0 / 0: unpaged (every item).
    std::int64_t page = 0, page_size = 0;
    bool operator==(const WatchReply&) const = default;
};

// ---- GET /api/v1/callers/lookup ------------------------------------------------------------------
struct LookupElder {                  // the elder as the role may see it (access.hpp redact_elder), with its town
    Elder elder;
    std::string town_name;
};
struct LookupOrder {                  // one of the elders' most recent orders
    Id id = 0;
    std::string code;
    std::optional<Id> elder_id;
    std::string type, type_name, status, status_name;
    std::string created_at;
    std::vector<std::string> categories;   // service category codes
    std::string description;
    bool operator==(const LookupOrder&) const = default;
};
struct LookupReply {
    std::string by;                   // "phone" | "id_number" | "elder" (picked from callers/by-name)
    std::vector<LookupElder> elders;
    std::vector<LookupOrder> orders;
    Id audit_id = 0;                  // the lookup's own audit event
};

// ---- POST /api/v1/elders/{id}/reveal -------------------------------------------------------------
struct RevealRequest {
    std::string field;                // phone | id_number | address | name
    std::string reason;
    bool operator==(const RevealRequest&) const = default;
};
struct RevealReply {
    Id elder_id = 0;
    std::string field;
    std::string value;                // in full
    Id audit_id = 0;
    bool operator==(const RevealReply&) const = default;
};

void to_json(json& j, const LiveEmergency& v);
void from_json(const json& j, LiveEmergency& v);
void to_json(json& j, const LiveReply& v);
void from_json(const json& j, LiveReply& v);
void to_json(json& j, const WatchEntry& v);
void from_json(const json& j, WatchEntry& v);
void to_json(json& j, const WatchTownCount& v);
void from_json(const json& j, WatchTownCount& v);
void to_json(json& j, const WatchProviderCount& v);
void from_json(const json& j, WatchProviderCount& v);
void to_json(json& j, const WatchReply& v);
void from_json(const json& j, WatchReply& v);
void to_json(json& j, const LookupElder& v);
void from_json(const json& j, LookupElder& v);
void to_json(json& j, const LookupOrder& v);
void from_json(const json& j, LookupOrder& v);
void to_json(json& j, const LookupReply& v);
void from_json(const json& j, LookupReply& v);
void to_json(json& j, const RevealRequest& v);
void from_json(const json& j, RevealRequest& v);
void to_json(json& j, const RevealReply& v);
void from_json(const json& j, RevealReply& v);

}  // namespace yiyang::wire
