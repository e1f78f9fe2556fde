// POST /api/v1/assessment/preview: the what-if of the monthly assessment (考核, issue 11). The body is a month's
// sheets (every department's and the leader's review, wire::AssessmentPreviewRequest); the server computes them with
// the scorecard rule in force on `on` (default today) — the same shared code and rule version the dashboard's 考核
// screen uses — and replies the computed month. Nothing is stored (a preview); the reply carries the rule version.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/assessment.hpp"

namespace yiyang::http {

void register_assessment_routes(Router& r, app::AppContext& ctx) {
    // Who may: the roles that read the rules (admin, supervisor) — the what-if is the rule in force applied to
    // figures the caller types; no record is read or written. Kiosks and the public never.
    r.add({"POST", "/api/v1/assessment/preview",
           "What-if of a month's assessment: departments' sheets and the leader's review computed with the scorecard "
           "rule in force on `on` (default today); 422 validation_failed naming the item when a sheet is wrong",
           "assessment", needs(Permission::ReadRules), json::array(), "AssessmentPreviewRequest", "AssessmentMonth"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const json body = body_object(req);
        wire::AssessmentPreviewRequest ask;
        if (auto errors = wire::preview_request_from_json(body, ask); !errors.empty()) {
            std::string message = "考核评分表有误：" + errors.front().message_zh;   // before the move below
            fail(422, "validation_failed", std::move(message), std::move(errors));
        }
        const Date on = ask.on ? *parse_date(*ask.on) : date_of(ctx.now());
        const auto* rule = ctx.rules().in_force<assessment::ScorecardRule>(on);
        if (!rule) {
            fail(409, "rule_missing",
                 format_date(on) + "没有生效的考核评分表规则（assessment_scorecard）：请管理员在“规则管理”中发布一个生效日期不晚于" +
                     format_date(on) + "的版本");
        }
        try {
            reply_json(res, 200, wire::preview_month(*rule, ask));
        } catch (const assessment::SheetError& e) {
            fail(422, "validation_failed", e.errors().front().message_zh, e.errors());
        }
    });
}

}  // namespace yiyang::http
