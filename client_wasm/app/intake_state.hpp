// State and intents of the intake (受理): caller lookup, audited reveal, profile and past orders, the new-order form, the knowledge-base panel and the knowledge-base editor (app/intake.cpp, ui/intake.cpp, ui/knowledge.cpp).
#pragma once
#include <variant>

#include <nlohmann/json.hpp>

namespace yiyang::client {

struct IntakeState {};            // being written

struct IntakeNoop {};
using IntakeIntent = std::variant<IntakeNoop>;

// What the browser tests read of this area (yiyang_test_state()["intake"]); defined in app/intake.cpp.
nlohmann::json test_state_of(const IntakeState& s);

}  // namespace yiyang::client
