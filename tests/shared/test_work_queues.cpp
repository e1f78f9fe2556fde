// Tests for the named work queues (yiyang/work_queues.hpp): which roles work which queue, that an order is in
// a queue exactly when the lifecycle lets the queue's action take it out, the queue order (emergencies first,
// then the oldest) and the complaint's next-step text.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support.hpp"
#include "yiyang/wire/queues.hpp"
#include "yiyang/work_queues.hpp"

namespace test_work_queues {

using namespace yiyang;

namespace {

WorkOrder order(OrderType type, OrderStatus status, Id id = 1, LocalSeconds created = 1000,
                Urgency urgency = Urgency::Normal) {
    WorkOrder o;
    o.id = id;
    o.code = "GD20261204000" + std::to_string(id);
    o.type = type;
    o.status = status;
    o.town_id = 3;
    o.created_at = created;
    o.urgency = urgency;
    return o;
}

}  // namespace

TEST_CASE("work queues: codes, labels and the roles that work them", "[work_queues]") {
    REQUIRE(all_WorkQueues().size() == 4);
    for (auto q : all_WorkQueues()) REQUIRE(parse_WorkQueue(code(q)) == q);
    CHECK(std::string(label_zh(WorkQueue::AwaitingDispatch)) == "待派单");
    CHECK(std::string(label_zh(WorkQueue::AwaitingReview)) == "待审核");
    CHECK(std::string(label_zh(WorkQueue::ComplaintsToJudge)) == "待研判");
    CHECK(std::string(label_zh(WorkQueue::AwaitingCallback)) == "待回访");
    CHECK_FALSE(parse_WorkQueue("overdue"));

    CHECK(queues_of(Role::Supervisor) == all_WorkQueues());
    CHECK(queues_of(Role::Admin) == all_WorkQueues());
    CHECK(queues_of(Role::Agent) == std::vector<WorkQueue>{WorkQueue::AwaitingDispatch, WorkQueue::AwaitingCallback});
    CHECK(queues_of(Role::Town).empty());
    CHECK(queues_of(Role::Provider).empty());
    CHECK(queues_of(Role::Kiosk).empty());
}

TEST_CASE("work queues: an order is in a queue exactly when the queue's action may take it out", "[work_queues]") {
    const Viewer supervisor{Role::Supervisor, 1, std::nullopt, std::nullopt};
    for (auto q : all_WorkQueues()) {
        for (auto type : all_OrderTypes()) {
            for (auto status : all_OrderStatuss()) {
                auto o = order(type, status);
                if (status == OrderStatus::Completed || status == OrderStatus::Reviewed) o.provider_id = 7;
                const auto legal = legal_actions(o, supervisor);
                const bool takes = std::find(legal.begin(), legal.end(), queue_action(q)) != legal.end();
                INFO(code(q) << " " << code(type) << " " << code(status));
                CHECK(in_queue(q, o) == takes);
                // The SQL lists say the same.
                const auto ss = queue_statuses(q);
                const auto ts = queue_types(q);
                const bool listed = std::find(ss.begin(), ss.end(), status) != ss.end() &&
                                    std::find(ts.begin(), ts.end(), type) != ts.end();
                CHECK(listed == in_queue(q, o));
                // Paused: waiting on the elder, in no queue.
                o.paused_since = 900;
                CHECK_FALSE(in_queue(q, o));
            }
        }
    }
    CHECK(in_queue(WorkQueue::AwaitingDispatch, order(OrderType::Emergency, OrderStatus::Escalated)));
    CHECK_FALSE(in_queue(WorkQueue::AwaitingDispatch, order(OrderType::Complaint, OrderStatus::Received)));
    CHECK(in_queue(WorkQueue::ComplaintsToJudge, order(OrderType::Complaint, OrderStatus::Received)));
}

TEST_CASE("work queues: emergencies first, then urgent, then the oldest", "[work_queues]") {
    std::vector<WorkOrder> v{
        order(OrderType::Booking, OrderStatus::Received, 1, 500),
        order(OrderType::Booking, OrderStatus::Received, 2, 300, Urgency::Urgent),
        order(OrderType::Emergency, OrderStatus::Received, 3, 900, Urgency::Emergency),
        order(OrderType::Booking, OrderStatus::Received, 4, 100),
        order(OrderType::Booking, OrderStatus::Received, 5, 100),
        order(OrderType::Emergency, OrderStatus::Received, 6, 800, Urgency::Emergency),
    };
    std::sort(v.begin(), v.end(), queue_before);
    std::vector<Id> ids;
    for (const auto& o : v) ids.push_back(o.id);
    CHECK(ids == std::vector<Id>{6, 3, 2, 4, 5, 1});
    CHECK(queue_rank(Urgency::Emergency) < queue_rank(Urgency::Urgent));
    CHECK(queue_rank(Urgency::Urgent) < queue_rank(Urgency::Normal));
}

TEST_CASE("work queues: a complaint says what happens next and who decides", "[work_queues]") {
    auto c = order(OrderType::Complaint, OrderStatus::Received);
    CHECK(next_step_zh(c).find("主管") != std::string::npos);
    CHECK(next_step_zh(c).find("待研判") == 0);
    c.status = OrderStatus::Rectifying;
    CHECK(next_step_zh(c).find("整改") != std::string::npos);
    c.status = OrderStatus::Closed;
    c.complaint_valid = false;
    CHECK(next_step_zh(c) == "已办结：判定为无效投诉");
    for (auto s : all_OrderStatuss()) {
        auto o = order(OrderType::Complaint, s);
        CHECK_FALSE(next_step_zh(o).empty());
    }
    CHECK(next_step_zh(order(OrderType::Booking, OrderStatus::Received)).empty());
}

TEST_CASE("work queues: the counts reply round-trips", "[work_queues][wire]") {
    wire::QueueCounts c{"town", "本镇街（城关镇）",
                        {{WorkQueue::AwaitingDispatch, "待派单", 3}, {WorkQueue::AwaitingCallback, "待回访", 0}}};
    CHECK(yiyang::test::round_trip(c) == c);
    CHECK(nlohmann::json(c)["queues"][0]["queue"] == "awaiting_dispatch");
}

}  // namespace test_work_queues
