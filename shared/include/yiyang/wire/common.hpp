// The wire format's common parts: every request and reply of /api/v1 is a struct in shared/include/yiyang/wire/
// with to_json / from_json beside it, used by the server's routes to write and by the dashboard to read, so a
// member name exists once. This header holds what all of them use: pages, the error envelope, optional
// members, and reading a reply without throwing through the frame loop.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/validation.hpp"

namespace yiyang::wire {

using nlohmann::json;

// Optional members: absent (or null) on the wire when empty.
template <class T>
void put_opt(json& j, const char* key, const std::optional<T>& v) {
    if (v) j[key] = *v;
}
template <class T>
void get_opt(const json& j, const char* key, std::optional<T>& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) out.reset();
    else out = it->template get<T>();
}
// A member with a default when absent or null.
template <class T>
void get_or(const json& j, const char* key, T& out, T fallback = T{}) {
    auto it = j.find(key);
    out = (it == j.end() || it->is_null()) ? std::move(fallback) : it->template get<T>();
}

// A page of a list: {"items":[...],"total":N,"page":P,"page_size":S}.
template <class T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    int page = 1;
    int page_size = 20;
};
template <class T>
void to_json(json& j, const Page<T>& p) {
    j = json{{"items", p.items}, {"total", p.total}, {"page", p.page}, {"page_size", p.page_size}};
}
template <class T>
void from_json(const json& j, Page<T>& p) {
    j.at("items").get_to(p.items);
    get_or(j, "total", p.total, static_cast<std::int64_t>(p.items.size()));
    get_or(j, "page", p.page, 1);
    get_or(j, "page_size", p.page_size, 20);
}

// {"error":{"code","message","fields":[{"field","code","message"}]}}: every refused request.
struct ErrorReply {
    std::string code;
    std::string message;
    std::vector<FieldError> fields;
};
void to_json(json& j, const ErrorReply& e);
void from_json(const json& j, ErrorReply& e);

// A reply body as T, or nullopt with `error` saying which member was missing or mistyped (the dashboard
// reports it; nothing is thrown into the frame loop).
template <class T>
std::optional<T> read_reply(const json& body, std::string* error = nullptr) {
    try {
        return body.get<T>();
    } catch (const json::exception& e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
}

}  // namespace yiyang::wire
