// Activity records (工作台账, issue 13) through the API: an agent enters a training, its evidence uploads that lie
// (a JPEG named .pdf, a "PDF" that is not one, a PDF cut short, an empty file, one over the limit) are refused with
// nothing stored, a real PDF and a PNG are kept with their SHA-256; the agent cannot approve, the supervisor does;
// GET /api/v1/kpis then shows the training and its drill-down lists the record; a supervisor cannot approve a
// record of their own; a returned record does not count until corrected and approved; every change is audited.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <string>
#include <vector>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_activities {

using namespace yiyang::test;

namespace {

void append(void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), size); }

std::string image(int w, int h, bool as_png) {
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 3);
    for (int i = 0; i < w * h; ++i) {
        px[static_cast<std::size_t>(i) * 3] = static_cast<unsigned char>(i % 251);
        px[static_cast<std::size_t>(i) * 3 + 1] = static_cast<unsigned char>((i / w) % 256);
        px[static_cast<std::size_t>(i) * 3 + 2] = 90;
    }
    std::string out;
    if (as_png) stbi_write_png_to_func(append, &out, w, h, 3, px.data(), w * 3);
    else stbi_write_jpg_to_func(append, &out, w, h, 3, px.data(), 85);
    return out;
}

// A minimal whole PDF (one empty page); `pad` bytes of comment make it as large as a test needs.
std::string pdf(std::size_t pad = 0) {
    std::string body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                       "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                       "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n";
    if (pad) body += "%" + std::string(pad, 'x') + "\n";
    return body + "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

std::string percent(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

Reply upload(ApiClient& c, std::int64_t id, const std::string& bytes, const std::string& type, const std::string& name) {
    return c.send("POST", "/api/v1/activities/" + std::to_string(id) + "/files?name=" + percent(name), bytes,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", type}});
}

std::string today_text(ApiClient& c) { return yiyang::format_date(yiyang::date_of(server_clock(c))); }

const json* kpi_item(const Reply& r, const std::string& code) {
    for (const auto& it : r.body["items"])
        if (it["code"] == code) return &it;
    return nullptr;
}

std::int64_t files_of(ApiClient& c, std::int64_t id) {
    auto r = c.get("/api/v1/activities/" + std::to_string(id));
    REQUIRE(r.status == 200);
    CHECK(r.body["evidence"].size() == r.body["files"].get<std::size_t>());
    return r.body["files"].get<std::int64_t>();
}

json training(const std::string& day, const std::string& title) {
    return {{"kind", "training"}, {"date", day}, {"title", title}, {"place", "调度中心三楼培训室"},
            {"participants", 8}, {"participants_text", "话务坐席8人"}};
}

}  // namespace

TEST_CASE("activities: enter, lying uploads refused with nothing stored, approve, the KPI and its drill-down",
          "[activities]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto supervisor = env.signed_in("supervisor");
    const std::string today = today_text(agent);
    const std::string month = today.substr(0, 7);

    auto before = supervisor.get("/api/v1/kpis?period=" + month);
    REQUIRE(before.status == 200);
    const json* item = kpi_item(before, "trainings");
    REQUIRE(item != nullptr);
    CHECK((*item)["kind"] == "activities");
    CHECK((*item)["applicable"] == true);
    const auto trainings_before = (*item)["value"]["num"].get<std::int64_t>();

    // Entered by the agent: 待审核.
    auto r = agent.post("/api/v1/activities", training(today, "第三期话务坐席培训：补贴知识库更新"));
    REQUIRE(r.status == 201);
    const auto id = r.body["id"].get<std::int64_t>();
    CHECK(r.body["status"] == "entered");
    CHECK(r.body["status_label"] == "待审核");
    CHECK(r.body["kpis"] == json::array({"trainings"}));

    // Bad input says what and where.
    auto bad = agent.post("/api/v1/activities", json{{"kind", "promo_check"}, {"date", today}, {"title", "展架检查"},
                                                      {"numerator", 5}, {"denominator", 4}});
    CHECK(bad.status == 422);
    CHECK(bad.body["error"]["fields"][0]["field"] == "numerator");

    // Lying or broken uploads: refused, nothing stored.
    const auto jpg = image(320, 240, false);
    auto up = upload(agent, id, jpg, "application/pdf", "签到表.pdf");           // a JPEG renamed .pdf
    CHECK(up.status == 422);
    CHECK(up.body["error"]["code"] == "type_mismatch");
    CHECK_THAT(up.body["error"]["message"].get<std::string>(), Catch::Contains("PDF") && Catch::Contains("JPEG"));
    up = upload(agent, id, jpg, "application/octet-stream", "photo.pdf");       // the name alone lies too
    CHECK(up.status == 422);
    up = upload(agent, id, "这不是PDF，只是一段文字", "application/pdf", "签到表.pdf");   // a "PDF" that is not
    CHECK(up.status == 422);
    CHECK(up.body["error"]["code"] == "unsupported_type");
    const std::string cut = pdf().substr(0, 80);
    up = upload(agent, id, cut, "application/pdf", "cut.pdf");                  // a PDF cut short
    CHECK(up.status == 422);
    CHECK(up.body["error"]["code"] == "corrupt_pdf");
    up = upload(agent, id, "", "application/pdf", "empty.pdf");                 // empty
    CHECK(up.status == 422);
    CHECK(up.body["error"]["code"] == "empty_file");
    const std::string big = pdf(8u * 1024 * 1024);                             // over 8 MiB by a little
    REQUIRE(big.size() > 8u * 1024 * 1024);
    up = upload(agent, id, big, "application/pdf", "big.pdf");
    CHECK(up.status == 413);
    CHECK(up.body["error"]["code"] == "file_too_large");
    CHECK(files_of(agent, id) == 0);
    if (!env.external()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT COUNT(*) FROM activity_files WHERE record_id = ?");
        st.bind(1, static_cast<std::int64_t>(id));
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getInt() == 0);
        SQLite::Statement au(db, "SELECT COUNT(*) FROM audit_events WHERE entity = 'activity_file' AND "
                                 "json_extract(changes, '$.record_id') = ?");
        au.bind(1, static_cast<std::int64_t>(id));
        REQUIRE(au.executeStep());
        CHECK(au.getColumn(0).getInt() == 0);
    }

    // Approval needs evidence.
    r = supervisor.post("/api/v1/activities/" + std::to_string(id) + "/approve", json::object());
    CHECK(r.status == 409);
    CHECK(r.body["error"]["code"] == "no_evidence");

    // A real sign-in sheet (PDF) and a photo (PNG).
    const auto sheet = pdf();
    up = upload(agent, id, sheet, "application/pdf", "签到表.pdf");
    REQUIRE(up.status == 201);
    CHECK(up.body["mime"] == "application/pdf");
    CHECK(up.body["sha256"].get<std::string>().size() == 64);
    // Its first page is the preview: a thumbnail rendered by poppler (app/pdf_preview).
    CHECK(up.body["thumb_url"] != "");
    CHECK(up.body["name"] == "签到表.pdf");
    const auto pdf_id = up.body["id"].get<std::int64_t>();
    const auto png = image(300, 200, true);
    up = upload(agent, id, png, "image/png", "现场.png");
    REQUIRE(up.status == 201);
    CHECK(up.body["width"] == 300);
    const auto png_id = up.body["id"].get<std::int64_t>();
    CHECK(files_of(agent, id) == 2);
    // The same bytes have the same hash; a different file another.
    auto again = upload(agent, id, sheet, "application/octet-stream", "");
    REQUIRE(again.status == 201);
    auto detail = agent.get("/api/v1/activities/" + std::to_string(id));
    CHECK(detail.body["evidence"][0]["sha256"] == detail.body["evidence"][2]["sha256"]);
    CHECK(detail.body["evidence"][0]["sha256"] != detail.body["evidence"][1]["sha256"]);
    // Preview: the image's thumbnail, the PDF's first page as a JPEG thumbnail, the PDF itself as a download (never
    // rendered in the dashboard's origin).
    auto thumb = supervisor.get("/api/v1/activity-files/" + std::to_string(png_id) + "/thumb");
    CHECK(thumb.status == 200);
    CHECK(thumb.header("Content-Type") == "image/jpeg");
    auto full = supervisor.get("/api/v1/activity-files/" + std::to_string(pdf_id) + "/full");
    CHECK(full.status == 200);
    CHECK(full.raw == sheet);
    CHECK(full.header("Content-Type") == "application/pdf");
    CHECK(full.header("Content-Disposition").rfind("attachment", 0) == 0);
    {
        auto page = supervisor.get("/api/v1/activity-files/" + std::to_string(pdf_id) + "/thumb");
        CHECK(page.status == 200);
        CHECK(page.header("Content-Type") == "image/jpeg");
        int w = 0, h = 0, n = 0;
        REQUIRE(stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(page.raw.data()), static_cast<int>(page.raw.size()),
                                      &w, &h, &n) == 1);
        CHECK(h == 240);   // A4 portrait: the longer side is the thumbnail's side
        CHECK(w < h);
    }
    {
        // A drawn page: the thumbnail shows what is on it (a blue square on white, so its centre is blue).
        const std::string stream = "0 0 1 rg 100 100 400 400 re f\n";
        const std::string drawn = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                                  "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                                  "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 600] /Contents 4 0 R >>\nendobj\n"
                                  "4 0 obj\n<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                                  "endstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        auto d = upload(agent, id, drawn, "application/pdf", "宣传单.pdf");
        REQUIRE(d.status == 201);
        auto page = supervisor.get(d.body["thumb_url"].get<std::string>());
        REQUIRE(page.status == 200);
        int w = 0, h = 0, n = 0;
        stbi_uc* px = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(page.raw.data()), static_cast<int>(page.raw.size()),
                                            &w, &h, &n, 3);
        REQUIRE(px != nullptr);
        CHECK(w == 240);
        CHECK(h == 240);
        const stbi_uc* mid = px + 3 * (120 * w + 120);
        const stbi_uc* corner = px + 3 * (5 * w + 5);
        CHECK(static_cast<int>(mid[2]) > 200);    // blue
        CHECK(static_cast<int>(mid[0]) < 60);
        CHECK(static_cast<int>(corner[0]) > 200);  // white
        stbi_image_free(px);
        // A file that passes the PDF check but that poppler cannot render is kept, without a preview.
        auto broken = upload(agent, id, "%PDF-1.4\nnot a document\n%%EOF\n", "application/pdf", "损坏.pdf");
        REQUIRE(broken.status == 201);
        CHECK(broken.body["thumb_url"] == "");
        CHECK(supervisor.get("/api/v1/activity-files/" + std::to_string(broken.body["id"].get<std::int64_t>()) + "/thumb").status == 404);
    }
    CHECK(env.signed_in("provider").get("/api/v1/activity-files/" + std::to_string(pdf_id) + "/full").status == 403);

    // Not approved yet: the figure has not moved.
    auto mid = supervisor.get("/api/v1/kpis?period=" + month);
    CHECK((*kpi_item(mid, "trainings"))["value"]["num"] == trainings_before);

    // The agent cannot approve; the supervisor does.
    r = agent.post("/api/v1/activities/" + std::to_string(id) + "/approve", json::object());
    CHECK(r.status == 403);
    r = supervisor.post("/api/v1/activities/" + std::to_string(id) + "/approve", json::object());
    REQUIRE(r.status == 200);
    CHECK(r.body["status"] == "approved");
    CHECK_FALSE(r.body["decided_by"].get<std::string>().empty());
    // Approved: no more files, no edits, no second decision.
    CHECK(upload(agent, id, png, "image/png", "late.png").status == 409);
    CHECK(agent.put("/api/v1/activities/" + std::to_string(id), training(today, "改标题")).status == 409);
    CHECK(supervisor.post("/api/v1/activities/" + std::to_string(id) + "/return", json{{"reason", "再看看"}}).status == 409);

    auto after = supervisor.get("/api/v1/kpis?period=" + month);
    REQUIRE(after.status == 200);
    CHECK((*kpi_item(after, "trainings"))["value"]["num"] == trainings_before + 1);
    auto drill = supervisor.get("/api/v1/kpis/trainings/records?period=" + month + "&page_size=200");
    REQUIRE(drill.status == 200);
    CHECK(drill.body["kind"] == "activities");
    bool listed = false;
    for (const auto& it : drill.body["items"]) {
        if (it["id"] == id) {
            listed = true;
            CHECK(it["title"] == "第三期话务坐席培训：补贴知识库更新");
            CHECK(it["kind_name"] == "话务坐席培训");
            CHECK(it["approved_by"] == r.body["decided_by"]);
            CHECK(it["files"] == 5);   // the sheet twice, the photo, the drawn PDF, the broken one
        }
    }
    CHECK(listed);
    // A town's scope has no activity figure (the desk's own records are city-wide).
    auto town = env.signed_in("town").get("/api/v1/kpis?period=" + month);
    REQUIRE(town.status == 200);
    CHECK((*kpi_item(town, "trainings"))["applicable"] == false);
    // The month's list and its XLSX export.
    auto list = supervisor.get("/api/v1/activities?month=" + month + "&kind=training");
    REQUIRE(list.status == 200);
    CHECK(list.body["may_approve"] == true);
    CHECK(list.body["approved"].get<int>() >= 1);
    CHECK(agent.get("/api/v1/activities?month=2026-13").status == 400);
    auto xlsx = supervisor.get("/api/v1/export/activities.xlsx?month=" + month);
    CHECK(xlsx.status == 200);
    CHECK(xlsx.raw.rfind("PK", 0) == 0);

    // Every change is an audit event: create, the five uploads, the approval.
    if (!env.external()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT action FROM audit_events WHERE entity = 'activity_record' AND entity_id = ? ORDER BY id");
        st.bind(1, static_cast<std::int64_t>(id));
        std::vector<std::string> actions;
        while (st.executeStep()) actions.push_back(st.getColumn(0).getString());
        CHECK(actions == std::vector<std::string>{"create", "approve"});
        SQLite::Statement files(db, "SELECT COUNT(*) FROM audit_events WHERE entity = 'activity_file' AND action = 'upload' "
                                    "AND json_extract(changes, '$.record_id') = ?");
        files.bind(1, static_cast<std::int64_t>(id));
        REQUIRE(files.executeStep());
        CHECK(files.getColumn(0).getInt() == 5);
    }
}

TEST_CASE("activities: never one's own approval; a returned record counts only once corrected and approved",
          "[activities]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto supervisor = env.signed_in("supervisor");
    auto admin = env.signed_in("admin");
    const std::string today = today_text(agent);
    const std::string month = today.substr(0, 7);
    auto printed = [&] {
        auto k = supervisor.get("/api/v1/kpis?period=" + month);
        REQUIRE(k.status == 200);
        return (*kpi_item(k, "promotional_items"))["value"]["num"].get<std::int64_t>();
    };
    const auto base = printed();

    // The supervisor's own record: not approved by the supervisor, but by another (the administrator).
    auto r = supervisor.post("/api/v1/activities", json{{"kind", "promo_print"}, {"date", today}, {"title", "宣传折页（第二批）"},
                                                         {"quantity", 1200}});
    REQUIRE(r.status == 201);
    const auto own = r.body["id"].get<std::int64_t>();
    REQUIRE(upload(supervisor, own, pdf(), "application/pdf", "印刷单.pdf").status == 201);
    r = supervisor.post("/api/v1/activities/" + std::to_string(own) + "/approve", json::object());
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "own_record");
    CHECK(printed() == base);
    REQUIRE(admin.post("/api/v1/activities/" + std::to_string(own) + "/approve", json::object()).status == 200);
    CHECK(printed() == base + 1200);

    // Returned with a reason: does not count; corrected (back to 待审核), then approved: counts.
    r = agent.post("/api/v1/activities", json{{"kind", "promo_print"}, {"date", today}, {"title", "宣传海报"}, {"quantity", 300}});
    REQUIRE(r.status == 201);
    const auto id = r.body["id"].get<std::int64_t>();
    REQUIRE(upload(agent, id, image(64, 64, false), "image/jpeg", "海报.jpg").status == 201);
    CHECK(supervisor.post("/api/v1/activities/" + std::to_string(id) + "/return", json{{"reason", "x"}}).status == 422);
    r = supervisor.post("/api/v1/activities/" + std::to_string(id) + "/return", json{{"reason", "印制数量与印刷单不符"}});
    REQUIRE(r.status == 200);
    CHECK(r.body["status"] == "returned");
    CHECK(r.body["reason"] == "印制数量与印刷单不符");
    CHECK(printed() == base + 1200);
    CHECK(supervisor.post("/api/v1/activities/" + std::to_string(id) + "/approve", json::object()).status == 409);
    r = agent.put("/api/v1/activities/" + std::to_string(id),
                  json{{"kind", "promo_print"}, {"date", today}, {"title", "宣传海报"}, {"quantity", 250}});
    REQUIRE(r.status == 200);
    CHECK(r.body["status"] == "entered");
    CHECK(r.body["quantity"] == 250);
    REQUIRE(supervisor.post("/api/v1/activities/" + std::to_string(id) + "/approve", json::object()).status == 200);
    CHECK(printed() == base + 1200 + 250);
    if (!env.external()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT action, reason FROM audit_events WHERE entity = 'activity_record' AND entity_id = ? ORDER BY id");
        st.bind(1, static_cast<std::int64_t>(id));
        std::vector<std::string> actions;
        std::string return_reason;
        while (st.executeStep()) {
            actions.push_back(st.getColumn(0).getString());
            if (actions.back() == "return") return_reason = st.getColumn(1).getString();
        }
        CHECK(actions == std::vector<std::string>{"create", "return", "update", "approve"});
        CHECK(return_reason == "印制数量与印刷单不符");
    }
    // Roles: a provider and a town user neither read nor write the records.
    CHECK(env.signed_in("provider").get("/api/v1/activities").status == 403);
    CHECK(env.signed_in("town").post("/api/v1/activities", json{{"kind", "training"}}).status == 403);
}

}  // namespace test_activities
