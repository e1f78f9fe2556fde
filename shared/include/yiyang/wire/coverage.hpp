// Wire format of GET /api/v1/coverage?category=CODE[&town=ID] (issue 12, 服务地图): the 15-minute circle of one
// category per town and city-wide, its gaps and suggested new point, the service points (public fields), the towns
// as schematic regions and the elders as a density layer of grid-cell counts. Built by shared/coverage_map.hpp
// public_coverage; every count of people is a disclosure::PublicCount ({"value": n | null, "text": "12" | "<5"}),
// so the same reply serves every role, the kiosk and the public.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/disclosure.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

using disclosure::PublicCount;

// A rate as the public may see it: {"num","den","text"}, num and den null (text "—") when disclose_rate withholds it.
struct PublicRate {
    std::optional<std::int64_t> num, den;
    std::string text;                         // "68.3%" by the rule's decimals and rounding; "—" when withheld
    friend bool operator==(const PublicRate&, const PublicRate&) = default;
};
struct CoverageTown {
    Id town = 0;
    std::string name;
    GeoPoint centre;                          // the town's approximate centre (towns.lat_e6 / lon_e6)
    std::vector<GeoPoint> region;             // schematic outline (Voronoi cell of the centres), counter-clockwise
    PublicCount elders, covered;
    std::int64_t points = 0;                  // the category's service points located in the town
    PublicRate rate;
    friend bool operator==(const CoverageTown&, const CoverageTown&) = default;
};
struct CoveragePoint {                        // a service point: public fields only
    Id id = 0;
    std::string name;
    Id town = 0;
    GeoPoint at;
    std::vector<std::string> categories;      // service category codes its provider offers
    friend bool operator==(const CoveragePoint&, const CoveragePoint&) = default;
};
struct CoverageGap {                          // a gap-grid cell with many elders out of reach
    GeoPoint centre;
    Id town = 0;
    PublicCount uncovered;
    friend bool operator==(const CoverageGap&, const CoverageGap&) = default;
};
struct CoverageSuggestion {                   // 新增一处可覆盖 N 名老人
    GeoPoint at;
    Id town = 0;
    PublicCount newly_covered;
    friend bool operator==(const CoverageSuggestion&, const CoverageSuggestion&) = default;
};
// One density cell; on the wire an array [col, row, town, value | null, text] (thousands of cells: no member names).
struct CoverageCell {
    std::int32_t col = 0, row = 0;            // metres east / north of grid_origin: [col·cell, (col+1)·cell)
    Id town = 0;
    PublicCount elders;
    friend bool operator==(const CoverageCell&, const CoverageCell&) = default;
};
struct CoverageCategory {
    std::string code, name_zh;
    friend bool operator==(const CoverageCategory&, const CoverageCategory&) = default;
};
struct CoverageReply {
    std::string category, name_zh;            // the circle shown
    std::vector<CoverageCategory> categories; // every circle of the rule, in its order (the map's chips)
    std::string rule_version;
    std::int64_t walk_metres = 0;             // 15 分钟步行距离
    std::int64_t reach_metres = 0;            // straight-line reach (walk ÷ detour), the circle drawn
    std::optional<Id> town;                   // the filter asked for
    PublicCount elders, covered;              // city-wide
    PublicRate rate;
    std::int64_t points = 0;                  // the category's service points, city-wide
    std::vector<CoverageTown> towns;          // ascending id
    std::int64_t gap_cell_metres = 0;         // the gaps' grid cell (a gap is drawn as that square around its centre)
    std::vector<CoverageGap> gaps;            // largest first
    std::optional<CoverageSuggestion> suggestion;
    std::vector<CoveragePoint> service_points;   // the category's points, ascending id
    GeoPoint grid_origin;                     // the plane's reference point (coverage::plane_around of it)
    std::int64_t cell_metres = 0;
    std::vector<CoverageCell> cells;          // ascending (row, col)
    std::string schematic_note;               // 示意图：镇街范围按中心位置近似 (shown on the map)
    friend bool operator==(const CoverageReply&, const CoverageReply&) = default;
};

struct Table;
// The towns' table as the screen shows it (镇街, 老人数, 覆盖, 覆盖率, 网点), for the XLSX export and the print page.
Table coverage_table(const CoverageReply& reply);

void to_json(json& j, const PublicRate& v);          void from_json(const json& j, PublicRate& v);
void to_json(json& j, const CoverageTown& v);        void from_json(const json& j, CoverageTown& v);
void to_json(json& j, const CoveragePoint& v);       void from_json(const json& j, CoveragePoint& v);
void to_json(json& j, const CoverageGap& v);         void from_json(const json& j, CoverageGap& v);
void to_json(json& j, const CoverageSuggestion& v);  void from_json(const json& j, CoverageSuggestion& v);
void to_json(json& j, const CoverageCell& v);        void from_json(const json& j, CoverageCell& v);
void to_json(json& j, const CoverageCategory& v);    void from_json(const json& j, CoverageCategory& v);
void to_json(json& j, const CoverageReply& v);       void from_json(const json& j, CoverageReply& v);

}  // namespace yiyang::wire
