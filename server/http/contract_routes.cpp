// The service contracts, their payments and the provider's year (issue 11 "The year"):
//   GET  /api/v1/contracts?provider_id=&year=       the contracts with their payment schedule
//   POST /api/v1/contracts                          register a contract (provider × project × contract year)
//   POST /api/v1/contracts/{id}/payments            record a payment (advance / balance), refused beyond what is due
//   GET  /api/v1/assessment/year?provider_id=&year= the annual evaluation from the signed assessment months
// Admins and supervisors write; the leader reads; a provider reads its own (the provider_id is forced to its own).
// The schedule is computed by shared settlement::contract_schedule from the stored payments and the year's final
// result (wire::assessment_year_view); every write is one transaction with its audit event.
#include <map>
#include <utility>

#include "app/contracts.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/assessment.hpp"
#include "store/contracts.hpp"
#include "store/reference.hpp"
#include "yiyang/access.hpp"
#include "yiyang/wire/contracts.hpp"

namespace yiyang::http {

namespace {

// The provider a request may read: a provider user its own (another provider_id is 403); the others the one asked.
std::optional<Id> readable_provider(const httplib::Request& req, const AuthUser& user, bool required) {
    const auto asked = query_int(req, "provider_id", 1, 1'000'000'000);
    if (user.user.role == Role::Provider) {
        if (!user.user.provider_id) fail(403, "forbidden", "当前账号未关联服务机构，无法查看合同与年度考核");
        if (asked && *asked != *user.user.provider_id)
            fail(403, "forbidden", "服务机构账号只能查看本机构的合同与年度考核");
        return *user.user.provider_id;
    }
    if (!asked && required) fail_bad_query("provider_id", "必须填写（服务机构编号）", "");
    if (asked) return static_cast<Id>(*asked);
    return std::nullopt;
}

wire::AssessmentYearView year_or_fail(SQLite::Database& db, app::AppContext& ctx, Id provider, std::int64_t year) {
    try {
        return app::year_view(db, ctx.rules(), provider, year, date_of(ctx.now()));
    } catch (const app::RuleMissing& e) {
        fail(409, "rule_missing", e.what());
    }
}

wire::ContractView view_or_fail(const store::ContractRow& c, const std::vector<store::ContractPaymentRow>& payments,
                                const wire::AssessmentYearView& year, app::AppContext& ctx) {
    try {
        return app::contract_view(c, payments, year, ctx.rules(), date_of(ctx.now()));
    } catch (const app::RuleMissing& e) {
        fail(409, "rule_missing", e.what());
    }
}

std::string who(const AuthUser& user) { return user.user.username; }

}  // namespace

void register_contract_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/contracts",
           "Service contracts (per provider × care project × contract year) with their payments and the payment "
           "schedule (advance due 10 workdays after signing, balance after the final assessment passes, withheld on "
           "不合格); provider_id and year filter (a provider: its own only)",
           "contracts", needs(Permission::ReadContracts, "provider: own contracts"),
           {query_param("provider_id", "integer", "服务机构编号"), query_param("year", "integer", "合同年度")}, "",
           "ContractList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto provider = readable_provider(req, user, false);
        const auto year = query_int(req, "year", 2000, 2100);
        auto& db = ctx.db.reader();
        wire::ContractList out;
        std::map<std::pair<Id, std::int64_t>, wire::AssessmentYearView> years;
        for (const auto& c : store::list_contracts(db, provider, year)) {
            auto it = years.find({c.provider_id, c.year});
            if (it == years.end())
                it = years.emplace(std::make_pair(c.provider_id, c.year), year_or_fail(db, ctx, c.provider_id, c.year)).first;
            out.items.push_back(view_or_fail(c, store::contract_payments(db, c.id), it->second, ctx));
        }
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/contracts",
           "Register a service contract of a provider for a care project and contract year (signed_on, period, total "
           "in fen); 409 when the provider already has one for the project and year or the number is taken",
           "contracts", needs(Permission::WriteContracts), json::array(), "ContractCreateRequest", "ContractView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        wire::ContractCreateRequest ask;
        if (auto errors = wire::contract_request_from_json(body, ask); !errors.empty()) fail_validation(std::move(errors));
        const auto now = ctx.now();
        store::ContractRow row;
        row.provider_id = ask.provider_id;
        row.project_code = ask.project_code;
        row.year = ask.year;
        row.contract_no = ask.contract_no;
        row.signed_on = ask.signed_on;
        row.period_from = ask.period_from;
        row.period_to = ask.period_to;
        row.total_fen = ask.total_fen;
        row.note = ask.note;
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            std::vector<FieldError> errors;
            if (!store::provider_exists(db, row.provider_id))
                errors.push_back({"provider_id", "unknown", "服务机构（provider_id）" + std::to_string(row.provider_id) + " 不存在"});
            if (!store::project_name(db, row.project_code))
                errors.push_back({"project_code", "unknown", "服务项目（project_code）“" + shown_text(row.project_code) + "”不存在"});
            if (!errors.empty()) fail_validation(std::move(errors));
            if (store::contract_no_taken(db, row.contract_no))
                fail(409, "conflict", "合同编号“" + shown_text(row.contract_no) + "”已被使用",
                     {{"contract_no", "taken", "合同编号已被使用"}});
            if (store::contract_exists(db, row.provider_id, row.project_code, row.year))
                fail(409, "conflict", "该服务机构在 " + std::to_string(row.year) + " 年度的该服务项目已有合同",
                     {{"project_code", "exists", "该服务机构在 " + std::to_string(row.year) + " 年度的该服务项目已有合同"}});
            // The schedule must be computable (the signing day not in the future, a contract rule in force).
            auto check = settlement::contract_schedule(app::contract_input(row, {}, {}), ctx.rules(), date_of(now));
            if (!check.ok()) fail_validation(std::move(check.errors));
            id = store::insert_contract(db, row, who(user), user.user.id, now);
            store::append_audit(db, {0, now, user.user.id, who(user), "contract", id, "create",
                                     {{"provider_id", row.provider_id}, {"project_code", row.project_code},
                                      {"year", row.year}, {"contract_no", row.contract_no},
                                      {"signed_on", row.signed_on}, {"period", row.period_from + "/" + row.period_to},
                                      {"total_fen", row.total_fen}},
                                     row.note});
        });
        auto& db = ctx.db.reader();
        const auto c = store::find_contract(db, id);
        if (!c) fail_not_found("合同");
        reply_json(res, 201, json(view_or_fail(*c, {}, year_or_fail(db, ctx, c->provider_id, c->year), ctx)));
    });

    r.add({"POST", "/api/v1/contracts/{id}/payments",
           "Record a payment of a contract (kind advance | balance, paid_on, amount in fen, note): refused above what "
           "the installment still owes, a balance before the final assessment passed or when it failed (withheld)",
           "contracts", needs(Permission::WriteContracts), json::array(), "PaymentRequest",
           "ContractView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        wire::PaymentRequest ask;
        if (auto errors = wire::payment_request_from_json(body, ask); !errors.empty()) fail_validation(std::move(errors));
        const auto now = ctx.now();
        const Date today = date_of(now);
        ctx.db.write([&](SQLite::Database& db) {
            const auto c = store::find_contract(db, id);
            if (!c) fail_not_found("合同");
            const auto year = year_or_fail(db, ctx, c->provider_id, c->year);
            auto payments = store::contract_payments(db, id);
            auto before = settlement::contract_schedule(app::contract_input(*c, payments, year), ctx.rules(), today);
            if (!before.ok()) fail_validation(std::move(before.errors));
            const settlement::Installment& target = ask.kind == "advance" ? before.schedule->advance : before.schedule->balance;
            if (ask.kind == "balance" && target.status == settlement::InstallmentStatus::Withheld)
                fail(409, "balance_withheld", "终期考核不合格（" + std::string(year.result ? year.result->grade_name_zh : "") +
                                                  "）：尾款不予支付，合同解除");
            if (ask.kind == "balance" && !target.due_on)
                fail(409, "not_due", "终期考核尚未完成：尾款在终期考核合格后支付（" + year.note_zh + "）");
            if (ask.amount_fen > target.outstanding_fen)
                fail(422, "validation_failed",
                     target.label_zh + "尚欠 " + format_yuan(target.outstanding_fen) + " 元，本次付款 " +
                         format_yuan(ask.amount_fen) + " 元超过应付余额",
                     {{"amount_fen", "above_outstanding", "付款金额超过" + target.label_zh + "的应付余额"}});
            store::ContractPaymentRow p{0, id, ask.kind, ask.paid_on, ask.amount_fen, ask.note, who(user), user.user.id, now};
            payments.push_back(p);
            auto after = settlement::contract_schedule(app::contract_input(*c, payments, year), ctx.rules(), today);
            if (!after.ok()) fail_validation(std::move(after.errors));
            if (after.schedule->overpaid_fen > 0)
                fail(422, "validation_failed", "付款合计超过合同应付金额 " + format_yuan(after.schedule->overpaid_fen) + " 元",
                     {{"amount_fen", "overpaid", "付款合计超过合同应付金额"}});
            p.id = store::insert_contract_payment(db, p);
            store::append_audit(db, {0, now, user.user.id, who(user), "contract_payment", p.id, "record",
                                     {{"contract_id", id}, {"contract_no", c->contract_no}, {"kind", ask.kind},
                                      {"paid_on", ask.paid_on}, {"amount_fen", ask.amount_fen},
                                      {"outstanding_fen", {target.outstanding_fen, target.outstanding_fen - ask.amount_fen}},
                                      {"paid_total_fen", {before.schedule->paid_total_fen, after.schedule->paid_total_fen}}},
                                     ask.note});
        });
        auto& db = ctx.db.reader();
        const auto c = store::find_contract(db, id);
        if (!c) fail_not_found("合同");
        reply_json(res, 201, json(view_or_fail(*c, store::contract_payments(db, id),
                                               year_or_fail(db, ctx, c->provider_id, c->year), ctx)));
    });

    r.add({"GET", "/api/v1/assessment/year",
           "The provider's annual evaluation: per project the year from its signed assessment months (departments' "
           "mean × 90 % + leader reviews' mean × 10 %), the lowest project's grade and consequence, the months "
           "missing or unsigned; final when every month is signed (a provider: its own only)",
           "contracts", needs(Permission::ReadContracts, "provider: own year"),
           {query_param("provider_id", "integer", "服务机构编号（服务机构账号可省略）"), query_param("year", "integer", "年度")},
           "", "AssessmentYearView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id provider = *readable_provider(req, user, true);
        const std::int64_t year = query_int(req, "year", 2000, 2100).value_or(date_of(ctx.now()).year);
        auto& db = ctx.db.reader();
        if (!store::provider_exists(db, provider)) fail_not_found("服务机构");
        reply_json(res, 200, json(year_or_fail(db, ctx, provider, year)));
    });
}

}  // namespace yiyang::http
