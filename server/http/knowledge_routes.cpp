// /api/v1/knowledge: the call center's knowledge base — substring search while on the phone (agents,
// supervisors, admins), and versioned editing by supervisors and admins: each write is the article, its
// version row and an audit event in one transaction.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/knowledge.hpp"
#include "yiyang/knowledge.hpp"

namespace yiyang::http {
namespace {

constexpr std::size_t kQueryMaxChars = 40;
constexpr std::size_t kSnippetChars = 80;

json article_json(const store::KbArticle& a) {
    return {{"id", a.id}, {"kind", a.kind}, {"kind_label", label_zh(a.kind)}, {"title", a.title}, {"body", a.body},
            {"tags", store::kb_tags_json(a.tags)}, {"version", a.version},
            {"created_at", format_timestamp(a.created_at)}, {"created_by", a.created_by ? json(*a.created_by) : json()},
            {"created_by_name", a.created_by_name}, {"updated_at", format_timestamp(a.updated_at)},
            {"updated_by", a.updated_by ? json(*a.updated_by) : json()}, {"updated_by_name", a.updated_by_name},
            {"archived", a.archived}};
}

void reply_not_found(httplib::Response& res, Id id) {
    reply_error(res, 404, "not_found", "未找到编号为 " + std::to_string(id) + " 的知识库文章");
}

// Body → draft, checked; replies 422 listing every problem and returns false otherwise.
bool read_draft(const httplib::Request& req, httplib::Response& res, bool edit, KbArticleDraft& out) {
    auto body = json_body(req, res);
    if (!body) return false;
    auto errors = kb_draft_from_request(*body, edit, out);
    if (errors.empty()) errors = validate_article(out, edit);
    if (!errors.empty()) {
        reply_error(res, 422, "validation", "知识库文章未通过校验：" + errors.front().message_zh, errors);
        return false;
    }
    return true;
}

// {"field": [old, new]} for what an edit changed, plus the version step.
json article_changes(const store::KbArticle& before, const KbArticleDraft& after) {
    json out = {{"version", json::array({before.version, before.version + 1})}};
    if (before.kind != after.kind) out["kind"] = json::array({code(before.kind), code(after.kind)});
    if (before.title != after.title) out["title"] = json::array({before.title, after.title});
    if (before.body != after.body) out["body"] = json::array({before.body, after.body});
    if (before.tags != after.tags) out["tags"] = json::array({store::kb_tags_json(before.tags), store::kb_tags_json(after.tags)});
    return out;
}

}  // namespace

void register_knowledge_routes(Router& r, app::AppContext& ctx) {
    const json list_params = {
        query_param("q", "string", "any substring (words split on blanks must all occur); empty = newest first"),
        query_param("kind", "string", "policy | service_item | subsidy_item | provider_info | faq"),
        query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20")};

    r.add({"GET", "/api/v1/knowledge", "Search the knowledge base (substring, Chinese)", "knowledge",
           needs(Permission::ReadKnowledge), list_params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        store::KbQuery q;
        std::optional<std::int64_t> page, page_size;
        if (!query_int(req, res, "page", 1, 1'000'000, page) || !query_int(req, res, "page_size", 1, 200, page_size) ||
            !query_enum(req, res, "kind", &parse_KbKind, q.kind)) {
            return;
        }
        q.page = static_cast<int>(page.value_or(1));
        q.page_size = static_cast<int>(page_size.value_or(20));
        q.q = req.get_param_value("q");
        if (utf8_length(q.q) > kQueryMaxChars) {
            return reply_error(res, 400, "bad_query", "查询参数 q 过长（最多 " + std::to_string(kQueryMaxChars) + " 个字）");
        }
        const auto found = store::search_kb(ctx.db.reader(), q);
        json items = json::array();
        for (const auto& a : found.items) {
            // The snippet shows the first searched word that occurs in the body; else the body's start.
            const auto start = kb_snippet(a.body, "", kSnippetChars);
            std::string snippet = start;
            for (const auto& t : found.terms) {
                snippet = kb_snippet(a.body, t, kSnippetChars);
                if (snippet != start) break;
            }
            items.push_back({{"id", a.id}, {"kind", a.kind}, {"kind_label", label_zh(a.kind)}, {"title", a.title},
                             {"snippet", snippet}, {"tags", store::kb_tags_json(a.tags)},
                             {"version", a.version}, {"updated_at", format_timestamp(a.updated_at)}});
        }
        reply_json(res, 200, {{"items", items}, {"total", found.total}, {"page", q.page}, {"page_size", q.page_size},
                              {"terms", found.terms}, {"full_text", found.full_text}});
    });

    r.add({"GET", "/api/v1/knowledge/kinds", "Knowledge kinds (codes and Chinese labels)", "knowledge",
           needs(Permission::ReadKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        json kinds = json::array();
        for (auto k : all_KbKinds()) kinds.push_back({{"code", code(k)}, {"label", label_zh(k)}});
        reply_json(res, 200, {{"kinds", kinds}});
    });

    r.add({"GET", "/api/v1/knowledge/{id}", "One knowledge-base article", "knowledge", needs(Permission::ReadKnowledge), {},
           "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto a = store::get_kb(ctx.db.reader(), *id);
        if (!a) return reply_not_found(res, *id);
        reply_json(res, 200, {{"article", article_json(*a)}});
    });

    r.add({"POST", "/api/v1/knowledge", "Write a knowledge-base article", "knowledge", needs(Permission::WriteKnowledge), {}, "", "",
           201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        KbArticleDraft d;
        if (!read_draft(req, res, false, d)) return;
        const auto now = ctx.now();
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            id = store::insert_kb(db, d, user.user.id, now, "新建");
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kb_article", id, "create",
                                     {{"version", json::array({nullptr, 1})},
                                      {"kind", json::array({nullptr, code(d.kind)})},
                                      {"title", json::array({nullptr, d.title})},
                                      {"body", json::array({nullptr, d.body})},
                                      {"tags", json::array({nullptr, store::kb_tags_json(d.tags)})}},
                                     "新建"});
        });
        reply_json(res, 201, {{"article", article_json(*store::get_kb(ctx.db.reader(), id))}});
    });

    r.add({"PUT", "/api/v1/knowledge/{id}", "Edit an article (send the version you read and the reason)", "knowledge",
           needs(Permission::WriteKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        if (!store::get_kb(ctx.db.reader(), *id)) return reply_not_found(res, *id);
        KbArticleDraft d;
        if (!read_draft(req, res, true, d)) return;
        const auto now = ctx.now();
        enum { Ok, Unchanged, Conflict, Archived } outcome = Ok;
        std::int64_t current_version = 0;
        ctx.db.write([&](SQLite::Database& db) {
            auto current = store::get_kb(db, *id);
            current_version = current->version;
            if (current->archived) { outcome = Archived; return; }
            if (current->version != d.version) { outcome = Conflict; return; }
            if (current->kind == d.kind && current->title == d.title && current->body == d.body && current->tags == d.tags) {
                outcome = Unchanged;
                return;
            }
            if (!store::update_kb(db, *id, d, user.user.id, now)) { outcome = Conflict; return; }
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kb_article", *id, "update",
                                     article_changes(*current, d), d.reason});
        });
        if (outcome == Conflict) {
            return reply_error(res, 409, "version_conflict",
                               "该文章已被他人修改（当前为第 " + std::to_string(current_version) + " 版，您编辑的是第 " +
                                   std::to_string(d.version) + " 版），请刷新后再修改");
        }
        if (outcome == Archived) return reply_error(res, 409, "archived", "该文章已归档，不能再修改");
        reply_json(res, 200, {{"article", article_json(*store::get_kb(ctx.db.reader(), *id))},
                              {"changed", outcome == Ok}});
    });

    r.add({"DELETE", "/api/v1/knowledge/{id}", "Archive an article (body: reason, version)", "knowledge",
           needs(Permission::WriteKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto stored = store::get_kb(ctx.db.reader(), *id);
        if (!stored) return reply_not_found(res, *id);
        json body = json::object();
        if (!req.body.empty()) {
            auto parsed = json_body(req, res);
            if (!parsed) return;
            body = *parsed;
        }
        std::vector<FieldError> errors;
        for (const auto& [key, value] : body.items()) {
            if (key != "reason" && key != "version") {
                errors.push_back({key, "unknown_field", "未知字段“" + key + "”（请检查拼写）"});
            }
        }
        std::string reason = body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>()
                                                                                   : req.get_param_value("reason");
        KbArticleDraft check{stored->kind, stored->title, stored->body, stored->tags, 1, reason};
        for (auto& e : validate_article(check, true)) {
            if (e.field == "reason") errors.push_back(e);
        }
        std::int64_t version = stored->version;
        if (body.contains("version")) {
            if (!body["version"].is_number_integer()) errors.push_back({"version", "type", "版本号应为整数"});
            else version = body["version"].get<std::int64_t>();
        }
        if (!errors.empty()) {
            return reply_error(res, 422, "validation", "归档未通过校验：" + errors.front().message_zh, errors);
        }
        const auto now = ctx.now();
        bool ok = false;
        ctx.db.write([&](SQLite::Database& db) {
            ok = store::archive_kb(db, *id, version, user.user.id, now, check.reason);
            if (!ok) return;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kb_article", *id, "archive",
                                     {{"version", json::array({version, version + 1})},
                                      {"archived", json::array({false, true})}},
                                     check.reason});
        });
        if (!ok) {
            if (stored->archived) return reply_error(res, 409, "archived", "该文章已归档");
            return reply_error(res, 409, "version_conflict", "该文章已被他人修改，请刷新后再归档");
        }
        reply_json(res, 200, {{"article", article_json(*store::get_kb(ctx.db.reader(), *id))}});
    });

    r.add({"GET", "/api/v1/knowledge/{id}/history", "Versions of an article, newest first (who, when, why, text)",
           "knowledge", needs(Permission::ReadKnowledge), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto& db = ctx.db.reader();
        if (!store::get_kb(db, *id)) return reply_not_found(res, *id);
        json versions = json::array();
        for (const auto& v : store::kb_history(db, *id)) {
            versions.push_back({{"version", v.version}, {"kind", v.kind}, {"kind_label", label_zh(v.kind)},
                                {"title", v.title}, {"body", v.body}, {"tags", store::kb_tags_json(v.tags)},
                                {"changed_at", format_timestamp(v.changed_at)},
                                {"changed_by", v.changed_by ? json(*v.changed_by) : json()},
                                {"changed_by_name", v.changed_by_name}, {"reason", v.reason}});
        }
        json events = json::array();
        for (const auto& e : store::audit_for(db, "kb_article", *id, 200)) events.push_back(e);
        reply_json(res, 200, {{"article_id", *id}, {"versions", versions}, {"events", events}});
    });
}

}  // namespace yiyang::http
