// Tests for amounts in Chinese capitals (yiyang/money_words.hpp), hand-written from the cashiers' rules: the
// examples of the brief, zeros inside, at the end of and between groups, jiao / fen alone, 0, negatives, the limits.
#include <catch2/catch.hpp>

#include <limits>

#include "yiyang/money_words.hpp"

namespace test_money_words {

using namespace yiyang;

TEST_CASE("fen_in_capitals: the usual amounts", "[money_words]") {
    CHECK(fen_in_capitals(1234567) == "壹万贰仟叁佰肆拾伍元陆角柒分");
    CHECK(fen_in_capitals(1234500) == "壹万贰仟叁佰肆拾伍元整");
    CHECK(fen_in_capitals(10000) == "壹佰元整");
    CHECK(fen_in_capitals(100) == "壹元整");
    CHECK(fen_in_capitals(30000) == "叁佰元整");
    CHECK(fen_in_capitals(yuan(286860)) == "贰拾捌万陆仟捌佰陆拾元整");
    CHECK(fen_in_capitals(1000000) == "壹万元整");
    CHECK(fen_in_capitals(1000000000) == "壹仟万元整");
}

TEST_CASE("fen_in_capitals: zeros", "[money_words]") {
    CHECK(fen_in_capitals(0) == "零元整");
    CHECK(fen_in_capitals(100500) == "壹仟零伍元整");           // one 零 for two zeros
    CHECK(fen_in_capitals(100530) == "壹仟零伍元叁角");
    CHECK(fen_in_capitals(1005000) == "壹万零伍拾元整");        // the zero before the next group
    CHECK(fen_in_capitals(1000500) == "壹万零伍元整");
    CHECK(fen_in_capitals(1100000) == "壹万壹仟元整");
    CHECK(fen_in_capitals(10001000000) == "壹亿零壹万元整");     // 100 010 000 元
    CHECK(fen_in_capitals(10000000000) == "壹亿元整");
    CHECK(fen_in_capitals(12000000300) == "壹亿贰仟万零叁元整");
    CHECK(fen_in_capitals(105) == "壹元零伍分");               // no jiao: 零 before the fen
    CHECK(fen_in_capitals(150) == "壹元伍角");
    CHECK(fen_in_capitals(5) == "伍分");
    CHECK(fen_in_capitals(50) == "伍角");
    CHECK(fen_in_capitals(57) == "伍角柒分");
    CHECK(fen_in_capitals(1000007) == "壹万元零柒分");
}

TEST_CASE("fen_in_capitals: negative and the limits", "[money_words]") {
    CHECK(fen_in_capitals(-1234567) == "负壹万贰仟叁佰肆拾伍元陆角柒分");
    CHECK(fen_in_capitals(-5) == "负伍分");
    // 9 223 372 036 854 775 807 fen = 92 233 720 368 547 758.07 元
    CHECK(fen_in_capitals(std::numeric_limits<Fen>::max()) ==
          "玖亿亿贰仟贰佰叁拾叁万亿柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分");
    CHECK(fen_in_capitals(std::numeric_limits<Fen>::min()) ==
          "负玖亿亿贰仟贰佰叁拾叁万亿柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分");
}

}  // namespace test_money_words
