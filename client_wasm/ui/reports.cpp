// 报表 (app/reports_state.hpp; issue 13, part reports): the kind (月度运营分析报告 / 项目总结报告 / 调查分析报告), the
// month or project year, every table of the server's report with its charts drawn beside (lines for the year's
// trend, bars for channel / type / town — the draw list, from the reply's numbers), the 问题与建议 editor with 保存草稿
// and 签署 (a supplement's reason when signed before), the draft's PDF / XLSX, and the signed reports with theirs, their
// status (已签署、待会签 / 已会签 / 已退回 with who, when and the note or reason) and, for the bureau leader, 会签 and 退回
// (a note / reason field, a confirmation, the server's refusal beside the field; the leader sees the list first).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

const char* const kKinds[][2] = {{"month", "月度运营分析报告"}, {"year", "项目总结报告"}, {"survey", "调查分析报告"}};

ImU32 series_colour(std::size_t i) {
    static const ImU32 c[] = {IM_COL32(41, 99, 173, 255), IM_COL32(217, 115, 33, 255), IM_COL32(51, 153, 84, 255),
                              IM_COL32(191, 48, 56, 255), IM_COL32(128, 89, 178, 255), IM_COL32(115, 115, 115, 255)};
    return c[i % 6];
}

bool signs(const AppState& s) { return s.user && may(s.user->role, Permission::SignReports); }

// A chart of the reply, drawn into a box of the window (width: the available width, height fixed).
void draw_chart(const wire::ReportChart& c) {
    const float w = ImGui::GetContentRegionAvail().x, h = px(220);
    ImGui::TextUnformatted(c.title_zh.c_str());
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    tag("reports.chart." + c.code);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool percent = c.unit == "percent";
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& s : c.series)
        for (const auto& v : s.values)
            if (v) {
                if (!any) lo = hi = *v;
                lo = std::min(lo, *v);
                hi = std::max(hi, *v);
                any = true;
            }
    if (percent) {
        lo = any ? std::max(0.0, std::floor(lo / 10) * 10) : 0;
        hi = std::min(100.0, std::max(lo + 10, any ? std::ceil(hi / 10) * 10 : 100.0));
    } else {
        lo = 0;
        hi = std::max(1.0, hi * 1.1);
    }
    const float left = px(48), bottom = px(40), legend = c.series.size() > 1 ? px(20) : 0;
    const ImVec2 a(p0.x + left, p0.y + px(6)), b(p0.x + w - px(8), p0.y + h - bottom - legend);
    dl->AddRectFilled(a, b, col(palette::kPanel));
    const ImU32 grid = col(palette::kBorder), text = col(palette::kMuted);
    auto y_of = [&](double v) { return b.y - static_cast<float>((v - lo) / (hi - lo)) * (b.y - a.y); };
    for (int k = 0; k <= 4; ++k) {
        const double v = lo + (hi - lo) * k / 4;
        const float y = y_of(v);
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), grid);
        char buf[32];
        std::snprintf(buf, sizeof buf, percent ? "%.0f%%" : "%.0f", v);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(a.x - ts.x - px(4), y - ts.y / 2), text, buf);
    }
    const std::size_t n = c.categories.size();
    if (n == 0) return;
    const float slot = (b.x - a.x) / static_cast<float>(n);
    const float font = ImGui::GetFontSize() * (n > 12 ? 0.7f : 0.85f);
    for (std::size_t i = 0; i < n; ++i) {
        const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(font, slot, 0, c.categories[i].c_str());
        dl->AddText(ImGui::GetFont(), font, ImVec2(a.x + slot * i + (slot - std::min(ts.x, slot)) / 2, b.y + px(4)), text,
                    c.categories[i].c_str(), nullptr, slot);
    }
    if (c.kind == "line") {
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            ImVec2 prev;
            bool pen = false;
            for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
                const auto& v = c.series[s].values[i];
                if (!v) { pen = false; continue; }
                const ImVec2 pt(a.x + slot * (i + 0.5f), y_of(std::clamp(*v, lo, hi)));
                if (pen) dl->AddLine(prev, pt, series_colour(s), px(2));
                dl->AddCircleFilled(pt, px(3), series_colour(s));
                prev = pt;
                pen = true;
            }
        }
    } else {
        const std::size_t k = std::max<std::size_t>(1, c.series.size());
        const float group = slot * 0.7f, bar = group / static_cast<float>(k);
        for (std::size_t s = 0; s < c.series.size(); ++s)
            for (std::size_t i = 0; i < n && i < c.series[s].values.size(); ++i) {
                const auto& v = c.series[s].values[i];
                if (!v) continue;
                const float x = a.x + slot * i + (slot - group) / 2 + bar * s;
                dl->AddRectFilled(ImVec2(x, y_of(std::clamp(*v, lo, hi))), ImVec2(x + bar - 1, b.y), series_colour(s));
            }
    }
    if (c.series.size() > 1) {
        float x = a.x;
        const float y = p0.y + h - legend;
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            dl->AddRectFilled(ImVec2(x, y + px(4)), ImVec2(x + px(12), y + px(12)), series_colour(s));
            dl->AddText(ImVec2(x + px(16), y), text, c.series[s].name_zh.c_str());
            x += px(24) + ImGui::CalcTextSize(c.series[s].name_zh.c_str()).x;
        }
    }
}

// A report table as the PDF has it. Every column is at least as wide as its header and its cells (a long text cell
// wraps at 14 em); the room left goes to the indicator or name column. When the columns do not fit (portrait, 200 %)
// the table scrolls sideways inside a box as tall as its rows, so nothing is ever cut.
void draw_table(const wire::ReportTable& t) {
    ImGui::Spacing();
    ImGui::TextUnformatted(t.title_zh.c_str());
    tag_text("reports.table." + t.code, t.title_zh);
    const int n = static_cast<int>(t.columns.size());
    if (n == 0) return;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.CellPadding.x * 2 + 2, cap = em(14);
    std::vector<float> w(static_cast<std::size_t>(n), 0.0f);
    int wide_col = -1;
    for (int k = 0; k < n; ++k) {
        const bool wide = (k == 0 && (t.code == "indicators" || t.code == "year_indicators" || t.code == "sla" ||
                                      t.code.rfind("months", 0) == 0)) ||
                          (k == 1 && t.code == "providers");
        if (wide && wide_col < 0) wide_col = k;
        float x = ImGui::CalcTextSize(t.columns[static_cast<std::size_t>(k)].c_str()).x;
        for (const auto& cells : t.rows) {
            if (static_cast<std::size_t>(k) < cells.size())
                x = std::max(x, std::min(cap, ImGui::CalcTextSize(cells[static_cast<std::size_t>(k)].text.c_str()).x));
        }
        w[static_cast<std::size_t>(k)] = x + pad;
    }
    float total = 0;
    for (float x : w) total += x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool scroll = total > avail;
    if (!scroll) {
        // The room left: to the indicator / name column, else shared evenly.
        const float extra = avail - total - 1;
        if (wide_col >= 0) w[static_cast<std::size_t>(wide_col)] += extra;
        else for (float& x : w) x += extra / static_cast<float>(n);
    }
    ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    ImVec2 outer(0, 0);
    if (scroll) {
        // ScrollX needs a height: the header and each row as tall as its most wrapped cell, and the scroll bar.
        const float line = ImGui::GetTextLineHeight(), cell_y = style.CellPadding.y * 2;
        float h = line + cell_y + style.ScrollbarSize + 4;
        for (const auto& cells : t.rows) {
            float row = line;
            for (int k = 0; k < n && static_cast<std::size_t>(k) < cells.size(); ++k) {
                const float wrap = w[static_cast<std::size_t>(k)] - pad;
                row = std::max(row, ImGui::CalcTextSize(cells[static_cast<std::size_t>(k)].text.c_str(), nullptr, false, wrap).y);
            }
            h += row + cell_y + 1;
        }
        flags |= ImGuiTableFlags_ScrollX;
        outer = ImVec2(0, h);
    }
    const std::string id = "##reports.t." + t.code;
    if (ImGui::BeginTable(id.c_str(), n, flags, outer, scroll ? total : 0.0f)) {
        for (int k = 0; k < n; ++k) {
            ImGui::TableSetupColumn(t.columns[static_cast<std::size_t>(k)].c_str(), ImGuiTableColumnFlags_WidthFixed,
                                    w[static_cast<std::size_t>(k)] - style.CellPadding.x * 2);
        }
        ImGui::TableHeadersRow();
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            ImGui::TableNextRow();
            for (int k = 0; k < n; ++k) {
                ImGui::TableNextColumn();
                const auto& cells = t.rows[r];
                if (static_cast<std::size_t>(k) >= cells.size()) continue;
                const auto& c = cells[static_cast<std::size_t>(k)];
                if (c.text == "未达标") colored_text(c.text, colors::kError);
                else if (c.text == "达标") colored_text(c.text, colors::kSuccess);
                else ImGui::TextWrapped("%s", c.text.c_str());
                if (!c.drill.empty()) tag_text("reports.cell." + c.drill, c.text);
            }
        }
        ImGui::EndTable();
    }
    if (!t.note_zh.empty()) wrapped_text(t.note_zh, colors::kMuted);
}

void header(const AppState& s, const ReportsState& R, Intents& out) {
    // Each button beside the last when it fits, else on the next line (portrait at 150 % and 200 %).
    bool first = true;
    for (const auto& k : kKinds) {
        const bool chosen = R.kind == k[0];
        const std::string label = std::string(k[1]) + "##reports.kind." + k[0];
        if (!first) same_line_wrap(button_w(label.c_str()));
        first = false;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kHeader));
        if (ImGui::Button(label.c_str())) out.push_back(ReportsIntent{SelectReportKind{k[0]}});
        if (chosen) ImGui::PopStyleColor();
        tag(std::string("reports.kind.") + k[0]);
    }
    const bool month = R.kind == "month";
    if (ImGui::Button(month ? "上一月##reports.prev" : "上一年度##reports.prev")) out.push_back(ReportsIntent{ShiftReportMonth{-1}});
    tag("reports.prev");
    const std::string label = R.report ? R.report->period_label_zh : R.period;
    same_line_wrap(ImGui::CalcTextSize(label.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label.c_str());
    tag_text("reports.period", label);
    const char* next = month ? "下一月##reports.next" : "下一年度##reports.next";
    same_line_wrap(button_w(next));
    if (ImGui::Button(next)) out.push_back(ReportsIntent{ShiftReportMonth{1}});
    tag("reports.next");
    same_line_wrap(button_w("刷新##reports.reload"));
    if (ImGui::Button("刷新##reports.reload")) out.push_back(ReportsIntent{ReloadReports{}});
    tag("reports.reload");
    same_line_wrap(button_w("草稿 PDF##reports.draft_pdf"));
    ImGui::BeginDisabled(!R.report);
    if (ImGui::Button("草稿 PDF##reports.draft_pdf")) out.push_back(ReportsIntent{DownloadReportDraft{"pdf"}});
    tag("reports.draft_pdf");
    same_line_wrap(button_w("草稿 XLSX##reports.draft_xlsx"));
    if (ImGui::Button("草稿 XLSX##reports.draft_xlsx")) out.push_back(ReportsIntent{DownloadReportDraft{"xlsx"}});
    tag("reports.draft_xlsx");
    ImGui::EndDisabled();
    (void)s;
    if (R.loading) {
        ImGui::SameLine();
        muted("正在生成报告…");
    }
    if (!R.error.empty()) wrapped_text(R.error, colors::kError);
    if (!R.action_error.empty()) {
        wrapped_text(R.action_error, colors::kError);
        tag_text("reports.action_error", R.action_error);
    }
    if (!R.action_notice.empty()) {
        wrapped_text(R.action_notice, colors::kSuccess);
        tag_text("reports.action_notice", R.action_notice);
    }
}

void problems_editor(const AppState& s, const ReportsState& R, Intents& out) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted(R.kind == "survey" ? "问题分析与建议" : "问题与建议");
    if (R.report && !R.report->draft_saved_at.empty()) {
        ImGui::SameLine();
        muted("草稿保存于 " + R.report->draft_saved_at + "（" + R.report->draft_saved_by + "）");
    }
    const bool can = signs(s);
    // The latest signature of this report, when the leader returned it: its reason, before a supplement is signed.
    if (R.report && R.signed_list) {
        const wire::SignedOperationReport* latest = nullptr;
        for (const auto& r : R.signed_list->items)
            if (r.period == R.report->period && (!latest || r.supplement_no > latest->supplement_no)) latest = &r;
        if (latest && latest->status == "returned") {
            const std::string text = "第 " + std::to_string(latest->id) + " 号签署已被" + latest->decided_by + "退回（" +
                                     latest->decided_at + "），理由：" + latest->decision_note_zh +
                                     "。请修改后填写更正理由，签署补充报告。";
            wrapped_text(text, colors::kError);
            tag_text("reports.returned", text);
        }
    }
    ImGui::BeginDisabled(!can || R.acting);
    std::string text = R.problems;
    if (ImGui::InputTextMultiline("##reports.problems", &text, ImVec2(-1, ImGui::GetTextLineHeight() * 6)))
        out.push_back(ReportsIntent{EditReportProblems{text}});
    tag("reports.problems");
    if (ImGui::Button("保存草稿##reports.save")) out.push_back(ReportsIntent{SaveReportDraft{}});
    tag("reports.save");
    ImGui::SameLine();
    std::string note = R.note;
    ImGui::SetNextItemWidth(em(16));
    if (ImGui::InputTextWithHint("##reports.note", "补充报告的更正理由（已签署过时必填）", &note))
        out.push_back(ReportsIntent{EditReportNote{note}});
    tag("reports.note");
    ImGui::SameLine();
    if (primary_button("签署并封存##reports.sign")) out.push_back(ReportsIntent{SignReport{}});
    tag("reports.sign");
    ImGui::EndDisabled();
    if (!can) muted("只有督导可以编写和签署报告");
}

bool countersigns(const AppState& s) { return s.user && may(s.user->role, Permission::CountersignReports); }

// The leader's note / reason for the chosen report, its confirm and cancel buttons, and the server's refusal of the
// field beside it.
void decision_editor(const ReportsState& R, Intents& out) {
    const bool counter = R.decision_action == "countersign";
    ImGui::Spacing();
    const std::string title = std::string(counter ? "会签" : "退回") + "第 " + std::to_string(R.decision_id) + " 号报告";
    ImGui::TextUnformatted(title.c_str());
    tag_text("reports.decision.title", title);
    ImGui::BeginDisabled(R.acting);
    std::string text = R.decision_text;
    const float confirm_w = button_w(counter ? "会签…##reports.decision.submit" : "退回…##reports.decision.submit");
    const float cancel_w = button_w("取消##reports.decision.cancel");
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(std::max(em(10), std::min(em(28), ImGui::GetContentRegionAvail().x - confirm_w - cancel_w - 2 * sp)));
    if (ImGui::InputTextWithHint("##reports.decision.text", counter ? "会签意见（可不填，最多 500 字）" : "退回理由（必填，2–500 字）",
                                 &text))
        out.push_back(ReportsIntent{EditReportDecision{text}});
    tag("reports.decision.text");
    same_line_wrap(confirm_w);
    if (counter ? primary_button("会签…##reports.decision.submit") : danger_button("退回…##reports.decision.submit"))
        out.push_back(ReportsIntent{SubmitReportDecision{}});
    tag("reports.decision.submit");
    same_line_wrap(cancel_w);
    if (ImGui::Button("取消##reports.decision.cancel")) out.push_back(ReportsIntent{CancelReportDecision{}});
    tag("reports.decision.cancel");
    ImGui::EndDisabled();
    field_error("reports.decision", counter ? "note" : "reason", R.decision_error);
    ImGui::Spacing();
    ImGui::Separator();
}

void signed_list(const AppState& s, const ReportsState& R, Intents& out) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted("已签署的报告");
    tag_text("reports.signed.heading", "已签署的报告");
    const bool leader = countersigns(s);
    if (!R.signed_list || R.signed_list->items.empty()) {
        muted("尚无已签署的报告");
        return;
    }
    // The table when its columns fit: 编号, SHA-256 and the buttons at their own width, the three text columns at least
    // as wide as a timestamp; else (portrait, large text) one block per report, nothing cut.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.CellPadding.x * 2 + 2;
    const float stamp = ImGui::CalcTextSize("2026-12-07T08:35:27").x + pad;
    const float w_id = std::max(ImGui::CalcTextSize("编号").x, ImGui::CalcTextSize("0000").x) + pad;
    const float w_sha = std::max(ImGui::CalcTextSize("SHA-256").x, ImGui::CalcTextSize("000000000000").x) + pad;
    const float w_buttons = std::max({button_w("PDF") + button_w("XLSX") + style.ItemSpacing.x,
                                      leader ? button_w("会签") + button_w("退回") + style.ItemSpacing.x : 0.0f,
                                      ImGui::CalcTextSize(leader ? "下载 / 会签" : "下载").x}) + pad;
    const bool fits = w_id + w_sha + w_buttons + 3 * std::max(stamp, em(7)) <= ImGui::GetContentRegionAvail().x;
    const auto cells = [&](const wire::SignedOperationReport& r, bool table) {
        const std::string row = "reports.signed." + std::to_string(r.id);
        if (table) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(r.id));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.title_zh.c_str());
        } else {
            ImGui::Separator();
            ImGui::TextWrapped("第 %lld 号 %s", static_cast<long long>(r.id), r.title_zh.c_str());
        }
        tag_text(row + ".title", r.title_zh);
        if (table) ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", (std::string(table ? "" : "签署：") + r.signed_by + " " + r.signed_at).c_str());
        if (table) ImGui::TableNextColumn();
        const ImU32 colour = r.status == "countersigned" ? colors::kSuccess
                             : r.status == "returned"     ? colors::kError
                             : r.status == "signed"       ? colors::kAccent
                                                          : colors::kMuted;
        wrapped_text(r.status_zh, colour);
        tag_text(row + ".status", r.status_zh);
        if (!r.decided_by.empty()) {
            const std::string who = r.decided_by + " " + r.decided_at;
            wrapped_text(who, colors::kMuted);
            std::string note;
            if (!r.decision_note_zh.empty()) {
                note = (r.status == "returned" ? "理由：" : "意见：") + r.decision_note_zh;
                wrapped_text(note, r.status == "returned" ? colors::kError : colors::kMuted);
            }
            tag_text(row + ".decision", note.empty() ? who : who + "\n" + note);
        }
        if (table) ImGui::TableNextColumn();
        ImGui::TextUnformatted(((table ? "" : "SHA-256 ") + r.figures_sha256.substr(0, 12)).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("数据 %s\nPDF %s", r.figures_sha256.c_str(), r.pdf_sha256.c_str());
        if (table) ImGui::TableNextColumn();
        if (ImGui::SmallButton(("PDF##" + row + ".pdf").c_str())) out.push_back(ReportsIntent{DownloadSignedReport{r.id, "pdf"}});
        tag(row + ".pdf");
        ImGui::SameLine();
        if (ImGui::SmallButton(("XLSX##" + row + ".xlsx").c_str())) out.push_back(ReportsIntent{DownloadSignedReport{r.id, "xlsx"}});
        tag(row + ".xlsx");
        if (leader && r.status == "signed") {
            ImGui::BeginDisabled(R.acting);
            if (!table) ImGui::SameLine();
            if (ImGui::SmallButton(("会签##" + row + ".countersign").c_str()))
                out.push_back(ReportsIntent{StartReportDecision{r.id, "countersign"}});
            tag(row + ".countersign");
            ImGui::SameLine();
            if (ImGui::SmallButton(("退回##" + row + ".return").c_str()))
                out.push_back(ReportsIntent{StartReportDecision{r.id, "return"}});
            tag(row + ".return");
            ImGui::EndDisabled();
        }
    };
    if (!fits) {
        for (const auto& r : R.signed_list->items) cells(r, false);
        ImGui::Separator();
    } else if (ImGui::BeginTable("##reports.signed", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("编号", ImGuiTableColumnFlags_WidthFixed, w_id - style.CellPadding.x * 2);
        ImGui::TableSetupColumn("报告", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("签署", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("SHA-256", ImGuiTableColumnFlags_WidthFixed, w_sha - style.CellPadding.x * 2);
        ImGui::TableSetupColumn(leader ? "下载 / 会签" : "下载", ImGuiTableColumnFlags_WidthFixed, w_buttons - style.CellPadding.x * 2);
        ImGui::TableHeadersRow();
        for (const auto& r : R.signed_list->items) cells(r, true);
        ImGui::EndTable();
    }
    if (leader && R.decision_id > 0) decision_editor(R, out);
}

}  // namespace

Intents draw_reports(const AppState& s) {
    Intents out;
    const ReportsState& R = s.reports;
    heading("报表");
    header(s, R, out);
    ImGui::BeginChild("##reports.body", ImVec2(0, 0), false);
    {   // The scrolling pane (tests scroll a row into it before clicking).
        const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
        tag_rect("reports.body", wp, ImVec2(wp.x + ws.x, wp.y + ws.y));
    }
    // The bureau leader's work here is the countersign: the signed reports first.
    const bool leader_first = countersigns(s) && !signs(s);
    if (leader_first) signed_list(s, R, out);
    if (R.report) {
        ImGui::TextUnformatted(R.report->title_zh.c_str());
        tag_text("reports.title", R.report->title_zh);
        for (const auto& t : R.report->tables) {
            draw_table(t);
            for (const auto& c : R.report->charts)
                if (c.table_code == t.code) draw_chart(c);
        }
        problems_editor(s, R, out);
    }
    if (!leader_first) signed_list(s, R, out);
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
