// The dashboard's colours (client_wasm/ui/palette.hpp): every pair of text and background the panels draw reaches
// WCAG AA 4.5:1 in the normal and the high-contrast theme, computed here from the palette's own values.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "ui/palette.hpp"

namespace test_palette {

using namespace yiyang::client::ui::palette;

TEST_CASE("palette: the WCAG formula on known colours", "[palette]") {
    CHECK(contrast({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrast({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
    CHECK(contrast({118, 118, 118}, {255, 255, 255}) == Approx(4.54).epsilon(0.01));   // the classic AA grey
}

TEST_CASE("palette: every text pair reaches 4.5:1 in both themes", "[palette]") {
    int checked = 0;
    for (const Pair& p : kTextPairs) {
        if (p.normal_theme) {
            const double r = contrast(p.fg->normal, p.bg->normal);
            INFO("normal: " << p.fg->name << " on " << p.bg->name << " = " << r);
            CHECK(r >= 4.5);
            ++checked;
        }
        if (p.high_theme) {
            const double r = contrast(p.fg->high, p.bg->high);
            INFO("high contrast: " << p.fg->name << " on " << p.bg->name << " = " << r);
            CHECK(r >= 4.5);
            ++checked;
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("palette: high contrast is black, white and yellow where text sits", "[palette]") {
    // The large surfaces are black and the body text white: the theme the user chose, not a tint of the normal one.
    for (const Colour* c : {&kWindow, &kPanel, &kTopBar}) {
        INFO(c->name);
        CHECK((c->high.r == 0 && c->high.g == 0 && c->high.b == 0));
    }
    CHECK((kText.high.r == 255 && kText.high.g == 255 && kText.high.b == 255));
    CHECK(contrast(kFocus.high, kWindow.high) >= 7.0);     // the focus frame stands out
}

TEST_CASE("palette: status colours differ from each other in both themes", "[palette]") {
    // Colour is never the only cue (the pills carry the status word; 超时 / 达标 are words), but the colours must
    // still be told apart: no two status entries share a value in either theme.
    const Colour* status[] = {&kStatusReceived, &kStatusDispatched, &kStatusInService, &kStatusCompleted,
                              &kStatusCalledBack, &kStatusClosed, &kStatusEscalated, &kStatusRectifying};
    for (bool high : {false, true}) {
        std::set<std::string> seen;
        for (const Colour* c : status) {
            const Rgba v = high ? c->high : c->normal;
            seen.insert(std::to_string(v.r) + "," + std::to_string(v.g) + "," + std::to_string(v.b));
        }
        CHECK(seen.size() == std::size(status));
    }
}

}  // namespace test_palette
