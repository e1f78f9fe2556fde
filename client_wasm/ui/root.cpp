// The one full-window ImGui window the dashboard draws into, and the choice of screen.
#include <imgui.h>

#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

Intents draw_root(const AppState& s) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                                   ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##yiyang", nullptr, flags);
    ImGui::PopStyleVar();
    Intents out;
    switch (s.screen) {
        case Screen::Loading: break;
        case Screen::SignIn: out = draw_sign_in(s); break;
        case Screen::ChangePassword: out = draw_change_password(s); break;
        case Screen::Home:
        case Screen::ElderList:
        case Screen::ElderProfile:
        case Screen::Intake:
        case Screen::Orders:
        case Screen::OrderDetail:
        case Screen::Watch:
        case Screen::Kpis:
        case Screen::Knowledge:
        case Screen::Rules: out = draw_frame(s); break;
    }
    ImGui::End();
    return out;
}

}  // namespace yiyang::client::ui
