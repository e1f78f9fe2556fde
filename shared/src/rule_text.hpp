// The Chinese wording of the rule-data parsers' errors (SLA rules, KPI targets, work calendar, dispatch weights),
// in one place so they read alike on 规则管理. Locations stay machine-readable (`rules[2]`, field "x"): the
// registry's field_of_parse_error() finds the form field after `字段 "`.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace yiyang::rule_text {

// The kind of a JSON value in Chinese, for "实际为…" (nlohmann's type_name() is English).
inline const char* json_kind_zh(const nlohmann::json& v) {
    switch (v.type()) {
        case nlohmann::json::value_t::object: return "对象";
        case nlohmann::json::value_t::array: return "列表";
        case nlohmann::json::value_t::string: return "文本";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return "数字";
        case nlohmann::json::value_t::boolean: return "布尔值";
        case nlohmann::json::value_t::null: return "空值";
        default: return "无法识别的值";
    }
}

// Not "quoted": std::quoted would be found too (argument-dependent lookup) and win for a non-const string.
inline std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// `字段 "key"`: the marker field_of_parse_error() looks for.
inline std::string field(const std::string& key) { return "字段 " + in_quotes(key); }

inline std::string missing(const std::string& key) { return "缺少" + field(key); }

inline std::string unknown(const std::string& key) { return "未知" + field(key) + "（是否拼写错误？）"; }

// `字段 "key" 应为文本，实际为数字`
inline std::string wrong_kind(const std::string& key, const std::string& expected_zh, const nlohmann::json& got) {
    return field(key) + " 应为" + expected_zh + "，实际为" + json_kind_zh(got);
}

// `字段 "key" 应为 a、b、c 之一，实际为 "x"`
inline std::string not_one_of(const std::string& key, const std::vector<std::string>& allowed, const std::string& got) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : "、") + a;
    return field(key) + " 应为 " + list + " 之一，实际为 " + in_quotes(got);
}

// Locations: `"v1"，rules[2]（callback_24h）`.
inline std::string then(const std::string& where, const std::string& part) {
    return where.empty() ? part : where + "，" + part;
}
inline std::string named(const std::string& where, const std::string& name) { return where + "（" + name + "）"; }

// `SLA 规则 "v1"，rules[2]：what`, or `SLA 规则：what` before the version is known.
inline std::string located(const std::string& prefix, const std::string& where, const std::string& what) {
    return prefix + (where.empty() ? std::string() : " " + where) + "：" + what;
}

}  // namespace yiyang::rule_text
