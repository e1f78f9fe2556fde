// Keyboard shortcuts of the framed screens and the 键盘快捷键 help overlay (F1 or ?): Alt+1..9 the navigation
// entries, Alt+N 来电受理, Alt+O 工单, Ctrl+K / Ctrl+F the screen's search field, Esc back from an order.
// ImGui's own keyboard navigation (arrows, Tab, Enter/Space, Esc) does the rest (main.cpp enables it).
#pragma once
#include <string>

#include "app/state.hpp"

namespace yiyang::client::ui::keys {

// Reads this frame's shortcuts and draws the help overlay when it is open. Call inside the root window.
void handle(const AppState& s, Intents& out);
// True once after Ctrl+K / Ctrl+F: the search field drawn next takes the keyboard focus (call right before it).
bool take_search_focus();
void open_help();
bool help_open();
// When the screen changed and the keyboard is in use (ImGui's focus frame shown), the next item takes the focus.
void focus_on_new_screen(Screen screen);
// In the high-contrast theme: a thick yellow frame around the keyboard focus (ImGui's own is 2 px). After End().
void focus_frame();
// "Alt+3" for the navigation entry at `index` (0-based), empty past the ninth.
std::string nav_shortcut(int index);

}  // namespace yiyang::client::ui::keys
