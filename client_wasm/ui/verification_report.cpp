// 核查 · 季度报表 tab (app/verification_report_state.hpp): quarter and town, every table of the report in the seed's
// layout with the previous quarter beside each figure, the note paragraphs, 意见建议 (editable by signers), the rule
// versions and rounding, the downloads, the drill-down behind any figure, and the sign-off panel.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "yiyang/minute_text.hpp"
#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/verification_report.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"

namespace yiyang::client::ui {

namespace {

VerificationIntent act(VerReportAction a) { return VerificationIntent{std::move(a)}; }

// The height of a table of `rows` body rows (each `row_h` tall) under its header, without vertical scrolling: each
// table is as tall as its rows, no empty band at its foot; the horizontal scrollbar's room only when it scrolls.
float rows_height(std::size_t rows, float row_h, bool scrolls = true) {
    const ImGuiStyle& st = ImGui::GetStyle();
    return ImGui::GetTextLineHeight() + st.CellPadding.y * 2 + static_cast<float>(rows) * (row_h + st.CellPadding.y * 2) +
           (scrolls ? st.ScrollbarSize : 0.0f) + px(2);
}

const char* rounding_label(const std::string& r) { return r == "half_up" ? "四舍五入" : "截尾（不进位）"; }

std::string short_sha(const std::string& s) { return s.size() > 12 ? s.substr(0, 12) + "…" : s; }

// One figure: a button when the server has its drill-down, plain text otherwise; the previous quarter beside it.
void figure_cell(const VerReportState& r, const wire::ReportCell& c, Intents& out) {
    const bool clickable = !c.drill.empty() && drill_target(c.drill, r.quarter, r.town_id, 1).has_value();
    if (clickable) {
        if (ImGui::SmallButton((c.text + "##" + c.drill).c_str())) out.push_back(act(VerDrillCode{c.drill, 1}));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("查看该数字背后的名单");
    } else {
        ImGui::TextUnformatted(c.text.c_str());
    }
    if (!c.drill.empty()) {
        tag("ver.cell." + c.drill);
        tag_text("ver.cell." + c.drill, c.text);
    }
    if (c.previous) {
        ImGui::SameLine(0, px(6));
        colored_text("上季 " + *c.previous, colors::kMuted);
    }
}

void draw_table(const VerReportState& r, const wire::ReportTable& t, Intents& out) {
    ImGui::Spacing();
    flow_text(t.title_zh, true);
    tag("ver.table." + t.code + ".title");
    const int ncols = static_cast<int>(t.columns.size());
    if (ncols == 0) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_SizingStretchProp;
    // Each column as wide as its header and widest cell (a figure's button, the previous quarter beside it) at the
    // text size in use; wider than the window: the table scrolls sideways instead of clipping.
    const ImGuiStyle& st = ImGui::GetStyle();
    std::vector<float> need(static_cast<std::size_t>(ncols), 0.0f);
    for (int k = 0; k < ncols; ++k) need[static_cast<std::size_t>(k)] = ImGui::CalcTextSize(t.columns[static_cast<std::size_t>(k)].c_str()).x;
    for (const auto& row : t.rows) {
        for (std::size_t k = 0; k < row.size() && k < need.size(); ++k) {
            float w = ImGui::CalcTextSize(row[k].text.c_str()).x + st.FramePadding.x * 2;
            if (row[k].previous) w += px(6) + ImGui::CalcTextSize(("上季 " + *row[k].previous).c_str()).x;
            need[k] = std::max(need[k], w);
        }
    }
    float total = 0;
    for (float& w : need) {
        w += st.CellPadding.x * 2 + px(4);
        total += w;
    }
    const float inner = total > ImGui::GetContentRegionAvail().x ? total : 0.0f;
    const std::string id = "ver.table." + t.code;
    if (ImGui::BeginTable(id.c_str(), ncols, flags, ImVec2(0, rows_height(t.rows.size(), ImGui::GetFrameHeight(), inner > 0)), inner)) {
        for (int k = 0; k < ncols; ++k) {
            ImGui::TableSetupColumn(t.columns[static_cast<std::size_t>(k)].c_str(), ImGuiTableColumnFlags_WidthStretch,
                                    need[static_cast<std::size_t>(k)]);
        }
        ImGui::TableHeadersRow();
        a11y::table(t.title_zh.c_str(), t.columns);
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const auto& row = t.rows[i];
            std::vector<std::string> texts;
            for (const auto& c : row) texts.push_back(c.text);
            a11y::row(texts);
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            for (int k = 0; k < ncols; ++k) {
                ImGui::TableNextColumn();
                if (static_cast<std::size_t>(k) >= row.size()) continue;
                const wire::ReportCell& c = row[static_cast<std::size_t>(k)];
                if (k == 0 && c.drill.empty()) {
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextUnformatted(c.text.c_str());
                } else {
                    figure_cell(r, c, out);
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    tag(id);
    if (!t.note_zh.empty()) wrapped_text(t.note_zh, ImGui::GetColorU32(ImGuiCol_Text));
}

void draw_drill(const VerReportState& r, Intents& out) {
    if (r.drill_code.empty()) return;
    ImGui::Spacing();
    ImGui::Separator();
    std::string title = r.drill_title + " 名单";
    if (r.drill) title += "（共 " + std::to_string(r.drill->total) + " 条）";
    flow_text(title, true);
    tag("ver.drill.title");
    tag_text("ver.drill.title", title);
    // A newly opened list scrolls into view once (the figure clicked may be far above the pane's foot).
    static std::string shown;
    if (shown != r.drill_code) {
        ImGui::SetScrollHereY(0.15f);
        shown = r.drill_code;
    }
    flow(button_w("关闭名单"));
    if (ImGui::Button("关闭名单")) out.push_back(act(VerDrillCode{"", 1}));
    tag("ver.drill.close");
    if (!r.drill_error.empty()) {
        wrapped_text(r.drill_error, colors::kError);
        tag_text("ver.drill.error", r.drill_error);
        return;
    }
    if (!r.drill) {
        muted("正在加载…");
        return;
    }
    const DrillTable& d = *r.drill;
    if (!d.note.empty()) muted(d.note);
    if (d.masked) muted("姓名、身份证号和电话已按权限脱敏");
    if (d.rows.empty()) {
        muted("没有记录");
        return;
    }
    const int ncols = static_cast<int>(d.columns.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp;
    // Each column as wide as its header and widest cell of the page (the callback answers "总体：满意；态度：满意…"
    // are the long ones); wider than the window: the table scrolls sideways instead of clipping.
    const ImGuiStyle& st = ImGui::GetStyle();
    std::vector<float> need(static_cast<std::size_t>(ncols), 0.0f);
    for (std::size_t k = 0; k < need.size(); ++k) need[k] = ImGui::CalcTextSize(d.columns[k].c_str()).x;
    for (const auto& row : d.rows)
        for (std::size_t k = 0; k < row.size() && k < need.size(); ++k) need[k] = std::max(need[k], ImGui::CalcTextSize(row[k].c_str()).x);
    float total = 0;
    for (float& w : need) {
        w += st.CellPadding.x * 2 + px(4);
        total += w;
    }
    const float inner = total > ImGui::GetContentRegionAvail().x ? total : 0.0f;
    if (ImGui::BeginTable("ver.people", ncols, flags,
                          ImVec2(0, rows_height(d.rows.size(), ImGui::GetTextLineHeight(), inner > 0)), inner)) {
        for (int k = 0; k < ncols; ++k)
            ImGui::TableSetupColumn(d.columns[static_cast<std::size_t>(k)].c_str(), ImGuiTableColumnFlags_WidthStretch,
                                    need[static_cast<std::size_t>(k)]);
        ImGui::TableHeadersRow();
        a11y::table(r.drill_title.c_str(), d.columns);
        for (std::size_t i = 0; i < d.rows.size(); ++i) {
            a11y::row(d.rows[i]);
            ImGui::TableNextRow();
            for (int k = 0; k < ncols; ++k) {
                ImGui::TableNextColumn();
                if (static_cast<std::size_t>(k) < d.rows[i].size()) ImGui::TextUnformatted(d.rows[i][static_cast<std::size_t>(k)].c_str());
                if (k == 0) tag("ver.people.row." + std::to_string(i));
            }
        }
        ImGui::EndTable();
    }
    tag("ver.people");
    const std::int64_t size = std::max(1, d.page_size);
    const std::int64_t pages = std::max<std::int64_t>(1, (d.total + size - 1) / size);
    if (pages > 1) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(("第 " + std::to_string(r.drill_page) + " / " + std::to_string(pages) + " 页").c_str());
        if (const auto asked = pager_buttons("ver.people", r.drill_page, pages, false)) {
            out.push_back(act(VerDrillCode{r.drill_code, static_cast<int>(asked)}));
        }
    }
}

// ---- sign-off ------------------------------------------------------------------------------------------------
void draw_signed_reports(const wire::SignoffList& l, const SignoffRights& rights, bool busy, Intents& out) {
    if (l.reports.empty()) {
        muted("本季度尚未签署报告");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("ver.signoffs", 6, flags, ImVec2(0, rows_height(l.reports.size(), ImGui::GetFrameHeight())),
                          table_inner_width(66))) {
        ImGui::TableSetupColumn("报告", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("操作", ImGuiTableColumnFlags_WidthStretch, 1.6f);   // first: in view without scrolling
        ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("签署", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("会签 / 退回", ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn("SHA-256（数字 / 快照）", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableHeadersRow();
        a11y::table("已签署的报告", {"报告", "操作", "状态", "签署", "会签 / 退回", "SHA-256"});
        for (std::size_t i = 0; i < l.reports.size(); ++i) {
            const wire::SignedReport& s = l.reports[i];
            const std::string kind = report_kind_label(s);
            const std::string signed_text = s.signed_by + " " + minute_text(s.signed_at);
            const std::string counter = !s.countersigned_by.empty() ? s.countersigned_by + " " + minute_text(s.countersigned_at)
                                        : !s.returned_reason.empty() ? "退回：" + s.returned_reason : "—";
            const std::string sha = short_sha(s.figures_sha256) + " / " + short_sha(s.snapshot_sha256);
            a11y::row({kind, "", signoff_status_label(s.status), signed_text, counter, s.figures_sha256});
            ImGui::PushID(static_cast<int>(s.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(kind.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.title_zh.c_str());
            tag("ver.signoff.row." + std::to_string(i));
            tag_text("ver.signoff.row." + std::to_string(i), kind + " " + s.status);
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("PDF")) out.push_back(act(VerSignedDownload{s.id, "pdf"}));
            tag("ver.signoff.pdf." + std::to_string(i));
            ImGui::SameLine();
            if (ImGui::SmallButton("XLSX")) out.push_back(act(VerSignedDownload{s.id, "xlsx"}));
            tag("ver.signoff.xlsx." + std::to_string(i));
            ImGui::BeginDisabled(busy);
            if (rights.countersign && s.status == "signed") {
                ImGui::SameLine();
                if (ImGui::SmallButton("会签")) out.push_back(act(VerSignoffAct{s.id, "countersign"}));
                tag("ver.signoff.countersign." + std::to_string(i));
                ImGui::SameLine();
                if (ImGui::SmallButton("退回")) out.push_back(act(VerSignoffAct{s.id, "return"}));
                tag("ver.signoff.return." + std::to_string(i));
            }
            if (rights.sign && l.sealed && s.id == l.sealed_by && !l.correction_open) {
                ImGui::SameLine();
                if (ImGui::SmallButton("开启更正")) out.push_back(act(VerSignoffAct{s.id, "corrections"}));
                tag("ver.signoff.corrections." + std::to_string(i));
            }
            ImGui::EndDisabled();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(signoff_status_label(s.status));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(signed_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(counter.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(sha.c_str());
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("数字 SHA-256：%s\n快照 SHA-256：%s（%lld 行）\nPDF SHA-256：%s\nXLSX SHA-256：%s",
                                  s.figures_sha256.c_str(), s.snapshot_sha256.c_str(),
                                  static_cast<long long>(s.snapshot_rows), s.pdf_sha256.c_str(), s.xlsx_sha256.c_str());
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    tag("ver.signoffs");
    // Supplements: every figure they changed against the report they cite.
    for (const wire::SignedReport& s : l.reports) {
        if (s.supplement_no == 0) continue;
        std::string head = report_kind_label(s);
        if (!s.reason.empty()) head += "（更正原因：" + s.reason + "）";
        head += s.changes.empty() ? "：没有数字变化" : "：变化的数字";
        flow_text(head, true);
        for (const wire::SignoffChange& c : s.changes) {
            flow_text("　" + c.label_zh + "（" + c.code + "）：" + c.before + " → " + c.after, true);
        }
    }
}

void draw_signoff(const AppState& s, const VerReportState& r, Intents& out) {
    ImGui::Spacing();
    ImGui::Separator();
    flow_text("签署与封存", true);
    tag("ver.signoff.title");
    if (r.town_id != 0) {
        muted("签署针对全区报告：请在镇街中选择「全区」");
        return;
    }
    const SignoffRights rights = s.user ? signoff_rights(s.user->role) : SignoffRights{};
    if (!r.signoff_error.empty()) {
        wrapped_text(r.signoff_error, colors::kError);
        tag_text("ver.signoff.error", r.signoff_error);
    }
    if (!r.signoff_message.empty()) {
        wrapped_text(r.signoff_message, colors::kSuccess);
        tag_text("ver.signoff.message", r.signoff_message);
    }
    if (!r.signoffs) {
        if (!r.signoffs_loaded) muted("正在加载…");
        return;
    }
    const wire::SignoffList& l = *r.signoffs;
    if (l.sealed) {
        const std::string banner = sealed_banner(l);
        wrapped_text(banner, colors::kAccent);
        tag_text("ver.signoff.sealed", banner);
        for (const auto& rep : l.reports) {
            if (rep.id != l.sealed_by) continue;
            muted("数字 SHA-256：" + rep.figures_sha256);
            muted("快照 SHA-256：" + rep.snapshot_sha256);
        }
    }
    if (l.correction_open) {
        const std::string text = "更正已开启（" + l.correction_opened_by + " 于 " + minute_text(l.correction_opened_at) +
                                 "）：" + l.correction_reason + "。更正完成后签署补充报告第" +
                                 std::to_string(l.next_supplement_no) + "号。";
        wrapped_text(text, colors::kError);
        tag_text("ver.signoff.correction", text);
    }
    if (rights.sign || rights.countersign) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(rights.sign ? "签署说明 / 更正原因" : "会签意见 / 退回原因");
        ImGui::SameLine();
        std::string note = r.action_note;
        ImGui::SetNextItemWidth(fit_w(em(28)));
        if (ImGui::InputText("##ver.signoff.note", &note)) out.push_back(act(VerEditActionNote{note}));
        tag("ver.signoff.note");
    }
    if (rights.sign && (!l.sealed || l.correction_open)) {
        const std::string label = l.next_supplement_no > 0
                                      ? "签署补充报告第" + std::to_string(l.next_supplement_no) + "号"
                                      : std::string("签署");
        flow(button_w(label.c_str()));
        ImGui::BeginDisabled(r.signoff_busy || !r.report);
        if (primary_button(label.c_str())) out.push_back(act(VerSign{}));
        ImGui::EndDisabled();
        tag("ver.signoff.sign");
    }
    ImGui::Spacing();
    draw_signed_reports(l, rights, r.signoff_busy, out);
}

}  // namespace

void draw_report_tab(const AppState& s, Intents& out) {
    const VerReportState& r = s.verification.report;
    const bool pick_town = s.user && (s.user->role == Role::Admin || s.user->role == Role::Supervisor);
    // The scrolling pane the tab is drawn in (tests scroll a figure into it before clicking).
    const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    tag_rect("ver.report.pane", wp, ImVec2(wp.x + ws.x, wp.y + ws.y));

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("季度");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fit_w(em(9)));
    if (ImGui::BeginCombo("##ver.quarter", quarter_label(r.quarter).c_str())) {
        for (const std::string& q : quarter_choices(s.today)) {
            if (ImGui::Selectable(quarter_label(q).c_str(), q == r.quarter) && q != r.quarter) {
                out.push_back(VerificationIntent{VerLoadReport{q, r.town_id}});
            }
            tag("ver.quarter.option." + q);
        }
        ImGui::EndCombo();
    }
    tag("ver.quarter");
    if (pick_town) {
        std::vector<std::string> labels;
        int selected = 0;
        for (std::size_t i = 0; i < s.towns.size(); ++i) {
            labels.push_back(s.towns[i].name);
            if (s.towns[i].id == r.town_id) selected = static_cast<int>(i) + 1;
        }
        const float tw = flow(em(8));
        const int chosen = filter_combo("##ver.town", selected ? labels[static_cast<std::size_t>(selected - 1)] : "全区",
                                        labels, selected, "全区", tw, "ver.town");
        tag("ver.town");
        if (chosen >= 0 && chosen != selected) {
            const Id town = chosen == 0 ? 0 : s.towns[static_cast<std::size_t>(chosen - 1)].id;
            out.push_back(VerificationIntent{VerLoadReport{r.quarter, town}});
        }
    }
    flow(button_w("刷新"));
    if (ImGui::Button("刷新##ver")) out.push_back(VerificationIntent{VerLoadReport{r.quarter, r.town_id}});
    tag("ver.refresh");
    ImGui::BeginDisabled(!r.report);
    flow(button_w("下载 XLSX"));
    if (ImGui::Button("下载 XLSX")) out.push_back(act(VerReportDownload{"xlsx"}));
    tag("ver.download.xlsx");
    flow(button_w("下载 PDF"));
    if (ImGui::Button("下载 PDF")) out.push_back(act(VerReportDownload{"pdf"}));
    tag("ver.download.pdf");
    flow(button_w("打印"));
    if (ImGui::Button("打印")) out.push_back(act(VerReportDownload{"print"}));
    tag("ver.print");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("在新标签页打开 PDF，用浏览器打印");
    ImGui::EndDisabled();

    if (r.loading) {
        spinner(px(9), colors::kAccent);
        ImGui::SameLine();
        muted("正在计算…");
    }
    if (!r.error.empty()) {
        wrapped_text(r.error, colors::kError);
        tag("ver.report.error");
        tag_text("ver.report.error", r.error);
    }
    if (!r.report) return;
    const wire::QuarterReport& q = *r.report;
    ImGui::Spacing();
    wrapped_text(q.title_zh, ImGui::GetColorU32(ImGuiCol_Text));
    tag("ver.report.title");
    tag_text("ver.report.title", q.title_zh);
    std::string sub = q.period_label_zh + " · " + (q.town_name.empty() ? std::string("全区") : q.town_name);
    if (q.previous_available)
        sub += " · 灰色数字为上季度（" + q.previous_quarter +
               (q.previous_signed_zh.empty() ? std::string() : "，" + q.previous_signed_zh + "的数字") + "）";
    if (q.masked) sub += " · 身份证号已按权限脱敏";
    muted(sub);
    tag_text("ver.report.subtitle", sub);
    muted("点击数字查看背后的名单（灰色不可点击的数字服务器没有对应名单）");

    // The people behind a figure open right under its table (not at the foot of a long report).
    bool drill_drawn = false;
    for (const wire::ReportTable& t : q.tables) {
        draw_table(r, t, out);
        if (r.drill_code.empty() || drill_drawn) continue;
        const bool here = std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& row) {
            return std::any_of(row.begin(), row.end(), [&](const wire::ReportCell& c) { return c.drill == r.drill_code; });
        });
        if (here) {
            draw_drill(r, out);
            drill_drawn = true;
        }
    }
    if (!drill_drawn) draw_drill(r, out);

    // 意见建议: editable by those who sign (it goes into the sign request).
    ImGui::Spacing();
    ImGui::Separator();
    flow_text(r.recommendations_edited ? "意见建议（已修改，签署时提交）" : "意见建议", true);
    const SignoffRights rights = s.user ? signoff_rights(s.user->role) : SignoffRights{};
    if (rights.sign) {
        std::string text = r.recommendations;
        const float lines = static_cast<float>(std::count(text.begin(), text.end(), '\n') + 2);
        ImGui::InputTextMultiline("##ver.recommendations", &text,
                                  ImVec2(-1, ImGui::GetTextLineHeight() * std::clamp(lines, 4.0f, 12.0f) + px(8)));
        if (text != r.recommendations) out.push_back(act(VerEditRecommendations{text}));
        tag("ver.recommendations");
    } else {
        wrapped_text(r.recommendations, ImGui::GetColorU32(ImGuiCol_Text));
        tag("ver.recommendations");
    }
    std::string rules = "规则版本：";
    for (std::size_t i = 0; i < q.rule_versions.size(); ++i) rules += (i ? "、" : "") + q.rule_versions[i];
    rules += "；百分比" + std::string(rounding_label(q.rounding)) + "，保留 " + std::to_string(q.decimals) + " 位小数";
    if (!q.generated_at.empty()) rules += "；生成于 " + minute_text(q.generated_at);
    muted(rules);
    tag("ver.rules");
    tag_text("ver.rules", rules);

    draw_signoff(s, r, out);
}

}  // namespace yiyang::client::ui
