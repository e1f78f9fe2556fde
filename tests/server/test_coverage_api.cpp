// GET /api/v1/coverage (server/http/coverage_routes.cpp, issue 12's service map) on the suite's real server and
// SQLite file: the reply's shape, the category and town filters, every count of people suppressed below the
// threshold ("<5", never 1..4), no elder's position anywhere in it, the kiosk may read it, bad queries refused in
// Chinese, and the cache: a repeat is the stored reply until a write moves the data version, after which a moved
// or added service point shows.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "harness.hpp"
#include "store/database.hpp"
#include "store/reference.hpp"
#include "yiyang/wire/coverage.hpp"

namespace test_coverage_api {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::TestEnv;

namespace {

wire::CoverageReply coverage_of(ApiClient& c, const std::string& query) {
    const auto r = c.get("/api/v1/coverage?" + query);
    INFO(query << " → " << r.status << " " << r.body.dump().substr(0, 300));
    REQUIRE(r.status == 200);
    std::string err;
    const auto reply = wire::read_reply<wire::CoverageReply>(r.body, &err);
    INFO(err);
    REQUIRE(reply.has_value());
    return *reply;
}

// Every count of people is a number ≥ the threshold or 0, or hidden as "<5" with no number.
void check_suppressed(const disclosure::PublicCount& c) {
    if (c.value) {
        CHECK((*c.value == 0 || *c.value >= 5));
        CHECK(c.text == std::to_string(*c.value));
    } else {
        CHECK((c.text == "<5" || c.text == "—"));   // a small cell, or one withheld beside it
    }
}

// The elders' homes. A town's centre is nobody's home: it is where an elder without an address of its own is placed
// (a subscriber imported by other files' cases of this same server gets its town's centre).
std::set<std::pair<int, int>> elder_homes() {
    auto db = store::open_connection(TestEnv::get().database_path(), true);
    std::set<std::pair<int, int>> centres, out;
    for (const auto& t : store::all_towns(*db)) centres.insert({t.centre.lat_e6, t.centre.lon_e6});
    SQLite::Statement q(*db, "SELECT lat_e6, lon_e6 FROM elders");
    while (q.executeStep()) {
        const std::pair<int, int> home{q.getColumn(0).getInt(), q.getColumn(1).getInt()};
        if (!centres.count(home)) out.insert(home);
    }
    return out;
}

// Any write through the server (a booking): the data version moves.
void some_write(ApiClient& agent) {
    const auto setup = yiyang::test::provider_one_setup(agent);
    REQUIRE(agent.post("/api/v1/orders", yiyang::test::booking_body(setup, "测试：服务地图缓存")).status == 201);
}

}  // namespace

TEST_CASE("coverage: the reply's shape, suppression, and no elder's position", "[coverage_api][inprocess]") {
    auto sup = TestEnv::get().signed_in("supervisor");
    const auto any = coverage_of(sup, "category=any");
    CHECK(any.category == "any");
    CHECK(any.name_zh == "任一养老服务网点");
    CHECK(any.categories.size() == 5);
    CHECK(any.reach_metres == 769);
    CHECK(any.schematic_note == "示意图：镇街范围按中心位置近似");
    CHECK(any.cell_metres == 1000);
    REQUIRE(any.towns.size() >= 10);
    CHECK_FALSE(any.service_points.empty());
    CHECK(any.points == static_cast<std::int64_t>(any.service_points.size()));
    REQUIRE(any.elders.value.has_value());
    CHECK(*any.elders.value > 100);
    std::int64_t shown = 0, hidden = 0;
    for (const auto& t : any.towns) {
        CHECK(t.region.size() >= 3);
        CHECK_FALSE(t.name.empty());
        check_suppressed(t.elders);
        check_suppressed(t.covered);
        if (!t.elders.value) CHECK(t.rate.text == "—");
    }
    for (const auto& c : any.cells) {
        check_suppressed(c.elders);
        if (c.elders.value) shown += *c.elders.value;
        else ++hidden;
    }
    for (const auto& g : any.gaps) check_suppressed(g.uncovered);
    if (any.suggestion) check_suppressed(any.suggestion->newly_covered);
    CHECK(hidden > 0);   // 300 elders over 23 towns: some cells hold 1..4 of them
    CHECK(shown < *any.elders.value);
    // No elder's home anywhere: the reply's positions are town centres, region corners, points, gap and cell centres.
    const auto homes = elder_homes();
    std::vector<GeoPoint> places;
    for (const auto& t : any.towns) {
        places.push_back(t.centre);
        places.insert(places.end(), t.region.begin(), t.region.end());
    }
    for (const auto& p : any.service_points) places.push_back(p.at);
    for (const auto& g : any.gaps) places.push_back(g.centre);
    if (any.suggestion) places.push_back(any.suggestion->at);
    for (const auto& g : places) CHECK(homes.count({g.lat_e6, g.lon_e6}) == 0);
    // The kiosk reads the same reply.
    auto kiosk = TestEnv::get().signed_in("kiosk");
    CHECK(kiosk.get("/api/v1/coverage?category=any").body == sup.get("/api/v1/coverage?category=any").body);
}

TEST_CASE("coverage: the category and town filters", "[coverage_api]") {
    auto sup = TestEnv::get().signed_in("supervisor");
    const auto any = coverage_of(sup, "category=any");
    const auto meals = coverage_of(sup, "category=meals");
    CHECK(meals.category == "meals");
    CHECK(meals.points <= any.points);
    for (const auto& p : meals.service_points)
        CHECK(std::find(p.categories.begin(), p.categories.end(), "meals") != p.categories.end());
    CHECK(meals.elders == any.elders);   // the same elders, another circle
    REQUIRE_FALSE(any.towns.empty());
    const Id town = any.towns.front().town;
    const auto one = coverage_of(sup, "category=any&town=" + std::to_string(town));
    REQUIRE(one.towns.size() == 1);
    CHECK(one.towns[0] == any.towns.front());
    CHECK(one.town == town);
    CHECK(one.elders == any.elders);   // city-wide figures stay
    for (const auto& p : one.service_points) CHECK(p.town == town);
    for (const auto& c : one.cells) CHECK(c.town == town);
}

TEST_CASE("coverage: bad queries are refused in Chinese, naming the parameter", "[coverage_api]") {
    auto sup = TestEnv::get().signed_in("supervisor");
    for (const char* q : {"", "category=", "category=swimming", "category=any&town=999999", "category=any&town=abc",
                          "category=any&town=-1"}) {
        const auto r = sup.get(std::string("/api/v1/coverage?") + q);
        INFO(q << " → " << r.body.dump());
        CHECK(r.status == 400);
        CHECK(r.body["error"]["code"] == "bad_query");
        const auto msg = r.body["error"]["message"].get<std::string>();
        CHECK(msg.find("查询参数") != std::string::npos);
        CHECK((msg.find("category") != std::string::npos || msg.find("town") != std::string::npos));
    }
    const auto r = sup.get("/api/v1/coverage?category=swimming");
    CHECK(r.body["error"]["message"].get<std::string>().find("meals（助餐）") != std::string::npos);
}

TEST_CASE("coverage: cached until a write; a moved or added point then shows", "[coverage_api][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto agent = env.signed_in("agent");
    const auto before = coverage_of(sup, "category=any");
    REQUIRE_FALSE(before.service_points.empty());
    const auto moved = before.service_points.front();
    const GeoPoint far{moved.at.lat_e6 + 3'000, moved.at.lon_e6 + 4'000};
    {
        auto db = store::open_connection(env.database_path(), false);
        SQLite::Statement up(*db, "UPDATE service_points SET lat_e6 = ?, lon_e6 = ? WHERE id = ?");
        up.bind(1, far.lat_e6);
        up.bind(2, far.lon_e6);
        up.bind(3, moved.id);
        REQUIRE(up.exec() == 1);
        SQLite::Statement add(*db, "INSERT INTO service_points (id, provider_id, name, town_id, address, lat_e6, lon_e6) "
                                   "SELECT 990001, provider_id, '测试新增网点', town_id, '', lat_e6 + 5000, lon_e6 FROM service_points WHERE id = ?");
        add.bind(1, moved.id);
        REQUIRE(add.exec() == 1);
    }
    // Not written through the server: the data version has not moved, the stored reply is served.
    CHECK(coverage_of(sup, "category=any") == before);
    some_write(agent);
    const auto after = coverage_of(sup, "category=any");
    const auto it = std::find_if(after.service_points.begin(), after.service_points.end(),
                                 [&](const wire::CoveragePoint& p) { return p.id == moved.id; });
    REQUIRE(it != after.service_points.end());
    CHECK(it->at == far);
    CHECK(after.points == before.points + 1);
    CHECK(std::any_of(after.service_points.begin(), after.service_points.end(),
                      [](const wire::CoveragePoint& p) { return p.id == 990001 && p.name == "测试新增网点"; }));
    {   // put the data back for the other suites' figures
        auto db = store::open_connection(env.database_path(), false);
        db->exec("DELETE FROM service_points WHERE id = 990001");
        SQLite::Statement up(*db, "UPDATE service_points SET lat_e6 = ?, lon_e6 = ? WHERE id = ?");
        up.bind(1, moved.at.lat_e6);
        up.bind(2, moved.at.lon_e6);
        up.bind(3, moved.id);
        up.exec();
    }
    some_write(agent);
    CHECK(coverage_of(sup, "category=any").service_points == before.service_points);
}

}  // namespace test_coverage_api
