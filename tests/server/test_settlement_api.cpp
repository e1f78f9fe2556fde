// POST /api/v1/settlement/statements/preview (issue 11): a hand-computed month through the suite's server — the
// payable amount equals the shared computation (settle_month on the seeded rules) and the hand figure; the PDF's text
// (pdftotext) shows the payable amount and the provider; the XLSX read back (app/import_files) gives the same
// numbers; a count below zero and a month not yet over are 422 naming the field; only supervisors and admins.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "app/import_files.hpp"
#include "app/statement_files.hpp"
#include "harness.hpp"
#include "store/rules.hpp"
#include "store/schema.hpp"
#include "verification_fixture.hpp"
#include "yiyang/rng.hpp"
#include "yiyang/settlement/statement.hpp"
#include "yiyang/wire/settlement.hpp"

namespace test_settlement_api {

using namespace yiyang;
using nlohmann::json;
using yiyang::test::TestEnv;

namespace {

constexpr const char* kPath = "/api/v1/settlement/statements/preview";

// March 2025 of 颐康居家服务中心 (rule county-2025-v1: 300 / 200 yuan a month; hanjiang-2024-v1: 30 yuan a 人次,
// 20 yuan a person-month). By hand:
//   3 × 300 + 2 × 200 + 7 × 30 + 4 × 20 = 900 + 400 + 210 + 80 = 1 590.00 yuan
//   × 96.50 % = 1 534.35 (exact: 159 000 fen × 9 650 / 10 000 = 153 435 fen)
//   − subject 12's fee (faked, severe: 300.00) = 1 234.35
//   − the death deduction of subject 15 (200.00) = 1 034.35 yuan payable.
json march_input() {
    return {{"provider_id", 7},
            {"provider_name", "颐康居家服务中心"},
            {"month", "2025-03"},
            {"payout_bp", 9650},
            {"grade", "excellent"},
            {"served", json::array({{{"tier", "severe_or_complete"}, {"count", 3}, {"subject_ids", {11, 12, 13}}},
                                    {{"tier", "subsistence_moderate_or_aged"}, {"count", 2}, {"subject_ids", {14, 15}}}})},
            {"physical_services", 7},
            {"information_person_months", 4},
            {"physical_ref", "2025-Q1"},
            {"information_ref", "2025-Q1"},
            {"faked", json::array({{{"subject_id", 12}, {"tier", "severe_or_complete"}, {"case_ref", "回访 2025-03-20"}}})},
            {"deductions", json::array({{{"subject_id", 15}, {"reason", "death"}, {"amount_fen", 20000}, {"note", "3月10日死亡"}}})}};
}

std::filesystem::path temp_file(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("yiyang-settlement-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST_CASE("settlement preview: a hand-computed month as JSON, PDF and XLSX", "[settlement]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const json input = march_input();

    const auto r = sup.post(kPath, input);
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 200);
    CHECK(r.body["payable_fen"] == 103435);   // the hand figure
    CHECK(r.body["fees_total_fen"] == 159000);
    CHECK(r.body["graded_fen"] == 153435);
    CHECK(r.body["faked_total_fen"] == 30000);
    CHECK(r.body["deductions_total_fen"] == 20000);
    CHECK(r.body["receivable_fen"] == 0);
    CHECK(r.body["fees_version"] == "county-2025-v1");
    CHECK(r.body["verification_fees_version"] == "hanjiang-2024-v1");
    REQUIRE(r.body["lines"].size() == 6);   // 2 tiers, physical, information, 1 faked, 1 deduction
    CHECK(r.body["lines"][0]["source"]["subject_ids"] == json({11, 12, 13}));

    // The shared computation on the seeded rules gives the same statement.
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::migrate(db);
    store::seed_rules(db, std::string(YIYANG_SOURCE_DIR) + "/assets/rules", 0);
    const auto book = store::load_rules(db);
    settlement::StatementInput in;
    REQUIRE(wire::statement_input_from_json(input, in).empty());
    const auto outcome = settlement::settle_month(in, settlement::statement_rules_on(book, in.month), Date{2025, 4, 1});
    REQUIRE(outcome.ok());
    CHECK(json(wire::statement_view(*outcome.statement)) == r.body);

    // PDF: the payable amount, the provider, the steps and the seal's blanks in its text.
    const auto p = sup.post(std::string(kPath) + "?format=pdf", input);
    REQUIRE(p.status == 200);
    CHECK(p.header("Content-Type") == "application/pdf");
    CHECK(p.raw.rfind("%PDF-", 0) == 0);
    const auto pdf_path = temp_file("statement.pdf");
    std::ofstream(pdf_path, std::ios::binary) << p.raw;
    if (const char* keep = std::getenv("YIYANG_STATEMENT_PDF_OUT"))
        std::filesystem::copy_file(pdf_path, keep, std::filesystem::copy_options::overwrite_existing);
    const std::string text = test::shell_output("pdftotext -layout '" + pdf_path.string() + "' -");
    std::filesystem::remove(pdf_path);
    for (const char* s : {"服务结算单", "颐康居家服务中心", "2025年3月", "1,034.35", "1,590.00", "1,534.35", "96.50%",
                          "county-2025-v1", "签署人", "SHA-256"})
        CHECK(text.find(s) != std::string::npos);

    // XLSX read back: the lines' numbers and the payable amount as numbers of yuan.
    const auto x = sup.post(std::string(kPath) + "?format=xlsx", input);
    REQUIRE(x.status == 200);
    CHECK(x.header("Content-Type").find("spreadsheetml") != std::string::npos);
    const auto sheet = app::read_sheet(x.raw);
    REQUIRE(!sheet.info.error_zh);
    std::map<std::string, std::vector<std::string>> by_label;
    for (const auto& row : sheet.rows)
        if (!row.fields.empty()) by_label[row.fields[0]] = row.fields;
    REQUIRE(by_label.count("应付金额（元）") == 1);
    CHECK(by_label["应付金额（元）"].at(1) == "1034.35");
    REQUIRE(by_label.count("费用合计") == 1);
    CHECK(by_label["费用合计"].at(3) == "1590");
    const auto severe = std::find_if(sheet.rows.begin(), sheet.rows.end(), [](const CsvRow& row) {
        return !row.fields.empty() && row.fields[0].find("重度及完全失能") != std::string::npos;
    });
    REQUIRE(severe != sheet.rows.end());
    CHECK(severe->fields.at(1) == "3");
    CHECK(severe->fields.at(2) == "300");
    CHECK(severe->fields.at(3) == "900");
}

TEST_CASE("settlement preview: bad input is 422 naming the field; only supervisors and admins", "[settlement]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");

    json negative = march_input();
    negative["served"][1]["count"] = -1;
    negative["served"][1].erase("subject_ids");
    negative["deductions"] = json::array();
    const auto n = sup.post(kPath, negative);
    REQUIRE(n.status == 422);
    CHECK(n.body["error"]["message"] == "上门服务人数第2行：人数不能为负数");
    CHECK(n.body["error"]["fields"][0]["field"] == "served[1].count");

    json future = march_input();
    future["month"] = "2099-01";
    const auto f = sup.post(kPath, future);
    REQUIRE(f.status == 422);
    CHECK(f.body["error"]["fields"][0]["field"] == "month");
    CHECK(f.body["error"]["message"].get<std::string>().find("2099年1月尚未结束") != std::string::npos);

    json typo = march_input();
    typo["payout"] = 9650;
    const auto t = sup.post(kPath, typo);
    REQUIRE(t.status == 422);
    CHECK(t.body["error"]["fields"][0]["field"] == "payout");

    json wrong_kind = march_input();
    wrong_kind["served"][0]["count"] = "3";
    const auto w = sup.post(kPath, wrong_kind);
    REQUIRE(w.status == 422);
    CHECK(w.body["error"]["fields"][0]["field"] == "served[0].count");

    CHECK(sup.post(std::string(kPath) + "?format=doc", march_input()).status == 400);

    CHECK(env.signed_in("admin").post(kPath, march_input()).status == 200);
    for (const char* role : {"agent", "town", "provider", "kiosk"}) {
        INFO(role);
        CHECK(env.signed_in(role).post(kPath, march_input()).status == 403);
    }
    CHECK(env.client().post(kPath, march_input()).status == 401);
}

TEST_CASE("settlement: 400 statements with their PDFs (benchmark)", "[.settlement_pdf_bench]") {
    // Issue 11's budget: 400 statements ≤ 5 s including PDFs. A city month: 400 providers, each ~250 people in two
    // tiers (drill-down lists), physical and information counts, 3 faked cases and 3 death deductions — validated,
    // computed, the wire view, the A4 PDFs (on 2 threads). Median of 3 runs; printed for docs/BENCHMARKS.md.
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::migrate(db);
    store::seed_rules(db, std::string(YIYANG_SOURCE_DIR) + "/assets/rules", 0);
    const auto book = store::load_rules(db);
    Rng rng(400);
    std::vector<settlement::StatementInput> inputs;
    Id next_id = 1;
    for (int p = 1; p <= 400; ++p) {
        settlement::StatementInput in;
        in.provider_id = p;
        in.provider_name = "第" + std::to_string(p) + "居家养老服务中心";
        in.month = *parse_period("2025-03");
        in.grade = "good";
        in.payout_bp = rng.between(9500, 9800);
        for (const char* tier : {"severe_or_complete", "subsistence_moderate_or_aged"}) {
            settlement::ServedTier st{tier, rng.between(80, 170), {}};
            for (std::int64_t i = 0; i < st.count; ++i) st.subject_ids.push_back(next_id++);
            in.served.push_back(std::move(st));
        }
        in.physical_services = rng.between(100, 2000);
        in.information_person_months = rng.between(100, 6000);
        for (std::size_t i = 0; i < 3; ++i) in.faked.push_back({in.served[0].subject_ids[i], "severe_or_complete", "回访"});
        for (std::size_t i = 0; i < 3; ++i)
            in.deductions.push_back({in.served[1].subject_ids[i], settlement::DeductionReason::Death, 6000, "死亡"});
        inputs.push_back(std::move(in));
    }
    app::StatementFileOptions options{"supervisor（督导）", "2025-04-02 10:00", "", {}, false};
    std::vector<double> compute_ms, total_ms, cpu_ms;
    std::size_t bytes = 0;
    for (int run = 0; run < 3; ++run) {
        double compute = 0;
        bytes = 0;
        const std::clock_t cpu0 = std::clock();
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<wire::SettlementStatementView> views;
        for (const auto& in : inputs) {
            const auto c0 = std::chrono::steady_clock::now();
            const auto out = settlement::settle_month(in, settlement::statement_rules_on(book, in.month), Date{2025, 4, 2});
            REQUIRE(out.ok());
            views.push_back(wire::statement_view(*out.statement));
            compute += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c0).count();
        }
        // The PDFs on both cores (app::statement_pdfs; YIYANG_PDF_THREADS=1 for one thread).
        const char* th = std::getenv("YIYANG_PDF_THREADS");
        for (const auto& pdf : app::statement_pdfs(views, options, th ? static_cast<unsigned>(std::atoi(th)) : 2u))
            bytes += pdf.size();
        total_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        compute_ms.push_back(compute);
        cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC);
    }
    std::sort(total_ms.begin(), total_ms.end());
    std::sort(compute_ms.begin(), compute_ms.end());
    std::sort(cpu_ms.begin(), cpu_ms.end());
    std::printf("settlement: 400 statements + PDFs: median %.0f ms (runs sorted %.0f / %.0f / %.0f), of which "
                "computing median %.1f ms; CPU median %.0f ms (%.0f / %.0f / %.0f); PDFs %zu bytes in all\n",
                total_ms[1], total_ms[0], total_ms[1], total_ms[2], compute_ms[1], cpu_ms[1], cpu_ms[0], cpu_ms[1],
                cpu_ms[2], bytes);
    CHECK(bytes > 400 * 1000);
}

}  // namespace test_settlement_api
