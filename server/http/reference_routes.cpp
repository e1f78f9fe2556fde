// GET /api/v1/towns and GET /api/v1/providers: reference data for filters, forms and maps. The kiosk (public
// screens) gets providers' public fields only (shared/access redact_provider).
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/reference.hpp"
#include "yiyang/access.hpp"

namespace yiyang::http {

void register_reference_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/towns", "Towns and streets (镇街) with communities", "reference", "signed in", {}, "",
           "TownList"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto u = require_user(ctx, req, res);
        if (!u || !require_password_changed(res, *u)) return;
        const auto version = ctx.db.data_version();
        auto cached = ctx.cache.find("towns", version);
        if (!cached) cached = ctx.cache.put("towns", version, {{"towns", store::all_towns(ctx.db.reader())}});
        reply_cached(req, res, 200, *cached);
    });

    r.add({"GET", "/api/v1/providers", "Service providers (a provider user sees its own; the kiosk without contact phones)", "reference", "signed in",
           {query_param("status", "string", "provider status code"),
            query_param("category", "string", "service category code"), query_param("town", "integer", "town id")},
           "", "ProviderList"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto u = require_user(ctx, req, res);
        if (!u || !require_password_changed(res, *u)) return;
        store::ProviderQuery q;
        std::optional<std::int64_t> town;
        if (!query_enum(req, res, "status", &parse_ProviderStatus, q.status) ||
            !query_enum(req, res, "category", &parse_ServiceCategory, q.category) ||
            !query_int(req, res, "town", 1, 1'000'000'000, town)) {
            return;
        }
        q.town = town;
        if (u->user.role == Role::Provider) q.only_id = u->user.provider_id;
        json items = json::array();
        for (const auto& p : store::find_providers(ctx.db.reader(), q)) items.push_back(redact_provider(p, u->user.role));
        reply_json(res, 200, {{"items", items}, {"total", items.size()}});
    });
}

}  // namespace yiyang::http
