// The work-order wire format (wire/orders.hpp): each struct's members, written by the server, read back by the
// dashboard. Records inside use their own to_json / from_json (WorkOrder, SlaClock, Candidate, ServiceEvidence).
#include "yiyang/wire/orders.hpp"

#include "yiyang/date.hpp"

namespace yiyang {

std::optional<SlaState> parse_SlaState(std::string_view text) {
    for (auto v : {SlaState::Running, SlaState::Paused, SlaState::DueSoon, SlaState::Met, SlaState::Breached}) {
        if (text == code(v)) return v;
    }
    return std::nullopt;
}

namespace {
LocalSeconds timestamp_member(const nlohmann::json& j, const char* key) {
    const nlohmann::json& v = j.at(key);
    auto t = v.is_string() ? parse_timestamp(v.get<std::string>()) : std::nullopt;
    if (!t) throw nlohmann::json::type_error::create(302, std::string("member \"") + key + "\" must be a timestamp", &v);
    return *t;
}
}  // namespace

void from_json(const nlohmann::json& j, SlaClock& c) {
    SlaClock out;
    j.at("rule").get_to(out.rule_code);
    j.at("name").get_to(out.name_zh);
    out.started_at = timestamp_member(j, "started_at");
    if (auto it = j.find("stopped_at"); it != j.end() && !it->is_null()) out.stopped_at = timestamp_member(j, "stopped_at");
    out.due_at = timestamp_member(j, "due_at");
    j.at("consumed_seconds").get_to(out.consumed_seconds);
    j.at("remaining_seconds").get_to(out.remaining_seconds);
    j.at("seconds_to_due").get_to(out.seconds_to_due);
    const nlohmann::json& st = j.at("state");
    auto state = st.is_string() ? parse_SlaState(st.get<std::string>()) : std::nullopt;
    if (!state) throw nlohmann::json::type_error::create(302, "member \"state\" must be a clock state code", &st);
    out.state = *state;
    c = std::move(out);
}

void from_json(const nlohmann::json& j, Candidate& c) {
    Candidate out;
    j.at("provider_id").get_to(out.provider_id);
    j.at("provider_name").get_to(out.provider_name);
    j.at("eligible").get_to(out.eligible);
    j.at("ineligible_reason").get_to(out.ineligible_reason_zh);
    j.at("rank").get_to(out.rank);
    j.at("score").get_to(out.score);
    const nlohmann::json& p = j.at("parts");
    p.at("category").get_to(out.parts.category);
    p.at("distance").get_to(out.parts.distance);
    p.at("load").get_to(out.parts.load);
    p.at("rating").get_to(out.parts.rating);
    j.at("matched_categories").get_to(out.matched_categories);
    j.at("missing_categories").get_to(out.missing_categories);
    if (auto it = j.find("nearest_point_id"); it != j.end() && !it->is_null()) out.nearest_point_id = it->get<Id>();
    j.at("nearest_point_name").get_to(out.nearest_point_name);
    if (auto it = j.find("nearest_distance_m"); it != j.end() && !it->is_null()) {
        out.nearest_distance_m = it->get<std::int64_t>();
    }
    j.at("open_load").get_to(out.open_load);
    j.at("rating_permille").get_to(out.rating_permille);
    j.at("reasons").get_to(out.reasons_zh);
    c = std::move(out);
}

}  // namespace yiyang

namespace yiyang::wire {

void to_json(json& j, const OrderCreate& v) {
    j = json{{"channel", v.channel}, {"type", v.type}, {"categories", v.categories}, {"description", v.description}};
    put_opt(j, "elder_id", v.elder_id);
    put_opt(j, "town_id", v.town_id);
    put_opt(j, "urgency", v.urgency);
    put_opt(j, "about_order_id", v.about_order_id);
    if (!v.about_order_code.empty()) j["about_order_code"] = v.about_order_code;
    put_opt(j, "about_provider_id", v.about_provider_id);
}

void from_json(const json& j, OrderCreate& v) {
    OrderCreate out;
    j.at("channel").get_to(out.channel);
    j.at("type").get_to(out.type);
    get_or(j, "categories", out.categories);
    get_opt(j, "elder_id", out.elder_id);
    get_opt(j, "town_id", out.town_id);
    get_opt(j, "urgency", out.urgency);
    get_or(j, "description", out.description);
    get_opt(j, "about_order_id", out.about_order_id);
    get_or(j, "about_order_code", out.about_order_code);
    get_opt(j, "about_provider_id", out.about_provider_id);
    v = std::move(out);
}

void to_json(json& j, const ComplaintLink& v) {
    j = json{{"reason", v.reason}};
    put_opt(j, "about_order_id", v.about_order_id);
    if (!v.about_order_code.empty()) j["about_order_code"] = v.about_order_code;
    put_opt(j, "about_provider_id", v.about_provider_id);
    put_opt(j, "version", v.version);
}

void from_json(const json& j, ComplaintLink& v) {
    ComplaintLink out;
    get_or(j, "reason", out.reason);
    get_opt(j, "about_order_id", out.about_order_id);
    get_or(j, "about_order_code", out.about_order_code);
    get_opt(j, "about_provider_id", out.about_provider_id);
    get_opt(j, "version", out.version);
    v = std::move(out);
}

void to_json(json& j, const Transition& v) {
    j = json{{"action", v.action}};
    put_opt(j, "version", v.version);
    if (!v.reason.empty()) j["reason"] = v.reason;
    put_opt(j, "provider_id", v.provider_id);
    put_opt(j, "town_id", v.town_id);
    put_opt(j, "satisfaction", v.satisfaction);
    put_opt(j, "service_received", v.service_received);
    put_opt(j, "evidence", v.evidence);
}

void from_json(const json& j, Transition& v) {
    Transition out;
    j.at("action").get_to(out.action);
    get_opt(j, "version", out.version);
    get_or(j, "reason", out.reason);
    get_opt(j, "provider_id", out.provider_id);
    get_opt(j, "town_id", out.town_id);
    get_opt(j, "satisfaction", out.satisfaction);
    get_opt(j, "service_received", out.service_received);
    get_opt(j, "evidence", out.evidence);
    v = std::move(out);
}

void to_json(json& j, const OrderView& v) {
    j = v.order;
    j["version"] = v.version;
    j["clocks"] = v.clocks;
    j["overdue"] = v.overdue;
    if (!v.about_order_code.empty()) j["about_order_code"] = v.about_order_code;
    if (!v.about_provider_name.empty()) j["about_provider_name"] = v.about_provider_name;
}

void from_json(const json& j, OrderView& v) {
    OrderView out;
    j.get_to(out.order);
    j.at("version").get_to(out.version);
    j.at("clocks").get_to(out.clocks);
    j.at("overdue").get_to(out.overdue);
    get_or(j, "about_order_code", out.about_order_code);
    get_or(j, "about_provider_name", out.about_provider_name);
    v = std::move(out);
}

void to_json(json& j, const ComplaintRef& v) {
    j = json{{"id", v.id}, {"code", v.code}, {"status", v.status}, {"created_at", format_timestamp(v.created_at)}};
    put_opt(j, "complaint_valid", v.complaint_valid);
}

void from_json(const json& j, ComplaintRef& v) {
    ComplaintRef out;
    j.at("id").get_to(out.id);
    j.at("code").get_to(out.code);
    j.at("status").get_to(out.status);
    out.created_at = timestamp_member(j, "created_at");
    get_opt(j, "complaint_valid", out.complaint_valid);
    v = std::move(out);
}

void to_json(json& j, const OrderReply& v) {
    j = json{{"order", v.order}, {"legal_actions", v.legal_actions}};
    if (!v.complaints.empty()) j["complaints"] = v.complaints;
}

void from_json(const json& j, OrderReply& v) {
    OrderReply out;
    j.at("order").get_to(out.order);
    j.at("legal_actions").get_to(out.legal_actions);
    get_or(j, "complaints", out.complaints);
    v = std::move(out);
}

void to_json(json& j, const OrderHistory& v) { j = json{{"events", v.events}}; }

void from_json(const json& j, OrderHistory& v) {
    OrderHistory out;
    j.at("events").get_to(out.events);
    v = std::move(out);
}

void to_json(json& j, const Candidates& v) {
    j = json{{"order_id", v.order_id}, {"order_code", v.order_code}, {"weights_version", v.weights_version},
             {"eligible", v.eligible}, {"candidates", v.candidates}};
}

void from_json(const json& j, Candidates& v) {
    Candidates out;
    j.at("order_id").get_to(out.order_id);
    j.at("order_code").get_to(out.order_code);
    j.at("weights_version").get_to(out.weights_version);
    j.at("eligible").get_to(out.eligible);
    j.at("candidates").get_to(out.candidates);
    v = std::move(out);
}

}  // namespace yiyang::wire
