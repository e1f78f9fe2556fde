// Elder list panel: search by name or ID fragment, filters (town, category, status), a paged table with
// fields exactly as the server sent them (masked for roles that may not see them); a row click opens the
// profile; 新增服务对象 opens an empty profile.
#include <algorithm>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/keys.hpp"
#include "ui/ui.hpp"
#include "ui/table_tools.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

std::string town_name(const AppState& s, Id id) {
    for (const auto& t : s.towns) {
        if (t.id == id) return t.name;
    }
    return id ? "#" + std::to_string(id) : std::string();
}

std::string categories_text(const Elder& e) {
    std::string out;
    for (ElderCategory c : e.categories) {
        if (!out.empty()) out += "、";
        out += label_zh(c);
        if (c == ElderCategory::Disabled && e.disability != DisabilityLevel::None) {
            out += "（";
            out += label_zh(e.disability);
            out += "）";
        }
    }
    return out;
}

const char* sex_label(const std::string& sex) {
    if (sex == "male") return "男";
    if (sex == "female") return "女";
    return "";
}

// A combo over (code, label) pairs with an "all" entry; returns true when the selection changed.
template <typename E>
bool enum_filter(const char* id, const char* all_label, std::string& code_value, const std::vector<E>& values,
                 float width) {
    bool changed = false;
    const char* preview = all_label;
    for (E v : values) {
        if (code_value == code(v)) preview = label_zh(v);
    }
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, preview)) {
        if (ImGui::Selectable(all_label, code_value.empty())) {
            code_value.clear();
            changed = true;
        }
        for (E v : values) {
            if (ImGui::Selectable(label_zh(v), code_value == code(v))) {
                code_value = code(v);
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace

Intents draw_elder_list(const AppState& s) {
    Intents out;
    ElderQuery q = s.query;
    bool search = false;

    heading("服务对象");
    if (s.can_create_elders) {
        const char* label = "＋ 新增服务对象";
        const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
        if (primary_button(label)) out.push_back(NewElder{});
        tag("elders.new");
    }

    // ---- search bar ----
    const float avail = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float btn_w = ImGui::CalcTextSize("查询").x + ImGui::GetStyle().FramePadding.x * 2;
    const float reset_w = ImGui::CalcTextSize("重置").x + ImGui::GetStyle().FramePadding.x * 2;
    const float combo_w = std::clamp((avail - btn_w - reset_w - spacing * 5) * 0.2f, px(110), px(180));
    const float search_w = std::max(px(160), avail - combo_w * 3 - btn_w - reset_w - spacing * 5);
    ImGui::SetNextItemWidth(search_w);
    if (keys::take_search_focus()) ImGui::SetKeyboardFocusHere();   // Ctrl+K (ui/keys.cpp)
    {
        // As you type (after a quiet moment); Enter searches at once. Two characters find a name anywhere in it.
        std::string text = q.q;
        const bool enter = ImGui::InputTextWithHint("##q", "姓名（任意两字）、完整手机号或身份证号", &text,
                                                    ImGuiInputTextFlags_EnterReturnsTrue);
        if (enter) {
            search = true;
        } else if (text != q.q) {
            ElderQuery soon = q;
            soon.q = text;
            soon.page = 1;
            out.push_back(SearchEldersSoon{soon});
        }
        q.q = text;
    }
    tag("elders.search");
    same_line_wrap(combo_w);
    {
        ImGui::SetNextItemWidth(combo_w);
        const std::string preview = q.town_id == 0 ? std::string("全部镇街") : town_name(s, q.town_id);
        if (ImGui::BeginCombo("##town", preview.c_str())) {
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
        tag("elders.filter.town");
    }
    same_line_wrap(combo_w);
    search |= enum_filter("##category", "全部类别", q.category, all_ElderCategorys(), combo_w);
    tag("elders.filter.category");
    same_line_wrap(combo_w);
    search |= enum_filter("##status", "全部状态", q.status, all_ElderStatuss(), combo_w);
    tag("elders.filter.status");
    same_line_wrap(btn_w);
    search |= primary_button("查询");
    tag("elders.search_button");
    same_line_wrap(reset_w);
    if (ImGui::Button("重置")) {
        q = ElderQuery{};
        search = true;
    }
    tag("elders.reset");

    if (q != s.query) out.push_back(EditQuery{q});
    if (search) {
        q.page = 1;
        out.push_back(SearchElders{q});
    }

    // ---- results ----
    const ElderListData& d = s.elders;
    if (s.can_list_elders) export_print_buttons(s, "elders", "elders");
    const CopyWhat copy = copy_keys();
    const Elder* copy_elder = nullptr;
    RowCopy copy_what;
    // The footer below flows onto more lines at large text: the table leaves it the height it took last frame.
    const float footer_h = list_footer_height("elders");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable | table_sort_flags() |
                                  ImGuiTableFlags_ScrollX;
    const float table_h = std::max(px(120), ImGui::GetContentRegionAvail().y - footer_h);
    if (ImGui::BeginTable("elders.table", 9, flags, ImVec2(0, table_h), table_inner_width(50))) {
        ImGui::TableSetupScrollFreeze(1, 1);     // the name stays in view when the table scrolls sideways
        // The server sorts (the list is paged there) by the keys it whitelists: the name; the default is by ID.
        static const std::vector<std::string> keys = {"name", "", "", "", "", "", "", "", ""};
        const std::string& cur = d.loaded ? d.query.sort : s.query.sort;
        const auto col = [&](const char* label, int i, float w) {
            ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthStretch | sort_column_flags(keys[static_cast<std::size_t>(i)], cur),
                                    w, static_cast<ImGuiID>(i));
        };
        col("姓名", 0, 0.9f);
        col("性别", 1, 0.5f);
        // Roles that see ID numbers masked are sent ages instead of birth dates (records.hpp Elder::age).
        const bool ages = std::any_of(d.items.begin(), d.items.end(), [](const Elder& e) { return e.age.has_value(); });
        col(ages ? "年龄" : "出生日期", 2, 1.1f);
        col("身份证号", 3, 2.0f);
        col("手机号", 4, 1.3f);
        col("镇街", 5, 1.1f);
        col("村（社区）", 6, 1.2f);
        col("类别", 7, 1.6f);
        col("状态", 8, 0.6f);
        ImGui::TableHeadersRow();
        if (const auto asked = header_sort(keys, cur); asked && d.loaded) {
            ElderQuery sorted = d.query;
            sorted.sort = *asked;
            sorted.page = 1;
            out.push_back(SearchElders{sorted});
        }
        for (std::size_t i = 0; i < d.items.size(); ++i) {
            const Elder& e = d.items[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(e.id));
            if (ImGui::Selectable(e.name.c_str(), false,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                out.push_back(OpenElder{e.id});
            }
            const std::string row_id = "elders.row." + std::to_string(i);
            tag(row_id);
            copy_hint_tooltip();
            if (const RowCopy c = row_copy("elders", e.id, copy); c.what != CopyWhat::None && !copy_elder) {
                copy_elder = &e;
                copy_what = c;
            }
            tag_text(row_id, e.name + " " + e.id_number);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(sex_label(e.sex));
            ImGui::TableNextColumn();
            const std::string born = e.age ? std::to_string(*e.age) + "岁" : format_date(e.birth_date);
            ImGui::TextUnformatted(born.c_str());
            tag_text("elders.born." + std::to_string(i), born);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.id_number.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.phone.c_str());
            ImGui::TableNextColumn();
            const std::string town = town_name(s, e.town_id);
            ImGui::TextUnformatted(town.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.community.c_str());
            ImGui::TableNextColumn();
            const std::string cats = categories_text(e);
            wrapped_text(cats, ImGui::GetColorU32(ImGuiCol_Text));   // several categories wrap within the column
            if (ImGui::IsItemHovered() && ImGui::CalcTextSize(cats.c_str()).x > ImGui::GetColumnWidth())
                ImGui::SetTooltip("%s", cats.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label_zh(e.status));
        }
        ImGui::EndTable();
    }
    tag("elders.table");
    // Ctrl+C the cell clicked (else under the pointer), Ctrl+Shift+C or the menu the row, as the export writes
    // them (the screen's columns are the export's, in the same order).
    if (const Elder* e = copy_elder) {
        const auto t = wire::elders_table({*e}, {{e->town_id, town_name(s, e->town_id)}});
        if (copy_what.what == CopyWhat::Row) copy_row(t.columns, t.rows.front(), "elders");
        else copy_cell(t.columns, t.rows.front(), copy_what.column, "elders");
    }

    // ---- footer: count, masking note, paging ----
    if (const auto ask = list_footer({"elders", d.loaded, s.pending_requests > 0, d.total, d.query.page,
                                      d.query.page_size, "人", "没有符合条件的服务对象",
                                      d.masked ? "（部分信息已按权限隐藏）" : ""})) {
        ElderQuery paged = d.query;
        paged.page = ask->page;
        paged.page_size = ask->page_size;
        out.push_back(SearchElders{paged});
    }
    return out;
}

}  // namespace yiyang::client::ui
