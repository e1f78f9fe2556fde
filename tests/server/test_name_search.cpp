// Name search through name_bigrams (2 characters) and the FTS trigram index (3+) gives exactly what a plain LIKE
// scan gives, on a demo-scale city with rare characters (喆, 䶮, an Extension-B character) added; the bigram table
// equals a recomputation from the names after random inserts, renames and deletes; the queue counts read the
// small work_orders_queues index and equal a count of the orders in each queue.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "store/elders.hpp"
#include "store/orders.hpp"
#include "store/schema.hpp"
#include "yiyang/demo_city.hpp"
#include "yiyang/work_queues.hpp"

namespace test_name_search {

namespace fs = std::filesystem;
using namespace yiyang;

namespace {

struct TempDb {
    fs::path dir;
    TempDb() {
        dir = fs::temp_directory_path() / ("yiyang-names-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(std::random_device{}()));
        fs::create_directories(dir);
    }
    ~TempDb() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string path() const { return (dir / "names.db").string(); }
};

std::vector<std::string> utf8_chars(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string like_escaped(const std::string& q) {
    std::string out;
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::vector<Id> ids_of(SQLite::Database& db, const std::string& sql, const std::string& bind) {
    SQLite::Statement st(db, sql);
    st.bind(1, bind);
    std::vector<Id> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    return out;
}

// name_bigrams recomputed in C++ from the names (independent of the SQL that maintains it).
std::set<std::pair<std::string, Id>> expected_bigrams(SQLite::Database& db) {
    std::set<std::pair<std::string, Id>> out;
    SQLite::Statement st(db, "SELECT id, name FROM elders");
    while (st.executeStep()) {
        const auto cs = utf8_chars(st.getColumn(1).getString());
        for (std::size_t i = 0; i + 1 < cs.size(); ++i) {
            std::string key = cs[i] + cs[i + 1];
            for (auto& c : key) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            out.emplace(key, st.getColumn(0).getInt64());
        }
    }
    return out;
}

std::set<std::pair<std::string, Id>> stored_bigrams(SQLite::Database& db) {
    std::set<std::pair<std::string, Id>> out;
    SQLite::Statement st(db, "SELECT bigram, elder_id FROM name_bigrams");
    while (st.executeStep()) out.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
    return out;
}

Elder test_elder(const std::string& name, int n) {
    Elder e;
    e.name = name;
    char idn[32];
    std::snprintf(idn, sizeof idn, "99010119400101%04d", n);
    e.id_number = idn;
    e.birth_date = Date{1940, 1, 1};
    e.sex = n % 2 ? "male" : "female";
    e.town_id = 1 + n % 3;
    e.status = n % 4 ? ElderStatus::Active : ElderStatus::Deceased;
    return e;
}

}  // namespace

TEST_CASE("name search by 1-4 characters equals a LIKE scan; name_bigrams equals a recount after random writes",
          "[find][elders][orders][names][inprocess]") {
    TempDb tmp;
    const LocalSeconds now = start_of(Date{2026, 12, 5}) + 9 * 3600;
    store::create_demo_database(tmp.path(), 20261205, *demo_scale("demo"), now);
    store::Database database(tmp.path());
    auto& db = database.reader();
    // The bulk loader dropped the triggers and refilled the table once.
    REQUIRE(stored_bigrams(db) == expected_bigrams(db));

    // Rare characters: 喆, 䶮 (Extension A), 𠀀 and 𡈽 (Extension B, 4 bytes in UTF-8), a repeated pair, ASCII in
    // both cases (LIKE folds ASCII letters), LIKE's own pattern characters, and a 1-character name.
    const std::vector<std::string> rare = {"王喆", "刘䶮", "𠀀喆䶮", "欧阳𡈽美", "张莲莲莲", "Anna李", "aNNA王",
                                           "李%_\\明", "周", "喆喆", "𡈽𠀀𡈽"};
    std::vector<Id> added;
    database.write([&](SQLite::Database& w) {
        int n = 0;
        for (const auto& name : rare) added.push_back(store::insert_elder(w, test_elder(name, ++n), now));
    });
    REQUIRE(stored_bigrams(db) == expected_bigrams(db));

    // Random writes: renames through update_elder (to names made of other names' pieces and rare characters),
    // inserts, and deletes and renames in raw SQL (what an import or a repair might do).
    std::mt19937_64 rng(20261205);
    auto pick = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
    const std::int64_t max_id = db.execAndGet("SELECT MAX(id) FROM elders").getInt64();
    std::vector<std::string> pool;   // characters to build names from
    {
        SQLite::Statement st(db, "SELECT name FROM elders WHERE id % 50 = 0");
        while (st.executeStep()) for (auto& c : utf8_chars(st.getColumn(0).getString())) pool.push_back(c);
        for (const auto& r : rare) for (auto& c : utf8_chars(r)) pool.push_back(c);
    }
    auto random_name = [&] {
        std::string s;
        for (auto k = pick(1, 4); k > 0; --k) s += pool[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(pool.size()) - 1))];
        return s;
    };
    int inserted = static_cast<int>(rare.size());
    for (int i = 0; i < 600; ++i) {
        database.write([&](SQLite::Database& w) {
            const auto kind = pick(0, 9);
            if (kind < 6) {
                auto e = store::get_elder(w, pick(1, max_id));
                if (!e) return;
                e->name = random_name();
                REQUIRE(store::update_elder(w, *e, now));
            } else if (kind < 8) {
                added.push_back(store::insert_elder(w, test_elder(random_name(), ++inserted), now));
            } else if (kind == 8) {
                // An elder with no orders or service records (foreign keys), deleted directly.
                SQLite::Statement st(w, "DELETE FROM elders WHERE id = (SELECT e.id FROM elders e WHERE e.id >= ? AND "
                                        "NOT EXISTS (SELECT 1 FROM work_orders o WHERE o.elder_id = e.id) AND "
                                        "NOT EXISTS (SELECT 1 FROM service_records r WHERE r.elder_id = e.id) LIMIT 1)");
                st.bind(1, pick(1, max_id));
                st.exec();
            } else {
                SQLite::Statement st(w, "UPDATE elders SET name = ? WHERE id = ?");
                st.bind(1, random_name());
                st.bind(2, pick(1, max_id));
                st.exec();
            }
        });
    }
    CHECK(stored_bigrams(db) == expected_bigrams(db));

    // Fragments: substrings of 1-4 characters of random names (most match), of random characters (most don't),
    // and fixed ones with the rare characters.
    std::vector<std::string> fragments = {"喆", "䶮", "𠀀", "𡈽", "王喆", "喆䶮", "𠀀喆", "𡈽美", "阳𡈽", "𡈽𠀀", "莲莲",
                                          "anna", "ANNA", "Nn", "%_", "_\\", "李%", "喆喆", "𠀀喆䶮", "欧阳𡈽美", "张莲莲"};
    std::vector<std::string> names;
    {
        SQLite::Statement st(db, "SELECT name FROM elders");
        while (st.executeStep()) names.push_back(st.getColumn(0).getString());
    }
    for (int i = 0; i < 400; ++i) {
        const auto cs = utf8_chars(names[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(names.size()) - 1))]);
        if (cs.empty()) continue;
        const auto len = std::min<std::int64_t>(pick(1, 4), static_cast<std::int64_t>(cs.size()));
        const auto at = pick(0, static_cast<std::int64_t>(cs.size()) - len);
        std::string f;
        for (auto k = at; k < at + len; ++k) f += cs[static_cast<std::size_t>(k)];
        fragments.push_back(f);
    }
    for (int i = 0; i < 100; ++i) {
        std::string f;
        for (auto k = pick(1, 4); k > 0; --k) f += pool[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(pool.size()) - 1))];
        fragments.push_back(f);
    }

    int compared = 0, nonempty = 0;
    for (const auto& f : fragments) {
        INFO("fragment " << f);
        const auto n = utf8_chars(f).size();
        // Elders: 1 character is a surname (the start of the name), 2+ anywhere in the name (name column only, as
        // a role that sees ID numbers and phones masked searches).
        store::ElderQuery q;
        q.q = f;
        q.q_in_id_number = false;
        q.q_in_phone = false;
        q.page_size = 100000;
        std::vector<Id> got;
        for (const auto& e : store::find_elders(db, q)) got.push_back(e.id);
        const auto want = ids_of(db, n == 1 ? "SELECT id FROM elders WHERE name LIKE ? ESCAPE '\\' ORDER BY id"
                                            : "SELECT id FROM elders WHERE name LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY id",
                                 n == 1 ? like_escaped(f) + "%" : like_escaped(f));
        CHECK(got == want);
        CHECK(store::count_elders(db, q) == static_cast<std::int64_t>(want.size()));
        if (!want.empty()) ++nonempty;
        // With a town and a status, sorted by name descending (the +column path of elders.cpp).
        q.town = 2;
        q.status = ElderStatus::Active;
        q.sort = "name";
        q.descending = true;
        got.clear();
        for (const auto& e : store::find_elders(db, q)) got.push_back(e.id);
        const auto want_filtered = ids_of(
            db, n == 1 ? "SELECT id FROM elders WHERE name LIKE ? ESCAPE '\\' AND town_id = 2 AND status = 'active' "
                         "ORDER BY name DESC, id DESC"
                       : "SELECT id FROM elders WHERE name LIKE '%' || ? || '%' ESCAPE '\\' AND town_id = 2 AND "
                         "status = 'active' ORDER BY name DESC, id DESC",
            n == 1 ? like_escaped(f) + "%" : like_escaped(f));
        CHECK(got == want_filtered);
        // Orders of elders so named (the order search takes 2 characters and more), newest first.
        if (n >= 2) {
            store::OrderQuery oq;
            oq.elder_name = f;
            oq.page_size = 0;
            oq.light = true;
            std::vector<Id> got_orders;
            for (const auto& s : store::find_orders(db, oq)) got_orders.push_back(s.order.id);
            std::sort(got_orders.begin(), got_orders.end());
            const auto want_orders = ids_of(db, "SELECT w.id FROM work_orders w JOIN elders e ON e.id = w.elder_id "
                                                "WHERE e.name LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY w.id",
                                            like_escaped(f));
            CHECK(got_orders == want_orders);
            CHECK(store::count_orders(db, oq) == static_cast<std::int64_t>(want_orders.size()));
        }
        ++compared;
    }
    CHECK(compared >= 500);
    CHECK(nonempty >= 400);

    // The 2-character search is a key lookup, not a scan of the names.
    std::string bind;
    const auto cond = store::elder_name_condition("喆䶮", bind);
    SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM elders e WHERE " + cond);
    plan.bind(":name_q", bind);
    std::string steps;
    while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
    INFO(steps);
    CHECK(steps.find("name_bigrams USING PRIMARY KEY (bigram=?)") != std::string::npos);
    CHECK(steps.find("SCAN e") == std::string::npos);
}

TEST_CASE("queue counts read work_orders_queues and equal the orders in each queue", "[queues][orders][inprocess]") {
    TempDb tmp;
    const LocalSeconds now = start_of(Date{2026, 12, 5}) + 9 * 3600;
    store::create_demo_database(tmp.path(), 20261206, *demo_scale("demo"), now);
    store::Database database(tmp.path());
    auto& db = database.reader();
    // Pause a few queue orders so that paused_since matters.
    database.write([&](SQLite::Database& w) {
        w.exec("UPDATE work_orders SET paused_since = created_at WHERE id IN (SELECT id FROM work_orders WHERE status IN "
               "('received', 'completed', 'reviewed', 'escalated') AND id % 3 = 0)");
    });
    store::OrderQuery all;
    all.page_size = 0;
    all.light = true;
    const auto orders = store::find_orders(db, all);
    for (auto queue : all_WorkQueues()) {
        INFO(code(queue));
        std::int64_t want = 0;
        for (const auto& s : orders) want += in_queue(queue, s.order) ? 1 : 0;
        store::OrderQuery q;
        q.queue = queue;
        CHECK(store::count_orders(db, q) == want);
        const auto plan = store::count_orders_plan(db, q);
        INFO(plan);
        CHECK(plan.find("work_orders_queues") != std::string::npos);
        q.page_size = 0;
        q.light = true;
        CHECK(static_cast<std::int64_t>(store::find_orders(db, q).size()) == want);
    }
}

}  // namespace test_name_search
