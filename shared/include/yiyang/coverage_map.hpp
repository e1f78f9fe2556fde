// The service map's geometry and its public reply (issue 12, 服务地图): the towns as schematic regions, the elders as
// a density layer of grid-cell counts (never positions), and GET /api/v1/coverage's reply built from the 15-minute
// circle (coverage.hpp) with every count through small-cell suppression (disclosure.hpp), so the one reply is safe
// for every role, the kiosk and the public.
//
// Town regions: no real boundaries are shipped, so the map is a schematic (it says so: kSchematicNote). Each town's
// region is its Voronoi cell — the places nearer its centre than any other town's centre — clipped to the city's
// bounding box (every elder, point and centre, grown by a margin). Computed on coverage's local plane in whole
// metres with int64 arithmetic only (half-plane clipping of a convex polygon, each new vertex rounded once), so it is
// the same natively and in WebAssembly.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/coverage.hpp"
#include "yiyang/disclosure.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/coverage.hpp"

namespace yiyang::coverage {

inline constexpr const char* kSchematicNote = "示意图：镇街范围按中心位置近似";

struct Box {                 // on a plane, whole metres
    std::int64_t x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
// The bounding box of the elders' homes, the points and the town centres on `plane`, grown by `margin_m`.
Box bounds_of(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points, const std::vector<Town>& towns,
              const Plane& plane, std::int64_t margin_m);

struct TownRegion {
    Id town = 0;
    std::vector<GeoPoint> outline;   // a convex polygon, counter-clockwise on the plane; empty if the town has none
};
// Every town's Voronoi cell clipped to `box`, in the order of `towns`. Two towns with the same centre: the lower id
// takes the cell, the other has none.
std::vector<TownRegion> town_regions(const std::vector<Town>& towns, const Plane& plane, const Box& box);

struct DensityCell {
    std::int32_t col = 0, row = 0;   // cell (col, row) spans [col·cell, (col+1)·cell) metres east of the plane's origin
    Id town = 0;                     // the town most of its elders live in (lowest id on a tie)
    std::int64_t elders = 0;
};
// The density grid's cell: the rule's gap cell times the least whole factor that makes it at least 1 000 m (a
// 500 m gap grid gives 1 000 m cells: a quarter of the cells, and no cell as small as a few homes).
std::int64_t density_cell_metres(const CircleRule& rule);
// Elders counted per cell of `cell_metres` on `plane`, cells with at least one elder, ascending (row, col).
std::vector<DensityCell> density_cells(const std::vector<ElderAt>& elders, const Plane& plane, std::int64_t cell_metres);

// What the map is built from (server/store/coverage_inputs reads it; tests generate it).
struct MapInputs {
    std::vector<ElderAt> elders;            // active elders with a home position
    std::vector<PointAt> points;            // service points of providers not removed, with their categories
    std::vector<std::string> point_names;   // parallel to points
    std::vector<Town> towns;
};

// GET /api/v1/coverage's reply for one category of the rule (throws std::invalid_argument for a category the rule
// does not have). `town`: only that town's row, points, gaps, cells and (if it lies there) the suggestion; the
// city-wide figures stay. Every count of people goes through `disclosure` (groups with a published total through
// disclose_group: the towns' elders, the towns' covered, the cells); rates through disclose_rate, shown with the
// rule's decimals and rounding.
wire::CoverageReply public_coverage(const MapInputs& in, const std::string& category, const CircleRule& rule,
                                    const disclosure::DisclosureRule& disclosure, std::optional<Id> town);

}  // namespace yiyang::coverage
