// The quarterly verification report from the quarter's one computation (app/quarter_report.hpp).
#include "app/quarter_report.hpp"

#include <algorithm>

#include "app/signoff.hpp"
#include "store/verification_signoff.hpp"
#include "yiyang/verification/quarter_report.hpp"

namespace yiyang::app {

using nlohmann::json;

namespace {

verification::QuarterFigures figures_of(const QuarterComputed& c) {
    return {c.physical(), c.info, c.news, c.deaths, c.draw, c.callbacks, c.survey};
}

}  // namespace


wire::QuarterReport quarter_report(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                   const QuarterRules& rules, const std::string& recommendations_zh) {
    const Period& q = scope.quarter;
    const auto now = quarter_bundle(ctx, db, scope, rules);

    // The previous quarter beside, when its fee rules were in force and it has data (its own draw, if any).
    std::shared_ptr<const QuarterBundle> before;
    const Period pq = q.previous();
    QuarterRules prules = rules;
    prules.fee_versions.clear();
    bool prev_fees = true;
    const auto pmonths = verification::months_of(pq);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto* f = ctx.rules().in_force<VerificationFees>(pmonths[i].first_day());
        if (!f) { prev_fees = false; break; }
        prules.fees[i] = *f;
        if (std::find(prules.fee_versions.begin(), prules.fee_versions.end(), f->version) == prules.fee_versions.end())
            prules.fee_versions.push_back(f->version);
    }
    if (prev_fees) {
        QuarterScope ps{pq, scope.town, scope.town_name, std::nullopt, std::nullopt};
        auto p = quarter_bundle(ctx, db, ps, prules);
        if (p->computed.has_data) before = std::move(p);
    }

    verification::QuarterReportInput in;
    in.quarter = q;
    in.district_name = ctx.config.district_name + (scope.town ? scope.town_name : "");
    in.rule = rules.report.rule;
    for (const auto& v : rules.fee_versions) in.rule_versions.push_back("verification_fees " + v);
    in.rule_versions.push_back("verification_report " + rules.report.version);
    in.generated_at = format_timestamp(ctx.now());
    in.death_window_from = now->inputs.death_from;
    in.death_window_to = now->inputs.death_to;
    in.physical_unit_fee = rules.fees[0].physical_service_fen;
    in.info_unit_fee = rules.fees[0].info_service_fen;
    in.recommendations_zh = recommendations_zh;
    in.drawn = now->computed.drawn;
    in.previous_drawn = before && before->computed.drawn;
    // The previous quarter sealed: the district's report shows the figures its signed report (the latest signed one
    // or supplement) certified, not a recomputation (app/signoff). A town's figures were never signed on their own.
    if (before && !scope.town) {
        if (const auto seal = seal_of(db, pq)) {
            if (const auto signed_report = store::signed_report(db, seal->report_id)) {
                const json figures = json::parse(signed_report->figures, nullptr, false);
                if (figures.is_object() && figures.contains("figures") && figures["figures"].is_object()) {
                    for (const auto& [code, f] : figures["figures"].items())
                        if (f.is_object()) in.previous_signed[code] = f.value("text", "");
                    in.previous_signed_zh = signed_report->supplement_no > 0
                                                ? "补充报告第" + std::to_string(signed_report->supplement_no) + "号"
                                                : std::string("已签署");
                }
            }
        }
    }
    if (rules.fees[0].physical_service_fen != rules.fees[1].physical_service_fen ||
        rules.fees[1].physical_service_fen != rules.fees[2].physical_service_fen)
        in.physical_month_fees = std::array<Fen, 3>{rules.fees[0].physical_service_fen, rules.fees[1].physical_service_fen,
                                                    rules.fees[2].physical_service_fen};
    const auto nf = figures_of(now->computed);
    std::optional<verification::QuarterFigures> pf;
    if (before) pf.emplace(figures_of(before->computed));
    auto r = verification::quarter_report(in, nf, pf ? &*pf : nullptr);
    r.town_id = scope.town;
    r.town_name = scope.town_name;
    return r;
}

}  // namespace yiyang::app
