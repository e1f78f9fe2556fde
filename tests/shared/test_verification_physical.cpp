// Physical-service flags, case by case: duplicate vs caregiver overlap, after death (boundary day), removed
// subscriber, shared evidence, and the supervisor's decision (which can never pay a duplicate), laid over the flags.
#include <catch2/catch.hpp>

#include "verification_physical_compare.hpp"
#include "verification_support.hpp"
#include "yiyang/verification/physical_services.hpp"

namespace test_verification_physical {

using namespace yiyang;
using namespace yiyang::verification;
using yiyang::test::person_id;

namespace {

const Period kQ1{PeriodKind::Quarter, 2024, 1};

ServiceRecordRow rec(std::string no, int person, Date day, int start_h, int start_m, int minutes, std::string caregiver,
                     std::string evidence = {}) {
    ServiceRecordRow r;
    r.record_no = std::move(no);
    r.id_number = person_id(person);
    r.name = "用户" + std::to_string(person);
    r.day = day;
    r.start = start_h * 3600 + start_m * 60;
    r.end = r.start + minutes * 60;
    r.caregiver = std::move(caregiver);
    r.item = "助洁";
    r.evidence = evidence.empty() ? "ev-" + r.record_no : evidence;
    return r;
}

std::vector<ServiceFlag> flags_of(const PhysicalServiceReport& r, const std::string& no) {
    std::vector<ServiceFlag> out;
    if (auto it = r.flagged.find(no); it != r.flagged.end())
        for (const auto& f : it->second.reasons) out.push_back(f.flag);
    return out;
}

}  // namespace

TEST_CASE("a duplicate is the same subject, day, start and caregiver under another number", "[verification]") {
    std::vector<ServiceRecordRow> rs = {
        rec("A002", 1, {2024, 1, 10}, 9, 0, 60, "王芳"),
        rec("A001", 1, {2024, 1, 10}, 9, 0, 60, "王 芳"),    // the original: lowest number; blanks in a name ignored
        rec("A003", 1, {2024, 1, 10}, 9, 30, 60, "王芳"),    // same subject, later start: neither duplicate nor overlap
        rec("A004", 1, {2024, 1, 11}, 9, 0, 60, "王芳"),     // another day
    };
    const auto r = physical_services({kQ1, yuan(30)}, rs, {}, {}, {});
    CHECK(flags_of(r, "A002") == std::vector<ServiceFlag>{ServiceFlag::Duplicate});
    CHECK(r.flagged.at("A002").reasons[0].other_records == std::vector<std::string>{"A001"});
    CHECK(r.flagged.at("A002").status == Payability::NotPayable);
    CHECK(flags_of(r, "A001").empty());
    CHECK(flags_of(r, "A003").empty());
    CHECK(flags_of(r, "A004").empty());
    CHECK(r.records.count() == 4);
    CHECK(r.fee == yuan(120));            // the report's table counts every record …
    CHECK(r.payable.count() == 3);
    CHECK(r.payable_fee == yuan(90));     // … what is paid leaves the duplicate out
    CHECK(r.not_payable.keys == std::vector<std::string>{"A002"});
}

TEST_CASE("one caregiver at two subjects at overlapping times: both pending until decided", "[verification]") {
    std::vector<ServiceRecordRow> rs = {
        rec("B1", 1, {2024, 2, 5}, 9, 0, 60, "李强"),
        rec("B2", 2, {2024, 2, 5}, 9, 30, 60, "李强"),     // overlaps B1
        rec("B3", 3, {2024, 2, 5}, 10, 30, 30, "李强"),    // starts when B2 ends: [start, end) do not overlap
        rec("B4", 4, {2024, 2, 5}, 9, 0, 60, "赵敏"),      // another caregiver at the same time
    };
    std::map<std::string, SupervisorDecision> decisions{{"B1", {true, "签到记录证明B1在先", "主管甲"}}};
    const auto r = physical_services({kQ1, yuan(30)}, rs, {}, {}, decisions);
    CHECK(flags_of(r, "B1") == std::vector<ServiceFlag>{ServiceFlag::CaregiverOverlap});
    CHECK(flags_of(r, "B2") == std::vector<ServiceFlag>{ServiceFlag::CaregiverOverlap});
    CHECK(r.flagged.at("B2").reasons[0].other_records == std::vector<std::string>{"B1"});
    CHECK(flags_of(r, "B3").empty());
    CHECK(flags_of(r, "B4").empty());
    CHECK(r.flagged.at("B1").status == Payability::DecidedPayable);
    CHECK(r.flagged.at("B2").status == Payability::Pending);
    CHECK(r.pending.keys == std::vector<std::string>{"B2"});
    CHECK(r.payable.keys == std::vector<std::string>{"B1", "B3", "B4"});
    CHECK(r.months[1].payable_fee == yuan(90));
}

TEST_CASE("after death counts from the day after; the supervisor cannot pay it", "[verification]") {
    CremationRow c = test::cremation(5, {2024, 3, 10});
    c.id_number[17] = c.id_number[17] == 'X' ? 'x' : c.id_number[17];
    std::vector<ServiceRecordRow> rs = {
        rec("C1", 5, {2024, 3, 10}, 8, 0, 60, "周"),    // the day of death: may well have happened
        rec("C2", 5, {2024, 3, 11}, 8, 0, 60, "周"),
    };
    std::map<std::string, SupervisorDecision> decisions{{"C2", {true, "家属称已服务", "主管乙"}}};
    const auto r = physical_services({kQ1, yuan(30)}, rs, {c}, {}, decisions);
    CHECK(flags_of(r, "C1").empty());
    CHECK(flags_of(r, "C2") == std::vector<ServiceFlag>{ServiceFlag::AfterDeath});
    CHECK(r.flagged.at("C2").status == Payability::NotPayable);
    CHECK_FALSE(r.flagged.at("C2").decision.has_value());
    CHECK(r.flagged.at("C2").reasons[0].why_zh.find("2024-03-10") != std::string::npos);
}

TEST_CASE("removed subscriber and shared evidence are pending; a refusal is counted apart", "[verification]") {
    const auto sub = test::subscriber(7, {2020, 1, 1}, Date{2024, 1, 20}, "用户申请");
    std::vector<ServiceRecordRow> rs = {
        rec("D1", 7, {2024, 1, 20}, 8, 0, 60, "甲"),            // removal day itself: not flagged
        rec("D2", 7, {2024, 1, 21}, 8, 0, 60, "甲"),
        rec("D3", 8, {2024, 1, 22}, 8, 0, 60, "乙", "IMG_1.jpg"),
        rec("D4", 9, {2024, 1, 23}, 8, 0, 60, "丙", " IMG_1.jpg"),
        rec("D5", 9, {2023, 12, 31}, 8, 0, 60, "丙"),           // outside the quarter
    };
    std::map<std::string, SupervisorDecision> decisions{{"D3", {false, "照片与D4相同", "主管丙"}}};
    const auto r = physical_services({kQ1, yuan(30)}, rs, {}, {sub}, decisions);
    CHECK(flags_of(r, "D1").empty());
    CHECK(flags_of(r, "D2") == std::vector<ServiceFlag>{ServiceFlag::RemovedSubscriber});
    CHECK(flags_of(r, "D3") == std::vector<ServiceFlag>{ServiceFlag::SharedEvidence});
    CHECK(flags_of(r, "D4") == std::vector<ServiceFlag>{ServiceFlag::SharedEvidence});
    CHECK(r.flagged.at("D3").status == Payability::DecidedNotPayable);
    CHECK(r.pending.keys == std::vector<std::string>{"D2", "D4"});
    CHECK(r.decided_not_payable.keys == std::vector<std::string>{"D3"});
    CHECK(r.outside_quarter.keys == std::vector<std::string>{"D5"});
    CHECK(r.records.count() == 4);
    CHECK(r.months[0].records.count() == 4);
    CHECK(r.months[0].payable.keys == std::vector<std::string>{"D1"});
}

TEST_CASE("a fee rule changing inside the quarter prices each record by its own month", "[verification]") {
    // 30 yuan in January, 35 from February 1st: a duplicate in January, a pending overlap in February, a refusal and
    // a payable decision in March.
    std::vector<ServiceRecordRow> rs = {
        rec("E1", 1, {2024, 1, 10}, 9, 0, 60, "王芳"),
        rec("E2", 1, {2024, 1, 10}, 9, 0, 60, "王芳"),     // duplicate of E1: not payable (January's fee)
        rec("E3", 2, {2024, 2, 5}, 9, 0, 60, "李强"),
        rec("E4", 3, {2024, 2, 5}, 9, 30, 60, "李强"),     // overlaps E3: both pending (February's fee)
        rec("E5", 4, {2024, 3, 1}, 8, 0, 60, "甲", "IMG_9.jpg"),
        rec("E6", 5, {2024, 3, 2}, 8, 0, 60, "乙", "IMG_9.jpg"),   // shared evidence with E5
        rec("E7", 6, {2024, 3, 3}, 8, 0, 60, "丙"),
    };
    std::map<std::string, SupervisorDecision> decisions{{"E5", {true, "照片为E5所拍", "主管"}},
                                                        {"E6", {false, "照片与E5相同", "主管"}}};
    PhysicalServiceInput in{kQ1, yuan(30), std::array<Fen, 3>{yuan(30), yuan(35), yuan(35)}};
    const auto r = physical_services(in, rs, {}, {}, decisions);
    REQUIRE(r.months.size() == 3);
    CHECK(r.months[0].unit_fee == yuan(30));
    CHECK(r.months[1].unit_fee == yuan(35));
    CHECK(r.months[2].unit_fee == yuan(35));
    CHECK(r.months[0].fee == 2 * yuan(30));
    CHECK(r.months[1].fee == 2 * yuan(35));
    CHECK(r.months[2].fee == 3 * yuan(35));
    CHECK(r.fee == 2 * yuan(30) + 5 * yuan(35));   // Σ per-month count × that month's fee, not × January's
    CHECK(r.months[0].payable_fee == yuan(30));
    CHECK(r.months[2].payable_fee == 2 * yuan(35));   // E5 (decided payable) and E7
    CHECK(r.payable_fee == yuan(30) + 2 * yuan(35));
    CHECK(r.not_payable.keys == std::vector<std::string>{"E2"});
    CHECK(r.not_payable_fee == yuan(30));
    CHECK(r.pending.keys == std::vector<std::string>{"E3", "E4"});
    CHECK(r.pending_fee == 2 * yuan(35));
    CHECK(r.decided_not_payable_fee == yuan(35));
    CHECK(r.decided_payable.keys == std::vector<std::string>{"E5"});
    CHECK(r.decided_payable_fee == yuan(35));
    CHECK(r.payable_fee + r.not_payable_fee + r.pending_fee + r.decided_not_payable_fee == r.fee);

    // Without month fees every month is priced by unit_fee, as before.
    const auto flat = physical_services({kQ1, yuan(30)}, rs, {}, {}, decisions);
    CHECK(flat.fee == 7 * yuan(30));
    CHECK(flat.pending_fee == 2 * yuan(30));
}

TEST_CASE("decisions laid over the flags: the figures of a computation with them; the flags' copy untouched",
          "[verification]") {
    // The records of the fee-change case: a duplicate, an overlap, shared evidence; decisions come and change.
    std::vector<ServiceRecordRow> rs = {
        rec("F1", 1, {2024, 1, 10}, 9, 0, 60, "王芳"),
        rec("F2", 1, {2024, 1, 10}, 9, 0, 60, "王芳"),     // duplicate of F1: blocked, a decision is ignored
        rec("F3", 2, {2024, 2, 5}, 9, 0, 60, "李强"),
        rec("F4", 3, {2024, 2, 5}, 9, 30, 60, "李强"),     // overlaps F3
        rec("F5", 4, {2024, 3, 1}, 8, 0, 60, "甲", "IMG_9.jpg"),
        rec("F6", 5, {2024, 3, 2}, 8, 0, 60, "乙", "IMG_9.jpg"),
        rec("F7", 6, {2024, 3, 3}, 8, 0, 60, "丙"),
    };
    const PhysicalServiceInput in{kQ1, yuan(30), std::array<Fen, 3>{yuan(30), yuan(35), yuan(35)}};
    const auto table = service_record_table(rs);
    const auto flags = physical_flags(in, table, {}, {});
    CHECK(flags.pending.keys == std::vector<std::string>{"F3", "F4", "F5", "F6"});
    CHECK(flags.decided_payable.count() == 0);
    CHECK(flags.payable.keys == std::vector<std::string>{"F1", "F7"});
    const auto before = flags;   // the flags as they were (what a server keeps cached)

    // Step by step, as supervisors decide: each overlay equals physical_services with the same decisions.
    std::map<std::string, SupervisorDecision> decisions;
    const std::vector<std::pair<std::string, SupervisorDecision>> steps = {
        {"F3", {true, "签到记录证明先到", "主管"}},
        {"F2", {true, "重复也想付", "主管"}},           // blocked: ignored
        {"F5", {true, "照片为F5所拍", "主管"}},
        {"F6", {false, "照片与F5相同", "主管"}},
        {"F3", {false, "复核：不予结算", "主管乙"}},    // a second decision on the same record replaces the first
        {"F9", {true, "没有这条记录", "主管"}},         // not a record: ignored
    };
    for (const auto& [no, d] : steps) {
        INFO(no);
        decisions[no] = d;
        auto over = flags;   // a copy: the tallies' keys are shared, not copied
        apply_decisions(over, decisions);
        test::check_same_physical(over, physical_services(in, table, {}, {}, decisions));
    }
    auto last = flags;
    apply_decisions(last, decisions);
    CHECK(last.pending.keys == std::vector<std::string>{"F4"});
    CHECK(last.pending_fee == yuan(35));
    CHECK(last.payable.keys == std::vector<std::string>{"F1", "F5", "F7"});
    CHECK(last.months[2].payable.keys == std::vector<std::string>{"F5", "F7"});
    CHECK(last.payable_fee == yuan(30) + 2 * yuan(35));
    CHECK(last.decided_not_payable.keys == std::vector<std::string>{"F3", "F6"});
    CHECK(last.decided_not_payable_fee == 2 * yuan(35));
    CHECK(last.flagged.at("F3").decision->decided_by == "主管乙");
    CHECK(last.flagged.at("F2").status == Payability::NotPayable);
    CHECK_FALSE(last.flagged.at("F2").decision);
    CHECK(last.payable_fee + last.not_payable_fee + last.pending_fee + last.decided_not_payable_fee == last.fee);
    // The flags' report is untouched by the overlays on its copies.
    test::check_same_physical(flags, before);
    CHECK(flags.pending.count() == 4);
    CHECK(flags.flagged.at("F3").status == Payability::Pending);
}

}  // namespace test_verification_physical
