// The inputs of a provider's monthly settlement statement (结算单, issue 11) gathered from the data — what the shared
// formula (settlement::settle_month) is given. Where each figure comes from, and the choices made:
//   served per tier   the subjects with a service record (service_records) of the provider whose started_at is in the
//                     month, with their care-tier inputs of today's registry (disability and categories), counted by
//                     the shared settlement::count_served (settlement/served.hpp): each once, in the rule's billed
//                     tiers (探视巡访 is not billed per head: the unbilled count); the subject ids are the drill-down.
//   physical 人次      the provider's imported service records (list_service_records.provider_id) dated in the month
//                     that the quarter's verification counts as payable (app/quarter_inputs: flags and supervisors'
//                     decisions; counted by settlement::count_served against the bundle's payable keys) — a
//                     provider's share of 实体服务 is its own records; none when the quarter's rules are missing (a
//                     note says so).
//   information       not on a provider's statement: an information-service enrolment names no provider (the platform
//                     operator's service, settled on the quarter's verification report); a note says so.
//   grade             the provider's assessment months (assessment_months) of the month: every project it is
//                     contracted for (provider_projects) or was assessed in must be signed; the lowest project's
//                     payout_bp and grade (shared assessment::lowest_project on the exact totals; by payout_bp when a
//                     signed row carries no total).
//   faked             the people of the service_not_real item of those months' prefill, one case each (ref = the
//                     record / callback); only subjects billed this month in a tier (a subject not billed has no fee
//                     to remove: noted).
//   deductions        death: a billed subject who died (elders.death_date, or the cremation list's date) before the
//                     month began — billed after death: the tier's fee back; removal: a billed subject whose home_visit
//                     enrolment ended before the month began and who has none open in it; carried over: the previous
//                     month's signed statement's receivable (owed back).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "app/context.hpp"
#include "app/quarter_inputs.hpp"
#include "yiyang/period.hpp"
#include "yiyang/settlement/statement.hpp"

namespace yiyang::app {

struct StatementPerson {
    std::string name;       // full: the route masks
    std::string tier;       // care tier code or ""
};

struct GatheredStatement {
    settlement::StatementInput input;
    bool provider_found = false;
    // Empty when the assessment is ready; else why not (Chinese), with the projects not signed.
    std::string assessment_problem_zh;
    std::vector<std::string> unsigned_projects;    // project names (or codes) without a signed month
    std::vector<Id> assessment_month_ids;          // the signed months read
    std::map<Id, StatementPerson> people;          // everyone the lines name
    std::vector<std::string> notes_zh;
};

// The people of `ids` as today's registry knows them (full names: the route masks): a signed statement's stored
// figures keep only the ids, its drill-down names them from here. Ids not found are left out.
std::map<Id, StatementPerson> statement_people(SQLite::Database& db, const std::set<Id>& ids);

// How the subjects' registry rows are read: Auto — a lookup per subject for a few, each table whole for many (a
// month's 400 drafts); the other two force one way (the test that compares them).
enum class RegistryReads { Auto, RowByRow, Whole };

// Every provider of `provider_ids` at once (the month's list of drafts): each table read once for all of them, the
// quarter's verification bundle taken once. A provider that does not exist has provider_found false.
// `quarter_rules`: the verification rules of the month's quarter (none: no physical line). Reads on `db` only.
std::map<Id, GatheredStatement> gather_statement_inputs(AppContext& ctx, SQLite::Database& db,
                                                        const std::vector<Id>& provider_ids, const Period& month,
                                                        const SettlementFees& fees, const QuarterRules* quarter_rules,
                                                        RegistryReads reads = RegistryReads::Auto);

// One provider: gather_statement_inputs of one.
GatheredStatement gather_statement_input(AppContext& ctx, SQLite::Database& db, Id provider_id, const Period& month,
                                         const SettlementFees& fees, const QuarterRules* quarter_rules);

}  // namespace yiyang::app
