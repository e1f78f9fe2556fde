// SQLite connection handling: pragmas, per-thread readers, the single transactional writer.
#include "store/database.hpp"

#include <map>

namespace yiyang::store {

std::unique_ptr<SQLite::Database> open_connection(const std::string& path, bool read_only) {
    const int flags = read_only ? SQLite::OPEN_READONLY
                                : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    auto db = std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX, 5000);
    if (!read_only) {
        db->exec("PRAGMA journal_mode=WAL");
    }
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    db->exec("PRAGMA temp_store=MEMORY");
    db->exec("PRAGMA cache_size=-65536");   // 64 MiB page cache per connection
    db->exec("PRAGMA mmap_size=1073741824");
    return db;
}

namespace {
std::atomic<std::uint64_t> next_instance{1};
}

Database::Database(std::string path)
    : path_(std::move(path)), writer_(open_connection(path_, false)), instance_id_(next_instance++) {}

SQLite::Database& Database::reader() {
    // Keyed by instance so that tests running several servers in one process never share connections.
    thread_local std::map<std::uint64_t, std::unique_ptr<SQLite::Database>> readers;
    auto& slot = readers[instance_id_];
    if (!slot) slot = open_connection(path_, true);
    return *slot;
}

void Database::write(const std::function<void(SQLite::Database&)>& fn, Touches touches) {
    std::lock_guard<std::mutex> lock(write_mutex_);
    SQLite::Transaction tx(*writer_, SQLite::TransactionBehavior::IMMEDIATE);
    fn(*writer_);
    tx.commit();
    if (touches == Touches::Data) ++data_version_;
}

}  // namespace yiyang::store
