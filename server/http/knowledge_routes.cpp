// /api/v1/knowledge: the call center's knowledge base — substring search while on the phone (agents,
// supervisors, admins), and versioned editing by supervisors and admins: each write is the article, its
// version row and an audit event in one transaction. Replies are shared/wire/knowledge.hpp structs.
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/knowledge.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/wire/knowledge.hpp"

namespace yiyang::http {
namespace {

constexpr std::size_t kQueryMaxChars = 40;
constexpr std::size_t kSnippetChars = 80;

wire::KbArticle article_wire(const store::KbArticle& a) {
    return {a.id, a.kind, a.title, a.body, a.tags, a.version, a.created_at, a.created_by, a.created_by_name,
            a.updated_at, a.updated_by, a.updated_by_name, a.archived, a.published};
}

[[noreturn]] void fail_article_not_found(Id id) {
    fail(404, "not_found", "未找到编号为 " + std::to_string(id) + " 的知识库文章");
}

store::KbArticle article_or_404(SQLite::Database& db, Id id) {
    auto a = store::get_kb(db, id);
    if (!a) fail_article_not_found(id);
    return *a;
}

// Body → draft, checked: 422 listing every problem otherwise. An edit without "published" keeps the stored one.
KbArticleDraft read_draft(const httplib::Request& req, bool edit, bool published_before = false) {
    KbArticleDraft out;
    auto errors = kb_draft_from_request(body_object(req), edit, out, published_before);
    if (errors.empty()) errors = validate_article(out, edit);
    if (!errors.empty()) fail(422, "validation", "知识库文章未通过校验：" + errors.front().message_zh, errors);
    return out;
}

// {"field": [old, new]} for what an edit changed, plus the version step.
json article_changes(const store::KbArticle& before, const KbArticleDraft& after) {
    json out = {{"version", json::array({before.version, before.version + 1})}};
    if (before.kind != after.kind) out["kind"] = json::array({code(before.kind), code(after.kind)});
    if (before.title != after.title) out["title"] = json::array({before.title, after.title});
    if (before.body != after.body) out["body"] = json::array({before.body, after.body});
    if (before.tags != after.tags) out["tags"] = json::array({store::kb_tags_json(before.tags), store::kb_tags_json(after.tags)});
    if (before.published != after.published) out["published"] = json::array({before.published, after.published});
    return out;
}

// The archive body {"reason","version"} (or ?reason= without a body): 422 listing every problem otherwise.
struct ArchiveRequest {
    std::string reason;
    std::int64_t version;
};
ArchiveRequest read_archive(const httplib::Request& req, const store::KbArticle& stored) {
    const json body = req.body.empty() ? json::object() : body_object(req);
    std::vector<FieldError> errors;
    for (const auto& [key, value] : body.items()) {
        if (key != "reason" && key != "version") {
            errors.push_back({key, "unknown_field", "未知字段“" + key + "”（请检查拼写）"});
        }
    }
    std::string reason = body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>()
                                                                               : req.get_param_value("reason");
    KbArticleDraft check{stored.kind, stored.title, stored.body, stored.tags, 1, reason};
    for (auto& e : validate_article(check, true)) {
        if (e.field == "reason") errors.push_back(e);
    }
    std::int64_t version = stored.version;
    if (body.contains("version")) {
        if (!body["version"].is_number_integer()) errors.push_back({"version", "type", "版本号应为整数"});
        else version = body["version"].get<std::int64_t>();
    }
    if (!errors.empty()) fail(422, "validation", "归档未通过校验：" + errors.front().message_zh, errors);
    return {check.reason, version};
}

}  // namespace

wire::KbSearchReply list_knowledge(app::AppContext& ctx, const httplib::Request& req, bool export_all) {
    store::KbQuery q;
    const Paging paging = read_paging(req, export_all);
    q.page = paging.page;
    q.page_size = paging.page_size;
    q.kind = query_enum(req, "kind", &parse_KbKind);
    const auto sort = query_sort(req, store::kb_sort_fields(), {"", false});
    q.sort = sort.key;
    q.descending = sort.descending;
    q.q = req.get_param_value("q");
    if (utf8_length(q.q) > kQueryMaxChars) {
        fail(400, "bad_query", "查询参数 q 过长（最多 " + std::to_string(kQueryMaxChars) + " 个字）");
    }
    const auto found = store::search_kb(ctx.db.reader(), q);
    check_export_rows(paging, found.total);
    wire::KbSearchReply reply;
    reply.page.total = found.total;
    reply.page.page = q.page;
    reply.page.page_size = q.page_size;
    reply.terms = found.terms;
    reply.full_text = found.full_text;
    for (const auto& a : found.items) {
        // The snippet shows the first searched word that occurs in the body; else the body's start.
        const auto start = kb_snippet(a.body, "", kSnippetChars);
        std::string snippet = start;
        for (const auto& t : found.terms) {
            snippet = kb_snippet(a.body, t, kSnippetChars);
            if (snippet != start) break;
        }
        reply.page.items.push_back({a.id, a.kind, a.title, snippet, a.tags, a.version, a.updated_at, a.published});
    }
    return reply;
}

void register_knowledge_routes(Router& r, app::AppContext& ctx) {
    const json list_params = {
        query_param("q", "string", "any substring (words split on blanks must all occur); empty = newest first"),
        query_param("kind", "string", "policy | service_item | subsidy_item | provider_info | faq"),
        query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20"),
        query_param("sort", "string", "updated_at | title | id | kind, '-' prefix = descending (default: relevance, else newest first); ties by id"),
        query_param("dir", "string", "asc | desc (instead of the '-' prefix)")};

    r.add({"GET", "/api/v1/knowledge", "Search the knowledge base (substring, Chinese)", "knowledge",
           needs(Permission::ReadKnowledge), list_params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        reply_json(res, 200, json(list_knowledge(ctx, req, false)));
    });

    r.add({"GET", "/api/v1/knowledge/kinds", "Knowledge kinds (codes and Chinese labels)", "knowledge",
           needs(Permission::ReadKnowledge), {}, "", ""},
          [](const httplib::Request&, httplib::Response& res, const AuthUser&) {
        reply_json(res, 200, json(wire::KbKindsReply{all_KbKinds()}));
    });

    r.add({"GET", "/api/v1/knowledge/{id}", "One knowledge-base article", "knowledge", needs(Permission::ReadKnowledge), {},
           "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Id id = path_id(req);
        reply_json(res, 200, json(wire::KbArticleReply{article_wire(article_or_404(ctx.db.reader(), id)), std::nullopt}));
    });

    r.add({"POST", "/api/v1/knowledge", "Write a knowledge-base article", "knowledge", needs(Permission::WriteKnowledge), {}, "", "",
           201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const KbArticleDraft d = read_draft(req, false);
        const auto now = ctx.now();
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            id = store::insert_kb(db, d, user.user.id, now, "新建");
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kb_article", id, "create",
                                     {{"version", json::array({nullptr, 1})},
                                      {"kind", json::array({nullptr, code(d.kind)})},
                                      {"title", json::array({nullptr, d.title})},
                                      {"body", json::array({nullptr, d.body})},
                                      {"tags", json::array({nullptr, store::kb_tags_json(d.tags)})},
                                      {"published", json::array({nullptr, d.published})}},
                                     "新建"});
        });
        reply_json(res, 201, json(wire::KbArticleReply{article_wire(article_or_404(ctx.db.reader(), id)), std::nullopt}));
    });

    r.add({"PUT", "/api/v1/knowledge/{id}", "Edit an article (send the version you read and the reason)", "knowledge",
           needs(Permission::WriteKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const bool published_before = article_or_404(ctx.db.reader(), id).published;
        const KbArticleDraft d = read_draft(req, true, published_before);
        const auto now = ctx.now();
        enum { Ok, Unchanged, Conflict, Archived } outcome = Ok;
        std::int64_t current_version = 0;
        ctx.db.write([&](SQLite::Database& db) {
            auto current = store::get_kb(db, id);
            current_version = current->version;
            if (current->archived) { outcome = Archived; return; }
            if (current->version != d.version) { outcome = Conflict; return; }
            if (current->kind == d.kind && current->title == d.title && current->body == d.body && current->tags == d.tags &&
                current->published == d.published) {
                outcome = Unchanged;
                return;
            }
            if (!store::update_kb(db, id, d, user.user.id, now)) { outcome = Conflict; return; }
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kb_article", id, "update",
                                     article_changes(*current, d), d.reason});
        });
        if (outcome == Conflict) {
            fail(409, "version_conflict",
                 "该文章已被他人修改（当前为第 " + std::to_string(current_version) + " 版，您编辑的是第 " +
                     std::to_string(d.version) + " 版），请刷新后再修改");
        }
        if (outcome == Archived) fail(409, "archived", "该文章已归档，不能再修改");
        reply_json(res, 200, json(wire::KbArticleReply{article_wire(article_or_404(ctx.db.reader(), id)), outcome == Ok}));
    });

    r.add({"DELETE", "/api/v1/knowledge/{id}", "Archive an article (body: reason, version)", "knowledge",
           needs(Permission::WriteKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto stored = article_or_404(ctx.db.reader(), id);
        const auto request = read_archive(req, stored);
        const auto now = ctx.now();
        bool ok = false;
        ctx.db.write([&](SQLite::Database& db) {
            ok = store::archive_kb(db, id, request.version, user.user.id, now, request.reason);
            if (!ok) return;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kb_article", id, "archive",
                                     {{"version", json::array({request.version, request.version + 1})},
                                      {"archived", json::array({false, true})}},
                                     request.reason});
        });
        if (!ok) {
            if (stored.archived) fail(409, "archived", "该文章已归档");
            fail(409, "version_conflict", "该文章已被他人修改，请刷新后再归档");
        }
        reply_json(res, 200, json(wire::KbArticleReply{article_wire(article_or_404(ctx.db.reader(), id)), std::nullopt}));
    });

    r.add({"GET", "/api/v1/knowledge/{id}/history", "Versions of an article, newest first (who, when, why, text)",
           "knowledge", needs(Permission::ReadKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        article_or_404(db, id);
        wire::KbHistoryReply reply;
        reply.article_id = id;
        for (const auto& v : store::kb_history(db, id)) {
            reply.versions.push_back({v.version, v.kind, v.title, v.body, v.tags, v.changed_at, v.changed_by,
                                      v.changed_by_name, v.reason, v.published});
        }
        for (const auto& e : store::audit_for(db, "kb_article", id, 200)) reply.events.push_back(store::to_wire(e));
        reply_json(res, 200, json(reply));
    });
}

}  // namespace yiyang::http
