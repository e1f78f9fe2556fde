// Find anything and the work queues through the API: orders by code (whole or its start, with or without
// "GD"), by any part of the elder's name (two characters too) and by a whole phone (audited; fragments
// refused for every role); elders by two characters anywhere in the name; the queue counts per role and scope
// and the queue's list in queue order (emergencies first, then the oldest).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "harness.hpp"

namespace test_find_queues {

using namespace yiyang::test;

namespace {

std::string enc(const std::string& s) { return httplib::detail::encode_query_param(s); }

// Number of UTF-8 characters.
std::size_t chars(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// An order of an elder with a name of >= 3 characters (so that its last two are not a prefix).
struct Target {
    json order;
    json elder;
};
Target order_with_long_name(ApiClient& sup) {
    auto page = sup.get("/api/v1/orders?page_size=200");
    REQUIRE(page.status == 200);
    for (const auto& o : page.body["items"]) {
        if (o["elder_id"].is_null()) continue;
        auto e = sup.get("/api/v1/elders/" + std::to_string(o["elder_id"].get<std::int64_t>()));
        if (e.status != 200) continue;
        if (chars(e.body["elder"]["name"].get<std::string>()) >= 3) return {o, e.body["elder"]};
    }
    FAIL("no order of an elder with a 3-character name");
    return {};
}

}  // namespace

TEST_CASE("an order is found by its code, whole or its start, with or without GD", "[find][orders]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto first = agent.get("/api/v1/orders?page_size=1");
    REQUIRE(first.status == 200);
    REQUIRE(!first.body["items"].empty());
    const std::string code = first.body["items"][0]["code"];
    const auto id = first.body["items"][0]["id"];

    auto whole = agent.get("/api/v1/orders?q=" + code);
    REQUIRE(whole.status == 200);
    REQUIRE(whole.body["total"] == 1);
    CHECK(whole.body["items"][0]["id"] == id);
    auto lower = agent.get("/api/v1/orders?q=" + enc(" gd" + code.substr(2) + " "));
    REQUIRE(lower.status == 200);
    CHECK(lower.body["total"] == 1);
    auto digits = agent.get("/api/v1/orders?q=" + code.substr(2));
    REQUIRE(digits.status == 200);
    CHECK(digits.body["total"] == 1);
    // The start of a code: that day's orders, all of whose codes begin with it.
    auto day = agent.get("/api/v1/orders?page_size=200&q=" + code.substr(0, 10));
    REQUIRE(day.status == 200);
    CHECK(day.body["total"].get<int>() >= 1);
    for (const auto& o : day.body["items"]) CHECK(o["code"].get<std::string>().rfind(code.substr(0, 10), 0) == 0);
    auto none = agent.get("/api/v1/orders?q=GD19990101");
    REQUIRE(none.status == 200);
    CHECK(none.body["total"] == 0);
}

TEST_CASE("orders and elders are found by any two characters of the elder's name", "[find][orders][elders]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto t = order_with_long_name(sup);
    const std::string name = t.elder["name"];
    const auto parts = split_chars(name);
    const std::string tail2 = parts[parts.size() - 2] + parts.back();   // 嫦莲 of 郑嫦莲: not a prefix
    INFO("name " << name << " part " << tail2);

    auto elders = sup.get("/api/v1/elders?page_size=200&q=" + enc(tail2));
    REQUIRE(elders.status == 200);
    bool found = false;
    for (const auto& e : elders.body["items"]) {
        found |= e["id"] == t.elder["id"];
        CHECK(e["name"].get<std::string>().find(tail2) != std::string::npos);
    }
    CHECK(found);
    CHECK(elders.body["total"].get<std::size_t>() >= elders.body["items"].size());

    auto orders = sup.get("/api/v1/orders?page_size=200&q=" + enc(tail2));
    REQUIRE(orders.status == 200);
    found = false;
    for (const auto& o : orders.body["items"]) found |= o["id"] == t.order["id"];
    CHECK(found);
    // The whole name (>= 3 characters: the trigram index) finds it too.
    auto whole = sup.get("/api/v1/orders?page_size=200&q=" + enc(name));
    REQUIRE(whole.status == 200);
    found = false;
    for (const auto& o : whole.body["items"]) found |= o["id"] == t.order["id"];
    CHECK(found);
    // One character is too little for the order list; LIKE wildcards are text.
    CHECK(sup.get("/api/v1/orders?q=" + enc(parts.back())).status == 400);
    auto wild = sup.get("/api/v1/orders?q=" + enc("%%"));
    REQUIRE(wild.status == 200);
    CHECK(wild.body["total"] == 0);

    // A town user finds only its own town's orders by the same name.
    auto town = env.signed_in("town");
    auto mine = town.get("/api/v1/orders?page_size=200&q=" + enc(tail2));
    REQUIRE(mine.status == 200);
    auto me = town.get("/api/v1/me");
    for (const auto& o : mine.body["items"]) CHECK(o["town_id"] == me.body["user"]["town_id"]);
}

TEST_CASE("orders by phone: a whole number only, audited; fragments refused", "[find][orders][privacy][audit]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto t = order_with_long_name(sup);
    const std::string phone = t.elder["phone"];
    REQUIRE(phone.size() == 11);
    const auto elder_id = std::to_string(t.elder["id"].get<std::int64_t>());

    auto agent = env.signed_in("agent");   // sees phones masked
    for (const std::string& fragment : {phone.substr(0, 7), phone.substr(3, 4), phone.substr(7), phone.substr(0, 10),
                                        std::string("138****") + phone.substr(7)}) {
        INFO("q=" << fragment);
        auto r = agent.get("/api/v1/orders?q=" + enc(fragment));
        // Digits alone are read as the start of an order code (GD + digits): never as a phone fragment.
        const bool refused = r.status == 400;
        const bool nothing = r.status == 200 && r.body["total"] == 0;
        CHECK((refused || nothing));
    }
    const auto before = sup.get("/api/v1/elders/" + elder_id + "/history").body["events"].size();
    auto found = agent.get("/api/v1/orders?page_size=200&q=" + phone);
    REQUIRE(found.status == 200);
    bool has = false;
    for (const auto& o : found.body["items"]) {
        has |= o["id"] == t.order["id"];
        CHECK(o["elder_id"] == t.elder["id"]);
    }
    CHECK(has);
    auto history = sup.get("/api/v1/elders/" + elder_id + "/history");
    REQUIRE(history.status == 200);
    REQUIRE(history.body["events"].size() > before);
    const auto& last = history.body["events"].front();   // newest first
    CHECK(last["action"] == "lookup");
    CHECK(last["changes"]["via"] == "orders_search");
    CHECK(last["changes"].dump().find(phone) == std::string::npos);
}

TEST_CASE("work queues: counts per role and scope, the list in queue order", "[queues][orders]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto counts = sup.get("/api/v1/queues");
    REQUIRE(counts.status == 200);
    CHECK(counts.body["scope"] == "city");
    CHECK(counts.body["scope_label"] == "全市");
    REQUIRE(counts.body["queues"].size() == 4);
    std::set<std::string> codes;
    for (const auto& q : counts.body["queues"]) {
        codes.insert(q["queue"].get<std::string>());
        auto list = sup.get("/api/v1/orders?page_size=200&queue=" + q["queue"].get<std::string>());
        REQUIRE(list.status == 200);
        CHECK(list.body["total"] == q["count"]);
        // Queue order: emergencies first, then urgent, then normal; oldest first within.
        auto rank = [](const json& o) { return o["urgency"] == "emergency" ? 0 : o["urgency"] == "urgent" ? 1 : 2; };
        const auto& items = list.body["items"];
        for (std::size_t i = 1; i < items.size(); ++i) {
            const auto a = rank(items[i - 1]), b = rank(items[i]);
            CHECK(a <= b);
            if (a == b) CHECK(items[i - 1]["created_at"].get<std::string>() <= items[i]["created_at"].get<std::string>());
        }
        for (const auto& o : items) CHECK(o["paused_since"].is_null());
    }
    CHECK(codes == std::set<std::string>{"awaiting_dispatch", "awaiting_review", "complaints_to_judge", "awaiting_callback"});
    auto review = sup.get("/api/v1/orders?page_size=200&queue=awaiting_review");
    for (const auto& o : review.body["items"]) CHECK(o["status"] == "completed");
    auto judge = sup.get("/api/v1/orders?page_size=200&queue=complaints_to_judge");
    for (const auto& o : judge.body["items"]) {
        CHECK(o["type"] == "complaint");
        CHECK(o["status"] == "received");
    }

    // The agent works dispatch and callbacks; town and provider users work none, and are told their scope.
    auto agent = env.signed_in("agent").get("/api/v1/queues");
    REQUIRE(agent.status == 200);
    REQUIRE(agent.body["queues"].size() == 2);
    CHECK(agent.body["queues"][0]["queue"] == "awaiting_dispatch");
    CHECK(agent.body["queues"][1]["queue"] == "awaiting_callback");
    auto town = env.signed_in("town").get("/api/v1/queues");
    REQUIRE(town.status == 200);
    CHECK(town.body["scope"] == "town");
    CHECK(town.body["scope_label"].get<std::string>().rfind("本镇街（", 0) == 0);
    CHECK(town.body["queues"].empty());
    auto provider = env.signed_in("provider").get("/api/v1/queues");
    REQUIRE(provider.status == 200);
    CHECK(provider.body["scope"] == "provider");
    CHECK(env.signed_in("kiosk").get("/api/v1/queues").status == 403);

    // A town user's queue list is its own town's.
    auto town_client = env.signed_in("town");
    auto mine = town_client.get("/api/v1/orders?page_size=200&queue=awaiting_dispatch");
    REQUIRE(mine.status == 200);
    auto me = town_client.get("/api/v1/me");
    for (const auto& o : mine.body["items"]) CHECK(o["town_id"] == me.body["user"]["town_id"]);
    CHECK(sup.get("/api/v1/orders?queue=overdue").status == 400);
}

TEST_CASE("a new booking joins 待派单 and leaves it when dispatched", "[queues][orders][inprocess]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto count = [&] {
        auto r = agent.get("/api/v1/queues");
        REQUIRE(r.status == 200);
        return r.body["queues"][0]["count"].get<std::int64_t>();
    };
    auto elders = agent.get("/api/v1/elders?status=active&page_size=1");
    REQUIRE(!elders.body["items"].empty());
    const auto before = count();
    auto created = agent.post("/api/v1/orders", {{"channel", "hotline"}, {"type", "emergency"},
                                                 {"elder_id", elders.body["items"][0]["id"]}, {"description", ""}});
    REQUIRE(created.status == 201);
    CHECK(count() == before + 1);
    // An emergency heads the queue.
    auto list = agent.get("/api/v1/orders?queue=awaiting_dispatch&page_size=5");
    REQUIRE(list.status == 200);
    CHECK(list.body["items"][0]["urgency"] == "emergency");
    const auto id = created.body["order"]["id"].get<std::int64_t>();
    auto c = agent.post("/api/v1/orders/" + std::to_string(id) + "/transitions", {{"action", "cancel"}, {"reason", "测试"}});
    REQUIRE(c.status == 200);
    CHECK(count() == before);
}

}  // namespace test_find_queues
