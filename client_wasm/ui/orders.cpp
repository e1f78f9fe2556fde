// Orders list panel (工单): filters (status, type, channel, town, provider for desk roles, overdue only, period,
// sort), open by ID, and a paged table of the orders the server returned for this viewer, each with its most
// urgent SLA clock (red when overdue, amber when due soon). A row click opens the order.
#include <algorithm>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/order_format.hpp"
#include "ui/a11y.hpp"
#include "ui/keys.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

template <typename E>
bool enum_filter(const char* id, const char* all_label, std::string& code_value, const std::vector<E>& values,
                 float width, const std::string& tag_prefix) {
    bool changed = false;
    const char* preview = all_label;
    for (E v : values) {
        if (code_value == code(v)) preview = label_zh(v);
    }
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, preview, ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable(all_label, code_value.empty())) {
            code_value.clear();
            changed = true;
        }
        for (E v : values) {
            if (ImGui::Selectable(label_zh(v), code_value == code(v))) {
                code_value = code(v);
                changed = true;
            }
            tag(tag_prefix + "." + code(v));
        }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace

Intents draw_orders(const AppState& s) {
    Intents out;
    const OrdersState& st = s.orders;
    OrderQuery q = st.query;
    bool search = false;
    const bool desk = is_desk_role(s);
    const bool town_user = s.user && s.user->role == Role::Town;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;

    heading("工单");
    {
        // Open by ID, right-aligned on the heading line.
        const float open_w = button_w("打开");
        const float field_w = px(150);
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - open_w - field_w - spacing);
        std::string id_text = st.open_id_text;
        ImGui::SetNextItemWidth(field_w);
        if (keys::take_search_focus()) ImGui::SetKeyboardFocusHere();   // Ctrl+K (ui/keys.cpp)
        a11y::name_next("打开工单");
        const bool enter = ImGui::InputTextWithHint("##open_id", "工单ID", &id_text,
                                                    ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
        if (id_text != st.open_id_text) out.push_back(OrdersIntent{OrdersEditOpenId{id_text}});
        tag("orders.open_id");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("快捷键 Ctrl+K");
        ImGui::SameLine();
        if (ImGui::Button("打开##open_id") || enter) out.push_back(OrdersIntent{OrdersOpenById{}});
        tag("orders.open_button");
    }

    // ---- filter bar: two rows so it fits 1280 px ----
    const float avail = ImGui::GetContentRegionAvail().x;
    const int combos_row1 = 3 + (town_user ? 0 : 1) + (desk ? 1 : 0);
    const float combo_w = std::clamp((avail - spacing * (combos_row1 - 1)) / combos_row1, px(120), px(260));
    search |= enum_filter("##status", "全部状态", q.status, all_OrderStatuss(), combo_w, "orders.filter.status");
    tag("orders.filter.status");
    same_line_wrap(combo_w);
    search |= enum_filter("##type", "全部类型", q.type, all_OrderTypes(), combo_w, "orders.filter.type");
    tag("orders.filter.type");
    same_line_wrap(combo_w);
    search |= enum_filter("##channel", "全部渠道", q.channel, all_Channels(), combo_w, "orders.filter.channel");
    tag("orders.filter.channel");
    if (!town_user) {
        same_line_wrap(combo_w);
        ImGui::SetNextItemWidth(combo_w);
        const std::string preview = q.town_id == 0 ? std::string("全部镇街") : town_name(s, q.town_id);
        if (ImGui::BeginCombo("##town", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            if (ImGui::Selectable("全部镇街", q.town_id == 0)) {
                q.town_id = 0;
                search = true;
            }
            for (const auto& t : s.towns) {
                if (ImGui::Selectable((t.name + "##" + std::to_string(t.id)).c_str(), q.town_id == t.id)) {
                    q.town_id = t.id;
                    search = true;
                }
            }
            ImGui::EndCombo();
        }
        tag("orders.filter.town");
    }
    if (desk) {
        same_line_wrap(combo_w);
        ImGui::SetNextItemWidth(combo_w);
        const std::string preview = q.provider_id == 0 ? std::string("全部服务商") : provider_name(s, q.provider_id);
        if (ImGui::BeginCombo("##provider", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            if (ImGui::Selectable("全部服务商", q.provider_id == 0)) {
                q.provider_id = 0;
                search = true;
            }
            for (const auto& p : st.providers) {
                if (ImGui::Selectable((p.name + "##" + std::to_string(p.id)).c_str(), q.provider_id == p.id)) {
                    q.provider_id = p.id;
                    search = true;
                }
            }
            ImGui::EndCombo();
        }
        tag("orders.filter.provider");
    }

    // Row 2: period, overdue, sort, query, reset.
    ImGui::SetNextItemWidth(px(170));
    search |= ImGui::InputTextWithHint("##period", "受理月份，如 2026-11", &q.period, ImGuiInputTextFlags_EnterReturnsTrue);
    tag("orders.filter.period");
    same_line_wrap(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("只看逾期").x);
    if (ImGui::Checkbox("只看逾期", &q.overdue_only)) search = true;
    tag("orders.filter.overdue");
    same_line_wrap(px(200));
    {
        struct SortOption { const char* code; const char* label; };
        static const SortOption kSorts[] = {{"-created_at", "受理时间（新→旧）"}, {"created_at", "受理时间（旧→新）"},
                                            {"-id", "工单ID（大→小）"}, {"id", "工单ID（小→大）"}};
        const char* preview = kSorts[0].label;
        for (const auto& o : kSorts) {
            if (q.sort == o.code) preview = o.label;
        }
        ImGui::SetNextItemWidth(px(200));
        if (ImGui::BeginCombo("##sort", preview)) {
            for (const auto& o : kSorts) {
                if (ImGui::Selectable(o.label, q.sort == o.code)) {
                    q.sort = o.code;
                    search = true;
                }
            }
            ImGui::EndCombo();
        }
        tag("orders.filter.sort");
    }
    same_line_wrap(button_w("查询"));
    search |= primary_button("查询");
    tag("orders.search_button");
    same_line_wrap(button_w("重置"));
    if (ImGui::Button("重置")) {
        q = OrderQuery{};
        search = true;
    }
    tag("orders.reset");

    if (q != st.query) out.push_back(OrdersIntent{OrdersEditQuery{q}});
    if (search) {
        q.page = 1;
        out.push_back(OrdersIntent{OrdersSearch{q}});
    }

    // ---- results ----
    const OrderListData& d = st.list;
    const float footer_h = ImGui::GetFrameHeightWithSpacing() + px(6);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_Resizable;
    const float table_h = std::max(px(120), ImGui::GetContentRegionAvail().y - footer_h);
    if (ImGui::BeginTable("orders.table", 9, flags, ImVec2(0, table_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        // The code never clips: its column is as wide as the code at the current text size.
        ImGui::TableSetupColumn("工单编号", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("GD202612040001").x + px(4));
        ImGui::TableSetupColumn("受理时间", ImGuiTableColumnFlags_WidthStretch, 1.35f);
        ImGui::TableSetupColumn("类型", ImGuiTableColumnFlags_WidthStretch, 0.75f);
        ImGui::TableSetupColumn("渠道", ImGuiTableColumnFlags_WidthStretch, 1.05f);
        ImGui::TableSetupColumn("镇街", ImGuiTableColumnFlags_WidthStretch, 0.95f);
        ImGui::TableSetupColumn("服务商", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("时限", ImGuiTableColumnFlags_WidthStretch, 1.25f);
        ImGui::TableSetupColumn("服务类别", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        {
            // Tables rescale remembered widths when the font changes; never below the code's own width.
            const float code_w = ImGui::CalcTextSize("GD202612040001").x + px(4);
            if (ImGuiTable* t = ImGui::GetCurrentTable(); t && t->Columns[0].WidthRequest + 0.5f < code_w)
                ImGui::TableSetColumnWidth(0, code_w);
        }
        a11y::table("工单列表", {"工单编号", "受理时间", "类型", "渠道", "镇街", "服务商", "状态", "时限"});
        for (const OrderView& v : d.items) {
            const WorkOrder& o = v.order;
            {
                const OrderClockView* c = most_urgent_clock(v);
                a11y::row({o.code, short_time(o.created_at), label_zh(o.type), label_zh(o.channel),
                           town_name(s, o.town_id), o.provider_id ? provider_name(s, *o.provider_id) : std::string("—"),
                           label_zh(o.status), c ? clock_text(*c).text : std::string("—")});
            }
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(o.id));
            if (ImGui::Selectable(o.code.c_str(), false,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                out.push_back(OrdersIntent{OrdersOpen{o.id}});
            }
            const std::string row_id = "orders.row." + std::to_string(o.id);
            tag(row_id);
            if (ImGui::CalcTextSize(o.code.c_str()).x > ImGui::GetColumnWidth() + 0.5f)
                tag_text("orders.code_clipped." + std::to_string(o.id), o.code);   // the text-size test expects none
            tag_text(row_id, o.code + " " + label_zh(o.status));
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(short_time(o.created_at).c_str());
            ImGui::TableNextColumn();
            if (o.urgency != Urgency::Normal) colored_text(label_zh(o.type), o.urgency == Urgency::Emergency ? colors::kError : kAmber);
            else ImGui::TextUnformatted(label_zh(o.type));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label_zh(o.channel));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(town_name(s, o.town_id).c_str());
            ImGui::TableNextColumn();
            {
                const std::string p = o.provider_id ? provider_name(s, *o.provider_id) : std::string("—");
                ImGui::TextUnformatted(p.c_str());
                if (ImGui::IsItemHovered() && ImGui::CalcTextSize(p.c_str()).x > ImGui::GetColumnWidth())
                    ImGui::SetTooltip("%s", p.c_str());
            }
            ImGui::TableNextColumn();
            status_pill(o.status, o.paused_since.has_value());
            ImGui::TableNextColumn();
            if (const OrderClockView* c = most_urgent_clock(v)) {
                const ClockText ct = clock_text(*c);
                colored_text(ct.text, ct.color);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s：到期 %s", c->name.c_str(), wire_time_text(c->due_at).c_str());
            } else {
                colored_text("—", colors::kMuted);
            }
            ImGui::TableNextColumn();
            const std::string cats = categories_text(o.categories);
            ImGui::TextUnformatted(cats.c_str());
            if (ImGui::IsItemHovered() && ImGui::CalcTextSize(cats.c_str()).x > ImGui::GetColumnWidth())
                ImGui::SetTooltip("%s", cats.c_str());
        }
        ImGui::EndTable();
    }
    tag("orders.table");

    // ---- footer: count and paging ----
    if (!d.loaded) {
        if (s.pending_requests > 0) {
            spinner(px(9), colors::kAccent);
            ImGui::SameLine();
            muted("正在查询…");
        } else {
            muted("尚未查询");
        }
        return out;
    }
    const std::int64_t pages = std::max<std::int64_t>(1, (d.total + d.query.page_size - 1) / d.query.page_size);
    std::string summary = "共 " + std::to_string(d.total) + " 条，第 " + std::to_string(d.query.page) + " / " +
                          std::to_string(pages) + " 页";
    if (d.total == 0) summary = "没有符合条件的工单";
    if (s.user && s.user->role == Role::Provider) summary += "（仅显示派给本服务商的工单）";
    if (town_user) summary += "（仅显示本镇街的工单）";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(summary.c_str());
    tag("orders.summary");
    tag_text("orders.summary", summary);
    tag_text("orders.total", std::to_string(d.total));
    if (const auto asked = pager_buttons("orders", d.query.page, pages)) {
        OrderQuery paged = d.query;
        paged.page = static_cast<int>(asked);
        out.push_back(OrdersIntent{OrdersSearch{paged}});
    }
    return out;
}

}  // namespace yiyang::client::ui
