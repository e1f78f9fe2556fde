// The Hanjiang Q1 2024 verification report, recomputed from synthetic record-level data built here: every figure
// the seed states that whole records can give comes out exactly (9 562 人次 / 286 860 元; 91/16/75/150 deaths;
// 75 new, 68.00 %; 295 of 5 882 = 5.01 %; 188 valid questionnaires, 93.61 % truncated).
#include <catch2/catch.hpp>

#include "verification_support.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/sampling.hpp"

using namespace yiyang;
using namespace yiyang::verification;
using yiyang::test::person_id;

namespace {

const Period kQ1{PeriodKind::Quarter, 2024, 1};
const ReportRule kHanjiang{Rounding::Truncate, 2};
const char* const kTowns[] = {"涵东街道", "涵西街道", "国欢镇", "三江口镇", "白塘镇", "江口镇",
                              "梧塘镇",   "萩芦镇",   "白沙镇", "庄边镇",   "新县镇", "大洋乡"};

// The subscriber ledger (信息化服务台账), built so that the information-service table holds as well:
//   0..5952     5 953 on the list at the start of January (opened 2019..2023)
//     0..37       died Nov–Dec 2023, removed in January (38 拆机核减)
//     38..74      died Nov–Dec 2023, removed in February (37 of February's 50)
//     75..87      removed in February at their own request (13)
//     88..135     removed in March (48)
//     200..349    die in Q1 2024 (150), still on the list
//   6000..6074  75 new: 11 in January, 6 in February, 58 in March
//   7000..7015  died Nov–Dec 2023 and already removed in December (16)
std::vector<SubscriberRow> ledger() {
    std::vector<SubscriberRow> out;
    for (int i = 0; i < 5953; ++i) {
        std::optional<Date> removed;
        std::string reason;
        if (i < 38) removed = Date{2024, 1, 15}, reason = "死亡";
        else if (i < 75) removed = Date{2024, 2, 10}, reason = "死亡";
        else if (i < 88) removed = Date{2024, 2, 20}, reason = "用户申请";
        else if (i < 136) removed = Date{2024, 3, 10}, reason = "欠费";
        out.push_back(test::subscriber(i, add_days(Date{2019, 1, 1}, i % 1800), removed, reason, kTowns[i % 12]));
    }
    for (int k = 0; k < 75; ++k) {
        const Date opened = k < 11 ? Date{2024, 1, 5 + k} : k < 17 ? Date{2024, 2, 1 + k} : Date{2024, 3, 1 + (k - 17) % 28};
        out.push_back(test::subscriber(6000 + k, opened, {}, {}, kTowns[k % 12]));
    }
    for (int k = 0; k < 16; ++k) out.push_back(test::subscriber(7000 + k, Date{2021, 6, 1}, Date{2023, 12, 5}, "死亡"));
    return out;
}

// The district cremation list: the 91 + 150 subscribers above, and 400 people who were never subscribers.
std::vector<CremationRow> cremation_list() {
    std::vector<CremationRow> out;
    for (int i = 0; i < 75; ++i) out.push_back(test::cremation(i, add_days(Date{2023, 11, 1}, i % 61)));
    for (int k = 0; k < 16; ++k) out.push_back(test::cremation(7000 + k, Date{2023, 11, 20}));
    for (int i = 200; i < 350; ++i) out.push_back(test::cremation(i, add_days(Date{2024, 1, 1}, i % 91)));
    for (int i = 0; i < 400; ++i) out.push_back(test::cremation(500000 + i, add_days(Date{2023, 10, 1}, i % 180)));
    return out;
}

// Physical service records: 3 456 / 2 347 / 3 759 over 3 750 subjects served (never subscribers here), each
// caregiver at one subject at a time, each record with its own evidence.
std::vector<ServiceRecordRow> service_records() {
    std::vector<ServiceRecordRow> out;
    const int per_month[] = {3456, 2347, 3759};
    int n = 0;
    for (int m = 0; m < 3; ++m) {
        for (int k = 0; k < per_month[m]; ++k, ++n) {
            ServiceRecordRow r;
            r.row = n + 2;
            char no[16];
            std::snprintf(no, sizeof no, "FW%06d", n);
            r.record_no = no;
            r.id_number = person_id(100000 + n % 3750);
            r.name = "服务对象" + std::to_string(n % 3750);
            r.day = Date{2024, m + 1, 1 + k % 28};
            r.caregiver = "助老员" + std::to_string(k % 40);
            r.start = 8 * 3600 + (k / 280) * 3600;   // a caregiver's visits of one day are 280 apart in k: an hour apart
            r.end = r.start + 3000;
            r.item = "上门助洁";
            r.evidence = "photo/" + r.record_no + ".jpg";
            out.push_back(std::move(r));
        }
    }
    return out;
}

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
    std::map<std::string, std::set<std::string>> categories;
    std::vector<PhoneCheckRow> calls;
    for (int k = 0; k < 75; ++k) {
        categories[person_id(6000 + k)] = {k % 2 ? "高龄" : "低保"};
        PhoneCheckRow c;
        c.row = k + 2;
        c.id_number = person_id(6000 + k);
        c.day = Date{2024, 4, 10};
        // 27 接通, 20 无人接听 + 4 占线, 12 关机, 9 停机, and 3 空号 (the last three, opened in March).
        c.outcome = k >= 72 ? CallOutcome::EmptyNumber
                    : k < 27 ? CallOutcome::Answered
                    : k < 47 ? CallOutcome::NoAnswer
                    : k < 51 ? CallOutcome::Busy
                    : k < 63 ? CallOutcome::PoweredOff
                             : CallOutcome::Suspended;
        calls.push_back(c);
    }

    const auto r = new_subjects(kQ1, {{"特困", "低保", "高龄"}, 60}, subs, categories, calls);
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
    std::vector<CallbackRow> calls;
    int k = 0;
    for (const auto& id : d.sample.keys) {
        CallbackRow c;
        c.row = k + 2;
        c.id_number = id;
        c.day = Date{2024, 4, 15};
        if (k < 19) {
            c.outcome = CallOutcome::Answered;
            c.package = k < 17 ? PackageAnswer::Satisfied : PackageAnswer::DontKnow;
            c.knows_sos = k < 2;
            if (k < 12) c.overall = k < 11 ? Satisfaction::Satisfied : Satisfaction::Neutral;
        } else if (k < 23) {
            c.outcome = CallOutcome::Suspended;
            c.suspension_reason = k < 21 ? "欠费停机" : "沉默停机";
        } else if (k < 132) {
            c.outcome = CallOutcome::NoAnswer;
        } else if (k < 260) {
            c.outcome = CallOutcome::PoweredOff;
        } else {
            c.outcome = CallOutcome::EmptyNumber;
        }
        calls.push_back(c);
        ++k;
    }
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
    std::vector<CallbackRow> rows;
    for (int k = 0; k < 230; ++k) {
        CallbackRow c;
        c.row = k + 2;
        c.id_number = served.keys[static_cast<std::size_t>(k)];
        c.day = Date{2024, 4, 20};
        if (k < 9) {
            c.outcome = CallOutcome::Declined;
        } else if (k < 203) {
            c.outcome = CallOutcome::Answered;
            if (k >= 15) {   // 6 incomplete questionnaires (9..14)
                const int v = k - 15;   // 188 valid: 176 satisfied overall, 177 on staff
                c.overall = v < 100 ? Satisfaction::VerySatisfied : v < 176 ? Satisfaction::Satisfied : Satisfaction::Neutral;
                c.staff = v < 177 ? Satisfaction::Satisfied : Satisfaction::Dissatisfied;
            } else {
                c.overall = Satisfaction::Satisfied;   // staff question left blank
            }
        } else {
            c.outcome = CallOutcome::NoAnswer;
        }
        rows.push_back(c);
    }
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
