// The open-day demo in the dashboard (issue 12, part demo; app/demo.cpp): whether the server runs a demo (GET
// /api/v1/health before sign-in, the session reply after), the one-tap visitor sign-in (体验账号), the first-step
// hint of each screen (its text: demo_guide_zh, one table keyed by the shared ScreenCode) and the administrator's
// reset (POST /api/v1/demo/reset, after a confirmation).
#pragma once
#include <set>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/access.hpp"
#include "yiyang/records.hpp"

namespace yiyang::client {

struct DemoState {
    bool on = false;                   // the server serves synthetic data only: the 演示数据 banner on every screen
    bool visitor = false;              // signed in with a one-tap visitor account
    std::set<ScreenCode> guides_seen;  // the hints dismissed in this session
    bool resetting = false;            // a reset is in flight
    int resets_done = 0;               // tests
};

struct DemoSignIn { Role role = Role::Agent; };   // 坐席体验 / 主管体验 / 服务商体验
struct DismissGuide { ScreenCode code = ScreenCode::Home; };   // 知道了
struct ResetDemo {};                                // 复位演示数据 (an administrator; asks first)

using DemoIntent = std::variant<DemoSignIn, DismissGuide, ResetDemo>;

// The first-step hint of a screen (one or two sentences: what it is for and the first thing to try), or nullptr
// when the table has none (tests/client fails then: every ScreenCode needs one).
const char* demo_guide_zh(ScreenCode code);

nlohmann::json test_state_of(const DemoState& s);

}  // namespace yiyang::client
