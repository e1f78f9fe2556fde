// Wire format of sessions, elders, reference data, the overview, health, calls and the knowledge base
// (shared/include/yiyang/wire/{session,elders,reference,overview,system,calls,knowledge}.hpp): each struct
// survives to_json → from_json, and a reply written as the server writes it parses, so a renamed member fails.
#include <catch2/catch.hpp>

#include "support.hpp"

#include "yiyang/wire/calls.hpp"
#include "yiyang/wire/elders.hpp"
#include "yiyang/wire/knowledge.hpp"
#include "yiyang/wire/overview.hpp"
#include "yiyang/wire/reference.hpp"
#include "yiyang/wire/session.hpp"
#include "yiyang/wire/system.hpp"

namespace test_wire_people {

using namespace yiyang;
using yiyang::test::round_trip;
using nlohmann::json;

namespace {

LocalSeconds at(const char* text) { return *parse_timestamp(text); }

Elder sample_elder() {
    Elder e;
    e.id = 7;
    e.name = "张*英";
    e.id_number = "442000********1234";
    e.age = 81;
    e.sex = "female";
    e.phone = "138****5678";
    e.town_id = 3;
    e.community = "南区社区";
    e.address = "中山市石岐街道****";
    e.categories = {ElderCategory::LivingAlone};
    e.status = ElderStatus::Active;
    e.home = GeoPoint{22520000, 113380000};
    e.version = 4;
    return e;
}

}  // namespace

TEST_CASE("session: sign-in, session reply, password change round trip", "[wire]") {
    round_trip(wire::SignInRequest{"agent1", "秘密-Passw0rd"});
    User u;
    u.id = 3;
    u.username = "town1";
    u.display_name = "石岐街道";
    u.role = Role::Town;
    u.town_id = 1;
    const auto s = round_trip(wire::SessionReply{u, true, 1800, 43200});
    CHECK(s.user.town_id == std::optional<Id>(1));
    CHECK(s.must_change_password);
    round_trip(wire::PasswordChange{"old", "new-Passw0rd!"});
}

TEST_CASE("session: the reply as the server writes it", "[wire]") {
    const json reply = json::parse(R"({"idle_timeout_s":1800,"must_change_password":false,"session_lifetime_s":43200,
        "user":{"active":true,"display_name":"坐席一","id":2,"role":"agent","username":"agent1"}})");
    std::string error;
    auto s = wire::read_reply<wire::SessionReply>(reply, &error);
    INFO(error);
    REQUIRE(s);
    CHECK(s->user.role == Role::Agent);
    CHECK(!s->user.town_id);
    CHECK(s->idle_timeout_s == 1800);
    CHECK(s->session_lifetime_s == 43200);
    // A reply without its user is reported, not thrown.
    CHECK(!wire::read_reply<wire::SessionReply>(json::parse(R"({"must_change_password":false})"), &error));
    CHECK(!error.empty());
}

TEST_CASE("elders: page, reply, history round trip", "[wire]") {
    wire::ElderPage p;
    p.page.items = {sample_elder()};
    p.page.total = 41;
    p.page.page = 3;
    p.page.page_size = 20;
    p.masked = true;
    const auto back = round_trip(p);
    CHECK(back.page.total == 41);
    CHECK(back.masked);
    CHECK(back.page.items.at(0).age == std::optional<int>(81));
    round_trip(wire::ElderReply{sample_elder(), "石岐街道"});
    wire::AuditList h;
    h.events.push_back({12, at("2026-11-23T09:30:00"), 1, "admin", "elder", 7, "update",
                        {{"phone", {"13800000000", "13900000000"}}}, ""});
    h.events.push_back({13, at("2026-11-23T09:31:00"), std::nullopt, "system", "elder", std::nullopt, "lookup", json::object(), "x"});
    const auto hb = round_trip(h);
    CHECK(hb.events.at(1).actor_id == std::nullopt);
    CHECK(hb.events.at(0).at == at("2026-11-23T09:30:00"));
}

TEST_CASE("elders: a search reply as the server writes it (masked, age instead of birth date)", "[wire]") {
    const json reply = json::parse(R"({"items":[{"address":"中山市石岐街道****","age":81,"categories":["living_alone"],
        "community":"南区社区","death_date":null,"disability":"none","enrolments":[],"health_notes":"","home":{"lat_e6":22520000,"lon_e6":113380000},
        "id":7,"id_number":"442000********1234","name":"张*英","phone":"138****5678","sex":"female","status":"active",
        "subsidy_tier":"","town_id":3,"version":4}],"masked":true,"page":1,"page_size":20,"total":1})");
    std::string error;
    auto p = wire::read_reply<wire::ElderPage>(reply, &error);
    INFO(error);
    REQUIRE(p);
    CHECK(p->masked);
    REQUIRE(p->page.items.size() == 1);
    CHECK(p->page.items[0].phone == "138****5678");
    CHECK(json(*p) == reply);
    const json one = {{"elder", reply["items"][0]}, {"town_name", "石岐街道"}};
    auto r = wire::read_reply<wire::ElderReply>(one, &error);
    REQUIRE(r);
    CHECK(r->town_name == "石岐街道");
    const json history = json::parse(R"({"events":[{"action":"read","actor":"admin","actor_id":1,"at":"2026-11-23T09:30:00",
        "changes":{"fields":["name","id_number"]},"entity":"elder","entity_id":7,"id":99,"reason":""}]})");
    auto h = wire::read_reply<wire::AuditList>(history, &error);
    REQUIRE(h);
    CHECK(json(*h) == history);
}

TEST_CASE("reference: towns and providers round trip and as the server writes them", "[wire]") {
    Town t;
    t.id = 1;
    t.code = "shiqi";
    t.name = "石岐街道";
    t.is_street = true;
    t.communities = {"南区社区", "北区社区"};
    round_trip(wire::TownList{{t}});
    Provider p;
    p.id = 4;
    p.name = "颐康居家养老服务中心";
    p.categories = {ServiceCategory::DailyCare};
    p.towns_covered = {1, 2};
    round_trip(wire::ProviderList{{p}, 1});
    const json towns = {{"towns", json::array({t})}};
    std::string error;
    auto tl = wire::read_reply<wire::TownList>(towns, &error);
    REQUIRE(tl);
    CHECK(tl->towns.at(0).communities.size() == 2);
    CHECK(!wire::read_reply<wire::TownList>(json::parse(R"({"items":[]})"), &error));
}

TEST_CASE("overview: the reply built from shared Overview, round trip and as the server writes it", "[wire]") {
    OverviewInputs in;
    in.month = *parse_period("2026-11");
    in.town_names = {{1, "石岐街道"}, {2, "东区街道"}};
    in.active_elders_by_town = {{1, 3}, {2, 1}};
    in.active_elders_by_category = {{ElderCategory::LivingAlone, 2}};
    in.elders_by_status = {{ElderStatus::Active, 4}};
    const Overview o = build_overview(in);
    const auto r = wire::overview_reply(o);
    CHECK(json(o) == json(r));   // Overview's to_json writes the wire struct
    CHECK(round_trip(r) == r);
    CHECK(r.month_label == "2026年11月");
    REQUIRE(r.towns.size() == 2);
    CHECK(r.towns[0].share_num == 3);
    CHECK(r.towns[0].share_den == 4);
    CHECK(r.towns[0].share_text == "75.00%");
    const json reply = json::parse(R"({"active_elders":4,"all_elders":4,
        "elders_by_category":[{"code":"living_alone","count":2,"label":"独居"}],
        "elders_by_status":[{"code":"active","count":4,"label":"在册"}],
        "month":{"code":"2026-11","label":"2026年11月"},"month_orders":0,"month_orders_by_channel":[],
        "month_orders_by_status":[],"month_orders_by_type":[],"month_orders_open":0,"providers_by_status":[],
        "towns":[{"active_elders":3,"name":"石岐街道","share":{"den":4,"num":3,"text":"75.00%"},"town_id":1}]})");
    std::string error;
    auto parsed = wire::read_reply<wire::OverviewReply>(reply, &error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(parsed->towns.at(0).share_text == "75.00%");
    CHECK(parsed->elders_by_category.at(0).count == 2);
    CHECK(json(*parsed) == reply);
}

TEST_CASE("health round trip and as the server writes it", "[wire]") {
    round_trip(wire::Health{"ok", 12, "0.9.0", at("2026-12-04T17:00:00")});
    std::string error;
    auto h = wire::read_reply<wire::Health>(
        json::parse(R"({"schema_version":12,"status":"ok","time":"2026-12-04T17:00:00","version":"0.9.0"})"), &error);
    REQUIRE(h);
    CHECK(h->schema_version == 12);
    // A malformed time is reported with the member's name.
    CHECK(!wire::read_reply<wire::Health>(
        json::parse(R"({"schema_version":12,"status":"ok","time":"yesterday","version":"0.9.0"})"), &error));
    CHECK(error.find("time") != std::string::npos);
}

TEST_CASE("calls: import reply, refusal, call page round trip and as the server writes them", "[wire]") {
    round_trip(wire::CallImportReply{5, "asterisk", "gb18030", "GB18030", 10, 8, 2, 3});
    wire::CdrRejected rej;
    rej.message = "第 3 行，开始时间：不是有效的时间（未导入任何记录）";
    rej.report = {CdrIssue{3, "开始时间", "第 3 行，开始时间：不是有效的时间"}};
    rej.format = "yiyang_csv";
    const auto rb = round_trip(rej);
    CHECK(rb.report.at(0).message_zh == "第 3 行，开始时间：不是有效的时间");
    CHECK(json(rej)["error"]["code"] == "invalid_cdr");
    wire::CallRow c;
    c.id = 1;
    c.call_key = "1700000000.1";
    c.direction = "inbound";
    c.caller = "138****5678";
    c.callee = "12349";
    c.started_at = at("2026-11-23T09:30:00");
    c.answered = true;
    c.answered_at = at("2026-11-23T09:30:05");
    c.ended_at = at("2026-11-23T09:33:05");
    c.duration_s = 185;
    c.talk_s = 180;
    c.disposition = "answered";
    c.agent = "8001";
    c.order_id = 9;
    c.order_code = "GD202611230001";
    c.import_id = 5;
    wire::CallPage page;
    page.page.items = {c};
    page.page.total = 1;
    page.masked = true;
    CHECK(round_trip(page).page.items.at(0) == c);
    const json reply = json::parse(R"({"items":[{"agent":"","answered":false,"answered_at":null,"call_key":"k2",
        "callee":"12349","caller":"139****0000","direction":"inbound","disposition":"no_answer","duration_s":20,
        "ended_at":"2026-11-23T10:00:20","id":2,"import_id":5,"order_code":null,"order_id":null,
        "started_at":"2026-11-23T10:00:00","talk_s":0}],"masked":true,"page":1,"page_size":20,"total":1})");
    std::string error;
    auto p = wire::read_reply<wire::CallPage>(reply, &error);
    INFO(error);
    REQUIRE(p);
    CHECK(!p->page.items.at(0).order_id);
    CHECK(!p->page.items.at(0).answered_at);
    CHECK(json(*p) == reply);
    auto imported = wire::read_reply<wire::CallImportReply>(json::parse(R"({"duplicates":0,"encoding":"utf8",
        "encoding_name":"UTF-8","format":"yiyang_csv","import_id":1,"imported":3,"linked":1,"rows":3})"), &error);
    REQUIRE(imported);
    CHECK(imported->linked == 1);
}

TEST_CASE("knowledge: search, kinds, article, history round trip", "[wire]") {
    wire::KbSearchReply s;
    s.page.items = {{1, KbKind::Policy, "高龄津贴", "年满80周岁…", {"津贴"}, 2, at("2026-11-01T08:00:00")}};
    s.page.total = 1;
    s.terms = {"津贴"};
    s.full_text = false;
    CHECK(round_trip(s).page.items.at(0) == s.page.items.at(0));
    CHECK(round_trip(wire::KbKindsReply{all_KbKinds()}).kinds == all_KbKinds());
    wire::KbArticle a{3, KbKind::Faq, "如何申请", "正文", {"申请", "流程"}, 2, at("2026-10-01T08:00:00"), std::nullopt,
                      "系统", at("2026-11-01T08:00:00"), 5, "主管甲", false, true};
    CHECK(round_trip(wire::KbArticleReply{a, true}).article == a);
    CHECK(!round_trip(wire::KbArticleReply{a, std::nullopt}).changed);
    wire::KbHistoryReply h;
    h.article_id = 3;
    h.versions = {{2, KbKind::Faq, "如何申请", "正文", {}, at("2026-11-01T08:00:00"), 5, "主管甲", "补充流程", true}};
    h.events = {{20, at("2026-11-01T08:00:00"), 5, "sup1", "kb_article", 3, "update", {{"version", {1, 2}}}, "补充流程"}};
    CHECK(round_trip(h).versions == h.versions);
    CHECK(json(wire::KbArchiveRequest{"过期", 4}) == json::parse(R"({"reason":"过期","version":4})"));
    KbArticleDraft d{KbKind::Policy, "标题", "正文", {"t"}, 3, "更正", true};
    KbArticleDraft parsed;
    CHECK(kb_draft_from_request(wire::kb_draft_body(d, true), true, parsed).empty());
    CHECK(parsed.reason == "更正");
    CHECK(parsed.published);
    CHECK(kb_draft_from_request(wire::kb_draft_body(d, false), false, parsed).empty());
}

TEST_CASE("knowledge: replies as the server writes them", "[wire]") {
    const json search = json::parse(R"({"full_text":true,"items":[{"id":1,"kind":"policy","kind_label":"政策",
        "published":true,"snippet":"…年满80周岁的户籍老人…","tags":["津贴"],"title":"高龄津贴","updated_at":"2026-11-01T08:00:00",
        "version":1}],
        "page":1,"page_size":20,"terms":["高龄津贴"],"total":1})");
    std::string error;
    auto s = wire::read_reply<wire::KbSearchReply>(search, &error);
    INFO(error);
    REQUIRE(s);
    CHECK(json(*s) == search);
    CHECK(s->page.items.at(0).published);
    const json article = json::parse(R"({"article":{"archived":false,"body":"正文","created_at":"2026-10-01T08:00:00",
        "created_by":null,"created_by_name":"系统","id":3,"kind":"faq","kind_label":"常见问题","published":false,"tags":[],"title":"如何申请",
        "updated_at":"2026-10-01T08:00:00","updated_by":null,"updated_by_name":"系统","version":1},"changed":false})");
    auto a = wire::read_reply<wire::KbArticleReply>(article, &error);
    REQUIRE(a);
    CHECK(a->changed == std::optional<bool>(false));
    CHECK(json(*a) == article);
    const json kinds = json::parse(R"({"kinds":[{"code":"policy","label":"政策"},{"code":"faq","label":"常见问题"}]})");
    auto k = wire::read_reply<wire::KbKindsReply>(kinds, &error);
    REQUIRE(k);
    CHECK(k->kinds == std::vector<KbKind>{KbKind::Policy, KbKind::Faq});
}

}  // namespace test_wire_people
