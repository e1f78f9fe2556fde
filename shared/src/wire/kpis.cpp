// The indicators' wire format (wire/kpis.hpp).
#include "yiyang/wire/kpis.hpp"

namespace yiyang::wire {
namespace {
// Optional members the indicator replies write as null (never omitted): the browser tests and docs/API.md
// show them as null.
template <class T>
json or_null(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}
}  // namespace

void to_json(json& j, const KpiPeriodInfo& v) {
    j = json{{"code", v.code}, {"label", v.label}, {"first", v.first}, {"last", v.last}};
}
void from_json(const json& j, KpiPeriodInfo& v) {
    j.at("code").get_to(v.code);
    get_or(j, "label", v.label);
    get_or(j, "first", v.first);
    get_or(j, "last", v.last);
}
void to_json(json& j, const KpiScopeInfo& v) {
    j = json{{"town_id", or_null(v.town_id)},
             {"town_name", or_null(v.town_name)},
             {"provider_id", or_null(v.provider_id)},
             {"provider_name", or_null(v.provider_name)}};
}
void from_json(const json& j, KpiScopeInfo& v) {
    get_opt(j, "town_id", v.town_id);
    get_opt(j, "town_name", v.town_name);
    get_opt(j, "provider_id", v.provider_id);
    get_opt(j, "provider_name", v.provider_name);
}
void to_json(json& j, const KpiFraction& v) { j = json{{"num", v.num}, {"den", v.den}}; }
void from_json(const json& j, KpiFraction& v) {
    j.at("num").get_to(v.num);
    j.at("den").get_to(v.den);
}

void to_json(json& j, const KpiItemReply& v) {
    j = json{{"code", v.code},
             {"name_zh", v.name_zh},
             {"item", v.item},
             {"unit", v.unit},
             {"period", v.period},
             {"source", v.source},
             {"target_text", v.target_text},
             {"requirement_zh", v.requirement_zh},
             {"applicable", v.applicable},
             {"kind", or_null(v.kind)},
             {"value", or_null(v.value)},
             {"display", v.display},
             {"met", or_null(v.met)},
             {"numerator_count", or_null(v.numerator_count)},
             {"denominator_count", or_null(v.denominator_count)},
             {"failure_count", or_null(v.failure_count)},
             {"note", or_null(v.note)}};
}
void from_json(const json& j, KpiItemReply& v) {
    j.at("code").get_to(v.code);
    j.at("name_zh").get_to(v.name_zh);
    get_or(j, "item", v.item);
    j.at("unit").get_to(v.unit);
    get_or(j, "period", v.period);
    j.at("source").get_to(v.source);
    get_or(j, "target_text", v.target_text);
    get_or(j, "requirement_zh", v.requirement_zh);
    j.at("applicable").get_to(v.applicable);
    get_opt(j, "kind", v.kind);
    get_opt(j, "value", v.value);
    j.at("display").get_to(v.display);
    get_opt(j, "met", v.met);
    get_opt(j, "numerator_count", v.numerator_count);
    get_opt(j, "denominator_count", v.denominator_count);
    get_opt(j, "failure_count", v.failure_count);
    get_opt(j, "note", v.note);
}
void to_json(json& j, const KpisReply& v) {
    j = json{{"period", v.period},
             {"scope", v.scope},
             {"targets_version", v.targets_version},
             {"as_of", v.as_of},
             {"items", v.items}};
}
void from_json(const json& j, KpisReply& v) {
    j.at("period").get_to(v.period);
    j.at("scope").get_to(v.scope);
    get_or(j, "targets_version", v.targets_version);
    get_or(j, "as_of", v.as_of);
    j.at("items").get_to(v.items);
}

void to_json(json& j, const KpiOrderRecord& v) {
    j = json{{"id", v.id},
             {"code", v.code},
             {"type", v.type},
             {"channel", v.channel},
             {"status", v.status},
             {"created_at", v.created_at},
             {"town_id", v.town_id},
             {"town_name", v.town_name},
             {"provider_id", or_null(v.provider_id)},
             {"provider_name", or_null(v.provider_name)},
             {"satisfaction", or_null(v.satisfaction)}};
}
void from_json(const json& j, KpiOrderRecord& v) {
    j.at("id").get_to(v.id);
    j.at("code").get_to(v.code);
    j.at("type").get_to(v.type);
    get_or(j, "channel", v.channel);
    j.at("status").get_to(v.status);
    get_or(j, "created_at", v.created_at);
    get_or(j, "town_id", v.town_id);
    get_or(j, "town_name", v.town_name);
    get_opt(j, "provider_id", v.provider_id);
    get_opt(j, "provider_name", v.provider_name);
    get_opt(j, "satisfaction", v.satisfaction);
}

void to_json(json& j, const KpiProviderRecord& v) {
    j = json{{"id", v.id}, {"name", v.name}, {"status_label", v.status_label}, {"detail", v.detail}};
}
void from_json(const json& j, KpiProviderRecord& v) {
    j.at("id").get_to(v.id);
    j.at("name").get_to(v.name);
    get_or(j, "status_label", v.status_label);
    get_or(j, "detail", v.detail);
}

void to_json(json& j, const KpiReportRecord& v) {
    j = json{{"id", v.id}, {"kind", v.kind}, {"period", v.period}, {"title", v.title}, {"signed_by", v.signed_by},
             {"signed_at", v.signed_at}, {"supplement_no", v.supplement_no}};
}
void from_json(const json& j, KpiReportRecord& v) {
    j.at("id").get_to(v.id);
    j.at("kind").get_to(v.kind);
    j.at("period").get_to(v.period);
    j.at("title").get_to(v.title);
    get_or(j, "signed_by", v.signed_by);
    get_or(j, "signed_at", v.signed_at);
    get_or(j, "supplement_no", v.supplement_no);
}

void to_json(json& j, const KpiRecordsReply& v) {
    j = json{{"code", v.code},
             {"name_zh", v.name_zh},
             {"kind", v.kind},
             {"side", v.side},
             {"period", v.period},
             {"scope", v.scope},
             {"items", v.kind == "orders"       ? json(v.orders)
                       : v.kind == "activities" ? json(v.activities)
                       : (v.kind == "providers" || v.kind == "towns") ? json(v.providers)   // issue 13, providers
                       : v.kind == "reports"    ? json(v.reports)                           // issue 13, part reports
                                                : json(v.calls)},
             {"total", v.total},
             {"page", v.page},
             {"page_size", v.page_size}};
}
void from_json(const json& j, KpiRecordsReply& v) {
    j.at("code").get_to(v.code);
    get_or(j, "name_zh", v.name_zh);
    j.at("kind").get_to(v.kind);
    j.at("side").get_to(v.side);
    j.at("period").get_to(v.period);
    j.at("scope").get_to(v.scope);
    v.orders.clear();
    v.calls.clear();
    v.activities.clear();
    v.providers.clear();
    v.reports.clear();
    if (v.kind == "orders") j.at("items").get_to(v.orders);
    else if (v.kind == "activities") j.at("items").get_to(v.activities);
    else if (v.kind == "providers" || v.kind == "towns") j.at("items").get_to(v.providers);
    else if (v.kind == "reports") j.at("items").get_to(v.reports);
    else j.at("items").get_to(v.calls);
    j.at("total").get_to(v.total);
    get_or(j, "page", v.page, 1);
    get_or(j, "page_size", v.page_size, 20);
}

}  // namespace yiyang::wire
