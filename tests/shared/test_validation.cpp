// Tests for elder validation (yiyang/validation.hpp): each rule with its field, code and Chinese message,
// derived birth date and sex, and JSON bodies with unknown keys, wrong types and unknown codes.
#include <catch2/catch.hpp>

#include <string>

#include "yiyang/identity.hpp"
#include "yiyang/validation.hpp"

namespace test_validation {

using namespace yiyang;
using nlohmann::json;

namespace {

const Date kToday{2026, 11, 23};
const std::set<Id> kTowns{1, 2, 3};

std::string valid_id(const std::string& first17) { return first17 + resident_id_check_char(first17); }

// 1948-03-15, sequence 002 (even: female): 78 years old on kToday.
const std::string kId = valid_id("44200019480315002");

Elder valid_elder() {
    Elder e;
    e.name = "陈好";
    e.id_number = kId;
    e.phone = "13800138000";
    e.town_id = 1;
    e.community = "悦来社区";
    e.address = "中山市石岐街道悦来社区民生路12号";
    e.categories = {ElderCategory::EmptyNest};
    return e;
}

std::vector<FieldError> errors_of(Elder e) { return validate_elder(e, kTowns, kToday); }

// The one error on `field` (fails when there is none or more than one there).
FieldError only_error(const std::vector<FieldError>& errors, const std::string& field) {
    std::vector<FieldError> on;
    for (const auto& e : errors) {
        if (e.field == field) on.push_back(e);
    }
    INFO("errors on " << field << ": " << json(errors).dump());
    REQUIRE(on.size() == 1);
    return on.front();
}

}  // namespace

TEST_CASE("a valid elder passes and gets birth date and sex from the ID", "[validation]") {
    Elder e = valid_elder();
    e.birth_date = Date{2000, 1, 1};   // whatever was sent is overwritten
    e.sex = "male";
    const auto errors = validate_elder(e, kTowns, kToday);
    INFO(json(errors).dump());
    CHECK(errors.empty());
    CHECK(e.birth_date == Date{1948, 3, 15});
    CHECK(e.sex == "female");

    Elder m = valid_elder();
    m.id_number = valid_id("44200019600101001");   // odd sequence: male
    m.phone.clear();                               // no phone is fine
    m.community.clear();
    CHECK(validate_elder(m, kTowns, kToday).empty());
    CHECK(m.sex == "male");
    CHECK(m.birth_date == Date{1960, 1, 1});

    Elder lower = valid_elder();
    lower.id_number = valid_id("44200019500101038");
    REQUIRE(lower.id_number.back() == 'X');
    lower.id_number.back() = 'x';
    CHECK(validate_elder(lower, kTowns, kToday).empty());
    CHECK(lower.id_number.back() == 'X');   // stored in the canonical form
}

TEST_CASE("name: required, 2..20 characters, no digits", "[validation]") {
    Elder e = valid_elder();
    e.name = "";
    FieldError err = only_error(errors_of(e), "name");
    CHECK(err.code == "required");
    CHECK(err.message_zh == "姓名不能为空");

    e.name = "   ";
    CHECK(only_error(errors_of(e), "name").code == "required");

    e.name = "陈";
    err = only_error(errors_of(e), "name");
    CHECK(err.code == "too_short");
    CHECK_THAT(err.message_zh, Catch::Contains("至少2个字"));

    e.name = "陈二";
    CHECK(errors_of(e).empty());
    e.name = "买买提·艾力";   // minority names with the middle dot are names
    CHECK(errors_of(e).empty());
    e.name = "欧阳一二三四五六七八九十一二三四五六七八";   // 20 characters (UTF-8: 60 bytes)
    CHECK(errors_of(e).empty());
    e.name += "九";
    err = only_error(errors_of(e), "name");
    CHECK(err.code == "too_long");
    CHECK_THAT(err.message_zh, Catch::Contains("不能超过20个字") && Catch::Contains("21"));

    e.name = "陈好2";
    err = only_error(errors_of(e), "name");
    CHECK(err.code == "format");
    CHECK_THAT(err.message_zh, Catch::Contains("数字"));
    e.name = "陈好３";   // full-width digit
    CHECK(only_error(errors_of(e), "name").code == "format");

    e.name = "陈\n好";
    CHECK(only_error(errors_of(e), "name").code == "format");
    e.name = std::string("陈\xff");
    CHECK_THAT(only_error(errors_of(e), "name").message_zh, Catch::Contains("UTF-8"));
}

TEST_CASE("resident ID: the identity check's part and message, age 60+", "[validation]") {
    Elder e = valid_elder();
    e.id_number.clear();
    FieldError err = only_error(errors_of(e), "id_number");
    CHECK(err.code == "required");
    CHECK(err.message_zh == "身份证号不能为空");

    // A wrong check digit: the message is check_resident_id's, naming expected and actual.
    e.id_number = kId.substr(0, 17) + (kId.back() == '3' ? '4' : '3');
    err = only_error(errors_of(e), "id_number");
    CHECK(err.code == "checksum");
    CHECK(err.message_zh == check_resident_id(e.id_number, kToday).message_zh);
    CHECK_THAT(err.message_zh, Catch::StartsWith("身份证号校验位错误：应为 "));

    e = valid_elder();
    e.id_number = "4420001948031500";
    CHECK(only_error(errors_of(e), "id_number").code == "length");

    // Born in the future.
    e.id_number = valid_id("44200020270101002");
    CHECK(only_error(errors_of(e), "id_number").code == "birth_future");

    // 59 years old today: refused with the computed age; 60 today: accepted.
    e.id_number = valid_id("44200019661124002");
    err = only_error(errors_of(e), "id_number");
    CHECK(err.code == "too_young");
    CHECK_THAT(err.message_zh, Catch::Contains("60周岁") && Catch::Contains("59岁"));
    e.id_number = valid_id("44200019661123002");
    CHECK(errors_of(e).empty());
}

TEST_CASE("phone: a mainland mobile or empty", "[validation]") {
    Elder e = valid_elder();
    e.phone = "1380013800";
    FieldError err = only_error(errors_of(e), "phone");
    CHECK(err.code == "format");
    CHECK(err.message_zh == check_mobile("1380013800").message_zh);
    CHECK_THAT(err.message_zh, Catch::Contains("11位"));
    e.phone = "0760-8812345";
    CHECK(only_error(errors_of(e), "phone").code == "format");
    e.phone = "12800138000";
    CHECK(only_error(errors_of(e), "phone").code == "format");
    e.phone = "19912345678";
    CHECK(errors_of(e).empty());
}

TEST_CASE("town must exist; community and address at most 100 characters", "[validation]") {
    Elder e = valid_elder();
    e.town_id = 0;
    FieldError err = only_error(errors_of(e), "town_id");
    CHECK(err.code == "required");
    CHECK_THAT(err.message_zh, Catch::Contains("镇街"));
    e.town_id = 99;
    err = only_error(errors_of(e), "town_id");
    CHECK(err.code == "unknown");
    CHECK_THAT(err.message_zh, Catch::Contains("99"));

    e = valid_elder();
    e.address.clear();
    for (int i = 0; i < 100; ++i) e.address += "路";
    CHECK(errors_of(e).empty());
    e.address += "号";
    err = only_error(errors_of(e), "address");
    CHECK(err.code == "too_long");
    CHECK_THAT(err.message_zh, Catch::Contains("地址不能超过100个字") && Catch::Contains("101"));

    e = valid_elder();
    e.community = std::string(101, 'a');
    CHECK(only_error(errors_of(e), "community").code == "too_long");
}

TEST_CASE("disabled category and disability level go together", "[validation]") {
    Elder e = valid_elder();
    e.categories.insert(ElderCategory::Disabled);
    FieldError err = only_error(errors_of(e), "disability");
    CHECK(err.code == "required");
    CHECK_THAT(err.message_zh, Catch::Contains("失能等级"));
    e.disability = DisabilityLevel::Severe;
    CHECK(errors_of(e).empty());

    e = valid_elder();
    e.disability = DisabilityLevel::Moderate;
    err = only_error(errors_of(e), "disability");
    CHECK(err.code == "inconsistent");
    CHECK_THAT(err.message_zh, Catch::Contains("中度") && Catch::Contains("失能"));
}

TEST_CASE("advanced age only from 80", "[validation]") {
    Elder e = valid_elder();   // 78
    e.categories.insert(ElderCategory::AdvancedAge);
    FieldError err = only_error(errors_of(e), "categories");
    CHECK(err.code == "inconsistent");
    CHECK_THAT(err.message_zh, Catch::Contains("高龄") && Catch::Contains("78岁"));
    e.id_number = valid_id("44200019461123002");   // 80 today
    CHECK(errors_of(e).empty());
}

TEST_CASE("deceased if and only if a date of death, and that date is plausible", "[validation]") {
    Elder e = valid_elder();
    e.status = ElderStatus::Deceased;
    FieldError err = only_error(errors_of(e), "death_date");
    CHECK(err.code == "required");
    CHECK(err.message_zh == "状态为“死亡”时须填写死亡日期");

    e.death_date = Date{2026, 2, 1};
    CHECK(errors_of(e).empty());

    e.death_date = Date{2026, 11, 24};
    err = only_error(errors_of(e), "death_date");
    CHECK(err.code == "future");
    CHECK_THAT(err.message_zh, Catch::Contains("2026-11-24"));

    e.death_date = Date{1940, 1, 1};
    err = only_error(errors_of(e), "death_date");
    CHECK(err.code == "before_birth");
    // The birth date is not named: an agent editing a record whose ID it sees masked must not learn it here.
    CHECK_THAT(err.message_zh, Catch::Contains("1940-01-01"));
    CHECK_THAT(err.message_zh, !Catch::Contains("1948"));

    e.status = ElderStatus::Active;
    e.death_date = Date{2026, 2, 1};
    err = only_error(errors_of(e), "death_date");
    CHECK(err.code == "inconsistent");
    CHECK_THAT(err.message_zh, Catch::Contains("在册"));
}

TEST_CASE("subsidy tier and enrolments", "[validation]") {
    Elder e = valid_elder();
    e.subsidy_tier = "d";
    CHECK(only_error(errors_of(e), "subsidy_tier").code == "format");
    e.subsidy_tier = "b";
    e.enrolments = {Enrolment{"home_visit", Date{2025, 1, 1}, Date{2024, 1, 1}, ""}};
    FieldError err = only_error(errors_of(e), "enrolments[0].to");
    CHECK(err.code == "inconsistent");
    CHECK_THAT(err.message_zh, Catch::Contains("第1项"));
    e.enrolments = {Enrolment{"", Date{2025, 1, 1}, std::nullopt, ""}};
    CHECK(only_error(errors_of(e), "enrolments[0].programme").code == "required");
}

TEST_CASE("several problems are all reported", "[validation]") {
    Elder e;
    const auto errors = validate_elder(e, kTowns, kToday);
    std::set<std::string> fields;
    for (const auto& err : errors) fields.insert(err.field);
    CHECK(fields == std::set<std::string>{"name", "id_number", "town_id"});
    const json j = errors.front();
    CHECK(j == json{{"field", "name"}, {"code", "required"}, {"message", "姓名不能为空"}});
}

TEST_CASE("elder from a JSON body", "[validation]") {
    const json body = {
        {"name", "陈好"},
        {"id_number", kId},
        {"phone", "13800138000"},
        {"town_id", 1},
        {"community", "悦来社区"},
        {"address", "中山市石岐街道悦来社区民生路12号"},
        {"categories", {"empty_nest", "disabled"}},
        {"disability", "mild"},
        {"status", "active"},
        {"death_date", nullptr},
        {"enrolments", {{{"programme", "info_service"}, {"from", "2025-06-01"}, {"to", nullptr}}}},
        {"home", {{"lat_e6", 22522000}, {"lon_e6", 113383000}}},
    };
    Elder e;
    auto errors = elder_from_request(body, e);
    INFO(json(errors).dump());
    REQUIRE(errors.empty());
    CHECK(e.name == "陈好");
    CHECK(e.id_number == kId);
    CHECK(e.town_id == 1);
    CHECK(e.categories == std::set<ElderCategory>{ElderCategory::EmptyNest, ElderCategory::Disabled});
    CHECK(e.disability == DisabilityLevel::Mild);
    CHECK_FALSE(e.death_date.has_value());
    REQUIRE(e.enrolments.size() == 1);
    CHECK(e.enrolments[0].from == Date{2025, 6, 1});
    CHECK(e.home == GeoPoint{22522000, 113383000});
    CHECK(validate_elder(e, kTowns, kToday).empty());

    // What the server sends out can come back in.
    Elder again;
    CHECK(elder_from_request(json(e), again).empty());
    CHECK(again.id_number == e.id_number);
}

TEST_CASE("JSON body: unknown keys, wrong types, unknown codes; nothing half-written", "[validation]") {
    Elder untouched;
    untouched.name = "原值";

    json body = {{"name", "陈好"}, {"nmae", "typo"}};
    Elder e = untouched;
    FieldError err = only_error(elder_from_request(body, e), "nmae");
    CHECK(err.code == "unknown_field");
    CHECK_THAT(err.message_zh, Catch::Contains("nmae"));
    CHECK(e.name == "原值");

    body = {{"categories", "subsistence"}};
    err = only_error(elder_from_request(body, e), "categories");
    CHECK(err.code == "type");
    CHECK_THAT(err.message_zh, Catch::Contains("应为类别代码数组"));
    body = {{"categories", {1, 2}}};
    CHECK_THAT(only_error(elder_from_request(body, e), "categories").message_zh, Catch::Contains("应为类别代码数组"));

    body = {{"categories", {"subsistence", "rich"}}};
    err = only_error(elder_from_request(body, e), "categories");
    CHECK(err.code == "unknown_code");
    CHECK_THAT(err.message_zh, Catch::Contains("rich"));

    body = {{"town_id", "1"}};
    err = only_error(elder_from_request(body, e), "town_id");
    CHECK(err.code == "type");
    CHECK_THAT(err.message_zh, Catch::Contains("整数"));

    body = {{"name", 42}};
    CHECK_THAT(only_error(elder_from_request(body, e), "name").message_zh, Catch::Contains("姓名应为文本"));

    body = {{"status", "alive"}};
    err = only_error(elder_from_request(body, e), "status");
    CHECK(err.code == "unknown_code");
    CHECK_THAT(err.message_zh, Catch::Contains("alive"));

    body = {{"death_date", "2026/02/01"}};
    CHECK(only_error(elder_from_request(body, e), "death_date").code == "type");

    body = {{"home", {{"lat_e6", 22.5}, {"lon_e6", 113}}}};
    CHECK(only_error(elder_from_request(body, e), "home").code == "type");

    body = {{"enrolments", {{{"programme", "home_visit"}, {"from", "2025-13-01"}}}}};
    CHECK(only_error(elder_from_request(body, e), "enrolments[0].from").code == "type");

    body = {{"sex", "unknown"}};
    CHECK(only_error(elder_from_request(body, e), "sex").code == "format");

    CHECK(only_error(elder_from_request(json::array(), e), "").code == "type");
    CHECK(e.name == "原值");
}

}  // namespace test_validation
