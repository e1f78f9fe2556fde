// GET /api/v1/export/{table}.xlsx and GET /api/v1/export/{table}.html (the 打印 page): every list of the
// dashboard with the screen's query parameters, listed by the list route's own function (http/lists.hpp: same
// scope, same masking, all rows up to kExportRowLimit), made a wire::Table (shared wire/table.hpp) and rendered by
// app/xlsx or app/print_html. Each export is an audit event: who, which table, which filters, how many rows.
#include <cctype>
#include <string_view>

#include "app/print_html.hpp"
#include "app/xlsx.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/kpi_inputs.hpp"
#include "store/live.hpp"
#include "store/reference.hpp"
#include "yiyang/activities.hpp"
#include "yiyang/cdr.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/wire/coverage.hpp"
#include "yiyang/wire/table.hpp"

namespace yiyang::http {

Paging read_paging(const httplib::Request& req, bool export_all) {
    Paging p;
    p.page = static_cast<int>(query_int(req, "page", 1, 1'000'000).value_or(1));
    p.page_size = static_cast<int>(query_int(req, "page_size", 1, 200).value_or(20));
    if (export_all) {
        p.page = 1;
        p.page_size = static_cast<int>(kExportRowLimit);
        p.all = true;
    }
    return p;
}

void check_export_rows(const Paging& p, std::int64_t total) {
    if (p.all && total > kExportRowLimit) {
        fail(400, "too_many_rows", "符合条件的记录有 " + std::to_string(total) + " 条，一次最多导出 " +
                                       std::to_string(kExportRowLimit) + " 条：请加上时间段、镇街或状态等条件分批导出");
    }
}

namespace {

enum class Format { Xlsx, Html };

std::string time_text(LocalSeconds t) {
    auto s = format_timestamp(t);
    return s.substr(0, 10) + " " + s.substr(11, 5);
}

// The query parameters the screen sent, in Chinese: ("状态", "已派单"). Unknown codes are refused by the list
// function before this runs, so a label is always found.
struct FilterText {
    SQLite::Database& db;
    const httplib::Request& req;
    std::vector<std::pair<std::string, std::string>> out;

    template <class E>
    void code(const char* param, const char* label, std::optional<E> (*parse)(std::string_view)) {
        const auto v = req.get_param_value(param);
        if (v.empty()) return;
        const auto e = parse(v);
        out.emplace_back(label, e ? std::string(label_zh(*e)) : v);
    }
    void town(const char* param = "town") {
        const auto v = query_int(req, param, 1, 1'000'000'000);
        if (v) out.emplace_back("镇街", store::town_name(db, *v).value_or(std::to_string(*v)));
    }
    void provider() {
        const auto v = query_int(req, "provider", 1, 1'000'000'000);
        if (v) out.emplace_back("服务商", store::provider_name(db, *v).value_or(std::to_string(*v)));
    }
    void period(const char* label) {
        const auto v = req.get_param_value("period");
        if (v.empty()) return;
        const auto p = parse_period(v);
        out.emplace_back(label, p ? p->label_zh() : v);
    }
    void text(const char* param, const char* label) {
        const auto v = req.get_param_value(param);
        if (!v.empty()) out.emplace_back(label, valid_utf8(v) ? v : shown_text(v));
    }
};

void reply_table(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, const AuthUser& user,
                 wire::Table table, std::vector<std::pair<std::string, std::string>> filters, Format format) {
    const auto now = ctx.now();
    table.filters = std::move(filters);
    table.exported_at = time_text(now);
    table.exported_by = role_user(user);
    // The audit names the query as sent (the parameters, never a row's values) and how many rows left.
    json params = json::object();
    for (const auto& [k, v] : req.params) {
        if (valid_utf8(k) && k.size() <= 40) params[k] = valid_utf8(v) ? v : shown_text(v);
        // A phone searched for in the call list is kept masked, as the lookup's own event keeps it.
        if (k == "number" && table.name == "calls") params[k] = mask_phone(v);
    }
    const json details = {{"table", table.name}, {"format", format == Format::Xlsx ? "xlsx" : "html"},
                          {"params", params}, {"rows", table.rows.size()}};
    ctx.db.write([&](SQLite::Database& db) {
        store::append_audit(db, {0, now, user.user.id, user.user.username, "export", std::nullopt,
                                 format == Format::Xlsx ? "export" : "print", details, ""});
    }, store::Database::Touches::SessionsOnly);
    res.status = 200;
    if (format == Format::Xlsx) {
        const std::string name = wire::export_file_name(table, "xlsx");
        const std::string ascii = table.name + "_" + table.exported_at.substr(0, 10) + ".xlsx";
        res.set_header("Content-Disposition", attachment_header(name, ascii));
        res.set_content(app::xlsx_bytes(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    } else {
        res.set_content(app::print_html(table), "text/html; charset=utf-8");
    }
}

// The list's order (same as the screen: `sort` / `dir` as the list route takes them).
json sort_params(json params) {
    bool has_sort = false;
    for (const auto& p : params) has_sort = has_sort || p.value("name", "") == "sort";
    if (!has_sort) params.push_back(query_param("sort", "string", "as the list route: a column key, '-' prefix = descending"));
    params.push_back(query_param("dir", "string", "asc | desc (instead of the '-' prefix)"));
    return params;
}

json export_params(json params) {
    params.push_back(query_param("page", "integer", "ignored: an export holds every row of the filter (at most 100000)"));
    return sort_params(std::move(params));
}

// The print page (.html) opens in a browser tab: its refusals are a Chinese HTML page, not the JSON envelope
// (a download, .xlsx, keeps JSON: the dashboard reads the refusal and shows it beside the list).
RouteDoc for_format(Format format, RouteDoc doc) {
    if (format == Format::Html) {
        doc.error_page = [](httplib::Response& res, const ApiError& e) {
            res.status = e.status;
            res.set_content(app::print_error_html(e.status, e.code, e.message), "text/html; charset=utf-8");
        };
    }
    return doc;
}

}  // namespace

void register_export_routes(Router& r, app::AppContext& ctx) {
    const json order_params = {
        query_param("status", "string", "order status code"), query_param("type", "string", "order type code"),
        query_param("channel", "string", "channel code"), query_param("town", "integer", "town id"),
        query_param("provider", "integer", "provider id"), query_param("elder", "integer", "elder id"),
        query_param("period", "string", "created in: 2026-11, 2026-Q4 or 2026"),
        query_param("from", "string", "created on or after this day: 2026-12-01"),
        query_param("to", "string", "created on or before this day: 2026-12-04"),
        query_param("overdue", "boolean", "only orders with (true) / without (false) a running clock past due"),
        query_param("sort", "string", "created_at | id, '-' prefix = descending (default -created_at)")};
    const json elder_params = {
        query_param("town", "integer", "town id"), query_param("category", "string", "elder category code"),
        query_param("status", "string", "elder status code"),
        query_param("q", "string", "as GET /api/v1/elders (a whole phone or ID number is an audited lookup)")};
    const json call_params = {
        query_param("period", "string", "started in: 2026-10, 2026-Q4 or 2026 (default: all)"),
        query_param("from", "string", "started on or after this day: 2026-12-01"),
        query_param("to", "string", "started on or before this day: 2026-12-04"),
        query_param("direction", "string", "inbound | outbound"),
        query_param("disposition", "string", "answered | no_answer | busy | abandoned | failed"),
        query_param("agent", "string", "the seat's agent id, exact"),
        query_param("number", "string", "as GET /api/v1/calls (masked roles: a whole number, audited)"),
        query_param("sort", "string", "started_at | duration | talk | agent | disposition | direction, '-' prefix = descending")};
    const json kb_params = {query_param("q", "string", "any substring"), query_param("kind", "string", "kind code")};
    const json watch_params = {query_param("town", "integer", "town id"), query_param("provider", "integer", "provider id")};
    const json kpi_params = {query_param("period", "string", "2026-10, 2026-Q4 or 2026; default the current month"),
                             query_param("town", "integer", "town id"), query_param("provider", "integer", "provider id")};
    json record_params = kpi_params;
    record_params.insert(record_params.begin(), json{{"name", "code"}, {"in", "path"}, {"required", true},
                                                     {"schema", {{"type", "string"}}},
                                                     {"description", "indicator code, e.g. response_rate"}});
    record_params.push_back(query_param("side", "string", "numerator | denominator | failures (default numerator)"));

    for (const Format format : {Format::Xlsx, Format::Html}) {
        const std::string ext = format == Format::Xlsx ? ".xlsx" : ".html";
        const std::string what = format == Format::Xlsx ? "XLSX export" : "Printable A4 page";

        r.add(for_format(format, {"GET", "/api/v1/export/orders" + ext, what + " of the work-order list (GET /api/v1/orders filters)",
               "export", needs(Permission::ReadOrders, "as GET /api/v1/orders"), export_params(order_params), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto page = list_orders(ctx, req, user, true);
            auto& db = ctx.db.reader();
            wire::NameById towns;
            for (const auto& t : store::all_towns(db)) towns[t.id] = t.name;
            auto table = wire::orders_table(page.items, towns, store::provider_names(db));
            FilterText f{db, req, {}};
            f.code("status", "状态", &parse_OrderStatus);
            f.code("type", "类型", &parse_OrderType);
            f.code("channel", "渠道", &parse_Channel);
            f.town();
            f.provider();
            f.text("elder", "服务对象编号");
            f.period("受理时间");
            {
                const auto from = req.get_param_value("from"), to = req.get_param_value("to");
                if (!from.empty() || !to.empty()) {
                    f.out.emplace_back("受理日期", (from.empty() ? std::string("不限") : from) + " 至 " +
                                                       (to.empty() ? std::string("不限") : to));
                }
            }
            if (auto o = req.get_param_value("overdue"); !o.empty()) {
                f.out.emplace_back("逾期", o == "true" || o == "1" ? "只看逾期" : "只看未逾期");
            }
            if (user.user.role == Role::Town) table.note = "仅本镇街的工单";
            if (user.user.role == Role::Provider) table.note = "仅派给本服务商的工单";
            reply_table(ctx, req, res, user, std::move(table), std::move(f.out), format);
        });

        r.add(for_format(format, {"GET", "/api/v1/export/elders" + ext, what + " of the elder list (GET /api/v1/elders filters, masked by role)",
               "export", needs(Permission::ReadElders, "as GET /api/v1/elders"), export_params(elder_params), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto page = list_elders(ctx, req, user, true);
            auto& db = ctx.db.reader();
            wire::NameById towns;
            for (const auto& t : store::all_towns(db)) towns[t.id] = t.name;
            auto table = wire::elders_table(page.page.items, towns);
            if (page.masked) table.note = "身份证号、手机号已按当前角色脱敏";
            FilterText f{db, req, {}};
            f.town();
            f.code("category", "类别", &parse_ElderCategory);
            f.code("status", "状态", &parse_ElderStatus);
            // A number searched for is not repeated in the file: the lookup itself is in the audit log.
            if (auto q = req.get_param_value("q"); !q.empty()) {
                const bool digits = q.find_first_of("0123456789") != std::string::npos;
                f.out.emplace_back("查找", digits ? std::string("按号码查找") : q);
            }
            reply_table(ctx, req, res, user, std::move(table), std::move(f.out), format);
        });

        r.add(for_format(format, {"GET", "/api/v1/export/calls" + ext, what + " of the call records (outside numbers masked by role)",
               "export", needs(Permission::ReadCalls, "as GET /api/v1/calls"), export_params(call_params), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto page = list_calls(ctx, req, user, true);
            auto table = wire::calls_table(page.page.items);
            if (page.masked) table.note = "外部号码已按当前角色脱敏";
            FilterText f{ctx.db.reader(), req, {}};
            f.period("呼叫时间");
            {
                const auto from = req.get_param_value("from"), to = req.get_param_value("to");
                if (!from.empty() || !to.empty()) {
                    f.out.emplace_back("呼叫日期", (from.empty() ? std::string("不限") : from) + " 至 " +
                                                       (to.empty() ? std::string("不限") : to));
                }
            }
            if (auto d = req.get_param_value("direction"); !d.empty()) {
                f.out.emplace_back("方向", d == "inbound" ? "呼入" : "呼出");
            }
            if (auto d = req.get_param_value("disposition"); !d.empty()) {
                for (auto v : {CallDisposition::Answered, CallDisposition::NoAnswer, CallDisposition::Busy,
                               CallDisposition::Abandoned, CallDisposition::Failed}) {
                    if (d == code(v)) f.out.emplace_back("结果", label_zh(v));
                }
            }
            f.text("agent", "坐席");
            // A number searched for is not repeated in the file (a masked role's lookup is in the audit log).
            if (!req.get_param_value("number").empty()) f.out.emplace_back("查找", "按号码查找");
            reply_table(ctx, req, res, user, std::move(table), std::move(f.out), format);
        });

        r.add(for_format(format, {"GET", "/api/v1/export/knowledge" + ext, what + " of a knowledge-base search", "export",
               needs(Permission::ReadKnowledge), export_params(kb_params), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            auto table = wire::knowledge_table(list_knowledge(ctx, req, true));
            FilterText f{ctx.db.reader(), req, {}};
            f.text("q", "查找");
            f.code("kind", "类别", &parse_KbKind);
            reply_table(ctx, req, res, user, std::move(table), std::move(f.out), format);
        });

        r.add(for_format(format, {"GET", "/api/v1/export/watch" + ext, what + " of the watch list (督办)", "export",
               needs(Permission::ReadWatch, "as GET /api/v1/watch"), sort_params(watch_params), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto reply = list_watch(ctx, req, user, true);
            auto table = wire::watch_table(reply);
            table.note = "时钟计算于 " + reply.as_of;
            FilterText f{ctx.db.reader(), req, {}};
            f.town();
            f.provider();
            reply_table(ctx, req, res, user, std::move(table), std::move(f.out), format);
        });

        r.add(for_format(format, {"GET", "/api/v1/export/kpis" + ext, what + " of the indicators of a period and scope", "export",
               needs(Permission::ReadKpis, "as GET /api/v1/kpis"), kpi_params, "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto reply = list_kpis(ctx, req, user);
            auto table = wire::kpis_table(reply);
            std::vector<std::pair<std::string, std::string>> filters = {{"统计期", reply.period.label}};
            if (reply.scope.town_name) filters.emplace_back("镇街", *reply.scope.town_name);
            if (reply.scope.provider_name) filters.emplace_back("服务商", *reply.scope.provider_name);
            if (!reply.scope.town_name && !reply.scope.provider_name) filters.emplace_back("范围", "全市");
            table.note = "指标目标版本 " + reply.targets_version;
            reply_table(ctx, req, res, user, std::move(table), std::move(filters), format);
        });

        r.add(for_format(format, {"GET", "/api/v1/export/kpis/{code}/records" + ext,
               what + " of an indicator's drill-down (numerator, denominator or failures)", "export",
               needs(Permission::ReadKpis, "as GET /api/v1/kpis/{code}/records"), sort_params(record_params), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const std::string code = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
            const auto reply = list_kpi_records(ctx, req, user, code, true);
            auto table = wire::kpi_records_table(reply);
            std::vector<std::pair<std::string, std::string>> filters = {{"统计期", reply.period.label}};
            if (reply.scope.town_name) filters.emplace_back("镇街", *reply.scope.town_name);
            if (reply.scope.provider_name) filters.emplace_back("服务商", *reply.scope.provider_name);
            if (!reply.scope.town_name && !reply.scope.provider_name) filters.emplace_back("范围", "全市");
            reply_table(ctx, req, res, user, std::move(table), std::move(filters), format);
        });

        // visits: the hall's day list (接待名单) for the desk, as the board of GET /api/v1/visits reads it.
        r.add(for_format(format, {"GET", "/api/v1/export/visits" + ext,
               what + " of the exhibition hall's day list (接待名单: groups and open-day registrations of ?from=&to=)",
               "export", needs(Permission::ReadVisits, "as GET /api/v1/visits: contacts in full for manage_visits"),
               {query_param("from", "string", "YYYY-MM-DD (default today)"),
                query_param("to", "string", "YYYY-MM-DD (default from + 13 days)")}, "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto board = visit_board(ctx, req, user);
            std::vector<wire::OpenDayDetail> days;
            for (const auto& d : board.open_days) days.push_back(open_day_detail(ctx, d.id, user));
            auto table = wire::visits_day_table(board, days);
            check_export_rows(Paging{1, static_cast<int>(kExportRowLimit), true}, static_cast<std::int64_t>(table.rows.size()));
            reply_table(ctx, req, res, user, std::move(table),
                        {{"日期", board.from == board.to ? board.from : board.from + " 至 " + board.to}}, format);
        });

        // issue 13: the month's activity records (工作台账), as GET /api/v1/activities lists them.
        r.add(for_format(format, {"GET", "/api/v1/export/activities" + ext,
               what + " of the activity records of a month (GET /api/v1/activities filters)", "export",
               needs(Permission::ReadActivities),
               {query_param("month", "string", "YYYY-MM (default this month)"), query_param("kind", "string", "activity kind code"),
                query_param("status", "string", "entered | approved | returned")}, "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto list = list_activities(ctx, req, user);
            auto table = wire::activities_table(list);
            check_export_rows(Paging{1, static_cast<int>(kExportRowLimit), true}, static_cast<std::int64_t>(table.rows.size()));
            std::vector<std::pair<std::string, std::string>> filters = {{"月份", list.month}};
            if (const auto k = req.get_param_value("kind"); !k.empty()) {
                for (const auto& kind : list.kinds)
                    if (kind.code == k) filters.emplace_back("类别", kind.name_zh);
            }
            if (const auto st = activity::parse_status(req.get_param_value("status")))
                filters.emplace_back("状态", activity::label_zh(*st));
            reply_table(ctx, req, res, user, std::move(table), std::move(filters), format);
        });

        // issue 13, providers: the provider supervision list (服务商监管), as GET /api/v1/provider-supervision.
        r.add(for_format(format, {"GET", "/api/v1/export/provider-supervision" + ext,
               what + " of the provider supervision list (last evaluation, status, key information missing)", "export",
               needs(Permission::ReadProviderSupervision), json::array(), "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto list = provider_supervision_list(ctx);
            auto table = wire::provider_supervision_table(list);
            check_export_rows(Paging{1, static_cast<int>(kExportRowLimit), true}, static_cast<std::int64_t>(table.rows.size()));
            reply_table(ctx, req, res, user, std::move(table), {{"检查日期", list.as_of}}, format);
        });

        // inspections (issue 13): the monthly inspection-rate table (巡检率汇总表), as GET /api/v1/inspections/rate.
        r.add(for_format(format, {"GET", "/api/v1/export/inspection-rate" + ext,
               what + " of the monthly inspection-rate table (巡检率汇总表 of ?month=YYYY-MM)", "export",
               needs(Permission::ReadInspections), {query_param("month", "string", "YYYY-MM (default this month)")}, "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto reply = inspection_rate(ctx, req);
            auto table = wire::inspection_rate_table(reply);
            reply_table(ctx, req, res, user, std::move(table),
                        {{"月份", reply.month_label}, {"全市巡检率", reply.rate.text}, {"规则版本", reply.rule_version}},
                        format);
        });

        // map: the service map's towns (服务地图), as the screen's table; counts as suppressed for the public.
        r.add(for_format(format, {"GET", "/api/v1/export/coverage" + ext,
               what + " of the service map's towns (GET /api/v1/coverage)", "export", needs(Permission::ReadCoverage),
               {query_param("category", "string", "a category of the service_circle rule"),
                query_param("town", "integer", "town id")}, "", ""}),
              [&ctx, format](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
            const auto cached = coverage_reply(ctx, query_text(req, "category", 40), query_int(req, "town", 1, 1'000'000'000));
            const auto reply = cached->value.get<wire::CoverageReply>();
            auto table = wire::coverage_table(reply);
            reply_table(ctx, req, res, user, std::move(table),
                        {{"服务类别", reply.name_zh}, {"全市覆盖率", reply.rate.text}, {"规则版本", reply.rule_version}},
                        format);
        });
    }
}

}  // namespace yiyang::http
