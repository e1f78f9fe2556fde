// What a complaint is about (app/complaint_state.hpp): the open order's link and 相关投诉 from its OrderReply,
// opening the linked order by code, and the supervisor's 更改投诉对象 (POST /orders/{id}/complaint-link, with a
// reason; the server checks the earlier order with the shared check_complaint_link and audits the change).
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/json_read.hpp"
#include "platform/http.hpp"
#include "yiyang/date.hpp"
#include "yiyang/wire/orders.hpp"

namespace yiyang::client {

using nlohmann::json;

void App::complaint_loaded(const json& body) {
    const auto reply = wire::read_reply<wire::OrderReply>(body);
    if (!reply) return;   // order_loaded said so already
    ComplaintState& c = s_.complaint;
    const bool same = c.order_id == reply->order.order.id;
    const RelinkForm keep = same ? c.relink : RelinkForm{};
    const std::string message = same ? c.message : std::string();
    c = {};
    c.order_id = reply->order.order.id;
    c.about_order_code = reply->order.about_order_code;
    c.about_provider_name = reply->order.about_provider_name;
    for (const auto& r : reply->complaints) {
        std::string created = format_timestamp(r.created_at);
        if (created.size() >= 16) created = created.substr(0, 10) + " " + created.substr(11, 5);
        c.complaints.push_back({r.id, r.code, label_zh(r.status), created,
                                r.complaint_valid ? (*r.complaint_valid ? "有效投诉" : "无效投诉") : ""});
    }
    c.relink = keep;
    c.relink.submitting = false;
    c.message = message;
}

void App::submit_relink() {
    ComplaintState& c = s_.complaint;
    OrdersState& o = s_.orders;
    if (!o.current || c.relink.submitting) return;
    RelinkForm& f = c.relink;
    f.field_errors.clear();
    f.error.clear();
    std::string code;
    for (char ch : f.order_code) {
        if (ch == ' ') continue;
        code.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
    }
    std::string reason = f.reason;
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    if (reason.empty()) f.field_errors["reason"] = "请填写更改投诉对象的原因";
    if (!f.field_errors.empty()) {
        f.error = "有 " + std::to_string(f.field_errors.size()) + " 处需要填写，尚未提交";
        return;
    }
    wire::ComplaintLink body;
    body.about_order_code = code;
    if (f.provider_id) body.about_provider_id = f.provider_id;
    body.reason = reason;
    body.version = o.current->version;
    const json j = body;
    const Id id = o.current->order.id;
    const std::uint64_t seq = order_open_seq_;
    f.submitting = true;
    request("POST", "/api/v1/orders/" + std::to_string(id) + "/complaint-link", &j, [this, seq, id](const HttpResponse& r) {
        if (seq != order_open_seq_ || !s_.orders.current || s_.orders.current->order.id != id) return;
        ComplaintState& cs = s_.complaint;
        cs.relink.submitting = false;
        if (r.status == 200 && r.body.is_object()) {
            cs.relink = {};
            order_loaded(r.body, true);
            cs.message = "已更改投诉对象：" + (cs.about_order_code.empty() ? std::string("（无工单）") : cs.about_order_code) +
                         (cs.about_provider_name.empty() ? std::string() : "（" + cs.about_provider_name + "）");
            set_status(StatusKind::Success, cs.message);
            return;
        }
        cs.relink.error = error_message_zh(r);
        for (auto& [field, msg] : field_errors_of(r.body)) cs.relink.field_errors[field] = msg;
        set_status(StatusKind::Error, "投诉对象未更改：" + cs.relink.error);
    });
}

void App::apply_complaint(const ComplaintIntent& intent) {
    changed_ = true;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ComplaintOpenOrder>) {
                if (!i.code.empty()) open_order_by_code(i.code);
            } else if constexpr (std::is_same_v<T, ComplaintEditRelink>) {
                RelinkForm& f = s_.complaint.relink;
                if (f.order_code != i.form.order_code) {
                    f.field_errors.erase("about_order_code");
                    f.field_errors.erase("about_order_id");
                }
                if (f.provider_id != i.form.provider_id) f.field_errors.erase("about_provider_id");
                if (f.reason != i.form.reason) f.field_errors.erase("reason");
                auto errors = std::move(f.field_errors);
                const bool submitting = f.submitting;
                f = i.form;
                f.field_errors = std::move(errors);
                f.submitting = submitting;
                if (f.open) load_order_providers();
            } else if constexpr (std::is_same_v<T, ComplaintSubmitRelink>) {
                submit_relink();
            }
        },
        intent);
}

json test_state_of(const ComplaintState& s) {
    json complaints = json::array();
    for (const auto& c : s.complaints) {
        complaints.push_back({{"id", c.id}, {"code", c.code}, {"status", c.status_label}, {"verdict", c.verdict}});
    }
    return {{"order_id", s.order_id}, {"about_order_code", s.about_order_code},
            {"about_provider_name", s.about_provider_name}, {"complaints", complaints},
            {"relink", {{"open", s.relink.open}, {"order_code", s.relink.order_code},
                        {"provider_id", s.relink.provider_id}, {"reason", s.relink.reason},
                        {"error", s.relink.error}, {"field_errors", s.relink.field_errors},
                        {"submitting", s.relink.submitting}}},
            {"message", s.message}};
}

}  // namespace yiyang::client
