// JSON of the assessment prefill (yiyang/wire/assessment_prefill.hpp). Read leniently (absent = default).
#include "yiyang/wire/assessment_prefill.hpp"

namespace yiyang::wire {

void to_json(json& j, const PrefillPerson& p) {
    j = {{"elder_id", p.elder_id}, {"name", p.name}, {"tier", p.tier}, {"detail_zh", p.detail_zh}, {"ref", p.ref}};
}
void from_json(const json& j, PrefillPerson& p) {
    get_or(j, "elder_id", p.elder_id);
    get_or(j, "name", p.name);
    get_or(j, "tier", p.tier);
    get_or(j, "detail_zh", p.detail_zh);
    get_or(j, "ref", p.ref);
}

void to_json(json& j, const PrefillItem& i) {
    j = {{"code", i.code},         {"source", i.source}, {"count", i.count},
         {"basis_zh", i.basis_zh}, {"people", i.people}, {"people_truncated", i.people_truncated}};
}
void from_json(const json& j, PrefillItem& i) {
    j.at("code").get_to(i.code);
    get_or(j, "source", i.source);
    get_or(j, "count", i.count);
    get_or(j, "basis_zh", i.basis_zh);
    get_or(j, "people", i.people);
    get_or(j, "people_truncated", i.people_truncated);
}

void to_json(json& j, const PrefillUnassigned& u) {
    j = {{"count", u.count}, {"basis_zh", u.basis_zh}, {"people", u.people}, {"people_truncated", u.people_truncated}};
}
void from_json(const json& j, PrefillUnassigned& u) {
    get_or(j, "count", u.count);
    get_or(j, "basis_zh", u.basis_zh);
    get_or(j, "people", u.people);
    get_or(j, "people_truncated", u.people_truncated);
}

void to_json(json& j, const AssessmentPrefill& p) {
    j = {{"provider_id", p.provider_id}, {"project_code", p.project_code}, {"month", p.month},
         {"rule_version", p.rule_version}, {"items", p.items}, {"satisfied", p.satisfied},
         {"answered", p.answered}, {"subjects_total", p.subjects_total}, {"unassigned", p.unassigned}, {"notes_zh", p.notes_zh}};
}
void from_json(const json& j, AssessmentPrefill& p) {
    get_or(j, "provider_id", p.provider_id);
    get_or(j, "project_code", p.project_code);
    get_or(j, "month", p.month);
    get_or(j, "rule_version", p.rule_version);
    get_or(j, "items", p.items);
    get_or(j, "satisfied", p.satisfied);
    get_or(j, "answered", p.answered);
    get_or(j, "subjects_total", p.subjects_total);
    get_or(j, "unassigned", p.unassigned);
    get_or(j, "notes_zh", p.notes_zh);
}

}  // namespace yiyang::wire
