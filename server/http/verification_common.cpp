// The quarter, town and fee rules of a verification request (http/verification_common.hpp).
#include "http/verification_common.hpp"

#include <algorithm>

#include "store/kpi_inputs.hpp"   // town_name
#include "yiyang/verification/common.hpp"

namespace yiyang::http {

QuarterScope read_quarter_scope(const httplib::Request& req, const AuthUser& user, SQLite::Database& db) {
    const auto quarter_text = query_text(req, "quarter", 20);
    if (quarter_text.empty()) fail_bad_query("quarter", "必填，应为季度，如 2024Q1", quarter_text);
    const auto quarter = parse_quarter(quarter_text);
    if (!quarter) fail_bad_query("quarter", "应为季度，如 2024Q1 或 2024-Q1", quarter_text);
    QuarterScope scope{*quarter, std::nullopt, {}};
    auto town = query_int(req, "town", 1, 1'000'000'000);
    if (user.user.role == Role::Town) {
        if (town && town != user.user.town_id) fail(403, "forbidden", "镇街用户只能查看本镇街的核查数据");
        town = user.user.town_id;
    }
    if (town) {
        const auto name = store::town_name(db, *town);
        if (!name) fail_bad_query("town", "应为已有镇街的编号（未找到该镇街）", std::to_string(*town));
        scope.town = town;
        scope.town_name = *name;
    }
    return scope;
}

QuarterFees quarter_fees(app::AppContext& ctx, const Period& quarter) {
    QuarterFees out;
    for (const Period& m : verification::months_of(quarter)) {
        const VerificationFees* fees = ctx.rules().in_force<VerificationFees>(m.first_day());
        if (!fees) {
            fail(409, "rule_missing",
                 m.label_zh() + "没有生效的核查收费规则（verification_fees）：请管理员在“规则管理”中发布一个生效日期不晚于" +
                     format_date(m.first_day()) + "的版本");
        }
        out.months.push_back({m, *fees});
        if (std::find(out.versions.begin(), out.versions.end(), fees->version) == out.versions.end()) {
            out.versions.push_back(fees->version);
        }
    }
    return out;
}

const VerificationReportRule& report_rule(app::AppContext& ctx, const Period& quarter) {
    const auto* rule = ctx.rules().in_force<VerificationReportRule>(quarter.last_day());
    if (!rule) {
        fail(409, "rule_missing",
             quarter.label_zh() + "没有生效的核查报告规则（verification_report）：请管理员在“规则管理”中发布一个生效日期不晚于" +
                 format_date(quarter.last_day()) + "的版本");
    }
    return *rule;
}

const VerificationEligibility& eligibility_rule(app::AppContext& ctx, const Period& quarter) {
    const auto* rule = ctx.rules().in_force<VerificationEligibility>(quarter.first_day());
    if (!rule) {
        fail(409, "rule_missing",
             quarter.label_zh() + "没有生效的核查资格规则（verification_eligibility）：请管理员在“规则管理”中发布一个生效日期不晚于" +
                 format_date(quarter.first_day()) + "的版本");
    }
    return *rule;
}

app::QuarterRules quarter_rules(app::AppContext& ctx, const Period& quarter, RulesNeeded need) {
    app::QuarterRules r;
    if (need == RulesNeeded::ReportOnly) {
        const auto months = verification::months_of(quarter);
        for (std::size_t i = 0; i < r.fees.size(); ++i) {
            const VerificationFees* f = ctx.rules().in_force<VerificationFees>(months[i].first_day());
            r.fees[i] = f ? *f : VerificationFees{};
            const std::string v = f ? f->version : std::string("(none)");
            if (std::find(r.fee_versions.begin(), r.fee_versions.end(), v) == r.fee_versions.end()) r.fee_versions.push_back(v);
        }
        r.report = report_rule(ctx, quarter);
        const auto* e = ctx.rules().in_force<VerificationEligibility>(quarter.first_day());
        r.eligibility = e ? *e : VerificationEligibility{"(none)", {}};
        return r;
    }
    const QuarterFees fees = quarter_fees(ctx, quarter);
    for (std::size_t i = 0; i < r.fees.size(); ++i) r.fees[i] = fees.months.at(i).fees;
    r.fee_versions = fees.versions;
    r.report = report_rule(ctx, quarter);
    r.eligibility = eligibility_rule(ctx, quarter);
    return r;
}

app::QuarterScope app_scope(const QuarterScope& scope) {
    return {scope.quarter, scope.town, scope.town_name, std::nullopt, std::nullopt};
}

std::shared_ptr<const app::QuarterBundle> quarter_of_request(app::AppContext& ctx, SQLite::Database& db,
                                                             const QuarterScope& scope, RulesNeeded need) {
    return app::quarter_bundle(ctx, db, app_scope(scope), quarter_rules(ctx, scope.quarter, need));
}

}  // namespace yiyang::http
