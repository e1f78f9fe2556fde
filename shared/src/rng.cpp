// SplitMix64 (Steele, Lea, Flood 2014; Vigna's public-domain splitmix64.c) and integer-only helpers, so
// that a seed gives the same synthetic city natively and in WebAssembly.
#include "yiyang/rng.hpp"

#include <limits>
#include <stdexcept>

namespace yiyang {

namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

}  // namespace

std::uint64_t Rng::next() {
    state_ += kGolden;
    return mix(state_);
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
    if (lo > hi) throw std::invalid_argument("Rng::between: lo > hi");
    // Width of the range minus one, in unsigned arithmetic (cannot overflow).
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    std::uint64_t offset = 0;
    if (span == std::numeric_limits<std::uint64_t>::max()) {
        offset = next();   // the whole 64-bit range: every value is equally likely already
    } else {
        const std::uint64_t range = span + 1;
        // 2^64 mod range: draws below it are rejected, so the rest is an exact multiple of range.
        const std::uint64_t threshold = (0 - range) % range;
        std::uint64_t x = next();
        while (x < threshold) x = next();
        offset = x % range;
    }
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + offset);   // modular, C++20
}

bool Rng::chance(std::int64_t num, std::int64_t den) {
    if (den <= 0) throw std::invalid_argument("Rng::chance: den must be positive");
    return between(0, den - 1) < num;   // always one draw, also for num <= 0 or num >= den
}

std::size_t Rng::weighted(const std::vector<std::int64_t>& weights) {
    std::int64_t total = 0;
    for (std::int64_t w : weights) {
        if (w < 0) throw std::invalid_argument("Rng::weighted: negative weight");
        if (w > std::numeric_limits<std::int64_t>::max() - total) throw std::overflow_error("Rng::weighted: weights too large");
        total += w;
    }
    if (total == 0) throw std::invalid_argument("Rng::weighted: weights are empty or all zero");
    std::int64_t pick = between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (pick < weights[i]) return i;
        pick -= weights[i];
    }
    return weights.size() - 1;   // unreachable: pick < total
}

Rng Rng::fork(std::uint64_t salt) const {
    // Mixing both the state and the salt keeps sub-streams of neighbouring salts unrelated.
    return Rng(mix(state_ ^ mix(salt + kGolden)));
}

}  // namespace yiyang
