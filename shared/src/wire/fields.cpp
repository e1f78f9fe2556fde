// Strict request members (wire/fields.hpp).
#include "yiyang/wire/fields.hpp"

namespace yiyang::wire {

void unknown_members(const json& j, const std::set<std::string>& known, std::vector<FieldError>& e) {
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key()))
            e.push_back({it.key(), "unknown", "未知字段“" + it.key().substr(0, 40) + "”"});
}

std::string text_of(const json& j, const char* key, const char* name_zh, std::size_t max_bytes, bool required,
                    std::vector<FieldError>& e) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) e.push_back({key, "required", std::string("请填写") + name_zh + "（" + key + "）"});
        return "";
    }
    if (!it->is_string()) {
        e.push_back({key, "format", std::string(name_zh) + "（" + key + "）应为文本"});
        return "";
    }
    std::string s = it->get<std::string>();
    if (s.size() > max_bytes) {
        e.push_back({key, "too_long", std::string(name_zh) + "（" + key + "）不能超过 " + std::to_string(max_bytes) + " 字节"});
        return "";
    }
    if (required && s.empty()) e.push_back({key, "required", std::string("请填写") + name_zh + "（" + key + "）"});
    return s;
}

}  // namespace yiyang::wire
