// Tests of the shared checks of work-order requests (order_request.hpp), which the server's POST /orders and
// /transitions and the dashboard's intake both use: field names, codes and the description rule.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "yiyang/order_request.hpp"

namespace test_order_request {

using namespace yiyang;
using nlohmann::json;

namespace {

std::set<std::string> fields_of(const std::vector<FieldError>& errors) {
    std::set<std::string> out;
    for (const auto& e : errors) out.insert(e.field);
    return out;
}

const FieldError* error_for(const std::vector<FieldError>& errors, const std::string& field) {
    for (const auto& e : errors) if (e.field == field) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("a new order needs a description unless it is an emergency", "[order_request]") {
    CHECK(description_required(OrderType::Booking));
    CHECK(description_required(OrderType::Consultation));
    CHECK(description_required(OrderType::Complaint));
    CHECK_FALSE(description_required(OrderType::Emergency));

    const json consultation = {{"type", "consultation"}, {"channel", "hotline"}, {"town_id", 2}};
    auto c = validate_order_request(consultation);
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].field == "description");
    CHECK(c.errors[0].code == "required");
    CHECK(c.errors[0].message_zh.find("请填写诉求描述") != std::string::npos);
    // Blank is missing: spaces, a newline, the full-width space an IME types.
    auto blank = consultation;
    blank["description"] = " \n\xE3\x80\x80 ";
    CHECK(fields_of(validate_order_request(blank).errors) == std::set<std::string>{"description"});
    auto given = consultation;
    given["description"] = "咨询助餐补贴";
    auto ok = validate_order_request(given);
    CHECK(ok.errors.empty());
    CHECK(ok.order.description == "咨询助餐补贴");
    CHECK(ok.town_id == 2);

    // An SOS is registered at once, its story told later.
    auto sos = validate_order_request({{"type", "emergency"}, {"channel", "hotline"}, {"town_id", 2}});
    CHECK(sos.errors.empty());
    CHECK(sos.order.urgency == Urgency::Emergency);
    CHECK(sos.order.description.empty());
}

TEST_CASE("order request field errors", "[order_request]") {
    auto r = validate_order_request({{"type", "booking"}, {"channel", "telepathy"}, {"bogus", 1}});
    CHECK(fields_of(r.errors) == std::set<std::string>{"bogus", "channel", "categories", "description", "elder_id"});
    CHECK(error_for(r.errors, "channel")->code == "invalid");
    CHECK(error_for(r.errors, "elder_id")->message_zh == "预约工单必须选择服务对象");

    auto types = validate_order_request({{"type", 3}, {"channel", "hotline"}, {"categories", "meals"},
                                         {"description", 5}, {"elder_id", "7"}});
    CHECK(error_for(types.errors, "type")->code == "type");
    CHECK(error_for(types.errors, "categories")->code == "type");
    CHECK(error_for(types.errors, "description")->code == "type");
    CHECK(error_for(types.errors, "elder_id")->code == "type");

    std::string long_text;
    for (int i = 0; i < 2001; ++i) long_text += "字";
    auto too_long = validate_order_request({{"type", "emergency"}, {"channel", "hotline"}, {"town_id", 1},
                                            {"description", long_text}});
    REQUIRE(too_long.errors.size() == 1);
    CHECK(too_long.errors[0].code == "too_long");
    CHECK(too_long.errors[0].message_zh == "诉求描述最多 2000 字（当前 2001 字）");

    auto no_place = validate_order_request({{"type", "suggestion"}, {"channel", "walk_in"}, {"description", "建议"}});
    CHECK(fields_of(no_place.errors) == std::set<std::string>{"town_id"});
    auto bad_cat = validate_order_request({{"type", "referral"}, {"channel", "hotline"}, {"elder_id", 4},
                                           {"categories", {"meals", "flying"}}, {"description", "转介"}});
    REQUIRE(bad_cat.errors.size() == 1);
    CHECK(bad_cat.errors[0].message_zh == "服务类别取值无效：“flying”");
    CHECK(bad_cat.order.categories == std::set<ServiceCategory>{ServiceCategory::Meals});
    CHECK(bad_cat.elder_id == 4);
    CHECK(validate_order_request(json::array()).errors.size() == 1);
}

TEST_CASE("transition request checks", "[order_request]") {
    auto ok = validate_transition_request({{"action", "callback"}, {"satisfaction", 2}, {"version", 5}});
    CHECK(ok.errors.empty());
    CHECK(ok.request.action == OrderAction::Callback);
    CHECK(ok.request.satisfaction == 2);
    CHECK(ok.version == 5);

    auto bad = validate_transition_request({{"action", "fly"}, {"satisfaction", 9}, {"evidence", "photo"},
                                            {"provider_id", "x"}, {"extra", true}});
    CHECK(fields_of(bad.errors) == std::set<std::string>{"action", "satisfaction", "evidence", "provider_id", "extra"});
    CHECK(error_for(validate_transition_request(json::object()).errors, "action")->code == "required");
    // service_received: a boolean, on a callback only.
    auto nr = validate_transition_request({{"action", "callback"}, {"satisfaction", 2}, {"service_received", false}});
    CHECK(nr.errors.empty());
    CHECK(nr.request.service_received == false);
    CHECK(error_for(validate_transition_request({{"action", "callback"}, {"satisfaction", 2}, {"service_received", "no"}}).errors,
                    "service_received")->code == "type");
    CHECK(error_for(validate_transition_request({{"action", "close"}, {"service_received", true}}).errors,
                    "service_received")->code == "not_allowed");
    auto evidence = validate_transition_request(
        {{"action", "complete"}, {"evidence", {{"caregiver", "王"}, {"from", "2026-11-23 09:30"}, {"to", "x"}, {"place", "家"}}}});
    CHECK(error_for(evidence.errors, "evidence")->code == "format");

    CHECK(std::string(transition_error_field("missing_reason")) == "reason");
    CHECK(std::string(transition_error_field("bad_evidence")) == "evidence");
    CHECK(std::string(transition_error_field("illegal_transition")).empty());
}

TEST_CASE("who may see an order", "[order_request]") {
    WorkOrder o;
    o.town_id = 3;
    o.provider_id = 5;
    CHECK(may_see_order({Role::Agent, 1, {}, {}}, o));
    CHECK(may_see_order({Role::Town, 2, 3, {}}, o));
    CHECK_FALSE(may_see_order({Role::Town, 2, 4, {}}, o));
    CHECK_FALSE(may_see_order({Role::Town, 2, {}, {}}, o));
    CHECK(may_see_order({Role::Provider, 3, {}, 5}, o));
    CHECK_FALSE(may_see_order({Role::Provider, 3, {}, 6}, o));
    o.provider_id.reset();
    CHECK_FALSE(may_see_order({Role::Provider, 3, {}, 5}, o));
    CHECK_FALSE(may_see_order({Role::Kiosk, 4, 3, {}}, o));
}

TEST_CASE("what a complaint is about: the members of a new order", "[order_request][complaints]") {
    const json base = {{"type", "complaint"}, {"channel", "hotline"}, {"elder_id", 7}, {"description", "护理员迟到"}};
    auto with = [&](json extra) { json b = base; b.update(extra); return b; };
    auto c = validate_order_request(with({{"about_order_id", 12}, {"about_provider_id", 3}}));
    CHECK(c.errors.empty());
    CHECK(c.about_order_id == 12);
    CHECK(c.about_provider_id == 3);
    // A typed code: trimmed and upper-cased; a malformed one named.
    c = validate_order_request(with({{"about_order_code", " gd202612040001 "}}));
    CHECK(c.errors.empty());
    CHECK(c.about_order_code == "GD202612040001");
    c = validate_order_request(with({{"about_order_code", "GD2026"}}));
    REQUIRE(error_for(c.errors, "about_order_code"));
    CHECK(error_for(c.errors, "about_order_code")->code == "format");
    c = validate_order_request(with({{"about_order_code", "GD202612040001"}, {"about_order_id", 4}}));
    CHECK(error_for(c.errors, "about_order_code")->code == "conflict");
    c = validate_order_request(with({{"about_order_id", "12"}}));
    CHECK(error_for(c.errors, "about_order_id")->message_zh == "被投诉工单编号应为正整数编号");
    // Only a complaint carries them.
    json booking = {{"type", "consultation"}, {"channel", "hotline"}, {"town_id", 2}, {"description", "问"},
                    {"about_provider_id", 3}};
    c = validate_order_request(booking);
    REQUIRE(error_for(c.errors, "about_order_id"));
    CHECK(error_for(c.errors, "about_order_id")->message_zh == "只有投诉工单可以填写被投诉工单或服务商（当前为咨询工单）");
}

TEST_CASE("check_complaint_link: the earlier order must fit the complaint", "[order_request][complaints]") {
    WorkOrder complaint;
    complaint.id = 50;
    complaint.type = OrderType::Complaint;
    complaint.elder_id = 7;
    complaint.created_at = 1000;
    WorkOrder earlier;
    earlier.id = 40;
    earlier.code = "GD202612010003";
    earlier.type = OrderType::Booking;
    earlier.elder_id = 7;
    earlier.provider_id = 3;
    earlier.created_at = 500;

    CHECK(check_complaint_link(complaint, &earlier, std::nullopt).empty());
    CHECK(complaint_provider(&earlier, std::nullopt) == 3);
    CHECK(check_complaint_link(complaint, &earlier, Id{3}).empty());
    CHECK(check_complaint_link(complaint, nullptr, Id{9}).empty());      // the company alone
    CHECK(complaint_provider(nullptr, Id{9}) == 9);
    CHECK(check_complaint_link(complaint, nullptr, std::nullopt).empty());

    auto one = [&](const WorkOrder& e, std::optional<Id> p, const std::string& field = "about_order_id") {
        auto errors = check_complaint_link(complaint, &e, p, field);
        REQUIRE(errors.size() == 1);
        return errors.front();
    };
    auto other = earlier;
    other.elder_id = 8;
    CHECK(one(other, std::nullopt).message_zh == "工单 GD202612010003 不是本投诉所选服务对象的工单，请从该老人的近期工单中选择");
    other.elder_id.reset();   // an order without an elder cannot be that elder's
    CHECK(one(other, std::nullopt).code == "other_elder");
    other = earlier;
    other.type = OrderType::Complaint;
    CHECK(one(other, std::nullopt, "about_order_code").field == "about_order_code");
    CHECK(one(other, std::nullopt).message_zh == "工单 GD202612010003 本身是投诉工单，请选择被投诉的那张服务工单");
    other = earlier;
    other.created_at = 2000;
    CHECK(one(other, std::nullopt).code == "later");
    other = earlier;
    other.id = complaint.id;
    CHECK(one(other, std::nullopt).code == "self");
    const auto p = one(earlier, Id{4});
    CHECK(p.field == "about_provider_id");
    CHECK(p.code == "inconsistent");

    // A complaint without an elder (a caller not on file) may name any earlier order.
    auto anonymous = complaint;
    anonymous.elder_id.reset();
    other = earlier;
    other.elder_id = 8;
    CHECK(check_complaint_link(anonymous, &other, std::nullopt).empty());
    // An order of another type carries no link.
    auto consultation = complaint;
    consultation.type = OrderType::Consultation;
    CHECK(check_complaint_link(consultation, &earlier, std::nullopt).front().code == "not_complaint");
    CHECK(check_complaint_link(consultation, nullptr, std::nullopt).empty());
}

TEST_CASE("a relink request needs a reason", "[order_request][complaints]") {
    auto c = validate_complaint_link_request({{"about_order_id", 3}, {"reason", "回拨核实"}, {"version", 4}});
    CHECK(c.errors.empty());
    CHECK(c.about_order_id == 3);
    CHECK(c.version == 4);
    c = validate_complaint_link_request({{"about_provider_id", 3}, {"reason", "\xE3\x80\x80 "}});
    REQUIRE(error_for(c.errors, "reason"));
    CHECK(error_for(c.errors, "reason")->message_zh == "请填写更改投诉对象的原因");
    c = validate_complaint_link_request({{"about_order_id", nullptr}, {"about_provider_id", nullptr}, {"reason", "无关"}});
    CHECK(c.errors.empty());
    CHECK_FALSE(c.about_order_id);
    c = validate_complaint_link_request({{"reason", "x"}, {"action", "close"}});
    CHECK(fields_of(c.errors) == std::set<std::string>{"action"});
    CHECK(validate_complaint_link_request(json::array()).errors.front().message_zh == "更改投诉对象的请求应为 JSON 对象");
}

}  // namespace test_order_request
