// Entry point of the dashboard: GLFW window on the page's canvas (WebGL2), ImGui + OpenGL3 backend ("#version 100"),
// the font fetched in parallel by web/loader.js and baked after the first frame, and a main loop that renders only
// when an event, a pending request or the text caret needs it, and draws (GL) only when the frame's draw data
// differs from what the canvas shows: a mouse move over an empty area costs an ImGui frame, not a software-WebGL
// redraw. Also feeds the aria-live region, the screen reader mirror (ui/a11y.hpp) and the test hook.
#include <GLFW/glfw3.h>
#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "platform/browser.hpp"
#include "platform/fonts.hpp"
#include "platform/http.hpp"
#include "platform/navigation_glue.hpp"
#include "platform/layout_store.hpp"
#include "platform/test_hook.hpp"
#include "ui/a11y.hpp"
#include "ui/layout_check.hpp"
#include "ui/text_size.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

using namespace yiyang;
using namespace yiyang::client;

namespace {

struct Runtime {
    GLFWwindow* window = nullptr;
    App app;
    CanvasSize size;
    std::vector<unsigned char> font_bytes;
    bool font_ready = false;
    bool font_failed = false;
    bool font_via_fetch = false;      // fetched by emscripten_fetch (web/loader.js did not prefetch it)
    float font_scale = 0.0f;          // px_per_css the atlas was built for
    std::uint64_t display_generation = 0;   // ui::display_settings() the atlas and style were built for
    std::string prefs_user;           // whose display settings are loaded ("" before sign-in)
    std::uint64_t drawn_hash = 0;     // draw data the canvas shows
    bool force_draw = true;           // next frame draws whatever its hash (resize, new atlas)
    std::uint64_t gl_frames = 0;      // frames actually drawn with WebGL
    std::uint64_t skipped_frames = 0; // ImGui frames whose draw data matched the canvas
    std::string mirror_text;          // the screen reader mirror last pushed to the page
    int frames_left = 3;              // frames still to draw before going idle
    double input_seq_seen = -1.0;     // input events taken by the latest rendered frame (platform input_seq)
    int frames_since_input = 0;       // frames rendered since that frame (2: its intents are drawn too)
    double last_time_s = 0.0;
    double last_render_ms = 0.0;
    std::uint64_t frames_rendered = 0;
    std::uint64_t ui_frames = 0;
    double main_ms = -1.0;            // performance.now() when main() started
    double first_frame_ms = -1.0;
    double ui_ready_ms = -1.0;
    double font_build_ms = 0.0;
    int atlas_w = 0, atlas_h = 0;
    std::string live_text;
    std::string title;
};
Runtime* g = nullptr;

void build_fonts() {
    const double t0 = now_ms();
    // Atlas, GL texture, room for on-demand glyphs; frees the CPU copy (tens of MB at DPR 2). The in-app text
    // size scales the atlas's pixel size (crisp glyphs) and every px()/em() of the layout.
    const ui::DisplaySettings& ds = ui::display_settings();
    fonts::build(g->font_bytes.data(), static_cast<int>(g->font_bytes.size()), g->size.px_per_css * ui::text_factor(),
                 ds.high_contrast);
    g->display_generation = ds.generation;
    g->force_draw = true;
    ImGuiIO& io = ImGui::GetIO();
    g->atlas_w = io.Fonts->TexWidth;
    g->atlas_h = io.Fonts->TexHeight;
    g->font_scale = g->size.px_per_css;
    g->font_build_ms = now_ms() - t0;
}

nlohmann::json rect_json(const ui::TaggedItem& it) {
    const float k = 1.0f / g->size.px_per_css;
    return {{"x", it.min.x * k}, {"y", it.min.y * k}, {"w", (it.max.x - it.min.x) * k},
            {"h", (it.max.y - it.min.y) * k}, {"visible", it.visible}, {"hovered", it.hovered}};
}

nlohmann::json test_state() {
    const AppState& s = g->app.state();
    nlohmann::json j;
    j["screen"] = screen_name(s.screen);
    j["title"] = screen_title_zh(s.screen);
    j["font_ready"] = g->font_ready;
    j["ui_ready"] = g->ui_ready_ms >= 0;
    j["main_ms"] = g->main_ms;
    j["frames"] = g->frames_rendered;
    // Settled: every input event so far was taken by a frame, and the frame after it (which draws what that
    // input changed) was drawn too — item rectangles read now are where a click will land.
    // Drawn: nothing changed in the app's state since the last frame drew it, so texts and items read now agree
    // with the state beside them (a reply can land between two frames).
    j["drawn"] = !g->app.changed();
    j["input_settled"] = g->font_ready && input_seq() == g->input_seq_seen && g->frames_since_input >= 2;
    j["gl_frames"] = g->gl_frames;
    {
        const ImGuiContext& c = *ImGui::GetCurrentContext();
        j["nav"] = {{"id", c.NavId}, {"window", c.NavWindow ? c.NavWindow->Name : ""},
                    {"highlight", !c.NavDisableHighlight}};
    }
    j["skipped_frames"] = g->skipped_frames;
    j["display"] = {{"text_percent", ui::display_settings().text_percent},
                    {"high_contrast", ui::display_settings().high_contrast},
                    {"font_px", ui::theme().body ? ui::theme().body->FontSize : 0.0f}};
    {
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        j["display"]["window_bg"] = {bg.x, bg.y, bg.z};
    }
    {
        // Table columns the last frame clipped (ui/layout_check.hpp), widths in CSS px.
        const float k = 1.0f / g->size.px_per_css;
        nlohmann::json clipped = nlohmann::json::array();
        for (const ui::ClippedColumn& c : ui::clipped_columns()) {
            clipped.push_back({{"window", c.window}, {"column", c.column}, {"index", c.index}, {"part", c.part},
                               {"content_w", c.content_w * k}, {"width", c.width * k}});
        }
        j["clipped"] = std::move(clipped);
    }
    j["a11y"] = nlohmann::json::parse(g->mirror_text.empty() ? std::string("{}") : g->mirror_text, nullptr, false);
    j["first_frame_ms"] = g->first_frame_ms;
    j["ui_ready_ms"] = g->ui_ready_ms;
    j["font_build_ms"] = g->font_build_ms;
    j["atlas"] = {{"w", g->atlas_w}, {"h", g->atlas_h}};
    j["glyphs"] = fonts::test_state();
    j["canvas"] = {{"css_w", g->size.css_w}, {"css_h", g->size.css_h}, {"px_w", g->size.px_w},
                   {"px_h", g->size.px_h}, {"px_per_css", g->size.px_per_css}};
    if (s.user) {
        j["user"] = {{"username", s.user->username}, {"display_name", s.user->display_name},
                     {"role", code(s.user->role)}, {"role_label", label_zh(s.user->role)}};
    } else {
        j["user"] = nullptr;
    }
    j["must_change_password"] = s.must_change_password;
    j["status"] = {{"text", s.status.text},
                   {"kind", s.status.kind == StatusKind::Error     ? "error"
                            : s.status.kind == StatusKind::Success ? "success"
                            : s.status.kind == StatusKind::Info    ? "info"
                                                                    : "none"}};
    j["sign_in_error"] = s.sign_in.error;
    j["pending"] = s.pending_requests;
    j["last_save_ok"] = s.last_save_ok ? nlohmann::json(*s.last_save_ok) : nlohmann::json(nullptr);
    j["version_conflict"] = s.version_conflict;
    j["want_text_input"] = ImGui::GetIO().WantTextInput;
    nlohmann::json items = nlohmann::json::object();
    for (const auto& [id, it] : ui::tags().items) items[id] = rect_json(it);
    j["items"] = std::move(items);
    j["texts"] = ui::tags().texts;
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [f, m] : s.field_errors.local) errors["local"][f] = m;
    for (const auto& [f, m] : s.field_errors.server) errors["server"][f] = m;
    j["field_errors"] = std::move(errors);
    j["intake"] = test_state_of(s.intake);
    j["orders"] = test_state_of(s.orders);
    j["live"] = test_state_of(s.live);
    j["rules"] = test_state_of(s.rules);
    j["assessment"] = test_state_of(s.assessment);
    j["settlement"] = test_state_of(s.settlement);
    j["contracts"] = test_state_of(s.contracts);
    j["service_map"] = test_state_of(s.service_map);   // map
    j["kiosk_devices"] = test_state_of(s.kiosk_device);
    j["kiosk"] = test_state_of(s.kiosk);             // 展厅大屏 (issue 12, kiosk-ui)
    j["demo"] = test_state_of(s.demo);
    j["exhibition"] = test_state_of(s.exhibition);
    j["target_table"] = test_state_of(s.target_table);
    j["activities"] = test_state_of(s.activities);   // issue 13
    j["provider_supervision"] = test_state_of(s.provider_supervision);   // issue 13, providers
    j["inspections"] = test_state_of(s.inspections);
    j["reports"] = test_state_of(s.reports);
    j["nav"] = test_state_of(s.nav);
    j["complaint"] = test_state_of(s.complaint);
    j["calls"] = test_state_of(s.calls);
    j["verification"] = test_state_of(s.verification);
    j["verification_work"] = test_state_of(s.verification.work);
    if (s.form) {
        j["form"] = {{"is_new", s.form->is_new}, {"id", s.form->elder.id}, {"name", s.form->elder.name},
                     {"id_number", s.form->elder.id_number}, {"phone", s.form->elder.phone},
                     {"town_id", s.form->elder.town_id}, {"community", s.form->elder.community},
                     {"address", s.form->elder.address},
                     {"version", s.form->elder.version}, {"read_only", s.form->read_only}};
    }
    j["elders"] = {{"loaded", s.elders.loaded}, {"total", s.elders.total}, {"count", s.elders.items.size()},
                   {"page", s.elders.query.page}, {"q", s.elders.query.q}, {"sort", s.elders.query.sort},
                   {"page_size", s.elders.query.page_size}, {"path", s.list_paths.count("elders") ? s.list_paths.at("elders") : ""}};
    {
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& e : s.elders.items) ids.push_back(e.id);
        j["elders"]["ids"] = std::move(ids);
    }
    if (s.overview) {
        j["overview"] = {{"active_elders", s.overview->active_elders}, {"all_elders", s.overview->all_elders},
                         {"month_orders", s.overview->month_orders}};
    }
    return j;
}

void update_accessibility(const AppState& s) {
    std::string live = std::string(screen_title_zh(s.screen));
    if (s.screen == Screen::SignIn && !s.sign_in.error.empty()) live += "：" + s.sign_in.error;
    else if (!s.status.text.empty()) live += "：" + s.status.text;
    if (live != g->live_text) {
        g->live_text = live;
        set_live_region(live);
    }
    std::string title = std::string(screen_title_zh(s.screen)) + " - 颐养 智慧养老服务平台";
    if (title != g->title) {
        g->title = title;
        set_document_title(title);
    }
}

// A hash of everything the draw data would put on the canvas (vertices, indices, clip rectangles, textures).
std::uint64_t draw_data_hash(const ImDrawData* d) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix_bytes = [&h](const void* p, std::size_t n) {
        const unsigned char* b = static_cast<const unsigned char*>(p);
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, b + i, 8);
            h = (h ^ w) * 0x100000001b3ull;
            h ^= h >> 29;
        }
        for (; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
    };
    if (!d) return h;
    mix_bytes(&d->DisplaySize, sizeof(d->DisplaySize));
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* l = d->CmdLists[n];
        mix_bytes(l->VtxBuffer.Data, static_cast<std::size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix_bytes(l->IdxBuffer.Data, static_cast<std::size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            mix_bytes(&c.ClipRect, sizeof(c.ClipRect));
            mix_bytes(&c.TextureId, sizeof(c.TextureId));
            mix_bytes(&c.VtxOffset, sizeof(c.VtxOffset));
            mix_bytes(&c.IdxOffset, sizeof(c.IdxOffset));
            mix_bytes(&c.ElemCount, sizeof(c.ElemCount));
        }
    }
    return h;
}

void update_mirror(const AppState& s) {
    ui::a11y::end_frame();
    ui::a11y::Mirror& m = ui::a11y::mirror();
    m.title = screen_title_zh(s.screen);
    std::string text = ui::a11y::to_json_text(m);
    if (text != g->mirror_text) {
        g->mirror_text = std::move(text);
        set_a11y_mirror(g->mirror_text);
    }
}

void render_frame() {
    g->app.set_today(today_cst());
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    feed_imgui_input(g->size, glfwGetTime(), g->last_time_s);
    fonts::need_input_queue();                         // typed / IME characters the atlas lacks
    sync_table_layout(g->app.state().user ? g->app.state().user->username : std::string());
    ImGui::NewFrame();
    ui::clear_tags();
    ui::a11y::begin_frame();
    Intents intents = ui::draw_root(g->app.state());
    ImGui::Render();
    // Software WebGL (no GPU) spends tens of ms per draw: draw only when the picture changes.
    const std::uint64_t hash = draw_data_hash(ImGui::GetDrawData());
    static const bool always = always_draw();
    if (always || g->force_draw || hash != g->drawn_hash) {
        const bool hc = ui::display_settings().high_contrast;
        glViewport(0, 0, g->size.px_w, g->size.px_h);
        glClearColor(hc ? 0.0f : 0.95f, hc ? 0.0f : 0.96f, hc ? 0.0f : 0.98f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        g->drawn_hash = hash;
        g->force_draw = false;
        ++g->gl_frames;
    } else {
        ++g->skipped_frames;
    }
    update_text_agent(g->size);
    update_mirror(g->app.state());
    if (!intents.empty()) {
        g->app.apply_all(intents);
        g->app.mark_changed();                         // what they changed is drawn by the next frame
        g->frames_left = std::max(g->frames_left, 2);
    }
    navigation_frame(g->app);                          // address bar, history, links, the saved draft
    update_accessibility(g->app.state());
    ++g->ui_frames;
    // The page's loading indicator stays until a real screen (not the session check) is drawn.
    if (g->ui_ready_ms < 0 && g->app.state().screen != Screen::Loading) {
        g->ui_ready_ms = now_ms();
        mark("ui-ready");
        loading_done();
    }
}

void on_font(int status, std::vector<unsigned char> bytes) {
    if (status != 200 || bytes.size() < 1024) {
        g->font_failed = true;
        set_loading_status(status > 0 ? "字体加载失败（HTTP " + std::to_string(status) + "），请刷新页面重试"
                                      : std::string("字体加载失败（网络错误），请检查网络后刷新页面"));
        return;
    }
    g->font_bytes = std::move(bytes);
    build_fonts();
    g->font_ready = true;
    g->frames_left = std::max(g->frames_left, 3);
    wake();
}

// Display settings (text size, high contrast) are remembered per user in localStorage.
std::string display_pref_key() { return "yiyang.display." + g->prefs_user; }

void load_display_settings() {
    const AppState& s = g->app.state();
    const std::string user = s.user ? s.user->username : std::string();
    if (user == g->prefs_user) return;
    g->prefs_user = user;
    if (user.empty()) return;                          // signed out: keep the last user's size on the sign-in screen
    const std::string v = pref_get(display_pref_key());   // "150,1": percent, high contrast
    int percent = 100;
    int hc = 0;
    if (!v.empty()) std::sscanf(v.c_str(), "%d,%d", &percent, &hc);
    ui::set_text_percent(percent);
    ui::set_high_contrast(hc != 0);
}

void save_display_settings() {
    if (g->prefs_user.empty()) return;    const ui::DisplaySettings& ds = ui::display_settings();
    pref_set(display_pref_key(), std::to_string(ds.text_percent) + "," + (ds.high_contrast ? "1" : "0"));
}

void note_frame_rendered() {
    if (g->frames_rendered++ == 0) {
        g->first_frame_ms = now_ms();
        mark("first-frame");                           // performance mark "yiyang-first-frame"
    }
}

void frame() {
    const double seq = input_seq();                    // before take_wake: events after it count as new
    const bool woke = take_wake();
    const bool resized = update_canvas_size(g->size);
    if (woke || resized) g->frames_left = std::max(g->frames_left, 3);
    if (resized) g->force_draw = true;                 // a resized canvas is cleared by the browser
    if (g->app.take_changed()) g->frames_left = std::max(g->frames_left, 2);
    if (http_pending() > 0) g->frames_left = std::max(g->frames_left, 1);   // spinner
    const double now = now_ms();
    g->app.tick(now, now_local());                     // live feed polling (app/live.cpp)
    if (g->app.take_changed()) g->frames_left = std::max(g->frames_left, 2);
    if (g->app.animating()) g->frames_left = std::max(g->frames_left, 1);    // SOS countdown, flashing
    // The text caret blinks (0.8 s on, 0.4 s off): a few frames a second while a field is being edited.
    if (g->font_ready && ImGui::GetIO().WantTextInput && now - g->last_render_ms > 200.0)
        g->frames_left = std::max(g->frames_left, 1);

    // The font is taken after the first (blank) frame: baking it blocks for a few hundred ms.
    if (!g->font_ready && !g->font_failed && !g->font_via_fetch && g->frames_rendered > 0) {
        std::vector<unsigned char> bytes;
        const int status = take_prefetched_font(bytes);
        if (status == 200) {
            on_font(200, std::move(bytes));
        } else if (status == -2) {
            g->font_via_fetch = true;                  // the loader did not start it: fetch it from here
            http_get_bytes(font_url(), on_font);
        } else if (status != 0) {
            on_font(status, {});
        }
    }
    if (!g->font_ready) {
        if (g->frames_rendered == 0 || resized) {
            // Until the font is baked the page's own loading indicator (HTML, in Chinese) stays on top.
            glViewport(0, 0, g->size.px_w, g->size.px_h);
            glClearColor(0.95f, 0.96f, 0.98f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            note_frame_rendered();
        }
        return;
    }
    load_display_settings();
    if (std::fabs(g->font_scale - g->size.px_per_css) > 0.01f || fonts::wants_rebuild() ||
        g->display_generation != ui::display_settings().generation) {
        if (g->display_generation != ui::display_settings().generation) save_display_settings();
        build_fonts();                                // DPR, text size or theme changed, or glyph room full
        g->frames_left = std::max(g->frames_left, 2);
    }
    if (fonts::update()) g->frames_left = std::max(g->frames_left, 2);   // on-demand glyphs arrived
    if (g->frames_left <= 0) return;                   // idle: the canvas keeps its last image
    --g->frames_left;
    g->last_render_ms = now;
    if (seq != g->input_seq_seen) {
        g->input_seq_seen = seq;
        g->frames_since_input = 0;
    }
    note_frame_rendered();
    render_frame();
    ++g->frames_since_input;
}

}  // namespace

int main() {
    install_browser_services();                       // timers, page services, HTTP (the app layer's seam)
    g = new Runtime();
    g->main_ms = now_ms();
    update_canvas_size(g->size);
    if (!glfwInit()) {
        set_loading_status("无法初始化图形界面（GLFW）");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g->window = glfwCreateWindow(g->size.px_w, g->size.px_h, "颐养", nullptr, nullptr);
    if (!g->window) {
        set_loading_status("浏览器不支持 WebGL 2，无法显示工作台");
        return 1;
    }
    glfwMakeContextCurrent(g->window);
    // glfwCreateWindow set the canvas to the requested size; keep CSS in charge of the layout size.
    g->size = CanvasSize{};
    update_canvas_size(g->size);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                         // no imgui.ini in the browser
    io.LogFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;   // arrows, Tab, Enter/Space, Esc (ui/keys.cpp: shortcuts)
    ImGui_ImplGlfw_InitForOpenGL(g->window, true);
    ImGui_ImplOpenGL3_Init("#version 100");
    // Shaders and buffers now, with ImGui's small default font: otherwise the first NewFrame after the
    // Chinese atlas is built would create the device objects and rebuild (re-rasterise) the atlas.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    browser_init(g->window);

    set_test_state_source(test_state);
    set_loading_status("正在加载字体…");
    g->app.set_today(today_cst());
    navigation_init(g->app);                          // the linked screen opens after the session check
    g->app.start();
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
