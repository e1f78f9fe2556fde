// The one full-window ImGui window the dashboard draws into; the screen table (app/screens.hpp) says whether the
// screen is drawn alone or inside the frame.
#include <imgui.h>

#include "app/screens.hpp"
#include "ui/keys.hpp"
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
    const ScreenSpec& spec = screen_spec(s.screen);   // app/screens.cpp: the screen table
    if (spec.layout != ScreenLayout::Blank) draw_demo_banner(s);   // demo mode: 演示数据 above everything
    switch (spec.layout) {
        case ScreenLayout::Blank: break;
        case ScreenLayout::FullWindow: out = spec.draw ? spec.draw(s) : Intents{}; break;
        case ScreenLayout::Framed: out = draw_frame(s); break;
    }
    for (Intent& i : draw_confirm_dialog(s)) out.push_back(std::move(i));   // over the screen it belongs to
    ImGui::End();
    keys::focus_frame();                              // high contrast: a thick frame around the keyboard focus
    return out;
}

}  // namespace yiyang::client::ui
