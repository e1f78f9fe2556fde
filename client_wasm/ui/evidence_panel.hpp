// The evidence section of the order detail (服务照片): thumbnails drawn as textures, a click opens the photo in a
// new tab, the reuse flag beside a photo used on another order, and 添加照片 for the order's provider.
#pragma once
#include "app/state.hpp"

namespace yiyang::client::ui {

// Draws the section for the open order (loading its list the first time) and turns the browser's upload events
// into intents.
Intents draw_evidence_section(const AppState& s);

}  // namespace yiyang::client::ui
