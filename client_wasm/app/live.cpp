// live (being written).
#include "app/app.hpp"

namespace yiyang::client {

void App::tick(double, LocalSeconds) {}
bool App::animating() const { return false; }
void App::apply_live(const LiveIntent&) {}
void App::start_live() {}
void App::enter_kpis() {}
void App::enter_watch() {}
void App::orders_changed() {}

nlohmann::json test_state_of(const LiveState&) { return nlohmann::json::object(); }

}  // namespace yiyang::client
