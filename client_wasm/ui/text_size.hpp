// Display settings the user picks in the top bar (显示): the in-app text size (100–200 %, the whole layout grows
// with it: px()/em() in widgets.hpp scale by it) and the high-contrast theme. Remembered per user by main.cpp
// (localStorage); main.cpp rebuilds the font atlas at the new pixel size when they change (crisp, not stretched).
#pragma once
#include <cstdint>

namespace yiyang::client::ui {

struct DisplaySettings {
    int text_percent = 100;        // 100, 125, 150, 175, 200
    bool high_contrast = false;
    std::uint64_t generation = 0;  // bumped on every change
};

constexpr int kTextPercents[] = {100, 125, 150, 175, 200};

DisplaySettings& display_settings();
void set_text_percent(int percent);      // clamped to 100..200
void set_high_contrast(bool on);
inline float text_factor() { return static_cast<float>(display_settings().text_percent) / 100.0f; }

}  // namespace yiyang::client::ui
