// Keyboard shortcuts and the help overlay (keys.hpp). Keys are GLFW key codes (the Emscripten GLFW shim maps
// the browser's keyCode to them); web/ platform code keeps the browser from acting on the same chords.
#include "ui/keys.hpp"

#include <algorithm>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/screens.hpp"
#include "ui/text_size.hpp"
#include "ui/widgets.hpp"

namespace yiyang::client::ui::keys {

namespace {
bool g_help = false;
int g_search_frames = 0;     // frames a Ctrl+K request waits for a search field (the screen may be changing)

bool pressed(int key) { return ImGui::IsKeyPressed(key, false); }

struct Line { const char* keys; const char* what; };
const Line kLines[] = {
    {"Alt+1 … Alt+9", "切换到左侧导航的第 1–9 项"},
    {"Alt+N", "新来电（来电受理）"},
    {"Alt+O", "工单列表"},
    {"Ctrl+K 或 Ctrl+F", "本页的查找框（工单编号、服务对象、知识库、来电号码）"},
    {"方向键（上下左右）", "在按钮、下拉框、表格行之间移动焦点"},
    {"Enter（在表格或窗格上）", "进入表格或窗格，再用上下方向键选行；Esc 退出"},
    {"Tab / Shift+Tab", "在输入框之间移动"},
    {"Enter 或 空格", "按下按钮、打开选中的工单、展开下拉框"},
    {"Esc", "关闭弹窗或下拉框；在工单详情中返回列表"},
    {"F1 或 ?", "显示本帮助"},
};

void draw_help() {
    if (g_help && !ImGui::IsPopupOpen("键盘快捷键###keys.help")) ImGui::OpenPopup("键盘快捷键###keys.help");
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x - px(24), em(34)), 0));
    bool open = true;
    if (ImGui::BeginPopupModal("键盘快捷键###keys.help", &open, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        tag("keys.help");
        if (ImGui::BeginTable("keys.help.table", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("按键", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("作用", ImGuiTableColumnFlags_WidthStretch, 2.0f);
            for (const Line& l : kLines) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(l.keys);
                ImGui::TableNextColumn();
                wrapped_text(l.what, ImGui::GetColorU32(ImGuiCol_Text));
            }
            ImGui::EndTable();
        }
        if (ImGui::Button("关闭##keys.help") || pressed(GLFW_KEY_ESCAPE)) {
            open = false;
        }
        tag("keys.help.close");
        if (!open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!open) g_help = false;
}
}  // namespace

bool take_search_focus() {
    if (g_search_frames <= 0) return false;
    g_search_frames = 0;
    return true;
}

void focus_on_new_screen(Screen screen) {
    static Screen last = Screen::Loading;
    if (screen == last) return;
    last = screen;
    if (!ImGui::GetCurrentContext()->NavDisableHighlight) ImGui::SetKeyboardFocusHere();
}

void focus_frame() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!display_settings().high_contrast || g.NavId == 0 || g.NavDisableHighlight || !g.NavWindow) return;
    const ImRect& r = g.NavWindow->NavRectRel[g.NavLayer];
    const ImVec2 min(g.NavWindow->Pos.x + r.Min.x, g.NavWindow->Pos.y + r.Min.y);
    const ImVec2 max(g.NavWindow->Pos.x + r.Max.x, g.NavWindow->Pos.y + r.Max.y);
    const float t = px(4);
    ImGui::GetForegroundDrawList()->AddRect(ImVec2(min.x - t, min.y - t), ImVec2(max.x + t, max.y + t),
                                            col(palette::kFocus), 0.0f, 0, t);
}

void open_help() { g_help = true; }
bool help_open() { return g_help; }

std::string nav_shortcut(int index) {
    if (index < 0 || index >= 9) return {};
    return "Alt+" + std::to_string(index + 1);
}

void handle(const AppState& s, Intents& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (g_search_frames > 0) --g_search_frames;
    const bool typing = io.WantTextInput;
    const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    auto go = [&](Screen to) {
        if (role_has_screen(s, to) && s.screen != to) out.push_back(Navigate{to});
    };
    if (!popup && io.KeyAlt && !io.KeyCtrl) {
        const auto entries = nav_entries(s);
        for (int i = 0; i < 9 && i < static_cast<int>(entries.size()); ++i) {
            if (pressed(GLFW_KEY_1 + i)) go(entries[static_cast<std::size_t>(i)]->screen);
        }
        if (pressed(GLFW_KEY_N)) go(Screen::Intake);
        if (pressed(GLFW_KEY_O)) go(Screen::Orders);
    }
    if (!popup && io.KeyCtrl && !io.KeyAlt && (pressed(GLFW_KEY_K) || pressed(GLFW_KEY_F))) {
        const bool has_search = s.screen == Screen::Orders || s.screen == Screen::ElderList ||
                                s.screen == Screen::Knowledge || s.screen == Screen::Intake;
        if (!has_search) {
            if (role_has_screen(s, Screen::Orders)) go(Screen::Orders);
            else if (role_has_screen(s, Screen::ElderList)) go(Screen::ElderList);
        }
        g_search_frames = 10;
    }
    if (pressed(GLFW_KEY_F1) || (!typing && io.KeyShift && pressed(GLFW_KEY_SLASH))) g_help = true;
    // Esc inside a pane or table leaves it (ImGui); at the screen's own level it goes back to the list.
    const ImGuiWindow* nav = ImGui::GetCurrentContext()->NavWindow;
    const bool top_level = !nav || !nav->RootWindowForNav || !nav->RootWindowForNav->ParentWindow;
    if (!popup && !typing && !g_help && top_level && pressed(GLFW_KEY_ESCAPE) && s.screen == Screen::OrderDetail)
        out.push_back(OrdersIntent{OrdersBack{}});
    draw_help();
}

}  // namespace yiyang::client::ui::keys
