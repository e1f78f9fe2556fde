// Tests for exact rates (yiyang/ratio.hpp): Hanjiang percentages, half-up rounding at exactly .5,
// exact comparison near target thresholds, and undefined ratios.
#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>

#include "yiyang/ratio.hpp"

namespace test_ratio {

using namespace yiyang;

TEST_CASE("Hanjiang and dashboard percentages", "[ratio]") {
    CHECK(Ratio{51, 75}.percent_text() == "68.00%");      // new-subject usage rate
    CHECK(Ratio{295, 5892}.percent_text() == "5.01%");    // callback sample share
    CHECK(Ratio{188, 203}.percent_text() == "92.61%");
    CHECK(Ratio{51, 75}.percent_scaled(2) == 6800);
    CHECK(Ratio{295, 5892}.percent_scaled(2) == 501);
    CHECK(Ratio{1, 1}.percent_text() == "100.00%");
    CHECK(Ratio{0, 75}.percent_text() == "0.00%");
}

TEST_CASE("percent_text with other precisions", "[ratio]") {
    CHECK(Ratio{188, 203}.percent_text(0) == "93%");
    CHECK(Ratio{188, 203}.percent_text(1) == "92.6%");
    CHECK(Ratio{188, 203}.percent_text(4) == "92.6108%");
    CHECK(Ratio{1, 3}.percent_text(3) == "33.333%");
    CHECK(Ratio{2, 3}.percent_text(3) == "66.667%");
    CHECK(Ratio{1, 10000}.percent_text(2) == "0.01%");
    CHECK(Ratio{1, 100000}.percent_text(2) == "0.00%");    // 0.001 % rounds down
    CHECK(Ratio{3, 2}.percent_text() == "150.00%");
    CHECK(Ratio{-1, 3}.percent_text() == "-33.33%");
    CHECK(Ratio{1, -8}.percent_text(1) == "-12.5%");
    CHECK(Ratio{-1, 400}.percent_text() == "-0.25%");
}

TEST_CASE("rounding is half-up, once, at exactly .5", "[ratio]") {
    // 1/8 = 12.5 %: exactly half at 0 decimals.
    CHECK(Ratio{1, 8}.percent_text(0) == "13%");
    CHECK(Ratio{1, 8}.percent_scaled(0) == 13);
    // 1/16 = 6.25 %: exactly half at 1 decimal.
    CHECK(Ratio{1, 16}.percent_text(1) == "6.3%");
    // 1/800 = 0.125 %: half at 2 decimals. Rounding 0.125 twice (to 0.13 then ...) would be a different bug;
    // rounding from a double would see 0.12499999... here.
    CHECK(Ratio{1, 800}.percent_text(2) == "0.13%");
    // 0.1249... must not become 0.13 by double rounding through 3 decimals.
    CHECK(Ratio{1249, 1000000}.percent_text(2) == "0.12%");
    CHECK(Ratio{-1, 8}.percent_text(0) == "-13%");      // away from zero for negatives

    CHECK(round_half_up(5, 2) == 3);
    CHECK(round_half_up(7, 2) == 4);
    CHECK(round_half_up(4, 3) == 1);
    CHECK(round_half_up(5, 3) == 2);
    CHECK(round_half_up(-5, 2) == -3);
    CHECK(round_half_up(-4, 3) == -1);
    CHECK(round_half_up(-5, 3) == -2);
    CHECK(round_half_up(0, 7) == 0);
    CHECK(round_half_up(10, 5) == 2);
    CHECK(round_half_up(5, -2) == -3);
    CHECK(round_half_up(std::numeric_limits<std::int64_t>::max(), 2) == std::int64_t{4611686018427387904});
    CHECK(round_half_up(std::numeric_limits<std::int64_t>::min(), 1) == std::numeric_limits<std::int64_t>::min());
    CHECK_THROWS_AS(round_half_up(1, 0), std::domain_error);
    CHECK_THROWS_AS(round_half_up(std::numeric_limits<std::int64_t>::min(), -1), std::overflow_error);
}

TEST_CASE("exact comparison against targets", "[ratio]") {
    // 95 % target: 19/20 meets it exactly, 94999/100000 does not.
    const Ratio target{95, 100};
    CHECK(Ratio{19, 20} == target);
    CHECK(Ratio{19, 20} >= target);
    CHECK(Ratio{94999, 100000} < target);
    CHECK(Ratio{95001, 100000} > target);
    // Both show "95.00%" but compare correctly.
    CHECK(Ratio{949999, 1000000}.percent_text() == "95.00%");
    CHECK(Ratio{949999, 1000000} < target);

    CHECK(Ratio{1, 2} == Ratio{2, 4});
    CHECK(Ratio{1, 3} < Ratio{334, 1000});
    CHECK(Ratio{-1, 2} < Ratio{0, 5});
    CHECK(Ratio{1, -2} == Ratio{-1, 2});
    CHECK(Ratio{-1, -2} == Ratio{1, 2});

    // Products beyond 64 bits.
    constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max();
    CHECK(Ratio{big - 1, big} < Ratio{big, big});
    CHECK(Ratio{big, big - 1} > Ratio{1, 1});
    CHECK(Ratio{std::numeric_limits<std::int64_t>::min(), big} < Ratio{-1, 1});
}

TEST_CASE("undefined ratios: no data is not zero", "[ratio]") {
    const Ratio none{0, 0};
    CHECK_FALSE(none.defined());
    CHECK(Ratio{5, 0}.defined() == false);
    CHECK(none.percent_text() == "\xE2\x80\x94");   // "—"
    CHECK(none < Ratio{0, 1});
    CHECK(none < Ratio{-5, 1});
    CHECK(Ratio{0, 1} > none);
    CHECK(none == Ratio{7, 0});
    CHECK(none != Ratio{0, 1});
    CHECK_THROWS_AS(none.percent_scaled(2), std::domain_error);
    CHECK_THROWS_AS((Ratio{1, 2}.percent_scaled(-1)), std::invalid_argument);
    CHECK_THROWS_AS((Ratio{1, 2}.percent_scaled(10)), std::invalid_argument);
}

}  // namespace test_ratio
