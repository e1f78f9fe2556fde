// The monthly assessment's scorecard (issue 11): the rule data of the county seed (考核验收方案, 附1 评分表) parsed
// strictly, and the arithmetic on it checked against hand-computed cases from the seed; 1 000 generated scorecards
// checked for invariants, with a digest of all their replies that scripts/run-tests.sh compares between the native
// and the WebAssembly runs ([scorecard_digest]); [scorecard_bench] times a recomputation (./yiyang bench scorecard).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>

#include "support.hpp"
#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/rng.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/assessment.hpp"

namespace test_assessment_scorecard {

using namespace yiyang;
using namespace yiyang::assessment;
using nlohmann::json;
using yiyang::test::load_error;
using yiyang::test::load_json;

namespace {

const json& seed_body() {
    static const json body = load_json("assets/rules/assessment-scorecard.json");
    return body;
}

const ScorecardRule& county() {
    static const ScorecardRule rule = seed_body().get<ScorecardRule>();
    return rule;
}

ScorecardRule with_steps(SatisfactionSteps s) {
    ScorecardRule r = county();
    r.satisfaction.steps = s;
    return r;
}

Sheet counts(std::map<std::string, std::int64_t> c) {
    Sheet s;
    s.counts = std::move(c);
    return s;
}

const PartScore& part(const SheetScore& s, const std::string& code) {
    for (const auto& p : s.parts)
        if (p.part->code == code) return p;
    throw std::logic_error("no part " + code);
}

const ItemScore& item(const SheetScore& s, const std::string& code) {
    for (const auto& p : s.parts)
        for (const auto& i : p.items)
            if (i.item->code == code) return i;
    throw std::logic_error("no item " + code);
}

// The month of department sheets and the leader's sheet.
MonthScore month(const std::vector<Sheet>& departments, const Sheet& leader, const ScorecardRule& rule = county()) {
    std::vector<SheetScore> d;
    for (const auto& s : departments) d.push_back(score_sheet(rule, s));
    return month_score(rule, d, score_sheet(rule, leader));
}

std::int64_t payout_at(const Ratio& total, const ScorecardRule& rule = county()) {
    return payout_bp(rule, grade_of(rule, total), total);
}

json body_with(const std::function<void(json&)>& change) {
    json b = seed_body();
    change(b);
    return b;
}

}  // namespace

TEST_CASE("scorecard rule: the seed's parts, items, bands and readings as data", "[assessment]") {
    const ScorecardRule& r = county();
    CHECK(r.version == "county-scorecard-2024-v1");
    REQUIRE(r.parts.size() == 4);
    CHECK(r.parts[0].name_zh == "人员管理");
    CHECK(r.parts[0].points == 25);
    CHECK(r.parts[1].name_zh == "服务执行");
    CHECK(r.parts[1].points == 50);
    CHECK(r.parts[2].name_zh == "问题处置");
    CHECK(r.parts[2].points == 10);
    CHECK(r.parts[3].name_zh == "服务成效");
    CHECK(r.parts[3].points == 15);
    CHECK(r.total_points() == 100);
    CHECK(r.parts[0].items.size() == 5);
    CHECK(r.parts[0].items[3].code == "no_training");
    CHECK(r.parts[0].items[3].deduction == 2);   // 没有培训扣2分
    CHECK(r.parts[2].items[1].deduction == 2);   // 未报、漏报或瞒报的，每人次扣2分（4分）
    CHECK(r.parts[2].items[1].cap == 4);
    CHECK(r.parts[1].items[0].source == ItemSource::VisitsBelowFrequency);
    CHECK(r.satisfaction.steps == SatisfactionSteps::Full);
    CHECK(r.bonus.cap == BonusCap::Part);
    CHECK(r.combination.departments == Ratio{9, 10});
    REQUIRE(r.grades.size() == 4);
    CHECK(r.grades[2].rectification_days == 15);
    CHECK(r.grades[3].summon_head);
    CHECK(*required_visits(r, "severe_or_complete") == 4);
    CHECK(!required_visits(r, "nobody"));
    CHECK(r.min_check_rate == Ratio{1, 2});
    CHECK(r.annual_grades[3].contract_ended);
    CHECK(r.annual_grades[3].barred_next_year);
    CHECK(r.annual_grades[0].priority_renewal);

    // Canonical form: parsing it again gives the same canonical form (comment dropped, nothing lost).
    const json canonical = r;
    CHECK(!canonical.contains("comment"));
    CHECK(json(canonical.get<ScorecardRule>()) == canonical);
    // In the registry, with its screen name.
    const RuleKind* kind = find_rule_kind("assessment_scorecard");
    REQUIRE(kind != nullptr);
    CHECK(kind->name_zh == "月度考核评分表");
    CHECK(kind->canonical(kind->parse(seed_body())) == canonical);
    RuleBook book;
    book.add({"assessment_scorecard", r.version, r.effective_from, seed_body(), 0, "", ""});
    CHECK(book.in_force<ScorecardRule>(Date{2026, 11, 1})->version == r.version);
    CHECK(book.in_force<ScorecardRule>(Date{2023, 12, 31}) == nullptr);
}

TEST_CASE("scorecard rule: strict, the message names the bad field", "[assessment]") {
    auto error = [](const std::function<void(json&)>& change) { return load_error<ScorecardRule>(body_with(change)); };
    const std::string v = "考核评分表 \"county-scorecard-2024-v1\"";
    CHECK(error([](json& b) { b["parts"][1]["items"][0]["cap"] = -1; }) ==
          v + "，parts[1].items[0]（visits_below_frequency）：字段 \"cap\" 不能为负数，实际为 -1");
    CHECK(error([](json& b) { b["parts"][1]["items"][2]["deduction"] = 11; }) ==
          v + "，parts[1].items[2]（rude_service）：字段 \"deduction\" 每次扣分 11 不能大于本项分值 cap（10）");
    CHECK(error([](json& b) { b["parts"][0]["items"][0]["cap"] = 4; }) ==
          v + "，parts[0]（staffing）：字段 \"points\" 为 25，但各评分项 cap 之和为 24（应相等）");
    CHECK(error([](json& b) {
              b["parts"][3]["points"] = 16;
              b["parts"][3]["items"][1]["cap"] = 6;
          }) == v + "：字段 \"parts\" 各部分分值（points）之和应为 100，实际为 101");
    CHECK(error([](json& b) { b["grades"][1]["from"] = 79; }) ==
          v + "，grades[1]（good）：字段 \"from\" 与 grades[2]（pass）的区间重叠（区间为左闭右开 [from, to)）");
    CHECK(error([](json& b) { b["grades"][1]["from"] = 81; }) ==
          v + "，grades[1]（good）：字段 \"from\" 为 81，与 grades[2]（pass）的 to（80）之间有空档");
    CHECK(error([](json& b) { b["grades"][3]["from"] = 1; }) == v + "，grades[3]（fail）：字段 \"from\" 最低的等级应从 0 分起，实际为 1");
    CHECK(error([](json& b) { b["grades"][0]["to"] = 100; }) ==
          v + "，grades[0]（excellent）：字段 \"to\" 最高的等级应无上限（null），实际为 100");
    CHECK(error([](json& b) { b["grades"][1]["payout_high_bp"] = 9400; }) ==
          v + "，grades[1]（good）：字段 \"payout_high_bp\" 不能小于 9500，实际为 9400");
    CHECK(error([](json& b) { b["combination"]["leader"] = {{"num", 2}, {"den", 10}}; }) ==
          v + "，combination：字段 \"leader\" 与 departments 之和应为 1");
    CHECK(error([](json& b) { b["satisfaction"]["steps"] = "partial"; }) ==
          v + "，satisfaction：字段 \"steps\" 应为 full、started 之一，实际为 \"partial\"");
    CHECK(error([](json& b) { b["parts"][2]["items"][0]["capp"] = 3; }) ==
          v + "，parts[2].items[0]（general_problem_unsolved）：未知字段 \"capp\"（是否拼写错误？）");
    CHECK(error([](json& b) { b["parts"][1]["items"][1]["source"] = "visits_below_frequency"; }) ==
          v + "，parts[1].items[1]（service_not_real）：字段 \"source\" \"visits_below_frequency\" 只能用于一个评分项");
    CHECK(error([](json& b) { b["bonus"]["max_points"] = 0; }) == v + "，bonus：字段 \"max_points\" 不能小于 1，实际为 0");
    CHECK(error([](json& b) { b["annual_grades"][2]["to"] = 79; }) ==
          v + "，annual_grades[1]（good）：字段 \"from\" 为 80，与 annual_grades[2]（pass）的 to（79）之间有空档");
    // The registry's candidate check puts each message on its form field, nested paths kept.
    CHECK(field_of_parse_error(error([](json& b) { b["parts"][1]["items"][0]["cap"] = -1; })) ==
          "body.parts[1].items[0].cap");
    CHECK(field_of_parse_error(error([](json& b) { b["grades"][1]["from"] = 79; })) == "body.grades[1].from");
}

TEST_CASE("scorecard: a clean sheet is 100; items deduct min(cap, count × deduction)", "[assessment]") {
    const SheetScore clean = score_sheet(county(), Sheet{});
    CHECK(clean.total == 100);
    CHECK(part(clean, "results").score == 15);
    CHECK(clean.notes_zh.size() == 1);   // no valid answer: satisfaction not deducted, said so
    CHECK(clean.notes_zh[0] == "服务成效·满意度低于95%：本月无有效问卷，满意度不扣分");

    // 3 visits below frequency (−3), 2 rude (−2), no training once (−2), 1 major problem unreported (−2).
    const SheetScore s = score_sheet(county(), counts({{"visits_below_frequency", 3}, {"rude_service", 2},
                                                       {"no_training", 1}, {"major_problem_unreported", 1}}));
    CHECK(part(s, "staffing").score == 23);
    CHECK(part(s, "execution").score == 45);
    CHECK(part(s, "problems").score == 8);
    CHECK(s.total == 23 + 45 + 8 + 15);
    CHECK(!item(s, "visits_below_frequency").capped);
}

TEST_CASE("scorecard: every cap reached; a count beyond the cap is capped and the reply says so", "[assessment]") {
    Sheet all = counts({{"staff_short", 5},
                        {"roster_missing", 5},
                        {"equipment_missing", 5},
                        {"no_training", 3},            // 3 × 2 = 6 > 5
                        {"rules_missing", 5},
                        {"visits_below_frequency", 25},   // 25 > 20
                        {"service_not_real", 20},
                        {"rude_service", 10},
                        {"general_problem_unsolved", 3},
                        {"major_problem_unreported", 2},   // 2 × 2 = 4, exactly the cap
                        {"not_rectified_in_time", 3},
                        {"not_cooperating", 5}});
    all.satisfaction = Ratio{75, 100};   // 20 % below: 4 full steps × 3 = 12 > 10
    const SheetScore s = score_sheet(county(), all);
    for (const auto& p : s.parts) {
        CHECK(p.score == 0);
        for (const auto& i : p.items) CHECK(i.deducted == i.item->cap);
    }
    CHECK(s.total == 0);
    CHECK(item(s, "no_training").capped);
    CHECK(item(s, "no_training").uncapped == 6);
    CHECK(item(s, "no_training").note_zh == "人员管理·未开展培训：3 次应扣 6 分，超过本项分值 5 分，按 5 分扣");
    CHECK(item(s, "visits_below_frequency").note_zh == "服务执行·走访频次不足：25 人次应扣 25 分，超过本项分值 20 分，按 20 分扣");
    CHECK(!item(s, "major_problem_unreported").capped);   // reached, not exceeded
    CHECK(!item(s, "service_not_real").capped);
    CHECK(item(s, "satisfaction").count == 4);
    CHECK(item(s, "satisfaction").capped);
    CHECK(item(s, "satisfaction").note_zh ==
          "服务成效·满意度低于95%：满意度 75%（75 / 100），低于 95% 标准，每满 5%扣 3 分：4 档，应扣 12 分，超过本项分值 10 分，按 10 分扣");

    const MonthScore m = month({all}, all);
    CHECK(m.total == Ratio{0, 1});
    CHECK(m.grade->code == "fail");
    CHECK(m.payout_bp == 8000);   // the lower edge of 不合格 gets 80 %
}

TEST_CASE("scorecard: satisfaction at 95 %, 94.99 %, 90 % and 89.9 %, per full and per started 5 %", "[assessment]") {
    const ScorecardRule full = with_steps(SatisfactionSteps::Full);
    const ScorecardRule started = with_steps(SatisfactionSteps::Started);
    struct Case {
        Ratio s;
        std::int64_t full_steps, started_steps;
    };
    // below 95 %: 0; 0.01 %; 5 %; 5.1 %; 95 % (0 satisfied) → 19 steps either way.
    for (const Case& c : {Case{{95, 100}, 0, 0}, Case{{19, 20}, 0, 0}, Case{{9499, 10000}, 0, 1}, Case{{90, 100}, 1, 1},
                          Case{{899, 1000}, 1, 2}, Case{{96, 100}, 0, 0}, Case{{0, 37}, 19, 19}, Case{{0, 0}, 0, 0}}) {
        INFO(c.s.num << "/" << c.s.den);
        CHECK(satisfaction_steps(full.satisfaction, c.s) == c.full_steps);
        CHECK(satisfaction_steps(started.satisfaction, c.s) == c.started_steps);
        Sheet sheet;
        sheet.satisfaction = c.s;
        CHECK(score_sheet(full, sheet).total == 100 - std::min<std::int64_t>(10, 3 * c.full_steps));
        CHECK(score_sheet(started, sheet).total == 100 - std::min<std::int64_t>(10, 3 * c.started_steps));
    }
    Sheet s;
    s.satisfaction = Ratio{899, 1000};
    CHECK(item(score_sheet(started, s), "satisfaction").note_zh ==
          "服务成效·满意度低于95%：满意度 89.90%（899 / 1000），低于 95% 标准，每低 5%（不足 5% 按 5% 计）扣 3 分：2 档，应扣 6 分");
    s.satisfaction = Ratio{9499, 10000};
    CHECK(item(score_sheet(full, s), "satisfaction").note_zh.empty());   // 0.01 % below: no full step, nothing to say
}

TEST_CASE("scorecard: a total of exactly 89.5 is 良好; a mean × 90 % that does not terminate", "[assessment]") {
    // Two departments each lose 10 points (90), the leader's review loses 15 (85): 90 × 0.9 + 85 × 0.1 = 89.5.
    const Sheet d = counts({{"visits_below_frequency", 10}});
    const Sheet leader = counts({{"visits_below_frequency", 15}});
    const MonthScore m = month({d, d}, leader);
    CHECK(m.departments_mean == Ratio{90, 1});
    CHECK(m.total.num == 179);
    CHECK(m.total.den == 2);
    CHECK(m.grade->code == "good");
    CHECK(m.grade->name_zh == "良好");
    CHECK(m.payout_bp == 9785);   // 95 % + 3 % × (89.5 − 80) / 10 = 97.85 %
    CHECK(score_text(county(), m.total) == "89.50");
    CHECK(payout_text(m.payout_bp) == "97.85%");

    // Seven departments: 90 × 6 and 89 → mean 629/7; × 9/10 + 90 × 1/10 = 6291/70 = 89.871428…
    const Sheet d89 = counts({{"visits_below_frequency", 11}});
    const MonthScore n = month({d, d, d, d, d, d, d89}, d);
    CHECK(n.departments_mean == Ratio{629, 7});
    CHECK(n.total.num == 6291);
    CHECK(n.total.den == 70);
    CHECK(n.grade->code == "good");
    CHECK(score_text(county(), n.total) == "89.87");   // truncated, never shown in a higher band
    CHECK(score_text(county(), n.departments_mean) == "89.85");
    CHECK(n.payout_bp == 9796);   // 9500 + 300 × 691/700 = 9796.14… → 9796
    // Three departments: mean 268/3 = 89.333… (the combination happens to terminate: 89.4 with the leader at 90).
    const MonthScore t = month({d, d89, d89}, d);
    CHECK(t.departments_mean == Ratio{268, 3});
    CHECK(t.total == Ratio{447, 5});
    CHECK(score_text(county(), Ratio{89997, 1000}) == "89.99");
}

TEST_CASE("scorecard: band edges 70, 80, 90 exactly and just below", "[assessment]") {
    CHECK(grade_of(county(), Ratio{90, 1}).code == "excellent");
    CHECK(grade_of(county(), Ratio{8999, 100}).code == "good");
    CHECK(grade_of(county(), Ratio{80, 1}).code == "good");
    CHECK(grade_of(county(), Ratio{7999, 100}).code == "pass");
    CHECK(grade_of(county(), Ratio{70, 1}).code == "pass");
    CHECK(grade_of(county(), Ratio{6999, 100}).code == "fail");
    CHECK(grade_of(county(), Ratio{0, 1}).code == "fail");
    CHECK(grade_of(county(), Ratio{103, 1}).code == "excellent");   // a bonus rule without caps
    CHECK_THROWS_AS(grade_of(county(), Ratio{-1, 1}), std::invalid_argument);

    CHECK(payout_at({90, 1}) == 10000);
    CHECK(payout_at({80, 1}) == 9500);
    CHECK(payout_at({70, 1}) == 9000);
    // Just below an edge: the band's high end as the limit, reached by the rounding.
    CHECK(payout_at({8999, 100}) == 9800);   // 9799.7
    CHECK(payout_at({7999, 100}) == 9400);   // 9399.6
    CHECK(payout_at({6999, 100}) == 8500);   // 8499.93
}

TEST_CASE("scorecard: payout inside a band at both ends and the middle, by the rule's method", "[assessment]") {
    CHECK(payout_at({85, 1}) == 9650);   // 良好 middle: 96.5 %
    CHECK(payout_at({75, 1}) == 9200);   // 合格 middle: 92 %
    CHECK(payout_at({35, 1}) == 8250);   // 不合格 middle: 82.5 %
    CHECK(payout_at({65, 1}) == 8464);   // 8000 + 500 × 65/70 = 8464.28…
    CHECK(payout_at({95, 1}) == 10000);

    ScorecardRule high_first = county();
    high_first.payout_in_band.low_edge_gets_low = false;   // the lower edge gets the high end
    CHECK(payout_at({80, 1}, high_first) == 9800);
    CHECK(payout_at({85, 1}, high_first) == 9650);
    CHECK(payout_at({8999, 100}, high_first) == 9500);     // 9500.3
    ScorecardRule band_low = county();
    band_low.payout_in_band.method = PayoutMethod::BandLow;
    CHECK(payout_at({89, 1}, band_low) == 9500);
    ScorecardRule truncate = county();
    truncate.payout_in_band.rounding = Rounding::Truncate;
    CHECK(payout_at({7999, 100}, truncate) == 9399);
    CHECK(payout_at({65, 1}, truncate) == 8464);
}

TEST_CASE("scorecard: a bonus at a full part counts nothing beyond the part's points (rule: bonus_cap)", "[assessment]") {
    Sheet s;
    s.bonus_cases = {3};
    SheetScore full = score_sheet(county(), s);
    CHECK(part(full, "results").score == 15);
    CHECK(part(full, "results").bonus_claimed == 3);
    CHECK(part(full, "results").bonus == 0);
    CHECK(part(full, "results").bonus_capped);
    CHECK(full.total == 100);
    CHECK(full.notes_zh.back() == "服务成效·媒体报道或表彰：加分 3 分，只计 0 分（服务成效不超过本部分分值 15 分）");

    // Not cooperating twice (−2) and two cases (+1 +3): 13 + 4 → 15, 2 of the 4 count.
    s.counts = {{"not_cooperating", 2}};
    s.bonus_cases = {1, 3};
    const SheetScore some = score_sheet(county(), s);
    CHECK(part(some, "results").score == 15);
    CHECK(part(some, "results").bonus == 2);
    s.bonus_cases = {1};
    CHECK(part(score_sheet(county(), s), "results").score == 14);
    CHECK(!part(score_sheet(county(), s), "results").bonus_capped);
    // A bonus never lifts another part: execution's loss stays.
    s.counts = {{"rude_service", 3}};
    s.bonus_cases = {3, 3};
    CHECK(score_sheet(county(), s).total == 97);

    ScorecardRule none = county();
    none.bonus.cap = BonusCap::None;
    s.counts.clear();
    CHECK(score_sheet(none, s).total == 106);
    ScorecardRule total = county();
    total.bonus.cap = BonusCap::Total;
    s.counts = {{"rude_service", 3}};
    CHECK(score_sheet(total, s).total == 100);   // 97 + 6 → at most 100
    CHECK(score_sheet(total, s).total_capped);
}

TEST_CASE("scorecard: a provider in two projects is graded by its lowest, here 不合格", "[assessment]") {
    const Sheet good = counts({{"staff_short", 2}, {"visits_below_frequency", 6}});   // 92
    Sheet bad = counts({{"visits_below_frequency", 20}, {"service_not_real", 15}});      // 65
    const MonthScore a = month({good, good}, good);
    const MonthScore b = month({bad, bad}, bad);
    CHECK(a.total == Ratio{92, 1});
    CHECK(a.grade->code == "excellent");
    CHECK(b.total == Ratio{65, 1});
    const std::size_t low = lowest_project(std::vector<MonthScore>{a, b});
    CHECK(low == 1);
    const MonthScore& graded = low == 0 ? a : b;
    CHECK(graded.grade->code == "fail");
    CHECK(graded.grade->summon_head);
    CHECK(graded.payout_bp == 8464);
    CHECK(consequence_text(*graded.grade) == "拨付服务经费的80%-85%，对第三方机构负责人进行约谈");
    CHECK(consequence_text(county().grades[2]) == "拨付服务经费的90%-94%，限期整改（整改期限 15 日）");
    CHECK(lowest_project(std::vector<Ratio>{{70, 1}, {70, 1}}) == 0);   // the first of equals
    CHECK_THROWS_AS(lowest_project(std::vector<Ratio>{}), std::invalid_argument);
}

TEST_CASE("scorecard: the year — a failed annual assessment ends the contract", "[assessment]") {
    // Monthly departments' means 72, 68, 65, 70 → 68.75; leader's reviews 70, 66 → 68; 61.875 + 6.8 = 68.675.
    const AnnualScore a = annual_score(county(), {{72, 1}, {68, 1}, {65, 1}, {70, 1}}, {{70, 1}, {66, 1}});
    CHECK(a.departments_mean == Ratio{275, 4});
    CHECK(a.leader_mean == Ratio{68, 1});
    CHECK(a.total.num == 2747);
    CHECK(a.total.den == 40);
    CHECK(a.grade->code == "fail");
    CHECK(a.grade->contract_ended);
    CHECK(a.grade->barred_next_year);
    CHECK(a.grade->consequence_zh == "解除服务合同，并取消下一年度投标资格");
    const wire::AssessmentYear y = wire::assessment_year(county(), a);
    CHECK(y.total.text == "68.67");
    CHECK(y.contract_ended);
    yiyang::test::round_trip(y);

    const AnnualScore ok = annual_score(county(), {{179, 2}, {91, 1}}, {{90, 1}});   // 90.25 × 0.9 + 9 = 90.225
    CHECK(ok.grade->code == "excellent");
    CHECK(ok.grade->priority_renewal);
    CHECK_THROWS_AS(annual_score(county(), {}, {{90, 1}}), std::invalid_argument);
}

TEST_CASE("scorecard: bad sheets get a Chinese message naming the item; nothing is scored", "[assessment]") {
    Sheet s = counts({{"visits_below_frequency", -1}, {"satisfaction", 2}, {"nonsense", 1}, {"rude_service", 100001}});
    s.bonus_cases = {4};
    s.satisfaction = Ratio{11, 10};
    const auto errors = check_sheet(county(), s);
    REQUIRE(errors.size() == 6);
    // counts in code order (std::map), then bonus, then satisfaction.
    CHECK(errors[0].field == "counts.nonsense");
    CHECK(errors[0].message_zh == "评分表（county-scorecard-2024-v1）中没有评分项 \"nonsense\"");
    CHECK(errors[1].message_zh == "服务执行·服务态度粗暴或不规范：次数过大（最多 100000，实际为 100001）");
    CHECK(errors[2].field == "counts.satisfaction");
    CHECK(errors[2].message_zh == "服务成效·满意度低于95%：由满意度（满意人数 / 有效答卷数）计算，不填次数");
    CHECK(errors[3].field == "counts.visits_below_frequency");
    CHECK(errors[3].code == "negative");
    CHECK(errors[3].message_zh == "服务执行·走访频次不足：次数不能为负数（实际为 -1）");
    CHECK(errors[4].field == "bonus_cases[0]");
    CHECK(errors[4].message_zh == "服务成效·媒体报道或表彰：第 1 项加分应为 1 到 3 分（实际为 4）");
    CHECK(errors[5].field == "satisfaction");
    try {
        (void)score_sheet(county(), s);
        FAIL("scored a bad sheet");
    } catch (const SheetError& e) {
        CHECK(e.errors() == errors);
        CHECK(std::string(e.what()).find("服务执行·走访频次不足：次数不能为负数") != std::string::npos);
    }
    Sheet many;
    many.bonus_cases.assign(21, 1);
    CHECK(check_sheet(county(), many).at(0).message_zh == "服务成效·媒体报道或表彰：最多 20 项，实际为 21 项");
    CHECK_THROWS_AS(month_score(county(), std::vector<Ratio>{}, Ratio{90, 1}), std::invalid_argument);
    CHECK_THROWS_AS(month_score(county(), std::vector<Ratio>{{90, 1}}, Ratio{-1, 1}), std::invalid_argument);
}

TEST_CASE("scorecard: check rate below 50 % warned; the reply's wire round trip", "[assessment]") {
    CHECK(!check_rate_warning(county(), 50, 100));
    CHECK(*check_rate_warning(county(), 49, 100) == "核查率 49.00%（49 / 100）低于要求的 50%");
    CHECK(!check_rate_warning(county(), 0, 0));

    const Sheet d = counts({{"visits_below_frequency", 10}, {"no_training", 3}});
    std::vector<SheetScore> deps{score_sheet(county(), d)};
    const SheetScore leader = score_sheet(county(), Sheet{});
    const MonthScore m = month_score(county(), deps, leader);
    const wire::AssessmentMonth w = wire::assessment_month(county(), deps, &leader, m);
    CHECK(w.grade_code == "good");   // 85 × 0.9 + 10 = 86.5
    CHECK(w.total.text == "86.50");
    CHECK(w.payout_bp == 9695);      // 9500 + 300 × 0.65
    CHECK(w.payout_text == "96.95%");
    CHECK(w.departments[0].parts[0].items[3].capped);
    CHECK(w.departments[0].parts[0].items[3].deducted == 5);
    CHECK(w.departments[0].parts[0].score == 20);
    CHECK(!w.departments[0].satisfaction);
    CHECK(w.consequence_zh == "拨付服务经费的95%-98%");
    const wire::AssessmentMonth back = yiyang::test::round_trip(w);
    CHECK(back == w);
}

// ---- 1 000 generated scorecards ---------------------------------------------------------------------
namespace {

// severity 0..4: how often an item occurs and how far (4: up to 3 occurrences past what the cap allows).
Sheet generated_sheet(Rng& rng, const ScorecardRule& rule, std::int64_t severity) {
    Sheet s;
    for (const auto& p : rule.parts) {
        for (const auto& i : p.items) {
            if (i.source == ItemSource::Satisfaction || !rng.chance(severity, 6)) continue;
            const std::int64_t reach = i.cap / i.deduction;
            s.counts[i.code] = rng.between(0, severity >= 3 ? reach + 3 : std::min<std::int64_t>(reach, severity));
        }
    }
    if (rng.chance(1, 4)) {
        const auto cases = rng.between(1, 3);
        for (std::int64_t c = 0; c < cases; ++c) s.bonus_cases.push_back(rng.between(rule.bonus.min_points, rule.bonus.max_points));
    }
    const std::int64_t answered = rng.chance(1, 10) ? 0 : rng.between(1, 240);
    // Mostly high satisfaction (around the 95 % line), sometimes anything.
    const std::int64_t unsatisfied = rng.chance(1, 5) ? rng.between(0, answered) : rng.between(0, answered / 6);
    s.satisfaction = Ratio{answered - unsatisfied, answered};
    return s;
}

struct Generated {
    std::vector<Sheet> departments;
    Sheet leader;
};

std::vector<Generated> generated_months(std::size_t count) {
    Rng rng(20261205);
    std::vector<Generated> out;
    for (std::size_t k = 0; k < count; ++k) {
        Generated g;
        const auto n = rng.between(1, 7);
        const auto severity = rng.between(0, 4);   // one provider's month: its departments see alike
        for (std::int64_t d = 0; d < n; ++d) g.departments.push_back(generated_sheet(rng, county(), severity));
        g.leader = generated_sheet(rng, county(), severity);
        out.push_back(std::move(g));
    }
    return out;
}

wire::AssessmentMonth recompute(const ScorecardRule& rule, const Generated& g) {
    std::vector<SheetScore> deps;
    deps.reserve(g.departments.size());
    for (const auto& s : g.departments) deps.push_back(score_sheet(rule, s));
    const SheetScore leader = score_sheet(rule, g.leader);
    return wire::assessment_month(rule, deps, &leader, month_score(rule, deps, leader));
}

// FNV-1a 64 over the canonical JSON of every reply, in order.
std::string digest_of(const std::vector<Generated>& months) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const auto& g : months) {
        for (const unsigned char ch : json(recompute(county(), g)).dump()) {
            h ^= ch;
            h *= 1099511628211ULL;
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace

TEST_CASE("scorecard: 1 000 generated months keep the invariants", "[assessment]") {
    const ScorecardRule& rule = county();
    const auto months = generated_months(1000);
    std::map<std::string, int> grades;
    int capped = 0;
    int bonus_capped = 0;
    for (std::size_t k = 0; k < months.size(); ++k) {
        INFO("month " << k);
        const Generated& g = months[k];
        const wire::AssessmentMonth w = recompute(rule, g);
        std::int64_t sum = 0;
        for (std::size_t d = 0; d < w.departments.size(); ++d) {
            const auto& sheet = w.departments[d];
            std::int64_t parts = 0;
            for (const auto& p : sheet.parts) {
                REQUIRE(p.score >= 0);
                REQUIRE(p.score <= p.points);   // bonus_cap "part"
                std::int64_t deducted = 0;
                for (const auto& i : p.items) {
                    REQUIRE(i.deducted == std::min(i.cap, i.count * i.deduction_per));
                    REQUIRE(i.capped == (i.count * i.deduction_per > i.cap));
                    capped += i.capped ? 1 : 0;
                    deducted += i.deducted;
                }
                REQUIRE(p.score == std::min(p.points, p.points - deducted + p.bonus_claimed));
                bonus_capped += p.bonus_capped ? 1 : 0;
                parts += p.score;
            }
            REQUIRE(sheet.total == parts);
            REQUIRE(w.department_scores[d].num == sheet.total);
            sum += sheet.total;
        }
        // total = mean × 9/10 + leader × 1/10, checked by cross-multiplication: total × 10N = 9 Σ + N × leader.
        const auto n = static_cast<std::int64_t>(w.departments.size());
        REQUIRE(w.total.num * 10 * n == w.total.den * (9 * sum + n * w.leader_sheet->total));
        // The grade's band holds the exact total; the payout is inside the band's range.
        const GradeBand* band = nullptr;
        for (const auto& b : rule.grades)
            if (b.code == w.grade_code) band = &b;
        REQUIRE(band != nullptr);
        REQUIRE(Ratio{w.total.num, w.total.den} >= Ratio{band->from, 1});
        if (band->to) REQUIRE(Ratio{w.total.num, w.total.den} < Ratio{*band->to, 1});
        REQUIRE(w.payout_bp >= band->payout_low_bp);
        REQUIRE(w.payout_bp <= band->payout_high_bp);
        // The shown total is never in a higher band than the exact one.
        REQUIRE(std::stod(w.total.text) * 100 <= static_cast<double>(w.total.num) * 100 / w.total.den + 1e-6);
        ++grades[w.grade_code];
    }
    // The generator reaches every band and both capping paths (otherwise the invariants prove little).
    CHECK(grades.size() == 4);
    CHECK(capped > 100);
    CHECK(bonus_capped > 10);
}

// The what-if request (POST /api/v1/assessment/preview and the 考核 screen): the sheets sent as JSON, read back
// strictly, and computed by wire::preview_month must give the direct computation's reply for every generated month.
TEST_CASE("scorecard: the what-if request — 1 000 months through JSON equal the direct computation", "[assessment]") {
    const auto months = generated_months(1000);
    const auto input_of = [](const Sheet& s) {
        wire::AssessmentSheetInput in;
        in.counts = s.counts;
        in.bonus_cases = s.bonus_cases;
        in.satisfied = s.satisfaction.den == 0 ? 0 : s.satisfaction.num;
        in.answered = s.satisfaction.den;
        return in;
    };
    for (std::size_t k = 0; k < months.size(); ++k) {
        INFO("month " << k);
        wire::AssessmentPreviewRequest ask;
        for (const auto& d : months[k].departments) ask.departments.push_back(input_of(d));
        ask.leader = input_of(months[k].leader);
        if (k % 2) ask.on = "2026-11-30";
        wire::AssessmentPreviewRequest back;
        REQUIRE(wire::preview_request_from_json(json::parse(json(ask).dump()), back).empty());
        REQUIRE(back == ask);
        REQUIRE(wire::preview_month(county(), back) == recompute(county(), months[k]));
    }
}

TEST_CASE("scorecard: the what-if request is strict; bad sheets are named by sheet and item", "[assessment]") {
    wire::AssessmentPreviewRequest out;
    auto errors = wire::preview_request_from_json(
        json{{"departments", json::array({json{{"counts", {{"rude_service", 1.5}}}, {"x", 1}}})}, {"on", "2026-02-30"}}, out);
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].field == "departments[0].counts.rude_service");
    CHECK(errors[1].field == "departments[0].x");
    CHECK(errors[2].field == "on");
    CHECK(errors[3].field == "leader");
    out = {};
    json many = {{"departments", json::array()}, {"leader", json::object()}};
    for (int i = 0; i < 21; ++i) many["departments"].push_back(json::object());
    errors = wire::preview_request_from_json(many, out);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "too_many");

    wire::AssessmentPreviewRequest ask;
    ask.departments.resize(3);
    ask.departments[2].counts["visits_below_frequency"] = -2;
    ask.leader.satisfied = 3;   // of 0 answered
    try {
        (void)wire::preview_month(county(), ask);
        FAIL("a negative count was scored");
    } catch (const SheetError& e) {
        REQUIRE(e.errors().size() == 2);
        CHECK(e.errors()[0].field == "departments[2].counts.visits_below_frequency");
        CHECK(e.errors()[0].message_zh.rfind("第 3 个科室·服务执行·走访频次不足：次数不能为负数", 0) == 0);
        CHECK(e.errors()[1].field == "leader.satisfaction");
        CHECK(e.errors()[1].message_zh.rfind("领导评价·", 0) == 0);
    }
}

// Run by scripts/run-tests.sh natively and under node: the two lines must be equal.
TEST_CASE("scorecard: digest of 1 000 generated months (compared native vs WebAssembly)", "[.][scorecard_digest]") {
    const std::string d = digest_of(generated_months(1000));
    std::cout << "scorecard-digest: " << d << std::endl;
    CHECK(d.size() == 16);
}

// ./yiyang bench scorecard: one what-if recomputation (every sheet of a month → totals, grade, payout, reply).
TEST_CASE("scorecard: time per recomputation over 1 000 generated months", "[.][scorecard_bench]") {
    const auto months = generated_months(1000);
    std::vector<double> per_round;
    std::int64_t checksum = 0;
    for (int round = 0; round < 15; ++round) {
        const auto t0 = std::chrono::steady_clock::now();
        for (const auto& g : months) checksum += recompute(county(), g).payout_bp;
        const auto t1 = std::chrono::steady_clock::now();
        per_round.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / static_cast<double>(months.size()));
    }
    std::sort(per_round.begin(), per_round.end());
    double sheets = 0;
    for (const auto& g : months) sheets += static_cast<double>(g.departments.size() + 1);
    std::printf("scorecard-bench: %.2f us median per month recomputation (min %.2f, max %.2f; %.1f sheets per month; checksum %lld)\n",
                per_round[per_round.size() / 2], per_round.front(), per_round.back(), sheets / 1000.0,
                static_cast<long long>(checksum));
    CHECK(checksum > 0);
}

}  // namespace test_assessment_scorecard
