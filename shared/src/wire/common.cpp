// The error envelope (wire/common.hpp).
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

void to_json(json& j, const ErrorReply& e) {
    j = json{{"error", {{"code", e.code}, {"message", e.message}, {"fields", e.fields}}}};
}

void from_json(const json& j, ErrorReply& e) {
    const json& inner = j.at("error");
    e.code = inner.value("code", std::string());
    e.message = inner.value("message", std::string());
    e.fields.clear();
    if (auto it = inner.find("fields"); it != inner.end() && it->is_array()) e.fields = it->get<std::vector<FieldError>>();
}

}  // namespace yiyang::wire
