// Browser glue of navigation: keeps the address bar and the browser's history in step with the App's location
// (Back/Forward and F5 work), opens links in a new tab, copies links, keeps the intake draft in sessionStorage
// and asks before the tab closes with unsaved edits. The logic is the App's and routes.hpp's; this only moves it.
#pragma once

namespace yiyang::client {

class App;

// Before App::start(): listeners, the hash the page was loaded with, the stored draft.
void navigation_init(App& app);
// Once per frame, after the intents were applied.
void navigation_frame(App& app);

}  // namespace yiyang::client
