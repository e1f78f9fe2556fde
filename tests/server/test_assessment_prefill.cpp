// The monthly assessment's prefill on a real database (issue 11, 考核 预填): rows of each source written into a
// server's own SQLite file (two providers of their own, elders of each care tier, service records, list records
// flagged by the verification with a supervisor's decision, complaints, survey answers, rectifications), read back
// by app::assessment_prefill and GET /api/v1/assessment/prefill. Expected counts are worked out by hand below.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <sqlite3.h>

#include "app/assessment_prefill.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/list_imports.hpp"
#include "store/rules.hpp"
#include "verification_fixture.hpp"
#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/rule_registry.hpp"

namespace test_assessment_prefill {

using namespace yiyang;
using yiyang::test::json;

namespace {

struct PrefillServer : test::VerificationServer {
    PrefillServer()
        : VerificationServer({"yiyang-prefill", "pf_", "预填",
                              {{"admin", Role::Admin}, {"supervisor", Role::Supervisor}, {"leader", Role::Leader},
                               {"town", Role::Town}, {"provider", Role::Provider}, {"agent", Role::Agent}}}) {}
};

LocalSeconds at(const char* ts) {   // "2025-03-03 09:00:00"
    std::string t = ts;
    t[10] = 'T';
    return *parse_timestamp(t);
}

// Providers A and B (new rows); March 2025.
struct Rows {
    Id a = 0, b = 0;
    std::map<std::string, Id> elder;
};

Rows write_rows(PrefillServer& srv) {
    Rows r;
    srv.db->write([&](SQLite::Database& db) {
        const auto exec = [&](const std::string& sql) { db.exec(sql); };
        exec("INSERT OR IGNORE INTO care_projects (code, name_zh) VALUES ('home_visit', '居家养老上门服务'), ('visiting', '探视巡访')");
        exec("INSERT INTO providers (name, status) VALUES ('预填甲', 'active')");
        r.a = db.getLastInsertRowid();
        exec("INSERT INTO providers (name, status) VALUES ('预填乙', 'active')");
        r.b = db.getLastInsertRowid();
        const std::string A = std::to_string(r.a), B = std::to_string(r.b);
        exec("INSERT INTO provider_projects VALUES (" + A + ", 'home_visit'), (" + A + ", 'visiting'), (" + B + ", 'home_visit')");
        const auto add_elder = [&](const std::string& name, const std::string& id, const std::string& disability,
                                   const std::string& category, const char* death) {
            SQLite::Statement st(db, "INSERT INTO elders (name, id_number, birth_date, sex, town_id, disability, status, "
                                     "death_date, created_at, updated_at) VALUES (?, ?, '1940-01-01', 'male', 1, ?, ?, ?, 0, 0)");
            st.bind(1, name);
            st.bind(2, id);
            st.bind(3, disability);
            st.bind(4, death ? "deceased" : "active");
            if (death) st.bind(5, death); else st.bind(5);
            st.exec();
            const Id e = db.getLastInsertRowid();
            if (!category.empty())
                exec("INSERT INTO elder_categories (category, town_id, elder_id) VALUES ('" + category + "', 1, " + std::to_string(e) + ")");
            exec("INSERT INTO enrolments (elder_id, programme, from_date) VALUES (" + std::to_string(e) + ", 'home_visit', '2024-01-01')");
            r.elder[name] = e;
            return std::to_string(e);
        };
        // 重度 (4 a month): 1 visit by A in March -> 3 short.
        const auto e1 = add_elder("预填重一", "110101194001010011", "severe", "", nullptr);
        // 低保中度 (2 a month): 2 visits by A -> met.
        const auto e2 = add_elder("预填低二", "110101194001010022", "moderate", "subsistence", nullptr);
        // 特困 (visiting, 1 a month): no visit in March, served by A in February -> A's, 1 short.
        const auto e3 = add_elder("预填特三", "110101194001010033", "none", "extreme_poverty", nullptr);
        // 重度, died 2025-02-10: a March record of A does not make it a subject.
        const auto e4 = add_elder("预填故四", "110101194001010044", "severe", "", "2025-02-10");
        // 完全失能, served by B 4 times in March (met).
        const auto e5 = add_elder("预填乙五", "110101194001010055", "complete", "", nullptr);
        const auto rec = [&](const std::string& p, const std::string& e, const char* ts) {
            exec("INSERT INTO service_records (provider_id, elder_id, category, started_at, ended_at) VALUES (" + p + ", " + e +
                 ", 'home_visit', " + std::to_string(at(ts)) + ", " + std::to_string(at(ts) + 3600) + ")");
        };
        rec(A, e1, "2025-03-03 09:00:00");
        rec(A, e2, "2025-03-04 09:00:00");
        rec(A, e2, "2025-03-18 09:00:00");
        rec(A, e3, "2025-02-12 09:00:00");
        rec(A, e4, "2025-03-05 09:00:00");
        rec(A, e5, "2025-02-20 09:00:00");   // served by A in February, by B in March: B's, not A's
        for (const char* d : {"2025-03-03 10:00:00", "2025-03-10 10:00:00", "2025-03-17 10:00:00", "2025-03-24 10:00:00"}) rec(B, e5, d);

        // The verification's list records of A in March: PF-1 and PF-2 an exact duplicate (PF-2 flagged, blocked),
        // PF-3 and PF-4 the same evidence (both flagged, pending), PF-4 decided valid by a supervisor (cleared).
        exec("INSERT INTO import_batches (list, file_name, sha256, file_kind, user_id, username, imported_at, rows, file) "
             "VALUES ('service_records', 'pf.csv', 'x', 'csv', 1, 'admin', 0, 4, x'00')");
        // Written as the import writes them (store::ListWriter): the evidence key and the reuse marks with the rows.
        store::ListWriter<ServiceRecordRow> writer(db, db.getLastInsertRowid(), r.a);
        const auto list = [&](const char* no, const char* id, const char* day, int start, const char* evidence) {
            ServiceRecordRow row;
            row.record_no = no;
            row.id_number = id;
            row.name = "某";
            row.day = *parse_date(day);
            row.start = start;
            row.end = start + 1800;
            row.item = "助洁";
            row.caregiver = "护工甲";
            row.evidence = evidence;
            writer.add(row);
        };
        list("PF-1", "110101194001010011", "2025-03-03", 32400, "a.jpg");
        list("PF-2", "110101194001010011", "2025-03-03", 32400, "b.jpg");
        list("PF-3", "110101194001010022", "2025-03-04", 36000, "same.jpg");
        list("PF-4", "110101194001010033", "2025-03-06", 36000, "same.jpg");
        writer.finish();
        exec("INSERT INTO physical_decisions (record_no, payable, reason, user_id, username, at) VALUES ('PF-4', 1, '照片为同日两户', 1, 'admin', 0)");

        // Work orders: a valid complaint about A for e1, an invalid one; survey answers on A's closed orders (1, 3, 4 for
        // home_visit subjects; 5 for the visiting subject); a rectification of A for e2 opened 2025-03-08 10:00 (due the
        // same day, closed the next morning) and one closed in time.
        const auto order = [&](const char* code, const char* type, const std::string& provider, const std::string& about,
                               const std::string& e, const char* created, const char* closed, const char* satisfaction,
                               const char* valid) {
            exec(std::string("INSERT INTO work_orders (code, channel, type, elder_id, town_id, provider_id, about_provider_id, status, "
                             "urgency, created_at, closed_at, satisfaction, complaint_valid) VALUES ('") + code + "', 'hotline', '" +
                 type + "', " + e + ", 1, " + provider + ", " + about + ", 'closed', 'normal', " + std::to_string(at(created)) +
                 ", " + (closed ? std::to_string(at(closed)) : "NULL") + ", " + satisfaction + ", " + valid + ")");
            return std::to_string(db.getLastInsertRowid());
        };
        order("PF-C1", "complaint", "NULL", A, e1, "2025-03-09 10:00:00", "2025-03-10 10:00:00", "NULL", "1");
        order("PF-C2", "complaint", "NULL", A, e2, "2025-03-09 11:00:00", "2025-03-09 12:00:00", "NULL", "0");
        order("PF-S1", "booking", A, "NULL", e1, "2025-03-01 10:00:00", "2025-03-05 10:00:00", "1", "NULL");
        order("PF-S2", "booking", A, "NULL", e2, "2025-03-01 10:00:00", "2025-03-06 10:00:00", "3", "NULL");
        order("PF-S3", "booking", A, "NULL", e2, "2025-03-01 10:00:00", "2025-03-07 10:00:00", "4", "NULL");
        order("PF-S4", "booking", A, "NULL", e3, "2025-03-01 10:00:00", "2025-03-07 10:00:00", "5", "NULL");
        order("PF-S5", "booking", A, "NULL", e1, "2025-02-01 10:00:00", "2025-02-27 10:00:00", "5", "NULL");   // February
        const auto w1 = order("PF-W1", "booking", A, "NULL", e2, "2025-03-02 10:00:00", "2025-03-09 09:00:00", "NULL", "NULL");
        const auto w2 = order("PF-W2", "booking", A, "NULL", e1, "2025-03-02 10:00:00", "2025-03-08 15:00:00", "NULL", "NULL");
        const auto step = [&](const std::string& id, const char* action, const char* from, const char* to, const char* ts) {
            store::AuditEvent e;   // through the store: the audit chain's hashes
            e.at = at(ts);
            e.actor = "pf_supervisor";
            e.entity = "work_order";
            e.entity_id = std::stoll(id);
            e.action = action;
            e.changes = {{"from", from}, {"to", to}};
            store::append_audit(db, e);
        };
        step(w1, "open_rectification", "called_back", "rectifying", "2025-03-08 10:00:00");
        step(w1, "close_rectification", "rectifying", "closed", "2025-03-09 09:00:00");
        step(w2, "open_rectification", "called_back", "rectifying", "2025-03-08 10:00:00");
        step(w2, "close_rectification", "rectifying", "closed", "2025-03-08 15:00:00");
        // A callback where the elder said nobody came (the lifecycle event as the order routes write it:
        // store/orders lifecycle_changes; tests/server/test_orders checks that path): one 服务不真实 人次 for A.
        const auto k1 = order("PF-K1", "booking", A, "NULL", e1, "2025-03-02 10:00:00", "NULL", "2", "NULL");
        {
            store::AuditEvent e;
            e.at = at("2025-03-12 15:00:00");
            e.actor = "pf_agent";
            e.entity = "work_order";
            e.entity_id = std::stoll(k1);
            e.action = "callback";
            e.changes = {{"from", "reviewed"}, {"to", "rectifying"},
                         {"details", {{"satisfaction", 2}, {"service_received", false}, {"opened_rectification", true}}}};
            store::append_audit(db, e);
            e.at = at("2025-03-13 15:00:00");   // a callback that confirms the service: not counted
            e.changes = {{"from", "reviewed"}, {"to", "called_back"},
                         {"details", {{"satisfaction", 2}, {"service_received", true}, {"opened_rectification", false}}}};
            store::append_audit(db, e);
        }
        step(k1, "close_rectification", "rectifying", "closed", "2025-03-12 18:00:00");   // in time: not 未及时整改
    });
    return r;
}

const json& item(const json& p, const std::string& source) {
    for (const auto& i : p["items"])
        if (i["source"] == source) return i;
    FAIL("no item " << source);
    throw 0;
}

}  // namespace

TEST_CASE("assessment prefill: each source counted from a real database", "[assessment][prefill]") {
    PrefillServer srv;
    const Rows r = write_rows(srv);
    const Period march{PeriodKind::Month, 2025, 3};
    const auto* rule = srv.ctx->rules().in_force<assessment::ScorecardRule>(march.first_day());
    REQUIRE(rule);

    const json a = app::assessment_prefill(srv.db->reader(), r.a, "home_visit", march, *rule);
    INFO(a.dump(1));
    CHECK(a["subjects_total"] == 2);   // e1, e2 (e4 died before March)
    CHECK(item(a, "visits_below_frequency")["count"] == 3);
    CHECK(item(a, "visits_below_frequency")["people"][0]["elder_id"] == r.elder.at("预填重一"));
    // PF-2 (duplicate of PF-1) and PF-3 (evidence shared with PF-4, no decision); PF-4 was decided valid; PF-K1's
    // callback said the service never happened (e1, sorted by elder then ref).
    CHECK(item(a, "service_not_real")["count"] == 3);
    CHECK(item(a, "service_not_real")["people"][0]["ref"] == "PF-2");
    CHECK(item(a, "service_not_real")["people"][1]["ref"] == "PF-K1");
    CHECK(item(a, "service_not_real")["people"][1]["detail_zh"] == "2025-03-12 回访：老人称未接受服务（PF-K1）");
    CHECK(item(a, "service_not_real")["people"][2]["ref"] == "PF-3");
    CHECK(item(a, "rude_service")["count"] == 1);
    CHECK(item(a, "rude_service")["people"][0]["ref"] == "PF-C1");
    CHECK(a["satisfied"] == 2);   // 1 and 3 of 1, 3, 4 (February's 5 not read)
    CHECK(a["answered"] == 3);
    CHECK(item(a, "not_rectified_in_time")["count"] == 1);   // W1: due 2025-03-08 23:59:59, closed the 9th
    CHECK(item(a, "not_rectified_in_time")["people"][0]["ref"] == "PF-W1");

    // The same provider's other project: the 特困 subject served in February.
    const json v = app::assessment_prefill(srv.db->reader(), r.a, "visiting", march, *rule);
    CHECK(v["subjects_total"] == 1);
    CHECK(item(v, "visits_below_frequency")["count"] == 1);
    CHECK(item(v, "service_not_real")["count"] == 0);   // PF-4 (the 特困 subject's) cleared by the decision
    CHECK(v["answered"] == 1);
    CHECK(v["satisfied"] == 0);

    const json b = app::assessment_prefill(srv.db->reader(), r.b, "home_visit", march, *rule);
    CHECK(b["subjects_total"] == 1);
    CHECK(item(b, "visits_below_frequency")["count"] == 0);

    // The batch for all providers gives each the same as the single call.
    const auto all = app::assessment_prefill_all(srv.db->reader(), march, *rule);
    CHECK(json(all.at({r.a, "home_visit"})) == a);
    CHECK(json(all.at({r.a, "visiting"})) == v);
    CHECK(json(all.at({r.b, "home_visit"})) == b);

    // A supervisor's decision clears PF-3: one fewer.
    srv.db->write([&](SQLite::Database& db) {
        db.exec("INSERT INTO physical_decisions (record_no, payable, reason, user_id, username, at) VALUES ('PF-3', 1, '另有佐证', 1, 'admin', 1)");
    });
    const json a2 = app::assessment_prefill(srv.db->reader(), r.a, "home_visit", march, *rule);
    CHECK(item(a2, "service_not_real")["count"] == 2);
}

TEST_CASE("assessment prefill: the route, its roles, masking and refusals", "[assessment][prefill][api]") {
    PrefillServer srv;
    const Rows r = write_rows(srv);
    const std::string base = "/api/v1/assessment/prefill?provider_id=" + std::to_string(r.a) + "&project=home_visit&month=";
    auto sup = srv.signed_in("supervisor");
    const auto ok = sup.get(base + "2025-03");
    REQUIRE(ok.status == 200);
    CHECK(item(ok.body, "visits_below_frequency")["count"] == 3);
    const std::string shown = item(ok.body, "visits_below_frequency")["people"][0]["name"];
    auto leader = srv.signed_in("leader");
    const auto l = leader.get(base + "2025-03");
    REQUIRE(l.status == 200);
    CHECK(item(l.body, "rude_service")["count"] == 1);
    const bool leader_sees = elder_policy(Role::Leader).full_name, sup_sees = elder_policy(Role::Supervisor).full_name;
    CHECK(shown == (sup_sees ? std::string("预填重一") : mask_name("预填重一")));
    CHECK(item(l.body, "visits_below_frequency")["people"][0]["name"] == (leader_sees ? std::string("预填重一") : mask_name("预填重一")));
    CHECK(srv.signed_in("admin").get(base + "2025-03").status == 200);
    for (const char* role : {"town", "provider", "agent"}) CHECK(srv.signed_in(role).get(base + "2025-03").status == 403);

    // Refusals in Chinese, naming the parameter.
    const auto not_over = sup.get(base + "2026-11");   // the clock is 2026-11-20
    CHECK(not_over.status == 422);
    CHECK(not_over.body["error"]["fields"][0]["field"] == "month");
    CHECK(not_over.body["error"]["message"].get<std::string>().find("尚未结束") != std::string::npos);
    CHECK(sup.get(base + "2026-10").status == 200);
    const auto bad_month = sup.get(base + "2025-3x");
    CHECK(bad_month.status == 400);
    CHECK(bad_month.body["error"]["code"] == "bad_query");
    CHECK(bad_month.body["error"]["fields"][0]["field"] == "month");
    CHECK(sup.get(base + "2025-Q1").status == 400);
    const auto project = sup.get("/api/v1/assessment/prefill?provider_id=1&project=meals&month=2025-03");
    CHECK(project.status == 400);
    CHECK(project.body["error"]["fields"][0]["field"] == "project");
    CHECK(project.body["error"]["message"].get<std::string>().find("探视巡访") != std::string::npos);
    CHECK(sup.get("/api/v1/assessment/prefill?provider_id=-1&project=visiting&month=2025-03").body["error"]["fields"][0]["field"] == "provider_id");
    const auto unknown = sup.get("/api/v1/assessment/prefill?provider_id=999999&project=visiting&month=2025-03");
    CHECK(unknown.status == 422);
    CHECK(unknown.body["error"]["fields"][0]["code"] == "unknown");
    CHECK(sup.get("/api/v1/assessment/prefill?project=visiting&month=2025-03").status == 400);
}

TEST_CASE("assessment prefill: evidence reused from an earlier month, an old rectification, nobody's subjects",
          "[assessment][prefill][api]") {
    PrefillServer srv;
    const Rows r = write_rows(srv);
    const std::string A = std::to_string(r.a);
    Id nobody = 0;
    srv.db->write([&](SQLite::Database& db) {
        const auto exec = [&](const std::string& sql) { db.exec(sql); };
        // A list record of February (PF-0, photo "old.jpg") and one of March for e2 (PF-5) whose photo is the same but
        // for a blank (the verification compares without blanks); PF-6 (March, e1) reuses February's "old2.jpg" but a
        // supervisor decided it valid.
        exec("INSERT INTO import_batches (list, file_name, sha256, file_kind, user_id, username, imported_at, rows, file) "
             "VALUES ('service_records', 'pf0.csv', 'y', 'csv', 1, 'admin', 0, 3, x'00')");
        // Written as the import writes them (store::ListWriter): the evidence key and the reuse marks with the rows.
        store::ListWriter<ServiceRecordRow> writer(db, db.getLastInsertRowid(), r.a);
        const auto list = [&](const char* no, const char* id, const char* day, const char* evidence) {
            ServiceRecordRow row;
            row.record_no = no;
            row.id_number = id;
            row.name = "某";
            row.day = *parse_date(day);
            row.start = 50000;
            row.end = 51800;
            row.item = "助洁";
            row.caregiver = "护工乙";
            row.evidence = evidence;
            writer.add(row);
        };
        list("PF-0", "110101194001010011", "2025-02-14", "old.jpg");
        list("PF-00", "110101194001010011", "2025-02-15", "old2.jpg");
        list("PF-5", "110101194001010022", "2025-03-20", "old .jpg");
        list("PF-6", "110101194001010011", "2025-03-21", "old2.jpg");
        writer.finish();
        exec("INSERT INTO physical_decisions (record_no, payable, reason, user_id, username, at) VALUES ('PF-6', 1, '复用照片已核实', 1, 'admin', 0)");

        // A rule in force from 2025-01-02 giving rectifications 45 days; PF-W3 of A (e1) opened 2025-01-25 10:00 — more
        // than 31 days before March — due 2025-03-11 10:00, never closed.
        auto body = json::parse(std::ifstream(std::string(YIYANG_SOURCE_DIR) + "/assets/rules/sla-rules.json"));
        body["version"] = "pf-sla-45d";
        body["effective_from"] = "2025-01-02";
        for (auto& rule : body["rules"])
            if (rule["starts_on"] == "rectification_opened") rule["target"] = {{"kind", "elapsed"}, {"seconds", 45 * 86400}};
        SQLite::Statement rule(db, "INSERT INTO rules (kind, version, effective_from, body, created_at) VALUES ('sla', 'pf-sla-45d', "
                                   "'2025-01-02', ?, 0)");
        rule.bind(1, body.dump());
        rule.exec();
        exec("INSERT INTO work_orders (code, channel, type, elder_id, town_id, provider_id, status, urgency, created_at) VALUES "
             "('PF-W3', 'hotline', 'booking', " + std::to_string(r.elder.at("预填重一")) + ", 1, " + A + ", 'rectifying', 'normal', " +
             std::to_string(at("2025-01-20 10:00:00")) + ")");
        store::AuditEvent e;
        e.at = at("2025-01-25 10:00:00");
        e.actor = "pf_supervisor";
        e.entity = "work_order";
        e.entity_id = db.getLastInsertRowid();
        e.action = "open_rectification";
        e.changes = {{"from", "called_back"}, {"to", "rectifying"}};
        store::append_audit(db, e);

        // An enrolled 重度 subject nobody served (no record at all): nobody's.
        exec("INSERT INTO elders (name, id_number, birth_date, sex, town_id, disability, status, created_at, updated_at) VALUES "
             "('预填无主六', '110101194001010066', '1940-01-01', 'male', 1, 'severe', 'active', 0, 0)");
        nobody = db.getLastInsertRowid();
        exec("INSERT INTO enrolments (elder_id, programme, from_date) VALUES (" + std::to_string(nobody) + ", 'home_visit', '2024-06-01')");
    });
    const Period march{PeriodKind::Month, 2025, 3};
    const auto* rule = srv.ctx->rules().in_force<assessment::ScorecardRule>(march.first_day());
    REQUIRE(rule);
    const json a = app::assessment_prefill(srv.db->reader(), r.a, "home_visit", march, *rule);
    INFO(a.dump(1));
    // PF-2, PF-K1, PF-3 as in the first case, and PF-5 (e2): February's PF-0 had its photo.
    const auto& n = item(a, "service_not_real");
    CHECK(n["count"] == 4);
    bool pf5 = false, pf6 = false;
    for (const auto& p : n["people"]) {
        if (p["ref"] == "PF-5") {
            pf5 = true;
            CHECK(p["detail_zh"] == "2025-03-20 服务记录 PF-5：跨月佐证重复：佐证“old .jpg”已用于 2025-02-14 的记录 PF-0");
        }
        pf6 |= p["ref"] == "PF-6";
    }
    CHECK(pf5);
    CHECK_FALSE(pf6);   // decided valid
    // PF-W3, opened 35 days before March, due in March, never closed.
    bool w3 = false;
    for (const auto& p : item(a, "not_rectified_in_time")["people"])
        if (p["ref"] == "PF-W3") {
            w3 = true;
            CHECK(p["detail_zh"] == "整改期限 2025-03-11 10:00:00，至今未完成（PF-W3）");
        }
    CHECK(w3);
    // Nobody's subject: not A's (subjects as before), listed as unassigned in every provider's prefill of the project.
    CHECK(a["subjects_total"] == 2);
    const auto listed = [&](const json& p) {
        for (const auto& person : p["unassigned"]["people"])
            if (person["elder_id"] == nobody) return person;
        return json();
    };
    REQUIRE(listed(a).is_object());
    CHECK(listed(a)["name"] == "预填无主六");
    CHECK(a["unassigned"]["count"].get<std::int64_t>() >= 1);
    const json b = app::assessment_prefill(srv.db->reader(), r.b, "home_visit", march, *rule);
    CHECK(b["unassigned"] == a["unassigned"]);
    CHECK(listed(app::assessment_prefill(srv.db->reader(), r.a, "visiting", march, *rule)).is_null());   // a home_visit subject
    const auto all = app::assessment_prefill_all(srv.db->reader(), march, *rule);
    CHECK(json(all.at({r.a, "home_visit"})) == a);

    // Through the route: the list masked as the reader's role requires.
    for (const char* role : {"supervisor", "leader"}) {
        const auto got = srv.signed_in(role).get("/api/v1/assessment/prefill?provider_id=" + A + "&project=home_visit&month=2025-03");
        REQUIRE(got.status == 200);
        const bool sees = elder_policy(role == std::string("leader") ? Role::Leader : Role::Supervisor).full_name;
        REQUIRE(listed(got.body).is_object());
        CHECK(listed(got.body)["name"] == (sees ? std::string("预填无主六") : mask_name("预填无主六")));
        CHECK(got.body["unassigned"]["count"] == a["unassigned"]["count"]);
    }
}

// ./yiyang bench prefill (scripts/bench-prefill.sh): every provider × project of a month on a city database, the
// first call on a fresh connection (cold) and the second (warm). Hidden; reads YIYANG_BENCH_DB and YIYANG_BENCH_MONTH.
TEST_CASE("assessment prefill: city-scale timing", "[.prefill_bench]") {
    const char* path = std::getenv("YIYANG_BENCH_DB");
    const char* month_text = std::getenv("YIYANG_BENCH_MONTH");
    REQUIRE(path);
    REQUIRE(month_text);
    const auto month = parse_period(month_text);
    REQUIRE(month);
    auto db = store::open_connection(path, true);
    const auto rules = store::load_rules(*db);
    const auto* rule = rules.in_force<assessment::ScorecardRule>(month->first_day());
    REQUIRE(rule);
    // YIYANG_BENCH_TRACE=1: every statement that ran 20 ms or more, with its time (SQLite's profile trace), to find
    // which one a slow prefill spends its time in.
    if (const char* t = std::getenv("YIYANG_BENCH_TRACE"); t && std::string(t) == "1") {
        sqlite3_trace_v2(
            db->getHandle(), SQLITE_TRACE_PROFILE,
            [](unsigned, void*, void* stmt, void* ns) -> int {
                const auto ms = static_cast<double>(*static_cast<sqlite3_int64*>(ns)) / 1e6;
                if (ms >= 20) std::fprintf(stderr, "prefill-trace: %.0f ms %.160s\n", ms, sqlite3_sql(static_cast<sqlite3_stmt*>(stmt)));
                return 0;
            },
            nullptr);
    }
    for (const char* run : {"cold", "warm"}) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();   // this process's CPU time: the machine is shared and noisy
        const auto all = app::assessment_prefill_all(*db, *month, *rule);
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        std::int64_t subjects = 0, short_visits = 0, not_real = 0, rude = 0, answered = 0, rect = 0;
        std::map<std::string, std::int64_t> unassigned;   // per project (the same in every provider's prefill)
        for (const auto& [k, p] : all) {
            subjects += p.subjects_total;
            unassigned[k.second] = p.unassigned.count;
            answered += p.answered;
            for (const auto& i : p.items) {
                if (i.source == "visits_below_frequency") short_visits += i.count;
                if (i.source == "service_not_real") not_real += i.count;
                if (i.source == "rude_service") rude += i.count;
                if (i.source == "not_rectified_in_time") rect += i.count;
            }
        }
        std::int64_t nobody = 0;
        for (const auto& [project, n] : unassigned) nobody += n;
        std::printf("prefill-bench: %s %.0f ms cpu %.0f ms pairs %zu subjects %lld short %lld not_real %lld rude %lld answered %lld rect %lld unassigned %lld\n", run,
                    ms, cpu_ms, all.size(), static_cast<long long>(subjects), static_cast<long long>(short_visits),
                    static_cast<long long>(not_real), static_cast<long long>(rude), static_cast<long long>(answered),
                    static_cast<long long>(rect), static_cast<long long>(nobody));
    }
}

}  // namespace test_assessment_prefill
