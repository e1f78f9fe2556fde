// 结算 (app/settlement_state.hpp): the month picker; the month's providers (draft payable, signed statement and its
// supplement number, open objections, or why not yet); below, one provider's statement — its lines (count × unit =
// amount; a click lists the people behind the line), the steps (fees → grade → faked → deductions → payable), the
// payable amount and its 大写 — with 签署 (the draft), 下载 PDF / XLSX, 补充结算单 with a reason, and the objections
// (申诉) with 答复 for a supervisor; a provider files an objection to its own signed statement. Figures as sent.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "platform/photos.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"
#include "yiyang/money.hpp"
#include "yiyang/money_words.hpp"

namespace yiyang::client::ui {

namespace {

std::string yuan(std::int64_t fen) { return format_yuan(fen) + " 元"; }

void push(Intents& out, SettlementIntent i) { out.push_back(std::move(i)); }

const char* state_label(const wire::SettlementMonthRow& r) {
    if (r.state == "signed") return "已签署";
    if (r.state == "draft") return "待签署";
    return "暂不能结算";
}

void month_bar(const AppState& s, Intents& out) {
    const SettlementState& S = s.settlement;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("结算月份");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(7));
    if (ImGui::BeginCombo("##settlement.month", S.month.c_str())) {
        for (const std::string& m : settlement_month_choices(s.today)) {
            if (ImGui::Selectable(m.c_str(), m == S.month)) push(out, SettlementMonth{m});
            tag("settlement.month." + m);
        }
        ImGui::EndCombo();
    }
    tag("settlement.month");
    if (S.list) flow_text(S.list->month_label_zh + (S.list->month_over ? "" : "（尚未结束，不能结算）"));
    if (S.loading) flow_text("正在加载…");
}

void provider_table(const AppState& s, Intents& out) {
    const SettlementState& S = s.settlement;
    if (!S.error.empty()) {
        wrapped_text(S.error, colors::kError);
        tag_text("settlement.error", S.error);
        return;
    }
    if (!S.list) return;
    if (S.list->rows.empty()) {
        muted(s.user && s.user->role == Role::Provider ? "本月没有已签署的结算单" : "没有服务机构");
        return;
    }
    const float row_h = ImGui::GetFrameHeight() + px(4);
    const float h = std::min(row_h * (static_cast<float>(S.list->rows.size()) + 1.5f), ImGui::GetContentRegionAvail().y * 0.4f);
    // The 说明 column wraps inside the pane (no sideways scrolling); rows scroll vertically.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("settlement.providers", 5, flags, ImVec2(0, std::max(h, row_h * 2.5f)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("服务机构", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("应付（元）", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("补充结算单 / 申诉", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("说明", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableHeadersRow();
    for (const auto& r : S.list->rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool open = S.provider_id == r.provider_id;
        const std::string label = r.provider_name + "##settlement.row." + std::to_string(r.provider_id);
        if (ImGui::Selectable(label.c_str(), open, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap) &&
            r.state != "blocked")
            push(out, SettlementOpen{r.provider_id, r.statement_id.value_or(0)});
        tag("settlement.row." + std::to_string(r.provider_id));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(state_label(r));
        ImGui::TableNextColumn();
        if (r.state == "signed") ImGui::TextUnformatted(format_yuan(r.payable_fen).c_str());
        else if (r.draft_payable_fen) colored_text(format_yuan(*r.draft_payable_fen) + "（草稿）", colors::kMuted);
        else ImGui::TextUnformatted("—");
        ImGui::TableNextColumn();
        std::string extra;
        if (r.supplement_no > 0) extra = "第" + std::to_string(r.supplement_no) + "号补充";
        if (r.open_objections > 0) extra += (extra.empty() ? "" : "，") + std::to_string(r.open_objections) + " 件待答复";
        ImGui::TextUnformatted(extra.empty() ? "—" : extra.c_str());
        ImGui::TableNextColumn();
        if (!r.problem_zh.empty()) wrapped_text(r.problem_zh, colors::kMuted, ImGui::GetContentRegionAvail().x);
    }
    ImGui::EndTable();
}

// Under a line's people: what caused it, one click away (issue 11's chain) — the order (a faked subject found by a
// callback; a record number has no page of its own and stays text) and, for a faked subject, the assessment month
// that counted it under 服务不真实.
void line_source_links(const wire::SettlementStatementView& st, const wire::SettlementLineView& l, Intents& out) {
    if (const auto code = order_code_of(l.source.ref)) {
        if (ImGui::SmallButton(("工单 " + *code + "##settlement.source").c_str())) out.push_back(NavIntent{NavOpen{order_link(*code)}});
        tag("settlement.source.order");
        ImGui::SameLine();
    }
    if (l.kind == "faked") {
        if (ImGui::SmallButton("考核「服务不真实」##settlement.source"))
            out.push_back(NavIntent{NavOpen{assessment_link(st.provider_id, st.month)}});
        tag("settlement.source.assessment");
    }
}

void lines_table(const SettlementState& S, const wire::SettlementStatementView& st, Intents& out) {
    // No scrolling: the table takes its rows' height, the steps and objections follow below it.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("settlement.lines", 5, flags)) return;
    ImGui::TableSetupColumn("项目", ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn("数量", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("单价（元）", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("金额（元）", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("说明 / 名单", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableHeadersRow();
    for (const auto& l : st.lines) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string label = l.label_zh + "##settlement.line." + l.code;
        if (ImGui::Selectable(label.c_str(), S.drill_line == l.code,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
            push(out, SettlementDrill{l.code});
        tag("settlement.line." + l.code);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::to_string(l.count).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l.unit_fee_fen ? format_yuan(l.unit_fee_fen).c_str() : "—");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_yuan(l.amount_fen).c_str());
        ImGui::TableNextColumn();
        std::string note = l.note_zh;
        if (!l.source.subject_ids.empty()) note += (note.empty() ? "" : "；") + std::to_string(l.source.subject_ids.size()) + " 人（点击查看）";
        wrapped_text(note.empty() ? "—" : note, colors::kMuted, ImGui::GetContentRegionAvail().x);
        if (S.drill_line == l.code) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            const auto people = line_people(S, l);
            std::string text;
            for (const auto& p : people) text += (text.empty() ? "" : "、") + p;
            wrapped_text(people.empty() ? "该项没有名单" : "名单：" + text, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
            tag_text("settlement.people", text);
            line_source_links(st, l, out);
        }
    }
    ImGui::EndTable();
}

void steps_block(const wire::SettlementStatementView& st) {
    std::string text;
    for (const auto& x : st.steps) text += (text.empty() ? "" : "  →  ") + x.label_zh + " " + format_yuan(x.after_fen);
    wrapped_text("计算顺序：" + text, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
    tag_text("settlement.steps", text);
    wrapped_text("考核等次：" + st.grade_label_zh + "（拨付比例 " + st.payout_text + "）；计费标准 " + st.fees_version,
                 colors::kMuted, ImGui::GetContentRegionAvail().x);
}

// An objection's evidence: order codes as links to the order, the other references as text.
void evidence_list(const wire::SettlementObjectionView& o, Intents& out) {
    if (o.evidence.empty()) return;
    ImGui::AlignTextToFramePadding();
    muted("证据：");
    for (std::size_t k = 0; k < o.evidence.size(); ++k) {
        const std::string& ref = o.evidence[k];
        const std::string id = "settlement.objection." + std::to_string(o.id) + ".evidence." + std::to_string(k);
        if (const auto code = order_code_of(ref)) {
            same_line_wrap(button_w(code->c_str()));
            ImGui::PushStyleColor(ImGuiCol_Text, colors::kAccent);
            if (ImGui::SmallButton((*code + "##" + id).c_str())) push(out, SettlementOpenEvidence{*code});
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("打开工单 %s", code->c_str());
            tag(id);
            tag_text(id, "link:" + *code);
        } else {
            same_line_wrap(ImGui::CalcTextSize(ref.c_str()).x + px(12));
            ImGui::TextUnformatted(("「" + ref + "」").c_str());
            tag_text(id, ref);
        }
    }
}

// The files behind an objection (photos, scans, PDFs): each a button that opens it in a new tab (a PDF downloads);
// the provider adds more while the objection is open.
void objection_files(const SettlementState& S, const wire::SettlementObjectionView& o) {
    const std::string id = "settlement.objection." + std::to_string(o.id);
    if (!o.files.empty()) {
        ImGui::AlignTextToFramePadding();
        muted("佐证文件：");
    }
    for (std::size_t k = 0; k < o.files.size(); ++k) {
        const auto& f = o.files[k];
        const std::string shown = (f.name.empty() ? "文件" + std::to_string(k + 1) : f.name) + "（" +
                                  std::to_string(f.size / 1024 + 1) + " KB）";
        same_line_wrap(button_w(shown.c_str()));
        ImGui::PushStyleColor(ImGuiCol_Text, colors::kAccent);
        const bool clicked = ImGui::SmallButton((shown + "##" + id + ".file." + std::to_string(k)).c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", ((f.mime == "application/pdf" ? "下载 PDF" : "在新标签页中打开") + std::string("\n上传：") +
                                     f.uploaded_by + "　" + f.uploaded_at + "\nSHA-256：" + f.sha256.substr(0, 16) + "…")
                                        .c_str());
        tag(id + ".file." + std::to_string(k));
        tag_text(id + ".file." + std::to_string(k), f.name);
        if (clicked) open_in_new_tab(f.full_url);
    }
    if (o.may_attach) {
        if (!o.files.empty()) ImGui::SameLine();
        ImGui::BeginDisabled(S.uploads_pending > 0);
        if (ImGui::SmallButton(("添加佐证文件##" + id + ".add_file").c_str())) pick_objection_files(o.id);
        ImGui::EndDisabled();
        tag(id + ".add_file");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("照片、扫描件或 PDF（JPEG、PNG、WebP、PDF，每个不超过 8 MB，最多 10 个；按文件内容核对类型）");
    }
    if (S.uploads_pending > 0) muted("正在上传 " + std::to_string(S.uploads_pending) + " 个文件…");
}

// The objection's evidence as typed: references added one by one (Enter or 添加), each a chip removed by its ×.
void evidence_form(const SettlementState& S, Intents& out) {
    std::string ref = S.evidence_input;
    ImGui::SetNextItemWidth(fit_w(em(18)));
    const bool enter = ImGui::InputTextWithHint("##settlement.evidence_input", "证据：工单号 GD…、记录编号或文件名，回车添加",
                                                &ref, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ref != S.evidence_input) push(out, SettlementEditEvidence{ref});
    tag("settlement.evidence_input");
    if (enter) {
        push(out, SettlementEditEvidence{ref});
        push(out, SettlementAddEvidence{});
        ImGui::SetKeyboardFocusHere(-1);   // stay in the field for the next reference
    }
    ImGui::SameLine();
    if (ImGui::Button("添加证据")) push(out, SettlementAddEvidence{});
    tag("settlement.evidence_add");
    ImGui::SameLine();
    muted(std::to_string(S.objection_evidence.size()) + " / " + std::to_string(kMaxObjectionEvidence));
    for (std::size_t k = 0; k < S.objection_evidence.size(); ++k) {
        const std::string chip = S.objection_evidence[k] + "  ×";
        if (k > 0) same_line_wrap(button_w(chip.c_str()));
        if (ImGui::Button((chip + "##settlement.evidence." + std::to_string(k)).c_str())) push(out, SettlementRemoveEvidence{k});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("移除这项证据");
        tag("settlement.evidence." + std::to_string(k));
        tag_text("settlement.evidence." + std::to_string(k), S.objection_evidence[k]);
    }
}

void objections_block(const AppState& s, const wire::SignedStatementView& v, Intents& out) {
    const SettlementState& S = s.settlement;
    const bool settle = s.user && may(s.user->role, Permission::Settle);
    const bool object = s.user && may(s.user->role, Permission::ObjectToSettlement);
    heading("申诉");
    muted("申诉期限：" + v.objection_deadline + (v.objection_open ? "（可申诉）" : "（已过）"));
    if (v.objections.empty()) muted("没有申诉");
    for (const auto& o : v.objections) {
        const std::string id = std::to_string(o.id);
        wrapped_text("第" + id + "号申诉　" + o.filed_by + "　" + o.filed_at + "　【" + o.status_label_zh + "】",
                     ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
        wrapped_text(o.text, ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetContentRegionAvail().x);
        tag_text("settlement.objection." + id, o.text);
        evidence_list(o, out);
        objection_files(S, o);
        if (o.status != "open") {
            wrapped_text("答复（" + o.answered_by + "，" + o.answered_at + "）：" + o.answer, colors::kMuted,
                         ImGui::GetContentRegionAvail().x);
        } else if (settle) {
            std::string text = S.answers.count(o.id) ? S.answers.at(o.id) : "";
            ImGui::SetNextItemWidth(fit_w(em(24)));
            if (ImGui::InputTextWithHint(("##settlement.answer_text." + id).c_str(), "答复内容", &text))
                push(out, SettlementEditAnswer{o.id, text});
            tag("settlement.answer_text." + id);
            ImGui::SameLine();
            if (ImGui::Button(("申诉成立##" + id).c_str())) push(out, SettlementAnswer{o.id, "upheld"});
            tag("settlement.uphold." + id);
            ImGui::SameLine();
            if (ImGui::Button(("申诉不成立##" + id).c_str())) push(out, SettlementAnswer{o.id, "rejected"});
            tag("settlement.reject." + id);
        }
    }
    if (object && v.status == "signed" && v.objection_open) {
        std::string text = S.objection_text;
        ImGui::SetNextItemWidth(fit_w(em(30)));
        if (ImGui::InputTextWithHint("##settlement.objection_text", "申诉内容（如：某人某月的服务未计入）", &text))
            push(out, SettlementEditObjection{text});
        tag("settlement.objection_text");
        evidence_form(S, out);
        if (primary_button("提交申诉")) push(out, SettlementObject{});
        tag("settlement.object");
    }
}

void detail(const AppState& s, Intents& out) {
    const SettlementState& S = s.settlement;
    if (S.provider_id == 0) {
        muted("在上表中选择一个服务机构，查看其结算单");
        return;
    }
    if (!S.detail_error.empty()) {
        wrapped_text(S.detail_error, colors::kError, ImGui::GetContentRegionAvail().x);
        tag_text("settlement.detail_error", S.detail_error);
        return;
    }
    const wire::SettlementStatementView* st = shown_statement(S);
    if (!st) {
        muted("正在加载…");
        return;
    }
    const bool settle = s.user && may(s.user->role, Permission::Settle);
    const wire::SignedStatementView* sv = S.signed_statement ? &*S.signed_statement : nullptr;
    heading((st->provider_name + " · " + st->month_label_zh + " · " + (sv ? sv->title_zh : std::string("结算单草稿"))).c_str());
    if (sv) {
        muted("签署：" + sv->signed_by + "　" + sv->signed_at + (sv->status == "superseded" ? "　【已被更正】" : "") +
              "　数字 SHA-256：" + sv->figures_sha256.substr(0, 16) + "…");
        if (!sv->reason.empty()) muted("更正原因：" + sv->reason);
    } else {
        muted("草稿：按今天的数据计算，签署后封存");
    }
    // The chain: the month's assessment (the grade and the faked subjects come from it) and the provider's year.
    if (role_has_screen(s, Screen::Assessment)) {
        if (ImGui::Button("查看考核")) out.push_back(NavIntent{NavOpen{assessment_link(st->provider_id, st->month)}});
        tag("settlement.link.assessment");
        ImGui::SameLine();
    }
    if (role_has_screen(s, Screen::Contracts)) {
        if (ImGui::Button("年度付款"))
            out.push_back(NavIntent{NavOpen{contracts_link(st->provider_id, st->month)}});
        tag("settlement.link.contracts");
    }
    if (S.busy) ImGui::BeginDisabled();
    if (!sv && settle) {
        if (primary_button("签署")) push(out, SettlementSign{});
        tag("settlement.sign");
    }
    if (sv) {
        if (ImGui::Button("下载 PDF")) push(out, SettlementDownload{"pdf"});
        tag("settlement.pdf");
        ImGui::SameLine();
        if (ImGui::Button("下载 XLSX")) push(out, SettlementDownload{"xlsx"});
        tag("settlement.xlsx");
        if (settle && sv->status == "signed") {
            std::string reason = S.reason;
            ImGui::SetNextItemWidth(flow(em(22)));
            if (ImGui::InputTextWithHint("##settlement.reason", "补充结算单的更正原因", &reason))
                push(out, SettlementEditReason{reason});
            tag("settlement.reason");
            ImGui::SameLine();
            if (ImGui::Button("开具补充结算单")) push(out, SettlementSupplement{});
            tag("settlement.supplement");
        }
    }
    if (S.busy) ImGui::EndDisabled();
    if (!S.action_error.empty()) {
        wrapped_text(S.action_error, colors::kError, ImGui::GetContentRegionAvail().x);
        tag_text("settlement.action_error", S.action_error);
    }
    const std::string payable = "应付金额：" + yuan(st->payable_fen) + "　大写：" + fen_in_capitals(st->payable_fen);
    colored_text(payable, ImGui::GetColorU32(ImGuiCol_Text));
    tag_text("settlement.payable", payable);
    if (sv) objections_block(s, *sv, out);   // open objections first: they wait for an answer
    ImGui::Separator();
    lines_table(S, *st, out);
    steps_block(*st);
    if (S.draft && !sv) {
        ImGui::Spacing();
        for (const auto& n : S.draft->notes_zh) wrapped_text(n, colors::kMuted, ImGui::GetContentRegionAvail().x);
    }
}

}  // namespace

Intents draw_settlement(const AppState& s) {
    Intents out;
    for (auto& e : take_objection_file_events()) {
        if (e.started) push(out, SettlementFilesStarted{e.order_id, e.count});
        else push(out, SettlementFileUploaded{e.order_id, e.status, std::move(e.text)});
    }
    heading("结算");
    month_bar(s, out);
    provider_table(s, out);
    ImGui::Separator();
    ImGui::BeginChild("settlement.detail", ImVec2(0, 0), false);
    detail(s, out);
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
