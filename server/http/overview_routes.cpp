// GET /api/v1/overview: the home screen's figures (aggregates only, so kiosks may read it too).
// Counts come from storage; the figures are built by shared/overview; the reply is shared/wire/overview.hpp
// OverviewReply; cached until the next write.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/overview_inputs.hpp"
#include "yiyang/overview.hpp"
#include "yiyang/wire/overview.hpp"

namespace yiyang::http {

json compute_overview(app::AppContext& ctx) {
    const auto month = month_of(date_of(ctx.now()));
    const auto version = ctx.db.data_version();
    const auto key = "overview:" + month.code();
    if (auto cached = ctx.cache.get(key, version)) return *cached;
    const json body = wire::overview_reply(build_overview(store::load_overview_inputs(ctx.db.reader(), month)));
    ctx.cache.put(key, version, body);
    return body;
}

void register_overview_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/overview", "Home-screen figures for the current month", "overview", needs(Permission::ReadOverview), {}, "",
           "Overview"},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser&) {
        reply_json(res, 200, compute_overview(ctx));
    });
}

}  // namespace yiyang::http
