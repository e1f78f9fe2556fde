// Wire format of the live, indicator and rule endpoints (wire/live.hpp, kpis.hpp, rules.hpp): every struct
// survives to_json → from_json, the watch totals are counted once (watch_totals), and replies written as the
// server writes them parse — so a member renamed on one side fails here.
#include <catch2/catch.hpp>

#include "support.hpp"

#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/live.hpp"
#include "yiyang/wire/rules.hpp"

namespace test_wire_live {

using namespace yiyang;
using yiyang::test::round_trip;
using nlohmann::json;

namespace {

wire::WatchEntry entry(Id order, Id town, std::optional<Id> provider, bool overdue) {
    wire::WatchEntry e;
    e.order_id = order;
    e.order_code = "GD" + std::to_string(order);
    e.order_type = "booking";
    e.order_type_name = "预约服务";
    e.status = "dispatched";
    e.status_name = "已派单";
    e.town_id = town;
    e.town_name = "镇" + std::to_string(town);
    e.provider_id = provider;
    if (provider) e.provider_name = "服务商" + std::to_string(*provider);
    e.rule_code = "review_24h";
    e.rule_name = "服务商上传工单24小时内审核";
    e.started_at = "2026-11-23T09:00:00";
    e.due_at = "2026-11-24T09:00:00";
    e.seconds_to_due = overdue ? -60 : 600;
    e.state = overdue ? "breached" : "due_soon";
    return e;
}

}  // namespace

TEST_CASE("wire live: the feed and an emergency round-trip", "[wire]") {
    wire::LiveEmergency e;
    e.id = 7;
    e.code = "GD202611230007";
    e.status = "received";
    e.status_name = "已受理";
    e.created_at = "2026-11-23T09:00:00";
    e.due_at = "2026-11-23T09:00:30";
    e.due_s = 1'000'030;
    e.acknowledged_at = "2026-11-23T09:00:10";
    e.acknowledged_by = 3;
    e.acknowledged_by_name = "坐席甲";
    e.town_id = 2;
    e.town_name = "站前区";
    e.description = "老人摔倒";
    e.age_seconds = 12;
    wire::LiveReply r;
    r.seq = 42;
    r.changed = true;
    r.changed_orders = {5, 7};
    r.emergencies = {e, wire::LiveEmergency{}};
    r.server_now = 1'000'012;
    r.server_time = "2026-11-23T09:00:12";
    CHECK(round_trip(r) == r);
}

TEST_CASE("wire live: the watch list round-trips and its totals are counted from its entries", "[wire]") {
    wire::WatchReply r;
    r.as_of = "2026-11-24T09:01:00";
    r.items = {entry(1, 2, 5, true), entry(2, 2, std::nullopt, false), entry(3, 1, 5, false), entry(4, 2, 5, true)};
    r.totals = wire::watch_totals(r.items);
    r.open_orders_examined = 120;
    CHECK(round_trip(r) == r);

    const auto& t = r.totals;
    CHECK(t.total == 4);
    CHECK(t.overdue == 2);
    CHECK(t.due_soon == 2);
    REQUIRE(t.by_town.size() == 2);
    CHECK(t.by_town[0] == wire::WatchTownCount{1, "镇1", 0, 1});
    CHECK(t.by_town[1] == wire::WatchTownCount{2, "镇2", 2, 1});
    REQUIRE(t.by_provider.size() == 2);
    CHECK(t.by_provider[0] == wire::WatchProviderCount{std::nullopt, "未派服务商", 0, 1});
    CHECK(t.by_provider[1] == wire::WatchProviderCount{5, "服务商5", 2, 1});
    CHECK(wire::watch_totals({}) == wire::WatchTotals{});
}

TEST_CASE("wire live: lookup and reveal round-trip", "[wire]") {
    wire::LookupReply r;
    r.by = "phone";
    Elder e;
    e.id = 9;
    e.name = "张*";
    e.id_number = "2108**********0012";
    e.phone = "138****0000";
    e.town_id = 2;
    r.elders.push_back({e, "站前区"});
    wire::LookupOrder o;
    o.id = 11;
    o.code = "GD202611230011";
    o.elder_id = 9;
    o.type = "booking";
    o.status = "closed";
    o.created_at = "2026-11-23T09:00:00";
    o.categories = {"meal"};
    r.orders = {o};
    r.audit_id = 77;
    const auto back = round_trip(r);
    CHECK(back.by == "phone");
    REQUIRE(back.elders.size() == 1);
    CHECK(json(back.elders[0]) == json(r.elders[0]));
    CHECK(back.elders[0].town_name == "站前区");
    CHECK(back.orders == r.orders);
    CHECK(back.audit_id == 77);

    const wire::RevealRequest ask{"phone", "回拨核实"};
    CHECK(round_trip(ask) == ask);
    const wire::RevealReply reveal{9, "phone", "13800000000", 78};
    CHECK(round_trip(reveal) == reveal);
}

TEST_CASE("wire kpis: indicators and drill-down round-trip", "[wire]") {
    wire::KpisReply r;
    r.period = {"2026-11", "2026年11月", "2026-11-01", "2026-11-30"};
    r.scope.town_id = 2;
    r.scope.town_name = "站前区";
    r.targets_version = "kpi-2025-v1";
    r.as_of = "2026-11-23T09:00:00";
    wire::KpiItemReply computed;
    computed.code = "response_rate";
    computed.name_zh = "响应率";
    computed.unit = "percent";
    computed.source = "records";
    computed.applicable = true;
    computed.kind = "orders";
    computed.value = wire::KpiFraction{95, 100};
    computed.display = "95.00%";
    computed.met = true;
    computed.numerator_count = 95;
    computed.denominator_count = 100;
    computed.failure_count = 5;
    wire::KpiItemReply entered;
    entered.code = "trainings";
    entered.name_zh = "培训";
    entered.unit = "count";
    entered.source = "entered";
    entered.display = "—";
    entered.note = "人工填报指标";
    r.items = {computed, entered};
    CHECK(round_trip(r) == r);

    wire::KpiRecordsReply orders;
    orders.code = "response_rate";
    orders.kind = "orders";
    orders.side = "numerator";
    orders.period = r.period;
    orders.orders = {wire::KpiOrderRecord{1, "GD1", "booking", "hotline", "closed", "2026-11-02T10:00:00", 2, "站前区", 5,
                                          "服务商5", 3}};
    orders.total = 1;
    CHECK(round_trip(orders) == orders);
    wire::KpiRecordsReply calls = orders;
    calls.code = "connection_rate";
    calls.kind = "calls";
    calls.orders.clear();
    wire::CallRow call;
    call.id = 4;
    call.call_key = "c-4";
    call.direction = "inbound";
    call.caller = "139****5678";
    call.callee = "88885252";
    call.started_at = 1'796'000'000;
    call.answered = true;
    call.answered_at = 1'796'000'010;
    call.ended_at = 1'796'000'100;
    call.duration_s = 100;
    call.talk_s = 90;
    call.disposition = "answered";
    call.agent = "8001";
    calls.calls = {call};
    CHECK(round_trip(calls) == calls);
}

TEST_CASE("wire rules: list, version and check replies round-trip", "[wire]") {
    wire::RulesListReply list;
    list.today = "2026-12-04";
    RuleKindInfo k;
    k.code = "sla";
    k.name_zh = "服务时限";
    k.in_force = "sla-2025-v1";
    k.versions = {RuleVersionInfo{"sla-2025-v1", "2025-01-01", "2026-01-01T00:00:00", "", "", true, false}};
    list.kinds = {k};
    const auto back = round_trip(list);
    CHECK(json(back) == json(list));

    wire::RuleVersionReply v{"sla", "sla-2025-v1", "2025-01-01", "2026-01-01T00:00:00", "", "", true, false,
                             json{{"rules", json::array()}}};
    CHECK(json(round_trip(v)) == json(v));

    wire::RuleCheckReply c;
    c.kind = "sla";
    c.version = "sla-2026-v2";
    c.effective_from = "2026-12-05";
    c.replaces = "sla-2025-v1";
    c.changes = {RuleChange{}};
    c.errors = {FieldError{"reason", "required", "请填写原因"}};
    c.error_code = "validation";
    c.error_message = "规则版本未通过校验：请填写原因";
    const json written = c;
    CHECK(written["error"]["fields"] == written["errors"]);
    CHECK(json(round_trip(c)) == written);
}

// ---- replies as the server writes them: captured from a running yiyang-server (tiny demo city) with curl; the
// watch literal's second item and the drill-down page are of the same shape, trimmed --------------------------
TEST_CASE("wire live: the server's replies parse", "[wire]") {
    const json live = json::parse(R"({"changed":true,"changed_orders":[401],"emergencies":[{"acknowledged_at":null,
        "acknowledged_by":null,"acknowledged_by_name":null,"age_seconds":0,"code":"GD202612050001",
        "created_at":"2026-12-05T02:07:16","description":"老人跌倒，意识清醒","dispatched_at":null,
        "due_at":"2026-12-05T02:07:46","due_s":1796436466,"id":401,"status":"received","status_name":"已受理",
        "town_id":2,"town_name":"东区街道"}],"seq":56,"server_now":1796436436,"server_time":"2026-12-05T02:07:16",
        "truncated":false})");
    std::string error;
    const auto r = wire::read_reply<wire::LiveReply>(live, &error);
    INFO(error);
    REQUIRE(r);
    CHECK(r->seq == 56);
    CHECK(r->changed_orders == std::vector<Id>{401});
    REQUIRE(r->emergencies.size() == 1);
    CHECK(r->emergencies[0].due_s == 1796436466);
    CHECK(r->emergencies[0].due_at == "2026-12-05T02:07:46");
    CHECK_FALSE(r->emergencies[0].acknowledged_at);
    CHECK(json(*r) == live);   // nothing the server writes is dropped or renamed

    // Without the deadline an emergency is not guessed: the reply is refused, with the member named.
    json no_due = live;
    no_due["emergencies"][0].erase("due_s");
    error.clear();
    CHECK_FALSE(wire::read_reply<wire::LiveReply>(no_due, &error));
    CHECK(error.find("due_s") != std::string::npos);

    const json watch = json::parse(R"({"as_of":"2026-12-05T02:07:13","by_provider":[{"due_soon":0,"overdue":1,
        "provider_id":null,"provider_name":"未派服务商"},{"due_soon":0,"overdue":1,"provider_id":4,
        "provider_name":"中山市椿萱养老服务有限公司"}],"by_town":[{"due_soon":0,"overdue":1,"town_id":2,
        "town_name":"东区街道"},{"due_soon":0,"overdue":1,"town_id":3,"town_name":"西区街道"}],"due_soon":0,"items":[{"due_at":"2026-11-25T22:33:57","order_code":"GD202611210004",
        "order_id":226,"order_type":"booking","order_type_name":"预约","provider_id":4,
        "provider_name":"中山市椿萱养老服务有限公司","rule_code":"review_24h","rule_name":"服务商上传工单24小时内审核",
        "seconds_to_due":-790396,"started_at":"2026-11-24T22:33:57","state":"breached","status":"completed",
        "status_name":"已完成","town_id":3,"town_name":"西区街道"},{"due_at":"2026-11-30T09:00:00",
        "order_code":"GD202611280002","order_id":300,"order_type":"referral","order_type_name":"转介",
        "provider_id":null,"provider_name":null,"rule_code":"review_24h","rule_name":"服务商上传工单24小时内审核",
        "seconds_to_due":-400000,"started_at":"2026-11-29T09:00:00","state":"breached","status":"received",
        "status_name":"已受理","town_id":2,"town_name":"东区街道"}],"open_orders_examined":16,"overdue":2,"total":2,
        "truncated":false})");
    const auto w = wire::read_reply<wire::WatchReply>(watch, &error);
    REQUIRE(w);
    CHECK(w->totals == wire::watch_totals(w->items));
    CHECK(json(*w) == watch);

    const json reveal = json::parse(R"({"audit_id":301,"elder_id":4,"field":"phone","value":"13912345678"})");
    const auto rv = wire::read_reply<wire::RevealReply>(reveal, &error);
    REQUIRE(rv);
    CHECK(json(*rv) == reveal);
}

TEST_CASE("wire kpis and rules: the server's replies parse", "[wire]") {
    const json kpis = json::parse(R"({"as_of":"2026-12-05T02:07:16","items":[{"applicable":false,"code":"trainings",
        "denominator_count":null,"display":"—","failure_count":null,"item":2,"kind":null,"met":null,"name_zh":"培训场次",
        "note":"人工填报指标（需附佐证），由工作人员另行录入，此处不计算","numerator_count":null,"period":"project_year",
        "requirement_zh":"6次","source":"entered","target_text":"≥ 6","unit":"count","value":null},{"applicable":true,
        "code":"emergency_answer_rate","denominator_count":3,"display":"0.00%","failure_count":3,"item":0,"kind":"orders","met":false,
        "name_zh":"紧急求助30秒内应答率","note":null,"numerator_count":0,"period":"month",
        "requirement_zh":"营口3.1：老年人意外跌倒或突发急病时30秒内完成救助应答（每一次）","source":"records",
        "target_text":"= 100%","unit":"percent","value":{"den":3,"num":0}}],"period":{"code":"2026-12",
        "first":"2026-12-01","label":"2026年12月","last":"2026-12-31"},"scope":{"provider_id":null,
        "provider_name":null,"town_id":null,"town_name":null},"targets_version":"zhongshan-2026-v2"})");
    std::string error;
    const auto k = wire::read_reply<wire::KpisReply>(kpis, &error);
    INFO(error);
    REQUIRE(k);
    CHECK_FALSE(k->items.at(0).value);
    CHECK_FALSE(k->items.at(0).met);
    CHECK(k->items.at(1).value == wire::KpiFraction{0, 3});
    CHECK_FALSE(k->items.at(0).failure_count);
    CHECK(k->items.at(1).failure_count == 3);   // the 未达标 count the dashboard shows, as sent
    CHECK(json(*k) == kpis);

    const json records = json::parse(R"({"code":"response_rate","items":[{"channel":"hotline","code":"GD202612010001",
        "created_at":"2026-12-01T09:00:00","id":1,"provider_id":null,"provider_name":null,"satisfaction":null,
        "status":"closed","town_id":1,"town_name":"站前区","type":"consultation"}],"kind":"orders",
        "name_zh":"工单响应率","page":1,"page_size":20,"period":{"code":"2026-12","first":"2026-12-01",
        "label":"2026年12月","last":"2026-12-31"},"scope":{"provider_id":null,"provider_name":null,"town_id":null,
        "town_name":null},"side":"numerator","total":1})");
    const auto rec = wire::read_reply<wire::KpiRecordsReply>(records, &error);
    REQUIRE(rec);
    CHECK(rec->orders.size() == 1);
    CHECK(json(*rec) == records);

    const json check = json::parse(R"({"body":{"effective_from":"2026-12-06","rules":[],"version":"sla-x"},
        "changes":[{"after":"2026-12-06","before":"2025-01-01","op":"changed","path":"effective_from",
        "text":"修改 effective_from：“2025-01-01” → “2026-12-06”"}],"effective_from":"2026-12-06","error":{
        "code":"validation","fields":[{"code":"required","field":"reason","message":"请填写发布原因（2–200 个字）"}],
        "message":"规则版本未通过校验：请填写发布原因（2–200 个字）"},"errors":[{"code":"required","field":"reason",
        "message":"请填写发布原因（2–200 个字）"}],"kind":"sla","ok":false,"replaces":"sla-2025-v1","version":"sla-x"})");
    const auto c = wire::read_reply<wire::RuleCheckReply>(check, &error);
    REQUIRE(c);
    CHECK(c->error_code == std::optional<std::string>("validation"));
    CHECK(json(*c) == check);
}

}  // namespace test_wire_live
