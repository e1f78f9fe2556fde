// JSON of the quarterly verification replies (yiyang/wire/verification.hpp).
#include "yiyang/wire/verification.hpp"

namespace yiyang::wire {

void to_json(json& j, const InfoServiceMonthRow& r) {
    j = {{"month", r.month}, {"label", r.label_zh}, {"at_start", r.at_start}, {"added", r.added},
         {"removed", r.removed}, {"total", r.total}, {"unit_fee_fen", r.unit_fee_fen}, {"fee_fen", r.fee_fen}};
}
void from_json(const json& j, InfoServiceMonthRow& r) {
    j.at("month").get_to(r.month);
    get_or(j, "label", r.label_zh);
    j.at("at_start").get_to(r.at_start);
    j.at("added").get_to(r.added);
    j.at("removed").get_to(r.removed);
    j.at("total").get_to(r.total);
    j.at("unit_fee_fen").get_to(r.unit_fee_fen);
    j.at("fee_fen").get_to(r.fee_fen);
}

void to_json(json& j, const InfoServicePerson& p) {
    j = {{"elder_id", p.elder_id}, {"name", p.name}, {"id_number", p.id_number}, {"phone", p.phone},
         {"town_id", p.town_id}, {"from", p.from}, {"reason", p.reason}};
    j["to"] = p.to ? json(*p.to) : json(nullptr);
}
void from_json(const json& j, InfoServicePerson& p) {
    j.at("elder_id").get_to(p.elder_id);
    j.at("name").get_to(p.name);
    j.at("id_number").get_to(p.id_number);
    j.at("phone").get_to(p.phone);
    j.at("town_id").get_to(p.town_id);
    j.at("from").get_to(p.from);
    get_opt(j, "to", p.to);
    get_or(j, "reason", p.reason);
}

void to_json(json& j, const InfoServiceReport& r) {
    j = {{"quarter", r.quarter}, {"quarter_label", r.quarter_label_zh}, {"town_name", r.town_name},
         {"rule_versions", r.rule_versions}, {"months", r.months}, {"at_start", r.at_start}, {"added", r.added},
         {"removed", r.removed}, {"person_months", r.person_months}, {"fee_fen", r.fee_fen},
         {"people_total", r.people_total}, {"people", r.people}, {"masked", r.masked}};
    put_opt(j, "town_id", r.town_id);
    put_opt(j, "drill_month", r.drill_month);
    put_opt(j, "drill_count", r.drill_count);
}
void from_json(const json& j, InfoServiceReport& r) {
    j.at("quarter").get_to(r.quarter);
    get_or(j, "quarter_label", r.quarter_label_zh);
    get_opt(j, "town_id", r.town_id);
    get_or(j, "town_name", r.town_name);
    get_or(j, "rule_versions", r.rule_versions);
    j.at("months").get_to(r.months);
    j.at("at_start").get_to(r.at_start);
    j.at("added").get_to(r.added);
    j.at("removed").get_to(r.removed);
    j.at("person_months").get_to(r.person_months);
    j.at("fee_fen").get_to(r.fee_fen);
    get_opt(j, "drill_month", r.drill_month);
    get_opt(j, "drill_count", r.drill_count);
    get_or(j, "people_total", r.people_total);
    get_or(j, "people", r.people);
    get_or(j, "masked", r.masked);
}

}  // namespace yiyang::wire
