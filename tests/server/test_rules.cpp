// The rules table: seeding from assets/rules/ (idempotent) and picking the version in force on a date.
#include <catch2/catch.hpp>

#include "store/rules.hpp"
#include "store/schema.hpp"

using namespace yiyang;

TEST_CASE("rule sets are seeded once and picked by effective date", "[rules]") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    store::migrate(db);
    const std::string dir = std::string(YIYANG_SOURCE_DIR) + "/assets/rules";
    CHECK(store::seed_rules(db, dir, 0) == 4);   // calendar, sla, dispatch weights, KPI targets
    CHECK(store::seed_rules(db, dir, 0) == 0);   // same versions: left alone

    auto book = store::load_rules(db);
    REQUIRE(book.sla.size() == 1);
    REQUIRE(book.calendars.size() == 1);
    REQUIRE(book.dispatch.size() == 1);
    REQUIRE(book.kpi_targets.size() == 1);   // KPI targets are a rule kind too
    CHECK(book.kpi_targets_on(Date{2026, 11, 20}).find("connection_rate") != nullptr);
    const auto base = book.sla.front();
    CHECK(book.sla_on(Date{2026, 11, 20}).version == base.version);
    CHECK(book.sla_on(Date{1999, 1, 1}).version == base.version);   // before all: the earliest
    CHECK(book.sla_on(Date{2026, 11, 20}).find("review_24h") != nullptr);
    CHECK(book.weights_on(Date{2026, 11, 20}).per_category > 0);

    // A later version takes over from its effective date only.
    nlohmann::json next = base;
    next["version"] = "sla-2027-test";
    next["effective_from"] = "2027-01-01";
    SQLite::Statement st(db, "INSERT INTO rules (kind, version, effective_from, body, created_at) VALUES ('sla', ?, ?, ?, 0)");
    st.bind(1, std::string("sla-2027-test"));
    st.bind(2, std::string("2027-01-01"));
    st.bind(3, next.dump());
    st.exec();
    book = store::load_rules(db);
    CHECK(book.sla_on(Date{2026, 12, 31}).version == base.version);
    CHECK(book.sla_on(Date{2027, 1, 1}).version == "sla-2027-test");

    CHECK_THROWS(store::seed_rules(db, "/nonexistent", 0));
}
