// 核查 in the app layer (app/verification.cpp): the import upload's state machine on the page's events (pick → dry
// run with progress → preview with errors by row and column → 确认导入 → committed, history reloaded; a 422 keeps its
// preview; late events of an older upload are dropped). Replies are built from the wire types the server writes;
// the report tab: test_verification_report.cpp.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "fakes.hpp"

namespace test_verification {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

wire::ImportPreview preview(bool dry_run, int errors) {
    wire::ImportPreview p;
    p.list = "subscribers";
    p.list_name = "信息化服务台账";
    p.dry_run = dry_run;
    p.file_name = "台账.csv";
    p.sha256 = std::string(64, 'a');
    p.file_kind = "csv";
    p.rows = 3;
    p.added = 2;
    p.changed = 1;
    p.unchanged = 0;
    p.error_count = errors;
    for (int i = 0; i < errors; ++i) p.errors.push_back({3 + i, "身份证号", "校验位错误，应为 X，实际为 3"});
    if (!dry_run) p.import_id = 9;
    return p;
}

json history_page() {
    wire::ImportBatchPage page;
    page.total = 1;
    page.page = 1;
    page.page_size = 10;
    wire::ImportBatchSummary b;
    b.id = 9;
    b.list = "subscribers";
    b.list_name = "信息化服务台账";
    b.file_name = "台账.csv";
    b.sha256 = std::string(64, 'a');
    b.username = "supervisor01";
    b.imported_at = "2026-12-05T10:00:00";
    b.rows = 3;
    b.added = 2;
    b.changed = 1;
    page.items.push_back(b);
    return json(page);
}

void open_imports(Dashboard& d) {
    d.sign_in_as("session_supervisor");
    d.settle();
    d.app.open_location("#/verification?tab=imports&quarter=2024Q1");
    REQUIRE(d.state().screen == Screen::Verification);
    REQUIRE(d.state().verification.tab == VerTab::Imports);
    REQUIRE(d.http.answer("GET", "/api/v1/imports", 200, history_page()));
}

}  // namespace

TEST_CASE("核查 is a real screen for the roles that have it", "[client][verification]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    const auto entries = nav_entries(d.state());
    CHECK(std::any_of(entries.begin(), entries.end(), [](const ScreenSpec* e) { return e->screen == Screen::Verification; }));
    CHECK(std::string(screen_spec(Screen::Verification).route) == "verification");
    Dashboard agent;
    agent.sign_in_as("session_agent");
    agent.settle();
    agent.apply(Navigate{Screen::Verification});   // agents have 核查 (callbacks) but neither imports nor the report
    CHECK(agent.state().screen == Screen::Verification);
    CHECK(agent.state().verification.tab == VerTab::Calls);   // their own work: the call list
    CHECK_FALSE(sent(agent, "GET /api/v1/imports"));
    CHECK_FALSE(sent(agent, "GET /api/v1/verification/info-service"));
    CHECK(sent(agent, "GET /api/v1/verification/call-list?quarter="));
}

TEST_CASE("核查 import: pick → dry run with progress → preview → 确认导入 → committed, history reloaded",
          "[client][verification]") {
    Dashboard d;
    open_imports(d);
    const VerImportState& im = d.state().verification.imports;
    REQUIRE(im.history.size() == 1);
    CHECK(im.history[0].sha256.size() == 64);

    d.apply(VerificationIntent{VerPickFile{}});
    CHECK(d.page.import_picks == 1);
    d.apply(VerificationIntent{VerFilePicked{"台账.csv", 2'000'000}});
    CHECK(im.phase == UploadPhase::Uploading);
    REQUIRE(d.page.import_uploads.size() == 1);
    const auto [url, seq] = d.page.import_uploads.back();
    CHECK(url.rfind("/api/v1/imports/subscribers?dry_run=1&name=", 0) == 0);
    CHECK(url.find("%E5%8F%B0%E8%B4%A6.csv") != std::string::npos);   // the name, URL-encoded

    d.apply(VerificationIntent{VerUploadProgress{seq, 500'000, 2'000'000}});
    CHECK(im.sent == 500'000);
    CHECK(im.total == 2'000'000);
    d.apply(VerificationIntent{VerUploadProgress{seq + 7, 1'900'000, 2'000'000}});   // another upload's: ignored
    CHECK(im.sent == 500'000);

    // 确认导入 is refused before a clean preview exists.
    d.apply(VerificationIntent{VerCommit{}});
    CHECK(d.page.import_uploads.size() == 1);

    d.apply(VerificationIntent{VerUploadDone{seq, 200, json(preview(true, 0)).dump()}});
    REQUIRE(im.phase == UploadPhase::Previewed);
    REQUIRE(im.preview);
    CHECK(im.preview->added == 2);
    CHECK(im.error_rows.empty());

    d.apply(VerificationIntent{VerCommit{}});
    REQUIRE(d.page.import_uploads.size() == 2);
    const auto [curl, cseq] = d.page.import_uploads.back();
    CHECK(curl.rfind("/api/v1/imports/subscribers?dry_run=0&name=", 0) == 0);
    CHECK(im.committing);
    d.apply(VerificationIntent{VerUploadDone{cseq, 201, json(preview(false, 0)).dump()}});
    CHECK(im.phase == UploadPhase::Committed);
    CHECK(im.message.find("新增 2") != std::string::npos);
    CHECK(d.state().status.kind != StatusKind::Success);   // said once, beside the import (not the status line too)
    CHECK(d.http.answer("GET", "/api/v1/imports", 200, history_page()));   // the history is asked for again
    // … and replaces what was shown: the committed batch once, not appended to the old page.
    REQUIRE(im.history.size() == 1);
    CHECK(im.history[0].id == 9);
    CHECK_FALSE(d.http.answer("GET", "/api/v1/imports", 200, history_page()));   // asked once
}

TEST_CASE("核查 import: errors by row and column; no commit; a 422 keeps its preview; the list re-judges the file",
          "[client][verification]") {
    Dashboard d;
    open_imports(d);
    const VerImportState& im = d.state().verification.imports;
    d.apply(VerificationIntent{VerFilePicked{"bad.csv", 300}});
    auto seq = d.page.import_uploads.back().second;
    d.apply(VerificationIntent{VerUploadDone{seq, 200, json(preview(true, 2)).dump()}});
    REQUIRE(im.phase == UploadPhase::Previewed);
    REQUIRE(im.error_rows.size() == 2);
    CHECK(im.error_rows[0].row_label == "第3行");
    CHECK(im.error_rows[0].column == "身份证号");
    CHECK(im.error_rows[0].message == "校验位错误，应为 X，实际为 3");
    d.apply(VerificationIntent{VerCommit{}});
    CHECK(d.page.import_uploads.size() == 1);            // a file with errors is not sent for commit

    // A header error is row 0: shown as the header / the file.
    wire::ImportPreview p = preview(true, 0);
    p.error_count = 1;
    p.errors.push_back({0, "身份证号", "缺少必填列"});
    CHECK(error_rows_of(p).front().row_label == "表头/文件");

    // Another list: the same file is judged again for it.
    d.apply(VerificationIntent{VerSelectList{"cremations"}});
    REQUIRE(d.page.import_uploads.size() == 2);
    CHECK(d.page.import_uploads.back().first.rfind("/api/v1/imports/cremations?dry_run=1", 0) == 0);
    seq = d.page.import_uploads.back().second;
    // A refusal with its preview (the commit path's 422): the preview and the message both stay.
    d.apply(VerificationIntent{VerUploadDone{seq, 422, json(wire::ImportRejected{"文件有 2 处错误，未导入", preview(true, 2)}).dump()}});
    CHECK(im.phase == UploadPhase::Failed);
    CHECK(im.error == "文件有 2 处错误，未导入");
    CHECK(im.error_rows.size() == 2);

    // The network failed: said so.
    d.apply(VerificationIntent{VerFilePicked{"again.csv", 10}});
    seq = d.page.import_uploads.back().second;
    d.apply(VerificationIntent{VerUploadDone{seq, 0, ""}});
    CHECK(im.phase == UploadPhase::Failed);
    CHECK(im.error.find("网络") != std::string::npos);

    // Service records wait for their provider: the file is judged again once one is chosen, not before.
    const auto uploads = d.page.import_uploads.size();
    d.apply(VerificationIntent{VerSelectList{"service_records"}});
    CHECK(d.page.import_uploads.size() == uploads);
    d.apply(VerificationIntent{VerSelectProvider{1}});
    REQUIRE(d.page.import_uploads.size() == uploads + 1);
    CHECK(d.page.import_uploads.back().first.find("provider_id=1") != std::string::npos);

    // Templates and kept files are downloads.
    d.apply(VerificationIntent{VerDownloadTemplate{"callbacks"}});
    d.apply(VerificationIntent{VerDownloadImport{9}});
    REQUIRE(d.page.opened.size() == 2);
    CHECK(d.page.opened[0] == std::make_pair(std::string("/api/v1/imports/templates/callbacks.xlsx"), true));
    CHECK(d.page.opened[1] == std::make_pair(std::string("/api/v1/imports/9/file"), true));
}

}  // namespace test_verification
