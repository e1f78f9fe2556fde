// 展厅 (app/exhibition_state.hpp): the fortnight's days as chips, the chosen day's slots with seats (capacity,
// approved, left, waiting) and every booking with 批准 / 不批准 (a reason typed first) for the staff who run the hall,
// the open days with registrations and seats left, and the check-in pad (ui/check_in.hpp). Every number is the
// server's reply; contacts come masked for roles that do not run the hall.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "platform/services.hpp"
#include "ui/check_in.hpp"
#include "ui/table_tools.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

bool runs_hall(const AppState& s) { return s.user && may(s.user->role, Permission::ManageVisits); }
bool checks_in(const AppState& s) { return s.user && may(s.user->role, Permission::CheckInVisits); }

ImU32 status_colour(const std::string& status) {
    if (status == "approved" || status == "received") return colors::kSuccess;
    if (status == "declined" || status == "no_show") return colors::kError;
    if (status == "requested") return col(palette::kWarning);
    return colors::kMuted;
}

void header_bar(const ExhibitionState& E, Intents& out) {
    if (ImGui::Button("上一周##exhibition.prev")) out.push_back(ExhibitionIntent{ShiftExhibitionWeek{-1}});
    tag("exhibition.prev");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string range = E.board ? E.board->from + " 至 " + E.board->to : std::string("加载中…");
    ImGui::TextUnformatted(range.c_str());
    tag_text("exhibition.range", range);
    ImGui::SameLine();
    if (ImGui::Button("下一周##exhibition.next")) out.push_back(ExhibitionIntent{ShiftExhibitionWeek{1}});
    tag("exhibition.next");
    ImGui::SameLine();
    if (ImGui::Button("刷新##exhibition.reload")) out.push_back(ExhibitionIntent{ReloadExhibition{}});
    tag("exhibition.reload");
    // The desk's day list of the chosen day (接待名单): groups and open-day registrations, XLSX or the A4 page.
    if (!E.day.empty()) {
        const std::string list = "/api/v1/visits?from=" + E.day + "&to=" + E.day;
        same_line_wrap(button_w("导出接待名单##exhibition.export"));
        if (ImGui::Button("导出接待名单##exhibition.export")) open_url(export_url(list, ".xlsx"), true);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", (E.day + " 的团体和开放日报名，导出为 Excel（XLSX）").c_str());
        tag("exhibition.export");
        same_line_wrap(button_w("打印##exhibition.print"));
        if (ImGui::Button("打印##exhibition.print")) open_url(export_url(list, ".html"), false);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", (E.day + " 的接待名单 A4 打印版（含签字栏）").c_str());
        tag("exhibition.print");
    }
    if (E.board) {
        ImGui::SameLine();
        const std::string waiting = "待审批 " + std::to_string(E.board->requested) + " 个团体";
        colored_text(waiting, E.board->requested > 0 ? col(palette::kWarning) : colors::kMuted);
        tag_text("exhibition.requested", waiting);
    }
    if (!E.error.empty()) colored_text(E.error, colors::kError);
    if (!E.action_error.empty()) {
        wrapped_text(E.action_error, colors::kError);
        tag_text("exhibition.action_error", E.action_error);
    }
    if (!E.action_notice.empty()) {
        wrapped_text(E.action_notice, colors::kSuccess);
        tag_text("exhibition.action_notice", E.action_notice);
    }
}

// The days of the range that have slots, as chips (the chosen one highlighted).
void day_chips(const ExhibitionState& E, Intents& out) {
    if (!E.board) return;
    std::vector<std::string> days;
    for (const auto& s : E.board->slots)
        if (days.empty() || days.back() != s.day) days.push_back(s.day);
    if (days.empty()) {
        muted("这两周没有开放参观时段");
        return;
    }
    for (std::size_t i = 0; i < days.size(); ++i) {
        const std::string label = days[i].substr(5) + "##exhibition.day." + days[i];
        if (i > 0) same_line_wrap(button_w(label.c_str()));
        const bool chosen = days[i] == E.day;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kHeader));
        if (ImGui::Button(label.c_str(), ImVec2(0, px(40)))) out.push_back(ExhibitionIntent{SelectExhibitionDay{days[i]}});
        if (chosen) ImGui::PopStyleColor();
        tag("exhibition.day." + days[i]);
    }
}

void booking_row(const AppState& s, const ExhibitionState& E, const wire::VisitBookingView& b, Intents& out) {
    const std::string row = "exhibition.booking." + std::to_string(b.id);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(("  " + b.code).c_str());
    tag_text(row + ".code", b.code);
    ImGui::TableNextColumn();
    wrapped_text(b.organisation, ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::TableNextColumn();
    ImGui::Text("%lld 人", static_cast<long long>(b.visitors));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((b.contact_name + " " + b.contact_phone).c_str());
    ImGui::TableNextColumn();
    colored_text(b.status_label, status_colour(b.status));
    tag_text(row + ".status", b.status);
    if (!b.reason.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", b.reason.c_str());
    ImGui::TableNextColumn();
    if (b.status != "requested" || !runs_hall(s)) return;
    ImGui::BeginDisabled(E.acting);
    if (E.declining == b.id) {
        auto it = E.reasons.find(b.id);
        std::string reason = it == E.reasons.end() ? std::string() : it->second;
        ImGui::SetNextItemWidth(em(10));
        if (ImGui::InputTextWithHint(("##" + row + ".reason").c_str(), "不批准的原因", &reason))
            out.push_back(ExhibitionIntent{EditDeclineReason{b.id, reason}});
        tag(row + ".reason");
        ImGui::SameLine();
        if (ImGui::Button(("确定不批准##" + row + ".decline_confirm").c_str()))
            out.push_back(ExhibitionIntent{DecideBooking{b.id, false}});
        tag(row + ".decline_confirm");
        ImGui::SameLine();
        if (ImGui::Button(("取消##" + row + ".decline_cancel").c_str())) out.push_back(ExhibitionIntent{StartDecline{0}});
    } else {
        if (primary_button(("批准##" + row + ".approve").c_str())) out.push_back(ExhibitionIntent{DecideBooking{b.id, true}});
        tag(row + ".approve");
        ImGui::SameLine();
        if (ImGui::Button(("不批准##" + row + ".decline").c_str())) out.push_back(ExhibitionIntent{StartDecline{b.id}});
        tag(row + ".decline");
    }
    ImGui::EndDisabled();
}

void slots_table(const AppState& s, const ExhibitionState& E, Intents& out, float height) {
    if (!E.board) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("exhibition.slots", 6, flags, ImVec2(0, height), table_inner_width(52))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("时段 / 预约码", ImGuiTableColumnFlags_WidthFixed, em(7));
    ImGui::TableSetupColumn("单位", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("人数", ImGuiTableColumnFlags_WidthFixed, em(4));
    ImGui::TableSetupColumn("联系人", ImGuiTableColumnFlags_WidthFixed, em(9));
    ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthFixed, em(4));
    ImGui::TableSetupColumn("操作", ImGuiTableColumnFlags_WidthFixed, em(14));
    ImGui::TableHeadersRow();
    for (const auto& slot : E.board->slots) {
        if (slot.day != E.day) continue;
        ImGui::TableNextRow();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, col(palette::kTableHeader));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((slot.start + "–" + slot.end).c_str());
        tag("exhibition.slot." + std::to_string(slot.id));
        ImGui::TableNextColumn();
        const std::string seats = "容量 " + std::to_string(slot.capacity) + " 人，已批准 " + std::to_string(slot.seats_taken) +
                                  " 人，余位 " + std::to_string(slot.seats_left) +
                                  (slot.requested_visitors > 0 ? "，待审批 " + std::to_string(slot.requested_visitors) + " 人" : "") +
                                  (slot.closed ? "（已关闭）" : "");
        ImGui::TextUnformatted(seats.c_str());
        tag_text("exhibition.slot." + std::to_string(slot.id) + ".seats", seats);
        for (int c = 0; c < 4; ++c) ImGui::TableNextColumn();
        if (slot.bookings.empty()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            muted("暂无预约");
        }
        for (const auto& b : slot.bookings) booking_row(s, E, b, out);
    }
    ImGui::EndTable();
}

void open_days(const ExhibitionState& E, Intents& out) {
    if (!E.board) return;
    heading("市民开放日");
    if (E.board->open_days.empty()) {
        muted("这两周没有开放日活动");
        return;
    }
    for (const auto& d : E.board->open_days) {
        const std::string id = "exhibition.open_day." + std::to_string(d.id);
        const std::string line = d.day + " " + d.start + "–" + d.end + " " + d.title + "（" + d.place + "）" +
                                 (d.cancelled ? " 已取消" : "");
        if (ImGui::Selectable((line + "##" + id).c_str(), E.open_day == d.id))
            out.push_back(ExhibitionIntent{SelectOpenDay{E.open_day == d.id ? 0 : d.id}});
        tag(id);
        const std::string figures = "名额 " + std::to_string(d.capacity) + "，已报名 " + std::to_string(d.seats_taken) +
                                    " 人（" + std::to_string(d.registrations) + " 份），余位 " + std::to_string(d.seats_left) +
                                    "，已签到 " + std::to_string(d.received_people) + " 人";
        muted(figures);
        tag_text(id + ".figures", figures);
    }
    if (E.open_day_detail && E.open_day_detail->open_day.id == E.open_day) {
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
        if (ImGui::BeginTable("exhibition.registrations", 5, flags)) {
            ImGui::TableSetupColumn("报名码", ImGuiTableColumnFlags_WidthFixed, em(5));
            ImGui::TableSetupColumn("姓名", ImGuiTableColumnFlags_WidthFixed, em(5));
            ImGui::TableSetupColumn("手机号", ImGuiTableColumnFlags_WidthFixed, em(7));
            ImGui::TableSetupColumn("人数", ImGuiTableColumnFlags_WidthFixed, em(3));
            ImGui::TableSetupColumn("状态", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableHeadersRow();
            for (const auto& g : E.open_day_detail->registrations) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(g.code.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(g.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(g.phone.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(g.people));
                ImGui::TableNextColumn();
                colored_text(g.status_label, g.status == "received" ? colors::kSuccess : colors::kMuted);
            }
            ImGui::EndTable();
        }
    }
}

void check_in_panel(const ExhibitionState& E, Intents& out) {
    heading("签到");
    muted("输入预约码或报名码（参观当天）");
    const int length = E.board ? static_cast<int>(E.board->code_length) : 6;
    // A desk's pad: chips of about 56 px (a full-width pad had 117 px chips, its last rows below the fold).
    const auto pad = check_in_pad("exhibition.checkin", E.code, length,
                                  std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 36), E.checking_in);
    if (pad.edited) out.push_back(ExhibitionIntent{EditCheckInCode{*pad.edited}});
    if (pad.submit) out.push_back(ExhibitionIntent{SubmitCheckIn{}});
    if (E.checked_in) {
        wrapped_text(E.checked_in->message, colors::kSuccess);
        tag_text("exhibition.checkin.result", E.checked_in->message);
    }
    if (!E.check_in_error.empty()) {
        wrapped_text(E.check_in_error, colors::kError);
        tag_text("exhibition.checkin.error", E.check_in_error);
    }
}

}  // namespace

Intents draw_exhibition(const AppState& s) {
    Intents out;
    const ExhibitionState& E = s.exhibition;
    header_bar(E, out);
    day_chips(E, out);
    const Panes panes = split_panes(0.62f, em(30), em(70), em(24), 0.55f);
    ImGui::BeginChild("exhibition.left", panes.list, false);
    slots_table(s, E, out, std::max(em(10), ImGui::GetContentRegionAvail().y * 0.55f));
    open_days(E, out);
    ImGui::EndChild();
    if (!panes.stacked) ImGui::SameLine();
    ImGui::BeginChild("exhibition.right", panes.detail, false);
    if (checks_in(s)) check_in_panel(E, out);
    ImGui::EndChild();
    return out;
}

}  // namespace yiyang::client::ui
