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
// A complaint may also carry what it is about (投诉对象): "about_order_id" or "about_order_code" (the earlier
// order, not both) and/or "about_provider_id"; other types may not (check_complaint_link then decides with
// the earlier order the server found).
struct OrderRequestCheck {
    WorkOrder order;
    std::optional<Id> elder_id;
    std::optional<Id> town_id;
    std::optional<Id> about_order_id;
    std::string about_order_code;          // upper-cased; "" when not given
    std::optional<Id> about_provider_id;
    std::vector<FieldError> errors;
};
OrderRequestCheck validate_order_request(const nlohmann::json& body);

// ---- What a complaint is about (投诉对象) -----------------------------------------------------------------
// The rules, once the server has looked up the earlier order (nullptr when none is named):
//  - only a complaint carries a link;
//  - the earlier order is not itself a complaint, not the complaint itself, and was created before it;
//  - when the complaint has an elder, the earlier order is that elder's (a complaint is about a service the
//    caller's elder received); a complaint without an elder (a caller not on file) may name any order;
//  - a provider named together with an order must be that order's provider (when it has one);
//  - a provider may be named without an order (a caller who knows only the company).
// Errors name the field ("about_order_id" / "about_provider_id") and say what is wrong in Chinese.
// `order_field` is the member the earlier order was named by ("about_order_id" or "about_order_code").
std::vector<FieldError> check_complaint_link(const WorkOrder& complaint, const WorkOrder* earlier,
                                             std::optional<Id> about_provider_id,
                                             const std::string& order_field = "about_order_id");
// The provider the complaint is about: the one named, else the earlier order's provider.
std::optional<Id> complaint_provider(const WorkOrder* earlier, std::optional<Id> about_provider_id);

// POST /api/v1/orders/{id}/complaint-link: {"about_order_id"|"about_order_code","about_provider_id","reason",
// "version"} — a supervisor changes (or clears, with both null) what a complaint is about; the reason is required.
struct ComplaintLinkCheck {
    std::optional<Id> about_order_id;
    std::string about_order_code;
    std::optional<Id> about_provider_id;
    std::string reason;
    std::optional<std::int64_t> version;
    std::vector<FieldError> errors;
};
ComplaintLinkCheck validate_complaint_link_request(const nlohmann::json& body);

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
