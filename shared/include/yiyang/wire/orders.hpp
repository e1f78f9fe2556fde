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
    // Complaints only (投诉对象): the earlier order by id (picked from the elder's recent orders) or by its code
    // (typed), and/or the provider (check_complaint_link in order_request.hpp).
    std::optional<Id> about_order_id;
    std::string about_order_code;       // absent on the wire when empty
    std::optional<Id> about_provider_id;
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
    std::optional<bool> service_received;         // callback: false = 老人称未接受服务 (opens a rectification)
    std::optional<ServiceEvidence> evidence;      // complete
};
void to_json(json& j, const Transition& v);
void from_json(const json& j, Transition& v);

// POST /api/v1/orders/{id}/complaint-link (read by the server with validate_complaint_link_request): what a
// complaint is about, changed by a supervisor with a reason; both targets absent clears the link.
struct ComplaintLink {
    std::optional<Id> about_order_id;
    std::string about_order_code;       // instead of the id: a typed code; absent when empty
    std::optional<Id> about_provider_id;
    std::string reason;
    std::optional<std::int64_t> version;
};
void to_json(json& j, const ComplaintLink& v);
void from_json(const json& j, ComplaintLink& v);

// An order as listed and shown: the record's members, plus its version, its SLA clocks and whether one of them
// runs past due — one flat object {"id","code",…,"version","clocks","overdue"}. A linked complaint also
// carries the earlier order's code and the provider's name ("about_order_code", "about_provider_name"; absent
// when not linked), so a list row and the detail can say what it is about without another request.
struct OrderView {
    WorkOrder order;
    std::int64_t version = 0;
    std::vector<SlaClock> clocks;
    bool overdue = false;
    std::string about_order_code{};     // {}: the many {order, version, clocks, overdue} initialisers stay complete
    std::string about_provider_name{};
};
void to_json(json& j, const OrderView& v);
void from_json(const json& j, OrderView& v);

// GET /api/v1/orders: Page<OrderView> ({"items","total","page","page_size"}).
using OrderPage = Page<OrderView>;

// GET /orders/{id}, POST /orders (201), POST /orders/{id}/transitions: {"order": OrderView, "legal_actions":
// [OrderAction codes this viewer may take now, in OrderAction order]}.
// "complaints": the complaints about this order (相关投诉) the viewer may see, oldest first (absent when none).
struct ComplaintRef {
    Id id = 0;
    std::string code;
    OrderStatus status = OrderStatus::Received;
    LocalSeconds created_at = 0;
    std::optional<bool> complaint_valid;
};
void to_json(json& j, const ComplaintRef& v);
void from_json(const json& j, ComplaintRef& v);

struct OrderReply {
    OrderView order;
    std::vector<OrderAction> legal_actions;
    std::vector<ComplaintRef> complaints{};
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
