// The callback sample's key function and seed (issue 10): SHA-256 as lower-case hex (libsodium, the same
// implementation as the audit chain), a generated seed when the supervisor gives none, and the algorithm text
// stored with every draw so that anyone can redraw the list with sha256sum.
#pragma once
#include <string>
#include <string_view>

namespace yiyang::app {

std::string sha256_hex(std::string_view text);
// "2024Q1-" + 8 random hex digits.
std::string generated_seed(const std::string& quarter_compact);
// The algorithm as recorded with a draw (Chinese and the shell command; shared/verification/sampling.hpp).
std::string sample_algorithm_text(bool by_town);

}  // namespace yiyang::app
