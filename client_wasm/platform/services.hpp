// The page services the app layer (app/*.cpp) uses besides HTTP (http.hpp): a clock and timers, waking the render
// loop, the SOS beep. Interfaces installed at start-up — the browser's in platform/browser.cpp, the native tests'
// fakes in tests/client — so the app layer compiles and runs without Emscripten or ImGui.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

namespace yiyang::client {

class Timers {
public:
    using Id = std::uint64_t;
    virtual ~Timers() = default;
    // Calls fn once, about delay_ms from now, from the main loop (never from inside set_timeout).
    virtual Id set_timeout(double delay_ms, std::function<void()> fn) = 0;
    virtual void clear_timeout(Id id) = 0;
    // Milliseconds on a monotonic clock (performance.now() in the browser).
    virtual double now_ms() const = 0;
};

class Page {
public:
    virtual ~Page() = default;
    // Something changed outside an input event: draw the next frames.
    virtual void wake() = 0;
    // The SOS alarm: one short beep; false when the page may not play sound (no user gesture yet).
    virtual bool play_alarm_beep() = 0;
    // An export or print page of the API (same origin, the session cookie goes along): `download` saves the
    // file (导出), else the page opens in a new tab (打印). Default: nothing (native tests record it instead).
    virtual void open_url(const std::string& url, bool download) { (void)url; (void)download; }
    // A download (导出) the server refused: its status and reply text (the JSON error), once; status 0 = none.
    // The page fetches the file first, so a refusal is shown in the dashboard, not saved as a file.
    virtual std::pair<int, std::string> take_download_error() { return {0, {}}; }
    // 核查 imports (issue 10): the file chooser for a list file (CSV/XLSX; the page keeps the File, its bytes never
    // pass through WebAssembly), and sending that file raw to `url` with upload progress. What happens comes back
    // as events tagged with `seq` (platform/import_upload.hpp -> VerFilePicked / VerUploadProgress / VerUploadDone).
    virtual void pick_import_file() {}
    virtual void upload_import_file(const std::string& url, std::uint64_t seq) { (void)url; (void)seq; }
};

// Not owned; they must outlive their use. nullptr uninstalls (a later call aborts with a message).
void install_timers(Timers* timers);
void install_page(Page* page);

// The forwards the app layer calls.
Timers::Id set_timeout(double delay_ms, std::function<void()> fn);
void clear_timeout(Timers::Id id);
double now_ms();
void wake();
// The SOS alarm: one short two-tone beep through WebAudio (an oscillator, no audio file). Browsers play audio
// only after a user gesture on the page (the sign-in click counts); false when it could not play, silently.
bool play_alarm_beep();
void open_url(const std::string& url, bool download);
void pick_import_file();
void upload_import_file(const std::string& url, std::uint64_t seq);
std::pair<int, std::string> take_download_error();

}  // namespace yiyang::client
