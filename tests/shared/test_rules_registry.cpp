// The rule registry: "in force on a date" (one definition), the kinds table parsing every seed file and naming
// the field of a bad one, candidate checks (past dates, duplicate versions, reasons) and the structural diff.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/rule_registry.hpp"

namespace test_rules_registry {

using namespace yiyang;
using nlohmann::json;
using yiyang::test::load_json;

namespace {

RuleVersion seeded(const std::string& kind, const char* file) {
    json body = load_json(file);
    RuleVersion v;
    v.kind = kind;
    v.version = body["version"].get<std::string>();
    v.effective_from = *parse_date(body["effective_from"].get<std::string>());
    v.body = body;
    return v;
}

RuleBook seeded_book() {
    RuleBook book;
    book.add(seeded("calendar", "assets/rules/calendar-cn.json"));
    book.add(seeded("sla", "assets/rules/sla-rules.json"));
    book.add(seeded("dispatch_weights", "assets/rules/dispatch-weights.json"));
    book.add(seeded("kpi_targets", "assets/rules/kpi-targets.json"));
    book.add(seeded("verification_fees", "assets/rules/verification-fees.json"));
    book.add(seeded("verification_eligibility", "assets/rules/verification-eligibility.json"));
    book.add(seeded("verification_report", "assets/rules/verification-report.json"));
    book.add(seeded("settlement_fees", "assets/rules/settlement-fees.json"));
    return book;
}

}  // namespace

TEST_CASE("in force: the latest effective_from on or before the day; none before the first", "[rules]") {
    const std::vector<Date> dates{Date{2026, 7, 1}, Date{2025, 1, 1}, Date{2026, 7, 1}};
    CHECK(!index_in_force(dates, Date{2024, 12, 31}));      // before every version: none
    CHECK(index_in_force(dates, Date{2025, 1, 1}) == 1u);   // from its first day
    CHECK(index_in_force(dates, Date{2026, 6, 30}) == 1u);
    CHECK(index_in_force(dates, Date{2026, 7, 1}) == 2u);   // equal dates: the later publication
    CHECK(!index_in_force({}, Date{2026, 7, 1}));

    Versioned<int> v;
    v.add(Date{2026, 1, 1}, 1);
    v.add(Date{2027, 1, 1}, 2);
    CHECK(v.in_force(Date{2025, 12, 31}) == nullptr);
    CHECK(*v.in_force(Date{2026, 12, 31}) == 1);
    CHECK(*v.in_force(Date{2027, 1, 1}) == 2);

    // rule_set_in_force answers the same (it used to be a second definition).
    SlaRuleSet a = load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();
    SlaRuleSet b = a;
    b.version = "b";
    b.effective_from = a.effective_from;
    CHECK(rule_set_in_force({a, b}, a.effective_from)->version == "b");
}

TEST_CASE("rule book: typed lookup by date, the type's defaults before the first version", "[rules]") {
    RuleBook book = seeded_book();
    CHECK(book.sla_on(Date{2026, 11, 20}).find("review_24h") != nullptr);
    CHECK(book.kpi_targets_on(Date{2026, 11, 20}).find("connection_rate") != nullptr);
    CHECK(book.in_force<KpiTargetSet>(Date{2026, 1, 31}) == nullptr);   // targets start 2026-02-01
    CHECK(book.kpi_targets_on(Date{2026, 1, 31}).items.empty());
    CHECK(book.in_force<SlaRuleSet>(Date{2024, 12, 31}) == nullptr);
    CHECK(book.sla_on(Date{2024, 12, 31}).rules.empty());
    CHECK(book.weights_on(Date{2025, 6, 1}).version == "default");   // weights v2 start 2026-01-01
    CHECK(book.weights_on(Date{2026, 6, 1}).version == "dispatch-2026-v2");
    CHECK(book.calendar_on(Date{2026, 11, 20}).version == "cn-2026-v1");

    // A later version takes over on its date only; the older stays for the days before.
    RuleVersion next = seeded("sla", "assets/rules/sla-rules.json");
    next.version = "sla-2027-v1";
    next.effective_from = Date{2027, 1, 1};
    next.body["version"] = "sla-2027-v1";
    next.body["effective_from"] = "2027-01-01";
    book.add(next);
    CHECK(book.sla_on(Date{2026, 12, 31}).version == "sla-2025-v1");
    CHECK(book.sla_on(Date{2027, 1, 1}).version == "sla-2027-v1");
    CHECK(book.version_in_force("sla", Date{2027, 1, 1})->version == "sla-2027-v1");
    CHECK(book.find("sla", "sla-2025-v1") != nullptr);
    CHECK(book.count("sla") == 2);

    RuleVersion unknown = next;
    unknown.kind = "fees";
    CHECK_THROWS_AS(book.add(unknown), std::invalid_argument);
}

TEST_CASE("registry: every kind parses its seed file; a bad body names kind, version and field", "[rules]") {
    REQUIRE(rule_kinds().size() == 18);   // ... service circle, public disclosure, public portal, kiosk playlist, exhibition visits (issue 12); activity kinds, provider_evaluation, inspections (issue 13)
    for (const auto& k : rule_kinds()) {
        const json body = load_json(("assets/rules/" + k.seed_file).c_str());
        const RuleValue v = k.parse(body);
        REQUIRE(v);
        // The report rule's type (verification::ReportRule: rounding, decimals) carries no version of its own.
        if (k.code != "verification_report") CHECK(k.canonical(v)["version"] == body["version"]);
        CHECK(!k.name_zh.empty());
    }
    CHECK(find_rule_kind("sla")->name_zh == "服务时限规则（SLA）");
    CHECK(find_rule_kind("fees") == nullptr);

    RuleBook book;
    RuleVersion bad = seeded("sla", "assets/rules/sla-rules.json");
    bad.body["rules"][1]["counting"] = "work_days";
    try {
        book.add(bad);
        FAIL("no error");
    } catch (const std::invalid_argument& e) {
        const std::string m = e.what();
        CHECK(m == "规则 sla 版本 sla-2025-v1：SLA 规则 \"sla-2025-v1\"，rules[1]（review_24h）：字段 \"counting\" 应为 "
                   "wall、workdays、business_hours 之一，实际为 \"work_days\"");
    }
    bad.kind = "fees";
    CHECK_THROWS_WITH(book.add(bad), "未知的规则类别 \"fees\"");
    // The form field from the parsers' Chinese messages (`字段 "x"`, also in 缺少字段 / 未知字段).
    CHECK(field_of_parse_error("SLA 规则 \"x\"，rules[1]（callback_24h）：字段 \"counting\" 应为 wall、workdays 之一") ==
          "body.rules[1].counting");
    CHECK(field_of_parse_error("派单权重 \"x\"：字段 \"per_category\" 应为 0 到 1000000 之间的整数，实际为 -1") ==
          "body.per_category");
    CHECK(field_of_parse_error("指标目标 \"x\"：缺少字段 \"items\"") == "body.items");
    CHECK(field_of_parse_error("指标目标 \"x\"，items[0]（satisfaction）：未知字段 \"unti\"（是否拼写错误？）") ==
          "body.items[0].unti");
    CHECK(field_of_parse_error("SLA 规则 \"x\"，rules[1]（review_24h），target：缺少字段 \"seconds\"") ==
          "body.rules[1].seconds");
    // No field: the element is the one the location names, not one mentioned after it.
    CHECK(field_of_parse_error("工作日历 \"x\"，holidays[1]（春节）：与 holidays[0]（元旦，2026-01-01 至 2026-01-03）日期重叠") ==
          "body.holidays[1]");
    CHECK(field_of_parse_error("something else") == "body");
}

TEST_CASE("candidate: checked by shared/, never in the past, never an existing version", "[rules]") {
    const RuleBook book = seeded_book();
    const Date today{2026, 12, 4};
    RuleCandidate c;
    c.kind = "sla";
    c.version = "sla-2027-v1";
    c.effective_from = "2027-01-01";
    c.reason = "回访时限改为12小时";
    c.body = load_json("assets/rules/sla-rules.json");
    c.body["rules"][2]["target"]["seconds"] = 43200;

    RuleCheck ok = check_rule_candidate(book, c, today, true);
    CHECK(ok.ok());
    REQUIRE(ok.replaces);
    CHECK(*ok.replaces == "sla-2025-v1");
    CHECK(ok.body["version"] == "sla-2027-v1");       // the form's fields are written into the body
    CHECK(ok.body["effective_from"] == "2027-01-01");
    REQUIRE(ok.changes.size() == 3);                  // effective_from, the rule's seconds, version (path order)
    CHECK(ok.changes[0].path == "effective_from");
    CHECK(ok.changes[1].path == "rules[callback_24h].target.seconds");
    CHECK(ok.changes[1].text_zh == "修改 rules[callback_24h].target.seconds：86400 → 43200");
    CHECK(ok.changes[2].path == "version");

    auto past = c;
    past.effective_from = "2026-12-03";
    auto r = check_rule_candidate(book, past, today, true);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].field == "effective_from");
    CHECK(r.errors[0].code == "in_past");
    CHECK(r.errors[0].message_zh.find("不能早于今天") != std::string::npos);
    past.effective_from = "2026-12-04";   // today itself is allowed
    CHECK(check_rule_candidate(book, past, today, true).ok());

    auto same = c;
    same.version = "sla-2025-v1";
    r = check_rule_candidate(book, same, today, true);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "exists");

    auto bad = c;
    bad.version = "sla 2027";
    bad.effective_from = "2027-02-30";
    bad.reason = "";
    bad.body["rules"][1]["counting"] = "work_days";
    r = check_rule_candidate(book, bad, today, true);
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].field == "version");
    CHECK(r.errors[1].field == "effective_from");
    CHECK(r.errors[2].field == "reason");
    CHECK(r.errors[3].field == "body.rules[1].counting");
    CHECK(r.errors[3].message_zh.rfind("规则内容有误", 0) == 0);
    CHECK(check_rule_candidate(book, bad, today, false).errors.size() == 3);   // preview: reason not needed

    auto unknown = c;
    unknown.kind = "fees";
    CHECK(check_rule_candidate(book, unknown, today, true).errors.at(0).field == "kind");

    // A kind's first version: everything is added.
    RuleBook empty;
    r = check_rule_candidate(empty, c, today, true);
    CHECK(r.ok());
    CHECK(!r.replaces);
    CHECK(!r.changes.empty());
    for (const auto& ch : r.changes) CHECK(ch.op == RuleChange::Op::Added);
}

TEST_CASE("diff: ordered paths, rules matched by code, plain arrays as sets", "[rules]") {
    const json before = {{"version", "a"},
                         {"rules", {{{"code", "x"}, {"n", 1}}, {{"code", "y"}, {"n", 2}}}},
                         {"days", {"2026-01-01", "2026-02-01"}},
                         {"holidays", {{{"name", "元旦"}}}},
                         {"gone", true}};
    const json after = {{"version", "b"},
                        {"rules", {{{"code", "y"}, {"n", 2}}, {{"code", "z"}, {"n", 3}}}},
                        {"days", {"2026-02-01", "2026-03-01"}},
                        {"holidays", {{{"name", "元旦"}}, {{"name", "春节"}}}},
                        {"new", 1}};
    const auto d = diff_rule_bodies(before, after);
    std::vector<std::string> lines;
    for (const auto& c : d) lines.push_back(c.text_zh);
    CHECK(lines == std::vector<std::string>{
                       "删除 days[]：“2026-01-01”",
                       "新增 days[]：“2026-03-01”",
                       "删除 gone：true",
                       "新增 holidays[1]：{\"name\":\"春节\"}",
                       "新增 new：1",
                       "新增 rules[z]：{\"code\":\"z\",\"n\":3}",
                       "删除 rules[x]：{\"code\":\"x\",\"n\":1}",
                       "修改 version：“a” → “b”",
                   });
    CHECK(diff_rule_bodies(before, before).empty());
    // Reordering a set is one change of the whole array; moving a coded rule is none.
    const auto moved = diff_rule_bodies(json{{"d", {1, 2}}, {"r", before["rules"]}},
                                        json{{"d", {2, 1}}, {"r", {before["rules"][1], before["rules"][0]}}});
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].path == "d");
    CHECK(moved[0].op == RuleChange::Op::Changed);

    // Wire round trip.
    const json j = d[0];
    CHECK(j["op"] == "removed");
    CHECK(j.get<RuleChange>() == d[0]);
}

TEST_CASE("wire: the kinds list marks the version in force today and scheduled ones", "[rules]") {
    RuleBook book = seeded_book();
    RuleVersion next = seeded("sla", "assets/rules/sla-rules.json");
    next.version = "sla-2027-v1";
    next.effective_from = Date{2027, 1, 1};
    next.body["version"] = "sla-2027-v1";
    next.body["effective_from"] = "2027-01-01";
    next.published_by = "admin";
    next.reason = "测试";
    book.add(next);
    const auto infos = rule_kind_infos(book, Date{2026, 12, 4});
    REQUIRE(infos.size() == 18);   // + public_portal, kiosk_playlist, exhibition_visits (issue 12); activity_kinds, provider_evaluation, inspections (issue 13)
    CHECK(infos[9].code == "settlement_fees");
    CHECK(infos[9].in_force == std::optional<std::string>("county-2025-v1"));
    const auto& sla = infos[1];
    CHECK(sla.code == "sla");
    CHECK(sla.in_force == std::optional<std::string>("sla-2025-v1"));
    REQUIRE(sla.versions.size() == 2);
    CHECK(sla.versions[0].version == "sla-2027-v1");
    CHECK(sla.versions[0].scheduled);
    CHECK(!sla.versions[0].in_force);
    CHECK(sla.versions[1].in_force);
    const json j = infos;
    CHECK(j.get<std::vector<RuleKindInfo>>()[1].versions[0].reason == "测试");

    RuleCandidate c;
    CHECK(rule_candidate_from_request(json{{"version", 1}, {"extra", 2}}, c).size() == 3);   // type, unknown, no body
    CHECK(rule_candidate_from_request(json{{"version", "v"}, {"effective_from", "2027-01-01"}, {"reason", "r"},
                                           {"body", json::object()}}, c).empty());
    CHECK(c.version == "v");
}

}  // namespace test_rules_registry
