// Password quality (auth/password_policy with libpwquality): what is refused, with which Chinese reason, and that
// length counts characters, not bytes; the change-password endpoint refuses the same passwords.
#include <catch2/catch.hpp>

#include "auth/password_policy.hpp"
#include "harness.hpp"

namespace test_passwords {

using namespace yiyang::test;
using yiyang::auth::password_problem;

namespace {
std::string problem_code(const std::string& pw, const std::string& user = "t_someone") {
    auto p = password_problem(pw, user);
    return p ? p->code : "";
}
}  // namespace

TEST_CASE("passwords: spaces, digits only, too few characters and dictionary words are refused", "[passwords]") {
    CHECK(problem_code("          ") == "only_spaces");            // 10 spaces
    CHECK(problem_code("1234567890") == "digits_only");
    CHECK(problem_code("13800138000") == "digits_only");            // a phone number
    CHECK(problem_code("password12") == "dictionary");
    CHECK(problem_code("qwertyuiop") == "dictionary");
    CHECK(problem_code("abcdefghijk") == "dictionary");             // systematic
    CHECK(problem_code("t_someone-2026x", "t_someone") == "contains_username");
    CHECK(problem_code("short-1") == "too_short");
    // Eight Chinese characters are 24 bytes (more than 10) but 8 characters: too short.
    auto eight = password_problem("我家门前有两棵枣", "t_someone");
    REQUIRE(eight);
    CHECK(eight->code == "too_short");
    CHECK(eight->message.find("10 个字符") != std::string::npos);
    CHECK(eight->message.find("现为 8 个") != std::string::npos);
    CHECK(problem_code(std::string(65, 'x') + "Yz7") == "too_long");
    CHECK(problem_code("bad\xff\xfeutf8-text") == "invalid_text");
    CHECK(problem_code("tab\there-is-bad") == "invalid_text");
    // Every refusal says why in Chinese.
    for (const char* pw : {"          ", "1234567890", "password12", "short-1", "aaaaaaaaaaaa"}) {
        auto p = password_problem(pw, "t_someone");
        REQUIRE(p);
        CHECK(p->message.find("密码") != std::string::npos);
    }
}

TEST_CASE("passwords: strong ones and Chinese passphrases of ten characters are accepted", "[passwords]") {
    CHECK(problem_code("a-new-password-42") == "");
    CHECK(problem_code("Tr0ub4dor&3x") == "");
    CHECK(problem_code("correct horse battery staple") == "");
    CHECK(problem_code("我家门前有两棵枣树啊") == "");   // 10 characters
    CHECK(yiyang::auth::utf8_length("我家门前有两棵枣树啊") == 10);
}

TEST_CASE("changing a password to a weak one is refused with the reason on the field", "[passwords][session]") {
    auto& env = TestEnv::get();
    auto [name, pw] = env.user("town");
    auto c = env.signed_in("town");
    struct Case { std::string new_password; const char* code; };
    const Case cases[] = {{"          ", "only_spaces"},
                          {"1234567890", "digits_only"},
                          {"我家门前有两棵枣", "too_short"},
                          {"password12", "dictionary"},
                          {pw, "unchanged"}};
    for (const auto& k : cases) {
        auto r = c.put("/api/v1/me/password", {{"old_password", pw}, {"new_password", k.new_password}});
        INFO(k.new_password);
        REQUIRE(r.status == 422);
        REQUIRE(r.body["error"]["fields"].size() == 1);
        CHECK(r.body["error"]["fields"][0]["field"] == "new_password");
        CHECK(r.body["error"]["fields"][0]["code"] == k.code);
        CHECK(r.body["error"]["fields"][0]["message"].get<std::string>().find("密码") != std::string::npos);
    }
    CHECK(env.client().sign_in(name, pw).status == 200);   // nothing was changed
}

}  // namespace test_passwords
