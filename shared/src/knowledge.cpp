// Knowledge-base kinds, article validation and search snippets (knowledge.hpp). Pure C++: the dashboard
// runs the same checks while the supervisor types, so the messages match the server's 422 exactly.
#include "yiyang/knowledge.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

namespace yiyang {

namespace {

struct KindEntry {
    KbKind value;
    const char* code;
    const char* label;
};

// In declaration order, so `value == index` holds and all_KbKinds() is the table's order.
constexpr std::array<KindEntry, 5> kKinds{{
    {KbKind::Policy, "policy", "政策"},
    {KbKind::ServiceItem, "service_item", "服务项目"},
    {KbKind::SubsidyItem, "subsidy_item", "补贴项目"},
    {KbKind::ProviderInfo, "provider_info", "服务商信息"},
    {KbKind::Faq, "faq", "常见问题"},
}};

// One UTF-8 character at `i`: its length in bytes and code point; len 0 when the bytes are not valid UTF-8.
struct Utf8Char {
    std::size_t len = 0;
    std::uint32_t cp = 0;
};

Utf8Char next_char(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    Utf8Char out;
    if (c < 0x80) return {1, c};
    if ((c & 0xE0) == 0xC0) { out.len = 2; out.cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { out.len = 3; out.cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { out.len = 4; out.cp = c & 0x07u; }
    else return {};
    if (i + out.len > s.size()) return {};
    for (std::size_t k = 1; k < out.len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return {};
        out.cp = (out.cp << 6) | (cc & 0x3Fu);
    }
    if ((out.len == 2 && out.cp < 0x80) || (out.len == 3 && out.cp < 0x800) || (out.len == 4 && out.cp < 0x10000) ||
        out.cp > 0x10FFFF || (out.cp >= 0xD800 && out.cp <= 0xDFFF)) {
        return {};
    }
    return out;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto ch = next_char(s, i);
        if (ch.len == 0) return false;
        i += ch.len;
    }
    return true;
}

bool is_control(std::uint32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }

// Control characters other than newline and tab (which an article body may hold).
bool has_control(std::string_view s, bool allow_newlines) {
    for (std::size_t i = 0; i < s.size();) {
        auto ch = next_char(s, i);
        if (ch.len == 0) return false;
        if (is_control(ch.cp) && !(allow_newlines && (ch.cp == '\n' || ch.cp == '\t' || ch.cp == '\r'))) return true;
        i += ch.len;
    }
    return false;
}

bool is_blank_cp(std::uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000; }

// Trims ASCII and full-width blanks from both ends.
std::string trim(std::string_view s) {
    std::size_t b = 0;
    while (b < s.size()) {
        auto ch = next_char(s, b);
        if (ch.len == 0 || !is_blank_cp(ch.cp)) break;
        b += ch.len;
    }
    std::size_t e = s.size();
    while (e > b) {
        // Step back to the start of the last character.
        std::size_t k = e - 1;
        while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
        auto ch = next_char(s, k);
        if (ch.len == 0 || k + ch.len != e || !is_blank_cp(ch.cp)) break;
        e = k;
    }
    return std::string(s.substr(b, e - b));
}

void add(std::vector<FieldError>& errors, std::string field, std::string code, std::string message) {
    errors.push_back({std::move(field), std::move(code), std::move(message)});
}

// Checks one text field: required, length in characters, UTF-8, control characters.
void check_text(std::vector<FieldError>& errors, const char* field, const char* label, const std::string& value,
                std::size_t max, bool multiline) {
    if (!valid_utf8(value)) return add(errors, field, "encoding", std::string(label) + "不是有效的 UTF-8 文本");
    if (trim(value).empty()) return add(errors, field, "required", std::string(label) + "不能为空");
    const auto n = utf8_length(value);
    if (n > max) {
        return add(errors, field, "too_long", std::string(label) + "不能超过" + std::to_string(max) + "个字（现为" +
                                                  std::to_string(n) + "个字）");
    }
    if (has_control(value, multiline)) add(errors, field, "format", std::string(label) + "包含不可见的控制字符");
}

std::size_t lower_ascii_find(std::string_view hay, std::string_view needle) {
    if (needle.empty() || needle.size() > hay.size()) return std::string_view::npos;
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        bool same = true;
        for (std::size_t k = 0; k < needle.size() && same; ++k) same = lower(hay[i + k]) == lower(needle[k]);
        if (same) return i;
    }
    return std::string_view::npos;
}

}  // namespace

const char* code(KbKind v) { return kKinds.at(static_cast<std::size_t>(v)).code; }
const char* label_zh(KbKind v) { return kKinds.at(static_cast<std::size_t>(v)).label; }

std::optional<KbKind> parse_KbKind(std::string_view text) {
    for (const auto& e : kKinds) {
        if (text == e.code) return e.value;
    }
    return std::nullopt;
}

const std::vector<KbKind>& all_KbKinds() {
    static const std::vector<KbKind> values = [] {
        std::vector<KbKind> v;
        for (const auto& e : kKinds) v.push_back(e.value);
        return v;
    }();
    return values;
}

const std::vector<KbKind>& public_KbKinds() {
    static const std::vector<KbKind> kinds = {KbKind::Policy, KbKind::SubsidyItem, KbKind::ServiceItem, KbKind::Faq};
    return kinds;
}

bool is_public(KbKind kind) {
    const auto& k = public_KbKinds();
    return std::find(k.begin(), k.end(), kind) != k.end();
}

bool public_may_read(KbKind kind, bool published) { return published && is_public(kind); }

void to_json(nlohmann::json& j, const KbKind& v) { j = code(v); }

void from_json(const nlohmann::json& j, KbKind& v) {
    if (!j.is_string()) throw std::invalid_argument("知识类别应为文本");
    auto k = parse_KbKind(j.get_ref<const std::string&>());
    if (!k) throw std::invalid_argument("未知的知识类别 \"" + j.get<std::string>() + "\"");
    v = *k;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++n) {
        auto ch = next_char(text, i);
        i += ch.len == 0 ? 1 : ch.len;
    }
    return n;
}

std::vector<FieldError> kb_draft_from_request(const nlohmann::json& body, bool edit, KbArticleDraft& out,
                                              bool published_before) {
    std::vector<FieldError> errors;
    if (!body.is_object()) {
        add(errors, "", "type", "请求内容应为JSON对象");
        return errors;
    }
    for (const auto& [key, value] : body.items()) {
        const bool known = key == "kind" || key == "title" || key == "body" || key == "tags" || key == "published" ||
                           (edit && (key == "version" || key == "reason"));
        if (!known) add(errors, key, "unknown_field", "未知字段“" + key + "”（请检查拼写）");
    }
    KbArticleDraft d;
    d.published = edit && published_before;
    if (auto it = body.find("published"); it != body.end() && !it->is_null()) {
        if (!it->is_boolean()) add(errors, "published", "type", "“对公众公开”应为 true 或 false");
        else d.published = it->get<bool>();
    }
    auto text = [&](const char* key, const char* label, std::string& target) {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) return;
        if (!it->is_string()) return add(errors, key, "type", std::string(label) + "应为文本");
        target = it->get<std::string>();
    };
    if (auto it = body.find("kind"); it == body.end() || it->is_null()) {
        add(errors, "kind", "required", "请选择知识类别");
    } else if (!it->is_string()) {
        add(errors, "kind", "type", "知识类别应为文本");
    } else if (auto k = parse_KbKind(it->get_ref<const std::string&>())) {
        d.kind = *k;
    } else {
        add(errors, "kind", "unknown", "未知的知识类别“" + it->get<std::string>() +
                                           "”（可选：政策、服务项目、补贴项目、服务商信息、常见问题）");
    }
    text("title", "标题", d.title);
    text("body", "正文", d.body);
    if (auto it = body.find("tags"); it != body.end() && !it->is_null()) {
        if (!it->is_array()) {
            add(errors, "tags", "type", "标签应为文本数组");
        } else {
            for (const auto& t : *it) {
                if (!t.is_string()) {
                    add(errors, "tags", "type", "标签应为文本数组");
                    break;
                }
                d.tags.push_back(t.get<std::string>());
            }
        }
    }
    if (edit) {
        if (auto it = body.find("version"); it == body.end() || it->is_null()) {
            add(errors, "version", "required", "缺少版本号（请先读取文章再修改）");
        } else if (!it->is_number_integer()) {
            add(errors, "version", "type", "版本号应为整数");
        } else {
            d.version = it->get<std::int64_t>();
        }
        text("reason", "修改原因", d.reason);
    }
    if (errors.empty()) out = std::move(d);
    return errors;
}

std::vector<FieldError> validate_article(KbArticleDraft& draft, bool edit) {
    std::vector<FieldError> errors;
    if (static_cast<std::size_t>(draft.kind) >= kKinds.size()) add(errors, "kind", "unknown", "未知的知识类别");
    else if (draft.published && !is_public(draft.kind))
        add(errors, "published", "not_public", std::string(label_zh(draft.kind)) + "是内部资料，不能对公众公开");
    if (valid_utf8(draft.title)) draft.title = trim(draft.title);
    check_text(errors, "title", "标题", draft.title, kKbTitleMax, false);
    check_text(errors, "body", "正文", draft.body, kKbBodyMax, true);
    if (draft.tags.size() > kKbTagsMax) {
        add(errors, "tags", "too_many", "标签不能超过" + std::to_string(kKbTagsMax) + "个（现为" +
                                            std::to_string(draft.tags.size()) + "个）");
    } else {
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < draft.tags.size(); ++i) {
            auto& tag = draft.tags[i];
            const std::string where = "第" + std::to_string(i + 1) + "个标签";
            if (!valid_utf8(tag)) { add(errors, "tags", "encoding", where + "不是有效的 UTF-8 文本"); continue; }
            tag = trim(tag);
            if (tag.empty()) { add(errors, "tags", "required", where + "为空"); continue; }
            if (utf8_length(tag) > kKbTagMax) {
                add(errors, "tags", "too_long", where + "“" + tag + "”超过" + std::to_string(kKbTagMax) + "个字");
                continue;
            }
            if (has_control(tag, false)) { add(errors, "tags", "format", where + "包含不可见的控制字符"); continue; }
            if (std::find(seen.begin(), seen.end(), tag) != seen.end()) {
                add(errors, "tags", "duplicate", "标签“" + tag + "”重复");
                continue;
            }
            seen.push_back(tag);
        }
    }
    if (edit) {
        if (valid_utf8(draft.reason)) draft.reason = trim(draft.reason);
        if (draft.reason.empty()) {
            add(errors, "reason", "required", "请填写修改原因");
        } else {
            check_text(errors, "reason", "修改原因", draft.reason, kKbReasonMax, false);
        }
        if (draft.version < 1) add(errors, "version", "format", "版本号应为正整数（请先读取文章再修改）");
    }
    return errors;
}

std::string kb_snippet(std::string_view text, std::string_view term, std::size_t max_chars) {
    if (max_chars == 0) return {};
    // Character start offsets of the text (invalid bytes count as one character each).
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size();) {
        starts.push_back(i);
        auto ch = next_char(text, i);
        i += ch.len == 0 ? 1 : ch.len;
    }
    const std::size_t n = starts.size();
    std::size_t first = 0;   // character index where the excerpt starts
    if (const auto at = lower_ascii_find(text, term); at != std::string_view::npos) {
        // The match starts on a character boundary (UTF-8 is self-synchronising); show some lead-in.
        const auto idx = static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), at) - starts.begin());
        const std::size_t lead = max_chars / 4;
        first = idx > lead ? idx - lead : 0;
        if (n <= max_chars) first = 0;
        else if (first + max_chars > n) first = n - max_chars;
    }
    const std::size_t last = std::min(n, first + max_chars);   // one past the last character shown
    std::string out;
    if (first > 0) out += "…";
    const std::size_t b = first < n ? starts[first] : text.size();
    const std::size_t e = last < n ? starts[last] : text.size();
    for (std::size_t i = b; i < e;) {
        auto ch = next_char(text, i);
        if (ch.len == 0) { out += "\xEF\xBF\xBD"; ++i; continue; }   // U+FFFD: never emit broken UTF-8
        if (ch.cp == '\n' || ch.cp == '\r' || ch.cp == '\t') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out.append(text.substr(i, ch.len));
        }
        i += ch.len;
    }
    if (last < n) out += "…";
    return out;
}

std::vector<std::string> kb_query_terms(std::string_view query) {
    std::vector<std::string> terms;
    std::string current;
    for (std::size_t i = 0; i < query.size();) {
        auto ch = next_char(query, i);
        const std::size_t len = ch.len == 0 ? 1 : ch.len;
        if (ch.len != 0 && is_blank_cp(ch.cp)) {
            if (!current.empty()) terms.push_back(std::move(current));
            current.clear();
        } else {
            current.append(query.substr(i, len));
        }
        i += len;
    }
    if (!current.empty()) terms.push_back(std::move(current));
    if (terms.size() > 8) terms.resize(8);
    return terms;
}

}  // namespace yiyang
