// Browser glue of navigation (navigation_glue.hpp), over the yy_nav_* functions of browser_library.js.
#include "platform/navigation_glue.hpp"

#include <cstdlib>
#include <string>

#include "app/app.hpp"
#include "app/routes.hpp"
#include "platform/browser.hpp"
#include "platform/fonts.hpp"

extern "C" {
void yy_nav_init();
char* yy_nav_hash();
char* yy_nav_take_hash();
void yy_nav_set_hash(const char* hash, int replace);
void yy_nav_open_tab(const char* hash);
void yy_nav_copy_link(const char* hash);
void yy_nav_set_unsaved(int flag);
char* yy_nav_session_get(const char* key);
void yy_nav_session_set(const char* key, const char* value);
}

namespace yiyang::client {
namespace {

constexpr const char* kDraftKey = "yiyang.intake_draft";   // the value names its user (App::draft_storage)
constexpr const char* kKioskKey = "yiyang.kiosk_device";    // localStorage "1": a kiosk device (App::kiosk_device_browser)

struct NavGlue {
    NavHistory history;
    std::string stored_draft;
    int unsaved = -1;
    bool kiosk_device = false;
};
NavGlue g_nav;

std::string take(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

}  // namespace

void navigation_init(App& app) {
    yy_nav_init();
    const std::string hash = take(yy_nav_hash());
    g_nav.history.browser_at(hash);
    app.open_location(hash);                                    // remembered until the session check answers
    g_nav.stored_draft = take(yy_nav_session_get(kDraftKey));
    fonts::need_text(g_nav.stored_draft);          // a restored draft's names never passed through HTTP or typing
    app.set_stored_draft(g_nav.stored_draft);
    g_nav.kiosk_device = pref_get(kKioskKey) == "1";
    app.set_kiosk_device_browser(g_nav.kiosk_device);
}

void navigation_frame(App& app) {
    for (char* p = yy_nav_take_hash(); p; p = yy_nav_take_hash()) {
        const std::string hash = take(p);
        g_nav.history.browser_at(hash);
        app.open_location(hash);
    }
    const NavHistory::Action a = g_nav.history.sync(app.location());
    if (a.step != NavHistory::Step::None) yy_nav_set_hash(a.hash.c_str(), a.step == NavHistory::Step::Replace ? 1 : 0);
    for (const App::LinkRequest& r : app.take_link_requests()) {
        if (r.new_tab) yy_nav_open_tab(r.hash.c_str());
        else yy_nav_copy_link(r.hash.c_str());
    }
    if (const auto draft = app.draft_storage(); draft && *draft != g_nav.stored_draft) {
        g_nav.stored_draft = *draft;
        yy_nav_session_set(kDraftKey, draft->c_str());
    }
    if (app.kiosk_device_browser() != g_nav.kiosk_device) {
        g_nav.kiosk_device = app.kiosk_device_browser();
        pref_set(kKioskKey, g_nav.kiosk_device ? "1" : "0");
    }
    const int unsaved = app.has_unsaved_edits() ? 1 : 0;
    if (unsaved != g_nav.unsaved) {
        g_nav.unsaved = unsaved;
        yy_nav_set_unsaved(unsaved);
    }
}

}  // namespace yiyang::client
