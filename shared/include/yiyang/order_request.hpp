// What a request about a work order must say, checked the same way by the server (POST /orders, POST
// /orders/{id}/transitions) and by the dashboard before it sends: field errors with Chinese messages. Also who
// may see an order and which request field a refused transition is about. The checks that need the database
// (does the elder / town / provider exist) stay with the server.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/access.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/records.hpp"
#include "yiyang/validation.hpp"

namespace yiyang {

constexpr std::size_t kOrderDescriptionMax = 2000;   // characters (UTF-8 code points)
constexpr std::size_t kTransitionReasonMax = 500;

// Must a new order of this type carry a description (诉求描述)? Every type except an emergency: an SOS from a
// one-key call device (一键呼叫) is registered the moment it rings so the 30-second answer clock starts; what
// happened is learnt while help is on its way (DOMAIN.md "emergency (SOS) answered and help dispatched within
// 30 s", Yingkou 3.1). A consultation, booking, complaint … is nothing but what the caller asked for.
bool description_required(OrderType t);
// Must a new order of this type name at least one service category? Bookings and referrals (what to send).
bool categories_required(OrderType t);

// A new order's body ({"channel","type","categories","elder_id","town_id","urgency","description"}) as it
// reads without the database: `order` gets type, channel, urgency, categories, description; elder_id / town_id
// are what the body asked for (the server checks they exist and agree). Every problem is a FieldError
// (unknown member, wrong JSON type, bad code, required member missing, description too long or blank).
struct OrderRequestCheck {
    WorkOrder order;
    std::optional<Id> elder_id;
    std::optional<Id> town_id;
    std::vector<FieldError> errors;
};
OrderRequestCheck validate_order_request(const nlohmann::json& body);

// A transition's body ({"action","reason","provider_id","town_id","satisfaction","evidence","version"}).
struct TransitionCheck {
    TransitionRequest request;
    std::optional<Id> town_id;             // dispatch_town: must be the order's own town when given
    std::optional<std::int64_t> version;   // the version the client saw (409 when it moved)
    std::vector<FieldError> errors;
};
TransitionCheck validate_transition_request(const nlohmann::json& body);

// The request field a refused transition (apply()'s 422 codes) is about, "" when none.
const char* transition_error_field(const std::string& error_code);

// May this viewer see (and so act on) this order? Desk roles see all; town staff their town's; provider staff
// the orders dispatched to their provider; kiosks none.
bool may_see_order(const Viewer& viewer, const WorkOrder& order);

}  // namespace yiyang
