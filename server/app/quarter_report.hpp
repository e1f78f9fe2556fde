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

// A draw's defaults (shared verification/sampling.hpp, the same in the dashboard): a suggestion for POST …/samples
// only — the report never draws; it reads the quarter's current frozen draw (app/quarter_inputs).
using verification::default_draw_date;
using verification::default_sample_seed;

// The report of the quarter (and town) from the one computation of app/quarter_inputs: its figures equal the
// verification routes'. The previous quarter is beside when its fee rules were in force and it has data.
// recommendations_zh: "" = the default text.
wire::QuarterReport quarter_report(AppContext& ctx, SQLite::Database& db, const QuarterScope& scope,
                                   const QuarterRules& rules, const std::string& recommendations_zh = {});

}  // namespace yiyang::app
