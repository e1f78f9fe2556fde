// 服务商监管 (app/provider_supervision_state.hpp): the provider list (platform, status, last grade, key information
// missing) with its XLSX export; for the provider chosen, the evaluation form prefilled from the records — each
// prefilled score with its basis and a 明细 that lists the orders behind it — signed by the supervisor, the 差's
// 预警 / 清退 with a reason, lifting a warning (解除预警) after a later evaluation, and a key-information check. Scores, totals and grades are the server's.
#include <algorithm>
#include <string>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/services.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

bool supervises(const AppState& s) { return s.user && may(s.user->role, Permission::SuperviseProviders); }

ImU32 grade_colour(const std::string& grade) {
    if (grade == "excellent" || grade == "good") return colors::kSuccess;
    if (grade == "poor") return colors::kError;
    if (grade == "fair") return col(palette::kWarning);
    return colors::kMuted;
}
ImU32 status_colour(const std::string& status) {
    if (status == "removed") return colors::kError;
    if (status == "warned") return col(palette::kWarning);
    return colors::kSuccess;
}

void header_bar(const ProviderSupervisionState& P, Intents& out) {
    if (ImGui::Button("刷新##providers.reload")) out.push_back(ProviderSupervisionIntent{ReloadProviderSupervision{}});
    tag("providers.reload");
    same_line_wrap(button_w("导出 Excel##providers.export"));
    if (ImGui::Button("导出 Excel##providers.export"))
        open_url(export_url("/api/v1/provider-supervision", ".xlsx"), true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("服务商监管列表（评价结果、状态、关键信息缺失）导出为 Excel（XLSX）");
    tag("providers.export");
    if (P.list) {
        int due = 0, incomplete = 0;
        for (const auto& p : P.list->items) {
            due += p.action_due ? 1 : 0;
            incomplete += p.missing.empty() ? 0 : 1;
        }
        const std::string summary = "服务商 " + std::to_string(P.list->items.size()) + " 家；关键信息不完整 " +
                                    std::to_string(incomplete) + " 家；待预警/清退 " + std::to_string(due) + " 家";
        flow_text(summary);
        tag_text("providers.summary", summary);
    }
    if (!P.error.empty()) wrapped_text(P.error, colors::kError);
    if (!P.form_error.empty()) {
        wrapped_text(P.form_error, colors::kError);
        tag_text("providers.form_error", P.form_error);
    }
    if (!P.notice.empty()) {
        wrapped_text(P.notice, colors::kSuccess);
        tag_text("providers.notice", P.notice);
    }
}

void provider_table(const ProviderSupervisionState& P, Intents& out, float height) {
    if (!P.list) {
        muted(P.loading ? "加载中…" : "");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    // The name column as wide as the longest name (a name is never cut: 1280 px at 150 % cut the longest).
    float name_w = em(11);
    for (const auto& p : P.list->items) name_w = std::max(name_w, ImGui::CalcTextSize(p.name.c_str()).x + em(1));
    // The name stays in view while the other columns scroll sideways, unless the pane is too narrow for it (portrait
    // at 200 %): a frozen column is cut at the pane's edge, so then only the header row is frozen.
    const bool freeze_name = name_w <= ImGui::GetContentRegionAvail().x * 0.6f;
    if (!ImGui::BeginTable("providers.table", 5, flags, ImVec2(0, height), table_inner_width(29 + name_w / em(1)))) return;
    ImGui::TableSetupScrollFreeze(freeze_name ? 1 : 0, 1);
    ImGui::TableSetupColumn("服务商", ImGuiTableColumnFlags_WidthFixed, name_w);
    ImGui::TableSetupColumn("平台", ImGuiTableColumnFlags_WidthFixed, em(5.5f));
    ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em(3));
    ImGui::TableSetupColumn("最近评价", ImGuiTableColumnFlags_WidthFixed, em(7));
    ImGui::TableSetupColumn("关键信息", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const auto& p : P.list->items) {
        const std::string row = "providers.row." + std::to_string(p.id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable((p.name + "##" + row).c_str(), P.selected == p.id, ImGuiSelectableFlags_SpanAllColumns))
            out.push_back(ProviderSupervisionIntent{SelectSupervisedProvider{p.id}});
        tag(row);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.platform_label.c_str());
        ImGui::TableNextColumn();
        colored_text(p.status_label, status_colour(p.status));
        tag_text(row + ".status", p.status_label);
        ImGui::TableNextColumn();
        if (p.last_evaluation_id == 0) muted("未评价");
        else colored_text(p.last_grade_label + " " + p.last_total + (p.action_due ? " " + p.action_due_label : ""),
                          grade_colour(p.last_grade));
        tag_text(row + ".grade", p.last_grade_label);
        ImGui::TableNextColumn();
        colored_text(p.missing_text, p.missing.empty() ? colors::kSuccess : col(palette::kWarning));
        tag_text(row + ".missing", p.missing_text);
    }
    ImGui::EndTable();
}

// "2026-11-03T09:30:00" → "11-03 09:30" ("" stays "").
std::string month_day_time(const std::string& ts) {
    if (ts.size() < 16) return ts;
    return ts.substr(5, 5) + " " + ts.substr(11, 5);
}

void orders_of(const ProviderSupervisionState& P, const wire::DimensionPrefill& d) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollY;
    const float h = std::min(em(12), em(1.6f) * static_cast<float>(d.order_ids.size() + 2));
    if (!ImGui::BeginTable(("providers.orders." + d.dimension).c_str(), 5, flags, ImVec2(0, h))) return;
    ImGui::TableSetupColumn("工单编号", ImGuiTableColumnFlags_WidthFixed, em(8));
    ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em(4));
    ImGui::TableSetupColumn("派单", ImGuiTableColumnFlags_WidthFixed, em(6));
    ImGui::TableSetupColumn("完成", ImGuiTableColumnFlags_WidthFixed, em(6));
    ImGui::TableSetupColumn("回访 / 投诉", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const auto& o : P.prefill->orders) {
        if (!std::binary_search(d.order_ids.begin(), d.order_ids.end(), o.id)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(o.code.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(o.status_label.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(month_day_time(o.dispatched_at).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(month_day_time(o.completed_at).c_str());
        ImGui::TableNextColumn();
        const std::string extra = !o.complaint.empty() ? o.complaint
                                  : o.satisfaction > 0 ? "满意度 " + std::to_string(o.satisfaction) + (o.satisfaction <= 3 ? "（满意）" : "（不满意）")
                                                       : std::string();
        ImGui::TextUnformatted(extra.c_str());
    }
    ImGui::EndTable();
    tag_text("providers.orders." + d.dimension, std::to_string(d.order_ids.size()));
}

void evaluation_form(const AppState& s, const ProviderSupervisionState& P, Intents& out) {
    const auto& F = *P.prefill;
    heading(("评价调查：" + F.provider_name).c_str());
    const std::string line = F.platform_label + "；评价日期 " + F.day + "；按 " + F.window_first + " 至 " + F.window_last +
                             " 的工单记录预填；规则 " + F.rule_version;
    wrapped_text(line, colors::kMuted);
    std::string grades;
    for (const auto& g : F.grade_lines) grades += (grades.empty() ? "" : "；") + g;
    muted("等级线（按精确总分，含下限不含上限）：" + grades);
    const bool can = supervises(s);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("providers.form", 4, flags)) {
        ImGui::TableSetupColumn("维度（满分）", ImGuiTableColumnFlags_WidthFixed, em(6));
        ImGui::TableSetupColumn("预填与依据", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("评分", ImGuiTableColumnFlags_WidthFixed, em(4.5f));
        ImGui::TableSetupColumn("修改理由", ImGuiTableColumnFlags_WidthFixed, em(9));
        ImGui::TableHeadersRow();
        for (const auto& d : F.dimensions) {
            const std::string id = "providers.form." + d.dimension;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted((d.label + "（" + std::to_string(d.max_points) + "）").c_str());
            ImGui::TableNextColumn();
            const std::string pre = d.entered ? "由监管人员评定" : d.has_points ? "预填 " + d.points.text + " 分：" + d.basis_zh : d.basis_zh;
            wrapped_text(pre, d.has_points ? ImGui::GetColorU32(ImGuiCol_Text) : colors::kMuted);
            tag_text(id + ".prefill", d.has_points ? d.points.text : "");
            if (!d.order_ids.empty()) {
                if (ImGui::SmallButton(((P.drill == d.dimension ? "收起明细" : "明细 " + std::to_string(d.order_ids.size()) + " 单") +
                                        "##" + id + ".drill").c_str()))
                    out.push_back(ProviderSupervisionIntent{DrillEvaluationDimension{d.dimension}});
                tag(id + ".drill");
            }
            ImGui::TableNextColumn();
            const auto it = P.scores.find(d.dimension);
            std::string text = it == P.scores.end() ? std::string() : it->second;
            ImGui::SetNextItemWidth(-1);
            ImGui::BeginDisabled(!can);
            if (ImGui::InputTextWithHint(("##" + id + ".score").c_str(), d.has_points ? d.points.text.c_str() : "分数", &text))
                out.push_back(ProviderSupervisionIntent{EditEvaluationScore{d.dimension, text}});
            tag(id + ".score");
            ImGui::TableNextColumn();
            if (d.has_points) {
                const auto r = P.reasons.find(d.dimension);
                std::string reason = r == P.reasons.end() ? std::string() : r->second;
                ImGui::SetNextItemWidth(-1);
                if (ImGui::InputTextWithHint(("##" + id + ".reason").c_str(), "改预填分时填写", &reason))
                    out.push_back(ProviderSupervisionIntent{EditEvaluationReason{d.dimension, reason}});
                tag(id + ".reason");
            }
            ImGui::EndDisabled();
            const auto err = P.field_errors.find("scores." + d.dimension);
            if (err != P.field_errors.end()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TableNextColumn();
                field_error("providers.form", d.dimension, err->second);
            }
            if (P.drill == d.dimension) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TableNextColumn();
                orders_of(P, d);
            }
        }
        ImGui::EndTable();
    }
    if (!can) {
        muted("只有监管人员（督导）可以评价并签名");
        return;
    }
    std::string note = P.note;
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, em(20)));
    if (ImGui::InputTextWithHint("##providers.form.note", "备注（可选）", &note))
        out.push_back(ProviderSupervisionIntent{EditEvaluationNote{note}});
    tag("providers.form.note");
    same_line_wrap(button_w("评定并签名##providers.form.submit"));
    ImGui::BeginDisabled(P.saving);
    if (primary_button("评定并签名##providers.form.submit")) out.push_back(ProviderSupervisionIntent{SubmitEvaluation{}});
    tag("providers.form.submit");
    ImGui::EndDisabled();
}

void history(const AppState& s, const ProviderSupervisionState& P, Intents& out) {
    if (!P.history || P.history->items.empty()) return;
    heading("评价记录");
    for (std::size_t i = 0; i < P.history->items.size() && i < 6; ++i) {
        const auto& e = P.history->items[i];
        const std::string id = "providers.eval." + std::to_string(e.id);
        std::string line = e.day + " " + e.grade_label + "（" + e.total.text + " 分）签名：" + e.signed_by;
        if (!e.action.empty()) line += "；已" + e.action_label + "（" + e.action_day + "）：" + e.action_reason;
        wrapped_text(line, grade_colour(e.grade));   // a decision's reason can be 200 characters
        tag_text(id, line);
        if (i == 0 && e.grade == "poor" && e.action.empty() && supervises(s)) {
            std::string reason = P.action_reason;
            ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, em(18)));
            if (ImGui::InputTextWithHint(("##" + id + ".reason").c_str(), (e.required_action_label + "理由").c_str(), &reason))
                out.push_back(ProviderSupervisionIntent{EditPoorActionReason{reason}});
            tag("providers.action.reason");
            const std::string label = "确认" + e.required_action_label + "##providers.action.confirm";
            same_line_wrap(button_w(label.c_str()));
            ImGui::BeginDisabled(P.acting);
            if (danger_button(label.c_str())) out.push_back(ProviderSupervisionIntent{ConfirmPoorAction{e.id}});
            tag("providers.action.confirm");
            ImGui::EndDisabled();
        }
    }
}

// A warned provider: why its warning cannot be lifted yet, or the reason field and 解除预警.
void warning(const AppState& s, const ProviderSupervisionState& P, Intents& out) {
    if (!P.list) return;
    for (const auto& p : P.list->items) {
        if (p.id != P.selected || p.status != "warned") continue;
        heading("预警中（暂停派单）");
        if (!p.can_lift) {
            wrapped_text(p.lift_refusal, colors::kMuted);
            tag_text("providers.lift.refusal", p.lift_refusal);
            return;
        }
        wrapped_text("最近一次评价 " + p.last_grade_label + "（" + p.last_evaluation_day + "）已不为“差”，可以解除预警，恢复派单。",
                     colors::kMuted);
        if (!supervises(s)) return;
        std::string reason = P.action_reason;
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, em(18)));
        if (ImGui::InputTextWithHint("##providers.lift.reason", "解除理由（整改情况）", &reason))
            out.push_back(ProviderSupervisionIntent{EditPoorActionReason{reason}});
        tag("providers.lift.reason");
        same_line_wrap(button_w("解除预警##providers.lift.confirm"));
        ImGui::BeginDisabled(P.acting);
        if (primary_button("解除预警##providers.lift.confirm")) out.push_back(ProviderSupervisionIntent{LiftWarning{p.id}});
        tag("providers.lift.confirm");
        ImGui::EndDisabled();
    }
}

void key_check(const AppState& s, const ProviderSupervisionState& P, Intents& out) {
    if (!P.list || !supervises(s)) return;
    for (const auto& p : P.list->items) {
        if (p.id != P.selected) continue;
        heading("关键信息检查");
        wrapped_text("资质有效期 " + (p.licence_expires.empty() ? std::string("未登记") : p.licence_expires) + "；" +
                         (p.last_check_day.empty() ? std::string("尚未检查") : "上次检查 " + p.last_check_day) + "；当前：" +
                         p.missing_text,
                     colors::kMuted);
        std::string expiry = P.licence_expires;
        ImGui::SetNextItemWidth(em(8));
        if (ImGui::InputTextWithHint("##providers.check.expiry", "资质有效期 YYYY-MM-DD", &expiry))
            out.push_back(ProviderSupervisionIntent{EditLicenceExpiry{expiry}});
        tag("providers.check.expiry");
        same_line_wrap(button_w("登记检查##providers.check.submit"));
        ImGui::BeginDisabled(P.checking);
        if (ImGui::Button("登记检查##providers.check.submit")) out.push_back(ProviderSupervisionIntent{SubmitKeyCheck{}});
        tag("providers.check.submit");
        ImGui::EndDisabled();
    }
}

}  // namespace

Intents draw_provider_supervision(const AppState& s) {
    Intents out;
    const ProviderSupervisionState& P = s.provider_supervision;
    header_bar(P, out);
    const Panes panes = split_panes(0.45f, em(26), em(48), em(30), 0.4f);
    ImGui::BeginChild("providers.left", panes.list, false);
    provider_table(P, out, ImGui::GetContentRegionAvail().y);
    ImGui::EndChild();
    if (!panes.stacked) ImGui::SameLine();
    ImGui::BeginChild("providers.right", panes.detail, false);
    if (P.selected == 0) muted("在左侧选择一个服务商，查看预填的评价表");
    else if (!P.prefill) muted("加载中…");
    else {
        evaluation_form(s, P, out);
        history(s, P, out);
        warning(s, P, out);
        key_check(s, P, out);
    }
    ImGui::EndChild();
    tag("providers.right");   // the pane the tests scroll (the form's submit lies below a 900-pixel screen)
    return out;
}

}  // namespace yiyang::client::ui
