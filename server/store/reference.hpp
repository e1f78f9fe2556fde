// Reference data: towns and providers (with categories, coverage and service points).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <set>
#include <vector>
#include "yiyang/records.hpp"

namespace yiyang::store {

void insert_town(SQLite::Database& db, const Town& t);
std::vector<Town> all_towns(SQLite::Database& db);
std::set<Id> town_ids(SQLite::Database& db);

void insert_provider(SQLite::Database& db, const Provider& p);
struct ProviderQuery {
    std::optional<ProviderStatus> status;
    std::optional<ServiceCategory> category;
    std::optional<Id> town;
    std::optional<Id> only_id;      // a provider user sees its own record
};
std::vector<Provider> find_providers(SQLite::Database& db, const ProviderQuery& q);
bool provider_exists(SQLite::Database& db, Id id);

}  // namespace yiyang::store
