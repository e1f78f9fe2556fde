// Tests of the work-order wire format (shared wire/orders.hpp): every struct survives to_json → from_json, and
// literal replies as the running server wrote them parse, so a renamed member fails here before the dashboard.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <string>

#include "yiyang/wire/orders.hpp"

namespace test_wire_orders {

using namespace yiyang;
using yiyang::test::round_trip;
using nlohmann::json;

namespace {

WorkOrder sample_order() {
    WorkOrder o;
    o.id = 42;
    o.code = "GD202611230007";
    o.channel = Channel::Hotline;
    o.type = OrderType::Booking;
    o.categories = {ServiceCategory::Meals, ServiceCategory::Cleaning};
    o.elder_id = 7;
    o.town_id = 3;
    o.provider_id = 5;
    o.status = OrderStatus::Dispatched;
    o.urgency = Urgency::Normal;
    o.description = "老人腿脚不便，预约上门助餐";
    o.created_at = *parse_timestamp("2026-11-23T09:30:00");
    o.dispatched_at = *parse_timestamp("2026-11-23T09:41:10");
    return o;
}

SlaClock sample_clock(bool stopped) {
    SlaClock c;
    c.rule_code = "accept_2h";
    c.name_zh = "派单后2小时内接单";
    c.started_at = *parse_timestamp("2026-11-23T09:41:10");
    if (stopped) c.stopped_at = *parse_timestamp("2026-11-23T10:02:00");
    c.due_at = *parse_timestamp("2026-11-23T11:41:10");
    c.consumed_seconds = 1250;
    c.remaining_seconds = 5950;
    c.seconds_to_due = 5950;
    c.state = stopped ? SlaState::Met : SlaState::DueSoon;
    return c;
}

}  // namespace

TEST_CASE("order requests round-trip", "[wire][orders]") {
    wire::OrderCreate c;
    c.type = OrderType::Emergency;
    c.channel = Channel::Hotline;
    c.town_id = 2;
    c.urgency = Urgency::Emergency;
    round_trip(c);
    c = {};
    c.type = OrderType::Booking;
    c.categories = {ServiceCategory::Bathing};
    c.elder_id = 9;
    c.description = "预约助浴";
    round_trip(c);
    CHECK_FALSE(json(c).contains("town_id"));   // absent, not null

    wire::Transition t;
    t.action = OrderAction::Accept;
    t.version = 3;
    round_trip(t);
    CHECK(json(t) == json{{"action", "accept"}, {"version", 3}});
    t.action = OrderAction::Complete;
    t.evidence = ServiceEvidence{"王阿姨", *parse_timestamp("2026-11-23T09:30:00"), *parse_timestamp("2026-11-23T10:30:00"),
                                 "石岐街道某小区", {"p1", "p2"}};
    round_trip(t);
    t = {};
    t.action = OrderAction::Callback;
    t.satisfaction = 4;
    t.reason = "回访：送餐偏晚";
    round_trip(t);
}

TEST_CASE("order replies round-trip", "[wire][orders]") {
    wire::OrderView v{sample_order(), 4, {sample_clock(true), sample_clock(false)}, false};
    round_trip(v);
    const json flat = v;
    CHECK(flat["code"] == "GD202611230007");   // the record's members and version side by side, one object
    CHECK(flat["version"] == 4);
    CHECK(flat["clocks"][0]["stopped_at"] == "2026-11-23T10:02:00");
    CHECK(flat["clocks"][1]["stopped_at"].is_null());

    wire::OrderReply r{v, {OrderAction::Accept, OrderAction::Decline, OrderAction::Cancel}};
    round_trip(r);

    wire::OrderPage page;
    page.items = {v, v};
    page.total = 57;
    page.page = 3;
    page.page_size = 2;
    round_trip(page);

    wire::OrderHistory h;
    h.events.push_back({11, *parse_timestamp("2026-11-23T09:30:00"), 4, "agent1", "work_order", 42, "create",
                        {{"code", {nullptr, "GD202611230007"}}}, ""});
    h.events.push_back({12, *parse_timestamp("2026-11-23T09:41:10"), std::nullopt, "system", "work_order", 42,
                        "dispatch_provider", {{"from", "received"}, {"to", "dispatched"}}, "自动派单"});
    round_trip(h);

    Candidate a;
    a.provider_id = 5;
    a.provider_name = "颐康居家服务中心";
    a.eligible = true;
    a.rank = 1;
    a.score = 612;
    a.parts = {200, 280, -30, 162};
    a.matched_categories = 2;
    a.nearest_point_id = 8;
    a.nearest_point_name = "悦来站";
    a.nearest_distance_m = 1200;
    a.open_load = 3;
    a.rating_permille = 862;
    a.reasons_zh = "覆盖石岐街道；类别匹配 2/2";
    Candidate b;
    b.provider_id = 6;
    b.provider_name = "某服务商";
    b.ineligible_reason_zh = "已清退";
    b.missing_categories = {ServiceCategory::Meals};
    wire::Candidates cs{42, "GD202611230007", "dispatch-2026-v1", 1, {a, b}};
    round_trip(cs);
}

TEST_CASE("a reply that does not match is an error, not an exception", "[wire][orders]") {
    std::string error;
    CHECK_FALSE(wire::read_reply<wire::OrderReply>(json{{"order", {{"id", 1}}}}, &error));
    CHECK_FALSE(error.empty());
    json bad_action = json(wire::OrderReply{{sample_order(), 1, {}, false}, {}});
    bad_action["legal_actions"] = {"fly"};
    CHECK_FALSE(wire::read_reply<wire::OrderReply>(bad_action, &error));
    json bad_clock = json(wire::OrderView{sample_order(), 1, {sample_clock(false)}, false});
    bad_clock["clocks"][0]["state"] = "late";
    CHECK_FALSE(wire::read_reply<wire::OrderView>(bad_clock, &error));
    bad_clock["clocks"][0]["state"] = "running";
    bad_clock["clocks"][0]["due_at"] = "tomorrow";
    CHECK_FALSE(wire::read_reply<wire::OrderView>(bad_clock, &error));
}

// ---- replies as the server wrote them (captured from yiyang-server, seed 11, scale tiny, 2026-12-04) ----------

TEST_CASE("the server's order page, reply, history and candidates parse", "[wire][orders]") {
    const json page_literal = json::parse(R"({"items":[{"categories":[],"channel":"referral_12345","clocks":[{"consumed_seconds":29404,"due_at":"2026-12-04T23:59:59","name":"投诉当日研判（不过夜）","remaining_seconds":-6232,"rule":"complaint_same_day","seconds_to_due":-6232,"started_at":"2026-12-04T17:33:47","state":"breached","stopped_at":null}],"closed_at":null,"code":"GD202612040014","complaint_valid":null,"completed_at":null,"created_at":"2026-12-04T17:33:47","description":"投诉：送餐不及时，饭菜偏凉","dispatched_at":null,"elder_id":188,"id":399,"overdue":true,"paused_since":null,"provider_id":null,"satisfaction":null,"status":"received","town_id":2,"type":"complaint","urgency":"normal","version":1}],"page":1,"page_size":2,"total":400})");
    const auto page = wire::read_reply<wire::OrderPage>(page_literal);
    REQUIRE(page);
    CHECK(json(*page) == page_literal);   // written back member for member
    CHECK(page->total == 400);
    CHECK(page->page_size == 2);
    REQUIRE(page->items.size() == 1);
    const auto& v = page->items[0];
    CHECK(v.order.code == "GD202612040014");
    CHECK(v.order.type == OrderType::Complaint);
    CHECK(v.version == 1);
    CHECK(v.overdue);
    REQUIRE(v.clocks.size() == 1);
    CHECK(v.clocks[0].rule_code == "complaint_same_day");
    CHECK(v.clocks[0].state == SlaState::Breached);
    CHECK_FALSE(v.clocks[0].stopped_at);
    CHECK(v.clocks[0].remaining_seconds == -6232);
    CHECK(format_timestamp(v.clocks[0].due_at) == "2026-12-04T23:59:59");

    const json reply_literal = json::parse(R"({"legal_actions":["cancel","escalate","pause"],"order":{"categories":["cleaning"],"channel":"hotline","clocks":[],"closed_at":null,"code":"GD202612050001","complaint_valid":null,"completed_at":null,"created_at":"2026-12-05T01:44:01","description":"预约上门保洁","dispatched_at":"2026-12-05T01:44:07","elder_id":6,"id":401,"overdue":false,"paused_since":null,"provider_id":1,"satisfaction":null,"status":"dispatched","town_id":1,"type":"booking","urgency":"normal","version":2}})");
    const auto reply = wire::read_reply<wire::OrderReply>(reply_literal);
    REQUIRE(reply);
    CHECK(json(*reply) == reply_literal);   // written back member for member
    CHECK(reply->order.order.status == OrderStatus::Dispatched);
    CHECK(reply->order.order.provider_id == 1);
    CHECK(reply->order.version == 2);
    CHECK(reply->legal_actions == std::vector<OrderAction>{OrderAction::Cancel, OrderAction::Escalate, OrderAction::Pause});

    const json history_literal = json::parse(R"({"events":[{"action":"create","actor":"cap_agent","actor_id":2,"at":"2026-12-05T01:44:01","changes":{"categories":[null,["cleaning"]],"channel":[null,"hotline"],"code":[null,"GD202612050001"],"created_at":[null,"2026-12-05T01:44:01"],"description":[null,"预约上门保洁"],"elder_id":[null,6],"id":[null,401],"status":[null,"received"],"town_id":[null,1],"type":[null,"booking"],"urgency":[null,"normal"]},"entity":"work_order","entity_id":401,"id":56,"reason":""},{"action":"dispatch_provider","actor":"cap_agent","actor_id":2,"at":"2026-12-05T01:44:07","changes":{"actor_provider":null,"actor_role":"agent","actor_town":null,"details":{"provider_id":1},"from":"received","to":"dispatched"},"entity":"work_order","entity_id":401,"id":57,"reason":""}]})");
    const auto history = wire::read_reply<wire::OrderHistory>(history_literal);
    REQUIRE(history);
    CHECK(json(*history) == history_literal);   // written back member for member
    REQUIRE(history->events.size() == 2);
    CHECK(history->events[0].action == "create");
    CHECK(history->events[1].action == "dispatch_provider");
    CHECK(history->events[1].actor_id == 2);
    CHECK(history->events[1].entity_id == 401);
    CHECK(history->events[1].changes["to"] == "dispatched");
    CHECK(format_timestamp(history->events[1].at) == "2026-12-05T01:44:07");

    const json cands_literal = json::parse(R"({"candidates":[{"eligible":true,"ineligible_reason":"","matched_categories":1,"missing_categories":[],"nearest_distance_m":3779,"nearest_point_id":3,"nearest_point_name":"康乐龙瑞村长者饭堂","open_load":1,"parts":{"category":100,"distance":186,"load":-20,"rating":179},"provider_id":1,"provider_name":"中山市康乐家政服务有限公司","rank":1,"rating_permille":898,"reasons":"覆盖石岐街道；类别匹配 1/1；最近网点 3.8 公里（康乐龙瑞村长者饭堂）；在办 1 单；评分 89.8","score":445},{"eligible":false,"ineligible_reason":"不提供助洁服务","matched_categories":0,"missing_categories":["cleaning"],"nearest_distance_m":366,"nearest_point_id":4,"nearest_point_name":"善德仁厚社区服务站","open_load":1,"parts":{"category":0,"distance":0,"load":0,"rating":0},"provider_id":2,"provider_name":"石岐街道善德护理院","rank":0,"rating_permille":984,"reasons":"不提供助洁服务","score":0}],"eligible":1,"order_code":"GD202612050001","order_id":401,"weights_version":"dispatch-2026-v2"})");
    const auto cands = wire::read_reply<wire::Candidates>(cands_literal);
    REQUIRE(cands);
    CHECK(json(*cands) == cands_literal);   // written back member for member
    CHECK(cands->order_id == 401);
    CHECK(cands->weights_version == "dispatch-2026-v2");
    CHECK(cands->eligible == 1);
    REQUIRE(cands->candidates.size() == 2);
    CHECK(cands->candidates[0].parts.load == -20);
    CHECK(cands->candidates[0].nearest_distance_m == 3779);
    CHECK(cands->candidates[1].ineligible_reason_zh == "不提供助洁服务");
    CHECK(cands->candidates[1].missing_categories == std::vector<ServiceCategory>{ServiceCategory::Cleaning});
}

TEST_CASE("a complaint's link round-trips: request, relink, view and the complaints about an order", "[wire][orders][complaints]") {
    wire::OrderCreate c;
    c.type = OrderType::Complaint;
    c.elder_id = 9;
    c.description = "护理员迟到";
    c.about_order_code = "GD202611230007";
    c.about_provider_id = 5;
    round_trip(c);
    CHECK_FALSE(json(c).contains("about_order_id"));
    c.about_order_code.clear();
    c.about_order_id = 42;
    round_trip(c);

    wire::ComplaintLink l;
    l.about_order_id = 42;
    l.reason = "回拨核实";
    l.version = 3;
    round_trip(l);
    CHECK(json(l) == json{{"about_order_id", 42}, {"reason", "回拨核实"}, {"version", 3}});

    auto complaint = sample_order();
    complaint.type = OrderType::Complaint;
    complaint.about_order_id = 40;
    complaint.about_provider_id = 5;
    wire::OrderView v{complaint, 2, {}, false, "GD202611200001", "颐康居家服务中心"};
    round_trip(v);
    CHECK(json(v)["about_provider_name"] == "颐康居家服务中心");
    wire::OrderView plain{sample_order(), 1, {}, false};
    CHECK_FALSE(json(plain).contains("about_order_code"));   // absent when not linked

    wire::OrderReply r{plain, {}, {{51, "GD202611240002", OrderStatus::Received, *parse_timestamp("2026-11-24T08:00:00"),
                                    std::nullopt},
                                   {52, "GD202611250001", OrderStatus::Closed, *parse_timestamp("2026-11-25T08:00:00"), true}}};
    round_trip(r);
    CHECK(json(r)["complaints"][1]["complaint_valid"] == true);
    CHECK_FALSE(json(wire::OrderReply{plain, {}, {}}).contains("complaints"));
}

}  // namespace test_wire_orders
