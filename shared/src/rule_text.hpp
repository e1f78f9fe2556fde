// The Chinese wording of the rule-data parsers' errors (SLA rules, KPI targets, work calendar, dispatch weights),
// in one place so they read alike on 规则管理. Locations stay machine-readable (`rules[2]`, field "x"): the
// registry's field_of_parse_error() finds the form field after `字段 "`.
#pragma once
#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"

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

// The envelope every rule body has (version, effective_from, comment) plus the kind's own fields, checked: an unknown
// field, an empty version or a malformed date throws std::invalid_argument naming it. Returns the version ("" when
// absent). `name_zh`: the kind as the message says it (核查资格规则).
inline std::string envelope(const nlohmann::json& j, const std::string& name_zh, std::initializer_list<const char*> own) {
    if (!j.is_object()) throw std::invalid_argument(name_zh + "应为 JSON 对象");
    for (const auto& item : j.items()) {
        const auto& k = item.key();
        const bool known = k == "version" || k == "comment" || k == "effective_from" ||
                           std::any_of(own.begin(), own.end(), [&](const char* o) { return k == o; });
        if (!known) throw std::invalid_argument("字段 \"" + k + "\" 不是" + name_zh + "的字段");
    }
    std::string version;
    if (j.contains("version")) {
        if (!j.at("version").is_string() || j.at("version").get<std::string>().empty())
            throw std::invalid_argument("字段 \"version\" 应为非空文本");
        version = j.at("version").get<std::string>();
    }
    if (j.contains("effective_from") &&
        (!j.at("effective_from").is_string() || !parse_date(j.at("effective_from").get<std::string>())))
        throw std::invalid_argument("字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 " +
                                    j.at("effective_from").dump());
    return version;
}

}  // namespace yiyang::rule_text
