// The monthly assessment's prefill (考核 预填, issue 11): for one provider × project × month, what the records say
// for each scorecard item whose source is not manual, with the people behind each count. The per-item formulas
// are in shared/src/assessment/ (one definition); this file reads the rows they need.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "yiyang/assessment/prefill.hpp"
#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/period.hpp"
#include "yiyang/wire/assessment_prefill.hpp"

namespace yiyang::app {

// `rule` is the scorecard version in force on the month's first day. Names in `people` are full; the route masks.
wire::AssessmentPrefill assessment_prefill(SQLite::Database& db, Id provider_id, const std::string& project_code,
                                           const Period& month, const assessment::ScorecardRule& rule);
// Every provider × project of provider_projects (none assigned: every provider in home_visit and visiting) for the
// month, from one pass over the month's rows (the bench's and a month's batch: the single call above reads the same
// rows restricted to its provider, and both go through the one shared prefill_all).
std::map<std::pair<Id, std::string>, wire::AssessmentPrefill> assessment_prefill_all(SQLite::Database& db, const Period& month,
                                                                                   const assessment::ScorecardRule& rule);
// The candidates of "evidence reused across months" (assessment/prefill.hpp) the prefill reads: each list record of
// the month with a provider (`only`: that provider's) whose mark (store/evidence_reuse.hpp) names an earliest record
// dated before the month's first day, with that record. decided_valid is left false (the prefill sets it).
std::vector<assessment::PrefillReusedEvidence> reused_evidence_candidates(SQLite::Database& db, const Period& month,
                                                                          std::optional<Id> only);

}  // namespace yiyang::app
