// The confirmation dialog (app/nav_state.hpp ConfirmDialog): a modal over every screen naming the order and
// what will happen; Enter confirms, Esc cancels (the keys work without touching the mouse, as the desk works).
#include <algorithm>
#include <string>

#include <imgui.h>

#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

constexpr const char* kPopupId = "###yiyang.confirm";

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

}  // namespace

Intents draw_confirm_dialog(const AppState& s) {
    Intents out;
    const bool want = s.nav.confirm.has_value();
    if (want && !ImGui::IsPopupOpen(kPopupId)) ImGui::OpenPopup(kPopupId);
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(px(480), io.DisplaySize.x - px(24)), 0), ImGuiCond_Always);
    const std::string title = (want ? s.nav.confirm->title : std::string("确认")) + kPopupId;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(18), px(14)));
    const bool open = ImGui::BeginPopupModal(title.c_str(), nullptr,
                                             ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                 ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar();
    if (!open) return out;
    if (!want) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return out;
    }
    const ConfirmDialog& d = *s.nav.confirm;
    tag("confirm.dialog");
    tag_rect("confirm.window", ImGui::GetWindowPos(),
             ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                    ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
    tag_text("confirm.dialog", d.id);
    ImGui::Spacing();
    wrapped_text(d.message, ImGui::GetColorU32(ImGuiCol_Text));
    tag("confirm.message");
    tag_text("confirm.message", d.message);
    ImGui::Spacing();
    muted("按 Enter 确认，按 Esc 取消");
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const std::string ok = d.confirm_label + "（Enter）##confirm_ok";
    const std::string cancel = d.cancel_label + "（Esc）##confirm_cancel";
    bool confirmed = d.danger ? danger_button(ok.c_str()) : primary_button(ok.c_str());
    tag("confirm.ok");
    ImGui::SameLine();
    bool cancelled = ImGui::Button(cancel.c_str());
    tag("confirm.cancel");
    // Not on the frame it appears: the key that asked for the action must not also answer it.
    if (!ImGui::IsWindowAppearing()) {
        if (key_pressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))
            confirmed = true;
        if (key_pressed(ImGuiKey_Escape)) cancelled = true;
    }
    if (confirmed) out.push_back(NavIntent{NavConfirm{}});
    else if (cancelled) out.push_back(NavIntent{NavCancel{}});
    ImGui::EndPopup();
    return out;
}

}  // namespace yiyang::client::ui
