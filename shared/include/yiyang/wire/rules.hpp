// Wire format of the rule registry endpoints: GET /api/v1/rules, GET /api/v1/rules/{kind}/{version},
// POST /api/v1/rules/{kind}/preview and POST /api/v1/rules/{kind}. The list items and the changes are
// rule_registry.hpp's own structs (RuleKindInfo, RuleChange); the request is its RuleCandidate.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct RulesListReply {
    std::string today;                   // "2026-12-04": in_force / scheduled are judged on it
    std::vector<RuleKindInfo> kinds;
};

// One version as published (the body as stored).
struct RuleVersionReply {
    std::string kind, version, effective_from, published_at, published_by, reason;
    bool in_force = false, scheduled = false;
    json body = json::object();
};
RuleVersionReply rule_version_reply(const RuleVersion& v, const Date& today, const RuleBook& book);

// A preview's reply (200), a publication's (201, with id and in_force_today) and a refused publication's
// (422: the same members plus the error envelope, whose fields are `errors`).
struct RuleCheckReply {
    std::string kind, version, effective_from;
    std::optional<std::string> replaces;     // the version in force on effective_from before this one
    std::vector<RuleChange> changes;
    std::vector<FieldError> errors;
    bool ok = false;
    json body = json::object();              // the body as it would be stored
    std::optional<Id> id;                    // published: the row
    std::optional<bool> in_force_today;      // published: in force at once
    std::optional<std::string> error_code, error_message;   // refused: {"error":{code, message, fields}}
};
RuleCheckReply rule_check_reply(const RuleCandidate& c, const RuleCheck& check);

void to_json(json& j, const RulesListReply& v);
void from_json(const json& j, RulesListReply& v);
void to_json(json& j, const RuleVersionReply& v);
void from_json(const json& j, RuleVersionReply& v);
void to_json(json& j, const RuleCheckReply& v);
void from_json(const json& j, RuleCheckReply& v);

}  // namespace yiyang::wire
