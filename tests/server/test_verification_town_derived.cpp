// A town's verification figures cut out of the district's computation (app/quarter_inputs: a town's bundle holds the
// district's, computed once) against a town-only computation (the town's ledger, the district's records flagged with
// it, as before): equal for every town, on the Hanjiang Q1 2024 lists imported through the API. A supervisor's
// decision reads the cached quarter instead of flagging the district again, and the next GET lays the decisions
// over the cached flags (not computed again) with the figures of a computation from nothing. And the enrolment query's INDEXED BY
// (store::enrolment_rows): the index it names exists with the columns the query's order relies on.
#include <catch2/catch.hpp>

#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/quarter_inputs.hpp"
#include "http/verification_common.hpp"
#include "store/verification_lists.hpp"
#include "store/verification_physical.hpp"
#include "../shared/verification_physical_compare.hpp"
#include "verification_fixture.hpp"
#include "yiyang/wire/verification_physical.hpp"

namespace test_verification_town_derived {

using namespace yiyang;
using json = nlohmann::json;
namespace v = yiyang::verification;

namespace {

struct OwnServer : test::VerificationServer {
    OwnServer()
        : VerificationServer({"yiyang-town-derived-test", "td_", "镇街",
                              {{"supervisor", Role::Supervisor}, {"town", Role::Town}}}) {}
};

}  // namespace

TEST_CASE("quarter inputs: a town's figures cut from the district's computation equal a town-only computation; a "
          "decision reads the cached quarter",
          "[verification][inputs][inprocess]") {
    OwnServer srv;
    auto sup = srv.signed_in("supervisor");
    const auto ledger = test::import_hanjiang_lists(sup, srv.town_names(sup));
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);

    // Records that are flagged inside towns (the Hanjiang records are clean and their subjects mostly not the
    // ledger's): after a subscriber's removal (in three towns), a duplicate, one caregiver at subjects of two towns
    // at once, one photo on records of two towns.
    const auto subjects = test::import_flagged_records(sup, "TD", ledger);
    const auto& active = subjects.active;

    const Period q{PeriodKind::Quarter, 2024, 1};
    const auto rules = http::quarter_rules(*srv.ctx, q);
    auto& db = srv.ctx->db.reader();
    app::QuarterScope whole;
    whole.quarter = q;
    const auto district = app::quarter_bundle(*srv.ctx, db, whole, rules);
    REQUIRE(district->district == nullptr);
    REQUIRE_FALSE(district->inputs.records.empty());
    REQUIRE_FALSE(district->computed.physical_district.flagged.empty());

    std::size_t towns_with_records = 0, flagged_in_towns = 0, removal_flags = 0;
    for (const auto& t : towns.body["towns"]) {
        app::QuarterScope scope = whole;
        scope.town = t["id"].get<Id>();
        scope.town_name = t["name"].get<std::string>();
        INFO(scope.town_name);
        const auto computations = app::quarter_computations();
        const auto derived = app::quarter_bundle(*srv.ctx, db, scope, rules);
        CHECK(app::quarter_computations() == computations + 1);   // the town's only: the district's is cached
        REQUIRE(derived->district == district);
        CHECK(derived->inputs.records.empty());
        CHECK(&derived->records() == &district->inputs.records);
        CHECK(&derived->physical_district() == &district->computed.physical_district);
        REQUIRE(derived->computed.physical_in_town);

        // As before: the town's own ledger, the whole district's records flagged with it, then cut to the town's.
        const auto alone_inputs = app::load_quarter_inputs(*srv.ctx, db, scope, rules);
        REQUIRE(alone_inputs.records.size() == district->inputs.records.size());
        const auto alone = app::compute_quarter(alone_inputs);
        test::check_same_physical(derived->computed.physical(), alone.physical());
        CHECK(derived->inputs.records_in_scope == alone_inputs.records_in_scope);
        CHECK(derived->computed.has_data == alone.has_data);
        CHECK(derived->computed.survey.reached == alone.survey.reached);
        CHECK(derived->computed.deaths.to_deduct == alone.deaths.to_deduct);

        const auto& p = derived->computed.physical();
        if (p.records.count() > 0) ++towns_with_records;
        flagged_in_towns += p.flagged.size();
        for (const auto& [no, f] : p.flagged)
            for (const auto& r : f.reasons) removal_flags += r.flag == v::ServiceFlag::RemovedSubscriber ? 1 : 0;
    }
    // Not vacuous: towns with records, flagged ones among them (each kind), removals in three towns (the one flag
    // read from the ledger).
    CHECK(towns_with_records >= 3);
    CHECK(flagged_in_towns >= 8);   // 3 removals, the later duplicate, both overlapping, both sharing
    CHECK(removal_flags >= 3);

    // A decision on a pending record reads the cached quarter (no second computation of the district) ...
    std::string pending;
    for (const auto& [no, f] : district->computed.physical_district.flagged)
        if (f.status == v::Payability::Pending) { pending = no; break; }
    REQUIRE_FALSE(pending.empty());
    const auto& flag = district->computed.physical_district.flagged.at(pending);
    const Fen unit = district->computed.physical_district.months[static_cast<std::size_t>(flag.day.month - 1)].unit_fee;
    REQUIRE(unit > 0);
    const std::string physical = "/api/v1/verification/physical?quarter=2024Q1";
    const auto undecided = sup.get(physical).body.get<wire::PhysicalServiceReport>();
    const auto report_before = sup.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(report_before.status == 200);
    const auto before = app::quarter_computations();
    const auto decidings = app::quarter_decidings();
    const auto decide = [&](bool payable, const char* reason) {
        const auto r = sup.post("/api/v1/verification/physical/" + pending + "/decision", {{"payable", payable}, {"reason", reason}});
        INFO(r.raw.substr(0, 400));
        REQUIRE(r.status == 201);
        return r.body.get<wire::PhysicalFlaggedRecord>();
    };
    const auto view = decide(true, "测试：已电话核实，服务属实");
    CHECK(app::quarter_computations() == before);
    CHECK(view.status == "decided_payable");
    REQUIRE(view.decision);
    CHECK(view.decision->payable);

    // ... and the next GET shows it at once — the decisions laid over the cached flags, the flags not computed again
    // (a decision's write moves the data version, not the lists'; quarter_decidings counts the overlays).
    const auto after = sup.get(physical + "&status=decided_payable");
    REQUIRE(after.status == 200);
    CHECK(app::quarter_computations() == before);
    CHECK(app::quarter_decidings() > decidings);
    auto ph = after.body.get<wire::PhysicalServiceReport>();
    REQUIRE(ph.items.size() == 1);
    CHECK(ph.items[0].record_no == pending);
    CHECK(ph.payable == undecided.payable + 1);
    CHECK(ph.payable_fee_fen == undecided.payable_fee_fen + unit);
    CHECK(ph.pending == undecided.pending - 1);
    CHECK(ph.pending_fee_fen == undecided.pending_fee_fen - unit);
    CHECK(ph.decided_payable == undecided.decided_payable + 1);
    CHECK(ph.decided_payable_fee_fen == undecided.decided_payable_fee_fen + unit);
    CHECK(ph.records == undecided.records);
    CHECK(ph.fee_fen == undecided.fee_fen);
    const auto month = static_cast<std::size_t>(flag.day.month - 1);
    CHECK(ph.months[month].payable == undecided.months[month].payable + 1);
    // The report says the same (its 结算人次 and the pending count in its note).
    const auto report_after = sup.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(report_after.status == 200);
    CHECK(app::quarter_computations() == before);
    CHECK(report_after.raw != report_before.raw);
    CHECK(report_after.raw.find("待审核" + std::to_string(ph.pending)) != std::string::npos);

    // The overlay equals a computation from nothing with the decision (shared physical_services, as before the
    // split), for the district and for every town (a town's cut from the district's, the decision laid over it).
    const auto fresh = [&](const app::QuarterScope& scope) {
        auto in = app::load_quarter_inputs(*srv.ctx, db, whole, rules);
        std::map<std::string, v::SupervisorDecision> ds;
        for (const auto& [no, d] : store::latest_physical_decisions(db)) ds.emplace(no, v::SupervisorDecision{d.payable, d.reason, d.username});
        std::array<Fen, 3> fees{};
        for (std::size_t i = 0; i < 3; ++i) fees[i] = rules.fees[i].physical_service_fen;
        auto all = v::physical_services({q, fees[0], fees}, in.records, in.cremations, in.subscribers, ds);
        if (!scope.town) return all;
        const auto town_in = app::load_quarter_inputs(*srv.ctx, db, scope, rules);
        app::QuarterBase town_base;
        town_base.inputs = std::move(in);
        town_base.computed.physical_district = all;   // decided already: cut as a town's
        return app::compute_quarter(town_in, &town_base).physical();
    };
    const auto check_all = [&](const char* what) {
        INFO(what);
        const auto now = app::quarter_bundle(*srv.ctx, db, whole, rules);
        CHECK(now->base == district->base);   // the district's flags as computed before any decision, not again
        CHECK(now->base->computed.physical_district.decided_payable.count() == 0);
        test::check_same_physical(now->computed.physical(), fresh(whole));
        for (const auto& t : towns.body["towns"]) {
            app::QuarterScope scope = whole;
            scope.town = t["id"].get<Id>();
            scope.town_name = t["name"].get<std::string>();
            INFO(scope.town_name);
            test::check_same_physical(app::quarter_bundle(*srv.ctx, db, scope, rules)->computed.physical(), fresh(scope));
        }
    };
    check_all("decided payable");

    // A second decision on the same record: not payable after all — payable back, decided not payable one more,
    // still not pending; the flags still not computed again.
    const auto base_now = app::quarter_computations();
    CHECK(decide(false, "测试：复核后发现签到照片不符").status == "decided_not_payable");
    const auto again = sup.get(physical).body.get<wire::PhysicalServiceReport>();
    CHECK(app::quarter_computations() == base_now);
    CHECK(again.payable == undecided.payable);
    CHECK(again.payable_fee_fen == undecided.payable_fee_fen);
    CHECK(again.pending == undecided.pending - 1);
    CHECK(again.decided_payable == undecided.decided_payable);
    CHECK(again.decided_not_payable == undecided.decided_not_payable + 1);
    CHECK(again.decided_not_payable_fee_fen == undecided.decided_not_payable_fee_fen + unit);
    check_all("decided not payable");
    // A list's write is another matter: the flags are computed again.
    const auto lists_before = app::quarter_computations();
    const auto more = import_csv(sup, "service_records", "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n" +
                                                              test::record_line("TD-N1", *active[1], "2024-03-07", "08:00", "08:30", "助老员TDN", "td-n1.jpg"));
    REQUIRE(more.status == 201);
    CHECK(sup.get(physical).body.get<wire::PhysicalServiceReport>().records == undecided.records + 1);
    CHECK(app::quarter_computations() > lists_before);
}

TEST_CASE("enrolment query: the index INDEXED BY names exists, on the columns its order relies on",
          "[verification][inputs]") {
    OwnServer srv;
    auto& db = srv.ctx->db.reader();
    // INDEXED BY an index that is gone (renamed, dropped by a migration) fails when the statement is prepared:
    // prepared here, with and without a town, on the migrated schema.
    const Date first{2024, 1, 1}, last{2024, 3, 31};
    CHECK_NOTHROW(store::enrolment_rows(db, first, last, std::nullopt));
    CHECK_NOTHROW(store::enrolment_rows(db, first, last, Id{1}));
    // Its columns: (elder_id, programme, from_date) — what reads the rows in ORDER BY en.elder_id, en.from_date for
    // one programme without a sort.
    SQLite::Statement cols(db, "SELECT name FROM pragma_index_info('enrolments_elder') ORDER BY seqno");
    std::vector<std::string> names;
    while (cols.executeStep()) names.push_back(cols.getColumn(0).getString());
    CHECK(names == std::vector<std::string>{"elder_id", "programme", "from_date"});
    SQLite::Statement table(db, "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = 'enrolments_elder'");
    REQUIRE(table.executeStep());
    CHECK(table.getColumn(0).getString() == "enrolments");
}

}  // namespace test_verification_town_derived
