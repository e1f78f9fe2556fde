// The 15-minute service circle: coverage per town, gaps, one suggested new point (coverage.hpp says what each is).
#include "yiyang/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "rule_text.hpp"

namespace yiyang::coverage {

namespace {

using json = nlohmann::json;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {   // b > 0
    const std::int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

// Rounds a / b to the nearest integer, halves away from zero (b > 0).
std::int64_t div_round(std::int64_t a, std::int64_t b) {
    return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

// A grid cell's key, ordered south to north, then west to east (the tie-break "lowest cell").
std::uint64_t cell_key(std::int64_t cx, std::int64_t cy) {
    const auto ux = static_cast<std::uint64_t>(cx + (std::int64_t{1} << 31)) & 0xffffffffULL;
    const auto uy = static_cast<std::uint64_t>(cy + (std::int64_t{1} << 31)) & 0xffffffffULL;
    return (uy << 32) | ux;
}

struct Grid {
    std::int64_t cell = 1;   // mm
    std::uint64_t key_of(const Plane::XY& p) const { return cell_key(floor_div(p.x_mm, cell), floor_div(p.y_mm, cell)); }
};

// Sorted (cell key, index) pairs: the items of a cell are one equal_range.
struct CellIndex {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> items;
    template <class F>
    void each_near(const Grid& g, const Plane::XY& p, F&& f) const {
        const std::int64_t cx = floor_div(p.x_mm, g.cell), cy = floor_div(p.y_mm, g.cell);
        for (std::int64_t dy = -1; dy <= 1; ++dy)
            for (std::int64_t dx = -1; dx <= 1; ++dx) {
                const std::uint64_t k = cell_key(cx + dx, cy + dy);
                auto it = std::lower_bound(items.begin(), items.end(), std::pair<std::uint64_t, std::uint32_t>{k, 0});
                for (; it != items.end() && it->first == k; ++it)
                    if (!f(it->second)) return;
            }
    }
};

bool within(const Plane::XY& a, const Plane::XY& b, std::int64_t r) {
    const std::int64_t dx = a.x_mm - b.x_mm, dy = a.y_mm - b.y_mm;
    return dx * dx + dy * dy <= r * r;
}

Id majority(const std::map<Id, std::int64_t>& counts) {
    Id best = 0;
    std::int64_t n = -1;
    for (const auto& [town, c] : counts)
        if (c > n) best = town, n = c;   // ascending ids: the lowest wins a tie
    return best;
}

bool offers(const PointAt& p, const std::string& category) {
    return category == "any" || std::find(p.categories.begin(), p.categories.end(), category) != p.categories.end();
}

// The elders projected once, and their order by reach cell (shared by every category).
struct Prepared {
    Plane plane;
    std::vector<Plane::XY> xy;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_cell;   // (reach cell, elder), sorted
};

Prepared prepare(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points, const CircleRule& rule) {
    Prepared p{plane_of(elders, points), {}, {}};
    const Grid near{std::max<std::int64_t>(reach_mm(rule), 1)};
    p.xy.reserve(elders.size());
    p.by_cell.reserve(elders.size());
    for (std::size_t i = 0; i < elders.size(); ++i) {
        p.xy.push_back(p.plane.project(elders[i].home));
        p.by_cell.emplace_back(near.key_of(p.xy.back()), static_cast<std::uint32_t>(i));
    }
    std::sort(p.by_cell.begin(), p.by_cell.end());
    return p;
}

CategoryCoverage compute(const std::vector<ElderAt>& elders, const Prepared& prep, const std::vector<PointAt>& points,
                         const CircleCategory& category, const CircleRule& rule) {
    const Plane& plane = prep.plane;
    const std::vector<Plane::XY>& elder_xy = prep.xy;
    CategoryCoverage out;
    out.category = category.code;
    out.name_zh = category.name_zh;
    const std::int64_t reach = reach_mm(rule);
    const Grid near{std::max<std::int64_t>(reach, 1)};
    const Grid gaps{rule.gap_cell_metres * 1000};

    std::map<Id, TownCoverage> towns;
    std::vector<Plane::XY> point_xy;
    CellIndex point_cells;
    for (const auto& p : points) {
        if (!offers(p, category.code)) continue;
        auto& t = towns[p.town];
        t.town = p.town;
        ++t.points;
        point_xy.push_back(plane.project(p.at));
        point_cells.items.emplace_back(near.key_of(point_xy.back()), static_cast<std::uint32_t>(point_xy.size() - 1));
    }
    std::sort(point_cells.items.begin(), point_cells.items.end());
    out.points = static_cast<std::int64_t>(point_xy.size());

    // Each elder: reached by some point of the category? Elders taken cell by cell: the points of a cell's 3×3
    // neighbourhood are looked up once for all its elders.
    std::vector<std::uint32_t> unreached;
    std::vector<std::uint32_t> near_points;
    for (std::size_t a = 0; a < prep.by_cell.size();) {
        std::size_t b = a;
        while (b < prep.by_cell.size() && prep.by_cell[b].first == prep.by_cell[a].first) ++b;
        near_points.clear();
        point_cells.each_near(near, elder_xy[prep.by_cell[a].second], [&](std::uint32_t k) {
            near_points.push_back(k);
            return true;
        });
        for (std::size_t j = a; j < b; ++j) {
            const std::uint32_t i = prep.by_cell[j].second;
            auto& t = towns[elders[i].town];
            t.town = elders[i].town;
            ++t.elders;
            bool hit = false;
            for (const auto k : near_points)
                if (within(elder_xy[i], point_xy[k], reach)) {
                    hit = true;
                    break;
                }
            if (hit) ++t.covered;
            else unreached.push_back(i);
        }
        a = b;
    }
    std::sort(unreached.begin(), unreached.end());
    out.elders = static_cast<std::int64_t>(elders.size());
    out.covered = out.elders - static_cast<std::int64_t>(unreached.size());
    for (auto& [id, t] : towns) out.towns.push_back(t);
    if (unreached.empty()) return out;

    // Gaps: the unreached elders counted on the gap grid.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_gap_cell;
    by_gap_cell.reserve(unreached.size());
    for (const auto i : unreached) by_gap_cell.emplace_back(gaps.key_of(elder_xy[i]), i);
    std::sort(by_gap_cell.begin(), by_gap_cell.end());
    struct Cell {
        std::uint64_t key;
        std::int64_t cx, cy, uncovered;
        Id town;
    };
    std::vector<Cell> cells;
    for (std::size_t a = 0; a < by_gap_cell.size();) {
        std::size_t b = a;
        std::map<Id, std::int64_t> per_town;
        while (b < by_gap_cell.size() && by_gap_cell[b].first == by_gap_cell[a].first)
            ++per_town[elders[by_gap_cell[b].second].town], ++b;
        const auto& xy = elder_xy[by_gap_cell[a].second];
        cells.push_back(Cell{by_gap_cell[a].first, floor_div(xy.x_mm, gaps.cell), floor_div(xy.y_mm, gaps.cell),
                             static_cast<std::int64_t>(b - a), majority(per_town)});
        a = b;
    }
    const auto centre_of = [&](const Cell& c) {
        return Plane::XY{c.cx * gaps.cell + gaps.cell / 2, c.cy * gaps.cell + gaps.cell / 2};
    };
    {
        std::vector<const Cell*> big;
        for (const auto& c : cells)
            if (c.uncovered >= rule.gap_min_elders) big.push_back(&c);
        std::stable_sort(big.begin(), big.end(), [](const Cell* x, const Cell* y) { return x->uncovered > y->uncovered; });
        for (const Cell* c : big) {
            if (static_cast<std::int64_t>(out.gaps.size()) >= rule.max_gaps) break;
            out.gaps.push_back(Gap{plane.unproject(centre_of(*c)), c->town, c->uncovered});
        }
    }

    // One new point: the gap-grid cell centre (of a cell with an unreached elder) reaching the most unreached
    // elders. Candidates in order of an upper bound (the unreached elders of the 3×3 reach cells around them);
    // exact counts until the bound falls below the best found.
    CellIndex unreached_cells;
    unreached_cells.items.reserve(unreached.size());
    for (const auto i : unreached) unreached_cells.items.emplace_back(near.key_of(elder_xy[i]), i);
    std::sort(unreached_cells.items.begin(), unreached_cells.items.end());
    std::vector<std::pair<std::uint64_t, std::int64_t>> per_cell;   // reach cell → unreached elders
    for (const auto& [k, i] : unreached_cells.items) {
        if (per_cell.empty() || per_cell.back().first != k) per_cell.emplace_back(k, 0);
        ++per_cell.back().second;
    }
    const auto count_in = [&](std::uint64_t k) {
        const auto it = std::lower_bound(per_cell.begin(), per_cell.end(), std::pair<std::uint64_t, std::int64_t>{k, 0});
        return it != per_cell.end() && it->first == k ? it->second : 0;
    };
    struct Candidate {
        std::int64_t bound;
        std::size_t cell;
    };
    std::vector<Candidate> candidates;
    candidates.reserve(cells.size());
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto xy = centre_of(cells[c]);
        const std::int64_t cx = floor_div(xy.x_mm, near.cell), cy = floor_div(xy.y_mm, near.cell);
        std::int64_t bound = 0;
        for (std::int64_t dy = -1; dy <= 1; ++dy)
            for (std::int64_t dx = -1; dx <= 1; ++dx) bound += count_in(cell_key(cx + dx, cy + dy));
        candidates.push_back(Candidate{bound, c});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.bound > b.bound; });
    std::int64_t best_n = 0;
    std::size_t best_cell = 0;
    std::map<Id, std::int64_t> best_towns;
    for (const auto& cand : candidates) {
        if (cand.bound < best_n) break;
        const auto xy = centre_of(cells[cand.cell]);
        std::int64_t n = 0;
        std::map<Id, std::int64_t> per_town;
        unreached_cells.each_near(near, xy, [&](std::uint32_t i) {
            if (within(xy, elder_xy[i], reach)) ++n, ++per_town[elders[i].town];
            return true;
        });
        if (n > best_n || (n == best_n && n > 0 && cells[cand.cell].key < cells[best_cell].key)) {
            best_n = n, best_cell = cand.cell, best_towns = std::move(per_town);
        }
    }
    if (best_n > 0)
        out.suggestion = Suggestion{plane.unproject(centre_of(cells[best_cell])), majority(best_towns), best_n};
    return out;
}

void check_fields(const json& j, std::initializer_list<const char*> known, const char* what) {
    for (const auto& item : j.items())
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return item.key() == k; }))
            throw std::invalid_argument("字段 \"" + item.key() + "\" 不是" + what + "的字段");
}

std::int64_t whole(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
    if (!j.contains(key)) throw std::invalid_argument(std::string("缺少字段 \"") + key + "\"");
    const auto& x = j.at(key);
    if (!x.is_number_integer() || x.get<std::int64_t>() < lo || x.get<std::int64_t>() > hi)
        throw std::invalid_argument(std::string("字段 \"") + key + "\" 应为 " + std::to_string(lo) + " 到 " +
                                    std::to_string(hi) + " 之间的整数，实际为 " + x.dump());
    return x.get<std::int64_t>();
}

}  // namespace

double fixed_cos(double x) {
    const double x2 = x * x;
    double term = 1.0, sum = 1.0;
    for (int n = 1; n <= 12; ++n) {
        term = term * -x2 / static_cast<double>((2 * n - 1) * (2 * n));
        sum = sum + term;
    }
    return sum;
}

Plane plane_around(std::int32_t lat0_e6, std::int32_t lon0_e6) {
    constexpr double kPi = 3.14159265358979323846;
    Plane p;
    p.lat0_e6 = lat0_e6;
    p.lon0_e6 = lon0_e6;
    const double radians = static_cast<double>(lat0_e6) / 1e6 * (kPi / 180.0);
    p.east_mm_per_kilo_e6 =
        std::max<std::int64_t>(1, std::llround(static_cast<double>(Plane::north_mm_per_kilo_e6) * fixed_cos(radians)));
    return p;
}

Plane plane_of(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points) {
    if (elders.empty() && points.empty()) return plane_around(0, 0);
    std::int32_t lat_lo = INT32_MAX, lat_hi = INT32_MIN, lon_lo = INT32_MAX, lon_hi = INT32_MIN;
    const auto take = [&](const GeoPoint& g) {
        lat_lo = std::min(lat_lo, g.lat_e6), lat_hi = std::max(lat_hi, g.lat_e6);
        lon_lo = std::min(lon_lo, g.lon_e6), lon_hi = std::max(lon_hi, g.lon_e6);
    };
    for (const auto& e : elders) take(e.home);
    for (const auto& p : points) take(p.at);
    const auto mid = [](std::int32_t a, std::int32_t b) {
        return static_cast<std::int32_t>(floor_div(std::int64_t{a} + std::int64_t{b}, 2));
    };
    return plane_around(mid(lat_lo, lat_hi), mid(lon_lo, lon_hi));
}

Plane::XY Plane::project(const GeoPoint& g) const {
    return XY{floor_div((std::int64_t{g.lon_e6} - lon0_e6) * east_mm_per_kilo_e6, 1000),
              floor_div((std::int64_t{g.lat_e6} - lat0_e6) * north_mm_per_kilo_e6, 1000)};
}

GeoPoint Plane::unproject(const XY& xy) const {
    return GeoPoint{static_cast<std::int32_t>(lat0_e6 + div_round(xy.y_mm * 1000, north_mm_per_kilo_e6)),
                    static_cast<std::int32_t>(lon0_e6 + div_round(xy.x_mm * 1000, east_mm_per_kilo_e6))};
}

std::int64_t reach_mm(const CircleRule& r) {
    return r.walk_metres * 1000 * 1000 / std::max<std::int64_t>(r.detour_permille, 1);
}

CategoryCoverage coverage_of(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points,
                             const CircleCategory& category, const CircleRule& rule) {
    return compute(elders, prepare(elders, points, rule), points, category, rule);
}

std::vector<CategoryCoverage> coverage_all(const std::vector<ElderAt>& elders, const std::vector<PointAt>& points,
                                           const CircleRule& rule) {
    const Prepared prep = prepare(elders, points, rule);
    std::vector<CategoryCoverage> out;
    for (const auto& c : rule.categories) out.push_back(compute(elders, prep, points, c, rule));
    return out;
}

// ---- the rule --------------------------------------------------------------------------------------
void from_json(const json& j, CircleRule& r) {
    CircleRule out;
    out.version = rule_text::envelope(j, "15分钟服务圈规则", {"walk_metres", "detour_factor", "gap_cell_metres",
                                                            "gap_min_elders", "max_gaps", "categories",
                                                            "rate_decimals", "rounding"});
    out.walk_metres = whole(j, "walk_metres", 100, 5000);
    {
        if (!j.contains("detour_factor")) throw std::invalid_argument("缺少字段 \"detour_factor\"");
        const auto& d = j.at("detour_factor");
        const double x = d.is_number() ? d.get<double>() : -1.0;
        const double scaled = x * 1000.0;
        const auto permille = static_cast<std::int64_t>(std::llround(scaled));
        if (!d.is_number() || permille < 1000 || permille > 3000 || std::fabs(scaled - static_cast<double>(permille)) > 1e-6)
            throw std::invalid_argument("字段 \"detour_factor\" 应为 1.0 到 3.0 之间、至多三位小数的数，实际为 " + d.dump());
        out.detour_permille = permille;
    }
    out.gap_cell_metres = whole(j, "gap_cell_metres", 100, 5000);
    out.gap_min_elders = whole(j, "gap_min_elders", 1, 1'000'000);
    out.max_gaps = whole(j, "max_gaps", 1, 100);
    if (!j.contains("categories") || !j.at("categories").is_array() || j.at("categories").empty() ||
        j.at("categories").size() > 30)
        throw std::invalid_argument("字段 \"categories\" 应为 1 到 30 项的列表");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < j.at("categories").size(); ++i) {
        const auto& c = j.at("categories")[i];
        const std::string where = "categories[" + std::to_string(i) + "]";
        if (!c.is_object()) throw std::invalid_argument("字段 \"" + where + "\" 应为对象");
        check_fields(c, {"code", "name_zh"}, ("服务圈类别 " + where).c_str());
        if (!c.contains("code") || !c.at("code").is_string())
            throw std::invalid_argument("字段 \"" + where + ".code\" 应为文本");
        if (!c.contains("name_zh") || !c.at("name_zh").is_string() || c.at("name_zh").get<std::string>().empty() ||
            c.at("name_zh").get<std::string>().size() > 120)
            throw std::invalid_argument("字段 \"" + where + ".name_zh\" 应为非空文本（至多 40 字）");
        CircleCategory cat{c.at("code").get<std::string>(), c.at("name_zh").get<std::string>()};
        if (cat.code != "any" && !parse_ServiceCategory(cat.code))
            throw std::invalid_argument("字段 \"" + where + ".code\" 不是服务类别：" + c.at("code").dump());
        if (!seen.insert(cat.code).second)
            throw std::invalid_argument("字段 \"" + where + ".code\" 重复：" + c.at("code").dump());
        out.categories.push_back(std::move(cat));
    }
    if (j.contains("rate_decimals")) out.rate_decimals = static_cast<int>(whole(j, "rate_decimals", 0, 4));
    if (j.contains("rounding")) {
        const auto& x = j.at("rounding");
        const auto mode = x.is_string() ? rounding_from_code(x.get<std::string>()) : std::nullopt;
        if (!mode) throw std::invalid_argument("字段 \"rounding\" 应为 \"half_up\" 或 \"truncate\"，实际为 " + x.dump());
        out.rounding = *mode;
    }
    r = std::move(out);
}

void to_json(json& j, const CircleRule& r) {
    json cats = json::array();
    for (const auto& c : r.categories) cats.push_back({{"code", c.code}, {"name_zh", c.name_zh}});
    j = json{{"version", r.version},
             {"walk_metres", r.walk_metres},
             {"detour_factor", static_cast<double>(r.detour_permille) / 1000.0},
             {"gap_cell_metres", r.gap_cell_metres},
             {"gap_min_elders", r.gap_min_elders},
             {"max_gaps", r.max_gaps},
             {"categories", std::move(cats)},
             {"rate_decimals", r.rate_decimals},
             {"rounding", code(r.rounding)}};
}

// ---- the reply's parts ---------------------------------------------------------------------------------
void to_json(json& j, const TownCoverage& v) {
    j = json{{"town", v.town}, {"elders", v.elders}, {"covered", v.covered}, {"points", v.points}};
}
void from_json(const json& j, TownCoverage& v) {
    v.town = j.at("town").get<Id>();
    v.elders = j.at("elders").get<std::int64_t>();
    v.covered = j.at("covered").get<std::int64_t>();
    v.points = j.at("points").get<std::int64_t>();
}
void to_json(json& j, const Gap& v) { j = json{{"centre", v.centre}, {"town", v.town}, {"uncovered", v.uncovered}}; }
void from_json(const json& j, Gap& v) {
    v.centre = j.at("centre").get<GeoPoint>();
    v.town = j.at("town").get<Id>();
    v.uncovered = j.at("uncovered").get<std::int64_t>();
}
void to_json(json& j, const Suggestion& v) {
    j = json{{"at", v.at}, {"town", v.town}, {"newly_covered", v.newly_covered}};
}
void from_json(const json& j, Suggestion& v) {
    v.at = j.at("at").get<GeoPoint>();
    v.town = j.at("town").get<Id>();
    v.newly_covered = j.at("newly_covered").get<std::int64_t>();
}
void to_json(json& j, const CategoryCoverage& v) {
    j = json{{"category", v.category}, {"name_zh", v.name_zh}, {"points", v.points}, {"elders", v.elders},
             {"covered", v.covered}, {"towns", v.towns}, {"gaps", v.gaps},
             {"suggestion", v.suggestion ? json(*v.suggestion) : json(nullptr)}};
}
void from_json(const json& j, CategoryCoverage& v) {
    v.category = j.at("category").get<std::string>();
    v.name_zh = j.at("name_zh").get<std::string>();
    v.points = j.at("points").get<std::int64_t>();
    v.elders = j.at("elders").get<std::int64_t>();
    v.covered = j.at("covered").get<std::int64_t>();
    v.towns = j.at("towns").get<std::vector<TownCoverage>>();
    v.gaps = j.at("gaps").get<std::vector<Gap>>();
    if (j.contains("suggestion") && !j.at("suggestion").is_null()) v.suggestion = j.at("suggestion").get<Suggestion>();
    else v.suggestion.reset();
}

}  // namespace yiyang::coverage
