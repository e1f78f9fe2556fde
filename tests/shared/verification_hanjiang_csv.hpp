// The Hanjiang Q1 2024 lists (verification_hanjiang_data.hpp) as the import CSVs, written once for both the API tests
// (tests/server/test_verification_*_api.cpp) and the browser test's generator (tests/e2e/tools/hanjiang_csv.cpp), so
// the files the browser imports are the ones the API tests check. Header-only: the tool links yiyang_shared alone.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "verification_hanjiang_data.hpp"

namespace yiyang::test::hanjiang {

// person_id gives sequence 000 to every thousandth person, which the import refuses as no valid ID number: those
// move to area 350399 with sequence 001 (still unique, check character recomputed) in every list alike.
inline std::string fix(const std::string& id) {
    if (id.size() != 18 || id.compare(14, 3, "000") != 0) return id;
    const std::string first17 = "350399" + id.substr(6, 8) + "001";
    return first17 + resident_id_check_char(first17);
}

inline std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
inline std::string date_text(const Date& d) {
    return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}
inline std::string time_text(int secs) { return two(secs / 3600) + ":" + two(secs / 60 % 60); }

inline constexpr const char* kSubscribersHeader = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
inline constexpr const char* kServiceRecordsHeader = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
inline constexpr const char* kCremationsHeader = "姓名,身份证号,死亡日期,火化日期\n";
inline constexpr const char* kPhoneChecksHeader = "身份证号,核查日期,核查结果,是否符合条件\n";
inline constexpr const char* kCallbacksHeader =
    "身份证号,回访日期,回访结果,总体满意度,服务态度与专业性,手机套餐,知晓SOS与定位功能,停机原因\n";

// The ledger as imported: ID numbers fixed, Hanjiang's twelve towns replaced by the deployment's (towns[k] for
// kTowns[k]; at least twelve names).
inline std::vector<SubscriberRow> ledger_in(const std::vector<std::string>& towns) {
    auto out = ledger();
    for (auto& s : out) {
        s.id_number = fix(s.id_number);
        for (int k = 0; k < 12; ++k)
            if (s.town == kTowns[k]) s.town = towns.at(static_cast<std::size_t>(k));
    }
    return out;
}

inline std::string subscribers_csv(const std::vector<SubscriberRow>& rows) {
    std::string csv = kSubscribersHeader;
    for (const auto& s : rows)
        csv += s.name + "," + s.id_number + "," + s.phone + "," + s.town + "," + date_text(s.opened) + "," +
               (s.removed ? date_text(*s.removed) : "") + "," + s.removal_reason + "\n";
    return csv;
}

inline std::string service_records_csv() {
    std::string csv = kServiceRecordsHeader;
    for (const auto& s : service_records())
        csv += s.record_no + "," + fix(s.id_number) + "," + s.name + "," + date_text(s.day) + "," + time_text(s.start) +
               "," + time_text(s.end) + "," + s.item + "," + s.caregiver + "," + s.evidence + "\n";
    return csv;
}

inline std::string cremations_csv() {
    std::string csv = kCremationsHeader;
    for (const auto& c : cremation_list())
        csv += c.name + "," + fix(c.id_number) + "," + date_text(c.died) + "," + date_text(*c.cremated) + "\n";
    return csv;
}

// The imported subjects have no registry categories: the phone check's verdict says they qualify.
inline std::string phone_checks_csv() {
    std::string csv = kPhoneChecksHeader;
    for (const auto& p : phone_checks())
        csv += fix(p.id_number) + "," + date_text(p.day) + "," + label_zh(p.outcome) + ",是\n";
    return csv;
}

// The 3 750 subjects the service records serve, fixed and sorted (survey_answers' input).
inline std::vector<std::string> served_ids() {
    std::vector<std::string> served;
    for (int i = 0; i < 3750; ++i) served.push_back(fix(person_id(100000 + i)));
    std::sort(served.begin(), served.end());
    return served;
}

// Callback answers (the sample's and/or the survey's; their ID numbers are written as given).
inline std::string callbacks_csv(const std::vector<CallbackRow>& calls) {
    std::string csv = kCallbacksHeader;
    for (const auto& c : calls)
        csv += c.id_number + "," + date_text(c.day) + "," + label_zh(c.outcome) + "," +
               (c.overall ? label_zh(*c.overall) : "") + "," + (c.staff ? label_zh(*c.staff) : "") + "," +
               (c.package ? label_zh(*c.package) : "") + "," + (c.knows_sos ? (*c.knows_sos ? "是" : "否") : "") + "," +
               c.suspension_reason + "\n";
    return csv;
}

}  // namespace yiyang::test::hanjiang
