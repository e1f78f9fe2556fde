// The district's physical figures alone (app::quarter_physical, what a settlement statement reads) against the
// whole quarter's bundle (app::quarter_bundle): the same flags, statuses and decisions, on the Hanjiang Q1 2024 lists
// imported through the API with records flagged every way (after a subscriber's removal — the one flag read from
// the ledger —, a duplicate, an overlap, a shared photo). Computed without the bundle (nothing else of the quarter
// is read), cached by lists version for the flags and by data version for the decisions, and the bundle's own
// figures reused when a verification screen computed them; a quarter without records reads no list at all.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "app/quarter_inputs.hpp"
#include "http/verification_common.hpp"
#include "store/verification_physical.hpp"
#include "../shared/verification_physical_compare.hpp"
#include "verification_fixture.hpp"

namespace test_quarter_physical {

using namespace yiyang;
namespace v = yiyang::verification;

namespace {

struct OwnServer : test::VerificationServer {
    OwnServer() : VerificationServer({"yiyang-quarter-physical-test", "qp_", "镇街", {{"supervisor", Role::Supervisor}}}) {}
};

std::string pending_of(const v::PhysicalServiceReport& r, const std::set<std::string>& skip = {}) {
    for (const auto& [no, f] : r.flagged)
        if (f.status == v::Payability::Pending && !skip.count(no)) return no;
    return "";
}

}  // namespace

TEST_CASE("quarter physical: the district's flags and decisions alone equal the whole quarter's, cached by lists and "
          "data version",
          "[verification][inputs][settlement][inprocess]") {
    OwnServer srv;
    auto sup = srv.signed_in("supervisor");
    const auto ledger = test::import_hanjiang_lists(sup, srv.town_names(sup));
    const auto subjects = test::import_flagged_records(sup, "QP", ledger);
    const auto& active = subjects.active;

    const Period q{PeriodKind::Quarter, 2024, 1};
    const auto rules = http::quarter_rules(*srv.ctx, q);
    auto& db = srv.ctx->db.reader();
    app::QuarterScope whole;
    whole.quarter = q;

    // Computed alone: flags once, the bundle not at all.
    const auto bundles = app::quarter_computations();
    const auto alone = app::quarter_physical_computations();
    const auto physical = app::quarter_physical(*srv.ctx, db, q, rules);
    CHECK(app::quarter_physical_computations() == alone + 1);
    CHECK(app::quarter_computations() == bundles);
    CHECK(app::quarter_physical(*srv.ctx, db, q, rules) == physical);   // cached
    CHECK(app::quarter_physical_computations() == alone + 1);
    // Not vacuous: every kind of flag, the removals among them.
    std::set<v::ServiceFlag> kinds;
    for (const auto& [no, f] : physical->flagged)
        for (const auto& r : f.reasons) kinds.insert(r.flag);
    CHECK(kinds.count(v::ServiceFlag::RemovedSubscriber) == 1);
    CHECK(kinds.count(v::ServiceFlag::Duplicate) == 1);
    CHECK(kinds.count(v::ServiceFlag::CaregiverOverlap) == 1);
    CHECK(kinds.count(v::ServiceFlag::SharedEvidence) == 1);
    CHECK(physical->flagged.count("QP-R0") == 1);
    CHECK(physical->records.count() > 9000);

    // The whole quarter's bundle, computed after: the same figures.
    const auto bundle = app::quarter_bundle(*srv.ctx, db, whole, rules);
    CHECK(app::quarter_computations() == bundles + 1);
    test::check_same_physical(*physical, bundle->computed.physical_district);
    // Now cached, the bundle's own figures are what quarter_physical returns.
    CHECK(app::quarter_physical(*srv.ctx, db, q, rules).get() == &bundle->computed.physical_district);

    // A decision (through the route): the flags are not computed again, the decision is in the figures, and they
    // equal the decided bundle's.
    const std::string first = pending_of(*physical);
    REQUIRE_FALSE(first.empty());
    const auto r = sup.post("/api/v1/verification/physical/" + first + "/decision", {{"payable", true}, {"reason", "测试：已核实"}});
    INFO(r.raw.substr(0, 400));
    REQUIRE(r.status == 201);
    const auto computed = app::quarter_computations();
    const auto decided = app::quarter_physical(*srv.ctx, db, q, rules);
    CHECK(app::quarter_physical_computations() == alone + 1);
    CHECK(app::quarter_computations() == computed);
    REQUIRE(decided->flagged.count(first) == 1);
    CHECK(decided->flagged.at(first).status == v::Payability::DecidedPayable);
    CHECK(std::binary_search(decided->payable.keys.begin(), decided->payable.keys.end(), first));
    CHECK_FALSE(std::binary_search(physical->payable.keys.begin(), physical->payable.keys.end(), first));
    CHECK(decided->payable.count() == physical->payable.count() + 1);
    test::check_same_physical(*decided, app::quarter_bundle(*srv.ctx, db, whole, rules)->computed.physical_district);

    // New lists (the lists version moves): computed alone again; a decision written without any route (no bundle
    // computed on the way) is laid over the cached flags, not flagged again.
    const std::string csv = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n" +
          test::record_line("QP-D3", *active[0], "2024-01-10", "10:00", "10:30", "助老员QPX", "qp-d3.jpg");
    const auto more = import_csv(sup, "service_records", csv);
    REQUIRE(more.status == 201);
    const auto fresh = app::quarter_physical(*srv.ctx, db, q, rules);
    CHECK(app::quarter_physical_computations() == alone + 2);
    CHECK(fresh->flagged.count("QP-D3") == 1);
    CHECK(fresh->records.count() == physical->records.count() + 1);
    const std::string second = pending_of(*fresh, {first});
    REQUIRE_FALSE(second.empty());
    const Id user_id = db.execAndGet("SELECT id FROM users WHERE username = 'qp_supervisor'").getInt64();
    store::PhysicalDecision d;
    d.record_no = second;
    d.reason = "测试：未见服务";
    d.user_id = user_id;
    d.username = "qp_supervisor";
    d.at = 1'710'000'000;
    srv.ctx->db.write([&](SQLite::Database& w) { store::insert_physical_decision(w, d); },
                      store::Database::Touches::DecisionsOnly);
    const auto bundles_now = app::quarter_computations();
    const auto overlaid = app::quarter_physical(*srv.ctx, db, q, rules);
    CHECK(app::quarter_physical_computations() == alone + 2);
    CHECK(app::quarter_computations() == bundles_now);
    REQUIRE(overlaid->flagged.count(second) == 1);
    CHECK(overlaid->flagged.at(second).status == v::Payability::DecidedNotPayable);
    CHECK(overlaid->flagged.at(first).status == v::Payability::DecidedPayable);
    test::check_same_physical(*overlaid, app::quarter_bundle(*srv.ctx, db, whole, rules)->computed.physical_district);

    // A quarter without records: no flag, nothing payable (and no list read: nothing to flag).
    const Period empty{PeriodKind::Quarter, 2025, 1};
    const auto none = app::quarter_physical(*srv.ctx, db, empty, http::quarter_rules(*srv.ctx, empty));
    CHECK(none->records.count() == 0);
    CHECK(none->payable.count() == 0);
    CHECK(none->flagged.empty());
}

}  // namespace test_quarter_physical
