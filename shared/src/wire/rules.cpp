// The rule registry's wire format (wire/rules.hpp).
#include "yiyang/wire/rules.hpp"

namespace yiyang::wire {

RuleVersionReply rule_version_reply(const RuleVersion& v, const Date& today, const RuleBook& book) {
    const RuleVersion* now = book.version_in_force(v.kind, today);
    return {v.kind, v.version, format_date(v.effective_from), format_timestamp(v.published_at), v.published_by,
            v.reason, now == &v, today < v.effective_from, v.body};
}

RuleCheckReply rule_check_reply(const RuleCandidate& c, const RuleCheck& check) {
    RuleCheckReply r;
    r.kind = c.kind;
    r.version = c.version;
    r.effective_from = c.effective_from;
    r.replaces = check.replaces;
    r.changes = check.changes;
    r.errors = check.errors;
    r.ok = check.ok();
    r.body = check.body;
    return r;
}

void to_json(json& j, const RulesListReply& v) { j = json{{"today", v.today}, {"kinds", v.kinds}}; }
void from_json(const json& j, RulesListReply& v) {
    j.at("today").get_to(v.today);
    j.at("kinds").get_to(v.kinds);
}

void to_json(json& j, const RuleVersionReply& v) {
    j = json{{"kind", v.kind},         {"version", v.version},   {"effective_from", v.effective_from},
             {"published_at", v.published_at}, {"published_by", v.published_by}, {"reason", v.reason},
             {"in_force", v.in_force}, {"scheduled", v.scheduled}, {"body", v.body}};
}
void from_json(const json& j, RuleVersionReply& v) {
    j.at("kind").get_to(v.kind);
    j.at("version").get_to(v.version);
    j.at("effective_from").get_to(v.effective_from);
    get_or(j, "published_at", v.published_at);
    get_or(j, "published_by", v.published_by);
    get_or(j, "reason", v.reason);
    get_or(j, "in_force", v.in_force);
    get_or(j, "scheduled", v.scheduled);
    v.body = j.at("body");
}

void to_json(json& j, const RuleCheckReply& v) {
    j = json{{"kind", v.kind},
             {"version", v.version},
             {"effective_from", v.effective_from},
             {"replaces", v.replaces ? json(*v.replaces) : json()},
             {"changes", v.changes},
             {"errors", v.errors},
             {"ok", v.ok},
             {"body", v.body}};
    if (v.id) j["id"] = *v.id;
    if (v.in_force_today) j["in_force_today"] = *v.in_force_today;
    if (v.error_code)
        j["error"] = {{"code", *v.error_code}, {"message", v.error_message.value_or("")}, {"fields", v.errors}};
}
void from_json(const json& j, RuleCheckReply& v) {
    j.at("kind").get_to(v.kind);
    j.at("version").get_to(v.version);
    j.at("effective_from").get_to(v.effective_from);
    get_opt(j, "replaces", v.replaces);
    j.at("changes").get_to(v.changes);
    j.at("errors").get_to(v.errors);
    j.at("ok").get_to(v.ok);
    v.body = j.value("body", json::object());
    get_opt(j, "id", v.id);
    get_opt(j, "in_force_today", v.in_force_today);
    v.error_code.reset();
    v.error_message.reset();
    if (auto e = j.find("error"); e != j.end() && e->is_object()) {
        get_opt(*e, "code", v.error_code);
        get_opt(*e, "message", v.error_message);
    }
}

}  // namespace yiyang::wire
