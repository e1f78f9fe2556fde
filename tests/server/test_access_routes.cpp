// Route access is declared once (the route table's permission, published in the OpenAPI document as
// x-permission / x-roles) and enforced by the router: every role outside a route's roles gets 403 before any
// handler runs, anonymous callers get 401, and the document agrees with shared/access.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "harness.hpp"
#include "yiyang/access.hpp"

namespace test_access_routes {

using yiyang::test::TestEnv;

TEST_CASE("every route's declared roles are enforced by the router", "[access]") {
    auto& env = TestEnv::get();
    auto doc = env.client().get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    const std::vector<std::string> roles = {"admin", "supervisor", "agent", "town", "provider", "kiosk", "leader"};
    int declared = 0, refused = 0;
    for (auto& [path, methods] : doc.body["paths"].items()) {
        for (auto& [method, op] : methods.items()) {
            if (!op.contains("x-permission")) continue;
            ++declared;
            // The document's roles are shared/access's.
            const auto code = op["x-permission"].get<std::string>();
            std::set<std::string> allowed;
            for (const auto& r : op["x-roles"]) allowed.insert(r.get<std::string>());
            bool found = false;
            for (auto p : yiyang::all_permissions()) {
                if (code != yiyang::code(p)) continue;
                found = true;
                std::set<std::string> expected;
                for (auto r : yiyang::roles_with(p).roles()) expected.insert(yiyang::code(r));
                CHECK(allowed == expected);
            }
            CHECK(found);
            std::string concrete = path;
            for (const char* hole : {"{id}", "{code}", "{kind}", "{version}", "{id_number}"}) {
                if (auto at = concrete.find(hole); at != std::string::npos) concrete.replace(at, std::strlen(hole), "1");
            }
            std::string m = method;
            for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const std::string body = m == "GET" ? "" : "{}";
            const httplib::Headers headers = {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/json"}};
            // Anonymous: 401 whatever the route.
            {
                auto anon = env.client();
                auto r = anon.send(m, concrete, body, headers);
                INFO(m << " " << concrete << " anonymous");
                CHECK(r.status == 401);
            }
            for (const auto& role : roles) {
                if (allowed.count(role)) continue;
                auto c = env.signed_in(role);
                auto r = c.send(m, concrete, body, headers);
                INFO(m << " " << concrete << " as " << role);
                CHECK(r.status == 403);
                if (concrete.ends_with(".html")) {
                    // A print page opens in a browser tab: the refusal is a Chinese HTML page (test_export.cpp).
                    CHECK(r.raw.find("data-error-code=\"forbidden\"") != std::string::npos);
                    CHECK(r.raw.find("只有") != std::string::npos);
                } else {
                    CHECK(r.body["error"]["code"] == "forbidden");
                    CHECK(r.body["error"]["message"].get<std::string>().find("只有") != std::string::npos);
                }
                ++refused;
            }
        }
    }
    CHECK(declared >= 30);
    CHECK(refused >= 40);
}

}  // namespace test_access_routes
