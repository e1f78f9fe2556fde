// Evidence photos in the browser (platform/photos.hpp): thin calls into browser_library.js.
#include "platform/photos.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

extern "C" {
void yy_photo_pick(double order_id);
char* yy_photo_take_events();
void yy_activity_pick(double record_id);
char* yy_activity_take_events();
void yy_objection_pick(double objection_id);
char* yy_objection_take_events();
void yy_texture_get(const char* url, int* out);
void yy_open_url(const char* url, int download);   // browser_library.js (also browser.cpp)
}

namespace yiyang::client {

void pick_photos(Id order_id) { yy_photo_pick(static_cast<double>(order_id)); }

namespace {
std::vector<PhotoEvent> events_of(char* raw, const char* id_key) {
    std::vector<PhotoEvent> out;
    if (!raw) return out;
    const auto j = nlohmann::json::parse(raw, nullptr, false);
    std::free(raw);
    if (!j.is_array()) return out;
    for (const auto& e : j) {
        if (!e.is_object()) continue;
        PhotoEvent p;
        p.started = e.value("kind", "") == "started";
        p.order_id = e.value(id_key, Id{0});
        p.count = e.value("count", 0);
        p.status = e.value("status", 0);
        p.text = e.value("text", "");
        out.push_back(std::move(p));
    }
    return out;
}
}  // namespace

std::vector<PhotoEvent> take_photo_events() { return events_of(yy_photo_take_events(), "order"); }

void pick_activity_files(Id record_id) { yy_activity_pick(static_cast<double>(record_id)); }
std::vector<PhotoEvent> take_activity_file_events() { return events_of(yy_activity_take_events(), "record"); }

void pick_objection_files(Id objection_id) { yy_objection_pick(static_cast<double>(objection_id)); }
std::vector<PhotoEvent> take_objection_file_events() { return events_of(yy_objection_take_events(), "objection"); }

PhotoTexture photo_texture(const std::string& url) {
    int out[4] = {0, 0, 0, 0};
    yy_texture_get(url.c_str(), out);
    return {out[0], static_cast<unsigned>(out[1]), out[2], out[3]};
}

void open_in_new_tab(const std::string& url) { yy_open_url(url.c_str(), 0); }

}  // namespace yiyang::client
