// Change-password panel, shown right after sign-in when the account must change its password (nothing else
// is reachable before). The password rules are the server's; its Chinese message is shown as sent.
#include <algorithm>

#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

Intents draw_change_password(const AppState& s) {
    Intents out;
    PasswordForm form = s.password;
    bool submit = false;

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float card_w = std::min(px(480), avail.x - px(32));
    const float card_h = std::min(px(500), avail.y - px(32));
    ImGui::SetCursorPos(ImVec2((avail.x - card_w) * 0.5f, std::max(px(16), (avail.y - card_h) * 0.42f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(32), px(28)));
    ImGui::BeginChild("password.card", ImVec2(card_w, card_h), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();

    heading("修改密码");
    if (s.user) muted("账号：" + s.user->username + "（" + s.user->display_name + "）");
    muted("为保障账号安全，首次登录或密码被重置后须先修改密码。");
    ImGui::Dummy(ImVec2(0, px(6)));

    const float w = ImGui::GetContentRegionAvail().x;
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue;
    ImGui::TextUnformatted("原密码");
    ImGui::SetNextItemWidth(w);
    a11y::name_next("当前密码", true);
    submit |= ImGui::InputText("##old", &form.old_password, flags);
    tag("password.old");
    ImGui::TextUnformatted("新密码");
    ImGui::SetNextItemWidth(w);
    a11y::name_next("新密码", true);
    submit |= ImGui::InputText("##new", &form.new_password, flags);
    tag("password.new");
    ImGui::TextUnformatted("再次输入新密码");
    ImGui::SetNextItemWidth(w);
    a11y::name_next("确认新密码", true);
    submit |= ImGui::InputText("##confirm", &form.confirm, flags);
    tag("password.confirm");

    ImGui::Dummy(ImVec2(0, px(6)));
    const bool busy = s.pending_requests > 0;
    if (busy) ImGui::BeginDisabled();
    submit |= primary_button("确认修改", ImVec2(w, px(40)));
    if (busy) ImGui::EndDisabled();
    tag("password.submit");
    if (ImGui::Button("退出登录", ImVec2(w, 0))) out.push_back(SignOut{});
    tag("password.sign_out");

    field_error("password", "form", s.password.error);
    if (s.password.error.empty() && s.status.kind == StatusKind::Info) muted(s.status.text);
    ImGui::EndChild();

    if (form.old_password != s.password.old_password || form.new_password != s.password.new_password ||
        form.confirm != s.password.confirm) {
        form.error.clear();
        out.insert(out.begin(), EditPassword{form});
    }
    if (submit && !busy) out.push_back(ChangePassword{});
    return out;
}

}  // namespace yiyang::client::ui
