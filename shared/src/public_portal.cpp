// The public portal's rules (public_portal.hpp): request checks, acknowledgement codes, status words, rate limits.
#include "yiyang/public_portal.hpp"

#include <algorithm>
#include <stdexcept>

#include "rule_text.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length

namespace yiyang::portal {

using json = nlohmann::json;

namespace {

Limit read_limit(const json& j, const char* key, Limit fallback) {
    if (!j.contains(key)) return fallback;
    const auto& v = j.at(key);
    const std::string where = std::string("字段 \"") + key + "\"";
    if (!v.is_object()) throw std::invalid_argument(where + " 应为对象 {\"max\", \"window_minutes\"}");
    for (const auto& item : v.items()) {
        if (item.key() != "max" && item.key() != "window_minutes")
            throw std::invalid_argument(where + " 中的字段 \"" + item.key() + "\" 不认识");
    }
    Limit out;
    const auto number = [&](const char* member, std::int64_t lo, std::int64_t hi) {
        if (!v.contains(member)) throw std::invalid_argument(where + " 缺少 \"" + member + "\"");
        const auto& m = v.at(member);
        if (!m.is_number_integer() || m.get<std::int64_t>() < lo || m.get<std::int64_t>() > hi)
            throw std::invalid_argument(where + " 的 \"" + member + "\" 应为 " + std::to_string(lo) + " 到 " +
                                        std::to_string(hi) + " 之间的整数，实际为 " + m.dump());
        return m.get<std::int64_t>();
    };
    out.max = number("max", 1, 10000);
    out.window_minutes = number("window_minutes", 1, 10080);
    return out;
}

json limit_json(const Limit& l) { return json{{"max", l.max}, {"window_minutes", l.window_minutes}}; }

bool is_blank_char_at(const std::string& s, std::size_t i, std::size_t& len) {
    if (s[i] == ' ' || s[i] == '\t') { len = 1; return true; }
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { len = 3; return true; }   // U+3000, what a Chinese IME types
    return false;
}

std::string trim_blanks(const std::string& s) {
    std::size_t b = 0, len = 0;
    while (b < s.size() && is_blank_char_at(s, b, len)) b += len;
    std::size_t e = s.size();
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t') { --e; continue; }
        if (e - b >= 3 && s.compare(e - 3, 3, "\xE3\x80\x80") == 0) { e -= 3; continue; }
        break;
    }
    return s.substr(b, e - b);
}

// Control characters (C0, DEL, C1 as UTF-8 \xC2\x80..\x9F) or invalid UTF-8: a form never sends them.
bool clean_text(const std::string& s, bool allow_newlines) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n' && allow_newlines) continue;
        if (c < 0x20 || c == 0x7F) return false;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F) return false;
    }
    // Valid UTF-8: utf8_length counts an invalid byte as one character; re-count code points strictly.
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

std::optional<std::string> text_member(const json& body, const char* key, const char* label, bool required,
                                       std::size_t max_chars, bool newlines, std::vector<FieldError>& errors) {
    if (!body.contains(key) || body[key].is_null()) {
        if (required) errors.push_back({key, "required", std::string("请填写") + label});
        return std::nullopt;
    }
    if (!body[key].is_string()) {
        errors.push_back({key, "type", std::string(label) + "应为文字"});
        return std::nullopt;
    }
    std::string v = trim_blanks(body[key].get<std::string>());
    if (!clean_text(v, newlines)) {
        errors.push_back({key, "format", std::string(label) + "含有不能识别的字符（控制字符或乱码），请重新输入"});
        return std::nullopt;
    }
    const auto n = utf8_length(v);
    if (n > max_chars) {
        errors.push_back({key, "too_long", std::string(label) + "最多 " + std::to_string(max_chars) + " 个字（现在 " +
                                               std::to_string(n) + " 个字）"});
        return std::nullopt;
    }
    if (v.empty() && required) {
        errors.push_back({key, "required", std::string("请填写") + label});
        return std::nullopt;
    }
    return v;
}

}  // namespace

void from_json(const json& j, PortalRule& r) {
    PortalRule out;
    out.version = rule_text::envelope(j, "公众端规则", {"per_address", "per_phone", "lookups_per_address"});
    out.per_address = read_limit(j, "per_address", out.per_address);
    out.per_phone = read_limit(j, "per_phone", out.per_phone);
    out.lookups_per_address = read_limit(j, "lookups_per_address", out.lookups_per_address);
    r = std::move(out);
}

void to_json(json& j, const PortalRule& r) {
    j = json{{"version", r.version}, {"per_address", limit_json(r.per_address)}, {"per_phone", limit_json(r.per_phone)},
             {"lookups_per_address", limit_json(r.lookups_per_address)}};
}

std::optional<std::int64_t> retry_after(const std::vector<LocalSeconds>& earlier, const Limit& limit, LocalSeconds now) {
    const LocalSeconds window = limit.window_minutes * 60;
    std::vector<LocalSeconds> inside;
    for (const auto t : earlier) if (t > now - window && t <= now) inside.push_back(t);
    if (static_cast<std::int64_t>(inside.size()) < limit.max) return std::nullopt;
    std::sort(inside.begin(), inside.end());
    // One more is allowed once all but max - 1 of them have left the window: the (size - max)-th oldest.
    const LocalSeconds leaves = inside[inside.size() - static_cast<std::size_t>(limit.max)] + window;
    return std::max<std::int64_t>(1, leaves - now);
}

const char* code(RequestKind k) {
    switch (k) {
        case RequestKind::Consultation: return "consultation";
        case RequestKind::Booking: return "booking";
        case RequestKind::Suggestion: return "suggestion";
    }
    return "consultation";
}
const char* label_zh(RequestKind k) {
    switch (k) {
        case RequestKind::Consultation: return "咨询求助";
        case RequestKind::Booking: return "预约服务";
        case RequestKind::Suggestion: return "意见建议";
    }
    return "咨询求助";
}
std::optional<RequestKind> parse_RequestKind(std::string_view c) {
    for (auto k : {RequestKind::Consultation, RequestKind::Booking, RequestKind::Suggestion}) {
        if (c == code(k)) return k;
    }
    return std::nullopt;
}

RequestCheck validate_request(const json& body) {
    RequestCheck out;
    auto& errors = out.errors;
    if (!body.is_object()) {
        errors.push_back({"", "type", "提交的内容应为 JSON 对象"});
        return out;
    }
    for (const auto& item : body.items()) {
        static const std::vector<std::string> known = {"kind", "name", "phone", "town_id", "categories", "text"};
        if (std::find(known.begin(), known.end(), item.key()) == known.end())
            errors.push_back({item.key(), "unknown", "不认识的字段：" + rule_text::in_quotes(item.key().substr(0, 40))});
    }
    if (body.contains("kind") && !body["kind"].is_null()) {
        const auto k = body["kind"].is_string() ? parse_RequestKind(body["kind"].get<std::string>()) : std::nullopt;
        if (!k) errors.push_back({"kind", "invalid", "请选择办理事项：咨询求助、预约服务或意见建议"});
        else out.kind = *k;
    }
    if (auto name = text_member(body, "name", "联系人姓名", true, kNameMax, false, errors)) out.name = *name;
    if (auto phone = text_member(body, "phone", "手机号", true, 20, false, errors)) {
        std::string digits;
        for (char c : *phone) if (c != ' ' && c != '-') digits.push_back(c);
        const auto check = check_mobile(digits);
        if (!check.ok) errors.push_back({"phone", "format", "手机号应为 11 位数字，以 1 开头（例如 13812345678）"});
        else out.phone = digits;
    }
    const auto text = text_member(body, "text", "需求说明", out.kind != RequestKind::Booking, kTextMax, true, errors);
    std::vector<std::string> categories;
    if (body.contains("categories") && !body["categories"].is_null()) {
        const auto& c = body["categories"];
        if (!c.is_array()) errors.push_back({"categories", "type", "服务类别应为列表"});
        else if (c.size() > kCategoriesMax)
            errors.push_back({"categories", "too_many", "服务类别最多选 " + std::to_string(kCategoriesMax) + " 项"});
        else {
            for (const auto& v : c) {
                if (!v.is_string() || v.get_ref<const std::string&>().size() > 40) {
                    errors.push_back({"categories", "invalid", "服务类别取值无效"});
                    break;
                }
                categories.push_back(v.get<std::string>());
            }
        }
    }
    const bool category_error = std::any_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "categories"; });
    if (out.kind == RequestKind::Booking && categories.empty() && !category_error)
        errors.push_back({"categories", "required", "预约服务请至少选择一个服务类别"});
    if (!body.contains("town_id") || body["town_id"].is_null()) {
        errors.push_back({"town_id", "required", "请选择所在镇街"});
    } else if (!body["town_id"].is_number_integer() || body["town_id"].get<std::int64_t>() <= 0 ||
               body["town_id"].get<std::int64_t>() > 1'000'000'000) {
        errors.push_back({"town_id", "invalid", "所在镇街无效，请从列表中选择"});
    } else {
        out.town_id = body["town_id"].get<Id>();
    }
    if (!errors.empty()) return out;

    // The work order it becomes, checked by the intake's own rules (categories, description length, town).
    std::string description = std::string("【公众端·") + label_zh(out.kind) + "】联系人：" + out.name +
                              "，手机：" + out.phone + "。";
    if (text && !text->empty()) description += "\n" + *text;
    const json order_body = {{"channel", code(Channel::PublicPortal)},
                             {"type", code(out.kind == RequestKind::Suggestion ? OrderType::Suggestion
                                                                               : OrderType::Consultation)},
                             {"categories", categories},
                             {"town_id", *out.town_id},
                             {"description", description}};
    auto order = validate_order_request(order_body);
    for (auto& e : order.errors) {
        // The order's members by the form's names: what the requester can correct.
        if (e.field == "description") e.field = "text";
        if (e.field == "categories" && e.code == "invalid") e.message_zh = "服务类别取值无效，请从列表中选择";
        errors.push_back(std::move(e));
    }
    out.order = std::move(order.order);
    out.order.town_id = *out.town_id;
    return out;
}

std::string ack_code_from(const std::array<std::uint8_t, 16>& random_bytes) {
    // The bytes as one big-endian 128-bit number, divided by 30 ten times (long division over the bytes).
    std::array<std::uint8_t, 16> n = random_bytes;
    std::string out;
    for (std::size_t d = 0; d < kAckLength; ++d) {
        unsigned rem = 0;
        for (auto& byte : n) {
            const unsigned cur = (rem << 8) | byte;
            byte = static_cast<std::uint8_t>(cur / kAckAlphabet.size());
            rem = cur % kAckAlphabet.size();
        }
        out.push_back(kAckAlphabet[rem]);
    }
    return out;
}

std::string format_ack_code(const std::string& c) {
    if (c.size() != kAckLength) return c;
    return c.substr(0, 5) + "-" + c.substr(5);
}

std::optional<std::string> normalize_ack_code(std::string_view typed) {
    if (typed.size() > 40) return std::nullopt;
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (kAckAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        out.push_back(c);
    }
    if (out.size() != kAckLength) return std::nullopt;
    return out;
}

std::optional<std::string> normalize_phone_tail(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == ' ') continue;
        if (c < '0' || c > '9') return std::nullopt;
        out.push_back(c);
    }
    if (out.size() != 4) return std::nullopt;
    return out;
}

const char* status_words(OrderStatus s) {
    switch (s) {
        case OrderStatus::Received: return "已收到，正在安排工作人员处理";
        case OrderStatus::AnsweredOnSpot: return "工作人员已答复";
        case OrderStatus::Dispatched: return "已安排服务机构，等待对方确认";
        case OrderStatus::Accepted: return "服务机构已确认，将与您联系";
        case OrderStatus::InService: return "正在为您服务";
        case OrderStatus::Completed: return "服务已完成，等待核对";
        case OrderStatus::Reviewed: return "服务已完成并核对，稍后回访";
        case OrderStatus::CalledBack: return "已回访，感谢您的评价";
        case OrderStatus::Closed: return "已办结";
        case OrderStatus::Cancelled: return "已取消";
        case OrderStatus::Escalated: return "正在重新安排服务机构";
        case OrderStatus::Rectifying: return "正在跟进整改";
    }
    return "处理中";
}

const char* step_words(std::string_view a) {
    if (a == "create") return "收到您的诉求";
    if (a == "answer_on_spot") return "工作人员已答复";
    if (a == "dispatch_provider" || a == "dispatch_town") return "已安排服务机构";
    if (a == "accept") return "服务机构已确认";
    if (a == "decline") return "正在重新安排服务机构";
    if (a == "start") return "开始服务";
    if (a == "complete") return "服务完成";
    if (a == "review_pass") return "服务已核对";
    if (a == "callback") return "已回访";
    if (a == "open_rectification") return "开始跟进整改";
    if (a == "close_rectification") return "整改完成";
    if (a == "close") return "已办结";
    if (a == "cancel") return "已取消";
    if (a == "escalate") return "正在重新安排服务机构";
    return "";
}

}  // namespace yiyang::portal
