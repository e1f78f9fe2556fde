// Callback sampling with real SHA-256 keys (fixture computed with sha256sum), stratified sizes that sum exactly,
// the replacement rule; new-subject eligibility and last-call rules; rounding modes of the report rule.
#include <catch2/catch.hpp>

#include "verification_support.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/sampling.hpp"

namespace test_verification_sampling {

using namespace yiyang;
using namespace yiyang::verification;

namespace {

// printf '%s' "hj-2024Q1:$id" | sha256sum
const std::map<std::string, std::string> kSha256 = {
    {"hj-2024Q1:350322194001111005", "4c28498d49fefacd3f97620b4396d5b3eeff070d082cb7c6c4f6da1b010ff81c"},
    {"hj-2024Q1:350322194102121077", "e20f4fc204039fbb4a2d8edfc1b1455f735c8f627e04bee53ee526c3b9153739"},
    {"hj-2024Q1:350322194203131143", "4eda456dc1eb507a5c1be5daf2a1d7e963e87677849ddf2e7ee1f06eb7382e8d"},
    {"hj-2024Q1:350322194304111213", "1197ee3c9fb06ac28ba25373daec3cdfb1080f2cc0bde3a59612a7d2f57f8cf1"},
    {"hj-2024Q1:350322194405121285", "6aea0ab6de61ec78c715e45c3a270edd2f8bdfccf72b21a01ed7aeea3eab759b"},
    {"hj-2024Q1:350322194506131351", "31f2a380b8b769b77047e0f101d5ae06ff18963d7ca99cfca7e0b480ea9418bf"},
    {"hj-2024Q1:350322194607111421", "676492d48e79ca52be814a8c9159065614f3a7e6243f3e799b0ca5802a6fd4f7"},
    {"hj-2024Q1:350322194708121493", "b5d1aa7b74cc4f606d3d39e422aafc0b7b6a31f962b9f114c1fd85fa019d8548"},
};
std::string sha256_fixture(std::string_view text) { return kSha256.at(std::string(text)); }

std::vector<SubscriberRow> eight(bool two_towns) {
    std::vector<SubscriberRow> out;
    int i = 0;
    for (const auto& [text, hex] : kSha256) {
        SubscriberRow s;
        s.name = "对象" + std::to_string(i);
        s.id_number = text.substr(10);
        s.town = two_towns && i % 2 ? "江口镇" : "涵东街道";
        s.opened = {2023, 1, 1};
        out.push_back(s);
        ++i;
    }
    return out;
}

}  // namespace

TEST_CASE("sample size is ceil(rate × frame), exactly", "[verification]") {
    CHECK(sample_size({5, 100}, 5882) == 295);   // 294.1
    CHECK(sample_size({5, 100}, 5880) == 294);   // exactly 294: not rounded up further
    CHECK(sample_size({5, 100}, 1) == 1);
    CHECK(sample_size({5, 100}, 0) == 0);
    CHECK(sample_size({1, 1}, 7) == 7);
    CHECK_THROWS_AS(sample_size({0, 100}, 10), std::invalid_argument);
    CHECK_THROWS_AS(sample_size({101, 100}, 10), std::invalid_argument);
}

TEST_CASE("the draw orders by SHA-256 of seed:ID and takes the first n", "[verification]") {
    auto subs = eight(false);
    subs.push_back(subs[0]);                 // listed twice: one entry in the frame
    subs[1].removed = Date{2024, 2, 29};     // removed on the draw date: not in the frame
    const auto d = draw_sample({{2024, 2, 29}, {1, 2}, "hj-2024Q1", false}, subs, sha256_fixture);
    CHECK(d.frame.count() == 7);
    CHECK(d.size == 4);                      // ceil(3.5)
    REQUIRE(d.strata.size() == 1);
    // Keys in order: 1197ee… (…1213), 31f2a3… (…1351), 4c2849… (…1005), 4eda45… (…1143), 676492… (…1421), …
    std::vector<std::string> order;
    for (const auto& x : d.strata[0].order) order.push_back(x.id_number);
    CHECK(order == std::vector<std::string>{"350322194304111213", "350322194506131351", "350322194001111005",
                                            "350322194203131143", "350322194607111421", "350322194405121285",
                                            "350322194708121493"});
    CHECK(d.sample.keys == std::vector<std::string>{"350322194001111005", "350322194203131143",
                                                    "350322194304111213", "350322194506131351"});
    // Replacement: the next in key order not already used; a replacement that fails is replaced in turn.
    const auto rep = replacements(d, {"350322194001111005", "350322194607111421", "350322194304111213",
                                      "350322194405121285"});
    CHECK(rep.at("350322194001111005") == "350322194607111421");
    CHECK(rep.at("350322194607111421") == "350322194405121285");
    CHECK(rep.at("350322194304111213") == "350322194708121493");
    CHECK(rep.at("350322194405121285") == "");   // nobody left
    // Same seed, same frame: the same list, whatever the ledger's row order.
    auto reversed = subs;
    std::reverse(reversed.begin(), reversed.end());
    CHECK(draw_sample({{2024, 2, 29}, {1, 2}, "hj-2024Q1", false}, reversed, sha256_fixture).sample == d.sample);
}

TEST_CASE("stratified: largest remainders, towns sum exactly, replacement stays in the town", "[verification]") {
    // Three equal towns at 5 %: 0.5 each, n = ceil(1.5) = 2; equal remainders go by town name.
    auto a = apportion({5, 100}, {{"A镇", 10}, {"B镇", 10}, {"C镇", 10}});
    CHECK(a == std::map<std::string, std::int64_t>{{"A镇", 1}, {"B镇", 1}, {"C镇", 0}});
    // 5 % of 1 000 + 995 + 7 = 50 + 49.75 + 0.35 = 100.1 -> 101: floors 50 + 49 + 0, then 0.75 then 0.35.
    a = apportion({5, 100}, {{"甲", 1000}, {"乙", 995}, {"丙", 7}});
    CHECK(a.at("甲") == 50);
    CHECK(a.at("乙") == 50);
    CHECK(a.at("丙") == 1);
    std::int64_t sum = 0;
    for (auto& [t, n] : a) sum += n;
    CHECK(sum == sample_size({5, 100}, 2002));

    const auto d = draw_sample({{2024, 2, 29}, {1, 2}, "hj-2024Q1", true}, eight(true), sha256_fixture);
    REQUIRE(d.strata.size() == 2);
    CHECK(d.strata[0].town == "江口镇");         // byte order of the names
    CHECK(d.strata[0].size + d.strata[1].size == 4);
    const auto& town = d.strata[0];
    const auto first_out = town.order[static_cast<std::size_t>(town.size)].id_number;
    const auto rep = replacements(d, {town.order[0].id_number});
    CHECK(rep.at(town.order[0].id_number) == first_out);
}

TEST_CASE("new subjects: eligibility by category and age, the last call counts", "[verification]") {
    const Period q{PeriodKind::Quarter, 2024, 1};
    std::vector<SubscriberRow> subs = {test::subscriber(1, {2024, 1, 3}), test::subscriber(2, {2024, 2, 3}),
                                       test::subscriber(3, {2024, 3, 3}), test::subscriber(4, {2023, 12, 31}),
                                       test::subscriber(5, {2024, 3, 31})};
    SubscriberRow young = test::subscriber(6, {2024, 1, 9});
    young.id_number = "11010119700307002X";   // 53 on its opening day
    young.id_number[17] = resident_id_check_char(young.id_number.substr(0, 17));
    subs.push_back(young);
    std::map<std::string, std::set<std::string>> cats = {{test::person_id(1), {"低保"}},
                                                         {test::person_id(2), {"退役军人"}},
                                                         {young.id_number, {"特困"}}};
    std::vector<PhoneCheckRow> calls;
    auto call = [&](std::string id, std::string phone, Date day, CallOutcome o, std::optional<bool> ok = {}) {
        PhoneCheckRow c;
        c.row = static_cast<int>(calls.size()) + 2;
        c.id_number = std::move(id);
        c.phone = std::move(phone);
        c.day = day;
        c.outcome = o;
        c.eligible = ok;
        calls.push_back(c);
    };
    call(test::person_id(1), "", {2024, 4, 1}, CallOutcome::NoAnswer);
    call(test::person_id(1), "", {2024, 4, 3}, CallOutcome::Declined);      // last: answered (and declined)
    call("", subs[1].phone, {2024, 4, 2}, CallOutcome::Cancelled);          // by phone number only
    call(test::person_id(3), "", {2024, 4, 2}, CallOutcome::EmptyNumber, false);
    call(test::person_id(4), "", {2024, 4, 2}, CallOutcome::Answered);      // not new this quarter: ignored
    const auto r = new_subjects(q, {{"特困", "低保", "高龄"}, 60}, subs, cats, calls);
    CHECK(r.total.provided.count() == 5);
    CHECK(r.months[0].provided.count() == 2);
    CHECK(r.total.cancelled.keys == std::vector<std::string>{test::person_id(2)});
    CHECK(r.total.empty.keys == std::vector<std::string>{test::person_id(3)});
    CHECK(r.months[2].empty.count() == 1);
    REQUIRE(r.ineligible.size() == 3);
    CHECK(r.total.ineligible.count() == 3);
    CHECK(r.unchecked.keys == std::vector<std::string>{test::person_id(5)});
    for (const auto& x : r.ineligible) {
        if (x.id_number == test::person_id(2)) CHECK(x.reason_zh.find("退役军人") != std::string::npos);
        if (x.id_number == test::person_id(3)) CHECK(x.reason_zh == "电话核查：不符合条件");
        if (x.id_number == young.id_number) CHECK(x.reason_zh == "开通时53岁，不满60岁");
    }
    CHECK(r.called.count() == 3);
    CHECK(r.not_called.count() == 2);
    CHECK(r.usage.numerator.keys == std::vector<std::string>{test::person_id(1)});   // 拒访 answered: in use
    CHECK(percent_text(r.usage, ReportRule{}) == "33.33%");
}

TEST_CASE("report rule: truncation beside half-up", "[verification]") {
    const ReportRule trunc{Rounding::Truncate, 2}, half_up{};
    CHECK(percent_text(Ratio{176, 188}, trunc) == "93.61%");
    CHECK(percent_text(Ratio{176, 188}, half_up) == "93.62%");
    CHECK(percent_text(Ratio{295, 5882}, trunc) == "5.01%");
    CHECK(percent_text(Ratio{295, 5882}, half_up) == "5.02%");   // 5.0153 %: the report's 5.01 % truncates
    CHECK(percent_text(Ratio{51, 75}, trunc) == "68.00%");
    CHECK(percent_text(Ratio{2, 3}, ReportRule{Rounding::Truncate, 0}) == "66%");
    CHECK(percent_text(Ratio{-2, 3}, trunc) == "-66.66%");       // toward zero
    CHECK(percent_text(Ratio{1, 0}, trunc) == "—");
    CHECK(Ratio{176, 188}.percent_scaled(2, Rounding::Truncate) == 9361);
    CHECK(rounding_from_code("truncate") == Rounding::Truncate);
    CHECK(rounding_from_code("half_up") == Rounding::HalfUp);
    CHECK_FALSE(rounding_from_code("banker").has_value());
    CHECK(std::string(code(Rounding::Truncate)) == "truncate");
}

TEST_CASE("callback shares: not called, suspension reasons, a call outside the sample", "[verification]") {
    const Tally sample = make_tally({test::person_id(1), test::person_id(2), test::person_id(3), test::person_id(4)});
    std::vector<CallbackRow> calls(4);
    calls[0].id_number = test::person_id(1);
    calls[0].outcome = CallOutcome::Suspended;
    calls[0].suspension_reason = "欠费";
    calls[1].id_number = test::person_id(2);
    calls[1].outcome = CallOutcome::Suspended;
    calls[2].id_number = test::person_id(3);
    calls[2].outcome = CallOutcome::Answered;
    calls[2].overall = Satisfaction::VerySatisfied;
    calls[3].id_number = test::person_id(9);   // not sampled
    calls[3].outcome = CallOutcome::Answered;
    const auto c = callback_figures(sample, calls);
    CHECK(c.not_called.keys == std::vector<std::string>{test::person_id(4)});
    CHECK(c.suspended_arrears.count() == 1);
    CHECK(c.suspended_other.count() == 1);
    CHECK(c.shares.at(CallOutcome::Suspended).ratio() == Ratio{1, 2});
    CHECK(c.overall_satisfaction.ratio() == Ratio{1, 1});
    CHECK_FALSE(c.package_satisfaction.ratio().defined());   // nobody asked: no data, not 0 %
}

TEST_CASE("report and eligibility rules read from their JSON bodies", "[verification]") {
    const auto rule = nlohmann::json{{"rounding", "truncate"}, {"decimals", 2}}.get<ReportRule>();
    CHECK(rule.rounding == Rounding::Truncate);
    CHECK(nlohmann::json(rule) == nlohmann::json{{"rounding", "truncate"}, {"decimals", 2}});
    CHECK(nlohmann::json::object().get<ReportRule>().rounding == Rounding::HalfUp);   // the default
    CHECK_THROWS_WITH(nlohmann::json({{"rounding", "banker"}}).get<ReportRule>(), Catch::Contains("rounding"));
    CHECK_THROWS_WITH(nlohmann::json({{"decimals", 7}}).get<ReportRule>(), Catch::Contains("decimals"));

    const auto e = nlohmann::json{{"qualifying_categories", {"特困", "低保"}}, {"min_age", 60}}.get<EligibilityRule>();
    CHECK(e.qualifying_categories == std::set<std::string>{"低保", "特困"});
    CHECK(e.min_age == 60);
    CHECK(nlohmann::json(e).get<EligibilityRule>().qualifying_categories == e.qualifying_categories);
    CHECK_THROWS_WITH(nlohmann::json({{"qualifying_categories", nlohmann::json::array()}}).get<EligibilityRule>(),
                      Catch::Contains("qualifying_categories"));
}

}  // namespace test_verification_sampling
