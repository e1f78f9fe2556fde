// GET /api/v1/public/figures (issue 12, kiosk-ui): the exhibition-hall kiosk's aggregate figures — today's and this
// month's requests, response / satisfaction / emergencies answered in time against their targets, elders served by
// town and category, providers and service points, public policy articles, and the kiosk playlist in force. Every
// count and rate through small-cell suppression (shared/public_figures). Readable by every signed-in role, the
// kiosk included (Permission::ReadOverview); not without a session: the public portal's own endpoints carry the
// rate limits an unauthenticated reader needs. Cached per day, data version and rule versions like /overview.
#include "app/indicators.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/overview_inputs.hpp"
#include "store/public_figures_inputs.hpp"
#include "yiyang/public_figures.hpp"
#include "yiyang/wire/public_figures.hpp"

namespace yiyang::http {

namespace {
constexpr std::size_t kPublicArticles = 12;
}  // namespace

app::CachedPtr public_figures_reply(app::AppContext& ctx) {
    const LocalSeconds now = ctx.now();
    const Date today = date_of(now);
    const auto month = month_of(today);
    const auto& rule = ctx.rules().on<disclosure::DisclosureRule>(today);
    const auto& playlist = ctx.rules().on<kiosk::Playlist>(today);
    const auto version = ctx.db.data_version();
    const auto key = "public_figures:" + format_date(today) + ":" + rule.version + ":" + playlist.version;
    if (auto cached = ctx.cache.find(key, version)) return cached;

    PublicFiguresInputs in;
    in.as_of = now;
    in.day = today;
    auto& db = ctx.db.reader();
    in.overview = build_overview(store::load_overview_inputs(db, month));
    store::load_public_figures_inputs(db, today, kPublicArticles, in);
    // The month's indicators as GET /kpis computes them (app/indicators: the shared formulas, cached).
    for (const auto& item : app::indicators(ctx, month, app::IndicatorScope{}).items) {
        PublicRateInput r{item.code, item.name_zh, item.target_text, item.applicable, {}, item.met.value_or(false)};
        if (item.value) r.value = Ratio{item.value->num, item.value->den};
        in.rates.push_back(std::move(r));
    }
    return ctx.cache.put(key, version, json(build_public_figures(in, rule, playlist)));
}

void register_public_figures_routes(Router& r, app::AppContext& ctx) {
    // No sign-in, as every route under /api/v1/public/: aggregates only, every count suppressed, cached by data
    // version (a repeat costs a lookup), so the public portal may show them as the kiosk does.
    r.add({"GET", "/api/v1/public/figures", "The kiosk's public aggregate figures (small cells suppressed), no sign-in",
           "public", anyone(), {}, "", "PublicFigures"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        reply_cached(req, res, 200, *public_figures_reply(ctx));
    });
}

}  // namespace yiyang::http
