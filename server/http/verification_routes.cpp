// GET /api/v1/verification/info-service (issue 10): the quarter's information-service figures (信息化服务数量 of the
// verification report) counted by shared/info_service_fees from the info_service enrolments, with the unit fee of
// the verification_fees rule in force each month, and the drill-down to the people behind one count.
#include <array>

#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/verification_common.hpp"
#include "store/elders.hpp"
#include "store/reference.hpp"
#include "store/verification.hpp"
#include "yiyang/access.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/wire/verification.hpp"

namespace yiyang::http {

void register_verification_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/verification/info-service",
           "The quarter's information-service subscribers per month (原有, 新增, 拆机核减, 合计) and fees; with month= "
           "and count= the people behind one figure (masked as the role sees elders)",
           "verification", needs(Permission::ReadVerification, "town: own town"),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("town", "integer", "a town's id (town users: their own, forced)"),
            query_param("month", "string", "drill-down: a month of the quarter, 2024-01 (none: the quarter's 合计, "
                                                         "each month's people in turn)"),
            query_param("count", "string", "drill-down: at_start | added | removed | total"),
            query_param("page", "integer", "drill-down page (from 1)"),
            query_param("page_size", "integer", "drill-down page size (1..200, default 20)")},
           "", "InfoServiceReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const QuarterScope scope = read_quarter_scope(req, user, db);
        const auto quarter = &scope.quarter;
        const auto month_text = query_text(req, "month", 20);
        const auto count = query_enum(req, "count", &info_service_count_from_code);
        std::optional<Period> month;
        if (!month_text.empty()) {
            month = parse_period(month_text);
            if (!month || month->kind != PeriodKind::Month || !quarter->contains(month->first_day())) {
                fail_bad_query("month", "应为该季度内的月份，如 " + format_date(quarter->first_day()).substr(0, 7),
                               month_text);
            }
        }
        if (month && !count)
            fail_bad_query("count", "按月下钻需要同时给出 count（at_start、added、removed 或 total）", "");
        const Paging paging = read_paging(req, false);

        wire::InfoServiceReport rep;
        rep.quarter = quarter->code();
        rep.quarter_label_zh = quarter->label_zh();
        rep.town_id = scope.town;
        rep.town_name = scope.town_name;
        // The quarter's one computation (app/quarter_inputs, cached): the report's figures.
        const auto bundle = quarter_of_request(ctx, db, scope);
        const auto& rows = bundle->inputs.info_rows;
        std::vector<Subscription> spans;
        spans.reserve(rows.size());
        for (const auto& s : rows) spans.push_back(s.span);
        rep.rule_versions = bundle->inputs.rules.fee_versions;
        const auto& q = bundle->computed.info;
        for (const auto& m : q.months) {
            rep.months.push_back({m.month.code(), m.month.label_zh(), m.at_start, m.added, m.removed, m.total,
                                  m.unit_fee_fen, m.fee_fen});
        }
        rep.at_start = q.at_start;
        rep.added = q.added;
        rep.removed = q.removed;
        rep.person_months = q.person_months;
        rep.fee_fen = q.fee_fen;

        const auto policy = elder_policy(user.user.role);
        rep.masked = !policy.full_name || !policy.full_id_number || !policy.full_phone;
        if (count) {
            // One month's people; without month= the quarter's 合计 (a sum of the months: person-months), so each
            // month's list in turn — a person in every month is listed three times, as the figure counts it.
            if (month) rep.drill_month = month->code();
            rep.drill_count = code(*count);
            std::vector<Subscription> members;
            for (const auto& m : q.months) {
                if (month && !(m.month == *month)) continue;
                auto part = info_service_members(spans, m.month, *count);
                members.insert(members.end(), part.begin(), part.end());
            }
            rep.people_total = static_cast<std::int64_t>(members.size());
            const Date today = date_of(ctx.now());
            const std::size_t begin = static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
            for (std::size_t i = begin; i < members.size() && i < begin + static_cast<std::size_t>(paging.page_size); ++i) {
                const auto& s = members[i];
                const auto elder = store::get_elder(db, s.elder_id);
                if (!elder) continue;
                const Elder seen = redact_elder(*elder, policy, today);
                wire::InfoServicePerson p;
                p.elder_id = seen.id;
                p.name = seen.name;
                p.id_number = seen.id_number;
                p.phone = seen.phone;
                p.town_id = seen.town_id;
                p.from = format_date(s.from);
                if (s.to) p.to = format_date(*s.to);
                for (const auto& row : rows) {
                    if (row.span.elder_id == s.elder_id && row.span.from == s.from) { p.reason = row.reason; break; }
                }
                rep.people.push_back(std::move(p));
            }
        }
        reply_json(res, 200, json(rep));
    });
}

}  // namespace yiyang::http
