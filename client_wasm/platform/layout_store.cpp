// Table layout per user (layout_store.hpp). localStorage rather than the server: it is a preference of this
// browser's screen (a desk PC and a laptop differ), holds no personal data, and needs no route or table; a new
// browser starts from the default widths. io.IniFilename is null, so ImGui only raises WantSaveIniSettings.
#include "platform/layout_store.hpp"

#include <cstdlib>

#include <imgui.h>

extern "C" {
char* yy_storage_get(const char* key);                  // malloc'd, "" when absent
void yy_storage_set(const char* key, const char* value);
}

namespace yiyang::client {
namespace {
std::string g_loaded_for;   // the user whose layout ImGui holds
}

void sync_table_layout(const std::string& username) {
    ImGuiIO& io = ImGui::GetIO();
    if (username != g_loaded_for) {
        g_loaded_for = username;
        io.WantSaveIniSettings = false;
        if (!username.empty()) {
            char* text = yy_storage_get(("yiyang.layout." + username).c_str());
            if (text && *text) ImGui::LoadIniSettingsFromMemory(text);
            std::free(text);
        }
        return;
    }
    if (io.WantSaveIniSettings && !username.empty()) {
        yy_storage_set(("yiyang.layout." + username).c_str(), ImGui::SaveIniSettingsToMemory());
        io.WantSaveIniSettings = false;
    }
}

}  // namespace yiyang::client
