// GET /api/v1/verification/report (issue 10): the quarterly verification report (核查报告) of a quarter (and town) —
// every table of the seed's report with drill codes — as JSON, XLSX or an A4 PDF. File exports are audited.
#include <array>

#include "app/quarter_report.hpp"
#include "app/report_pdf.hpp"
#include "app/report_xlsx.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/verification_common.hpp"
#include "store/audit.hpp"
#include "yiyang/access.hpp"
#include "yiyang/wire/verification_report.hpp"

namespace yiyang::http {

void register_verification_report_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/verification/report",
           "The quarterly verification report: the tables 实体服务数量, 实体服务质量, 信息化服务数量, 新增服务对象核查, "
           "死亡服务对象核查, 回访 with drill codes and the previous quarter beside; format=xlsx|pdf for the files "
           "(audited exports)",
           "verification", needs(Permission::ReadVerification, "town: own town"),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("town", "integer", "a town's id (town users: their own, forced)"),
            query_param("format", "string", "json (default) | xlsx | pdf")},
           "", "QuarterReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const QuarterScope scope = read_quarter_scope(req, user, db);
        const std::string format = query_text(req, "format", 8);
        if (!format.empty() && format != "json" && format != "xlsx" && format != "pdf")
            fail_bad_query("format", "应为 json、xlsx 或 pdf", format);
        const wire::QuarterReport rep =
            app::quarter_report(ctx, db, app_scope(scope), quarter_rules(ctx, scope.quarter));

        if (format.empty() || format == "json") {
            reply_json(res, 200, json(rep));
            return;
        }
        const auto now = ctx.now();
        const json details = {{"table", "verification_report"}, {"format", format}, {"quarter", rep.quarter},
                              {"town", scope.town ? json(*scope.town) : json(nullptr)}};
        ctx.db.write([&](SQLite::Database& w) {
            store::append_audit(w, {0, now, user.user.id, user.user.username, "export", std::nullopt, "export", details, ""});
        }, store::Database::Touches::SessionsOnly);
        const std::string base = rep.quarter_label_zh + (scope.town ? scope.town_name : std::string()) + "核查报告";
        const std::string ascii = "verification_report_" + rep.quarter + "." + format;
        res.status = 200;
        res.set_header("Content-Disposition", attachment_header(base + "." + format, ascii));
        if (format == "xlsx") {
            res.set_content(app::report_xlsx_bytes(rep, role_user(user)),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        } else {
            res.set_content(app::report_pdf_bytes(rep, {"", role_user(user), {}}), "application/pdf");
        }
    });
}

}  // namespace yiyang::http
