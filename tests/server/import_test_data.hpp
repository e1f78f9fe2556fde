// Test data shared by the import tests that work on their own SQLite file (test_import_speed, test_import_bulk).
#pragma once
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/database.hpp"
#include "store/schema.hpp"

namespace yiyang::test {

// A fresh path for a database under the temp directory (`tag` names the test file), with no -wal/-shm beside it.
inline std::string temp_db(const std::string& tag, const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("yiyang-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return path;
}

// A fresh migrated database at temp_db(tag, name) with two towns (1 涵东街道, 2 涵西街道) and the user admin (id 1).
inline std::unique_ptr<SQLite::Database> import_test_db(const std::string& tag, const std::string& name) {
    auto db = store::open_connection(temp_db(tag, name), false);
    store::migrate(*db);
    db->exec("INSERT INTO towns (id, code, name, is_street, lat_e6, lon_e6) VALUES (1, 'hd', '涵东街道', 1, 25430000, "
             "119100000), (2, 'hx', '涵西街道', 1, 25440000, 119110000)");
    db->exec("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES "
             "(1, 'admin', '管理员', 'admin', 'x', 0)");
    return db;
}

// A valid GB 11643 number for index i (as the bench generates them).
inline std::string id_number(int i) {
    static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    char s[18];
    std::snprintf(s, sizeof s, "350303%04d%02d%02d%03d", 1930 + i % 30, 1 + i / 30 % 12, 1 + i / 360 % 28,
                  1 + i / 10080 % 999);
    int sum = 0;
    for (int k = 0; k < 17; ++k) sum += (s[k] - '0') * w[k];
    return std::string(s) + "10X98765432"[sum % 11];
}

}  // namespace yiyang::test
