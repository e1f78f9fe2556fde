// Public portal wire format (wire/public_portal.hpp).
#include "yiyang/wire/public_portal.hpp"

#include "yiyang/wire/audit.hpp"   // time_json, time_from

namespace yiyang::wire {

void to_json(json& j, const PublicCode& c) { j = {{"code", c.code}, {"label", c.label}}; }
void from_json(const json& j, PublicCode& c) {
    j.at("code").get_to(c.code);
    j.at("label").get_to(c.label);
}

void to_json(json& j, const PublicTown& t) { j = {{"id", t.id}, {"name", t.name}}; }
void from_json(const json& j, PublicTown& t) {
    j.at("id").get_to(t.id);
    j.at("name").get_to(t.name);
}

void to_json(json& j, const PublicReference& r) {
    j = {{"towns", r.towns}, {"categories", r.categories}, {"kinds", r.kinds}, {"article_kinds", r.article_kinds}};
}
void from_json(const json& j, PublicReference& r) {
    j.at("towns").get_to(r.towns);
    j.at("categories").get_to(r.categories);
    j.at("kinds").get_to(r.kinds);
    get_or(j, "article_kinds", r.article_kinds);
}

void to_json(json& j, const PublicPoint& p) {
    j = {{"id", p.id}, {"name", p.name}, {"address", p.address}, {"town_id", p.town_id}, {"town_name", p.town_name},
         {"provider_name", p.provider_name}, {"categories", p.categories}, {"phone", p.phone},
         {"opening_hours", p.opening_hours}};
}
void from_json(const json& j, PublicPoint& p) {
    j.at("id").get_to(p.id);
    j.at("name").get_to(p.name);
    get_or(j, "address", p.address);
    j.at("town_id").get_to(p.town_id);
    get_or(j, "town_name", p.town_name);
    get_or(j, "provider_name", p.provider_name);
    get_or(j, "categories", p.categories);
    get_or(j, "phone", p.phone);
    get_or(j, "opening_hours", p.opening_hours);
}

void to_json(json& j, const PublicProvider& p) {
    j = {{"id", p.id}, {"name", p.name}, {"categories", p.categories}, {"towns", p.towns}, {"phone", p.phone},
         {"point_count", p.point_count}};
}
void from_json(const json& j, PublicProvider& p) {
    j.at("id").get_to(p.id);
    j.at("name").get_to(p.name);
    get_or(j, "categories", p.categories);
    get_or(j, "towns", p.towns);
    get_or(j, "phone", p.phone);
    get_or(j, "point_count", p.point_count);
}

void to_json(json& j, const PublicArticleHit& a) {
    j = {{"id", a.id}, {"kind", a.kind}, {"kind_label", label_zh(a.kind)}, {"title", a.title}, {"snippet", a.snippet}};
}
void from_json(const json& j, PublicArticleHit& a) {
    j.at("id").get_to(a.id);
    j.at("kind").get_to(a.kind);
    j.at("title").get_to(a.title);
    get_or(j, "snippet", a.snippet);
}

void to_json(json& j, const PublicArticle& a) {
    j = {{"id", a.id}, {"kind", a.kind}, {"kind_label", label_zh(a.kind)}, {"title", a.title}, {"body", a.body},
         {"updated_at", time_json(a.updated_at)}};
}
void from_json(const json& j, PublicArticle& a) {
    j.at("id").get_to(a.id);
    j.at("kind").get_to(a.kind);
    j.at("title").get_to(a.title);
    j.at("body").get_to(a.body);
    a.updated_at = time_from(j, "updated_at");
}

void to_json(json& j, const PublicReceipt& r) {
    j = {{"ack_code", r.ack_code}, {"kind_label", r.kind_label}, {"received_at", time_json(r.received_at)},
         {"status_words", r.status_words}};
}
void from_json(const json& j, PublicReceipt& r) {
    j.at("ack_code").get_to(r.ack_code);
    get_or(j, "kind_label", r.kind_label);
    r.received_at = time_from(j, "received_at");
    get_or(j, "status_words", r.status_words);
}

void to_json(json& j, const PublicStep& s) { j = {{"at", time_json(s.at)}, {"words", s.words}}; }
void from_json(const json& j, PublicStep& s) {
    s.at = time_from(j, "at");
    j.at("words").get_to(s.words);
}

void to_json(json& j, const PublicStatus& s) {
    j = {{"ack_code", s.ack_code}, {"kind_label", s.kind_label}, {"status", s.status},
         {"status_label", label_zh(s.status)}, {"status_words", s.status_words},
         {"received_at", time_json(s.received_at)}, {"updated_at", time_json(s.updated_at)}, {"steps", s.steps}};
}
void from_json(const json& j, PublicStatus& s) {
    j.at("ack_code").get_to(s.ack_code);
    get_or(j, "kind_label", s.kind_label);
    j.at("status").get_to(s.status);
    get_or(j, "status_words", s.status_words);
    s.received_at = time_from(j, "received_at");
    s.updated_at = time_from(j, "updated_at");
    get_or(j, "steps", s.steps);
}

}  // namespace yiyang::wire
