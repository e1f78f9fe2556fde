// Navigation frame: top bar (platform name, signed-in user and role, 退出), left navigation (the screens the
// role has, from the screen table in app/screens.cpp, and the later ones as disabled "即将推出" placeholders),
// the SOS banner, the status line and the current screen.
#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/screens.hpp"
#include "ui/a11y.hpp"
#include "ui/keys.hpp"
#include "ui/text_size.hpp"
#include "ui/ui.hpp"

#include "ui/widgets.hpp"

namespace yiyang::client::ui {

namespace {

// Screens announced but not built yet (none since 报表 of issue 13): drawn disabled with "即将推出".
const std::vector<const char*> kComingSoon = {};

// 显示: text size and high contrast (ui/text_size.hpp), and the keyboard help; in the top bar.
void display_menu() {
    if (ImGui::Button("?##help")) keys::open_help();
    tag("topbar.help");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("键盘快捷键（F1 或 ?）");
    ImGui::SameLine();
    if (ImGui::Button("显示##display")) ImGui::OpenPopup("display.menu");
    tag("topbar.display");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("文字大小与高对比度");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_Text));
    if (ImGui::BeginPopup("display.menu")) {
        ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kText));
        ImGui::TextUnformatted("文字大小");
        for (int p : kTextPercents) {
            const std::string label = std::to_string(p) + " %##size" + std::to_string(p);
            if (ImGui::RadioButton(label.c_str(), display_settings().text_percent == p)) set_text_percent(p);
            tag("display.size." + std::to_string(p));
        }
        ImGui::Separator();
        bool hc = display_settings().high_contrast;
        if (ImGui::Checkbox("高对比度##display", &hc)) set_high_contrast(hc);
        tag("display.contrast");
        ImGui::PopStyleColor();
        ImGui::EndPopup();
    }
    ImGui::PopStyleColor();
}

void top_bar(const AppState& s, Intents& out) {
    const float h = px(52);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(colors::kTopBar));
    ImGui::PushStyleColor(ImGuiCol_Text, vec(palette::kOnDark));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(16), 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    ImGui::BeginChild("topbar", ImVec2(0, h), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding |
                          ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleVar(2);

    // Right side: spinner, user, role, sign-out button.
    const std::string who = s.user ? s.user->display_name : std::string();
    const std::string role = s.user ? std::string(label_zh(s.user->role)) : std::string();
    const float btn_w = ImGui::CalcTextSize("退出").x + ImGui::GetStyle().FramePadding.x * 2;
    const float who_w = ImGui::CalcTextSize(who.c_str()).x;
    const float role_w = ImGui::CalcTextSize(role.c_str()).x + px(16);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float tools_w = button_w("?") + spacing + button_w("显示") + spacing;
    float x = right - btn_w - spacing - role_w - spacing - who_w - tools_w;
    // The title, shortened to 颐养 when the right side leaves too little room (large text, a narrow window).
    ImGui::PushFont(theme().title);
    ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
    const char* title = "颐养 智慧养老服务平台";
    const float title_room = x - ImGui::GetCursorPosX() - spacing * 2;
    if (ImGui::CalcTextSize(title).x > title_room) title = "颐养";
    if (ImGui::CalcTextSize(title).x <= title_room) heading(title);
    else a11y::heading(title);
    ImGui::PopFont();
    const float spin_r = px(8);
    if (s.pending_requests > 0) {
        ImGui::SameLine(x - spin_r * 2 - spacing * 2);
        ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
        spinner(spin_r, col(palette::kSpinner));
    }
    ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kTopBarButton));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kTopBarButtonHover));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kTopBarButtonActive));
    ImGui::PushStyleColor(ImGuiCol_Border, vec(palette::kTopBarBorder));
    ImGui::SameLine(x);
    ImGui::SetCursorPosY((h - ImGui::GetFrameHeight()) * 0.5f);
    display_menu();
    ImGui::PopStyleColor(4);
    // The user and the role are drawn, not laid out as text: text following the buttons on this line would be
    // lowered by their frame padding (it sat a few pixels below the buttons' labels).
    const float text_y = (h - ImGui::GetTextLineHeight()) * 0.5f;
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    ImGui::SameLine(x + tools_w);
    ImGui::SetCursorPosY(text_y);
    ImGui::GetWindowDrawList()->AddText(ImGui::GetCursorScreenPos(), text_col, who.c_str());
    ImGui::Dummy(ImVec2(who_w, ImGui::GetTextLineHeight()));
    tag("topbar.user");
    tag_text("topbar.user", who);
    ImGui::SameLine();
    ImGui::SetCursorPosY(text_y);
    // role as a pill
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 sz(role_w, ImGui::GetTextLineHeight() + px(4));
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y - px(2)), ImVec2(p.x + sz.x, p.y + sz.y - px(2)),
                                                  col(palette::kTopBarBadge), px(10));
        ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + px(8), p.y), text_col, role.c_str());
        ImGui::Dummy(ImVec2(role_w, ImGui::GetTextLineHeight()));
        tag("topbar.role");
        tag_text("topbar.role", role);
    }
    ImGui::SameLine(right - btn_w);
    ImGui::SetCursorPosY((h - ImGui::GetFrameHeight()) * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Button, vec(palette::kTopBarButton));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, vec(palette::kTopBarButtonHover));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, vec(palette::kTopBarButtonActive));
    ImGui::PushStyleColor(ImGuiCol_Border, vec(palette::kTopBarBorder));
    if (ImGui::Button("退出")) out.push_back(SignOut{});
    ImGui::PopStyleColor(4);
    tag("topbar.sign_out");

    ImGui::EndChild();
    ImGui::PopStyleColor(2);
}

void nav(const AppState& s, Intents& out, float height) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(8), px(12)));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 0);
    // 176 CSS px, narrower at large text or in a narrow window (a fifth of it), never below its labels' width.
    const float nav_w = std::clamp(ImGui::GetContentRegionAvail().x * 0.2f, std::min(em(5.6f), px(176)), px(176));
    ImGui::BeginChild("nav", ImVec2(nav_w, height), true,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleVar(2);
    // 36 CSS px a row; when the role's screens (the administrator has 21) do not fit the height, the rows close up
    // to the text's own height plus a little, so that at 100 % every entry shows without scrolling; beyond that
    // (large text, a short window) the list scrolls and keeps the current screen's entry in view.
    const auto entries = nav_entries(s);                // app/screens.cpp: the screens this role has
    const float rows = static_cast<float>(entries.size() + kComingSoon.size());
    const float room = ImGui::GetContentRegionAvail().y - (kComingSoon.empty() ? 0.0f : ImGui::GetStyle().ItemSpacing.y * 2);
    const float fit = rows > 0 ? room / rows - ImGui::GetStyle().ItemSpacing.y : px(36);
    const float item_h = std::clamp(fit, ImGui::GetTextLineHeight() + px(6), px(36));
    // The entry last brought into view, kept in the nav window's own ImGui storage (not a static: one per window).
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID scrolled_key = ImGui::GetID("##scrolled_to");
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    int index = 0;
    for (const ScreenSpec* it : entries) {
        const bool selected = screen_spec(s.screen).nav_parent == it->screen;
        std::string label = std::string("  ") + it->title_zh;
        if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, item_h))) out.push_back(Navigate{it->screen});
        if (selected && storage->GetInt(scrolled_key, -1) != static_cast<int>(it->screen)) {
            storage->SetInt(scrolled_key, static_cast<int>(it->screen));
            if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
        }
        tag(it->nav_tag);
        const std::string keys_text = keys::nav_shortcut(index++);   // ui/keys.cpp
        if (!keys_text.empty() && ImGui::IsItemHovered()) {
            std::string extra = it->screen == Screen::Intake ? "，新来电 Alt+N" : it->screen == Screen::Orders ? "，或 Alt+O" : "";
            ImGui::SetTooltip("快捷键 %s%s", keys_text.c_str(), extra.c_str());
        }
    }
    if (!kComingSoon.empty()) ImGui::Separator();
    ImGui::BeginDisabled();
    for (const char* label : kComingSoon) {
        std::string l = std::string("  ") + label + "##soon";
        ImGui::Selectable(l.c_str(), false, 0, ImVec2(0, item_h));
        // "即将推出" drawn small at the item's right edge, without moving the layout cursor.
        const ImVec2 rmin = ImGui::GetItemRectMin();
        const ImVec2 rmax = ImGui::GetItemRectMax();
        ImFont* font = ImGui::GetFont();
        const float size = ImGui::GetFontSize() * 0.8f;
        const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0.0f, "即将推出");
        const float label_right = rmin.x + ImGui::CalcTextSize(l.c_str(), nullptr, true).x;
        if (rmax.x - ts.x - px(6) < label_right + px(6)) continue;   // no room beside the label: the grey says it
        ImGui::GetWindowDrawList()->AddText(font, size, ImVec2(rmax.x - ts.x - px(6), (rmin.y + rmax.y - ts.y) * 0.5f),
                                            colors::kMuted, "即将推出");
    }
    ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::EndChild();
}

void status_line(const AppState& s, Intents& out) {
    if (s.status.kind == StatusKind::None || s.status.text.empty()) return;
    ImU32 color = colors::kMuted;
    if (s.status.kind == StatusKind::Error) color = colors::kError;
    if (s.status.kind == StatusKind::Success) color = colors::kSuccess;
    const float close_w = ImGui::GetFrameHeight();
    ImGui::BeginGroup();
    ImGui::AlignTextToFramePadding();
    wrapped_text(s.status.text, color, ImGui::GetContentRegionAvail().x - close_w - px(12));
    ImGui::EndGroup();
    tag("status");
    tag_text("status", s.status.text);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - close_w);
    if (ImGui::Button("×##status", ImVec2(close_w, 0))) out.push_back(DismissStatus{});
    tag("status.dismiss");
}

}  // namespace

Intents draw_frame(const AppState& s) {
    Intents out;
    keys::handle(s, out);                               // shortcuts and the help overlay (ui/keys.cpp)
    top_bar(s, out);
    const float body_h = ImGui::GetContentRegionAvail().y;
    nav(s, out, body_h);
    ImGui::SameLine(0, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(20), px(16)));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_WindowBg));
    ImGui::BeginChild("content", ImVec2(0, body_h), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar |
                          ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    Intents screen = draw_sos_banner(s);
    status_line(s, out);
    for (Intent& i : draw_demo_guide(s)) screen.push_back(std::move(i));   // demo mode: the screen's first step
    const ScreenSpec& spec = screen_spec(s.screen);
    keys::focus_on_new_screen(s.screen);                // a keyboard user lands on the new screen's first control
    Intents body = spec.draw ? spec.draw(s) : Intents{};
    screen.insert(screen.end(), body.begin(), body.end());
    ImGui::EndChild();
    out.insert(out.end(), screen.begin(), screen.end());
    return out;
}

}  // namespace yiyang::client::ui
