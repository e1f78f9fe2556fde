// GET /api/v1/callers/by-name: 新来电's lookup by any 2+ characters of the caller's name, a short list (name,
// masked phone, town, age band) to pick from; picking is the audited GET /api/v1/callers/lookup?elder=ID.
// Only the name column is searched, whatever the role sees: a name search never reaches into phone numbers.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/elders.hpp"
#include "store/reference.hpp"
#include "yiyang/caller_match.hpp"
#include "yiyang/wire/callers.hpp"

namespace yiyang::http {

void register_caller_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/callers/by-name", "Who is calling: elders whose name contains 2+ characters (a short list, phones masked)",
           "live", needs(Permission::LookupCaller, "name only; phones masked"),
           {query_param("q", "string", "2..20 characters of the name, no digits or letters")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string text = req.get_param_value("q");
        if (text.size() > 80) fail(400, "bad_query", "查询参数 q 过长（姓名最多 20 个字）");
        const auto check = check_caller_name(text);
        if (!check.ok) fail(400, "bad_query", check.message_zh, {{"q", "invalid", check.message_zh}});
        const auto policy = elder_policy(user.user.role);
        if (policy.scope == ElderScope::None) fail(403, "forbidden", "当前角色无权查看服务对象");
        store::ElderQuery q;
        q.q = text;
        q.q_in_id_number = false;   // the name column only, for every role
        q.q_in_phone = false;
        q.page = 1;
        q.page_size = kCallerNameMatches + 1;   // one more than listed says whether there are more
        if (policy.scope == ElderScope::OwnTown) q.town = user.user.town_id.value_or(-1);
        if (policy.scope == ElderScope::ServedByOwnProvider) q.served_by_provider = user.user.provider_id.value_or(-1);
        auto& db = ctx.db.reader();
        const auto found = store::find_elders(db, q);
        const Date today = date_of(ctx.now());
        wire::CallerNamesReply reply;
        reply.q = text;
        reply.more = found.size() > static_cast<std::size_t>(kCallerNameMatches);
        std::map<Id, std::string> towns;
        for (const auto& t : store::all_towns(db)) towns[t.id] = t.name;
        for (std::size_t i = 0; i < found.size() && i < static_cast<std::size_t>(kCallerNameMatches); ++i) {
            const auto c = caller_candidate(found[i], policy, today);
            wire::CallerCandidate w;
            w.elder_id = c.elder_id;
            w.name = c.name;
            w.phone = c.phone;
            w.town_id = found[i].town_id;
            w.town_name = towns.count(w.town_id) ? towns.at(w.town_id) : "";
            w.age_band = c.age_band;
            w.status = code(c.status);
            w.status_name = label_zh(c.status);
            reply.candidates.push_back(std::move(w));
        }
        reply_json(res, 200, reply);
    });
}

}  // namespace yiyang::http
