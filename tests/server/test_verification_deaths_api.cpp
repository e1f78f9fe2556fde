// GET /api/v1/verification/deaths and /new-subjects and the death decisions (issue 10) through the real endpoints:
// a synthetic town ledger, cremation list and phone checks (imported through POST /api/v1/imports/{list}) give the
// Hanjiang Q1 2024 figures (91 matched, 16 already removed, 75 deducted, 150 next quarter; 75 new, 68.00 %); a name
// mismatch counts only once confirmed (audited); the family-contact step is recorded, audited and shown; who may
// see and decide what; bad queries and unknown people refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "harness.hpp"
#include "http/log_text.hpp"
#include "yiyang/identity.hpp"

namespace test_verification_deaths_api {

using namespace yiyang::test;

namespace {

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// People of this run: ID numbers from birth dates one day apart from 1950 (the other verification tests use 1930
// onwards) and a per-run sequence.
struct People {
    int seq = 0;
    std::int64_t day = yiyang::days_from_civil(yiyang::Date{1950, 1, 1});
    std::string next_id() {
        const auto birth = yiyang::civil_from_days(day++);
        const std::string first17 = "350303" + std::to_string(birth.year) + two(birth.month) + two(birth.day) +
                                    std::to_string(seq);
        return first17 + yiyang::resident_id_check_char(first17);
    }
};

struct Fixture {
    std::string subscribers = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    std::string cremations = "姓名,身份证号,死亡日期,火化日期\n";
    std::string checks = "身份证号,核查日期,核查结果,是否符合条件,备注\n";
    std::vector<std::string> deducted_in_jan, deducted_in_feb, already_removed, next_quarter, new_ids;
    std::string mismatch_id, other_town_new;
    int rows = 0;
};

std::string date_after(const yiyang::Date& d, int days) { return yiyang::format_date(yiyang::add_days(d, days)); }

Fixture build(People& people, const std::string& town, const std::string& other_town) {
    Fixture f;
    const auto sub = [&](const std::string& name, const std::string& id, const std::string& opened,
                         const std::string& removed, const std::string& reason, const std::string& t) {
        f.subscribers += name + "," + id + ",138" + std::to_string(20000000 + people.seq * 10000 + f.rows) + "," + t + "," +
                         opened + "," + removed + "," + reason + "\n";
        ++f.rows;
    };
    const auto crem = [&](const std::string& name, const std::string& id, const std::string& died) {
        f.cremations += name + "," + id + "," + died + "," + died + "\n";
    };
    // 75 who died in Nov–Dec 2023 and are deducted this quarter: 38 removed in January, 37 only in February (those
    // were still billed for January, when the deduction was due).
    for (int i = 0; i < 75; ++i) {
        const std::string id = people.next_id(), name = "死核" + std::to_string(i);
        sub(name, id, "2022-06-01", i < 38 ? "2024-01-15" : "2024-02-10", "死亡", town);
        crem(name, id, date_after(yiyang::Date{2023, 11, 1}, i % 61));
        (i < 38 ? f.deducted_in_jan : f.deducted_in_feb).push_back(id);
    }
    // 16 who died in November and were removed in December: already removed, not deducted again.
    for (int i = 0; i < 16; ++i) {
        const std::string id = people.next_id(), name = "已拆" + std::to_string(i);
        sub(name, id, "2021-06-01", "2023-12-05", "死亡", town);
        crem(name, id, "2023-11-20");
        f.already_removed.push_back(id);
    }
    // 150 who die inside the quarter: next quarter's list.
    for (int i = 0; i < 150; ++i) {
        const std::string id = people.next_id(), name = "下季" + std::to_string(i);
        sub(name, id, "2022-06-01", "", "", town);
        crem(name, id, date_after(yiyang::Date{2024, 1, 1}, i % 91));
        f.next_quarter.push_back(id);
    }
    // One ID on both lists under another name (died in December, never removed).
    f.mismatch_id = people.next_id();
    sub("林阿妹", f.mismatch_id, "2022-06-01", "", "", town);
    crem("林亚妹", f.mismatch_id, "2023-12-01");
    // 75 new subjects: 11 / 6 / 58 opened in January / February / March, called in April: 27 接通, 20 无人接听,
    // 4 占线, 12 关机, 9 停机, 3 空号 → in use 51 of 75 called.
    for (int k = 0; k < 75; ++k) {
        const std::string id = people.next_id();
        const std::string opened = k < 11 ? "2024-01-" + two(5 + k) : k < 17 ? "2024-02-" + two(1 + k) : "2024-03-" + two(1 + (k - 17) % 28);
        sub("新增" + std::to_string(k), id, opened, "", "", town);
        const char* outcome = k >= 72 ? "空号" : k < 27 ? "接通" : k < 47 ? "无人接听" : k < 51 ? "占线" : k < 63 ? "关机" : "停机";
        f.checks += id + ",2024-04-10," + outcome + ",是,\n";
        f.new_ids.push_back(id);
    }
    // In another town: one new subject the phone check found ineligible.
    f.other_town_new = people.next_id();
    sub("外镇新增", f.other_town_new, "2024-02-03", "", "", other_town);
    f.checks += f.other_town_new + ",2024-03-01,接通,否,非本区户籍\n";
    return f;
}

const char* const kDeathFigures[] = {"matched", "already_removed", "to_deduct", "deducted", "not_deducted",
                                     "still_billed", "to_recover_fen", "next_quarter", "contacted"};
std::map<std::string, std::int64_t> death_figures(const json& r) {
    std::map<std::string, std::int64_t> out;
    for (const char* k : kDeathFigures) out[k] = r.at(k).get<std::int64_t>();
    return out;
}
std::map<std::string, std::int64_t> minus(std::map<std::string, std::int64_t> a, const std::map<std::string, std::int64_t>& b) {
    for (auto& [k, v] : a) v -= b.at(k);
    return a;
}

// Every ID number behind one figure (all pages).
std::vector<json> people_of(ApiClient& c, const std::string& url) {
    std::vector<json> out;
    for (int page = 1;; ++page) {
        auto r = c.get(url + "&page_size=200&page=" + std::to_string(page));
        REQUIRE(r.status == 200);
        for (const auto& p : r.body["people"]) out.push_back(p);
        if (static_cast<std::int64_t>(out.size()) >= r.body["people_total"].get<std::int64_t>() || r.body["people"].empty()) break;
    }
    return out;
}
bool has_id(const std::vector<json>& people, const std::string& id) {
    return std::any_of(people.begin(), people.end(), [&](const json& p) { return p["id_number"] == id; });
}

std::string elder_id_of(ApiClient& c, const std::string& id_number) {
    auto r = c.get("/api/v1/elders?q=" + id_number);
    REQUIRE(r.status == 200);
    REQUIRE(r.body["items"].size() == 1);
    return std::to_string(r.body["items"][0]["id"].get<std::int64_t>());
}

}  // namespace

TEST_CASE("verification deaths and new subjects: the Hanjiang figures through the API, decisions audited",
          "[verification][deaths]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto admin = env.signed_in("admin");
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    REQUIRE(towns.body["towns"].size() >= 4);
    // A town no other verification test fills with 2024 Q1 subscribers (they use the first two).
    const auto& town = towns.body["towns"][3];
    const std::string town_name = town["name"].get<std::string>();
    const std::string town_id = std::to_string(town["id"].get<std::int64_t>());
    const auto& other = towns.body["towns"][2];
    const std::string other_id = std::to_string(other["id"].get<std::int64_t>());
    const std::string deaths = "/api/v1/verification/deaths?quarter=2024Q1&town=" + town_id;
    const std::string news = "/api/v1/verification/new-subjects?quarter=2024Q1&town=" + town_id;

    auto before = sup.get(deaths);
    REQUIRE(before.status == 200);
    const auto base = death_figures(before.body);
    auto news_before = sup.get(news);
    REQUIRE(news_before.status == 200);
    const bool news_clean = news_before.body["total"]["provided"] == 0 && news_before.body["called"] == 0;

    std::random_device rd;
    People people;
    people.seq = 100 + static_cast<int>(rd() % 900);
    const Fixture f = build(people, town_name, other["name"].get<std::string>());
    REQUIRE(import_csv(sup, "subscribers", f.subscribers).status == 201);
    REQUIRE(import_csv(sup, "cremations", f.cremations).status == 201);
    REQUIRE(import_csv(sup, "phone_checks", f.checks).status == 201);

    // ---- deaths: the default window, the figures --------------------------------------------------------------
    auto after = sup.get(deaths);
    REQUIRE(after.status == 200);
    INFO(after.body.dump().substr(0, 2000));
    CHECK(after.body["window_from"] == "2023-11-01");
    CHECK(after.body["window_to"] == "2023-12-31");
    CHECK(after.body["window_default"] == true);
    CHECK(after.body["window_note"].get<std::string>().find("默认") != std::string::npos);
    CHECK(after.body["unit_fee_fen"] == 2000);
    CHECK(after.body["rule_versions"] == json::array({"hanjiang-2024-v1"}));
    const std::map<std::string, std::int64_t> hanjiang = {
        {"matched", 91}, {"already_removed", 16}, {"to_deduct", 75}, {"deducted", 75}, {"not_deducted", 0},
        {"still_billed", 37}, {"to_recover_fen", 37 * 2000}, {"next_quarter", 150}, {"contacted", 0}};
    CHECK(minus(death_figures(after.body), base) == hanjiang);
    // The name mismatch is shown, not counted.
    bool shown = false;
    for (const auto& m : after.body["name_mismatches"]) {
        if (m["id_number"] == f.mismatch_id) {
            shown = true;
            CHECK(m["subscriber_name"] == "林阿妹");
            CHECK(m["cremation_name"] == "林亚妹");
            CHECK(m["died"] == "2023-12-01");
        }
    }
    CHECK(shown);

    // Drill-down: the people behind "still billed" are the 37 removed in February, each with January to recover.
    const auto billed = people_of(sup, deaths + "&count=still_billed");
    for (const auto& id : f.deducted_in_feb) CHECK(has_id(billed, id));
    for (const auto& p : billed) {
        if (p["id_number"] == f.deducted_in_feb.front()) {
            CHECK(p["billed_months"] == json::array({"2024-01"}));
            CHECK(p["to_recover_fen"] == 2000);
            CHECK(p["removed"] == "2024-02-10");
            CHECK(p["removal_reason"] == "死亡");
            CHECK(p["contact"].is_null());
        }
    }
    const auto already = people_of(sup, deaths + "&count=already_removed");
    for (const auto& id : f.already_removed) CHECK(has_id(already, id));
    CHECK_FALSE(has_id(already, f.deducted_in_jan.front()));

    // Another window: only November → fewer matched; the reply says the window was asked for.
    auto nov = sup.get(deaths + "&window_from=2023-11-01&window_to=2023-11-30");
    REQUIRE(nov.status == 200);
    CHECK(nov.body["window_default"] == false);
    CHECK(nov.body["matched"].get<std::int64_t>() < after.body["matched"].get<std::int64_t>());

    // ---- the name mismatch: confirmed with a reason, then counted; audited on the elder ------------------------
    const std::string mismatch_path = "/api/v1/verification/deaths/" + f.mismatch_id + "/same-person";
    CHECK(sup.post(mismatch_path, json{{"reason", "x"}}).status == 422);   // a reason of 2+ characters
    auto same = sup.post(mismatch_path, json{{"reason", "已核对户籍：同一人，火化名单用了曾用名"}});
    REQUIRE(same.status == 200);
    CHECK(same.body["cremation_name"] == "林亚妹");
    auto confirmed = sup.get(deaths);
    REQUIRE(confirmed.status == 200);
    auto with_one = hanjiang;
    with_one["matched"] = 92;
    with_one["to_deduct"] = 76;
    with_one["not_deducted"] = 1;
    with_one["still_billed"] = 38;
    with_one["to_recover_fen"] = 37 * 2000 + 3 * 2000;   // never removed: billed all three months
    CHECK(minus(death_figures(confirmed.body), base) == with_one);
    for (const auto& m : confirmed.body["name_mismatches"]) CHECK(m["id_number"] != f.mismatch_id);
    const auto not_deducted = people_of(sup, deaths + "&count=not_deducted");
    REQUIRE(has_id(not_deducted, f.mismatch_id));
    for (const auto& p : not_deducted) {
        if (p["id_number"] == f.mismatch_id) CHECK(p["same_person_confirmed"] == true);
    }
    {
        auto history = admin.get("/api/v1/elders/" + elder_id_of(admin, f.mismatch_id) + "/history");
        REQUIRE(history.status == 200);
        int events = 0;
        for (const auto& ev : history.body["events"]) {
            if (ev["action"] == "death_same_person") {
                ++events;
                CHECK(ev["actor"].get<std::string>().find("supervisor") != std::string::npos);   // the harness's user name
                CHECK(ev["reason"] == "已核对户籍：同一人，火化名单用了曾用名");
            }
        }
        CHECK(events == 1);
    }
    // A person whose names agree needs no confirmation.
    CHECK(sup.post("/api/v1/verification/deaths/" + f.next_quarter.front() + "/same-person",
                   json{{"reason", "同一人，无需确认"}}).status == 409);

    // ---- the family-contact step: recorded, shown beside the person, audited ------------------------------------
    const std::string person = f.next_quarter[5];
    const std::string contact_path = "/api/v1/verification/deaths/" + person + "/contact";
    CHECK(sup.post(contact_path, json{{"outcome", "gone"}, {"day", "2024-04-05"}}).status == 422);
    CHECK(sup.post(contact_path, json{{"outcome", "confirmed_dead"}, {"day", "2024-02-30"}}).status == 422);
    CHECK(sup.post(contact_path, json{{"outcome", "confirmed_dead"}, {"day", "2099-01-01"}}).status == 422);
    CHECK(sup.post(contact_path, json{{"outcome", "confirmed_dead"}, {"day", "2023-01-01"}}).status == 422);   // before death
    CHECK(sup.post(contact_path, json{{"outcome", "confirmed_dead"}, {"day", "2024-04-05"}, {"extra", 1}}).status == 422);
    auto contact = sup.post(contact_path, json{{"outcome", "confirmed_dead"}, {"day", "2024-04-05"}, {"note", "其子接听"}});
    REQUIRE(contact.status == 201);
    CHECK(contact.body["outcome_label"] == "确认死亡");
    CHECK(contact.body["by"].get<std::string>().find("supervisor") != std::string::npos);   // the harness's user name
    auto later = sup.get(deaths);
    CHECK(later.body["contacted"].get<std::int64_t>() - base.at("contacted") == 1);
    bool seen = false;
    for (const auto& p : people_of(sup, deaths + "&count=next_quarter")) {
        if (p["id_number"] != person) {
            if (std::find(f.next_quarter.begin(), f.next_quarter.end(), p["id_number"].get<std::string>()) != f.next_quarter.end())
                CHECK(p["contact"].is_null());
            continue;
        }
        seen = true;
        REQUIRE(p["contact"].is_object());
        CHECK(p["contact"]["outcome"] == "confirmed_dead");
        CHECK(p["contact"]["day"] == "2024-04-05");
        CHECK(p["contact"]["note"] == "其子接听");
        CHECK(p["contact"]["by"].get<std::string>().find("supervisor") != std::string::npos);   // the harness's user name
        CHECK(!p["contact"]["at"].get<std::string>().empty());
    }
    CHECK(seen);
    // A second step replaces what is shown (the family kept the number); both stay in the audit trail.
    REQUIRE(admin.post(contact_path, json{{"outcome", "number_kept_self_paid"}, {"day", "2024-04-08"}}).status == 201);
    {
        auto history = admin.get("/api/v1/elders/" + elder_id_of(admin, person) + "/history");
        REQUIRE(history.status == 200);
        std::vector<std::string> outcomes;
        for (const auto& ev : history.body["events"]) {
            if (ev["action"] == "death_contact") outcomes.push_back(ev["changes"]["outcome"].get<std::string>());
        }
        std::sort(outcomes.begin(), outcomes.end());
        CHECK(outcomes == std::vector<std::string>{"confirmed_dead", "number_kept_self_paid"});
    }
    for (const auto& p : people_of(sup, deaths + "&count=next_quarter")) {
        if (p["id_number"] == person) CHECK(p["contact"]["outcome"] == "number_kept_self_paid");
    }

    // Unknown people: not on both lists (a valid ID number), or not an ID number at all → 404.
    const std::string stranger = people.next_id();
    CHECK(sup.post("/api/v1/verification/deaths/" + stranger + "/contact",
                   json{{"outcome", "confirmed_dead"}, {"day", "2024-04-05"}}).status == 404);
    CHECK(sup.post("/api/v1/verification/deaths/" + f.new_ids.front() + "/contact",   // a subscriber, not dead
                   json{{"outcome", "confirmed_dead"}, {"day", "2024-04-05"}}).status == 404);
    CHECK(sup.post("/api/v1/verification/deaths/12345/contact",
                   json{{"outcome", "confirmed_dead"}, {"day", "2024-04-05"}}).status == 404);
    // A lowercase x is the same person's number.
    // (Only when the number ends in X: then the lowercase spelling reaches the same person.)
    if (person.back() == 'X') {
        std::string lower = person;
        lower.back() = 'x';
        CHECK(sup.post("/api/v1/verification/deaths/" + lower + "/contact",
                       json{{"outcome", "confirmed_dead"}, {"day", "2024-04-09"}}).status == 201);
    }

    // ---- new subjects ------------------------------------------------------------------------------------------
    auto ns = sup.get(news);
    REQUIRE(ns.status == 200);
    INFO(ns.body.dump().substr(0, 2000));
    CHECK(ns.body["checks_from"] == "2024-01-01");
    CHECK(ns.body["checks_to"] == "2024-04-30");
    CHECK(ns.body["eligibility_version"] == "hanjiang-eligibility-2024-v1");
    CHECK(ns.body["report_version"] == "report-2020-v1");
    CHECK(ns.body["rounding"] == "truncate");
    const auto delta = [&](const char* k, int m = -1) {
        const auto& a = m < 0 ? ns.body["total"] : ns.body["months"][static_cast<std::size_t>(m)];
        const auto& b = m < 0 ? news_before.body["total"] : news_before.body["months"][static_cast<std::size_t>(m)];
        return a[k].get<std::int64_t>() - b[k].get<std::int64_t>();
    };
    CHECK(delta("provided", 0) == 11);
    CHECK(delta("provided", 1) == 6);
    CHECK(delta("provided", 2) == 58);
    CHECK(delta("provided") == 75);
    CHECK(delta("empty", 2) == 3);
    CHECK(delta("cancelled") == 0);
    CHECK(delta("ineligible") == 0);
    CHECK(ns.body["called"].get<std::int64_t>() - news_before.body["called"].get<std::int64_t>() == 75);
    CHECK(ns.body["in_use"].get<std::int64_t>() - news_before.body["in_use"].get<std::int64_t>() == 51);
    if (news_clean) {
        CHECK(ns.body["usage_text"] == "68.00%");
        CHECK(ns.body["total"]["provided"] == 75);
        bool answered = false;
        for (const auto& o : ns.body["outcomes"]) {
            if (o["outcome"] == "answered") {
                answered = true;
                CHECK(o["count"] == 27);
                CHECK(o["label"] == "接通");
            }
        }
        CHECK(answered);
    }
    // Drill-down: March's 空号 are the last three, with their outcome.
    const auto empty = people_of(sup, news + "&month=2024-03&count=empty");
    for (int k = 72; k < 75; ++k) CHECK(has_id(empty, f.new_ids[static_cast<std::size_t>(k)]));
    for (const auto& p : empty) {
        if (p["id_number"] == f.new_ids[72]) CHECK(p["outcome"] == "empty_number");
    }
    // The other town: the one the phone check found ineligible, with the reason.
    auto other_ns = sup.get("/api/v1/verification/new-subjects?quarter=2024Q1&town=" + other_id);
    REQUIRE(other_ns.status == 200);
    bool listed = false;
    for (const auto& p : other_ns.body["ineligible"]) {
        if (p["id_number"] == f.other_town_new) {
            listed = true;
            CHECK(p["ineligible_reason"] == "电话核查：不符合条件（非本区户籍）");
        }
    }
    CHECK(listed);
    // …and not in this town's figures.
    CHECK_FALSE(has_id(people_of(sup, news + "&count=ineligible"), f.other_town_new));
}

TEST_CASE("verification deaths and new subjects: who may see and decide, bad queries", "[verification][deaths]") {
    auto& env = TestEnv::get();
    for (const char* role : {"agent", "provider", "kiosk"}) {
        INFO(role);
        auto c = env.signed_in(role);
        CHECK(c.get("/api/v1/verification/deaths?quarter=2024Q1").status == 403);
        CHECK(c.get("/api/v1/verification/new-subjects?quarter=2024Q1").status == 403);
        CHECK(c.post("/api/v1/verification/deaths/110101194001011234/contact",
                     json{{"outcome", "confirmed_dead"}, {"day", "2024-04-05"}}).status == 403);
    }
    // A town user: its own town only (forced), full fields as it sees its own elders; it cannot decide.
    auto town = env.signed_in("town");
    auto own = town.get("/api/v1/verification/deaths?quarter=2024Q1&count=matched");
    REQUIRE(own.status == 200);
    REQUIRE(own.body.contains("town_id"));
    CHECK(own.body["masked"] == false);
    const auto own_town = own.body["town_id"].get<std::int64_t>();
    for (const auto& p : own.body["people"]) CHECK(p["town"] == own.body["town_name"]);   // its own town's people only
    CHECK(town.get("/api/v1/verification/deaths?quarter=2024Q1&town=" + std::to_string(own_town + 1)).status == 403);
    CHECK(town.get("/api/v1/verification/new-subjects?quarter=2024Q1&town=" + std::to_string(own_town + 1)).status == 403);
    auto own_news = town.get("/api/v1/verification/new-subjects?quarter=2024Q1");
    REQUIRE(own_news.status == 200);
    CHECK(own_news.body["town_id"] == own_town);
    CHECK(town.post("/api/v1/verification/deaths/110101194001011234/same-person", json{{"reason", "同一人"}}).status == 403);

    auto sup = env.signed_in("supervisor");
    for (const char* q : {"", "quarter=2024Q5", "quarter=2024Q1&window_from=2023-13-01",
                          "quarter=2024Q1&window_to=2023-02-30", "quarter=2024Q1&window_to=2024-01-15",
                          "quarter=2024Q1&window_from=2023-12-01&window_to=2023-11-30",
                          "quarter=2024Q1&window_from=2020-01-01", "quarter=2024Q1&count=everyone",
                          "quarter=2024Q1&town=999999"}) {
        INFO(q);
        CHECK(sup.get(std::string("/api/v1/verification/deaths?") + q).status == 400);
    }
    for (const char* q : {"", "quarter=2024Q1&month=2024-04&count=provided", "quarter=2024Q1&month=2024-01",
                          "quarter=2024Q1&count=gone", "quarter=2024Q1&month=2024-01&count=called"}) {
        INFO(q);
        CHECK(sup.get(std::string("/api/v1/verification/new-subjects?") + q).status == 400);
    }
    // A quarter before any fee rule: refused, naming the rule.
    auto old = sup.get("/api/v1/verification/deaths?quarter=2020Q1");
    CHECK(old.status == 409);
    CHECK(old.body["error"]["message"].get<std::string>().find("verification_fees") != std::string::npos);
    auto old_news = sup.get("/api/v1/verification/new-subjects?quarter=2020Q1");
    CHECK(old_news.status == 409);
    CHECK(old_news.body["error"]["message"].get<std::string>().find("verification_eligibility") != std::string::npos);
}

TEST_CASE("logged paths: an ID number in a path is masked to its region code", "[verification][deaths]") {
    using yiyang::http::log_path;
    CHECK(log_path("/api/v1/verification/deaths/35030319500101123X/contact") ==
          "/api/v1/verification/deaths/350303************/contact");
    CHECK(log_path("/api/v1/verification/deaths/350303500101123/same-person") ==
          "/api/v1/verification/deaths/350303*********/same-person");
    CHECK(log_path("/api/v1/elders/12345/history") == "/api/v1/elders/12345/history");   // ids stay
    CHECK(log_path("/api/v1/x\r\n35030319500101123x") == "/api/v1/x\\x0D\\x0A350303************");
}

}  // namespace test_verification_deaths_api
