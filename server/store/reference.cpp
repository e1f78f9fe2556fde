// Towns and providers in SQLite.
#include "store/reference.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace yiyang::store {

void insert_town(SQLite::Database& db, const Town& t) {
    SQLite::Statement st(db, "INSERT INTO towns (id, code, name, is_street, lat_e6, lon_e6, communities) "
                             "VALUES (?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(t.id));
    st.bind(2, t.code);
    st.bind(3, t.name);
    st.bind(4, t.is_street ? 1 : 0);
    st.bind(5, t.centre.lat_e6);
    st.bind(6, t.centre.lon_e6);
    st.bind(7, nlohmann::json(t.communities).dump());
    st.exec();
}

std::vector<Town> all_towns(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id, code, name, is_street, lat_e6, lon_e6, communities FROM towns ORDER BY id");
    std::vector<Town> out;
    while (st.executeStep()) {
        Town t;
        t.id = st.getColumn(0).getInt64();
        t.code = st.getColumn(1).getString();
        t.name = st.getColumn(2).getString();
        t.is_street = st.getColumn(3).getInt() != 0;
        t.centre = {st.getColumn(4).getInt(), st.getColumn(5).getInt()};
        auto c = nlohmann::json::parse(st.getColumn(6).getString(), nullptr, false);
        if (c.is_array()) t.communities = c.get<std::vector<std::string>>();
        out.push_back(std::move(t));
    }
    return out;
}

std::set<Id> town_ids(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id FROM towns");
    std::set<Id> out;
    while (st.executeStep()) out.insert(st.getColumn(0).getInt64());
    return out;
}

void insert_provider(SQLite::Database& db, const Provider& p) {
    SQLite::Statement st(db, "INSERT INTO providers (id, name, licence_no, status, published_on_miniprogram, "
                             "radiates_to_points, contact_phone, staff_count, rating_permille) VALUES (?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(p.id));
    st.bind(2, p.name);
    st.bind(3, p.licence_no);
    st.bind(4, code(p.status));
    st.bind(5, p.published_on_miniprogram ? 1 : 0);
    st.bind(6, p.radiates_to_points ? 1 : 0);
    st.bind(7, p.contact_phone);
    st.bind(8, p.staff_count);
    st.bind(9, p.rating_permille);
    st.exec();
    SQLite::Statement cat(db, "INSERT INTO provider_categories (provider_id, category) VALUES (?,?)");
    for (auto c : p.categories) {
        cat.bind(1, static_cast<std::int64_t>(p.id));
        cat.bind(2, code(c));
        cat.exec();
        cat.reset();
    }
    SQLite::Statement town(db, "INSERT INTO provider_towns (provider_id, town_id) VALUES (?,?)");
    for (auto t : p.towns_covered) {
        town.bind(1, static_cast<std::int64_t>(p.id));
        town.bind(2, static_cast<std::int64_t>(t));
        town.exec();
        town.reset();
    }
    SQLite::Statement pt(db, "INSERT INTO service_points (id, provider_id, name, town_id, address, lat_e6, lon_e6) "
                             "VALUES (?,?,?,?,?,?,?)");
    for (const auto& s : p.points) {
        if (s.id) pt.bind(1, static_cast<std::int64_t>(s.id)); else pt.bind(1);
        pt.bind(2, static_cast<std::int64_t>(p.id));
        pt.bind(3, s.name);
        pt.bind(4, static_cast<std::int64_t>(s.town_id));
        pt.bind(5, s.address);
        pt.bind(6, s.location.lat_e6);
        pt.bind(7, s.location.lon_e6);
        pt.exec();
        pt.reset();
    }
}

std::vector<Provider> find_providers(SQLite::Database& db, const ProviderQuery& q) {
    std::string sql = "SELECT id, name, licence_no, status, published_on_miniprogram, radiates_to_points, "
                      "contact_phone, staff_count, rating_permille FROM providers p WHERE 1=1";
    if (q.status) sql += " AND status = :status";
    if (q.category) sql += " AND EXISTS (SELECT 1 FROM provider_categories c WHERE c.provider_id = p.id AND c.category = :cat)";
    if (q.town) sql += " AND EXISTS (SELECT 1 FROM provider_towns t WHERE t.provider_id = p.id AND t.town_id = :town)";
    if (q.only_id) sql += " AND id = :only";
    sql += " ORDER BY id";
    SQLite::Statement st(db, sql);
    if (q.status) st.bind(":status", code(*q.status));
    if (q.category) st.bind(":cat", code(*q.category));
    if (q.town) st.bind(":town", static_cast<std::int64_t>(*q.town));
    if (q.only_id) st.bind(":only", static_cast<std::int64_t>(*q.only_id));
    std::vector<Provider> out;
    std::map<Id, std::size_t> index;
    while (st.executeStep()) {
        Provider p;
        p.id = st.getColumn(0).getInt64();
        p.name = st.getColumn(1).getString();
        p.licence_no = st.getColumn(2).getString();
        p.status = parse_ProviderStatus(st.getColumn(3).getString()).value_or(ProviderStatus::Active);
        p.published_on_miniprogram = st.getColumn(4).getInt() != 0;
        p.radiates_to_points = st.getColumn(5).getInt() != 0;
        p.contact_phone = st.getColumn(6).getString();
        p.staff_count = st.getColumn(7).getInt();
        p.rating_permille = st.getColumn(8).getInt();
        index[p.id] = out.size();
        out.push_back(std::move(p));
    }
    if (out.empty()) return out;
    SQLite::Statement cats(db, "SELECT provider_id, category FROM provider_categories ORDER BY provider_id");
    while (cats.executeStep()) {
        auto it = index.find(cats.getColumn(0).getInt64());
        if (it == index.end()) continue;
        if (auto c = parse_ServiceCategory(cats.getColumn(1).getString())) out[it->second].categories.insert(*c);
    }
    SQLite::Statement towns(db, "SELECT provider_id, town_id FROM provider_towns ORDER BY provider_id");
    while (towns.executeStep()) {
        auto it = index.find(towns.getColumn(0).getInt64());
        if (it != index.end()) out[it->second].towns_covered.insert(towns.getColumn(1).getInt64());
    }
    SQLite::Statement pts(db, "SELECT id, provider_id, name, town_id, address, lat_e6, lon_e6 FROM service_points ORDER BY id");
    while (pts.executeStep()) {
        auto it = index.find(pts.getColumn(1).getInt64());
        if (it == index.end()) continue;
        ServicePoint s;
        s.id = pts.getColumn(0).getInt64();
        s.provider_id = pts.getColumn(1).getInt64();
        s.name = pts.getColumn(2).getString();
        s.town_id = pts.getColumn(3).getInt64();
        s.address = pts.getColumn(4).getString();
        s.location = {pts.getColumn(5).getInt(), pts.getColumn(6).getInt()};
        out[it->second].points.push_back(std::move(s));
    }
    return out;
}

bool provider_exists(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, "SELECT 1 FROM providers WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    return st.executeStep();
}

}  // namespace yiyang::store
