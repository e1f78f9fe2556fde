// Wire format of the open-day demo (issue 12, part demo): POST /api/v1/session/demo (one-tap visitor sign-in, only in
// demo mode; replies a SessionReply) and POST /api/v1/demo/reset (an administrator restores the pristine data).
#pragma once
#include <string>

#include "yiyang/date.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct DemoSignIn {                  // POST /session/demo
    std::string role;                // "agent" | "supervisor" | "provider" (no admin visitor account exists)
};
void to_json(json& j, const DemoSignIn& r);
void from_json(const json& j, DemoSignIn& r);

struct DemoReset {                   // POST /demo/reset
    LocalSeconds reset_at = 0;
};
void to_json(json& j, const DemoReset& r);
void from_json(const json& j, DemoReset& r);

}  // namespace yiyang::wire
