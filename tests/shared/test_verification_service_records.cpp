// The service records in columns (verification/service_records: what the server's quarter holds at city scale):
// each cell reads back as pushed (blanks, Chinese, empty cells), a record is found by number whether or not the
// table is in record-number order, and physical_services on a table in any order gives the figures of the rows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "verification_physical_compare.hpp"
#include "verification_support.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/service_records.hpp"

namespace test_verification_service_records {

using namespace yiyang;
using namespace yiyang::verification;
using yiyang::test::person_id;

namespace {

ServiceRecordRow record(std::string no, int person, Date day, int start_minute, std::string caregiver, std::string evidence) {
    ServiceRecordRow r;
    r.record_no = std::move(no);
    r.id_number = person_id(person);
    r.name = "用户";
    r.day = day;
    r.start = start_minute * 60;
    r.end = r.start + 30 * 60;
    r.item = "助餐";
    r.caregiver = std::move(caregiver);
    r.evidence = std::move(evidence);
    return r;
}

}  // namespace

TEST_CASE("service record table: cells read back as pushed; found by number in or out of order", "[verification]") {
    TextColumn c;
    for (std::string_view t : {"", "李 强", "", "p1.jpg", "王　芳"}) c.push_back(t);
    REQUIRE(c.size() == 5);
    CHECK(c[0].empty());
    CHECK(c[1] == "李 强");
    CHECK(c[2].empty());
    CHECK(c[3] == "p1.jpg");
    CHECK(c[4] == "王　芳");
    CHECK(c.bytes() == std::string("李 强p1.jpg王　芳").size());

    std::vector<ServiceRecordRow> rows = {record("A1", 1, {2024, 1, 2}, 480, "李强", "p1.jpg"),
                                          record("A2", 2, {2024, 2, 3}, 540, "", ""),
                                          record("B1", 3, {2024, 3, 4}, 600, "赵敏", "签字单 7")};
    const auto t = service_record_table(rows);
    REQUIRE(t.size() == 3);
    CHECK(t.sorted_by_number());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(t.record_no(i) == rows[i].record_no);
        CHECK(t.id_number(i) == rows[i].id_number);
        CHECK(t.day(i) == rows[i].day);
        CHECK(t.start(i) == rows[i].start);
        CHECK(t.end(i) == rows[i].end);
        CHECK(t.caregiver(i) == rows[i].caregiver);
        CHECK(t.evidence(i) == rows[i].evidence);
        CHECK(t.find(rows[i].record_no) == i);
    }
    CHECK(t.find("A0") == t.size());
    CHECK(t.find("A3") == t.size());
    CHECK(t.find("C") == t.size());

    std::swap(rows[0], rows[2]);   // B1, A2, A1: not in order
    const auto u = service_record_table(rows);
    CHECK_FALSE(u.sorted_by_number());
    CHECK(u.find("A1") == 2);
    CHECK(u.find("B1") == 0);
    CHECK(u.find("A0") == u.size());
    CHECK(ServiceRecordTable{}.find("A1") == 0);
}

TEST_CASE("physical services on a table in any order: the figures of the rows", "[verification]") {
    const Period q1{PeriodKind::Quarter, 2024, 1};
    std::mt19937 rng(20261205);
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::vector<std::string> caregivers = {"李强", "李 强", "赵敏", "王芳"};
    std::vector<ServiceRecordRow> rows;
    for (int i = 0; i < 800; ++i) {
        auto r = record("N" + std::to_string(100000 + pick(900000)) + "-" + std::to_string(i), pick(20),
                        Date{2024, 1 + pick(3), 1 + pick(3)}, 8 * 60 + 30 * pick(6),
                        caregivers[static_cast<std::size_t>(pick(4))],
                        pick(3) == 0 ? "" : "p" + std::to_string(pick(200)) + ".jpg");
        if (pick(40) == 0) r.day = Date{2023, 12, 31};   // outside the quarter
        rows.push_back(std::move(r));
    }
    const std::vector<CremationRow> crem = {{1, "用户", person_id(3), Date{2024, 2, 1}, std::nullopt}};
    const std::vector<SubscriberRow> subs = {yiyang::test::subscriber(7, Date{2023, 1, 1}, Date{2024, 3, 1})};
    const PhysicalServiceInput in{q1, 3000, std::array<Fen, 3>{3000, 3500, 3500}};

    // A decision on one pending record (it is honoured the same way).
    const auto first = physical_services(in, rows, crem, subs, {});
    std::map<std::string, SupervisorDecision> decisions;
    for (const auto& [no, f] : first.flagged)
        if (f.status == Payability::Pending) { decisions.emplace(no, SupervisorDecision{true, "核实属实", "sup"}); break; }
    REQUIRE(decisions.size() == 1);

    auto sorted = rows;
    std::sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.record_no < b.record_no; });
    const auto from_rows = physical_services(in, rows, crem, subs, decisions);
    for (const auto* table_rows : {&rows, &sorted}) {
        const auto table = service_record_table(*table_rows);
        CHECK(table.sorted_by_number() == (table_rows == &sorted));
        test::check_same_physical(physical_services(in, table, crem, subs, decisions), from_rows);
    }
    // Not vacuous: flags of every kind that records collide into, a decision honoured, records outside the quarter.
    CHECK(from_rows.flagged.size() > 50);
    CHECK(from_rows.decided_payable.count() == 1);
    CHECK(from_rows.outside_quarter.count() > 0);
    CHECK(from_rows.not_payable.count() > 0);
}

}  // namespace test_verification_service_records
