// Tests for the work-order state machine (yiyang/order_lifecycle.hpp): the happy path of every order type,
// refusals with the Chinese message naming state and action, role and scope checks, decline back to the queue,
// escalation, callbacks that open a rectification, pauses, the UI's legal actions and the order's clocks.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "yiyang/order_lifecycle.hpp"

namespace test_order_lifecycle {

using namespace yiyang;
using nlohmann::json;
using yiyang::test::load_json;

namespace {

constexpr Id kTown = 3;
constexpr Id kProvider = 7;
constexpr Id kOtherProvider = 8;

LocalSeconds t(const char* text) {
    auto v = parse_timestamp(text);
    REQUIRE(v.has_value());
    return *v;
}

WorkOrder new_order(OrderType type) {
    WorkOrder o;
    o.id = 42;
    o.code = "GD202611230042";
    o.type = type;
    o.town_id = kTown;
    o.created_at = t("2026-11-23T09:00:00");   // Monday
    return o;
}

Viewer as(Role role, std::optional<Id> provider = std::nullopt, std::optional<Id> town = std::nullopt) {
    Viewer v;
    v.role = role;
    v.user_id = 100 + static_cast<Id>(role);
    v.provider_id = provider;
    v.town_id = town;
    return v;
}

TransitionRequest req(OrderAction a, std::string reason = {}) {
    TransitionRequest r;
    r.action = a;
    r.reason = std::move(reason);
    return r;
}

TransitionRequest dispatch_to(Id provider) {
    TransitionRequest r = req(OrderAction::DispatchProvider);
    r.provider_id = provider;
    return r;
}

TransitionRequest complete_with(LocalSeconds from, LocalSeconds to) {
    TransitionRequest r = req(OrderAction::Complete);
    r.evidence = ServiceEvidence{"李护理员", from, to, "石岐街道悦来南路12号", {"photo/42-1.jpg"}};
    return r;
}

TransitionRequest callback_with(int answer) {
    TransitionRequest r = req(OrderAction::Callback);
    r.satisfaction = answer;
    return r;
}

// Applies and requires success; appends the audit event to `history`.
WorkOrder step(const WorkOrder& o, const TransitionRequest& r, const Viewer& who, LocalSeconds now,
               std::vector<AuditEvent>& history) {
    const TransitionResult res = apply(o, r, who, now);
    INFO(code(r.action) << " from " << code(o.status) << ": " << (res.error ? res.error->message_zh : ""));
    REQUIRE(res.ok());
    REQUIRE(res.order.has_value());
    REQUIRE(res.event.has_value());
    CHECK(res.event->from == o.status);
    CHECK(res.event->to == res.order->status);
    CHECK(res.event->action == r.action);
    CHECK(res.event->at == now);
    CHECK(res.event->actor_role == who.role);
    history.push_back(*res.event);
    return *res.order;
}

TransitionError refused(const WorkOrder& o, const TransitionRequest& r, const Viewer& who, LocalSeconds now) {
    const TransitionResult res = apply(o, r, who, now);
    REQUIRE_FALSE(res.ok());
    CHECK_FALSE(res.order.has_value());
    return *res.error;
}

std::set<OrderAction> offered(const WorkOrder& o, const Viewer& who) {
    const auto v = legal_actions(o, who);
    return {v.begin(), v.end()};
}

// Booking/referral/emergency through to dispatched-to-provider, accepted, in service and completed.
WorkOrder to_completed(WorkOrder o, std::vector<AuditEvent>& h) {
    const Viewer agent = as(Role::Agent);
    const Viewer provider = as(Role::Provider, kProvider);
    o = step(o, dispatch_to(kProvider), agent, t("2026-11-23T09:00:20"), h);
    o = step(o, req(OrderAction::Accept), provider, t("2026-11-23T09:10:00"), h);
    o = step(o, req(OrderAction::Start), provider, t("2026-11-23T10:00:00"), h);
    o = step(o, complete_with(t("2026-11-23T10:00:00"), t("2026-11-23T11:00:00")), provider,
             t("2026-11-23T11:05:00"), h);
    return o;
}

}  // namespace

TEST_CASE("order actions: stable codes, Chinese labels, JSON", "[lifecycle]") {
    REQUIRE(all_OrderActions().size() == 20);
    std::set<std::string> codes;
    std::set<std::string> labels;
    for (OrderAction a : all_OrderActions()) {
        codes.insert(code(a));
        labels.insert(label_zh(a));
        CHECK(parse_OrderAction(code(a)) == a);
        CHECK(json(a).get<OrderAction>() == a);
    }
    CHECK(codes.size() == 20);
    CHECK(labels.size() == 20);
    // Appended last: the codes before it keep their numbers.
    CHECK(static_cast<int>(OrderAction::Resume) == 18);
    CHECK(static_cast<int>(OrderAction::Acknowledge) == 19);
    CHECK(std::string(code(OrderAction::Acknowledge)) == "acknowledge");
    CHECK(std::string(label_zh(OrderAction::Acknowledge)) == "确认接警");
    CHECK(std::string(code(OrderAction::JudgeComplaintValid)) == "judge_complaint_valid");
    CHECK(std::string(label_zh(OrderAction::Accept)) == "接单");
    CHECK_FALSE(parse_OrderAction("approve").has_value());
    CHECK_THROWS_AS(json("approve").get<OrderAction>(), json::exception);
    CHECK(std::string(code(OrderStatus::Escalated)) == "escalated");
    CHECK(std::string(label_zh(OrderStatus::Rectifying)) == "整改中");
    CHECK(parse_OrderStatus("rectifying") == OrderStatus::Rectifying);
}

TEST_CASE("order types: which need a provider, which are answered on the spot, complaints", "[lifecycle]") {
    CHECK(path_of(OrderType::Booking) == OrderPath::NeedsProvider);
    CHECK(path_of(OrderType::Referral) == OrderPath::NeedsProvider);
    CHECK(path_of(OrderType::Emergency) == OrderPath::NeedsProvider);
    CHECK(path_of(OrderType::Consultation) == OrderPath::OnTheSpot);
    CHECK(path_of(OrderType::Suggestion) == OrderPath::OnTheSpot);
    CHECK(path_of(OrderType::Callback) == OrderPath::OnTheSpot);
    CHECK(path_of(OrderType::Complaint) == OrderPath::Complaint);
    // Who must be a registered elder: anyone may ask, suggest or call for help; services need the elder.
    CHECK_FALSE(elder_required(OrderType::Consultation));
    CHECK_FALSE(elder_required(OrderType::Suggestion));
    CHECK_FALSE(elder_required(OrderType::Emergency));
    CHECK(elder_required(OrderType::Booking));
    CHECK(elder_required(OrderType::Referral));
    CHECK(elder_required(OrderType::Callback));
    CHECK(elder_required(OrderType::Complaint));
}

TEST_CASE("happy path: booking, referral and emergency dispatched to a provider", "[lifecycle]") {
    for (OrderType type : {OrderType::Booking, OrderType::Referral, OrderType::Emergency}) {
        INFO(code(type));
        std::vector<AuditEvent> h;
        WorkOrder o = to_completed(new_order(type), h);
        CHECK(o.status == OrderStatus::Completed);
        CHECK(o.provider_id == kProvider);
        CHECK(o.dispatched_at == t("2026-11-23T09:00:20"));
        CHECK(o.completed_at == t("2026-11-23T11:05:00"));
        CHECK(h[3].details["evidence"]["caregiver"] == "李护理员");
        CHECK(h[3].details["evidence"]["from"] == "2026-11-23T10:00:00");

        o = step(o, req(OrderAction::ReviewPass), as(Role::Supervisor), t("2026-11-23T14:00:00"), h);
        CHECK(o.status == OrderStatus::Reviewed);
        o = step(o, callback_with(2), as(Role::Agent), t("2026-11-24T10:00:00"), h);
        CHECK(o.status == OrderStatus::CalledBack);
        CHECK(o.satisfaction == 2);
        CHECK(h.back().details["satisfied"] == true);
        o = step(o, req(OrderAction::Close), as(Role::Agent), t("2026-11-24T10:05:00"), h);
        CHECK(o.status == OrderStatus::Closed);
        CHECK(o.closed_at == t("2026-11-24T10:05:00"));
        CHECK(h.size() == 7);
        CHECK(offered(o, as(Role::Admin)).empty());   // closed: nothing more
    }
}

TEST_CASE("happy path: dispatched to a town, handled by the town's staff", "[lifecycle]") {
    std::vector<AuditEvent> h;
    const Viewer town = as(Role::Town, std::nullopt, kTown);
    WorkOrder o = step(new_order(OrderType::Booking), req(OrderAction::DispatchTown), as(Role::Agent),
                       t("2026-11-23T09:01:00"), h);
    CHECK(o.status == OrderStatus::Dispatched);
    CHECK_FALSE(o.provider_id.has_value());
    CHECK(h.back().details["town_id"] == kTown);
    CHECK(offered(o, town) == std::set<OrderAction>{OrderAction::Accept, OrderAction::Decline});
    o = step(o, req(OrderAction::Accept), town, t("2026-11-23T09:30:00"), h);
    o = step(o, req(OrderAction::Start), town, t("2026-11-23T10:00:00"), h);
    o = step(o, complete_with(t("2026-11-23T10:00:00"), t("2026-11-23T10:40:00")), town, t("2026-11-23T10:45:00"), h);
    CHECK(o.status == OrderStatus::Completed);
    CHECK(h.back().actor_town == kTown);

    // Another town's staff, and any provider, may not touch it.
    const Viewer other_town = as(Role::Town, std::nullopt, kTown + 1);
    WorkOrder d = new_order(OrderType::Booking);
    d.status = OrderStatus::Dispatched;
    CHECK(refused(d, req(OrderAction::Accept), other_town, t("2026-11-23T09:30:00")).message_zh ==
          "该工单未派给本镇街，不能执行“接单”");
    CHECK(refused(d, req(OrderAction::Accept), as(Role::Provider, kProvider), 0).code == "forbidden");
    // The convenience overload has no town: a town actor is refused.
    CHECK(apply(d, req(OrderAction::Accept), Role::Town, std::nullopt, 0).error->code == "forbidden");
}

TEST_CASE("happy path: consultation, suggestion and callback orders answered on the spot", "[lifecycle]") {
    for (OrderType type : {OrderType::Consultation, OrderType::Suggestion, OrderType::Callback}) {
        INFO(code(type));
        std::vector<AuditEvent> h;
        WorkOrder o = new_order(type);
        CHECK(offered(o, as(Role::Agent)) ==
              std::set<OrderAction>{OrderAction::AnswerOnSpot, OrderAction::Cancel, OrderAction::Pause});
        o = step(o, req(OrderAction::AnswerOnSpot), as(Role::Agent), t("2026-11-23T09:03:00"), h);
        CHECK(o.status == OrderStatus::AnsweredOnSpot);
        o = step(o, req(OrderAction::Close), as(Role::Agent), t("2026-11-23T09:04:00"), h);
        CHECK(o.status == OrderStatus::Closed);
        CHECK(o.closed_at == t("2026-11-23T09:04:00"));
    }
    // Never dispatched: the message names the state, the action and why.
    const TransitionError e = refused(new_order(OrderType::Consultation), dispatch_to(kProvider), as(Role::Agent), 0);
    CHECK(e.code == "illegal_transition");
    CHECK(e.http_status == 409);
    CHECK(e.message_zh == "工单当前状态为“已受理”，不能执行“派单给服务商”（咨询工单即时解答，不派单）");
    CHECK(refused(new_order(OrderType::Booking), req(OrderAction::AnswerOnSpot), as(Role::Agent), 0).message_zh ==
          "工单当前状态为“已受理”，不能执行“即时解答”（预约工单须派单给服务商或镇街）");
}

TEST_CASE("happy path: complaints judged valid (rectification) or invalid", "[lifecycle]") {
    const Viewer sup = as(Role::Supervisor);
    std::vector<AuditEvent> h;
    WorkOrder o = new_order(OrderType::Complaint);
    CHECK(offered(o, sup).count(OrderAction::JudgeComplaintValid) == 1);
    CHECK(offered(o, as(Role::Agent)).count(OrderAction::JudgeComplaintValid) == 0);
    CHECK(refused(o, req(OrderAction::JudgeComplaintValid), sup, 0).code == "missing_reason");
    const TransitionResult valid = apply(o, req(OrderAction::JudgeComplaintValid, "服务人员未按约定时间上门"), sup,
                                         t("2026-11-23T11:00:00"));
    REQUIRE(valid.ok());
    CHECK(valid.opened_rectification);
    CHECK(valid.order->status == OrderStatus::Rectifying);
    CHECK(valid.order->complaint_valid == true);
    CHECK(valid.event->details["valid"] == true);
    CHECK(refused(*valid.order, req(OrderAction::Close), sup, 0).message_zh ==
          "工单当前状态为“整改中”，不能执行“办结”");
    o = step(*valid.order, req(OrderAction::CloseRectification, "已约谈服务商并重新上门"), sup,
             t("2026-11-23T17:00:00"), h);
    CHECK(o.status == OrderStatus::Closed);

    o = step(new_order(OrderType::Complaint), req(OrderAction::JudgeComplaintInvalid, "经核实服务已按时提供"), sup,
             t("2026-11-23T11:00:00"), h);
    CHECK(o.status == OrderStatus::Closed);
    CHECK(o.complaint_valid == false);
    CHECK(refused(new_order(OrderType::Booking), req(OrderAction::JudgeComplaintValid, "x"), sup, 0).message_zh ==
          "工单当前状态为“已受理”，不能执行“判定有效投诉”（只有投诉工单可判定）");
}

TEST_CASE("illegal transitions are refused with a message naming the state and the action", "[lifecycle]") {
    std::vector<AuditEvent> h;
    const WorkOrder done = to_completed(new_order(OrderType::Booking), h);
    const TransitionError e = refused(done, req(OrderAction::Accept), as(Role::Provider, kProvider), 0);
    CHECK(e.code == "illegal_transition");
    CHECK(e.http_status == 409);
    CHECK(e.message_zh == "工单当前状态为“已完成”，不能执行“接单”");
    CHECK(refused(done, callback_with(1), as(Role::Agent), 0).message_zh == "工单当前状态为“已完成”，不能执行“回访”");
    CHECK(refused(done, req(OrderAction::Cancel, "不需要了"), as(Role::Agent), 0).message_zh ==
          "工单当前状态为“已完成”，不能执行“取消”");
    CHECK(refused(new_order(OrderType::Booking), req(OrderAction::Start), as(Role::Agent), 0).code == "forbidden");
    CHECK(refused(new_order(OrderType::Booking), req(OrderAction::Close), as(Role::Agent), 0).message_zh ==
          "工单当前状态为“已受理”，不能执行“办结”");
    CHECK(refused(new_order(OrderType::Booking), req(OrderAction::Resume), as(Role::Agent), 0).message_zh ==
          "工单当前状态为“已受理”，不能执行“恢复计时”");
    json j = e;
    CHECK(j["code"] == "illegal_transition");
    CHECK(j["message"] == "工单当前状态为“已完成”，不能执行“接单”");
}

TEST_CASE("roles: who may do what, and providers only on their own orders", "[lifecycle]") {
    WorkOrder o = new_order(OrderType::Booking);
    o.status = OrderStatus::Dispatched;
    o.provider_id = kProvider;
    TransitionError e = refused(o, req(OrderAction::Accept), as(Role::Provider, kOtherProvider), 0);
    CHECK(e.code == "forbidden");
    CHECK(e.http_status == 403);
    CHECK(e.message_zh == "该工单未派给本服务商，不能执行“接单”");
    CHECK(apply(o, req(OrderAction::Accept), Role::Provider, kOtherProvider, 0).error->code == "forbidden");
    CHECK(apply(o, req(OrderAction::Accept), Role::Provider, kProvider, 0).ok());
    CHECK(refused(o, req(OrderAction::Accept), as(Role::Provider), 0).code == "forbidden");   // no provider bound
    CHECK(offered(o, as(Role::Provider, kOtherProvider)).empty());

    e = refused(o, req(OrderAction::Accept), as(Role::Agent), 0);
    CHECK(e.message_zh == "角色“话务坐席”无权执行“接单”");
    CHECK(refused(o, req(OrderAction::Accept), as(Role::Supervisor), 0).code == "forbidden");
    CHECK(refused(o, req(OrderAction::Cancel, "x"), as(Role::Provider, kProvider), 0).message_zh ==
          "角色“服务商”无权执行“取消”");
    CHECK(refused(o, req(OrderAction::Cancel, "x"), as(Role::Kiosk), 0).code == "forbidden");
    CHECK(offered(o, as(Role::Kiosk)).empty());

    o.status = OrderStatus::Completed;
    CHECK(refused(o, req(OrderAction::ReviewPass), as(Role::Agent), 0).message_zh == "角色“话务坐席”无权执行“审核通过”");
    CHECK(refused(o, req(OrderAction::ReviewPass), as(Role::Provider, kProvider), 0).code == "forbidden");
    CHECK(apply(o, req(OrderAction::ReviewPass), as(Role::Admin), 0).ok());
    CHECK(offered(o, as(Role::Supervisor)) ==
          std::set<OrderAction>{OrderAction::ReviewPass, OrderAction::ReviewReject, OrderAction::Pause});
    CHECK(offered(o, as(Role::Agent)) == std::set<OrderAction>{OrderAction::Pause});
    CHECK(offered(o, as(Role::Provider, kProvider)).empty());

    // Supervisors can do everything an agent can.
    for (OrderAction a : legal_actions(new_order(OrderType::Booking), as(Role::Agent))) {
        CHECK(offered(new_order(OrderType::Booking), as(Role::Supervisor)).count(a) == 1);
    }
}

TEST_CASE("decline returns the order to the queue; a reason is required; escalation", "[lifecycle]") {
    std::vector<AuditEvent> h;
    const Viewer agent = as(Role::Agent);
    const Viewer provider = as(Role::Provider, kProvider);
    WorkOrder o = step(new_order(OrderType::Booking), dispatch_to(kProvider), agent, t("2026-11-23T09:01:00"), h);
    CHECK(offered(o, provider) == std::set<OrderAction>{OrderAction::Accept, OrderAction::Decline});

    TransitionError e = refused(o, req(OrderAction::Decline), provider, 0);
    CHECK(e.code == "missing_reason");
    CHECK(e.http_status == 422);
    CHECK(e.message_zh == "执行“拒单”必须填写原因");
    CHECK(refused(o, req(OrderAction::Decline, "  \t"), provider, 0).code == "missing_reason");

    o = step(o, req(OrderAction::Decline, "本周人手不足"), provider, t("2026-11-23T09:20:00"), h);
    CHECK(o.status == OrderStatus::Received);
    CHECK_FALSE(o.provider_id.has_value());
    CHECK_FALSE(o.dispatched_at.has_value());
    CHECK(h.back().reason == "本周人手不足");
    CHECK(h.back().details["provider_id"] == kProvider);
    CHECK(offered(o, provider).empty());   // no longer its order

    // Dispatched again, to another provider, who also declines after accepting; then nobody: escalate.
    CHECK(refused(o, req(OrderAction::DispatchProvider), agent, 0).code == "missing_provider");
    o = step(o, dispatch_to(kOtherProvider), agent, t("2026-11-23T09:25:00"), h);
    o = step(o, req(OrderAction::Accept), as(Role::Provider, kOtherProvider), t("2026-11-23T09:40:00"), h);
    o = step(o, req(OrderAction::Decline, "车辆故障"), as(Role::Provider, kOtherProvider), t("2026-11-23T10:00:00"), h);
    CHECK(o.status == OrderStatus::Received);
    o = step(o, dispatch_to(kProvider), agent, t("2026-11-23T10:05:00"), h);
    o = step(o, req(OrderAction::Escalate), agent, t("2026-11-23T12:05:00"), h);
    CHECK(o.status == OrderStatus::Escalated);
    CHECK_FALSE(o.provider_id.has_value());
    CHECK(offered(o, as(Role::Supervisor)) ==
          std::set<OrderAction>{OrderAction::DispatchProvider, OrderAction::DispatchTown, OrderAction::Cancel,
                                OrderAction::Pause});
    o = step(o, req(OrderAction::DispatchTown), as(Role::Supervisor), t("2026-11-23T12:10:00"), h);
    CHECK(o.status == OrderStatus::Dispatched);
    CHECK(h.size() == 8);

    // Cancel needs a reason too.
    CHECK(refused(o, req(OrderAction::Cancel), agent, 0).message_zh == "执行“取消”必须填写原因");
    o = step(o, req(OrderAction::Cancel, "老人已入住养老院"), agent, t("2026-11-23T13:00:00"), h);
    CHECK(o.status == OrderStatus::Cancelled);
    CHECK(o.closed_at == t("2026-11-23T13:00:00"));
}

TEST_CASE("review reject returns the order to service; completion needs evidence", "[lifecycle]") {
    std::vector<AuditEvent> h;
    WorkOrder o = to_completed(new_order(OrderType::Booking), h);
    CHECK(refused(o, req(OrderAction::ReviewReject), as(Role::Supervisor), 0).code == "missing_reason");
    o = step(o, req(OrderAction::ReviewReject, "照片不清晰"), as(Role::Supervisor), t("2026-11-23T14:00:00"), h);
    CHECK(o.status == OrderStatus::InService);
    CHECK_FALSE(o.completed_at.has_value());

    const Viewer provider = as(Role::Provider, kProvider);
    const LocalSeconds now = t("2026-11-23T15:00:00");
    TransitionError e = refused(o, req(OrderAction::Complete), provider, now);
    CHECK(e.code == "missing_evidence");
    CHECK(e.message_zh == "完成服务必须填写服务凭证：服务人员、服务时间、服务地点");
    TransitionRequest r = complete_with(t("2026-11-23T14:00:00"), t("2026-11-23T14:30:00"));
    r.evidence->caregiver = "";
    r.evidence->place = " ";
    CHECK(refused(o, r, provider, now).message_zh == "完成服务的凭证缺少：服务人员、服务地点");
    r = complete_with(t("2026-11-23T14:30:00"), t("2026-11-23T14:00:00"));
    CHECK(refused(o, r, provider, now).code == "bad_evidence");
    r = complete_with(t("2026-11-23T14:30:00"), t("2026-11-23T16:00:00"));
    CHECK(refused(o, r, provider, now).message_zh == "服务结束时间不能晚于当前时间");
    r = complete_with(t("2026-11-23T14:00:00"), t("2026-11-23T14:30:00"));
    r.evidence->photo_refs.clear();   // photos are optional
    o = step(o, r, provider, now, h);
    CHECK(o.status == OrderStatus::Completed);
    const ServiceEvidence back = h.back().details["evidence"].get<ServiceEvidence>();
    CHECK(back.caregiver == "李护理员");
    CHECK(back.to == t("2026-11-23T14:30:00"));
}

TEST_CASE("callback: the five-step answer; unsatisfied opens a rectification that must be closed", "[lifecycle]") {
    CHECK(std::string(satisfaction_label_zh(1)) == "非常满意");
    CHECK(std::string(satisfaction_label_zh(3)) == "基本满意");
    CHECK(std::string(satisfaction_label_zh(5)) == "很不满意");
    CHECK(std::string(satisfaction_label_zh(6)).empty());
    CHECK(is_satisfied(3));
    CHECK_FALSE(is_satisfied(4));
    CHECK_FALSE(is_satisfied(0));

    std::vector<AuditEvent> h;
    WorkOrder o = to_completed(new_order(OrderType::Referral), h);
    o = step(o, req(OrderAction::ReviewPass), as(Role::Supervisor), t("2026-11-23T14:00:00"), h);
    const Viewer agent = as(Role::Agent);
    CHECK(refused(o, req(OrderAction::Callback), agent, 0).code == "bad_satisfaction");
    CHECK(refused(o, callback_with(0), agent, 0).code == "bad_satisfaction");
    CHECK(refused(o, callback_with(6), agent, 0).http_status == 422);

    const TransitionResult res = apply(o, callback_with(4), agent, t("2026-11-24T09:00:00"));
    REQUIRE(res.ok());
    CHECK(res.opened_rectification);
    CHECK(res.order->status == OrderStatus::Rectifying);
    CHECK(res.order->satisfaction == 4);
    CHECK(res.event->details["satisfied"] == false);
    CHECK(sla_events_of(*res.event) == std::vector<std::string>{"called_back", "rectification_opened"});
    o = *res.order;
    CHECK(refused(o, req(OrderAction::Close), agent, 0).message_zh == "工单当前状态为“整改中”，不能执行“办结”");
    CHECK(refused(o, req(OrderAction::CloseRectification, "x"), agent, 0).code == "forbidden");
    CHECK(refused(o, req(OrderAction::CloseRectification), as(Role::Supervisor), 0).code == "missing_reason");
    CHECK(offered(o, as(Role::Supervisor)) ==
          std::set<OrderAction>{OrderAction::CloseRectification, OrderAction::Pause});
    h.push_back(*res.event);
    o = step(o, req(OrderAction::CloseRectification, "更换服务人员并回访满意"), as(Role::Supervisor),
             t("2026-11-24T16:00:00"), h);
    CHECK(o.status == OrderStatus::Closed);

    // The elder says the service never happened: a rectification even with a "satisfied" answer, and the event
    // says so (the assessment's prefill counts it as 服务不真实).
    {
        std::vector<AuditEvent> hn;
        WorkOrder on = to_completed(new_order(OrderType::Referral), hn);
        on = step(on, req(OrderAction::ReviewPass), as(Role::Supervisor), t("2026-11-23T14:00:00"), hn);
        TransitionRequest nr = callback_with(2);
        nr.service_received = false;
        const TransitionResult rn = apply(on, nr, agent, t("2026-11-24T09:30:00"));
        REQUIRE(rn.ok());
        CHECK(rn.opened_rectification);
        CHECK(rn.order->status == OrderStatus::Rectifying);
        CHECK(rn.event->details["service_received"] == false);
        CHECK(sla_events_of(*rn.event) == std::vector<std::string>{"called_back", "rectification_opened"});
        TransitionRequest yes = callback_with(2);
        yes.service_received = true;
        const TransitionResult ry = apply(on, yes, agent, t("2026-11-24T09:30:00"));
        REQUIRE(ry.ok());
        CHECK(ry.order->status == OrderStatus::CalledBack);
        CHECK(ry.event->details["service_received"] == true);
        // Not said: the event carries no such member (older callbacks read the same).
        CHECK_FALSE(apply(on, callback_with(2), agent, t("2026-11-24T09:30:00")).event->details.contains("service_received"));
    }

    // A satisfied callback may still get a rectification from a supervisor's own finding.
    std::vector<AuditEvent> h2;
    WorkOrder s = to_completed(new_order(OrderType::Booking), h2);
    s = step(s, req(OrderAction::ReviewPass), as(Role::Supervisor), t("2026-11-23T14:00:00"), h2);
    s = step(s, callback_with(1), agent, t("2026-11-24T09:00:00"), h2);
    CHECK(s.status == OrderStatus::CalledBack);
    s = step(s, req(OrderAction::OpenRectification, "抽查发现服务时长不足"), as(Role::Supervisor),
             t("2026-11-24T10:00:00"), h2);
    CHECK(s.status == OrderStatus::Rectifying);
}

TEST_CASE("pause while waiting on the elder: only resume and cancel until resumed", "[lifecycle]") {
    std::vector<AuditEvent> h;
    const Viewer agent = as(Role::Agent);
    WorkOrder o = step(new_order(OrderType::Booking), dispatch_to(kProvider), agent, t("2026-11-23T09:01:00"), h);
    CHECK(refused(o, req(OrderAction::Pause), agent, 0).code == "missing_reason");
    CHECK(refused(o, req(OrderAction::Pause, "x"), as(Role::Provider, kProvider), 0).code == "forbidden");
    o = step(o, req(OrderAction::Pause, "老人住院，待出院后上门"), agent, t("2026-11-23T10:00:00"), h);
    CHECK(o.status == OrderStatus::Dispatched);
    CHECK(o.paused_since == t("2026-11-23T10:00:00"));
    CHECK(offered(o, agent) == std::set<OrderAction>{OrderAction::Cancel, OrderAction::Resume});
    CHECK(offered(o, as(Role::Provider, kProvider)).empty());
    TransitionError e = refused(o, req(OrderAction::Accept), as(Role::Provider, kProvider), 0);
    CHECK(e.code == "paused");
    CHECK(e.message_zh == "工单当前状态为“已派单”（暂停计时中），不能执行“接单”，请先恢复计时");
    CHECK(refused(o, req(OrderAction::Pause, "again"), agent, 0).code == "paused");
    o = step(o, req(OrderAction::Resume), agent, t("2026-11-24T10:00:00"), h);
    CHECK_FALSE(o.paused_since.has_value());
    CHECK(h.back().details["paused_from"] == "2026-11-23T10:00:00");
    CHECK(offered(o, as(Role::Provider, kProvider)) == std::set<OrderAction>{OrderAction::Accept, OrderAction::Decline});

    const std::vector<Pause> ps = pauses_from(h);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].from == t("2026-11-23T10:00:00"));
    CHECK(ps[0].to == t("2026-11-24T10:00:00"));

    // The order's JSON carries the pause.
    o.paused_since = t("2026-11-24T11:00:00");
    const json j = o;
    CHECK(j["paused_since"] == "2026-11-24T11:00:00");
    CHECK(j.get<WorkOrder>().paused_since == o.paused_since);
}

TEST_CASE("each order shows its clocks, rebuilt from the audit trail", "[lifecycle]") {
    const WorkCalendar cal = load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    const SlaRuleSet rules = load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();

    // Emergency: created 09:00:00, dispatched 09:00:20 -> 30 s met; completed Friday 17:00 -> review due Monday.
    std::vector<AuditEvent> h;
    WorkOrder o = new_order(OrderType::Emergency);
    o.created_at = t("2026-11-20T09:00:00");   // Friday
    const Viewer provider = as(Role::Provider, kProvider);
    o = step(o, dispatch_to(kProvider), as(Role::Agent), t("2026-11-20T09:00:20"), h);
    o = step(o, req(OrderAction::Accept), provider, t("2026-11-20T09:01:00"), h);
    o = step(o, req(OrderAction::Start), provider, t("2026-11-20T09:30:00"), h);
    o = step(o, complete_with(t("2026-11-20T09:30:00"), t("2026-11-20T16:30:00")), provider,
             t("2026-11-20T17:00:00"), h);
    std::vector<SlaClock> clocks = order_clocks(o, h, rules, cal, t("2026-11-21T12:00:00"));
    REQUIRE(clocks.size() == 2);
    CHECK(clocks[0].rule_code == "emergency_30s");
    CHECK(clocks[0].state == SlaState::Met);
    CHECK(clocks[0].consumed_seconds == 20);
    CHECK(clocks[1].rule_code == "review_24h");
    CHECK(clocks[1].name_zh == "服务商上传工单24小时内审核");
    CHECK(clocks[1].state == SlaState::Running);
    CHECK(format_timestamp(clocks[1].due_at) == "2026-11-23T17:00:00");

    // Reviewed Monday 18:00 (late), callback paused while the elder is away, then called back.
    o = step(o, req(OrderAction::ReviewPass), as(Role::Supervisor), t("2026-11-23T18:00:00"), h);
    o = step(o, req(OrderAction::Pause, "老人外出，约定周三回访"), as(Role::Agent), t("2026-11-24T09:00:00"), h);
    clocks = order_clocks(o, h, rules, cal, t("2026-11-24T12:00:00"));
    REQUIRE(clocks.size() == 3);
    CHECK(clocks[1].state == SlaState::Breached);
    CHECK(clocks[2].rule_code == "callback_24h");
    CHECK(clocks[2].state == SlaState::Paused);
    CHECK(clocks[2].consumed_seconds == 15 * 3600);
    o = step(o, req(OrderAction::Resume), as(Role::Agent), t("2026-11-25T09:00:00"), h);
    o = step(o, callback_with(1), as(Role::Agent), t("2026-11-25T10:00:00"), h);
    clocks = order_clocks(o, h, rules, cal, t("2026-11-26T12:00:00"));
    REQUIRE(clocks.size() == 3);
    CHECK(clocks[2].state == SlaState::Met);   // 15 h + 1 h counted; the day away did not count
    CHECK(clocks[2].consumed_seconds == 16 * 3600);
    CHECK(format_timestamp(clocks[2].due_at) == "2026-11-25T18:00:00");

    // A complaint's same-day clock; a cancelled order drops the clocks that never stopped.
    WorkOrder c = new_order(OrderType::Complaint);
    clocks = order_clocks(c, {}, rules, cal, t("2026-11-23T23:00:00"));
    REQUIRE(clocks.size() == 1);
    CHECK(clocks[0].rule_code == "complaint_same_day");
    CHECK(clocks[0].state == SlaState::DueSoon);
    std::vector<AuditEvent> hc;
    WorkOrder x = step(new_order(OrderType::Emergency), req(OrderAction::Cancel, "误拨"), as(Role::Agent),
                       t("2026-11-23T09:00:10"), hc);
    CHECK(order_clocks(x, hc, rules, cal, t("2026-11-23T10:00:00")).empty());
    const json je = hc.back();
    CHECK(je["action"] == "cancel");
    CHECK(je["from"] == "received");
    CHECK(je["to"] == "cancelled");
    CHECK(je["reason"] == "误拨");
}

TEST_CASE("supervisors' watch list: overdue and due soon, by town and provider", "[lifecycle]") {
    const WorkCalendar cal = load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    const SlaRuleSet rules = load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();
    const LocalSeconds now = t("2026-11-23T16:00:00");   // Monday

    auto completed_at = [&](Id id, Id town, Id provider, const char* when) {
        WorkOrder o = new_order(OrderType::Booking);
        o.id = id;
        o.code = "GD" + std::to_string(id);
        o.town_id = town;
        o.provider_id = provider;
        o.status = OrderStatus::Completed;
        AuditEvent e;
        e.order_id = id;
        e.action = OrderAction::Complete;
        e.from = OrderStatus::InService;
        e.to = OrderStatus::Completed;
        e.at = t(when);
        return OrderClocks{o, order_clocks(o, {e}, rules, cal, now)};
    };
    const std::vector<OrderClocks> orders{
        completed_at(1, 3, 7, "2026-11-20T15:00:00"),   // review due Mon 15:00: overdue
        completed_at(2, 3, 8, "2026-11-20T17:00:00"),   // due Mon 17:00: due soon
        completed_at(3, 4, 7, "2026-11-23T09:00:00"),   // due Tue 09:00: running, not listed
        completed_at(4, 4, 8, "2026-11-20T12:00:00"),   // due Mon 12:00: overdue
    };
    const std::vector<WatchItem> items = watch_list(orders);
    REQUIRE(items.size() == 3);
    CHECK(items[0].order_id == 4);
    CHECK(items[1].order_id == 1);
    CHECK(items[2].order_id == 2);
    CHECK(items[2].clock.state == SlaState::DueSoon);
    const auto towns = watch_by_town(items);
    CHECK(towns.at(3).overdue == 1);
    CHECK(towns.at(3).due_soon == 1);
    CHECK(towns.at(4).overdue == 1);
    const auto providers = watch_by_provider(items);
    CHECK(providers.at(7).overdue == 1);
    CHECK(providers.at(8).overdue == 1);
    CHECK(providers.at(8).due_soon == 1);
}

TEST_CASE("acknowledge an emergency: once, by seats, state unchanged", "[lifecycle]") {
    const Viewer agent = as(Role::Agent);
    WorkOrder sos = new_order(OrderType::Emergency);
    CHECK(offered(sos, agent).count(OrderAction::Acknowledge) == 1);
    CHECK(offered(sos, as(Role::Supervisor)).count(OrderAction::Acknowledge) == 1);
    CHECK(offered(sos, as(Role::Admin)).count(OrderAction::Acknowledge) == 1);
    CHECK(offered(sos, as(Role::Provider, kProvider)).count(OrderAction::Acknowledge) == 0);

    std::vector<AuditEvent> h;
    WorkOrder a = step(sos, req(OrderAction::Acknowledge), agent, t("2026-11-23T09:00:12"), h);
    CHECK(a.status == OrderStatus::Received);
    CHECK(a.acknowledged_at == t("2026-11-23T09:00:12"));
    CHECK(a.acknowledged_by == agent.user_id);
    CHECK(h.back().details["seconds_after_creation"] == 12);
    CHECK(sla_events_of(h.back()) == std::vector<std::string>{"acknowledged"});
    CHECK(offered(a, agent).count(OrderAction::Acknowledge) == 0);
    CHECK(offered(a, agent).count(OrderAction::DispatchProvider) == 1);   // still to be dispatched

    // A second seat is told who and when.
    const TransitionError again = refused(a, req(OrderAction::Acknowledge), as(Role::Supervisor), t("2026-11-23T09:00:20"));
    CHECK(again.code == "already_acknowledged");
    CHECK(again.http_status == 409);
    CHECK(again.message_zh.find("该紧急求助已由") == 0);
    CHECK(again.message_zh.find(std::to_string(agent.user_id)) != std::string::npos);
    CHECK(again.message_zh.find("2026-11-23T09:00:12") != std::string::npos);

    // Field staff may not; other order types cannot; closed SOS cannot.
    WorkOrder d = step(sos, dispatch_to(kProvider), agent, t("2026-11-23T09:00:20"), h);
    const TransitionError by_provider = refused(d, req(OrderAction::Acknowledge), as(Role::Provider, kProvider),
                                                t("2026-11-23T09:00:30"));
    CHECK(by_provider.code == "forbidden");
    CHECK(by_provider.http_status == 403);
    CHECK(refused(d, req(OrderAction::Acknowledge), as(Role::Town, std::nullopt, kTown), t("2026-11-23T09:00:30")).code ==
          "forbidden");
    CHECK(refused(d, req(OrderAction::Acknowledge), as(Role::Kiosk), t("2026-11-23T09:00:30")).code == "forbidden");
    // Dispatched but not yet acknowledged: still possible (the dispatch does not stand for the answer).
    WorkOrder da = step(d, req(OrderAction::Acknowledge), as(Role::Supervisor), t("2026-11-23T09:00:40"), h);
    CHECK(da.status == OrderStatus::Dispatched);
    CHECK(da.acknowledged_by == as(Role::Supervisor).user_id);

    const TransitionError booking = refused(new_order(OrderType::Booking), req(OrderAction::Acknowledge), agent,
                                            t("2026-11-23T09:00:30"));
    CHECK(booking.code == "illegal_transition");
    CHECK(booking.message_zh.find("只有紧急求助工单需要确认接警") != std::string::npos);
    WorkOrder cancelled = step(sos, req(OrderAction::Cancel, "误拨"), agent, t("2026-11-23T09:00:05"), h);
    CHECK(refused(cancelled, req(OrderAction::Acknowledge), agent, t("2026-11-23T09:00:30")).code == "illegal_transition");

    // A pause does not hold up taking the SOS.
    WorkOrder paused = step(sos, req(OrderAction::Pause, "老人暂不接听"), agent, t("2026-11-23T09:00:05"), h);
    CHECK(offered(paused, agent).count(OrderAction::Acknowledge) == 1);
    WorkOrder pa = step(paused, req(OrderAction::Acknowledge), agent, t("2026-11-23T09:00:09"), h);
    CHECK(pa.paused_since.has_value());

    // The fields survive JSON.
    const WorkOrder back = json(a).get<WorkOrder>();
    CHECK(back.acknowledged_at == a.acknowledged_at);
    CHECK(back.acknowledged_by == a.acknowledged_by);
    CHECK_FALSE(json(sos).contains("acknowledged_at"));   // absent until acknowledged
    CHECK_FALSE(json(sos).get<WorkOrder>().acknowledged_at.has_value());
}

TEST_CASE("history from a loaded record: only the steps its timestamps prove", "[lifecycle]") {
    const WorkCalendar cal = load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    const SlaRuleSet rules = load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();

    // Completed Friday 15:00, never reviewed: the review clock runs from the record's completed_at.
    WorkOrder o = new_order(OrderType::Booking);
    o.created_at = t("2026-11-19T09:00:00");
    o.provider_id = kProvider;
    o.status = OrderStatus::Completed;
    o.dispatched_at = t("2026-11-19T09:05:00");
    o.completed_at = t("2026-11-20T15:00:00");
    auto h = history_from_record(o);
    REQUIRE(h.size() == 2);
    CHECK(h[0].action == OrderAction::DispatchProvider);
    CHECK(h[0].at == *o.dispatched_at);
    CHECK(h[0].details["provider_id"] == kProvider);
    CHECK(h[0].details["derived"] == true);
    CHECK(h[1].action == OrderAction::Complete);
    CHECK(h[1].at == *o.completed_at);
    const auto untimed = sla_events_without_time(o);
    CHECK(std::set<std::string>(untimed.begin(), untimed.end()) == std::set<std::string>{"accepted", "started"});
    auto clocks = record_clocks(o, rules, cal, t("2026-11-23T16:00:00"));
    REQUIRE(clocks.size() == 1);
    CHECK(clocks[0].rule_code == "review_24h");
    CHECK(clocks[0].state == SlaState::Breached);   // due Monday 15:00
    CHECK(format_timestamp(clocks[0].due_at) == "2026-11-23T15:00:00");

    // Reviewed at an unknown time: no review clock (it would be running forever), no callback clock (its start
    // is unknown).
    o.status = OrderStatus::Reviewed;
    CHECK(history_from_record(o).size() == 2);
    CHECK(record_clocks(o, rules, cal, t("2026-11-23T16:00:00")).empty());
    // order_clocks alone would have kept it running: that is what record_clocks is for.
    CHECK(order_clocks(o, history_from_record(o), rules, cal, t("2026-11-23T16:00:00")).size() == 1);

    // Closed: the close is timed by closed_at.
    o.status = OrderStatus::Closed;
    o.satisfaction = 2;
    o.closed_at = t("2026-11-24T10:00:00");
    h = history_from_record(o);
    REQUIRE(h.size() == 3);
    CHECK(h[2].action == OrderAction::Close);
    CHECK(h[2].from == OrderStatus::CalledBack);
    o.satisfaction = 5;   // unsatisfied: it went through a rectification that closed it
    CHECK(history_from_record(o)[2].action == OrderAction::CloseRectification);

    // An emergency acknowledged and dispatched: both times known, the 30 s clock met from the record.
    WorkOrder sos = new_order(OrderType::Emergency);
    sos.status = OrderStatus::Dispatched;
    sos.acknowledged_at = t("2026-11-23T09:00:08");
    sos.acknowledged_by = 5;
    sos.dispatched_at = t("2026-11-23T09:00:25");
    h = history_from_record(sos);
    REQUIRE(h.size() == 2);
    CHECK(h[0].action == OrderAction::Acknowledge);
    CHECK(h[1].action == OrderAction::DispatchTown);
    clocks = record_clocks(sos, rules, cal, t("2026-11-23T10:00:00"));
    REQUIRE(clocks.size() == 1);
    CHECK(clocks[0].rule_code == "emergency_30s");
    CHECK(clocks[0].state == SlaState::Met);
    CHECK(clocks[0].consumed_seconds == 25);
    // Accepted with no dispatched_at on the record: the dispatch happened at an unknown time, no 30 s clock.
    sos.status = OrderStatus::Accepted;
    sos.dispatched_at.reset();
    CHECK(record_clocks(sos, rules, cal, t("2026-11-23T10:00:00")).empty());

    // Complaints: judged invalid is timed by closed_at; a valid one's judgement time is unknown.
    WorkOrder c = new_order(OrderType::Complaint);
    c.status = OrderStatus::Closed;
    c.complaint_valid = false;
    c.closed_at = t("2026-11-23T11:00:00");
    h = history_from_record(c);
    REQUIRE(h.size() == 1);
    CHECK(h[0].action == OrderAction::JudgeComplaintInvalid);
    clocks = record_clocks(c, rules, cal, t("2026-11-24T10:00:00"));
    REQUIRE(clocks.size() == 1);
    CHECK(clocks[0].state == SlaState::Met);
    c.status = OrderStatus::Rectifying;
    c.complaint_valid = true;
    c.closed_at.reset();
    CHECK(history_from_record(c).empty());
    CHECK(record_clocks(c, rules, cal, t("2026-11-24T10:00:00")).empty());

    // Received: nothing happened yet, the clocks that start on creation run.
    WorkOrder fresh = new_order(OrderType::Emergency);
    CHECK(history_from_record(fresh).empty());
    clocks = record_clocks(fresh, rules, cal, t("2026-11-23T09:01:00"));
    REQUIRE(clocks.size() == 1);
    CHECK(clocks[0].state == SlaState::Breached);

    // A cancelled order: the cancel at closed_at, the clocks that never stopped dropped.
    fresh.status = OrderStatus::Cancelled;
    fresh.closed_at = t("2026-11-23T09:00:10");
    h = history_from_record(fresh);
    REQUIRE(h.size() == 1);
    CHECK(h[0].action == OrderAction::Cancel);
    CHECK(record_clocks(fresh, rules, cal, t("2026-11-23T10:00:00")).empty());
}

TEST_CASE("needs_reason names exactly the actions that are refused without a reason", "[lifecycle]") {
    CHECK(needs_reason(OrderAction::Cancel));
    CHECK(needs_reason(OrderAction::Decline));
    CHECK(needs_reason(OrderAction::Pause));
    CHECK(needs_reason(OrderAction::ReviewReject));
    CHECK_FALSE(needs_reason(OrderAction::Accept));
    CHECK_FALSE(needs_reason(OrderAction::DispatchProvider));
    CHECK_FALSE(needs_reason(OrderAction::Acknowledge));
}

TEST_CASE("an open order is every status but closed, cancelled and answered on the spot", "[lifecycle]") {
    using yiyang::OrderStatus;
    CHECK_FALSE(yiyang::is_open(OrderStatus::Closed));
    CHECK_FALSE(yiyang::is_open(OrderStatus::Cancelled));
    CHECK_FALSE(yiyang::is_open(OrderStatus::AnsweredOnSpot));
    for (auto s : {OrderStatus::Received, OrderStatus::Dispatched, OrderStatus::Accepted, OrderStatus::InService,
                   OrderStatus::Completed, OrderStatus::Reviewed, OrderStatus::CalledBack, OrderStatus::Rectifying,
                   OrderStatus::Escalated}) {
        CHECK(yiyang::is_open(s));
    }
    // open_statuses() is exactly the open ones, in the enum's order.
    std::vector<OrderStatus> expected;
    for (auto s : yiyang::all_OrderStatuss()) if (yiyang::is_open(s)) expected.push_back(s);
    CHECK(yiyang::open_statuses() == expected);
    CHECK(expected.size() + 3 == yiyang::all_OrderStatuss().size());
}

}  // namespace test_order_lifecycle
