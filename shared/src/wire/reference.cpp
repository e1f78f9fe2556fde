// Towns and providers wire format (wire/reference.hpp).
#include "yiyang/wire/reference.hpp"

namespace yiyang::wire {

void to_json(json& j, const TownList& l) { j = {{"towns", l.towns}}; }
void from_json(const json& j, TownList& l) { j.at("towns").get_to(l.towns); }

void to_json(json& j, const ProviderList& l) { j = {{"items", l.items}, {"total", l.total}}; }
void from_json(const json& j, ProviderList& l) {
    j.at("items").get_to(l.items);
    get_or(j, "total", l.total, static_cast<std::int64_t>(l.items.size()));
}

}  // namespace yiyang::wire
