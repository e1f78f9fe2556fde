// A deterministic pseudo-random generator (SplitMix64) with integer-only helpers, so that the same seed
// gives the same city natively and in WebAssembly. No <random> distributions (their output differs
// between standard libraries).
#pragma once
#include <cstdint>
#include <vector>

namespace yiyang {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    // Uniform integer in [lo, hi] (inclusive), unbiased (rejection sampling).
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // True with probability num/den.
    bool chance(std::int64_t num, std::int64_t den);
    // Index chosen with integer weights (weights must not all be zero).
    std::size_t weighted(const std::vector<std::int64_t>& weights);
    // An independent generator for a named sub-stream (so adding records of one kind does not shift another).
    Rng fork(std::uint64_t salt) const;

private:
    std::uint64_t state_;
};

}  // namespace yiyang
