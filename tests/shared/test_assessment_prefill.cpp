// The monthly assessment's prefill (issue 11, 考核 预填): the definitions of assessment/prefill.hpp on rows handed in,
// every expected count computed by hand from the seed rule (assessment-scorecard.json: 4 / 2 / 1 visits a month for
// severe_or_complete / subsistence_moderate_or_aged / visiting).
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/assessment/prefill.hpp"
#include "yiyang/identity.hpp"

namespace test_assessment_prefill {

using namespace yiyang;
using namespace yiyang::assessment;
using yiyang::test::load_json;

namespace {

const ScorecardRule& county() {
    static const ScorecardRule rule = load_json("assets/rules/assessment-scorecard.json").get<ScorecardRule>();
    return rule;
}

PrefillElder elder(const char* name, DisabilityLevel d, std::set<ElderCategory> c, bool enrolled = true) {
    PrefillElder e;
    e.name = name;
    e.disability = d;
    e.categories = std::move(c);
    e.enrolled = enrolled;
    return e;
}

const wire::PrefillItem& item(const wire::AssessmentPrefill& p, const std::string& source) {
    for (const auto& i : p.items)
        if (i.source == source) return i;
    FAIL("no item " << source);
    throw 0;
}

LocalSeconds at(const char* ts) {   // "2025-03-03 09:00:00"
    std::string t = ts;
    t[10] = 'T';
    return *parse_timestamp(t);
}

// Providers 1 and 2; elders 1..7 (see each line).
PrefillInput march() {
    PrefillInput in;
    in.month = Period{PeriodKind::Month, 2024, 3};
    in.elders[1] = elder("张三丰", DisabilityLevel::Severe, {});                                  // severe: 4 a month
    in.elders[2] = elder("李四", DisabilityLevel::Moderate, {ElderCategory::Subsistence});       // subsistence moderate: 2
    in.elders[3] = elder("王五", DisabilityLevel::None, {ElderCategory::ExtremePoverty});        // visiting: 1
    in.elders[4] = elder("赵六", DisabilityLevel::Complete, {});                                 // died before March
    in.elders[4].died = Date{2024, 2, 20};
    in.elders[5] = elder("钱七", DisabilityLevel::Severe, {});                                   // died during March
    in.elders[5].died = Date{2024, 3, 10};
    in.elders[6] = elder("孙八", DisabilityLevel::Severe, {});                                   // provider 2's
    in.elders[7] = elder("周九", DisabilityLevel::Severe, {}, false);                            // not enrolled
    in.elders[8] = elder("吴十", DisabilityLevel::Severe, {});                                   // enrolment ended in February
    in.elders[8].enrolled_until = Date{2024, 2, 28};
    in.visits = {{1, 1}, {1, 2}, {1, 2}, {1, 4}, {1, 5}, {2, 6}, {2, 6}, {2, 6}, {2, 6}};
    in.earlier = {{3, 1}, {7, 1}, {6, 1}, {8, 1}};   // 6 was visited in March (by 2): stays 2's
    return in;
}

}  // namespace

TEST_CASE("prefill: subjects and visits below frequency, 1 per missing visit", "[assessment][prefill]") {
    const auto out = prefill_all(march(), county(), {{1, "home_visit"}, {1, "visiting"}, {2, "home_visit"}});
    REQUIRE(out.size() == 3);
    const auto& p1 = out.at({1, "home_visit"});
    // Subjects of 1 in home_visit: 1 (1 visit), 2 (2 visits), 5 (died in March, 1 visit); not 4 (dead before),
    // not 7 (not enrolled, no visit), not 8 (enrolment ended in February), not 6 (visited by 2).
    CHECK(p1.subjects_total == 3);
    const auto& v = item(p1, "visits_below_frequency");
    CHECK(v.count == 3);   // elder 1: 4 - 1; elder 2 meets 2; elder 5 died in the month: not owed
    REQUIRE(v.people.size() == 1);
    CHECK(v.people[0].elder_id == 1);
    CHECK(v.people[0].tier == "severe_or_complete");
    CHECK(v.people[0].detail_zh == "本月服务 1 次，应 4 次，少 3 次");
    CHECK(p1.rule_version == "county-scorecard-2024-v1");
    CHECK(p1.month == "2024-03");

    const auto& p1v = out.at({1, "visiting"});
    CHECK(p1v.subjects_total == 1);   // elder 3, served last by 1 before March, no visit in March
    CHECK(item(p1v, "visits_below_frequency").count == 1);
    CHECK(item(p1v, "visits_below_frequency").people[0].detail_zh == "本月服务 0 次，应 1 次，少 1 次");

    const auto& p2 = out.at({2, "home_visit"});
    CHECK(p2.subjects_total == 1);
    CHECK(item(p2, "visits_below_frequency").count == 0);   // 4 visits of 4
}

TEST_CASE("prefill: items in rule order, only the non-manual ones", "[assessment][prefill]") {
    const auto out = prefill_all(march(), county(), {{9, "home_visit"}});
    const auto& p = out.at({9, "home_visit"});
    std::vector<std::string> codes;
    for (const auto& i : p.items) codes.push_back(i.code);
    CHECK(codes == std::vector<std::string>{"visits_below_frequency", "service_not_real", "rude_service",
                                            "not_rectified_in_time", "satisfaction"});
    CHECK(p.subjects_total == 0);
    CHECK(p.answered == 0);
    REQUIRE(!p.notes_zh.empty());
    CHECK(p.notes_zh[0] == "本月无满意度回访答复：满意度项不扣分");
}

TEST_CASE("prefill: complaints, surveys, rectifications and flags go to the subject's project", "[assessment][prefill]") {
    auto in = march();
    in.complaints = {{"C1", 1, 1, at("2024-03-05 10:00:00"), 0, {}}, {"C2", 1, 0, at("2024-03-06 10:00:00"), 0, {}},
                     {"C3", 1, 3, at("2024-03-07 10:00:00"), 0, {}}};
    in.surveys = {{"S1", 1, 1, 0, 1, {}}, {"S2", 1, 2, 0, 3, {}}, {"S3", 1, 1, 0, 4, {}}, {"S4", 1, 3, 0, 5, {}},
                  {"S5", 2, 6, 0, 2, {}}};
    in.rectifications = {{"W1", 1, 2, at("2024-03-08 23:59:59"), 0, at("2024-03-09 09:00:00")},
                         {"W2", 1, 1, at("2024-03-31 23:59:59"), 0, std::nullopt}};
    in.not_real = {{"R1", 1, 1, Date{2024, 3, 2}, "重复记录：…"}, {"R2", 1, 0, Date{2024, 3, 3}, "死亡后服务：…"}};
    // A callback where the elder said the service never happened (service_received = false): one 人次 more.
    in.not_received = {{"K1", 1, 2, at("2024-03-10 15:00:00"), 0, {}}};
    const auto out = prefill_all(in, county(), {{1, "home_visit"}, {1, "visiting"}, {2, "home_visit"}});
    const auto& p1 = out.at({1, "home_visit"});
    CHECK(item(p1, "rude_service").count == 1);   // C1; C2 is about nobody, C3 is a visiting subject's
    CHECK(item(p1, "rude_service").people[0].ref == "C1");
    CHECK(item(p1, "rude_service").people[0].detail_zh == "2024-03-05 有效投诉 C1");
    CHECK(item(out.at({1, "visiting"}), "rude_service").count == 1);
    // Answers 1, 3, 4 for home_visit subjects: 1–3 satisfied → 2 of 3.
    CHECK(p1.satisfied == 2);
    CHECK(p1.answered == 3);
    CHECK(out.at({1, "visiting"}).satisfied == 0);
    CHECK(out.at({1, "visiting"}).answered == 1);
    CHECK(out.at({2, "home_visit"}).satisfied == 1);
    CHECK(item(p1, "satisfaction").basis_zh.ends_with("2 / 3"));
    const auto& r = item(p1, "not_rectified_in_time");
    CHECK(r.count == 2);
    REQUIRE(r.people.size() == 2);
    CHECK(r.people[0].ref == "W2");   // elder 1 before elder 2
    CHECK(r.people[0].detail_zh == "整改期限 2024-03-31 23:59:59，至今未完成（W2）");
    CHECK(r.people[1].detail_zh == "整改期限 2024-03-08 23:59:59，于 2024-03-09 09:00:00 才完成（W1）");
    const auto& n = item(p1, "service_not_real");
    CHECK(n.count == 2);
    REQUIRE(n.people.size() == 2);
    CHECK(n.people[0].ref == "R1");   // elder 1 before elder 2
    CHECK(n.people[0].detail_zh == "2024-03-02 服务记录 R1：重复记录：…");
    CHECK(n.people[1].ref == "K1");
    CHECK(n.people[1].detail_zh == "2024-03-10 回访：老人称未接受服务（K1）");
    bool noted = false;
    for (const auto& s : p1.notes_zh) noted |= s.find("1 条核查标记记录的身份证号不在老人名册中") != std::string::npos;
    CHECK(noted);
}

TEST_CASE("prefill: a long list is cut, the count is whole", "[assessment][prefill]") {
    PrefillInput in;
    in.month = Period{PeriodKind::Month, 2024, 3};
    for (Id e = 1; e <= 600; ++e) {
        in.elders[e] = elder("某", DisabilityLevel::Severe, {});
        in.visits.push_back({1, e});
    }
    const auto out = prefill_all(in, county(), {{1, "home_visit"}});
    const auto& v = item(out.at({1, "home_visit"}), "visits_below_frequency");
    CHECK(v.count == 600 * 3);
    CHECK(v.people.size() == wire::kMaxPrefillPeople);
    CHECK(v.people_truncated);
    CHECK(out.at({1, "home_visit"}).subjects_total == 600);
}

TEST_CASE("prefill: evidence reused from an earlier month is 服务不真实, the earliest named", "[assessment][prefill]") {
    auto in = march();
    in.not_real = {{"R1", 1, 1, Date{2024, 3, 2}, "重复记录：…"}};
    in.reused = {
        // R1 (already flagged): its photo was on E9 in January and E5 in February → one 人次, both reasons, E9 named.
        {"R1", 1, 1, Date{2024, 3, 2}, "P-1", "E5", Date{2024, 2, 1}, "P-1", false},
        {"R1", 1, 1, Date{2024, 3, 2}, "P-1", "E9", Date{2024, 1, 20}, "P-1", false},
        // R3 (elder 2): the same reference but for blanks (the verification's comparison) → counted.
        {"R3", 1, 2, Date{2024, 3, 4}, "P 2", "E7", Date{2023, 11, 30}, "P\xE3\x80\x80" "2", false},
        // R4: decided valid by a supervisor → not counted.
        {"R4", 1, 2, Date{2024, 3, 5}, "P-4", "E8", Date{2024, 2, 5}, "P-4", true},
        // R5: the "earlier" record is of the same month → the month's own shared evidence, not this rule.
        {"R5", 1, 2, Date{2024, 3, 6}, "P-5", "E10", Date{2024, 3, 1}, "P-5", false},
        // R6: a candidate whose reference differs (the server's pre-filter is not the definition) → not counted.
        {"R6", 1, 2, Date{2024, 3, 7}, "P-6", "E11", Date{2024, 2, 7}, "P-7", false},
        // R7: another month's record → not counted.
        {"R7", 1, 2, Date{2024, 4, 1}, "P-8", "E12", Date{2024, 2, 8}, "P-8", false},
        // R8 (elder 3, a visiting subject): counted in provider 1's visiting prefill.
        {"R8", 1, 3, Date{2024, 3, 8}, "P-9", "E13", Date{2024, 2, 9}, "P-9", false},
    };
    const auto out = prefill_all(in, county(), {{1, "home_visit"}, {1, "visiting"}});
    const auto& n = item(out.at({1, "home_visit"}), "service_not_real");
    CHECK(n.count == 2);   // R1 once, R3
    REQUIRE(n.people.size() == 2);
    CHECK(n.people[0].ref == "R1");
    CHECK(n.people[0].detail_zh == "2024-03-02 服务记录 R1：重复记录：…；跨月佐证重复：佐证“P-1”已用于 2024-01-20 的记录 E9");
    CHECK(n.people[1].ref == "R3");
    CHECK(n.people[1].detail_zh == "2024-03-04 服务记录 R3：跨月佐证重复：佐证“P 2”已用于 2023-11-30 的记录 E7");
    const auto& nv = item(out.at({1, "visiting"}), "service_not_real");
    CHECK(nv.count == 1);
    REQUIRE(nv.people.size() == 1);
    CHECK(nv.people[0].ref == "R8");
}

TEST_CASE("prefill: enrolled subjects nobody served are listed per project, counted for no provider", "[assessment][prefill]") {
    auto in = march();
    in.elders[9] = elder("郑十一", DisabilityLevel::Complete, {});                                  // home_visit
    in.elders[10] = elder("冯十二", DisabilityLevel::None, {ElderCategory::LeftBehind});           // visiting
    in.elders[11] = elder("陈十三", DisabilityLevel::Severe, {});                                  // died in February
    in.elders[11].died = Date{2024, 2, 2};
    in.elders[12] = elder("褚十四", DisabilityLevel::Severe, {}, false);                           // not enrolled
    in.elders[13] = elder("卫十五", DisabilityLevel::None, {});                                    // no care tier
    in.unserved = {10, 9, 11, 12, 13, 9, 99};   // 99: no elder row
    const auto out = prefill_all(in, county(), {{1, "home_visit"}, {2, "home_visit"}, {1, "visiting"}});
    const auto& u = out.at({1, "home_visit"}).unassigned;
    CHECK(u.count == 1);
    REQUIRE(u.people.size() == 1);
    CHECK(u.people[0].elder_id == 9);
    CHECK(u.people[0].name == "郑十一");
    CHECK(u.people[0].tier == "severe_or_complete");
    CHECK(u.people[0].detail_zh == "本月及前 3 个月无服务记录");
    CHECK(out.at({2, "home_visit"}).unassigned == u);   // the same list for every provider of the project
    CHECK(out.at({1, "home_visit"}).subjects_total == 3);   // as in the first case: nobody's subjects are not 1's
    CHECK(out.at({1, "visiting"}).unassigned.count == 1);
    CHECK(out.at({1, "visiting"}).unassigned.people.at(0).elder_id == 10);
    CHECK(out.at({1, "visiting"}).subjects_total == 1);

    auto masked = out.at({1, "home_visit"});
    mask_prefill_names(masked);
    CHECK(masked.unassigned.people[0].name == mask_name("郑十一"));
    CHECK(masked.unassigned.people[0].name != "郑十一");

    // The reply's JSON carries it and reads back.
    const auto back = nlohmann::json(out.at({1, "home_visit"})).get<wire::AssessmentPrefill>();
    CHECK(back.unassigned == u);
}

}  // namespace test_assessment_prefill
