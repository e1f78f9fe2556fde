// Wire format of GET /api/v1/health: liveness, the database schema version and the server's version.
#pragma once
#include <string>

#include "yiyang/date.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct Health {
    std::string status = "ok";
    int schema_version = 0;
    std::string version;
    LocalSeconds time = 0;
    // The open-day demo (issue 12, part demo): synthetic data only; the sign-in screen shows the one-tap visitor
    // buttons (POST /api/v1/session/demo) and every screen the 演示数据 banner.
    bool demo = false;
};
void to_json(json& j, const Health& h);
void from_json(const json& j, Health& h);

}  // namespace yiyang::wire
