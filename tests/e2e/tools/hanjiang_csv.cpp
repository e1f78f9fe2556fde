// Writes the synthetic Hanjiang Q1 2024 lists (tests/shared/verification_hanjiang_data.hpp) as the five import CSVs
// for the browser test of the whole verification flow (tests/e2e/verification_flow.test.mjs), with the deployment's
// twelve towns in place of Hanjiang's. The callbacks file holds the physical-service survey only: the sample is
// drawn by the server on the suite's database, whose frame is not the ledger's alone.
// Usage: hanjiang-csv OUT_DIR TOWN1 … TOWN12
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>
#include <algorithm>

#include "verification_hanjiang_data.hpp"

using namespace yiyang;
namespace hj = yiyang::test::hanjiang;

namespace {

// As tests/server/test_verification_report_api.cpp: sequence 000 is no valid ID number for the import.
std::string fix(const std::string& id) {
    if (id.size() != 18 || id.compare(14, 3, "000") != 0) return id;
    const std::string first17 = "350399" + id.substr(6, 8) + "001";
    return first17 + resident_id_check_char(first17);
}
std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string date_text(const Date& d) { return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day); }
std::string time_text(int secs) { return two(secs / 3600) + ":" + two(secs / 60 % 60); }

bool write(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    return static_cast<bool>(f);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 14) {
        std::cerr << "usage: hanjiang-csv OUT_DIR TOWN1 … TOWN12\n";
        return 2;
    }
    const std::string dir = argv[1];
    auto ledger = hj::ledger();
    std::string csv = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    for (auto& s : ledger) {
        s.id_number = fix(s.id_number);
        for (int k = 0; k < 12; ++k)
            if (s.town == hj::kTowns[k]) s.town = argv[2 + k];
        csv += s.name + "," + s.id_number + "," + s.phone + "," + s.town + "," + date_text(s.opened) + "," +
               (s.removed ? date_text(*s.removed) : "") + "," + s.removal_reason + "\n";
    }
    bool ok = write(dir + "/subscribers.csv", csv);
    csv = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    for (const auto& s : hj::service_records())
        csv += s.record_no + "," + fix(s.id_number) + "," + s.name + "," + date_text(s.day) + "," + time_text(s.start) +
               "," + time_text(s.end) + "," + s.item + "," + s.caregiver + "," + s.evidence + "\n";
    ok = ok && write(dir + "/service_records.csv", csv);
    csv = "姓名,身份证号,死亡日期,火化日期\n";
    for (const auto& c : hj::cremation_list())
        csv += c.name + "," + fix(c.id_number) + "," + date_text(c.died) + "," + date_text(*c.cremated) + "\n";
    ok = ok && write(dir + "/cremations.csv", csv);
    csv = "身份证号,核查日期,核查结果,是否符合条件\n";
    for (const auto& p : hj::phone_checks()) csv += fix(p.id_number) + "," + date_text(p.day) + "," + label_zh(p.outcome) + ",是\n";
    ok = ok && write(dir + "/phone_checks.csv", csv);
    std::vector<std::string> served;
    for (int i = 0; i < 3750; ++i) served.push_back(fix(test::person_id(100000 + i)));
    std::sort(served.begin(), served.end());
    csv = "身份证号,回访日期,回访结果,总体满意度,服务态度与专业性,手机套餐,知晓SOS与定位功能,停机原因\n";
    for (const auto& c : hj::survey_answers(served)) {
        csv += c.id_number + "," + date_text(c.day) + "," + label_zh(c.outcome) + "," +
               (c.overall ? label_zh(*c.overall) : "") + "," + (c.staff ? label_zh(*c.staff) : "") + "," +
               (c.package ? label_zh(*c.package) : "") + "," + (c.knows_sos ? (*c.knows_sos ? "是" : "否") : "") + "," +
               c.suspension_reason + "\n";
    }
    ok = ok && write(dir + "/callbacks.csv", csv);
    if (!ok) {
        std::cerr << "hanjiang-csv: cannot write into " << dir << "\n";
        return 1;
    }
    return 0;
}
