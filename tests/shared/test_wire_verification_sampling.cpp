// Round trips of the callback-sampling wire types (wire/verification_sampling.hpp) and the sampling rule's JSON.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/verification/sampling_rule.hpp"
#include "yiyang/wire/verification_sampling.hpp"

namespace test_wire_verification_sampling {

using namespace yiyang;

TEST_CASE("wire: a draw's detail, a call, a replacement and the callback report round-trip", "[wire][verification]") {
    wire::SampleDetail d;
    d.draw.id = 7;
    d.draw.quarter = "2024-Q1";
    d.draw.seed = "2024Q1-0a1b2c3d";
    d.draw.rate_num = 5;
    d.draw.rate_den = 100;
    d.draw.frame_size = 5882;
    d.draw.size = 295;
    d.draw.share = "5.01%";
    d.draw.current = true;
    d.strata = {{"涵东街道", 3000, 151}, {"江口镇", 2882, 144}};
    wire::SampleSubject s;
    s.no = 1;
    s.id_number = "350322**********05";
    s.phone = "139****0001";
    s.key = "4c28498d49fefacd3f97620b4396d5b3eeff070d082cb7c6c4f6da1b010ff81c";
    s.last_outcome = "接通";
    d.subjects = {s};
    d.subjects_total = 295;
    d.masked = true;
    const auto back = test::round_trip(d);
    CHECK(back.subjects.at(0).key == s.key);
    CHECK(back.strata.at(1).size == 144);

    test::round_trip(wire::SampleList{"2024-Q1", {d.draw}});
    test::round_trip(wire::SampleCallReply{3, 7, s, 99});
    test::round_trip(wire::SampleReplaceReply{7, 3, s, 100});
    wire::CallbackReport r;
    r.quarter = "2024-Q1";
    r.outcomes = {{"无人接听", 109, {109, 295, "36.94%"}}};
    r.survey.valid = 188;
    r.survey.overall = {176, 188, "93.61%"};
    CHECK(test::round_trip(r).survey.overall.text == "93.61%");
}

TEST_CASE("the sampling rule: its seed file, its fields named when wrong", "[rules][verification]") {
    const auto* kind = find_rule_kind("verification_sampling");
    REQUIRE(kind);
    const auto rule = nlohmann::json{{"version", "v"}, {"rate_num", 5}, {"rate_den", 100}}.get<verification::SamplingRule>();
    CHECK(rule.rate == Ratio{5, 100});
    CHECK_THROWS_WITH(nlohmann::json({{"rate_num", 5}}).get<verification::SamplingRule>(), Catch::Contains("rate_den"));
    CHECK_THROWS_WITH(nlohmann::json({{"rate_num", 0}, {"rate_den", 100}}).get<verification::SamplingRule>(),
                      Catch::Contains("rate_num"));
    CHECK_THROWS_WITH(nlohmann::json({{"rate_num", 101}, {"rate_den", 100}}).get<verification::SamplingRule>(),
                      Catch::Contains("rate_num"));
    CHECK_THROWS_WITH(nlohmann::json({{"rate_num", 5}, {"rate_den", 100}, {"x", 1}}).get<verification::SamplingRule>(),
                      Catch::Contains("\"x\""));
    const auto* report = find_rule_kind("verification_report");
    REQUIRE(report);
    const auto v = nlohmann::json{{"version", "r1"}, {"rounding", "truncate"}, {"decimals", 2}}.get<VerificationReportRule>();
    CHECK(v.version == "r1");
    CHECK(v.rule.rounding == Rounding::Truncate);
    CHECK(nlohmann::json(v) == nlohmann::json{{"version", "r1"}, {"rounding", "truncate"}, {"decimals", 2}});
    CHECK_THROWS_WITH(nlohmann::json({{"rounding", "truncate"}, {"x", 1}}).get<VerificationReportRule>(),
                      Catch::Contains("\"x\""));
}

}  // namespace test_wire_verification_sampling
