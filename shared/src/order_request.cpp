// Checks of work-order requests shared by the server and the dashboard (order_request.hpp).
#include "yiyang/order_request.hpp"

#include <set>

#include "yiyang/knowledge.hpp"   // utf8_length

namespace yiyang {

using nlohmann::json;

namespace {

// A client's value for a message, bounded (the server's shown_value, without its dependency on the server):
// text at most 40 characters, control characters as "?"; other kinds named.
std::string shown(const json& v) {
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        std::string out;
        std::size_t chars = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if ((c & 0xC0) != 0x80) {
                if (chars == 40) return "“" + out + "…”";
                ++chars;
            }
            out.push_back(c < 0x20 || c == 0x7F ? '?' : s[i]);
        }
        return "“" + out + "”";
    }
    if (v.is_number()) return v.dump();
    if (v.is_object()) return "对象";
    if (v.is_array()) return "列表";
    if (v.is_boolean()) return "布尔值";
    if (v.is_null()) return "空值";
    return "其他值";
}

// Nothing but spaces (ASCII whitespace and the full-width space an IME types).
bool blank(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') { ++i; continue; }
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 3; continue; }   // U+3000
        return false;
    }
    return true;
}

bool given(const json& body, const char* key) { return body.contains(key) && !body[key].is_null(); }

void unknown_members(const json& body, const std::set<std::string>& known, std::vector<FieldError>& errors) {
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.count(it.key())) errors.push_back({it.key(), "unknown", "不认识的字段：" + it.key()});
    }
}

std::optional<Id> positive_id(const json& body, const char* key, const char* label, std::vector<FieldError>& errors) {
    if (!given(body, key)) return std::nullopt;
    if (!body[key].is_number_integer() || body[key].get<std::int64_t>() <= 0) {
        errors.push_back({key, "type", std::string(label) + "应为正整数编号"});
        return std::nullopt;
    }
    return body[key].get<Id>();
}

// "GD" + 12 (or more) digits, letters in either case: what the dashboard's code field and a deep link carry.
bool order_code_shaped(const std::string& c) {
    if (c.size() < 14 || c.size() > 16 || c.rfind("GD", 0) != 0) return false;
    for (std::size_t i = 2; i < c.size(); ++i) if (c[i] < '0' || c[i] > '9') return false;
    return true;
}

// The complaint's target members, shared by a new order and the relink request.
void read_complaint_target(const json& body, std::vector<FieldError>& errors, std::optional<Id>& order_id,
                           std::string& order_code, std::optional<Id>& provider_id) {
    order_id = positive_id(body, "about_order_id", "被投诉工单编号", errors);
    provider_id = positive_id(body, "about_provider_id", "被投诉服务商编号", errors);
    if (given(body, "about_order_code")) {
        if (!body["about_order_code"].is_string()) {
            errors.push_back({"about_order_code", "type", "被投诉工单号应为文本"});
        } else {
            std::string c = body["about_order_code"].get<std::string>();
            while (!c.empty() && c.back() == ' ') c.pop_back();
            while (!c.empty() && c.front() == ' ') c.erase(c.begin());
            for (auto& ch : c) if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
            if (!order_code_shaped(c)) {
                errors.push_back({"about_order_code", "format",
                                  "被投诉工单号 " + shown(body["about_order_code"]) +
                                      " 格式不对（应为 GD + 12 位数字，例如 GD202612040001）"});
            } else if (given(body, "about_order_id")) {
                errors.push_back({"about_order_code", "conflict", "被投诉工单请只填编号或工单号中的一项"});
            } else {
                order_code = c;
            }
        }
    }
}

}  // namespace

std::vector<FieldError> check_complaint_link(const WorkOrder& complaint, const WorkOrder* earlier,
                                             std::optional<Id> about_provider_id, const std::string& order_field) {
    std::vector<FieldError> errors;
    if (complaint.type != OrderType::Complaint) {
        if (earlier || about_provider_id) {
            errors.push_back({order_field, "not_complaint",
                              std::string("只有投诉工单可以填写被投诉工单或服务商（当前为") + label_zh(complaint.type) + "工单）"});
        }
        return errors;
    }
    if (!earlier) return errors;
    const std::string code = earlier->code;
    if (complaint.id != 0 && earlier->id == complaint.id) {
        errors.push_back({order_field, "self", "投诉不能以自身（" + code + "）为被投诉工单"});
    } else if (earlier->type == OrderType::Complaint) {
        errors.push_back({order_field, "is_complaint",
                          "工单 " + code + " 本身是投诉工单，请选择被投诉的那张服务工单"});
    } else if (complaint.created_at != 0 && earlier->created_at > complaint.created_at) {
        errors.push_back({order_field, "later", "被投诉工单 " + code + " 晚于本投诉登记，请选择此前的工单"});
    } else if (complaint.elder_id && earlier->elder_id != complaint.elder_id) {
        errors.push_back({order_field, "other_elder",
                          "工单 " + code + " 不是本投诉所选服务对象的工单，请从该老人的近期工单中选择"});
    }
    if (about_provider_id && earlier->provider_id && *earlier->provider_id != *about_provider_id) {
        errors.push_back({"about_provider_id", "inconsistent",
                          "被投诉服务商与工单 " + code + " 的承接服务商不一致（可只选工单，服务商随工单带出）"});
    }
    return errors;
}

std::optional<Id> complaint_provider(const WorkOrder* earlier, std::optional<Id> about_provider_id) {
    if (about_provider_id) return about_provider_id;
    if (earlier) return earlier->provider_id;
    return std::nullopt;
}

ComplaintLinkCheck validate_complaint_link_request(const json& body) {
    ComplaintLinkCheck out;
    auto& errors = out.errors;
    if (!body.is_object()) {
        errors.push_back({"", "type", "更改投诉对象的请求应为 JSON 对象"});
        return out;
    }
    unknown_members(body, {"about_order_id", "about_order_code", "about_provider_id", "reason", "version"}, errors);
    read_complaint_target(body, errors, out.about_order_id, out.about_order_code, out.about_provider_id);
    if (given(body, "version")) {
        if (!body["version"].is_number_integer()) errors.push_back({"version", "type", "版本号应为整数"});
        else out.version = body["version"].get<std::int64_t>();
    }
    if (given(body, "reason") && !body["reason"].is_string()) {
        errors.push_back({"reason", "type", "原因应为文本"});
    } else {
        if (given(body, "reason")) out.reason = body["reason"].get<std::string>();
        if (blank(out.reason)) errors.push_back({"reason", "required", "请填写更改投诉对象的原因"});
        else if (utf8_length(out.reason) > kTransitionReasonMax) errors.push_back({"reason", "too_long", "原因最多 500 字"});
    }
    return out;
}

bool description_required(OrderType t) { return t != OrderType::Emergency; }
bool categories_required(OrderType t) { return t == OrderType::Booking || t == OrderType::Referral; }

OrderRequestCheck validate_order_request(const json& body) {
    OrderRequestCheck out;
    auto& errors = out.errors;
    WorkOrder& o = out.order;
    if (!body.is_object()) {
        errors.push_back({"", "type", "工单信息应为 JSON 对象"});
        return out;
    }
    unknown_members(body, {"channel", "type", "categories", "elder_id", "town_id", "urgency", "description",
                           "about_order_id", "about_order_code", "about_provider_id"}, errors);
    auto enum_field = [&](const char* key, const char* label, auto parse, auto& value, bool required) {
        if (!given(body, key)) {
            if (required) errors.push_back({key, "required", std::string("请填写") + label});
            return;
        }
        if (!body[key].is_string()) { errors.push_back({key, "type", std::string(label) + "应为文本代码"}); return; }
        const auto v = body[key].get<std::string>();
        if (auto parsed = parse(v)) value = *parsed;
        else errors.push_back({key, "invalid", std::string(label) + "的取值无效：" + v});
    };
    std::optional<OrderType> type;
    enum_field("type", "工单类型", &parse_OrderType, type, true);
    if (type) o.type = *type;
    enum_field("channel", "来源渠道", &parse_Channel, o.channel, true);
    o.urgency = o.type == OrderType::Emergency ? Urgency::Emergency : Urgency::Normal;
    enum_field("urgency", "紧急程度", &parse_Urgency, o.urgency, false);

    if (given(body, "categories")) {
        if (!body["categories"].is_array()) {
            errors.push_back({"categories", "type", "服务类别应为代码列表"});
        } else {
            for (const auto& c : body["categories"]) {
                auto parsed = c.is_string() ? parse_ServiceCategory(c.get<std::string>()) : std::nullopt;
                if (parsed) o.categories.insert(*parsed);
                else errors.push_back({"categories", "invalid", "服务类别取值无效：" + shown(c)});
            }
        }
    }
    if (type && categories_required(*type) && o.categories.empty()) {
        errors.push_back({"categories", "required", std::string(label_zh(*type)) + "工单至少选择一个服务类别"});
    }

    // The description: text, at most 2000 characters, and not blank unless the type may go without one.
    bool description_checked = false;   // a type or length error was reported already
    if (given(body, "description")) {
        if (!body["description"].is_string()) {
            errors.push_back({"description", "type", "诉求描述应为文本"});
            description_checked = true;
        } else {
            o.description = body["description"].get<std::string>();
            const auto n = utf8_length(o.description);
            if (n > kOrderDescriptionMax) {
                errors.push_back({"description", "too_long",
                                  "诉求描述最多 2000 字（当前 " + std::to_string(n) + " 字）"});
                description_checked = true;
            }
        }
    }

    auto id_field = [&](const char* key, const char* label) -> std::optional<Id> {
        if (!given(body, key)) return std::nullopt;
        if (!body[key].is_number_integer() || body[key].get<std::int64_t>() <= 0) {
            errors.push_back({key, "type", std::string(label) + "应为正整数编号"});
            return std::nullopt;
        }
        return body[key].get<Id>();
    };
    out.elder_id = id_field("elder_id", "服务对象编号");
    out.town_id = id_field("town_id", "镇街编号");
    read_complaint_target(body, errors, out.about_order_id, out.about_order_code, out.about_provider_id);
    if (type && *type != OrderType::Complaint &&
        (given(body, "about_order_id") || given(body, "about_order_code") || given(body, "about_provider_id"))) {
        errors.push_back({"about_order_id", "not_complaint",
                          std::string("只有投诉工单可以填写被投诉工单或服务商（当前为") + label_zh(*type) + "工单）"});
    }
    // A member given with a wrong type was reported by id_field already: no second "required" for it.
    if (!out.elder_id && type && elder_required(*type) && !given(body, "elder_id")) {
        errors.push_back({"elder_id", "required", std::string(label_zh(*type)) + "工单必须选择服务对象"});
    } else if (!out.elder_id && !out.town_id && !given(body, "town_id") && !given(body, "elder_id")) {
        errors.push_back({"town_id", "required", "请选择所属镇街（或选择服务对象）"});
    }
    // Missing description last: who and where come first in the form and in the reply.
    if (type && description_required(*type) && !description_checked && blank(o.description)) {
        errors.push_back({"description", "required",
                          "请填写诉求描述（" + std::string(label_zh(*type)) + "工单须写明来电人的诉求）"});
    }
    return out;
}

TransitionCheck validate_transition_request(const json& body) {
    TransitionCheck out;
    auto& errors = out.errors;
    if (!body.is_object()) {
        errors.push_back({"", "type", "操作请求应为 JSON 对象"});
        return out;
    }
    unknown_members(body, {"action", "reason", "provider_id", "town_id", "satisfaction", "service_received", "evidence",
                           "version"},
                    errors);
    const auto action_text =
        body.contains("action") && body["action"].is_string() ? body["action"].get<std::string>() : "";
    if (auto a = parse_OrderAction(action_text)) out.request.action = *a;
    else if (action_text.empty()) errors.push_back({"action", "required", "请指定要执行的操作（action）"});
    else errors.push_back({"action", "invalid", "未知的操作：" + action_text});
    if (given(body, "reason")) {
        if (!body["reason"].is_string()) errors.push_back({"reason", "type", "原因应为文本"});
        else out.request.reason = body["reason"].get<std::string>();
        if (utf8_length(out.request.reason) > kTransitionReasonMax) {
            errors.push_back({"reason", "too_long", "原因最多 500 字"});
        }
    }
    auto int_field = [&](const char* key, const char* label, std::optional<std::int64_t>& v) {
        if (!given(body, key)) return;
        if (!body[key].is_number_integer()) { errors.push_back({key, "type", std::string(label) + "应为整数"}); return; }
        v = body[key].get<std::int64_t>();
    };
    std::optional<std::int64_t> provider, town, satisfaction;
    int_field("provider_id", "服务商编号", provider);
    int_field("town_id", "镇街编号", town);
    int_field("satisfaction", "满意度", satisfaction);
    int_field("version", "版本号", out.version);
    out.request.provider_id = provider;
    out.town_id = town;
    if (satisfaction) {
        if (*satisfaction < 1 || *satisfaction > 5) {
            errors.push_back({"satisfaction", "range",
                              "满意度应为 1 到 5：1 非常满意、2 比较满意、3 基本满意、4 不太满意、5 很不满意"});
        } else {
            out.request.satisfaction = static_cast<int>(*satisfaction);
        }
    }
    if (given(body, "service_received")) {
        if (!body["service_received"].is_boolean()) {
            errors.push_back({"service_received", "type", "是否接受服务（service_received）应为 true 或 false"});
        } else if (out.request.action != OrderAction::Callback) {
            errors.push_back({"service_received", "not_allowed", "只有回访可以记录老人是否接受了服务"});
        } else {
            out.request.service_received = body["service_received"].get<bool>();
        }
    }
    if (given(body, "evidence")) {
        bool ok = body["evidence"].is_object();
        if (ok) {
            try {
                out.request.evidence = body["evidence"].get<ServiceEvidence>();
            } catch (const std::exception&) {
                ok = false;
            }
        }
        if (!ok) {
            errors.push_back({"evidence", "format",
                              "服务凭证格式错误：需要 caregiver（服务人员）、from / to（服务时间，YYYY-MM-DDTHH:MM:SS）、"
                              "place（服务地点），photo_refs 可选（文本列表）"});
        }
    }
    return out;
}

const char* transition_error_field(const std::string& error_code) {
    if (error_code == "missing_reason") return "reason";
    if (error_code == "missing_provider") return "provider_id";
    if (error_code == "missing_evidence" || error_code == "bad_evidence") return "evidence";
    if (error_code == "bad_satisfaction") return "satisfaction";
    return "";
}

bool may_see_order(const Viewer& v, const WorkOrder& o) {
    switch (v.role) {
        case Role::Admin: case Role::Supervisor: case Role::Agent: return true;
        case Role::Town: return v.town_id && o.town_id == *v.town_id;
        case Role::Provider: return v.provider_id && o.provider_id && *o.provider_id == *v.provider_id;
        case Role::Kiosk: case Role::Leader: return false;
    }
    return false;
}

}  // namespace yiyang
