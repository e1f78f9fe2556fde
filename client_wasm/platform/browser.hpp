// Browser services for the dashboard (implemented in browser_library.js and browser.cpp): canvas sizing by
// devicePixelRatio, the IME text agent, the clipboard for ImGui, the aria-live region, the wake flag that
// lets an idle page skip rendering, touch and wheel input, and today's date in China Standard Time.
#pragma once
#include <string>
#include <vector>
#include "platform/services.hpp"   // wake, now_ms, play_alarm_beep, timers: the app layer's part
#include "yiyang/date.hpp"

struct GLFWwindow;

namespace yiyang::client {

struct CanvasSize {
    float css_w = 0, css_h = 0;      // CSS pixels
    int px_w = 0, px_h = 0;          // backing store (device pixels)
    float px_per_css = 1.0f;         // px_w / css_w (== devicePixelRatio up to rounding)
};

// Installs the browser's Timers and Page (services.hpp) and HTTP transport (http.hpp). First thing in main().
void install_browser_services();
void install_emscripten_http();        // platform/http_emscripten.cpp (called by install_browser_services)

// Installs the JavaScript listeners, the html5.h touch/wheel callbacks on the canvas and ImGui's
// clipboard and IME hooks. Call after ImGui_ImplGlfw_InitForOpenGL (it replaces the shim's text and
// wheel callbacks, which double-count text and pass raw wheel deltas).
void browser_init(GLFWwindow* window);

// Measures the canvas and resizes its backing store to CSS size × devicePixelRatio. True when it changed.
bool update_canvas_size(CanvasSize& size);

// True when an input event (or a wake() from C++) arrived since the last call.
bool take_wake();
// Input events the page has seen so far (monotonic): a frame started with this count has taken all of them.
double input_seq();

// After ImGui_ImplGlfw_NewFrame: display size in device pixels, DeltaTime > 0, committed text from the
// text agent, touch position and taps (a tap shorter than a frame is latched for one frame), and Enter as
// ImGui's "activate" (1.86 maps only Space) so Enter presses the focused button or opens the focused row.
void feed_imgui_input(const CanvasSize& size, double now_s, double& last_s);
// After ImGui::EndFrame/Render: focus or blur the text agent and move it to ImGui's caret.
void update_text_agent(const CanvasSize& size);

// The font bytes fetched by web/loader.js: 0 while loading; 200 with `bytes` filled once; another HTTP
// status, -1 (network error) or -2 (loader did not fetch it) otherwise.
int take_prefetched_font(std::vector<unsigned char>& bytes);
// Where the font lives (its name carries a content hash in the assembled site): for fetching it from C++.
std::string font_url();

void set_live_region(const std::string& text);
// The screen reader mirror (ui/a11y.hpp JSON) rendered into the page's hidden region #yy-mirror.
void set_a11y_mirror(const std::string& json_text);
// ?redraw=always in the page's URL: draw every frame (benchmark A/B only).
bool always_draw();
// localStorage (empty when absent or unavailable).
std::string pref_get(const std::string& key);
void pref_set(const std::string& key, const std::string& value);
void set_document_title(const std::string& text);
void set_loading_status(const std::string& text);
void loading_done();
void mark(const char* name);
Date today_cst();
LocalSeconds now_local();   // China Standard Time, seconds since the local epoch (shared/date.hpp)

}  // namespace yiyang::client
