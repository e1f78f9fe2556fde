// The public portal's rules (public_portal.hpp): the seeded rule, the rate-limit arithmetic, acknowledgement codes,
// the request check through the intake's validation, and the status words. Natively and in WASM.
#include <catch2/catch.hpp>

#include <set>

#include "support.hpp"
#include "yiyang/public_portal.hpp"
#include "yiyang/rule_registry.hpp"

namespace test_public_portal {

using namespace yiyang;
using namespace yiyang::portal;
using nlohmann::json;

namespace {
PortalRule seed_rule() { return test::load_json("assets/rules/public-portal.json").get<PortalRule>(); }
std::set<std::string> fields(const std::vector<FieldError>& e) {
    std::set<std::string> out;
    for (const auto& x : e) out.insert(x.field);
    return out;
}
json good() {
    return {{"kind", "booking"}, {"name", "李阿姨"}, {"phone", "138 1234-5678"}, {"town_id", 3},
            {"categories", {"meals", "bathing"}}, {"text", "每周三次送餐"}};
}
}  // namespace

TEST_CASE("portal rule: the seed parses, is a registered kind and refuses bad limits", "[portal]") {
    const auto r = seed_rule();
    CHECK(r.version == "portal-2026-v1");
    CHECK(r.per_phone == Limit{3, 1440});
    CHECK(r.per_address == Limit{10, 60});
    CHECK(find_rule_kind("public_portal") != nullptr);
    auto body = test::load_json("assets/rules/public-portal.json");
    body["per_phone"]["max"] = 0;
    CHECK_THROWS_AS(body.get<PortalRule>(), std::invalid_argument);
    body = test::load_json("assets/rules/public-portal.json");
    body["per_phone"]["extra"] = 1;
    CHECK_THROWS_AS(body.get<PortalRule>(), std::invalid_argument);
    // Round trip: the canonical form parses back to the same limits.
    const PortalRule again = json(r).get<PortalRule>();
    CHECK(again.per_address == r.per_address);
}

TEST_CASE("portal rate limit: retry after the oldest request in the window leaves it", "[portal]") {
    const Limit l{3, 60};
    CHECK_FALSE(retry_after({}, l, 10000));
    CHECK_FALSE(retry_after({9000, 9500}, l, 10000));
    // Three in the window: the oldest (7000) leaves at 7000 + 3600.
    CHECK(retry_after({9500, 7000, 9000}, l, 10000) == 600);
    // One outside the window does not count.
    CHECK_FALSE(retry_after({6400, 9000, 9500}, l, 10000));
    // Four in the window with max 3: one more is allowed once two have left: the second oldest.
    CHECK(retry_after({7000, 8000, 9000, 9500}, l, 10000) == 1600);
    CHECK(retry_after({10000, 10000, 10000}, l, 10000) == 3600);
}

TEST_CASE("portal ack codes: alphabet, spread, typed back in any case with blanks and dashes", "[portal]") {
    std::array<std::uint8_t, 16> zero{}, ones{};
    ones.fill(0xFF);
    const auto a = ack_code_from(zero), b = ack_code_from(ones);
    CHECK(a == "2222222222");
    CHECK(b.size() == kAckLength);
    CHECK(a != b);
    std::set<std::string> seen;
    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 500; ++i) {
        bytes[15] = static_cast<std::uint8_t>(i);
        bytes[14] = static_cast<std::uint8_t>(i >> 8);
        const auto c = ack_code_from(bytes);
        for (char ch : c) CHECK(kAckAlphabet.find(ch) != std::string_view::npos);
        seen.insert(c);
    }
    CHECK(seen.size() == 500);
    CHECK(format_ack_code("ABCDEFGH23") == "ABCDE-FGH23");
    CHECK(normalize_ack_code(" abcde-fgh23 ") == std::optional<std::string>("ABCDEFGH23"));
    CHECK_FALSE(normalize_ack_code("ABCDE-FGH2"));     // 9 characters
    CHECK_FALSE(normalize_ack_code("ABCDE-FGH2O"));    // O is not in the alphabet
    CHECK_FALSE(normalize_ack_code("ABCDE-FGH21"));    // nor 1
    CHECK(normalize_phone_tail(" 5678") == std::optional<std::string>("5678"));
    CHECK_FALSE(normalize_phone_tail("567"));
    CHECK_FALSE(normalize_phone_tail("56a8"));
}

TEST_CASE("portal request: checked field by field, then as the intake's work order", "[portal]") {
    auto ok = validate_request(good());
    REQUIRE(ok.errors.empty());
    CHECK(ok.phone == "13812345678");
    CHECK(ok.order.channel == Channel::PublicPortal);
    CHECK(ok.order.type == OrderType::Consultation);   // a booking by someone not on file
    CHECK(ok.order.town_id == 3);
    CHECK(ok.order.categories == std::set<ServiceCategory>{ServiceCategory::Meals, ServiceCategory::Bathing});
    CHECK(ok.order.description.find("预约服务") != std::string::npos);
    CHECK(ok.order.description.find("13812345678") != std::string::npos);
    auto s = good();
    s["kind"] = "suggestion";
    CHECK(validate_request(s).order.type == OrderType::Suggestion);

    CHECK(fields(validate_request(json::object()).errors) == std::set<std::string>{"name", "phone", "town_id", "text"});
    auto bad = good();
    bad["name"] = "  ";
    bad["phone"] = "02345678901";
    bad["town_id"] = "3";
    bad["categories"] = {"nope"};
    bad["text"] = std::string(501, 'x');
    bad["kind"] = "complaint";
    bad["x"] = true;
    const auto e = validate_request(bad).errors;
    CHECK(fields(e) == std::set<std::string>{"name", "phone", "town_id", "text", "kind", "x"});
    // Categories are checked by the intake's rules once the form's fields are right.
    auto cats = good();
    cats["categories"] = {"nope"};
    CHECK(fields(validate_request(cats).errors) == std::set<std::string>{"categories"});
    auto none = good();
    none["categories"] = json::array();
    CHECK(fields(validate_request(none).errors) == std::set<std::string>{"categories"});
    // Control characters, invalid UTF-8 and C1 controls are refused; newlines in the text are fine; 500 is the limit.
    auto ctl = good();
    ctl["name"] = std::string("李\x07");
    CHECK(fields(validate_request(ctl).errors) == std::set<std::string>{"name"});
    ctl = good();
    ctl["text"] = "第一行\n第二行";
    CHECK(validate_request(ctl).errors.empty());
    ctl["text"] = std::string("a\xC2\x85z");
    CHECK(fields(validate_request(ctl).errors) == std::set<std::string>{"text"});
    std::string five_hundred;
    for (int i = 0; i < 500; ++i) five_hundred += "字";
    ctl["text"] = five_hundred;
    CHECK(validate_request(ctl).errors.empty());
    ctl["text"] = five_hundred + "字";
    CHECK(fields(validate_request(ctl).errors) == std::set<std::string>{"text"});
    CHECK(fields(validate_request(json::array()).errors) == std::set<std::string>{""});
}

TEST_CASE("portal status words: every status in plain words, internal steps left out", "[portal]") {
    for (auto s : all_OrderStatuss()) CHECK(std::string(status_words(s)).size() > 0);
    CHECK(std::string(step_words("create")) == "收到您的诉求");
    CHECK(std::string(step_words("pause")).empty());
    CHECK(std::string(step_words("judge_complaint_valid")).empty());
}

}  // namespace test_public_portal
