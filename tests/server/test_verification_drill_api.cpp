// Every figure of the quarterly report drills down to its records (issue 10): the synthetic Hanjiang Q1 2024 lists
// imported through the API into a server of its own, the callback sample drawn, then for EVERY cell of the report
// (a loop over its tables, not chosen cells) the drill-down route of its code answers a list whose total is the
// cell's count — a percentage's list is its numerator's, a money cell's the count it prices. The same for a town
// user (its own town's report and lists, masked), and who may not see the lists.
#include <catch2/catch.hpp>

#include "app/photos.hpp"
#include "app/quarter_report.hpp"
#include "verification_fixture.hpp"
#include "yiyang/verification/sampling.hpp"

namespace test_verification_drill_api {

using namespace yiyang;
using yiyang::test::ApiClient;
using json = nlohmann::json;
namespace hj = yiyang::test::hanjiang;

namespace {

struct OwnServer : test::VerificationServer {
    OwnServer()
        : VerificationServer({"yiyang-drill-test", "d_", "下钻",
                              {{"supervisor", Role::Supervisor}, {"town", Role::Town}, {"provider", Role::Provider},
                               {"leader", Role::Leader}}}) {}
};

// The drill-down request of a code (the route each area's figures drill to; the dashboard's drill_target maps the
// same codes, tests/client) with one row per page: the total is what is compared. "" = no route.
struct Drill {
    std::string path;
    const char* total = "people_total";
};
Drill drill_of(const std::string& code) {
    const auto dot = code.find('.');
    const std::string area = code.substr(0, dot);
    std::string figure = code.substr(dot + 1), month;
    if (const auto at = figure.find('@'); at != std::string::npos) {
        month = "&month=" + figure.substr(at + 1);
        figure = figure.substr(0, at);
    }
    const std::string base = "/api/v1/verification/", scope = "?quarter=2024Q1", page = "&page=1&page_size=1";
    if (area == "info_service") return {base + "info-service" + scope + month + "&count=" + (figure == "fee" ? "total" : figure) + page};
    if (area == "physical") {
        return {base + "physical" + scope + month + "&count=" + (figure == "fee" ? "records" : figure) + page,
                "items_total"};
    }
    if (area == "deaths") {
        if (figure == "name_mismatches") return {base + "deaths" + scope, "name_mismatches"};
        return {base + "deaths" + scope + "&count=" + (figure == "to_recover" ? "still_billed" : figure) + page};
    }
    if (area == "new_subjects") return {base + "new-subjects" + scope + month + "&count=" + (figure == "usage" ? "in_use" : figure) + page};
    if (area == "callbacks" || area == "survey") return {base + "callbacks/people" + scope + "&count=" + code + page};
    return {};
}

bool is_money(const std::string& code) {
    const std::string figure = code.substr(code.find('.') + 1, code.find('@') - code.find('.') - 1);
    return figure == "fee" || figure == "to_recover";
}

// Every cell of `report` with a drill code: its route's list total equals the figure. Returns the cells checked.
int check_every_cell(ApiClient& c, const json& report) {
    int checked = 0;
    for (const auto& t : report.at("tables")) {
        for (const auto& row : t.at("rows")) {
            for (std::size_t k = 0; k < row.size(); ++k) {
                const json& cell = row[k];
                const std::string code = cell.value("drill", "");
                if (code.empty()) continue;
                INFO("table " << t.value("code", "") << ", cell " << code << " = " << cell.value("text", ""));
                // The figure the list must hold: a count's value; a percentage's numerator (the row's count, the
                // second cell); a money cell's priced count (the row's count of people / records).
                std::int64_t expected = 0;
                if (cell.contains("value") && !is_money(code)) {
                    expected = cell["value"].get<std::int64_t>();
                } else {
                    std::size_t at = 1;
                    if (t.value("code", "") == "info_service") at = 4;   // 信息费 = 合计人数 × fee
                    REQUIRE(row[at].contains("value"));
                    expected = row[at]["value"].get<std::int64_t>();
                }
                const Drill d = drill_of(code);
                REQUIRE_FALSE(d.path.empty());
                const auto r = c.get(d.path);
                INFO(d.path << " -> " << r.raw.substr(0, 300));
                REQUIRE(r.status == 200);
                const json& total = r.body.at(d.total);
                CHECK((total.is_array() ? static_cast<std::int64_t>(total.size()) : total.get<std::int64_t>()) == expected);
                ++checked;
            }
        }
    }
    return checked;
}

}  // namespace

TEST_CASE("verification drill-down: every figure of the report lists exactly its count, for the district and a town",
          "[verification][inprocess]") {
    OwnServer srv;
    auto sup = srv.signed_in("supervisor");
    const auto ledger = test::import_hanjiang_lists(sup, srv.town_names(sup));
    const auto draw = verification::draw_sample({app::default_draw_date({PeriodKind::Quarter, 2024, 1}), {5, 100},
                                                 app::default_sample_seed({PeriodKind::Quarter, 2024, 1}), false},
                                                ledger, [](std::string_view t) { return app::sha256_hex(t); });
    auto calls = hj::sample_callbacks(draw.sample.keys);
    const auto survey = hj::survey_answers(hj::served_ids());
    calls.insert(calls.end(), survey.begin(), survey.end());
    REQUIRE(import_csv(sup, "callbacks", hj::callbacks_csv(calls)).status == 201);

    // No draw yet: the callback cells have no figure and their lists are empty (the report never draws).
    const auto none = sup.get("/api/v1/verification/callbacks/people?quarter=2024Q1&count=callbacks.outcome_no_answer");
    REQUIRE(none.status == 200);
    CHECK(none.body["people_total"] == 0);
    CHECK(none.body["draw_id"] == 0);
    // The survey does not need a draw.
    const auto valid = sup.get("/api/v1/verification/callbacks/people?quarter=2024Q1&count=survey.valid&page_size=200");
    REQUIRE(valid.status == 200);
    CHECK(valid.body["people_total"] == 188);
    REQUIRE(valid.body["people"].size() == 188);
    CHECK(valid.body["masked"] == false);
    for (const auto& p : valid.body["people"]) {
        CHECK(p["outcome"] == "接通");
        CHECK(p["answers"].get<std::string>().find("总体：") != std::string::npos);
    }

    REQUIRE(sup.post("/api/v1/verification/samples", {{"quarter", "2024Q1"}, {"draw_date", "2024-02-29"},
                                                      {"seed", "yiyang-2024-Q1"}, {"rate_num", 5}, {"rate_den", 100}})
                .status == 201);
    const auto rep = sup.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(rep.status == 200);
    REQUIRE(test::report_text(rep.body, "physical.records") == "9562");
    REQUIRE(test::report_text(rep.body, "callbacks.sample") == "295");
    // Every cell of every table (7 tables: 98 figures here, a town fewer: only the outcomes it has).
    CHECK(check_every_cell(sup, rep.body) > 90);

    // 服务人次 of a month opens the month's records, every one, flagged ones marked.
    const auto jan = sup.get("/api/v1/verification/physical?quarter=2024Q1&month=2024-01&count=records&page_size=200");
    REQUIRE(jan.status == 200);
    CHECK(jan.body["items_total"] == 3456);
    CHECK(jan.body["items"].size() == 200);
    for (const auto& it : jan.body["items"]) {
        CHECK(it["day"].get<std::string>().rfind("2024-01", 0) == 0);
        CHECK(it["flagged"] == !it["reasons"].empty());
    }
    // The quarter's list (no month) is the months' one after the other: a page across January's end holds its last
    // records, then February's first (the page is a slice of the tallies, collected only for the page).
    const auto across = sup.get("/api/v1/verification/physical?quarter=2024Q1&count=records&page=35&page_size=100");
    REQUIRE(across.status == 200);
    CHECK(across.body["items_total"] == 9562);
    REQUIRE(across.body["items"].size() == 100);
    const auto jan_tail = sup.get("/api/v1/verification/physical?quarter=2024Q1&month=2024-01&count=records&page=18&page_size=200");
    const auto feb_head = sup.get("/api/v1/verification/physical?quarter=2024Q1&month=2024-02&count=records&page_size=44");
    REQUIRE(jan_tail.status == 200);
    REQUIRE(feb_head.status == 200);
    REQUIRE(jan_tail.body["items"].size() == 56);   // 3400..3455
    for (std::size_t i = 0; i < 100; ++i) {
        const auto& want = i < 56 ? jan_tail.body["items"][i] : feb_head.body["items"][i - 56];
        CHECK(across.body["items"][i]["record_no"] == want["record_no"]);
    }
    const auto past = sup.get("/api/v1/verification/physical?quarter=2024Q1&count=payable&page=1000&page_size=100");
    REQUIRE(past.status == 200);
    CHECK(past.body["items"].empty());
    CHECK(past.body["items_total"] == past.body["payable"]);
    CHECK(sup.get("/api/v1/verification/physical?quarter=2024Q1&count=records&status=pending").status == 400);
    CHECK(sup.get("/api/v1/verification/physical?quarter=2024Q1&count=flagged").status == 400);
    CHECK(sup.get("/api/v1/verification/callbacks/people?quarter=2024Q1&count=deaths.matched").status == 400);
    CHECK(sup.get("/api/v1/verification/callbacks/people?quarter=2024Q1").status == 400);
    CHECK(sup.get("/api/v1/verification/new-subjects?quarter=2024Q1&count=outcome_nonsense").status == 400);

    // A town user: its own town's report, and every list of it its own town's (town staff see their elders whole).
    auto town = srv.signed_in("town");
    const auto tr = town.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(tr.status == 200);
    REQUIRE(tr.body["town_id"] == 1);
    CHECK(test::report_text(tr.body, "physical.records") != "9562");
    CHECK(check_every_cell(town, tr.body) > 90);
    const auto tp = town.get("/api/v1/verification/callbacks/people?quarter=2024Q1&count=callbacks.sample&page_size=200");
    REQUIRE(tp.status == 200);
    CHECK(tp.body["town_id"] == 1);
    const std::string town_name = tp.body["town_name"];
    CHECK(tp.body["people_total"].get<std::int64_t>() < 295);
    for (const auto& p : tp.body["people"]) CHECK(p["town"] == town_name);
    CHECK(town.get("/api/v1/verification/callbacks/people?quarter=2024Q1&town=2&count=survey.valid").status == 403);

    // The bureau leader reads the figures; nothing personal in the lists.
    auto leader = srv.signed_in("leader");
    const auto lp = leader.get("/api/v1/verification/callbacks/people?quarter=2024Q1&count=survey.valid&page_size=3");
    REQUIRE(lp.status == 200);
    CHECK(lp.body["masked"] == true);
    CHECK(lp.body["people_total"] == 188);
    for (const auto& p : lp.body["people"]) {
        CHECK(p["id_number"].get<std::string>().find('*') != std::string::npos);
        CHECK(p["id_number"] != valid.body["people"][0]["id_number"]);
    }
    const auto lr = leader.get("/api/v1/verification/physical?quarter=2024Q1&month=2024-02&count=records&page_size=3");
    REQUIRE(lr.status == 200);
    CHECK(lr.body["items_total"] == 2347);
    CHECK(lr.body["items"][0]["id_number"].get<std::string>().find('*') != std::string::npos);

    // A provider reads no verification list but its own records' (provider 1 imported the Hanjiang records).
    auto prov = srv.signed_in("provider");
    CHECK(prov.get("/api/v1/verification/callbacks/people?quarter=2024Q1&count=survey.valid").status == 403);
    CHECK(prov.get("/api/v1/verification/physical?quarter=2024Q1&count=records").status == 403);
    const auto own = prov.get("/api/v1/verification/physical/own?quarter=2024Q1&month=2024-01&count=records&page_size=5");
    REQUIRE(own.status == 200);
    CHECK(own.body["items_total"] == 3456);
    CHECK(own.body["masked"] == true);
    // The scoped walk pages as the district's slice does: the provider's records are all of them here.
    const auto own_across = prov.get("/api/v1/verification/physical/own?quarter=2024Q1&count=records&page=35&page_size=100");
    REQUIRE(own_across.status == 200);
    CHECK(own_across.body["items_total"] == 9562);
    REQUIRE(own_across.body["items"].size() == 100);
    for (std::size_t i = 0; i < 100; ++i) CHECK(own_across.body["items"][i]["record_no"] == across.body["items"][i]["record_no"]);
}

}  // namespace test_verification_drill_api
