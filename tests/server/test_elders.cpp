// Elders through the API: search and paging, role scope and masking, create/update validation with
// field-level Chinese messages, optimistic concurrency, audit history, overview consistency.
#include <catch2/catch.hpp>

#include <set>

#include "harness.hpp"
#include "yiyang/identity.hpp"

namespace test_elders {

using namespace yiyang::test;

namespace {

// A valid resident ID for a birth date and sequence (check digit by the shared algorithm).
std::string make_id(const std::string& birth8, int seq) {
    char s[4];
    std::snprintf(s, sizeof s, "%03d", seq);
    std::string first17 = "442000" + birth8 + s;
    return first17 + yiyang::resident_id_check_char(first17);
}

// A unique ID per call so the suite can run twice against one external server.
std::string fresh_id() {
    static int seq = static_cast<int>(std::time(nullptr) % 900) + 1;
    seq = seq % 998 + 1;
    return make_id("1951" + std::string(seq % 2 ? "03" : "07") + "15", seq);
}

json new_elder(const std::string& name, const std::string& id_number) {
    return {{"name", name}, {"id_number", id_number}, {"phone", "13800138000"}, {"town_id", 1},
            {"community", "测试社区"}, {"address", "中山市石岐街道测试路1号"}, {"categories", {"living_alone"}},
            {"disability", "none"}, {"status", "active"}};
}

}  // namespace

TEST_CASE("elder list pages and filters", "[elders]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto all = c.get("/api/v1/elders?page_size=5");
    REQUIRE(all.status == 200);
    const auto total = all.body["total"].get<std::int64_t>();
    REQUIRE(total > 5);
    REQUIRE(all.body["items"].size() == 5);
    auto page2 = c.get("/api/v1/elders?page_size=5&page=2");
    REQUIRE(page2.body["items"].size() == 5);
    CHECK(page2.body["items"][0]["id"].get<std::int64_t>() > all.body["items"][4]["id"].get<std::int64_t>());

    auto town = c.get("/api/v1/elders?town=2&page_size=200");
    REQUIRE(town.status == 200);
    for (const auto& e : town.body["items"]) CHECK(e["town_id"] == 2);
    CHECK(town.body["total"].get<std::int64_t>() < total);

    auto cat = c.get("/api/v1/elders?category=empty_nest&status=active&page_size=200");
    REQUIRE(cat.status == 200);
    REQUIRE(cat.body["total"].get<std::int64_t>() > 0);
    for (const auto& e : cat.body["items"]) {
        CHECK(e["status"] == "active");
        auto cats = e["categories"].get<std::set<std::string>>();
        CHECK(cats.count("empty_nest") == 1);
    }
}

TEST_CASE("search by name fragment and ID fragment", "[elders]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto first = c.get("/api/v1/elders?page_size=1").body["items"][0];
    const auto name = first["name"].get<std::string>();
    const auto id_number = first["id_number"].get<std::string>();
    auto by_id = c.get("/api/v1/elders?q=" + id_number.substr(6, 8));   // the birth date part
    REQUIRE(by_id.status == 200);
    bool found = false;
    for (const auto& e : by_id.body["items"]) found |= e["id"] == first["id"];
    CHECK((found || by_id.body["total"].get<int>() > 20));
    auto surname = name.substr(0, 3);   // first UTF-8 character of a Chinese name
    auto by_surname = c.get("/api/v1/elders?q=" + httplib::detail::encode_query_param(surname) + "&page_size=200");
    REQUIRE(by_surname.status == 200);
    REQUIRE(by_surname.body["total"].get<int>() >= 1);
    for (const auto& e : by_surname.body["items"]) CHECK(e["name"].get<std::string>().rfind(surname, 0) == 0);
}

TEST_CASE("bad query parameters say which parameter is wrong", "[elders]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto big = c.get("/api/v1/elders?page_size=1000");
    REQUIRE(big.status == 400);
    CHECK(big.body["error"]["message"].get<std::string>().find("page_size") != std::string::npos);
    auto cat = c.get("/api/v1/elders?category=rich");
    REQUIRE(cat.status == 400);
    CHECK(cat.body["error"]["message"].get<std::string>().find("category") != std::string::npos);
    CHECK(c.get("/api/v1/elders/abc").status == 404);
    CHECK(c.get("/api/v1/elders/999999999").status == 404);
}

TEST_CASE("each role sees elders through its own scope and masks", "[elders][roles]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor").get("/api/v1/elders?page_size=3");
    REQUIRE(sup.status == 200);
    CHECK(sup.body["items"][0]["id_number"].get<std::string>().find('*') == std::string::npos);

    auto agent = env.signed_in("agent").get("/api/v1/elders?page_size=3");
    REQUIRE(agent.status == 200);
    CHECK(agent.body["masked"] == true);
    const auto masked = agent.body["items"][0]["id_number"].get<std::string>();
    CHECK(masked.size() == 18);
    CHECK(masked.substr(6, 10) == "**********");   // birth date and the first two sequence digits (identity.cpp)
    CHECK_FALSE(agent.body["items"][0].contains("birth_date"));
    CHECK(agent.body["items"][0]["age"].get<int>() >= 60);
    CHECK(agent.body["items"][0]["health_notes"] == "");

    auto town = env.signed_in("town");
    auto own = town.get("/api/v1/elders?page_size=200");
    REQUIRE(own.status == 200);
    for (const auto& e : own.body["items"]) CHECK(e["town_id"] == 1);
    CHECK(town.get("/api/v1/elders?town=2").status == 403);
    auto other = env.signed_in("supervisor").get("/api/v1/elders?town=2&page_size=1").body["items"][0]["id"];
    CHECK(town.get("/api/v1/elders/" + std::to_string(other.get<std::int64_t>())).status == 403);

    auto kiosk = env.signed_in("kiosk");
    CHECK(kiosk.get("/api/v1/elders").status == 403);
    CHECK(kiosk.get("/api/v1/overview").status == 200);

    auto provider = env.signed_in("provider");
    auto served = provider.get("/api/v1/elders?page_size=200");
    REQUIRE(served.status == 200);
    CHECK(served.body["total"].get<std::int64_t>() < sup.body["total"].get<std::int64_t>());
    CHECK(provider.post("/api/v1/elders", new_elder("王小明", fresh_id())).status == 403);
}

TEST_CASE("a bad ID number is refused with the failing part named, nothing saved", "[elders][validation]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto good = fresh_id();
    std::string bad = good;
    bad[17] = bad[17] == '0' ? '1' : '0';
    auto before = c.get("/api/v1/elders?page_size=1").body["total"].get<std::int64_t>();
    auto r = c.post("/api/v1/elders", new_elder("李秀英", bad));
    REQUIRE(r.status == 422);
    REQUIRE(r.body["error"]["fields"].size() >= 1);
    CHECK(r.body["error"]["fields"][0]["field"] == "id_number");
    CHECK(r.body["error"]["fields"][0]["code"] == "checksum");
    CHECK(r.body["error"]["fields"][0]["message"].get<std::string>().find("校验") != std::string::npos);
    auto after = c.get("/api/v1/elders?page_size=1").body["total"].get<std::int64_t>();
    CHECK(before == after);

    auto several = c.post("/api/v1/elders", {{"name", ""}, {"id_number", "123"}, {"phone", "12345"}, {"town_id", 9999},
                                              {"categories", json::array()}, {"disability", "none"}, {"status", "active"}});
    REQUIRE(several.status == 422);
    std::set<std::string> fields;
    for (const auto& f : several.body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
    CHECK(fields.count("name") == 1);
    CHECK(fields.count("id_number") == 1);
    CHECK(fields.count("phone") == 1);
    CHECK(fields.count("town_id") == 1);

    auto unknown = c.post("/api/v1/elders", [&] { auto e = new_elder("李秀英", fresh_id()); e["nmae"] = "x"; return e; }());
    REQUIRE(unknown.status == 422);
    CHECK(unknown.body["error"]["fields"][0]["field"] == "nmae");

    auto not_json = c.send("POST", "/api/v1/elders", "{name:", {{"X-Yiyang-Request", "1"}});
    CHECK(not_json.status == 400);
}

TEST_CASE("create, read, update with version check, and the audit trail", "[elders][audit]") {
    auto c = TestEnv::get().signed_in("supervisor");
    const auto id_number = fresh_id();
    auto created = c.post("/api/v1/elders", new_elder("陈桂芳", id_number));
    REQUIRE(created.status == 201);
    auto e = created.body["elder"];
    const auto id = std::to_string(e["id"].get<std::int64_t>());
    CHECK(e["name"] == "陈桂芳");
    CHECK(e["birth_date"].get<std::string>() == id_number.substr(6, 4) + "-" + id_number.substr(10, 2) + "-" +
                                                    id_number.substr(12, 2));
    CHECK(e["version"] == 1);

    auto dup = c.post("/api/v1/elders", new_elder("陈桂芳", id_number));
    REQUIRE(dup.status == 409);
    CHECK(dup.body["error"]["fields"][0]["field"] == "id_number");

    auto edit = e;
    edit.erase("id");
    edit["address"] = "中山市石岐街道新地址8号";
    auto updated = c.put("/api/v1/elders/" + id, edit);
    REQUIRE(updated.status == 200);
    CHECK(updated.body["elder"]["version"] == 2);
    CHECK(updated.body["elder"]["address"] == "中山市石岐街道新地址8号");

    auto stale = c.put("/api/v1/elders/" + id, edit);   // still version 1
    REQUIRE(stale.status == 409);
    CHECK(stale.body["error"]["message"].get<std::string>().find("已被他人修改") != std::string::npos);

    auto history = c.get("/api/v1/elders/" + id + "/history");
    REQUIRE(history.status == 200);
    // Changes, and the refused duplicate: "already registered (number N)" confirms an ID, an audited lookup.
    json changes = json::array();
    int lookups = 0;
    for (const auto& ev : history.body["events"]) {
        if (ev["action"] == "lookup") ++lookups; else changes.push_back(ev);
    }
    CHECK(lookups == 1);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0]["action"] == "update");
    CHECK(changes[0]["changes"]["address"][1] == "中山市石岐街道新地址8号");
    CHECK(changes[1]["action"] == "create");
    CHECK(changes[0]["actor"] == TestEnv::get().user("supervisor").first);
}

TEST_CASE("an agent editing a masked record keeps the hidden values", "[elders][roles]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto id_number = fresh_id();
    auto created = sup.post("/api/v1/elders", new_elder("黄美玲", id_number));
    REQUIRE(created.status == 201);
    const auto id = std::to_string(created.body["elder"]["id"].get<std::int64_t>());
    auto agent = env.signed_in("agent");
    auto seen = agent.get("/api/v1/elders/" + id).body["elder"];
    CHECK(seen["id_number"].get<std::string>().find('*') != std::string::npos);
    seen["community"] = "新社区";
    seen.erase("id");
    auto r = agent.put("/api/v1/elders/" + id, seen);
    REQUIRE(r.status == 200);
    auto full = sup.get("/api/v1/elders/" + id).body["elder"];
    CHECK(full["id_number"] == id_number);
    CHECK(full["phone"] == "13800138000");
    CHECK(full["community"] == "新社区");
}

TEST_CASE("the overview adds up and follows writes", "[overview]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto o = c.get("/api/v1/overview");
    REQUIRE(o.status == 200);
    std::int64_t by_town = 0;
    for (const auto& t : o.body["towns"]) by_town += t["active_elders"].get<std::int64_t>();
    CHECK(by_town == o.body["active_elders"].get<std::int64_t>());
    CHECK(o.body["towns"].size() == 23);
    const auto before = o.body["active_elders"].get<std::int64_t>();
    REQUIRE(c.post("/api/v1/elders", new_elder("梁志强", fresh_id())).status == 201);
    CHECK(c.get("/api/v1/overview").body["active_elders"].get<std::int64_t>() == before + 1);
}

TEST_CASE("towns and providers; a provider user sees only itself", "[reference]") {
    auto& env = TestEnv::get();
    auto towns = env.signed_in("agent").get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    REQUIRE(towns.body["towns"].size() == 23);
    CHECK(towns.body["towns"][0]["name"].get<std::string>().size() > 0);
    auto providers = env.signed_in("supervisor").get("/api/v1/providers");
    REQUIRE(providers.status == 200);
    CHECK(providers.body["total"].get<int>() > 1);
    auto own = env.signed_in("provider").get("/api/v1/providers");
    REQUIRE(own.status == 200);
    REQUIRE(own.body["total"] == 1);
    CHECK(own.body["items"][0]["id"] == 1);
    CHECK(env.signed_in("agent").get("/api/v1/providers?status=bogus").status == 400);
}

TEST_CASE("the OpenAPI document lists every endpoint", "[system]") {
    auto r = TestEnv::get().client().get("/api/v1/openapi.json");
    REQUIRE(r.status == 200);
    CHECK(r.body["openapi"] == "3.0.3");
    const auto& paths = r.body["paths"];
    for (const auto& [path, method] : std::vector<std::pair<std::string, std::string>>{
             {"/api/v1/health", "get"}, {"/api/v1/session", "post"}, {"/api/v1/session", "delete"},
             {"/api/v1/me", "get"}, {"/api/v1/me/password", "put"}, {"/api/v1/towns", "get"},
             {"/api/v1/providers", "get"}, {"/api/v1/elders", "get"}, {"/api/v1/elders", "post"},
             {"/api/v1/elders/{id}", "get"}, {"/api/v1/elders/{id}", "put"}, {"/api/v1/elders/{id}/history", "get"},
             {"/api/v1/overview", "get"}, {"/api/v1/openapi.json", "get"}}) {
        INFO(method << " " << path);
        CHECK(paths.contains(path));
        CHECK(paths[path].contains(method));
    }
}

}  // namespace test_elders
