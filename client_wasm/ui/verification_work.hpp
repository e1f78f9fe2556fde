// 核查's work tabs (ui/verification_work.cpp): 实体服务, 死亡核查, 回访; and the height that fits a table to its rows,
// which the 名单导入 tab's tables use too (no empty band at their foot).
#pragma once
#include <cstddef>

#include "app/state.hpp"

namespace yiyang::client::ui {

// The tab buttons 实体服务 / 死亡核查 / 回访 the role has, after the others (`beside`: some were drawn); true when
// the current tab is one of them.
bool draw_verification_work_tabs(const AppState& s, Intents& out, bool beside);
// The tab's body (inside ui/verification.cpp's child region) for VerTab::Physical / Deaths / Calls.
void draw_verification_work(const AppState& s, Intents& out);
// The outer height of a table with a header row and `rows` rows whose tallest item is `row_h`, bordered, with a
// horizontal scrollbar only when its inner width `inner_w` is wider than the space there.
float fit_table_height(std::size_t rows, float row_h, float inner_w);

}  // namespace yiyang::client::ui
