// The open-day demo's drawing (issue 12, part demo; app/demo_state.hpp): the 演示数据 strip on every screen (no way
// to hide it), the first-step hint above a screen's content with 知道了, the sign-in screen's one-tap visitor
// buttons and the administrator's 复位演示数据 on 规则管理. Texts of the hints: app/demo.cpp (one table).
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app/screens.hpp"
#include "ui/a11y.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui {

void draw_demo_banner(const AppState& s) {
    if (!s.demo.on) return;
    const float h = px(30);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), col(palette::kWarning));
    const ImU32 text = theme().high_contrast ? IM_COL32(0, 0, 0, 255) : col(palette::kOnDark);
    std::string line = "演示数据 · 本平台此刻展示的老人、工单与服务记录全部为合成数据，不含任何真实个人信息";
    if (ImGui::CalcTextSize(line.c_str()).x > w - px(24)) line = "演示数据 · 全部为合成数据";
    if (ImGui::CalcTextSize(line.c_str()).x > w - px(24)) line = "演示数据";
    const ImVec2 ts = ImGui::CalcTextSize(line.c_str());
    dl->AddText(ImVec2(p.x + std::max(px(12), (w - ts.x) * 0.5f), p.y + (h - ts.y) * 0.5f), text, line.c_str());
    ImGui::Dummy(ImVec2(w, h));
    tag("demo.banner");
    tag_text("demo.banner", line);
    a11y::figure("演示数据", "全部为合成数据，不含真实个人信息");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);   // flush with what follows
}

Intents draw_demo_guide(const AppState& s) {
    Intents out;
    if (!s.demo.on || !s.user) return out;
    const auto& code = screen_spec(s.screen).code;
    if (!code || s.demo.guides_seen.count(*code)) return out;
    const char* text = demo_guide_zh(*code);
    if (!text) return out;
    const std::string hint = std::string("第一步：") + text;
    const float w = ImGui::GetContentRegionAvail().x;
    const float button = button_w("知道了") + px(16);
    const float text_w = w - button - px(40);
    ImGui::PushFont(theme().body);
    const float text_h = ImGui::CalcTextSize(hint.c_str(), nullptr, false, text_w).y;
    ImGui::PopFont();
    const float h = std::max(text_h + px(20), ImGui::GetFrameHeight() + px(20)) + px(8);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, vec(palette::kHeader));
    ImGui::PushStyleColor(ImGuiCol_Border, vec(palette::kAccent));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(14), px(10)));
    ImGui::BeginChild("demo.guide", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    wrapped_text(hint, col(palette::kText), text_w);
    tag_text("demo.guide", hint);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - button);
    ImGui::SetCursorPosY((h - ImGui::GetFrameHeight()) * 0.5f);
    if (primary_button("知道了##demo.guide", ImVec2(button, 0))) out.push_back(DemoIntent{DismissGuide{*code}});
    tag("demo.guide.dismiss");
    ImGui::EndChild();
    tag("demo.guide");
    ImGui::PopStyleColor(2);
    return out;
}

float demo_sign_in_height(const AppState& s) {
    return s.demo.on ? px(132) : 0.0f;
}

Intents draw_demo_sign_in(const AppState& s, float width) {
    Intents out;
    if (!s.demo.on) return out;
    ImGui::Dummy(ImVec2(0, px(4)));
    ImGui::Separator();
    muted("体验账号：点一下即可进入，无需密码");
    struct Visitor { Role role; const char* label; const char* id; };
    static const Visitor kVisitors[] = {{Role::Agent, "坐席体验", "signin.demo.agent"},
                                        {Role::Supervisor, "主管体验", "signin.demo.supervisor"},
                                        {Role::Provider, "服务商体验", "signin.demo.provider"}};
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float bw = (width - gap * 2) / 3.0f;
    const bool busy = s.pending_requests > 0;
    if (busy) ImGui::BeginDisabled();
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        const std::string label = std::string(kVisitors[i].label) + "##" + kVisitors[i].id;
        if (primary_button(label.c_str(), ImVec2(bw, px(56))) && !busy) out.push_back(DemoIntent{DemoSignIn{kVisitors[i].role}});
        tag(kVisitors[i].id);
    }
    if (busy) ImGui::EndDisabled();
    return out;
}

Intents draw_demo_reset(const AppState& s) {
    Intents out;
    if (!s.demo.on || !s.user || !may(s.user->role, Permission::ResetDemo)) return out;
    ImGui::AlignTextToFramePadding();
    muted("演示模式：数据可随时复位到开始时的状态（也会按计划自动复位）。");
    ImGui::SameLine();
    if (s.demo.resetting) ImGui::BeginDisabled();
    if (ImGui::Button(s.demo.resetting ? "正在复位…##demo.reset" : "复位演示数据##demo.reset")) out.push_back(DemoIntent{ResetDemo{}});
    if (s.demo.resetting) ImGui::EndDisabled();
    tag("demo.reset");
    return out;
}

}  // namespace yiyang::client::ui
