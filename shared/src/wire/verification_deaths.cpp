// JSON of the death reconciliation and new-subject replies (yiyang/wire/verification_deaths.hpp). Every member
// is read leniently (absent = default) so an older client reads a newer reply.
#include "yiyang/wire/verification_deaths.hpp"

namespace yiyang::wire {

void to_json(json& j, const DeathContact& c) {
    j = {{"outcome", c.outcome}, {"outcome_label", c.outcome_label_zh}, {"day", c.day}, {"note", c.note},
         {"by", c.by}, {"at", c.at}};
}
void from_json(const json& j, DeathContact& c) {
    j.at("outcome").get_to(c.outcome);
    get_or(j, "outcome_label", c.outcome_label_zh);
    get_or(j, "day", c.day);
    get_or(j, "note", c.note);
    get_or(j, "by", c.by);
    get_or(j, "at", c.at);
}

void to_json(json& j, const DeathContactRequest& r) { j = {{"outcome", r.outcome}, {"day", r.day}, {"note", r.note}}; }
void from_json(const json& j, DeathContactRequest& r) {
    get_or(j, "outcome", r.outcome);
    get_or(j, "day", r.day);
    get_or(j, "note", r.note);
}

void to_json(json& j, const DeathPerson& p) {
    j = {{"id_number", p.id_number}, {"name", p.name}, {"phone", p.phone}, {"town", p.town},
         {"cremation_name", p.cremation_name}, {"died", p.died}, {"opened", p.opened},
         {"removal_reason", p.removal_reason}, {"billed_months", p.billed_months}, {"to_recover_fen", p.to_recover_fen},
         {"same_person_confirmed", p.same_person_confirmed}};
    j["removed"] = p.removed ? json(*p.removed) : json(nullptr);
    j["contact"] = p.contact ? json(*p.contact) : json(nullptr);
}
void from_json(const json& j, DeathPerson& p) {
    j.at("id_number").get_to(p.id_number);
    get_or(j, "name", p.name);
    get_or(j, "phone", p.phone);
    get_or(j, "town", p.town);
    get_or(j, "cremation_name", p.cremation_name);
    get_or(j, "died", p.died);
    get_or(j, "opened", p.opened);
    get_opt(j, "removed", p.removed);
    get_or(j, "removal_reason", p.removal_reason);
    get_or(j, "billed_months", p.billed_months);
    get_or(j, "to_recover_fen", p.to_recover_fen);
    get_or(j, "same_person_confirmed", p.same_person_confirmed);
    get_opt(j, "contact", p.contact);
}

void to_json(json& j, const DeathNameMismatch& m) {
    j = {{"id_number", m.id_number}, {"subscriber_name", m.subscriber_name}, {"cremation_name", m.cremation_name},
         {"died", m.died}};
}
void from_json(const json& j, DeathNameMismatch& m) {
    j.at("id_number").get_to(m.id_number);
    get_or(j, "subscriber_name", m.subscriber_name);
    get_or(j, "cremation_name", m.cremation_name);
    get_or(j, "died", m.died);
}

void to_json(json& j, const DeathsReport& r) {
    j = {{"quarter", r.quarter}, {"quarter_label", r.quarter_label_zh}, {"town_name", r.town_name},
         {"window_from", r.window_from}, {"window_to", r.window_to}, {"window_default", r.window_default},
         {"window_note", r.window_note_zh}, {"due_month", r.due_month}, {"unit_fee_fen", r.unit_fee_fen},
         {"rule_versions", r.rule_versions}, {"matched", r.matched}, {"already_removed", r.already_removed},
         {"to_deduct", r.to_deduct}, {"deducted", r.deducted}, {"not_deducted", r.not_deducted},
         {"still_billed", r.still_billed}, {"to_recover_fen", r.to_recover_fen}, {"next_quarter", r.next_quarter},
         {"contacted", r.contacted}, {"name_mismatches", r.name_mismatches}, {"people_total", r.people_total},
         {"people", r.people}, {"masked", r.masked}};
    put_opt(j, "town_id", r.town_id);
    put_opt(j, "drill_count", r.drill_count);
}
void from_json(const json& j, DeathsReport& r) {
    j.at("quarter").get_to(r.quarter);
    get_or(j, "quarter_label", r.quarter_label_zh);
    get_opt(j, "town_id", r.town_id);
    get_or(j, "town_name", r.town_name);
    get_or(j, "window_from", r.window_from);
    get_or(j, "window_to", r.window_to);
    get_or(j, "window_default", r.window_default);
    get_or(j, "window_note", r.window_note_zh);
    get_or(j, "due_month", r.due_month);
    get_or(j, "unit_fee_fen", r.unit_fee_fen);
    get_or(j, "rule_versions", r.rule_versions);
    j.at("matched").get_to(r.matched);
    get_or(j, "already_removed", r.already_removed);
    get_or(j, "to_deduct", r.to_deduct);
    get_or(j, "deducted", r.deducted);
    get_or(j, "not_deducted", r.not_deducted);
    get_or(j, "still_billed", r.still_billed);
    get_or(j, "to_recover_fen", r.to_recover_fen);
    get_or(j, "next_quarter", r.next_quarter);
    get_or(j, "contacted", r.contacted);
    get_or(j, "name_mismatches", r.name_mismatches);
    get_opt(j, "drill_count", r.drill_count);
    get_or(j, "people_total", r.people_total);
    get_or(j, "people", r.people);
    get_or(j, "masked", r.masked);
}

void to_json(json& j, const NewSubjectsMonthRow& r) {
    j = {{"month", r.month}, {"label", r.label_zh}, {"provided", r.provided}, {"cancelled", r.cancelled},
         {"empty", r.empty}, {"ineligible", r.ineligible}};
}
void from_json(const json& j, NewSubjectsMonthRow& r) {
    j.at("month").get_to(r.month);
    get_or(j, "label", r.label_zh);
    get_or(j, "provided", r.provided);
    get_or(j, "cancelled", r.cancelled);
    get_or(j, "empty", r.empty);
    get_or(j, "ineligible", r.ineligible);
}

void to_json(json& j, const NewSubjectsOutcome& o) {
    j = {{"outcome", o.outcome}, {"label", o.label_zh}, {"count", o.count}};
}
void from_json(const json& j, NewSubjectsOutcome& o) {
    j.at("outcome").get_to(o.outcome);
    get_or(j, "label", o.label_zh);
    get_or(j, "count", o.count);
}

void to_json(json& j, const NewSubjectPerson& p) {
    j = {{"id_number", p.id_number}, {"name", p.name}, {"phone", p.phone}, {"town", p.town}, {"opened", p.opened},
         {"outcome_label", p.outcome_label_zh}, {"ineligible_reason", p.ineligible_reason}};
    j["outcome"] = p.outcome ? json(*p.outcome) : json(nullptr);
}
void from_json(const json& j, NewSubjectPerson& p) {
    j.at("id_number").get_to(p.id_number);
    get_or(j, "name", p.name);
    get_or(j, "phone", p.phone);
    get_or(j, "town", p.town);
    get_or(j, "opened", p.opened);
    get_opt(j, "outcome", p.outcome);
    get_or(j, "outcome_label", p.outcome_label_zh);
    get_or(j, "ineligible_reason", p.ineligible_reason);
}

void to_json(json& j, const NewSubjectsReport& r) {
    j = {{"quarter", r.quarter}, {"quarter_label", r.quarter_label_zh}, {"town_name", r.town_name},
         {"checks_from", r.checks_from}, {"checks_to", r.checks_to}, {"checks_note", r.checks_note_zh},
         {"eligibility_version", r.eligibility_version}, {"report_version", r.report_version},
         {"rounding", r.rounding}, {"decimals", r.decimals}, {"months", r.months}, {"total", r.total},
         {"ineligible", r.ineligible}, {"unchecked", r.unchecked}, {"called", r.called}, {"not_called", r.not_called},
         {"outcomes", r.outcomes}, {"in_use", r.in_use}, {"usage_text", r.usage_text},
         {"people_total", r.people_total}, {"people", r.people}, {"masked", r.masked}};
    put_opt(j, "town_id", r.town_id);
    put_opt(j, "drill_month", r.drill_month);
    put_opt(j, "drill_count", r.drill_count);
}
void from_json(const json& j, NewSubjectsReport& r) {
    j.at("quarter").get_to(r.quarter);
    get_or(j, "quarter_label", r.quarter_label_zh);
    get_opt(j, "town_id", r.town_id);
    get_or(j, "town_name", r.town_name);
    get_or(j, "checks_from", r.checks_from);
    get_or(j, "checks_to", r.checks_to);
    get_or(j, "checks_note", r.checks_note_zh);
    get_or(j, "eligibility_version", r.eligibility_version);
    get_or(j, "report_version", r.report_version);
    get_or(j, "rounding", r.rounding);
    get_or(j, "decimals", r.decimals, 2);
    get_or(j, "months", r.months);
    if (j.contains("total")) j.at("total").get_to(r.total);
    get_or(j, "ineligible", r.ineligible);
    get_or(j, "unchecked", r.unchecked);
    get_or(j, "called", r.called);
    get_or(j, "not_called", r.not_called);
    get_or(j, "outcomes", r.outcomes);
    get_or(j, "in_use", r.in_use);
    get_or(j, "usage_text", r.usage_text);
    get_opt(j, "drill_month", r.drill_month);
    get_opt(j, "drill_count", r.drill_count);
    get_or(j, "people_total", r.people_total);
    get_or(j, "people", r.people);
    get_or(j, "masked", r.masked);
}

}  // namespace yiyang::wire
