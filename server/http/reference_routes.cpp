// GET /api/v1/towns and GET /api/v1/providers: reference data for filters, forms and maps. The kiosk (public
// screens) gets providers' public fields only (shared/access redact_provider). Replies: shared/wire/reference.hpp.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/reference.hpp"
#include "yiyang/access.hpp"
#include "yiyang/wire/reference.hpp"

namespace yiyang::http {

void register_reference_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/towns", "Towns and streets (镇街) with communities", "reference", needs(Permission::ReadReference), {}, "",
           "TownList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const auto version = ctx.db.data_version();
        auto cached = ctx.cache.find("towns", version);
        if (!cached) cached = ctx.cache.put("towns", version, json(wire::TownList{store::all_towns(ctx.db.reader())}));
        reply_cached(req, res, 200, *cached);
    });

    r.add({"GET", "/api/v1/providers", "Service providers (a provider user sees its own; the kiosk without contact phones)", "reference", needs(Permission::ReadReference, "provider: its own; kiosk: public fields"),
           {query_param("status", "string", "provider status code"),
            query_param("category", "string", "service category code"), query_param("town", "integer", "town id")},
           "", "ProviderList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        store::ProviderQuery q;
        q.status = query_enum(req, "status", &parse_ProviderStatus);
        q.category = query_enum(req, "category", &parse_ServiceCategory);
        q.town = query_int(req, "town", 1, 1'000'000'000);
        if (user.user.role == Role::Provider) q.only_id = user.user.provider_id;
        wire::ProviderList reply;
        for (const auto& p : store::find_providers(ctx.db.reader(), q)) reply.items.push_back(redact_provider(p, user.user.role));
        reply.total = static_cast<std::int64_t>(reply.items.size());
        reply_json(res, 200, json(reply));
    });
}

}  // namespace yiyang::http
