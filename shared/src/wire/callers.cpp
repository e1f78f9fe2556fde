// The caller name search's wire format (wire/callers.hpp).
#include "yiyang/wire/callers.hpp"

namespace yiyang::wire {

void to_json(json& j, const CallerCandidate& v) {
    j = json{{"elder_id", v.elder_id}, {"name", v.name},           {"phone", v.phone},
             {"town_id", v.town_id},   {"town_name", v.town_name}, {"age_band", v.age_band},
             {"status", v.status},     {"status_name", v.status_name}};
}
void from_json(const json& j, CallerCandidate& v) {
    j.at("elder_id").get_to(v.elder_id);
    j.at("name").get_to(v.name);
    get_or(j, "phone", v.phone);
    get_or(j, "town_id", v.town_id);
    get_or(j, "town_name", v.town_name);
    get_or(j, "age_band", v.age_band);
    get_or(j, "status", v.status);
    get_or(j, "status_name", v.status_name);
}
void to_json(json& j, const CallerNamesReply& v) {
    j = json{{"q", v.q}, {"candidates", v.candidates}, {"more", v.more}};
}
void from_json(const json& j, CallerNamesReply& v) {
    get_or(j, "q", v.q);
    j.at("candidates").get_to(v.candidates);
    get_or(j, "more", v.more);
}

}  // namespace yiyang::wire
