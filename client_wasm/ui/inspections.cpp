// 巡查 (app/inspections_state.hpp): tab 巡查 — the month's inspection-rate table (机构, 镇街, 本月次数, 应巡检,
// 达标) with the city's rate and its XLSX, the inspection form from the checklist in force (each item 合格 / 不合格
// with the problem written), the open rectifications with their deadline (超期 marked) and the re-check; tab
// 星级评定与护理员考核 — the quarter's signed records and the criteria. Every number is the server's reply.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/services.hpp"
#include "yiyang/inspections.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

void header_bar(const InspectionsState& I, Intents& out) {
    if (ImGui::Button("巡查##inspections.tab.visits")) out.push_back(InspectionsIntent{SelectInspectionTab{0}});
    tag("inspections.tab.visits");
    ImGui::SameLine();
    if (ImGui::Button("星级评定与护理员考核##inspections.tab.reviews")) out.push_back(InspectionsIntent{SelectInspectionTab{1}});
    tag("inspections.tab.reviews");
    ImGui::SameLine();
    ImGui::TextUnformatted("  ");
    ImGui::SameLine();
    if (ImGui::Button("上月##inspections.prev")) out.push_back(InspectionsIntent{ShiftInspectionMonth{-1}});
    tag("inspections.prev");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string month = I.board ? I.board->rate.month_label : I.month;
    ImGui::TextUnformatted(month.c_str());
    tag_text("inspections.month", I.month);
    ImGui::SameLine();
    if (ImGui::Button("下月##inspections.next")) out.push_back(InspectionsIntent{ShiftInspectionMonth{1}});
    tag("inspections.next");
    ImGui::SameLine();
    if (ImGui::Button("刷新##inspections.reload")) out.push_back(InspectionsIntent{ReloadInspections{}});
    tag("inspections.reload");
    if (!I.month.empty()) {
        const std::string list = "/api/v1/inspection-rate?month=" + I.month;
        same_line_wrap(button_w("导出巡检率汇总表##inspections.export"));
        if (ImGui::Button("导出巡检率汇总表##inspections.export")) open_url(export_url(list, ".xlsx"), true);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", "本月养老机构巡检率汇总表，导出为 Excel（XLSX）");
        tag("inspections.export");
        same_line_wrap(button_w("打印##inspections.print"));
        if (ImGui::Button("打印##inspections.print")) open_url(export_url(list, ".html"), false);
        tag("inspections.print");
    }
    if (!I.error.empty()) wrapped_text(I.error, colors::kError);
}

void rate_table(const InspectionsState& I, float height) {
    if (!I.board) {
        muted(I.loading ? "加载中…" : "");
        return;
    }
    const auto& R = I.board->rate;
    const std::string summary = "本月巡检率 " + R.rate.text + "（" + std::to_string(R.met) + "/" + std::to_string(R.institutions) +
                                " 家机构巡检满 " + std::to_string(R.required) + " 次），共巡检 " + std::to_string(R.inspections) +
                                " 次；整改中 " + std::to_string(I.board->open) + " 项，其中超期 " + std::to_string(I.board->overdue) + " 项";
    wrapped_text(summary, ImGui::GetColorU32(ImGuiCol_Text));
    tag_text("inspections.summary", summary);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("inspections.rate", 5, flags, ImVec2(0, height), table_inner_width(34))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("机构", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("镇街", ImGuiTableColumnFlags_WidthFixed, em(5));
    ImGui::TableSetupColumn("本月次数", ImGuiTableColumnFlags_WidthFixed, em(4));
    ImGui::TableSetupColumn("应巡检", ImGuiTableColumnFlags_WidthFixed, em(3.5f));
    ImGui::TableSetupColumn("达标", ImGuiTableColumnFlags_WidthFixed, em(3.5f));
    ImGui::TableHeadersRow();
    for (const auto& row : R.rows) {
        const std::string id = "inspections.rate." + std::to_string(row.institution_id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.name.c_str());
        tag(id);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.town_name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(row.count));
        tag_text(id + ".count", std::to_string(row.count));
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(row.required));
        ImGui::TableNextColumn();
        colored_text(row.met ? "达标" : "未达标", row.met ? colors::kSuccess : colors::kError);
    }
    ImGui::EndTable();
}

void inspection_form(const AppState& s, const InspectionsState& I, Intents& out) {
    if (!I.board || !I.board->may_inspect) return;
    heading("录入巡查");
    std::vector<std::string> labels;
    int selected = 0;
    for (std::size_t k = 0; k < I.board->institutions.size(); ++k) {
        const auto& i = I.board->institutions[k];
        labels.push_back(i.name + "（" + i.town_name + "）");
        if (i.id == I.institution) selected = static_cast<int>(k) + 1;
    }
    const std::string preview = selected > 0 ? labels[static_cast<std::size_t>(selected - 1)] : std::string("选择机构");
    const int chosen = filter_combo("##inspections.institution", preview, labels, selected, nullptr,
                                    std::min(em(20), ImGui::GetContentRegionAvail().x), "inspections.institution");
    tag("inspections.institution");
    if (chosen > 0) out.push_back(InspectionsIntent{ChooseInstitution{I.board->institutions[static_cast<std::size_t>(chosen - 1)].id}});
    std::string day = I.day;
    ImGui::SetNextItemWidth(em(7));
    if (ImGui::InputTextWithHint("巡查日期##inspections.day", "YYYY-MM-DD", &day)) out.push_back(InspectionsIntent{EditInspectionField{"day", day}});
    tag("inspections.day");
    same_line_wrap(em(7) + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("巡查人员").x);   // portrait: below
    std::string inspector = I.inspector;
    ImGui::SetNextItemWidth(em(7));
    if (ImGui::InputText("巡查人员##inspections.inspector", &inspector)) out.push_back(InspectionsIntent{EditInspectionField{"inspector", inspector}});
    tag("inspections.inspector");
    std::string group;
    for (const auto& c : I.board->checklist) {
        if (c.group != group) {
            group = c.group;
            colored_text(group, col(palette::kHeader));
        }
        const auto it = I.items.find(c.code);
        const bool passed = it == I.items.end() || it->second.passed;
        const std::string id = "inspections.item." + c.code;
        if (ImGui::RadioButton(("合格##" + id + ".pass").c_str(), passed)) out.push_back(InspectionsIntent{SetInspectionItem{c.code, true}});
        tag(id + ".pass");
        ImGui::SameLine();
        if (ImGui::RadioButton(("不合格##" + id + ".fail").c_str(), !passed)) out.push_back(InspectionsIntent{SetInspectionItem{c.code, false}});
        tag(id + ".fail");
        ImGui::SameLine();
        wrapped_text(c.text, passed ? ImGui::GetColorU32(ImGuiCol_Text) : colors::kError);
        if (!passed) {
            std::string note = it->second.note;
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputTextWithHint(("##" + id + ".note").c_str(), ("发现的问题（" + c.failure + "）").c_str(), &note))
                out.push_back(InspectionsIntent{EditInspectionItemNote{c.code, note}});
            tag(id + ".note");
            muted("整改期限：" + std::to_string(c.deadline_days) + (c.workdays ? " 个工作日" : " 天"));
        }
    }
    std::string note = I.note;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##inspections.note", "巡查备注（可选）", &note)) out.push_back(InspectionsIntent{EditInspectionField{"note", note}});
    ImGui::BeginDisabled(I.submitting || I.institution == 0);
    if (primary_button("保存巡查记录##inspections.submit")) out.push_back(InspectionsIntent{SubmitInspection{}});
    tag("inspections.submit");
    ImGui::EndDisabled();
    if (!I.form_error.empty()) {
        wrapped_text(I.form_error, colors::kError);
        tag_text("inspections.form_error", I.form_error);
    }
    if (!I.form_notice.empty()) {
        wrapped_text(I.form_notice, colors::kSuccess);
        tag_text("inspections.form_notice", I.form_notice);
    }
    (void)s;
}

void rectifications(const InspectionsState& I, Intents& out) {
    if (!I.board) return;
    heading("整改与复查");
    if (!I.recheck_error.empty()) wrapped_text(I.recheck_error, colors::kError);
    if (!I.recheck_notice.empty()) {
        wrapped_text(I.recheck_notice, colors::kSuccess);
        tag_text("inspections.recheck_notice", I.recheck_notice);
    }
    if (I.board->rectifications.empty()) {
        muted("没有整改事项");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("inspections.rectifications", 5, flags, ImVec2(0, 0), table_inner_width(52))) return;
    ImGui::TableSetupColumn("机构", ImGuiTableColumnFlags_WidthFixed, em(10));
    ImGui::TableSetupColumn("问题", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("期限", ImGuiTableColumnFlags_WidthFixed, em(5));
    ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em(6));
    ImGui::TableSetupColumn("复查", ImGuiTableColumnFlags_WidthFixed, em(16));
    ImGui::TableHeadersRow();
    for (const auto& r : I.board->rectifications) {
        const std::string id = "inspections.rect." + std::to_string(r.id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        wrapped_text(r.institution_name, ImGui::GetColorU32(ImGuiCol_Text));
        tag(id);
        ImGui::TableNextColumn();
        wrapped_text(r.item_group + "：" + r.item_text + "。" + r.finding, ImGui::GetColorU32(ImGuiCol_Text));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.deadline.substr(5).c_str());
        ImGui::TableNextColumn();
        const std::string status = r.overdue ? "超期 " + std::to_string(r.days_overdue) + " 天" : r.status_label;
        // Wraps within its column (超期 12 天 was cut off at 1440 px).
        wrapped_text(status, r.overdue ? colors::kError : r.status == "closed" ? colors::kSuccess : col(palette::kWarning));
        tag_text(id + ".status", status);
        ImGui::TableNextColumn();
        if (r.status != "open" || !I.board->may_inspect) continue;
        ImGui::BeginDisabled(I.rechecking);
        auto it = I.recheck_notes.find(r.id);
        std::string note = it == I.recheck_notes.end() ? std::string() : it->second;
        ImGui::SetNextItemWidth(em(6));
        if (ImGui::InputTextWithHint(("##" + id + ".note").c_str(), "复查说明", &note))
            out.push_back(InspectionsIntent{EditRecheckNote{r.id, note}});
        ImGui::SameLine();
        if (primary_button(("已整改##" + id + ".pass").c_str())) out.push_back(InspectionsIntent{SubmitRecheck{r.id, true}});
        tag(id + ".pass");
        ImGui::SameLine();
        if (ImGui::Button(("未整改##" + id + ".fail").c_str())) out.push_back(InspectionsIntent{SubmitRecheck{r.id, false}});
        tag(id + ".fail");
        ImGui::EndDisabled();
    }
    ImGui::EndTable();
}

// The bands and marks of the reply as the shared rule type, so that the form's live figures (total, stars, grade)
// come from the same shared functions the server signs with (inspections::total_of, stars_for, review_grade).
inspections::InspectionRule preview_rule(const wire::QuarterReviews& Q) {
    inspections::InspectionRule r;
    for (const auto& b : Q.star_bands) r.star_bands.push_back({static_cast<int>(b.stars), b.from, b.to});
    r.caregiver_pass_mark = Q.pass_mark;
    r.caregiver_excellent_mark = Q.excellent_mark;
    return r;
}

// 签署星级评定 / 签署护理员考核: the centre (or the caregiver and their provider), a score per item of the rule in force,
// the total with its stars or grade as the rule gives them, a note; signed by the supervisor.
void review_form(const AppState& s, const InspectionsState& I, const wire::QuarterReviews& Q, Intents& out) {
    const bool star = I.review_form == 1;
    const ReviewDraft& d = I.review;
    ImGui::Separator();
    heading(star ? "签署星级评定" : "签署护理员考核");
    if (star) {
        std::vector<std::string> labels;
        int selected = 0;
        for (std::size_t k = 0; k < Q.centres.size(); ++k) {
            const auto& c = Q.centres[k];
            bool rated = false;
            for (const auto& r : Q.ratings) rated = rated || r.institution_id == c.id;
            labels.push_back(c.name + "（" + c.town_name + "）" + (rated ? " · 本季度已评定" : ""));
            if (c.id == d.institution) selected = static_cast<int>(k) + 1;
        }
        const std::string preview = selected > 0 ? labels[static_cast<std::size_t>(selected - 1)] : std::string("选择中心（站）");
        const int chosen = filter_combo("中心（站）##inspections.review.centre", preview, labels, selected, nullptr, em(22),
                                        "inspections.review.centre");
        tag("inspections.review.centre");
        if (chosen > 0) out.push_back(InspectionsIntent{EditReviewDraft{"institution", "", Q.centres[static_cast<std::size_t>(chosen - 1)].id}});
    } else {
        std::string name = d.caregiver;
        ImGui::SetNextItemWidth(em(8));
        if (ImGui::InputTextWithHint("护理员姓名##inspections.review.caregiver", "2 到 20 个字", &name))
            out.push_back(InspectionsIntent{EditReviewDraft{"caregiver", name, 0}});
        tag("inspections.review.caregiver");
        std::vector<std::string> labels;
        int selected = 0;
        for (std::size_t k = 0; k < s.orders.providers.size(); ++k) {
            labels.push_back(s.orders.providers[k].name);
            if (s.orders.providers[k].id == d.provider) selected = static_cast<int>(k) + 1;
        }
        const std::string preview = selected > 0 ? labels[static_cast<std::size_t>(selected - 1)] : std::string("选择服务商");
        const int chosen = filter_combo("所属服务商##inspections.review.provider", preview, labels, selected, nullptr, em(16),
                                        "inspections.review.provider");
        tag("inspections.review.provider");
        if (chosen > 0) out.push_back(InspectionsIntent{EditReviewDraft{"provider", "", s.orders.providers[static_cast<std::size_t>(chosen - 1)].id}});
    }
    const auto& items = star ? Q.star_items : Q.caregiver_items;
    std::int64_t max = 0;
    bool out_of_range = false;
    if (ImGui::BeginTable("inspections.review.items", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("评分项", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("得分", ImGuiTableColumnFlags_WidthFixed, em(9));
        ImGui::TableHeadersRow();
        for (const auto& it : items) {
            max += it.points;
            const auto got = d.scores.find(it.code);
            std::int64_t v = got == d.scores.end() ? 0 : got->second;
            const bool bad = v < 0 || v > it.points;
            out_of_range = out_of_range || bad;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            wrapped_text(it.text + "（满分 " + std::to_string(it.points) + "）", ImGui::GetColorU32(ImGuiCol_Text));
            ImGui::TableNextColumn();
            const std::string id = "inspections.review.score." + it.code;
            ImGui::SetNextItemWidth(em(4));   // a plain field (no ± buttons): typed on a keyboard or a touch pad
            if (ImGui::InputScalar(("##" + id).c_str(), ImGuiDataType_S64, &v)) out.push_back(InspectionsIntent{SetReviewScore{it.code, v}});
            tag(id);
            if (bad) {
                ImGui::SameLine();
                colored_text("0–" + std::to_string(it.points), colors::kError);
            }
        }
        ImGui::EndTable();
    }
    const std::int64_t total = inspections::total_of(d.scores);
    const auto rule = preview_rule(Q);
    const std::string result = star ? inspections::stars_label_zh(inspections::stars_for(total, rule))
                                    : inspections::label_zh(inspections::review_grade(total, rule));
    const std::string total_text = "合计 " + std::to_string(total) + " / " + std::to_string(max) + " 分 · 按规则：" + result;
    colored_text(total_text, out_of_range ? colors::kError : ImGui::GetColorU32(ImGuiCol_Text));
    tag_text("inspections.review.total", total_text);
    std::string note = d.note;
    ImGui::SetNextItemWidth(std::min(em(24), ImGui::GetContentRegionAvail().x));
    if (ImGui::InputTextWithHint("备注##inspections.review.note", "可不填", &note)) out.push_back(InspectionsIntent{EditReviewDraft{"note", note, 0}});
    tag("inspections.review.note");
    ImGui::BeginDisabled(I.review_saving);
    if (primary_button("签署##inspections.review.submit")) out.push_back(InspectionsIntent{SubmitReview{}});
    tag("inspections.review.submit");
    ImGui::SameLine();
    if (ImGui::Button("取消##inspections.review.cancel")) out.push_back(InspectionsIntent{OpenReviewForm{0}});
    tag("inspections.review.cancel");
    ImGui::EndDisabled();
    if (!I.review_error.empty()) {
        wrapped_text(I.review_error, colors::kError);
        tag_text("inspections.review.error", I.review_error);
    }
    ImGui::Separator();
}

void reviews_tab(const AppState& s, const InspectionsState& I, Intents& out) {
    if (!I.quarter_error.empty()) wrapped_text(I.quarter_error, colors::kError);
    if (!I.reviews) {
        muted(I.quarter_loading ? "加载中…" : "");
        return;
    }
    const auto& Q = *I.reviews;
    if (Q.may_sign) {
        if (I.review_form != 1 && ImGui::Button("签署星级评定##inspections.review.star")) out.push_back(InspectionsIntent{OpenReviewForm{1}});
        tag("inspections.review.star");
        ImGui::SameLine();
        if (I.review_form != 2 && ImGui::Button("签署护理员考核##inspections.review.caregiver_open")) out.push_back(InspectionsIntent{OpenReviewForm{2}});
        tag("inspections.review.caregiver_open");
        if (!I.review_notice.empty()) {
            wrapped_text(I.review_notice, colors::kSuccess);
            tag_text("inspections.review.notice", I.review_notice);
        }
        if (I.review_form != 0) review_form(s, I, Q, out);
    }
    heading(("社区养老服务中心（站）星级评定 · " + Q.quarter_label).c_str());
    std::string criteria = "评分项：";
    for (const auto& it : Q.star_items) criteria += it.text + " " + std::to_string(it.points) + " 分；";
    criteria += "分档：";
    for (const auto& b : Q.star_bands) criteria += std::to_string(b.stars) + "星 [" + std::to_string(b.from) + "," + std::to_string(b.to) + ") ";
    muted(criteria);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (Q.ratings.empty()) muted("本季度尚未签署星级评定");
    else if (ImGui::BeginTable("inspections.ratings", 5, flags)) {
        ImGui::TableSetupColumn("中心（站）", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("镇街", ImGuiTableColumnFlags_WidthFixed, em(5));
        ImGui::TableSetupColumn("总分", ImGuiTableColumnFlags_WidthFixed, em(3));
        ImGui::TableSetupColumn("星级", ImGuiTableColumnFlags_WidthFixed, em(4));
        ImGui::TableSetupColumn("签署", ImGuiTableColumnFlags_WidthFixed, em(10));
        ImGui::TableHeadersRow();
        for (const auto& r : Q.ratings) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.institution_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.town_name.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(r.total));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.stars_label.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((r.signed_by + " " + r.signed_at.substr(0, 10)).c_str());
        }
        ImGui::EndTable();
    }
    heading(("护理员考核 · " + Q.quarter_label).c_str());
    muted("满分 100，" + std::to_string(Q.pass_mark) + " 分合格，" + std::to_string(Q.excellent_mark) + " 分优秀");
    if (Q.reviews.empty()) muted("本季度尚未签署护理员考核");
    else if (ImGui::BeginTable("inspections.reviews", 5, flags)) {
        ImGui::TableSetupColumn("护理员", ImGuiTableColumnFlags_WidthFixed, em(6));
        ImGui::TableSetupColumn("服务商", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("总分", ImGuiTableColumnFlags_WidthFixed, em(3));
        ImGui::TableSetupColumn("结果", ImGuiTableColumnFlags_WidthFixed, em(4));
        ImGui::TableSetupColumn("签署", ImGuiTableColumnFlags_WidthFixed, em(10));
        ImGui::TableHeadersRow();
        for (const auto& r : Q.reviews) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.caregiver.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.provider_name.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(r.total));
            ImGui::TableNextColumn();
            colored_text(r.grade_label, r.grade == "fail" ? colors::kError : colors::kSuccess);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((r.signed_by + " " + r.signed_at.substr(0, 10)).c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace

Intents draw_inspections(const AppState& s) {
    Intents out;
    const InspectionsState& I = s.inspections;
    header_bar(I, out);
    if (I.tab == 1) {
        const ImVec2 at = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
        tag_rect("inspections.reviews_tab", at, ImVec2(at.x + avail.x, at.y + avail.y));
        ImGui::BeginChild("inspections.reviews_tab", ImVec2(0, 0), false);
        reviews_tab(s, I, out);
        ImGui::EndChild();
        return out;
    }
    const Panes panes = split_panes(0.5f, em(26), em(48), em(26), 0.5f);
    const ImVec2 left_at = ImGui::GetCursorScreenPos();
    tag_rect("inspections.left", left_at, ImVec2(left_at.x + panes.list.x, left_at.y + panes.list.y));
    ImGui::BeginChild("inspections.left", panes.list, false);
    rate_table(I, std::max(em(10), ImGui::GetContentRegionAvail().y * 0.45f));
    rectifications(I, out);
    ImGui::EndChild();
    if (!panes.stacked) ImGui::SameLine();
    const ImVec2 right_at = ImGui::GetCursorScreenPos();
    tag_rect("inspections.right", right_at, ImVec2(right_at.x + panes.detail.x, right_at.y + panes.detail.y));
    ImGui::BeginChild("inspections.right", panes.detail, false);
    inspection_form(s, I, out);
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
