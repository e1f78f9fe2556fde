// The quarterly verification report of a quarter (and town), computed from the imported lists: loads them
// (store/verification_lists), runs every figure of shared/verification and assembles the report's tables
// (verification/quarter_report) with the previous quarter beside when its lists are there.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/rule_kinds.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/sampling.hpp"
#include "yiyang/wire/verification_report.hpp"

namespace yiyang::app {

// What other parts of the verification produce and keep (supervisor decisions, confirmed name matches, the frozen
// sample draw, calls agents recorded in the dashboard). Empty = none yet: the report is computed without them.
struct QuarterReportExtras {
    std::map<std::string, verification::SupervisorDecision> decisions;   // physical: by record number
    std::set<std::string> confirmed_same_person;                         // deaths: ID numbers (any spelling)
    std::optional<verification::SampleDraw> frozen_draw;                 // sampling: the draw as it was made
    std::vector<CallbackRow> recorded_calls;                             // sampling: added to the imported callbacks
    // Deaths deducted this quarter: those of [from, to]. Default: shared verification::default_death_window.
    std::optional<Date> death_window_from, death_window_to;
    std::string recommendations_zh;                                      // "" = the default text
};

// The sample when no frozen draw is given: SHA-256 keys (sampling.hpp) with the seed "yiyang-" + quarter code
// ("yiyang-2024-Q1"), 5 % of the subscribers active on the last day of the quarter's second month (the Hanjiang
// frame is the February-end list), not stratified.
std::string default_sample_seed(const Period& quarter);
Date default_draw_date(const Period& quarter);

struct QuarterReportRequest {
    Period quarter;
    std::optional<Id> town;
    std::string town_name;
    std::array<VerificationFees, 3> fees;        // in force on each month's first day (http/quarter_fees)
    std::vector<std::string> fee_versions;
    VerificationReportRule report_rule;          // in force for the quarter (http/report_rule)
    VerificationEligibility eligibility;         // in force on the quarter's first day
};

// The kept decisions of the other parts: supervisors' decisions on flagged records and confirmed name matches
// (the frozen sample draw and recorded calls are not read yet: the report draws its own sample, see above).
QuarterReportExtras stored_extras(SQLite::Database& db);

// Every figure and the report. Calls, phone checks and survey answers are read from the quarter's first day to
// the next quarter's last (checks are made after the quarter ends); the survey answers are the callbacks of
// subjects served in the quarter who are not in the information-service sample.
wire::QuarterReport quarter_report(AppContext& ctx, SQLite::Database& db, const QuarterReportRequest& rq,
                                   const QuarterReportExtras& extras = {});

}  // namespace yiyang::app
