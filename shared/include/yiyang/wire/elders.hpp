// Wire format of /api/v1/elders: the masked page of a search, one elder with its town's name, and the history.
// Elders travel as records.hpp Elder (its to_json / from_json), already redacted for the caller's role.
#pragma once
#include <string>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/audit.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// GET /elders: a page plus "masked" (the role sees ID numbers or phones masked).
struct ElderPage {
    Page<Elder> page;
    bool masked = false;
};
void to_json(json& j, const ElderPage& p);
void from_json(const json& j, ElderPage& p);

// GET /elders/{id}, POST /elders (201), PUT /elders/{id}. The request body of POST / PUT is an Elder.
struct ElderReply {
    Elder elder;
    std::string town_name;
};
void to_json(json& j, const ElderReply& r);
void from_json(const json& j, ElderReply& r);

// GET /elders/{id}/history
struct AuditList {
    std::vector<AuditEntry> events;
};
void to_json(json& j, const AuditList& l);
void from_json(const json& j, AuditList& l);

}  // namespace yiyang::wire
