// Sign-in panel: username, password, 登录; the error (wrong password, locked account, expired session) in
// Chinese under the button. Enter in either field signs in.
#include <algorithm>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

Intents draw_sign_in(const AppState& s) {
    Intents out;
    SignInForm form = s.sign_in;
    bool edited = false;
    bool submit = false;

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float card_w = std::min(px(440), avail.x - px(32));
    const float card_h = std::min(px(372) + demo_sign_in_height(s), avail.y - px(32));
    const float top = ImGui::GetCursorPosY();   // below the demo's 演示数据 strip, if any
    ImGui::SetCursorPos(ImVec2((avail.x - card_w) * 0.5f, top + std::max(px(16), (avail.y - card_h) * 0.42f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(32), px(28)));
    ImGui::BeginChild("signin.card", ImVec2(card_w, card_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();

    heading("颐养 智慧养老服务平台");
    muted("民政养老服务调度与监管");
    ImGui::Dummy(ImVec2(0, px(8)));

    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::TextUnformatted("用户名");
    ImGui::SetNextItemWidth(w);
    if (ImGui::IsWindowAppearing() && form.username.empty()) ImGui::SetKeyboardFocusHere();
    a11y::name_next("用户名");
    submit |= ImGui::InputText("##username", &form.username, ImGuiInputTextFlags_EnterReturnsTrue);
    edited |= form.username != s.sign_in.username;
    tag("signin.username");

    ImGui::TextUnformatted("密码");
    ImGui::SetNextItemWidth(w);
    a11y::name_next("密码", true);
    submit |= ImGui::InputText("##password", &form.password,
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    edited |= form.password != s.sign_in.password;
    tag("signin.password");

    ImGui::Dummy(ImVec2(0, px(6)));
    const bool busy = s.pending_requests > 0;
    if (busy) ImGui::BeginDisabled();
    submit |= primary_button(busy ? "正在登录…###signin" : "登录###signin", ImVec2(w, px(40)));
    if (busy) ImGui::EndDisabled();
    tag("signin.submit");

    if (!s.sign_in.error.empty()) {
        field_error("signin", "form", s.sign_in.error);
    } else if (s.status.kind == StatusKind::Error && !s.status.text.empty()) {
        field_error("signin", "status", s.status.text);
    } else if (s.status.kind != StatusKind::None && !s.status.text.empty()) {
        muted(s.status.text);
    }
    Intents visitors = draw_demo_sign_in(s, w);   // demo mode: 坐席体验 / 主管体验 / 服务商体验
    ImGui::EndChild();
    out.insert(out.end(), visitors.begin(), visitors.end());

    if (edited) {
        form.error.clear();
        out.push_back(EditSignIn{form});
    }
    if (submit && !busy) out.push_back(SignIn{});
    return out;
}

}  // namespace yiyang::client::ui
