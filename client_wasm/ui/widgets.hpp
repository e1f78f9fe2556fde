// Shared drawing helpers for the panels: the theme (fonts, colours, sizes in CSS px × scale), test tags
// (named item rectangles for the browser test), Chinese-aware wrapped text (ImGui 1.86 wraps only at
// spaces), field error text and a few composite widgets. Drawing only: no state, no HTTP, no figures.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/palette.hpp"

namespace yiyang::client::ui {

// ---- theme ---------------------------------------------------------------------------------------
struct Theme {
    float scale = 1.0f;          // device pixels per CSS pixel × the in-app text size (ui/text_size.hpp)
    ImFont* body = nullptr;      // 20 CSS px, GB2312 + UI characters
    ImFont* title = nullptr;     // 26 CSS px, the static headings only
    ImFont* figure = nullptr;    // 34 CSS px, digits and ASCII (tile figures)
    bool high_contrast = false;  // the palette's value in use (ui/palette.hpp), switched with the style
};
Theme& theme();
inline float px(float css) { return css * theme().scale; }     // CSS px -> ImGui (device) px, × text size
// Sizes in units of the body font (20 CSS px at 100 %): widths that must grow with the text.
inline float em(float n) { return n * 20.0f * theme().scale; }

// Builds the font atlas from the OTF bytes (kept alive by the caller) at size × scale and scales the style.
// Call before NewFrame; the GL texture must be (re)created afterwards. `high_contrast`: black, white and yellow
// with a thick focus frame (the colors below are switched too).
void build_fonts_and_style(const unsigned char* otf, int otf_size, float scale, bool high_contrast = false);

// A palette entry (ui/palette.hpp) in the theme in use: every colour the panels draw goes through these.
inline ImU32 col(const palette::Colour& c) {
    const palette::Rgba v = theme().high_contrast ? c.high : c.normal;
    return IM_COL32(v.r, v.g, v.b, v.a);
}
inline ImVec4 vec(const palette::Colour& c) { return ImGui::ColorConvertU32ToFloat4(col(c)); }

// The most used entries under their older names (set from the palette by build_fonts_and_style).
namespace colors {
inline ImU32 kError = 0;
inline ImU32 kSuccess = 0;
inline ImU32 kMuted = 0;
inline ImU32 kAccent = 0;
inline ImU32 kBar = 0;
inline ImU32 kBarBack = 0;
inline ImU32 kTile = 0;
inline ImU32 kTopBar = 0;
}  // namespace colors

// ---- test tags -----------------------------------------------------------------------------------
struct TaggedItem {
    ImVec2 min, max;             // device px
    bool visible = true;
    bool hovered = false;        // under the pointer in the frame that drew it (tests point, then click)
};
struct Tags {
    std::map<std::string, TaggedItem> items;
    std::map<std::string, std::string> texts;
};
Tags& tags();                    // cleared at the start of each frame
void clear_tags();
void tag(const std::string& id);                            // the last item
void tag_rect(const std::string& id, ImVec2 min, ImVec2 max);
void tag_text(const std::string& id, const std::string& text);

// ---- text ----------------------------------------------------------------------------------------
// Wraps at any character (CJK has no spaces) within `width` device px (0: to the content region's edge).
void wrapped_text(const std::string& text, ImU32 color, float width = 0.0f);
void colored_text(const std::string& text, ImU32 color);
// Red message under a form field; tagged "<scope>.error.<field>" with its text.
void field_error(const std::string& scope, const std::string& field, const std::string& message);
void muted(const std::string& text);
void heading(const char* text);   // title font; also the screen reader mirror's heading (ui/a11y.hpp)

// ---- widgets -------------------------------------------------------------------------------------
// Before the next item of width `next_w` (device px): on the same line when it fits in the window, else on a
// new line. Filter bars use it so they wrap at large text sizes instead of leaving the screen.
void same_line_wrap(float next_w);
// The flow layout of toolbars and filter rows, one mechanism for every screen: before each item after the first,
// flow(w) puts it beside the last item when it fits, else on a new line (same_line_wrap), and returns the width to
// give it — w, or the content width when even a line of its own is narrower (portrait at 200 %), so no item runs
// off the right edge. Widths come from CalcTextSize / em() / px(), so they grow with the text size.
float flow(float w);
// w, or the width left on the current line when that is less (an item drawn at the start of a line).
float fit_w(float w);
// The height to keep below a list's table for its footer (count, page size, pager) that may flow onto more lines:
// what it took last frame (footer_end), at least `min_h`. footer_end(id, top) after the footer, `top` its start
// (GetCursorScreenPos().y before it).
float footer_height(const char* id, float min_h);
void footer_end(const char* id, float top);
// A line of text (a count, a summary) in a flow row: beside the last item when it fits, else on a new line,
// wrapping at the content edge when longer than a line; grouped so tag() after it covers every line.
void flow_text(const std::string& text, bool first = false);
// Before items `w` device px wide that belong at the right end of the current line: there when they fit after the
// last item, else at the right end of the next line (large text, a narrow window) instead of over the last item.
void same_line_right(float w);
// A list pane and a detail pane in the space left: side by side (the list `fraction` of the width, clamped to
// [list_min, list_max]) when the detail keeps at least `detail_min`; else stacked, the list above (`stacked_list_h`
// of the height) and the detail below, each the full width (portrait at large text sizes).
struct Panes {
    bool stacked = false;
    ImVec2 list, detail;           // child window sizes
};
Panes split_panes(float fraction, float list_min, float list_max, float detail_min, float stacked_list_h = 0.4f);
// Tiles that reflow into rows: as many columns of at least `min_w` as fit the content width (1 … n), equal widths.
// Before tile i call grid.next(i): beside the previous tile, or the first of a new row.
struct TileGrid {
    int per_row = 1;
    float w = 0;
    void next(int i) const {
        if (i % per_row != 0) ImGui::SameLine();
    }
};
TileGrid tile_grid(int n, float min_w);
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A red button for what cannot be undone (confirm an irreversible action, 停用).
bool danger_button(const char* label);
// A horizontal bar for a share num/den (drawing only; the figure itself comes from the server).
void share_bar(double fraction, float width, float height);
// Small spinner drawn while requests are pending.
void spinner(float radius, ImU32 color);
// The inner width of a list table (with ImGuiTableFlags_ScrollX): never narrower than its layout at 100 % text on a
// 1280 px window (`em_100` body-font units, which grow with the text size), so large text or a narrow window
// scrolls the table sideways instead of squeezing columns until codes, times and counts are clipped.
float table_inner_width(float em_100);
// Width of a button with this label (text up to "##" plus frame padding).
float button_w(const char* label);
// 上一页 / 下一页 on the current line, right-aligned in the window (or just after the last item), tagged
// "<prefix>.prev" / "<prefix>.next", disabled at either end. Returns the page asked for, or 0.
std::int64_t pager_buttons(const std::string& prefix, std::int64_t page, std::int64_t pages, bool right_align = true);
// A combo for long lists (60 providers): its popup starts with a filter box (focused on opening) and lists the
// labels containing the typed text; `all_label` (when given) is the first entry. Returns -1 when nothing was
// chosen this frame, 0 for all_label, i + 1 for labels[i]. `selected` as the same code (0 = all_label).
// The filter text is the popup's own (ImGui keeps it per id while the popup is open; cleared on opening).
int filter_combo(const char* id, const std::string& preview, const std::vector<std::string>& labels, int selected,
                 const char* all_label, float width, const std::string& tag_prefix = "");

}  // namespace yiyang::client::ui
