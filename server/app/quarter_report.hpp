// The quarterly verification report of a quarter (and town): the figures of app/quarter_inputs (the same the
// verification routes show) assembled into the report's tables (verification/quarter_report) with the previous
// quarter beside when its lists are there.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/quarter_inputs.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/rule_kinds.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/sampling.hpp"
#include "yiyang/wire/verification_report.hpp"

namespace yiyang::app {

// The sample the tests of the former private draw used (SHA-256 keys with the seed "yiyang-" + quarter code, 5 % of
// the subscribers active on the last day of the quarter's second month): a suggestion for POST …/samples only —
// the report never draws; it reads the quarter's current frozen draw (app/quarter_inputs).
std::string default_sample_seed(const Period& quarter);
Date default_draw_date(const Period& quarter);

// The report of the quarter (and town) from the one computation of app/quarter_inputs: its figures equal the
// verification routes'. The previous quarter is beside when its fee rules were in force and it has data.
// recommendations_zh: "" = the default text.
wire::QuarterReport quarter_report(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                   const QuarterRules& rules, const std::string& recommendations_zh = {});

}  // namespace yiyang::app
