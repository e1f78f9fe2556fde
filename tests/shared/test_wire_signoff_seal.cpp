// The sign-off replies (GET/POST /api/v1/verification/signoffs…) survive JSON both ways, as the server writes them.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/wire/verification_signoff.hpp"

namespace test_wire_signoff_seal {

using namespace yiyang;
using yiyang::test::round_trip;

TEST_CASE("wire: a sealed quarter with its supplement round-trips", "[wire][seal]") {
    wire::SignedReport original;
    original.id = 12;
    original.quarter = "2024-Q1";
    original.district_name = "中山市";
    original.title_zh = "2024年第一季度核查报告";
    original.status = "superseded";
    original.signed_by = "张三（主管）";
    original.signed_at = "2024-04-10T09:30:00";
    original.countersigned_by = "李四（局领导）";
    original.countersigned_at = "2024-04-11T10:00:00";
    original.figures_sha256 = std::string(64, 'a');
    original.snapshot_sha256 = std::string(64, 'b');
    original.pdf_sha256 = std::string(64, 'c');
    original.xlsx_sha256 = std::string(64, 'd');
    original.snapshot_rows = 16241;
    wire::SignedReport supplement = original;
    supplement.id = 13;
    supplement.supplement_no = 1;
    supplement.cites_id = 12;
    supplement.title_zh = "2024年第一季度核查报告 补充报告第1号";
    supplement.status = "signed";
    supplement.countersigned_by.clear();
    supplement.countersigned_at.clear();
    supplement.reason = "SEAL-01 经复核应予结算";
    supplement.changes = {{"physical.payable@2024-03", "1、实体服务数量 · 2024年3月 · 单次服务金额30元（人数）", "3759", "3760"}};
    wire::SignoffList list;
    list.quarter = "2024-Q1";
    list.sealed = true;
    list.sealed_by = 13;
    list.sealed_by_title = supplement.title_zh;
    list.next_supplement_no = 2;
    list.reports = {supplement, original};
    const auto back = round_trip(list);
    REQUIRE(back.reports.size() == 2);
    CHECK(back.reports[0].changes.at(0).after == "3760");
    CHECK(back.reports[1].countersigned_by == "李四（局领导）");
    round_trip(wire::SignRequest{"2024Q1", "", "季度核查完毕"});
    round_trip(wire::SignoffActionRequest{"请附复核记录"});
}

}  // namespace test_wire_signoff_seal
