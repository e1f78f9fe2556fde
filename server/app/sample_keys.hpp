// The callback sample's seed and algorithm text (issue 10): a generated seed when the supervisor gives none, and the
// text stored with every draw so that anyone can redraw the list with sha256sum. The key function is
// app::sha256_hex (photos.hpp: libsodium, lower-case hex).
#pragma once
#include <string>
#include <string_view>

namespace yiyang::app {

// "2024Q1-" + 8 random hex digits.
std::string generated_seed(const std::string& quarter_compact);
// The algorithm as recorded with a draw (Chinese and the shell command; shared/verification/sampling.hpp).
std::string sample_algorithm_text(bool by_town);

}  // namespace yiyang::app
