// The dashboard's complaint link (app/complaints.cpp) on recorded replies: a complaint's reply fills 投诉对象,
// an earlier order's fills 相关投诉, the link opens the other order by its code, and 更改投诉对象 is refused
// locally without a reason and sent with the version and the typed code otherwise.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fakes.hpp"

namespace test_complaints {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

TEST_CASE("complaints: the link, the related complaints and the relink with a reason", "[client][complaints]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    REQUIRE(d.state().screen == Screen::Home);

    // A complaint about GD202612010003 (provider 颐康…): the recorded detail, made a linked complaint.
    Recorded complaint = recorded("order_detail");
    const Id id = complaint.body["order"]["id"].get<Id>();
    complaint.body["order"]["type"] = "complaint";
    complaint.body["order"]["about_order_id"] = 40;
    complaint.body["order"]["about_provider_id"] = 1;
    complaint.body["order"]["about_order_code"] = "GD202612010003";
    complaint.body["order"]["about_provider_name"] = "颐康居家服务中心";
    d.apply(OrdersIntent{OrdersOpen{id}});
    REQUIRE(d.http.answer("GET", "/api/v1/orders/" + std::to_string(id), complaint));
    const ComplaintState& c = d.state().complaint;
    CHECK(c.order_id == id);
    CHECK(c.about_order_code == "GD202612010003");
    CHECK(c.about_provider_name == "颐康居家服务中心");
    CHECK(c.complaints.empty());

    // The link opens the earlier order by its code.
    d.apply(ComplaintIntent{ComplaintOpenOrder{"GD202612010003"}});
    CHECK(std::any_of(d.http.waiting().begin(), d.http.waiting().end(),
                      [](const SentRequest& r) { return r.url == "/api/v1/orders/by-code/GD202612010003"; }));
    d.http.forget();

    // 更改投诉对象 without a reason: refused here, nothing sent.
    RelinkForm f;
    f.open = true;
    f.order_code = "gd202612020001 ";
    d.apply(ComplaintIntent{ComplaintEditRelink{f}});
    d.apply(ComplaintIntent{ComplaintSubmitRelink{}});
    CHECK(d.state().complaint.relink.field_errors.at("reason") == "请填写更改投诉对象的原因");
    CHECK(d.http.waiting().empty());
    // With a reason: the typed code (upper case, trimmed), the version seen and the reason.
    f.reason = "回拨核实";
    d.apply(ComplaintIntent{ComplaintEditRelink{f}});
    CHECK_FALSE(d.state().complaint.relink.field_errors.count("reason"));
    d.apply(ComplaintIntent{ComplaintSubmitRelink{}});
    const auto it = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                 [&](const SentRequest& r) { return r.path() == "/api/v1/orders/" + std::to_string(id) + "/complaint-link"; });
    REQUIRE(it != d.http.waiting().end());
    CHECK(it->body == json{{"about_order_code", "GD202612020001"}, {"reason", "回拨核实"},
                           {"version", complaint.body["order"]["version"]}});
    // A refusal keeps the form and shows the field message.
    REQUIRE(d.http.answer("POST", it->path(), 422, json{{"error", {{"code", "validation"}, {"message", "更改投诉对象未通过校验"},
        {"fields", {{{"field", "about_order_code"}, {"code", "not_found"}, {"message", "未找到工单号为 GD202612020001 的被投诉工单"}}}}}}}));
    CHECK(d.state().complaint.relink.open);
    CHECK(d.state().complaint.relink.field_errors.at("about_order_code") == "未找到工单号为 GD202612020001 的被投诉工单");
    // Accepted: the new link is shown, the form closed.
    d.apply(ComplaintIntent{ComplaintSubmitRelink{}});
    Recorded moved = complaint;
    moved.body["order"]["about_order_code"] = "GD202612020001";
    moved.body["order"]["version"] = complaint.body["order"]["version"].get<int>() + 1;
    REQUIRE(d.http.answer("POST", "/api/v1/orders/" + std::to_string(id) + "/complaint-link", moved));
    CHECK(d.state().complaint.about_order_code == "GD202612020001");
    CHECK_FALSE(d.state().complaint.relink.open);
    CHECK(d.state().complaint.message == "已更改投诉对象：GD202612020001（颐康居家服务中心）");

    // An earlier order lists the complaints about it.
    Recorded earlier = recorded("order_detail");
    earlier.body["complaints"] = json::array({json{{"id", 77}, {"code", "GD202612040009"}, {"status", "closed"},
                                                   {"created_at", "2026-12-04T09:30:00"}, {"complaint_valid", true}}});
    d.apply(OrdersIntent{OrdersReload{}});
    REQUIRE(d.http.answer("GET", "/api/v1/orders/" + std::to_string(id), earlier));
    REQUIRE(d.state().complaint.complaints.size() == 1);
    CHECK(d.state().complaint.complaints[0].code == "GD202612040009");
    CHECK(d.state().complaint.complaints[0].verdict == "有效投诉");
    CHECK(d.state().complaint.about_order_code.empty());
}

}  // namespace test_complaints
