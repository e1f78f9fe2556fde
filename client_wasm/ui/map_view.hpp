// map: the service map widget (issue 12) — the coverage reply (shared wire/coverage.hpp) drawn into a rectangle:
// towns as filled schematic regions with names, elders as a density layer of shaded grid cells (counts only, as the
// server sent them), gaps outlined, the suggested new point marked with its figure, service points as markers by
// category, the reach circle around a chosen point, a legend and the note that the regions are a schematic. Pan by
// drag (mouse or one finger), zoom by the wheel, a two-finger pinch (platform/gestures.hpp) and the +/−/复位 buttons
// (48 px). It returns the new view and the marker tapped; it changes no state (ui/ui.hpp). The 服务地图 screen
// (ui/service_map.cpp) and the kiosk's 服务地图 panel draw it.
#pragma once
#include <optional>
#include <string>

#include <imgui.h>

#include "app/service_map_state.hpp"
#include "yiyang/wire/coverage.hpp"

namespace yiyang::client::ui {

struct MapOptions {
    std::string id = "map";        // test tags: <id>.canvas, <id>.zoom_in, <id>.zoom_out, <id>.reset, <id>.note, …
    Id highlight_town = 0;         // a town user's own town: outlined and filled stronger
    Id chosen_point = 0;           // its reach circle is drawn
    bool buttons = true;           // the +/−/复位 buttons
};

struct MapOutcome {
    std::optional<MapView> view;            // changed this frame (drag, wheel, pinch, buttons, a town fitted)
    std::optional<Id> tapped_point;         // a marker tapped; 0 = the empty map tapped while a point was chosen
};

// Draws `reply` into the screen rectangle [min, max) (device px) as `view` says (metres_per_px 0: the whole city).
MapOutcome draw_map(const wire::CoverageReply& reply, const MapView& view, ImVec2 min, ImVec2 max,
                    const MapOptions& options);

}  // namespace yiyang::client::ui
