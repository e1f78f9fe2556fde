// 新来电's lookup by name through the API: any 2+ characters of the name give a short list (name, masked phone,
// town, age band) for every seat role — phones masked even for roles that see them in full, no ID numbers, and
// no way to reach into phone numbers by a fragment; picking one is the audited lookup by elder.
#include <catch2/catch.hpp>

#include <set>

#include "harness.hpp"

namespace test_callers {

using namespace yiyang::test;

namespace {

std::string enc(const std::string& s) { return httplib::detail::encode_query_param(s); }

// An active elder with a name of 3+ characters, as a supervisor sees it (full phone and ID number).
json some_elder(ApiClient& sup) {
    auto page = sup.get("/api/v1/elders?status=active&page_size=50");
    REQUIRE(page.status == 200);
    for (const auto& e : page.body["items"]) {
        if (split_chars(e["name"].get<std::string>()).size() >= 3 && !e["phone"].get<std::string>().empty()) return e;
    }
    FAIL("no active elder with a 3-character name in the demo city");
    return {};
}

}  // namespace

TEST_CASE("caller lookup by name: 2 characters anywhere in the name, a short list masked for every role",
          "[callers]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const json e = some_elder(sup);
    const auto cs = split_chars(e["name"].get<std::string>());
    const std::string part = cs[cs.size() - 2] + cs[cs.size() - 1];   // the given name: not a prefix
    const std::string full_phone = e["phone"].get<std::string>();
    INFO("elder " << e["id"] << " " << e["name"] << ", searching " << part);

    for (const std::string role : {"agent", "supervisor", "admin"}) {
        INFO("role " << role);
        auto c = env.signed_in(role);
        auto r = c.get("/api/v1/callers/by-name?q=" + enc(part));
        INFO(r.raw);
        REQUIRE(r.status == 200);
        CHECK(r.body["q"] == part);
        REQUIRE(r.body["candidates"].is_array());
        CHECK(r.body["candidates"].size() <= 8);
        bool found = false;
        for (const auto& x : r.body["candidates"]) {
            CHECK(x["name"].get<std::string>().find(part) != std::string::npos);   // these roles see names
            const std::string phone = x["phone"].get<std::string>();
            CHECK(phone.find("****") != std::string::npos);                        // masked for every role
            CHECK_FALSE(x.contains("id_number"));
            CHECK_FALSE(x.contains("birth_date"));
            CHECK_FALSE(x.contains("age"));                                        // a band, not the age
            CHECK(x["age_band"].get<std::string>().find("岁") != std::string::npos);
            CHECK_FALSE(x["town_name"].get<std::string>().empty());
            if (x["elder_id"] == e["id"]) {
                found = true;
                CHECK(phone != full_phone);
                CHECK(phone.substr(phone.size() - 4) == full_phone.substr(full_phone.size() - 4));
            }
        }
        // The list is by id, at most 8: the elder is in it unless more than 8 share the fragment.
        CHECK((found || r.body["more"] == true));
    }

    // Anti-enumeration: a name search never reaches into numbers, whatever the role sees in full.
    for (const std::string role : {"agent", "supervisor"}) {
        auto c = env.signed_in(role);
        for (const std::string& q : std::vector<std::string>{full_phone.substr(3, 4), full_phone.substr(0, 7), part + "1",
                                                            "ab", "王*", cs[0], ""}) {
            INFO(role << " q=" << q);
            auto r = c.get("/api/v1/callers/by-name?q=" + enc(q));
            CHECK(r.status == 400);
            CHECK(r.body["error"]["code"] == "bad_query");
        }
    }
    // Seats only, like the lookup by number.
    for (const std::string role : {"town", "provider", "kiosk"}) {
        CHECK(env.signed_in(role).get("/api/v1/callers/by-name?q=" + enc(part)).status == 403);
    }
    CHECK(env.client().get("/api/v1/callers/by-name?q=" + enc(part)).status == 401);
}

TEST_CASE("caller lookup by name: picking from the list is the audited lookup, masked as the role sees it",
          "[callers]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto agent = env.signed_in("agent");
    const json e = some_elder(sup);
    const std::string id = std::to_string(e["id"].get<std::int64_t>());

    auto picked = agent.get("/api/v1/callers/lookup?elder=" + id);
    INFO(picked.raw);
    REQUIRE(picked.status == 200);
    CHECK(picked.body["by"] == "elder");
    REQUIRE(picked.body["elders"].size() == 1);
    const json& x = picked.body["elders"][0];
    CHECK(x["id"] == e["id"]);
    CHECK(x["phone"] != e["phone"]);                       // an agent sees phones masked
    CHECK(x["phone"].get<std::string>().find("****") != std::string::npos);
    CHECK(x["id_number"] != e["id_number"]);
    CHECK(picked.body["audit_id"].get<std::int64_t>() > 0);

    auto full = sup.get("/api/v1/callers/lookup?elder=" + id);
    REQUIRE(full.status == 200);
    CHECK(full.body["elders"][0]["phone"] == e["phone"]);   // a supervisor sees them in full

    // One kind of key at a time; an unknown elder is an empty (audited) answer, like an unknown number.
    CHECK(agent.get("/api/v1/callers/lookup?elder=" + id + "&phone=" + e["phone"].get<std::string>()).status == 400);
    CHECK(agent.get("/api/v1/callers/lookup?elder=abc").status == 400);
    auto none = agent.get("/api/v1/callers/lookup?elder=999999999");
    REQUIRE(none.status == 200);
    CHECK(none.body["elders"].empty());
    CHECK(env.signed_in("town").get("/api/v1/callers/lookup?elder=" + id).status == 403);
}

}  // namespace test_callers
