// Display settings (text_size.hpp).
#include "ui/text_size.hpp"

#include <algorithm>

namespace yiyang::client::ui {

DisplaySettings& display_settings() {
    static DisplaySettings s;
    return s;
}

void set_text_percent(int percent) {
    percent = std::clamp(percent, 100, 200);
    if (display_settings().text_percent == percent) return;
    display_settings().text_percent = percent;
    ++display_settings().generation;
}

void set_high_contrast(bool on) {
    if (display_settings().high_contrast == on) return;
    display_settings().high_contrast = on;
    ++display_settings().generation;
}

}  // namespace yiyang::client::ui
