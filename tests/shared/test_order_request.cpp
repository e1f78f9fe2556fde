// Tests of the shared checks of work-order requests (order_request.hpp), which the server's POST /orders and
// /transitions and the dashboard's intake both use: field names, codes and the description rule.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "yiyang/order_request.hpp"

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
