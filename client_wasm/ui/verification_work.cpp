// 核查's work tabs (issue 10): 实体服务 (months, the flagged records with why, filters, 可支付 / 不予支付 with a reason,
// a provider's 说明), 死亡核查 (figures with drill-down, 确认同一人, the family-contact step) and 回访 (the draw, the
// call list with masked phones, one key per outcome and per answer, shown on screen; 替换). State: app/verification_work.
#include "ui/verification_work.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/a11y.hpp"
#include "ui/date_picker.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"
#include "yiyang/minute_text.hpp"
#include "yiyang/money.hpp"

namespace yiyang::client::ui {

namespace {

bool may_p(const AppState& s, Permission p) { return s.user && may(s.user->role, p); }

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                        ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollX |
                                        ImGuiTableFlags_SizingStretchProp;

void push(Intents& out, VerWorkIntent i) { out.push_back(std::move(i)); }

std::string yuan(std::int64_t fen) { return format_yuan(fen); }

// The quarter picker and 刷新 shared by the three tabs.
void quarter_bar(const AppState& s, Intents& out) {
    const VerWorkState& w = s.verification.work;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("季度");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fit_w(em(9)));
    if (ImGui::BeginCombo("##verw.quarter", quarter_label(w.quarter).c_str())) {
        for (const std::string& q : quarter_choices(s.today)) {
            if (ImGui::Selectable(quarter_label(q).c_str(), q == w.quarter) && q != w.quarter) push(out, VerWorkQuarter{q});
            tag("verw.quarter.option." + q);
        }
        ImGui::EndCombo();
    }
    tag("verw.quarter");
}

void section(const std::string& title, const std::string& id) {
    ImGui::Spacing();
    flow_text(title, true);
    tag(id);
}

// ---- 实体服务 ---------------------------------------------------------------------------------------------------

const char* const kFlags[] = {"", "after_death", "duplicate", "caregiver_overlap", "shared_evidence", "removed_subscriber"};
const char* const kStatuses[] = {"", "pending", "decided_payable", "decided_not_payable", "not_payable"};

void physical_detail(const AppState& s, const wire::PhysicalFlaggedRecord& r, Intents& out) {
    const VerPhysicalState& p = s.verification.work.physical;
    ImGui::Spacing();
    ImGui::Separator();
    flow_text("记录 " + r.record_no + "　" + r.name + "　" + r.day + " " + r.start + "–" + r.end + "　" + r.item +
                  "　服务人员 " + r.caregiver + "　" + r.status_label_zh,
              true);
    tag("verw.phys.detail");
    flow(button_w("关闭"));
    if (ImGui::Button("关闭##phys")) push(out, VerPhysSelect{""});
    bool blocked = false;
    for (const auto& reason : r.reasons) {
        blocked = blocked || reason.blocks_payment;
        std::string line = "· " + reason.label_zh + "：" + reason.why_zh;
        if (!reason.other_records.empty()) {
            line += "（相关记录：";
            for (std::size_t i = 0; i < reason.other_records.size(); ++i) line += (i ? "、" : "") + reason.other_records[i];
            line += "）";
        }
        wrapped_text(line, reason.blocks_payment ? colors::kError : ImGui::GetColorU32(ImGuiCol_Text));
    }
    if (r.decision) {
        const auto& d = *r.decision;
        wrapped_text("审核：" + std::string(d.payable ? "可支付" : "不予支付") + "，理由：" + d.reason + "（" + d.decided_by +
                         "，" + minute_text(d.decided_at) + "）" + (r.decisions > 1 ? "；共审核 " + std::to_string(r.decisions) + " 次，每次记入审计日志" : ""),
                     colors::kMuted);
        tag("verw.phys.decision");
        // The earlier decisions (the reply lists every one, newest first: the first is the one above).
        for (std::size_t i = 1; i < r.decision_history.size(); ++i) {
            const auto& h = r.decision_history[i];
            wrapped_text("此前审核：" + std::string(h.payable ? "可支付" : "不予支付") + "，理由：" + h.reason + "（" +
                             h.decided_by + "，" + minute_text(h.decided_at) + "）",
                         colors::kMuted);
            tag_text("verw.phys.history." + std::to_string(i), h.reason);
        }
    } else if (!blocked) {
        muted("尚未审核");
    }
    for (const auto& a : r.answers) wrapped_text("机构说明：" + a.text + "（" + a.answered_by + "，" + minute_text(a.answered_at) + "）", colors::kMuted);

    const bool decide = may_p(s, Permission::DecideVerification);
    const bool answer = may_p(s, Permission::AnswerFlags);
    if (decide && blocked) {
        muted("死亡后服务、重复记录无论审核结果如何都不予结算，无需审核");
    } else if (decide || answer) {
        std::string text = p.reason;
        ImGui::SetNextItemWidth(fit_w(em(26)));
        a11y::name_next(decide ? "审核理由" : "说明");
        if (ImGui::InputTextWithHint("##verw.phys.reason", decide ? "审核理由（必填，记入审计）" : "向核查人员说明（必填）", &text))
            push(out, VerPhysEdit{text});
        tag("verw.phys.reason");
        ImGui::BeginDisabled(p.busy);
        if (decide) {
            flow(button_w("可支付"));
            if (primary_button("可支付")) push(out, VerPhysDecide{true});
            tag("verw.phys.payable");
            flow(button_w("不予支付"));
            if (ImGui::Button("不予支付")) push(out, VerPhysDecide{false});
            tag("verw.phys.not_payable");
        } else {
            flow(button_w("提交说明"));
            if (primary_button("提交说明")) push(out, VerPhysAnswer{});
            tag("verw.phys.answer");
        }
        ImGui::EndDisabled();
    }
    if (!p.form_error.empty()) {
        wrapped_text(p.form_error, colors::kError);
        tag_text("verw.phys.form_error", p.form_error);
    }
    // A record just opened below the list: scrolled into view (its buttons would be under the fold at 800 px).
    static std::string shown;
    if (shown != r.record_no) {
        ImGui::SetScrollHereY(1.0f);
        shown = r.record_no;
    }
}

void draw_physical(const AppState& s, Intents& out) {
    const VerPhysicalState& p = s.verification.work.physical;
    if (p.loading && !p.report) muted("正在计算…");
    if (!p.error.empty()) {
        wrapped_text(p.error, colors::kError);
        tag_text("verw.phys.error", p.error);
    }
    if (!p.report) return;
    const wire::PhysicalServiceReport& r = *p.report;
    section("实体服务数量　" + r.quarter_label_zh + " · " + (r.town_name.empty() ? std::string("全区") : r.town_name) +
                (p.own ? "（本机构的记录）" : ""),
            "verw.phys.title");
    const float line_h = ImGui::GetTextLineHeight();
    if (ImGui::BeginTable("verw.phys.months", 6, kTableFlags | ImGuiTableFlags_BordersInnerV,
                          ImVec2(0, fit_table_height(r.months.size() + 1, line_h, table_inner_width(40))),
                          table_inner_width(40))) {
        const char* cols[] = {"月份", "服务人次", "单价（元）", "服务费（元）", "可支付人次", "可支付金额（元）"};
        for (const char* c : cols) ImGui::TableSetupColumn(c, ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        a11y::table("实体服务数量", {cols, cols + 6});
        const auto row = [&](const std::vector<std::string>& cells, const std::string& id) {
            a11y::row(cells);
            ImGui::TableNextRow();
            for (std::size_t i = 0; i < cells.size(); ++i) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(cells[i].c_str());
                if (i == 1) tag_text(id, cells[i]);
            }
        };
        for (const auto& m : r.months) {
            row({m.label_zh, std::to_string(m.records), yuan(m.unit_fee_fen), yuan(m.fee_fen), std::to_string(m.payable),
                 yuan(m.payable_fee_fen)},
                "verw.phys.month." + m.month);
        }
        row({"合计", std::to_string(r.records), "", yuan(r.fee_fen), std::to_string(r.payable), yuan(r.payable_fee_fen)},
            "verw.phys.month.sum");
        ImGui::EndTable();
    }
    const std::string figures = "疑点记录 " + std::to_string(r.flagged) + " 条：待审核 " + std::to_string(r.pending) + "（" +
                                yuan(r.pending_fee_fen) + " 元），审核后结算 " + std::to_string(r.decided_payable) +
                                "，审核后不予结算 " + std::to_string(r.decided_not_payable) + "，不予结算（死亡后、重复） " +
                                std::to_string(r.not_payable) + "（" + yuan(r.not_payable_fee_fen) + " 元）";
    wrapped_text(figures, ImGui::GetColorU32(ImGuiCol_Text));
    tag_text("verw.phys.figures", figures);

    // filters
    ImGui::Spacing();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("疑点原因");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fit_w(em(9)));
    if (ImGui::BeginCombo("##verw.phys.flag", physical_flag_label(p.flag))) {
        for (const char* f : kFlags) {
            if (ImGui::Selectable(physical_flag_label(f), p.flag == f)) push(out, VerPhysFilter{f, p.status, 1});
            tag(std::string("verw.phys.flag.") + (*f ? f : "all"));
        }
        ImGui::EndCombo();
    }
    tag("verw.phys.flag");
    ImGui::SetNextItemWidth(flow(em(9)));
    if (ImGui::BeginCombo("##verw.phys.status", physical_status_label(p.status))) {
        for (const char* st : kStatuses) {
            if (ImGui::Selectable(physical_status_label(st), p.status == st)) push(out, VerPhysFilter{p.flag, st, 1});
            tag(std::string("verw.phys.status.") + (*st ? st : "all"));
        }
        ImGui::EndCombo();
    }
    tag("verw.phys.status");

    if (r.items.empty()) {
        muted(r.flagged == 0 ? "本季度没有疑点记录" : "没有符合条件的疑点记录");
    } else {
        const float row_h = ImGui::GetFrameHeight();
        const float inner = table_inner_width(52);
        if (ImGui::BeginTable("verw.phys.items", 7, kTableFlags, ImVec2(0, fit_table_height(r.items.size(), row_h, inner)),
                              inner)) {
            const char* cols[] = {"记录号", "服务对象", "服务时间", "服务项目 / 人员", "疑点原因", "状态", "审核 / 说明"};
            const float weights[] = {1.0f, 1.0f, 1.5f, 1.4f, 1.8f, 1.0f, 1.0f};
            for (int i = 0; i < 7; ++i) ImGui::TableSetupColumn(cols[i], ImGuiTableColumnFlags_WidthStretch, weights[i]);
            ImGui::TableHeadersRow();
            a11y::table("疑点记录", {cols, cols + 7});
            for (std::size_t i = 0; i < r.items.size(); ++i) {
                const auto& it = r.items[i];
                std::string why;
                for (std::size_t k = 0; k < it.reasons.size(); ++k) why += (k ? "、" : "") + it.reasons[k].label_zh;
                const std::string when = it.day + " " + it.start + "–" + it.end;
                const std::string decided = it.decision ? (it.decision->payable ? "可支付" : "不予支付") : "—";
                const std::string notes = decided + (it.answers.empty() ? "" : "，说明 " + std::to_string(it.answers.size()));
                a11y::row({it.record_no, it.name, when, it.item + " / " + it.caregiver, why, it.status_label_zh, notes});
                ImGui::PushID(static_cast<int>(i));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                if (ImGui::Selectable(it.record_no.c_str(), p.selected == it.record_no,
                                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                    push(out, VerPhysSelect{p.selected == it.record_no ? "" : it.record_no});
                tag("verw.phys.row." + std::to_string(i));
                tag_text("verw.phys.row." + std::to_string(i), it.record_no + " " + it.status);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(it.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(when.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted((it.item + " / " + it.caregiver).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(why.c_str());
                ImGui::TableNextColumn();
                colored_text(it.status_label_zh, it.status == "pending" ? colors::kAccent
                                                 : it.status == "decided_payable" ? colors::kSuccess : colors::kError);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(notes.c_str());
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        tag("verw.phys.items");
        const std::int64_t pages = std::max<std::int64_t>(1, (r.flagged_total + r.page_size - 1) / std::max(1, r.page_size));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(("共 " + std::to_string(r.flagged_total) + " 条，第 " + std::to_string(r.page) + " / " +
                                std::to_string(pages) + " 页")
                                   .c_str());
        if (pages > 1) {
            if (const auto asked = pager_buttons("verw.phys", r.page, pages, false))
                push(out, VerPhysFilter{p.flag, p.status, static_cast<int>(asked)});
        }
    }
    for (const auto& it : r.items)
        if (it.record_no == p.selected) physical_detail(s, it, out);
    if (!p.message.empty()) {
        wrapped_text(p.message, colors::kSuccess);
        tag_text("verw.phys.message", p.message);
    }
}

// ---- 死亡核查 ---------------------------------------------------------------------------------------------------

void death_drill(const AppState& s, Intents& out) {
    const VerDeathsState& d = s.verification.work.deaths;
    if (d.drill_count.empty()) return;
    ImGui::Spacing();
    ImGui::Separator();
    std::string title = std::string(death_count_label(d.drill_count)) + " 名单";
    if (d.drill) title += "（共 " + std::to_string(d.drill->people_total) + " 人）";
    flow_text(title, true);
    tag("verw.deaths.drill.title");
    flow(button_w("关闭名单"));
    if (ImGui::Button("关闭名单##deaths")) push(out, VerDeathsDrill{"", 1});
    if (!d.drill_error.empty()) {
        wrapped_text(d.drill_error, colors::kError);
        return;
    }
    if (!d.drill) {
        muted("正在加载…");
        return;
    }
    if (d.drill->masked) muted("姓名、身份证号和电话已按权限脱敏");
    const auto& people = d.drill->people;
    if (people.empty()) {
        muted("没有人");
        return;
    }
    const bool contact = may_p(s, Permission::DecideVerification) && !d.drill->masked;
    const float inner = table_inner_width(62);
    if (ImGui::BeginTable("verw.deaths.people", 8, kTableFlags,
                          ImVec2(0, fit_table_height(people.size(), ImGui::GetFrameHeight(), inner)), inner)) {
        const char* cols[] = {"姓名", "身份证号", "电话", "死亡日期", "拆机日期", "计费月份 / 应追回", "联系家属", ""};
        const float weights[] = {0.8f, 1.7f, 1.1f, 1.0f, 1.0f, 1.5f, 1.6f, 0.9f};
        for (int i = 0; i < 8; ++i) ImGui::TableSetupColumn(cols[i], ImGuiTableColumnFlags_WidthStretch, weights[i]);
        ImGui::TableHeadersRow();
        a11y::table(title, {cols, cols + 7});
        for (std::size_t i = 0; i < people.size(); ++i) {
            const auto& p = people[i];
            std::string billed;
            for (std::size_t k = 0; k < p.billed_months.size(); ++k) billed += (k ? "、" : "") + p.billed_months[k];
            if (p.to_recover_fen > 0) billed += "（" + yuan(p.to_recover_fen) + " 元）";
            if (billed.empty()) billed = "—";
            const std::string step = p.contact ? p.contact->outcome_label_zh + " " + p.contact->day : "未联系";
            a11y::row({p.name, p.id_number, p.phone, p.died, p.removed.value_or("—"), billed, step});
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(p.name.c_str());
            tag("verw.deaths.person." + std::to_string(i));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.id_number.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.phone.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.died.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.removed.value_or("—").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(billed.c_str());
            ImGui::TableNextColumn();
            colored_text(step, p.contact ? colors::kSuccess : colors::kMuted);
            tag_text("verw.deaths.person." + std::to_string(i) + ".contact", step);
            ImGui::TableNextColumn();
            if (contact && ImGui::SmallButton("联系家属")) push(out, VerDeathsContactOpen{p.id_number});
            tag("verw.deaths.person." + std::to_string(i) + ".contact_open");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    const std::int64_t pages = std::max<std::int64_t>(1, (d.drill->people_total + 19) / 20);
    if (pages > 1) {
        if (const auto asked = pager_buttons("verw.deaths", d.drill_page, pages, false))
            push(out, VerDeathsDrill{d.drill_count, static_cast<int>(asked)});
    }
    // The family-contact step of the person chosen.
    if (!d.contact_id.empty()) {
        ImGui::Spacing();
        flow_text("联系家属：" + d.contact_id, true);
        tag("verw.deaths.contact");
        std::string outcome = d.contact_outcome, day = d.contact_day, note = d.contact_note;
        bool changed = false;
        if (ImGui::RadioButton("确认死亡", outcome == "confirmed_dead")) outcome = "confirmed_dead", changed = true;
        tag("verw.deaths.contact.dead");
        ImGui::SameLine();
        if (ImGui::RadioButton("号码继续使用、自行缴费", outcome == "number_kept_self_paid"))
            outcome = "number_kept_self_paid", changed = true;
        tag("verw.deaths.contact.kept");
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("联系日期");
        ImGui::SameLine();
        if (date_field("verw.deaths.contact.day", day, s.today, "2026-12-04", fit_w(em(10)))) changed = true;
        ImGui::SetNextItemWidth(flow(em(18)));
        a11y::name_next("备注");
        if (ImGui::InputTextWithHint("##verw.deaths.contact.note", "备注（选填）", &note)) changed = true;
        if (changed) push(out, VerDeathsContactEdit{outcome, day, note});
        ImGui::BeginDisabled(d.busy);
        flow(button_w("保存"));
        if (primary_button("保存##contact")) push(out, VerDeathsContactSave{});
        tag("verw.deaths.contact.save");
        ImGui::EndDisabled();
        flow(button_w("取消"));
        if (ImGui::Button("取消##contact")) push(out, VerDeathsContactOpen{""});
    }
}

void draw_deaths(const AppState& s, Intents& out) {
    const VerDeathsState& d = s.verification.work.deaths;
    if (d.loading && !d.report) muted("正在计算…");
    if (!d.error.empty()) {
        wrapped_text(d.error, colors::kError);
        tag_text("verw.deaths.error", d.error);
    }
    if (!d.report) return;
    const wire::DeathsReport& r = *d.report;
    section("死亡服务对象核查　" + r.quarter_label_zh + " · " + (r.town_name.empty() ? std::string("全区") : r.town_name),
            "verw.deaths.title");
    if (!r.window_note_zh.empty()) muted(r.window_note_zh);
    muted("死亡期间 " + r.window_from + " 至 " + r.window_to + "，自 " + r.due_month + " 起不应再计费；单价 " +
          yuan(r.unit_fee_fen) + " 元/人/月");
    struct Fig {
        const char* count;
        std::int64_t value;
        std::string extra;
    };
    const std::vector<Fig> figs = {
        {"matched", r.matched, "台账与火化名单按身份证号比对"},
        {"already_removed", r.already_removed, "死亡前已拆机"},
        {"to_deduct", r.to_deduct, "本季度应核减"},
        {"deducted", r.deducted, ""},
        {"not_deducted", r.not_deducted, ""},
        {"still_billed", r.still_billed, "应追回 " + yuan(r.to_recover_fen) + " 元"},
        {"next_quarter", r.next_quarter, "已联系家属 " + std::to_string(r.contacted) + " 人"},
    };
    const float inner = table_inner_width(36);
    if (ImGui::BeginTable("verw.deaths.figures", 3, kTableFlags | ImGuiTableFlags_BordersInnerV,
                          ImVec2(0, fit_table_height(figs.size(), ImGui::GetTextLineHeight(), inner)), inner)) {
        ImGui::TableSetupColumn("项目", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("人数", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("说明", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableHeadersRow();
        a11y::table("死亡服务对象核查", {"项目", "人数", "说明"});
        for (const Fig& f : figs) {
            a11y::row({death_count_label(f.count), std::to_string(f.value), f.extra});
            ImGui::PushID(f.count);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(death_count_label(f.count));
            ImGui::TableNextColumn();
            const std::string text = std::to_string(f.value);
            if (f.value > 0) {
                if (ImGui::SmallButton(text.c_str())) push(out, VerDeathsDrill{f.count, 1});
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("查看名单");
            } else {
                ImGui::TextUnformatted(text.c_str());
            }
            tag(std::string("verw.deaths.") + f.count);
            tag_text(std::string("verw.deaths.") + f.count, text);
            ImGui::TableNextColumn();
            colored_text(f.extra, std::string(f.count) == "still_billed" && f.value > 0 ? colors::kError : colors::kMuted);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Name mismatches: not counted until someone confirms they are one person.
    if (!r.name_mismatches.empty()) {
        section("姓名不一致，待确认同一人（" + std::to_string(r.name_mismatches.size()) + "）", "verw.deaths.mismatch.title");
        const bool confirm = may_p(s, Permission::DecideVerification);
        const float in2 = table_inner_width(40);
        if (ImGui::BeginTable("verw.deaths.mismatches", 5, kTableFlags,
                              ImVec2(0, fit_table_height(r.name_mismatches.size(), ImGui::GetFrameHeight(), in2)), in2)) {
            const char* cols[] = {"身份证号", "台账姓名", "火化名单姓名", "死亡日期", ""};
            for (const char* c : cols) ImGui::TableSetupColumn(c, ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < r.name_mismatches.size(); ++i) {
                const auto& m = r.name_mismatches[i];
                ImGui::PushID(static_cast<int>(i));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(m.id_number.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.subscriber_name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.cremation_name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(m.died.c_str());
                ImGui::TableNextColumn();
                if (confirm && ImGui::SmallButton("确认同一人")) push(out, VerDeathsSameOpen{m.id_number});
                tag("verw.deaths.mismatch." + std::to_string(i));
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        if (!d.same_id.empty()) {
            std::string reason = d.same_reason;
            ImGui::SetNextItemWidth(fit_w(em(24)));
            a11y::name_next("确认理由");
            if (ImGui::InputTextWithHint("##verw.deaths.same.reason", "理由，如：已核对户籍，曾用名", &reason))
                push(out, VerDeathsSameEdit{reason});
            ImGui::BeginDisabled(d.busy);
            flow(button_w("确认同一人"));
            if (primary_button("确认同一人##save")) push(out, VerDeathsSameSave{});
            tag("verw.deaths.same.save");
            ImGui::EndDisabled();
            flow(button_w("取消"));
            if (ImGui::Button("取消##same")) push(out, VerDeathsSameOpen{""});
        }
    }
    if (!d.form_error.empty()) {
        wrapped_text(d.form_error, colors::kError);
        tag_text("verw.deaths.form_error", d.form_error);
    }
    if (!d.message.empty()) wrapped_text(d.message, colors::kSuccess);
    death_drill(s, out);
}

// ---- 回访 -------------------------------------------------------------------------------------------------------

// The digit keys of the 回访 tab: not while a text field has the keyboard, a popup or a confirmation is open.
void call_keys_pressed(const AppState& s, Intents& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || s.nav.confirm) return;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    for (int d = 1; d <= 9; ++d) {
        if (ImGui::IsKeyPressed(GLFW_KEY_0 + d, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_0 + d, false)) {
            push(out, VerCallKey{d});
            return;
        }
    }
    if (s.verification.work.calls.step != CallStep::Outcome && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))
        push(out, VerCallKey{0});
}

void draw_form(const AppState& s, Intents& out) {
    const VerCallsState& c = s.verification.work.calls;
    if (!c.draw_open) return;
    ImGui::Spacing();
    std::string day = c.draw_date, seed = c.seed, reason = c.reason;
    bool by_town = c.by_town, changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("抽样日期");
    ImGui::SameLine();
    if (date_field("verw.draw.date", day, s.today, "2026-12-04", fit_w(em(10)))) changed = true;
    ImGui::SetNextItemWidth(flow(em(10)));
    a11y::name_next("种子");
    if (ImGui::InputTextWithHint("##verw.draw.seed", "种子（留空自动生成）", &seed)) changed = true;
    tag("verw.draw.seed");
    flow(em(6));
    if (ImGui::Checkbox("按镇街分层", &by_town)) changed = true;
    if (c.list) {
        ImGui::SetNextItemWidth(flow(em(20)));
        a11y::name_next("重新抽样原因");
        if (ImGui::InputTextWithHint("##verw.draw.reason", "重新抽样的原因（必填，2–200 字）", &reason)) changed = true;
        tag("verw.draw.reason");
    }
    if (changed) push(out, VerDrawEdit{day, seed, reason, by_town});
    ImGui::BeginDisabled(c.busy);
    const char* go = c.list ? "确认重新抽样" : "确认抽样";
    flow(button_w(go));
    if (primary_button(go)) push(out, VerDrawSave{});
    tag("verw.draw.save");
    ImGui::EndDisabled();
    flow(button_w("取消"));
    if (ImGui::Button("取消##draw")) push(out, VerDrawOpen{false});
    if (!c.draw_error.empty()) {
        wrapped_text(c.draw_error, colors::kError);
        tag_text("verw.draw.error", c.draw_error);
    }
}

void draw_calls(const AppState& s, Intents& out) {
    const VerCallsState& c = s.verification.work.calls;
    const bool supervisor = may_p(s, Permission::DecideVerification);
    if (supervisor) {
        const char* label = c.list ? "重新抽样…" : "抽样…";
        flow(button_w(label));
        if (ImGui::Button(label)) push(out, VerDrawOpen{true});
        tag("verw.draw.open");
    }
    draw_form(s, out);
    if (c.loading && !c.list) muted("正在加载…");
    if (!c.error.empty()) {
        wrapped_text(c.error, c.no_draw ? colors::kMuted : colors::kError);
        tag_text("verw.calls.error", c.error);
    }
    if (!c.list) return;
    const wire::SampleDetail& d = *c.list;
    const auto& dr = d.draw;
    section("回访抽样 " + std::to_string(dr.id) + "：抽样日期 " + dr.draw_date + "，抽样框 " + std::to_string(dr.frame_size) +
                " 人，样本 " + std::to_string(dr.size) + " 人（" + dr.share + "），种子 " + dr.seed +
                (dr.by_town ? "，按镇街分层" : "") + (dr.replacements ? "，替补 " + std::to_string(dr.replacements) + " 人" : ""),
            "verw.calls.draw");
    if (!dr.reason.empty()) muted("重新抽样原因：" + dr.reason + "（" + dr.drawn_by + "）");
    if (supervisor && c.draws.size() > 1) muted("本季度共抽样 " + std::to_string(c.draws.size()) + " 次，以最新一次为准");
    if (c.figures) {
        const auto& f = *c.figures;
        std::string line = "回访进度：样本 " + std::to_string(f.sample) + "，未回访 " + std::to_string(f.not_called);
        for (const auto& o : f.outcomes)
            if (o.count > 0) line += "，" + o.outcome + " " + std::to_string(o.count);
        wrapped_text(line, ImGui::GetColorU32(ImGuiCol_Text));
        tag_text("verw.calls.figures", line);
    }

    call_keys_pressed(s, out);
    // The selected subject and the keys.
    const wire::SampleSubject* sel = nullptr;
    for (const auto& x : d.subjects)
        if (x.no == c.selected) sel = &x;
    ImGui::Spacing();
    ImGui::Separator();
    if (!sel) {
        muted(c.selected == 0 ? "名单中的对象均已回访或替换" : "请选择回访对象");
    } else {
        const auto rev = c.revealed.find(sel->elder_id);
        const std::string phone = rev != c.revealed.end() ? rev->second : sel->phone;
        flow_text("当前对象：序号 " + std::to_string(sel->no) + "　" + sel->name + "　电话 " + phone + "　" + sel->town +
                      (sel->last_outcome.empty() ? "" : "　上次：" + sel->last_outcome),
                  true);
        tag("verw.calls.current");
        tag_text("verw.calls.current", std::to_string(sel->no));
        if (d.masked && rev == c.revealed.end() && sel->elder_id != 0) {
            flow(button_w("查看号码"));
            if (ImGui::Button("查看号码")) push(out, VerRevealOpen{sel->no});
            tag("verw.calls.reveal");
        }
        if (c.reveal_no == sel->no) {
            std::string reason = c.reveal_reason;
            ImGui::SetNextItemWidth(fit_w(em(18)));
            a11y::name_next("查看原因");
            if (ImGui::InputTextWithHint("##verw.reveal.reason", "查看原因（记入审计日志）", &reason))
                push(out, VerRevealEdit{reason});
            flow(button_w("查看"));
            if (primary_button("查看##reveal")) push(out, VerRevealSave{});
            flow(button_w("取消"));
            if (ImGui::Button("取消##reveal")) push(out, VerRevealOpen{0});
            if (!c.reveal_error.empty()) wrapped_text(c.reveal_error, colors::kError);
        }
        // One button per key, the key on it; the keys themselves do the same.
        ImGui::BeginDisabled(c.busy);
        if (c.step == CallStep::Outcome) {
            muted("按数字键登记结果（输入框中无效）：");
            for (const CallKey& k : call_keys()) {
                const std::string label = std::to_string(k.digit) + " " + k.label;
                flow(button_w(label.c_str()));
                if (ImGui::Button(label.c_str())) push(out, VerCallKey{k.digit});
                tag("verw.calls.key." + std::to_string(k.digit));
            }
            flow(button_w("替换"));
            if (ImGui::Button("替换")) push(out, VerCallsReplace{});
            tag("verw.calls.replace");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("号码无法接通：由同层下一位对象替补（记入审计日志）");
        } else {
            std::string so_far = "接通";
            if (!c.overall.empty()) so_far += " · 总体" + c.overall;
            if (!c.package.empty()) so_far += " · 套餐" + c.package;
            muted(so_far + "　" + step_title(c.step) + "（按数字键，Esc 返回上一步）：");
            tag_text("verw.calls.step", step_title(c.step));
            const auto& choices = step_choices(c.step);
            for (std::size_t i = 0; i < choices.size(); ++i) {
                const std::string label = std::to_string(i + 1) + " " + choices[i];
                flow(button_w(label.c_str()));
                if (ImGui::Button(label.c_str())) push(out, VerCallKey{static_cast<int>(i) + 1});
                tag("verw.calls.answer." + std::to_string(i + 1));
            }
            flow(button_w("Esc 返回"));
            if (ImGui::Button("Esc 返回")) push(out, VerCallKey{0});
        }
        ImGui::EndDisabled();
    }
    if (!c.call_error.empty()) {
        wrapped_text(c.call_error, colors::kError);
        tag_text("verw.calls.call_error", c.call_error);
    }
    if (!c.message.empty()) {
        wrapped_text(c.message, colors::kSuccess);
        tag_text("verw.calls.message", c.message);
    }

    // The call list.
    ImGui::Spacing();
    const float inner = table_inner_width(52);
    if (ImGui::BeginTable("verw.calls.list", 7, kTableFlags,
                          ImVec2(0, fit_table_height(d.subjects.size(), ImGui::GetTextLineHeight(), inner)), inner)) {
        const char* cols[] = {"序号", "姓名", "身份证号", "电话", "镇街", "回访结果", "替补"};
        const float weights[] = {0.5f, 0.8f, 1.7f, 1.2f, 1.0f, 1.2f, 1.0f};
        for (int i = 0; i < 7; ++i) ImGui::TableSetupColumn(cols[i], ImGuiTableColumnFlags_WidthStretch, weights[i]);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        a11y::table("回访名单", {cols, cols + 7});
        for (std::size_t i = 0; i < d.subjects.size(); ++i) {
            const auto& x = d.subjects[i];
            const auto rev = c.revealed.find(x.elder_id);
            const std::string phone = rev != c.revealed.end() ? rev->second : x.phone;
            const std::string result = x.last_outcome.empty() ? "未回访" : x.last_outcome + "（" + std::to_string(x.calls) + " 次）";
            const std::string repl = x.replaced_by ? "由 " + std::to_string(x.replaced_by) + " 替补"
                                     : x.replaces ? "替补 " + std::to_string(x.replaces) : "";
            a11y::row({std::to_string(x.no), x.name, x.id_number, phone, x.town, result, repl});
            ImGui::PushID(static_cast<int>(x.no));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable(std::to_string(x.no).c_str(), x.no == c.selected,
                                  ImGuiSelectableFlags_SpanAllColumns))
                push(out, VerCallsSelect{x.no});
            tag("verw.calls.row." + std::to_string(x.no));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(x.name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(x.id_number.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(phone.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(x.town.c_str());
            ImGui::TableNextColumn();
            colored_text(result, x.last_outcome.empty() ? colors::kMuted
                                 : x.last_outcome == "接通" ? colors::kSuccess : ImGui::GetColorU32(ImGuiCol_Text));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(repl.c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    tag("verw.calls.list");
    const std::int64_t pages = std::max<std::int64_t>(1, (d.subjects_total + d.page_size - 1) / std::max(1, d.page_size));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(("共 " + std::to_string(d.subjects_total) + " 人" + (d.masked ? "，电话已脱敏" : "")).c_str());
    if (pages > 1) {
        if (const auto asked = pager_buttons("verw.calls", d.page, pages, false)) push(out, VerCallsPage{static_cast<int>(asked)});
    }
}

}  // namespace

float fit_table_height(std::size_t rows, float row_h, float inner_w) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float header = ImGui::GetTextLineHeight() + st.CellPadding.y * 2;
    const float body = static_cast<float>(rows) * (row_h + st.CellPadding.y * 2);
    const bool scroll_x = inner_w > ImGui::GetContentRegionAvail().x + 0.5f;
    return header + body + 2.0f + (scroll_x ? st.ScrollbarSize : 0.0f);   // 2: the outer borders
}

bool draw_verification_work_tabs(const AppState& s, Intents& out, bool beside) {
    const VerTab tab = s.verification.tab;
    const bool read = may_p(s, Permission::ReadVerification);
    const struct {
        VerTab tab;
        const char* label;
        const char* id;
        bool shown;
    } tabs[] = {{VerTab::Physical, "实体服务", "ver.tab.physical", read || may_p(s, Permission::AnswerFlags)},
                {VerTab::Deaths, "死亡核查", "ver.tab.deaths", read},
                {VerTab::Calls, "回访", "ver.tab.calls", may_p(s, Permission::RecordCallbacks)}};
    for (const auto& t : tabs) {
        if (!t.shown) continue;
        if (beside) flow(button_w(t.label));
        beside = true;
        const bool clicked = t.tab == tab ? primary_button(t.label) : ImGui::Button(t.label);
        tag(t.id);
        if (clicked) out.push_back(VerificationIntent{VerSelectTab{t.tab}});
    }
    return tab == VerTab::Physical || tab == VerTab::Deaths || tab == VerTab::Calls;
}

void draw_verification_work(const AppState& s, Intents& out) {
    quarter_bar(s, out);
    switch (s.verification.tab) {
        case VerTab::Physical: draw_physical(s, out); break;
        case VerTab::Deaths: draw_deaths(s, out); break;
        case VerTab::Calls: draw_calls(s, out); break;
        default: break;
    }
}

}  // namespace yiyang::client::ui
