// What a complaint (投诉) is about, through the API: linked at registration to the earlier order (by id or
// code) and through it to the provider, or to a provider alone; refused links with their field messages; the
// supervisor's relink with a reason (audited, version-checked); the earlier order's 相关投诉; scope per role.
#include <catch2/catch.hpp>

#include "harness.hpp"

namespace test_complaints {

using namespace yiyang::test;

namespace {

struct Setup {
    std::int64_t elder = 0;
    std::int64_t other_elder = 0;
    std::string category;
};

// An elder in a town provider 1 covers (the harness's provider user is provider 1), and another elder.
Setup find_setup(ApiClient& c) {
    Setup s;
    auto providers = c.get("/api/v1/providers");
    REQUIRE(providers.status == 200);
    for (const auto& p : providers.body["items"]) {
        if (p["id"] != 1) continue;
        s.category = p["categories"][0].get<std::string>();
        for (const auto& t : p["towns_covered"]) {
            auto elders = c.get("/api/v1/elders?status=active&page_size=2&town=" + std::to_string(t.get<std::int64_t>()));
            if (elders.status == 200 && elders.body["items"].size() == 2) {
                s.elder = elders.body["items"][0]["id"].get<std::int64_t>();
                s.other_elder = elders.body["items"][1]["id"].get<std::int64_t>();
                break;
            }
        }
    }
    REQUIRE(s.elder > 0);
    return s;
}

std::string order_path(std::int64_t id) { return "/api/v1/orders/" + std::to_string(id); }

// A booking of the elder dispatched to provider 1: the service the complaint is about.
json served_order(ApiClient& agent, const Setup& s, std::int64_t elder) {
    auto created = agent.post("/api/v1/orders", {{"channel", "hotline"}, {"type", "booking"}, {"categories", {s.category}},
                                                 {"elder_id", elder}, {"description", "测试：被投诉的服务"}});
    REQUIRE(created.status == 201);
    const auto id = created.body["order"]["id"].get<std::int64_t>();
    auto d = agent.post(order_path(id) + "/transitions", {{"action", "dispatch_provider"}, {"provider_id", 1}});
    REQUIRE(d.status == 200);
    return d.body["order"];
}

json complaint_body(std::int64_t elder) {
    return {{"channel", "hotline"}, {"type", "complaint"}, {"elder_id", elder}, {"description", "测试：护理员迟到一小时"}};
}

const json* field_error(const Reply& r, const std::string& field) {
    if (!r.body.contains("error") || !r.body["error"].contains("fields")) return nullptr;
    for (const auto& f : r.body["error"]["fields"]) if (f.value("field", "") == field) return &f;
    return nullptr;
}

std::string message_of(const Reply& r, const std::string& field) {
    const json* f = field_error(r, field);
    return f ? f->value("message", "") : std::string();
}

}  // namespace

TEST_CASE("a complaint is linked at registration to the earlier order and its provider", "[complaints]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    const auto s = find_setup(agent);
    const auto earlier = served_order(agent, s, s.elder);
    const auto earlier_id = earlier["id"].get<std::int64_t>();

    auto body = complaint_body(s.elder);
    body["about_order_id"] = earlier_id;
    auto c = agent.post("/api/v1/orders", body);
    REQUIRE(c.status == 201);
    CHECK(c.body["order"]["about_order_id"] == earlier_id);
    CHECK(c.body["order"]["about_provider_id"] == 1);   // through the earlier order
    CHECK(c.body["order"]["about_order_code"] == earlier["code"]);
    CHECK_FALSE(c.body["order"]["about_provider_name"].get<std::string>().empty());

    // By its code (typed, lower case too) gives the same link.
    auto by_code = complaint_body(s.elder);
    std::string lower = earlier["code"].get<std::string>();
    lower[0] = 'g'; lower[1] = 'd';
    by_code["about_order_code"] = lower;
    auto c2 = agent.post("/api/v1/orders", by_code);
    REQUIRE(c2.status == 201);
    CHECK(c2.body["order"]["about_order_id"] == earlier_id);

    // A provider alone (a caller who knows only the company).
    auto provider_only = complaint_body(s.elder);
    provider_only["about_provider_id"] = 1;
    auto c3 = agent.post("/api/v1/orders", provider_only);
    REQUIRE(c3.status == 201);
    CHECK(c3.body["order"]["about_provider_id"] == 1);
    CHECK_FALSE(c3.body["order"].contains("about_order_code"));

    // The earlier order lists the complaints about it, oldest first; the complaint list filters by it.
    auto e = agent.get(order_path(earlier_id));
    REQUIRE(e.status == 200);
    REQUIRE(e.body["complaints"].size() == 2);
    CHECK(e.body["complaints"][0]["code"] == c.body["order"]["code"]);
    CHECK(e.body["complaints"][1]["code"] == c2.body["order"]["code"]);
    auto list = agent.get("/api/v1/orders?about_order=" + std::to_string(earlier_id));
    REQUIRE(list.status == 200);
    CHECK(list.body["total"] == 2);
    CHECK(list.body["items"][0]["about_order_code"] == earlier["code"]);
    auto by_provider = agent.get("/api/v1/orders?about_provider=1&type=complaint&page_size=200");
    REQUIRE(by_provider.status == 200);
    CHECK(by_provider.body["total"].get<int>() >= 3);

    // The 待研判 queue rows say which provider the complaint is about.
    auto queue = agent.get("/api/v1/orders?queue=complaints_to_judge&page_size=200");
    REQUIRE(queue.status == 200);
    bool seen = false;
    for (const auto& o : queue.body["items"]) {
        if (o["id"] == c.body["order"]["id"]) seen = o.value("about_provider_name", "") == c.body["order"]["about_provider_name"];
    }
    CHECK(seen);

    // The creation's audit event records the link.
    auto h = agent.get(order_path(c.body["order"]["id"].get<std::int64_t>()) + "/history");
    REQUIRE(h.status == 200);
    CHECK(h.body["events"][0]["changes"]["about_order_id"][1] == earlier_id);
}

TEST_CASE("links that do not fit are refused, each with its field and a Chinese message", "[complaints]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    const auto s = find_setup(agent);
    const auto earlier = served_order(agent, s, s.elder);
    const auto earlier_id = earlier["id"].get<std::int64_t>();

    auto missing = complaint_body(s.elder);
    missing["about_order_id"] = 999999999;
    auto r = agent.post("/api/v1/orders", missing);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_order_id") == "未找到编号为 999999999 的被投诉工单");

    auto bad_code = complaint_body(s.elder);
    bad_code["about_order_code"] = "GD12";
    r = agent.post("/api/v1/orders", bad_code);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_order_code").find("格式不对") != std::string::npos);

    auto other = complaint_body(s.other_elder);
    other["about_order_id"] = earlier_id;
    r = agent.post("/api/v1/orders", other);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_order_id").find("不是本投诉所选服务对象的工单") != std::string::npos);

    auto wrong_provider = complaint_body(s.elder);
    wrong_provider["about_order_id"] = earlier_id;
    wrong_provider["about_provider_id"] = 2;
    r = agent.post("/api/v1/orders", wrong_provider);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_provider_id").find("承接服务商不一致") != std::string::npos);

    auto no_provider = complaint_body(s.elder);
    no_provider["about_provider_id"] = 99999;
    r = agent.post("/api/v1/orders", no_provider);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_provider_id") == "未找到编号为 99999 的服务商");

    auto not_complaint = json{{"channel", "hotline"}, {"type", "consultation"}, {"elder_id", s.elder},
                              {"description", "测试"}, {"about_order_id", earlier_id}};
    r = agent.post("/api/v1/orders", not_complaint);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_order_id").find("只有投诉工单") != std::string::npos);

    // A complaint about a complaint.
    auto first = complaint_body(s.elder);
    auto c = agent.post("/api/v1/orders", first);
    REQUIRE(c.status == 201);
    auto about_complaint = complaint_body(s.elder);
    about_complaint["about_order_id"] = c.body["order"]["id"];
    r = agent.post("/api/v1/orders", about_complaint);
    CHECK(r.status == 422);
    CHECK(message_of(r, "about_order_id").find("本身是投诉工单") != std::string::npos);

    // Nothing of the refused ones was written: the earlier order has no complaints.
    CHECK_FALSE(agent.get(order_path(earlier_id)).body.contains("complaints"));
}

TEST_CASE("a supervisor relinks a complaint with a reason; every change is audited", "[complaints]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto supervisor = env.signed_in("supervisor");
    const auto s = find_setup(agent);
    const auto first = served_order(agent, s, s.elder);
    const auto second = served_order(agent, s, s.elder);
    auto body = complaint_body(s.elder);
    body["about_order_id"] = first["id"];
    auto c = agent.post("/api/v1/orders", body);
    REQUIRE(c.status == 201);
    const auto id = c.body["order"]["id"].get<std::int64_t>();
    const auto link = order_path(id) + "/complaint-link";

    // Only supervisors (and admins) relink; a reason is required.
    CHECK(agent.post(link, {{"about_order_id", second["id"]}, {"reason", "来电人记错了"}}).status == 403);
    auto r = supervisor.post(link, {{"about_order_id", second["id"]}});
    CHECK(r.status == 422);
    CHECK(message_of(r, "reason") == "请填写更改投诉对象的原因");
    r = supervisor.post(link, {{"about_order_id", first["id"]}, {"reason", "没变"}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "unchanged");
    r = supervisor.post(link, {{"about_order_id", second["id"]}, {"reason", "复核"}, {"version", 99}});
    CHECK(r.status == 409);

    r = supervisor.post(link, {{"about_order_code", second["code"]}, {"reason", "回拨核实：投诉的是第二次上门服务"},
                               {"version", c.body["order"]["version"]}});
    REQUIRE(r.status == 200);
    CHECK(r.body["order"]["about_order_id"] == second["id"]);
    CHECK(r.body["order"]["about_order_code"] == second["code"]);
    CHECK(r.body["order"]["version"] == c.body["order"]["version"].get<int>() + 1);

    auto h = supervisor.get(order_path(id) + "/history");
    REQUIRE(h.status == 200);
    const auto& last = h.body["events"].back();
    CHECK(last["action"] == "link_complaint");
    CHECK(last["actor"] == env.user("supervisor").first);
    CHECK(last["reason"] == "回拨核实：投诉的是第二次上门服务");
    CHECK(last["changes"]["about_order_id"] == json::array({first["id"], second["id"]}));
    CHECK_FALSE(last["changes"].contains("about_provider_id"));   // same provider: unchanged, not recorded
    // What the history line shows: the earlier order's code and the provider's name, before and after.
    CHECK(last["changes"]["about_order_code"] == json::array({first["code"], second["code"]}));
    REQUIRE(last["changes"]["about_provider_name"].size() == 2);
    CHECK(last["changes"]["about_provider_name"][0].is_string());
    CHECK(last["changes"]["about_provider_name"][0] == last["changes"]["about_provider_name"][1]);

    // The complaint moved: the first order has no complaint left, the second has it.
    CHECK_FALSE(agent.get(order_path(first["id"].get<std::int64_t>())).body.contains("complaints"));
    CHECK(agent.get(order_path(second["id"].get<std::int64_t>())).body["complaints"][0]["id"] == id);

    // Cleared (a provider alone stays possible): both null, with a reason.
    r = supervisor.post(link, {{"about_order_id", nullptr}, {"about_provider_id", nullptr}, {"reason", "与服务无关"}});
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.body["order"].contains("about_order_id"));
    CHECK_FALSE(r.body["order"].contains("about_provider_id"));
    {
        const auto cleared = supervisor.get(order_path(id) + "/history").body["events"].back();
        CHECK(cleared["changes"]["about_order_code"] == json::array({second["code"], nullptr}));
        CHECK(cleared["changes"]["about_provider_name"][1].is_null());
    }

    // A relink of an order that is no complaint is refused.
    r = supervisor.post(order_path(first["id"].get<std::int64_t>()) + "/complaint-link",
                        {{"about_provider_id", 1}, {"reason", "测试"}});
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == "not_complaint");
}

TEST_CASE("who sees the link and the complaints about an order", "[complaints][access]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = find_setup(agent);
    const auto earlier = served_order(agent, s, s.elder);
    const auto earlier_id = earlier["id"].get<std::int64_t>();
    REQUIRE(provider.post(order_path(earlier_id) + "/transitions", {{"action", "accept"}}).status == 200);
    auto body = complaint_body(s.elder);
    body["about_order_id"] = earlier_id;
    auto c = agent.post("/api/v1/orders", body);
    REQUIRE(c.status == 201);
    const auto id = c.body["order"]["id"].get<std::int64_t>();

    // The provider complained about sees its own order, but neither the complaint nor that there is one: the
    // complainant's words are not handed to the party complained about (the supervisor passes on what to fix).
    auto seen_by_provider = provider.get(order_path(earlier_id));
    REQUIRE(seen_by_provider.status == 200);
    CHECK_FALSE(seen_by_provider.body.contains("complaints"));
    CHECK(provider.get(order_path(id)).status == 403);
    auto list = provider.get("/api/v1/orders?about_provider=1");
    REQUIRE(list.status == 200);
    CHECK(list.body["total"] == 0);   // provider scope: only orders dispatched to it

    // Town staff see the complaint when it is their town's, as any order; kiosks nothing.
    auto town = env.signed_in("town");
    const auto town_reply = town.get(order_path(id));
    const bool own_town = c.body["order"]["town_id"] == 1;
    CHECK(town_reply.status == (own_town ? 200 : 403));
    if (own_town) CHECK(town.get(order_path(earlier_id)).body["complaints"].size() == 1);
    CHECK(env.signed_in("kiosk").get(order_path(id)).status == 403);

    // The elder's phone and name are not in the link fields (a code and a company name only).
    CHECK_FALSE(c.body["order"].contains("about_elder"));
}

}  // namespace test_complaints
