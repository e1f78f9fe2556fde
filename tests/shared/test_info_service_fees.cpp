// Information-service counting (info_service_fees.hpp): when a subscriber is new, removed and billed in a month, the
// Hanjiang Q1 2024 table from a synthetic ledger, the fee rule, quarter parsing and the reply on the wire.
#include "support.hpp"

#include "yiyang/info_service_fees.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/verification.hpp"

namespace test_info_service_fees {

using namespace yiyang;

namespace {

Period month(int y, int m) { return month_of(Date{y, m, 1}); }

// The Hanjiang ledger: 5 953 in service on 2024-01-01; per month 11/6/58 new and 38/50/48 removed — one Feb
// removal is a January subscriber, two March subscribers are opened and removed in March; plus people removed
// before the quarter and opened after it, who count nowhere.
std::vector<Subscription> hanjiang() {
    std::vector<Subscription> out;
    Id id = 0;
    const auto add = [&](Date from, std::optional<Date> to) { out.push_back({++id, from, to}); };
    for (int i = 0; i < 5953 - 133; ++i) add(Date{2023, 1 + i % 12, 1 + i % 28}, std::nullopt);
    for (int i = 0; i < 38; ++i) add(Date{2022, 6, 1}, Date{2024, 1, i == 0 ? 1 : (i == 1 ? 31 : 15)});
    for (int i = 0; i < 49; ++i) add(Date{2023, 12, 31}, Date{2024, 2, i == 0 ? 29 : 10});
    for (int i = 0; i < 46; ++i) add(Date{2023, 3, 3}, Date{2024, 3, i == 0 ? 31 : 20});
    for (int i = 0; i < 11; ++i) add(Date{2024, 1, i == 0 ? 1 : 20}, i == 1 ? std::optional<Date>(Date{2024, 2, 1}) : std::nullopt);
    for (int i = 0; i < 6; ++i) add(Date{2024, 2, 29}, std::nullopt);
    for (int i = 0; i < 58; ++i) add(Date{2024, 3, 2}, i < 2 ? std::optional<Date>(Date{2024, 3, 30}) : std::nullopt);
    for (int i = 0; i < 40; ++i) add(Date{2021, 1, 1}, Date{2023, 12, 31});   // removed before the quarter
    for (int i = 0; i < 10; ++i) add(Date{2024, 4, 1}, std::nullopt);          // opened after it
    return out;
}

}  // namespace

TEST_CASE("info service: when a subscriber counts as new, removed and billed", "[info_service]") {
    const Period jan = month(2024, 1);
    const Subscription old_open{1, Date{2023, 5, 1}, std::nullopt};
    CHECK(counts_in(old_open, jan, InfoServiceCount::AtStart));
    CHECK(counts_in(old_open, jan, InfoServiceCount::Total));
    CHECK_FALSE(counts_in(old_open, jan, InfoServiceCount::Added));

    // Opened on the first or the last day: new in that month and billed for it in full.
    for (int day : {1, 31}) {
        const Subscription s{2, Date{2024, 1, day}, std::nullopt};
        CHECK(counts_in(s, jan, InfoServiceCount::Added));
        CHECK(counts_in(s, jan, InfoServiceCount::Total));
        CHECK_FALSE(counts_in(s, jan, InfoServiceCount::AtStart));
    }
    // Removed on day X: removed in X's month and not billed for it, whether X is the 1st or the 31st.
    for (int day : {1, 31}) {
        const Subscription s{3, Date{2023, 5, 1}, Date{2024, 1, day}};
        CHECK(counts_in(s, jan, InfoServiceCount::AtStart));
        CHECK(counts_in(s, jan, InfoServiceCount::Removed));
        CHECK_FALSE(counts_in(s, jan, InfoServiceCount::Total));
    }
    // Removed on 2023-12-31: not in January at all; removed on 2024-02-01: billed for January, removed in February.
    const Subscription dec{4, Date{2023, 5, 1}, Date{2023, 12, 31}};
    for (auto c : {InfoServiceCount::AtStart, InfoServiceCount::Added, InfoServiceCount::Removed, InfoServiceCount::Total})
        CHECK_FALSE(counts_in(dec, jan, c));
    const Subscription feb1{5, Date{2023, 5, 1}, Date{2024, 2, 1}};
    CHECK(counts_in(feb1, jan, InfoServiceCount::Total));
    CHECK(counts_in(feb1, month(2024, 2), InfoServiceCount::AtStart));
    CHECK(counts_in(feb1, month(2024, 2), InfoServiceCount::Removed));
    // Opened and removed in the same month: new and removed, never billed.
    const Subscription both{6, Date{2024, 1, 3}, Date{2024, 1, 3}};
    CHECK(counts_in(both, jan, InfoServiceCount::Added));
    CHECK(counts_in(both, jan, InfoServiceCount::Removed));
    CHECK_FALSE(counts_in(both, jan, InfoServiceCount::Total));
    // Dates out of order count nowhere.
    const Subscription bad{7, Date{2024, 1, 9}, Date{2024, 1, 3}};
    CHECK_FALSE(counts_in(bad, jan, InfoServiceCount::Added));
}

TEST_CASE("info service: the Hanjiang Q1 2024 table", "[info_service]") {
    const auto subs = hanjiang();
    const auto q = info_service_quarter(subs, *parse_quarter("2024Q1"), {2000, 2000, 2000});
    const std::int64_t want[3][4] = {{5953, 11, 38, 5926}, {5926, 6, 50, 5882}, {5882, 58, 48, 5892}};
    const Fen fee[3] = {yuan(118520), yuan(117640), yuan(117840)};
    for (int i = 0; i < 3; ++i) {
        const auto& m = q.months[static_cast<std::size_t>(i)];
        INFO(m.month.code());
        CHECK(m.month == month(2024, i + 1));
        CHECK(m.at_start == want[i][0]);
        CHECK(m.added == want[i][1]);
        CHECK(m.removed == want[i][2]);
        CHECK(m.total == want[i][3]);
        CHECK(m.fee_fen == fee[i]);
    }
    CHECK(q.at_start == 17761);
    CHECK(q.added == 75);
    CHECK(q.removed == 136);
    CHECK(q.person_months == 17700);
    CHECK(q.fee_fen == yuan(354000));

    // The drill-down gives the same people as the counts, in elder order.
    const auto removed_feb = info_service_members(subs, month(2024, 2), InfoServiceCount::Removed);
    CHECK(removed_feb.size() == 50);
    CHECK(std::is_sorted(removed_feb.begin(), removed_feb.end(),
                         [](const Subscription& a, const Subscription& b) { return a.elder_id < b.elder_id; }));
    CHECK(info_service_members(subs, month(2024, 3), InfoServiceCount::Total).size() == 5892);

    // A unit fee that changes within the quarter applies from its month.
    const auto dearer = info_service_quarter(subs, *parse_quarter("2024-Q1"), {2000, 2000, 2500});
    CHECK(dearer.months[2].fee_fen == 5892 * 2500);
    CHECK(dearer.fee_fen == yuan(118520) + yuan(117640) + 5892 * 2500);
}

TEST_CASE("info service: quarters, the fee rule kind", "[info_service][rules]") {
    CHECK(parse_quarter("2024Q1")->code() == "2024-Q1");
    CHECK(parse_quarter("2024q4")->code() == "2024-Q4");
    CHECK(parse_quarter("2024-Q2")->first_day() == Date{2024, 4, 1});
    for (const char* bad : {"2024Q5", "2024-01", "2024", "", "Q1 2024", "2024Q0"}) {
        INFO(bad);
        CHECK_FALSE(parse_quarter(bad));
    }
    CHECK(info_service_count_from_code("removed") == InfoServiceCount::Removed);
    CHECK_FALSE(info_service_count_from_code("gone"));
    CHECK(std::string(label_zh(InfoServiceCount::Removed)) == "拆机核减人员");

    const RuleKind* kind = find_rule_kind("verification_fees");
    REQUIRE(kind);
    const nlohmann::json seed = {{"version", "v1"}, {"effective_from", "2024-01-01"}, {"info_service_fen", 2000},
                                 {"physical_service_fen", 3000}, {"comment", "x"}};
    const auto v = kind->parse(seed);
    CHECK(static_cast<const VerificationFees*>(v.get())->info_service_fen == 2000);
    CHECK(kind->canonical(v) == nlohmann::json({{"version", "v1"}, {"info_service_fen", 2000},
                                                {"physical_service_fen", 3000}}));
    for (const auto& bad : {nlohmann::json{{"info_service_fen", 0}}, nlohmann::json{{"info_service_fen", 20.5}},
                            nlohmann::json{{"unit", 1}}, nlohmann::json::array()}) {
        INFO(bad.dump());
        CHECK_THROWS_AS(kind->parse(bad), std::invalid_argument);
    }
    RuleBook book;
    book.add({"verification_fees", "a", Date{2024, 1, 1}, seed, 0, "", ""});
    auto later = seed;
    later["info_service_fen"] = 2500;
    book.add({"verification_fees", "b", Date{2025, 1, 1}, later, 0, "", ""});
    CHECK(book.on<VerificationFees>(Date{2024, 12, 31}).info_service_fen == 2000);
    CHECK(book.on<VerificationFees>(Date{2025, 1, 1}).info_service_fen == 2500);
}

TEST_CASE("info service report round-trips", "[wire][info_service]") {
    wire::InfoServiceReport r;
    r.quarter = "2024-Q1";
    r.quarter_label_zh = "2024年第一季度";
    r.town_id = 3;
    r.town_name = "涵东街道";
    r.rule_versions = {"hanjiang-2024-v1"};
    r.months = {{"2024-01", "2024年1月", 5953, 11, 38, 5926, 2000, 11852000}};
    r.at_start = 5953;
    r.person_months = 5926;
    r.fee_fen = 11852000;
    r.drill_month = "2024-01";
    r.drill_count = "removed";
    r.people_total = 1;
    r.people = {{7, "王*英", "350303**********12", "139****0001", 3, "2023-05-01", std::string("2024-01-31"), "死亡"}};
    r.masked = true;
    const auto back = test::round_trip(r);
    CHECK(nlohmann::json(back) == nlohmann::json(r));
    CHECK(back.people.at(0).to == std::optional<std::string>("2024-01-31"));
    wire::InfoServiceReport district;
    district.quarter = "2024-Q1";
    CHECK_FALSE(nlohmann::json(district).contains("town_id"));
    CHECK(nlohmann::json(test::round_trip(district)) == nlohmann::json(district));
}

}  // namespace test_info_service_fees
