// 核查 (issue 10), the screen and its tabs: 季度报表 — the whole quarter report, its drill-downs and the sign-off
// panel (ui/verification_report.cpp); 实体服务 / 死亡核查 / 回访 (ui/verification_work.cpp); and here 名单导入 — choose one of the five lists, pick a file,
// its upload with a progress bar, the dry-run preview (counts, errors by row and column), 确认导入, the history.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include "platform/import_upload.hpp"
#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/verification_report.hpp"
#include "ui/verification_work.hpp"
#include "ui/widgets.hpp"
#include "yiyang/access.hpp"
#include "yiyang/import.hpp"

namespace yiyang::client::ui {

namespace {

const ImportList kLists[] = {ImportList::Subscribers, ImportList::ServiceRecords, ImportList::Cremations,
                             ImportList::PhoneChecks, ImportList::Callbacks};

std::string bytes_text(std::int64_t b) {
    char buf[32];
    if (b >= 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(b) / (1024.0 * 1024.0));
    else if (b >= 1024) std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(b) / 1024.0);
    else std::snprintf(buf, sizeof buf, "%lld 字节", static_cast<long long>(b));
    return buf;
}

// The height of a table of `rows` rows without vertical scrolling: fitted to them (ui/verification_work.hpp), its
// horizontal scrollbar only when its inner width `inner_w` overflows — no empty band at its foot.
float table_height(std::size_t rows, float row_h, float inner_w) { return fit_table_height(rows, row_h, inner_w); }

bool tab_button(const char* label, bool active, const std::string& id) {
    const bool clicked = active ? primary_button(label) : ImGui::Button(label);
    tag(id);
    return clicked;
}

// ---- 名单导入 ------------------------------------------------------------------------------------------------------

void draw_imports(const AppState& s, Intents& out) {
    const VerImportState& im = s.verification.imports;
    const bool busy = im.phase == UploadPhase::Uploading;

    // list, file, template
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("名单");
    const auto list = import_list_from_code(im.list);
    ImGui::SameLine();
    const float combo_w = fit_w(em(11));               // after the label: what is left of the line (portrait, 200 %)
    ImGui::SetNextItemWidth(combo_w);
    ImGui::BeginDisabled(busy);
    if (ImGui::BeginCombo("##ver.list", list ? label_zh(*list) : im.list.c_str())) {
        for (ImportList l : kLists) {
            if (ImGui::Selectable(label_zh(l), im.list == code(l)) && im.list != code(l)) {
                out.push_back(VerificationIntent{VerSelectList{code(l)}});
            }
            tag(std::string("ver.list.option.") + code(l));
        }
        ImGui::EndCombo();
    }
    tag("ver.list");
    // Service records are imported per provider (the server requires whose records they are).
    if (im.list == code(ImportList::ServiceRecords)) {
        const auto& ps = s.orders.providers;
        const auto chosen = std::find_if(ps.begin(), ps.end(), [&](const Provider& p) { return p.id == im.provider_id; });
        const std::string shown = chosen != ps.end() ? chosen->name : std::string("请选择服务商");
        flow(em(12));
        ImGui::SetNextItemWidth(fit_w(em(12)));
        if (ImGui::BeginCombo("##ver.provider", shown.c_str())) {
            for (const Provider& p : ps) {
                if (ImGui::Selectable((p.name + "##" + std::to_string(p.id)).c_str(), p.id == im.provider_id)) {
                    out.push_back(VerificationIntent{VerSelectProvider{p.id}});
                }
                tag("ver.provider.option." + std::to_string(p.id));
            }
            ImGui::EndCombo();
        }
        tag("ver.provider");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("实体服务记录按服务商导入：这些记录由哪家服务商提供");
    }
    const bool need_provider = im.list == code(ImportList::ServiceRecords) && im.provider_id == 0;
    ImGui::BeginDisabled(need_provider);
    const char* pick_label = im.file_name.empty() ? "选择文件…" : "重新选择文件…";
    ImGui::SetNextItemWidth(flow(button_w(pick_label)));
    if (primary_button(pick_label)) out.push_back(VerificationIntent{VerPickFile{}});
    tag("ver.pick");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("CSV（UTF-8 / GBK / UTF-16）或 XLSX，最大 50 MB");
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (need_provider) flow_text("请先选择服务商", true);
    flow(button_w("下载模板"));
    if (ImGui::Button("下载模板")) out.push_back(VerificationIntent{VerDownloadTemplate{im.list}});
    tag("ver.template");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("本名单的 XLSX 模板：表头与每列的填写规则");

    if (!im.file_name.empty()) {
        flow_text("文件：" + im.file_name + "（" + bytes_text(im.file_bytes) + "）", true);
        tag("ver.file");
    }

    // progress
    if (busy) {
        const float frac = im.total > 0 ? static_cast<float>(static_cast<double>(im.sent) / static_cast<double>(im.total)) : 0.0f;
        const bool checking = im.total > 0 && im.sent >= im.total;
        const std::string overlay = checking ? std::string(im.committing ? "正在写入…" : "服务器正在校验…")
                                             : "已上传 " + bytes_text(im.sent) + " / " + bytes_text(im.total);
        ImGui::ProgressBar(checking ? 1.0f : frac, ImVec2(fit_w(em(24)), 0), overlay.c_str());
        tag("ver.progress");
        tag_text("ver.progress", overlay);
    }
    if (!im.error.empty()) {
        wrapped_text(im.error, colors::kError);
        tag("ver.error");
        tag_text("ver.error", im.error);
    }
    if (!im.message.empty() && im.phase == UploadPhase::Committed) {
        wrapped_text(im.message, colors::kSuccess);
        tag("ver.message");
    }

    // the preview
    if (im.preview && !busy && im.phase != UploadPhase::Committed) {   // committed: said once, by the message above
        const wire::ImportPreview& p = *im.preview;
        ImGui::Spacing();
        std::string summary = std::string(p.dry_run ? "预检结果（尚未写入）" : "导入结果") + "：共 " +
                              std::to_string(p.rows) + " 行，新增 " + std::to_string(p.added) + "，变更 " +
                              std::to_string(p.changed) + "，未变 " + std::to_string(p.unchanged) + "，错误 " +
                              std::to_string(p.error_count);
        flow_text(summary, true);
        tag("ver.preview.summary");
        tag_text("ver.preview.summary", summary);
        if (p.dry_run && im.phase == UploadPhase::Previewed) {
            const bool ok = p.error_count == 0 && p.rows > 0;
            flow(button_w("确认导入"));
            ImGui::BeginDisabled(!ok);
            if (primary_button("确认导入")) out.push_back(VerificationIntent{VerCommit{}});
            ImGui::EndDisabled();
            tag("ver.commit");
            if (!ok) {
                flow_text(p.error_count > 0 ? "有错误的文件不能导入：请改正后重新选择文件" : "文件中没有数据行");
            }
        }
        if (!im.error_rows.empty()) {
            const float row_h = ImGui::GetTextLineHeight();
            const std::size_t n = im.error_rows.size();
            const float inner = table_inner_width(34);
            const float h = std::min(table_height(n, row_h, inner), std::max(px(160), ImGui::GetContentRegionAvail().y * 0.6f));
            const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                          ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                          ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp;
            if (ImGui::BeginTable("ver.errors", 3, flags, ImVec2(0, h), inner)) {
                ImGui::TableSetupScrollFreeze(0, 1);
                ImGui::TableSetupColumn("行", ImGuiTableColumnFlags_WidthStretch, 0.7f);
                ImGui::TableSetupColumn("列", ImGuiTableColumnFlags_WidthStretch, 1.0f);
                ImGui::TableSetupColumn("问题", ImGuiTableColumnFlags_WidthStretch, 3.6f);
                ImGui::TableHeadersRow();
                a11y::table("导入错误", {"行", "列", "问题"});
                for (std::size_t i = 0; i < n; ++i) {
                    const ImportErrorRow& e = im.error_rows[i];
                    a11y::row({e.row_label, e.column, e.message});
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(e.row_label.c_str());
                    tag("ver.error_row." + std::to_string(i));
                    tag_text("ver.error_row." + std::to_string(i), e.row_label + " " + e.column + "：" + e.message);
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(e.column.c_str());
                    ImGui::TableNextColumn();
                    colored_text(e.message, colors::kError);
                }
                ImGui::EndTable();
            }
            tag("ver.errors");
            if (p.error_count > static_cast<std::int64_t>(n)) {
                muted("共 " + std::to_string(p.error_count) + " 处错误，仅列出前 " + std::to_string(n) + " 处");
            }
        }
    }

    // the history
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextUnformatted("导入记录");
    if (!im.history_error.empty()) {
        wrapped_text(im.history_error, colors::kError);
        return;
    }
    if (!im.history_loaded) {
        muted("正在加载…");
        return;
    }
    if (im.history.empty()) {
        muted("还没有导入记录");
        return;
    }
    const float row_h = ImGui::GetFrameHeight();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp;
    const float inner = table_inner_width(58);
    if (ImGui::BeginTable("ver.history", 8, flags, ImVec2(0, table_height(im.history.size(), row_h, inner)), inner)) {
        ImGui::TableSetupColumn("导入时间", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("名单", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("文件", ImGuiTableColumnFlags_WidthStretch, 1.8f);
        ImGui::TableSetupColumn("导入人", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn("行数", ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn("新增/变更/未变", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("SHA-256", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn("文件下载", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableHeadersRow();
        a11y::table("导入记录", {"导入时间", "名单", "文件", "导入人", "行数", "新增/变更/未变", "SHA-256"});
        for (std::size_t i = 0; i < im.history.size(); ++i) {
            const wire::ImportBatchSummary& b = im.history[i];
            std::string when = b.imported_at;
            if (when.size() >= 16) when = when.substr(0, 10) + " " + when.substr(11, 5);
            const std::string counts = std::to_string(b.added) + " / " + std::to_string(b.changed) + " / " +
                                       std::to_string(b.unchanged);
            const std::string sha = b.sha256.substr(0, 12) + "…";
            a11y::row({when, b.list_name, b.file_name, b.username, std::to_string(b.rows), counts, b.sha256});
            ImGui::PushID(static_cast<int>(b.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(when.c_str());
            tag("ver.history.row." + std::to_string(i));
            tag_text("ver.history.row." + std::to_string(i), b.file_name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.list_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.file_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.username.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::to_string(b.rows).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(counts.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(sha.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("SHA-256：%s", b.sha256.c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("下载")) out.push_back(VerificationIntent{VerDownloadImport{b.id}});
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("下载原文件（记入审计日志）");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    tag("ver.history");
    const std::int64_t pages = std::max<std::int64_t>(1, (im.history_total + 9) / 10);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(("共 " + std::to_string(im.history_total) + " 次导入").c_str());
    if (pages > 1) {
        if (const auto asked = pager_buttons("ver.history", im.history_page, pages, false)) {
            out.push_back(VerificationIntent{VerHistoryPage{static_cast<int>(asked)}});
        }
    }
}

}  // namespace

Intents draw_verification(const AppState& s) {
    Intents out = take_import_events();                  // the page's picks and uploads (platform/import_upload)
    const VerificationState& v = s.verification;
    const bool imports = s.user && may(s.user->role, Permission::ImportLists);
    const bool report = s.user && may(s.user->role, Permission::ReadVerification);

    heading("核查");
    if (report && tab_button("季度报表", v.tab == VerTab::Report, "ver.tab.report")) {
        out.push_back(VerificationIntent{VerSelectTab{VerTab::Report}});
    }
    if (imports) {
        if (report) flow(button_w("名单导入"));
        if (tab_button("名单导入", v.tab == VerTab::Imports, "ver.tab.imports")) {
            out.push_back(VerificationIntent{VerSelectTab{VerTab::Imports}});
        }
    }
    const bool work = draw_verification_work_tabs(s, out, report || imports);   // 实体服务 / 死亡核查 / 回访
    ImGui::Spacing();
    ImGui::BeginChild("ver.body", ImVec2(0, 0), false, ImGuiWindowFlags_NavFlattened);
    if (work) draw_verification_work(s, out);
    else if (v.tab == VerTab::Imports && imports) draw_imports(s, out);
    else if (report) draw_report_tab(s, out);   // ui/verification_report.cpp
    else muted("本账号在核查中的工作（疑点答复、回访）将在此处显示");
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
