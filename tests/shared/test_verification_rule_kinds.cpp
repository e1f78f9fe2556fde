// The verification rule kinds in the registry (verification/rule_kinds.hpp): the seeds parse, the version in force
// is found by date, and a bad body is refused naming the field.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/rule_registry.hpp"

namespace test_verification_rule_kinds {

using namespace yiyang;
using nlohmann::json;

namespace {
json seed(const char* file) { return test::load_json((std::string("assets/rules/") + file).c_str()); }
}  // namespace

TEST_CASE("verification rule kinds: seeds, in force by date, bad bodies named", "[rules][verification]") {
    RuleBook book;
    book.add({"verification_eligibility", "e1", Date{2024, 1, 1}, seed("verification-eligibility.json"), 0, "", ""});
    book.add({"verification_report", "r1", Date{2024, 1, 1}, seed("verification-report.json"), 0, "", ""});
    CHECK(book.in_force<VerificationEligibility>(Date{2023, 12, 31}) == nullptr);
    const auto* e = book.in_force<VerificationEligibility>(Date{2024, 1, 1});
    REQUIRE(e);
    CHECK(e->version == "hanjiang-eligibility-2024-v1");
    CHECK(e->rule.qualifying_categories.count("特困") == 1);
    CHECK(e->rule.min_age == 60);
    const auto* r = book.in_force<VerificationReportRule>(Date{2024, 3, 1});
    REQUIRE(r);
    CHECK(r->rule.rounding == Rounding::Truncate);
    CHECK(r->rule.decimals == 2);
    CHECK(verification::percent_text(Ratio{176, 188}, r->rule) == "93.61%");

    const RuleKind* kind = find_rule_kind("verification_report");
    REQUIRE(kind);
    CHECK_THROWS_WITH(kind->parse(json{{"rounding", "up"}}), Catch::Contains("rounding"));
    CHECK_THROWS_WITH(kind->parse(json{{"decimal", 2}}), Catch::Contains("decimal"));
    CHECK_THROWS_WITH(find_rule_kind("verification_eligibility")->parse(json{{"qualifying_categories", json::array()}}),
                      Catch::Contains("qualifying_categories"));
    CHECK(kind->canonical(kind->parse(seed("verification-report.json")))["rounding"] == "truncate");
}

}  // namespace test_verification_rule_kinds
