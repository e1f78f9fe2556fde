// Settlement statements stored, signed and sealed (结算单, issue 11) through the API, on a server of its own (a signed
// month stays signed; the clock moves for the objection deadline): a provider's month built from rows that satisfy
// the schema — elders of known tiers, service records, a signed assessment month (inserted: the assessment's API is
// another branch's) whose prefill names a faked subject — computed by hand; the draft's lines and people; signing
// (the PDF's text shows the payable amount and its Chinese capitals, the stored bytes download with their SHA-256);
// refusals (month not over, assessment unsigned or missing naming the project, already signed); a supplement
// recomputed from changed data citing the statement it supersedes; objections within and after the deadline; the
// answer once; a provider sees only its own statements; every write audited; the signed row kept by its triggers.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "app/photos.hpp"
#include "app/quarter_inputs.hpp"
#include "app/statement_inputs.hpp"
#include "http/verification_common.hpp"
#include "store/database.hpp"
#include "verification_fixture.hpp"
#include "yiyang/date.hpp"
#include "yiyang/money_words.hpp"
#include "yiyang/settlement/statement.hpp"
#include "yiyang/wire/settlement_statements.hpp"

namespace test_settlement_store {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using yiyang::test::shell_output;
using json = nlohmann::json;

namespace {

struct SettleServer : test::VerificationServer {
    SettleServer()
        : VerificationServer({"yiyang-settlement-test", "st_", "结算",
                              {{"supervisor", Role::Supervisor}, {"admin", Role::Admin}, {"leader", Role::Leader},
                               {"agent", Role::Agent}, {"provider", Role::Provider}, {"kiosk", Role::Kiosk}}}) {}
    void exec(const std::string& sql) {
        db->write([&](SQLite::Database& w) { w.exec(sql); });
    }
    std::int64_t scalar(const std::string& sql) {
        std::int64_t v = 0;
        db->write([&](SQLite::Database& w) { v = w.execAndGet(sql).getInt64(); });
        return v;
    }
};

std::string pdf_text(const std::string& bytes, const std::string& name) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("yiyang-settle-" + std::to_string(::getpid()) + "-" + name + ".pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    if (const char* keep = std::getenv("YIYANG_SIGNED_STATEMENT_PDF_OUT"))
        std::filesystem::copy_file(path, keep, std::filesystem::copy_options::overwrite_existing);
    std::string text = shell_output("pdftotext -layout '" + path.string() + "' -");
    std::filesystem::remove(path);
    return text;
}

// An elder of town 1 with a service record of provider 1 on `day` (10:00–11:00). Returns its id.
std::int64_t served_elder(SettleServer& s, const std::string& name, const std::string& id_number,
                          const std::string& disability, const std::vector<std::string>& categories,
                          const std::string& day, const std::string& death_date = "") {
    const auto d = *parse_date(day);
    const LocalSeconds at = start_of(d) + 10 * 3600;
    s.exec("INSERT INTO elders (name, id_number, birth_date, sex, town_id, disability, status, death_date, created_at, "
           "updated_at) VALUES ('" + name + "', '" + id_number + "', '1940-01-01', 'female', 1, '" + disability +
           "', 'active', " + (death_date.empty() ? "NULL" : "'" + death_date + "'") + ", 0, 0)");
    const std::int64_t id = s.scalar("SELECT id FROM elders WHERE id_number = '" + id_number + "'");
    for (const auto& c : categories)
        s.exec("INSERT INTO elder_categories (category, town_id, elder_id) VALUES ('" + c + "', 1, " + std::to_string(id) + ")");
    s.exec("INSERT INTO service_records (provider_id, elder_id, category, started_at, ended_at) VALUES (1, " +
           std::to_string(id) + ", 'home_visit', " + std::to_string(at) + ", " + std::to_string(at + 3600) + ")");
    return id;
}

// A signed assessment month of provider 1 satisfying migration 21's CHECKs; `faked` the service_not_real people.
void signed_assessment(SettleServer& s, const std::string& month, const std::string& project, std::int64_t payout_bp,
                       const std::string& grade, const std::vector<std::int64_t>& faked) {
    json people = json::array();
    for (auto id : faked)
        people.push_back({{"elder_id", id}, {"name", ""}, {"tier", "severe_or_complete"}, {"detail_zh", "回访：未见服务人员上门"},
                          {"ref", "回访 " + month + "-20 #" + std::to_string(id)}});
    const json prefill = {{"provider_id", 1}, {"project_code", project}, {"month", month}, {"rule_version", "test"},
                          {"items", json::array({{{"code", "service_not_real"}, {"source", "service_not_real"},
                                                  {"count", faked.size()}, {"basis_zh", "回访"}, {"people", people},
                                                  {"people_truncated", false}}})},
                          {"satisfied", 0}, {"answered", 0}, {"subjects_total", 0}, {"notes_zh", json::array()}};
    std::string p = prefill.dump();
    std::string quoted;
    for (char c : p) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    s.exec("INSERT INTO assessment_months (provider_id, project_code, month, rule_version, prefill, status, created_at, "
           "figures, figures_sha256, total_num, total_den, total_text, grade_code, payout_bp, signed_by, signed_at) VALUES "
           "(1, '" + project + "', '" + month + "', 'test', '" + quoted + "', 'signed', 0, '{}', 'x', 9000, 100, '90.00', '" +
           grade + "', " + std::to_string(payout_bp) + ", '测试领导', 1)");
}

}  // namespace

TEST_CASE("settlement statements: draft, sign, refuse, supplement, objections, providers' own", "[settlement][settlement_store]") {
    SettleServer s;
    auto sup = s.signed_in("supervisor");
    auto prov = s.signed_in("provider");
    auto leader = s.signed_in("leader");
    auto kiosk = s.signed_in("kiosk");
    const std::string month = "2025-06";
    // The demo city has no service record of provider 1 in June 2025: the month is this test's.
    REQUIRE(s.scalar("SELECT count(*) FROM service_records WHERE provider_id = 1 AND started_at >= " +
                     std::to_string(start_of(Date{2025, 6, 1})) + " AND started_at < " +
                     std::to_string(start_of(Date{2025, 7, 1}))) == 0);
    s.exec("INSERT OR IGNORE INTO care_projects (code, name_zh) VALUES ('home_visit', '居家养老上门服务'), "
           "('visiting', '探视巡访')");
    s.exec("INSERT OR IGNORE INTO provider_projects (provider_id, project_code) VALUES (1, 'home_visit')");
    // This server's own database: provider 1 in home_visit only (the demo city also puts odd providers in visiting).
    s.exec("DELETE FROM provider_projects WHERE provider_id = 1 AND project_code <> 'home_visit'");

    const auto a = served_elder(s, "结算甲", "110101194001010011", "severe", {}, "2025-06-03");
    const auto b = served_elder(s, "结算乙", "110101194001010022", "complete", {}, "2025-06-04");
    const auto c = served_elder(s, "结算丙", "110101194001010033", "moderate", {"subsistence"}, "2025-06-05");
    served_elder(s, "结算丁", "110101194001010044", "none", {}, "2025-06-06");   // no tier: not billed
    const auto e = served_elder(s, "结算戊", "110101194001010055", "severe", {}, "2025-06-07", "2025-05-15");

    const std::string drafts = "/api/v1/settlement/drafts?provider_id=1&month=" + month;
    // No assessment month yet and the project not signed: 409 naming the project.
    {
        const auto r = sup.get(drafts);
        REQUIRE(r.status == 409);
        CHECK(r.body["error"]["code"] == "assessment_unsigned");
        CHECK(r.body["error"]["message"].get<std::string>().find("居家养老上门服务") != std::string::npos);
    }
    s.exec("INSERT INTO assessment_months (provider_id, project_code, month, rule_version, prefill, status, created_at) "
           "VALUES (1, 'home_visit', '2025-05', 'test', '{}', 'open', 0)");
    {
        const auto r = sup.post("/api/v1/settlement/statements", {{"provider_id", 1}, {"month", "2025-05"}});
        REQUIRE(r.status == 409);
        CHECK(r.body["error"]["code"] == "assessment_unsigned");
        CHECK(r.body["error"]["message"].get<std::string>().find("考核尚未签署：居家养老上门服务") != std::string::npos);
    }
    // The month not over (the clock is at 2026-11-20).
    {
        const auto r = sup.post("/api/v1/settlement/statements", {{"provider_id", 1}, {"month", "2026-11"}});
        REQUIRE(r.status == 409);
        CHECK(r.body["error"]["code"] == "month_not_over");
    }

    signed_assessment(s, month, "home_visit", 9000, "good", {b});
    // By hand (county-2025-v1: 300 / 200 yuan; order fees → grade → faked → deductions):
    //   甲 乙 戊 severe/complete 3 × 300 + 丙 subsistence moderate 1 × 200 = 1 100.00
    //   × 90.00 % = 990.00;  − 乙's fee (faked, 300.00) = 690.00;  − 戊 died 2025-05-15 (300.00) = 390.00 payable.
    const auto d = sup.get(drafts);
    INFO(d.raw.substr(0, 800));
    REQUIRE(d.status == 200);
    const json& st = d.body["statement"];
    CHECK(st["fees_total_fen"] == 110000);
    CHECK(st["graded_fen"] == 99000);
    CHECK(st["faked_total_fen"] == 30000);
    CHECK(st["deductions_total_fen"] == 30000);
    CHECK(st["payable_fen"] == 39000);
    CHECK(st["grade"] == "good");
    REQUIRE(st["lines"].size() >= 4);
    CHECK(st["lines"][0]["source"]["subject_ids"] == json({a, b, e}));
    CHECK(st["lines"][1]["source"]["subject_ids"] == json({c}));
    // The people behind the lines: the supervisor sees names in full; four billed (丁 is not billed).
    std::map<std::int64_t, std::string> names;
    for (const auto& p : d.body["people"]) names[p["elder_id"].get<std::int64_t>()] = p["name"].get<std::string>();
    CHECK(names.size() == 4);
    CHECK(names[a] == "结算甲");
    // The leader reads the draft too, names masked; the provider may not read drafts.
    const auto ld = leader.get(drafts);
    REQUIRE(ld.status == 200);
    for (const auto& p : ld.body["people"]) CHECK(p["name"].get<std::string>().find("*") != std::string::npos);
    CHECK(prov.get(drafts).status == 403);
    CHECK(kiosk.get("/api/v1/settlement/statements?month=" + month).status == 403);

    // The month's list: provider 1 a draft with its payable.
    {
        const auto l = sup.get("/api/v1/settlement/statements?month=" + month);
        REQUIRE(l.status == 200);
        bool found = false;
        for (const auto& row : l.body["rows"])
            if (row["provider_id"] == 1) {
                found = true;
                CHECK(row["state"] == "draft");
                CHECK(row["draft_payable_fen"] == 39000);
            }
        CHECK(found);
        // The provider sees nothing of an unsigned month.
        const auto pl = prov.get("/api/v1/settlement/statements?month=" + month);
        REQUIRE(pl.status == 200);
        CHECK(pl.body["rows"].empty());
    }

    // Sign: only the supervisor (and admin); the leader and the provider are refused.
    CHECK(leader.post("/api/v1/settlement/statements", {{"provider_id", 1}, {"month", month}}).status == 403);
    CHECK(prov.post("/api/v1/settlement/statements", {{"provider_id", 1}, {"month", month}}).status == 403);
    const auto signed_r = sup.post("/api/v1/settlement/statements", {{"provider_id", 1}, {"month", month}});
    INFO(signed_r.raw.substr(0, 600));
    REQUIRE(signed_r.status == 201);
    const std::int64_t id = signed_r.body["id"];
    CHECK(signed_r.body["payable_fen"] == 39000);
    CHECK(signed_r.body["payable_capitals"] == "叁佰玖拾元整");
    CHECK(signed_r.body["supplement_no"] == 0);
    CHECK(signed_r.body["status"] == "signed");
    CHECK(signed_r.body["objection_deadline"] == "2026-11-27");   // Fri 20th + 5 workdays
    CHECK(signed_r.body["figures_sha256"] ==
          app::sha256_hex(json(signed_r.body["statement"]).dump()));
    // Signing again: 409 pointing at the supplements.
    {
        const auto again = sup.post("/api/v1/settlement/statements", {{"provider_id", 1}, {"month", month}});
        REQUIRE(again.status == 409);
        CHECK(again.body["error"]["code"] == "already_signed");
        CHECK(again.body["error"]["message"].get<std::string>().find("补充结算单") != std::string::npos);
    }

    // The signed statement names its own people (its stored figures keep only the ids; the names as the reader's
    // role sees them): the supervisor and the provider in full — the draft's people —, the leader masked.
    {
        const auto people_of = [](const json& body) {
            std::map<std::int64_t, std::string> out;
            for (const auto& p : body["people"]) out[p["elder_id"].get<std::int64_t>()] = p["name"].get<std::string>();
            return out;
        };
        CHECK(people_of(signed_r.body) == names);
        const auto pv = prov.get("/api/v1/settlement/statements/" + std::to_string(id));
        REQUIRE(pv.status == 200);
        CHECK(people_of(pv.body) == names);
        const auto lv = leader.get("/api/v1/settlement/statements/" + std::to_string(id));
        REQUIRE(lv.status == 200);
        const auto masked = people_of(lv.body);
        REQUIRE(masked.size() == names.size());
        for (const auto& [eid, name] : masked) {
            CHECK(name != names[eid]);
            CHECK(name.find("*") != std::string::npos);
        }
    }

    // The stored PDF: its SHA-256 in the header, its text the payable amount and its capitals, the seal lines.
    const auto pdf = prov.get("/api/v1/settlement/statements/" + std::to_string(id) + "/file");
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("X-Yiyang-SHA256") == app::sha256_hex(pdf.raw));
    CHECK(pdf.header("X-Yiyang-SHA256") == signed_r.body["pdf_sha256"]);
    CHECK(pdf.header("X-Yiyang-Figures-SHA256") == signed_r.body["figures_sha256"]);
    const std::string text = pdf_text(pdf.raw, "signed");
    for (const std::string& want : {std::string("390.00"), std::string("叁佰玖拾元整"), std::string("签署人"),
                                    signed_r.body["figures_sha256"].get<std::string>().substr(0, 16)})
        CHECK(text.find(want) != std::string::npos);
    const auto xlsx = sup.get("/api/v1/settlement/statements/" + std::to_string(id) + "/file?format=xlsx");
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.header("X-Yiyang-SHA256") == signed_r.body["xlsx_sha256"]);

    // The signed row is kept: figures cannot change, nothing is deleted.
    CHECK_THROWS(s.exec("UPDATE settlement_statements SET payable_fen = 1 WHERE id = " + std::to_string(id)));
    CHECK_THROWS(s.exec("DELETE FROM settlement_statements WHERE id = " + std::to_string(id)));

    // A provider sees its own; another provider's statement is 404 to it and absent from its list.
    s.exec("INSERT INTO settlement_statements (provider_id, month, supplement_no, status, figures, figures_sha256, "
           "payable_fen, pdf, pdf_sha256, xlsx, xlsx_sha256, signed_by, signed_role, signed_at) VALUES (2, '" + month +
           "', 0, 'signed', '" + json(signed_r.body["statement"]).dump() + "', 'x', 1, x'00', 'x', x'00', 'x', '测试', '主管', " +
           std::to_string(start_of(Date{2026, 11, 20})) + ")");
    const std::int64_t other = s.scalar("SELECT id FROM settlement_statements WHERE provider_id = 2");
    CHECK(prov.get("/api/v1/settlement/statements/" + std::to_string(id)).status == 200);
    CHECK(prov.get("/api/v1/settlement/statements/" + std::to_string(other)).status == 404);
    CHECK(prov.get("/api/v1/settlement/statements/" + std::to_string(other) + "/file").status == 404);
    CHECK(prov.post("/api/v1/settlement/statements/" + std::to_string(other) + "/objections", {{"text", "不同意扣款"}}).status == 404);
    {
        const auto pl = prov.get("/api/v1/settlement/statements?month=" + month);
        REQUIRE(pl.status == 200);
        REQUIRE(pl.body["rows"].size() == 1);
        CHECK(pl.body["rows"][0]["provider_id"] == 1);
        CHECK(pl.body["rows"][0]["statement_id"] == id);
    }

    // An objection within the deadline, the supervisor's answer, once.
    const auto obj = prov.post("/api/v1/settlement/statements/" + std::to_string(id) + "/objections",
                               {{"text", "结算乙本月有服务记录和照片，不应认定为弄虚作假"}, {"evidence", {"照片 2025-06-04", "回访录音"}}});
    INFO(obj.raw);
    REQUIRE(obj.status == 201);
    CHECK(obj.body["status"] == "open");
    CHECK(obj.body["evidence"].size() == 2);
    CHECK(sup.post("/api/v1/settlement/statements/" + std::to_string(id) + "/objections", {{"text", "督导代为申诉"}}).status == 403);
    const std::int64_t oid = obj.body["id"];

    // Files behind the objection (申诉佐证): the provider's own open objection only, the type judged by the bytes.
    const std::string page_pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                                 "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                                 "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
                                 "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
    const auto attach = [](ApiClient& c, std::int64_t objection, const std::string& bytes, const std::string& type,
                           const std::string& name) {
        return c.send("POST", "/api/v1/settlement/objections/" + std::to_string(objection) + "/files?name=" + name, bytes,
                      {{"X-Yiyang-Request", "1"}, {"Content-Type", type}});
    };
    const auto objection_in = [&](ApiClient& c) {
        const auto v = c.get("/api/v1/settlement/statements/" + std::to_string(id));
        REQUIRE(v.status == 200);
        for (const auto& o : v.body["objections"])
            if (o["id"] == oid) return o;
        FAIL("objection " << oid << " not in the statement's view");
        return json();
    };
    CHECK(objection_in(prov)["may_attach"] == true);
    CHECK(objection_in(sup)["may_attach"] == false);
    const auto up = attach(prov, oid, page_pdf, "application/pdf", "service-log.pdf");
    INFO(up.raw);
    REQUIRE(up.status == 201);
    CHECK(up.body["objection_id"] == oid);
    CHECK(up.body["name"] == "service-log.pdf");
    CHECK(up.body["mime"] == "application/pdf");
    CHECK(up.body["sha256"] == app::sha256_hex(page_pdf));
    const std::string full_url = up.body["full_url"];
    {
        // Refused, nothing stored: not a photo or PDF; a PDF that says it is a JPEG; a supervisor; another
        // provider's objection (404: its existence is not told); an objection that does not exist.
        const auto text = attach(prov, oid, "这不是文件，只是一段文字", "application/octet-stream", "note.bin");
        CHECK(text.status == 422);
        CHECK(text.body["error"]["code"] == "unsupported_type");
        const auto lying = attach(prov, oid, page_pdf, "image/jpeg", "photo.jpg");
        CHECK(lying.status == 422);
        CHECK(lying.body["error"]["code"] == "type_mismatch");
        CHECK(attach(sup, oid, page_pdf, "application/pdf", "x.pdf").status == 403);
        s.exec("INSERT INTO settlement_objections (statement_id, filed_by, filed_at, text, status) VALUES (" +
               std::to_string(other) + ", '另一机构', 1, '另一机构的申诉', 'open')");
        const std::int64_t other_oid = s.scalar("SELECT max(id) FROM settlement_objections");
        CHECK(attach(prov, other_oid, page_pdf, "application/pdf", "x.pdf").status == 404);
        CHECK(attach(prov, 999999, page_pdf, "application/pdf", "x.pdf").status == 404);
        CHECK(s.scalar("SELECT count(*) FROM settlement_objection_files") == 1);
    }
    {
        // The statement's view lists the file for both sides; its bytes read back as uploaded (a PDF downloads).
        const auto o = objection_in(sup);
        REQUIRE(o["files"].size() == 1);
        CHECK(o["files"][0]["sha256"] == app::sha256_hex(page_pdf));
        CHECK(o["files"][0]["uploaded_by"].get<std::string>().find("provider") != std::string::npos);
        const auto bytes = sup.get(full_url);
        REQUIRE(bytes.status == 200);
        CHECK(bytes.raw == page_pdf);
        CHECK(bytes.header("Content-Disposition").rfind("attachment", 0) == 0);
        CHECK(prov.get(full_url).status == 200);
        CHECK(kiosk.get(full_url).status == 403);
        CHECK(sup.get("/api/v1/settlement/objection-files/999999/full").status == 404);
        // The file is kept as uploaded: the table refuses a change or a deletion.
        CHECK_THROWS(s.exec("UPDATE settlement_objection_files SET name = 'x'"));
        CHECK_THROWS(s.exec("DELETE FROM settlement_objection_files"));
    }

    CHECK(sup.post("/api/v1/settlement/objections/" + std::to_string(oid) + "/answer", {{"decision", "maybe"}, {"text", "答复"}})
              .status == 422);
    const auto ans = sup.post("/api/v1/settlement/objections/" + std::to_string(oid) + "/answer",
                              {{"decision", "upheld"}, {"text", "经核实服务属实，开具补充结算单更正"}});
    REQUIRE(ans.status == 200);
    CHECK(ans.body["status"] == "upheld");
    CHECK(sup.post("/api/v1/settlement/objections/" + std::to_string(oid) + "/answer", {{"decision", "rejected"}, {"text", "再答复"}})
              .status == 409);
    {
        // Answered: no more files; the one sent stays, and was audited once.
        const auto late = attach(prov, oid, page_pdf, "application/pdf", "late.pdf");
        CHECK(late.status == 409);
        CHECK(late.body["error"]["code"] == "already_answered");
        CHECK(objection_in(prov)["may_attach"] == false);
        CHECK(s.scalar("SELECT count(*) FROM settlement_objection_files") == 1);
        CHECK(s.scalar("SELECT count(*) FROM audit_events WHERE entity = 'settlement_objection_file' AND action = 'upload'") == 1);
    }
    {
        const auto l = sup.get("/api/v1/settlement/statements?month=" + month);
        for (const auto& row : l.body["rows"])
            if (row["provider_id"] == 1) CHECK(row["open_objections"] == 0);
    }

    // A supplement from today's data: one more severe subject served (+ 300 × 90 % = 270.00 → 660.00).
    served_elder(s, "结算己", "110101194001010066", "complete", {}, "2025-06-10");
    CHECK(sup.post("/api/v1/settlement/statements/" + std::to_string(id) + "/supplements", {{"reason", "x"}}).status == 422);
    const auto sup1 = sup.post("/api/v1/settlement/statements/" + std::to_string(id) + "/supplements",
                               {{"reason", "申诉成立：补计结算己的服务费"}});
    INFO(sup1.raw.substr(0, 600));
    REQUIRE(sup1.status == 201);
    const std::int64_t sid = sup1.body["id"];
    CHECK(sup1.body["supplement_no"] == 1);
    CHECK(sup1.body["cites_id"] == id);
    CHECK(sup1.body["payable_fen"] == 66000);
    CHECK(sup1.body["payable_capitals"] == "陆佰陆拾元整");
    CHECK(sup1.body["title"] == "补充结算单第1号");
    const auto old = sup.get("/api/v1/settlement/statements/" + std::to_string(id));
    REQUIRE(old.status == 200);
    CHECK(old.body["status"] == "superseded");
    CHECK(old.body["payable_fen"] == 39000);   // kept as signed
    {
        const auto again = sup.post("/api/v1/settlement/statements/" + std::to_string(id) + "/supplements",
                                    {{"reason", "再次更正"}});
        REQUIRE(again.status == 409);
        CHECK(again.body["error"]["code"] == "superseded");
        CHECK(again.body["error"]["message"].get<std::string>().find("第" + std::to_string(sid) + "号") != std::string::npos);
    }
    const auto spdf = sup.get("/api/v1/settlement/statements/" + std::to_string(sid) + "/file");
    REQUIRE(spdf.status == 200);
    const std::string stext = pdf_text(spdf.raw, "supplement");
    for (const std::string& want : {std::string("补充结算单第1号"), "更正第" + std::to_string(id) + "号", std::string("660.00"),
                                    std::string("陆佰陆拾元整"), std::string("申诉成立")})
        CHECK(stext.find(want) != std::string::npos);
    CHECK(prov.post("/api/v1/settlement/statements/" + std::to_string(id) + "/objections", {{"text", "对旧结算单申诉"}})
              .status == 409);

    // After the deadline (2026-11-27): 422 naming it.
    *s.clock += 8 * 86400;   // 2026-11-28
    {
        auto prov_later = s.signed_in("provider");   // (the earlier session has timed out)
        const auto late = prov_later.post("/api/v1/settlement/statements/" + std::to_string(sid) + "/objections",
                                    {{"text", "逾期申诉"}});
        REQUIRE(late.status == 422);
        CHECK(late.body["error"]["code"] == "objection_deadline_passed");
        const auto deadline = sup1.body["objection_deadline"].get<std::string>();
        CHECK(deadline == "2026-11-27");
        CHECK(late.body["error"]["message"].get<std::string>().find(deadline) != std::string::npos);
    }

    // Every write audited.
    CHECK(s.scalar("SELECT count(*) FROM audit_events WHERE entity = 'settlement_statement' AND action = 'sign'") == 1);
    CHECK(s.scalar("SELECT count(*) FROM audit_events WHERE entity = 'settlement_statement' AND action = 'sign_supplement'") == 1);
    CHECK(s.scalar("SELECT count(*) FROM audit_events WHERE entity = 'settlement_objection' AND action IN ('file', 'answer')") == 2);
    CHECK(s.scalar("SELECT count(*) FROM audit_events WHERE entity = 'settlement_statement' AND action = 'download'") >= 3);
}

namespace {

// Everything a gathered statement holds, as one value to compare.
json gathered_json(const app::GatheredStatement& g) {
    const auto& in = g.input;
    json served = json::array(), faked = json::array(), deductions = json::array(), people = json::object();
    for (const auto& t : in.served) served.push_back({t.tier, t.count, t.subject_ids});
    for (const auto& f : in.faked) faked.push_back({f.subject_id, f.tier, f.case_ref});
    for (const auto& d : in.deductions) deductions.push_back({d.subject_id, code(d.reason), d.amount_fen, d.note});
    for (const auto& [id, p] : g.people) people[std::to_string(id)] = {p.name, p.tier};
    return {{"found", g.provider_found}, {"problem", g.assessment_problem_zh}, {"unsigned", g.unsigned_projects},
            {"months", g.assessment_month_ids}, {"notes", g.notes_zh}, {"people", people},
            {"provider", {in.provider_id, in.provider_name, in.month.code()}}, {"served", served},
            {"physical", in.physical_services ? json(*in.physical_services) : json()}, {"physical_ref", in.physical_ref},
            {"payout_bp", in.payout_bp}, {"grade", in.grade}, {"faked", faked}, {"deductions", deductions}};
}

}  // namespace

// The month's list of drafts gathers every provider at once (each table read once; the registry whole when many
// subjects are named). Whichever way the registry is read, and one provider at a time or all at once, every provider's
// inputs are the same — on the demo city's own month, plus a provider-1 month with a signed assessment naming a
// faked subject, a death known only from the cremation list, a removal, and a carried-over receivable's absence.
TEST_CASE("settlement drafts: all providers gathered at once equal one at a time, the registry read either way",
          "[settlement][settlement_gather]") {
    SettleServer s;
    s.exec("INSERT OR IGNORE INTO care_projects (code, name_zh) VALUES ('home_visit', '居家养老上门服务'), ('visiting', '探视巡访')");
    s.exec("INSERT OR IGNORE INTO provider_projects (provider_id, project_code) VALUES (1, 'home_visit')");
    s.exec("DELETE FROM provider_projects WHERE provider_id = 1 AND project_code <> 'home_visit'");
    const std::string month_code = "2025-06";
    const auto a = served_elder(s, "汇总甲", "110101194001010011", "severe", {}, "2025-06-03");
    const auto b = served_elder(s, "汇总乙", "11010119400101002x", "complete", {}, "2025-06-04");   // lower-case x
    served_elder(s, "汇总丙", "110101194001010033", "moderate", {"subsistence"}, "2025-06-05");
    const auto d = served_elder(s, "汇总丁", "110101194001010044", "severe", {}, "2025-06-06");
    served_elder(s, "汇总戊", "110101194001010055", "none", {}, "2025-06-07");   // no tier
    // 乙 died (the cremation list only, its ID upper-case there); 丁 left home_visit before June.
    s.exec("INSERT INTO import_batches (list, file_name, sha256, file_kind, user_id, username, imported_at, rows, file) "
           "VALUES ('cremations', 'c.csv', 'x', 'csv', 1, 'admin', 0, 1, x'00')");
    const auto batch = std::to_string(s.scalar("SELECT max(id) FROM import_batches"));
    s.exec("INSERT INTO list_cremations (id_number, name, died, cremated, first_import_id, import_id) VALUES "
           "('11010119400101002X', '汇总乙', '2025-05-20', '2025-05-22', " + batch + ", " + batch + ")");
    s.exec("INSERT INTO enrolments (elder_id, programme, from_date, to_date, removal_reason) VALUES (" + std::to_string(d) +
           ", 'home_visit', '2024-01-01', '2025-05-31', '迁出')");
    signed_assessment(s, month_code, "home_visit", 9500, "good", {a});

    const Period month = *parse_period(month_code);
    const auto rules = settlement::statement_rules_on(s.ctx->rules(), month);
    REQUIRE(rules.fees);
    std::optional<app::QuarterRules> quarter;
    try {
        quarter = http::quarter_rules(*s.ctx, quarter_of(month.first_day()));
    } catch (const std::exception&) {
    }
    std::vector<Id> ids;
    s.db->write([&](SQLite::Database& w) {
        SQLite::Statement st(w, "SELECT id FROM providers ORDER BY id");
        while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
    });
    ids.push_back(999999);   // no such provider
    auto& reader = s.db->reader();
    const auto* q = quarter ? &*quarter : nullptr;
    const auto by_rows = app::gather_statement_inputs(*s.ctx, reader, ids, month, *rules.fees, q, app::RegistryReads::RowByRow);
    const auto whole = app::gather_statement_inputs(*s.ctx, reader, ids, month, *rules.fees, q, app::RegistryReads::Whole);
    REQUIRE(by_rows.size() == ids.size());
    REQUIRE(whole.size() == ids.size());
    int with_subjects = 0;
    for (Id id : ids) {
        INFO("provider " << id);
        const json one = gathered_json(app::gather_statement_input(*s.ctx, reader, id, month, *rules.fees, q));
        CHECK(gathered_json(by_rows.at(id)) == one);
        CHECK(gathered_json(whole.at(id)) == one);
        if (!by_rows.at(id).people.empty()) ++with_subjects;
    }
    CHECK(!whole.at(999999).provider_found);
    CHECK(with_subjects >= 1);

    // Provider 1's month by hand: 甲 faked (its fee removed), 乙 died before June (cremation list), 丁 removed.
    const auto& g = whole.at(1);
    CHECK(g.assessment_problem_zh.empty());
    CHECK(g.input.payout_bp == 9500);
    REQUIRE(g.input.faked.size() == 1);
    CHECK(g.input.faked[0].subject_id == a);
    std::map<Id, std::string> deducted;
    for (const auto& x : g.input.deductions) deducted[x.subject_id] = code(x.reason);
    CHECK(deducted == std::map<Id, std::string>{{b, "death"}, {d, "removal"}});
    CHECK(g.people.size() == 4);   // 甲 乙 丙 丁 billed; 戊 has no tier

    // The month's list computes each draft as the single draft route does.
    auto sup = s.signed_in("supervisor");
    const auto list = sup.get("/api/v1/settlement/statements?month=" + month_code);
    REQUIRE(list.status == 200);
    int drafts = 0;
    const auto rows = list.body.get<wire::SettlementMonthList>().rows;
    for (const auto& row : rows) {
        const auto one = sup.get("/api/v1/settlement/drafts?provider_id=" + std::to_string(row.provider_id) + "&month=" +
                                 month_code);
        INFO("provider " << row.provider_id << " " << row.state << " " << row.problem_zh);
        if (row.state == "draft") {
            ++drafts;
            REQUIRE(one.status == 200);
            REQUIRE(row.draft_payable_fen);
            CHECK(one.body.get<wire::StatementDraftView>().statement.payable_fen == *row.draft_payable_fen);
        } else {
            REQUIRE(one.status == 409);
            CHECK(one.body["error"]["message"].get<std::string>() == row.problem_zh);
        }
    }
    CHECK(drafts >= 1);
}

}  // namespace test_settlement_store
