// The panels, one per file: each draws from a const AppState and returns intents (it never calls HTTP,
// never changes state, never computes a figure). draw_root picks the screen.
#pragma once
#include "app/state.hpp"

namespace yiyang::client::ui {

Intents draw_root(const AppState& s);             // ui/root.cpp: the whole window, screen by screen

Intents draw_sign_in(const AppState& s);          // ui/sign_in.cpp
Intents draw_change_password(const AppState& s);  // ui/change_password.cpp
Intents draw_frame(const AppState& s);            // ui/frame.cpp: top bar, left navigation, content
Intents draw_home(const AppState& s);             // ui/home.cpp
Intents draw_elder_list(const AppState& s);       // ui/elder_list.cpp
Intents draw_elder_profile(const AppState& s);    // ui/elder_profile.cpp

}  // namespace yiyang::client::ui
