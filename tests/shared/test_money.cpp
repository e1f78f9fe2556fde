// Tests for integer-fen money (yiyang/money.hpp): the Hanjiang fee figures, strict parsing, negative
// amounts, separators and the int64 limits.
#include <catch2/catch.hpp>

#include <limits>

#include "yiyang/money.hpp"

namespace test_money {

using namespace yiyang;

TEST_CASE("Hanjiang physical-service fees in fen", "[money]") {
    const Fen unit = yuan(30);
    CHECK(unit == 3000);
    CHECK(3456 * unit == yuan(103680));
    CHECK(format_yuan(3456 * unit) == "103,680.00");
    CHECK(format_yuan((3456 + 2347 + 3759) * unit) == "286,860.00");   // 9 562 人次 in the quarter
    CHECK(format_yuan(5926 * yuan(20)) == "118,520.00");                 // information service, January
    CHECK(format_yuan(17700 * yuan(20), false) == "354000.00");
}

TEST_CASE("parse_yuan accepts plain amounts", "[money]") {
    CHECK(parse_yuan("286860.00") == 28686000);
    CHECK(parse_yuan("12") == 1200);
    CHECK(parse_yuan("12.3") == 1230);
    CHECK(parse_yuan("12.30") == 1230);
    CHECK(parse_yuan("12.05") == 1205);
    CHECK(parse_yuan("0.01") == 1);
    CHECK(parse_yuan("0") == 0);
    CHECK(parse_yuan("-0") == 0);
    CHECK(parse_yuan("-12.5") == -1250);
    CHECK(parse_yuan("-0.05") == -5);
    CHECK(parse_yuan("007") == 700);
}

TEST_CASE("parse_yuan accepts well-placed thousands separators only", "[money]") {
    CHECK(parse_yuan("286,860.00") == 28686000);
    CHECK(parse_yuan("1,234,567.89") == 123456789);
    CHECK(parse_yuan("-1,000") == -100000);
    CHECK(parse_yuan("999,999") == 99999900);
    CHECK_FALSE(parse_yuan("1,23"));
    CHECK_FALSE(parse_yuan("12,3456"));
    CHECK_FALSE(parse_yuan("1234,567"));
    CHECK_FALSE(parse_yuan(",123"));
    CHECK_FALSE(parse_yuan("1,,234"));
    CHECK_FALSE(parse_yuan("1,234,"));
    CHECK_FALSE(parse_yuan("1,234.5,6"));
}

TEST_CASE("parse_yuan rejects malformed text", "[money]") {
    CHECK_FALSE(parse_yuan(""));
    CHECK_FALSE(parse_yuan("-"));
    CHECK_FALSE(parse_yuan("."));
    CHECK_FALSE(parse_yuan("12."));
    CHECK_FALSE(parse_yuan(".5"));
    CHECK_FALSE(parse_yuan("12.345"));    // more than two decimals: refuse rather than round
    CHECK_FALSE(parse_yuan("12.3.4"));
    CHECK_FALSE(parse_yuan("+12"));
    CHECK_FALSE(parse_yuan("--12"));
    CHECK_FALSE(parse_yuan(" 12"));
    CHECK_FALSE(parse_yuan("12 "));
    CHECK_FALSE(parse_yuan("12元"));
    CHECK_FALSE(parse_yuan("¥12"));
    CHECK_FALSE(parse_yuan("1e3"));
    CHECK_FALSE(parse_yuan("12.-5"));
    CHECK_FALSE(parse_yuan("１２"));     // full-width digits
}

TEST_CASE("parse_yuan guards the int64 range", "[money]") {
    constexpr Fen max = std::numeric_limits<Fen>::max();
    constexpr Fen min = std::numeric_limits<Fen>::min();
    CHECK(parse_yuan("92233720368547758.07") == max);
    CHECK_FALSE(parse_yuan("92233720368547758.08"));
    CHECK_FALSE(parse_yuan("92233720368547759"));
    CHECK_FALSE(parse_yuan("99999999999999999999999"));
    CHECK(parse_yuan("-92233720368547758.08") == min);
    CHECK_FALSE(parse_yuan("-92233720368547758.09"));
}

TEST_CASE("format_yuan", "[money]") {
    CHECK(format_yuan(0) == "0.00");
    CHECK(format_yuan(5) == "0.05");
    CHECK(format_yuan(-5) == "-0.05");
    CHECK(format_yuan(100) == "1.00");
    CHECK(format_yuan(99999) == "999.99");
    CHECK(format_yuan(100000) == "1,000.00");
    CHECK(format_yuan(-123456789) == "-1,234,567.89");
    CHECK(format_yuan(-123456789, false) == "-1234567.89");
    CHECK(format_yuan(std::numeric_limits<Fen>::max()) == "92,233,720,368,547,758.07");
    CHECK(format_yuan(std::numeric_limits<Fen>::min()) == "-92,233,720,368,547,758.08");
}

TEST_CASE("format_yuan and parse_yuan round-trip", "[money]") {
    for (Fen f : {Fen{0}, Fen{1}, Fen{-1}, Fen{10}, Fen{1205}, Fen{-99999}, Fen{100000}, Fen{28686000},
                  Fen{-123456789}, std::numeric_limits<Fen>::max(), std::numeric_limits<Fen>::min()}) {
        CHECK(parse_yuan(format_yuan(f)) == f);
        CHECK(parse_yuan(format_yuan(f, false)) == f);
    }
}

}  // namespace test_money
