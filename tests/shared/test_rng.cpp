// Tests for the deterministic generator (yiyang/rng.hpp): published SplitMix64 outputs, golden draws that
// must be identical natively and in WebAssembly, bounds, rejection against modulo bias, weights and forks.
#include <catch2/catch.hpp>

#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

#include "yiyang/rng.hpp"

namespace test_rng {

using namespace yiyang;

TEST_CASE("SplitMix64 reference outputs", "[rng]") {
    // Seed 1234567: the published sequence (Rosetta Code, "Pseudo-random numbers/Splitmix64").
    Rng r(1234567);
    CHECK(r.next() == 6457827717110365317ULL);
    CHECK(r.next() == 3203168211198807973ULL);
    CHECK(r.next() == 9817491932198370423ULL);
    CHECK(r.next() == 4593380528125082431ULL);
    CHECK(r.next() == 16408922859458223821ULL);
    // Seed 0 (Vigna's splitmix64.c with x = 0).
    Rng z(0);
    CHECK(z.next() == 0xE220A8397B1DCDAFULL);
    CHECK(z.next() == 0x6E789E6AA1B965F4ULL);
    CHECK(z.next() == 0x06C45D188009454FULL);
}

TEST_CASE("golden draws (identical on every platform)", "[rng]") {
    // Computed with an independent Python implementation of SplitMix64 + rejection sampling.
    Rng dice(42);
    std::vector<std::int64_t> rolls;
    for (int i = 0; i < 12; ++i) rolls.push_back(dice.between(1, 6));
    CHECK(rolls == std::vector<std::int64_t>{2, 2, 1, 1, 5, 1, 2, 3, 2, 3, 6, 5});
    Rng s(20261123);
    std::vector<std::int64_t> values;
    for (int i = 0; i < 6; ++i) values.push_back(s.between(-1000, 1000));
    CHECK(values == std::vector<std::int64_t>{-545, -155, -769, 639, -49, -852});
}

TEST_CASE("between stays in bounds and reaches every value", "[rng]") {
    Rng r(7);
    std::map<std::int64_t, int> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::int64_t v = r.between(-3, 3);
        REQUIRE(v >= -3);
        REQUIRE(v <= 3);
        ++seen[v];
    }
    CHECK(seen.size() == 7);
    for (const auto& [value, count] : seen) {
        CAPTURE(value);
        CHECK(count > 200);   // about 286 each
        CHECK(count < 380);
    }
    CHECK(r.between(5, 5) == 5);
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    bool negative = false, positive = false;
    for (int i = 0; i < 64; ++i) {
        const std::int64_t v = r.between(lo, hi);
        negative = negative || v < 0;
        positive = positive || v > 0;
    }
    CHECK(negative);
    CHECK(positive);
    CHECK(r.between(hi - 1, hi) >= hi - 1);
    CHECK(r.between(lo, lo + 1) <= lo + 1);
    CHECK_THROWS_AS(r.between(2, 1), std::invalid_argument);
}

TEST_CASE("between is unbiased where plain modulo would not be", "[rng]") {
    // Range 3 * 2^62: x % range maps [0, 2^62) twice, so plain modulo would put half of the draws in the
    // lowest third instead of one third.
    const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    const std::int64_t third = std::int64_t{1} << 62;
    const std::int64_t hi = lo + third + third + (third - 1);   // range of exactly 3 * 2^62 values
    Rng r(99);
    int low = 0;
    const int n = 6000;
    for (int i = 0; i < n; ++i) {
        const std::int64_t v = r.between(lo, hi);
        REQUIRE(v <= hi);
        if (v < lo + third) ++low;
    }
    CHECK(low > n * 30 / 100);   // expected 2000 (33.3 %); biased modulo would give about 3000 (50 %)
    CHECK(low < n * 37 / 100);
}

TEST_CASE("chance", "[rng]") {
    Rng r(11);
    int hits = 0;
    for (int i = 0; i < 4000; ++i) hits += r.chance(1, 4) ? 1 : 0;
    CHECK(hits > 900);
    CHECK(hits < 1100);
    for (int i = 0; i < 100; ++i) {
        CHECK_FALSE(r.chance(0, 7));
        CHECK(r.chance(7, 7));
    }
    CHECK_THROWS_AS(r.chance(1, 0), std::invalid_argument);
}

TEST_CASE("weighted picks by integer weight", "[rng]") {
    Rng r(5);
    std::vector<int> counts(4, 0);
    const std::vector<std::int64_t> weights{1, 0, 3, 0};
    for (int i = 0; i < 4000; ++i) ++counts[r.weighted(weights)];
    CHECK(counts[1] == 0);
    CHECK(counts[3] == 0);
    CHECK(counts[0] > 900);
    CHECK(counts[0] < 1100);
    CHECK(counts[2] == 4000 - counts[0]);
    CHECK(r.weighted({0, 0, 5}) == 2);
    CHECK_THROWS_AS((r.weighted({})), std::invalid_argument);
    CHECK_THROWS_AS((r.weighted({0, 0})), std::invalid_argument);
    CHECK_THROWS_AS((r.weighted({2, -1})), std::invalid_argument);
    CHECK_THROWS_AS((r.weighted({std::numeric_limits<std::int64_t>::max(), 1})), std::overflow_error);
}

TEST_CASE("fork gives independent, reproducible sub-streams", "[rng]") {
    Rng parent(2026);
    Rng a1 = parent.fork(1);
    Rng a2 = parent.fork(1);
    Rng b = parent.fork(2);
    const std::uint64_t a1_first = a1.next();
    CHECK(a1_first == a2.next());   // same salt, same state: same stream
    CHECK(a1_first != b.next());    // another salt: another stream

    // Forking does not advance the parent.
    Rng fresh(2026);
    CHECK(parent.next() == fresh.next());

    // Drawing more from one sub-stream does not shift another (the demo city's reason for forks).
    Rng city1(77), city2(77);
    Rng elders1 = city1.fork(100);
    Rng elders2 = city2.fork(100);
    Rng providers2 = city2.fork(200);
    for (int i = 0; i < 10; ++i) (void)providers2.next();
    for (int i = 0; i < 10; ++i) CHECK(elders1.next() == elders2.next());

    // A fork is not the parent's own stream.
    Rng p(3), q(3);
    Rng child = p.fork(0);
    CHECK(child.next() != q.next());
}

}  // namespace test_rng
