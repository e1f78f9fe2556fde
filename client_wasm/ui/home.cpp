// Home panel: live figures from GET /api/v1/overview as the server computed them (shared/overview.hpp):
// tiles (active elders, elders by status, this month's orders, providers by status), elders by town with
// their share, categories, and this month's orders by channel and type. Bars are ImGui draw-list rectangles.
// Above them the work queues the user works (GET /api/v1/queues); city-wide and own-scope figures are headed as such.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"
#include "yiyang/work_queues.hpp"

namespace yiyang::client::ui {

namespace {

std::string count_line(const std::vector<CountRow>& rows) {
    std::string out;
    for (const auto& r : rows) {
        if (!out.empty()) out += "  ";
        out += r.label + " " + std::to_string(r.count);
    }
    return out;
}

std::int64_t count_of(const std::vector<CountRow>& rows, const char* code) {
    for (const auto& r : rows) {
        if (r.code == code) return r.count;
    }
    return 0;
}

void tile(const char* id, const char* label, const std::string& figure, const std::string& unit,
          const std::string& detail, float width) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(16), px(12)));
    ImGui::BeginChild(id, ImVec2(width, px(124)), true,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar();
    colored_text(label, colors::kMuted);
    ImGui::PushFont(theme().figure);
    colored_text(figure, colors::kAccent);
    tag(std::string("home.") + (id + 5));            // "tile.active_elders" -> "home.active_elders"
    tag_text(std::string("home.") + (id + 5), figure);
    a11y::figure(label, figure + unit);
    ImGui::PopFont();
    if (!unit.empty()) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(10));
        colored_text(unit, colors::kMuted);
    }
    wrapped_text(detail, colors::kMuted);
    ImGui::EndChild();
}

void counts_table(const char* id, const char* title, const char* first_col, const std::vector<CountRow>& rows) {
    heading(title);
    std::int64_t max_count = 1;
    for (const auto& r : rows) max_count = std::max(max_count, r.count);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable(id, 3, flags)) {
        ImGui::TableSetupColumn(first_col, ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("数量", ImGuiTableColumnFlags_WidthFixed, px(70));
        ImGui::TableSetupColumn("##bar", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.label.c_str());
            ImGui::TableNextColumn();
            const std::string n = std::to_string(r.count);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(n.c_str()).x);
            ImGui::TextUnformatted(n.c_str());
            tag_text(std::string(id) + "." + r.code, n);
            ImGui::TableNextColumn();
            // Bar length relative to the largest row: drawing scale only, no figure is derived.
            share_bar(static_cast<double>(r.count) / static_cast<double>(max_count),
                      ImGui::GetContentRegionAvail().x, px(10));
        }
        ImGui::EndTable();
    }
}

// The user's own scope as a heading: 本镇街（城关镇） / 本服务商（…）, from GET /api/v1/queues (or the role).
std::string own_scope_label(const AppState& s) {
    if (s.orders.queues && s.orders.queues->scope != "city") return s.orders.queues->scope_label;
    if (s.user && s.user->role == Role::Town) return "本镇街";
    if (s.user && s.user->role == Role::Provider) return "本服务商";
    return "全市";
}

bool scoped_user(const AppState& s) {
    return s.user && (s.user->role == Role::Town || s.user->role == Role::Provider);
}

// ---- KPI tiles: this month's indicators from GET /api/v1/kpis, refreshed when orders change ----------
// Only monthly indicators computed from records are tiles (entered ones wait for their evidence: see 绩效指标).
// A tile shows the name, the value as the server displays it, the target, met / not met and the counts;
// clicking it opens the indicator screen on that code.
void kpi_tiles(const AppState& s, Intents& out) {
    const KpiData& d = s.live.tiles;
    std::vector<const KpiItem*> items;
    for (const auto& k : d.items) {
        if (!k.entered() && k.applicable && (k.period.empty() || k.period == "month")) items.push_back(&k);
    }
    // Scoped to the user's town / provider (app/live.cpp load_tiles): the heading says whose figures these are.
    const std::string title = own_scope_label(s) + " · 本月绩效指标" +
                              (d.loaded ? "（" + d.period.label_zh() + "）" : std::string());
    ImGui::BeginGroup();
    wrapped_text(title, colors::kMuted);     // a long scope name wraps (portrait at large text)
    ImGui::EndGroup();
    tag("home.kpis");
    if (!d.loaded) {
        ImGui::SameLine();
        muted("正在加载…");
        return;
    }
    if (items.empty()) {
        muted("暂无可计算的指标");
        return;
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const TileGrid grid = tile_grid(static_cast<int>(items.size()), px(196));
    const float w = grid.w;
    // A long name (紧急求助30秒内派出救助按时率) wraps instead of being clipped: every tile is as tall as the
    // tallest wrapped name plus the value and counts lines.
    const float name_w = w - px(24);
    float name_h = ImGui::GetTextLineHeight();
    for (const KpiItem* k : items) name_h = std::max(name_h, ImGui::CalcTextSize(k->name_zh.c_str(), nullptr, false, name_w).y);
    const float h = name_h + ImGui::GetStyle().ItemSpacing.y + ImGui::GetTextLineHeightWithSpacing() * 2 + px(14);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const KpiItem& k = *items[i];
        grid.next(static_cast<int>(i));
        const std::string id = "home.kpi." + k.code;
        const bool no_data = k.display.empty() || k.display == "—";
        const ImU32 state_color = no_data ? colors::kMuted : (k.met ? colors::kSuccess : colors::kError);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(10), px(6)));
        ImGui::BeginChild(id.c_str(), ImVec2(w, h), true,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                              ImGuiWindowFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        const ImVec2 wp = ImGui::GetWindowPos();
        ImGui::GetWindowDrawList()->AddRectFilled(wp, ImVec2(wp.x + px(4), wp.y + h), state_color);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::kMuted);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + name_w);
        ImGui::TextUnformatted(k.name_zh.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::SetCursorPosY(px(6) + name_h + ImGui::GetStyle().ItemSpacing.y);   // the tile's own padding
        colored_text(no_data ? std::string("无数据") : k.display, state_color);
        ImGui::SameLine();
        colored_text(no_data ? std::string() : (k.met ? "达标" : "未达标"), state_color);
        // Third line: the counts, then the target when it fits beside them (always in the tooltip).
        const std::string counts = k.unit == "percent"
                                       ? std::to_string(k.numerator_count) + " / " + std::to_string(k.denominator_count)
                                       : "计数 " + std::to_string(k.numerator_count);
        const std::string target = "目标 " + k.target_text;
        colored_text(counts, colors::kMuted);
        const float room = w - px(20) - ImGui::CalcTextSize(counts.c_str()).x - spacing * 2;
        if (ImGui::CalcTextSize(target.c_str()).x <= room) {
            ImGui::SameLine(0, spacing * 2);
            colored_text(target, colors::kMuted);
        }
        tag_text(id + ".counts", std::to_string(k.numerator_count) + "/" + std::to_string(k.denominator_count));
        ImGui::SetCursorPos(ImVec2(0, 0));
        if (ImGui::InvisibleButton("##open", ImVec2(w, h))) out.push_back(LiveIntent{OpenKpi{k.code}});
        if (ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetTooltip("%s\n%s（%s）", k.name_zh.c_str(), target.c_str(), no_data ? "无数据" : k.display.c_str());
        }
        ImGui::EndChild();
        tag(id);
        tag_text(id, k.display);
    }
}

// ---- work queues: the queues this user works (shared work_queues.hpp), each a tile with its count; a click
// opens the order list of that queue (emergencies first, then the oldest).
void queue_tiles(const AppState& s, Intents& out) {
    if (!s.orders.queues || s.orders.queues->queues.empty()) return;
    const auto& qs = s.orders.queues->queues;
    ImGui::BeginGroup();
    wrapped_text("待办队列（" + s.orders.queues->scope_label + "）", colors::kMuted);
    ImGui::EndGroup();
    tag("home.queues");
    const int n = static_cast<int>(qs.size());
    const TileGrid grid = tile_grid(n, px(150));     // all in one row when they fit, else in rows
    const float w = grid.w;
    const float h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFontSize() * 1.6f + px(16);
    for (int i = 0; i < n; ++i) {
        const auto& q = qs[static_cast<std::size_t>(i)];
        grid.next(i);
        const std::string id = std::string("home.queue.") + code(q.queue);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(12), px(6)));
        ImGui::BeginChild(id.c_str(), ImVec2(w, h), true,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                              ImGuiWindowFlags_AlwaysUseWindowPadding);
        ImGui::PopStyleVar();
        colored_text(q.label, colors::kMuted);
        ImGui::PushFont(theme().figure);
        colored_text(std::to_string(q.count), q.count > 0 ? colors::kAccent : colors::kMuted);
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(10));
        colored_text("单", colors::kMuted);
        ImGui::SetCursorPos(ImVec2(0, 0));
        if (ImGui::InvisibleButton("##open", ImVec2(w, h))) out.push_back(OrdersIntent{OrdersOpenQueue{code(q.queue)}});
        if (ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetTooltip("打开%s的工单：紧急求助在前，其余按受理时间从早到晚", q.label.c_str());
        }
        ImGui::EndChild();
        tag(id);
        tag_text(id, std::to_string(q.count));
    }
    ImGui::Dummy(ImVec2(0, px(4)));
}

}  // namespace

Intents draw_home(const AppState& s) {
    Intents out;
    heading("首页");
    const float refresh_w = ImGui::CalcTextSize("刷新").x + ImGui::GetStyle().FramePadding.x * 2;
    if (s.overview && !s.overview->month_label.empty()) {
        // Beside the heading when it fits with 刷新, else on the next line (large text, portrait).
        const std::string month = "数据月份：" + s.overview->month_label;
        same_line_wrap(ImGui::CalcTextSize(month.c_str()).x + ImGui::GetStyle().ItemSpacing.x + refresh_w);
        if (ImGui::GetCursorPosX() > ImGui::GetStyle().WindowPadding.x + 1.0f)
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
        colored_text(month, colors::kMuted);
    }
    same_line_right(refresh_w);
    if (ImGui::Button("刷新")) out.push_back(LoadOverview{});
    tag("home.refresh");

    if (!s.overview) {
        if (s.pending_requests > 0) {
            spinner(px(10), colors::kAccent);
            ImGui::SameLine();
            muted("正在加载首页数据…");
        } else {
            muted("暂无数据");
        }
        return out;
    }
    const OverviewData& o = *s.overview;

    // The body scrolls when the KPI tiles and the tables do not fit.
    ImGui::BeginChild("home.body", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);

    queue_tiles(s, out);

    // ---- tiles: the whole city's figures (a town or provider user is told so: their own are below) ----
    if (scoped_user(s)) {
        colored_text("全市", colors::kMuted);
        tag("home.scope.city");
    }
    // Four tiles in a row, or two rows of two (or one column) when a tile would be narrower than 8 characters.
    const TileGrid grid = tile_grid(4, em(8));
    const float tile_w = grid.w;
    tile("tile.active_elders", "在册服务对象", std::to_string(o.active_elders), "人",
         "服务对象总数 " + std::to_string(o.all_elders) + " 人", tile_w);
    grid.next(1);
    tile("tile.month_orders", "本月工单", std::to_string(o.month_orders), "单",
         "未办结 " + std::to_string(o.month_orders_open) + " 单", tile_w);
    grid.next(2);
    tile("tile.active_providers", "服务商（正常）", std::to_string(count_of(o.providers_by_status, "active")), "家",
         count_line(o.providers_by_status), tile_w);
    grid.next(3);
    std::vector<CountRow> other_status;
    for (const auto& r : o.elders_by_status) {
        if (r.code != "active") other_status.push_back(r);
    }
    tile("tile.all_elders", "服务对象总数", std::to_string(o.all_elders), "人", count_line(other_status), tile_w);
    ImGui::Dummy(ImVec2(0, px(4)));
    if (s.user && may(s.user->role, Permission::ReadKpis) && (!s.live.tiles.items.empty() || s.live.tile_loads == 0)) {   // this month's indicators
        kpi_tiles(s, out);
        ImGui::Dummy(ImVec2(0, px(4)));
    }

    // ---- towns (left) and categories, channels, types (right) ----
    const float avail_h = std::max(ImGui::GetContentRegionAvail().y, px(300));   // below: the body scrolls
    const ImGuiTableFlags layout = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoPadOuterX;
    if (ImGui::BeginTable("home.layout", 2, layout, ImVec2(0, avail_h))) {
        ImGui::TableSetupColumn("towns", ImGuiTableColumnFlags_WidthStretch, 1.15f);
        ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableNextRow();

        ImGui::TableNextColumn();
        ImGui::BeginChild("home.towns.panel", ImVec2(0, avail_h - px(4)), true);
        heading("各镇街在册服务对象");
        const ImGuiTableFlags tflags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("home.towns", 4, tflags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("镇街", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("在册人数", ImGuiTableColumnFlags_WidthFixed, px(84));
            ImGui::TableSetupColumn("占比", ImGuiTableColumnFlags_WidthFixed, px(76));
            ImGui::TableSetupColumn("##bar", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < o.towns.size(); ++i) {
                const TownShareRow& t = o.towns[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(t.name.c_str());
                ImGui::TableNextColumn();
                const std::string n = std::to_string(t.active_elders);
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x -
                                     ImGui::CalcTextSize(n.c_str()).x);
                ImGui::TextUnformatted(n.c_str());
                ImGui::TableNextColumn();
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x -
                                     ImGui::CalcTextSize(t.share_text.c_str()).x);
                ImGui::TextUnformatted(t.share_text.c_str());
                tag_text("home.towns." + std::to_string(t.town_id), t.name + " " + n + " " + t.share_text);
                ImGui::TableNextColumn();
                const double frac = t.share_den > 0 ? static_cast<double>(t.share_num) / t.share_den : 0.0;
                // The largest town fills most of the bar so small shares stay visible.
                const double top = (!o.towns.empty() && o.towns[0].share_den > 0)
                                       ? static_cast<double>(o.towns[0].share_num) / o.towns[0].share_den
                                       : 1.0;
                share_bar(top > 0 ? frac / top : 0.0, ImGui::GetContentRegionAvail().x, px(10));
            }
            ImGui::EndTable();
        }
        tag("home.towns");
        ImGui::EndChild();

        ImGui::TableNextColumn();
        ImGui::BeginChild("home.side.panel", ImVec2(0, avail_h - px(4)), true);
        counts_table("home.categories", "服务对象类别", "类别", o.elders_by_category);
        ImGui::Dummy(ImVec2(0, px(6)));
        counts_table("home.channels", "本月工单渠道", "渠道", o.month_orders_by_channel);
        ImGui::Dummy(ImVec2(0, px(6)));
        counts_table("home.types", "本月工单类型", "类型", o.month_orders_by_type);
        ImGui::Dummy(ImVec2(0, px(6)));
        counts_table("home.providers", "服务商状态", "状态", o.providers_by_status);
        ImGui::EndChild();
        ImGui::EndTable();
    }
    ImGui::EndChild();   // home.body
    return out;
}

}  // namespace yiyang::client::ui
