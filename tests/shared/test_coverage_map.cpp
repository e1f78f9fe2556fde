// The service map (coverage_map.hpp): schematic town regions (Voronoi cells of the centres, clipped), the density
// layer's cells, and GET /api/v1/coverage's public reply — small cells "<5", complementary suppression, withheld
// rates, the rule's rounding, the town filter, the wire round trip.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support.hpp"
#include "yiyang/coverage_map.hpp"
#include "yiyang/rng.hpp"

namespace test_coverage_map {

using namespace yiyang;
using namespace yiyang::coverage;
using nlohmann::json;

namespace {

constexpr std::int32_t kLat = 22'500'000, kLon = 113'400'000;

CircleRule seed_rule() { return test::load_json("assets/rules/service-circle.json").get<CircleRule>(); }
disclosure::DisclosureRule seed_disclosure() {
    return test::load_json("assets/rules/public-disclosure.json").get<disclosure::DisclosureRule>();
}

Town town(Id id, std::int32_t dlat, std::int32_t dlon) {
    Town t;
    t.id = id;
    t.code = "t" + std::to_string(id);
    t.name = "镇" + std::to_string(id);
    t.centre = GeoPoint{kLat + dlat, kLon + dlon};
    return t;
}

// Twice the signed area on the plane (positive: counter-clockwise), in m².
std::int64_t area2(const Plane& plane, const std::vector<GeoPoint>& poly) {
    std::int64_t s = 0;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const auto a = plane.project(poly[i]), b = plane.project(poly[(i + 1) % poly.size()]);
        s += (a.x_mm / 1000) * (b.y_mm / 1000) - (b.x_mm / 1000) * (a.y_mm / 1000);
    }
    return s;
}
// Inside or on a counter-clockwise convex polygon (a metre of slack for the rounded vertices).
bool inside(const Plane& plane, const std::vector<GeoPoint>& poly, const GeoPoint& g) {
    const auto p = plane.project(g);
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const auto a = plane.project(poly[i]), b = plane.project(poly[(i + 1) % poly.size()]);
        const double cross = static_cast<double>(b.x_mm - a.x_mm) * static_cast<double>(p.y_mm - a.y_mm) -
                             static_cast<double>(b.y_mm - a.y_mm) * static_cast<double>(p.x_mm - a.x_mm);
        const double len = std::hypot(static_cast<double>(b.x_mm - a.x_mm), static_cast<double>(b.y_mm - a.y_mm));
        if (cross < -1000.0 * len) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("coverage map: two towns split the box at the perpendicular bisector", "[coverage_map]") {
    const Plane plane = plane_around(kLat, kLon);
    // Centres 10 km apart east–west (at ±5 km): the bisector is x = 0.
    const auto east = plane.unproject({5'000'000, 0}), west = plane.unproject({-5'000'000, 0});
    std::vector<Town> towns{town(1, 0, 0), town(2, 0, 0)};
    towns[0].centre = west, towns[1].centre = east;
    const Box box{-10'000, -4'000, 10'000, 4'000};
    const auto regions = town_regions(towns, plane, box);
    REQUIRE(regions.size() == 2);
    REQUIRE(regions[0].outline.size() == 4);
    REQUIRE(regions[1].outline.size() == 4);
    // Each half is 10 km × 8 km (twice the area: 160 km²), counter-clockwise.
    CHECK(std::llabs(area2(plane, regions[0].outline) - 2 * 80'000'000) <= 40'000);
    CHECK(std::llabs(area2(plane, regions[1].outline) - 2 * 80'000'000) <= 40'000);
    // Corners to the metre, stored in micro-degrees (≈ 0.1 m): within 1.2 m of the bisector x = 0.
    for (const auto& g : regions[0].outline) CHECK(plane.project(g).x_mm <= 1200);
    for (const auto& g : regions[1].outline) CHECK(plane.project(g).x_mm >= -1200);
    // The same centre twice: the lower id takes the cell.
    towns[1].centre = west;
    const auto same = town_regions(towns, plane, box);
    CHECK(same[0].outline.size() == 4);
    CHECK(same[1].outline.empty());
}

TEST_CASE("coverage map: every place lies in the region of its nearest town", "[coverage_map]") {
    Rng rng(7);
    std::vector<Town> towns;
    for (Id id = 1; id <= 12; ++id) {
        const auto dlat = rng.between(-150'000, 150'000);
        const auto dlon = rng.between(-150'000, 150'000);
        towns.push_back(town(id, static_cast<std::int32_t>(dlat), static_cast<std::int32_t>(dlon)));
    }
    const Plane plane = plane_around(kLat, kLon);
    const Box box = bounds_of({}, {}, towns, plane, 3000);
    const auto regions = town_regions(towns, plane, box);
    std::int64_t total = 0;
    for (const auto& r : regions) {
        REQUIRE(r.outline.size() >= 3);
        CHECK(area2(plane, r.outline) > 0);   // counter-clockwise
        total += area2(plane, r.outline);
    }
    // The regions tile the box (up to the vertices' rounding to the metre).
    const std::int64_t box2 = 2 * (box.x1 - box.x0) * (box.y1 - box.y0);
    CHECK(std::llabs(total - box2) <= box2 / 1000);
    for (int k = 0; k < 300; ++k) {
        const auto x = rng.between(box.x0 + 10, box.x1 - 10), y = rng.between(box.y0 + 10, box.y1 - 10);
        const GeoPoint g = plane.unproject({x * 1000, y * 1000});
        std::size_t nearest = 0;
        std::int64_t best = INT64_MAX;
        for (std::size_t i = 0; i < towns.size(); ++i) {
            const auto c = plane.project(towns[i].centre);
            const std::int64_t dx = (c.x_mm - x * 1000) / 1000, dy = (c.y_mm - y * 1000) / 1000;
            if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, nearest = i;
        }
        INFO("place " << x << "," << y << " nearest town " << towns[nearest].id);
        CHECK(inside(plane, regions[nearest].outline, g));
    }
}

TEST_CASE("coverage map: density cells count elders per cell, never positions", "[coverage_map]") {
    const Plane plane = plane_around(kLat, kLon);
    const auto at = [&](std::int64_t x_m, std::int64_t y_m) { return plane.unproject({x_m * 1000, y_m * 1000}); };
    const std::vector<ElderAt> elders{{1, at(100, 100)}, {1, at(900, 900)}, {2, at(500, 200)}, {2, at(600, 300)},
                                      {2, at(-10, 50)}, {3, at(1500, 2500)}};
    const auto cells = density_cells(elders, plane, 1000);
    REQUIRE(cells.size() == 3);
    // Ascending (row, col): (-1 col, row 0), (0, 0), (1, 2).
    CHECK((cells[0].col == -1 && cells[0].row == 0 && cells[0].elders == 1 && cells[0].town == 2));
    CHECK((cells[1].col == 0 && cells[1].row == 0 && cells[1].elders == 4));
    CHECK(cells[1].town == 1);   // 2 and 2: the lower id
    CHECK((cells[2].col == 1 && cells[2].row == 2 && cells[2].elders == 1 && cells[2].town == 3));
    CircleRule r = seed_rule();
    CHECK(density_cell_metres(r) == 1000);   // 500 m gap cells ×2
    r.gap_cell_metres = 300;
    CHECK(density_cell_metres(r) == 1200);
    r.gap_cell_metres = 2500;
    CHECK(density_cell_metres(r) == 2500);
}

TEST_CASE("coverage map: the public reply suppresses small cells and withholds revealing rates", "[coverage_map]") {
    const CircleRule rule = seed_rule();
    const auto disc = seed_disclosure();
    const Plane p0 = plane_around(kLat, kLon);
    const auto at = [&](std::int64_t x_m, std::int64_t y_m) { return p0.unproject({x_m * 1000, y_m * 1000}); };
    MapInputs in;
    in.towns = {town(1, 0, 0), town(2, 0, 0), town(3, 0, 0)};
    in.towns[0].centre = at(0, 0), in.towns[1].centre = at(20'000, 0), in.towns[2].centre = at(0, 20'000);
    // Town 1: 30 elders beside a meals point (all reached). Town 2: 3 elders far from any point. Town 3: 40 elders,
    // 8 beside a point, 32 out of reach.
    for (int i = 0; i < 30; ++i) in.elders.push_back({1, at(i * 10, 0)});
    for (int i = 0; i < 3; ++i) in.elders.push_back({2, at(20'000 + i * 10, 0)});
    for (int i = 0; i < 8; ++i) in.elders.push_back({3, at(i * 10, 20'000)});
    for (int i = 0; i < 32; ++i) in.elders.push_back({3, at(i * 20, 23'000)});
    in.points = {PointAt{11, 1, at(100, 0), {"meals"}}, PointAt{12, 3, at(0, 20'000), {"meals", "day_care"}},
                 PointAt{13, 2, at(25'000, 0), {"day_care"}}};
    in.point_names = {"石岐助餐点", "东区长者饭堂", "南朗日间照料中心"};

    const auto reply = public_coverage(in, "meals", rule, disc, std::nullopt);
    CHECK(reply.category == "meals");
    CHECK(reply.categories.size() == rule.categories.size());
    CHECK(reply.reach_metres == 769);
    CHECK(reply.schematic_note == "示意图：镇街范围按中心位置近似");
    CHECK(reply.elders.text == "73");
    CHECK(reply.covered.text == "38");
    CHECK(reply.rate.text == "52.1%");   // 38/73 = 52.05… shown to one decimal, half-up
    CHECK(reply.points == 2);
    REQUIRE(reply.towns.size() == 3);
    // Town 2: 3 elders, a small cell: "<5", no number; as the only one hidden in the group, the next smallest (town
    // 1's 30) is hidden too (complementary suppression), so nobody can subtract it back out of the city total — and
    // town 1's rate is withheld with it (30 covered at 100 % would give the 30 back).
    CHECK(reply.towns[1].elders.text == "<5");
    CHECK_FALSE(reply.towns[1].elders.value.has_value());
    CHECK_FALSE(reply.towns[0].elders.value.has_value());
    CHECK(reply.towns[0].rate.text == "—");
    CHECK(reply.towns[2].elders.text == "40");
    CHECK(reply.towns[1].rate.text == "—");
    CHECK_FALSE(reply.towns[1].rate.num.has_value());
    CHECK(reply.towns[2].rate.text == "20.0%");   // 8 of 40
    CHECK(reply.towns[2].covered.text == "8");
    for (const auto& t : reply.towns) CHECK(t.region.size() >= 3);
    // Points of the category only, public fields, ascending id.
    REQUIRE(reply.service_points.size() == 2);
    CHECK(reply.service_points[0].id == 11);
    CHECK(reply.service_points[1].name == "东区长者饭堂");
    CHECK(reply.service_points[1].categories == std::vector<std::string>{"day_care", "meals"});
    // The gap: the 32 unreached elders of town 3.
    REQUIRE_FALSE(reply.gaps.empty());
    CHECK(reply.gaps[0].town == 3);
    REQUIRE(reply.suggestion.has_value());
    CHECK(reply.suggestion->town == 3);
    CHECK(reply.suggestion->newly_covered.text == "32");
    // Density: cells of 1 km; the 3 elders of town 2 in one cell: "<5".
    CHECK(reply.cell_metres == 1000);
    std::int64_t shown = 0;
    bool small = false;
    for (const auto& c : reply.cells) {
        if (c.elders.value) shown += *c.elders.value;
        else {
            small = true;
            CHECK((c.elders.text == "<5" || c.elders.text == "—"));   // small, or withheld beside a small one
        }
    }
    CHECK(small);
    CHECK(shown < 73);
    // Round trip through JSON.
    CHECK(json(reply).get<wire::CoverageReply>() == reply);

    // One town: its row, points, gaps, cells; city-wide figures unchanged.
    const auto three = public_coverage(in, "meals", rule, disc, Id{3});
    REQUIRE(three.towns.size() == 1);
    CHECK(three.towns[0].town == 3);
    CHECK(three.elders.text == "73");
    REQUIRE(three.service_points.size() == 1);
    CHECK(three.service_points[0].id == 12);
    for (const auto& c : three.cells) CHECK(c.town == 3);
    const auto two = public_coverage(in, "meals", rule, disc, Id{2});
    CHECK(two.service_points.empty());
    CHECK_FALSE(two.suggestion.has_value());

    // The rule's decimals and rounding; a category the rule lacks.
    CircleRule truncating = rule;
    truncating.rate_decimals = 2;
    truncating.rounding = Rounding::Truncate;
    CHECK(public_coverage(in, "meals", truncating, disc, std::nullopt).rate.text == "52.05%");
    CHECK_THROWS_AS(public_coverage(in, "bathing", rule, disc, std::nullopt), std::invalid_argument);
}

TEST_CASE("coverage map: the rule's rate_decimals and rounding, checked", "[coverage_map]") {
    json body = test::load_json("assets/rules/service-circle.json");
    CHECK(body.get<CircleRule>().rate_decimals == 1);
    body["rate_decimals"] = 2;
    body["rounding"] = "truncate";
    const auto r = body.get<CircleRule>();
    CHECK(r.rate_decimals == 2);
    CHECK(r.rounding == Rounding::Truncate);
    CHECK(json(r).get<CircleRule>().rounding == Rounding::Truncate);
    body["rounding"] = "up";
    CHECK(test::load_error<CircleRule>(body).find("rounding") != std::string::npos);
    body["rounding"] = "half_up";
    body["rate_decimals"] = 7;
    CHECK(test::load_error<CircleRule>(body).find("rate_decimals") != std::string::npos);
}

}  // namespace test_coverage_map
