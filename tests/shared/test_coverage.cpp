// The 15-minute service circle (coverage.hpp): hand-computed reach at the edge, per town and category, gaps and the
// one suggested point, order independence, and the pruned search against a brute force over the same candidates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <set>
#include <utility>

#include "support.hpp"
#include "yiyang/coverage.hpp"
#include "yiyang/coverage_map.hpp"
#include "yiyang/rng.hpp"

namespace test_coverage {

using namespace yiyang;
using namespace yiyang::coverage;
using nlohmann::json;

namespace {

constexpr std::int32_t kLat = 22'500'000, kLon = 113'400'000;   // 22.5 N, 113.4 E (中山)

CircleRule seed_rule() { return test::load_json("assets/rules/service-circle.json").get<CircleRule>(); }

ElderAt elder(Id town, std::int32_t dlat, std::int32_t dlon) { return ElderAt{town, GeoPoint{kLat + dlat, kLon + dlon}}; }
PointAt point(Id id, Id town, std::int32_t dlat, std::int32_t dlon, std::vector<std::string> cats) {
    return PointAt{id, town, GeoPoint{kLat + dlat, kLon + dlon}, std::move(cats)};
}

const CircleCategory kAny{"any", "任一养老服务网点"};

// Clustered elders (eight centres over ~10 km, a spread of ±1.5 km) and points over the same area. Each draw is its
// own statement: the order in which a call's arguments are evaluated differs between g++ and clang (WebAssembly).
std::pair<std::vector<ElderAt>, std::vector<PointAt>> clustered(Rng& rng, int n_elders, int n_points) {
    std::vector<ElderAt> elders;
    for (int i = 0; i < n_elders; ++i) {
        const auto centre = rng.between(0, 7);
        const auto dlat = centre * 9'000 + rng.between(-13'000, 13'000);
        const auto dlon = (centre % 3) * 30'000 + rng.between(-13'000, 13'000);
        elders.push_back(elder(static_cast<Id>(centre + 1), static_cast<std::int32_t>(dlat), static_cast<std::int32_t>(dlon)));
    }
    std::vector<PointAt> points;
    const char* cats[] = {"meals", "day_care", "rehabilitation"};
    for (int i = 0; i < n_points; ++i) {
        const auto town = rng.between(1, 8);
        const auto dlat = rng.between(0, 63'000);
        const auto dlon = rng.between(-13'000, 73'000);
        points.push_back(point(i + 1, static_cast<Id>(town), static_cast<std::int32_t>(dlat), static_cast<std::int32_t>(dlon),
                               {cats[i % 3]}));
    }
    return {std::move(elders), std::move(points)};
}

}  // namespace

TEST_CASE("coverage: the seed rule, and a bad one named by its field", "[coverage]") {
    const CircleRule r = seed_rule();
    CHECK(r.version == "circle-2025-v1");
    CHECK(r.walk_metres == 1000);
    CHECK(r.detour_permille == 1300);
    CHECK(reach_mm(r) == 769'230);   // 1 000 m ÷ 1.3 = 769.230… m, rounded down to the millimetre
    REQUIRE(r.categories.size() == 5);
    CHECK(r.categories[0].code == "any");
    CHECK(json(r).get<CircleRule>().detour_permille == 1300);

    json body = test::load_json("assets/rules/service-circle.json");
    const auto error = [&](const char* key, json value) {
        json b = body;
        b[key] = std::move(value);
        return test::load_error<CircleRule>(b);
    };
    CHECK(error("detour_factor", 0.9).find("detour_factor") != std::string::npos);
    CHECK(error("detour_factor", 1.3333).find("至多三位小数") != std::string::npos);
    CHECK(error("walk_metres", 50).find("walk_metres") != std::string::npos);
    CHECK(error("surprise", 1).find("surprise") != std::string::npos);
    CHECK(error("categories", json::array({{{"code", "swimming"}, {"name_zh", "游泳"}}})).find("categories[0].code") !=
          std::string::npos);
    CHECK(error("categories", json::array({{{"code", "meals"}, {"name_zh", "助餐"}}, {{"code", "meals"}, {"name_zh", "x"}}}))
              .find("重复") != std::string::npos);
}

TEST_CASE("coverage: the local plane — integer factors, round trip", "[coverage]") {
    CHECK(fixed_cos(0.0) == 1.0);
    CHECK(std::abs(fixed_cos(3.14159265358979323846 / 3) - 0.5) < 1e-15);
    // 111 195 mm per 1 000 µ° north; east × cos 22.5° = 0.923 879 53 → 102 730.67 → 102 731
    const Plane p = plane_around(kLat, kLon);
    CHECK(p.east_mm_per_kilo_e6 == 102'731);
    CHECK(plane_around(0, 0).east_mm_per_kilo_e6 == 111'195);
    const auto xy = p.project(GeoPoint{kLat + 10'000, kLon - 10'000});   // 0.01° north, 0.01° west
    CHECK(xy.y_mm == 1'111'950);
    CHECK(xy.x_mm == -1'027'310);
    CHECK(p.unproject(xy) == GeoPoint{kLat + 10'000, kLon - 10'000});
}

TEST_CASE("coverage: reach at the edge, per town; a category the point does not offer", "[coverage]") {
    const CircleRule rule = seed_rule();
    // Reach 769.23 m. North: 6 900 µ° = 767.2 m (in), 6 950 µ° = 772.8 m (out). East at ≈22.5035°: 102.728 mm/µ°,
    // 7 400 µ° = 760.2 m (in), 7 500 µ° = 770.5 m (out).
    const std::vector<ElderAt> elders{elder(1, 6'900, 0), elder(1, 6'950, 0), elder(2, 0, 7'400), elder(2, 0, 7'500)};
    const std::vector<PointAt> points{point(1, 1, 0, 0, {"meals"})};
    const auto any = coverage_of(elders, points, kAny, rule);
    CHECK(any.points == 1);
    CHECK(any.elders == 4);
    CHECK(any.covered == 2);
    CHECK(any.rate().percent_text(2) == "50.00%");
    REQUIRE(any.towns.size() == 2);
    CHECK(any.towns[0].town == 1);
    CHECK(any.towns[0].elders == 2);
    CHECK(any.towns[0].covered == 1);
    CHECK(any.towns[0].points == 1);
    CHECK(any.towns[1].town == 2);
    CHECK(any.towns[1].covered == 1);
    CHECK(any.towns[1].points == 0);
    CHECK(any.gaps.empty());   // two cells of one unreached elder each, below 20

    const auto meals = coverage_of(elders, points, CircleCategory{"meals", "助餐"}, rule);
    CHECK(meals.covered == 2);
    const auto day = coverage_of(elders, points, CircleCategory{"day_care", "日间照料"}, rule);
    CHECK(day.points == 0);
    CHECK(day.covered == 0);
    CHECK(day.rate().percent_text(2) == "0.00%");
    REQUIRE(day.suggestion);
    CHECK(day.suggestion->newly_covered >= 1);

    const auto none = coverage_of({}, points, kAny, rule);
    CHECK(none.elders == 0);
    CHECK(!none.rate().defined());
    CHECK(!none.suggestion);
}

TEST_CASE("coverage: a gap of 25 far away, one of 5 below the threshold, the suggestion covers the 25", "[coverage]") {
    const CircleRule rule = seed_rule();
    std::vector<ElderAt> elders{elder(1, 1'000, 0)};                                // reached
    for (int i = 0; i < 25; ++i) elders.push_back(elder(3, 30'000, 30'000));         // ≈ 3.3 km N, 3.1 km E
    for (int i = 0; i < 5; ++i) elders.push_back(elder(4, -30'000, -30'000));
    const std::vector<PointAt> points{point(1, 1, 0, 0, {"meals"})};
    const auto c = coverage_of(elders, points, kAny, rule);
    CHECK(c.covered == 1);
    REQUIRE(c.gaps.size() == 1);
    CHECK(c.gaps[0].uncovered == 25);
    CHECK(c.gaps[0].town == 3);
    // The gap's centre is its 500 m cell's: within 354 m (half the diagonal) of the 25, i.e. ≤ 3 200 µ° each way.
    CHECK(std::abs(c.gaps[0].centre.lat_e6 - (kLat + 30'000)) <= 2'300);
    CHECK(std::abs(c.gaps[0].centre.lon_e6 - (kLon + 30'000)) <= 2'500);
    REQUIRE(c.suggestion);
    CHECK(c.suggestion->newly_covered == 25);
    CHECK(c.suggestion->town == 3);
    CHECK(c.suggestion->at == c.gaps[0].centre);

    // With the suggested point added, everyone there is reached and the suggestion moves to the 5.
    std::vector<PointAt> more = points;
    more.push_back(PointAt{2, 3, c.suggestion->at, {"day_care"}});
    const auto after = coverage_of(elders, more, kAny, rule);
    CHECK(after.covered == 26);
    CHECK(after.gaps.empty());
    REQUIRE(after.suggestion);
    CHECK(after.suggestion->newly_covered == 5);
    CHECK(after.suggestion->town == 4);
}

TEST_CASE("coverage: equal gaps and equal candidates — the southern cell first", "[coverage]") {
    CircleRule rule = seed_rule();
    rule.gap_min_elders = 10;
    std::vector<ElderAt> elders;
    for (int i = 0; i < 10; ++i) elders.push_back(elder(5, 40'000, 0));    // north
    for (int i = 0; i < 10; ++i) elders.push_back(elder(6, -40'000, 0));   // south
    const auto c = coverage_of(elders, {}, kAny, rule);
    REQUIRE(c.gaps.size() == 2);
    CHECK(c.gaps[0].town == 6);
    CHECK(c.gaps[1].town == 5);
    REQUIRE(c.suggestion);
    CHECK(c.suggestion->town == 6);
    CHECK(c.suggestion->newly_covered == 10);
}

TEST_CASE("coverage: the order of the inputs changes nothing; the pruned search equals a brute force", "[coverage]") {
    const CircleRule rule = seed_rule();
    Rng rng(20261206);
    const auto city = clustered(rng, 4'000, 25);
    const std::vector<ElderAt>& elders = city.first;
    const std::vector<PointAt>& points = city.second;
    const auto all = coverage_all(elders, points, rule);
    REQUIRE(all.size() == rule.categories.size());

    std::vector<ElderAt> e2 = elders;
    std::vector<PointAt> p2 = points;
    std::mt19937 shuffle(7);
    std::shuffle(e2.begin(), e2.end(), shuffle);
    std::shuffle(p2.begin(), p2.end(), shuffle);
    CHECK(json(coverage_all(e2, p2, rule)) == json(all));

    // Brute force on the same plane: every elder against every point; every gap cell centre against every unreached
    // elder.
    std::int32_t lat_lo = INT32_MAX, lat_hi = INT32_MIN, lon_lo = INT32_MAX, lon_hi = INT32_MIN;
    for (const auto& e : elders)
        lat_lo = std::min(lat_lo, e.home.lat_e6), lat_hi = std::max(lat_hi, e.home.lat_e6),
        lon_lo = std::min(lon_lo, e.home.lon_e6), lon_hi = std::max(lon_hi, e.home.lon_e6);
    for (const auto& p : points)
        lat_lo = std::min(lat_lo, p.at.lat_e6), lat_hi = std::max(lat_hi, p.at.lat_e6),
        lon_lo = std::min(lon_lo, p.at.lon_e6), lon_hi = std::max(lon_hi, p.at.lon_e6);
    const auto mid = [](std::int32_t a, std::int32_t b) {
        const std::int64_t s = std::int64_t{a} + b;
        return static_cast<std::int32_t>(s >= 0 ? s / 2 : (s - 1) / 2);
    };
    const Plane plane = plane_around(mid(lat_lo, lat_hi), mid(lon_lo, lon_hi));
    const std::int64_t r = reach_mm(rule), cell = rule.gap_cell_metres * 1000;
    const auto in_reach = [&](Plane::XY a, Plane::XY b) {
        const auto dx = a.x_mm - b.x_mm, dy = a.y_mm - b.y_mm;
        return dx * dx + dy * dy <= r * r;
    };
    const auto fdiv = [](std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0 && a < 0) ? 1 : 0); };
    for (const auto& c : all) {
        INFO(c.category);
        std::vector<Plane::XY> unreached;
        std::int64_t covered = 0;
        for (const auto& e : elders) {
            const auto xy = plane.project(e.home);
            bool hit = false;
            for (const auto& p : points)
                if ((c.category == "any" || p.categories[0] == c.category) && in_reach(xy, plane.project(p.at))) hit = true;
            if (hit) ++covered;
            else unreached.push_back(xy);
        }
        CHECK(c.covered == covered);
        std::set<std::pair<std::int64_t, std::int64_t>> cells;
        for (const auto& u : unreached) cells.insert({fdiv(u.x_mm, cell), fdiv(u.y_mm, cell)});
        std::int64_t best = 0;
        for (const auto& [cx, cy] : cells) {
            const Plane::XY centre{cx * cell + cell / 2, cy * cell + cell / 2};
            std::int64_t n = 0;
            for (const auto& u : unreached) n += in_reach(centre, u) ? 1 : 0;
            best = std::max(best, n);
        }
        if (unreached.empty()) CHECK(!c.suggestion);
        else {
            REQUIRE(c.suggestion);
            CHECK(c.suggestion->newly_covered == best);
        }
    }
}

TEST_CASE("coverage: the reply round-trips", "[coverage]") {
    const std::vector<ElderAt> elders{elder(1, 6'900, 0), elder(2, 40'000, 0)};
    const auto c = coverage_of(elders, {point(1, 1, 0, 0, {"meals"})}, kAny, seed_rule());
    CHECK(json(json(c).get<CategoryCoverage>()) == json(c));
}

// ./yiyang bench coverage: 600 000 elders and 1 200 points, every category of the seed rule (issue 12: ≤ 1 s).
TEST_CASE("coverage: city scale", "[.][coverage_bench]") {
    const CircleRule rule = seed_rule();
    Rng rng(600000);
    std::vector<ElderAt> elders;
    elders.reserve(600'000);
    for (int i = 0; i < 600'000; ++i) {
        const auto town = rng.between(0, 23);
        const auto dlat = (town / 6) * 90'000 + rng.between(-40'000, 40'000);
        const auto dlon = (town % 6) * 90'000 + rng.between(-40'000, 40'000);
        elders.push_back(elder(static_cast<Id>(town + 1), static_cast<std::int32_t>(dlat), static_cast<std::int32_t>(dlon)));
    }
    std::vector<PointAt> points;
    const char* cats[] = {"meals", "day_care", "rehabilitation", "medical_escort", "cleaning"};
    for (int i = 0; i < 1'200; ++i) {
        const auto town = rng.between(0, 23);
        const auto dlat = (town / 6) * 90'000 + rng.between(-40'000, 40'000);
        const auto dlon = (town % 6) * 90'000 + rng.between(-40'000, 40'000);
        points.push_back(point(i + 1, static_cast<Id>(town + 1), static_cast<std::int32_t>(dlat),
                               static_cast<std::int32_t>(dlon), {cats[i % 5], cats[(i + 1) % 5]}));
    }
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    const auto all = coverage_all(elders, points, rule);
    const double cpu = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(all.size() == 5);
    std::printf("coverage-bench: wall %.1f ms, CPU %.1f ms for %zu elders, %zu points, %zu categories (any: %lld covered)\n",
                ms, cpu, elders.size(), points.size(), all.size(), static_cast<long long>(all[0].covered));
}

// Run by scripts/run-tests.sh natively and under node: the two digests must be equal (the map in the browser and the
// kiosk's figures from the server come from the same code only if they agree). FNV-1a 64 over the replies' JSON.
TEST_CASE("coverage: digest of generated cities (compared native vs WebAssembly)", "[.][coverage_digest]") {
    const CircleRule rule = seed_rule();
    std::uint64_t h = 1469598103934665603ULL;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Rng rng(seed);
        const auto city = clustered(rng, 3'000, static_cast<int>(seed * 2));
        for (const unsigned char ch : json(coverage_all(city.first, city.second, rule)).dump()) {
            h ^= ch;
            h *= 1099511628211ULL;
        }
        // The map's reply too (schematic regions, density cells, suppression): the same in the browser.
        MapInputs in{city.first, city.second, {}, {}};
        for (Id t = 1; t <= 8; ++t)
            in.towns.push_back(Town{t, "t" + std::to_string(t), "镇", false,
                                    GeoPoint{kLat + static_cast<std::int32_t>(t - 1) * 9'000,
                                             kLon + static_cast<std::int32_t>((t - 1) % 3) * 30'000},
                                    {}});
        for (const unsigned char ch : json(public_coverage(in, "meals", rule, disclosure::DisclosureRule{}, std::nullopt)).dump()) {
            h ^= ch;
            h *= 1099511628211ULL;
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    std::printf("coverage-digest: %s\n", hex);
    CHECK(std::string(hex).size() == 16);
}

}  // namespace test_coverage
