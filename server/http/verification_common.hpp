// What every verification route (核查, issue 10) reads the same way: the quarter and town of a request (a town user
// is held to its own town), and the fee rule in force in each month of the quarter — refused, naming the missing
// rule, when a month has none (rules are data: there is no built-in fee).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/quarter_inputs.hpp"
#include "http/common.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/period.hpp"
#include "yiyang/verification/rule_kinds.hpp"

namespace yiyang::http {

class Router;

struct QuarterScope {
    Period quarter;
    std::optional<Id> town;      // none = the whole district
    std::string town_name;
};
// quarter= (required: 2024Q1 or 2024-Q1) and town= (optional; a town user's own town, forced).
QuarterScope read_quarter_scope(const httplib::Request& req, const AuthUser& user, SQLite::Database& db);

struct MonthFees {
    Period month;
    VerificationFees fees;       // the version in force on the month's first day
};
struct QuarterFees {
    std::vector<MonthFees> months;           // the quarter's three months in order
    std::vector<std::string> versions;       // deduplicated, in month order
};
// Fails 409 rule_missing ("2024年1月没有生效的核查收费规则（verification_fees）…") when a month has no version.
QuarterFees quarter_fees(app::AppContext& ctx, const Period& quarter);

// The report rule (kind verification_report: how percentages are cut) in force on the quarter's last day, the day
// the report is written; 409 rule_missing naming it when none.
const VerificationReportRule& report_rule(app::AppContext& ctx, const Period& quarter);
// The eligibility rule of new subjects (kind verification_eligibility) in force on the quarter's first day; 409
// rule_missing naming it when none.
const VerificationEligibility& eligibility_rule(app::AppContext& ctx, const Period& quarter);

// Every rule the quarter's computation needs (app/quarter_inputs): fees (first: a missing fee rule is the 409 a
// caller sees first), the report rule and the eligibility rule — each 409 rule_missing as above.
// ReportOnly (the callback figures, which no fee or eligibility changes): a month without a fee rule counts 0 and
// a missing eligibility rule the default one — only the report rule is required.
enum class RulesNeeded { All, ReportOnly };
app::QuarterRules quarter_rules(app::AppContext& ctx, const Period& quarter, RulesNeeded need = RulesNeeded::All);
// The scope of app/quarter_inputs for a request's quarter and town (the default death window).
app::QuarterScope app_scope(const QuarterScope& scope);
// The quarter's inputs and figures (cached by data version): what every verification GET reads.
std::shared_ptr<const app::QuarterBundle> quarter_of_request(app::AppContext& ctx, SQLite::Database& db,
                                                             const QuarterScope& scope,
                                                             RulesNeeded need = RulesNeeded::All);

// GET /api/v1/verification/callbacks/people (http/verification_callback_people_routes.cpp): registered with the
// callback routes (register_verification_sampling_routes).
void register_verification_callback_people_routes(Router& r, app::AppContext& ctx);

}  // namespace yiyang::http
