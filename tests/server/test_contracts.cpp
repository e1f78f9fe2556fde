// Contracts, their payments and the provider's year (http/contract_routes.cpp, issue 11 "The year") on the real
// in-process server and SQLite file. The signed assessment months are inserted as rows that satisfy migration 21's
// CHECKs (status 'signed' with figures = wire::AssessmentMonth, grade_code, payout_bp, signed_at): the signing
// itself is branch assess's. Hand-computed: provider 1, 2025, one project, departments' means 81..92 and the leader
// 95 every month → 86.5 × 9/10 + 95 × 1/10 = 87.35 (良好); provider 2 has two projects, one at 60 (不合格): graded
// by the lowest, the balance of its contract is withheld.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "harness.hpp"
#include "yiyang/date.hpp"
#include "yiyang/wire/assessment.hpp"

namespace test_contracts {

using namespace yiyang::test;

namespace {

constexpr std::int64_t kYear = 2025;

std::string month_of(int m) { return std::string("2025-") + (m < 10 ? "0" : "") + std::to_string(m); }

// One signed month: departments' mean and the leader's review as whole points (exact), the total by the rule's
// combination (× 9/10 and × 1/10), written as the figures the signing keeps.
void signed_month(SQLite::Database& db, std::int64_t provider, const std::string& project, int m, std::int64_t mean,
                  std::int64_t leader, const std::string& grade, yiyang::LocalSeconds signed_at) {
    yiyang::wire::AssessmentMonth f;
    f.rule_version = "county-scorecard-2024-v1";
    f.departments_mean = {mean, 1, std::to_string(mean) + ".00"};
    f.leader = {leader, 1, std::to_string(leader) + ".00"};
    f.total = {mean * 9 + leader, 10, ""};
    f.grade_code = grade;
    f.payout_bp = grade == "fail" ? 8000 : 9500;
    SQLite::Statement q(db,
                        "INSERT INTO assessment_months (provider_id, project_code, month, rule_version, prefill, status, "
                        "created_at, figures, figures_sha256, total_num, total_den, grade_code, payout_bp, signed_by, "
                        "signed_at) VALUES (?, ?, ?, ?, '{}', 'signed', ?, ?, 'x', ?, 10, ?, ?, 'leader', ?)");
    q.bind(1, provider);
    q.bind(2, project);
    q.bind(3, month_of(m));
    q.bind(4, f.rule_version);
    q.bind(5, signed_at);
    q.bind(6, yiyang::wire::json(f).dump());
    q.bind(7, f.total.num);
    q.bind(8, grade);
    q.bind(9, f.payout_bp);
    q.bind(10, signed_at);
    q.exec();
}

// The months of 2025 for providers 1 and 2 (and one open month of provider 3), once per test process.
void seed_year(TestEnv& env) {
    static bool done = false;
    if (done) return;
    done = true;
    SQLite::Database db(env.database_path(), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    SQLite::Transaction t(db);
    const auto day = [](int y, int mo, int d) { return yiyang::start_of(yiyang::Date{y, mo, d}) + 10 * 3600; };
    for (int m = 1; m <= 12; ++m) {
        // Signed early the next month; December's on 2026-01-08 (the final assessment's day).
        const auto at = m == 12 ? day(2026, 1, 8) : day(2025, m + 1, 5);
        signed_month(db, 1, "home_visit", m, 80 + m, 95, "good", at);
        // The demo city puts odd providers in both projects: provider 1's 探视巡访服务 months are signed too, higher,
        // so the year is graded by home_visit (the lowest project).
        signed_month(db, 1, "visiting", m, 95, 95, "excellent", at - 3600);
        signed_month(db, 2, "home_visit", m, 92, 92, "excellent", at - 86400);
        signed_month(db, 2, "visiting", m, 60, 60, "fail", at - 86400);
    }
    for (int m = 1; m <= 3; ++m) signed_month(db, 3, "home_visit", m, 85, 85, "good", day(2025, m + 1, 5));
    db.exec("INSERT INTO assessment_months (provider_id, project_code, month, rule_version, prefill, status, created_at) "
            "VALUES (3, 'home_visit', '2025-04', 'county-scorecard-2024-v1', '{}', 'open', 0)");
    t.commit();
}

json contract_body(std::int64_t provider, const std::string& no) {
    return {{"provider_id", provider}, {"project_code", "home_visit"}, {"year", kYear}, {"contract_no", no},
            {"signed_on", "2025-01-06"}, {"total_fen", 1000000}, {"note", "测试合同"}};
}

std::int64_t payments_in_db(TestEnv& env) {
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM contract_payments").getInt64();
}

const json& installment(const json& contract, const std::string& code) {
    for (const auto& i : contract["schedule"]["installments"])
        if (i["code"] == code) return i;
    throw std::runtime_error("no installment " + code);
}

}  // namespace

TEST_CASE("the year: signed months → departments' mean × 90 % + leader × 10 %, lowest project, missing months",
          "[contracts]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    seed_year(env);
    auto sup = env.signed_in("supervisor");

    auto y1 = sup.get("/api/v1/assessment/year?provider_id=1&year=2025");
    REQUIRE(y1.status == 200);
    REQUIRE(y1.body["projects"].size() == 2);
    CHECK(y1.body["lowest_project_code"] == "home_visit");
    const auto& p1 = y1.body["projects"][0];
    CHECK(p1["project_code"] == "home_visit");
    CHECK(p1["signed_months"] == 12);
    CHECK(p1["missing_months"].empty());
    CHECK(p1["months"].size() == 12);
    CHECK(p1["months"][2]["departments_mean"]["num"] == 83);
    CHECK(y1.body["final"] == true);
    CHECK(y1.body["assessed_on"] == "2026-01-08");
    // (81 + … + 92) / 12 = 86.5; × 9/10 = 77.85; + 95 / 10 = 87.35 → 良好 (80 ≤ total < 90).
    CHECK(y1.body["result"]["total"]["text"] == "87.35");
    CHECK(y1.body["result"]["total"]["num"].get<std::int64_t>() * 100 ==
          8735 * y1.body["result"]["total"]["den"].get<std::int64_t>());
    CHECK(y1.body["result"]["grade_code"] == "good");

    // Two projects: 92 and 60 → the provider is graded by the lowest (60: 不合格, contract ended, barred).
    auto y2 = sup.get("/api/v1/assessment/year?provider_id=2&year=2025");
    REQUIRE(y2.status == 200);
    CHECK(y2.body["projects"].size() == 2);
    CHECK(y2.body["lowest_project_code"] == "visiting");
    CHECK(y2.body["result"]["grade_code"] == "fail");
    CHECK(y2.body["result"]["contract_ended"] == true);
    CHECK(y2.body["result"]["barred_next_year"] == true);

    // Three signed months, one open, eight missing: provisional, the nine listed.
    auto y3 = sup.get("/api/v1/assessment/year?provider_id=3&year=2025");
    REQUIRE(y3.status == 200);
    CHECK(y3.body["final"] == false);
    CHECK(!y3.body.contains("assessed_on"));
    CHECK(y3.body["projects"][0]["missing_months"].size() == 9);
    CHECK(y3.body["projects"][0]["months"][3]["status"] == "open");
    CHECK(y3.body["projects"][0]["months"][4]["status"] == "missing");
    CHECK(y3.body["result"]["grade_code"] == "good");   // 85 from the three signed months

    CHECK(sup.get("/api/v1/assessment/year?provider_id=999999&year=2025").status == 404);
    CHECK(sup.get("/api/v1/assessment/year?year=2025").status == 400);
    CHECK(sup.get("/api/v1/assessment/year?provider_id=1&year=1999").status == 400);
}

TEST_CASE("contracts: the schedule from stored payments; over the balance refused; a failed year withholds",
          "[contracts]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    seed_year(env);
    auto sup = env.signed_in("supervisor");

    auto c1 = sup.post("/api/v1/contracts", contract_body(1, "HT-2025-001"));
    REQUIRE(c1.status == 201);
    const std::int64_t id1 = c1.body["id"];
    CHECK(c1.body["project_name"] == "居家养老上门服务");   // migration 23 inserts the two projects
    CHECK(c1.body["period_from"] == "2025-01-01");
    CHECK(c1.body["period_to"] == "2025-12-31");
    // 30 % = 3 000.00 元 due the 10th workday after Monday 2025-01-06 (the 7th … the 20th); 70 % after the final
    // assessment (良好, 2026-01-08): the 10th workday after it is 2026-01-22. Nothing paid, both overdue today.
    const auto& adv = installment(c1.body, "advance");
    CHECK(adv["amount_fen"] == 300000);
    CHECK(adv["due_on"] == "2025-01-20");
    CHECK(adv["status"] == "overdue");
    const auto& bal = installment(c1.body, "balance");
    CHECK(bal["amount_fen"] == 700000);
    CHECK(bal["due_on"] == "2026-01-22");
    CHECK(c1.body["schedule"]["annual_grade"] == "good");

    // Duplicate number, same provider × project × year, bad input: refused, nothing written.
    // The 409s name the member they are about (the form shows them beside the field).
    {
        const auto taken = sup.post("/api/v1/contracts", contract_body(1, "HT-2025-001"));
        CHECK(taken.status == 409);
        REQUIRE(taken.body["error"]["fields"].size() == 1);
        CHECK(taken.body["error"]["fields"][0]["field"] == "contract_no");
        const auto twice = sup.post("/api/v1/contracts", contract_body(1, "HT-2025-009"));
        CHECK(twice.status == 409);
        REQUIRE(twice.body["error"]["fields"].size() == 1);
        CHECK(twice.body["error"]["fields"][0]["field"] == "project_code");
    }
    auto bad = contract_body(3, "HT-2025-010");
    bad["period_to"] = "2026-03-31";
    auto r = sup.post("/api/v1/contracts", bad);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("服务期") != std::string::npos);
    bad = contract_body(3, "HT-2025-010");
    bad["total_fen"] = -5;
    CHECK(sup.post("/api/v1/contracts", bad).status == 422);
    bad = contract_body(3, "HT-2025-010");
    bad["extra"] = 1;
    CHECK(sup.post("/api/v1/contracts", bad).status == 422);
    bad = contract_body(3, "HT-2025-010");
    bad["project_code"] = "nope";
    CHECK(sup.post("/api/v1/contracts", bad).status == 422);

    const auto before = payments_in_db(env);
    // The advance in two parts, then the balance; one fen beyond the balance is refused and changes nothing.
    auto p = sup.post("/api/v1/contracts/" + std::to_string(id1) + "/payments",
                      {{"kind", "advance"}, {"paid_on", "2025-01-15"}, {"amount_fen", 200000}, {"note", "首笔"}});
    REQUIRE(p.status == 201);
    CHECK(installment(p.body, "advance")["outstanding_fen"] == 100000);
    r = sup.post("/api/v1/contracts/" + std::to_string(id1) + "/payments",
                 {{"kind", "advance"}, {"paid_on", "2025-01-24"}, {"amount_fen", 100001}});
    CHECK(r.status == 422);
    p = sup.post("/api/v1/contracts/" + std::to_string(id1) + "/payments",
                 {{"kind", "advance"}, {"paid_on", "2025-01-24"}, {"amount_fen", 100000}});
    REQUIRE(p.status == 201);
    CHECK(installment(p.body, "advance")["status"] == "paid");
    CHECK(installment(p.body, "advance")["overdue_days"] == 4);   // due the 20th, paid in full the 24th
    r = sup.post("/api/v1/contracts/" + std::to_string(id1) + "/payments",
                 {{"kind", "balance"}, {"paid_on", "2026-01-20"}, {"amount_fen", 700001}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["message"].get<std::string>().find("超过应付余额") != std::string::npos);
    CHECK(payments_in_db(env) == before + 2);
    p = sup.post("/api/v1/contracts/" + std::to_string(id1) + "/payments",
                 {{"kind", "balance"}, {"paid_on", "2026-01-20"}, {"amount_fen", 700000}});
    REQUIRE(p.status == 201);
    CHECK(installment(p.body, "balance")["status"] == "paid");
    CHECK(p.body["schedule"]["paid_total_fen"] == 1000000);
    CHECK(p.body["payments"].size() == 3);
    // A payment dated in the future, a bad kind: refused.
    CHECK(sup.post("/api/v1/contracts/" + std::to_string(id1) + "/payments",
                   {{"kind", "gift"}, {"paid_on", "2026-01-20"}, {"amount_fen", 1}})
              .status == 422);
    CHECK(sup.post("/api/v1/contracts/999999/payments", {{"kind", "advance"}, {"paid_on", "2025-02-01"}, {"amount_fen", 1}})
              .status == 404);

    // Provider 2's year failed (its lowest project): the balance is withheld and cannot be paid.
    auto c2 = sup.post("/api/v1/contracts", contract_body(2, "HT-2025-002"));
    REQUIRE(c2.status == 201);
    CHECK(installment(c2.body, "balance")["status"] == "withheld");
    CHECK(installment(c2.body, "balance")["withheld_fen"] == 700000);
    CHECK(c2.body["schedule"]["contract_ended"] == true);
    const std::int64_t id2 = c2.body["id"];
    r = sup.post("/api/v1/contracts/" + std::to_string(id2) + "/payments",
                 {{"kind", "balance"}, {"paid_on", "2026-01-20"}, {"amount_fen", 1000}});
    CHECK(r.status == 409);
    CHECK(r.body["error"]["code"] == "balance_withheld");

    // Provider 3's year is not over (months missing): the balance awaits the final assessment.
    auto c3 = sup.post("/api/v1/contracts", contract_body(3, "HT-2025-003"));
    REQUIRE(c3.status == 201);
    CHECK(installment(c3.body, "balance")["status"] == "awaiting_assessment");
    r = sup.post("/api/v1/contracts/" + std::to_string(c3.body["id"].get<std::int64_t>()) + "/payments",
                 {{"kind", "balance"}, {"paid_on", "2025-06-20"}, {"amount_fen", 1000}});
    CHECK(r.status == 409);
    CHECK(r.body["error"]["code"] == "not_due");

    // Audited: the contract's creation and every payment recorded (not the refused ones).
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    SQLite::Statement a(db, "SELECT count(*) FROM audit_events WHERE entity = 'contract' AND entity_id = ? AND action = 'create'");
    a.bind(1, id1);
    REQUIRE(a.executeStep());
    CHECK(a.getColumn(0).getInt64() == 1);
    SQLite::Statement b(db,
                        "SELECT count(*), sum(json_extract(changes, '$.amount_fen')) FROM audit_events WHERE "
                        "entity = 'contract_payment' AND json_extract(changes, '$.contract_id') = ?");
    b.bind(1, id1);
    REQUIRE(b.executeStep());
    CHECK(b.getColumn(0).getInt64() == 3);
    CHECK(b.getColumn(1).getInt64() == 1000000);
}

TEST_CASE("contracts: who may read and write", "[contracts]") {
    auto& env = TestEnv::get();
    if (env.external()) return;
    seed_year(env);
    auto sup = env.signed_in("supervisor");
    if (sup.get("/api/v1/contracts?provider_id=2&year=2025").body["items"].empty())
        REQUIRE(sup.post("/api/v1/contracts", contract_body(2, "HT-2025-R02")).status == 201);
    if (sup.get("/api/v1/contracts?provider_id=1&year=2025").body["items"].empty())
        REQUIRE(sup.post("/api/v1/contracts", contract_body(1, "HT-2025-R01")).status == 201);

    // The provider (provider 1): its own contracts and year only, whatever it asks for; never writes.
    auto prov = env.signed_in("provider");
    auto mine = prov.get("/api/v1/contracts");
    REQUIRE(mine.status == 200);
    REQUIRE(!mine.body["items"].empty());
    for (const auto& c : mine.body["items"]) CHECK(c["provider_id"] == 1);
    CHECK(prov.get("/api/v1/contracts?provider_id=2").status == 403);
    CHECK(prov.get("/api/v1/assessment/year?year=2025").status == 200);
    CHECK(prov.get("/api/v1/assessment/year?provider_id=2&year=2025").status == 403);
    CHECK(prov.post("/api/v1/contracts", contract_body(1, "HT-X")).status == 403);

    // The leader reads everything, writes nothing; the admin writes; agents, towns and kiosks see none of it.
    auto leader = env.signed_in("leader");
    auto all = leader.get("/api/v1/contracts?year=2025");
    REQUIRE(all.status == 200);
    CHECK(all.body["items"].size() >= 2);
    CHECK(leader.get("/api/v1/assessment/year?provider_id=2&year=2025").status == 200);
    CHECK(leader.post("/api/v1/contracts", contract_body(4, "HT-2025-L")).status == 403);
    for (const char* role : {"agent", "town", "kiosk"}) {
        INFO(role);
        CHECK(env.signed_in(role).get("/api/v1/contracts").status == 403);
        CHECK(env.signed_in(role).get("/api/v1/assessment/year?provider_id=1&year=2025").status == 403);
    }
    CHECK(env.client().get("/api/v1/contracts").status == 401);
}

}  // namespace test_contracts
