// Small-cell suppression for kiosk and public replies (disclosure.hpp): the threshold from the seed rule, a group
// whose total is shown (complementary suppression), rates that would reveal a small cell.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/disclosure.hpp"

namespace test_disclosure {

using namespace yiyang;
using namespace yiyang::disclosure;
using nlohmann::json;

namespace {
DisclosureRule seed_rule() { return test::load_json("assets/rules/public-disclosure.json").get<DisclosureRule>(); }
std::vector<std::string> texts(const std::vector<PublicCount>& v) {
    std::vector<std::string> out;
    for (const auto& c : v) out.push_back(c.text);
    return out;
}
}  // namespace

TEST_CASE("disclosure: counts 1–4 are <5, 0 and 5 are shown", "[disclosure]") {
    const DisclosureRule r = seed_rule();
    CHECK(r.small_cell_min == 5);
    CHECK(disclose(0, r) == PublicCount{0, "0"});
    CHECK(disclose(1, r) == PublicCount{std::nullopt, "<5"});
    CHECK(disclose(4, r) == PublicCount{std::nullopt, "<5"});
    CHECK(disclose(5, r) == PublicCount{5, "5"});
    CHECK(disclose(123456, r).text == "123456");
    CHECK(json(disclose(3, r)) == json{{"value", nullptr}, {"text", "<5"}});
    CHECK(json(disclose(3, r)).get<PublicCount>() == disclose(3, r));
    DisclosureRule ten = r;
    ten.small_cell_min = 10;
    CHECK(disclose(9, ten).text == "<10");
}

TEST_CASE("disclosure: a group with a shown total hides a second cell when one is hidden", "[disclosure]") {
    const DisclosureRule r = seed_rule();
    // Total 50 shown: 3 alone hidden would be 50 − (20 + 12 + 15); the smallest other non-zero (12) is hidden too.
    CHECK(texts(disclose_group({20, 3, 12, 15, 0}, r)) == std::vector<std::string>{"20", "<5", "—", "15", "0"});
    // Two small cells already hide each other.
    CHECK(texts(disclose_group({20, 3, 2, 15}, r)) == std::vector<std::string>{"20", "<5", "<5", "15"});
    // Nothing small: nothing hidden; ties go to the earliest.
    CHECK(texts(disclose_group({7, 9}, r)) == std::vector<std::string>{"7", "9"});
    CHECK(texts(disclose_group({8, 1, 8}, r)) == std::vector<std::string>{"—", "<5", "8"});
    // The only non-zero cell small: nothing else to hide (the total, 1, is itself a small cell).
    CHECK(texts(disclose_group({0, 1, 0}, r)) == std::vector<std::string>{"0", "<5", "0"});
    CHECK(disclose(1, r).text == "<5");
}

TEST_CASE("disclosure: rates that would reveal a small cell are not shown", "[disclosure]") {
    const DisclosureRule r = seed_rule();
    CHECK(!disclose_rate(Ratio{3, 4}, r));            // denominator below 5
    CHECK(!disclose_rate(Ratio{4, 5}, r));            // 4 satisfied of 5: one person was not
    CHECK(!disclose_rate(Ratio{1, 20}, r));           // one person
    CHECK(disclose_rate(Ratio{5, 5}, r) == Ratio{5, 5});     // all of 5: the rest is 0
    CHECK(disclose_rate(Ratio{15, 20}, r) == Ratio{15, 20});
    CHECK(!disclose_rate(Ratio{0, 0}, r));
}

TEST_CASE("disclosure: the rule refuses a bad threshold by name", "[disclosure]") {
    json b = test::load_json("assets/rules/public-disclosure.json");
    b["small_cell_min"] = 1;
    CHECK(test::load_error<DisclosureRule>(b).find("small_cell_min") != std::string::npos);
    b["small_cell_min"] = 5;
    b["extra"] = true;
    CHECK(test::load_error<DisclosureRule>(b).find("extra") != std::string::npos);
}

TEST_CASE("disclosure: a sub-group whose total is published elsewhere keeps two cells hidden", "[disclosure]") {
    const DisclosureRule r = seed_rule();
    // Town 1: 3 and 40 (its total 43 shown in the towns table); town 2: 8 and 50. Over all four cells the complement
    // of the 3 is the 8 (town 2): town 1 would then show 40 beside its total 43 — the 3 given back. Nested, town 1's
    // 40 is withheld too, and so is town 2's 50 (the 8 would otherwise be its total minus 50).
    const std::vector<std::int64_t> cells{3, 40, 8, 50}, towns{1, 1, 2, 2};
    CHECK(texts(disclose_group(cells, r)) == std::vector<std::string>{"<5", "40", "—", "50"});
    CHECK(texts(disclose_nested(cells, towns, r)) == std::vector<std::string>{"<5", "—", "—", "—"});
    // Nothing small: nothing hidden, whatever the sub-groups.
    CHECK(texts(disclose_nested({7, 9, 12}, {1, 1, 2}, r)) == std::vector<std::string>{"7", "9", "12"});
    // A sub-group whose only non-zero cell is small has nothing else to hide (its total is itself a small cell); the
    // complement the whole group chose (town 2's 30) pulls town 2's 40 with it.
    CHECK(texts(disclose_nested({2, 0, 30, 40}, {1, 1, 2, 2}, r)) == std::vector<std::string>{"<5", "0", "—", "—"});
}

}  // namespace test_disclosure
