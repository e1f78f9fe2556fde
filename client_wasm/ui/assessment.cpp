// 考核 (admin, supervisor): the what-if of a month's assessment (app/assessment_state.hpp). One column per department
// and one for the leader's review; each item row shows its points (cap) and deduction per occurrence, an integer
// input per sheet, and the deduction the shared code computed (封顶 when capped). Below: each part and department
// score, the month total (exact and as displayed), grade, payout and consequence — all from the state's
// `computed` (wire::preview_month, in WebAssembly); nothing is computed here. 「服务器核算」 compares with the server.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "ui/choosers.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

using assessment::ScorecardRule;

std::string n(std::int64_t v) { return std::to_string(v); }

// Column `c` of the sheets: 0..N-1 departments, N the leader.
const wire::AssessmentSheetInput& sheet_at(const AssessmentState& A, std::size_t c) {
    return c < A.sheets.departments.size() ? A.sheets.departments[c] : A.sheets.leader;
}
const wire::AssessmentSheet* computed_at(const AssessmentState& A, std::size_t c) {
    if (!A.computed) return nullptr;
    if (c < A.computed->departments.size()) return &A.computed->departments[c];
    return A.computed->leader_sheet ? &*A.computed->leader_sheet : nullptr;
}
std::string column_id(const AssessmentState& A, std::size_t c) {
    return c < A.sheets.departments.size() ? n(static_cast<std::int64_t>(c)) : std::string("leader");
}
const wire::AssessmentItem* computed_item(const wire::AssessmentSheet* s, const std::string& code) {
    if (!s) return nullptr;
    for (const auto& p : s->parts)
        for (const auto& i : p.items)
            if (i.code == code) return &i;
    return nullptr;
}
void edit(Intents& out, const AssessmentState& A, std::size_t c, wire::AssessmentSheetInput sheet) {
    const int d = c < A.sheets.departments.size() ? static_cast<int>(c) : -1;
    out.push_back(AssessmentIntent{EditAssessmentSheet{d, std::move(sheet)}});
}

// The stored month's sheet of column `c` (nullptr in the what-if).
const wire::AssessmentSheetView* month_sheet(const AssessmentState& A, std::size_t c) {
    if (!A.months.open) return nullptr;
    std::size_t dep = 0;
    const bool leader = c >= A.sheets.departments.size();
    for (const auto& v : A.months.open->sheets) {
        if (v.department_code == wire::kLeaderSheet) {
            if (leader) return &v;
            continue;
        }
        if (!leader && dep == c) return &v;
        ++dep;
    }
    return nullptr;
}
// What-if: every column; a stored month: the user's own sheet while it and the month are open.
bool column_editable(const AssessmentState& A, std::size_t c) {
    const auto& M = A.months;
    if (!M.open) return true;
    if (M.open->summary.status != "open" || M.my_column == -2) return false;
    const int d = c < A.sheets.departments.size() ? static_cast<int>(c) : -1;
    const auto* v = month_sheet(A, c);
    return d == M.my_column && v && v->signed_at.empty();
}

// An integer input without +/- buttons; true when changed (negative values typed are sent: the shared check names them).
bool int_input(const std::string& id, std::int64_t& v, float w) {
    int x = static_cast<int>(v);
    ImGui::SetNextItemWidth(w);
    const bool changed = ImGui::InputInt(("##" + id).c_str(), &x, 0, 0);
    tag(id);
    if (changed) v = x;
    return changed;
}

void header_bar(const AssessmentState& A, Intents& out) {
    std::string provider = A.provider, month = A.month;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("服务商 / 项目");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(12));
    const bool p = ImGui::InputTextWithHint("##provider", "如：某某养老服务中心·居家上门", &provider);
    tag("assessment.provider");
    ImGui::SameLine();
    ImGui::TextUnformatted("月份");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(5));
    const bool m = ImGui::InputTextWithHint("##month", "2026-11", &month);
    tag("assessment.month");
    if (p || m) out.push_back(AssessmentIntent{EditAssessmentContext{provider, month}});
    flow_text("评分表 " + A.rule_version + "（今天生效的版本）");
    tag_text("assessment.rule_version", A.rule_version);
    const float w = button_w("增加科室") + button_w("服务器核算") + px(16);
    same_line_right(w);
    if (A.sheets.departments.size() >= wire::kMaxDepartments) ImGui::BeginDisabled();
    if (ImGui::Button("增加科室")) out.push_back(AssessmentIntent{AddAssessmentDepartment{}});
    if (A.sheets.departments.size() >= wire::kMaxDepartments) ImGui::EndDisabled();
    tag("assessment.add");
    ImGui::SameLine();
    if (A.checking) ImGui::BeginDisabled();
    if (primary_button("服务器核算")) out.push_back(AssessmentIntent{CheckAssessmentOnServer{}});
    if (A.checking) ImGui::EndDisabled();
    tag("assessment.server_check");
}

// The rule's open points, said explicitly (the seed leaves them to the reader; the rule data decides).
void rule_points(const ScorecardRule& r) {
    const auto pct = [](const Ratio& x) { return x.percent_text(0, Rounding::HalfUp); };
    std::string t = "满意度：低于 " + pct(r.satisfaction.threshold) + " 时每" +
                    (r.satisfaction.steps == assessment::SatisfactionSteps::Full ? "满 " : "不足（含不满） ") +
                    pct(r.satisfaction.step) + " 为一档扣分；";
    t += "月度总分 = 科室平均 × " + pct(r.combination.departments) + " + 领导评价 × " + pct(r.combination.leader) + "；";
    t += "等级区间（左闭右开）：";
    for (std::size_t i = 0; i < r.grades.size(); ++i) {
        const auto& g = r.grades[i];
        t += (i ? "，" : "") + g.name_zh + " [" + n(g.from) + "," + (g.to ? n(*g.to) + ")" : "以上)");
    }
    t += "；区间内拨付比例";
    t += r.payout_in_band.method == assessment::PayoutMethod::Linear
             ? std::string("按分数线性取值（区间下沿对应") + (r.payout_in_band.low_edge_gets_low ? "较低" : "较高") + "比例）"
             : std::string("取区间最低比例");
    t += "，保留到 0.01%（" + std::string(r.payout_in_band.rounding == Rounding::HalfUp ? "四舍五入" : "截断") + "）；";
    t += "总分显示保留 " + n(r.score_display.decimals) + " 位小数（" +
         (r.score_display.rounding == Rounding::Truncate ? "截断，不进位" : "四舍五入") + "）；";
    t += std::string("加分") + (r.bonus.cap == assessment::BonusCap::Part ? "不得使本部分超过其分值"
                                : r.bonus.cap == assessment::BonusCap::Total ? "不得使总分超过100" : "不封顶") + "。";
    wrapped_text(t, colors::kMuted);
    tag_text("assessment.rule_points", t);
}

void sheets_table(const AssessmentState& A, Intents& out, float height) {
    const ScorecardRule& r = *A.rule;
    const std::size_t cols = A.sheets.departments.size() + 1;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    const float col_w = em(7.5f);
    if (!ImGui::BeginTable("assessment.table", static_cast<int>(3 + cols), flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("评分项", ImGuiTableColumnFlags_WidthFixed, em(11));
    ImGui::TableSetupColumn("分值", ImGuiTableColumnFlags_WidthFixed, em(2.2f));
    ImGui::TableSetupColumn("每次扣", ImGuiTableColumnFlags_WidthFixed, em(2.8f));
    for (std::size_t c = 0; c < cols; ++c) {
        std::string h = c < A.sheets.departments.size() ? "科室 " + n(static_cast<std::int64_t>(c + 1)) : "领导评价";
        if (const auto* v = month_sheet(A, c)) h = v->department_name + (v->signed_at.empty() ? "" : "（已签）");
        ImGui::TableSetupColumn(h.c_str(), ImGuiTableColumnFlags_WidthFixed, col_w);
    }
    ImGui::TableHeadersRow();
    const bool month_mode = A.months.open.has_value();
    // Remove buttons under each department's head (the what-if only: a stored month's departments are its own).
    if (!month_mode) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    muted("科室增减");
    for (std::size_t c = 0; c + 1 < cols; ++c) {
        ImGui::TableSetColumnIndex(static_cast<int>(3 + c));
        ImGui::PushID(static_cast<int>(c));
        if (cols <= 2) ImGui::BeginDisabled();
        if (ImGui::SmallButton("删除科室")) out.push_back(AssessmentIntent{RemoveAssessmentDepartment{static_cast<int>(c)}});
        if (cols <= 2) ImGui::EndDisabled();
        tag("assessment.remove." + n(static_cast<std::int64_t>(c)));
        ImGui::PopID();
    }
    }
    for (std::size_t pi = 0; pi < r.parts.size(); ++pi) {
        const auto& part = r.parts[pi];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        colored_text(part.name_zh + "（" + n(part.points) + " 分）", colors::kAccent);
        for (std::size_t c = 0; c < cols; ++c) {
            ImGui::TableSetColumnIndex(static_cast<int>(3 + c));
            const auto* s = computed_at(A, c);
            if (!s || pi >= s->parts.size()) continue;
            const auto& ps = s->parts[pi];
            const std::string t = n(ps.score) + " 分" + (ps.bonus ? "（含加分 " + n(ps.bonus) + "）" : "");
            colored_text(t, colors::kAccent);
            tag_text("assessment.part." + column_id(A, c) + "." + part.code, t);
        }
        for (const auto& item : part.items) {
            const bool sat = item.source == assessment::ItemSource::Satisfaction;
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            // A stored month: the count the records gave (the same in every sheet), beside the item's name.
            std::string label = item.short_zh;
            if (A.months.open && !A.months.open->sheets.empty())
                for (const auto& e : A.months.open->sheets.front().entries.items)
                    if (e.code == item.code && e.prefilled) label += "（预填 " + n(*e.prefilled) + "）";
            ImGui::TextUnformatted(label.c_str());
            tag_text("assessment.item." + item.code, label);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", item.name_zh.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(n(item.cap).c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted((n(item.deduction) + (sat ? "/档" : "/" + item.unit)).c_str());
            for (std::size_t c = 0; c < cols; ++c) {
                ImGui::TableSetColumnIndex(static_cast<int>(3 + c));
                ImGui::PushID(static_cast<int>(c));
                const std::string cid = column_id(A, c);
                wire::AssessmentSheetInput sheet = sheet_at(A, c);
                const bool locked = !column_editable(A, c);
                if (locked) ImGui::BeginDisabled();
                if (sat) {
                    // Satisfied of answered (the item's steps come from them).
                    bool ch = int_input("assessment.satisfied." + cid, sheet.satisfied, em(2.6f));
                    ImGui::SameLine(0, px(2));
                    ImGui::TextUnformatted("/");
                    ImGui::SameLine(0, px(2));
                    ch |= int_input("assessment.answered." + cid, sheet.answered, em(2.6f));
                    if (ch) edit(out, A, c, sheet);
                } else {
                    std::int64_t v = 0;
                    if (auto it = sheet.counts.find(item.code); it != sheet.counts.end()) v = it->second;
                    if (int_input("assessment.count." + cid + "." + item.code, v, em(3))) {
                        if (v == 0) sheet.counts.erase(item.code);
                        else sheet.counts[item.code] = v;
                        edit(out, A, c, sheet);
                    }
                }
                if (const auto* ci = computed_item(computed_at(A, c), item.code)) {
                    if (!sat) ImGui::SameLine(0, px(4));
                    // Nothing deducted: a quiet "0", not a column of "-0" beside every input.
                    const std::string t = ci->deducted == 0 ? std::string("0") : "-" + n(ci->deducted) + (ci->capped ? " 封顶" : "");
                    colored_text(t, ci->capped ? colors::kError : colors::kMuted);
                    tag_text("assessment.deducted." + cid + "." + item.code, t);
                    if (!ci->note_zh.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ci->note_zh.c_str());
                }
                if (locked) ImGui::EndDisabled();
                ImGui::PopID();
            }
        }
        if (part.code == r.bonus.part) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted((r.bonus.short_zh + "（每项 " + n(r.bonus.min_points) + "–" + n(r.bonus.max_points) +
                                    " 分，逗号分隔）").c_str());
            for (std::size_t c = 0; c < cols; ++c) {
                ImGui::TableSetColumnIndex(static_cast<int>(3 + c));
                ImGui::PushID(static_cast<int>(c));
                wire::AssessmentSheetInput sheet = sheet_at(A, c);
                const bool locked = !column_editable(A, c);
                if (locked) ImGui::BeginDisabled();
                std::string text;
                for (std::size_t i = 0; i < sheet.bonus_cases.size(); ++i) text += (i ? "," : "") + n(sheet.bonus_cases[i]);
                ImGui::SetNextItemWidth(em(6));
                if (ImGui::InputText("##bonus", &text, ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsNoBlank)) {
                    // Digits and commas only (CharsDecimal lets '.', '+', '-' through: they split like commas).
                    sheet.bonus_cases.clear();
                    std::string cur;
                    for (char ch : text + ",") {
                        if (ch >= '0' && ch <= '9') {
                            if (cur.size() < 6) cur += ch;
                        } else if (!cur.empty()) {
                            sheet.bonus_cases.push_back(std::stoll(cur));
                            cur.clear();
                        }
                    }
                    edit(out, A, c, sheet);
                }
                tag("assessment.bonus." + column_id(A, c));
                if (locked) ImGui::EndDisabled();
                ImGui::PopID();
            }
        }
    }
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    colored_text("得分", colors::kAccent);
    for (std::size_t c = 0; c < cols; ++c) {
        ImGui::TableSetColumnIndex(static_cast<int>(3 + c));
        if (const auto* s = computed_at(A, c)) {
            const std::string t = n(s->total) + " 分";
            colored_text(t, colors::kAccent);
            tag_text("assessment.score." + column_id(A, c), t);
        }
    }
    ImGui::EndTable();
    tag("assessment.zone.table");
}

void summary(const AssessmentState& A) {
    if (!A.compute_error.empty()) {
        wrapped_text("评分表有误：" + A.compute_error, colors::kError);
        tag_text("assessment.compute_error", A.compute_error);
    } else if (A.computed) {
        const auto& m = *A.computed;
        const auto exact = [](const wire::ExactScore& e) {
            return e.text + (e.den == 1 ? "" : "（精确值 " + std::to_string(e.num) + "/" + std::to_string(e.den) + "）");
        };
        ImGui::BeginGroup();
        ImGui::TextUnformatted(("科室平均 " + exact(m.departments_mean) + " · 领导评价 " + exact(m.leader)).c_str());
        const std::string total = exact(m.total);
        colored_text("月度总分 " + total, colors::kAccent);
        tag_text("assessment.total", m.total.text);
        ImGui::SameLine();
        colored_text("等级 " + m.grade_name_zh, colors::kAccent);
        tag_text("assessment.grade", m.grade_name_zh);
        ImGui::SameLine();
        colored_text("拨付比例 " + m.payout_text, colors::kAccent);
        tag_text("assessment.payout", m.payout_text);
        wrapped_text("后果：" + m.consequence_zh, colors::kMuted);
        tag_text("assessment.consequence", m.consequence_zh);
        ImGui::EndGroup();
        tag("assessment.zone.summary");
    }
    if (A.checking) {
        muted("服务器核算中…");
    } else if (A.server_equal) {
        const std::string t = *A.server_equal ? "服务器核算结果与本页一致（同一规则 " + A.rule_version + "，同一共享代码）"
                                              : "服务器核算结果与本页不一致：" + (A.server ? "总分 " + A.server->total.text +
                                                    "，拨付 " + A.server->payout_text : A.server_error);
        colored_text(t, *A.server_equal ? colors::kSuccess : colors::kError);
        tag_text("assessment.server", t);
        if (*A.server_equal && !A.server_error.empty()) muted(A.server_error);
    } else if (!A.server_error.empty()) {
        wrapped_text(A.server_error, colors::kError);
        tag_text("assessment.server", A.server_error);
    }
}

std::string sheets_status(const wire::AssessmentMonthSummary& m) {
    std::string t;
    for (const auto& s : m.sheets) t += (t.empty() ? "" : "，") + s.department_name + (s.is_signed ? "✓" : "…");
    return t;
}

// The month picker, the month's list (provider × project, status, departments signed, total / grade) and, for the
// scorers, 开启考核 (a provider's project for the picked month).
void months_panel(const AppState& s, Intents& out) {
    const AssessmentState& A = s.assessment;
    const AssessmentMonthsState& M = A.months;
    const Role role = s.user ? s.user->role : Role::Kiosk;
    if (!may(role, Permission::ReadAssessment)) return;
    std::string month = M.month;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("考核月份");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(5));
    ImGui::InputTextWithHint("##months.month", "2026-10", &month);
    tag("assessment.months.month");
    if (month != M.month) out.push_back(AssessmentIntent{PickAssessmentMonth{month}});
    if (may(role, Permission::ScoreAssessment)) {
        ImGui::SameLine();
        if (M.projects) {
            const auto pick = project_provider_chooser("assessment.months", *M.projects, M.open_project, M.open_provider);
            if (pick.project) out.push_back(AssessmentIntent{EditAssessmentStartForm{M.open_provider, *pick.project}});
            if (pick.provider) out.push_back(AssessmentIntent{EditAssessmentStartForm{*pick.provider, M.open_project}});
        } else {
            muted("正在加载服务项目…");
        }
        ImGui::SameLine();
        if (M.busy) ImGui::BeginDisabled();
        if (ImGui::Button("开启考核")) out.push_back(AssessmentIntent{StartAssessmentMonth{M.open_provider, M.open_project}});
        if (M.busy) ImGui::EndDisabled();
        tag("assessment.months.start");
    }
    if (M.open) {
        same_line_right(button_w("返回试算") + px(8));
        if (ImGui::Button("返回试算")) out.push_back(AssessmentIntent{OpenAssessmentMonth{0}});
        tag("assessment.months.close");
    }
    if (!M.error.empty()) {
        wrapped_text(M.error, colors::kError);
        tag_text("assessment.months.error", M.error);
    }
    if (M.open) return;   // the list folds away while a month is open
    if (!M.message.empty()) {   // 开启考核 refused (the month's own panel shows it once a month is open)
        wrapped_text(M.message, colors::kError);
        tag_text("assessment.months.message", M.message);
    }
    if (!M.list || M.list->items.empty()) {
        muted(M.loading ? "加载中…" : M.month + " 没有已开启的考核");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    const float h = std::min(em(1.4f) * static_cast<float>(M.list->items.size() + 1) + px(8), em(8));
    if (ImGui::BeginTable("assessment.months.table", 6, flags, ImVec2(0, h))) {
        ImGui::TableSetupColumn("服务商", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("项目", ImGuiTableColumnFlags_WidthFixed, em(7));
        ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em(3));
        ImGui::TableSetupColumn("各科室签署", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("总分 / 等级", ImGuiTableColumnFlags_WidthFixed, em(6));
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, em(2.5f));
        ImGui::TableHeadersRow();
        for (const auto& m : M.list->items) {
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(m.id));
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(m.provider_name.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(m.project_name.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(m.status == "signed" ? "已签署" : "填写中");
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(sheets_status(m).c_str());
            ImGui::TableSetColumnIndex(4);
            if (m.total) ImGui::TextUnformatted((m.total->text + " " + m.grade_name_zh).c_str());
            ImGui::TableSetColumnIndex(5);
            if (ImGui::SmallButton("打开")) out.push_back(AssessmentIntent{OpenAssessmentMonth{m.id}});
            tag("assessment.months.open." + std::to_string(m.id));
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

// The chain (issue 11) from an opened month: its statement and the provider's year (contracts, balance payment).
void chain_links(const AppState& s, const wire::AssessmentMonthSummary& m, Intents& out) {
    // Beside the month's title (on a line of their own only when it does not fit): the panel's height is budgeted.
    if (role_has_screen(s, Screen::Settlement)) {
        same_line_wrap(button_w("该月结算单"));
        if (ImGui::SmallButton("该月结算单")) out.push_back(NavIntent{NavOpen{settlement_link(m.provider_id, m.month)}});
        tag("assessment.link.settlement");
    }
    if (role_has_screen(s, Screen::Contracts)) {
        same_line_wrap(button_w("年度与合同付款"));
        if (ImGui::SmallButton("年度与合同付款"))
            out.push_back(NavIntent{NavOpen{contracts_link(m.provider_id, m.month)}});
        tag("assessment.link.contracts");
    }
}

// The own department's 核查人数 (subjects checked this month, by visits, records, calls): the rate and the warning
// against the rule's minimum at once, by the shared text and check (the server says the same on saving).
void checked_row(const AssessmentState& A, const AssessmentMonthsState& M, Intents& out) {
    std::int64_t total = 0;
    for (const auto& v : M.open->sheets)
        if (v.department_code == M.my_department) total = v.subjects_total;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("本科室核查人数");
    ImGui::SameLine();
    int checked = static_cast<int>(M.draft.subjects_checked);
    ImGui::SetNextItemWidth(em(5));
    if (ImGui::InputInt("##assessment.checked", &checked, 0, 0))
        out.push_back(AssessmentIntent{EditAssessmentChecked{std::max(0, checked)}});
    tag("assessment.checked");
    ImGui::SameLine();
    const std::string t = "/ 本月服务对象 " + n(total) + " 人，核查率 " + assessment::check_rate_text(M.draft.subjects_checked, total);
    const auto below = assessment::check_rate_warning(*A.rule, M.draft.subjects_checked, total);
    colored_text(t, below ? colors::kError : colors::kMuted);
    tag_text("assessment.checked.rate", t);
}

// Below the table of an opened month: the own sheet's changed counts (prefilled → now) with their reasons, the
// prefill's people, the errors (the browser's shared check, the server's refusal), 保存 / 签署本科室 / 签署全部.
void month_panel(const AppState& s, Intents& out) {
    const AssessmentState& A = s.assessment;
    const AssessmentMonthsState& M = A.months;
    if (!M.open || !A.rule) return;
    const auto& sum = M.open->summary;
    const std::string title = sum.provider_name + " · " + sum.project_name + " · " + sum.month + " · " +
                              (sum.status == "signed" ? "已签署" : "填写中") + " · 评分表 " + sum.rule_version;
    colored_text(title, colors::kAccent);
    tag_text("assessment.month.title", title);
    chain_links(s, sum, out);
    for (const auto& v : M.open->sheets)
        if (!v.check_rate_warning_zh.empty()) wrapped_text(v.check_rate_warning_zh, colors::kError);
    const bool own = M.my_column != -2 && sum.status == "open";
    if (own) {
        for (const auto& e : M.draft.items) {
            if (!e.prefilled || e.count == *e.prefilled) continue;
            const assessment::ScoreItem* item = nullptr;
            const assessment::ScorePart* part = nullptr;
            for (const auto& p : A.rule->parts)
                for (const auto& i : p.items)
                    if (i.code == e.code) { item = &i; part = &p; }
            if (!item) continue;
            ImGui::PushID(e.code.c_str());
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted((assessment::item_label(*part, *item) + "：预填 " + n(*e.prefilled) + " → " + n(e.count) +
                                    "，理由").c_str());
            ImGui::SameLine();
            std::string reason = e.reason;
            ImGui::SetNextItemWidth(em(16));
            if (ImGui::InputTextWithHint("##reason", "改动预填次数须填写理由", &reason))
                out.push_back(AssessmentIntent{EditAssessmentReason{e.code, reason}});
            tag("assessment.reason." + e.code);
            ImGui::PopID();
        }
        for (const auto& e : M.draft_errors) wrapped_text(e.message_zh, colors::kError);
        if (!M.draft_errors.empty()) tag_text("assessment.draft_errors", M.draft_errors.front().message_zh);
    }
    for (const auto& e : M.server_errors) wrapped_text("服务器：" + e.message_zh, colors::kError);
    // The prefill's people behind each count (names as the role may see them).
    if (ImGui::TreeNode("预填明细（每项的人员）")) {
        for (const auto& it : M.open->prefill.items) {
            std::string label = it.code;
            for (const auto& p : A.rule->parts)
                for (const auto& i : p.items)
                    if (i.code == it.code) label = assessment::item_label(p, i);
            ImGui::TextUnformatted((label + "：" + n(it.count) + "　" + it.basis_zh).c_str());
            for (const auto& p : it.people) {
                // A person counted from an order (callback, complaint, rectification): its code opens the order.
                if (const auto code = order_code_of(p.ref)) {
                    ImGui::Bullet();
                    if (ImGui::SmallButton((*code + "##" + it.code).c_str())) out.push_back(NavIntent{NavOpen{order_link(*code)}});
                    tag("assessment.prefill.order." + *code);
                    ImGui::SameLine();
                    ImGui::TextUnformatted((p.name + "　" + p.detail_zh).c_str());
                } else {
                    ImGui::BulletText("%s", (p.name + "　" + p.detail_zh + (p.ref.empty() ? "" : "（" + p.ref + "）")).c_str());
                }
            }
        }
        // The project's enrolled subjects nobody served lately: in no provider's figures, for the department to assign.
        if (const auto& u = M.open->prefill.unassigned; u.count > 0) {
            const std::string head = "未分配服务商的服务对象：" + n(u.count) + " 人　" + u.basis_zh;
            colored_text(head, colors::kAccent);
            tag_text("assessment.prefill.unassigned", head);
            for (const auto& p : u.people) ImGui::BulletText("%s", (p.name + "　" + p.detail_zh).c_str());
            if (u.people_truncated) muted("（仅列出前 " + n(static_cast<std::int64_t>(u.people.size())) + " 人）");
        }
        for (const auto& note : M.open->prefill.notes_zh) muted(note);
        ImGui::TreePop();
    }
    tag("assessment.prefill");
    if (M.busy) ImGui::BeginDisabled();
    bool any = false;
    if (own) {
        const auto* v = month_sheet(A, M.my_column < 0 ? A.sheets.departments.size() : static_cast<std::size_t>(M.my_column));
        if (v && v->signed_at.empty()) {
            if (M.my_column >= 0) {   // a department's own sheet (not the leader's review): 核查人数, beside 保存
                checked_row(A, M, out);
                ImGui::SameLine();
            }
            if (primary_button("保存")) out.push_back(AssessmentIntent{SaveAssessmentSheet{}});
            tag("assessment.save");
            ImGui::SameLine();
            if (ImGui::Button(M.my_column == -1 ? "签署领导评价" : "签署本科室")) out.push_back(AssessmentIntent{SignAssessmentSheet{}});
            tag("assessment.sign_sheet");
            any = true;
        }
    }
    if (sum.status == "open" && s.user && may(s.user->role, Permission::SignAssessment)) {
        if (any) ImGui::SameLine();
        if (ImGui::Button("签署全部")) out.push_back(AssessmentIntent{SignAssessmentMonth{}});
        tag("assessment.sign_month");
        any = true;
    }
    if (M.busy) ImGui::EndDisabled();
    if (!M.message.empty()) {
        if (any) ImGui::SameLine();
        colored_text(M.message, M.server_errors.empty() ? colors::kMuted : colors::kError);
        tag_text("assessment.month.message", M.message);
    }
    if (sum.status == "signed") {
        const std::string t = "已签署：" + M.open->signed_by + " " + M.open->signed_at + "，SHA-256 " +
                              M.open->figures_sha256.substr(0, 16) + "…" +
                              (M.signed_equal ? (*M.signed_equal ? "；服务器签署的数字与本页计算一致" : "；服务器签署的数字与本页计算不一致")
                                              : "");
        wrapped_text(t, M.signed_equal && !*M.signed_equal ? colors::kError : colors::kSuccess);
        tag_text("assessment.month.signed", t);
    }
}

}  // namespace

Intents draw_assessment(const AppState& s) {
    Intents out;
    const AssessmentState& A = s.assessment;
    heading(A.months.open ? "考核 · 月度评分" : "考核 · 月度评分试算");
    months_panel(s, out);
    if (!A.months.open && !A.error.empty()) {
        wrapped_text(A.error, colors::kError);
        if (ImGui::Button("重新加载")) out.push_back(AssessmentIntent{ReloadAssessmentRule{}});
        return out;
    }
    if (!A.loaded || !A.rule) {
        const Role role = s.user ? s.user->role : Role::Kiosk;
        muted(may(role, Permission::ReadRules) ? "正在加载考核评分表规则…" : "打开一个月份查看评分表");
        return out;
    }
    if (!A.months.open) header_bar(A, out);
    rule_points(*A.rule);
    const float summary_h = ImGui::GetTextLineHeightWithSpacing() * (A.months.open ? 10.0f : 4.5f);
    sheets_table(A, out, std::max(ImGui::GetContentRegionAvail().y - summary_h, em(8)));
    summary(A);
    month_panel(s, out);
    return out;
}

}  // namespace yiyang::client::ui
