// GET /api/v1/target-table?month=YYYY-MM — the contract's target table (绩效目标表): every indicator with the month's
// figure, the project year's to date and the row's judgement (app/target_table, shared/target_table.hpp);
// GET /api/v1/export/target-table.xlsx?month= — the same in the printed table's layout (an audited export).
// City-wide only (the contract is the city's); the month defaults to the current one.
#include "app/target_table.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"

namespace yiyang::http {

namespace {

Period read_month(app::AppContext& ctx, const httplib::Request& req) {
    const std::string text = query_text(req, "month", 16);
    if (text.empty()) return month_of(date_of(ctx.now()));
    auto p = parse_period(text);
    if (!p || p->kind != PeriodKind::Month) fail_bad_query("month", "应为月份，如 2026-11", text);
    if (p->year < 2000 || p->year > 2100) fail_bad_query("month", "应为 2000 到 2100 年间的月份", text);
    return *p;
}

}  // namespace

void register_target_table_routes(Router& r, app::AppContext& ctx) {
    const json params = json::array({query_param("month", "string", "YYYY-MM; default the current month")});
    r.add({"GET", "/api/v1/target-table",
           "The target table (绩效目标表): each indicator's month and project-year-to-date figures, judged "
           "(达标 / 未达标 / 按进度 / 落后 / 无数据 / 按需)",
           "kpis", needs(Permission::ReadTargetTable), params, "", "TargetTableReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        reply_json(res, 200, app::target_table(ctx, read_month(ctx, req)));
    });

    r.add({"GET", "/api/v1/export/target-table.xlsx",
           "The target table as XLSX in the printed table's layout (服务项目 / 序号 / 具体内容 / 具体要求 / 量化指标 + figures)",
           "export", needs(Permission::ReadTargetTable), params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Period month = read_month(ctx, req);
        const auto table = app::target_table(ctx, month);
        std::string bytes = app::target_table_xlsx(table, role_user(user));
        const LocalSeconds now = ctx.now();
        const json details = {{"table", "target_table"}, {"format", "xlsx"}, {"params", {{"month", month.code()}}},
                              {"rows", table.rows.size()}};
        ctx.db.write([&](SQLite::Database& db) {
            store::append_audit(db, {0, now, user.user.id, user.user.username, "export", std::nullopt, "export",
                                     details, ""});
        }, store::Database::Touches::SessionsOnly);
        const std::string name = "绩效目标表_" + month.code() + ".xlsx";
        res.set_header("Content-Disposition", attachment_header(name, "target_table_" + month.code() + ".xlsx"));
        res.status = 200;
        res.set_content(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    });
}

}  // namespace yiyang::http
