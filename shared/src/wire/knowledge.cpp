// Knowledge-base wire format (wire/knowledge.hpp). Every kind travels with its Chinese label beside it.
#include "yiyang/wire/knowledge.hpp"

namespace yiyang::wire {

void to_json(json& j, const KbHit& h) {
    j = {{"id", h.id}, {"kind", h.kind}, {"kind_label", label_zh(h.kind)}, {"title", h.title},
         {"snippet", h.snippet}, {"tags", h.tags}, {"version", h.version}, {"updated_at", time_json(h.updated_at)},
         {"published", h.published}};
}
void from_json(const json& j, KbHit& h) {
    j.at("id").get_to(h.id);
    j.at("kind").get_to(h.kind);
    j.at("title").get_to(h.title);
    get_or(j, "snippet", h.snippet);
    get_or(j, "tags", h.tags);
    j.at("version").get_to(h.version);
    h.updated_at = time_from(j, "updated_at");
    get_or(j, "published", h.published);
}

void to_json(json& j, const KbSearchReply& r) {
    j = r.page;
    j["terms"] = r.terms;
    j["full_text"] = r.full_text;
}
void from_json(const json& j, KbSearchReply& r) {
    j.get_to(r.page);
    get_or(j, "terms", r.terms);
    get_or(j, "full_text", r.full_text);
}

void to_json(json& j, const KbKindsReply& r) {
    json kinds = json::array();
    for (KbKind k : r.kinds) kinds.push_back({{"code", code(k)}, {"label", label_zh(k)}});
    j = {{"kinds", kinds}};
}
void from_json(const json& j, KbKindsReply& r) {
    r.kinds.clear();
    for (const auto& k : j.at("kinds")) r.kinds.push_back(k.at("code").get<KbKind>());
}

void to_json(json& j, const KbArticle& a) {
    j = {{"id", a.id}, {"kind", a.kind}, {"kind_label", label_zh(a.kind)}, {"title", a.title}, {"body", a.body},
         {"tags", a.tags}, {"version", a.version}, {"created_at", time_json(a.created_at)},
         {"created_by", a.created_by ? json(*a.created_by) : json()}, {"created_by_name", a.created_by_name},
         {"updated_at", time_json(a.updated_at)}, {"updated_by", a.updated_by ? json(*a.updated_by) : json()},
         {"updated_by_name", a.updated_by_name}, {"archived", a.archived}, {"published", a.published}};
}
void from_json(const json& j, KbArticle& a) {
    j.at("id").get_to(a.id);
    j.at("kind").get_to(a.kind);
    j.at("title").get_to(a.title);
    j.at("body").get_to(a.body);
    get_or(j, "tags", a.tags);
    j.at("version").get_to(a.version);
    a.created_at = time_from(j, "created_at");
    get_opt(j, "created_by", a.created_by);
    get_or(j, "created_by_name", a.created_by_name);
    a.updated_at = time_from(j, "updated_at");
    get_opt(j, "updated_by", a.updated_by);
    get_or(j, "updated_by_name", a.updated_by_name);
    j.at("archived").get_to(a.archived);
    get_or(j, "published", a.published);
}

void to_json(json& j, const KbArticleReply& r) {
    j = {{"article", r.article}};
    put_opt(j, "changed", r.changed);
}
void from_json(const json& j, KbArticleReply& r) {
    j.at("article").get_to(r.article);
    get_opt(j, "changed", r.changed);
}

void to_json(json& j, const KbVersion& v) {
    j = {{"version", v.version}, {"kind", v.kind}, {"kind_label", label_zh(v.kind)}, {"title", v.title},
         {"body", v.body}, {"tags", v.tags}, {"changed_at", time_json(v.changed_at)},
         {"changed_by", v.changed_by ? json(*v.changed_by) : json()}, {"changed_by_name", v.changed_by_name},
         {"reason", v.reason}, {"published", v.published}};
}
void from_json(const json& j, KbVersion& v) {
    j.at("version").get_to(v.version);
    j.at("kind").get_to(v.kind);
    j.at("title").get_to(v.title);
    j.at("body").get_to(v.body);
    get_or(j, "tags", v.tags);
    v.changed_at = time_from(j, "changed_at");
    get_opt(j, "changed_by", v.changed_by);
    get_or(j, "changed_by_name", v.changed_by_name);
    get_or(j, "reason", v.reason);
    get_or(j, "published", v.published);
}

void to_json(json& j, const KbHistoryReply& r) {
    j = {{"article_id", r.article_id}, {"versions", r.versions}, {"events", r.events}};
}
void from_json(const json& j, KbHistoryReply& r) {
    j.at("article_id").get_to(r.article_id);
    j.at("versions").get_to(r.versions);
    get_or(j, "events", r.events);
}

void to_json(json& j, const KbArchiveRequest& r) {
    j = {{"reason", r.reason}};
    put_opt(j, "version", r.version);
}

json kb_draft_body(const KbArticleDraft& d, bool edit) {
    json j = {{"kind", d.kind}, {"title", d.title}, {"body", d.body}, {"tags", d.tags}, {"published", d.published}};
    if (edit) {
        j["version"] = d.version;
        j["reason"] = d.reason;
    }
    return j;
}

}  // namespace yiyang::wire
