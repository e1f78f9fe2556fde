// Orders list panel (工单): filters (status, type, channel, town, provider for desk roles, overdue only, period,
// sort), open by ID, and a paged table of the orders the server returned for this viewer, each with its most
// urgent SLA clock (red when overdue, amber when due soon). A row click opens the order.
#include <algorithm>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app/routes.hpp"
#include "ui/order_format.hpp"
#include "ui/table_tools.hpp"
#include "yiyang/work_queues.hpp"
#include "ui/a11y.hpp"
#include "ui/date_picker.hpp"
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
        // An order code (GD202612040001) or an ID: letters are kept (the code is searched for and opened).
        const bool enter = ImGui::InputTextWithHint("##open_id", "工单编号或ID", &id_text,
                                                    ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_EnterReturnsTrue);
        if (id_text != st.open_id_text) out.push_back(OrdersIntent{OrdersEditOpenId{id_text}});
        tag("orders.open_id");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("快捷键 Ctrl+K");
        ImGui::SameLine();
        if (ImGui::Button("打开##open_id") || enter) out.push_back(OrdersIntent{OrdersOpenById{}});
        tag("orders.open_button");
    }

    // ---- filter bar: two rows so it fits 1280 px ----
    // At large text sizes the wrapped filter rows could push the table off the screen: they then go in a band
    // of at most 40 % of the height that scrolls, and the table keeps the rest (last frame's height decides).
    ImGuiStorage* layout = ImGui::GetStateStorage();
    const ImGuiID filters_h_key = ImGui::GetID("orders.filters.height");
    const float filters_natural = layout->GetFloat(filters_h_key, 0.0f);
    const float filters_cap = ImGui::GetContentRegionAvail().y * 0.4f;
    const bool filters_band = filters_natural > filters_cap;
    const float filters_top = ImGui::GetCursorScreenPos().y;
    if (filters_band) {
        ImGui::BeginChild("orders.filters", ImVec2(0, filters_cap), false, ImGuiWindowFlags_NavFlattened);
    }
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
        const std::string preview = q.provider_id == 0 ? std::string("全部服务商") : provider_name(s, q.provider_id);
        // 60 providers: the popup filters by name as you type.
        std::vector<std::string> names;
        int selected = 0;
        for (std::size_t i = 0; i < st.providers.size(); ++i) {
            names.push_back(st.providers[i].name);
            if (st.providers[i].id == q.provider_id) selected = static_cast<int>(i) + 1;
        }
        const int chosen = filter_combo("##provider", preview, names, selected, "全部服务商", combo_w,
                                        "orders.filter.provider");
        if (chosen >= 0) {
            q.provider_id = chosen == 0 ? 0 : st.providers[static_cast<std::size_t>(chosen - 1)].id;
            search = true;
        }
        tag("orders.filter.provider");
    }

    // Row 2: find anything (as you type), the work queue shown, period, overdue, sort, query, reset.
    {
        ImGui::SetNextItemWidth(fit_w(px(250)));   // the row's first item: never wider than the window
        std::string text = q.q;
        const bool enter = ImGui::InputTextWithHint("##q", "工单编号 / 老人姓名 / 完整手机号", &text,
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
        tag("orders.filter.q");
        if (enter) {
            q.q = text;
            search = true;
        } else if (text != q.q) {
            q.q = text;
            OrderQuery soon = q;
            soon.page = 1;
            out.push_back(OrdersIntent{OrdersSearchSoon{soon}});
            q = soon;   // the edit below is then a no-op
        }
    }
    if (!q.queue.empty()) {
        // The list of a work queue (opened from a home tile): its name, and a way back to the whole list.
        const auto queue = parse_WorkQueue(q.queue);
        const std::string chip = std::string("队列：") + (queue ? label_zh(*queue) : q.queue.c_str()) + " ×";
        same_line_wrap(button_w(chip.c_str()));
        if (ImGui::Button((chip + "##queue").c_str())) {
            q.queue.clear();
            search = true;
        }
        tag("orders.filter.queue");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("紧急求助在前，其余按受理时间从早到晚；点此显示全部工单");
    }
    ImGui::SetNextItemWidth(flow(px(170)));
    search |= ImGui::InputTextWithHint("##period", "受理月份，如 2026-11", &q.period, ImGuiInputTextFlags_EnterReturnsTrue);
    tag("orders.filter.period");
    {
        // 受理日期 from … to … with the date picker (a day picked searches; a typed day once it is a whole date).
        // Each part flows on its own: at 200 % in portrait 受理日期, the two dates and 至 take two or three lines.
        const float date_w = px(170);
        const float label_w = ImGui::CalcTextSize("受理日期").x;
        same_line_wrap(label_w + ImGui::GetStyle().ItemSpacing.x + date_w);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("受理日期");
        const auto complete = [](const std::string& t) { return t.empty() || parse_date(t).has_value(); };
        if (date_field("orders.filter.from", q.from, s.today, "开始日期", flow(date_w)) && complete(q.from)) search = true;
        same_line_wrap(ImGui::CalcTextSize("至").x + ImGui::GetStyle().ItemSpacing.x + date_w);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("至");
        if (date_field("orders.filter.to", q.to, s.today, "结束日期", flow(date_w)) && complete(q.to)) search = true;
    }
    same_line_wrap(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("只看逾期").x);
    if (ImGui::Checkbox("只看逾期", &q.overdue_only)) search = true;
    tag("orders.filter.overdue");
    const float sort_w = flow(px(200));
    {
        struct SortOption { const char* code; const char* label; };
        static const SortOption kSorts[] = {{"-created_at", "受理时间（新→旧）"}, {"created_at", "受理时间（旧→新）"},
                                            {"-id", "工单ID（大→小）"}, {"id", "工单ID（小→大）"}};
        const char* preview = kSorts[0].label;
        for (const auto& o : kSorts) {
            if (q.sort == o.code) preview = o.label;
        }
        ImGui::SetNextItemWidth(sort_w);
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
    if (filters_band) {
        layout->SetFloat(filters_h_key, ImGui::GetCursorPosY());    // the band's content height (scroll included)
        ImGui::EndChild();
    } else {
        layout->SetFloat(filters_h_key, ImGui::GetCursorScreenPos().y - filters_top);
    }

    if (q != st.query) out.push_back(OrdersIntent{OrdersEditQuery{q}});
    if (search) {
        q.page = 1;
        out.push_back(OrdersIntent{OrdersSearch{q}});
    }

    // ---- results ----
    const OrderListData& d = st.list;
    export_print_buttons(s, "orders", "orders");
    // The footer below flows onto more lines at large text: the table leaves it the height it took last frame.
    const float footer_h = list_footer_height("orders");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollX;
    const CopyWhat copy = copy_keys();
    const OrderView* copy_order = nullptr;
    RowCopy copy_what;
    const float table_h = std::max(px(120), ImGui::GetContentRegionAvail().y - footer_h);
    if (ImGui::BeginTable("orders.table", 9, flags, ImVec2(0, table_h), table_inner_width(50))) {
        ImGui::TableSetupScrollFreeze(1, 1);     // the code stays in view when the table scrolls sideways
        // The server sorts (the list is paged there): by order ID or by time received; the other columns do not.
        const ImGuiTableColumnFlags no_sort = ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort;
        const bool by_id = d.query.sort == "id" || d.query.sort == "-id";
        const bool ascending = !d.query.sort.empty() && d.query.sort[0] != '-';
        const ImGuiTableColumnFlags sort_dir =
            ImGuiTableColumnFlags_DefaultSort |
            (ascending ? ImGuiTableColumnFlags_PreferSortAscending : ImGuiTableColumnFlags_PreferSortDescending);
        // The code and the time never clip (a code that loses its last digit is another order): fixed at their
        // text's width; the other columns share what is left.
        ImGui::TableSetupColumn("工单编号", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize | (by_id ? sort_dir : 0),
                                ImGui::CalcTextSize("GD202612040000").x + ImGui::GetFontSize(), 0);
        ImGui::TableSetupColumn("受理时间", ImGuiTableColumnFlags_WidthFixed | (by_id ? 0 : sort_dir),
                                ImGui::CalcTextSize("2026-12-04 10:00").x + ImGui::GetFontSize(), 1);
        ImGui::TableSetupColumn("类型", no_sort, 0.75f);
        ImGui::TableSetupColumn("渠道", no_sort, 1.05f);
        ImGui::TableSetupColumn("镇街", no_sort, 0.95f);
        ImGui::TableSetupColumn("服务商", no_sort, 1.4f);
        ImGui::TableSetupColumn("状态", no_sort, 0.8f);
        ImGui::TableSetupColumn("时限", no_sort, 1.25f);
        ImGui::TableSetupColumn("服务类别", no_sort, 1.2f);
        ImGui::TableHeadersRow();
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
            if (specs->SpecsCount > 0 && d.loaded) {
                const auto& c = specs->Specs[0];
                const std::string field = c.ColumnUserID == 0 ? "id" : "created_at";
                const std::string sort = (c.SortDirection == ImGuiSortDirection_Descending ? "-" : "") + field;
                if (sort != (d.query.sort.empty() ? std::string("-created_at") : d.query.sort)) {
                    OrderQuery sorted = d.query;
                    sorted.sort = sort;
                    sorted.page = 1;
                    out.push_back(OrdersIntent{OrdersSearch{sorted}});
                }
            }
            specs->SpecsDirty = false;
        }
        {
            // Tables rescale remembered widths when the font changes; never below the code's own width.
            const float code_w = ImGui::CalcTextSize("GD202612040000").x + ImGui::GetFontSize();
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
                // Ctrl+click opens the order in a new tab (its URL), as a link would; a plain click opens it here.
                if (ImGui::GetIO().KeyCtrl) out.push_back(NavIntent{NavOpenInNewTab{order_link(o.code)}});
                else out.push_back(OrdersIntent{OrdersOpen{o.id}});
            }
            if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Middle)) {
                out.push_back(NavIntent{NavOpenInNewTab{order_link(o.code)}});   // middle click: a new tab
            }
            const std::string row_id = "orders.row." + std::to_string(o.id);
            tag(row_id);
            // Ctrl+C the cell clicked on the focused row (else under the pointer), Ctrl+Shift+C / the menu the row.
            copy_hint_tooltip();
            if (const RowCopy c = row_copy("orders", o.id, copy); c.what != CopyWhat::None && !copy_order) {
                copy_order = &v;
                copy_what = c;
            }
            if (ImGui::CalcTextSize(o.code.c_str()).x > ImGui::GetColumnWidth() + 0.5f)
                tag_text("orders.code_clipped." + std::to_string(o.id), o.code);   // the text-size test expects none
            tag_text(row_id, o.code + " " + label_zh(o.status));
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(short_time(o.created_at).c_str());
            ImGui::TableNextColumn();
            if (o.urgency != Urgency::Normal) {
                // The urgency in words too (加急 / 紧急), not by colour alone, unless the type already says it.
                std::string t = label_zh(o.type);
                if (t.find(label_zh(o.urgency)) == std::string::npos) t += std::string("·") + label_zh(o.urgency);
                colored_text(t, o.urgency == Urgency::Emergency ? colors::kError : col(palette::kWarning));
            } else {
                ImGui::TextUnformatted(label_zh(o.type));
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label_zh(o.channel));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(town_name(s, o.town_id).c_str());
            ImGui::TableNextColumn();
            {
                // A complaint names the provider it is about (the 待研判 queue is worked by it).
                const std::string p = !v.about_provider_name.empty() ? "被投诉：" + v.about_provider_name
                                      : o.provider_id ? provider_name(s, *o.provider_id) : std::string("—");
                wrapped_text(p, ImGui::GetColorU32(ImGuiCol_Text));   // long names wrap within the column, never clip
                if (!v.about_provider_name.empty()) tag_text("orders.about_provider." + std::to_string(o.id), p);
                if (ImGui::IsItemHovered() && ImGui::CalcTextSize(p.c_str()).x > ImGui::GetColumnWidth())
                    ImGui::SetTooltip("%s", p.c_str());
            }
            ImGui::TableNextColumn();
            status_pill(o.status, o.paused_since.has_value());
            ImGui::TableNextColumn();
            if (const OrderClockView* c = most_urgent_clock(v)) {
                // Wraps within the column: a paused clock's 暂停中 · 剩 12天23小时 is wider than the column at 150 %.
                const ClockText ct = clock_text(*c);
                wrapped_text(ct.text, ct.color);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s：到期 %s", c->name.c_str(), wire_time_text(c->due_at).c_str());
            } else {
                colored_text("—", colors::kMuted);
            }
            ImGui::TableNextColumn();
            const std::string cats = categories_text(o.categories);
            wrapped_text(cats, ImGui::GetColorU32(ImGuiCol_Text));
            if (ImGui::IsItemHovered() && ImGui::CalcTextSize(cats.c_str()).x > ImGui::GetColumnWidth())
                ImGui::SetTooltip("%s", cats.c_str());
        }
        ImGui::EndTable();
    }
    tag("orders.table");
    if (const OrderView* v = copy_order) {
        const WorkOrder& o = v->order;
        wire::NameById towns{{o.town_id, town_name(s, o.town_id)}}, providers;
        if (o.provider_id) providers[*o.provider_id] = provider_name(s, *o.provider_id);
        const auto t = wire::orders_table({wire::OrderView{o, v->version, {}, v->overdue}}, towns, providers);
        // The screen's columns in the export's (wire order_columns): 时限 is the export's 逾期.
        static const int kExportColumn[] = {0, 1, 2, 4, 5, 6, 7, 8, 9};
        if (copy_what.what == CopyWhat::Row) copy_row(t.columns, t.rows.front(), "orders");
        else copy_cell(t.columns, t.rows.front(), kExportColumn[std::clamp(copy_what.column, 0, 8)], "orders");
    }

    // ---- footer: count and paging ----
    std::string note;
    if (s.user && s.user->role == Role::Provider) note += "（仅显示派给本服务商的工单）";
    if (town_user) note += "（仅显示本镇街的工单）";
    if (const auto ask = list_footer({"orders", d.loaded, s.pending_requests > 0, d.total, d.query.page,
                                      d.query.page_size, "条", "没有符合条件的工单", note})) {
        OrderQuery paged = d.query;
        paged.page = ask->page;
        paged.page_size = ask->page_size;
        out.push_back(OrdersIntent{OrdersSearch{paged}});
    }
    return out;
}

}  // namespace yiyang::client::ui
