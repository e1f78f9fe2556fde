// 服务地图 on the dashboard (issue 12): the chosen circle (category chip), the coverage reply as the server sent it
// (shared wire/coverage.hpp: counts already suppressed, no elder's position), the map's view (centre and scale on
// the reply's plane, changed by drag, wheel, pinch and the +/− buttons) and the chosen service point (its reach
// circle). Owned by app/service_map.cpp; drawn by ui/service_map.cpp with the reusable widget ui/map_view.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"
#include "yiyang/wire/coverage.hpp"

namespace yiyang::client {

// Where the map looks: the point (metres east / north of the reply's grid_origin) at the middle of the map's
// rectangle, and metres per device pixel. metres_per_px 0: fit the whole city. fit_town: on the next frame, fit
// that town's region (the widget knows the rectangle; a town row's click asks for it).
struct MapView {
    double centre_x_m = 0, centre_y_m = 0;
    double metres_per_px = 0;
    Id fit_town = 0;
    friend bool operator==(const MapView&, const MapView&) = default;
};

struct ServiceMapState {
    std::string category = "any";               // the chip chosen (a category of the service_circle rule)
    std::optional<wire::CoverageReply> reply;    // for `category`
    std::string reply_category;                  // the category `reply` answers
    bool loading = false;
    std::string error;
    std::int64_t loads = 0;
    MapView view;
    Id chosen_point = 0;                         // 0: none; else its reach circle is drawn
    Id focused_town = 0;                         // the town row last clicked
};

struct ServiceMapChoose { std::string category; };
struct ServiceMapSetView { MapView view; };
struct ServiceMapFocusTown { Id town = 0; };
struct ServiceMapChoosePoint { Id point = 0; };   // 0: none
struct ServiceMapReload {};

using ServiceMapIntent =
    std::variant<ServiceMapChoose, ServiceMapSetView, ServiceMapFocusTown, ServiceMapChoosePoint, ServiceMapReload>;

// "/api/v1/coverage?category=…"
std::string coverage_path(const std::string& category);

// What the browser tests read of this area (yiyang_test_state()["service_map"]); defined in app/service_map.cpp.
nlohmann::json test_state_of(const ServiceMapState& s);

}  // namespace yiyang::client
