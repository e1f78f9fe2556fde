// The wire format of the work-order endpoints (/api/v1/orders…, /api/v1/dispatch/candidates): the server
// writes these structs and the dashboard reads them, so each member name exists once (docs/API.md "Orders").
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/dispatch.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/records.hpp"
#include "yiyang/sla.hpp"
#include "yiyang/wire/audit.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang {
// Reading back records whose to_json lives with the domain (sla.hpp, dispatch.hpp) and that only the wire reads:
// declared here so the domain headers (included everywhere) stay as they are. A bad member throws
// nlohmann::json::exception, which read_reply turns into an error.
void from_json(const nlohmann::json& j, SlaClock& c);
void from_json(const nlohmann::json& j, Candidate& c);
std::optional<SlaState> parse_SlaState(std::string_view code);
}  // namespace yiyang

namespace yiyang::wire {

// POST /api/v1/orders. The server reads the body member by member (validate_order_request, order_request.hpp)
// so every problem gets its own field message; the dashboard writes this struct.
struct OrderCreate {
    Channel channel = Channel::Hotline;
    OrderType type = OrderType::Consultation;
    std::set<ServiceCategory> categories;
    std::optional<Id> elder_id;
    std::optional<Id> town_id;          // without an elder: the caller's town
    std::optional<Urgency> urgency;     // absent: emergency for an SOS, normal otherwise
    std::string description;
};
void to_json(json& j, const OrderCreate& v);
void from_json(const json& j, OrderCreate& v);

// POST /api/v1/orders/{id}/transitions (read by the server with validate_transition_request).
struct Transition {
    OrderAction action = OrderAction::Close;
    std::optional<std::int64_t> version;          // the version the client saw: 409 when it moved
    std::string reason;                           // absent on the wire when empty
    std::optional<Id> provider_id;                // dispatch_provider
    std::optional<Id> town_id;                    // dispatch_town (the order's own town)
    std::optional<int> satisfaction;              // callback, 1..5
    std::optional<ServiceEvidence> evidence;      // complete
};
void to_json(json& j, const Transition& v);
void from_json(const json& j, Transition& v);

// An order as listed and shown: the record's members, plus its version, its SLA clocks and whether one of them
// runs past due — one flat object {"id","code",…,"version","clocks","overdue"}.
struct OrderView {
    WorkOrder order;
    std::int64_t version = 0;
    std::vector<SlaClock> clocks;
    bool overdue = false;
};
void to_json(json& j, const OrderView& v);
void from_json(const json& j, OrderView& v);

// GET /api/v1/orders: Page<OrderView> ({"items","total","page","page_size"}).
using OrderPage = Page<OrderView>;

// GET /orders/{id}, POST /orders (201), POST /orders/{id}/transitions: {"order": OrderView, "legal_actions":
// [OrderAction codes this viewer may take now, in OrderAction order]}.
struct OrderReply {
    OrderView order;
    std::vector<OrderAction> legal_actions;
};
void to_json(json& j, const OrderReply& v);
void from_json(const json& j, OrderReply& v);

// GET /orders/{id}/history: {"events": [...]}, oldest first (the AuditList shape of docs/API.md). Each event is
// an audit entry: for "create" changes = {"member": [null, value]}, for a lifecycle action {"from","to",…}.
struct OrderHistory {
    std::vector<AuditEntry> events;
};
void to_json(json& j, const OrderHistory& v);
void from_json(const json& j, OrderHistory& v);

// GET /api/v1/dispatch/candidates?order=: every provider once, ranked (shared rank_candidates).
struct Candidates {
    Id order_id = 0;
    std::string order_code;
    std::string weights_version;
    int eligible = 0;                   // how many of `candidates` may take the order
    std::vector<Candidate> candidates;
};
void to_json(json& j, const Candidates& v);
void from_json(const json& j, Candidates& v);

}  // namespace yiyang::wire
