// 绩效指标: every indicator of a period (month / quarter / year) for the city, a town or a provider, as the
// server computed it (shared/kpi.hpp) — value, target, met, source, counts — and the drill-down into the
// records behind a figure (numerator / denominator lists, paged; order rows open the order).
#include <algorithm>
#include <string>

#include <imgui.h>

#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/table_tools.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

bool desk_role(const AppState& s) {
    return s.user && (s.user->role == Role::Admin || s.user->role == Role::Supervisor || s.user->role == Role::Agent);
}

// The same moment expressed in another kind of period (month 11 -> Q4 -> 2026; back: the period's first month
// or quarter, or today's when it is in that year).
KpiPeriod with_kind(const KpiPeriod& p, KpiPeriodKind kind, const Date& today) {
    if (p.kind == kind) return p;
    int month = 1;
    if (p.kind == KpiPeriodKind::Month) month = p.index;
    else if (p.kind == KpiPeriodKind::Quarter) month = (p.index - 1) * 3 + 1;
    else month = p.year == today.year ? today.month : 1;
    KpiPeriod out{kind, p.year, 1};
    if (kind == KpiPeriodKind::Month) out.index = month;
    if (kind == KpiPeriodKind::Quarter) out.index = (month - 1) / 3 + 1;
    return out;
}

std::string scope_label(const AppState& s, const KpiScope& scope) {
    if (scope.town) {
        for (const auto& t : s.towns) {
            if (t.id == scope.town) return "镇街：" + t.name;
        }
        return "镇街 " + std::to_string(scope.town);
    }
    if (scope.provider) {
        for (const auto& p : s.live.providers) {
            if (p.id == scope.provider) return "服务商：" + p.name;
        }
        return "服务商 " + std::to_string(scope.provider);
    }
    return "全市";
}

bool toggle(const char* label, bool on) {
    if (on) {
        return primary_button(label);
    }
    return ImGui::Button(label);
}

void toolbar(const AppState& s, Intents& out) {
    const LiveState& L = s.live;
    const KpiPeriod& p = L.period;
    struct K { const char* label; KpiPeriodKind kind; const char* id; };
    const K kinds[] = {{"月度", KpiPeriodKind::Month, "kpis.kind.month"},
                       {"季度", KpiPeriodKind::Quarter, "kpis.kind.quarter"},
                       {"年度", KpiPeriodKind::Year, "kpis.kind.year"}};
    // One flow row (ui/widgets.hpp): the kind, the period with its arrows, the scope; whole groups go to the next
    // line when the window is too narrow (large text).
    for (const K& k : kinds) {
        if (k.kind != KpiPeriodKind::Month) ImGui::SameLine();
        if (toggle(k.label, p.kind == k.kind)) out.push_back(LiveIntent{SetKpiPeriod{with_kind(p, k.kind, s.today)}});
        tag(k.id);
    }
    const std::string label = p.label_zh();
    const float arrow_w = ImGui::GetFrameHeight();
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    same_line_wrap(px(8) + arrow_w * 2 + ImGui::CalcTextSize(label.c_str()).x + sp * 3);
    ImGui::Dummy(ImVec2(px(8), 0));
    ImGui::SameLine();
    if (ImGui::ArrowButton("##kpis.prev", ImGuiDir_Left)) out.push_back(LiveIntent{SetKpiPeriod{p.previous()}});
    tag("kpis.prev");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label.c_str());
    tag("kpis.period");
    tag_text("kpis.period", p.code());
    ImGui::SameLine();
    if (ImGui::ArrowButton("##kpis.next", ImGuiDir_Right)) out.push_back(LiveIntent{SetKpiPeriod{p.next()}});
    tag("kpis.next");
    same_line_wrap(button_w("本期"));
    if (ImGui::Button("本期")) {
        out.push_back(LiveIntent{SetKpiPeriod{with_kind(KpiPeriod{KpiPeriodKind::Month, s.today.year, s.today.month}, p.kind, s.today)}});
    }
    tag("kpis.current");
    const std::string current = scope_label(s, L.scope);
    // The combo may shrink to 6 characters to stay on the line; a town's or provider's own name is shown whole.
    const float scope_w = desk_role(s) ? std::min(px(280), em(6)) : ImGui::CalcTextSize(current.c_str()).x;
    same_line_wrap(px(12) + ImGui::CalcTextSize("范围").x + sp * 2 + scope_w);
    ImGui::Dummy(ImVec2(px(12), 0));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("范围");
    ImGui::SameLine();
    if (!desk_role(s)) {
        ImGui::AlignTextToFramePadding();
        colored_text(current, colors::kAccent);          // town and provider users see their own
        tag("kpis.scope");
        tag_text("kpis.scope", current);
        return;
    }
    ImGui::SetNextItemWidth(fit_w(px(280)));   // narrower when that is what the line has left
    if (ImGui::BeginCombo("##kpis.scope", current.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("全市", L.scope == KpiScope{})) out.push_back(LiveIntent{SetKpiScope{KpiScope{}}});
        tag("kpis.scope.city");
        ImGui::Separator();
        for (const auto& t : s.towns) {
            const KpiScope sc{t.id, 0};
            if (ImGui::Selectable(("镇街：" + t.name + "##t" + std::to_string(t.id)).c_str(), L.scope == sc))
                out.push_back(LiveIntent{SetKpiScope{sc}});
            tag("kpis.scope.town." + std::to_string(t.id));
        }
        ImGui::Separator();
        for (const auto& pr : s.live.providers) {
            const KpiScope sc{0, pr.id};
            if (ImGui::Selectable(("服务商：" + pr.name + "##p" + std::to_string(pr.id)).c_str(), L.scope == sc))
                out.push_back(LiveIntent{SetKpiScope{sc}});
            tag("kpis.scope.provider." + std::to_string(pr.id));
        }
        ImGui::EndCombo();
    }
    tag("kpis.scope");
    tag_text("kpis.scope", current);
}

void indicators_table(const AppState& s, Intents& out, float height) {
    const LiveState& L = s.live;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable("kpis.table", 6, flags, ImVec2(0, height), table_inner_width(34))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("指标", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("数值", ImGuiTableColumnFlags_WidthFixed, px(96));
    ImGui::TableSetupColumn("目标", ImGuiTableColumnFlags_WidthFixed, px(100));
    ImGui::TableSetupColumn("达标", ImGuiTableColumnFlags_WidthFixed, px(66));
    ImGui::TableSetupColumn("来源", ImGuiTableColumnFlags_WidthFixed, px(66));
    ImGui::TableSetupColumn("分子 / 分母", ImGuiTableColumnFlags_WidthFixed, px(120));
    ImGui::TableHeadersRow();
    for (const KpiItem& k : L.kpis.items) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool selected = L.selected == k.code;
        const std::string row_id = "kpis.row." + k.code;
        // The name wraps within its column (some are 57 characters long); the row's selectable lies under it.
        const ImVec2 name_at = ImGui::GetCursorScreenPos();
        wrapped_text(k.name_zh, ImGui::GetColorU32(ImGuiCol_Text));
        const float name_h = ImGui::GetItemRectMax().y - name_at.y;
        ImGui::SetCursorScreenPos(name_at);
        a11y::name_next(k.name_zh);
        if (ImGui::Selectable(("##" + k.code).c_str(), selected,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, name_h)))
            out.push_back(LiveIntent{SelectKpi{selected ? std::string() : k.code}});
        tag(row_id);
        ImGui::TableNextColumn();
        const bool no_data = k.display.empty() || k.display == "—";
        // An entered item without records (the activity items: none approved yet) waits for its entries.
        a11y::figure(k.name_zh, k.entered() && no_data ? std::string("待录入") : !k.applicable ? std::string("不适用")
                                 : no_data ? std::string("无数据")
                                           : k.display + "（" + (k.met ? "达标" : "未达标") + "）");
        if (k.entered() && no_data) {
            colored_text("待录入", colors::kMuted);
            tag_text("kpis.value." + k.code, "待录入");
        } else if (!k.applicable) {
            colored_text("不适用", colors::kMuted);
            if (ImGui::IsItemHovered() && !k.note.empty()) ImGui::SetTooltip("%s", k.note.c_str());
            tag_text("kpis.value." + k.code, "不适用");
        } else {
            colored_text(no_data ? std::string("无数据") : k.display,
                         no_data ? colors::kMuted : (k.met ? colors::kSuccess : colors::kError));
            tag_text("kpis.value." + k.code, k.display);
            // 每周2条: the weeks below the target (the reply's note) on hover.
            if (ImGui::IsItemHovered() && !k.note.empty()) ImGui::SetTooltip("%s", k.note.c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(k.target_text.c_str());
        ImGui::TableNextColumn();
        if (no_data) colored_text("—", colors::kMuted);
        else colored_text(k.met ? "达标" : "未达标", k.met ? colors::kSuccess : colors::kError);
        ImGui::TableNextColumn();
        colored_text(k.from_activities() ? "台账" : k.entered() && !k.applicable ? "录入" : "记录", colors::kMuted);
        ImGui::TableNextColumn();
        const std::string counts = !k.applicable ? std::string("—")
                                   : k.unit == "percent"
                                       ? std::to_string(k.numerator_count) + " / " + std::to_string(k.denominator_count)
                                       : std::to_string(k.numerator_count);
        ImGui::TextUnformatted(counts.c_str());
    }
    ImGui::EndTable();
    tag("kpis.table");
}

void drill_down(const AppState& s, Intents& out, float height) {
    const LiveState& L = s.live;
    const KpiItem* k = nullptr;
    for (const auto& it : L.kpis.items) {
        if (it.code == L.selected) k = &it;
    }
    const KpiRecords& R = L.records;
    ImGui::BeginChild("kpis.drill", ImVec2(0, height), true);
    const std::string title = (k ? k->name_zh : L.selected) + " — 明细";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title.c_str());
    tag("kpis.drill");
    ImGui::SameLine();
    const bool num = R.side != "denominator" && R.side != "failures";
    const std::string num_label = "分子" + (k ? "（" + std::to_string(k->numerator_count) + "）" : std::string());
    const std::string den_label = "分母" + (k ? "（" + std::to_string(k->denominator_count) + "）" : std::string());
    if (toggle((num_label + "##kpis.side.num").c_str(), num)) out.push_back(LiveIntent{KpiRecordsPage{"numerator", 1}});
    tag("kpis.side.numerator");
    ImGui::SameLine();
    if (toggle((den_label + "##kpis.side.den").c_str(), R.side == "denominator"))
        out.push_back(LiveIntent{KpiRecordsPage{"denominator", 1}});
    tag("kpis.side.denominator");
    // A ratio's failures: the denominator's records not in the numerator (e.g. the requests left unanswered).
    if (!k || k->unit == "percent") {
        ImGui::SameLine();
        // The count is the reply's (shared KpiResult::failure_count), never worked out here.
        const std::string fail_label =
            "未达标" + (k && k->failure_count ? "（" + std::to_string(*k->failure_count) + "）" : std::string());
        if (toggle((fail_label + "##kpis.side.fail").c_str(), R.side == "failures"))
            out.push_back(LiveIntent{KpiRecordsPage{"failures", 1}});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("分母中不在分子里的记录（例如未响应的诉求）");
        tag("kpis.side.failures");
    }
    ImGui::SameLine();
    export_print_buttons(s, "kpi_records", "kpis.records");
    // paging, right-aligned
    const int pages = R.page_size > 0 ? static_cast<int>((R.total + R.page_size - 1) / R.page_size) : 1;
    const std::string pinfo = "第 " + std::to_string(R.page) + " / " + std::to_string(std::max(1, pages)) + " 页，共 " +
                              std::to_string(R.total) + " 条";
    const float bw = ImGui::CalcTextSize("上一页").x + ImGui::GetStyle().FramePadding.x * 2;
    const float pw = ImGui::CalcTextSize(pinfo.c_str()).x;
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const float size_w = px(110) + sp + (pages > 1 ? px(64) + sp : 0.0f);   // 每页 N 条 and 跳到第 [ ] 页
    // Right-aligned after the buttons when there is room, else right-aligned on the next line (never over 打印).
    const float after_buttons = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + sp;
    const float right_start = ImGui::GetWindowContentRegionMax().x - bw * 2 - pw - sp * 2 - size_w;
    if (right_start >= after_buttons) ImGui::SameLine(right_start);
    else ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right_start));
    if (const auto pc = page_size_and_jump("kpis.records", R.page_size, pages, false); pc.page_size || pc.page) {
        out.push_back(LiveIntent{KpiRecordsView{R.sort, pc.page_size.value_or(R.page_size), pc.page_size ? 1 : pc.page.value_or(R.page)}});
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(R.page <= 1);
    if (ImGui::Button("上一页##kpis")) out.push_back(LiveIntent{KpiRecordsPage{R.side, R.page - 1}});
    ImGui::EndDisabled();
    tag("kpis.records.prev");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(pinfo.c_str());
    tag_text("kpis.records.info", pinfo);
    ImGui::SameLine();
    ImGui::BeginDisabled(R.page >= pages);
    if (ImGui::Button("下一页##kpis")) out.push_back(LiveIntent{KpiRecordsPage{R.side, R.page + 1}});
    ImGui::EndDisabled();
    tag("kpis.records.next");

    if (k && k->entered() && !k->from_activities() && !k->applicable) {   // computed entered figures (issue 13) drill down
        muted("该指标为录入指标（需上传佐证材料），没有可下钻的系统记录。");
    } else if (k && !k->applicable) {
        muted(k->note.empty() ? std::string("该指标在当前范围内不适用。") : k->note);
    } else if (!R.error.empty()) {
        colored_text("明细加载失败：" + R.error, colors::kError);
    } else if (!R.loaded) {
        spinner(px(8), colors::kAccent);
        ImGui::SameLine();
        muted("正在加载明细…");
    } else if (R.rows.empty()) {
        muted("没有记录");
    } else {
        const int cols = 1 + static_cast<int>(R.headers.size());
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_SizingStretchProp | table_sort_flags() | ImGuiTableFlags_ScrollX;
        if (ImGui::BeginTable("kpis.records", cols, flags, ImVec2(0, ImGui::GetContentRegionAvail().y),
                              table_inner_width(8.5f + 6.0f * static_cast<float>(R.headers.size())))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            // The server sorts the drill-down by id (creation order: the code and time follow it); not the rest.
            std::vector<std::string> keys(static_cast<std::size_t>(cols));
            keys[0] = "id";
            ImGui::TableSetupColumn("编号", ImGuiTableColumnFlags_WidthFixed | sort_column_flags("id", R.sort), px(170), 0);
            for (std::size_t h = 0; h < R.headers.size(); ++h)
                ImGui::TableSetupColumn(R.headers[h].c_str(), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort,
                                        1.0f, static_cast<ImGuiID>(h + 1));
            ImGui::TableHeadersRow();
            if (const auto asked = header_sort(keys, R.sort)) {
                out.push_back(LiveIntent{KpiRecordsView{*asked, R.page_size, 1}});
            }
            for (std::size_t i = 0; i < R.rows.size(); ++i) {
                const KpiRecordRow& row = R.rows[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string rid = "kpis.records.row." + std::to_string(i);
                if (row.is_order) {
                    if (ImGui::Selectable((row.code + "###" + rid).c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                        out.push_back(LiveIntent{OpenOrderFromLive{row.id}});
                    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                } else {
                    ImGui::TextUnformatted(row.code.c_str());
                }
                tag(rid);
                tag_text(rid, row.code);
                for (const auto& c : row.cells) {
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(c.c_str());
                }
            }
            ImGui::EndTable();
        }
    }
    ImGui::EndChild();
}

}  // namespace

Intents draw_kpis(const AppState& s) {
    Intents out;
    heading("绩效指标");
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
    muted("数值由服务器按记录计算；点击一行查看分子、分母明细");
    toolbar(s, out);
    ImGui::SameLine();
    export_print_buttons(s, "kpis", "kpis");
    ImGui::Dummy(ImVec2(0, px(2)));
    const LiveState& L = s.live;
    if (!L.kpis.loaded) {
        spinner(px(10), colors::kAccent);
        ImGui::SameLine();
        muted("正在加载指标…");
        return out;
    }
    if (L.kpis.items.empty()) {
        muted("该期间没有指标数据");
        return out;
    }
    const float avail = ImGui::GetContentRegionAvail().y;
    if (L.selected.empty()) {
        indicators_table(s, out, avail);
    } else {
        // The record list keeps room for its header, a few rows and the pager even when the SOS banner
        // takes part of a 720-pixel screen: the indicator table gives way first (it scrolls).
        const float min_drill = px(230);
        const float top = std::max(px(110), std::min(avail * 0.35f, avail - min_drill));
        indicators_table(s, out, top);
        drill_down(s, out, ImGui::GetContentRegionAvail().y);
    }
    return out;
}

}  // namespace yiyang::client::ui
