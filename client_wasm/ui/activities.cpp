// 工作台账 (app/activities_state.hpp; issue 13): the month's activity records by kind and status, a form to enter or
// correct one, the chosen record with its evidence (image thumbnails, PDFs opened as downloads), 添加佐证文件 for the
// desk, 审核通过 / 退回 (a reason typed first) for supervisors, and 导出 / 打印. Every count is the server's reply.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/photos.hpp"
#include "ui/date_picker.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

// A chip that is on (the accent button) or off.
bool toggle(const char* label, bool on) { return on ? primary_button(label) : ImGui::Button(label); }

ImU32 status_colour(const std::string& status) {
    if (status == "approved") return colors::kSuccess;
    if (status == "returned") return colors::kError;
    return col(palette::kWarning);
}

std::string month_label(const std::string& month) {
    if (month.size() != 7) return month;
    return month.substr(0, 4) + "年" + std::to_string(std::stoi(month.substr(5, 2))) + "月";
}

const wire::ActivityKindView* kind_of(const ActivitiesState& A, const std::string& code) {
    if (!A.list) return nullptr;
    for (const auto& k : A.list->kinds)
        if (k.code == code) return &k;
    return nullptr;
}

std::string amount_text(const wire::ActivityView& a, const wire::ActivityKindView* k) {
    if (k && k->measure == "quantity") return k->quantity_label + " " + std::to_string(a.quantity);
    if (k && k->measure == "counts")
        return k->numerator_label + " " + std::to_string(a.numerator) + " / " + k->denominator_label + " " + std::to_string(a.denominator);
    if (!a.channel.empty()) return a.channel;
    return "";
}

void header_bar(const AppState& s, const ActivitiesState& A, Intents& out) {
    heading("工作台账");
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + px(4));
    muted("培训、宣传、检查等工作记录及佐证；主管审核后计入绩效目标表");
    if (ImGui::Button("上一月##activities.prev")) out.push_back(ActivitiesIntent{ShiftActivityMonth{-1}});
    tag("activities.prev");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string label = month_label(A.month);
    ImGui::TextUnformatted(label.c_str());
    tag_text("activities.month", A.month);
    ImGui::SameLine();
    if (ImGui::Button("下一月##activities.next")) out.push_back(ActivitiesIntent{ShiftActivityMonth{1}});
    tag("activities.next");
    // Kind and status filters.
    std::vector<std::string> kind_labels;
    int kind_sel = 0;
    if (A.list) {
        for (std::size_t i = 0; i < A.list->kinds.size(); ++i) {
            kind_labels.push_back(A.list->kinds[i].name_zh);
            if (A.list->kinds[i].code == A.kind) kind_sel = static_cast<int>(i) + 1;
        }
    }
    const float combo_w = em(11);
    flow(combo_w);
    const int k = filter_combo("##activities.kind", kind_sel == 0 ? "全部类别" : kind_labels[static_cast<std::size_t>(kind_sel - 1)],
                               kind_labels, kind_sel, "全部类别", combo_w, "activities.kind");
    tag("activities.kind");
    if (k >= 0) out.push_back(ActivitiesIntent{FilterActivities{k == 0 ? std::string() : A.list->kinds[static_cast<std::size_t>(k - 1)].code, A.status}});
    struct St { const char* code; const char* label; };
    const St statuses[] = {{"", "全部"}, {"entered", "待审核"}, {"approved", "已审核"}, {"returned", "已退回"}};
    for (const auto& st : statuses) {
        flow(button_w(st.label));
        if (toggle((std::string(st.label) + "##activities.status." + st.code).c_str(), A.status == st.code))
            out.push_back(ActivitiesIntent{FilterActivities{A.kind, st.code}});
        tag(std::string("activities.status.") + (st.code[0] ? st.code : "all"));
    }
    if (A.list && A.list->may_record) {
        flow(button_w("录入记录"));
        if (primary_button("录入记录##activities.new")) out.push_back(ActivitiesIntent{OpenActivityForm{0}});
        tag("activities.new");
    }
    flow(button_w("导出") + button_w("打印") + px(8));
    export_print_buttons(s, "activities", "activities");
    if (A.list) {
        flow_text("本月：待审核 " + std::to_string(A.list->entered) + " 条，已审核 " + std::to_string(A.list->approved) +
                  " 条，已退回 " + std::to_string(A.list->returned) + " 条");
        tag_text("activities.counts", std::to_string(A.list->approved));
    }
}

void list_table(const ActivitiesState& A, Intents& out) {
    if (!A.error.empty()) {
        wrapped_text(A.error, colors::kError);
        tag_text("activities.error", A.error);
        return;
    }
    if (!A.list) {
        spinner(px(8), colors::kAccent);
        ImGui::SameLine();
        muted("正在加载…");
        return;
    }
    if (A.list->items.empty()) {
        muted("本月没有符合条件的记录");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("activities.table", 5, flags, ImVec2(0, ImGui::GetContentRegionAvail().y), table_inner_width(40)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("日期", ImGuiTableColumnFlags_WidthFixed, em(5.2f));
    ImGui::TableSetupColumn("类别", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("标题", ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em(3.4f));
    ImGui::TableSetupColumn("佐证", ImGuiTableColumnFlags_WidthFixed, em(2.4f));
    ImGui::TableHeadersRow();
    for (const auto& a : A.list->items) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string rid = "activities.row." + std::to_string(a.id);
        if (ImGui::Selectable((a.date + "##" + rid).c_str(), A.selected == a.id, ImGuiSelectableFlags_SpanAllColumns))
            out.push_back(ActivitiesIntent{SelectActivity{a.id}});
        tag(rid);
        tag_text(rid, a.title);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.kind_name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.title.c_str());
        ImGui::TableNextColumn();
        colored_text(a.status_label, status_colour(a.status));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::to_string(a.files).c_str());
    }
    ImGui::EndTable();
}

// A labelled text field of the form, tagged "activities.form.<key>", its error (if any) below it.
void form_text(const ActivitiesState& A, const char* label, const char* key, std::string& value, bool& changed,
               const char* hint = "") {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(em(6));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint((std::string("##activities.form.") + key).c_str(), hint, &value)) changed = true;
    tag(std::string("activities.form.") + key);
    for (const auto& e : A.form_errors)
        if (e.field == key) field_error("activities.form", key, e.message_zh);
}

void form_int(const ActivitiesState& A, const std::string& label, const char* key, std::int64_t& value, bool& changed) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label.c_str());
    ImGui::SameLine(em(6));
    ImGui::SetNextItemWidth(em(8));
    int v = static_cast<int>(value);
    if (ImGui::InputInt((std::string("##activities.form.") + key).c_str(), &v, 0, 0)) {
        value = std::max(0, v);
        changed = true;
    }
    tag(std::string("activities.form.") + key);
    for (const auto& e : A.form_errors)
        if (e.field == key) field_error("activities.form", key, e.message_zh);
}

void form_panel(const AppState& s, const ActivitiesState& A, Intents& out) {
    ActivityForm f = A.form;
    bool changed = false;
    colored_text(f.id == 0 ? "录入工作记录" : "修改记录（修改后重新等待审核）", colors::kAccent);
    tag("activities.form");
    ImGui::Separator();
    // Kind: a chip per kind (15 kinds wrap in the pane).
    ImGui::TextUnformatted("类别");
    if (A.list) {
        for (std::size_t i = 0; i < A.list->kinds.size(); ++i) {
            const auto& k = A.list->kinds[i];
            const std::string lbl = k.name_zh + "##activities.form.kind." + k.code;
            if (i > 0) flow(button_w(k.name_zh.c_str()));
            if (toggle(lbl.c_str(), f.kind == k.code)) {
                f.kind = k.code;
                changed = true;
            }
            tag("activities.form.kind." + k.code);
        }
    }
    for (const auto& e : A.form_errors)
        if (e.field == "kind") field_error("activities.form", "kind", e.message_zh);
    const auto* kind = kind_of(A, f.kind);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("日期");
    ImGui::SameLine(em(6));
    if (date_field("activities.form.date", f.date, s.today)) changed = true;
    for (const auto& e : A.form_errors)
        if (e.field == "date") field_error("activities.form", "date", e.message_zh);
    form_text(A, "标题", "title", f.title, changed, "例如：第三期话务坐席培训");
    form_text(A, kind && kind->measure == "distinct_places" ? "展示点" : "地点", "place", f.place, changed);
    form_int(A, "参加人数", "participants", f.participants, changed);
    form_text(A, "参加人员", "participants_text", f.participants_text, changed, "可填单位、姓名或人数说明");
    if (kind && kind->measure == "quantity") form_int(A, kind->quantity_label, "quantity", f.quantity, changed);
    if (kind && kind->measure == "counts") {
        form_int(A, kind->denominator_label, "denominator", f.denominator, changed);
        form_int(A, kind->numerator_label, "numerator", f.numerator, changed);
    }
    if (kind && !kind->channels.empty()) {
        ImGui::TextUnformatted("渠道");
        for (std::size_t i = 0; i < kind->channels.size(); ++i) {
            const auto& c = kind->channels[i];
            if (i > 0) flow(button_w(c.c_str()));
            if (toggle((c + "##activities.form.channel." + std::to_string(i)).c_str(), f.channel == c)) {
                f.channel = c;
                changed = true;
            }
            tag("activities.form.channel." + std::to_string(i));
        }
        for (const auto& e : A.form_errors)
            if (e.field == "channel") field_error("activities.form", "channel", e.message_zh);
    }
    form_text(A, "备注", "note", f.note, changed);
    if (changed) out.push_back(ActivitiesIntent{EditActivityForm{f}});
    ImGui::Spacing();
    ImGui::BeginDisabled(A.saving);
    if (primary_button("保存##activities.form.save")) out.push_back(ActivitiesIntent{SaveActivity{}});
    ImGui::EndDisabled();
    tag("activities.form.save");
    ImGui::SameLine();
    if (ImGui::Button("取消##activities.form.cancel")) out.push_back(ActivitiesIntent{CloseActivityForm{}});
    tag("activities.form.cancel");
    if (!A.form_error.empty()) {
        wrapped_text(A.form_error, colors::kError);
        tag_text("activities.form.error", A.form_error);
    }
}

void evidence_tile(const wire::ActivityFileView& f, float side) {
    ImGui::PushID(static_cast<int>(f.id));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("file", ImVec2(side, side));
    auto* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + side, at.y + side), col(palette::kThumbBack), px(4));
    if (!f.thumb_url.empty()) {
        const auto tex = photo_texture(f.thumb_url);
        if (tex.state == 1 && tex.width > 0 && tex.height > 0) {
            const float k = std::min(side / static_cast<float>(tex.width), side / static_cast<float>(tex.height));
            const float w = tex.width * k, h = tex.height * k;
            const ImVec2 a(at.x + (side - w) / 2, at.y + (side - h) / 2);
            dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id)), a, ImVec2(a.x + w, a.y + h));
            if (f.mime == "application/pdf") {
                // A PDF's first page: marked as a PDF, so that nobody takes it for a photo.
                const ImVec2 bs = ImGui::CalcTextSize("PDF");
                const ImVec2 b0(at.x + px(4), at.y + px(4)), b1(b0.x + bs.x + px(8), b0.y + bs.y + px(4));
                dl->AddRectFilled(b0, b1, colors::kError, px(3));
                dl->AddText(ImVec2(b0.x + px(4), b0.y + px(2)), IM_COL32(255, 255, 255, 255), "PDF");
            }
        } else {
            const char* t = tex.state < 0 ? "无法显示" : "加载中…";
            const ImVec2 ts = ImGui::CalcTextSize(t);
            dl->AddText(ImVec2(at.x + (side - ts.x) / 2, at.y + (side - ts.y) / 2), colors::kMuted, t);
        }
    } else {
        // A PDF: its badge and name (opened as a download).
        const char* t = "PDF";
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText(ImVec2(at.x + (side - ts.x) / 2, at.y + side * 0.3f), colors::kError, t);
        std::string name = f.name.empty() ? "文件" : f.name;
        if (name.size() > 24) name = name.substr(0, name.rfind('.') == std::string::npos ? 21 : std::min<std::size_t>(21, name.size())) + "…";
        const ImVec2 ns = ImGui::CalcTextSize(name.c_str());
        dl->PushClipRect(at, ImVec2(at.x + side, at.y + side), true);
        dl->AddText(ImVec2(at.x + std::max(px(4), (side - ns.x) / 2), at.y + side * 0.6f), colors::kMuted, name.c_str());
        dl->PopClipRect();
    }
    dl->AddRect(at, ImVec2(at.x + side, at.y + side), col(palette::kThumbBorder), px(4));
    const std::string id = "activities.file." + std::to_string(f.id);
    tag(id);
    tag_text(id, f.mime);
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", ((f.name.empty() ? std::string("（未命名）") : f.name) + "\n" + f.mime + "，" +
                                 std::to_string(f.size / 1024 + 1) + " KB\n上传：" + f.uploaded_by + "　" + f.uploaded_at +
                                 "\nSHA-256：" + f.sha256.substr(0, 16) + "…\n点击" +
                                 (f.mime == "application/pdf" ? "下载 PDF" : f.thumb_url.empty() ? "下载" : "在新标签页查看原图")).c_str());
    }
    if (clicked) open_in_new_tab(f.full_url);
    ImGui::PopID();
}

void detail_panel(const ActivitiesState& A, Intents& out) {
    if (!A.action_notice.empty()) {
        wrapped_text(A.action_notice, colors::kSuccess);
        tag_text("activities.notice", A.action_notice);
    }
    if (!A.action_error.empty()) {
        wrapped_text(A.action_error, colors::kError);
        tag_text("activities.action_error", A.action_error);
    }
    if (A.selected == 0) {
        muted("点击左侧一条记录查看详情与佐证文件");
        return;
    }
    if (!A.detail) {
        spinner(px(8), colors::kAccent);
        return;
    }
    const auto& a = *A.detail;
    const auto* kind = kind_of(A, a.kind);
    colored_text(a.title, colors::kAccent);
    tag_text("activities.detail.title", a.title);
    ImGui::SameLine();
    colored_text("【" + a.status_label + "】", status_colour(a.status));
    tag_text("activities.detail.status", a.status);
    ImGui::Separator();
    auto line = [](const std::string& k, const std::string& v) {
        if (v.empty()) return;
        muted(k);
        ImGui::SameLine(em(6));
        wrapped_text(v, ImGui::GetColorU32(ImGuiCol_Text));
    };
    line("类别", a.kind_name);
    line("日期", a.date);
    line("地点", a.place);
    line("参加人数", a.participants ? std::to_string(a.participants) : std::string());
    line("参加人员", a.participants_text);
    line(kind && kind->measure == "quantity" ? "数量" : kind && kind->measure == "counts" ? "件数" : "渠道", amount_text(a, kind));
    line("备注", a.note);
    line("录入", a.entered_by + "　" + a.entered_at.substr(0, 16));
    if (!a.decided_by.empty()) line(a.status == "returned" ? "退回" : "审核", a.decided_by + "　" + a.decided_at.substr(0, 16));
    line("退回原因", a.status == "returned" ? a.reason : std::string());
    ImGui::Spacing();
    colored_text("佐证文件（" + std::to_string(a.evidence.size()) + " 个）", colors::kAccent);
    tag_text("activities.detail.files", std::to_string(a.evidence.size()));
    const bool open = a.status != "approved";
    if (A.list && A.list->may_record && open) {
        ImGui::SameLine();
        ImGui::BeginDisabled(A.uploads_pending > 0);
        if (ImGui::SmallButton("添加佐证文件##activities.add_file")) pick_activity_files(a.id);
        ImGui::EndDisabled();
        tag("activities.add_file");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("照片、签到表或 PDF（JPEG、PNG、WebP、PDF，每个不超过 8 MB；按文件内容核对类型）");
        ImGui::SameLine();
        if (ImGui::SmallButton("修改##activities.edit")) out.push_back(ActivitiesIntent{OpenActivityForm{a.id}});
        tag("activities.edit");
    }
    if (A.uploads_pending > 0) muted("正在上传 " + std::to_string(A.uploads_pending) + " 个文件…");
    if (a.evidence.empty()) {
        muted(open ? "尚无佐证文件：审核前请上传照片、签到表或 PDF" : "尚无佐证文件");
    } else {
        const float side = px(104);
        const float right = ImGui::GetContentRegionAvail().x;
        float x = 0.0f;
        for (const auto& f : a.evidence) {
            if (x > 0.0f && x + ImGui::GetStyle().ItemSpacing.x + side <= right) {
                ImGui::SameLine();
                x += ImGui::GetStyle().ItemSpacing.x + side;
            } else {
                x = side;
            }
            evidence_tile(f, side);
        }
    }
    if (A.list && A.list->may_approve && a.status == "entered") {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::BeginDisabled(A.acting);
        if (primary_button("审核通过##activities.approve")) out.push_back(ActivitiesIntent{DecideActivity{a.id, true}});
        tag("activities.approve");
        ImGui::SameLine();
        std::string reason = A.return_reason;
        ImGui::SetNextItemWidth(std::max(em(8), ImGui::GetContentRegionAvail().x - button_w("退回") - px(12)));
        if (ImGui::InputTextWithHint("##activities.reason", "退回原因（2–200 字）", &reason))
            out.push_back(ActivitiesIntent{EditReturnReason{reason}});
        tag("activities.reason");
        ImGui::SameLine();
        if (ImGui::Button("退回##activities.return")) out.push_back(ActivitiesIntent{DecideActivity{a.id, false}});
        tag("activities.return");
        ImGui::EndDisabled();
    }
}

}  // namespace

Intents draw_activities(const AppState& s) {
    Intents out;
    const ActivitiesState& A = s.activities;
    for (auto& e : take_activity_file_events()) {
        if (e.started) out.push_back(ActivitiesIntent{ActivityUploadStarted{e.order_id, e.count}});
        else out.push_back(ActivitiesIntent{ActivityUploaded{e.order_id, e.status, e.text}});
    }
    header_bar(s, A, out);
    ImGui::Dummy(ImVec2(0, px(2)));
    const Panes panes = split_panes(0.5f, em(26), em(60), em(24), 0.45f);
    ImGui::BeginChild("activities.left", panes.list, false);
    list_table(A, out);
    ImGui::EndChild();
    if (!panes.stacked) ImGui::SameLine();
    ImGui::BeginChild("activities.right", panes.detail, true);
    if (A.form_open) form_panel(s, A, out);
    else detail_panel(A, out);
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
