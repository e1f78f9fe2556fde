// Evidence photos in the browser (browser_library.js): the file chooser that posts the chosen photos, the queue of
// what came of it, photo thumbnails as WebGL textures for ImGui::Image, and opening a photo in a new tab.
#pragma once
#include <string>
#include <vector>

#include "yiyang/records.hpp"

namespace yiyang::client {

// Opens the chooser (camera or files); the chosen files are posted to /api/v1/orders/{order_id}/evidence.
void pick_photos(Id order_id);

struct PhotoEvent {
    bool started = false;   // true: `count` files are being sent; false: one was answered (status, text)
    Id order_id = 0;
    int count = 0;
    int status = 0;
    std::string text;
};
std::vector<PhotoEvent> take_photo_events();

struct PhotoTexture {
    int state = 0;          // 0 loading, 1 ready, -1 failed
    unsigned id = 0;        // GL texture name (ImTextureID)
    int width = 0;
    int height = 0;
};
// The texture of the image at `url`, started on first call and cached for the page's life.
PhotoTexture photo_texture(const std::string& url);

void open_in_new_tab(const std::string& url);

// Issue 13: opens the chooser for an activity record's evidence (photos, sign-in sheets, PDFs); the chosen files are
// posted to /api/v1/activities/{record_id}/files. What came of it: events as photos' (order_id = the record's id).
void pick_activity_files(Id record_id);
std::vector<PhotoEvent> take_activity_file_events();

// Issue 11: opens the chooser for the files behind a provider's open objection; posted to
// /api/v1/settlement/objections/{objection_id}/files. Events as photos' (order_id = the objection's id).
void pick_objection_files(Id objection_id);
std::vector<PhotoEvent> take_objection_file_events();

}  // namespace yiyang::client
