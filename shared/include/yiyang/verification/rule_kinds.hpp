// The quarterly verification's own rule kinds (issue 10) as versioned rule data in the registry: who is eligible
// for the information-service programme (kind verification_eligibility) and how the report cuts its percentages
// (kind verification_report). Each is the shared rule type plus the version it was published as.
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "yiyang/verification/common.hpp"
#include "yiyang/verification/new_subjects.hpp"

namespace yiyang {

struct VerificationEligibility {          // assets/rules/verification-eligibility.json
    std::string version;
    verification::EligibilityRule rule;
};
// Body: {"version", "effective_from", "comment", "qualifying_categories": [...], "min_age"}; an unknown field or a
// bad value throws std::invalid_argument naming it.
void from_json(const nlohmann::json& j, VerificationEligibility& v);
void to_json(nlohmann::json& j, const VerificationEligibility& v);

struct VerificationReportRule {           // assets/rules/verification-report.json
    std::string version;
    verification::ReportRule rule;
};
// Body: {"version", "effective_from", "comment", "rounding": "truncate" | "half_up", "decimals": 0..4}.
void from_json(const nlohmann::json& j, VerificationReportRule& v);
void to_json(nlohmann::json& j, const VerificationReportRule& v);

}  // namespace yiyang
