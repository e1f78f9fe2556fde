// Every colour the dashboard draws, each with its normal and its high-contrast value (显示 → 高对比度), and the
// foreground/background pairs text is drawn in, so tests/client/test_palette.cpp can check WCAG AA (4.5:1) for each.
// Plain data without ImGui: widgets.hpp turns an entry into an ImGui colour for the theme in use (ui::col / ui::vec).
#pragma once
#include <cmath>
#include <cstdint>

namespace yiyang::client::ui::palette {

struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};
struct Colour {
    const char* name;
    Rgba normal;
    Rgba high;       // black, white and yellow; tints become dark so light text stays readable
};

// ---- text and marks ------------------------------------------------------------------------------
inline constexpr Colour kText{"text", {31, 36, 46}, {255, 255, 255}};
inline constexpr Colour kTextDisabled{"text_disabled", {140, 148, 161}, {191, 191, 191}};
inline constexpr Colour kMuted{"muted", {98, 104, 116}, {225, 225, 225}};
inline constexpr Colour kError{"error", {200, 30, 30}, {255, 120, 120}};
inline constexpr Colour kSuccess{"success", {18, 120, 55}, {120, 255, 140}};
inline constexpr Colour kWarning{"warning", {158, 92, 0}, {255, 200, 0}};       // amber: urgent, near the limit
inline constexpr Colour kAccent{"accent", {28, 100, 190}, {255, 230, 0}};
inline constexpr Colour kOnDark{"on_dark", {255, 255, 255}, {255, 255, 255}};   // text on bars, pills, buttons
inline constexpr Colour kFocus{"focus", {255, 230, 0}, {255, 230, 0}};          // the keyboard focus frame
inline constexpr Colour kBar{"bar", {60, 130, 210}, {255, 230, 0}};
inline constexpr Colour kBorder{"border", {204, 212, 224}, {255, 255, 255}};
inline constexpr Colour kThumbBorder{"thumb_border", {200, 206, 214}, {200, 200, 200}};
inline constexpr Colour kSpinner{"spinner", {255, 255, 255, 220}, {255, 230, 0, 255}};

// ---- surfaces ------------------------------------------------------------------------------------
inline constexpr Colour kWindow{"window", {242, 245, 250}, {0, 0, 0}};
inline constexpr Colour kPanel{"panel", {255, 255, 255}, {0, 0, 0}};            // tiles, child panes, fields
inline constexpr Colour kButton{"button", {230, 237, 247}, {31, 31, 31}};
inline constexpr Colour kHeader{"header", {217, 230, 250}, {77, 71, 0}};        // a selected row / item
inline constexpr Colour kTableHeader{"table_header", {230, 237, 247}, {38, 38, 38}};
inline constexpr Colour kRowAlt{"row_alt", {247, 250, 252}, {20, 20, 20}};
inline constexpr Colour kBarBack{"bar_back", {226, 232, 240}, {80, 80, 80}};
inline constexpr Colour kThumbBack{"thumb_back", {236, 240, 245}, {40, 40, 40}};
inline constexpr Colour kTopBar{"top_bar", {24, 72, 140}, {0, 0, 0}};
inline constexpr Colour kTopBarButton{"top_bar_button", {255, 255, 255, 31}, {255, 255, 255, 40}};
inline constexpr Colour kTopBarButtonHover{"top_bar_button_hover", {255, 255, 255, 64}, {255, 255, 255, 80}};
inline constexpr Colour kTopBarButtonActive{"top_bar_button_active", {255, 255, 255, 89}, {255, 255, 255, 110}};
inline constexpr Colour kTopBarBorder{"top_bar_border", {255, 255, 255, 102}, {255, 255, 255, 255}};
inline constexpr Colour kTopBarBadge{"top_bar_badge", {255, 255, 255, 40}, {255, 255, 255, 60}};
inline constexpr Colour kPrimary{"primary", {28, 99, 191}, {0, 0, 0}};
inline constexpr Colour kPrimaryHover{"primary_hover", {33, 108, 200}, {89, 82, 0}};
inline constexpr Colour kPrimaryActive{"primary_active", {20, 79, 158}, {128, 115, 0}};
inline constexpr Colour kDanger{"danger", {194, 36, 36}, {110, 0, 0}};
inline constexpr Colour kDangerHover{"danger_hover", {200, 40, 40}, {150, 0, 0}};
inline constexpr Colour kDangerActive{"danger_active", {158, 26, 26}, {90, 0, 0}};
inline constexpr Colour kErrorTint{"error_tint", {255, 237, 237}, {60, 0, 0}};   // a pane or field in error
inline constexpr Colour kErrorField{"error_field", {255, 224, 224}, {90, 0, 0}};
inline constexpr Colour kEmergencyTint{"emergency_tint", {255, 245, 245}, {60, 0, 0}};
inline constexpr Colour kSuccessTint{"success_tint", {235, 247, 237}, {0, 50, 10}};
inline constexpr Colour kOverdueRow{"overdue_row", {254, 226, 226}, {90, 0, 0}};
inline constexpr Colour kWarningRow{"warning_row", {254, 243, 199}, {70, 55, 0}};
inline constexpr Colour kToday{"today", {214, 230, 250}, {60, 60, 0}};          // the date picker's today
inline constexpr Colour kSos{"sos", {153, 27, 27}, {120, 0, 0}};
inline constexpr Colour kSosBright{"sos_bright", {204, 32, 32}, {170, 0, 0}};   // the banner's blink phase
inline constexpr Colour kSosBorder{"sos_border", {128, 13, 13}, {255, 255, 255}};
inline constexpr Colour kSosOverdue{"sos_overdue", {255, 236, 120}, {255, 236, 120}};   // yellow on red
inline constexpr Colour kSosButton{"sos_button", {255, 255, 255}, {255, 255, 255}};
inline constexpr Colour kSosButtonHover{"sos_button_hover", {255, 235, 235}, {255, 240, 150}};
inline constexpr Colour kSosButtonActive{"sos_button_active", {255, 217, 217}, {255, 230, 0}};
inline constexpr Colour kSosButtonText{"sos_button_text", {153, 13, 13}, {0, 0, 0}};
inline constexpr Colour kSosGhost{"sos_ghost", {255, 255, 255, 38}, {255, 255, 255, 50}};
inline constexpr Colour kSosGhostHover{"sos_ghost_hover", {255, 255, 255, 77}, {255, 255, 255, 90}};
inline constexpr Colour kSosGhostActive{"sos_ghost_active", {255, 255, 255, 102}, {255, 255, 255, 120}};
inline constexpr Colour kSosGhostBorder{"sos_ghost_border", {255, 255, 255, 179}, {255, 255, 255, 255}};

// ---- ImGui's own states (hover, press, checks, table lines) ---------------------------------------------
inline constexpr Colour kFrameHover{"frame_hover", {237, 245, 255}, {64, 64, 0}};
inline constexpr Colour kFrameActive{"frame_active", {224, 237, 255}, {89, 89, 0}};
inline constexpr Colour kButtonHover{"button_hover", {204, 222, 247}, {89, 82, 0}};
inline constexpr Colour kButtonActive{"button_active", {179, 204, 242}, {128, 115, 0}};
inline constexpr Colour kHeaderHover{"header_hover", {199, 219, 250}, {102, 94, 0}};
inline constexpr Colour kHeaderActive{"header_active", {179, 204, 245}, {128, 115, 0}};
inline constexpr Colour kCheck{"check", {28, 99, 191}, {255, 230, 0}};
inline constexpr Colour kTableBorderStrong{"table_border_strong", {199, 209, 224}, {255, 255, 255}};
inline constexpr Colour kTableBorderLight{"table_border_light", {227, 232, 240}, {153, 153, 153}};
inline constexpr Colour kSeparator{"separator", {209, 217, 230}, {255, 255, 255}};
inline constexpr Colour kScrollbarBack{"scrollbar_back", {250, 250, 250, 135}, {0, 0, 0}};
inline constexpr Colour kScrollbarGrab{"scrollbar_grab", {176, 176, 176, 204}, {179, 179, 179}};
inline constexpr Colour kScrollbarGrabHover{"scrollbar_grab_hover", {125, 125, 125, 204}, {255, 230, 0}};
inline constexpr Colour kSelectedText{"selected_text", {66, 150, 250, 89}, {128, 115, 0}};
inline constexpr Colour kModalDim{"modal_dim", {51, 51, 51, 89}, {0, 0, 0, 179}};

// ---- order status pills (white text on the colour; high contrast: white text on black in a frame of it) -----
inline constexpr Colour kStatusReceived{"status_received", {28, 100, 190}, {110, 170, 255}};
inline constexpr Colour kStatusDispatched{"status_dispatched", {90, 80, 190}, {190, 170, 255}};
inline constexpr Colour kStatusInService{"status_in_service", {0, 122, 140}, {0, 230, 255}};
inline constexpr Colour kStatusCompleted{"status_completed", {20, 130, 90}, {80, 255, 180}};
inline constexpr Colour kStatusCalledBack{"status_called_back", {32, 125, 52}, {120, 255, 140}};
inline constexpr Colour kStatusClosed{"status_closed", {104, 110, 122}, {200, 200, 200}};
inline constexpr Colour kStatusEscalated{"status_escalated", {200, 30, 30}, {255, 120, 120}};
inline constexpr Colour kStatusRectifying{"status_rectifying", {158, 92, 0}, {255, 200, 0}};
inline constexpr Colour kPillFillHigh{"pill_fill_high", {0, 0, 0}, {0, 0, 0}};   // a pill's fill in high contrast

// Text drawn on a background: each pair must reach 4.5:1 (WCAG AA for normal text) in both themes. The pills are
// checked against their fill in the normal theme and against kPillFillHigh in high contrast (ui::pill).
struct Pair {
    const Colour* fg;
    const Colour* bg;
    bool normal_theme = true;   // false: the pair only exists in high contrast
    bool high_theme = true;
};
inline constexpr Pair kTextPairs[] = {
    {&kText, &kWindow}, {&kText, &kPanel}, {&kText, &kButton}, {&kText, &kHeader}, {&kText, &kTableHeader},
    {&kText, &kRowAlt}, {&kText, &kErrorTint}, {&kText, &kErrorField}, {&kText, &kEmergencyTint},
    {&kText, &kSuccessTint}, {&kText, &kOverdueRow}, {&kText, &kWarningRow}, {&kText, &kToday},
    {&kMuted, &kWindow}, {&kMuted, &kPanel}, {&kMuted, &kRowAlt}, {&kMuted, &kSuccessTint},
    {&kError, &kWindow}, {&kError, &kPanel}, {&kError, &kRowAlt}, {&kError, &kErrorTint}, {&kError, &kErrorField},
    {&kError, &kOverdueRow}, {&kError, &kEmergencyTint},
    {&kSuccess, &kWindow}, {&kSuccess, &kPanel}, {&kSuccess, &kRowAlt}, {&kSuccess, &kSuccessTint},
    {&kWarning, &kWindow}, {&kWarning, &kPanel}, {&kWarning, &kRowAlt}, {&kWarning, &kWarningRow},
    {&kAccent, &kWindow}, {&kAccent, &kPanel}, {&kAccent, &kRowAlt},
    {&kOnDark, &kTopBar}, {&kOnDark, &kPrimary}, {&kOnDark, &kPrimaryHover}, {&kOnDark, &kPrimaryActive},
    {&kOnDark, &kDanger}, {&kOnDark, &kDangerHover}, {&kOnDark, &kDangerActive},
    {&kOnDark, &kSos}, {&kOnDark, &kSosBright}, {&kSosOverdue, &kSos}, {&kSosOverdue, &kSosBright}, {&kSosButtonText, &kSosButton},
    {&kSosButtonText, &kSosButtonHover}, {&kSosButtonText, &kSosButtonActive},
    {&kOnDark, &kStatusReceived, true, false}, {&kOnDark, &kStatusDispatched, true, false},
    {&kOnDark, &kStatusInService, true, false}, {&kOnDark, &kStatusCompleted, true, false},
    {&kOnDark, &kStatusCalledBack, true, false}, {&kOnDark, &kStatusClosed, true, false},
    {&kOnDark, &kStatusEscalated, true, false}, {&kOnDark, &kStatusRectifying, true, false},
    {&kOnDark, &kPillFillHigh, false, true},
};

// WCAG 2 relative luminance and contrast ratio (alpha ignored: the listed colours are opaque).
inline double channel(std::uint8_t v) {
    const double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
inline double luminance(Rgba c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }
inline double contrast(Rgba a, Rgba b) {
    const double la = luminance(a), lb = luminance(b);
    return ((la > lb ? la : lb) + 0.05) / ((la > lb ? lb : la) + 0.05);
}

}  // namespace yiyang::client::ui::palette
