// State and intents of the live updates: polling the live feed, the SOS banner (countdown, flashing, sound, acknowledge), KPI tiles and the indicator screen with drill-down, the watch list (app/live.cpp, ui/sos_banner.cpp, ui/kpis.cpp, ui/watch.cpp, ui/home.cpp tiles).
#pragma once
#include <variant>

#include <nlohmann/json.hpp>

namespace yiyang::client {

struct LiveState {};            // being written

struct LiveNoop {};
using LiveIntent = std::variant<LiveNoop>;

// What the browser tests read of this area (yiyang_test_state()["live"]); defined in app/live.cpp.
nlohmann::json test_state_of(const LiveState& s);

}  // namespace yiyang::client
