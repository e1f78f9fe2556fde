// The versioned callback-sampling rule (kind "verification_sampling", assets/rules/verification-sampling.json): the
// share of the active subscribers a quarter's callback sample takes (5/100 in the Hanjiang contract), an exact
// fraction so that n = ceil(rate × frame) has no floating point in it.
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "yiyang/ratio.hpp"
#include "yiyang/verification/common.hpp"

namespace yiyang::verification {

struct SamplingRule {
    std::string version;
    Ratio rate{5, 100};
};
// {"rate_num": 5, "rate_den": 100} (+ version, effective_from, comment); 0 < rate_num <= rate_den <= 1 000 000.
// Throws std::invalid_argument naming the field (字段 "rate_num" …) so the rules screen can point at it.
void from_json(const nlohmann::json& j, SamplingRule& r);
void to_json(nlohmann::json& j, const SamplingRule& r);

}  // namespace yiyang::verification
