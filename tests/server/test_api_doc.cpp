// docs/API.md's endpoint index (written by scripts/api-index.py from the route table) names every route with the
// permission it declares, and nothing else: a route added without its row, a row left behind by a removed route, or
// a permission changed in the table but not in the document fails here.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "harness.hpp"

namespace test_api_doc {

using yiyang::test::TestEnv;

namespace {

// "| GET | /api/v1/x | perm (roles) | what |" → {"GET /api/v1/x", "perm (roles)"}, between the index's markers.
std::map<std::string, std::string> index_rows_of_api_md() {
    std::ifstream in(std::string(YIYANG_SOURCE_DIR) + "/docs/API.md");
    REQUIRE(in.good());
    std::map<std::string, std::string> rows;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line == "<!-- api-index:begin -->") inside = true;
        else if (line == "<!-- api-index:end -->") inside = false;
        else if (inside && line.rfind("| ", 0) == 0 && line.find(" | /api/") != std::string::npos) {
            std::vector<std::string> cells;
            std::size_t at = 1;
            while (cells.size() < 3) {
                const auto next = line.find(" | ", at);
                if (next == std::string::npos) break;
                cells.push_back(line.substr(at + 1, next - at - 1));
                at = next + 2;
            }
            REQUIRE(cells.size() == 3);
            INFO(line);
            CHECK(rows.emplace(cells[0] + " " + cells[1], cells[2]).second);   // no route twice
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("docs/API.md indexes every route with its permission, and no route that does not exist", "[system][docs]") {
    auto doc = TestEnv::get().client().get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    auto rows = index_rows_of_api_md();
    REQUIRE(rows.size() > 100);
    int routes = 0;
    for (auto& [path, methods] : doc.body["paths"].items()) {
        for (auto& [method, op] : methods.items()) {
            ++routes;
            std::string upper = method;
            for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const std::string key = upper + " " + path;
            INFO(key << " — run scripts/api-index.py build/native/server/yiyang-server");
            const auto it = rows.find(key);
            CHECK(it != rows.end());
            if (it == rows.end()) continue;
            if (op.contains("x-permission")) {
                // "code (role, role)": the code and the roles the table declares today.
                std::string expected = op["x-permission"].get<std::string>() + " (";
                bool first = true;
                for (const auto& r : op["x-roles"]) {
                    expected += (first ? "" : ", ") + r.get<std::string>();
                    first = false;
                }
                expected += ")";
                CHECK(it->second == expected);
            }
            rows.erase(it);
        }
    }
    INFO("rows naming no route: " << rows.size() << (rows.empty() ? "" : " (first: " + rows.begin()->first + ")"));
    CHECK(rows.empty());
    CHECK(routes > 100);
}

}  // namespace test_api_doc
