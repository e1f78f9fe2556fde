// /api/v1/rules: the rule registry (rule_registry.hpp) — kinds, versions and the one in force; an administrator
// previews a candidate version (checked by shared/, diffed against the one it would replace) and publishes it:
// the row and its audit event in one transaction, then the server's rule book is swapped (no restart).
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/rules.hpp"
#include "yiyang/rule_registry.hpp"

namespace yiyang::http {
namespace {

// The {kind} path segment as a registered kind, else 404.
const RuleKind* path_kind(const httplib::Request& req, httplib::Response& res) {
    const std::string kind = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
    const RuleKind* k = find_rule_kind(kind);
    if (!k) reply_error(res, 404, "not_found", "没有这种规则：" + kind);
    return k;
}

// The body → a candidate of `kind`, or a 422 naming what is wrong with the request's shape.
bool read_candidate(const httplib::Request& req, httplib::Response& res, const RuleKind& kind, RuleCandidate& out) {
    auto body = json_body(req, res);
    if (!body) return false;
    out.kind = kind.code;
    const auto errors = rule_candidate_from_request(*body, out);
    if (!errors.empty()) {
        reply_error(res, 422, "validation", "规则发布请求有误：" + errors.front().message_zh, errors);
        return false;
    }
    return true;
}

json version_json(const RuleVersion& v, const Date& today, const RuleBook& book) {
    const RuleVersion* now = book.version_in_force(v.kind, today);
    return {{"kind", v.kind}, {"version", v.version}, {"effective_from", format_date(v.effective_from)},
            {"published_at", format_timestamp(v.published_at)},
            {"published_by", v.published_by}, {"reason", v.reason}, {"in_force", now == &v},
            {"scheduled", today < v.effective_from}, {"body", v.body}};
}

}  // namespace

void register_rule_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/rules", "Rule kinds, their versions and effective dates, and the one in force today", "rules",
           needs(Permission::ReadRules), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Date today = date_of(ctx.now());
        reply_json(res, 200, {{"today", format_date(today)}, {"kinds", rule_kind_infos(ctx.rules(), today)}});
    });

    r.add({"GET", "/api/v1/rules/{kind}/{version}", "One rule version with its body as published", "rules",
           needs(Permission::ReadRules), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const RuleKind* kind = path_kind(req, res);
        if (!kind) return;
        const std::string version = req.matches.size() > 2 ? std::string(req.matches[2]) : std::string();
        const RuleBook& book = ctx.rules();
        const RuleVersion* v = book.find(kind->code, version);
        if (!v) return reply_error(res, 404, "not_found", "没有版本 " + version + "（" + kind->name_zh + "）");
        reply_json(res, 200, version_json(*v, date_of(ctx.now()), book));
    });

    r.add({"POST", "/api/v1/rules/{kind}/preview",
           "Check a candidate version: field errors (Chinese) and the differences from the version it would replace",
           "rules", needs(Permission::PublishRules), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const RuleKind* kind = path_kind(req, res);
        if (!kind) return;
        RuleCandidate c;
        if (!read_candidate(req, res, *kind, c)) return;
        // A preview is not a publication: the reason is checked only when one is given.
        const RuleCheck check = check_rule_candidate(ctx.rules(), c, date_of(ctx.now()), !c.reason.empty());
        reply_json(res, 200, rule_check_reply(c, check));
    });

    r.add({"POST", "/api/v1/rules/{kind}",
           "Publish a new version (effective today or later; never edits an existing one), audited; in force without restart",
           "rules", needs(Permission::PublishRules), json::array(), "", "", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const RuleKind* kind = path_kind(req, res);
        if (!kind) return;
        RuleCandidate c;
        if (!read_candidate(req, res, *kind, c)) return;
        // One publication at a time: check, write, reload and swap without another one in between.
        std::lock_guard<std::mutex> lock(ctx.rules_publish_mutex);
        const LocalSeconds now = ctx.now();
        const RuleCheck check = check_rule_candidate(ctx.rules(), c, date_of(now), true);
        if (!check.ok()) {
            json reply = rule_check_reply(c, check);
            reply["error"] = {{"code", "validation"},
                              {"message", "规则版本未通过校验：" + check.errors.front().message_zh},
                              {"fields", check.errors}};
            return reply_json(res, 422, reply);
        }
        RuleVersion v{c.kind, c.version, *check.effective_from, check.body, now, user.user.username, c.reason};
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) { id = store::insert_rule_version(db, v, user.user.id); });
        ctx.set_rules(store::load_rules(ctx.db.reader()));
        // Figures cached between the commit and the swap were computed with the old book under the new data
        // version: one more (empty) commit moves the version on so they are recomputed.
        ctx.db.write([](SQLite::Database&) {});
        json reply = rule_check_reply(c, check);
        reply["id"] = id;
        reply["in_force_today"] = ctx.rules().version_in_force(c.kind, date_of(now)) != nullptr &&
                                  ctx.rules().version_in_force(c.kind, date_of(now))->version == c.version;
        reply_json(res, 201, reply);
    });
}

}  // namespace yiyang::http
