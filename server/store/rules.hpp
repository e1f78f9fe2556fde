// Versioned rule sets in the `rules` table (kind, version, effective_from, body): seeded from assets/rules/
// at init, loaded at server start into the shared types, and picked by the date a figure is computed for.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>
#include <vector>
#include "yiyang/calendar.hpp"
#include "yiyang/dispatch.hpp"
#include "yiyang/kpi.hpp"   // KpiTargetSet
#include "yiyang/sla.hpp"

namespace yiyang::store {

struct DatedWeights {
    Date effective_from;
    DispatchWeights weights;
};

// Every loaded version of each kind ("calendar", "sla", "dispatch_weights").
struct RuleBook {
    std::vector<WorkCalendar> calendars;
    std::vector<SlaRuleSet> sla;
    std::vector<DatedWeights> dispatch;
    std::vector<KpiTargetSet> kpi_targets;   // kind "kpi_targets" (kpi-targets.json)
    // The version in force on `on`: the latest effective_from <= on; the earliest one when `on` precedes
    // them all (old demo data), and defaults only when the table holds none of that kind.
    const WorkCalendar& calendar_on(const Date& on) const;
    const SlaRuleSet& sla_on(const Date& on) const;
    const DispatchWeights& weights_on(const Date& on) const;
    const KpiTargetSet& kpi_targets_on(const Date& on) const;
};

// Inserts the rule files of `dir` (calendar-cn.json, sla-rules.json, dispatch-weights.json) as rows; a
// (kind, version) already present is left alone. Each body is checked by the shared parser first, so a
// broken file throws std::invalid_argument / std::runtime_error naming the file. Returns rows inserted.
int seed_rules(SQLite::Database& db, const std::string& dir, LocalSeconds now);
// All rows, parsed; a row that no longer parses throws naming kind and version.
RuleBook load_rules(SQLite::Database& db);

}  // namespace yiyang::store
