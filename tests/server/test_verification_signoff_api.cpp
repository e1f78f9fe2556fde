// Sign-off and sealing of the quarterly report (签署与封存, issue 10) through the API, on a server of its own (a signed
// quarter is sealed for every later test of a shared database): the Hanjiang Q1 2024 lists imported, the report
// signed by a supervisor and countersigned by the bureau leader; every write route then answers 409 quarter_sealed
// naming the report and changes nothing; a correction lets one decision change and the next signature is
// 补充报告第1号 with exactly the changed figures; the stored files download byte-identical with their SHA-256, which
// pdftotext finds printed on the PDF; who may do what; every step audited.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <stdexcept>
#include <thread>

#include "app/import_files.hpp"
#include "app/photos.hpp"
#include "app/signoff.hpp"
#include "verification_fixture.hpp"

namespace test_verification_signoff_api {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using yiyang::test::shell_output;
using json = nlohmann::json;
namespace hj = yiyang::test::hanjiang;
using hj::fix;

namespace {

// A server on a database of its own (verification_fixture): one user of every role.
struct SealServer : test::VerificationServer {
    SealServer()
        : VerificationServer({"yiyang-signoff-test", "s_", "签署",
                              {{"supervisor", Role::Supervisor}, {"admin", Role::Admin}, {"leader", Role::Leader},
                               {"town", Role::Town}, {"agent", Role::Agent}, {"provider", Role::Provider},
                               {"kiosk", Role::Kiosk}}}) {}
};

Reply post(ApiClient& c, const std::string& path, const json& body) {
    return c.send("POST", path, body.dump(), {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/json"}});
}
Reply post(ApiClient&& c, const std::string& path, const json& body) { return post(c, path, body); }
Reply upload(ApiClient& c, const std::string& list, const std::string& csv, const std::string& query = "") {
    const std::string provider = list == "service_records" ? "&provider_id=1" : "";
    return c.send("POST", "/api/v1/imports/" + list + "?dry_run=0" + provider + query, csv,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
}

// drill code -> text of every figure of a report reply.
std::map<std::string, std::string> figures_of(const json& report) {
    std::map<std::string, std::string> out;
    for (const auto& t : report["tables"])
        for (const auto& row : t["rows"])
            for (const auto& c : row) {
                const std::string drill = c.value("drill", "");
                if (!drill.empty() && !out.count(drill)) out[drill] = c.value("text", "");
            }
    return out;
}

constexpr const char* kRecords = hj::kServiceRecordsHeader;

// The first `n` subjects of the ledger alive and on it (not removed, not cremated), opened before `opened_before`.
std::vector<SubscriberRow> alive_on_ledger(const std::vector<SubscriberRow>& ledger, std::size_t n,
                                           Date opened_before = Date{9999, 12, 31}) {
    std::set<std::string> cremated;
    for (const auto& c : hj::cremation_list()) cremated.insert(fix(c.id_number));
    std::vector<SubscriberRow> alive;
    for (const auto& s : ledger)
        if (!s.removed && !cremated.count(s.id_number) && s.opened < opened_before && alive.size() < n) alive.push_back(s);
    REQUIRE(alive.size() == n);
    return alive;
}

// Every cell text of an XLSX file (app/import_files reads it), row by row joined.
std::vector<std::string> xlsx_texts(const std::string& bytes) {
    std::vector<std::string> out;
    for (const auto& row : app::read_sheet(bytes).rows)
        for (const auto& f : row.fields)
            if (!f.empty()) out.push_back(f);
    return out;
}
bool has_text(const std::vector<std::string>& texts, const std::string& what) {
    for (const auto& t : texts)
        if (t.find(what) != std::string::npos) return true;
    return false;
}

// The stored snapshot of a signed report, unzipped (gzip -dc).
std::string snapshot_text(const std::filesystem::path& dir, std::int64_t id) {
    SQLite::Database db((dir / "test.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT snapshot FROM signed_reports WHERE id = ?");
    st.bind(1, id);
    REQUIRE(st.executeStep());
    const auto c = st.getColumn(0);
    const auto path = dir / ("snapshot-" + std::to_string(id) + ".gz");
    std::ofstream(path, std::ios::binary).write(static_cast<const char*>(c.getBlob()), c.getBytes());
    return shell_output("gzip -dc '" + path.string() + "'");
}

// Clears the test hook of a signature whatever happens.
struct SignHook {
    explicit SignHook(std::function<void(int)> f) { app::sign_computed_hook = std::move(f); }
    ~SignHook() { app::sign_computed_hook = nullptr; }
};

// Every `previous` beside a figure of a report reply, by drill code.
std::map<std::string, std::string> previous_of(const json& report) {
    std::map<std::string, std::string> out;
    for (const auto& t : report["tables"])
        for (const auto& row : t["rows"])
            for (const auto& c : row)
                if (c.contains("previous") && !c.value("drill", "").empty()) out[c["drill"]] = c["previous"];
    return out;
}

}  // namespace

TEST_CASE("sign-off: sign, countersign, sealed writes refused, a correction and 补充报告第1号, the stored files",
          "[verification][signoff][inprocess]") {
    SealServer srv;
    auto sup = srv.signed_in("supervisor");
    auto leader = srv.signed_in("leader");
    const auto town_names = srv.town_names(sup);

    // ---- the Hanjiang lists ------------------------------------------------------------------------------------
    const auto ledger = test::import_hanjiang_lists(sup, town_names);
    // Two records of provider 1 by one caregiver at overlapping times (subjects alive and on the ledger): flagged,
    // pending a supervisor's decision.
    const auto alive = alive_on_ledger(ledger, 4);
    const std::string seal_records = std::string(kRecords) +
        "SEAL-01," + alive[0].id_number + "," + alive[0].name + ",2024-03-05,09:00,10:00,助洁,封存护工甲,seal1.jpg\n" +
        "SEAL-02," + alive[1].id_number + "," + alive[1].name + ",2024-03-05,09:30,10:30,助洁,封存护工甲,seal2.jpg\n";
    REQUIRE(upload(sup, "service_records", seal_records).status == 201);
    // A callback draw of the quarter (before signing).
    auto draw = post(sup, "/api/v1/verification/samples",
                     {{"quarter", "2024Q1"}, {"draw_date", "2024-02-29"}, {"rate_num", 5}, {"rate_den", 100}});
    INFO(draw.raw.substr(0, 400));
    REQUIRE(draw.status == 201);
    const auto draw_id = draw.body["draw"]["id"].get<std::int64_t>();

    // ---- nothing signed yet; who may sign -------------------------------------------------------------------------
    auto list = sup.get("/api/v1/verification/signoffs?quarter=2024Q1");
    REQUIRE(list.status == 200);
    CHECK(list.body["sealed"] == false);
    CHECK(list.body["reports"].empty());
    CHECK(list.body["next_supplement_no"] == 0);
    CHECK(sup.get("/api/v1/verification/signoffs").status == 400);
    CHECK(leader.get("/api/v1/verification/signoffs?quarter=2024Q1").status == 200);
    const json sign_body = {{"quarter", "2024Q1"}, {"note", "季度核查完毕"}};
    for (const char* role : {"agent", "town", "provider", "kiosk", "leader"}) {
        auto c = srv.signed_in(role);
        INFO(role);
        CHECK(post(c, "/api/v1/verification/signoffs", sign_body).status == 403);
    }
    CHECK(post(sup, "/api/v1/verification/signoffs", {{"quarter", "2024Q9"}}).status == 422);
    CHECK(post(sup, "/api/v1/verification/signoffs", {{"quarter", "2024Q1"}, {"extra", 1}}).status == 422);

    const auto report_before = sup.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(report_before.status == 200);

    // ---- sign -----------------------------------------------------------------------------------------------------
    const auto t0 = std::chrono::steady_clock::now();
    auto signed_r = post(sup, "/api/v1/verification/signoffs", sign_body);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    INFO(signed_r.raw.substr(0, 800));
    REQUIRE(signed_r.status == 201);
    const json original = signed_r.body;
    const auto original_id = original["id"].get<std::int64_t>();
    WARN("POST /signoffs (report + snapshot + PDF + XLSX, Hanjiang Q1): " << ms << " ms; snapshot rows "
         << original["snapshot_rows"]);
    CHECK(original["title_zh"] == "2024年第一季度核查报告");
    CHECK(original["status"] == "signed");
    CHECK(original["supplement_no"] == 0);
    CHECK(original["cites_id"] == 0);
    CHECK(original["signed_by"] == "签署supervisor（主管）");
    CHECK(original["figures_sha256"].get<std::string>().size() == 64);
    CHECK(original["snapshot_sha256"].get<std::string>().size() == 64);
    CHECK(original["pdf_sha256"].get<std::string>().size() == 64);
    CHECK(original["snapshot_rows"].get<std::int64_t>() > 9000);
    CHECK(original["changes"].empty());
    CHECK(!original["district_name"].get<std::string>().empty());
    {
        SQLite::Database db((srv.dir / "test.db").string(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT length(snapshot), length(pdf), length(xlsx) FROM signed_reports WHERE id = ?");
        st.bind(1, original_id);
        REQUIRE(st.executeStep());
        WARN("signed report " << original_id << ": snapshot " << st.getColumn(0).getInt64() << " bytes gzipped, PDF "
                               << st.getColumn(1).getInt64() << " bytes, XLSX " << st.getColumn(2).getInt64() << " bytes");
    }
    // Signing again while sealed: 409 naming the report.
    auto again = post(sup, "/api/v1/verification/signoffs", sign_body);
    CHECK(again.status == 409);
    CHECK(again.body["error"]["code"] == "quarter_sealed");
    const std::string sealed_msg = "2024年第一季度核查报告（第" + std::to_string(original_id) + "号签署，签署supervisor ";
    CHECK(again.body["error"]["message"].get<std::string>().find(sealed_msg) != std::string::npos);

    // ---- countersign ----------------------------------------------------------------------------------------------
    const std::string base = "/api/v1/verification/signoffs/" + std::to_string(original_id);
    CHECK(post(sup, base + "/countersign", json::object()).status == 403);
    CHECK(post(srv.signed_in("admin"), base + "/countersign", json::object()).status == 403);
    CHECK(post(sup, base + "/return", {{"note", "数字有误"}}).status == 403);
    auto counter = post(leader, base + "/countersign", {{"note", "同意"}});
    REQUIRE(counter.status == 200);
    CHECK(counter.body["status"] == "countersigned");
    CHECK(counter.body["countersigned_by"] == "签署leader（局领导）");
    CHECK(post(leader, base + "/countersign", json::object()).status == 409);   // once
    CHECK(post(leader, base + "/return", {{"note", "数字有误"}}).status == 409);   // countersigned: not returned
    list = leader.get("/api/v1/verification/signoffs?quarter=2024Q1");
    CHECK(list.body["sealed"] == true);
    CHECK(list.body["sealed_by"] == original_id);
    CHECK(list.body["next_supplement_no"] == 1);

    // ---- every write of the quarter: 409 naming the report, nothing written -----------------------------------------
    const auto check_sealed = [&](const Reply& r, const char* what) {
        INFO(what << ": " << r.raw.substr(0, 400));
        CHECK(r.status == 409);
        CHECK(r.body["error"]["code"] == "quarter_sealed");
        CHECK(r.body["error"]["message"].get<std::string>().find(sealed_msg) != std::string::npos);
        CHECK(r.body["error"]["message"].get<std::string>().find("请开启更正并签署补充报告") != std::string::npos);
    };
    const auto imports_before = sup.get("/api/v1/imports");
    check_sealed(upload(sup, "service_records", std::string(kRecords) + "SEAL-03," + alive[2].id_number + "," +
                                                    alive[2].name + ",2024-03-06,09:00,10:00,助洁,封存护工乙,s3.jpg\n"),
                 "a new service record of 2024-03");
    check_sealed(upload(sup, "subscribers", "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n新开通," +
                                                fix(test::person_id(990001)) + ",13900000001," + town_names[0] +
                                                ",2024-02-01,,\n"),
                 "a subscriber opened in 2024-02");
    check_sealed(upload(sup, "phone_checks", "身份证号,核查日期,核查结果,是否符合条件\n" + alive[3].id_number +
                                                 ",2024-04-15,已接通,是\n"),
                 "a phone check of 2024-04 (about Q1)");
    check_sealed(post(sup, "/api/v1/verification/physical/SEAL-01/decision", {{"payable", true}, {"reason", "签到记录为准"}}),
                 "a decision");
    check_sealed(post(srv.signed_in("provider"), "/api/v1/verification/physical/SEAL-01/answer", {{"text", "先到甲家"}}),
                 "a provider's answer");
    check_sealed(post(sup, "/api/v1/verification/samples", {{"quarter", "2024Q1"}, {"draw_date", "2024-02-29"},
                                                            {"rate_num", 5}, {"rate_den", 100}, {"reason", "重抽"}}),
                 "a new draw");
    check_sealed(post(sup, "/api/v1/verification/samples/" + std::to_string(draw_id) + "/calls",
                      {{"no", 1}, {"outcome", "无人接听"}}),
                 "a call");
    check_sealed(post(sup, "/api/v1/verification/samples/" + std::to_string(draw_id) + "/replace", {{"no", 1}}),
                 "a replacement");
    // A death subject of the quarter's window: the family contact.
    std::string dead_id;
    std::set<std::string> on_ledger;
    for (const auto& s : ledger) on_ledger.insert(s.id_number);
    for (const auto& c : hj::cremation_list())
        if (on_ledger.count(fix(c.id_number)) && c.died >= Date{2023, 11, 1} && c.died <= Date{2023, 12, 31}) {
            dead_id = fix(c.id_number);
            break;
        }
    REQUIRE(!dead_id.empty());
    check_sealed(post(sup, "/api/v1/verification/deaths/" + dead_id + "/contact",
                      {{"outcome", "confirmed_dead"}, {"day", "2024-04-02"}}),
                 "a family contact");
    // Unchanged rows and other quarters pass: the same file again changes nothing; a record of 2024-04 is Q2's.
    auto same = upload(sup, "service_records", seal_records);
    CHECK(same.status == 201);
    CHECK(same.body["unchanged"] == 2);
    auto q2 = upload(sup, "service_records", std::string(kRecords) + "SEAL-Q2," + alive[2].id_number + "," +
                                                 alive[2].name + ",2024-04-02,09:00,10:00,助洁,封存护工乙,q2.jpg\n");
    CHECK(q2.status == 201);
    // Nothing written: the imports are those before plus the two that passed, the figures are the signed ones.
    CHECK(sup.get("/api/v1/imports").body["total"].get<std::int64_t>() == imports_before.body["total"].get<std::int64_t>() + 2);
    const auto report_sealed = sup.get("/api/v1/verification/report?quarter=2024Q1");
    CHECK(figures_of(report_sealed.body) == figures_of(report_before.body));

    // ---- a correction, one decision changed, 补充报告第1号 --------------------------------------------------------
    CHECK(post(leader, base + "/corrections", {{"note", "复核发现疑点"}}).status == 403);
    CHECK(post(sup, base + "/corrections", json::object()).status == 422);   // a reason is required
    auto opened = post(sup, base + "/corrections", {{"note", "SEAL-01 经复核应予结算"}});
    INFO(opened.raw.substr(0, 400));
    REQUIRE(opened.status == 201);
    CHECK(opened.body["correction_open"] == true);
    CHECK(opened.body["sealed"] == false);
    CHECK(post(sup, base + "/corrections", {{"note", "再开一次"}}).status == 409);
    auto decided = post(sup, "/api/v1/verification/physical/SEAL-01/decision", {{"payable", true}, {"reason", "签到记录为准"}});
    INFO(decided.raw.substr(0, 400));
    REQUIRE(decided.status == 201);
    const auto report_corrected = sup.get("/api/v1/verification/report?quarter=2024Q1");
    const auto before_fig = figures_of(report_before.body), after_fig = figures_of(report_corrected.body);
    std::set<std::string> expected;
    for (const auto& [code, text] : after_fig)
        if (!before_fig.count(code) || before_fig.at(code) != text) expected.insert(code);
    for (const auto& [code, text] : before_fig)
        if (!after_fig.count(code)) expected.insert(code);
    REQUIRE(!expected.empty());

    auto supp = post(sup, "/api/v1/verification/signoffs", {{"quarter", "2024-Q1"}});
    INFO(supp.raw.substr(0, 800));
    REQUIRE(supp.status == 201);
    const auto supp_id = supp.body["id"].get<std::int64_t>();
    CHECK(supp.body["supplement_no"] == 1);
    CHECK(supp.body["cites_id"] == original_id);
    CHECK(supp.body["title_zh"] == "2024年第一季度核查报告 补充报告第1号");
    CHECK(supp.body["reason"] == "SEAL-01 经复核应予结算");
    CHECK(supp.body["figures_sha256"] != original["figures_sha256"]);
    std::set<std::string> changed;
    for (const auto& c : supp.body["changes"]) {
        const std::string code = c["code"].get<std::string>();
        changed.insert(code);
        INFO(code);
        CHECK(c["before"] == before_fig.at(code));
        CHECK(c["after"] == after_fig.at(code));
        CHECK(!c["label_zh"].get<std::string>().empty());
    }
    CHECK(changed == expected);
    list = sup.get("/api/v1/verification/signoffs?quarter=2024Q1");
    CHECK(list.body["sealed"] == true);
    CHECK(list.body["sealed_by"] == supp_id);
    CHECK(list.body["correction_open"] == false);
    REQUIRE(list.body["reports"].size() == 2);
    CHECK(list.body["reports"][0]["id"] == supp_id);
    CHECK(list.body["reports"][1]["status"] == "superseded");
    // Sealed again, now by the supplement.
    auto refused = post(sup, "/api/v1/verification/physical/SEAL-02/decision", {{"payable", false}, {"reason", "重复"}});
    CHECK(refused.status == 409);
    CHECK(refused.body["error"]["message"].get<std::string>().find("补充报告第1号（第" + std::to_string(supp_id) + "号签署") !=
          std::string::npos);

    // ---- the stored files: byte-identical, their SHA-256 as stored, printed on the PDF ---------------------------------
    for (const auto& [rep, id] : {std::pair<json, std::int64_t>{original, original_id}, {supp.body, supp_id}}) {
        const std::string file = "/api/v1/verification/signoffs/" + std::to_string(id) + "/file";
        const auto pdf1 = sup.get(file + "?format=pdf");
        const auto pdf2 = leader.get(file);
        REQUIRE(pdf1.status == 200);
        CHECK(pdf1.header("Content-Type") == "application/pdf");
        CHECK(pdf1.raw == pdf2.raw);
        CHECK(app::sha256_hex(pdf1.raw) == rep["pdf_sha256"]);
        CHECK(pdf1.header("X-Yiyang-SHA256") == rep["pdf_sha256"]);
        const auto x1 = sup.get(file + "?format=xlsx");
        const auto x2 = sup.get(file + "?format=xlsx");
        REQUIRE(x1.status == 200);
        CHECK(x1.raw == x2.raw);
        CHECK(app::sha256_hex(x1.raw) == rep["xlsx_sha256"]);
        const auto path = srv.dir / ("signed-" + std::to_string(id) + ".pdf");
        std::ofstream(path, std::ios::binary) << pdf1.raw;
        if (const char* keep = std::getenv("YIYANG_SIGNOFF_PDF_DIR"))
            std::filesystem::copy_file(path, std::filesystem::path(keep) / path.filename(),
                                       std::filesystem::copy_options::overwrite_existing);
        const std::string text = shell_output("pdftotext -layout '" + path.string() + "' -");
        CHECK(text.find(rep["figures_sha256"].get<std::string>()) != std::string::npos);
        CHECK(text.find(rep["snapshot_sha256"].get<std::string>()) != std::string::npos);
        CHECK(text.find("签署人：签署supervisor（主管）") != std::string::npos);
        CHECK((text.find("补充报告第1号") != std::string::npos) == (id == supp_id));
        CHECK(sup.get(file + "?format=doc").status == 400);
    }
    CHECK(srv.signed_in("town").get("/api/v1/verification/signoffs/" + std::to_string(supp_id) + "/file").status == 403);
    CHECK(srv.signed_in("agent").get("/api/v1/verification/signoffs/" + std::to_string(supp_id) + "/file").status == 403);
    CHECK(sup.get("/api/v1/verification/signoffs/999999/file").status == 404);

    // ---- the leader returns the supplement: the quarter is open; a reason is required ----------------------------------
    const std::string supp_base = "/api/v1/verification/signoffs/" + std::to_string(supp_id);
    CHECK(post(leader, supp_base + "/return", json::object()).status == 422);
    auto returned = post(leader, supp_base + "/return", {{"note", "请附复核记录"}});
    REQUIRE(returned.status == 200);
    CHECK(returned.body["status"] == "returned");
    CHECK(returned.body["returned_reason"] == "请附复核记录");
    list = sup.get("/api/v1/verification/signoffs?quarter=2024Q1");
    CHECK(list.body["sealed"] == false);
    CHECK(list.body["next_supplement_no"] == 1);
    CHECK(post(sup, "/api/v1/verification/physical/SEAL-02/decision", {{"payable", false}, {"reason", "重复"}}).status == 201);

    // ---- every step is an audit event -------------------------------------------------------------------------------------
    SQLite::Database db((srv.dir / "test.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT action FROM audit_events WHERE entity = 'verification_report' ORDER BY id");
    std::vector<std::string> actions;
    while (st.executeStep()) actions.push_back(st.getColumn(0).getString());
    const std::vector<std::string> expected_actions = {"sign", "countersign", "correction_open", "sign_supplement",
                                                       "download", "download", "download", "download",
                                                       "download", "download", "download", "download", "return"};
    CHECK(actions == expected_actions);
}

TEST_CASE("sealing gaps: backfills, replaced versions, provider changes, signing off the writer, the XLSX's lines, "
          "the signed previous quarter, every decision kept", "[verification][signoff][seal][inprocess]") {
    SealServer srv;
    auto sup = srv.signed_in("supervisor");
    const auto town_names = srv.town_names(sup);
    const auto ledger = test::import_hanjiang_lists(sup, town_names);
    const auto alive = alive_on_ledger(ledger, 5, Date{2023, 1, 1});
    const auto record = [&](const char* no, const SubscriberRow& s, const char* day, const char* start, const char* end,
                            const char* who) {
        return std::string(no) + "," + s.id_number + "," + s.name + "," + day + "," + start + "," + end + ",助洁," + who +
               "," + no + ".jpg\n";
    };
    const std::string seal_records = std::string(kRecords) +
                                     record("SEAL-01", alive[0], "2024-03-05", "09:00", "10:00", "封存护工甲") +
                                     record("SEAL-02", alive[1], "2024-03-05", "09:30", "10:30", "封存护工甲");
    REQUIRE(upload(sup, "service_records", seal_records).status == 201);

    // ---- 6. every decision kept and shown, newest first ---------------------------------------------------------
    REQUIRE(post(sup, "/api/v1/verification/physical/SEAL-01/decision", {{"payable", true}, {"reason", "签到记录为准"}})
                .status == 201);
    auto second = post(sup, "/api/v1/verification/physical/SEAL-01/decision", {{"payable", false}, {"reason", "重复签到"}});
    INFO(second.raw.substr(0, 600));
    REQUIRE(second.status == 201);
    REQUIRE(second.body["decision_history"].size() == 2);
    CHECK(second.body["decision_history"][0]["payable"] == false);
    CHECK(second.body["decision_history"][0]["reason"] == "重复签到");
    CHECK(second.body["decision_history"][1]["payable"] == true);
    CHECK(second.body["decision_history"][1]["reason"] == "签到记录为准");
    for (const auto& d : second.body["decision_history"]) {
        CHECK(d["decided_by"] == "s_supervisor");
        CHECK(d["decided_at"].get<std::string>().size() >= 16);
    }
    CHECK(second.body["decision"]["reason"] == "重复签到");
    CHECK(second.body["decisions"] == 2);

    // ---- 3. the signature computed off the writer; a write meanwhile makes it computed again -------------------------
    const auto add_q1_record = [&](const std::string& no) {   // a record of 2024-03 written between compute and insert
        srv.db->write([&](SQLite::Database& db) {
            SQLite::Statement st(db, "INSERT INTO list_service_records (record_no, id_number, name, day, start, \"end\", "
                                     "item, caregiver, evidence, first_import_id, import_id) SELECT ?, id_number, name, "
                                     "'2024-03-07', start, \"end\", item, '竞争护工', ? || '.jpg', first_import_id, import_id "
                                     "FROM list_service_records WHERE record_no = 'SEAL-02'");
            st.bind(1, no);
            st.bind(2, no);
            // (May run on a server thread — the hook's — where Catch must not assert: an exception fails the request.)
            if (st.exec() != 1) throw std::runtime_error("SEAL-02 not found");
        });
    };
    std::vector<int> attempts;
    json original;
    {
        SignHook hook([&](int attempt) {
            attempts.push_back(attempt);
            if (attempt == 1) add_q1_record("SEAL-RACE");   // the writer is free: this returns at once
        });
        auto signed_r = post(sup, "/api/v1/verification/signoffs", {{"quarter", "2024Q1"}});
        INFO(signed_r.raw.substr(0, 600));
        REQUIRE(signed_r.status == 201);
        original = signed_r.body;
    }
    CHECK(attempts == std::vector<int>{1, 2});
    const auto original_id = original["id"].get<std::int64_t>();
    // What was sealed is the data as it was at the insert: the record written meanwhile is in the snapshot.
    CHECK(snapshot_text(srv.dir, original_id).find("SEAL-RACE") != std::string::npos);

    // ---- 4. the XLSX carries the PDF's lines -----------------------------------------------------------------------
    const std::string base = "/api/v1/verification/signoffs/" + std::to_string(original_id);
    {
        const auto x = sup.get(base + "/file?format=xlsx");
        REQUIRE(x.status == 200);
        const auto texts = xlsx_texts(x.raw);
        CHECK(has_text(texts, "2024年第一季度核查报告"));
        CHECK(has_text(texts, "签署人：签署supervisor（主管）　签署时间：" + original["signed_at"].get<std::string>().substr(0, 10)));
        CHECK(has_text(texts, "会签："));
        CHECK(has_text(texts, "数字 SHA-256：" + original["figures_sha256"].get<std::string>()));
        CHECK(has_text(texts, "记录快照 SHA-256：" + original["snapshot_sha256"].get<std::string>()));
        CHECK_FALSE(has_text(texts, "补充报告第"));
    }

    // ---- 1. sealed: backfills and replaced versions refused, unchanged rows and other quarters pass -------------------
    const auto check_sealed = [&](const Reply& r, const char* what) {
        INFO(what << ": " << r.raw.substr(0, 400));
        CHECK(r.status == 409);
        CHECK(r.body["error"]["code"] == "quarter_sealed");
    };
    const std::string ledger_header = hj::kSubscribersHeader;
    // A backfill: opened 2023-06-01, never removed — in Q1's opening counts.
    check_sealed(upload(sup, "subscribers", ledger_header + "补录老人," + fix(test::person_id(990101)) + ",13900000101," +
                                                town_names[0] + ",2023-06-01,,\n"),
                 "a backfilled subscriber (opened 2023-06-01)");
    // A change that moves an enrolment out of Q1 (opened 2024-05-01 now): the version it replaces was in Q1.
    SubscriberRow moved = alive[2];
    moved.opened = Date{2024, 5, 1};
    check_sealed(upload(sup, "subscribers", hj::subscribers_csv({moved})), "an enrolment moved out of Q1");
    // The whole ledger again, unchanged: accepted, nothing written.
    auto whole = upload(sup, "subscribers", hj::subscribers_csv(ledger));
    INFO(whole.raw.substr(0, 400));
    CHECK(whole.status == 201);
    CHECK(whole.body["unchanged"] == static_cast<std::int64_t>(ledger.size()));
    // Q2's: a subscriber opened 2024-05-01 passes.
    CHECK(upload(sup, "subscribers", ledger_header + "二季度新开," + fix(test::person_id(990102)) + ",13900000102," +
                                         town_names[0] + ",2024-05-01,,\n").status == 201);
    // A service record moved to 2024-04: its replaced version is Q1's.
    check_sealed(upload(sup, "service_records", std::string(kRecords) +
                                                    record("SEAL-02", alive[1], "2024-04-03", "09:30", "10:30", "封存护工甲")),
                 "a record moved out of Q1");
    // 2. Only the provider changes (the same rows for provider 2): refused — the provider's own report reads it.
    {
        auto r = sup.send("POST", "/api/v1/imports/service_records?dry_run=0&provider_id=2", seal_records,
                          {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
        check_sealed(r, "a provider-only change");
        CHECK(upload(sup, "service_records", seal_records).body["unchanged"] == 2);   // provider 1 again: unchanged
    }
    // A death reported late, before Q1's window: it blocks the person's Q1 records after it.
    check_sealed(upload(sup, "cremations", std::string(hj::kCremationsHeader) + alive[3].name + "," + alive[3].id_number +
                                               ",2023-06-15,2023-06-18\n"),
                 "an earlier death reported late");
    CHECK(upload(sup, "cremations", std::string(hj::kCremationsHeader) + alive[4].name + "," + alive[4].id_number +
                                        ",2024-04-10,2024-04-12\n").status == 201);   // Q2's death

    // ---- 5. Q2's report shows Q1's signed figures beside its own -----------------------------------------------------
    const auto q2_before = sup.get("/api/v1/verification/report?quarter=2024Q2");
    INFO(q2_before.raw.substr(0, 400));
    REQUIRE(q2_before.status == 200);
    CHECK(q2_before.body["previous_signed_zh"] == "已签署");
    const auto beside = previous_of(q2_before.body);
    REQUIRE(!beside.empty());
    // A record written behind the guard's back (straight into the database): Q1 recomputed differs, the figures
    // beside Q2's stay the signed ones.
    const auto q1_sealed = sup.get("/api/v1/verification/report?quarter=2024Q1");
    add_q1_record("SEAL-BEHIND");
    CHECK(figures_of(sup.get("/api/v1/verification/report?quarter=2024Q1").body) != figures_of(q1_sealed.body));
    CHECK(previous_of(sup.get("/api/v1/verification/report?quarter=2024Q2").body) == beside);
    srv.db->write([](SQLite::Database& db) { db.exec("DELETE FROM list_service_records WHERE record_no = 'SEAL-BEHIND'"); });

    // ---- a correction: a signature while writes keep coming is refused (data_changed), then 补充报告第1号 -----------------
    REQUIRE(post(sup, base + "/corrections", {{"note", "SEAL-01 经复核应予结算"}}).status == 201);
    {
        int n = 0;
        SignHook hook([&](int attempt) { add_q1_record("SEAL-BUSY-" + std::to_string(attempt)); ++n; });
        auto busy = post(sup, "/api/v1/verification/signoffs", {{"quarter", "2024Q1"}});
        CHECK(busy.status == 409);
        CHECK(busy.body["error"]["code"] == "data_changed");
        CHECK(n == 3);
    }
    CHECK(sup.get("/api/v1/verification/signoffs?quarter=2024Q1").body["correction_open"] == true);
    REQUIRE(post(sup, "/api/v1/verification/physical/SEAL-01/decision", {{"payable", true}, {"reason", "复核后应予结算"}})
                .status == 201);
    // Signed while the writer keeps serving: trivial jobs (session bookkeeping, which no figure reads) queued all
    // along wait only for the insert, not for the computation (measured, not asserted: WARN).
    Reply supp;
    {
        auto signer = srv.signed_in("supervisor");
        std::atomic<bool> done{false};
        const auto t0 = std::chrono::steady_clock::now();
        std::thread t([&] {
            supp = post(signer, "/api/v1/verification/signoffs", {{"quarter", "2024Q1"}});
            done = true;
        });
        double worst_ms = 0;
        int writes = 0;
        while (!done) {
            const auto w0 = std::chrono::steady_clock::now();
            srv.db->write([](SQLite::Database& db) { db.exec("SELECT 1"); }, store::Database::Touches::SessionsOnly);
            worst_ms = std::max(worst_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
            ++writes;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        t.join();
        const double sign_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        WARN("POST /signoffs (supplement, Hanjiang Q1): " << static_cast<int>(sign_ms) << " ms; " << writes
             << " writer jobs meanwhile, the longest waited " << worst_ms << " ms");
    }
    INFO(supp.raw.substr(0, 800));
    REQUIRE(supp.status == 201);
    CHECK(supp.body["supplement_no"] == 1);
    REQUIRE(!supp.body["changes"].empty());
    {
        const auto x = sup.get("/api/v1/verification/signoffs/" + std::to_string(supp.body["id"].get<std::int64_t>()) +
                               "/file?format=xlsx");
        REQUIRE(x.status == 200);
        const auto texts = xlsx_texts(x.raw);
        CHECK(has_text(texts, "补充报告第1号：更正第" + std::to_string(original_id) + "号签署的《2024年第一季度核查报告》"));
        CHECK(has_text(texts, "更正原因：SEAL-01 经复核应予结算"));
        CHECK(has_text(texts, "记录快照 SHA-256：" + supp.body["snapshot_sha256"].get<std::string>()));
    }
    // Q2's figures beside are now the supplement's: its header says so, and each changed figure is beside.
    const auto q2_after = sup.get("/api/v1/verification/report?quarter=2024Q2");
    REQUIRE(q2_after.status == 200);
    CHECK(q2_after.body["previous_signed_zh"] == "补充报告第1号");
    const auto beside_after = previous_of(q2_after.body);
    int checked = 0;
    for (const auto& c : supp.body["changes"]) {
        const std::string code = c["code"];
        if (code.find('@') != std::string::npos || !beside_after.count(code)) continue;   // months: by position
        INFO(code);
        CHECK(beside_after.at(code) == c["after"].get<std::string>());
        CHECK(beside.at(code) == c["before"].get<std::string>());
        ++checked;
    }
    CHECK(checked > 0);
}

}  // namespace test_verification_signoff_api
