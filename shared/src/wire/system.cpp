// GET /health wire format (wire/system.hpp).
#include "yiyang/wire/system.hpp"

#include "yiyang/wire/audit.hpp"

namespace yiyang::wire {

void to_json(json& j, const Health& h) {
    j = {{"status", h.status}, {"schema_version", h.schema_version}, {"version", h.version}, {"time", time_json(h.time)}, {"demo", h.demo}};
}
void from_json(const json& j, Health& h) {
    j.at("status").get_to(h.status);
    j.at("schema_version").get_to(h.schema_version);
    j.at("version").get_to(h.version);
    h.time = time_from(j, "time");
    get_or(j, "demo", h.demo);
}

}  // namespace yiyang::wire
