// Test hook: `yiyang_test_state()` (exported to JavaScript) returns a JSON snapshot of what is on screen —
// screen, user, status, tagged item rectangles in CSS pixels — so a browser test can read the UI and click it.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>

namespace yiyang::client {

void set_test_state_source(std::function<nlohmann::json()> source);

}  // namespace yiyang::client
