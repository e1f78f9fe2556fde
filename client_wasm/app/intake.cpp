// intake (being written).
#include "app/app.hpp"

namespace yiyang::client {

void App::apply_intake(const IntakeIntent&) {}
void App::enter_intake() {}
void App::enter_knowledge() {}

nlohmann::json test_state_of(const IntakeState&) { return nlohmann::json::object(); }

}  // namespace yiyang::client
