// Work orders through the API: the full lifecycle with history, illegal and out-of-scope transitions,
// decline back to the queue, list filters / paging / sort, dispatch candidates, and SLA clocks going overdue.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_orders {

using namespace yiyang::test;

namespace {

using Setup = ProviderOneSetup;   // provider 1, a town it covers, a category, an active elder (harness)

std::string orders_path(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/orders/" + std::to_string(id) + tail;
}

json evidence_ending(yiyang::LocalSeconds now) {
    return {{"caregiver", "张护工"}, {"from", yiyang::format_timestamp(now - 3600)},
            {"to", yiyang::format_timestamp(now - 60)}, {"place", "老人家中"}, {"photo_refs", {"photo-1.jpg"}}};
}

void check_last_event(ApiClient& c, std::int64_t id, std::size_t count, const std::string& action,
                      const std::string& to) {
    auto h = c.get(orders_path(id, "/history"));
    REQUIRE(h.status == 200);
    REQUIRE(h.body["events"].size() == count);
    const auto& last = h.body["events"].back();
    CHECK(last["action"] == action);
    if (!to.empty()) CHECK(last["changes"]["to"] == to);
}

bool has(const json& list, const std::string& v) {
    return std::find(list.begin(), list.end(), json(v)) != list.end();
}

}  // namespace

TEST_CASE("a booking goes through the whole lifecycle with history", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    auto supervisor = env.signed_in("supervisor");
    const auto s = provider_one_setup(agent);

    auto created = agent.post("/api/v1/orders", booking_body(s));
    REQUIRE(created.status == 201);
    const auto& o = created.body["order"];
    const auto id = o["id"].get<std::int64_t>();
    CHECK(o["status"] == "received");
    CHECK(o["town_id"] == s.town);
    CHECK(o["code"].get<std::string>().rfind("GD", 0) == 0);
    CHECK(o["code"].get<std::string>().size() == 14);
    CHECK(o["version"] == 1);
    CHECK(has(created.body["legal_actions"], "dispatch_provider"));
    check_last_event(agent, id, 1, "create", "");

    auto r = transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", 1}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "dispatched");
    CHECK(r.body["order"]["provider_id"] == 1);
    CHECK(r.body["order"]["version"] == 2);
    check_last_event(agent, id, 2, "dispatch_provider", "dispatched");

    auto seen = provider.get(orders_path(id));
    REQUIRE(seen.status == 200);
    CHECK(has(seen.body["legal_actions"], "accept"));
    CHECK(has(seen.body["legal_actions"], "decline"));

    r = transition(provider, id, {{"action", "accept"}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "accepted");
    check_last_event(agent, id, 3, "accept", "accepted");

    r = transition(provider, id, {{"action", "start"}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "in_service");
    check_last_event(agent, id, 4, "start", "in_service");

    r = transition(provider, id, {{"action", "complete"}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "missing_evidence");
    CHECK(r.body["error"]["fields"][0]["field"] == "evidence");

    r = transition(provider, id, {{"action", "complete"}, {"evidence", evidence_ending(server_clock(provider))}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "completed");
    CHECK(!r.body["order"]["completed_at"].is_null());
    check_last_event(agent, id, 5, "complete", "completed");
    auto h = agent.get(orders_path(id, "/history"));
    CHECK(h.body["events"].back()["changes"]["details"]["evidence"]["caregiver"] == "张护工");

    r = transition(supervisor, id, {{"action", "review_pass"}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "reviewed");
    check_last_event(agent, id, 6, "review_pass", "reviewed");

    r = transition(agent, id, {{"action", "callback"}, {"satisfaction", 1}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "called_back");
    CHECK(r.body["order"]["satisfaction"] == 1);
    check_last_event(agent, id, 7, "callback", "called_back");

    r = transition(agent, id, {{"action", "close"}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "closed");
    CHECK(!r.body["order"]["closed_at"].is_null());
    CHECK(r.body["legal_actions"].empty());
    check_last_event(agent, id, 8, "close", "closed");

    // The review clock stopped in time.
    bool review_met = false;
    for (const auto& c : r.body["order"]["clocks"]) {
        if (c["rule"] == "review_24h") review_met = c["state"] == "met";
    }
    CHECK(review_met);
}

TEST_CASE("a callback where the elder says the service never happened opens a rectification", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    auto supervisor = env.signed_in("supervisor");
    const auto s = provider_one_setup(agent);
    const auto id = dispatched_booking(agent, s);
    REQUIRE(transition(provider, id, {{"action", "accept"}}).status == 200);
    REQUIRE(transition(provider, id, {{"action", "start"}}).status == 200);
    REQUIRE(transition(provider, id, {{"action", "complete"}, {"evidence", evidence_ending(server_clock(provider))}}).status == 200);
    REQUIRE(transition(supervisor, id, {{"action", "review_pass"}}).status == 200);

    auto r = transition(agent, id, {{"action", "callback"}, {"satisfaction", 2}, {"service_received", "没有"}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["fields"][0]["field"] == "service_received");
    r = transition(agent, id, {{"action", "callback"}, {"satisfaction", 2}, {"service_received", false}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "rectifying");   // even with a satisfied answer
    check_last_event(agent, id, 7, "callback", "rectifying");
    const auto h = agent.get(orders_path(id, "/history"));
    CHECK(h.body["events"].back()["changes"]["details"]["service_received"] == false);
    CHECK(h.body["events"].back()["changes"]["details"]["opened_rectification"] == true);
}

TEST_CASE("illegal, forbidden and incomplete transitions are refused", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = provider_one_setup(agent);
    auto created = agent.post("/api/v1/orders", booking_body(s));
    REQUIRE(created.status == 201);
    const auto id = created.body["order"]["id"].get<std::int64_t>();

    SECTION("an action not legal in the state names the state and the action") {
        auto r = transition(agent, id, {{"action", "close"}});
        CHECK(r.status == 409);
        CHECK(r.body["error"]["code"] == "illegal_transition");
        const auto msg = r.body["error"]["message"].get<std::string>();
        CHECK(msg.find("已受理") != std::string::npos);
        CHECK(msg.find("办结") != std::string::npos);
        CHECK(agent.get(orders_path(id)).body["order"]["status"] == "received");
    }
    SECTION("a role that may never do the action gets 403") {
        auto r = transition(agent, id, {{"action", "review_pass"}});
        CHECK(r.status == 403);
        CHECK(r.body["error"]["code"] == "forbidden");
    }
    SECTION("bad bodies get 422 or 400, never 500") {
        CHECK(transition(agent, id, {{"action", "fly"}}).status == 422);
        CHECK(transition(agent, id, json::object()).status == 422);
        CHECK(transition(agent, id, {{"action", "dispatch_provider"}}).status == 422);
        CHECK(transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", "x"}}).status == 422);
        CHECK(transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", 999999}}).status == 422);
        CHECK(transition(agent, id, {{"action", "cancel"}}).status == 422);
        CHECK(transition(agent, id, {{"action", "complete"}, {"evidence", {{"from", 3}}}}).status == 422);
        auto raw = agent.send("POST", orders_path(id, "/transitions"), "{not json", {{"X-Yiyang-Request", "1"}});
        CHECK(raw.status == 400);
        CHECK(agent.post("/api/v1/orders/999999999/transitions", {{"action", "close"}}).status == 404);
        CHECK(transition(agent, id, {{"action", "cancel"}, {"reason", "重复"}, {"version", 99}}).status == 409);
    }
    SECTION("a provider cannot read or move another provider's order") {
        // Dispatch to another eligible provider (not 1) when there is one.
        auto cand = agent.get("/api/v1/dispatch/candidates?order=" + std::to_string(id));
        REQUIRE(cand.status == 200);
        std::int64_t other = 0;
        for (const auto& c : cand.body["candidates"]) {
            if (c["eligible"] == true && c["provider_id"] != 1) { other = c["provider_id"].get<std::int64_t>(); break; }
        }
        if (other != 0) {
            REQUIRE(transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", other}}).status == 200);
        }
        auto g = provider.get(orders_path(id));
        CHECK((g.status == 403 || g.status == 404));
        CHECK((provider.get(orders_path(id, "/history")).status == 403));
        auto t = transition(provider, id, {{"action", "accept"}});
        CHECK((t.status == 403 || t.status == 404));
        auto list = provider.get("/api/v1/orders?page_size=200");
        REQUIRE(list.status == 200);
        for (const auto& o : list.body["items"]) CHECK(o["provider_id"] == 1);
        CHECK(provider.get("/api/v1/orders?provider=2").status == 403);
    }
    SECTION("the kiosk sees no orders and nobody unsigned does") {
        CHECK(env.signed_in("kiosk").get("/api/v1/orders").status == 403);
        CHECK(env.client().get("/api/v1/orders").status == 401);
    }
}

TEST_CASE("a decline with a reason returns the order to the queue", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = provider_one_setup(agent);
    const auto id = dispatched_booking(agent, s);

    auto r = transition(provider, id, {{"action", "decline"}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "missing_reason");
    CHECK(r.body["error"]["fields"][0]["field"] == "reason");

    r = transition(provider, id, {{"action", "decline"}, {"reason", "人手不足"}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["status"] == "received");
    CHECK(r.body["order"]["provider_id"].is_null());
    auto again = agent.get(orders_path(id));
    REQUIRE(again.status == 200);
    CHECK(again.body["order"]["status"] == "received");
    CHECK(has(again.body["legal_actions"], "dispatch_provider"));
    auto h = agent.get(orders_path(id, "/history"));
    REQUIRE(h.status == 200);
    CHECK(h.body["events"].back()["action"] == "decline");
    CHECK(h.body["events"].back()["reason"] == "人手不足");
    // No longer the provider's order.
    CHECK(provider.get(orders_path(id)).status == 403);
}

TEST_CASE("order creation validates with Chinese field messages", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    const auto s = provider_one_setup(agent);
    auto r = agent.post("/api/v1/orders", {{"type", "booking"}, {"channel", "telepathy"}, {"bogus", 1}});
    REQUIRE(r.status == 422);
    std::set<std::string> fields;
    for (const auto& f : r.body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
    CHECK(fields.count("channel") == 1);
    CHECK(fields.count("bogus") == 1);
    CHECK(fields.count("categories") == 1);
    CHECK(fields.count("elder_id") == 1);
    CHECK(agent.post("/api/v1/orders", {{"type", "booking"}, {"channel", "hotline"}, {"categories", {s.category}},
                                        {"elder_id", 999999999}}).status == 422);
    // A consultation needs no elder, only a town.
    auto c = agent.post("/api/v1/orders", {{"type", "consultation"}, {"channel", "public_portal"}, {"town_id", s.town},
                                           {"description", "咨询助餐政策"}});
    REQUIRE(c.status == 201);
    CHECK(c.body["order"]["elder_id"].is_null());
    CHECK(has(c.body["legal_actions"], "answer_on_spot"));
    // An emergency from a caller who is not registered: a town is enough, help goes out first.
    auto sos = agent.post("/api/v1/orders", {{"type", "emergency"}, {"channel", "hotline"}, {"town_id", s.town},
                                             {"description", "路人来电：有老人在路边摔倒"}});
    REQUIRE(sos.status == 201);
    CHECK(sos.body["order"]["elder_id"].is_null());
    CHECK(sos.body["order"]["urgency"] == "emergency");
    CHECK(has(sos.body["legal_actions"], "acknowledge"));
    // Cancelled at once: an open emergency would flash on the browser tests that share the runner's server.
    CHECK(agent.post("/api/v1/orders/" + std::to_string(sos.body["order"]["id"].get<std::int64_t>()) + "/transitions",
                     {{"action", "cancel"}, {"reason", "测试结束，取消"}}).status == 200);
    // A complaint still names the elder it is about.
    auto complaint = agent.post("/api/v1/orders", {{"type", "complaint"}, {"channel", "hotline"}, {"town_id", s.town},
                                                   {"description", "投诉"}});
    REQUIRE(complaint.status == 422);
    CHECK(complaint.body["error"]["fields"][0]["field"] == "elder_id");
    CHECK(env.signed_in("provider").post("/api/v1/orders", booking_body(s)).status == 403);
    CHECK(agent.send("POST", "/api/v1/orders", "[1]", {{"X-Yiyang-Request", "1"}}).status == 400);
}

TEST_CASE("a description is required except for an emergency (shared validate_order_request)", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    const auto s = provider_one_setup(agent);
    // A booking without a description: refused, the field named.
    auto body = booking_body(s);
    body.erase("description");
    auto r = agent.post("/api/v1/orders", body);
    REQUIRE(r.status == 422);
    CHECK(r.body["error"]["code"] == "validation");
    REQUIRE(r.body["error"]["fields"].size() == 1);
    CHECK(r.body["error"]["fields"][0]["field"] == "description");
    CHECK(r.body["error"]["fields"][0]["code"] == "required");
    CHECK(r.body["error"]["message"].get<std::string>().find("诉求描述") != std::string::npos);
    body["description"] = "   ";
    CHECK(agent.post("/api/v1/orders", body).status == 422);
    // A consultation likewise.
    auto c = agent.post("/api/v1/orders", {{"type", "consultation"}, {"channel", "hotline"}, {"town_id", s.town}});
    REQUIRE(c.status == 422);
    CHECK(c.body["error"]["fields"][0]["field"] == "description");
    // An SOS is registered without one: the clock starts when it rings, the story comes later.
    auto sos = agent.post("/api/v1/orders", {{"type", "emergency"}, {"channel", "hotline"}, {"elder_id", s.elder}});
    REQUIRE(sos.status == 201);
    CHECK(sos.body["order"]["description"] == "");
    CHECK(sos.body["order"]["urgency"] == "emergency");
    // Cancelled at once: an open emergency would flash on the browser tests that share the runner's server.
    CHECK(transition(agent, sos.body["order"]["id"].get<std::int64_t>(), {{"action", "cancel"}, {"reason", "测试结束，取消"}}).status == 200);
}

TEST_CASE("order list filters, pages and sorts", "[orders]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto s = provider_one_setup(sup);
    auto agent = env.signed_in("agent");
    for (int i = 0; i < 3; ++i) REQUIRE(agent.post("/api/v1/orders", booking_body(s)).status == 201);

    auto all = sup.get("/api/v1/orders?page_size=5");
    REQUIRE(all.status == 200);
    const auto total = all.body["total"].get<std::int64_t>();
    REQUIRE(total >= 3);
    CHECK(all.body["items"].size() == std::min<std::int64_t>(5, total));
    for (const auto& o : all.body["items"]) CHECK(o.contains("clocks"));

    auto by_id = sup.get("/api/v1/orders?sort=-id&page_size=3");
    REQUIRE(by_id.status == 200);
    REQUIRE(by_id.body["items"].size() == 3);
    CHECK(by_id.body["items"][0]["id"].get<std::int64_t>() > by_id.body["items"][1]["id"].get<std::int64_t>());
    auto page2 = sup.get("/api/v1/orders?sort=-id&page_size=3&page=2");
    REQUIRE(page2.status == 200);
    if (!page2.body["items"].empty()) {
        CHECK(page2.body["items"][0]["id"].get<std::int64_t>() < by_id.body["items"][2]["id"].get<std::int64_t>());
    }
    auto asc = sup.get("/api/v1/orders?sort=created_at&page_size=2");
    REQUIRE(asc.status == 200);
    CHECK(asc.body["items"][0]["created_at"].get<std::string>() <= asc.body["items"][1]["created_at"].get<std::string>());

    auto received = sup.get("/api/v1/orders?status=received&type=booking&elder=" + std::to_string(s.elder) + "&page_size=200");
    REQUIRE(received.status == 200);
    CHECK(received.body["total"].get<std::int64_t>() >= 3);
    for (const auto& o : received.body["items"]) {
        CHECK(o["status"] == "received");
        CHECK(o["type"] == "booking");
        CHECK(o["elder_id"] == s.elder);
    }
    auto town = sup.get("/api/v1/orders?town=" + std::to_string(s.town) + "&channel=hotline&page_size=50");
    REQUIRE(town.status == 200);
    for (const auto& o : town.body["items"]) {
        CHECK(o["town_id"] == s.town);
        CHECK(o["channel"] == "hotline");
    }
    auto now = server_clock(sup);
    const auto month = yiyang::format_date(yiyang::date_of(now)).substr(0, 7);
    auto period = sup.get("/api/v1/orders?page_size=200&period=" + month);
    REQUIRE(period.status == 200);
    for (const auto& o : period.body["items"]) CHECK(o["created_at"].get<std::string>().substr(0, 7) == month);

    CHECK(sup.get("/api/v1/orders?sort=name").status == 400);
    CHECK(sup.get("/api/v1/orders?sort=-created_at;DROP").status == 400);
    CHECK(sup.get("/api/v1/orders?status=nope").status == 400);
    CHECK(sup.get("/api/v1/orders?page_size=500").status == 400);
    CHECK(sup.get("/api/v1/orders?period=2026-13").status == 400);
    CHECK(sup.get("/api/v1/orders?overdue=maybe").status == 400);
    CHECK(sup.get("/api/v1/orders/abc").status == 404);
    CHECK(sup.get("/api/v1/orders/999999999").status == 404);

    // A town user sees only its own town.
    auto t = env.signed_in("town").get("/api/v1/orders?page_size=200");
    REQUIRE(t.status == 200);
    for (const auto& o : t.body["items"]) CHECK(o["town_id"] == 1);
}

TEST_CASE("dispatch candidates are ranked and exclusions explained", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    const auto s = provider_one_setup(agent);
    auto created = agent.post("/api/v1/orders", booking_body(s));
    REQUIRE(created.status == 201);
    const auto id = created.body["order"]["id"].get<std::int64_t>();
    auto r = agent.get("/api/v1/dispatch/candidates?order=" + std::to_string(id));
    REQUIRE(r.status == 200);
    const auto& list = r.body["candidates"];
    REQUIRE(!list.empty());
    CHECK(r.body["eligible"].get<int>() >= 1);
    bool seen_ineligible = false;
    int last_score = 1 << 30;
    int expected_rank = 1;
    bool one_listed = false;
    for (const auto& c : list) {
        if (c["provider_id"] == 1) { one_listed = true; CHECK(c["eligible"] == true); }
        if (c["eligible"] == true) {
            CHECK(!seen_ineligible);   // eligible ones first
            CHECK(c["rank"] == expected_rank++);
            CHECK(c["score"].get<int>() <= last_score);
            last_score = c["score"].get<int>();
        } else {
            seen_ineligible = true;
            CHECK(c["rank"] == 0);
            CHECK(!c["ineligible_reason"].get<std::string>().empty());
        }
    }
    CHECK(one_listed);
    // Dispatching to an ineligible provider is refused with the domain's reason.
    for (const auto& c : list) {
        if (c["eligible"] == false) {
            auto d = transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", c["provider_id"]}});
            CHECK(d.status == 422);
            CHECK(d.body["error"]["code"] == "ineligible_provider");
            break;
        }
    }
    CHECK(agent.get("/api/v1/dispatch/candidates").status == 400);
    CHECK(agent.get("/api/v1/dispatch/candidates?order=x").status == 400);
    CHECK(agent.get("/api/v1/dispatch/candidates?order=999999999").status == 404);
    CHECK(env.signed_in("provider").get("/api/v1/dispatch/candidates?order=" + std::to_string(id)).status == 403);
}

TEST_CASE("a completed order's review is due 24 working hours later and then overdue", "[orders][inprocess]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = provider_one_setup(agent);
    const auto id = dispatched_booking(agent, s);
    REQUIRE(transition(provider, id, {{"action", "accept"}}).status == 200);
    REQUIRE(transition(provider, id, {{"action", "start"}}).status == 200);
    const auto now = server_clock(agent);
    auto r = transition(provider, id, {{"action", "complete"}, {"evidence", evidence_ending(now)}});
    REQUIRE(r.status == 200);
    json review;
    for (const auto& c : r.body["order"]["clocks"]) if (c["rule"] == "review_24h") review = c;
    REQUIRE(review.is_object());
    const auto started = *yiyang::parse_timestamp(review["started_at"].get<std::string>());
    const auto due = *yiyang::parse_timestamp(review["due_at"].get<std::string>());
    CHECK(started == now);
    // 24 counted hours of workdays: the same time of day, one or more calendar days later.
    CHECK(due - started >= 86400);
    CHECK((due - started) % 86400 == 0);
    if (yiyang::iso_weekday(yiyang::date_of(now)) <= 4) CHECK(due - started == 86400);   // Mon–Thu, no holiday here
    CHECK(review["state"] != "breached");
    CHECK(r.body["order"]["overdue"] == false);

    env.advance_clock(due - now + 60);
    auto sup = env.signed_in("supervisor");
    auto later = sup.get(orders_path(id));
    REQUIRE(later.status == 200);
    CHECK(later.body["order"]["overdue"] == true);
    for (const auto& c : later.body["order"]["clocks"]) {
        if (c["rule"] == "review_24h") {
            CHECK(c["state"] == "breached");
            CHECK(c["seconds_to_due"].get<std::int64_t>() < 0);
        }
    }
    auto overdue = sup.get("/api/v1/orders?overdue=true&page_size=200&elder=" + std::to_string(s.elder));
    REQUIRE(overdue.status == 200);
    bool listed = false;
    for (const auto& o : overdue.body["items"]) {
        CHECK(o["overdue"] == true);
        if (o["id"] == id) listed = true;
    }
    CHECK(listed);
    auto not_overdue = sup.get("/api/v1/orders?overdue=false&page_size=200&elder=" + std::to_string(s.elder));
    REQUIRE(not_overdue.status == 200);
    for (const auto& o : not_overdue.body["items"]) CHECK(o["id"] != id);
}

TEST_CASE("an order nobody accepts within 4 hours is escalated by the sweep, as the system", "[orders][inprocess]") {
    auto& env = TestEnv::get();
    if (env.external()) return;   // moves the server's clock
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = provider_one_setup(agent);
    const auto waiting = dispatched_booking(agent, s);
    const auto taken = dispatched_booking(agent, s);
    REQUIRE(transition(provider, taken, {{"action", "accept"}}).status == 200);
    auto status_of = [&](std::int64_t id) { return agent.get(orders_path(id)).body["order"]["status"].get<std::string>(); };

    env.sweep_escalations();
    CHECK(status_of(waiting) == "dispatched");
    env.advance_clock(4 * 3600 - 60);   // one minute before the window ends (dispatch rules: 4 h)
    agent = env.signed_in("agent");      // sessions end after 30 idle minutes
    env.sweep_escalations();
    CHECK(status_of(waiting) == "dispatched");
    env.advance_clock(60);
    CHECK(env.sweep_escalations() >= 1);
    provider = env.signed_in("provider");
    auto w = agent.get(orders_path(waiting));
    REQUIRE(w.status == 200);
    CHECK(w.body["order"]["status"] == "escalated");
    CHECK(w.body["order"]["provider_id"].is_null());   // off the provider, onto the desk
    CHECK(has(w.body["legal_actions"], "dispatch_provider"));
    CHECK(status_of(taken) == "accepted");   // an accepted order is left alone

    // The trail says who (the system) and why, in Chinese; a second sweep changes nothing more.
    auto h = agent.get(orders_path(waiting, "/history"));
    REQUIRE(h.status == 200);
    const json last = h.body["events"].back();
    CHECK(last["action"] == "escalate");
    CHECK(last["actor"] == "system");
    CHECK(last["actor_id"].is_null());
    CHECK(last["reason"].get<std::string>().find("无人接单") != std::string::npos);
    CHECK(last["changes"]["from"] == "dispatched");
    CHECK(last["changes"]["to"] == "escalated");
    const auto events = h.body["events"].size();
    env.sweep_escalations();
    CHECK(agent.get(orders_path(waiting, "/history")).body["events"].size() == events);
    // The provider it was dispatched to can no longer take it.
    CHECK(transition(provider, waiting, {{"action", "accept"}}).status != 200);
}

TEST_CASE("an order is read by its code as by its id, with the same scope", "[orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = provider_one_setup(agent);
    auto created = agent.post("/api/v1/orders", booking_body(s));
    REQUIRE(created.status == 201);
    const auto id = created.body["order"]["id"].get<std::int64_t>();
    const auto code = created.body["order"]["code"].get<std::string>();

    auto by_code = agent.get("/api/v1/orders/by-code/" + code);
    REQUIRE(by_code.status == 200);
    CHECK(by_code.body["order"]["id"] == id);
    CHECK(by_code.body["legal_actions"] == agent.get(orders_path(id)).body["legal_actions"]);
    std::string lower = code;
    lower[0] = 'g';
    lower[1] = 'd';
    CHECK(agent.get("/api/v1/orders/by-code/" + lower).status == 200);   // typed in lower case

    // Not yet dispatched: provider 1 may not see it, by code as by id.
    CHECK(provider.get(orders_path(id)).status == 403);
    CHECK(provider.get("/api/v1/orders/by-code/" + code).status == 403);

    auto missing = agent.get("/api/v1/orders/by-code/GD209901010001");
    CHECK(missing.status == 404);
    CHECK(missing.body["error"]["message"].get<std::string>().find("GD209901010001") != std::string::npos);
    auto bad = agent.get("/api/v1/orders/by-code/1024");
    CHECK(bad.status == 404);
    CHECK(bad.body["error"]["message"].get<std::string>().find("格式") != std::string::npos);
}

}  // namespace test_orders
