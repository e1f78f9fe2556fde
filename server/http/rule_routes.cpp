// /api/v1/rules: the rule registry (rule_registry.hpp) — kinds, versions and the one in force; an administrator
// previews a candidate version (checked by shared/, diffed against the one it would replace) and publishes it:
// the row and its audit event in one transaction, then the server's rule book is swapped (no restart).
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/rules.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/rules.hpp"

namespace yiyang::http {
namespace {

// The {kind} path segment as a registered kind, else 404.
const RuleKind& path_kind(const httplib::Request& req) {
    const std::string kind = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
    const RuleKind* k = find_rule_kind(kind);
    if (!k) fail(404, "not_found", "没有这种规则：" + kind);
    return *k;
}

// The body → a candidate of `kind`, else a 422 naming what is wrong with the request's shape.
RuleCandidate read_candidate(const httplib::Request& req, const RuleKind& kind) {
    const json body = body_object(req);
    RuleCandidate out;
    out.kind = kind.code;
    const auto errors = rule_candidate_from_request(body, out);
    if (!errors.empty()) fail(422, "validation", "规则发布请求有误：" + errors.front().message_zh, errors);
    return out;
}

}  // namespace

void register_rule_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/rules", "Rule kinds, their versions and effective dates, and the one in force today", "rules",
           needs(Permission::ReadRules), json::array(), "", ""},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser&) {
        const Date today = date_of(ctx.now());
        reply_json(res, 200, wire::RulesListReply{format_date(today), rule_kind_infos(ctx.rules(), today)});
    });

    r.add({"GET", "/api/v1/rules/{kind}/{version}", "One rule version with its body as published", "rules",
           needs(Permission::ReadRules), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const RuleKind& kind = path_kind(req);
        const std::string version = req.matches.size() > 2 ? std::string(req.matches[2]) : std::string();
        const RuleBook& book = ctx.rules();
        const RuleVersion* v = book.find(kind.code, version);
        if (!v) fail(404, "not_found", "没有版本 " + version + "（" + kind.name_zh + "）");
        reply_json(res, 200, wire::rule_version_reply(*v, date_of(ctx.now()), book));
    });

    r.add({"POST", "/api/v1/rules/{kind}/preview",
           "Check a candidate version: field errors (Chinese) and the differences from the version it would replace",
           "rules", needs(Permission::PublishRules), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const RuleCandidate c = read_candidate(req, path_kind(req));
        // A preview is not a publication: the reason is checked only when one is given.
        const RuleCheck check = check_rule_candidate(ctx.rules(), c, date_of(ctx.now()), !c.reason.empty());
        reply_json(res, 200, wire::rule_check_reply(c, check));
    });

    r.add({"POST", "/api/v1/rules/{kind}",
           "Publish a new version (effective today or later; never edits an existing one), audited; in force without restart",
           "rules", needs(Permission::PublishRules), json::array(), "", "", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const RuleCandidate c = read_candidate(req, path_kind(req));
        // One publication at a time: check, write, reload and swap without another one in between.
        std::lock_guard<std::mutex> lock(ctx.rules_publish_mutex);
        const LocalSeconds now = ctx.now();
        const RuleCheck check = check_rule_candidate(ctx.rules(), c, date_of(now), true);
        wire::RuleCheckReply reply = wire::rule_check_reply(c, check);
        if (!check.ok()) {
            // The check's members with the error envelope: the form shows the changes beside the problems.
            reply.error_code = "validation";
            reply.error_message = "规则版本未通过校验：" + check.errors.front().message_zh;
            return reply_json(res, 422, reply);
        }
        RuleVersion v{c.kind, c.version, *check.effective_from, check.body, now, user.user.username, c.reason};
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) { id = store::insert_rule_version(db, v, user.user.id); });
        ctx.set_rules(store::load_rules(ctx.db.reader()));
        // Figures cached between the commit and the swap were computed with the old book under the new data
        // version: one more (empty) commit moves the version on so they are recomputed.
        ctx.db.write([](SQLite::Database&) {});
        reply.id = id;
        const RuleVersion* in_force = ctx.rules().version_in_force(c.kind, date_of(now));
        reply.in_force_today = in_force != nullptr && in_force->version == c.version;
        reply_json(res, 201, reply);
    });
}

}  // namespace yiyang::http
