// Column widths, order and sort of every table, remembered per user in the browser's localStorage
// ("yiyang.layout.<username>"): ImGui's own table settings, loaded at sign-in and saved when ImGui marks them dirty.
#pragma once
#include <string>

namespace yiyang::client {

// Once per frame, before ImGui::NewFrame: `username` is "" while signed out.
void sync_table_layout(const std::string& username);

}  // namespace yiyang::client
