// The Hanjiang Q1 2024 lists as synthetic record-level data (the same people as test_verification_hanjiang.cpp),
// shared by the report's tests in tests/shared and tests/server: ledger, cremation list, service records, the new
// subjects' phone checks and categories, and the callbacks / survey answers once the sample and the served are known.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "verification_support.hpp"
#include "yiyang/verification/common.hpp"

namespace yiyang::test::hanjiang {

using verification::Tally;

inline const char* const kTowns[] = {"涵东街道", "涵西街道", "国欢镇", "三江口镇", "白塘镇", "江口镇",
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
inline std::vector<SubscriberRow> ledger() {
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
inline std::vector<CremationRow> cremation_list() {
    std::vector<CremationRow> out;
    for (int i = 0; i < 75; ++i) out.push_back(test::cremation(i, add_days(Date{2023, 11, 1}, i % 61)));
    for (int k = 0; k < 16; ++k) out.push_back(test::cremation(7000 + k, Date{2023, 11, 20}));
    for (int i = 200; i < 350; ++i) out.push_back(test::cremation(i, add_days(Date{2024, 1, 1}, i % 91)));
    for (int i = 0; i < 400; ++i) out.push_back(test::cremation(500000 + i, add_days(Date{2023, 10, 1}, i % 180)));
    return out;
}

// Physical service records: 3 456 / 2 347 / 3 759 over 3 750 subjects served (never subscribers here), each
// caregiver at one subject at a time, each record with its own evidence.
inline std::vector<ServiceRecordRow> service_records() {
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


// The new subjects' registry categories (all eligible) and phone checks: 27 接通, 20 无人接听 + 4 占线, 12 关机,
// 9 停机, 3 空号 (the last three, opened in March) -> 51 / 75 = 68.00 %.
inline std::map<std::string, std::set<std::string>> categories() {
    std::map<std::string, std::set<std::string>> out;
    for (int k = 0; k < 75; ++k) out[person_id(6000 + k)] = {k % 2 ? "高龄" : "低保"};
    return out;
}
inline std::vector<PhoneCheckRow> phone_checks() {
    std::vector<PhoneCheckRow> calls;
    for (int k = 0; k < 75; ++k) {
        PhoneCheckRow c;
        c.row = k + 2;
        c.id_number = person_id(6000 + k);
        c.phone = "139" + std::to_string(10000000 + 6000 + k);
        c.day = Date{2024, 4, 10};
        c.outcome = k >= 72 ? CallOutcome::EmptyNumber
                    : k < 27 ? CallOutcome::Answered
                    : k < 47 ? CallOutcome::NoAnswer
                    : k < 51 ? CallOutcome::Busy
                    : k < 63 ? CallOutcome::PoweredOff
                             : CallOutcome::Suspended;
        calls.push_back(c);
    }
    return calls;
}

// Callbacks of the sample (ID numbers in sample order): 19 answered (17 package 满意 + 2 不清楚; 2 know SOS; 12 rated
// overall, 11 satisfied), 4 suspended (2 欠费, 2 沉默), 109 no answer, 128 powered off, 35 empty numbers.
inline std::vector<CallbackRow> sample_callbacks(const std::vector<std::string>& sample) {
    std::vector<CallbackRow> calls;
    int k = 0;
    for (const auto& id : sample) {
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
    return calls;
}

// The physical-service survey over the subjects served (ID numbers sorted): 203 reached, 9 declined, 6 incomplete,
// 188 valid (176 satisfied overall -> 93.61 % truncated; 177 on staff), 27 not reached.
inline std::vector<CallbackRow> survey_answers(const std::vector<std::string>& served) {
    std::vector<CallbackRow> rows;
    for (int k = 0; k < 230; ++k) {
        CallbackRow c;
        c.row = k + 2;
        c.id_number = served[static_cast<std::size_t>(k)];
        c.day = Date{2024, 4, 20};
        if (k < 9) {
            c.outcome = CallOutcome::Declined;
        } else if (k < 203) {
            c.outcome = CallOutcome::Answered;
            if (k >= 15) {
                const int v = k - 15;
                c.overall = v < 100 ? Satisfaction::VerySatisfied : v < 176 ? Satisfaction::Satisfied : Satisfaction::Neutral;
                c.staff = v < 177 ? Satisfaction::Satisfied : Satisfaction::Dissatisfied;
            } else {
                c.overall = Satisfaction::Satisfied;
            }
        } else {
            c.outcome = CallOutcome::NoAnswer;
        }
        rows.push_back(c);
    }
    return rows;
}

}  // namespace yiyang::test::hanjiang
