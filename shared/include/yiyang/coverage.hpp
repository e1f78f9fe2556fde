// The 15-minute service circle (构建15分钟养老服务生活圈, seed zhongshan-dispatch-center-requirements.txt): which
// elders have a service point of a category within a walk of the rule's length, per town and city-wide; where the
// gaps are (grid cells with many elders and no point in reach); and where ONE new point would reach the most
// elders not yet reached. The rule (kind service_circle, assets/rules/service-circle.json) names the walk in metres
// and the detour factor (a street walk is longer than the straight line: reach = walk ÷ detour).
//
// Deterministic on every platform (the same figures natively and in WebAssembly): positions are micro-degrees
// projected once onto a local plane in integer millimetres (north: 111.195 mm per micro-degree, east: that times
// cos(reference latitude), the cosine a fixed Taylor series of + − × ÷ only, rounded once to an integer factor);
// every distance test after that is an exact int64 comparison of squares. Inputs in any order give the same
// result (towns ascending, gaps by size then position, ties to the lowest grid cell).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/ratio.hpp"
#include "yiyang/records.hpp"

namespace yiyang::coverage {

struct CircleCategory {
    std::string code;      // a ServiceCategory code ("meals", "day_care") or "any" (a point of any category)
    std::string name_zh;   // shown on the map and the portal: 助餐点
};

struct CircleRule {
    std::string version;
    std::int64_t walk_metres = 1000;          // 15 分钟步行距离
    std::int64_t detour_permille = 1300;      // 绕行系数 1.3: straight-line reach = walk × 1000 ÷ detour_permille
    std::int64_t gap_cell_metres = 500;       // the grid the gaps are counted on (and the candidate sites' spacing)
    std::int64_t gap_min_elders = 20;         // a cell is a gap from this many elders out of reach
    std::int64_t max_gaps = 10;               // the gaps listed, largest first
    std::vector<CircleCategory> categories;   // the circles shown, in display order
    // How a coverage rate is shown (the map, the kiosk, the portal): optional in the body, defaults 1 and half_up.
    int rate_decimals = 1;                    // "rate_decimals": 0..4
    Rounding rounding = Rounding::HalfUp;     // "rounding": "half_up" | "truncate"
};
// Body: {"version", "effective_from", "comment", "walk_metres": 100..5000, "detour_factor": 1.0..3.0 (at most three
// decimals), "gap_cell_metres": 100..5000, "gap_min_elders": 1.., "max_gaps": 1..100, "categories": [{"code",
// "name_zh"}] (1..30, codes unique, each a service category or "any"), optional "rate_decimals": 0..4 and
// "rounding": "half_up" | "truncate"}. Throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, CircleRule& r);
void to_json(nlohmann::json& j, const CircleRule& r);

// The straight-line reach in millimetres (walk ÷ detour, rounded down).
std::int64_t reach_mm(const CircleRule& r);

struct ElderAt {
    Id town = 0;
    GeoPoint home;
};
struct PointAt {
    Id id = 0;
    Id town = 0;
    GeoPoint at;
    std::vector<std::string> categories;   // the service categories offered there (its provider's)
};

struct TownCoverage {
    Id town = 0;
    std::int64_t elders = 0;
    std::int64_t covered = 0;
    std::int64_t points = 0;               // the category's points located in the town
    Ratio rate() const { return Ratio{covered, elders}; }
};
struct Gap {
    GeoPoint centre;                       // the grid cell's centre
    Id town = 0;                           // the town most of its unreached elders live in (lowest id on a tie)
    std::int64_t uncovered = 0;
};
struct Suggestion {
    GeoPoint at;                           // a grid cell's centre
    Id town = 0;                           // the town most of the newly reached elders live in
    std::int64_t newly_covered = 0;
};
struct CategoryCoverage {
    std::string category;
    std::string name_zh;
    std::int64_t points = 0;
    std::int64_t elders = 0;
    std::int64_t covered = 0;
    Ratio rate() const { return Ratio{covered, elders}; }
    std::vector<TownCoverage> towns;       // every town with an elder or a point, ascending id
    std::vector<Gap> gaps;                 // at most rule.max_gaps, largest first
    std::optional<Suggestion> suggestion;  // none when every elder is reached (or there are none)
};

// One category's circle: the points offering `category` ("any": every point). The projection's reference latitude
// is taken from ALL elders and points, so a category's figures do not depend on which others are asked for.
CategoryCoverage coverage_of(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points,
                             const CircleCategory& category, const CircleRule& rule);
// Every category of the rule, in its order.
std::vector<CategoryCoverage> coverage_all(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points,
                                           const CircleRule& rule);

void to_json(nlohmann::json& j, const TownCoverage& v);   void from_json(const nlohmann::json& j, TownCoverage& v);
void to_json(nlohmann::json& j, const Gap& v);            void from_json(const nlohmann::json& j, Gap& v);
void to_json(nlohmann::json& j, const Suggestion& v);     void from_json(const nlohmann::json& j, Suggestion& v);
void to_json(nlohmann::json& j, const CategoryCoverage& v);
void from_json(const nlohmann::json& j, CategoryCoverage& v);

// ---- the local plane (exposed for the tests and the map's drawing) ---------------------------------------
struct Plane {
    std::int32_t lat0_e6 = 0;              // reference point: the middle of the inputs' bounding box
    std::int32_t lon0_e6 = 0;
    std::int64_t east_mm_per_kilo_e6 = 0;  // millimetres per 1 000 micro-degrees of longitude at lat0
    static constexpr std::int64_t north_mm_per_kilo_e6 = 111'195;   // mean Earth radius 6 371 008.8 m
    struct XY {
        std::int64_t x_mm = 0;
        std::int64_t y_mm = 0;
    };
    XY project(const GeoPoint& p) const;
    GeoPoint unproject(const XY& xy) const;
};
Plane plane_around(std::int32_t lat0_e6, std::int32_t lon0_e6);
// The plane coverage_of uses for these inputs: around the middle of their bounding box.
Plane plane_of(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points);
// cos of an angle in radians, |x| ≤ π/2, by a fixed series (identical natively and in WebAssembly).
double fixed_cos(double x);

}  // namespace yiyang::coverage
