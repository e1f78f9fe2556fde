// State and intents of the work-order workbench (工单): the filtered, paged list and one order's detail — its
// SLA clocks, history, dispatch candidates and the lifecycle actions the server allows this viewer
// (app/orders.cpp applies them; ui/orders.cpp and ui/order_detail.cpp draw them). Figures arrive computed.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"
#include "yiyang/wire/queues.hpp"

namespace yiyang::client {

// ---- list ----------------------------------------------------------------------------------------
struct OrderQuery {                     // GET /api/v1/orders parameters
    std::string status;                 // "" or an OrderStatus code
    std::string type;                   // "" or an OrderType code
    std::string channel;                // "" or a Channel code
    Id town_id = 0;                     // 0: all (town users are scoped by the server)
    Id provider_id = 0;                 // 0: all (desk roles only; providers are scoped by the server)
    bool overdue_only = false;
    std::string period;                 // "" or 2026-11 / 2026-Q4 / 2026 (as typed)
    std::string from, to;               // "" or a day (the date pickers): created on or after / on or before
    std::string sort = "-created_at";   // created_at | id, "-" = descending (the server's whitelist)
    std::string q;                      // find anything: order code (or its start), whole phone, elder name
    std::string queue;                  // "" or a WorkQueue code: that queue, in queue order (sort ignored)
    int page = 1;
    int page_size = 20;
    friend bool operator==(const OrderQuery&, const OrderQuery&) = default;
};

struct OrderClockView {                 // one SLA clock as the server computed it (shared/sla)
    std::string rule, name;
    std::string started_at, stopped_at, due_at;   // "2026-11-23T09:30:00"; stopped_at "" while running
    std::int64_t consumed_seconds = 0;
    std::int64_t remaining_seconds = 0;
    std::int64_t seconds_to_due = 0;
    std::string state;                  // running | paused | due_soon | met | breached
};

struct OrderView {
    WorkOrder order;
    std::int64_t version = 0;
    std::vector<OrderClockView> clocks;
    bool overdue = false;
    std::string about_order_code{};     // a linked complaint: the earlier order and the provider it is about
    std::string about_provider_name{};
};

struct OrderListData {
    OrderQuery query;                   // the query these rows answer
    std::vector<OrderView> items;
    std::int64_t total = 0;
    bool loaded = false;
};

// ---- detail --------------------------------------------------------------------------------------
struct OrderHistoryEntry {              // one audit event of the order (GET /orders/{id}/history)
    std::string at;
    std::string actor;                  // username
    std::string action;                 // "create" or an OrderAction code
    std::string from, to;               // OrderStatus codes ("" for create)
    std::string actor_role;             // Role code
    std::string reason;
    nlohmann::json details = nlohmann::json::object();
    // What changed, in words, for events that are no status move (link_complaint: the earlier order's code and
    // the provider's name, before ＞ after); "" otherwise.
    std::string change_text;
};

struct DispatchCandidateView {          // shared rank_candidates, as sent
    Id provider_id = 0;
    std::string provider_name;
    bool eligible = false;
    std::string ineligible_reason;
    int rank = 0;
    int score = 0;
    int part_category = 0, part_distance = 0, part_load = 0, part_rating = 0;
    std::string reasons;                // 覆盖石岐街道；类别匹配 2/2；最近网点 1.2 公里（悦来站）；在办 3 单；评分 86.2
};

struct ElderBrief {                     // the order's elder, masked as the server sent it
    Id id = 0;
    std::string name, phone, address, community;
};

// What the person types for the action being prepared.
struct OrderActionForm {
    std::string action;                 // OrderAction code selected in the panel ("" = none)
    std::string reason;
    Id provider_id = 0;                 // dispatch_provider: the chosen candidate
    std::string caregiver;              // complete: evidence
    std::string from_text, to_text;     // "2026-11-23 09:30"
    std::string place;
    std::string photo_refs;             // comma-separated ids
    int satisfaction = 0;               // callback: 1..5
    bool service_not_received = false;  // callback: 老人称未接受服务
    friend bool operator==(const OrderActionForm&, const OrderActionForm&) = default;
};

struct OrdersState {
    // The work queues this user works with their counts, and the user's scope (全市 / 本镇街（…）), for the
    // home screen (GET /api/v1/queues, read with the home figures).
    std::optional<wire::QueueCounts> queues;
    OrderQuery query;                   // as edited in the filter bar
    OrderListData list;
    std::string open_id_text;           // "按ID打开" field (an order code is searched for and opened)
    std::string open_code;              // the code typed there: its order opens when the search finds it alone
    std::vector<Provider> providers;    // names for the filter and the columns
    bool providers_loaded = false;
    bool providers_requested = false;

    std::optional<OrderView> current;   // the order on Screen::OrderDetail
    std::vector<std::string> legal_actions;   // OrderAction codes, as the server returned them for this viewer
    std::vector<OrderHistoryEntry> history;
    bool history_loaded = false;
    std::vector<DispatchCandidateView> candidates;
    int candidates_eligible = 0;
    bool candidates_loaded = false;
    std::string candidates_error;
    std::optional<ElderBrief> elder;

    OrderActionForm form;
    std::map<std::string, std::string> field_errors;   // reason, provider_id, caregiver, from, to, place, satisfaction, evidence
    std::string action_error;           // Chinese, beside the action panel
    std::string last_error;             // the last refusal or failure of this area (list, open, action)
    std::string last_success;           // 已接单：GD202611230001
    bool version_conflict = false;
    bool submitting = false;
    // Someone else changed the open order while its action panel held input: the panel says so and offers a
    // reload (with nothing typed the order is simply re-read).
    bool changed_elsewhere = false;
    int refreshes = 0;                  // re-reads after changes elsewhere (tests)
};

// ---- intents -------------------------------------------------------------------------------------
struct OrdersEditQuery { OrderQuery query; };
struct OrdersSearch { OrderQuery query; };          // page included
struct OrdersSearchSoon { OrderQuery query; };      // typing in the search box: searches after a quiet moment
struct OrdersOpenQueue { std::string queue; };      // a home tile: the list of that work queue
struct OrdersEditOpenId { std::string text; };
struct OrdersOpenById {};                           // opens open_id_text
struct OrdersOpen { Id id; };
struct OrdersBack {};                               // to the list, filters and page kept
struct OrdersReload {};                             // re-reads the current order (after a version conflict)
struct OrdersEditForm { OrderActionForm form; };
struct OrdersSelectAction { std::string action; };  // shows that action's inputs
struct OrdersSubmit {};                             // submits form.action with its inputs
struct OrdersQuickAction { std::string action; };   // an action without inputs (accept, start, close, ...)

using OrdersIntent = std::variant<OrdersEditQuery, OrdersSearch, OrdersSearchSoon, OrdersOpenQueue, OrdersEditOpenId, OrdersOpenById, OrdersOpen,
                                  OrdersBack, OrdersReload, OrdersEditForm, OrdersSelectAction, OrdersSubmit,
                                  OrdersQuickAction>;

// What the browser tests read of this area (yiyang_test_state()["orders"]); defined in app/orders.cpp.
nlohmann::json test_state_of(const OrdersState& s);

}  // namespace yiyang::client
