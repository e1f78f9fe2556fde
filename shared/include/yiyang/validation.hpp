// Validation of records coming from people (forms, API bodies, imports). Every problem names the field
// and says in Chinese what is wrong; nothing is accepted half-valid.
#pragma once
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/records.hpp"

namespace yiyang {

struct FieldError {
    std::string field;        // "id_number", "phone", "name", "town_id", "categories", "death_date", ...
    std::string code;         // "checksum", "required", "too_long", "format", "inconsistent", ...
    std::string message_zh;   // "身份证号校验位错误：应为 X，实际为 3"
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

// Checks an elder as submitted. Derives birth_date and sex from the ID number when it is valid
// (the derived values overwrite what was sent). `known_town_ids` is the set of towns that exist.
// Rules: name 2..20 characters of text; ID valid (GB 11643) and birth not after today; age >= 60 on today;
// phone a valid mainland mobile or empty; town exists; community and address <= 100 characters;
// Disabled category <=> disability level != None; AdvancedAge only when age >= 80;
// status Deceased <=> death_date present, death_date not before birth nor after today.
std::vector<FieldError> validate_elder(Elder& elder, const std::set<Id>& known_town_ids, const Date& today);

// An elder from a JSON body: unknown keys are refused (typos must not be silently dropped), wrong types say
// which field. Returns errors instead of throwing.
std::vector<FieldError> elder_from_request(const nlohmann::json& body, Elder& out);

void to_json(nlohmann::json& j, const FieldError& e);
void from_json(const nlohmann::json& j, FieldError& e);

}  // namespace yiyang
