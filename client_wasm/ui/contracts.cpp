// 合同与年度 (app/contracts_state.hpp): the provider's contracts with the payment schedule (预付款, 尾款: due date,
// paid, overdue, withheld), the payment form (admin, supervisor), and the year: each project's months with their
// totals and grades, the annual result and its consequence. A month links to 考核 and to 结算 (by route).
#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app/routes.hpp"
#include "ui/choosers.hpp"
#include "ui/date_picker.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"
#include "yiyang/money.hpp"
#include "yiyang/money_words.hpp"

namespace yiyang::client::ui {

namespace {

std::string yuan(std::int64_t fen) { return format_yuan(fen) + " 元"; }

bool may_write(const AppState& s) { return s.user && may(s.user->role, Permission::WriteContracts); }

void header_bar(const AppState& s, const ContractsState& C, Intents& out) {
    const bool own = s.user && s.user->role == Role::Provider;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("服务机构");
    ImGui::SameLine();
    if (own) {
        const std::string name = C.year_view ? C.year_view->provider_name : "本机构";
        ImGui::TextUnformatted(name.c_str());
        tag("contracts.provider");
    } else {
        std::vector<std::string> labels;
        int selected = 0;
        for (std::size_t i = 0; i < C.providers.size(); ++i) {
            labels.push_back(C.providers[i].second);
            if (C.providers[i].first == C.provider_id) selected = static_cast<int>(i) + 1;
        }
        const std::string preview = selected > 0 ? labels[static_cast<std::size_t>(selected - 1)] : "请选择";
        const int picked = filter_combo("##contracts.provider", preview, labels, selected, nullptr, em(14), "contracts.provider");
        tag("contracts.provider");
        if (picked > 0) out.push_back(ContractsIntent{SelectContractsProvider{C.providers[static_cast<std::size_t>(picked - 1)].first}});
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("年度");
    ImGui::SameLine();
    int year = static_cast<int>(C.year);
    ImGui::SetNextItemWidth(em(3.5f) + 2 * ImGui::GetFrameHeight());   // four digits beside the − / + buttons
    if (ImGui::InputInt("##contracts.year", &year, 1, 1, ImGuiInputTextFlags_EnterReturnsTrue) || year != C.year)
        if (year >= 2000 && year <= 2100 && year != C.year) out.push_back(ContractsIntent{SetContractsYear{year}});
    tag("contracts.year");
    ImGui::SameLine();
    if (ImGui::Button("刷新")) out.push_back(ContractsIntent{ReloadContracts{}});
    tag("contracts.reload");
    if (C.loading_contracts || C.loading_year) {
        ImGui::SameLine();
        muted("加载中…");
    }
}

void contracts_table(const ContractsState& C) {
    heading("服务合同与付款计划");
    if (!C.contracts) return;
    if (C.contracts->items.empty()) {
        muted("该机构在本年度没有登记服务合同");
        tag_text("contracts.none", "没有合同");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp;
    const char* heads[] = {"合同", "款项", "金额", "应付日期", "已付", "未付", "状态"};
    if (!ImGui::BeginTable("contracts.table", 7, flags)) return;
    for (const char* h : heads) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& c : C.contracts->items) {
        bool first = true;
        for (const auto& x : c.schedule.installments) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            if (first && c.id == C.created_contract) {   // just registered: shown selected
                ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImGuiCol_Header));
                colored_text(c.contract_no + " · " + c.project_name_zh + "（新登记）", colors::kAccent);
                tag_text("contracts.created", c.contract_no);
                muted("签订 " + c.signed_on + " · 总额 " + yuan(c.total_fen));
            } else if (first) {
                ImGui::TextUnformatted((c.contract_no + " · " + c.project_name_zh).c_str());
                muted("签订 " + c.signed_on + " · 总额 " + yuan(c.total_fen));
            }
            first = false;
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(x.label_zh.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(yuan(x.amount_fen).c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(x.due_on ? x.due_on->c_str() : "—");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", x.due_rule_zh.c_str());
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(yuan(x.paid_fen).c_str());
            ImGui::TableSetColumnIndex(5);
            ImGui::TextUnformatted(yuan(x.outstanding_fen).c_str());
            ImGui::TableSetColumnIndex(6);
            const bool bad = x.status == "overdue" || x.status == "withheld";
            std::string st = x.status_label_zh;
            if (x.overdue_days > 0) st += x.status == "paid" ? "（迟付 " + std::to_string(x.overdue_days) + " 天）"
                                                              : "（" + std::to_string(x.overdue_days) + " 天）";
            colored_text(st, bad ? colors::kError : x.status == "paid" ? colors::kSuccess : colors::kMuted);
            tag_text("contracts.status." + c.contract_no + "." + x.code, x.status);
        }
    }
    ImGui::EndTable();
    tag("contracts.zone.table");
    for (const auto& c : C.contracts->items) {
        const auto& sc = c.schedule;
        std::string t = c.contract_no + "：已付 " + yuan(sc.paid_total_fen) + "，应付未付 " + yuan(sc.due_now_fen);
        if (sc.overdue_fen > 0) t += "（逾期 " + yuan(sc.overdue_fen) + "）";
        if (sc.withheld_fen > 0) t += "，不予支付 " + yuan(sc.withheld_fen);
        if (sc.next_due_on) t += "，下一笔 " + *sc.next_due_on + " 应付 " + yuan(sc.next_due_fen);
        if (!sc.consequence_zh.empty()) t += "。" + sc.consequence_zh;
        wrapped_text(t, sc.contract_ended ? colors::kError : colors::kMuted);
        tag_text("contracts.summary." + c.contract_no, t);
    }
}

// One labelled row of the 登记合同 form: the label in a fixed column, then the field (drawn by `field`), then the
// server's (or the local check's) message for each of the row's request `members` beside it.
template <class Field>
void form_row(const ContractsState& C, const char* label, std::initializer_list<const char*> members, Field field) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(em(6.5f));
    field();
    for (const char* member : members) {
        const auto it = C.form_errors.find(member);
        if (it == C.form_errors.end()) continue;
        ImGui::SameLine();
        field_error("contracts.new", member, it->second);
    }
}

void contract_form(const AppState& s, const ContractsState& C, Intents& out) {
    ImGui::Spacing();
    if (ImGui::Button(C.form_open ? "收起登记合同" : "登记合同")) out.push_back(ContractsIntent{ToggleContractForm{}});
    tag("contracts.new.toggle");
    if (!C.form_notice.empty()) {
        ImGui::SameLine();
        colored_text(C.form_notice, colors::kSuccess);
        tag_text("contracts.new.notice", C.form_notice);
    }
    if (!C.form_open) return;
    heading(("登记服务合同（" + std::to_string(C.year) + " 年度）").c_str());
    if (!C.projects) {
        muted(C.form_error.empty() ? "正在加载服务项目…" : C.form_error);
        return;
    }
    ContractForm f = C.form;
    bool changed = false;
    ImGui::BeginGroup();
    form_row(C, "服务项目", {"project_code", "provider_id"}, [&] {
        const auto pick = project_provider_chooser("contracts.new", *C.projects, f.project_code, f.provider_id);
        if (pick.project) { f.project_code = *pick.project; changed = true; }
        if (pick.provider) { f.provider_id = *pick.provider; changed = true; }
    });
    form_row(C, "合同编号", {"contract_no"}, [&] {
        ImGui::SetNextItemWidth(em(12));
        if (ImGui::InputTextWithHint("##contracts.new.no", "如 HT-2025-001", &f.contract_no)) changed = true;
        tag("contracts.new.no");
    });
    form_row(C, "签订日期", {"signed_on"}, [&] {
        if (date_field("contracts.new.signed_on", f.signed_on, s.today, "2025-01-06", em(9))) changed = true;
    });
    form_row(C, "服务期", {"period_from", "period_to"}, [&] {
        if (date_field("contracts.new.from", f.period_from, s.today, "起（默认 1 月 1 日）", em(9))) changed = true;
        ImGui::SameLine();
        ImGui::TextUnformatted("至");
        ImGui::SameLine();
        if (date_field("contracts.new.to", f.period_to, s.today, "止（默认 12 月 31 日）", em(9))) changed = true;
    });
    form_row(C, "合同金额", {"total_fen"}, [&] {
        ImGui::SetNextItemWidth(em(8));
        if (ImGui::InputTextWithHint("##contracts.new.amount", "元，如 1000000.00", &f.amount)) changed = true;
        tag("contracts.new.amount");
        // The amount as it will be sent: exact fen and 大写 (shared fen_in_capitals), before any request.
        if (const auto fen = parse_yuan(f.amount); fen && *fen > 0) {
            ImGui::SameLine();
            const std::string t = "= " + yuan(*fen) + "（" + std::to_string(*fen) + " 分）　大写：" + fen_in_capitals(*fen);
            muted(t);
            tag_text("contracts.new.amount_words", t);
        }
    });
    form_row(C, "说明", {"note"}, [&] {
        ImGui::SetNextItemWidth(fit_w(em(24)));
        if (ImGui::InputTextWithHint("##contracts.new.note", "选填，记入审计", &f.note)) changed = true;
        tag("contracts.new.note");
    });
    if (const auto it = C.form_errors.find("year"); it != C.form_errors.end()) field_error("contracts.new", "year", it->second);
    ImGui::EndGroup();
    tag("contracts.zone.form");
    if (changed) out.push_back(ContractsIntent{EditContractForm{f}});
    if (C.creating) ImGui::BeginDisabled();
    if (primary_button("保存合同")) out.push_back(ContractsIntent{CreateContract{}});
    if (C.creating) ImGui::EndDisabled();
    tag("contracts.new.submit");
    if (!C.form_error.empty()) {
        ImGui::SameLine();
        wrapped_text(C.form_error, colors::kError);
        tag_text("contracts.new.error", C.form_error);
    }
}


// The balance payment's reasons, each a link (issue 11's chain): awaiting the final assessment — the months of
// the year not yet signed; withheld — the graded months of the project the year's result comes from (the lowest),
// 不合格 first, each opening that month's assessment.
void balance_links(const ContractsState& C, Intents& out) {
    if (!C.contracts || !C.year_view) return;
    const auto& y = *C.year_view;
    for (const auto& c : C.contracts->items)
        for (const auto& x : c.schedule.installments) {
            if (x.code != "balance" || (x.status != "withheld" && x.status != "awaiting_assessment")) continue;
            const bool withheld = x.status == "withheld";
            const std::string project = withheld ? y.lowest_project_code.value_or(c.project_code) : c.project_code;
            std::vector<std::pair<std::string, std::string>> months;   // month, its label
            for (const auto& p : y.projects) {
                if (p.project_code != project) continue;
                if (!withheld) {
                    for (const auto& m : p.missing_months) months.emplace_back(m, m + " 未签署");
                    continue;
                }
                for (const auto& m : p.months)
                    if (m.status == "signed" && m.grade_code == "fail") months.emplace_back(m.month, m.month + " " + m.grade_name_zh);
                for (const auto& m : p.months)
                    if (m.status == "signed" && m.grade_code != "fail") months.emplace_back(m.month, m.month + " " + m.grade_name_zh);
            }
            const std::string lead = c.contract_no + (withheld ? " 尾款不予支付，年度考核各月：" : " 尾款待年度考核，尚未签署：");
            ImGui::AlignTextToFramePadding();
            colored_text(lead, withheld ? colors::kError : colors::kMuted);
            tag_text("contracts.balance." + c.contract_no, lead);
            for (const auto& [month, label] : months) {
                same_line_wrap(button_w(label.c_str()));
                if (ImGui::SmallButton((label + "##balance." + c.contract_no).c_str()))
                    out.push_back(ContractsIntent{OpenContractsLink{assessment_link(C.provider_id, month, project)}});
                tag("contracts.balance." + c.contract_no + "." + month);
            }
        }
}

void payment_form(const AppState& s, const ContractsState& C, Intents& out) {
    if (!C.contracts || C.contracts->items.empty()) return;
    ImGui::Spacing();
    heading("登记付款");
    std::vector<std::string> labels;
    int selected = 0;
    for (std::size_t i = 0; i < C.contracts->items.size(); ++i) {
        labels.push_back(C.contracts->items[i].contract_no);
        if (C.contracts->items[i].id == C.pay_contract) selected = static_cast<int>(i) + 1;
    }
    EditContractPayment e{C.pay_contract, C.pay_kind, C.pay_date, C.pay_amount, C.pay_note};
    bool changed = false;
    const int picked = filter_combo("##contracts.pay.contract", selected > 0 ? labels[static_cast<std::size_t>(selected - 1)] : "合同",
                                    labels, selected, nullptr, em(9), "contracts.pay.contract");
    if (picked > 0) {
        e.contract_id = C.contracts->items[static_cast<std::size_t>(picked - 1)].id;
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("预付款", e.kind == "advance")) { e.kind = "advance"; changed = true; }
    tag("contracts.pay.advance");
    ImGui::SameLine();
    if (ImGui::RadioButton("尾款", e.kind == "balance")) { e.kind = "balance"; changed = true; }
    tag("contracts.pay.balance");
    if (date_field("contracts.pay.date", e.date, s.today, "付款日期", em(9))) changed = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(6));
    if (ImGui::InputTextWithHint("##contracts.pay.amount", "金额（元）", &e.amount)) changed = true;
    tag("contracts.pay.amount");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(12));
    if (ImGui::InputTextWithHint("##contracts.pay.note", "说明（选填，记入审计）", &e.note)) changed = true;
    tag("contracts.pay.note");
    if (changed) out.push_back(ContractsIntent{e});
    ImGui::SameLine();
    if (C.paying) ImGui::BeginDisabled();
    if (primary_button("登记付款")) out.push_back(ContractsIntent{RecordContractPayment{}});
    if (C.paying) ImGui::EndDisabled();
    tag("contracts.pay.submit");
    if (!C.pay_error.empty()) {
        wrapped_text(C.pay_error, colors::kError);
        tag_text("contracts.pay.error", C.pay_error);
    }
    if (!C.pay_notice.empty()) {
        colored_text(C.pay_notice, colors::kSuccess);
        tag_text("contracts.pay.notice", C.pay_notice);
    }
}

void year_table(const ContractsState& C, Intents& out) {
    ImGui::Spacing();
    heading("年度考核");
    if (!C.year_view) return;
    const auto& y = *C.year_view;
    if (y.projects.empty()) {
        muted(y.note_zh);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchSame;
    if (!ImGui::BeginTable("contracts.year", 14, flags)) return;
    ImGui::TableSetupColumn("项目", ImGuiTableColumnFlags_WidthFixed, em(6));
    for (int m = 1; m <= 12; ++m) ImGui::TableSetupColumn((std::to_string(m) + "月").c_str());
    ImGui::TableSetupColumn("年度", ImGuiTableColumnFlags_WidthFixed, em(5));
    ImGui::TableHeadersRow();
    for (const auto& p : y.projects) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(p.project_name_zh.c_str());
        for (std::size_t k = 0; k < p.months.size() && k < 12; ++k) {
            const auto& m = p.months[k];
            ImGui::TableSetColumnIndex(static_cast<int>(k) + 1);
            const std::string label = (m.status == "signed" && m.total ? m.total->text + "\n" + m.grade_name_zh : m.status_label_zh) +
                                      "##" + p.project_code + m.month;
            ImGui::PushStyleColor(ImGuiCol_Text, m.status == "signed" ? (m.grade_code == "fail" ? colors::kError : ImGui::GetColorU32(ImGuiCol_Text))
                                                                       : colors::kMuted);
            if (ImGui::Selectable(label.c_str(), C.selected_month == m.month))
                out.push_back(ContractsIntent{SelectYearMonth{m.month}});
            ImGui::PopStyleColor();
            tag("contracts.month." + p.project_code + "." + m.month);
        }
        ImGui::TableSetColumnIndex(13);
        if (p.year) {
            colored_text(p.year->total.text, colors::kAccent);
            ImGui::TextUnformatted(p.year->grade_name_zh.c_str());
        } else {
            muted("—");
        }
    }
    ImGui::EndTable();
    tag("contracts.zone.year");
    if (y.result) {
        const std::string t = std::string(y.final_result ? "年度结果" : "年度结果（暂算）") + "：" + y.result->total.text + " 分，" +
                              y.result->grade_name_zh + "。" + y.result->consequence_zh;
        colored_text(t, y.result->contract_ended ? colors::kError : colors::kAccent);
        tag_text("contracts.year.result", t);
    }
    wrapped_text(y.note_zh, colors::kMuted);
    tag_text("contracts.year.note", y.note_zh);
    if (!C.selected_month.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted((C.selected_month + "：").c_str());
        ImGui::SameLine();
        if (ImGui::Button("查看该月考核"))
            out.push_back(ContractsIntent{OpenContractsLink{assessment_link(C.provider_id, C.selected_month)}});
        tag("contracts.link.assessment");
        ImGui::SameLine();
        if (ImGui::Button("查看该月结算单"))
            out.push_back(ContractsIntent{OpenContractsLink{settlement_link(C.provider_id, C.selected_month)}});
        tag("contracts.link.settlement");
    }
}

}  // namespace

Intents draw_contracts(const AppState& s) {
    Intents out;
    const ContractsState& C = s.contracts;
    heading("合同与年度");
    header_bar(s, C, out);
    if (!C.error.empty()) {
        wrapped_text(C.error, colors::kError);
        tag_text("contracts.error", C.error);
    }
    ImGui::BeginChild("contracts.body", ImVec2(0, 0), false);
    contracts_table(C);
    balance_links(C, out);
    if (may_write(s)) {
        contract_form(s, C, out);
        payment_form(s, C, out);
    }
    year_table(C, out);
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
