// The public portal's API (/api/v1/public/…, issue 12, portal part) against the real server: no sign-in; a request
// becomes a 公众端 work order in the agents' queue, audited as 公众端; the status page by ack code + phone tail, the
// same not-found for a wrong code and a wrong tail; rate limits with Retry-After; hostile inputs refused with the
// fields named; nothing personal in any reply; the portal acceptance rate counts the new order.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "harness.hpp"
#include "yiyang/date.hpp"
#include "yiyang/public_portal.hpp"

namespace test_public_portal {

using namespace yiyang::test;

namespace {

std::atomic<int> next_address{1};

// A client that speaks from its own address (the in-process server's peer is loopback, a trusted proxy, so
// X-Real-IP is believed as it is from nginx) — each case gets fresh rate-limit buckets.
struct PublicClient {
    ApiClient c = TestEnv::get().client();
    std::string address = "198.51.100." + std::to_string(next_address++);
    Reply post(const std::string& path, const json& body) {
        return c.send("POST", path, body.dump(), {{"X-Yiyang-Request", "1"}, {"X-Real-IP", address}});
    }
    Reply get(const std::string& path) { return c.send("GET", path, "", {{"X-Real-IP", address}}); }
};

std::string fresh_phone() {
    static std::atomic<int> n{0};
    const auto t = static_cast<long long>(std::time(nullptr) % 100000);
    char buf[16];
    std::snprintf(buf, sizeof buf, "139%03d%05lld", n++ % 1000, t);
    return buf;
}

std::int64_t some_town(PublicClient& p) {
    auto ref = p.get("/api/v1/public/reference");
    REQUIRE(ref.status == 200);
    REQUIRE_FALSE(ref.body["towns"].empty());
    return ref.body["towns"][0]["id"].get<std::int64_t>();
}

json request_body(std::int64_t town, const std::string& phone) {
    return {{"kind", "consultation"}, {"name", "测试市民"}, {"phone", phone}, {"town_id", town},
            {"categories", {"meals"}}, {"text", "想了解长者饭堂的开放时间"}};
}

// Nothing a public reply says may look like a mobile number, an ID number or the requester's name.
void no_personal_data(const std::string& raw, const std::string& name = "测试市民") {
    static const std::regex mobile(R"((^|[^0-9])1[3-9][0-9]{9}([^0-9]|$))");
    static const std::regex id_number(R"([1-9][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9]{4}[0-9Xx])");
    CHECK_FALSE(std::regex_search(raw, mobile));
    CHECK_FALSE(std::regex_search(raw, id_number));
    CHECK(raw.find(name) == std::string::npos);
}

}  // namespace

TEST_CASE("public portal: a request becomes a 公众端 order in the agents' queue, with a receipt and a status page", "[portal]") {
    PublicClient p;
    const auto town = some_town(p);
    const auto phone = fresh_phone();
    auto r = p.post("/api/v1/public/requests", request_body(town, phone));
    REQUIRE(r.status == 201);
    const auto ack = r.body["ack_code"].get<std::string>();
    CHECK(std::regex_match(ack, std::regex("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}")));
    CHECK(r.body["status_words"] == "已收到，正在安排工作人员处理");
    no_personal_data(r.raw);

    // The agents' queue: newest public_portal order carries the contact for the call back; not the ack code.
    auto agent = TestEnv::get().signed_in("agent");
    auto list = agent.get("/api/v1/orders?channel=public_portal&status=received&sort=-id&page_size=5");
    REQUIRE(list.status == 200);
    REQUIRE_FALSE(list.body["items"].empty());
    const auto& order = list.body["items"][0]["order"].is_object() ? list.body["items"][0]["order"] : list.body["items"][0];
    CHECK(order["channel"] == "public_portal");
    CHECK(order["type"] == "consultation");
    CHECK(order["town_id"] == town);
    const auto description = order["description"].get<std::string>();
    CHECK(description.find(phone) != std::string::npos);
    CHECK(description.find("长者饭堂") != std::string::npos);
    CHECK(list.raw.find(ack) == std::string::npos);   // the receipt is the requester's, not in the order
    CHECK(list.raw.find(ack.substr(0, 5) + ack.substr(6)) == std::string::npos);
    const auto id = order["id"].get<std::int64_t>();

    // Audited as 公众端.
    auto admin = TestEnv::get().signed_in("admin");
    auto history = admin.get("/api/v1/orders/" + std::to_string(id) + "/history");
    REQUIRE(history.status == 200);
    CHECK(history.raw.find("公众端") != std::string::npos);

    // Status by code + tail; the code typed in lower case without the dash is the same code.
    std::string typed = ack;
    typed.erase(5, 1);
    for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto s = p.post("/api/v1/public/requests/status", {{"code", typed}, {"phone_tail", phone.substr(7)}});
    REQUIRE(s.status == 200);
    CHECK(s.body["ack_code"] == ack);
    CHECK(s.body["status"] == "received");
    CHECK(s.body["steps"].size() == 1);
    CHECK(s.body["steps"][0]["words"] == "收到您的诉求");
    no_personal_data(s.raw);

    // The order moves: the status page says so in plain words.
    REQUIRE(transition(agent, id, {{"action", "answer_on_spot"}}).status == 200);
    s = p.post("/api/v1/public/requests/status", {{"code", ack}, {"phone_tail", phone.substr(7)}});
    REQUIRE(s.status == 200);
    CHECK(s.body["status"] == "answered_on_spot");
    CHECK(s.body["status_words"] == "工作人员已答复");
    CHECK(s.body["steps"].size() == 2);

    // A wrong tail and a wrong (well-formed) code: the same 404, word for word.
    const std::string wrong_tail = phone.substr(7) == "0000" ? "1111" : "0000";
    auto bad_tail = p.post("/api/v1/public/requests/status", {{"code", ack}, {"phone_tail", wrong_tail}});
    std::string other = ack;
    other[0] = other[0] == 'A' ? 'B' : 'A';
    auto bad_code = p.post("/api/v1/public/requests/status", {{"code", other}, {"phone_tail", phone.substr(7)}});
    CHECK(bad_tail.status == 404);
    CHECK(bad_code.status == 404);
    CHECK(bad_tail.raw == bad_code.raw);
}

TEST_CASE("public portal: the portal acceptance rate counts the requests", "[portal][kpis]") {
    auto admin = TestEnv::get().signed_in("admin");
    const auto month = yiyang::format_date(yiyang::date_of(server_clock(admin))).substr(0, 7);
    auto den = [&](const char* side) {
        auto k = admin.get("/api/v1/kpis?period=" + month);
        REQUIRE(k.status == 200);
        for (const auto& i : k.body["items"]) {
            if (i["code"] == "portal_acceptance_rate") return i["value"][side].get<std::int64_t>();
        }
        FAIL("portal_acceptance_rate missing");
        return std::int64_t{0};
    };
    const auto den_before = den("den");
    const auto num_before = den("num");
    PublicClient p;
    auto r = p.post("/api/v1/public/requests", request_body(some_town(p), fresh_phone()));
    REQUIRE(r.status == 201);
    CHECK(den("den") == den_before + 1);
    CHECK(den("num") == num_before);   // received, not yet handled
}

// [direct]: it speaks from many client addresses (X-Real-IP, believed from the loopback peer); behind nginx every
// request comes from the proxy's one address, which nginx sets itself.
TEST_CASE("public portal: rate limits per address and per phone, with Retry-After", "[portal][direct]") {
    const yiyang::portal::PortalRule rule;   // the seeded rule's figures are the type's defaults
    PublicClient p;
    const auto town = some_town(p);
    const auto phone = fresh_phone();
    for (std::int64_t i = 0; i < rule.per_phone.max; ++i) {
        PublicClient other;   // each from another address: the phone's limit is what is reached
        REQUIRE(other.post("/api/v1/public/requests", request_body(town, phone)).status == 201);
    }
    auto refused = p.post("/api/v1/public/requests", request_body(town, phone));
    CHECK(refused.status == 429);
    CHECK(refused.body["error"]["code"] == "rate_limited");
    CHECK(refused.body["error"]["message"].get<std::string>().find("手机号") != std::string::npos);
    const auto retry = std::stoll(refused.header("Retry-After"));
    CHECK(retry > 0);
    CHECK(retry <= rule.per_phone.window_minutes * 60);

    // Per address: max requests with different phones, then the next one is refused.
    PublicClient busy;
    for (std::int64_t i = 0; i < rule.per_address.max; ++i) {
        const auto r = busy.post("/api/v1/public/requests", request_body(town, fresh_phone()));
        REQUIRE(r.status == 201);
    }
    auto again = busy.post("/api/v1/public/requests", request_body(town, fresh_phone()));
    CHECK(again.status == 429);
    CHECK(again.body["error"]["message"].get<std::string>().find("太频繁") != std::string::npos);
    CHECK_FALSE(again.header("Retry-After").empty());
    // Another address is not held back by it.
    PublicClient fresh;
    CHECK(fresh.post("/api/v1/public/requests", request_body(town, fresh_phone())).status == 201);
}

TEST_CASE("public portal: hostile inputs are refused whole, naming the fields", "[portal]") {
    PublicClient p;
    const auto town = some_town(p);
    auto agent = TestEnv::get().signed_in("agent");
    auto newest = [&] {
        auto l = agent.get("/api/v1/orders?channel=public_portal&sort=-id&page_size=1");
        REQUIRE(l.status == 200);
        return l.body["total"].get<std::int64_t>();
    };
    const auto before = newest();
    auto fields_of = [](const Reply& r) {
        std::set<std::string> out;
        for (const auto& f : r.body["error"]["fields"]) out.insert(f["field"].get<std::string>());
        return out;
    };
    // Everything missing: each required field named.
    auto r = p.post("/api/v1/public/requests", json::object());
    CHECK(r.status == 422);
    CHECK(fields_of(r) == std::set<std::string>{"name", "phone", "town_id", "text"});
    // Wrong phone, too long text, control characters in the name, unknown member, unknown town, bad category.
    json body = request_body(town, "1234");
    body["text"] = std::string(501 * 3, 'x').substr(0, 501);
    body["name"] = "张\x01三";
    body["extra"] = 1;
    r = p.post("/api/v1/public/requests", body);
    CHECK(r.status == 422);
    CHECK(fields_of(r) == std::set<std::string>{"phone", "text", "name", "extra"});
    for (const auto& f : r.body["error"]["fields"]) CHECK_FALSE(f["message"].get<std::string>().empty());
    body = request_body(999999, fresh_phone());
    r = p.post("/api/v1/public/requests", body);
    CHECK(r.status == 422);
    CHECK(fields_of(r) == std::set<std::string>{"town_id"});
    body = request_body(town, fresh_phone());
    body["categories"] = {"no_such"};
    r = p.post("/api/v1/public/requests", body);
    CHECK(r.status == 422);
    CHECK(fields_of(r) == std::set<std::string>{"categories"});
    // Deep nesting and non-objects: refused before reading.
    std::string deep;
    for (int i = 0; i < 200; ++i) deep += "[";
    CHECK(p.c.send("POST", "/api/v1/public/requests", deep, {{"X-Yiyang-Request", "1"}}).status == 400);
    CHECK(p.post("/api/v1/public/requests", json::array()).status == 400);
    // A 500-character text is accepted (the limit is inclusive); a status query with a malformed code is a 422.
    body = request_body(town, fresh_phone());
    body["text"] = std::string(500, 'a');
    CHECK(p.post("/api/v1/public/requests", body).status == 201);
    auto s = p.post("/api/v1/public/requests/status", {{"code", "0OIL1"}, {"phone_tail", "12a4"}});
    CHECK(s.status == 422);
    CHECK(fields_of(s) == std::set<std::string>{"code", "phone_tail"});
    // Nothing half-written: exactly one new order (the valid one).
    CHECK(newest() == before + 1);
}

TEST_CASE("public portal: reads show only published providers' public fields", "[portal]") {
    PublicClient p;
    auto points = p.get("/api/v1/public/points?page_size=50");
    REQUIRE(points.status == 200);
    CHECK(points.body["total"].get<std::int64_t>() > 0);
    no_personal_data(points.raw);
    auto admin = TestEnv::get().signed_in("admin");
    auto providers = admin.get("/api/v1/providers?page_size=200");
    REQUIRE(providers.status == 200);
    std::set<std::string> published, hidden;
    for (const auto& pr : providers.body["items"]) {
        const bool pub = pr["published_on_miniprogram"] == true && pr["status"] == "active";
        (pub ? published : hidden).insert(pr["name"].get<std::string>());
    }
    auto pub_list = p.get("/api/v1/public/providers?page_size=50");
    REQUIRE(pub_list.status == 200);
    for (const auto& pr : pub_list.body["items"]) {
        CHECK(published.count(pr["name"].get<std::string>()) == 1);
        const auto phone = pr["phone"].get<std::string>();
        CHECK((phone.empty() || phone[0] == '0' || phone.rfind("400", 0) == 0));
    }
    for (const auto& pt : points.body["items"]) CHECK(hidden.count(pt["provider_name"].get<std::string>()) == 0);
    no_personal_data(pub_list.raw);
    // By town: every point in that town.
    const auto town = some_town(p);
    auto in_town = p.get("/api/v1/public/points?town=" + std::to_string(town));
    REQUIRE(in_town.status == 200);
    for (const auto& pt : in_town.body["items"]) CHECK(pt["town_id"] == town);
    CHECK(p.get("/api/v1/public/points?category=nope").status == 400);

    // Policies: public kinds only, never the agents' generated provider articles.
    auto pol = p.get("/api/v1/public/policies?page_size=50");
    REQUIRE(pol.status == 200);
    CHECK(pol.body["total"].get<std::int64_t>() > 0);
    for (const auto& a : pol.body["items"]) CHECK(a["kind"] != "provider_info");
    CHECK(p.get("/api/v1/public/policies?kind=provider_info").status == 400);
    const auto first = pol.body["items"][0]["id"].get<std::int64_t>();
    auto one = p.get("/api/v1/public/policies/" + std::to_string(first));
    CHECK(one.status == 200);
    CHECK_FALSE(one.body["body"].get<std::string>().empty());
    auto kb = admin.get("/api/v1/knowledge?kind=provider_info&page_size=1");
    REQUIRE(kb.status == 200);
    if (!kb.body["items"].empty()) {
        CHECK(p.get("/api/v1/public/policies/" + std::to_string(kb.body["items"][0]["id"].get<std::int64_t>())).status == 404);
    }
}

}  // namespace test_public_portal
