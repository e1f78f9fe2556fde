// The work-order state machine (see order_lifecycle.hpp): one table of who may do what from which state,
// apply() for one action with its audit event, and the order's SLA clocks rebuilt from its audit trail.
#include "yiyang/order_lifecycle.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace yiyang {

namespace {

using nlohmann::json;
using S = OrderStatus;
using A = OrderAction;

struct ActionEntry {
    A value;
    const char* code;
    const char* label;
};

constexpr std::array<ActionEntry, 20> kActions{{
    {A::AnswerOnSpot, "answer_on_spot", "即时解答"},
    {A::DispatchProvider, "dispatch_provider", "派单给服务商"},
    {A::DispatchTown, "dispatch_town", "派单给镇街"},
    {A::Accept, "accept", "接单"},
    {A::Decline, "decline", "拒单"},
    {A::Start, "start", "开始服务"},
    {A::Complete, "complete", "完成服务"},
    {A::ReviewPass, "review_pass", "审核通过"},
    {A::ReviewReject, "review_reject", "审核退回"},
    {A::Callback, "callback", "回访"},
    {A::JudgeComplaintValid, "judge_complaint_valid", "判定有效投诉"},
    {A::JudgeComplaintInvalid, "judge_complaint_invalid", "判定无效投诉"},
    {A::OpenRectification, "open_rectification", "发起整改"},
    {A::CloseRectification, "close_rectification", "整改完成"},
    {A::Close, "close", "办结"},
    {A::Cancel, "cancel", "取消"},
    {A::Escalate, "escalate", "升级"},
    {A::Pause, "pause", "暂停计时（等待老人）"},
    {A::Resume, "resume", "恢复计时"},
    {A::Acknowledge, "acknowledge", "确认接警"},
}};

constexpr bool actions_in_order() {
    for (std::size_t i = 0; i < kActions.size(); ++i) {
        if (static_cast<std::size_t>(kActions[i].value) != i) return false;
    }
    return true;
}
static_assert(actions_in_order());

const ActionEntry& entry(A a) {
    const auto i = static_cast<std::size_t>(a);
    return i < kActions.size() ? kActions[i] : kActions[0];
}

bool is_terminal(S s) { return s == S::Closed || s == S::Cancelled; }

// ---- roles ---------------------------------------------------------------------------------------
bool is_field_action(A a) { return a == A::Accept || a == A::Decline || a == A::Start || a == A::Complete; }

bool is_agent_action(A a) {
    switch (a) {
        case A::AnswerOnSpot: case A::DispatchProvider: case A::DispatchTown: case A::Callback: case A::Close:
        case A::Cancel: case A::Escalate: case A::Pause: case A::Resume: case A::Acknowledge:
            return true;
        default:
            return false;
    }
}

bool is_supervisor_action(A a) {
    switch (a) {
        case A::ReviewPass: case A::ReviewReject: case A::JudgeComplaintValid: case A::JudgeComplaintInvalid:
        case A::OpenRectification: case A::CloseRectification:
            return true;
        default:
            return is_agent_action(a);
    }
}

bool role_may(Role r, A a) {
    switch (r) {
        case Role::Admin: case Role::Supervisor: return is_supervisor_action(a);
        case Role::Agent: return is_agent_action(a);
        case Role::Provider: case Role::Town: return is_field_action(a);
        case Role::Kiosk: case Role::Leader: return false;
    }
    return false;
}

// ---- states --------------------------------------------------------------------------------------
bool in(S s, std::initializer_list<S> states) { return std::find(states.begin(), states.end(), s) != states.end(); }

// Is `a` legal from the order's state for its type (ignoring role, scope and pause)?
bool legal_from(const WorkOrder& o, A a) {
    const OrderPath p = path_of(o.type);
    const S s = o.status;
    switch (a) {
        case A::AnswerOnSpot: return p == OrderPath::OnTheSpot && s == S::Received;
        case A::DispatchProvider:
        case A::DispatchTown: return p == OrderPath::NeedsProvider && in(s, {S::Received, S::Escalated});
        case A::Accept: return s == S::Dispatched;
        case A::Decline: return in(s, {S::Dispatched, S::Accepted});
        case A::Start: return s == S::Accepted;
        case A::Complete: return s == S::InService;
        case A::ReviewPass:
        case A::ReviewReject: return s == S::Completed;
        case A::Callback: return s == S::Reviewed;
        case A::JudgeComplaintValid:
        case A::JudgeComplaintInvalid: return p == OrderPath::Complaint && s == S::Received;
        case A::OpenRectification: return s == S::CalledBack;
        case A::CloseRectification: return s == S::Rectifying;
        case A::Close: return in(s, {S::AnsweredOnSpot, S::CalledBack});
        case A::Cancel: return in(s, {S::Received, S::Dispatched, S::Accepted, S::Escalated});
        case A::Escalate: return p == OrderPath::NeedsProvider && in(s, {S::Received, S::Dispatched});
        case A::Pause: return !is_terminal(s) && !o.paused_since;
        case A::Resume: return o.paused_since.has_value();
        case A::Acknowledge: return o.type == OrderType::Emergency && !is_terminal(s) && !o.acknowledged_at;
    }
    return false;
}

// Would `a` be legal from this state for some other order type? Then the type is the reason, say so.
std::string type_hint(const WorkOrder& o, A a) {
    const OrderPath p = path_of(o.type);
    const std::string type = std::string("（") + label_zh(o.type) + "工单";
    switch (a) {
        case A::AnswerOnSpot:
            if (o.status == S::Received && p != OrderPath::OnTheSpot) {
                return type + (p == OrderPath::Complaint ? "须判定有效或无效）" : "须派单给服务商或镇街）");
            }
            break;
        case A::DispatchProvider: case A::DispatchTown: case A::Escalate:
            if (o.status == S::Received && p != OrderPath::NeedsProvider) {
                return type + (p == OrderPath::Complaint ? "须判定有效或无效）" : "即时解答，不派单）");
            }
            break;
        case A::JudgeComplaintValid: case A::JudgeComplaintInvalid:
            if (o.status == S::Received && p != OrderPath::Complaint) return "（只有投诉工单可判定）";
            break;
        case A::Acknowledge:
            if (o.type != OrderType::Emergency) return "（只有紧急求助工单需要确认接警）";
            break;
        default:
            break;
    }
    return {};
}

std::string quoted_zh(const char* s) { return std::string("“") + s + "”"; }

TransitionResult refuse(std::string code, std::string message, int http_status) {
    TransitionResult r;
    r.error = TransitionError{std::move(code), std::move(message), http_status};
    return r;
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Role and scope: nullopt when allowed, else the refusal.
std::optional<TransitionResult> check_actor(const WorkOrder& o, A a, const Viewer& actor) {
    if (!role_may(actor.role, a)) {
        return refuse("forbidden", std::string("角色") + quoted_zh(label_zh(actor.role)) + "无权执行" +
                                       quoted_zh(label_zh(a)), 403);
    }
    if (actor.role == Role::Provider) {
        if (!actor.provider_id || !o.provider_id || *o.provider_id != *actor.provider_id) {
            return refuse("forbidden", std::string("该工单未派给本服务商，不能执行") + quoted_zh(label_zh(a)), 403);
        }
    }
    if (actor.role == Role::Town) {
        if (!actor.town_id || o.town_id != *actor.town_id || o.provider_id) {
            return refuse("forbidden", std::string("该工单未派给本镇街，不能执行") + quoted_zh(label_zh(a)), 403);
        }
    }
    return std::nullopt;
}

std::optional<TransitionResult> check_state(const WorkOrder& o, A a) {
    const std::string state = std::string("工单当前状态为") + quoted_zh(label_zh(o.status));
    if (a == A::Acknowledge && o.type == OrderType::Emergency && o.acknowledged_at) {
        // The seat needs to know someone already has it (the server puts the user's name in place of the id).
        return refuse("already_acknowledged",
                      "该紧急求助已由用户（编号 " + std::to_string(o.acknowledged_by.value_or(0)) + "）于 " +
                          format_timestamp(*o.acknowledged_at) + " 确认，无需重复确认",
                      409);
    }
    // Taking an SOS call does not depend on the clocks waiting on the elder: acknowledge ignores a pause.
    if (o.paused_since && a != A::Resume && a != A::Cancel && a != A::Acknowledge) {
        if (!legal_from(o, a) && a != A::Pause) {
            return refuse("illegal_transition", state + "，不能执行" + quoted_zh(label_zh(a)) + type_hint(o, a), 409);
        }
        return refuse("paused", state + "（暂停计时中），不能执行" + quoted_zh(label_zh(a)) + "，请先恢复计时", 409);
    }
    if (!legal_from(o, a)) {
        return refuse("illegal_transition", state + "，不能执行" + quoted_zh(label_zh(a)) + type_hint(o, a), 409);
    }
    return std::nullopt;
}

void put_opt(json& j, const char* key, const std::optional<Id>& v) {
    if (v) {
        j[key] = *v;
    } else {
        j[key] = nullptr;
    }
}

}  // namespace

bool needs_reason(A a) {
    switch (a) {
        case A::Decline: case A::ReviewReject: case A::JudgeComplaintValid: case A::JudgeComplaintInvalid:
        case A::OpenRectification: case A::CloseRectification: case A::Cancel: case A::Pause:
            return true;
        default:
            return false;
    }
}

// ---- codes ---------------------------------------------------------------------------------------
const char* code(OrderAction v) { return entry(v).code; }
const char* label_zh(OrderAction v) { return entry(v).label; }

std::optional<OrderAction> parse_OrderAction(std::string_view text) {
    for (const auto& e : kActions) {
        if (text == e.code) return e.value;
    }
    return std::nullopt;
}

const std::vector<OrderAction>& all_OrderActions() {
    static const std::vector<OrderAction> values = [] {
        std::vector<OrderAction> v;
        for (const auto& e : kActions) v.push_back(e.value);
        return v;
    }();
    return values;
}

void to_json(nlohmann::json& j, const OrderAction& v) { j = code(v); }

void from_json(const nlohmann::json& j, OrderAction& v) {
    if (!j.is_string()) {
        throw nlohmann::json::type_error::create(302, std::string("order action code must be a string, got ") + j.type_name(), &j);
    }
    auto parsed = parse_OrderAction(j.get_ref<const std::string&>());
    if (!parsed) {
        throw nlohmann::json::type_error::create(302, "unknown order action code \"" + j.get<std::string>() + "\"", &j);
    }
    v = *parsed;
}

bool elder_required(OrderType t) {
    return t != OrderType::Consultation && t != OrderType::Suggestion && t != OrderType::Emergency;
}

OrderPath path_of(OrderType t) {
    switch (t) {
        case OrderType::Booking: case OrderType::Referral: case OrderType::Emergency: return OrderPath::NeedsProvider;
        case OrderType::Complaint: return OrderPath::Complaint;
        case OrderType::Consultation: case OrderType::Suggestion: case OrderType::Callback: return OrderPath::OnTheSpot;
    }
    return OrderPath::OnTheSpot;
}

const char* satisfaction_label_zh(int answer) {
    switch (answer) {
        case 1: return "非常满意";
        case 2: return "比较满意";
        case 3: return "基本满意";
        case 4: return "不太满意";
        case 5: return "很不满意";
        default: return "";
    }
}

bool is_satisfied(int answer) { return answer >= 1 && answer <= 3; }

// ---- apply ---------------------------------------------------------------------------------------
TransitionResult apply(const WorkOrder& before, const TransitionRequest& req, const Viewer& actor, LocalSeconds now) {
    const A a = req.action;
    if (auto refused = check_actor(before, a, actor)) return *refused;
    if (auto refused = check_state(before, a)) return *refused;

    const std::string act = quoted_zh(label_zh(a));
    if (needs_reason(a) && blank(req.reason)) return refuse("missing_reason", "执行" + act + "必须填写原因", 422);

    TransitionResult r;
    WorkOrder o = before;
    json details = json::object();
    switch (a) {
        case A::AnswerOnSpot:
            o.status = S::AnsweredOnSpot;
            break;
        case A::DispatchProvider:
            if (!req.provider_id) return refuse("missing_provider", "派单给服务商必须选择服务商", 422);
            o.status = S::Dispatched;
            o.provider_id = req.provider_id;
            o.dispatched_at = now;
            details["provider_id"] = *req.provider_id;
            break;
        case A::DispatchTown:
            o.status = S::Dispatched;
            o.provider_id.reset();
            o.dispatched_at = now;
            details["town_id"] = o.town_id;
            break;
        case A::Accept:
            o.status = S::Accepted;
            break;
        case A::Decline:   // back to the queue, to be dispatched again
            put_opt(details, "provider_id", o.provider_id);
            o.status = S::Received;
            o.provider_id.reset();
            o.dispatched_at.reset();
            break;
        case A::Start:
            o.status = S::InService;
            break;
        case A::Complete: {
            if (!req.evidence) return refuse("missing_evidence", "完成服务必须填写服务凭证：服务人员、服务时间、服务地点", 422);
            const ServiceEvidence& ev = *req.evidence;
            std::string missing;
            if (blank(ev.caregiver)) missing += "服务人员、";
            if (ev.from == 0 || ev.to == 0) missing += "服务时间、";
            if (blank(ev.place)) missing += "服务地点、";
            if (!missing.empty()) {
                missing.resize(missing.size() - std::string("、").size());
                return refuse("missing_evidence", "完成服务的凭证缺少：" + missing, 422);
            }
            if (ev.to <= ev.from) return refuse("bad_evidence", "服务结束时间必须晚于开始时间", 422);
            if (ev.to > now) return refuse("bad_evidence", "服务结束时间不能晚于当前时间", 422);
            o.status = S::Completed;
            o.completed_at = now;
            details["evidence"] = ev;
            break;
        }
        case A::ReviewPass:
            o.status = S::Reviewed;
            break;
        case A::ReviewReject:   // the provider completes again with better evidence
            o.status = S::InService;
            o.completed_at.reset();
            break;
        case A::Callback: {
            if (!req.satisfaction || *req.satisfaction < 1 || *req.satisfaction > 5) {
                return refuse("bad_satisfaction",
                              "回访必须记录满意度：1 非常满意、2 比较满意、3 基本满意、4 不太满意、5 很不满意", 422);
            }
            const int answer = *req.satisfaction;
            const bool not_received = req.service_received && !*req.service_received;
            o.satisfaction = answer;
            details["satisfaction"] = answer;
            details["satisfied"] = is_satisfied(answer);
            if (req.service_received) details["service_received"] = *req.service_received;
            if (is_satisfied(answer) && !not_received) {
                o.status = S::CalledBack;
            } else {
                o.status = S::Rectifying;
                r.opened_rectification = true;
            }
            details["opened_rectification"] = r.opened_rectification;
            break;
        }
        case A::JudgeComplaintValid:
            o.status = S::Rectifying;
            o.complaint_valid = true;
            r.opened_rectification = true;
            details["valid"] = true;
            break;
        case A::JudgeComplaintInvalid:
            o.status = S::Closed;
            o.complaint_valid = false;
            o.closed_at = now;
            details["valid"] = false;
            break;
        case A::OpenRectification:
            o.status = S::Rectifying;
            r.opened_rectification = true;
            break;
        case A::CloseRectification:
        case A::Close:
            o.status = S::Closed;
            o.closed_at = now;
            break;
        case A::Cancel:
            if (o.paused_since) details["paused_from"] = format_timestamp(*o.paused_since);
            o.status = S::Cancelled;
            o.paused_since.reset();
            o.closed_at = now;
            break;
        case A::Escalate:   // nobody accepted: off the provider, onto the supervisors' desk
            put_opt(details, "provider_id", o.provider_id);
            o.status = S::Escalated;
            o.provider_id.reset();
            o.dispatched_at.reset();
            break;
        case A::Pause:
            o.paused_since = now;
            break;
        case A::Resume:
            details["paused_from"] = format_timestamp(*o.paused_since);
            o.paused_since.reset();
            break;
        case A::Acknowledge:
            o.acknowledged_at = now;
            o.acknowledged_by = actor.user_id;
            details["seconds_after_creation"] = now - o.created_at;
            break;
    }

    AuditEvent e;
    e.order_id = before.id;
    e.action = a;
    e.from = before.status;
    e.to = o.status;
    e.actor_role = actor.role;
    e.actor_user_id = actor.user_id;
    e.actor_provider = actor.provider_id;
    e.actor_town = actor.town_id;
    e.at = now;
    e.reason = req.reason;
    e.details = std::move(details);
    r.order = std::move(o);
    r.event = std::move(e);
    return r;
}

TransitionResult apply(const WorkOrder& before, const TransitionRequest& req, Role actor_role,
                       std::optional<Id> actor_provider, LocalSeconds now) {
    Viewer v;
    v.role = actor_role;
    v.provider_id = actor_provider;
    return apply(before, req, v, now);
}

std::vector<OrderAction> legal_actions(const WorkOrder& order, const Viewer& actor) {
    std::vector<OrderAction> out;
    for (A a : all_OrderActions()) {
        if (check_actor(order, a, actor) || check_state(order, a)) continue;
        out.push_back(a);
    }
    return out;
}

std::vector<OrderAction> legal_actions(const WorkOrder& order, Role role, std::optional<Id> provider) {
    Viewer v;
    v.role = role;
    v.provider_id = provider;
    return legal_actions(order, v);
}

// ---- clocks --------------------------------------------------------------------------------------
std::vector<std::string> sla_events_of(const AuditEvent& e) {
    switch (e.action) {
        case A::AnswerOnSpot: return {"answered"};
        case A::DispatchProvider: case A::DispatchTown: return {"dispatched"};
        case A::Accept: return {"accepted"};
        case A::Decline: return {"declined"};
        case A::Start: return {"started"};
        case A::Complete: return {"completed"};
        case A::ReviewPass: return {"reviewed"};
        case A::ReviewReject: return {"review_rejected"};
        case A::Callback:
            if (e.to == S::Rectifying) return {"called_back", "rectification_opened"};
            return {"called_back"};
        case A::JudgeComplaintValid: return {"complaint_judged", "rectification_opened"};
        case A::JudgeComplaintInvalid: return {"complaint_judged", "closed"};
        case A::OpenRectification: return {"rectification_opened"};
        case A::CloseRectification: return {"rectification_closed", "closed"};
        case A::Close: return {"closed"};
        case A::Cancel: return {"cancelled"};
        case A::Escalate: return {"escalated"};
        case A::Pause: return {"paused"};
        case A::Resume: return {"resumed"};
        case A::Acknowledge: return {"acknowledged"};
    }
    return {};
}

std::vector<Pause> pauses_from(const std::vector<AuditEvent>& history) {
    std::vector<Pause> out;
    for (const AuditEvent& e : history) {
        if (e.action == A::Pause) {
            out.push_back(Pause{e.at, std::nullopt});
        } else if ((e.action == A::Resume || e.action == A::Cancel) && !out.empty() && !out.back().to) {
            out.back().to = e.at;
        }
    }
    return out;
}

std::vector<SlaClock> order_clocks(const WorkOrder& order, const std::vector<AuditEvent>& history,
                                   const SlaRuleSet& rules, const WorkCalendar& calendar, LocalSeconds now) {
    // (position, time, event) with "created" at position 0.
    struct Seen {
        std::size_t pos;
        LocalSeconds at;
        std::string event;
    };
    std::vector<Seen> seen{{0, order.created_at, "created"}};
    for (std::size_t i = 0; i < history.size(); ++i) {
        for (auto& ev : sla_events_of(history[i])) seen.push_back({i + 1, history[i].at, std::move(ev)});
    }
    const std::vector<Pause> pauses = pauses_from(history);

    std::vector<SlaClock> out;
    for (const SlaRule& rule : rules.rules) {
        if (!rule.applies_to_type(order.type)) continue;
        const Seen* start = nullptr;
        for (const Seen& s : seen) {
            if (s.event == rule.starts_on) start = &s;
        }
        if (start == nullptr) continue;
        std::optional<LocalSeconds> stop;
        for (const Seen& s : seen) {
            if (s.pos > start->pos && s.event == rule.stops_on) {
                stop = s.at;
                break;
            }
        }
        if (!stop && order.status == S::Cancelled) continue;
        out.push_back(compute_clock(rule, calendar, start->at, pauses, stop, now));
    }
    return out;
}

// ---- orders without a trail ----------------------------------------------------------------------
namespace {

bool dispatched_or_later(S s) {
    return in(s, {S::Dispatched, S::Accepted, S::InService, S::Completed, S::Reviewed, S::CalledBack, S::Rectifying,
                  S::Closed});
}
bool completed_or_later(S s) { return in(s, {S::Completed, S::Reviewed, S::CalledBack, S::Rectifying, S::Closed}); }

AuditEvent derived(const WorkOrder& o, A a, S from, S to, LocalSeconds at) {
    AuditEvent e;
    e.order_id = o.id;
    e.action = a;
    e.from = from;
    e.to = to;
    e.actor_user_id = 0;
    e.at = at;
    e.details = json{{"derived", true}};
    return e;
}

}  // namespace

std::vector<AuditEvent> history_from_record(const WorkOrder& o) {
    std::vector<AuditEvent> out;
    const OrderPath p = path_of(o.type);
    const S s = o.status;
    if (o.acknowledged_at) out.push_back(derived(o, A::Acknowledge, s, s, *o.acknowledged_at));
    if (p == OrderPath::NeedsProvider && o.dispatched_at && (dispatched_or_later(s) || s == S::Cancelled)) {
        auto e = derived(o, o.provider_id ? A::DispatchProvider : A::DispatchTown, S::Received, S::Dispatched,
                         *o.dispatched_at);
        if (o.provider_id) e.details["provider_id"] = *o.provider_id;
        out.push_back(std::move(e));
    }
    if (p == OrderPath::NeedsProvider && o.completed_at && completed_or_later(s)) {
        out.push_back(derived(o, A::Complete, S::InService, S::Completed, *o.completed_at));
    }
    if (o.closed_at) {
        if (s == S::Cancelled) {
            out.push_back(derived(o, A::Cancel, S::Received, S::Cancelled, *o.closed_at));
        } else if (s == S::Closed) {
            if (p == OrderPath::Complaint) {
                if (o.complaint_valid == false) {
                    out.push_back(derived(o, A::JudgeComplaintInvalid, S::Received, S::Closed, *o.closed_at));
                } else if (o.complaint_valid == true) {
                    out.push_back(derived(o, A::CloseRectification, S::Rectifying, S::Closed, *o.closed_at));
                }
            } else if (p == OrderPath::NeedsProvider && o.satisfaction && !is_satisfied(*o.satisfaction)) {
                out.push_back(derived(o, A::CloseRectification, S::Rectifying, S::Closed, *o.closed_at));
            } else {
                out.push_back(derived(o, A::Close, p == OrderPath::OnTheSpot ? S::AnsweredOnSpot : S::CalledBack,
                                      S::Closed, *o.closed_at));
            }
        }
    }
    if (o.paused_since && !is_terminal(s)) out.push_back(derived(o, A::Pause, s, s, *o.paused_since));
    std::stable_sort(out.begin(), out.end(), [](const AuditEvent& a, const AuditEvent& b) { return a.at < b.at; });
    return out;
}

std::vector<std::string> sla_events_without_time(const WorkOrder& o) {
    std::vector<std::string> out;
    const OrderPath p = path_of(o.type);
    const S s = o.status;
    auto add = [&](const char* e) { out.emplace_back(e); };
    if (p == OrderPath::NeedsProvider) {
        if (dispatched_or_later(s) && !o.dispatched_at) add("dispatched");
        if (in(s, {S::Accepted, S::InService, S::Completed, S::Reviewed, S::CalledBack, S::Rectifying, S::Closed})) {
            add("accepted");
        }
        if (in(s, {S::InService, S::Completed, S::Reviewed, S::CalledBack, S::Rectifying, S::Closed})) add("started");
        if (completed_or_later(s) && !o.completed_at) add("completed");
        if (in(s, {S::Reviewed, S::CalledBack, S::Rectifying, S::Closed})) add("reviewed");
        if (in(s, {S::CalledBack, S::Rectifying, S::Closed})) add("called_back");
        if (s == S::Rectifying || (s == S::Closed && o.satisfaction && !is_satisfied(*o.satisfaction))) {
            add("rectification_opened");
        }
        if (s == S::Escalated) add("escalated");
    } else if (p == OrderPath::OnTheSpot) {
        if (in(s, {S::AnsweredOnSpot, S::Closed})) add("answered");
    } else {
        if (s == S::Rectifying || (s == S::Closed && o.complaint_valid == true)) {
            add("complaint_judged");
            add("rectification_opened");
        }
    }
    if (is_terminal(s) && !o.closed_at) add(s == S::Cancelled ? "cancelled" : "closed");
    return out;
}

std::vector<SlaClock> record_clocks(const WorkOrder& order, const SlaRuleSet& rules, const WorkCalendar& calendar,
                                    LocalSeconds now) {
    const auto untimed = sla_events_without_time(order);
    std::vector<SlaClock> out;
    for (SlaClock& c : order_clocks(order, history_from_record(order), rules, calendar, now)) {
        const SlaRule* rule = rules.find(c.rule_code);
        if (!c.stopped_at && rule && std::find(untimed.begin(), untimed.end(), rule->stops_on) != untimed.end()) {
            continue;
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<SlaClock> clocks_for(const WorkOrder& order, const std::vector<AuditEvent>& stored_history,
                                 const SlaRuleSet& rules, const WorkCalendar& calendar, LocalSeconds now) {
    if (stored_history.empty()) return record_clocks(order, rules, calendar, now);
    return order_clocks(order, stored_history, rules, calendar, now);
}

std::vector<WatchItem> watch_list(const std::vector<OrderClocks>& orders) {
    std::vector<WatchItem> out;
    for (const OrderClocks& oc : orders) {
        for (const SlaClock& c : oc.clocks) {
            if (c.stopped_at || (c.state != SlaState::Breached && c.state != SlaState::DueSoon)) continue;
            out.push_back(WatchItem{oc.order.id, oc.order.code, oc.order.town_id, oc.order.provider_id, c});
        }
    }
    std::sort(out.begin(), out.end(), [](const WatchItem& a, const WatchItem& b) {
        const bool ao = a.clock.state == SlaState::Breached;
        const bool bo = b.clock.state == SlaState::Breached;
        if (ao != bo) return ao;
        if (a.clock.due_at != b.clock.due_at) return a.clock.due_at < b.clock.due_at;
        if (a.order_id != b.order_id) return a.order_id < b.order_id;
        return a.clock.rule_code < b.clock.rule_code;
    });
    return out;
}

namespace {
void count_into(WatchCounts& c, const WatchItem& item) {
    if (item.clock.state == SlaState::Breached) {
        ++c.overdue;
    } else {
        ++c.due_soon;
    }
}
}  // namespace

std::map<Id, WatchCounts> watch_by_town(const std::vector<WatchItem>& items) {
    std::map<Id, WatchCounts> out;
    for (const WatchItem& i : items) count_into(out[i.town_id], i);
    return out;
}

std::map<Id, WatchCounts> watch_by_provider(const std::vector<WatchItem>& items) {
    std::map<Id, WatchCounts> out;
    for (const WatchItem& i : items) count_into(out[i.provider_id.value_or(0)], i);
    return out;
}

// ---- JSON ----------------------------------------------------------------------------------------
void to_json(nlohmann::json& j, const ServiceEvidence& e) {
    j = json{{"caregiver", e.caregiver},
             {"from", format_timestamp(e.from)},
             {"to", format_timestamp(e.to)},
             {"place", e.place},
             {"photo_refs", e.photo_refs}};
}

void from_json(const nlohmann::json& j, ServiceEvidence& e) {
    auto time_field = [&](const char* key) {
        const json& v = j.at(key);
        auto t = v.is_string() ? parse_timestamp(v.get<std::string>()) : std::nullopt;
        if (!t) {
            throw nlohmann::json::type_error::create(
                302, std::string("evidence field \"") + key + "\" must be a timestamp YYYY-MM-DDTHH:MM:SS", &v);
        }
        return *t;
    };
    ServiceEvidence out;
    j.at("caregiver").get_to(out.caregiver);
    out.from = time_field("from");
    out.to = time_field("to");
    j.at("place").get_to(out.place);
    if (j.contains("photo_refs")) j.at("photo_refs").get_to(out.photo_refs);
    e = std::move(out);
}

void to_json(nlohmann::json& j, const TransitionError& e) {
    j = json{{"code", e.code}, {"message", e.message_zh}, {"http_status", e.http_status}};
}

void to_json(nlohmann::json& j, const AuditEvent& e) {
    j = json{{"order_id", e.order_id},
             {"action", e.action},
             {"from", e.from},
             {"to", e.to},
             {"actor_role", e.actor_role},
             {"actor_user_id", e.actor_user_id},
             {"at", format_timestamp(e.at)},
             {"reason", e.reason},
             {"details", e.details}};
    put_opt(j, "actor_provider", e.actor_provider);
    put_opt(j, "actor_town", e.actor_town);
}

bool role_may_act(Role role, OrderAction a) { return role_may(role, a); }

bool is_open(OrderStatus s) {
    return s != OrderStatus::Closed && s != OrderStatus::Cancelled && s != OrderStatus::AnsweredOnSpot;
}

std::vector<OrderStatus> open_statuses() {
    std::vector<OrderStatus> out;
    for (auto s : all_OrderStatuss()) if (is_open(s)) out.push_back(s);
    return out;
}

}  // namespace yiyang
