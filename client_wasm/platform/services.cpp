// The installed Timers and Page (services.hpp) and the free functions forwarding to them; portable C++, built
// into the dashboard and into the native client tests alike.
#include "platform/services.hpp"

#include <cstdio>
#include <cstdlib>

namespace yiyang::client {
namespace {

Timers* g_timers = nullptr;
Page* g_page = nullptr;

template <class T>
T& installed(T* p, const char* what) {
    if (!p) {
        std::fprintf(stderr, "yiyang: no %s installed\n", what);
        std::abort();
    }
    return *p;
}

}  // namespace

void install_timers(Timers* timers) { g_timers = timers; }
void install_page(Page* page) { g_page = page; }

Timers::Id set_timeout(double delay_ms, std::function<void()> fn) {
    return installed(g_timers, "timers (install_timers)").set_timeout(delay_ms, std::move(fn));
}
void clear_timeout(Timers::Id id) { installed(g_timers, "timers (install_timers)").clear_timeout(id); }
double now_ms() { return installed(g_timers, "timers (install_timers)").now_ms(); }
void wake() { installed(g_page, "page services (install_page)").wake(); }
bool play_alarm_beep() { return installed(g_page, "page services (install_page)").play_alarm_beep(); }
std::pair<int, std::string> take_download_error() {
    return installed(g_page, "page services (install_page)").take_download_error();
}

void open_url(const std::string& url, bool download) {
    installed(g_page, "page services (install_page)").open_url(url, download);
}

void pick_import_file() { installed(g_page, "page services (install_page)").pick_import_file(); }
void upload_import_file(const std::string& url, std::uint64_t seq) {
    installed(g_page, "page services (install_page)").upload_import_file(url, seq);
}

}  // namespace yiyang::client
