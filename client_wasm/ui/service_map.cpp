// map: 服务地图 — the 15-minute circle of the chosen category (chips), the city-wide figure and the suggestion, the
// map widget (ui/map_view: regions, density, gaps, points, reach circle; drag, wheel, pinch, +/−) and beside it the
// towns' table (镇街, 老人数, 覆盖, 覆盖率, 网点), sorted by a header click, exported / printed like every list
// (ui/table_tools), a row centring the map on its town. Counts arrive suppressed ("<5"); nothing is computed here.
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/a11y.hpp"
#include "ui/map_view.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

// A suppressed count sorts below every shown one ("<5" is fewer than 5).
std::int64_t sort_value(const disclosure::PublicCount& c) { return c.value ? *c.value : -1; }
double rate_value(const wire::PublicRate& r) {
    return r.num && r.den && *r.den > 0 ? static_cast<double>(*r.num) / static_cast<double>(*r.den) : -1.0;
}

}  // namespace

Intents draw_service_map(const AppState& s) {
    Intents out;
    const ServiceMapState& M = s.service_map;
    heading("服务地图");

    // ---- the circle: one chip per category of the rule (48 px: fingers) ----
    {
        std::vector<wire::CoverageCategory> chips;
        if (M.reply) chips = M.reply->categories;
        else chips.push_back({M.category, "任一养老服务网点"});
        const float h = px(48);
        bool first = true;
        for (const auto& c : chips) {
            const float w = ImGui::CalcTextSize(c.name_zh.c_str()).x + px(32);
            if (!first) same_line_wrap(w);
            first = false;
            const bool on = c.code == M.category;
            if (on ? primary_button((c.name_zh + "##chip").c_str(), ImVec2(w, h))
                   : ImGui::Button((c.name_zh + "##chip").c_str(), ImVec2(w, h))) {
                if (!on) out.push_back(ServiceMapIntent{ServiceMapChoose{c.code}});
            }
            tag("service_map.chip." + c.code);
        }
        if (M.loading) {
            ImGui::SameLine();
            muted("正在加载…");
        }
    }
    if (!M.error.empty()) {
        wrapped_text("服务地图未能加载：" + M.error, col(palette::kError));
        tag("service_map.error");
        if (ImGui::Button("重试")) out.push_back(ServiceMapIntent{ServiceMapReload{}});
    }
    if (!M.reply) {
        if (M.error.empty()) muted("正在计算 15 分钟服务圈…");
        return out;
    }
    const wire::CoverageReply& r = *M.reply;

    // ---- the city's figure and the suggestion ----
    flow_text("全市「" + r.name_zh + "」15分钟服务圈（步行 " + std::to_string(r.walk_metres) + " 米，直线 " +
                  std::to_string(r.reach_metres) + " 米）：覆盖老人 " + r.covered.text + " / " + r.elders.text +
                  " 名，覆盖率 " + r.rate.text + "；服务网点 " + std::to_string(r.points) + " 处",
              true);
    tag("service_map.summary");
    tag_text("service_map.summary", r.rate.text);
    if (r.suggestion) {
        std::string town;
        for (const auto& t : r.towns)
            if (t.town == r.suggestion->town) town = t.name;
        flow_text("建议：在" + (town.empty() ? std::string("缺口处") : town) + "新增一处可覆盖 " +
                  r.suggestion->newly_covered.text + " 名老人");
        tag("service_map.suggestion");
    }

    // ---- the map and the towns' table ----
    const Panes panes = split_panes(0.32f, em(17), em(26), em(22), 0.45f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 map_size = panes.stacked ? ImVec2(avail.x, panes.detail.y)
                                          : ImVec2(avail.x - panes.list.x - ImGui::GetStyle().ItemSpacing.x, avail.y);
    const ImVec2 table_size = panes.list;
    const auto draw_the_map = [&]() {
        const ImVec2 min = ImGui::GetCursorScreenPos();
        const ImVec2 max(min.x + map_size.x, min.y + map_size.y);
        MapOptions o;
        o.id = "service_map.map";
        o.chosen_point = M.chosen_point;
        if (s.user && s.user->role == Role::Town && s.user->town_id) o.highlight_town = *s.user->town_id;
        const MapOutcome got = draw_map(r, M.view, min, max, o);
        if (got.view && !(*got.view == M.view)) out.push_back(ServiceMapIntent{ServiceMapSetView{*got.view}});
        if (got.tapped_point) out.push_back(ServiceMapIntent{ServiceMapChoosePoint{*got.tapped_point}});
    };
    const auto draw_the_table = [&]() {
        ImGui::BeginChild("service_map.towns", table_size, false, ImGuiWindowFlags_NoScrollbar);
        export_print_buttons(s, "coverage", "service_map");
        std::vector<std::size_t> order(r.towns.size());
        std::iota(order.begin(), order.end(), 0);
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                      ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Sortable;
        if (ImGui::BeginTable("service_map.table", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("镇街", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 1.6f, 0);
            ImGui::TableSetupColumn("老人数", ImGuiTableColumnFlags_WidthStretch, 1.0f, 1);
            ImGui::TableSetupColumn("覆盖", ImGuiTableColumnFlags_WidthStretch, 1.0f, 2);
            ImGui::TableSetupColumn("覆盖率", ImGuiTableColumnFlags_WidthStretch, 1.0f, 3);
            ImGui::TableSetupColumn("网点", ImGuiTableColumnFlags_WidthStretch, 0.7f, 4);
            ImGui::TableHeadersRow();
            // The order shown (the rows as sent; sorting them is no figure).
            if (const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
                const auto& sp = specs->Specs[0];
                const bool desc = sp.SortDirection == ImGuiSortDirection_Descending;
                std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                    const auto& x = r.towns[a];
                    const auto& y = r.towns[b];
                    double u = 0, v = 0;
                    switch (sp.ColumnUserID) {
                        case 1: u = static_cast<double>(sort_value(x.elders)), v = static_cast<double>(sort_value(y.elders)); break;
                        case 2: u = static_cast<double>(sort_value(x.covered)), v = static_cast<double>(sort_value(y.covered)); break;
                        case 3: u = rate_value(x.rate), v = rate_value(y.rate); break;
                        case 4: u = static_cast<double>(x.points), v = static_cast<double>(y.points); break;
                        default: u = static_cast<double>(x.town), v = static_cast<double>(y.town); break;
                    }
                    return desc ? u > v : u < v;
                });
            }
            a11y::table("各镇街15分钟服务圈覆盖", {"镇街", "老人数", "覆盖", "覆盖率", "网点"});
            for (std::size_t k = 0; k < order.size(); ++k) {
                const auto& t = r.towns[order[k]];
                a11y::row({t.name, t.elders.text, t.covered.text, t.rate.text, std::to_string(t.points)});
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(t.town));
                const bool own = s.user && s.user->role == Role::Town && s.user->town_id == t.town;
                if (ImGui::Selectable(t.name.c_str(), M.focused_town == t.town || own,
                                      ImGuiSelectableFlags_SpanAllColumns)) {
                    out.push_back(ServiceMapIntent{ServiceMapFocusTown{t.town}});
                }
                const std::string row_id = "service_map.row." + std::to_string(k);
                tag(row_id);
                tag_text(row_id, t.name + "|" + std::to_string(t.town));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(t.elders.text.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(t.covered.text.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(t.rate.text.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(t.points));
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        tag("service_map.table");
        ImGui::EndChild();
    };
    if (panes.stacked) {
        draw_the_map();
        draw_the_table();
    } else {
        const ImVec2 start = ImGui::GetCursorScreenPos();
        draw_the_map();
        ImGui::SetCursorScreenPos(ImVec2(start.x + map_size.x + ImGui::GetStyle().ItemSpacing.x, start.y));
        draw_the_table();
    }
    return out;
}

}  // namespace yiyang::client::ui
