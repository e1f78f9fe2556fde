// The service map's inputs (coverage_inputs.hpp): three reads, no joins per elder.
#include "store/coverage_inputs.hpp"

#include <map>

#include "store/reference.hpp"

namespace yiyang::store {

coverage::MapInputs load_coverage_inputs(SQLite::Database& db) {
    coverage::MapInputs in;
    {
        // Elders without a recorded position (0, 0) have no place on the map and no walk to measure.
        SQLite::Statement q(db, "SELECT town_id, lat_e6, lon_e6 FROM elders WHERE status = 'active' AND "
                                "(lat_e6 <> 0 OR lon_e6 <> 0)");
        while (q.executeStep())
            in.elders.push_back(coverage::ElderAt{q.getColumn(0).getInt64(),
                                                  GeoPoint{q.getColumn(1).getInt(), q.getColumn(2).getInt()}});
    }
    std::map<Id, std::vector<std::string>> categories;
    {
        SQLite::Statement q(db, "SELECT c.provider_id, c.category FROM provider_categories c JOIN providers p "
                                "ON p.id = c.provider_id WHERE p.status <> 'removed' ORDER BY c.provider_id, c.category");
        while (q.executeStep()) categories[q.getColumn(0).getInt64()].push_back(q.getColumn(1).getString());
    }
    {
        SQLite::Statement q(db, "SELECT s.id, s.provider_id, s.name, s.town_id, s.lat_e6, s.lon_e6 FROM service_points s "
                                "JOIN providers p ON p.id = s.provider_id WHERE p.status <> 'removed' ORDER BY s.id");
        while (q.executeStep()) {
            const auto it = categories.find(q.getColumn(1).getInt64());
            in.points.push_back(coverage::PointAt{q.getColumn(0).getInt64(), q.getColumn(3).getInt64(),
                                                  GeoPoint{q.getColumn(4).getInt(), q.getColumn(5).getInt()},
                                                  it == categories.end() ? std::vector<std::string>{} : it->second});
            in.point_names.push_back(q.getColumn(2).getString());
        }
    }
    in.towns = all_towns(db);
    return in;
}

}  // namespace yiyang::store
