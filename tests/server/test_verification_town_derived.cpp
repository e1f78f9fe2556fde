// A town's verification figures cut out of the district's computation (app/quarter_inputs: a town's bundle holds the
// district's, computed once) against a town-only computation (the town's ledger, the district's records flagged with
// it, as before): equal for every town, on the Hanjiang Q1 2024 lists imported through the API. A supervisor's
// decision reads the cached quarter instead of flagging the district again. And the enrolment query's INDEXED BY
// (store::enrolment_rows): the index it names exists with the columns the query's order relies on.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "app/quarter_inputs.hpp"
#include "http/verification_common.hpp"
#include "store/verification_lists.hpp"
#include "../shared/verification_physical_compare.hpp"
#include "verification_fixture.hpp"
#include "yiyang/wire/verification_physical.hpp"

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
    std::vector<const SubscriberRow*> removed, active;
    std::set<std::string> removed_towns, active_towns;
    for (const auto& s : ledger) {
        if (s.removed && *s.removed < Date{2024, 3, 1} && removed_towns.size() < 3 && removed_towns.insert(s.town).second)
            removed.push_back(&s);
        if (!s.removed && active_towns.size() < 2 && active_towns.insert(s.town).second) active.push_back(&s);
    }
    REQUIRE(removed.size() == 3);
    REQUIRE(active.size() == 2);
    const auto line = [](const std::string& no, const SubscriberRow& s, const char* day, const char* from, const char* to,
                         const std::string& caregiver, const std::string& evidence) {
        return no + "," + s.id_number + "," + s.name + "," + day + "," + from + "," + to + ",上门助洁," + caregiver + "," +
               evidence + "\n";
    };
    std::string csv = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    for (std::size_t k = 0; k < removed.size(); ++k)
        csv += line("TD-R" + std::to_string(k), *removed[k], "2024-03-20", "09:00", "09:30", "助老员TD" + std::to_string(k),
                    "td-r" + std::to_string(k) + ".jpg");
    csv += line("TD-D1", *active[0], "2024-01-10", "10:00", "10:30", "助老员TDX", "td-d1.jpg");
    csv += line("TD-D2", *active[0], "2024-01-10", "10:00", "10:30", "助老员TDX", "td-d2.jpg");
    csv += line("TD-O1", *active[0], "2024-02-05", "14:00", "15:00", "助老员TDY", "td-o1.jpg");
    csv += line("TD-O2", *active[1], "2024-02-05", "14:30", "15:30", "助老员TDY", "td-o2.jpg");
    csv += line("TD-E1", *active[0], "2024-03-05", "08:00", "08:30", "助老员TDZ", "td-shared.jpg");
    csv += line("TD-E2", *active[1], "2024-03-06", "08:00", "08:30", "助老员TDW", "td-shared.jpg");
    const auto added = import_csv(sup, "service_records", csv);
    INFO(added.raw.substr(0, 600));
    REQUIRE(added.status == 201);

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
    const auto before = app::quarter_computations();
    const auto decided = sup.post("/api/v1/verification/physical/" + pending + "/decision",
                                  {{"payable", true}, {"reason", "测试：已电话核实，服务属实"}});
    INFO(decided.raw.substr(0, 400));
    REQUIRE(decided.status == 201);
    CHECK(app::quarter_computations() == before);
    const auto view = decided.body.get<wire::PhysicalFlaggedRecord>();
    CHECK(view.status == "decided_payable");
    REQUIRE(view.decision);
    CHECK(view.decision->payable);
    // ... and its write makes the quarter stale: the next GET computes it again and shows the decision.
    const auto after = sup.get("/api/v1/verification/physical?quarter=2024Q1&status=decided_payable");
    REQUIRE(after.status == 200);
    CHECK(app::quarter_computations() > before);
    const auto ph = after.body.get<wire::PhysicalServiceReport>();
    REQUIRE(ph.items.size() == 1);
    CHECK(ph.items[0].record_no == pending);
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
