// The screen reader mirror of what the canvas shows: the draw code records headings, figures (KPI tiles) and the
// visible table's rows as it draws them; ImGui's item hooks give the focused control. main.cpp turns the record
// into a visually hidden DOM region once per frame and pushes it only when it changed (platform/browser.hpp).
#pragma once
#include <string>
#include <vector>

namespace yiyang::client::ui::a11y {

constexpr std::size_t kMaxRows = 20;   // the first rows of the visible table; a reader can ask the screen for more

struct Focus {
    std::string label;   // the control's label (text before "##", or the name given with name_next)
    std::string kind;    // 按钮, 输入框, 复选框, 下拉框, 表格行, 区域 (a scrolling pane or table: Enter goes in)
    std::string value;   // the text being edited, 已选中 / 未选中, 已展开; empty for passwords
};

struct Mirror {
    std::string title;                                          // the screen's title (set by main.cpp)
    std::vector<std::string> headings;
    std::vector<std::pair<std::string, std::string>> figures;   // label, value with unit
    std::string table;                                          // the table's name
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    Focus focus;
};

void begin_frame();                      // before the screen is drawn: forget the last frame's record
void end_frame();                        // after ImGui::Render: a focused child region (no item hook) gets its name
Mirror& mirror();                        // this frame's record (complete after end_frame)
void heading(const std::string& text);
void figure(const std::string& label, const std::string& value);
void table(const std::string& name, std::vector<std::string> columns);
void row(std::vector<std::string> cells);
// Names the next item for the mirror when its ImGui label is hidden ("##username" -> 用户名). `secret`: a password
// field, whose text the mirror never holds (ImGui clears the field's flags before its item hook runs).
void name_next(const std::string& label, bool secret = false);

// The record as JSON text (stable field order), for the DOM region and the test hook.
std::string to_json_text(const Mirror& m);

}  // namespace yiyang::client::ui::a11y
