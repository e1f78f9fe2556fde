// What the last frame clipped: every table column whose content (cells or header) is wider than the column, or runs
// past the window's edge. Read from ImGui's own table bookkeeping after the frame, so no draw code has to report it;
// the test hook lists it and the text-size browser test expects none at 150 % and 200 %.
#pragma once
#include <string>
#include <vector>

namespace yiyang::client::ui {

struct ClippedColumn {
    std::string window;    // the window holding the table (ImGui name, e.g. "##root/orders.table_1234")
    std::string column;    // the header's label (up to "##")
    int index = 0;
    std::string part;      // "cells", "header" or "window" (the column runs past the visible area)
    float content_w = 0;   // device px the content needs (from the cell's left padding)
    float width = 0;       // device px the column gives it
};

// Tables drawn in the frame just rendered (call between frames, e.g. from the test hook).
std::vector<ClippedColumn> clipped_columns();

}  // namespace yiyang::client::ui
