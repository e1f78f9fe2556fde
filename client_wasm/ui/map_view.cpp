// map: the service map widget (map_view.hpp). Positions are projected on the reply's plane (shared coverage::Plane
// around grid_origin, the plane the server counted the cells on); metres to pixels by the view's scale.
#include "ui/map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <imgui_internal.h>

#include "platform/gestures.hpp"
#include "ui/palette.hpp"
#include "ui/widgets.hpp"
#include "yiyang/coverage.hpp"

namespace yiyang::client::ui {

namespace {

// The map's own colours (normal, high contrast), as palette entries.
constexpr palette::Colour kLand{"map_land", {236, 241, 232}, {0, 0, 0}};
constexpr palette::Colour kLandAlt{"map_land_alt", {226, 234, 222}, {20, 20, 20}};
constexpr palette::Colour kLandOwn{"map_land_own", {255, 240, 196}, {60, 56, 0}};
constexpr palette::Colour kWater{"map_back", {214, 226, 238}, {0, 0, 0}};
constexpr palette::Colour kEdge{"map_edge", {120, 132, 120}, {255, 255, 255}};
constexpr palette::Colour kOwnEdge{"map_own_edge", {200, 120, 0}, {255, 230, 0}};
constexpr palette::Colour kDensity{"map_density", {200, 70, 30}, {255, 120, 60}};
constexpr palette::Colour kGap{"map_gap", {200, 30, 30}, {255, 90, 90}};
constexpr palette::Colour kSuggest{"map_suggest", {120, 40, 160}, {255, 120, 255}};
constexpr palette::Colour kReach{"map_reach", {28, 100, 190}, {0, 200, 255}};
constexpr palette::Colour kLabel{"map_label", {31, 36, 46}, {255, 255, 255}};
constexpr palette::Colour kHalo{"map_halo", {255, 255, 255}, {0, 0, 0}};
constexpr palette::Colour kCategory[] = {
    {"map_cat_1", {28, 99, 191}, {0, 200, 255}},   {"map_cat_2", {18, 130, 70}, {120, 255, 140}},
    {"map_cat_3", {190, 100, 0}, {255, 200, 0}},   {"map_cat_4", {150, 40, 120}, {255, 140, 220}},
    {"map_cat_5", {0, 128, 128}, {0, 255, 220}},   {"map_cat_6", {90, 90, 90}, {200, 200, 200}},
};

ImU32 with_alpha(const palette::Colour& c, int alpha) { return (col(c) & 0x00FFFFFFu) | (static_cast<ImU32>(alpha) << 24); }

struct Frame {
    coverage::Plane plane;
    MapView v;
    ImVec2 mid;
    ImVec2 at(double x_m, double y_m) const {
        return ImVec2(static_cast<float>(mid.x + (x_m - v.centre_x_m) / v.metres_per_px),
                      static_cast<float>(mid.y - (y_m - v.centre_y_m) / v.metres_per_px));
    }
    ImVec2 at(const GeoPoint& g) const {
        const auto xy = plane.project(g);
        return at(static_cast<double>(xy.x_mm) / 1000.0, static_cast<double>(xy.y_mm) / 1000.0);
    }
    double x_m(float sx) const { return v.centre_x_m + (sx - mid.x) * v.metres_per_px; }
    double y_m(float sy) const { return v.centre_y_m - (sy - mid.y) * v.metres_per_px; }
};

// The view that shows every point of `pts` (metres) in a w × h rectangle with a margin.
MapView fit(const std::vector<coverage::Plane::XY>& pts, float w, float h, double margin) {
    MapView v;
    if (pts.empty() || w <= 1 || h <= 1) {
        v.metres_per_px = 50;
        return v;
    }
    double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
    for (const auto& p : pts) {
        const double x = static_cast<double>(p.x_mm) / 1000.0, y = static_cast<double>(p.y_mm) / 1000.0;
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
    }
    v.centre_x_m = (x0 + x1) / 2;
    v.centre_y_m = (y0 + y1) / 2;
    v.metres_per_px = std::max({(x1 - x0) * margin / w, (y1 - y0) * margin / h, 1.0});
    return v;
}

std::vector<coverage::Plane::XY> outline_of(const wire::CoverageReply& r, const coverage::Plane& plane, Id town) {
    std::vector<coverage::Plane::XY> out;
    for (const auto& t : r.towns) {
        if (town != 0 && t.town != town) continue;
        for (const auto& g : t.region) out.push_back(plane.project(g));
        out.push_back(plane.project(t.centre));
    }
    return out;
}

// A category's marker colour: its place among the rule's categories (without "any").
const palette::Colour& category_colour(const wire::CoverageReply& r, const std::string& code) {
    int k = 0;
    for (const auto& c : r.categories) {
        if (c.code == "any") continue;
        if (c.code == code) return kCategory[std::min(k, 4)];
        ++k;
    }
    return kCategory[5];
}
// A point's colour: the chosen category's, or (任一) its first category the rule names.
const palette::Colour& point_colour(const wire::CoverageReply& r, const wire::CoveragePoint& p) {
    if (r.category != "any") return category_colour(r, r.category);
    for (const auto& c : r.categories)
        if (c.code != "any" && std::find(p.categories.begin(), p.categories.end(), c.code) != p.categories.end())
            return category_colour(r, c.code);
    return kCategory[5];
}

void halo_text(ImDrawList* dl, ImVec2 centre, const std::string& text, const palette::Colour& colour) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 p(centre.x - size.x / 2, centre.y - size.y / 2);
    const float d = std::max(1.0f, px(1));
    for (const ImVec2 o : {ImVec2(-d, 0), ImVec2(d, 0), ImVec2(0, -d), ImVec2(0, d)})
        dl->AddText(ImVec2(p.x + o.x, p.y + o.y), col(kHalo), text.c_str());
    dl->AddText(p, col(colour), text.c_str());
}

// A boxed text at `p` (its top-left), returns the box's bottom-right.
ImVec2 boxed_text(ImDrawList* dl, ImVec2 p, const std::string& text) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float pad = px(6);
    const ImVec2 q(p.x + size.x + 2 * pad, p.y + size.y + 2 * pad);
    dl->AddRectFilled(p, q, with_alpha(kHalo, 235), px(4));
    dl->AddRect(p, q, col(kEdge), px(4));
    dl->AddText(ImVec2(p.x + pad, p.y + pad), col(kLabel), text.c_str());
    return q;
}

// The legend's rows (kind: 10+ a category marker, 0 the chosen category's marker, 1 density, 2 gap, 3 suggestion,
// 4 reach) and its box size: the fit leaves room for it, the drawing puts it in the top-left corner.
std::vector<std::pair<int, std::string>> legend_rows(const wire::CoverageReply& reply) {
    std::vector<std::pair<int, std::string>> rows;
    if (reply.category == "any") {
        for (const auto& c : reply.categories)
            if (c.code != "any") rows.emplace_back(10 + static_cast<int>(rows.size()), c.name_zh);
    } else {
        rows.emplace_back(0, reply.name_zh + "服务网点");
    }
    rows.emplace_back(1, "老人密度（每格 " + std::to_string(reply.cell_metres) + " 米）");
    rows.emplace_back(2, "服务缺口");
    rows.emplace_back(3, "建议新增网点");
    rows.emplace_back(4, "15分钟服务圈（点选网点）");
    return rows;
}

float legend_line() { return ImGui::GetTextLineHeight() + px(4); }

ImVec2 legend_size(const std::vector<std::pair<int, std::string>>& rows) {
    float tw = 0;
    for (const auto& [k, t] : rows) tw = std::max(tw, ImGui::CalcTextSize(t.c_str()).x);
    return ImVec2(tw + px(40), legend_line() * static_cast<float>(rows.size()) + px(8));
}

bool overlaps(const ImRect& a, const ImRect& b) {
    return a.Min.x < b.Max.x && b.Min.x < a.Max.x && a.Min.y < b.Max.y && b.Min.y < a.Max.y;
}

// The pinch in progress: the previous frame's finger distance and middle (transient gesture state of the widget).
struct Pinch {
    bool on = false;
    float dist = 0;
    ImVec2 mid;
};
Pinch g_pinch;

}  // namespace

MapOutcome draw_map(const wire::CoverageReply& reply, const MapView& view, ImVec2 min, ImVec2 max,
                    const MapOptions& o) {
    MapOutcome out;
    const float w = max.x - min.x, h = max.y - min.y;
    if (w < 8 || h < 8) return out;
    Frame f{coverage::plane_around(reply.grid_origin.lat_e6, reply.grid_origin.lon_e6), view,
            ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2)};
    // The view to draw: the whole city when none was set, a town's region when a row asked for it.
    if (f.v.fit_town != 0) {   // centred on the town's centre, its whole region in view
        MapView t;
        for (const auto& town : reply.towns) {
            if (town.town != f.v.fit_town) continue;
            const auto c = f.plane.project(town.centre);
            t.centre_x_m = static_cast<double>(c.x_mm) / 1000.0;
            t.centre_y_m = static_cast<double>(c.y_mm) / 1000.0;
            double dx = 1000, dy = 1000;
            for (const auto& g : town.region) {
                const auto p = f.plane.project(g);
                dx = std::max(dx, std::abs(static_cast<double>(p.x_mm) / 1000.0 - t.centre_x_m));
                dy = std::max(dy, std::abs(static_cast<double>(p.y_mm) / 1000.0 - t.centre_y_m));
            }
            t.metres_per_px = std::max(2 * dx * 1.1 / w, 2 * dy * 1.1 / h);
        }
        if (t.metres_per_px <= 0) t = fit(outline_of(reply, f.plane, 0), w, h, 1.04);   // a town not in the reply
        out.view = t;
        f.v = t;
    } else if (f.v.metres_per_px <= 0) {
        // The whole city, clear of the legend (top left) and the schematic note (bottom left): beside them when the
        // rectangle is wide, between them when it is tall — whichever shows the city larger.
        const auto outline = outline_of(reply, f.plane, 0);
        const float pad = px(8);
        const ImVec2 lg = legend_size(legend_rows(reply));
        const float note_h = ImGui::GetTextLineHeight() + px(12) + pad;
        const float beside_w = w - lg.x - 2 * pad, between_h = h - lg.y - note_h - 2 * pad;
        const MapView whole = fit(outline, w, h, 1.04);
        const MapView beside = fit(outline, beside_w, h, 1.04);
        const MapView between = fit(outline, w, between_h, 1.04);
        const bool use_beside = beside_w > w * 0.4f && beside.metres_per_px <= between.metres_per_px;
        const bool use_between = !use_beside && between_h > h * 0.4f;
        f.v = use_beside ? beside : use_between ? between : whole;
        if (use_beside || use_between) {
            // The outline's centre goes to the middle of the free part.
            const ImVec2 free_mid = use_beside ? ImVec2(min.x + lg.x + pad + (w - lg.x - pad) / 2, f.mid.y)
                                               : ImVec2(f.mid.x, min.y + lg.y + pad + between_h / 2 + pad);
            f.v.centre_x_m -= (free_mid.x - f.mid.x) * f.v.metres_per_px;
            f.v.centre_y_m += (free_mid.y - f.mid.y) * f.v.metres_per_px;
        }
    }
    MapView next = f.v;
    const auto zoom_at = [&](double factor, ImVec2 s) {   // the place under s stays under s
        const double wx = f.x_m(s.x), wy = f.y_m(s.y);
        next.metres_per_px = std::clamp(next.metres_per_px * factor, 0.5, 2000.0);
        next.centre_x_m = wx - (s.x - f.mid.x) * next.metres_per_px;
        next.centre_y_m = wy + (s.y - f.mid.y) * next.metres_per_px;
        out.view = next;
    };

    // ---- input: the rectangle is one button; the zoom buttons overlap it ----
    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton((o.id + "##canvas").c_str(), ImVec2(w, h));
    ImGui::SetItemAllowOverlap();
    tag(o.id + ".canvas");
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    claim_pinch_rect(min.x, min.y, max.x, max.y);
    const TwoFingers fingers = two_fingers();
    if (fingers.active) {
        const float dist = std::hypot(fingers.x1 - fingers.x0, fingers.y1 - fingers.y0);
        const ImVec2 mid((fingers.x0 + fingers.x1) / 2, (fingers.y0 + fingers.y1) / 2);
        if (!g_pinch.on) {   // its first frame: from where the fingers were put down
            g_pinch = Pinch{true, std::hypot(fingers.start_x1 - fingers.start_x0, fingers.start_y1 - fingers.start_y0),
                            ImVec2((fingers.start_x0 + fingers.start_x1) / 2, (fingers.start_y0 + fingers.start_y1) / 2)};
        }
        if (dist > 1 && g_pinch.dist > 1) {
            zoom_at(static_cast<double>(g_pinch.dist / dist), mid);
            next.centre_x_m -= (mid.x - g_pinch.mid.x) * next.metres_per_px;
            next.centre_y_m += (mid.y - g_pinch.mid.y) * next.metres_per_px;
            out.view = next;
        }
        g_pinch = Pinch{true, dist, mid};
    } else {
        g_pinch.on = false;
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, px(3)) &&
            (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
            next.centre_x_m -= io.MouseDelta.x * next.metres_per_px;
            next.centre_y_m += io.MouseDelta.y * next.metres_per_px;
            out.view = next;
        }
        if (hovered && io.MouseWheel != 0) zoom_at(std::pow(1.25, -static_cast<double>(io.MouseWheel)), io.MousePos);
    }
    if (ImGui::IsItemDeactivated() && !fingers.active) {
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        if (std::hypot(d.x, d.y) < px(6)) {   // a tap, not a drag: the nearest marker within reach of a finger
            Id best = 0;
            float best_d = px(16);
            for (const auto& p : reply.service_points) {
                const ImVec2 s = f.at(p.at);
                const float dd = std::hypot(s.x - io.MousePos.x, s.y - io.MousePos.y);
                if (dd < best_d) best = p.id, best_d = dd;
            }
            if (best != 0 || o.chosen_point != 0) out.tapped_point = best;
        }
    }

    // ---- drawing ----
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    dl->AddRectFilled(min, max, col(kWater));
    std::vector<ImVec2> pts;
    for (std::size_t i = 0; i < reply.towns.size(); ++i) {
        const auto& t = reply.towns[i];
        if (t.region.size() < 3) continue;
        pts.clear();
        for (const auto& g : t.region) pts.push_back(f.at(g));
        const bool own = t.town == o.highlight_town;
        dl->AddConvexPolyFilled(pts.data(), static_cast<int>(pts.size()), col(own ? kLandOwn : (i % 2 ? kLandAlt : kLand)));
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col(kEdge), ImDrawFlags_Closed, px(1));
    }
    // Density: shade by the cell's count against the largest shown (a suppressed cell: the faintest shade).
    std::int64_t top = 1;
    for (const auto& c : reply.cells) top = std::max<std::int64_t>(top, c.elders.value.value_or(0));
    const double cell = static_cast<double>(reply.cell_metres);
    for (const auto& c : reply.cells) {
        const ImVec2 a = f.at(c.col * cell, (c.row + 1) * cell), b = f.at((c.col + 1) * cell, c.row * cell);
        if (b.x < min.x || a.x > max.x || b.y < min.y || a.y > max.y) continue;
        const double share = c.elders.value ? std::sqrt(static_cast<double>(*c.elders.value) / static_cast<double>(top)) : 0.0;
        dl->AddRectFilled(a, b, with_alpha(kDensity, 24 + static_cast<int>(share * 150.0)));
    }
    for (const auto& t : reply.towns) {   // borders again over the cells; the own town thick
        if (t.region.size() < 3) continue;
        pts.clear();
        for (const auto& g : t.region) pts.push_back(f.at(g));
        const bool own = t.town == o.highlight_town;
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col(own ? kOwnEdge : kEdge), ImDrawFlags_Closed,
                        own ? px(4) : px(1));
    }
    // Gaps: their grid squares outlined.
    const double half = static_cast<double>(reply.gap_cell_metres) / 2.0;
    for (std::size_t i = 0; i < reply.gaps.size(); ++i) {
        const auto xy = f.plane.project(reply.gaps[i].centre);
        const double x = static_cast<double>(xy.x_mm) / 1000.0, y = static_cast<double>(xy.y_mm) / 1000.0;
        const ImVec2 a = f.at(x - half, y + half), b = f.at(x + half, y - half);
        dl->AddRect(a, ImVec2(std::max(b.x, a.x + px(6)), std::max(b.y, a.y + px(6))), col(kGap), 0, 0, px(2));
        tag_rect(o.id + ".gap." + std::to_string(i), a, b);
    }
    // The chosen point's reach (the straight-line radius of the 15-minute walk).
    const float reach_px = static_cast<float>(static_cast<double>(reply.reach_metres) / f.v.metres_per_px);
    for (const auto& p : reply.service_points) {
        if (p.id != o.chosen_point) continue;
        const ImVec2 s = f.at(p.at);
        dl->AddCircleFilled(s, reach_px, with_alpha(kReach, 50), 64);
        dl->AddCircle(s, reach_px, col(kReach), 64, px(2));
        tag_rect(o.id + ".reach", ImVec2(s.x - reach_px, s.y - reach_px), ImVec2(s.x + reach_px, s.y + reach_px));
    }
    // Service points.
    const float r = px(5);
    for (const auto& p : reply.service_points) {
        const ImVec2 s = f.at(p.at);
        if (s.x < min.x - r || s.x > max.x + r || s.y < min.y - r || s.y > max.y + r) continue;
        dl->AddCircleFilled(s, p.id == o.chosen_point ? r * 1.6f : r, col(point_colour(reply, p)));
        dl->AddCircle(s, p.id == o.chosen_point ? r * 1.6f : r, col(kHalo), 12, px(1.5f));
    }
    if (o.chosen_point != 0) {
        for (const auto& p : reply.service_points)
            if (p.id == o.chosen_point) {
                const ImVec2 s = f.at(p.at);
                halo_text(dl, ImVec2(s.x, s.y - r * 1.6f - ImGui::GetTextLineHeight() * 0.7f), p.name, kLabel);
            }
    }
    // What labels must not cover: the legend (top left), the schematic note (bottom left), the suggestion's box.
    const float pad = px(8), line = legend_line();
    const auto rows = legend_rows(reply);
    const ImVec2 lg = legend_size(rows);
    const ImRect legend_box(ImVec2(min.x + pad, min.y + pad), ImVec2(min.x + pad + lg.x, min.y + pad + lg.y));
    const ImVec2 note_size = ImGui::CalcTextSize(reply.schematic_note.c_str());
    const ImRect note_box(ImVec2(min.x + pad, max.y - pad - note_size.y - px(12)),
                          ImVec2(min.x + pad + note_size.x + px(12), max.y - pad));
    std::vector<ImRect> taken = {legend_box, note_box};
    // The suggested point: a diamond and its figure in a box — right of it, or left when the right runs off the map.
    if (reply.suggestion) {
        const ImVec2 s = f.at(reply.suggestion->at);
        const float d = px(9);
        dl->AddQuadFilled(ImVec2(s.x, s.y - d), ImVec2(s.x + d, s.y), ImVec2(s.x, s.y + d), ImVec2(s.x - d, s.y), col(kSuggest));
        dl->AddQuad(ImVec2(s.x, s.y - d), ImVec2(s.x + d, s.y), ImVec2(s.x, s.y + d), ImVec2(s.x - d, s.y), col(kHalo), px(1.5f));
        const std::string text = "新增一处可覆盖 " + reply.suggestion->newly_covered.text + " 名老人";
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        const float box_w = size.x + px(12);
        const bool left = s.x + d + px(4) + box_w > max.x && s.x - d - px(4) - box_w >= min.x;
        const ImVec2 at(left ? s.x - d - px(4) - box_w : s.x + d + px(4), s.y - d);
        const ImVec2 q = boxed_text(dl, at, text);
        taken.emplace_back(ImVec2(std::min(at.x, s.x - d), s.y - d), ImVec2(std::max(q.x, s.x + d), std::max(q.y, s.y + d)));
        tag_rect(o.id + ".suggestion", ImVec2(std::min(at.x, s.x - d), s.y - d), ImVec2(std::max(q.x, s.x + d), q.y));
        tag_text(o.id + ".suggestion", text);
    }
    // Town names at their centres, the towns with the most elders first (the own town before all); a name that
    // would overlap one already written (or the legend, the note, the suggestion) tries just above and below, and
    // is left out when none is free — zooming in brings it back.
    {
        std::vector<const wire::CoverageTown*> order;
        for (const auto& t : reply.towns) order.push_back(&t);
        std::stable_sort(order.begin(), order.end(), [&](const wire::CoverageTown* a, const wire::CoverageTown* b) {
            if ((a->town == o.highlight_town) != (b->town == o.highlight_town)) return a->town == o.highlight_town;
            return a->elders.value.value_or(0) > b->elders.value.value_or(0);
        });
        const float lh = ImGui::GetTextLineHeight();
        for (const auto* t : order) {
            const ImVec2 c = f.at(t->centre);
            tag_rect(o.id + ".town." + std::to_string(t->town), ImVec2(c.x - 2, c.y - 2), ImVec2(c.x + 2, c.y + 2));
            const ImVec2 size = ImGui::CalcTextSize(t->name.c_str());
            for (const float dy : {0.0f, -lh * 0.9f, lh * 0.9f}) {
                const ImVec2 at(c.x, c.y + dy);
                const ImRect box(ImVec2(at.x - size.x / 2 - px(2), at.y - size.y / 2), ImVec2(at.x + size.x / 2 + px(2), at.y + size.y / 2));
                if (box.Max.x < min.x || box.Min.x > max.x || box.Max.y < min.y || box.Min.y > max.y) break;   // off the map
                bool free = true;
                for (const auto& r2 : taken) free = free && !overlaps(box, r2);
                if (!free) continue;
                halo_text(dl, at, t->name, kLabel);
                taken.push_back(box);
                tag_rect(o.id + ".label." + std::to_string(t->town), box.Min, box.Max);
                break;
            }
        }
    }
    // Legend (top left) and the schematic note (bottom left).
    {
        const ImVec2 a = legend_box.Min, b = legend_box.Max;
        dl->AddRectFilled(a, b, with_alpha(kHalo, 230), px(4));
        dl->AddRect(a, b, col(kEdge), px(4));
        float y = a.y + px(4);
        int cat = 0;
        for (const auto& [k, t] : rows) {
            const ImVec2 m(a.x + px(16), y + line / 2 - px(2));
            if (k >= 10 || k == 0) {
                const palette::Colour& c = k == 0 ? category_colour(reply, reply.category) : kCategory[std::min(cat++, 4)];
                dl->AddCircleFilled(m, r, col(c));
            } else if (k == 1) {
                dl->AddRectFilled(ImVec2(m.x - px(7), m.y - px(7)), ImVec2(m.x + px(7), m.y + px(7)), with_alpha(kDensity, 120));
            } else if (k == 2) {
                dl->AddRect(ImVec2(m.x - px(7), m.y - px(7)), ImVec2(m.x + px(7), m.y + px(7)), col(kGap), 0, 0, px(2));
            } else if (k == 3) {
                const float d = px(7);
                dl->AddQuadFilled(ImVec2(m.x, m.y - d), ImVec2(m.x + d, m.y), ImVec2(m.x, m.y + d), ImVec2(m.x - d, m.y), col(kSuggest));
            } else {
                dl->AddCircle(m, px(7), col(kReach), 24, px(2));
            }
            dl->AddText(ImVec2(a.x + px(30), y + px(2)), col(kLabel), t.c_str());
            y += line;
        }
        tag_rect(o.id + ".legend", a, b);
        const ImVec2 size = ImGui::CalcTextSize(reply.schematic_note.c_str());
        const ImVec2 q = boxed_text(dl, ImVec2(min.x + pad, max.y - pad - size.y - px(12)), reply.schematic_note);
        tag_rect(o.id + ".note", ImVec2(min.x + pad, max.y - pad - size.y - px(12)), q);
        tag_text(o.id + ".note", reply.schematic_note);
    }
    dl->PopClipRect();

    // ---- the zoom buttons (≥ 48 CSS px: fingers) ----
    if (o.buttons) {
        const float b = std::max(px(48), 48.0f);
        const float x = max.x - b - px(8);
        float y = min.y + px(8);
        const auto button = [&](const char* label, const char* name) {
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            const bool hit = ImGui::Button((std::string(label) + "##" + o.id + name).c_str(), ImVec2(b, b));
            tag(o.id + "." + name);
            y += b + px(6);
            return hit;
        };
        if (button("+", "zoom_in")) zoom_at(1 / 1.5, f.mid);
        if (button("−", "zoom_out")) zoom_at(1.5, f.mid);
        if (button("复位", "reset")) {
            next = MapView{};
            out.view = next;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(min.x, max.y));
    return out;
}

}  // namespace yiyang::client::ui
