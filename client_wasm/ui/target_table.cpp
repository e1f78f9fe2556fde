// 绩效目标表 (app/target_table_state.hpp): the contract's target table of a month as the server judged it — a toolbar
// (month ◀ ▶, 本月, 只看需关注, 导出 Excel), the tally of judgements, then one table grouped by 服务项目 with each
// indicator's target, the month's figure, the project year's to date, the judgement and its basis. A row opens its
// wording (具体内容 / 具体要求), the note, and the buttons that open the figure's records on 绩效指标.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app/screens.hpp"
#include "platform/services.hpp"
#include "ui/a11y.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

ImU32 status_colour(const std::string& status) {
    if (status == "met") return colors::kSuccess;
    if (status == "on_track") return colors::kAccent;
    if (status == "behind") return col(palette::kWarning);
    if (status == "not_met") return colors::kError;
    return colors::kMuted;
}

bool needs_attention(const wire::TargetTableRow& r) {
    return r.status == "not_met" || r.status == "behind" || r.status == "no_data";
}

std::string figure(const wire::KpiItemReply& k) {
    if (!k.applicable || k.display.empty() || k.display == "—") return k.source == "entered" ? "待录入" : "—";
    return k.display;
}

void toolbar(const TargetTableState& T, Intents& out) {
    if (ImGui::ArrowButton("##target_table.prev", ImGuiDir_Left)) out.push_back(TargetTableIntent{ShiftTargetMonth{-1}});
    tag("target_table.prev");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string label = T.table ? T.table->month.label : T.month;
    ImGui::TextUnformatted(label.c_str());
    tag_text("target_table.month", T.month);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##target_table.next", ImGuiDir_Right)) out.push_back(TargetTableIntent{ShiftTargetMonth{1}});
    tag("target_table.next");
    same_line_wrap(button_w("本月"));
    if (ImGui::Button("本月##target_table.current")) out.push_back(TargetTableIntent{ShiftTargetMonth{0}});
    tag("target_table.current");
    const bool attention = T.filter == "attention";
    same_line_wrap(button_w("只看需关注"));
    if (attention ? primary_button("只看需关注##target_table.attention") : ImGui::Button("只看需关注##target_table.attention"))
        out.push_back(TargetTableIntent{SetTargetFilter{attention ? std::string() : std::string("attention")}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("只列出未达标、落后和无数据的指标");
    tag("target_table.attention");
    same_line_wrap(button_w("导出 Excel"));
    if (ImGui::Button("导出 Excel##target_table.export"))
        open_url("/api/v1/export/target-table.xlsx?month=" + T.month, true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("按合同附件的版式导出（服务项目、具体内容、具体要求、量化指标及本月、年度累计数值）");
    tag("target_table.export");
    same_line_wrap(button_w("刷新"));
    if (ImGui::Button("刷新##target_table.reload")) out.push_back(TargetTableIntent{ReloadTargetTable{}});
    tag("target_table.reload");
}

void tally(const wire::TargetTableReply& t) {
    const auto& c = t.counts;
    struct P { const char* label; int n; const char* status; };
    const P parts[] = {{"达标", c.met, "met"},         {"按进度", c.on_track, "on_track"}, {"落后", c.behind, "behind"},
                       {"未达标", c.not_met, "not_met"}, {"无数据", c.no_data, "no_data"}, {"按需", c.as_needed, "as_needed"}};
    bool first = true;
    for (const P& p : parts) {
        const std::string text = std::string(p.label) + " " + std::to_string(p.n);
        if (!first) same_line_wrap(ImGui::CalcTextSize(text.c_str()).x + px(16));
        first = false;
        colored_text(text, status_colour(p.status));
        tag_text(std::string("target_table.count.") + p.status, std::to_string(p.n));
        ImGui::SameLine();
        ImGui::Dummy(ImVec2(px(8), 0));
    }
    ImGui::NewLine();
    muted("项目年度 " + t.project_year.label + "，累计至 " + t.counted_through + "；目标版本 " + t.targets_version);
}

void detail(const AppState& s, const wire::TargetTableRow& r, Intents& out) {
    ImGui::Indent(px(12));
    if (!r.title_zh.empty()) wrapped_text("具体内容：" + r.title_zh, ImGui::GetColorU32(ImGuiCol_Text));
    if (!r.content_zh.empty()) wrapped_text("具体要求：" + r.content_zh, col(palette::kMuted));
    const auto& judged = r.on_year ? r.year_to_date : r.on_quarter ? r.quarter : r.month;
    if (judged.note && !judged.note->empty()) wrapped_text("说明：" + *judged.note, col(palette::kMuted));
    if (role_has_screen(s, Screen::Kpis)) {
        if (ImGui::Button(("本月明细##target_table.open_month." + r.month.code).c_str()))
            out.push_back(TargetTableIntent{OpenTargetFigure{r.month.code, false}});
        tag("target_table.open_month." + r.month.code);
        ImGui::SameLine();
        if (ImGui::Button(("本季度明细##target_table.open_quarter." + r.month.code).c_str()))
            out.push_back(TargetTableIntent{OpenTargetFigure{r.month.code, false, true}});
        tag("target_table.open_quarter." + r.month.code);
        ImGui::SameLine();
        if (ImGui::Button(("年度累计明细##target_table.open_year." + r.month.code).c_str()))
            out.push_back(TargetTableIntent{OpenTargetFigure{r.month.code, true}});
        tag("target_table.open_year." + r.month.code);
    }
    ImGui::Unindent(px(12));
}

void table(const AppState& s, const TargetTableState& T, Intents& out, float height) {
    const auto& t = *T.table;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable("target_table.table", 8, flags, ImVec2(0, height), table_inner_width(50))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("序号", ImGuiTableColumnFlags_WidthFixed, px(52));
    ImGui::TableSetupColumn("量化指标", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("目标", ImGuiTableColumnFlags_WidthFixed, px(150));
    ImGui::TableSetupColumn("本月", ImGuiTableColumnFlags_WidthFixed, px(86));
    ImGui::TableSetupColumn("本季度", ImGuiTableColumnFlags_WidthFixed, px(86));
    ImGui::TableSetupColumn("年度累计", ImGuiTableColumnFlags_WidthFixed, px(86));
    ImGui::TableSetupColumn("判定", ImGuiTableColumnFlags_WidthFixed, px(64));
    ImGui::TableSetupColumn("依据", ImGuiTableColumnFlags_WidthFixed, px(190));
    ImGui::TableHeadersRow();
    std::string category;
    int shown_item = -1;
    int listed = 0;
    for (const auto& r : t.rows) {
        if (T.filter == "attention" && !needs_attention(r)) continue;
        ++listed;
        if (r.category_zh != category) {
            category = r.category_zh;
            shown_item = -1;
            ImGui::TableNextRow();
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, col(palette::kTableHeader));
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            colored_text(category.empty() ? std::string("其他") : category, colors::kAccent);
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string& code = r.month.code;
        if (r.item > 0 && r.item != shown_item) ImGui::TextUnformatted(("（" + std::to_string(r.item) + "）").c_str());
        shown_item = r.item;
        ImGui::TableNextColumn();
        const bool selected = T.selected == code;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        wrapped_text(r.month.name_zh, ImGui::GetColorU32(ImGuiCol_Text));
        const float name_h = ImGui::GetItemRectMax().y - at.y;
        ImGui::SetCursorScreenPos(at);
        a11y::name_next(r.month.name_zh);
        if (ImGui::Selectable(("##tt." + code).c_str(), selected,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, name_h)))
            out.push_back(TargetTableIntent{SelectTargetRow{code}});
        tag("target_table.row." + code);
        ImGui::TableNextColumn();
        wrapped_text(r.month.requirement_zh.empty() ? r.month.target_text : r.month.requirement_zh,
                     ImGui::GetColorU32(ImGuiCol_Text));
        ImGui::TableNextColumn();
        const std::string m = figure(r.month), q = figure(r.quarter), y = figure(r.year_to_date);
        const bool on_month = !r.on_year && !r.on_quarter;
        colored_text(m, on_month && r.month.met ? (*r.month.met ? colors::kSuccess : colors::kError) : colors::kMuted);
        tag_text("target_table.month." + code, m);
        ImGui::TableNextColumn();
        colored_text(q, r.on_quarter && r.quarter.met ? (*r.quarter.met ? colors::kSuccess : colors::kError) : colors::kMuted);
        tag_text("target_table.quarter." + code, q);
        ImGui::TableNextColumn();
        colored_text(y, r.on_year && r.year_to_date.met ? (*r.year_to_date.met ? colors::kSuccess : colors::kError)
                                                        : colors::kMuted);
        tag_text("target_table.year." + code, y);
        ImGui::TableNextColumn();
        colored_text(r.status_zh, status_colour(r.status));
        tag_text("target_table.status." + code, r.status);
        a11y::figure(r.month.name_zh, r.status_zh + "（本月 " + m + "，本季度 " + q + "，年度累计 " + y + "）");
        ImGui::TableNextColumn();
        wrapped_text(r.basis_zh, col(palette::kMuted));
        if (selected) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            detail(s, r, out);
        }
    }
    if (listed == 0) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        muted("没有需关注的指标");
    }
    ImGui::EndTable();
    tag("target_table.table");
}

}  // namespace

Intents draw_target_table(const AppState& s) {
    Intents out;
    const TargetTableState& T = s.target_table;
    heading("绩效目标表");
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
    muted("合同约定的各项指标：月度指标按本月、季度指标按本季度判定，年度指标按项目年度累计判定并预计全年");
    toolbar(T, out);
    if (!T.error.empty()) {
        colored_text(T.error, colors::kError);
        tag_text("target_table.error", T.error);
    }
    if (!T.table) {
        if (T.loading) {
            spinner(px(10), colors::kAccent);
            ImGui::SameLine();
            muted("正在加载绩效目标表…");
        }
        return out;
    }
    tally(*T.table);
    table(s, T, out, ImGui::GetContentRegionAvail().y);
    return out;
}

}  // namespace yiyang::client::ui
