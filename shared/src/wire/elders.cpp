// Elders wire format (wire/elders.hpp).
#include "yiyang/wire/elders.hpp"

namespace yiyang::wire {

void to_json(json& j, const ElderPage& p) {
    j = p.page;
    j["masked"] = p.masked;
}
void from_json(const json& j, ElderPage& p) {
    j.get_to(p.page);
    j.at("masked").get_to(p.masked);
}

void to_json(json& j, const ElderReply& r) { j = {{"elder", r.elder}, {"town_name", r.town_name}}; }
void from_json(const json& j, ElderReply& r) {
    j.at("elder").get_to(r.elder);
    get_or(j, "town_name", r.town_name);
}

void to_json(json& j, const AuditList& l) { j = {{"events", l.events}}; }
void from_json(const json& j, AuditList& l) { j.at("events").get_to(l.events); }

}  // namespace yiyang::wire
