// Reading a strict request's members with field errors that name the member in Chinese (the contract requests,
// the kiosk device requests).
#pragma once
#include <set>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// The members a strict request may carry; anything else is a field error.
void unknown_members(const json& j, const std::set<std::string>& known, std::vector<FieldError>& e);
// A text member: absent / null is "" (a field error when required), not a string or longer than max_bytes a
// field error naming it ("<name_zh>（<key>）不能超过 N 字节").
std::string text_of(const json& j, const char* key, const char* name_zh, std::size_t max_bytes, bool required,
                    std::vector<FieldError>& e);

}  // namespace yiyang::wire
