// 新来电's lookup by name (caller_match.hpp, wire/callers.hpp): what a name query may be (never a number
// fragment), the age band, the short-list entry masked for every role, and the reply's round trip.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/caller_match.hpp"
#include "yiyang/wire/callers.hpp"

namespace test_caller_match {

using namespace yiyang;
using nlohmann::json;

TEST_CASE("caller name query: 2..20 characters of a name, never digits or letters", "[callers]") {
    CHECK(check_caller_name("嫦莲").ok);
    CHECK(check_caller_name("郑嫦莲").ok);
    CHECK(check_caller_name("玥琇").ok);
    CHECK_FALSE(check_caller_name("郑").ok);
    CHECK(check_caller_name("郑").message_zh.find("2 个字") != std::string::npos);
    CHECK_FALSE(check_caller_name("").ok);
    CHECK_FALSE(check_caller_name("5678").ok);          // a phone's last digits: refused for every role
    CHECK_FALSE(check_caller_name("郑1").ok);
    CHECK(check_caller_name("1380").message_zh.find("完整的11位手机号") != std::string::npos);
    CHECK_FALSE(check_caller_name("ab").ok);
    CHECK_FALSE(check_caller_name("郑%").ok);            // no LIKE wildcards
    CHECK_FALSE(check_caller_name("郑 嫦").ok);
    CHECK_FALSE(check_caller_name("一二三四五六七八九十一二三四五六七八九十一").ok);   // 21 characters
}

TEST_CASE("caller name list: age bands and an entry masked whatever the role sees", "[callers]") {
    CHECK(age_band_zh(80) == "80–84岁");
    CHECK(age_band_zh(84) == "80–84岁");
    CHECK(age_band_zh(65) == "65–69岁");
    CHECK(age_band_zh(103) == "100岁以上");
    CHECK(age_band_zh(-1).empty());

    Elder e;
    e.id = 6001;
    e.name = "郑嫦莲";
    e.id_number = "442000194403150022";
    e.birth_date = Date{1944, 3, 15};
    e.phone = "13812345678";
    const Date today{2026, 12, 4};
    for (Role role : {Role::Admin, Role::Supervisor, Role::Agent}) {
        const auto c = caller_candidate(e, elder_policy(role), today);
        CHECK(c.elder_id == 6001);
        CHECK(c.name == "郑嫦莲");               // these roles see names in full
        CHECK(c.phone == "138****5678");         // the phone masked even for roles that see it in full
        CHECK(c.age_band == "80–84岁");          // 82 on 2026-12-04
    }
    ElderFieldPolicy masked_names = elder_policy(Role::Agent);
    masked_names.full_name = false;
    CHECK(caller_candidate(e, masked_names, today).name == "郑*莲");
}

TEST_CASE("wire callers/by-name: round trip and the server's reply", "[wire][callers]") {
    wire::CallerNamesReply r;
    r.q = "嫦莲";
    r.candidates = {wire::CallerCandidate{6001, "郑嫦莲", "138****5678", 3, "石岐街道", "80–84岁", "active", "在册"}};
    r.more = true;
    CHECK(yiyang::test::round_trip(r) == r);
    const json reply = json::parse(R"({"candidates":[{"age_band":"80–84岁","elder_id":6001,"name":"郑嫦莲",
        "phone":"138****5678","status":"active","status_name":"在册","town_id":3,"town_name":"石岐街道"}],
        "more":false,"q":"嫦莲"})");
    std::string error;
    const auto got = wire::read_reply<wire::CallerNamesReply>(reply, &error);
    INFO(error);
    REQUIRE(got);
    CHECK(got->candidates.at(0).phone == "138****5678");
    CHECK(json(*got) == reply);
}

}  // namespace test_caller_match
