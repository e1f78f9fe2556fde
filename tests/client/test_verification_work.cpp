// 核查's work tabs in the app layer (app/verification_work.cpp) on replies built from the wire types the server
// writes: a supervisor's decision on a flagged record (its body, the record put in place, the figures reloaded), the
// key → outcome mapping of the call list (from the shared CallOutcome), the questions after 接通 answered by keys,
// the selection moving to the next uncalled subject, 替换, the death contact step's body.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fakes.hpp"

namespace test_verification_work {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

// The body of the waiting request to `path` (null when none waits).
json body_of(const Dashboard& d, const std::string& method, const std::string& path) {
    for (const auto& r : d.http.waiting())
        if (r.method == method && r.path() == path) return r.body;
    return nullptr;
}

wire::PhysicalFlaggedRecord flagged(const std::string& no, const std::string& status) {
    wire::PhysicalFlaggedRecord r;
    r.record_no = no;
    r.name = "张*";
    r.day = "2024-01-20";
    r.start = "08:30";
    r.end = "09:30";
    r.item = "助洁";
    r.caregiver = "李护工";
    r.status = status;
    r.status_label_zh = status == "pending" ? "待审核" : "审核后结算";
    r.reasons.push_back({"caregiver_overlap", "服务人员时间重叠", "同一服务人员同时在两处服务", {"HJ-0002"}, false});
    return r;
}

wire::PhysicalServiceReport physical_report(const std::string& status) {
    wire::PhysicalServiceReport r;
    r.quarter = "2024-Q1";
    r.quarter_label_zh = "2024年第一季度";
    for (const char* m : {"2024-01", "2024-02", "2024-03"}) r.months.push_back({m, m, 10, 5000, 50000, 9, 45000});
    r.records = 30;
    r.flagged = 1;
    r.pending = status == "pending" ? 1 : 0;
    r.decided_payable = status == "pending" ? 0 : 1;
    r.flagged_total = 1;
    r.items.push_back(flagged("HJ-0001", status));
    return r;
}

wire::SampleSubject subject(std::int64_t no, const std::string& last = "") {
    wire::SampleSubject s;
    s.no = no;
    s.id_number = "440************12" + std::to_string(no);
    s.name = "王*";
    s.phone = "139****000" + std::to_string(no);
    s.elder_id = 100 + no;
    s.town = "甲镇";
    s.last_outcome = last;
    return s;
}

wire::SampleDetail call_list() {
    wire::SampleDetail d;
    d.draw.id = 7;
    d.draw.quarter = "2024-Q1";
    d.draw.seed = "hj2024q1";
    d.draw.frame_size = 100;
    d.draw.size = 4;
    d.draw.share = "4.00%";
    d.draw.current = true;
    d.subjects = {subject(1, "接通"), subject(2), subject(3), subject(4)};
    d.subjects_total = 4;
    d.masked = true;
    return d;
}

wire::SampleCallReply call_reply(std::int64_t no, const std::string& outcome) {
    wire::SampleCallReply r;
    r.call_id = 50 + no;
    r.draw_id = 7;
    r.subject = subject(no, outcome);
    r.subject.calls = 1;
    return r;
}

void open_calls(Dashboard& d, const std::string& session) {
    d.sign_in_as(session);
    d.settle();
    d.app.open_location("#/verification?tab=calls&quarter=2024Q1");
    REQUIRE(d.state().verification.tab == VerTab::Calls);
    REQUIRE(d.http.answer("GET", "/api/v1/verification/call-list", 200, json(call_list())));
}

std::size_t waiting_to(const Dashboard& d, const std::string& path) {
    return static_cast<std::size_t>(std::count_if(d.http.waiting().begin(), d.http.waiting().end(),
                                                  [&](const SentRequest& r) { return r.path() == path; }));
}

}  // namespace

TEST_CASE("核查 实体服务: a supervisor's decision sends payable and the reason; the record and figures follow",
          "[client][verification]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.app.open_location("#/verification?tab=physical&quarter=2024Q1");
    REQUIRE(d.state().verification.tab == VerTab::Physical);
    CHECK(d.app.location() == "#/verification?quarter=2024Q1&tab=physical");
    CHECK(sent(d, "GET /api/v1/verification/physical?quarter=2024Q1&page=1"));
    REQUIRE(d.http.answer("GET", "/api/v1/verification/physical", 200, json(physical_report("pending"))));
    const VerPhysicalState& p = d.state().verification.work.physical;
    REQUIRE(p.report);
    CHECK_FALSE(p.own);

    // The filters are the server's query.
    d.apply(VerWorkIntent{VerPhysFilter{"caregiver_overlap", "pending", 1}});
    CHECK(sent(d, "GET /api/v1/verification/physical?quarter=2024Q1&page=1&page_size=20&flag=caregiver_overlap&status=pending"));
    REQUIRE(d.http.answer("GET", "/api/v1/verification/physical", 200, json(physical_report("pending"))));

    d.apply(VerWorkIntent{VerPhysSelect{"HJ-0001"}});
    d.apply(VerWorkIntent{VerPhysDecide{true}});                 // no reason: not sent, said beside the field
    CHECK(p.form_error.find("审核理由") != std::string::npos);
    CHECK(body_of(d, "POST", "/api/v1/verification/physical/HJ-0001/decision").is_null());

    d.apply(VerWorkIntent{VerPhysEdit{"  看过服务照片，时间登记有误  "}});
    d.apply(VerWorkIntent{VerPhysDecide{true}});
    const json body = body_of(d, "POST", "/api/v1/verification/physical/HJ-0001/decision");
    CHECK(body == json{{"payable", true}, {"reason", "看过服务照片，时间登记有误"}});
    auto decided = flagged("HJ-0001", "decided_payable");
    decided.decision = wire::PhysicalDecisionView{true, "看过服务照片，时间登记有误", "supervisor01", "2026-12-05 10:00:00"};
    decided.decisions = 1;
    REQUIRE(d.http.answer("POST", "/api/v1/verification/physical/HJ-0001/decision", 201, json(decided)));
    CHECK(p.report->items.front().status == "decided_payable");
    CHECK(p.message.find("可支付") != std::string::npos);
    CHECK(p.reason.empty());
    CHECK(d.state().status.kind != StatusKind::Success);       // said once, beside the record
    REQUIRE(d.http.answer("GET", "/api/v1/verification/physical", 200, json(physical_report("decided_payable"))));
    CHECK(p.report->decided_payable == 1);
    CHECK(p.report->pending == 0);

    // A refusal (409: never payable) is shown as the server says it.
    d.apply(VerWorkIntent{VerPhysEdit{"x"}});
    d.apply(VerWorkIntent{VerPhysDecide{false}});
    REQUIRE(d.http.answer("POST", "/api/v1/verification/physical/HJ-0001/decision", 409,
                          json{{"error", {{"code", "not_decidable"}, {"message", "属于死亡后服务，不予结算"}}}}));
    CHECK(p.form_error == "属于死亡后服务，不予结算");
}

TEST_CASE("核查 回访: every CallOutcome has a key; the questions after 接通 by keys; on to the next uncalled",
          "[client][verification]") {
    // The mapping: 1 接通 … 9 拒访, each shared outcome at least once, 停机 twice (欠费 / 沉默).
    const auto& keys = call_keys();
    REQUIRE(keys.size() == 9);
    CHECK(call_key(1)->outcome == CallOutcome::Answered);
    CHECK(call_key(2)->outcome == CallOutcome::NoAnswer);
    CHECK(call_key(3)->outcome == CallOutcome::PoweredOff);
    CHECK(call_key(4)->outcome == CallOutcome::Suspended);
    CHECK(call_key(4)->suspension == "欠费");
    CHECK(call_key(5)->suspension == "沉默");
    CHECK(call_key(5)->label == "停机（沉默）");
    CHECK(call_key(6)->outcome == CallOutcome::EmptyNumber);
    CHECK(call_key(7)->outcome == CallOutcome::Busy);
    CHECK(call_key(0) == nullptr);
    CHECK(call_key(10) == nullptr);
    for (int o = 0; o < 8; ++o) {
        CHECK(std::any_of(keys.begin(), keys.end(), [&](const CallKey& k) { return static_cast<int>(k.outcome) == o; }));
    }
    CHECK(call_body(3, *call_key(4), "", "", "") ==
          json{{"no", 3}, {"outcome", "停机"}, {"suspension_reason", "欠费"}});

    Dashboard d;
    open_calls(d, "session_agent");
    const VerCallsState& c = d.state().verification.work.calls;
    CHECK(c.selected == 2);                                     // no. 1 was called: the first still to call
    CHECK_FALSE(sent(d, "GET /api/v1/verification/callbacks")); // agents do not read the figures
    CHECK_FALSE(sent(d, "GET /api/v1/verification/samples"));

    // 2: 无人接听, at once; then the selection moves on to no. 3.
    d.apply(VerWorkIntent{VerCallKey{2}});
    CHECK(body_of(d, "POST", "/api/v1/verification/samples/7/calls") == json{{"no", 2}, {"outcome", "无人接听"}});
    d.apply(VerWorkIntent{VerCallKey{3}});                      // busy: a second key waits for the first reply
    CHECK(waiting_to(d, "/api/v1/verification/samples/7/calls") == 1);
    REQUIRE(d.http.answer("POST", "/api/v1/verification/samples/7/calls", 201, json(call_reply(2, "无人接听"))));
    CHECK(c.selected == 3);
    CHECK(c.list->subjects[1].last_outcome == "无人接听");
    CHECK(c.recorded == 1);

    // 1: 接通, then 总体满意度 (2 满意), 手机套餐 (3 不清楚), 知晓SOS (1 是): sent with the answers.
    d.apply(VerWorkIntent{VerCallKey{1}});
    CHECK(c.step == CallStep::Overall);
    CHECK(waiting_to(d, "/api/v1/verification/samples/7/calls") == 0);
    d.apply(VerWorkIntent{VerCallKey{7}});                      // not a choice of 五级: ignored
    CHECK(c.step == CallStep::Overall);
    d.apply(VerWorkIntent{VerCallKey{2}});
    CHECK(c.step == CallStep::Package);
    d.apply(VerWorkIntent{VerCallKey{0}});                      // Esc: back one step
    CHECK(c.step == CallStep::Overall);
    d.apply(VerWorkIntent{VerCallKey{2}});
    d.apply(VerWorkIntent{VerCallKey{3}});
    CHECK(c.step == CallStep::KnowsSos);
    d.apply(VerWorkIntent{VerCallKey{1}});
    CHECK(body_of(d, "POST", "/api/v1/verification/samples/7/calls") ==
          json{{"no", 3}, {"outcome", "接通"}, {"overall", "满意"}, {"package", "不清楚"}, {"knows_sos", "是"}});
    REQUIRE(d.http.answer("POST", "/api/v1/verification/samples/7/calls", 201, json(call_reply(3, "接通"))));
    CHECK(c.step == CallStep::Outcome);
    CHECK(c.selected == 4);

    // A refused call keeps the subject selected and says why.
    d.apply(VerWorkIntent{VerCallKey{6}});
    REQUIRE(d.http.answer("POST", "/api/v1/verification/samples/7/calls", 422,
                          json{{"error", {{"code", "validation"}, {"message", "回访结果无效"},
                                          {"fields", json::array({{{"field", "outcome"}, {"code", "invalid"},
                                                                   {"message", "回访结果：无效"}}})}}}}));
    CHECK(c.selected == 4);
    CHECK(c.call_error.find("序号 4 未登记") != std::string::npos);

    // 替换: the replacement joins the list and is selected.
    d.apply(VerWorkIntent{VerCallsReplace{}});
    CHECK(body_of(d, "POST", "/api/v1/verification/samples/7/replace") == json{{"no", 4}});
    wire::SampleReplaceReply rep;
    rep.draw_id = 7;
    rep.replaced_no = 4;
    rep.replacement = subject(5);
    rep.replacement.replaces = 4;
    REQUIRE(d.http.answer("POST", "/api/v1/verification/samples/7/replace", 201, json(rep)));
    CHECK(c.list->subjects[3].replaced_by == 5);
    CHECK(c.selected == 5);
    CHECK(next_uncalled(*c.list, 5) == 0);                      // no. 4 was replaced: nobody else is left
}

TEST_CASE("核查 回访: a supervisor's redraw needs a reason; the figures are read", "[client][verification]") {
    Dashboard d;
    open_calls(d, "session_supervisor");
    CHECK(sent(d, "GET /api/v1/verification/callbacks?quarter=2024Q1"));
    CHECK(sent(d, "GET /api/v1/verification/samples?quarter=2024Q1"));
    d.apply(VerWorkIntent{VerDrawOpen{true}});
    const VerCallsState& c = d.state().verification.work.calls;
    CHECK(c.draw_date == "2024-02-29");                         // the shared default: the 2nd month's last day
    d.apply(VerWorkIntent{VerDrawSave{}});
    CHECK(c.draw_error.find("原因") != std::string::npos);
    d.apply(VerWorkIntent{VerDrawEdit{"2024-03-31", "", "首次抽样名单有误", false}});
    d.apply(VerWorkIntent{VerDrawSave{}});
    CHECK(body_of(d, "POST", "/api/v1/verification/samples") ==
          json{{"quarter", "2024Q1"}, {"draw_date", "2024-03-31"}, {"by_town", false}, {"reason", "首次抽样名单有误"}});
    CHECK(default_draw_date("2026Q4", Date{2026, 12, 4}) == "2026-11-30");
    CHECK(default_draw_date("2026Q4", Date{2026, 11, 4}) == "2026-11-04");   // never a day still to come
}

TEST_CASE("核查 死亡核查: figures, drill-down, the family-contact step's body", "[client][verification]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.app.open_location("#/verification?tab=deaths&quarter=2024Q1");
    REQUIRE(d.state().verification.tab == VerTab::Deaths);
    wire::DeathsReport r;
    r.quarter = "2024-Q1";
    r.matched = 40;
    r.still_billed = 2;
    r.to_recover_fen = 8000;
    r.name_mismatches.push_back({"440************123", "陈亚妹", "陈亚梅", "2023-12-02"});
    REQUIRE(d.http.answer("GET", "/api/v1/verification/deaths", 200, json(r)));
    const VerDeathsState& s = d.state().verification.work.deaths;
    REQUIRE(s.report);
    d.apply(VerWorkIntent{VerDeathsDrill{"still_billed", 1}});
    CHECK(sent(d, "GET /api/v1/verification/deaths?quarter=2024Q1&count=still_billed&page=1"));

    d.apply(VerWorkIntent{VerDeathsContactOpen{"440102193901011234"}});
    CHECK(s.contact_day == "2026-12-04");
    d.apply(VerWorkIntent{VerDeathsContactEdit{"number_kept_self_paid", "2026-12-01", "女儿继续使用"}});
    d.apply(VerWorkIntent{VerDeathsContactSave{}});
    CHECK(body_of(d, "POST", "/api/v1/verification/deaths/440102193901011234/contact") ==
          json{{"outcome", "number_kept_self_paid"}, {"day", "2026-12-01"}, {"note", "女儿继续使用"}});
    REQUIRE(d.http.answer("POST", "/api/v1/verification/deaths/440102193901011234/contact", 201,
                          json(wire::DeathContact{"number_kept_self_paid", "号码继续使用、自行缴费", "2026-12-01",
                                                  "女儿继续使用", "supervisor01", "2026-12-05T10:00:00"})));
    CHECK(s.message.find("号码继续使用、自行缴费") != std::string::npos);
    CHECK(s.contact_id.empty());
    CHECK(sent(d, "GET /api/v1/verification/deaths?quarter=2024Q1&count=still_billed"));   // reloaded with the step

    d.apply(VerWorkIntent{VerDeathsSameOpen{"440************123"}});
    d.apply(VerWorkIntent{VerDeathsSameSave{}});                 // no reason: not sent
    CHECK(s.form_error.find("理由") != std::string::npos);
}

}  // namespace test_verification_work
