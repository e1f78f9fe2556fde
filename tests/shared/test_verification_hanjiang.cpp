// The Hanjiang Q1 2024 verification report, recomputed from synthetic record-level data (verification_hanjiang_data.hpp,
// shared with the report's tests): every figure the seed states that whole records can give comes out exactly
// (9 562 人次 / 286 860 元; 91/16/75/150 deaths; 75 new, 68.00 %; 295 of 5 882 = 5.01 %; 188 valid questionnaires,
// 93.61 % truncated).
#include <catch2/catch.hpp>

#include "verification_hanjiang_data.hpp"
#include "verification_support.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/sampling.hpp"

namespace test_verification_hanjiang {

using namespace yiyang;
using namespace yiyang::verification;
using yiyang::test::person_id;
using namespace yiyang::test::hanjiang;

namespace {

const Period kQ1{PeriodKind::Quarter, 2024, 1};
const ReportRule kHanjiang{Rounding::Truncate, 2};

}  // namespace

TEST_CASE("Hanjiang Q1 2024: physical-service fees 9 562 人次 / 286 860 元", "[verification]") {
    const auto r = physical_services({kQ1, yuan(30)}, service_records(), cremation_list(), ledger(), {});
    REQUIRE(r.months.size() == 3);
    CHECK(r.months[0].records.count() == 3456);
    CHECK(r.months[1].records.count() == 2347);
    CHECK(r.months[2].records.count() == 3759);
    CHECK(r.months[0].fee == yuan(103680));
    CHECK(r.months[1].fee == yuan(70410));
    CHECK(r.months[2].fee == yuan(112770));
    CHECK(r.records.count() == 9562);
    CHECK(r.fee == yuan(286860));
    CHECK(r.flagged.empty());
    CHECK(r.payable.count() == 9562);
    CHECK(r.payable_fee == yuan(286860));
    CHECK(r.subjects_served.count() == 3750);
}

TEST_CASE("Hanjiang Q1 2024: the ledger bills 5 926 / 5 882 / 5 892 = 17 700 person-months", "[verification]") {
    // Not this module's table (the information-service fees are computed elsewhere), but the ledger the death
    // and sampling figures run on must be the report's ledger.
    const auto subs = ledger();
    std::int64_t person_months = 0;
    std::vector<std::int64_t> billed;
    for (const auto& m : months_of(kQ1)) {
        std::int64_t n = 0;
        for (const auto& s : subs) n += billed_in_month(s, m) ? 1 : 0;
        billed.push_back(n);
        person_months += n;
    }
    CHECK(billed == std::vector<std::int64_t>{5926, 5882, 5892});
    CHECK(person_months == 17700);
    CHECK(person_months * yuan(20) == yuan(354000));
}

TEST_CASE("Hanjiang Q1 2024: deaths 91 matched, 16 already removed, 75 deducted, 150 next quarter", "[verification]") {
    const auto r = death_check({{2023, 11, 1}, {2023, 12, 31}, kQ1, yuan(20), {}}, ledger(), cremation_list(), {});
    CHECK(r.matched.count() == 91);
    CHECK(r.already_removed.count() == 16);
    CHECK(r.to_deduct.count() == 75);
    CHECK(r.deducted.count() == 75);
    CHECK(r.not_deducted.count() == 0);
    CHECK(r.next_quarter.count() == 150);
    CHECK(r.name_mismatches.empty());
    // The 37 removed only in February were still billed for January, when the deduction was due.
    CHECK(r.still_billed.size() == 37);
    CHECK(r.to_recover == 37 * yuan(20));
    CHECK(r.already_removed.keys.front() == person_id(7000));
}

TEST_CASE("Hanjiang Q1 2024: 75 new subjects, usage 51/75 = 68.00 %", "[verification]") {
    const auto subs = ledger();
    // 27 接通, 20 无人接听 + 4 占线, 12 关机, 9 停机, and 3 空号 (the last three, opened in March).
    const auto calls = phone_checks();
    const auto r = new_subjects(kQ1, {{"特困", "低保", "高龄"}, 60}, subs, categories(), calls);
    REQUIRE(r.months.size() == 3);
    CHECK(r.months[0].provided.count() == 11);
    CHECK(r.months[1].provided.count() == 6);
    CHECK(r.months[2].provided.count() == 58);
    CHECK(r.total.provided.count() == 75);
    CHECK(r.total.cancelled.count() == 0);
    CHECK(r.months[2].empty.count() == 3);
    CHECK(r.total.empty.count() == 3);
    CHECK(r.total.ineligible.count() == 0);
    CHECK(r.unchecked.count() == 0);
    CHECK(r.called.count() == 75);
    CHECK(r.outcomes.at(CallOutcome::Answered).count() == 27);
    CHECK(r.usage.numerator.count() == 51);
    CHECK(percent_text(r.usage, kHanjiang) == "68.00%");
}

TEST_CASE("Hanjiang Q1 2024: callback sample 295 of 5 882 = 5.01 %, shares and rates", "[verification]") {
    const auto subs = ledger();
    const auto d = draw_sample({{2024, 2, 29}, {5, 100}, "hj-2024Q1", false}, subs, test::fake_key);
    CHECK(d.frame.count() == 5882);
    CHECK(d.size == 295);
    CHECK(d.sample.count() == 295);
    CHECK(percent_text(d.share, kHanjiang) == "5.01%");

    // Stratified by the 12 towns: the parts sum exactly to the same 295.
    const auto s = draw_sample({{2024, 2, 29}, {5, 100}, "hj-2024Q1", true}, subs, test::fake_key);
    REQUIRE(s.strata.size() == 12);
    std::int64_t sum = 0;
    for (const auto& st : s.strata) {
        sum += st.size;
        const std::int64_t floor = st.frame_size * 5 / 100;   // each town gets its floor or one more
        CHECK((st.size == floor || st.size == floor + 1));
    }
    CHECK(sum == 295);
    CHECK(s.sample.count() == 295);

    // Outcomes: 19 answered (17 package 满意 + 2 不清楚; 2 know SOS; 12 rated overall, 11 satisfied),
    // 4 suspended (2 欠费, 2 沉默), 109 no answer, 128 powered off, 35 empty numbers.
    const auto calls = sample_callbacks(d.sample.keys);
    const auto c = callback_figures(d.sample, calls);
    CHECK(c.outcomes.at(CallOutcome::Answered).count() == 19);
    CHECK(c.suspended_arrears.count() == 2);
    CHECK(c.suspended_silent.count() == 2);
    CHECK(percent_text(c.package_satisfaction, kHanjiang) == "89.47%");   // 17/19, as the report
    CHECK(c.package.at(PackageAnswer::DontKnow).count() == 2);            // 有2人表示不知道手机套餐情况
    CHECK(percent_text(c.knows_sos, kHanjiang) == "10.52%");              // 2/19 (half-up would say 10.53 %)
    CHECK(percent_text(c.overall_satisfaction, kHanjiang) == "91.66%");   // 11/12 (half-up 91.67 %)
    // What whole records give for the two shares the seed prints as 37.00 % and 43.40 % (not k/295 for any k).
    CHECK(percent_text(c.shares.at(CallOutcome::NoAnswer), kHanjiang) == "36.94%");
    CHECK(percent_text(c.shares.at(CallOutcome::PoweredOff), kHanjiang) == "43.38%");
}

TEST_CASE("Hanjiang Q1 2024: survey 203 reached, 9 declined, 188 valid, 93.61 %", "[verification]") {
    const auto served = physical_services({kQ1, yuan(30)}, service_records(), {}, {}, {}).subjects_served;
    // 203 reached, 9 declined, 6 incomplete, 188 valid (176 satisfied overall, 177 on staff), 27 not reached.
    const auto rows = survey_answers(served.keys);
    const auto s = survey_figures(rows, served);
    CHECK(s.reached.count() == 203);
    CHECK(s.declined.count() == 9);
    CHECK(s.invalid.count() == 6);
    CHECK(s.valid.count() == 188);
    CHECK(s.not_reached.count() == 27);
    CHECK(s.overall.numerator.count() == 176);
    CHECK(percent_text(s.overall, kHanjiang) == "93.61%");
    CHECK(percent_text(s.overall, ReportRule{}) == "93.62%");   // the default rule (half-up)
    CHECK(percent_text(s.staff, kHanjiang) == "94.14%");        // the seed's 94.02 % is no k/188
    CHECK(percent_text(s.valid_share, kHanjiang) == "5.01%");   // 188 / 3 750 served
}

}  // namespace test_verification_hanjiang
