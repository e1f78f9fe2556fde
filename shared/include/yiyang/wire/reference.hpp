// Wire format of GET /api/v1/towns and GET /api/v1/providers (records.hpp Town and Provider, the latter
// already redacted for the caller's role).
#pragma once
#include <cstdint>
#include <vector>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct TownList {
    std::vector<Town> towns;
};
void to_json(json& j, const TownList& l);
void from_json(const json& j, TownList& l);

struct ProviderList {
    std::vector<Provider> items;
    std::int64_t total = 0;
};
void to_json(json& j, const ProviderList& l);
void from_json(const json& j, ProviderList& l);

}  // namespace yiyang::wire
