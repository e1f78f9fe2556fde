// GET /api/v1/overview: the home screen's figures (aggregates only, so kiosks may read it too).
// Counts come from storage; the figures are built by shared/overview; the reply is shared/wire/overview.hpp
// OverviewReply; cached until the next write.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/overview_inputs.hpp"
#include "yiyang/overview.hpp"
#include "yiyang/wire/overview.hpp"

namespace yiyang::http {

app::CachedPtr overview_reply(app::AppContext& ctx) {
    const auto month = month_of(date_of(ctx.now()));
    const auto version = ctx.db.data_version();
    const auto key = "overview:" + month.code();
    if (auto cached = ctx.cache.find(key, version)) return cached;
    return ctx.cache.put(key, version,
                         json(wire::overview_reply(build_overview(store::load_overview_inputs(ctx.db.reader(), month)))));
}

json compute_overview(app::AppContext& ctx) { return overview_reply(ctx)->value; }

void register_overview_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/overview", "Home-screen figures for the current month", "overview", needs(Permission::ReadOverview), {}, "",
           "Overview"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        reply_cached(req, res, 200, *overview_reply(ctx));
    });
}

}  // namespace yiyang::http
