// GET /api/v1/assessment/prefill?provider_id=&project=&month= (考核 预填, issue 11): what the records say for one
// provider × project × month, item by item, with the people behind each count (server/app/assessment_prefill; the
// definitions in shared/src/assessment/prefill.cpp). Nothing is written. The scorecard rule in force on the month's
// first day; only a month that is over (its last day before today, from the server's clock). Names masked by the
// reader's elder policy, as the elder routes mask them.
#include "app/assessment_prefill.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/reference.hpp"
#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/rule_registry.hpp"

namespace yiyang::http {

namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& code, const std::string& message) {
    fail(422, "validation_failed", message, {FieldError{field, code, message}});
}

}  // namespace

void register_assessment_prefill_routes(Router& r, app::AppContext& ctx) {
    // Admin, supervisor and leader: the roles that score and sign the month. The permission is the verification's
    // reading one (the prefill is built from its flags); its town role is refused here (a town sees its own town's
    // verification, never a provider's scorecard).
    r.add({"GET", "/api/v1/assessment/prefill",
           "The monthly assessment's prefill for one provider × project × month (a month that is over): each "
           "prefilled scorecard item's count with the people behind it, satisfaction answers and the month's subjects; "
           "names masked by role. 400 bad_query naming a malformed parameter; 422 validation_failed for a month not "
           "over or an unknown provider",
           "assessment", needs(Permission::ReadVerification, "town: refused"),
           {query_param("provider_id", "integer", "服务商 ID"), query_param("project", "string", "home_visit | visiting"),
            query_param("month", "string", "2024-03")},
           "", "AssessmentPrefill"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        if (user.user.role == Role::Town) fail(403, "forbidden", "乡镇用户无权查看服务商考核预填");
        const std::string provider_text = query_text(req, "provider_id", 20);
        const std::string project = query_text(req, "project", 32);
        const std::string month_text = query_text(req, "month", 16);
        // A malformed or missing parameter is 400 bad_query naming it (the house rule for query strings); a month
        // not over and an unknown provider are 422.
        Id provider = 0;
        if (provider_text.empty() || provider_text.size() > 12 ||
            provider_text.find_first_not_of("0123456789") != std::string::npos || (provider = std::stoll(provider_text)) <= 0)
            fail_bad_query("provider_id", "应为服务商 ID（正整数）", provider_text);
        if (project != "home_visit" && project != "visiting")
            fail_bad_query("project", "应为 home_visit（居家养老上门服务）或 visiting（探视巡访）", project);
        const auto month = parse_period(month_text);
        if (!month || month->kind != PeriodKind::Month) fail_bad_query("month", "应为考核月份，格式如 2024-03", month_text);
        const Date today = date_of(ctx.now());
        if (!(month->last_day() < today))
            refuse("month", "not_over", month->label_zh() + "尚未结束：只能预填已结束的月份（今天是" + format_date(today) + "）");
        auto& db = ctx.db.reader();
        if (!store::provider_exists(db, provider)) refuse("provider_id", "unknown", "服务商 " + std::to_string(provider) + " 不存在");
        const auto* rule = ctx.rules().in_force<assessment::ScorecardRule>(month->first_day());
        if (!rule) {
            fail(409, "rule_missing",
                 format_date(month->first_day()) + "没有生效的考核评分表规则（assessment_scorecard）：请管理员在“规则管理”中发布");
        }
        auto prefill = app::assessment_prefill(db, provider, project, *month, *rule);
        if (!elder_policy(user.user.role).full_name) assessment::mask_prefill_names(prefill);
        reply_json(res, 200, json(prefill));
    });
}

}  // namespace yiyang::http
