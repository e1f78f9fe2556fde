// GET /api/v1/coverage?category=CODE[&town=ID]: the service map (服务地图, issue 12) — the 15-minute circle of one
// category per town and city-wide, gaps, the suggested new point, service points (public fields), the towns as
// schematic regions and the elders as density-cell counts. Aggregates only, every count through small-cell
// suppression (shared/coverage_map public_coverage), so kiosks read it too. The elders' homes and the points are read
// once per data version (ctx.objects); each reply is cached by data version and the rule versions in force.
// Reply: shared/wire/coverage.hpp CoverageReply.
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/coverage_inputs.hpp"
#include "yiyang/coverage_map.hpp"
#include "yiyang/disclosure.hpp"
#include "yiyang/wire/coverage.hpp"

namespace yiyang::http {

namespace {

constexpr std::size_t kKeptInputs = 8;   // ctx.objects' bound when this entry is stored (verification uses its own)

std::shared_ptr<const coverage::MapInputs> coverage_inputs(app::AppContext& ctx, std::uint64_t version) {
    if (auto hit = ctx.objects.find("coverage-inputs", version))
        return std::static_pointer_cast<const coverage::MapInputs>(hit);
    auto in = std::make_shared<const coverage::MapInputs>(store::load_coverage_inputs(ctx.db.reader()));
    ctx.objects.put("coverage-inputs", version, in, kKeptInputs);
    return in;
}

std::string category_list(const coverage::CircleRule& rule) {
    std::string out;
    for (const auto& c : rule.categories) out += (out.empty() ? "" : "、") + c.code + "（" + c.name_zh + "）";
    return out;
}

}  // namespace

app::CachedPtr coverage_reply(app::AppContext& ctx, const std::string& category, std::optional<Id> town) {
    const Date today = date_of(ctx.now());
    const auto& rule = ctx.rules().on<coverage::CircleRule>(today);
    const auto& disclosure = ctx.rules().on<disclosure::DisclosureRule>(today);
    if (category.empty()) fail_bad_query("category", "必须填写，应为服务圈类别之一：" + category_list(rule), category);
    if (std::none_of(rule.categories.begin(), rule.categories.end(),
                     [&](const coverage::CircleCategory& c) { return c.code == category; }))
        fail_bad_query("category", "应为服务圈类别之一：" + category_list(rule), category);
    const auto version = ctx.db.data_version();   // read first: a write meanwhile makes what follows stale, not wrong
    const std::string key = "coverage:" + rule.version + ":" + disclosure.version + ":" + category + ":" +
                            (town ? std::to_string(*town) : std::string("all"));
    if (auto cached = ctx.cache.find(key, version)) return cached;
    const auto in = coverage_inputs(ctx, version);
    if (town && std::none_of(in->towns.begin(), in->towns.end(), [&](const Town& t) { return t.id == *town; }))
        fail_bad_query("town", "不是已登记的镇街编号", std::to_string(*town));
    return ctx.cache.put(key, version, json(coverage::public_coverage(*in, category, rule, disclosure, town)));
}

void register_coverage_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/coverage",
           "Service map: the 15-minute circle of one category per town and city-wide, gaps, suggested point, service "
           "points, schematic town regions, elder density cells (aggregates, small cells suppressed)",
           "coverage", needs(Permission::ReadCoverage),
           {query_param("category", "string", "a category of the service_circle rule: any, meals, day_care, …"),
            query_param("town", "integer", "town id: only that town's row, points, gaps and cells")},
           "", "CoverageReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const std::string category = query_text(req, "category", 40);
        const auto town = query_int(req, "town", 1, 1'000'000'000);
        reply_cached(req, res, 200, *coverage_reply(ctx, category, town));
    });
    // The same reply without sign-in for the public portal (公众端): its 15-minute circle around a chosen town. Every
    // count in it is already suppressed for the public; no elder's position is in it (the PII scan reads it).
    r.add({"GET", "/api/v1/public/coverage",
           "Public portal: the 15-minute circle of one category (as /api/v1/coverage), no sign-in",
           "public", anyone(),
           {query_param("category", "string", "a category of the service_circle rule: any, meals, day_care, …"),
            query_param("town", "integer", "town id: only that town's row, points, gaps and cells")},
           "", "CoverageReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        const std::string category = query_text(req, "category", 40);
        const auto town = query_int(req, "town", 1, 1'000'000'000);
        reply_cached(req, res, 200, *coverage_reply(ctx, category, town));
    });
}

}  // namespace yiyang::http
