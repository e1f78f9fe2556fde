// JSON of the physical-service flags (yiyang/wire/verification_physical.hpp).
#include "yiyang/wire/verification_physical.hpp"

namespace yiyang::wire {

void to_json(json& j, const PhysicalMonthRow& r) {
    j = {{"month", r.month}, {"label", r.label_zh}, {"records", r.records}, {"unit_fee_fen", r.unit_fee_fen},
         {"fee_fen", r.fee_fen}, {"payable", r.payable}, {"payable_fee_fen", r.payable_fee_fen}};
}
void from_json(const json& j, PhysicalMonthRow& r) {
    j.at("month").get_to(r.month);
    get_or(j, "label", r.label_zh);
    j.at("records").get_to(r.records);
    j.at("unit_fee_fen").get_to(r.unit_fee_fen);
    j.at("fee_fen").get_to(r.fee_fen);
    j.at("payable").get_to(r.payable);
    j.at("payable_fee_fen").get_to(r.payable_fee_fen);
}

void to_json(json& j, const PhysicalFlagReason& r) {
    j = {{"flag", r.flag}, {"label", r.label_zh}, {"why", r.why_zh}, {"other_records", r.other_records},
         {"blocks_payment", r.blocks_payment}};
}
void from_json(const json& j, PhysicalFlagReason& r) {
    j.at("flag").get_to(r.flag);
    get_or(j, "label", r.label_zh);
    get_or(j, "why", r.why_zh);
    get_or(j, "other_records", r.other_records);
    get_or(j, "blocks_payment", r.blocks_payment);
}

void to_json(json& j, const PhysicalDecisionView& d) {
    j = {{"payable", d.payable}, {"reason", d.reason}, {"decided_by", d.decided_by}, {"decided_at", d.decided_at}};
}
void from_json(const json& j, PhysicalDecisionView& d) {
    j.at("payable").get_to(d.payable);
    get_or(j, "reason", d.reason);
    get_or(j, "decided_by", d.decided_by);
    get_or(j, "decided_at", d.decided_at);
}

void to_json(json& j, const PhysicalAnswerView& a) {
    j = {{"id", a.id}, {"text", a.text}, {"provider_id", a.provider_id}, {"answered_by", a.answered_by},
         {"answered_at", a.answered_at}};
}
void from_json(const json& j, PhysicalAnswerView& a) {
    j.at("id").get_to(a.id);
    j.at("text").get_to(a.text);
    get_or(j, "provider_id", a.provider_id);
    get_or(j, "answered_by", a.answered_by);
    get_or(j, "answered_at", a.answered_at);
}

void to_json(json& j, const PhysicalFlaggedRecord& r) {
    j = {{"record_no", r.record_no}, {"name", r.name}, {"id_number", r.id_number}, {"day", r.day},
         {"start", r.start}, {"end", r.end}, {"item", r.item}, {"caregiver", r.caregiver}, {"status", r.status},
         {"status_label", r.status_label_zh}, {"reasons", r.reasons}, {"decisions", r.decisions},
         {"decision_history", r.decision_history}, {"answers", r.answers}};
    put_opt(j, "provider_id", r.provider_id);
    put_opt(j, "decision", r.decision);
}
void from_json(const json& j, PhysicalFlaggedRecord& r) {
    j.at("record_no").get_to(r.record_no);
    get_or(j, "name", r.name);
    get_or(j, "id_number", r.id_number);
    j.at("day").get_to(r.day);
    get_or(j, "start", r.start);
    get_or(j, "end", r.end);
    get_or(j, "item", r.item);
    get_or(j, "caregiver", r.caregiver);
    get_opt(j, "provider_id", r.provider_id);
    j.at("status").get_to(r.status);
    get_or(j, "status_label", r.status_label_zh);
    get_or(j, "reasons", r.reasons);
    get_opt(j, "decision", r.decision);
    get_or(j, "decisions", r.decisions);
    get_or(j, "decision_history", r.decision_history);
    get_or(j, "answers", r.answers);
}

void to_json(json& j, const PhysicalServiceReport& r) {
    j = {{"quarter", r.quarter}, {"quarter_label", r.quarter_label_zh}, {"town_name", r.town_name},
         {"rule_versions", r.rule_versions}, {"months", r.months}, {"records", r.records}, {"fee_fen", r.fee_fen},
         {"payable", r.payable}, {"payable_fee_fen", r.payable_fee_fen}, {"not_payable", r.not_payable},
         {"not_payable_fee_fen", r.not_payable_fee_fen}, {"pending", r.pending}, {"pending_fee_fen", r.pending_fee_fen},
         {"decided_payable", r.decided_payable}, {"decided_payable_fee_fen", r.decided_payable_fee_fen},
         {"decided_not_payable", r.decided_not_payable},
         {"decided_not_payable_fee_fen", r.decided_not_payable_fee_fen}, {"flagged", r.flagged},
         {"flagged_total", r.flagged_total}, {"page", r.page}, {"page_size", r.page_size}, {"items", r.items},
         {"masked", r.masked}};
    put_opt(j, "town_id", r.town_id);
    put_opt(j, "provider_id", r.provider_id);
}
void from_json(const json& j, PhysicalServiceReport& r) {
    j.at("quarter").get_to(r.quarter);
    get_or(j, "quarter_label", r.quarter_label_zh);
    get_opt(j, "town_id", r.town_id);
    get_or(j, "town_name", r.town_name);
    get_opt(j, "provider_id", r.provider_id);
    get_or(j, "rule_versions", r.rule_versions);
    j.at("months").get_to(r.months);
    j.at("records").get_to(r.records);
    j.at("fee_fen").get_to(r.fee_fen);
    j.at("payable").get_to(r.payable);
    j.at("payable_fee_fen").get_to(r.payable_fee_fen);
    j.at("not_payable").get_to(r.not_payable);
    j.at("not_payable_fee_fen").get_to(r.not_payable_fee_fen);
    j.at("pending").get_to(r.pending);
    j.at("pending_fee_fen").get_to(r.pending_fee_fen);
    get_or(j, "decided_payable", r.decided_payable);
    get_or(j, "decided_payable_fee_fen", r.decided_payable_fee_fen);
    j.at("decided_not_payable").get_to(r.decided_not_payable);
    j.at("decided_not_payable_fee_fen").get_to(r.decided_not_payable_fee_fen);
    get_or(j, "flagged", r.flagged);
    get_or(j, "flagged_total", r.flagged_total);
    get_or(j, "page", r.page, 1);
    get_or(j, "page_size", r.page_size, 20);
    get_or(j, "items", r.items);
    get_or(j, "masked", r.masked);
}

void to_json(json& j, const PhysicalDecisionRequest& r) { j = {{"payable", r.payable}, {"reason", r.reason}}; }
void from_json(const json& j, PhysicalDecisionRequest& r) {
    j.at("payable").get_to(r.payable);
    j.at("reason").get_to(r.reason);
}

void to_json(json& j, const PhysicalAnswerRequest& r) { j = {{"text", r.text}}; }
void from_json(const json& j, PhysicalAnswerRequest& r) { j.at("text").get_to(r.text); }

}  // namespace yiyang::wire
