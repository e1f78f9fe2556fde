// Reading the server's JSON replies leniently: a missing or mistyped member gives an empty value, never an
// exception (a reply the dashboard cannot read is reported by the caller, not thrown through the frame loop).
#pragma once
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"

namespace yiyang::client {

// Text of a member; an integer member as its decimal text; otherwise "".
inline std::string str_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    return {};
}

// The first of several keys present as non-empty text (replies may name the same thing differently).
inline std::string str_any(const nlohmann::json& j, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        std::string v = str_of(j, k);
        if (!v.empty()) return v;
    }
    return {};
}

// A number member as an integer (a fraction is truncated); `fallback` when absent or not a number.
inline std::int64_t int_of(const nlohmann::json& j, const char* key, std::int64_t fallback = 0) {
    auto it = j.find(key);
    if (it == j.end()) return fallback;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_number()) return static_cast<std::int64_t>(it->get<double>());
    return fallback;
}

inline bool bool_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

// "2026-11-23T09:30:00" as local seconds; nullopt when absent or malformed.
inline std::optional<LocalSeconds> time_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return parse_timestamp(it->get<std::string>());
}

inline const nlohmann::json* obj_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_object()) ? &*it : nullptr;
}

inline const nlohmann::json* arr_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_array()) ? &*it : nullptr;
}

inline std::vector<std::string> strings_of(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (const nlohmann::json* a = arr_of(j, key)) {
        for (const auto& v : *a) if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

// The error code of an error reply ({"error":{"code",...}}), "" otherwise.
inline std::string error_code_of(const nlohmann::json& body) {
    if (!body.is_object()) return {};
    const nlohmann::json* e = obj_of(body, "error");
    return e ? str_of(*e, "code") : std::string();
}

// The per-field messages of an error reply ({"error":{"fields":[{"field","code","message"|"message_zh"}]}}),
// by field; several messages for one field are joined with "；".
inline std::map<std::string, std::string> field_errors_of(const nlohmann::json& body) {
    std::map<std::string, std::string> out;
    const nlohmann::json* e = body.is_object() ? obj_of(body, "error") : nullptr;
    const nlohmann::json* fields = e ? arr_of(*e, "fields") : nullptr;
    if (!fields) return out;
    for (const auto& fe : *fields) {
        if (!fe.is_object()) continue;
        std::string& slot = out[str_of(fe, "field")];
        if (!slot.empty()) slot += "；";
        slot += str_any(fe, {"message", "message_zh"});
    }
    return out;
}

}  // namespace yiyang::client
