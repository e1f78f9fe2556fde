// The demo city: a deterministic generator (seed -> the same city, natively and in WebAssembly) of
// Zhongshan's 23 towns and streets with approximate coordinates, elders with valid resident IDs and
// plausible names, ages skewed like a real over-60 population, categories and disability levels in
// plausible shares, providers with categories, coverage and service points, and months of work orders
// and service records. Records stream to a sink, so a city-scale run never holds everything in memory.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include "yiyang/records.hpp"

namespace yiyang {

struct DemoScale {
    std::string name;                 // "tiny" | "demo" | "city"
    std::int64_t elders = 0;
    int providers = 0;
    std::int64_t work_orders = 0;
    std::int64_t service_records = 0;
    int months = 0;                   // history length, ending with the month of `today`
};
// tiny: 300 elders, 12 providers, 400 orders, 1 200 records, 2 months (unit tests)
// demo: 6 000 elders, 60 providers, 8 000 orders, 24 000 records, 4 months (./yiyang run)
// city: 600 000 elders, 400 providers, 2 000 000 orders, 6 000 000 records, 12 months (benchmarks)
std::optional<DemoScale> demo_scale(std::string_view name);

class DemoSink {
public:
    virtual ~DemoSink() = default;
    virtual void town(const Town& t) = 0;                 // all towns first, ids 1..23
    virtual void provider(const Provider& p) = 0;         // then providers (with their service points)
    virtual void elder(const Elder& e) = 0;               // then elders, ids 1..N
    virtual void work_order(const WorkOrder& o) = 0;      // then orders in time order, ids 1..N
    virtual void service_record(const ServiceRecord& r) = 0;   // interleaved with orders, ids 1..N
};

// `now` is the generation instant (local seconds); history ends the day before `now`.
void generate_demo_city(std::uint64_t seed, const DemoScale& scale, LocalSeconds now, DemoSink& sink);

// Towns of Zhongshan (中山市): 8 streets and 15 towns, by their real names, with approximate centres.
const std::vector<Town>& zhongshan_towns();

}  // namespace yiyang
