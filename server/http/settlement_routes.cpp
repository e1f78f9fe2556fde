// POST /api/v1/settlement/statements/preview (issue 11): a settlement statement computed from a posted input — a
// what-if, nothing stored, nothing audited (no record changes) — as JSON, an A4 PDF or XLSX. The rules in force on
// the month's first day; "today" (whether the month is over) from the server's clock.
#include "app/statement_files.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "yiyang/access.hpp"
#include "yiyang/minute_text.hpp"
#include "yiyang/settlement/statement.hpp"
#include "yiyang/wire/settlement.hpp"

namespace yiyang::http {

void register_settlement_routes(Router& r, app::AppContext& ctx) {
    // Supervisors and administrators: the roles that sign the verification (a permission of settlement's own
    // comes with the stored statements).
    r.add({"POST", "/api/v1/settlement/statements/preview",
           "Compute a month's settlement statement of one provider from the posted input (people served per tier, "
           "physical 人次, information person-months, payout_bp and grade, faked cases, deductions): lines, steps, "
           "payable; nothing stored. format=pdf|xlsx for the files. Invalid input: 422 validation_failed naming the field",
           "settlement", needs(Permission::SignVerification),
           {query_param("format", "string", "json (default) | pdf | xlsx")}, "StatementInput", "SettlementStatementView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string format = query_text(req, "format", 8);
        if (!format.empty() && format != "json" && format != "xlsx" && format != "pdf")
            fail_bad_query("format", "应为 json、pdf 或 xlsx", format);
        const json body = body_object(req);
        settlement::StatementInput input;
        if (auto errors = wire::statement_input_from_json(body, input); !errors.empty()) {
            fail_validation(std::move(errors));
        }
        const LocalSeconds now = ctx.now();
        const auto rules = settlement::statement_rules_on(ctx.rules(), input.month);
        auto outcome = settlement::settle_month(input, rules, date_of(now));
        if (!outcome.ok()) {
            fail_validation(std::move(outcome.errors));
        }
        const wire::SettlementStatementView view = wire::statement_view(*outcome.statement);
        if (format.empty() || format == "json") {
            reply_json(res, 200, json(view));
            return;
        }
        const std::string name = user.user.display_name.empty() ? user.user.username : user.user.display_name;
        app::StatementFileOptions options;
        options.exported_by = name + "（" + label_zh(user.user.role) + "）";
        options.generated_at = minute_text(format_timestamp(now));
        options.preview = true;
        const std::string base = view.provider_name + view.month_label_zh + "服务结算单（试算）";
        const std::string ascii = "settlement_statement_" + std::to_string(view.provider_id) + "_" + view.month + "." + format;
        res.status = 200;
        res.set_header("Content-Disposition", attachment_header(base + "." + format, ascii));
        if (format == "xlsx") {
            res.set_content(app::statement_xlsx_bytes(view, options),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        } else {
            res.set_content(app::statement_pdf_bytes(view, options), "application/pdf");
        }
    });
}

}  // namespace yiyang::http
