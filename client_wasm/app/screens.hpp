// The dashboard's screen registry: one row per screen (id, Chinese title, shared screen code, layout, draw function,
// navigation entry). The root, the frame's navigation and App::navigate read it; which roles have a screen is
// shared/access's answer (screens_for / may_open_screen) for the row's code. Adding a screen: a Screen value, a row.
#pragma once
#include <optional>
#include <vector>

#include "app/state.hpp"
#include "yiyang/access.hpp"

namespace yiyang::client {

enum class ScreenLayout {
    Blank,        // nothing drawn (the session check while the page's own loading indicator shows)
    FullWindow,   // alone over the whole window: sign-in, the first password change
    Framed,       // inside the frame: top bar, navigation, SOS banner, status line
};

using DrawScreen = Intents (*)(const AppState&);

struct ScreenSpec {
    Screen screen;
    const char* id;                   // stable id for tests: "sign_in", "home", ...
    const char* title_zh;             // 登录, 首页, ... (also the navigation label)
    std::optional<ScreenCode> code;   // the roles that have it: shared/access; none = before sign-in
    ScreenLayout layout;
    DrawScreen draw;                  // null in the headless build (tests/client has no ImGui)
    const char* nav_tag;              // its entry in the navigation ("nav.home"); null: not listed
    Screen nav_parent;                // the entry highlighted while it is shown (工单详情 -> 工单)
    // Its URL after "#/" (app/routes.hpp): "orders", "orders/:code" (an order code), "elders/:id" (a number or
    // "new"); list filters go in the query part. null: no URL (before sign-in).
    const char* route = nullptr;
};

// Every screen, in navigation order.
const std::vector<ScreenSpec>& screen_table();
const ScreenSpec& screen_spec(Screen s);
// Does the signed-in user's role have this (framed) screen? False when nobody is signed in.
bool role_has_screen(const AppState& s, Screen screen);
// The navigation entries of the signed-in user, in order (only screens the role has).
std::vector<const ScreenSpec*> nav_entries(const AppState& s);

}  // namespace yiyang::client
