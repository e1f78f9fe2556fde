// Loads a generated demo city (shared/demo_city) into a new database file, fast: one transaction,
// prepared statements, secondary indexes built after the bulk insert.
#pragma once
#include <cstdint>
#include <string>
#include "yiyang/demo_city.hpp"

namespace yiyang::store {

struct DemoLoadStats {
    std::int64_t towns = 0, providers = 0, elders = 0, work_orders = 0, service_records = 0, calls = 0;
    double seconds = 0;
};

// Creates `path` (which must not exist) with the schema and the demo city; on any failure the partial
// file is removed, so a database either has the whole city or does not exist.
DemoLoadStats create_demo_database(const std::string& path, std::uint64_t seed, const DemoScale& scale,
                                   LocalSeconds now);

}  // namespace yiyang::store
