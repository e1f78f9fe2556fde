// The care projects and their providers (wire/care_projects.hpp).
#include "yiyang/wire/care_projects.hpp"

namespace yiyang::wire {

void to_json(json& j, const CareProjectProvider& p) { j = {{"id", p.id}, {"name", p.name}}; }
void from_json(const json& j, CareProjectProvider& p) {
    j.at("id").get_to(p.id);
    j.at("name").get_to(p.name);
}

void to_json(json& j, const CareProjectView& p) { j = {{"code", p.code}, {"name_zh", p.name_zh}, {"providers", p.providers}}; }
void from_json(const json& j, CareProjectView& p) {
    j.at("code").get_to(p.code);
    j.at("name_zh").get_to(p.name_zh);
    j.at("providers").get_to(p.providers);
}

void to_json(json& j, const CareProjectList& l) { j = {{"items", l.items}}; }
void from_json(const json& j, CareProjectList& l) { j.at("items").get_to(l.items); }

}  // namespace yiyang::wire
