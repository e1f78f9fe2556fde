// The 季度报表 tab of 核查 (ui/verification_report.cpp), drawn inside the screen's body by ui/verification.cpp.
#pragma once
#include "app/state.hpp"

namespace yiyang::client::ui {

void draw_report_tab(const AppState& s, Intents& out);

}  // namespace yiyang::client::ui
