// The SOS banner (紧急求助): drawn by the frame above every screen's content for agents, supervisors and admins
// while an emergency order is open — red, flashing (~2 Hz) while one is unacknowledged, each with its code,
// town, description, the countdown to its answer target, 确认接警 and 派单. Nothing for other roles.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/order_format.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

constexpr std::size_t kMaxRows = 3;       // more than three: "另有 N 条" (the orders screen lists them all)

std::string countdown_text(double left, bool known) {
    if (!known) return "计时中";
    if (left > 0) return "剩余 " + std::to_string(static_cast<long long>(std::ceil(left))) + " 秒";
    const auto over = static_cast<long long>(std::floor(-left));
    if (over < 120) return "超时 " + std::to_string(over) + " 秒";
    return "超时 " + duration_text(over);   // an emergency left open for hours: "超时 11小时59分"
}

}  // namespace

Intents draw_sos_banner(const AppState& s) {
    Intents out;
    const LiveState& L = s.live;
    if (!s.user || !L.sees_emergencies || L.emergencies.empty()) return out;

    bool unacked = false;
    for (const auto& e : L.emergencies) unacked = unacked || !e.acknowledged_at;
    // Flashing: the background alternates every 250 ms while someone still has to answer.
    const bool bright = unacked && (static_cast<long long>(L.clock_ms / 250.0) % 2 == 0);
    const ImU32 bg = bright ? col(palette::kSosBright) : col(palette::kSos);
    const std::size_t shown = std::min(L.emergencies.size(), kMaxRows);
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2 + px(2);
    const float title_h = ImGui::GetTextLineHeightWithSpacing();
    const float more_h = L.emergencies.size() > kMaxRows ? ImGui::GetTextLineHeightWithSpacing() : 0.0f;
    const float h = px(16) + title_h + row_h * static_cast<float>(shown) + more_h + px(8);

    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(bg));
    ImGui::PushStyleColor(ImGuiCol_Border, vec(palette::kSosBorder));
    ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kOnDark));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(14), px(8)));
    ImGui::BeginChild("sos.banner", ImVec2(0, h), true,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    const ImVec2 bmin = ImGui::GetWindowPos();
    const ImVec2 bmax(bmin.x + ImGui::GetWindowWidth(), bmin.y + ImGui::GetWindowHeight());

    std::string title = "紧急求助 " + std::to_string(L.emergencies.size()) + " 条";
    title += unacked ? " — 请在 30 秒内确认接警并派单" : " — 已确认，请尽快派单";
    ImGui::TextUnformatted(title.c_str());

    const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoPadOuterX;
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, ImVec4(0, 0, 0, 0));
    if (ImGui::BeginTable("sos.rows", 5, flags)) {
        ImGui::TableSetupColumn("code", ImGuiTableColumnFlags_WidthFixed, px(170));
        ImGui::TableSetupColumn("town", ImGuiTableColumnFlags_WidthFixed, px(110));
        ImGui::TableSetupColumn("desc", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("countdown", ImGuiTableColumnFlags_WidthFixed, px(110));
        ImGui::TableSetupColumn("actions", ImGuiTableColumnFlags_WidthFixed, px(250));
        const bool clock_known = L.server_now_s > 0;
        // The newest on top: the call just coming in is the one to take, and it stays in place when acknowledged.
        std::vector<const EmergencyItem*> order;
        for (const auto& e : L.emergencies) order.push_back(&e);
        std::stable_sort(order.begin(), order.end(), [](const EmergencyItem* a, const EmergencyItem* b) {
            return a->created_at > b->created_at;
        });
        for (std::size_t i = 0; i < shown; ++i) {
            const EmergencyItem& e = *order[i];
            const std::string id = std::to_string(e.id);
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(e.code.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(e.town_name.c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(e.description.c_str());      // the cell clips a long description
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const double left = emergency_seconds_left(e, L.server_now_s);
            const std::string cd = e.acknowledged_at ? std::string("已确认") : countdown_text(left, clock_known);
            if (!e.acknowledged_at && clock_known && left <= 0) {
                colored_text(cd, col(palette::kSosOverdue));    // overdue: yellow on red
            } else {
                ImGui::TextUnformatted(cd.c_str());
            }
            tag("sos.countdown." + id);
            tag_text("sos.countdown." + id,
                     clock_known ? std::to_string(static_cast<long long>(std::ceil(left))) : std::string());
            tag_text("sos.countdown_text." + id, cd);
            ImGui::TableNextColumn();
            if (e.acknowledged_at) {
                ImGui::AlignTextToFramePadding();
                const std::string who = "已由 " + (e.acknowledged_by_name.empty() ? std::string("坐席") : e.acknowledged_by_name) + " 确认";
                ImGui::TextUnformatted(who.c_str());
                tag("sos.acked." + id);
                tag_text("sos.acked." + id, who);
            } else {
                ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kSosButton));
                ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kSosButtonHover));
                ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kSosButtonActive));
                ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kSosButtonText));
                if (e.ack_pending) ImGui::BeginDisabled();
                if (ImGui::Button(("确认接警##sos.ack." + id).c_str())) out.push_back(LiveIntent{AcknowledgeEmergency{e.id}});
                if (e.ack_pending) ImGui::EndDisabled();
                ImGui::PopStyleColor(4);
                tag("sos.ack." + id);
            }
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kSosGhost));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kSosGhostHover));
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kSosGhostActive));
            ImGui::PushStyleColor(ImGuiCol_Border, vec(palette::kSosGhostBorder));
            if (ImGui::Button(("派单##sos.open." + id).c_str())) out.push_back(LiveIntent{OpenEmergency{e.id}});
            ImGui::PopStyleColor(4);
            tag("sos.open." + id);
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleColor();
    if (L.emergencies.size() > kMaxRows) {
        ImGui::TextUnformatted(("另有 " + std::to_string(L.emergencies.size() - kMaxRows) + " 条紧急求助，请在工单中查看").c_str());
    }
    ImGui::EndChild();
    ImGui::PopStyleColor(3);
    tag_rect("sos.banner", bmin, bmax);
    tag_text("sos.banner", unacked ? "flashing" : "steady");
    ImGui::Dummy(ImVec2(0, px(2)));
    return out;
}

}  // namespace yiyang::client::ui
