// DemoSink that writes straight into SQLite. The file is built under a temporary name and renamed into
// place only when complete.
#include "store/demo_loader.hpp"
#include "store/provider_supervision.hpp"   // issue 13, providers

#include "yiyang/demo_calls.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "store/activities.hpp"
#include "store/assessment.hpp"
#include "store/calls.hpp"
#include "store/database.hpp"
#include "store/orders.hpp"
#include "store/elders.hpp"
#include "store/kpi_daily.hpp"
#include "store/reference.hpp"
#include "store/schema.hpp"

namespace yiyang::store {
namespace {

std::string join_codes(const std::set<ServiceCategory>& cats) {
    std::string out;
    for (auto c : cats) {
        if (!out.empty()) out += ',';
        out += code(c);
    }
    return out;
}

class SqliteSink : public DemoSink {
public:
    SqliteSink(SQLite::Database& db, std::uint64_t seed, LocalSeconds now, DemoLoadStats& stats)
        : db_(db), seed_(seed), now_(now), stats_(stats),
          elders_(db),
          order_(db, "INSERT INTO work_orders (id, code, channel, type, categories, elder_id, town_id, provider_id, "
                     "status, urgency, description, created_at, dispatched_at, completed_at, closed_at, satisfaction) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          record_(db, "INSERT INTO service_records (id, provider_id, elder_id, order_id, category, caregiver, "
                      "started_at, ended_at, lat_e6, lon_e6, price_basis_fen) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
          call_(db, kInsertCallSql) {
        // The demo's telephony arrives as one import of the switch's records (shared/demo_calls).
        SQLite::Statement imp(db, "INSERT INTO call_imports (at, username, file_name, format, rows, imported, duplicates, "
                                  "linked) VALUES (?, 'demo', 'demo-city', 'yiyang_csv', 0, 0, 0, 0)");
        imp.bind(1, static_cast<std::int64_t>(now));
        imp.exec();
        import_id_ = db.getLastInsertRowid();
    }
    ~SqliteSink() override = default;

    // The import row's counts, once every call is written.
    void finish() {
        SQLite::Statement st(db_, "UPDATE call_imports SET rows = ?, imported = ?, linked = ? WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(stats_.calls));
        st.bind(2, static_cast<std::int64_t>(stats_.calls));
        st.bind(3, static_cast<std::int64_t>(stats_.calls));
        st.bind(4, static_cast<std::int64_t>(import_id_));
        st.exec();
    }

    void town(const Town& t) override { insert_town(db_, t); ++stats_.towns; }
    void provider(const Provider& p) override { insert_provider(db_, p); ++stats_.providers; }

    void elder(const Elder& e) override {
        elders_.insert(e, now_, true);
        ++stats_.elders;
        if (phones_.size() <= static_cast<std::size_t>(e.id)) phones_.resize(static_cast<std::size_t>(e.id) + 1);
        phones_[static_cast<std::size_t>(e.id)] = e.phone;
    }

    void work_order(const WorkOrder& o) override {
        auto& st = order_;
        st.bind(1, static_cast<std::int64_t>(o.id));
        st.bind(2, o.code);
        st.bind(3, code(o.channel));
        st.bind(4, code(o.type));
        st.bind(5, join_codes(o.categories));
        if (o.elder_id) st.bind(6, static_cast<std::int64_t>(*o.elder_id)); else st.bind(6);
        st.bind(7, static_cast<std::int64_t>(o.town_id));
        if (o.provider_id) st.bind(8, static_cast<std::int64_t>(*o.provider_id)); else st.bind(8);
        st.bind(9, code(o.status));
        st.bind(10, code(o.urgency));
        st.bind(11, o.description);
        st.bind(12, static_cast<std::int64_t>(o.created_at));
        if (o.dispatched_at) st.bind(13, static_cast<std::int64_t>(*o.dispatched_at)); else st.bind(13);
        if (o.completed_at) st.bind(14, static_cast<std::int64_t>(*o.completed_at)); else st.bind(14);
        if (o.closed_at) st.bind(15, static_cast<std::int64_t>(*o.closed_at)); else st.bind(15);
        if (o.satisfaction) st.bind(16, *o.satisfaction); else st.bind(16);
        st.exec();
        st.reset();
        ++stats_.work_orders;
        std::string_view phone;
        if (o.elder_id && static_cast<std::size_t>(*o.elder_id) < phones_.size()) phone = phones_[static_cast<std::size_t>(*o.elder_id)];
        for (const auto& dc : demo_calls_for(seed_, o, phone, now_)) insert_call(dc);
    }

    void service_record(const ServiceRecord& r) override {
        auto& st = record_;
        st.bind(1, static_cast<std::int64_t>(r.id));
        st.bind(2, static_cast<std::int64_t>(r.provider_id));
        st.bind(3, static_cast<std::int64_t>(r.elder_id));
        if (r.order_id) st.bind(4, static_cast<std::int64_t>(*r.order_id)); else st.bind(4);
        st.bind(5, code(r.category));
        st.bind(6, r.caregiver);
        st.bind(7, static_cast<std::int64_t>(r.started_at));
        st.bind(8, static_cast<std::int64_t>(r.ended_at));
        st.bind(9, r.location.lat_e6);
        st.bind(10, r.location.lon_e6);
        st.bind(11, static_cast<std::int64_t>(r.price_basis));
        st.exec();
        st.reset();
        ++stats_.service_records;
    }

private:
    void insert_call(const DemoCall& dc) {
        insert_call_row(call_, dc.record, dc.order_id, import_id_);
        ++stats_.calls;
    }

    SQLite::Database& db_;
    std::uint64_t seed_;
    LocalSeconds now_;
    DemoLoadStats& stats_;
    ElderInserter elders_;
    SQLite::Statement order_, record_, call_;
    Id import_id_ = 0;
    std::vector<std::string> phones_;   // by elder id
};

}  // namespace

DemoLoadStats create_demo_database(const std::string& path, std::uint64_t seed, const DemoScale& scale,
                                   LocalSeconds now) {
    namespace fs = std::filesystem;
    if (fs::exists(path)) throw std::runtime_error("database already exists: " + path);
    const std::string tmp = path + ".building";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp + suffix);
    DemoLoadStats stats;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        {
            SQLite::Database db(tmp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            // Bulk load into a private file: no journal needed (the file is discarded on failure).
            db.exec("PRAGMA journal_mode=OFF");
            db.exec("PRAGMA synchronous=OFF");
            db.exec("PRAGMA foreign_keys=OFF");
            db.exec("PRAGMA cache_size=-262144");
            migrate(db);
            // Secondary indexes and triggers are dropped for the bulk insert and rebuilt afterwards from
            // their own SQL (building an index by sorting once is far faster than maintaining it row by row).
            std::vector<std::string> deferred;
            {
                SQLite::Statement st(db, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index','trigger') "
                                         "AND sql IS NOT NULL AND name NOT LIKE 'audit_%' ORDER BY type, name");
                std::vector<std::pair<std::string, std::string>> drops;
                while (st.executeStep()) {
                    drops.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
                    deferred.push_back(st.getColumn(2).getString());
                }
                for (const auto& [type, name] : drops) db.exec("DROP " + type + " " + name);
            }
            SQLite::Transaction tx(db);
            SqliteSink sink(db, seed, now, stats);
            generate_demo_city(seed, scale, now, sink);
            sink.finish();
            seed_demo_assessment(db);   // departments (股室), the care projects and which providers serve in them
            seed_demo_activities(db, now);   // issue 13: 工作台账, so the target table's entered items show figures
            for (const auto& sql : deferred) db.exec(sql);
            // issue 13, providers: evaluations, key checks, platforms (after the indexes: it reads each provider's orders)
            seed_demo_provider_supervision(db, now);
            // Order totals: the order_counts triggers were dropped for the load: count once now.
            rebuild_order_counts(db);
            // The indicator aggregates, bypassed by the bulk insert like the triggers: one pass over the orders and
            // calls with the shared contribution functions. The rules table is still empty here, so the SLA part
            // is built without rules; the first migrate() after the rules are seeded (serve) rebuilds that part.
            invalidate_kpi_aggregates(db);
            refresh_kpi_aggregates(db);
            db.exec("INSERT INTO elders_fts (elders_fts) VALUES ('rebuild')");
            rebuild_name_bigrams(db);   // its triggers were dropped for the load too
            SQLite::Statement meta(db, "INSERT INTO meta (key, value) VALUES (?, ?)");
            for (const auto& [k, v] : std::map<std::string, std::string>{
                     {"demo_seed", std::to_string(seed)}, {"demo_scale", scale.name},
                     {"created_at", format_timestamp(now)},
                     {"synthetic", "demo_city"}}) {   // the mark `serve --demo` asks for (store/demo_mode.hpp)
                meta.bind(1, k);
                meta.bind(2, v);
                meta.exec();
                meta.reset();
            }
            tx.commit();
            // A full foreign-key check reads every row: done for the smaller scales (which the tests use),
            // skipped for the benchmark city, whose generator is the same code.
            if (scale.elders <= 100000) {
                SQLite::Statement fk(db, "PRAGMA foreign_key_check");
                if (fk.executeStep()) {
                    throw std::runtime_error("generated data violates a foreign key in table " +
                                             fk.getColumn(0).getString());
                }
            }
            db.exec("PRAGMA analysis_limit=2000");
            db.exec("ANALYZE");
        }
        // Re-open with the production pragmas (WAL, synchronous=FULL) before the file is put in place.
        { auto db = open_connection(tmp, false); db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); }
        // A -wal/-shm left beside `path` by an earlier, deleted database would be replayed into this one.
        for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path + suffix);
        fs::rename(tmp, path);
        for (const char* suffix : {"-wal", "-shm"}) fs::remove(tmp + suffix);
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp + suffix);
        throw;
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return stats;
}

}  // namespace yiyang::store
