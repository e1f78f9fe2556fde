// The knowledge base through the API: substring search in Chinese (1, 2, 3 and 6 characters, FTS
// metacharacters), kind filter, role refusals, create → edit → history with who/why, stale versions, missing
// reasons, search following edits, archiving and the audit trail.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>

#include "harness.hpp"

namespace test_knowledge {

using namespace yiyang::test;

namespace {

std::string kb_search(const std::string& q, const std::string& extra = "") {
    return "/api/v1/knowledge?q=" + httplib::detail::encode_query_param(q) + "&page_size=200" + extra;
}

// The position of the article titled `title` in a search reply, or -1.
int position_of(const Reply& r, const std::string& title) {
    int i = 0;
    for (const auto& item : r.body["items"]) {
        if (item["title"] == title) return i;
        ++i;
    }
    return -1;
}

// A marker no other run has written, so the test also holds against a long-lived server (nginx run).
std::string unique_marker() {
    const auto ns = std::chrono::steady_clock::now().time_since_epoch().count();
    static int counter = 0;
    return "KB" + std::to_string(ns % 1000000007) + "x" + std::to_string(++counter);
}

json new_article(const std::string& marker) {
    return {{"kind", "faq"}, {"title", "测试条目" + marker},
            {"body", "初版正文：旧版说明" + marker + "，老人来电时先核实身份。"}, {"tags", {"测试", marker}}};
}

}  // namespace

TEST_CASE("search finds seeded articles by 1, 2, 3 and 6 Chinese characters", "[knowledge]") {
    auto c = TestEnv::get().signed_in("agent");
    struct Case { const char* q; const char* title; bool full_text; };
    const Case cases[] = {
        {"浴", "助浴服务", false},                               // 1 character: scan
        {"助餐", "助餐服务", false},                             // 2 characters: scan
        {"满意度", "服务回访与满意度五级量表", true},            // 3 characters: FTS5 trigram
        {"养老服务热线", "88885252养老服务热线受理范围", true},  // 6 characters
    };
    for (const auto& k : cases) {
        INFO(k.q);
        auto r = c.get(kb_search(k.q));
        REQUIRE(r.status == 200);
        CHECK(r.body["full_text"] == k.full_text);
        CHECK(r.body["total"].get<int>() >= 1);
        CHECK(r.body["total"].get<int>() >= static_cast<int>(r.body["items"].size()));
        CHECK(position_of(r, k.title) >= 0);
        for (const auto& item : r.body["items"]) {
            // Each hit holds the word in its title, snippet or tags (the snippet centres on a body match).
            const auto text = item["title"].get<std::string>() + item["snippet"].get<std::string>() + item["tags"].dump();
            bool has = text.find(k.q) != std::string::npos;
            if (!has) {
                auto full = c.get("/api/v1/knowledge/" + std::to_string(item["id"].get<std::int64_t>()));
                has = full.body["article"]["body"].get<std::string>().find(k.q) != std::string::npos;
            }
            CHECK(has);
            CHECK(!item["kind_label"].get<std::string>().empty());
        }
    }
    // Title matches come first in the short-word scan: the one article titled with 浴 leads.
    auto bath = c.get(kb_search("浴"));
    CHECK(position_of(bath, "助浴服务") == 0);
    // The snippet shows the text around a body match.
    auto sec = c.get(kb_search("30秒"));
    REQUIRE(sec.status == 200);
    REQUIRE(position_of(sec, "紧急求助（SOS）处置流程") >= 0);
    CHECK(sec.body["items"][position_of(sec, "紧急求助（SOS）处置流程")]["snippet"].get<std::string>().find("30秒") !=
          std::string::npos);
    // Words separated by blanks must all occur.
    auto both = c.get(kb_search("助餐 长者饭堂"));
    REQUIRE(both.status == 200);
    CHECK(position_of(both, "助餐服务") >= 0);
    auto none = c.get(kb_search("助餐 这个词不存在"));
    CHECK(none.body["total"] == 0);
}

TEST_CASE("queries with FTS syntax characters are plain text, never errors", "[knowledge]") {
    auto c = TestEnv::get().signed_in("agent");
    for (const char* q : {"\"", "\"\"\"", "AND", "助餐 AND", "OR 老人", "*", "NEAR(a b)", "title:助餐", "^助", "a\"b\"c",
                          "(((", "-", "'; DROP TABLE kb_articles; --", "％", "_"}) {
        INFO(q);
        auto r = c.get(kb_search(q));
        CHECK(r.status == 200);
        CHECK(r.body["items"].is_array());
    }
    auto r = c.get(kb_search(std::string(41, 'x')));
    CHECK(r.status == 400);
    CHECK(r.body["error"]["code"] == "bad_query");
}

TEST_CASE("kind filter and listing without a query", "[knowledge]") {
    auto c = TestEnv::get().signed_in("supervisor");
    auto subsidy = c.get("/api/v1/knowledge?kind=subsidy_item&page_size=200");
    REQUIRE(subsidy.status == 200);
    REQUIRE(subsidy.body["total"].get<int>() >= 3);
    for (const auto& item : subsidy.body["items"]) {
        CHECK(item["kind"] == "subsidy_item");
        CHECK(item["kind_label"] == "补贴项目");
    }
    auto all = c.get("/api/v1/knowledge?page_size=5");
    REQUIRE(all.status == 200);
    CHECK(all.body["items"].size() == 5);
    CHECK(all.body["total"].get<int>() >= 30);
    CHECK(all.body["total"].get<int>() > subsidy.body["total"].get<int>());
    // Newest first when nothing is searched.
    for (std::size_t i = 1; i < all.body["items"].size(); ++i) {
        CHECK(all.body["items"][i - 1]["updated_at"].get<std::string>() >= all.body["items"][i]["updated_at"].get<std::string>());
    }
    auto meals = c.get(kb_search("助餐", "&kind=policy"));
    for (const auto& item : meals.body["items"]) CHECK(item["kind"] == "policy");
    CHECK(position_of(meals, "助餐服务") == -1);   // a service item, filtered out
    // One article per provider is generated from the register.
    auto providers = c.get("/api/v1/knowledge?kind=provider_info&page_size=200");
    CHECK(providers.body["total"].get<int>() >= 3);
    auto bad = c.get("/api/v1/knowledge?kind=news");
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body["error"]["message"].get<std::string>(), Catch::Contains("kind"));
    auto kinds = c.get("/api/v1/knowledge/kinds");
    REQUIRE(kinds.status == 200);
    CHECK(kinds.body["kinds"].size() == 5);
    CHECK(kinds.body["kinds"][0]["label"] == "政策");
}

TEST_CASE("roles: provider, town and kiosk cannot read; agents cannot write", "[knowledge][roles]") {
    auto& env = TestEnv::get();
    for (const char* role : {"provider", "town", "kiosk"}) {
        INFO(role);
        auto c = env.signed_in(role);
        auto r = c.get(kb_search("助餐"));
        CHECK(r.status == 403);
        CHECK_THAT(r.body["error"]["message"].get<std::string>(), Catch::Contains("无权查看知识库"));
        CHECK(c.get("/api/v1/knowledge/1").status == 403);
    }
    CHECK(env.client().get(kb_search("助餐")).status == 401);
    auto agent = env.signed_in("agent");
    const auto marker = unique_marker();
    auto r = agent.post("/api/v1/knowledge", new_article(marker));
    CHECK(r.status == 403);
    CHECK_THAT(r.body["error"]["message"].get<std::string>(), Catch::Contains("无权编辑知识库"));
    auto any = agent.get("/api/v1/knowledge?page_size=1");
    REQUIRE(any.status == 200);
    const auto id = any.body["items"][0]["id"].get<std::int64_t>();
    auto put = agent.put("/api/v1/knowledge/" + std::to_string(id),
                         {{"kind", "faq"}, {"title", "改"}, {"body", "改"}, {"version", 1}, {"reason", "试"}});
    CHECK(put.status == 403);
    CHECK(env.signed_in("supervisor").get(kb_search(marker)).body["total"] == 0);   // nothing was written
}

TEST_CASE("create, edit with a reason, history, stale version, and search follows the edit",
          "[knowledge][audit]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto admin = env.signed_in("admin");
    const auto marker = unique_marker();
    const auto sup_name = sup.get("/api/v1/me").body["user"]["display_name"].get<std::string>();
    const auto admin_name = admin.get("/api/v1/me").body["user"]["display_name"].get<std::string>();

    // Validation: every problem named, in Chinese.
    auto bad = sup.post("/api/v1/knowledge", {{"kind", "news"}, {"title", ""}, {"body", "正文"}, {"colour", "红"}});
    REQUIRE(bad.status == 422);
    std::set<std::string> fields;
    for (const auto& f : bad.body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
    CHECK(fields.count("kind"));
    CHECK(fields.count("colour"));
    auto empty = sup.post("/api/v1/knowledge", {{"kind", "faq"}, {"title", " "}, {"body", ""}});
    REQUIRE(empty.status == 422);
    CHECK(empty.body["error"]["fields"].size() == 2);
    CHECK_THAT(empty.body["error"]["message"].get<std::string>(), Catch::Contains("标题不能为空"));
    auto longer = sup.post("/api/v1/knowledge", {{"kind", "faq"}, {"title", std::string(61, 'a')},
                                                 {"body", "正文"}});
    CHECK(longer.status == 422);

    auto created = sup.post("/api/v1/knowledge", new_article(marker));
    REQUIRE(created.status == 201);
    const auto& art = created.body["article"];
    const auto id = art["id"].get<std::int64_t>();
    const auto path = "/api/v1/knowledge/" + std::to_string(id);
    CHECK(art["version"] == 1);
    CHECK(art["kind_label"] == "常见问题");
    CHECK(art["updated_by_name"] == sup_name);
    CHECK(sup.get(kb_search("旧版说明" + marker)).body["total"] == 1);

    // An edit without a reason is refused, naming the field.
    json edit = {{"kind", "faq"}, {"title", "测试条目" + marker}, {"body", "第二版正文：新版说明" + marker + "。"},
                 {"tags", {"测试", marker}}, {"version", 1}};
    auto no_reason = sup.put(path, edit);
    REQUIRE(no_reason.status == 422);
    REQUIRE(no_reason.body["error"]["fields"].size() == 1);
    CHECK(no_reason.body["error"]["fields"][0]["field"] == "reason");
    CHECK(no_reason.body["error"]["fields"][0]["message"] == "请填写修改原因");

    edit["reason"] = "政策调整，按新文件修改";
    auto edited = admin.put(path, edit);
    REQUIRE(edited.status == 200);
    CHECK(edited.body["article"]["version"] == 2);
    CHECK(edited.body["changed"] == true);
    CHECK(edited.body["article"]["updated_by_name"] == admin_name);
    CHECK(edited.body["article"]["created_by_name"] == sup_name);

    // A stale version is refused and nothing changes.
    auto stale = sup.put(path, {{"kind", "policy"}, {"title", "过期的修改" + marker}, {"body", "不应保存" + marker},
                                {"version", 1}, {"reason", "用旧版本修改"}});
    REQUIRE(stale.status == 409);
    CHECK(stale.body["error"]["code"] == "version_conflict");
    CHECK_THAT(stale.body["error"]["message"].get<std::string>(), Catch::Contains("刷新"));
    auto now = sup.get(path);
    REQUIRE(now.status == 200);
    CHECK(now.body["article"]["version"] == 2);
    CHECK(now.body["article"]["kind"] == "faq");
    CHECK(now.body["article"]["body"] == edit["body"]);
    CHECK(sup.get(kb_search("不应保存" + marker)).body["total"] == 0);

    // Search follows the edit: the new text is found, the old text no longer is.
    auto found_new = env.signed_in("agent").get(kb_search("新版说明" + marker));
    REQUIRE(found_new.body["total"] == 1);
    CHECK(found_new.body["items"][0]["id"] == id);
    CHECK_THAT(found_new.body["items"][0]["snippet"].get<std::string>(), Catch::Contains("新版说明"));
    CHECK(sup.get(kb_search("旧版说明" + marker)).body["total"] == 0);
    CHECK(sup.get(kb_search("旧版")).status == 200);

    // History: newest first, who, when, why and the text of each version.
    auto hist = env.signed_in("agent").get(path + "/history");
    REQUIRE(hist.status == 200);
    const auto& versions = hist.body["versions"];
    REQUIRE(versions.size() == 2);
    CHECK(versions[0]["version"] == 2);
    CHECK(versions[0]["changed_by_name"] == admin_name);
    CHECK(versions[0]["reason"] == "政策调整，按新文件修改");
    CHECK(versions[0]["body"] == edit["body"]);
    CHECK(versions[1]["version"] == 1);
    CHECK(versions[1]["changed_by_name"] == sup_name);
    CHECK(versions[1]["body"].get<std::string>().find("旧版说明" + marker) != std::string::npos);
    CHECK(!versions[1]["changed_at"].get<std::string>().empty());

    // Audit events, newest first: the update (with its reason and the old and new body), then the create.
    const auto& events = hist.body["events"];
    REQUIRE(events.size() == 2);
    CHECK(events[0]["action"] == "update");
    CHECK(events[0]["entity"] == "kb_article");
    CHECK(events[0]["actor"] == env.user("admin").first);
    CHECK(events[0]["reason"] == "政策调整，按新文件修改");
    CHECK(events[0]["changes"]["version"] == json::array({1, 2}));
    CHECK(events[0]["changes"]["body"][1] == edit["body"]);
    CHECK_FALSE(events[0]["changes"].contains("title"));   // unchanged fields are not listed
    CHECK(events[1]["action"] == "create");
    CHECK(events[1]["actor"] == env.user("supervisor").first);

    // Sending the same text again is not a new version.
    edit["version"] = 2;
    auto same = sup.put(path, edit);
    REQUIRE(same.status == 200);
    CHECK(same.body["changed"] == false);
    CHECK(same.body["article"]["version"] == 2);
    CHECK(sup.get(path + "/history").body["versions"].size() == 2);

    // Archive: needs a reason; then the article is no longer found, and cannot be edited.
    auto no_why = sup.send("DELETE", path, json{{"version", 2}}.dump(),
                           {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/json"}});
    CHECK(no_why.status == 422);
    auto archived = sup.send("DELETE", path, json{{"version", 2}, {"reason", "内容已合并到其他条目"}}.dump(),
                             {{"X-Yiyang-Request", "1"}});
    REQUIRE(archived.status == 200);
    CHECK(archived.body["article"]["archived"] == true);
    CHECK(archived.body["article"]["version"] == 3);
    CHECK(sup.get(kb_search("新版说明" + marker)).body["total"] == 0);
    CHECK(sup.get(kb_search(marker.substr(0, 2))).status == 200);
    edit["version"] = 3;
    CHECK(sup.put(path, edit).status == 409);
    auto after = sup.get(path + "/history");
    CHECK(after.body["versions"].size() == 3);
    CHECK(after.body["events"][0]["action"] == "archive");
    CHECK(sup.get("/api/v1/knowledge/999999999").status == 404);
}

TEST_CASE("对公众公开: only published articles reach the portal and the kiosk; publishing is an audited edit",
          "[knowledge][portal][audit]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto agent = env.signed_in("agent");
    auto anon = env.client();
    auto kiosk_titles = [&] {
        std::set<std::string> titles;
        auto f = anon.get("/api/v1/public/figures");
        REQUIRE(f.status == 200);
        for (const auto& a : f.body["articles"]) titles.insert(a["title"].get<std::string>());
        return titles;
    };
    auto portal_titles = [&](const std::string& q) {
        std::set<std::string> titles;
        auto r = anon.get("/api/v1/public/policies?page_size=50&q=" + httplib::detail::encode_query_param(q));
        REQUIRE(r.status == 200);
        for (const auto& a : r.body["items"]) titles.insert(a["title"].get<std::string>());
        return titles;
    };

    // The seed: the hotline's scope is written for the public; the desk's SOS procedure and the seats' privacy
    // rules are not (before migration 29 every policy reached the portal and the kiosk).
    auto hotline = agent.get(kb_search("88885252养老服务热线受理范围"));
    REQUIRE(hotline.status == 200);
    REQUIRE(position_of(hotline, "88885252养老服务热线受理范围") >= 0);
    CHECK(hotline.body["items"][position_of(hotline, "88885252养老服务热线受理范围")]["published"] == true);
    CHECK(portal_titles("热线").count("88885252养老服务热线受理范围") == 1);
    CHECK(portal_titles("紧急求助").count("紧急求助（SOS）处置流程") == 0);
    CHECK(portal_titles("坐席").count("个人信息保护：坐席须知") == 0);
    const auto on_kiosk = kiosk_titles();
    CHECK(on_kiosk.count("紧急求助（SOS）处置流程") == 0);
    CHECK(on_kiosk.count("工单处理流程（受理到办结）") == 0);
    auto sos = agent.get(kb_search("紧急求助（SOS）处置流程"));
    REQUIRE(position_of(sos, "紧急求助（SOS）处置流程") >= 0);
    const auto sos_id = sos.body["items"][position_of(sos, "紧急求助（SOS）处置流程")]["id"].get<std::int64_t>();
    CHECK(anon.get("/api/v1/public/policies/" + std::to_string(sos_id)).status == 404);

    // A new policy starts internal: not on the portal, not on the kiosk, its page a 404.
    const auto marker = unique_marker();
    const std::string title = "公开测试" + marker;
    auto created = sup.post("/api/v1/knowledge", {{"kind", "policy"}, {"title", title},
                                                  {"body", "高龄津贴按月发放" + marker + "。"}, {"tags", {"测试"}}});
    REQUIRE(created.status == 201);
    CHECK(created.body["article"]["published"] == false);
    const auto id = created.body["article"]["id"].get<std::int64_t>();
    const auto path = "/api/v1/knowledge/" + std::to_string(id);
    CHECK(portal_titles(marker).empty());
    CHECK(anon.get("/api/v1/public/policies/" + std::to_string(id)).status == 404);
    CHECK(kiosk_titles().count(title) == 0);

    // Publishing is an edit: the version read and a reason; "published" must be true or false.
    json edit = {{"kind", "policy"}, {"title", title}, {"body", "高龄津贴按月发放" + marker + "。"},
                 {"tags", {"测试"}}, {"version", 1}, {"reason", "核对后对公众公开"}, {"published", "yes"}};
    auto wrong_type = sup.put(path, edit);
    REQUIRE(wrong_type.status == 422);
    CHECK(wrong_type.body["error"]["fields"][0]["field"] == "published");
    edit["published"] = true;
    auto published = sup.put(path, edit);
    REQUIRE(published.status == 200);
    CHECK(published.body["changed"] == true);
    CHECK(published.body["article"]["published"] == true);
    CHECK(published.body["article"]["version"] == 2);
    CHECK(portal_titles(marker) == std::set<std::string>{title});
    CHECK(anon.get("/api/v1/public/policies/" + std::to_string(id)).status == 200);
    CHECK(kiosk_titles().count(title) == 1);

    // Who, when, why: the audit event names the change; the version row keeps the flag.
    auto hist = sup.get(path + "/history");
    REQUIRE(hist.status == 200);
    CHECK(hist.body["versions"][0]["published"] == true);
    CHECK(hist.body["versions"][1]["published"] == false);
    bool seen = false;
    for (const auto& e : hist.body["events"]) {
        if (e["action"] != "update") continue;
        CHECK(e["changes"]["published"] == json::array({false, true}));
        CHECK(e["reason"] == "核对后对公众公开");
        seen = true;
    }
    CHECK(seen);

    // An edit that leaves "published" out keeps it; 服务商信息 can never be published.
    json keep = {{"kind", "policy"}, {"title", title}, {"body", "高龄津贴按月发放（修订）" + marker + "。"},
                 {"tags", {"测试"}}, {"version", 2}, {"reason", "措辞"}};
    auto kept = sup.put(path, keep);
    REQUIRE(kept.status == 200);
    CHECK(kept.body["article"]["published"] == true);
    keep["kind"] = "provider_info";
    keep["version"] = 3;
    keep["published"] = true;
    auto provider = sup.put(path, keep);
    REQUIRE(provider.status == 422);
    CHECK(provider.body["error"]["fields"][0]["field"] == "published");
    CHECK(sup.get(path).body["article"]["version"] == 3);

    // Withdrawn: gone from both at once.
    keep["kind"] = "policy";
    keep["published"] = false;
    keep["reason"] = "政策到期，撤回公开";
    REQUIRE(sup.put(path, keep).status == 200);
    CHECK(portal_titles(marker).empty());
    CHECK(kiosk_titles().count(title) == 0);
}

}  // namespace test_knowledge
