// The service map's schematic regions, density layer and public reply (coverage_map.hpp says what each is).
#include "yiyang/coverage_map.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace yiyang::coverage {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {   // b > 0
    const std::int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
// a / b to the nearest integer, halves away from zero (b ≠ 0).
std::int64_t div_round(std::int64_t a, std::int64_t b) {
    if (b < 0) a = -a, b = -b;
    return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

struct M {   // a point on the plane in whole metres
    std::int64_t x = 0, y = 0;
    friend bool operator==(const M&, const M&) = default;
};
M metres(const Plane& plane, const GeoPoint& g) {
    const auto xy = plane.project(g);
    return M{floor_div(xy.x_mm, 1000), floor_div(xy.y_mm, 1000)};
}

// Keeps the part of the convex polygon where a·p ≤ b (Sutherland–Hodgman against one half-plane).
std::vector<M> clip(const std::vector<M>& poly, std::int64_t ax, std::int64_t ay, std::int64_t b) {
    std::vector<M> out;
    const std::size_t n = poly.size();
    for (std::size_t i = 0; i < n; ++i) {
        const M& p = poly[i];
        const M& q = poly[(i + 1) % n];
        const std::int64_t fp = ax * p.x + ay * p.y - b, fq = ax * q.x + ay * q.y - b;
        if (fp <= 0) out.push_back(p);
        if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {   // the edge crosses the line: its crossing, rounded once
            const std::int64_t d = fp - fq;
            M c{p.x + div_round((q.x - p.x) * fp, d), p.y + div_round((q.y - p.y) * fp, d)};
            if (out.empty() || !(out.back() == c)) out.push_back(c);
        }
    }
    if (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out.size() >= 3 ? out : std::vector<M>{};
}

wire::PublicRate rate_of(const Ratio& r, const CircleRule& rule, const disclosure::DisclosureRule& d) {
    const auto shown = disclosure::disclose_rate(r, d);
    if (!shown) return wire::PublicRate{std::nullopt, std::nullopt, "—"};
    return wire::PublicRate{shown->num, shown->den, shown->percent_text(rule.rate_decimals, rule.rounding)};
}

}  // namespace

Box bounds_of(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points, const std::vector<Town>& towns,
              const Plane& plane, std::int64_t margin_m) {
    bool any = false;
    Box b;
    const auto take = [&](const GeoPoint& g) {
        const M m = metres(plane, g);
        if (!any) b = Box{m.x, m.y, m.x, m.y}, any = true;
        b.x0 = std::min(b.x0, m.x), b.y0 = std::min(b.y0, m.y), b.x1 = std::max(b.x1, m.x), b.y1 = std::max(b.y1, m.y);
    };
    for (const auto& e : elders) take(e.home);
    for (const auto& p : points) take(p.at);
    for (const auto& t : towns) take(t.centre);
    return Box{b.x0 - margin_m, b.y0 - margin_m, b.x1 + margin_m, b.y1 + margin_m};
}

std::vector<TownRegion> town_regions(const std::vector<Town>& towns, const Plane& plane, const Box& box) {
    std::vector<M> centre;
    for (const auto& t : towns) centre.push_back(metres(plane, t.centre));
    std::vector<TownRegion> out;
    for (std::size_t i = 0; i < towns.size(); ++i) {
        std::vector<M> poly{{box.x0, box.y0}, {box.x1, box.y0}, {box.x1, box.y1}, {box.x0, box.y1}};
        for (std::size_t k = 0; k < towns.size() && !poly.empty(); ++k) {
            if (k == i) continue;
            const M& a = centre[i];
            const M& c = centre[k];
            if (a == c) {
                if (towns[k].id < towns[i].id) poly.clear();   // the same centre: the lower id takes the cell
                continue;
            }
            // nearer a than c: |p−a|² ≤ |p−c|²  ⇔  2(c−a)·p ≤ |c|² − |a|²
            poly = clip(poly, 2 * (c.x - a.x), 2 * (c.y - a.y), c.x * c.x + c.y * c.y - a.x * a.x - a.y * a.y);
        }
        TownRegion r{towns[i].id, {}};
        for (const M& m : poly) r.outline.push_back(plane.unproject(Plane::XY{m.x * 1000, m.y * 1000}));
        out.push_back(std::move(r));
    }
    return out;
}

std::int64_t density_cell_metres(const CircleRule& rule) {
    const std::int64_t gap = std::max<std::int64_t>(rule.gap_cell_metres, 1);
    return gap * ((1000 + gap - 1) / gap);
}

std::vector<DensityCell> density_cells(const std::vector<ElderAt>& elders, const Plane& plane, std::int64_t cell_metres) {
    const std::int64_t cell = std::max<std::int64_t>(cell_metres, 1) * 1000;
    std::map<std::pair<std::int64_t, std::int64_t>, std::map<Id, std::int64_t>> counts;   // (row, col) → town → n
    for (const auto& e : elders) {
        const auto xy = plane.project(e.home);
        ++counts[{floor_div(xy.y_mm, cell), floor_div(xy.x_mm, cell)}][e.town];
    }
    std::vector<DensityCell> out;
    out.reserve(counts.size());
    for (const auto& [rc, towns] : counts) {
        DensityCell c{static_cast<std::int32_t>(rc.second), static_cast<std::int32_t>(rc.first), 0, 0};
        std::int64_t best = -1;
        for (const auto& [town, n] : towns) {
            c.elders += n;
            if (n > best) best = n, c.town = town;   // ascending ids: the lowest wins a tie
        }
        out.push_back(c);
    }
    return out;
}

wire::CoverageReply public_coverage(const MapInputs& in, const std::string& category, const CircleRule& rule,
                                    const disclosure::DisclosureRule& disclosure, std::optional<Id> town) {
    const auto cat = std::find_if(rule.categories.begin(), rule.categories.end(),
                                  [&](const CircleCategory& c) { return c.code == category; });
    if (cat == rule.categories.end()) throw std::invalid_argument("服务圈规则没有类别 " + category);
    const CategoryCoverage cov = coverage_of(in.elders, in.points, *cat, rule);
    const Plane plane = plane_of(in.elders, in.points);
    const auto in_town = [&](Id t) { return !town || *town == t; };

    wire::CoverageReply out;
    out.category = cat->code;
    out.name_zh = cat->name_zh;
    for (const auto& c : rule.categories) out.categories.push_back({c.code, c.name_zh});
    out.rule_version = rule.version;
    out.walk_metres = rule.walk_metres;
    out.reach_metres = reach_mm(rule) / 1000;
    out.town = town;
    out.elders = disclosure::disclose(cov.elders, disclosure);
    out.covered = disclosure::disclose(cov.covered, disclosure);
    out.rate = rate_of(cov.rate(), rule, disclosure);
    out.points = cov.points;

    // Towns: every town of the registry (a town without elders shows 0), its region, counts suppressed as a group.
    std::map<Id, TownCoverage> by_id;
    for (const auto& t : cov.towns) by_id[t.town] = t;
    std::vector<Town> towns = in.towns;
    std::sort(towns.begin(), towns.end(), [](const Town& a, const Town& b) { return a.id < b.id; });
    const auto regions = town_regions(towns, plane, bounds_of(in.elders, in.points, towns, plane, 2000));
    std::vector<std::int64_t> elders_cells, covered_cells;
    for (const auto& t : towns) {
        const auto it = by_id.find(t.id);
        elders_cells.push_back(it == by_id.end() ? 0 : it->second.elders);
        covered_cells.push_back(it == by_id.end() ? 0 : it->second.covered);
    }
    const auto elders_shown = disclosure::disclose_group(elders_cells, disclosure);
    const auto covered_shown = disclosure::disclose_group(covered_cells, disclosure);
    for (std::size_t i = 0; i < towns.size(); ++i) {
        if (!in_town(towns[i].id)) continue;
        const auto it = by_id.find(towns[i].id);
        wire::CoverageTown row;
        row.town = towns[i].id;
        row.name = towns[i].name;
        row.centre = towns[i].centre;
        row.region = regions[i].outline;
        row.elders = elders_shown[i];
        row.covered = covered_shown[i];
        row.points = it == by_id.end() ? 0 : it->second.points;
        // A hidden count hides the rate too (a shown covered count and its rate would give the elders back).
        row.rate = row.elders.value && row.covered.value
                       ? rate_of(Ratio{covered_cells[i], elders_cells[i]}, rule, disclosure)
                       : wire::PublicRate{std::nullopt, std::nullopt, "—"};
        out.towns.push_back(std::move(row));
    }
    out.gap_cell_metres = rule.gap_cell_metres;
    for (const auto& g : cov.gaps)
        if (in_town(g.town)) out.gaps.push_back({g.centre, g.town, disclosure::disclose(g.uncovered, disclosure)});
    if (cov.suggestion && in_town(cov.suggestion->town))
        out.suggestion = wire::CoverageSuggestion{cov.suggestion->at, cov.suggestion->town,
                                                  disclosure::disclose(cov.suggestion->newly_covered, disclosure)};

    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < in.points.size(); ++i) {
        const auto& p = in.points[i];
        const bool offers = cat->code == "any" ||
                            std::find(p.categories.begin(), p.categories.end(), cat->code) != p.categories.end();
        if (offers && in_town(p.town)) order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return in.points[a].id < in.points[b].id; });
    for (const auto i : order) {
        const auto& p = in.points[i];
        std::vector<std::string> cats = p.categories;
        std::sort(cats.begin(), cats.end());
        out.service_points.push_back({p.id, i < in.point_names.size() ? in.point_names[i] : std::string(), p.town, p.at,
                                      std::move(cats)});
    }

    out.grid_origin = GeoPoint{plane.lat0_e6, plane.lon0_e6};
    out.cell_metres = density_cell_metres(rule);
    const auto cells = density_cells(in.elders, plane, out.cell_metres);
    std::vector<std::int64_t> counts, town_of;
    for (const auto& c : cells) {
        counts.push_back(c.elders);
        town_of.push_back(c.town);
    }
    // Nested: a town's cells against the town's elders shown in the towns table (a town whose cells hold only its
    // own elders would otherwise give its one small cell back: its total minus its shown cells).
    const auto shown = disclosure::disclose_nested(counts, town_of, disclosure);
    for (std::size_t i = 0; i < cells.size(); ++i)
        if (in_town(cells[i].town)) out.cells.push_back({cells[i].col, cells[i].row, cells[i].town, shown[i]});
    out.schematic_note = kSchematicNote;
    return out;
}

}  // namespace yiyang::coverage
