// The live feed, emergency acknowledgement, the supervisors' watch list, caller lookup and the audited reveal,
// through the API: change numbers that move with every create and transition, scoping by role, a second
// acknowledge refused, an overdue review clock on the watch list, exact lookups masked for seats.
#include <catch2/catch.hpp>

#include <algorithm>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_live {

using namespace yiyang::test;

namespace {

struct Elder {
    std::int64_t id = 0;
    std::int64_t town = 0;
    std::string phone;
    std::string id_number;
};

// An active elder with a phone, read by a supervisor (who sees phone and ID number in full), in a town
// provider 1 covers (so bookings of it can be dispatched to the harness's provider user).
Elder find_elder(ApiClient& sup) {
    auto providers = sup.get("/api/v1/providers");
    REQUIRE(providers.status == 200);
    for (const auto& p : providers.body["items"]) {
        if (p["id"] != 1) continue;
        for (const auto& t : p["towns_covered"]) {
            auto list = sup.get("/api/v1/elders?status=active&page_size=50&town=" + std::to_string(t.get<std::int64_t>()));
            REQUIRE(list.status == 200);
            for (const auto& e : list.body["items"]) {
                if (e["phone"].get<std::string>().size() != 11) continue;
                return {e["id"].get<std::int64_t>(), e["town_id"].get<std::int64_t>(), e["phone"].get<std::string>(),
                        e["id_number"].get<std::string>()};
            }
        }
    }
    FAIL("no active elder with a phone in a town of provider 1");
    return {};
}

std::string first_category_of_provider_1(ApiClient& c) {
    auto providers = c.get("/api/v1/providers");
    for (const auto& p : providers.body["items"]) if (p["id"] == 1) return p["categories"][0].get<std::string>();
    FAIL("provider 1 missing");
    return {};
}

std::int64_t create(ApiClient& agent, const json& body) {
    auto r = agent.post("/api/v1/orders", body);
    INFO(r.raw);
    REQUIRE(r.status == 201);
    return r.body["order"]["id"].get<std::int64_t>();
}

json emergency_of(const Elder& e) {
    return {{"channel", "hotline"}, {"type", "emergency"}, {"elder_id", e.id}, {"description", "测试：老人在家跌倒，呼叫救助"}};
}

bool contains_id(const json& list, std::int64_t id) {
    return std::any_of(list.begin(), list.end(), [&](const json& v) { return v == id; });
}

const json* emergency_in(const json& feed, std::int64_t id) {
    for (const auto& e : feed["emergencies"]) if (e["id"] == id) return &e;
    return nullptr;
}

std::int64_t seq_of(ApiClient& c) {
    auto r = c.get("/api/v1/live");
    REQUIRE(r.status == 200);
    return r.body["seq"].get<std::int64_t>();
}

}  // namespace

// An emergency left open would flash on the screens of the browser tests that share the same server (the
// runner's stack): every test cancels the emergencies it registered, even when an assertion stopped it.
struct CancelOnExit {
    ApiClient& client;
    std::int64_t id;
    ~CancelOnExit() {
        try {
            transition(client, id, {{"action", "cancel"}, {"reason", "测试结束，取消"}});
        } catch (...) {
        }
    }
};

TEST_CASE("an emergency is acknowledged once; a second seat is told who took it", "[live]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto sup = env.signed_in("supervisor");
    const Elder e = find_elder(sup);
    const auto id = create(agent, emergency_of(e));
    const CancelOnExit cancel_id{agent, id};

    auto before = agent.get("/api/v1/orders/" + std::to_string(id));
    REQUIRE(before.status == 200);
    CHECK(before.body["order"]["acknowledged_at"].is_null());
    const auto& offered = before.body["legal_actions"];
    CHECK(std::find(offered.begin(), offered.end(), json("acknowledge")) != offered.end());

    auto ok = transition(agent, id, {{"action", "acknowledge"}});
    INFO(ok.raw);
    REQUIRE(ok.status == 200);
    CHECK(ok.body["order"]["status"] == "received");   // the state does not change
    CHECK(ok.body["order"]["acknowledged_at"].is_string());
    auto me = agent.get("/api/v1/me");
    REQUIRE(me.status == 200);
    CHECK(ok.body["order"]["acknowledged_by"] == me.body["user"]["id"]);

    auto again = transition(sup, id, {{"action", "acknowledge"}});
    CHECK(again.status == 409);
    CHECK(again.body["error"]["code"] == "already_acknowledged");
    const auto msg = again.body["error"]["message"].get<std::string>();
    CHECK(msg.rfind("该紧急求助已由", 0) == 0);
    CHECK(msg.find(me.body["user"]["display_name"].get<std::string>()) != std::string::npos);

    // The acknowledgement is an audit event of the order, like every transition.
    auto h = agent.get("/api/v1/orders/" + std::to_string(id) + "/history");
    REQUIRE(h.status == 200);
    CHECK(h.body["events"].back()["action"] == "acknowledge");
    // Not for field staff, not for other order types.
    auto provider = env.signed_in("provider");
    CHECK(transition(provider, id, {{"action", "acknowledge"}}).status == 403);
    const auto booking = create(agent, {{"channel", "hotline"}, {"type", "booking"},
                                        {"categories", {first_category_of_provider_1(agent)}}, {"elder_id", e.id},
                                        {"description", "测试：预约上门服务"}});
    auto wrong = transition(agent, booking, {{"action", "acknowledge"}});
    CHECK(wrong.status == 409);
    CHECK(wrong.body["error"]["code"] == "illegal_transition");
}

TEST_CASE("the live feed's change number moves with every create and transition, scoped by role", "[live]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    auto sup = env.signed_in("supervisor");
    const Elder e = find_elder(sup);

    auto base = agent.get("/api/v1/live");
    REQUIRE(base.status == 200);
    const auto seq0 = base.body["seq"].get<std::int64_t>();
    CHECK(base.body["changed"] == false);   // no `after`: a baseline, nothing listed
    CHECK(base.body["changed_orders"].empty());
    CHECK(base.body["server_now"].is_number_integer());

    // Unchanged since the current number: nothing to do.
    auto same = agent.get("/api/v1/live?after=" + std::to_string(seq0));
    REQUIRE(same.status == 200);
    CHECK(same.body["changed"] == false);
    CHECK(same.body["changed_orders"].empty());

    // A new emergency: the number moves, the order is listed, and it flashes for seats.
    const auto sos = create(agent, emergency_of(e));
    const CancelOnExit cancel_sos{agent, sos};
    auto after_create = agent.get("/api/v1/live?after=" + std::to_string(seq0));
    REQUIRE(after_create.status == 200);
    const auto seq1 = after_create.body["seq"].get<std::int64_t>();
    CHECK(seq1 > seq0);
    CHECK(after_create.body["changed"] == true);
    CHECK(contains_id(after_create.body["changed_orders"], sos));
    const json* flashing = emergency_in(after_create.body, sos);
    REQUIRE(flashing != nullptr);
    CHECK((*flashing)["acknowledged_at"].is_null());
    CHECK((*flashing)["status"] == "received");
    CHECK((*flashing)["age_seconds"].get<std::int64_t>() >= 0);
    CHECK((*flashing)["town_id"] == e.town);
    CHECK(!(*flashing)["town_name"].get<std::string>().empty());
    CHECK(!(*flashing)["code"].get<std::string>().empty());
    // The answer deadline is the SLA rule's window (emergency_30s: 30 s after the call), sent by the server.
    {
        const auto created = yiyang::parse_timestamp((*flashing)["created_at"].get<std::string>());
        const auto due = yiyang::parse_timestamp((*flashing)["due_at"].get<std::string>());
        REQUIRE(created);
        REQUIRE(due);
        CHECK(*due == *created + 30);
        CHECK((*flashing)["due_s"].get<std::int64_t>() == *due);
    }
    CHECK(emergency_in(sup.get("/api/v1/live").body, sos) != nullptr);
    // Providers never see the flashing list.
    auto for_provider = provider.get("/api/v1/live?after=" + std::to_string(seq0));
    REQUIRE(for_provider.status == 200);
    CHECK(for_provider.body["emergencies"].empty());
    CHECK_FALSE(contains_id(for_provider.body["changed_orders"], sos));   // not dispatched to them

    // A transition moves it again; acknowledged + dispatched leaves the flashing list.
    REQUIRE(transition(agent, sos, {{"action", "acknowledge"}}).status == 200);
    auto after_ack = agent.get("/api/v1/live?after=" + std::to_string(seq1));
    const auto seq2 = after_ack.body["seq"].get<std::int64_t>();
    CHECK(seq2 > seq1);
    CHECK(contains_id(after_ack.body["changed_orders"], sos));
    const json* acked = emergency_in(after_ack.body, sos);
    REQUIRE(acked != nullptr);   // acknowledged but not yet dispatched: still on the screen
    CHECK((*acked)["acknowledged_at"].is_string());
    CHECK(!(*acked)["acknowledged_by_name"].get<std::string>().empty());
    auto d = transition(agent, sos, {{"action", "dispatch_provider"}, {"provider_id", 1}});
    INFO(d.raw);
    REQUIRE(d.status == 200);
    auto after_dispatch = provider.get("/api/v1/live?after=" + std::to_string(seq2));
    REQUIRE(after_dispatch.status == 200);
    CHECK(after_dispatch.body["seq"].get<std::int64_t>() > seq2);
    CHECK(contains_id(after_dispatch.body["changed_orders"], sos));   // now the provider's own order
    CHECK(emergency_in(agent.get("/api/v1/live").body, sos) == nullptr);

    CHECK(env.signed_in("kiosk").get("/api/v1/live").status == 403);
    CHECK(agent.get("/api/v1/live?after=x").status == 400);
}

TEST_CASE("the watch list shows an order whose review clock is overdue", "[live][inprocess]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    auto sup = env.signed_in("supervisor");
    const Elder e = find_elder(sup);
    const auto id = create(agent, {{"channel", "hotline"}, {"type", "booking"},
                                   {"categories", {first_category_of_provider_1(agent)}}, {"elder_id", e.id},
                                        {"description", "测试：预约上门服务"}});
    REQUIRE(transition(agent, id, {{"action", "dispatch_provider"}, {"provider_id", 1}}).status == 200);
    REQUIRE(transition(provider, id, {{"action", "accept"}}).status == 200);
    REQUIRE(transition(provider, id, {{"action", "start"}}).status == 200);
    auto h = agent.get("/api/v1/health");
    const auto now = *yiyang::parse_timestamp(h.body["time"].get<std::string>());
    json ev = {{"caregiver", "张护工"}, {"from", yiyang::format_timestamp(now - 3600)},
               {"to", yiyang::format_timestamp(now - 60)}, {"place", "老人家中"}};
    auto done = transition(provider, id, {{"action", "complete"}, {"evidence", ev}});
    REQUIRE(done.status == 200);
    json review;
    for (const auto& c : done.body["order"]["clocks"]) if (c["rule"] == "review_24h") review = c;
    REQUIRE(review.is_object());
    const auto due = *yiyang::parse_timestamp(review["due_at"].get<std::string>());

    auto listed = [&](const Reply& w) {
        for (const auto& i : w.body["items"]) {
            if (i["order_id"] == id && i["rule_code"] == "review_24h") return i;
        }
        return json();
    };
    auto fresh = sup.get("/api/v1/watch");
    REQUIRE(fresh.status == 200);
    CHECK(listed(fresh).is_null());   // a day to go: neither overdue nor due soon

    env.advance_clock(due - now + 60);
    sup = env.signed_in("supervisor");   // the earlier session has idled out meanwhile
    auto w = sup.get("/api/v1/watch");
    REQUIRE(w.status == 200);
    const json item = listed(w);
    REQUIRE(item.is_object());
    CHECK(item["state"] == "breached");
    CHECK(item["seconds_to_due"].get<std::int64_t>() < 0);
    CHECK(item["town_id"] == e.town);
    CHECK(!item["town_name"].get<std::string>().empty());
    CHECK(item["provider_id"] == 1);
    CHECK(!item["provider_name"].get<std::string>().empty());
    CHECK(item["rule_name"] == "服务商上传工单24小时内审核");
    CHECK(item["order_type"] == "booking");
    bool town_counted = false;
    for (const auto& t : w.body["by_town"]) {
        if (t["town_id"] == e.town) town_counted = t["overdue"].get<int>() >= 1;
    }
    CHECK(town_counted);
    CHECK(w.body["overdue"].get<int>() >= 1);
    CHECK(w.body["as_of"].is_string());

    // Filters and scope.
    auto by_provider = sup.get("/api/v1/watch?provider=1");
    REQUIRE(by_provider.status == 200);
    CHECK(listed(by_provider).is_object());
    for (const auto& i : by_provider.body["items"]) CHECK(i["provider_id"] == 1);
    auto other_town = sup.get("/api/v1/watch?town=" + std::to_string(e.town == 1 ? 2 : 1));
    REQUIRE(other_town.status == 200);
    CHECK(listed(other_town).is_null());
    CHECK(env.signed_in("provider").get("/api/v1/watch").status == 403);
    auto town = env.signed_in("town");   // town 1
    CHECK(town.get("/api/v1/watch?town=2").status == 403);
    auto own = town.get("/api/v1/watch");
    REQUIRE(own.status == 200);
    for (const auto& i : own.body["items"]) CHECK(i["town_id"] == 1);
}

TEST_CASE("caller lookup: exact phone or ID number, masked for seats, audited", "[live]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto sup = env.signed_in("supervisor");
    const Elder e = find_elder(sup);
    const auto order = create(agent, emergency_of(e));
    const CancelOnExit cancel_order{agent, order};

    auto by_phone = agent.get("/api/v1/callers/lookup?phone=" + e.phone);
    INFO(by_phone.raw);
    REQUIRE(by_phone.status == 200);
    bool found = false;
    for (const auto& x : by_phone.body["elders"]) {
        if (x["id"] != e.id) continue;
        found = true;
        CHECK(x["phone"] != e.phone);                                    // masked for an agent
        CHECK(x["phone"].get<std::string>().find("****") != std::string::npos);
        CHECK(x["id_number"] != e.id_number);
        CHECK(!x["town_name"].get<std::string>().empty());
    }
    CHECK(found);
    CHECK(by_phone.body["audit_id"].get<std::int64_t>() > 0);
    bool has_order = false;
    for (const auto& o : by_phone.body["orders"]) {
        if (o["id"] == order) {
            has_order = true;
            CHECK(o["type"] == "emergency");
            CHECK(o["description"] == "测试：老人在家跌倒，呼叫救助");
        }
    }
    CHECK(has_order);
    CHECK(by_phone.body["orders"].size() <= 20);

    auto by_id = agent.get("/api/v1/callers/lookup?id_number=" + e.id_number);
    REQUIRE(by_id.status == 200);
    REQUIRE(by_id.body["elders"].size() == 1);
    CHECK(by_id.body["elders"][0]["id"] == e.id);
    CHECK(by_id.body["elders"][0]["id_number"] != e.id_number);
    // A supervisor sees the full fields.
    auto full = sup.get("/api/v1/callers/lookup?id_number=" + e.id_number);
    REQUIRE(full.status == 200);
    CHECK(full.body["elders"][0]["id_number"] == e.id_number);

    // No fragments: a partial number is refused, with a Chinese message.
    auto partial = agent.get("/api/v1/callers/lookup?phone=" + e.phone.substr(0, 7));
    CHECK(partial.status == 400);
    CHECK(partial.body["error"]["message"].get<std::string>().find("手机号码") != std::string::npos);
    CHECK(agent.get("/api/v1/callers/lookup?phone=2381234567a").status == 400);
    CHECK(agent.get("/api/v1/callers/lookup").status == 400);
    CHECK(agent.get("/api/v1/callers/lookup?id_number=" + e.id_number.substr(0, 17)).status == 400);
    CHECK(env.signed_in("provider").get("/api/v1/callers/lookup?phone=" + e.phone).status == 403);
    CHECK(env.signed_in("town").get("/api/v1/callers/lookup?phone=" + e.phone).status == 403);
}

TEST_CASE("reveal: one masked field in full, with a reason, as an audit event", "[live]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto sup = env.signed_in("supervisor");
    const Elder e = find_elder(sup);
    const std::string path = "/api/v1/elders/" + std::to_string(e.id) + "/reveal";

    auto r = agent.post(path, {{"field", "phone"}, {"reason", "老人来电，需回拨核实"}});
    INFO(r.raw);
    REQUIRE(r.status == 200);
    CHECK(r.body["field"] == "phone");
    CHECK(r.body["value"] == e.phone);
    auto id = agent.post(path, {{"field", "id_number"}, {"reason", "核对补贴资格"}});
    REQUIRE(id.status == 200);
    CHECK(id.body["value"] == e.id_number);

    auto history = sup.get("/api/v1/elders/" + std::to_string(e.id) + "/history");
    REQUIRE(history.status == 200);
    bool audited = false;
    for (const auto& ev : history.body["events"]) {
        if (ev["action"] == "reveal" && ev["changes"]["field"] == "phone" && ev["reason"] == "老人来电，需回拨核实") {
            audited = true;
            CHECK(ev["actor"] == env.user("agent").first);
            CHECK(ev["changes"].dump().find(e.phone) == std::string::npos);   // the value itself is not logged
        }
    }
    CHECK(audited);

    auto no_reason = agent.post(path, {{"field", "phone"}});
    CHECK(no_reason.status == 422);
    CHECK(agent.post(path, {{"field", "phone"}, {"reason", "  "}}).status == 422);
    CHECK(agent.post(path, {{"field", "health_notes"}, {"reason", "x"}}).status == 422);
    auto not_masked = agent.post(path, {{"field", "name"}, {"reason", "核实"}});   // seats see names in full
    CHECK(not_masked.status == 422);
    CHECK(not_masked.body["error"]["code"] == "not_masked");
    CHECK(env.signed_in("provider").post(path, {{"field", "id_number"}, {"reason", "核实"}}).status == 403);
    CHECK(env.signed_in("kiosk").post(path, {{"field", "phone"}, {"reason", "核实"}}).status == 403);
    CHECK(agent.post("/api/v1/elders/999999999/reveal", {{"field", "phone"}, {"reason", "核实"}}).status == 404);
}

TEST_CASE("the watch list pages like the other lists: totals over the whole list, the page's rows in its order",
          "[live][watch]") {
    auto sup = TestEnv::get().signed_in("supervisor");
    auto all = sup.get("/api/v1/watch?sort=order_code");
    REQUIRE(all.status == 200);
    CHECK_FALSE(all.body.contains("page"));                 // no page asked: the whole list, as before
    const auto& items = all.body["items"];
    const auto n = items.size();
    INFO("watch rows: " << n);
    // One row a page: page k is the list's k-th row (however many clocks run late in this database).
    for (std::size_t k = 1; k <= std::min<std::size_t>(n, 4); ++k) {
        auto p = sup.get("/api/v1/watch?sort=order_code&page_size=1&page=" + std::to_string(k));
        REQUIRE(p.status == 200);
        CHECK(p.body["page"] == k);
        CHECK(p.body["page_size"] == 1);
        CHECK(p.body["total"] == all.body["total"]);
        CHECK(p.body["overdue"] == all.body["overdue"]);
        CHECK(p.body["by_town"] == all.body["by_town"]);
        REQUIRE(p.body["items"].size() == 1);
        CHECK(p.body["items"][0]["order_code"] == items[k - 1]["order_code"]);
    }
    auto p1 = sup.get("/api/v1/watch?page=1");              // page alone: 20 a page
    REQUIRE(p1.status == 200);
    CHECK(p1.body["page_size"] == 20);
    CHECK(p1.body["items"].size() == std::min<std::size_t>(n, 20));
    // Past the end: an empty page, not an error; a bad size is refused.
    auto past = sup.get("/api/v1/watch?page_size=200&page=1000");
    REQUIRE(past.status == 200);
    CHECK(past.body["items"].empty());
    CHECK(past.body["total"] == all.body["total"]);
    CHECK(sup.get("/api/v1/watch?page_size=0").status == 400);
    // The export holds every row whatever page the screen shows.
    auto html = sup.get("/api/v1/export/watch.html?sort=order_code&page_size=1&page=2");
    REQUIRE(html.status == 200);
    if (n > 0) CHECK(html.raw.find(">" + items[0]["order_code"].get<std::string>() + "<") != std::string::npos);
}

}  // namespace test_live
