// 督办: the supervisors' live list of SLA clocks that are overdue (red) or due soon (amber), as the server
// computed them (shared watch_list), with counts by town and by provider, filters, and rows that open the order.
// Refreshed by the App every 10 s while shown and when the live feed reports changed orders.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include <imgui.h>

#include "ui/ui.hpp"
#include "ui/table_tools.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {


// "2小时5分" from whole seconds (display only; the figure is the server's).
std::string duration_zh(std::int64_t seconds) {
    seconds = std::llabs(seconds);
    const std::int64_t d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60;
    if (d > 0) return std::to_string(d) + "天" + std::to_string(h) + "小时";
    if (h > 0) return std::to_string(h) + "小时" + std::to_string(m) + "分";
    if (m > 0) return std::to_string(m) + "分";
    return std::to_string(seconds) + "秒";
}

bool desk_role(const AppState& s) {
    return s.user && (s.user->role == Role::Admin || s.user->role == Role::Supervisor || s.user->role == Role::Agent);
}

void group_table(const char* id, const char* title, const char* first, const std::vector<WatchGroup>& rows,
                 const char* tag_prefix, float height) {
    ImGui::TextUnformatted(title);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersOuter;
    if (ImGui::BeginTable(id, 3, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(first, ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("超时", ImGuiTableColumnFlags_WidthFixed, px(48));
        ImGui::TableSetupColumn("将到期", ImGuiTableColumnFlags_WidthFixed, px(60));
        ImGui::TableHeadersRow();
        for (const WatchGroup& g : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            wrapped_text(g.name, ImGui::GetColorU32(ImGuiCol_Text));   // long provider names wrap, never clip
            const std::string tid = std::string(tag_prefix) + std::to_string(g.id);
            tag(tid);
            tag_text(tid, g.name + " " + std::to_string(g.overdue) + " " + std::to_string(g.due_soon));
            ImGui::TableNextColumn();
            colored_text(std::to_string(g.overdue), g.overdue > 0 ? colors::kError : colors::kMuted);
            ImGui::TableNextColumn();
            colored_text(std::to_string(g.due_soon), g.due_soon > 0 ? col(palette::kWarning) : colors::kMuted);
        }
        ImGui::EndTable();
    }
    tag(id);
}

// Under the items: 共 N 项，第 p / n 页, 每页 N 条, 跳到第 [ ] 页 and the page buttons (the server pages the list;
// the counts above and the groups beside count all of it).
void watch_pager(const WatchData& W, const WatchFilter& f, Intents& out) {
    const std::int64_t pages = std::max<std::int64_t>(1, (W.total + f.page_size - 1) / f.page_size);
    const std::string summary = "共 " + std::to_string(W.total) + " 项，第 " + std::to_string(f.page) + " / " +
                                std::to_string(pages) + " 页";
    const float footer_top = ImGui::GetCursorScreenPos().y;
    flow_text(summary, true);   // the count, page size and pager flow onto more lines at large text sizes
    tag("watch.pages");
    tag_text("watch.pages", summary);
    WatchFilter paged = f;
    if (const auto pc = page_size_and_jump("watch", f.page_size, pages); pc.page_size || pc.page) {
        if (pc.page_size) {
            paged.page_size = *pc.page_size;
            paged.page = 1;
        }
        if (pc.page) paged.page = *pc.page;
        out.push_back(LiveIntent{SetWatchFilter{paged}});
    } else if (const auto asked = pager_buttons("watch", f.page, pages)) {
        paged.page = static_cast<int>(asked);
        out.push_back(LiveIntent{SetWatchFilter{paged}});
    }
    footer_end("watch.pager", footer_top);
}

}  // namespace

Intents draw_watch(const AppState& s) {
    Intents out;
    const LiveState& L = s.live;
    const WatchData& W = L.watch;
    heading("督办");
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
    muted("超时与即将到期的办理时限，每 10 秒刷新");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float refresh_w = ImGui::CalcTextSize("刷新").x + style.FramePadding.x * 2;
    const float tools_w = ImGui::CalcTextSize("导出打印").x + style.FramePadding.x * 4 + style.ItemSpacing.x * 2;
    same_line_right(refresh_w + tools_w);   // on the next line when the subtitle leaves no room (large text)
    export_print_buttons(s, "watch", "watch");
    ImGui::SameLine();
    if (ImGui::Button("刷新##watch")) out.push_back(LiveIntent{RefreshWatch{}});
    tag("watch.refresh");

    // ---- filters ----
    WatchFilter f = L.watch_filter;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("镇街");
    std::string town_name = "全部镇街";
    for (const auto& t : s.towns) {
        if (t.id == f.town) town_name = t.name;
    }
    const bool town_fixed = s.user && s.user->role == Role::Town;
    ImGui::SetNextItemWidth(flow(px(180)));
    if (town_fixed) ImGui::BeginDisabled();
    if (ImGui::BeginCombo("##watch.town", town_name.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("全部镇街", f.town == 0)) out.push_back(LiveIntent{SetWatchFilter{WatchFilter{0, f.provider, f.sort}}});
        tag("watch.town.option.0");
        for (const auto& t : s.towns) {
            if (ImGui::Selectable((t.name + "##wt" + std::to_string(t.id)).c_str(), f.town == t.id))
                out.push_back(LiveIntent{SetWatchFilter{WatchFilter{t.id, f.provider, f.sort}}});
            tag("watch.town.option." + std::to_string(t.id));
        }
        ImGui::EndCombo();
    }
    if (town_fixed) ImGui::EndDisabled();
    tag("watch.filter.town");
    if (desk_role(s)) {
        // The filters flow (ui/widgets.hpp): label and combo wrap to the next line when the window is narrow.
        same_line_wrap(ImGui::CalcTextSize("服务商").x);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("服务商");
        std::string provider_name = "全部服务商";
        for (const auto& p : L.providers) {
            if (p.id == f.provider) provider_name = p.name;
        }
        ImGui::SetNextItemWidth(flow(px(240)));
        if (ImGui::BeginCombo("##watch.provider", provider_name.c_str(), ImGuiComboFlags_HeightLarge)) {
            if (ImGui::Selectable("全部服务商", f.provider == 0)) out.push_back(LiveIntent{SetWatchFilter{WatchFilter{f.town, 0, f.sort}}});
            tag("watch.provider.option.0");
            for (const auto& p : L.providers) {
                if (ImGui::Selectable((p.name + "##wp" + std::to_string(p.id)).c_str(), f.provider == p.id))
                    out.push_back(LiveIntent{SetWatchFilter{WatchFilter{f.town, p.id, f.sort}}});
                tag("watch.provider.option." + std::to_string(p.id));
            }
            ImGui::EndCombo();
        }
        tag("watch.filter.provider");
    }
    const std::string overdue = "超时 " + std::to_string(W.overdue);
    const std::string due_soon = "即将到期 " + std::to_string(W.due_soon);
    same_line_wrap(ImGui::CalcTextSize(overdue.c_str()).x + ImGui::CalcTextSize(due_soon.c_str()).x +
                   ImGui::GetStyle().ItemSpacing.x);
    ImGui::AlignTextToFramePadding();
    colored_text(overdue, colors::kError);
    tag_text("watch.overdue", std::to_string(W.overdue));
    ImGui::SameLine();
    colored_text(due_soon, col(palette::kWarning));
    tag_text("watch.due_soon", std::to_string(W.due_soon));
    tag("watch.summary");

    if (!W.loaded) {
        spinner(px(10), colors::kAccent);
        ImGui::SameLine();
        muted("正在加载督办清单…");
        return out;
    }

    // ---- items (left) and groups (right) ----
    const float avail_h = ImGui::GetContentRegionAvail().y;
    // The groups pane keeps room for a name and its two counts at large text (em grows with the text size); when
    // that leaves the items less than 18 characters (portrait), the groups go below the items instead.
    const float groups_w = std::max(ImGui::GetContentRegionAvail().x / 3.6f, em(14));
    const bool stacked = ImGui::GetContentRegionAvail().x - groups_w < em(18);
    // The pager under the items: what it took last frame (it flows onto more lines at large text sizes).
    const float pager_h = footer_height("watch.pager", ImGui::GetFrameHeightWithSpacing() + px(6));
    // Stacked, the items keep room for their header and a few rows whatever the text size, and the groups below
    // them theirs: the content scrolls rather than squeezing the list to one row.
    const float row_h = ImGui::GetFrameHeightWithSpacing();
    const float items_h = stacked ? std::max(std::floor(avail_h * 0.5f), row_h * 6 + pager_h) : avail_h;
    const float groups_h = stacked ? std::max(avail_h - items_h - px(8), row_h * 8) : avail_h;
    const float layout_h = stacked ? items_h + px(8) + groups_h : avail_h;
    const ImGuiTableFlags layout = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoPadOuterX;
    if (ImGui::BeginTable("watch.layout", stacked ? 1 : 2, layout, ImVec2(0, layout_h))) {
        ImGui::TableSetupColumn("items", ImGuiTableColumnFlags_WidthStretch, 2.6f);
        if (!stacked) ImGui::TableSetupColumn("groups", ImGuiTableColumnFlags_WidthFixed, groups_w);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersOuter |
                                      table_sort_flags() | ImGuiTableFlags_ScrollX;
        if (W.rows.empty()) {
            muted("当前没有超时或即将到期的事项");
        } else if (ImGui::BeginTable("watch.items", 6, flags, ImVec2(0, items_h - px(4) - pager_h),
                                                 table_inner_width(36))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            // Sorted by the server (GET /watch?sort=…, the export the same): the keys of its whitelist. The headers
            // are shorter than their columns' contents, so the sort arrow needs no extra width.
            static const std::vector<std::string> keys = {"order_code", "type", "town", "rule", "due_at", "minutes"};
            const std::string& cur = s.live.watch_filter.sort;
            const auto sf = [&](int i) { return sort_column_flags(keys[static_cast<std::size_t>(i)], cur); };
            ImGui::TableSetupColumn("工单", ImGuiTableColumnFlags_WidthFixed | sf(0), ImGui::CalcTextSize("GD2026120400000").x, 0);
            ImGui::TableSetupColumn("类型", ImGuiTableColumnFlags_WidthFixed | sf(1), ImGui::CalcTextSize("紧急求助").x, 1);
            ImGui::TableSetupColumn("镇街 / 服务商", ImGuiTableColumnFlags_WidthStretch | sf(2), 1.3f, 2);
            ImGui::TableSetupColumn("时限", ImGuiTableColumnFlags_WidthStretch | sf(3), 1.0f, 3);
            ImGui::TableSetupColumn("应办结", ImGuiTableColumnFlags_WidthFixed | sf(4), px(120), 4);
            ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed | sf(5), px(110), 5);
            ImGui::TableHeadersRow();
            if (const auto asked = header_sort(keys, cur)) {
                WatchFilter sorted = s.live.watch_filter;
                sorted.sort = *asked;
                out.push_back(LiveIntent{SetWatchFilter{sorted}});
            }
            for (std::size_t i = 0; i < W.rows.size(); ++i) {
                const WatchRow& r = W.rows[i];
                const ImU32 c = r.overdue ? colors::kError : col(palette::kWarning);
                ImGui::TableNextRow();
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1,
                                       r.overdue ? col(palette::kOverdueRow) : col(palette::kWarningRow));
                ImGui::TableNextColumn();
                const std::string rid = "watch.row." + std::to_string(i);
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c));
                if (ImGui::Selectable((r.order_code + "###" + rid).c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                    out.push_back(LiveIntent{OpenOrderFromLive{r.order_id}});
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                tag(rid);
                tag_text(rid, r.order_code + (r.overdue ? " overdue" : " due_soon"));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.type_label.c_str());
                ImGui::TableNextColumn();
                // Town above provider, and the rule's full name, wrapped within their columns (never clipped).
                wrapped_text(r.town_name, ImGui::GetColorU32(ImGuiCol_Text));
                if (!r.provider_name.empty()) wrapped_text(r.provider_name, colors::kMuted);
                ImGui::TableNextColumn();
                wrapped_text(r.rule_name, ImGui::GetColorU32(ImGuiCol_Text));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r.due_at.c_str());
                ImGui::TableNextColumn();
                colored_text((r.overdue ? "超时 " : "剩 ") + duration_zh(r.seconds_to_due), c);
            }
            ImGui::EndTable();
        }
        watch_pager(W, L.watch_filter, out);
        ImGui::TableNextColumn();   // stacked: the next row of the one column
        const float gh = (groups_h - ImGui::GetTextLineHeightWithSpacing() * 2 - px(16)) / 2.0f;
        group_table("watch.by_town", "按镇街", "镇街", W.by_town, "watch.town.", gh);
        ImGui::Dummy(ImVec2(0, px(4)));
        group_table("watch.by_provider", "按服务商", "服务商", W.by_provider, "watch.provider.", gh);
        ImGui::EndTable();
    }
    return out;
}

}  // namespace yiyang::client::ui
