// Browser glue for ImGui on the Emscripten 3.1.6 GLFW shim: what the shim gets wrong (HiDPI, IME, clipboard,
// touch, wheel, zero frame time) is fixed here, following ../../shared/TECH-NOTES.md. JavaScript lives in
// browser_library.js; this file turns its queued events into ImGui input once per frame.
#include "platform/browser.hpp"
#include "platform/gestures.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>

extern "C" {
void yy_browser_init();
int yy_take_dirty();
double yy_input_seq();
void yy_wake();
char* yy_take_text();
double yy_device_pixel_ratio();
double yy_canvas_css_width();
double yy_canvas_css_height();
void yy_set_canvas_backing_size(int w, int h);
void yy_text_agent(int active, double x, double y, double line_height);
void yy_clipboard_set(const char* text);
void yy_open_url(const char* url, int download);
void yy_import_pick();
void yy_import_upload(const char* url, double seq);
char* yy_download_take_error(int* status);
char* yy_clipboard_get();
void yy_set_live(const char* text);
void yy_set_mirror(const char* json);
int yy_always_draw();
char* yy_pref_get(const char* key);
void yy_pref_set(const char* key, const char* value);
void yy_set_title(const char* text);
void yy_loading_status(const char* text);
void yy_loading_done();
double yy_now_ms();
double yy_now_local_s();
void yy_today_cst(int* out);
void yy_mark(const char* name);
int yy_alarm_beep();
int yy_font_take(unsigned char** out_ptr, int* out_size);
char* yy_font_url();
}

namespace yiyang::client {
namespace {

bool g_wake_cpp = true;

// ---- touch: the shim ignores touch positions and loses short taps -----------------------------------
struct TouchState {
    bool mode = false;        // the last pointer input came from a touch screen
    bool down = false;
    bool tap_latched = false; // touchstart seen since the last frame: report "down" for one frame
    long id = -1;
    float x_css = 0, y_css = 0;
    // What the last frame told ImGui. A tap that lands before ImGui saw the previous one released (a quick second
    // tap, or a slow frame: the test's next chip after "typed" showed, a visitor's fast fingers) would otherwise
    // merge with it: no new press, and the release of the merged one read as a drag from the old place to the new
    // one — the kiosk took it for a swipe and changed the panel. Such a touchstart first reports one frame "up" at
    // the old place, then its own press.
    bool fed_down = false;
    float fed_x_css = 0, fed_y_css = 0;
    bool release_first = false;
};
TouchState g_touch;

// map: a widget's claimed rectangle (device px, this frame) and the pinch handed to it (platform/gestures.hpp).
struct PinchState {
    float claim_x0 = 0, claim_y0 = 0, claim_x1 = 0, claim_y1 = 0;
    bool claimed = false;     // a rectangle is claimed this frame
    bool owned = false;       // the two-finger gesture in progress started inside it
    bool ending = false;      // it ended since two_fingers() was last asked: reported once more
    TwoFingers fingers;
    float px_per_css = 1;
};
PinchState g_pinch;

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    // map: two fingers that start over a claimed widget are its pinch, not the page's zoom.
    if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
        if (g_pinch.owned && e->numTouches - 1 < 2) {
            g_pinch.owned = false;
            g_pinch.ending = true;
            g_wake_cpp = true;
        }
    } else if (e->numTouches >= 2) {
        const float k = g_pinch.px_per_css;
        const float x0 = static_cast<float>(e->touches[0].targetX) * k, y0 = static_cast<float>(e->touches[0].targetY) * k;
        const float x1 = static_cast<float>(e->touches[1].targetX) * k, y1 = static_cast<float>(e->touches[1].targetY) * k;
        const auto inside = [](float x, float y) {
            return g_pinch.claimed && x >= g_pinch.claim_x0 && x < g_pinch.claim_x1 && y >= g_pinch.claim_y0 &&
                   y < g_pinch.claim_y1;
        };
        if (!g_pinch.owned && type == EMSCRIPTEN_EVENT_TOUCHSTART && inside(x0, y0) && inside(x1, y1)) {
            g_pinch.owned = true;
            g_pinch.ending = false;
            g_pinch.fingers = TwoFingers{true, x0, y0, x1, y1, x0, y0, x1, y1};
        }
        if (g_pinch.owned) {
            g_pinch.fingers.x0 = x0, g_pinch.fingers.y0 = y0, g_pinch.fingers.x1 = x1, g_pinch.fingers.y1 = y1;
            g_touch.down = false;
            g_touch.tap_latched = false;
            g_touch.x_css = g_touch.y_css = -1.0e6f;
            g_wake_cpp = true;
            return EM_TRUE;   // the widget's zoom, not the page's
        }
    }
    // Two fingers: the browser's pinch zoom (not blocked); the canvas re-lays out on the resize that follows.
    if (e->numTouches >= 2) {
        g_touch.down = false;
        g_touch.tap_latched = false;
        // The first finger's touchstart came alone and pressed whatever lay under it: release that press off the
        // canvas, so starting a pinch over a button does not click it.
        g_touch.x_css = g_touch.y_css = -1.0e6f;
        g_wake_cpp = true;
        return EM_FALSE;
    }
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            if (g_touch.down && t.identifier != g_touch.id) continue;   // first finger only
            if (g_touch.fed_down) g_touch.release_first = true;          // ImGui has not seen the last one end
            g_touch.id = t.identifier;
            g_touch.down = true;
            g_touch.tap_latched = true;
        } else if (t.identifier != g_touch.id) {
            continue;
        }
        g_touch.mode = true;
        g_touch.x_css = static_cast<float>(t.targetX);
        g_touch.y_css = static_cast<float>(t.targetY);
        if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) g_touch.down = false;
        break;
    }
    g_wake_cpp = true;
    // preventDefault on touchend only: that is enough to stop the mouse events the browser would synthesize after a
    // tap. On touchstart / touchmove it would also stop the pinch that a second finger starts (the first finger's
    // touchstart comes alone); one-finger panning is already off by CSS (touch-action: pinch-zoom). Checked by
    // tests/e2e/pinch.test.mjs.
    return type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent*, void*) {
    g_touch.mode = false;    // a real mouse took over
    return EM_FALSE;
}

// ---- wheel: the shim passes raw deltas (±100 per notch, inverted sign) ------------------------------
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    double dx = e->deltaX, dy = e->deltaY;
    switch (e->deltaMode) {
        case DOM_DELTA_PIXEL: dx /= 100.0; dy /= 100.0; break;
        case DOM_DELTA_LINE: dx /= 3.0; dy /= 3.0; break;
        default: break;                                  // pages: one page is one notch
    }
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheel -= static_cast<float>(std::clamp(dy, -10.0, 10.0));
    io.MouseWheelH -= static_cast<float>(std::clamp(dx, -10.0, 10.0));
    g_wake_cpp = true;
    return EM_TRUE;
}

// ---- clipboard: glfwGetClipboardString is a stub in the shim ----------------------------------------
std::string g_clipboard;
const char* get_clipboard(void*) {
    char* text = yy_clipboard_get();
    g_clipboard = text ? text : "";
    std::free(text);
    return g_clipboard.c_str();
}
void set_clipboard(void*, const char* text) { yy_clipboard_set(text); }

// ---- IME: ImGui tells us where its caret is; the text agent follows it ------------------------------
ImVec2 g_ime_pos{0, 0};
void set_ime_pos(int x, int y) { g_ime_pos = ImVec2(static_cast<float>(x), static_cast<float>(y)); }

// Keys are mapped by the GLFW backend; text comes only from the text agent (the shim's keypress path
// would duplicate every character the agent also receives).
void no_char_callback(GLFWwindow*, unsigned int) {}
void no_scroll_callback(GLFWwindow*, double, double) {}

// ---- the app layer's services (services.hpp) ---------------------------------------------------------
class BrowserPage final : public Page {
public:
    void wake() override { g_wake_cpp = true; }
    bool play_alarm_beep() override { return yy_alarm_beep() != 0; }
    void open_url(const std::string& url, bool download) override { yy_open_url(url.c_str(), download ? 1 : 0); }
    void pick_import_file() override { yy_import_pick(); }
    void upload_import_file(const std::string& url, std::uint64_t seq) override {
        yy_import_upload(url.c_str(), static_cast<double>(seq));
    }
    std::pair<int, std::string> take_download_error() override {
        int status = 0;
        char* raw = yy_download_take_error(&status);
        if (!raw) return {0, {}};
        std::string text(raw);
        std::free(raw);
        return {status, std::move(text)};
    }
};

// emscripten_set_timeout with std::function callbacks; a cleared timer's callback is dropped here.
class BrowserTimers;
BrowserTimers* g_browser_timers = nullptr;   // the one instance (install_browser_services)

class BrowserTimers final : public Timers {
public:
    Id set_timeout(double delay_ms, std::function<void()> fn) override {
        const Id id = next_++;
        Entry& e = entries_[id];
        e.fn = std::move(fn);
        e.handle = emscripten_set_timeout(&BrowserTimers::fire, delay_ms,
                                          reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)));
        return id;
    }
    void clear_timeout(Id id) override {
        auto it = entries_.find(id);
        if (it == entries_.end()) return;
        emscripten_clear_timeout(it->second.handle);
        entries_.erase(it);
    }
    double now_ms() const override { return yy_now_ms(); }

private:
    struct Entry {
        std::function<void()> fn;
        long handle = 0;
    };
    static void fire(void* data) {
        const Id id = static_cast<Id>(reinterpret_cast<std::uintptr_t>(data));
        auto it = g_browser_timers->entries_.find(id);
        if (it == g_browser_timers->entries_.end()) return;
        std::function<void()> fn = std::move(it->second.fn);
        g_browser_timers->entries_.erase(it);
        fn();
    }
    std::map<Id, Entry> entries_;
    Id next_ = 1;
};

}  // namespace

void install_browser_services() {
    static BrowserPage page;
    static BrowserTimers timers;
    g_browser_timers = &timers;
    install_page(&page);
    install_timers(&timers);
    install_emscripten_http();
}

void browser_init(GLFWwindow* window) {
    yy_browser_init();
    glfwSetCharCallback(window, no_char_callback);
    glfwSetScrollCallback(window, no_scroll_callback);
    emscripten_set_touchstart_callback("#canvas", nullptr, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback("#canvas", nullptr, EM_TRUE, on_touch);
    emscripten_set_touchend_callback("#canvas", nullptr, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback("#canvas", nullptr, EM_TRUE, on_touch);
    emscripten_set_wheel_callback("#canvas", nullptr, EM_TRUE, on_wheel);
    emscripten_set_mousemove_callback("#canvas", nullptr, EM_TRUE, on_mouse_move);
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    io.ClipboardUserData = nullptr;
    io.ImeSetInputScreenPosFn = set_ime_pos;
}

bool update_canvas_size(CanvasSize& size) {
    const double dpr = std::clamp(yy_device_pixel_ratio(), 0.5, 4.0);
    const float css_w = static_cast<float>(std::max(1.0, yy_canvas_css_width()));
    const float css_h = static_cast<float>(std::max(1.0, yy_canvas_css_height()));
    const int px_w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
    const int px_h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
    if (px_w == size.px_w && px_h == size.px_h && css_w == size.css_w && css_h == size.css_h) return false;
    size.css_w = css_w;
    size.css_h = css_h;
    size.px_w = px_w;
    size.px_h = px_h;
    size.px_per_css = static_cast<float>(px_w) / css_w;
    yy_set_canvas_backing_size(px_w, px_h);
    return true;
}

double input_seq() { return yy_input_seq(); }

bool take_wake() {
    const bool js = yy_take_dirty() != 0;
    const bool cpp = g_wake_cpp;
    g_wake_cpp = false;
    return js || cpp;
}


void feed_imgui_input(const CanvasSize& size, double now_s, double& last_s) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(size.px_w), static_cast<float>(size.px_h));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    // Headless virtual time can give two frames the same timestamp; ImGui asserts on DeltaTime <= 0.
    // No upper clamp: an idle page skips frames, and a clamped clock would turn two clicks seconds apart
    // into a double click.
    double dt = last_s > 0.0 ? now_s - last_s : 1.0 / 60.0;
    io.DeltaTime = static_cast<float>(std::max(dt, 1e-4));
    last_s = now_s;

    if (char* text = yy_take_text()) {
        io.AddInputCharactersUTF8(text);
        std::free(text);
    }
    // Enter activates like Space when no text is being edited (an Enter that submits a field, held a few
    // frames, must not then press whatever takes the focus: only the frame Enter goes down decides).
    static bool enter_was_down = false;
    static bool enter_activates = false;
    const bool enter = io.KeysDown[GLFW_KEY_ENTER] || io.KeysDown[GLFW_KEY_KP_ENTER];
    if (enter && !enter_was_down) enter_activates = !io.WantTextInput && !io.KeyCtrl && !io.KeyAlt;
    if (!enter) enter_activates = false;
    enter_was_down = enter;
    if (enter_activates && (io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard))
        io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
    g_pinch.px_per_css = size.px_per_css;   // map: the claimed rectangle is per frame
    g_pinch.claimed = false;
    if (g_touch.mode && g_touch.release_first) {
        // The previous press ends where it was; the new one (still latched) comes next frame.
        io.MousePos = ImVec2(g_touch.fed_x_css * size.px_per_css, g_touch.fed_y_css * size.px_per_css);
        io.MouseDown[0] = false;
        g_touch.release_first = false;
        g_touch.fed_down = false;
        g_wake_cpp = true;
    } else if (g_touch.mode) {
        io.MousePos = ImVec2(g_touch.x_css * size.px_per_css, g_touch.y_css * size.px_per_css);
        io.MouseDown[0] = g_touch.down || g_touch.tap_latched;
        g_touch.tap_latched = false;
        g_touch.fed_down = io.MouseDown[0];
        g_touch.fed_x_css = g_touch.x_css;
        g_touch.fed_y_css = g_touch.y_css;
    }
}

void update_text_agent(const CanvasSize& size) {
    const ImGuiIO& io = ImGui::GetIO();
    const float k = 1.0f / size.px_per_css;
    const float line = ImGui::GetFontSize() * k;
    yy_text_agent(io.WantTextInput ? 1 : 0, g_ime_pos.x * k, g_ime_pos.y * k, line);
}

int take_prefetched_font(std::vector<unsigned char>& bytes) {
    unsigned char* ptr = nullptr;
    int size = 0;
    const int status = yy_font_take(&ptr, &size);
    if (status == 200 && ptr) {
        bytes.assign(ptr, ptr + size);
        std::free(ptr);
    }
    return status;
}

std::string font_url() {
    char* p = yy_font_url();
    std::string url = p ? p : "yiyang-cjk.otf";
    std::free(p);
    return url;
}

void set_live_region(const std::string& text) { yy_set_live(text.c_str()); }
bool always_draw() { return yy_always_draw() != 0; }
void set_a11y_mirror(const std::string& json_text) { yy_set_mirror(json_text.c_str()); }
std::string pref_get(const std::string& key) {
    char* p = yy_pref_get(key.c_str());
    std::string v = p ? p : "";
    std::free(p);
    return v;
}
void pref_set(const std::string& key, const std::string& value) { yy_pref_set(key.c_str(), value.c_str()); }
void set_document_title(const std::string& text) { yy_set_title(text.c_str()); }
void set_loading_status(const std::string& text) { yy_loading_status(text.c_str()); }
void loading_done() { yy_loading_done(); }
void mark(const char* name) { yy_mark(name); }

LocalSeconds now_local() { return static_cast<LocalSeconds>(yy_now_local_s()); }

Date today_cst() {
    int v[3] = {1970, 1, 1};
    yy_today_cst(v);
    return Date{v[0], v[1], v[2]};
}

TwoFingers two_fingers() {
    if (g_pinch.owned) return g_pinch.fingers;
    if (g_pinch.ending) {
        g_pinch.ending = false;
        return g_pinch.fingers;   // active, its last positions: the widget takes the last step, then it ends
    }
    return TwoFingers{};
}
void claim_pinch_rect(float x0, float y0, float x1, float y1) {
    g_pinch.claim_x0 = x0, g_pinch.claim_y0 = y0, g_pinch.claim_x1 = x1, g_pinch.claim_y1 = y1;
    g_pinch.claimed = true;
}

}  // namespace yiyang::client
