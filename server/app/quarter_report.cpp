// The quarterly verification report from the imported lists (app/quarter_report.hpp).
#include "app/quarter_report.hpp"

#include <algorithm>

#include "app/photos.hpp"   // sha256_hex
#include "store/verification.hpp"
#include "store/verification_deaths.hpp"
#include "store/verification_lists.hpp"
#include "store/verification_physical.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/quarter_report.hpp"

namespace yiyang::app {

namespace {

using namespace yiyang::verification;

struct Computed {
    PhysicalServiceReport physical;
    InfoServiceQuarter info;
    NewSubjects news;
    DeathCheck deaths;
    SampleDraw draw;
    CallbackFigures callbacks;
    SurveyFigures survey;
    bool has_data = false;   // any subscriber or service record in the quarter
    QuarterFigures figures() const { return {physical, info, news, deaths, draw, callbacks, survey}; }
};

Date window_from(const Period& q, const QuarterReportExtras& x) {
    return x.death_window_from ? *x.death_window_from : default_death_window(q).from;
}
Date window_to(const Period& q, const QuarterReportExtras& x) {
    return x.death_window_to ? *x.death_window_to : default_death_window(q).to;
}

Computed compute(SQLite::Database& db, const Period& q, std::optional<Id> town, const std::array<Fen, 3>& info_fee,
                 Fen physical_fee, const EligibilityRule& eligibility, const QuarterReportExtras& x, bool frozen_applies) {
    Computed c;
    const Date first = q.first_day(), last = q.last_day();
    const Date wfrom = window_from(q, x), wto = window_to(q, x);
    const Date calls_to = q.next().last_day();
    const auto subs = store::subscriber_rows(db, std::min(first, wfrom), last, town);
    const auto records = store::service_record_rows(db, first, last, town);
    const auto cremations = store::cremation_rows(db);
    c.has_data = !records.empty() ||
                 std::any_of(subs.begin(), subs.end(), [&](const SubscriberRow& s) { return billed_in_month(s, months_of(q)[0]) ||
                                                                                          q.contains(s.opened); });

    c.physical = physical_services({q, physical_fee}, records, cremations, subs, x.decisions);

    const auto rows = store::info_service_subscriptions(db, first, last, town);
    std::vector<Subscription> spans;
    spans.reserve(rows.size());
    for (const auto& s : rows) spans.push_back(s.span);
    c.info = info_service_quarter(spans, q, info_fee);

    const auto window = phone_check_window(q);
    c.news = new_subjects(q, eligibility, subs, store::categories_of(db, subs),
                          store::phone_check_rows(db, window.from, window.to));
    c.deaths = death_check({wfrom, wto, q, info_fee[0], {}}, subs, cremations, x.confirmed_same_person);

    if (frozen_applies && x.frozen_draw) {
        c.draw = *x.frozen_draw;
    } else {
        c.draw = draw_sample({default_draw_date(q), {5, 100}, default_sample_seed(q), false}, subs,
                             [](std::string_view text) { return sha256_hex(text); });
    }
    auto calls = store::callback_rows(db, first, calls_to);
    if (frozen_applies) calls.insert(calls.end(), x.recorded_calls.begin(), x.recorded_calls.end());
    c.callbacks = callback_figures(c.draw.sample, calls);

    // The physical-service survey: callbacks of subjects served in the quarter, outside the callback sample.
    std::vector<CallbackRow> answers;
    for (const auto& call : calls) {
        const std::string key = id_key(call.id_number);
        if (std::binary_search(c.physical.subjects_served.keys.begin(), c.physical.subjects_served.keys.end(), key) &&
            !std::binary_search(c.draw.sample.keys.begin(), c.draw.sample.keys.end(), key)) {
            answers.push_back(call);
        }
    }
    c.survey = survey_figures(answers, c.physical.subjects_served);
    return c;
}

}  // namespace

std::string default_sample_seed(const Period& quarter) { return "yiyang-" + quarter.code(); }
Date default_draw_date(const Period& quarter) { return months_of(quarter)[1].last_day(); }

wire::QuarterReport quarter_report(AppContext& ctx, SQLite::Database& db, const QuarterReportRequest& rq,
                                   const QuarterReportExtras& extras) {
    const Period& q = rq.quarter;
    std::array<Fen, 3> info_fee{};
    for (std::size_t i = 0; i < 3; ++i) info_fee[i] = rq.fees[i].info_service_fen;
    const Computed now = compute(db, q, rq.town, info_fee, rq.fees[0].physical_service_fen, rq.eligibility.rule, extras, true);

    // The previous quarter beside, when its lists are there and its fee rules were in force.
    std::optional<Computed> before;
    const Period pq = q.previous();
    std::array<Fen, 3> prev_fee{};
    Fen prev_physical = 0;
    bool prev_fees = true;
    const auto pmonths = months_of(pq);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto* f = ctx.rules().in_force<VerificationFees>(pmonths[i].first_day());
        if (!f) { prev_fees = false; break; }
        prev_fee[i] = f->info_service_fen;
        if (i == 0) prev_physical = f->physical_service_fen;
    }
    if (prev_fees) {
        QuarterReportExtras px;
        px.decisions = extras.decisions;
        px.confirmed_same_person = extras.confirmed_same_person;
        Computed p = compute(db, pq, rq.town, prev_fee, prev_physical, rq.eligibility.rule, px, false);
        if (p.has_data) before = std::move(p);
    }

    const ReportRule& rule = rq.report_rule.rule;
    const std::string rule_version = "verification_report " + rq.report_rule.version;
    QuarterReportInput in;
    in.quarter = q;
    in.district_name = ctx.config.district_name + (rq.town ? rq.town_name : "");
    in.rule = rule;
    in.rule_versions = rq.fee_versions;
    for (auto& v : in.rule_versions) v = "verification_fees " + v;
    in.rule_versions.push_back(rule_version);
    in.generated_at = format_timestamp(ctx.now());
    in.death_window_from = window_from(q, extras);
    in.death_window_to = window_to(q, extras);
    in.physical_unit_fee = rq.fees[0].physical_service_fen;
    in.info_unit_fee = rq.fees[0].info_service_fen;
    in.recommendations_zh = extras.recommendations_zh;
    std::optional<QuarterFigures> pf;
    if (before) pf.emplace(before->figures());
    auto r = verification::quarter_report(in, now.figures(), pf ? &*pf : nullptr);
    r.town_id = rq.town;
    r.town_name = rq.town_name;
    return r;
}

QuarterReportExtras stored_extras(SQLite::Database& db) {
    QuarterReportExtras x;
    for (const auto& [no, d] : store::latest_physical_decisions(db)) x.decisions.emplace(no, SupervisorDecision{d.payable, d.reason, d.username});
    for (const auto& [key, s] : store::same_person_confirmations(db)) x.confirmed_same_person.insert(key);
    return x;
}

}  // namespace yiyang::app
