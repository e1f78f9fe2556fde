// What is left of reading replies by member name: the error envelope (through wire::ErrorReply) and the free-form
// parts of typed replies — an audit event's `changes`, a drill-down row (an order or a call). Every reply itself
// is read as its shared struct (yiyang/wire/*.hpp, wire::read_reply). Never throws into the frame loop.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::client {

// Text of a member; an integer member as its decimal text; otherwise "".
inline std::string str_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
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

// A member that is an object, or nullptr.
inline const nlohmann::json* obj_of(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_object()) ? &*it : nullptr;
}

// The error envelope of a refused request (wire/common.hpp ErrorReply), or nullopt when the body is not one.
inline std::optional<wire::ErrorReply> error_reply_of(const nlohmann::json& body) {
    if (!body.is_object() || !body.contains("error")) return std::nullopt;
    return wire::read_reply<wire::ErrorReply>(body);
}

// The error code of an error reply, "" otherwise.
inline std::string error_code_of(const nlohmann::json& body) {
    auto e = error_reply_of(body);
    return e ? e->code : std::string();
}

// The per-field messages of an error reply, by field; several messages for one field are joined with "；".
inline std::map<std::string, std::string> field_errors_of(const nlohmann::json& body) {
    std::map<std::string, std::string> out;
    auto e = error_reply_of(body);
    if (!e) return out;
    for (const auto& fe : e->fields) {
        std::string& slot = out[fe.field];
        if (!slot.empty()) slot += "；";
        slot += fe.message_zh;
    }
    return out;
}

}  // namespace yiyang::client
