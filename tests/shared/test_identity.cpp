// Tests for resident-ID and mobile checks and for masking (yiyang/identity.hpp): published GB 11643
// examples, one failure per part with its Chinese message, and UTF-8 aware masks.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "yiyang/identity.hpp"

namespace test_identity {

using namespace yiyang;

namespace {

const Date kToday{2026, 11, 23};

// ISO 7064 MOD 11-2 by its recursive definition (p = (p + digit) * 2 mod 11), deliberately not the weight
// table the code under test uses, so that a wrong weight there cannot hide in a test helper.
char mod11_2(const std::string& first17) {
    int p = 0;
    for (char c : first17) p = (p + (c - '0')) * 2 % 11;
    const int v = (12 - p) % 11;
    return v == 10 ? 'X' : static_cast<char>('0' + v);
}

std::string with_check(const std::string& first17) { return first17 + mod11_2(first17); }

}  // namespace

TEST_CASE("published GB 11643 examples", "[identity]") {
    // The example number of GB 11643-1999: Beijing Chaoyang, born 1949-12-31, female, check X.
    const IdCheck r = check_resident_id("11010519491231002X", kToday);
    CHECK(r.ok);
    CHECK(r.failed_part.empty());
    CHECK(r.area_code == "110105");
    CHECK(r.birth == Date{1949, 12, 31});
    CHECK(r.sex == Sex::Female);
    CHECK(resident_id_check_char("11010519491231002") == 'X');
    CHECK(check_resident_id("11010519491231002x", kToday).ok);   // lower-case x is accepted

    // The standard's other example (Guangdong Shantou, born 1880): the check digit 4 is right, but the
    // platform refuses births before 1900.
    CHECK(resident_id_check_char("44052418800101001") == '4');
    const IdCheck old = check_resident_id("440524188001010014", kToday);
    CHECK_FALSE(old.ok);
    CHECK(old.failed_part == "birth_date");
    CHECK(old.message_zh == "身份证号出生日期无效：18800101 早于1900年1月1日");
}

TEST_CASE("check characters agree with the recursive MOD 11-2 definition", "[identity]") {
    for (const char* first17 : {"11010519491231002", "44052418800101001", "11010119460101123", "32010219800229456",
                                "65010219991231987", "81000019550505001", "00000000000000000", "99999999999999999"}) {
        CAPTURE(first17);
        CHECK(resident_id_check_char(first17) == mod11_2(first17));
    }
    CHECK_THROWS_AS(resident_id_check_char("1101051949123100"), std::invalid_argument);
    CHECK_THROWS_AS(resident_id_check_char("1101051949123100A"), std::invalid_argument);
}

TEST_CASE("valid numbers: sex from the 17th digit, leap-day births, today's births", "[identity]") {
    const IdCheck man = check_resident_id(with_check("32010219800229451"), kToday);
    CHECK(man.ok);
    CHECK(man.sex == Sex::Male);
    CHECK(man.birth == Date{1980, 2, 29});
    CHECK(check_resident_id(with_check("32010220000229462"), kToday).sex == Sex::Female);
    CHECK(check_resident_id(with_check("11010119000101123"), kToday).ok);   // earliest accepted birth
    CHECK(check_resident_id(with_check("11010120261123001"), kToday).ok);   // born today
    CHECK(check_resident_id(with_check("71000019500101001"), kToday).ok);   // 台湾
    CHECK(check_resident_id(with_check("81000019500101001"), kToday).ok);   // 香港
    CHECK(check_resident_id(with_check("82000019500101001"), kToday).ok);   // 澳门
}

TEST_CASE("length and characters", "[identity]") {
    IdCheck r = check_resident_id("11010519491231002", kToday);
    CHECK(r.failed_part == "length");
    CHECK(r.message_zh == "身份证号长度应为18位，实际为17位");
    r = check_resident_id("110105491231002", kToday);   // old 15-digit number
    CHECK(r.failed_part == "length");
    CHECK(r.message_zh == "身份证号长度应为18位，实际为15位");
    CHECK(check_resident_id("", kToday).message_zh == "身份证号长度应为18位，实际为0位");
    CHECK(check_resident_id("11010519491231002X ", kToday).failed_part == "length");

    r = check_resident_id("1101051949123100２X", kToday);   // full-width digit: 18 characters, not ASCII
    CHECK(r.failed_part == "characters");
    CHECK(r.message_zh == "身份证号第17位字符“２”无效：前17位只能是数字");
    r = check_resident_id("11010519491231002Ｘ", kToday);
    CHECK(r.failed_part == "characters");
    CHECK(r.message_zh == "身份证号第18位字符“Ｘ”无效：第18位只能是数字或X");
    CHECK(check_resident_id("110105194912310X2X", kToday).failed_part == "characters");
    CHECK(check_resident_id("11010519491231002Y", kToday).failed_part == "characters");
    CHECK(check_resident_id("-1010519491231002X", kToday).failed_part == "characters");
}

TEST_CASE("area code", "[identity]") {
    IdCheck r = check_resident_id(with_check("01010519491231002"), kToday);
    CHECK(r.failed_part == "area");
    CHECK(r.message_zh == "身份证号地区码无效：010105，首位应为1至8");
    CHECK(check_resident_id(with_check("91010519491231002"), kToday).failed_part == "area");
    r = check_resident_id(with_check("19010519491231002"), kToday);
    CHECK(r.failed_part == "area");
    CHECK(r.message_zh == "身份证号地区码无效：190105，省级代码19不存在");
    for (const char* bad : {"16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70", "72", "80", "84"}) {
        CAPTURE(bad);
        CHECK(check_resident_id(with_check(std::string(bad) + "010519491231002"), kToday).failed_part == "area");
    }
    for (const char* good : {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65"}) {
        CAPTURE(good);
        CHECK(check_resident_id(with_check(std::string(good) + "010519491231002"), kToday).ok);
    }
}

TEST_CASE("birth date", "[identity]") {
    IdCheck r = check_resident_id(with_check("11010119900230123"), kToday);
    CHECK(r.failed_part == "birth_date");
    CHECK(r.message_zh == "身份证号出生日期无效：19900230 不是真实日期");
    CHECK(check_resident_id(with_check("11010119000229123"), kToday).failed_part == "birth_date");   // 1900 not leap
    CHECK(check_resident_id(with_check("11010119901301123"), kToday).failed_part == "birth_date");
    CHECK(check_resident_id(with_check("11010119900100123"), kToday).failed_part == "birth_date");
    CHECK(check_resident_id(with_check("11010118991231123"), kToday).failed_part == "birth_date");

    r = check_resident_id(with_check("11010120261124123"), kToday);
    CHECK(r.failed_part == "birth_future");
    CHECK(r.message_zh == "身份证号出生日期无效：20261124 晚于今天（2026年11月23日）");
    CHECK(check_resident_id(with_check("11010130000101123"), kToday).failed_part == "birth_future");
}

TEST_CASE("sequence and checksum", "[identity]") {
    IdCheck r = check_resident_id(with_check("11010519491231000"), kToday);
    CHECK(r.failed_part == "sequence");
    CHECK(r.message_zh == "身份证号顺序码无效：000 不是有效的顺序码");

    r = check_resident_id("110105194912310023", kToday);
    CHECK_FALSE(r.ok);
    CHECK(r.failed_part == "checksum");
    CHECK(r.message_zh == "身份证号校验位错误：应为 X，实际为 3");
    r = check_resident_id("44052419800101001X", kToday);
    CHECK(r.failed_part == "checksum");
    CHECK(r.message_zh == std::string("身份证号校验位错误：应为 ") + mod11_2("44052419800101001") + "，实际为 X");
    // Every wrong check character is caught.
    const std::string first17 = "11010119460101123";
    for (char c : std::string("0123456789X")) {
        CAPTURE(c);
        CHECK(check_resident_id(first17 + c, kToday).ok == (c == mod11_2(first17)));
    }
    // A single mistyped digit is caught.
    std::string typo = "11010519491231002X";
    typo[9] = '5';
    CHECK(check_resident_id(typo, kToday).failed_part == "checksum");
}

TEST_CASE("mainland mobile numbers", "[identity]") {
    CHECK(check_mobile("13812345678").ok);
    CHECK(check_mobile("19912345678").ok);
    CHECK(check_mobile("13812345678").message_zh.empty());
    PhoneCheck r = check_mobile("1381234567");
    CHECK_FALSE(r.ok);
    CHECK(r.message_zh == "手机号长度应为11位，实际为10位");
    CHECK(check_mobile("138123456789").message_zh == "手机号长度应为11位，实际为12位");
    r = check_mobile("12812345678");
    CHECK_FALSE(r.ok);
    CHECK(r.message_zh == "手机号号段无效：12，应以13至19开头");
    CHECK_FALSE(check_mobile("10012345678").ok);
    CHECK_FALSE(check_mobile("23812345678").ok);
    r = check_mobile("138-1234-5678");
    CHECK_FALSE(r.ok);
    CHECK(r.message_zh == "手机号第4位字符“-”无效：只能是数字");
    CHECK_FALSE(check_mobile("138 1234 5678").ok);
    CHECK_FALSE(check_mobile("+8613812345678").ok);
    CHECK(check_mobile("１3812345678").message_zh == "手机号第1位字符“１”无效：只能是数字");
    CHECK(check_mobile("").message_zh == "手机号不能为空");
    CHECK(check_resident_id("11010519491231002\xFF", kToday).failed_part == "characters");
}

TEST_CASE("masking for display", "[identity]") {
    // Region and the last two (sex digit, check digit); why not the last four: identity.cpp.
    CHECK(mask_resident_id("110101194601011234") == "110101**********34");
    CHECK(mask_resident_id("11010519491231002X") == "110105**********2X");
    CHECK(mask_resident_id("110105491231002") == "11***********02");   // wrong length: keep 2 + 2
    CHECK(mask_resident_id("12345") == "12*45");
    CHECK(mask_resident_id("1234") == "****");
    CHECK(mask_resident_id("") == "");

    CHECK(mask_phone("13812345678") == "138****5678");
    CHECK(mask_phone("0760-88885252") == "076******5252");
    CHECK(mask_phone("12345") == "1***5");
    CHECK(mask_phone("12") == "**");

    CHECK(mask_name("张") == "*");
    CHECK(mask_name("张三") == "张*");
    CHECK(mask_name("张三丰") == "张*丰");
    CHECK(mask_name("欧阳修锋") == "欧**锋");
    CHECK(mask_name("阿依古丽·买买提") == "阿******提");
    CHECK(mask_name("Li Lei") == "L****i");
    CHECK(mask_name("") == "");

    CHECK(mask_address("广东省中山市石岐区民生路1号") == "广东省中山市****");
    CHECK(mask_address("中山市石岐区") == "中山市石岐区****");
    CHECK(mask_address("石岐区") == "石岐区****");
    CHECK(mask_address("Room 1201, Block A") == "Room 1****");
    CHECK(mask_address("") == "");
    // Malformed UTF-8 does not crash, is never cut mid-character, and comes out as valid UTF-8 (U+FFFD).
    CHECK(mask_name(std::string("\xE5\xBC", 2)) == "\xEF\xBF\xBD*");
    CHECK(mask_address("\xC0\xAF\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD****");
    CHECK(mask_name("\xF0\x9F\x98\x80\xE5\xBC\xA0") == "\xF0\x9F\x98\x80*");   // 4-byte character kept whole
}

}  // namespace test_identity
