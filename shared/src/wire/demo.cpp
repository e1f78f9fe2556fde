// The open-day demo's wire format (wire/demo.hpp).
#include "yiyang/wire/demo.hpp"

#include "yiyang/wire/audit.hpp"

namespace yiyang::wire {

void to_json(json& j, const DemoSignIn& r) { j = {{"role", r.role}}; }
void from_json(const json& j, DemoSignIn& r) { j.at("role").get_to(r.role); }

void to_json(json& j, const DemoReset& r) { j = {{"reset_at", time_json(r.reset_at)}}; }
void from_json(const json& j, DemoReset& r) { r.reset_at = time_from(j, "reset_at"); }

}  // namespace yiyang::wire
