// map: two-finger gestures for a widget that zooms itself (ui/map_view's pinch). Elsewhere two fingers stay the
// browser's page zoom (tests/e2e/pinch.test.mjs): a widget claims its rectangle each frame it is drawn, and only a
// pinch that starts inside a claimed rectangle is handed to it (and kept from the page). Device pixels.
#pragma once

namespace yiyang::client {

struct TwoFingers {
    bool active = false;          // two fingers down, the pinch started inside the claimed rectangle
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;              // where they are now
    float start_x0 = 0, start_y0 = 0, start_x1 = 0, start_y1 = 0;   // where they were put down
};
// The pinch in progress over the claimed rectangle (inactive otherwise). A pinch that ended since the last call is
// reported once more, active, with its last positions: a gesture quicker than a frame still zooms.
TwoFingers two_fingers();
// Claims [x0, x1) × [y0, y1) for this frame's pinch; cleared at the start of every frame (feed_imgui_input).
void claim_pinch_rect(float x0, float y0, float x1, float y1);

}  // namespace yiyang::client
