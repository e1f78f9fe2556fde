// The work-order state machine (DOMAIN.md "Work order"): which action is legal in which state, for which
// order type and which role; each accepted action yields the new order and its audit event, each refused one
// a Chinese message naming the state and the action. Also the order's SLA clocks from its audit trail.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/access.hpp"
#include "yiyang/calendar.hpp"
#include "yiyang/records.hpp"
#include "yiyang/sla.hpp"

namespace yiyang {

// Actions, in the order the UI offers them. Codes are the wire format (POST .../actions {"action": "accept"}).
enum class OrderAction {
    AnswerOnSpot,            // answer_on_spot          即时解答
    DispatchProvider,        // dispatch_provider       派单给服务商
    DispatchTown,            // dispatch_town           派单给镇街
    Accept,                  // accept                  接单
    Decline,                 // decline                 拒单 (reason)
    Start,                   // start                   开始服务
    Complete,                // complete                完成服务 (evidence)
    ReviewPass,              // review_pass             审核通过
    ReviewReject,            // review_reject           审核退回 (reason)
    Callback,                // callback                回访 (satisfaction 1..5)
    JudgeComplaintValid,     // judge_complaint_valid   判定有效投诉 (reason)
    JudgeComplaintInvalid,   // judge_complaint_invalid 判定无效投诉 (reason)
    OpenRectification,       // open_rectification      发起整改 (reason)
    CloseRectification,      // close_rectification     整改完成 (reason: what was done)
    Close,                   // close                   办结
    Cancel,                  // cancel                  取消 (reason)
    Escalate,                // escalate                升级
    Pause,                   // pause                   暂停计时（等待老人） (reason)
    Resume,                  // resume                  恢复计时
    Acknowledge,             // acknowledge             确认接警 (emergencies: a seat has taken the SOS; last so
                             //                         the codes above keep their numbers)
};
const char* code(OrderAction v);
const char* label_zh(OrderAction v);
std::optional<OrderAction> parse_OrderAction(std::string_view code);
const std::vector<OrderAction>& all_OrderActions();
void to_json(nlohmann::json& j, const OrderAction& v);
void from_json(const nlohmann::json& j, OrderAction& v);

// Which way an order type goes:
//   NeedsProvider (booking 预约, referral 转介, emergency 紧急求助):
//     received → dispatch_provider | dispatch_town → dispatched → accept → accepted → start → in_service →
//     complete → completed → review_pass → reviewed → callback → called_back → close → closed.
//     decline (dispatched/accepted) returns it to received (the queue), provider cleared; review_reject
//     returns it to in_service; escalate (received/dispatched: nobody accepted) → escalated → dispatch again.
//     A callback answered 4 不太满意 or 5 很不满意 goes to rectifying instead of called_back.
//   OnTheSpot (consultation 咨询, suggestion 建议, callback 回访): received → answer_on_spot → answered_on_spot
//     → close → closed. Never dispatched (a need found in a consultation is a new booking order).
//   Complaint (投诉): received → judge_complaint_valid → rectifying → close_rectification → closed, or
//     received → judge_complaint_invalid → closed.
// Everywhere: open_rectification (called_back → rectifying, a supervisor's own finding); cancel (received,
// dispatched, accepted, escalated); pause / resume (any open state; keeps the state, sets paused_since; while
// paused only resume and cancel are legal). closed_at is set on reaching closed or cancelled.
// acknowledge (确认接警): emergencies only, by agent / supervisor / admin, in any open state (paused too), once:
// keeps the state and sets acknowledged_at / acknowledged_by; a second one is refused with
// "already_acknowledged" (409).
enum class OrderPath { NeedsProvider, OnTheSpot, Complaint };
// An open order (未办结) is one still being worked: every status except closed, cancelled and answered on the
// spot (a consultation answered at once waits only for its formal close). The one definition used by the order
// filters, the watch list, the overview's open count and the indicators.
bool is_open(OrderStatus s);
// Every open status, in the enum's order (for SQL IN lists that keep an index usable).
std::vector<OrderStatus> open_statuses();
OrderPath path_of(OrderType t);
// Must a new order of this type name a registered elder? Not for consultations and suggestions (anyone may
// call), nor for emergencies (help is sent first; a caller who is not registered gives a town and is identified
// later). Every other type serves a registered elder. Used by the server's validation and the intake form.
bool elder_required(OrderType t);
// Must this action carry a reason (decline, review_reject, complaint judgements, rectification open/close,
// cancel, pause)? apply() refuses it without one; the dashboard asks for it before sending.
bool needs_reason(OrderAction a);
// May this role take this action at all (before scope and state)? The role table apply() checks first; the
// work queues (work_queues.hpp) use it to say which roles work which queue.
bool role_may_act(Role role, OrderAction a);

// County questionnaire, question 7: 1 非常满意 2 比较满意 3 基本满意 4 不太满意 5 很不满意; 1–3 = satisfied.
const char* satisfaction_label_zh(int answer);   // "" outside 1..5
bool is_satisfied(int answer);

struct ServiceEvidence {            // 服务凭证, required to complete
    std::string caregiver;          // 服务人员
    LocalSeconds from = 0;          // service time window [from, to]
    LocalSeconds to = 0;
    std::string place;              // 服务地点
    std::vector<std::string> photo_refs;   // optional stored-file references
};

struct TransitionRequest {
    OrderAction action = OrderAction::Close;
    std::string reason;                       // decline, review_reject, judge_*, *_rectification, cancel, pause
    std::optional<Id> provider_id;            // dispatch_provider (dispatch_town goes to the order's town)
    std::optional<ServiceEvidence> evidence;  // complete
    std::optional<int> satisfaction;          // callback
    // callback: false when the elder says the service did not take place (回访：老人称未接受服务). It opens a
    // rectification like an unsatisfied answer and is what the assessment counts as 服务不真实 (assessment/prefill).
    std::optional<bool> service_received;
};

// codes: "forbidden" (403: role may never do this, or not its provider's / town's order),
//        "illegal_transition" (409: not from this state / for this order type), "paused" (409),
//        "already_acknowledged" (409: the SOS was confirmed before; the message names when and the user id),
//        "missing_reason", "missing_provider", "missing_evidence", "bad_evidence", "bad_satisfaction" (422).
struct TransitionError {
    std::string code;
    std::string message_zh;   // 工单当前状态为“已完成”，不能执行“接单”
    int http_status = 409;
};

struct AuditEvent {                 // one change of one order: who, when, from → to, why
    Id order_id = 0;
    OrderAction action = OrderAction::Close;
    OrderStatus from = OrderStatus::Received;
    OrderStatus to = OrderStatus::Received;
    Role actor_role = Role::Agent;
    Id actor_user_id = 0;
    std::optional<Id> actor_provider;
    std::optional<Id> actor_town;
    LocalSeconds at = 0;
    std::string reason;
    nlohmann::json details = nlohmann::json::object();   // provider_id, evidence, satisfaction, paused_from…
};

struct TransitionResult {
    std::optional<WorkOrder> order;     // the order after the action (when ok)
    std::optional<AuditEvent> event;    // its audit event (when ok)
    std::optional<TransitionError> error;
    bool opened_rectification = false;  // an unsatisfied callback or a valid complaint opened one
    bool ok() const { return !error.has_value(); }
};

// The actor is a Viewer (access.hpp): role, user id and, for provider / town staff, their provider / town.
// Checks in order: role may do the action at all, provider / town scope, state and order type, paused,
// then the request's fields. Pure: `before` is not changed; now is the time of the action.
TransitionResult apply(const WorkOrder& before, const TransitionRequest& req, const Viewer& actor, LocalSeconds now);
// Convenience for callers without a town (a Role::Town actor here has no town and is refused).
TransitionResult apply(const WorkOrder& before, const TransitionRequest& req, Role actor_role,
                       std::optional<Id> actor_provider, LocalSeconds now);

// What the UI should offer this actor on this order (every action apply() would not refuse for role, scope,
// state, type or pause; the request's fields are still checked on apply). In OrderAction order.
std::vector<OrderAction> legal_actions(const WorkOrder& order, const Viewer& actor);
std::vector<OrderAction> legal_actions(const WorkOrder& order, Role role, std::optional<Id> provider);

// ---- clocks from the audit trail -----------------------------------------------------------------
// The SLA events (sla.hpp) an audit event stands for: dispatch_* → dispatched, accept → accepted,
// start → started, complete → completed, review_pass → reviewed, callback → called_back (+ rectification_opened
// when unsatisfied), judge_complaint_* → complaint_judged (+ rectification_opened | closed),
// open_rectification → rectification_opened, close_rectification → rectification_closed + closed, close → closed,
// cancel → cancelled, escalate → escalated, decline → declined, review_reject → review_rejected,
// answer_on_spot → answered, pause → paused, resume → resumed, acknowledge → acknowledged. "created" is the
// order's created_at.
std::vector<std::string> sla_events_of(const AuditEvent& e);
// Waiting-on-the-elder periods from pause / resume events (an unmatched pause is still open).
std::vector<Pause> pauses_from(const std::vector<AuditEvent>& history);
// Every clock of the rule set that applies to this order's type and has started: start = the last
// occurrence of starts_on, stop = the first stops_on after it. Clocks not stopped on a cancelled order are left
// out. history in the order the events happened.
std::vector<SlaClock> order_clocks(const WorkOrder& order, const std::vector<AuditEvent>& history,
                                   const SlaRuleSet& rules, const WorkCalendar& calendar, LocalSeconds now);

// ---- orders loaded without an audit trail (demo city, imports) ----------------------------------
// The lifecycle events the order's own timestamps prove, oldest first: acknowledge (acknowledged_at), dispatch
// (dispatched_at; dispatch_provider when it has a provider, else dispatch_town), complete (completed_at), the
// step that closed it (closed_at: close, close_rectification, judge_complaint_invalid, or cancel) and an open
// pause (paused_since). Steps the status proves but whose time the record lacks (accept, start, review, …) get
// no event: no time is invented. Each event's details carry {"derived": true}; actor unknown (user 0).
std::vector<AuditEvent> history_from_record(const WorkOrder& order);
// The SLA events (sla.hpp names) the order's status proves happened but whose time the record lacks: a clock
// stopped by one of them is stopped at an unknown time, so record_clocks leaves it out.
std::vector<std::string> sla_events_without_time(const WorkOrder& order);
// order_clocks over history_from_record, without the clocks that the record cannot time (a clock still
// running whose stop event is in sla_events_without_time). For orders with no stored lifecycle events.
std::vector<SlaClock> record_clocks(const WorkOrder& order, const SlaRuleSet& rules, const WorkCalendar& calendar,
                                    LocalSeconds now);
// The order's clocks: order_clocks over its stored lifecycle events, or record_clocks when it has none (an
// order created here and not yet acted on gets the same clocks either way).
std::vector<SlaClock> clocks_for(const WorkOrder& order, const std::vector<AuditEvent>& stored_history,
                                 const SlaRuleSet& rules, const WorkCalendar& calendar, LocalSeconds now);

// ---- supervisors' watch list: what is overdue or about to be, by town and provider ------------------
struct OrderClocks {
    WorkOrder order;
    std::vector<SlaClock> clocks;   // from order_clocks
};
struct WatchItem {
    Id order_id = 0;
    std::string order_code;
    Id town_id = 0;
    std::optional<Id> provider_id;
    SlaClock clock;
};
struct WatchCounts {
    int overdue = 0;    // running clocks past due (state breached, not stopped)
    int due_soon = 0;
};
// Running clocks that are overdue or due soon: overdue first, then by due time, order id, rule code.
std::vector<WatchItem> watch_list(const std::vector<OrderClocks>& orders);
std::map<Id, WatchCounts> watch_by_town(const std::vector<WatchItem>& items);
std::map<Id, WatchCounts> watch_by_provider(const std::vector<WatchItem>& items);   // key 0 = no provider

void to_json(nlohmann::json& j, const AuditEvent& e);
void to_json(nlohmann::json& j, const TransitionError& e);
void to_json(nlohmann::json& j, const ServiceEvidence& e);
void from_json(const nlohmann::json& j, ServiceEvidence& e);

}  // namespace yiyang
