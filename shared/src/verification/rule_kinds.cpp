// Parsing of the verification rule kinds (verification/rule_kinds.hpp): the registry's envelope (version,
// effective date, comment) around the shared rule bodies, unknown fields refused by name.
#include "yiyang/verification/rule_kinds.hpp"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>

#include "../rule_text.hpp"

namespace yiyang {

using rule_text::envelope;

void from_json(const nlohmann::json& j, VerificationEligibility& v) {
    VerificationEligibility out;
    out.version = envelope(j, "核查资格规则", {"qualifying_categories", "min_age"});
    out.rule = j.get<verification::EligibilityRule>();
    v = std::move(out);
}

void to_json(nlohmann::json& j, const VerificationEligibility& v) {
    j = nlohmann::json(v.rule);
    j["version"] = v.version;
}

void from_json(const nlohmann::json& j, VerificationReportRule& v) {
    VerificationReportRule out;
    out.version = envelope(j, "核查报告规则", {"rounding", "decimals"});
    out.rule = j.get<verification::ReportRule>();
    v = std::move(out);
}

void to_json(nlohmann::json& j, const VerificationReportRule& v) {
    j = nlohmann::json(v.rule);
    j["version"] = v.version;
}

}  // namespace yiyang
