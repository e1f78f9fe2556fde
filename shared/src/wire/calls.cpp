// Call records and CDR imports on the wire (wire/calls.hpp).
#include "yiyang/wire/calls.hpp"

#include "yiyang/wire/audit.hpp"

namespace yiyang::wire {

void to_json(json& j, const CallImportReply& r) {
    j = {{"import_id", r.import_id}, {"format", r.format}, {"encoding", r.encoding},
         {"encoding_name", r.encoding_name}, {"rows", r.rows}, {"imported", r.imported},
         {"duplicates", r.duplicates}, {"linked", r.linked}};
}
void from_json(const json& j, CallImportReply& r) {
    j.at("import_id").get_to(r.import_id);
    j.at("format").get_to(r.format);
    j.at("encoding").get_to(r.encoding);
    get_or(j, "encoding_name", r.encoding_name);
    j.at("rows").get_to(r.rows);
    j.at("imported").get_to(r.imported);
    j.at("duplicates").get_to(r.duplicates);
    j.at("linked").get_to(r.linked);
}

void to_json(json& j, const CdrRejected& r) {
    j = {{"error", {{"code", "invalid_cdr"}, {"message", r.message}, {"report", r.report},
                    {"errors_omitted", r.errors_omitted}, {"format", r.format}}}};
}
void from_json(const json& j, CdrRejected& r) {
    const json& e = j.at("error");
    e.at("message").get_to(r.message);
    e.at("report").get_to(r.report);
    get_or(e, "errors_omitted", r.errors_omitted);
    get_or(e, "format", r.format);
}

void to_json(json& j, const CallRow& r) {
    j = {{"id", r.id},
         {"call_key", r.call_key},
         {"direction", r.direction},
         {"caller", r.caller},
         {"callee", r.callee},
         {"started_at", time_json(r.started_at)},
         {"answered", r.answered},
         {"answered_at", r.answered_at ? time_json(*r.answered_at) : json(nullptr)},
         {"ended_at", time_json(r.ended_at)},
         {"duration_s", r.duration_s},
         {"talk_s", r.talk_s},
         {"disposition", r.disposition},
         {"agent", r.agent},
         {"order_id", r.order_id ? json(*r.order_id) : json(nullptr)},
         {"order_code", r.order_code ? json(*r.order_code) : json(nullptr)},
         {"import_id", r.import_id}};
}
void from_json(const json& j, CallRow& r) {
    j.at("id").get_to(r.id);
    j.at("call_key").get_to(r.call_key);
    j.at("direction").get_to(r.direction);
    j.at("caller").get_to(r.caller);
    j.at("callee").get_to(r.callee);
    r.started_at = time_from(j, "started_at");
    j.at("answered").get_to(r.answered);
    r.answered_at = opt_time_from(j, "answered_at");
    r.ended_at = time_from(j, "ended_at");
    j.at("duration_s").get_to(r.duration_s);
    j.at("talk_s").get_to(r.talk_s);
    j.at("disposition").get_to(r.disposition);
    j.at("agent").get_to(r.agent);
    get_opt(j, "order_id", r.order_id);
    get_opt(j, "order_code", r.order_code);
    j.at("import_id").get_to(r.import_id);
}

void to_json(json& j, const CallPage& p) {
    j = p.page;
    j["masked"] = p.masked;
}
void from_json(const json& j, CallPage& p) {
    j.get_to(p.page);
    j.at("masked").get_to(p.masked);
}

}  // namespace yiyang::wire
