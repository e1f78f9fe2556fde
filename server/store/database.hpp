// SQLite connections for the server: WAL, synchronous=FULL, foreign keys, busy timeout; one writer
// connection guarded by a mutex and one reader connection per worker thread (WAL lets them run together).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace yiyang::store {

// Open a connection with the project's pragmas applied.
std::unique_ptr<SQLite::Database> open_connection(const std::string& path, bool read_only);

class Database {
public:
    explicit Database(std::string path);
    const std::string& path() const { return path_; }

    // A read connection owned by the calling thread (created on first use).
    SQLite::Database& reader();
    // Runs `fn` with the single writer connection inside one transaction; commits when fn returns,
    // rolls back if it throws. Bumps data_version() after a commit unless the write only touches session
    // bookkeeping (sign-in, activity, sign-out), which no cached figure depends on.
    enum class Touches { Data, SessionsOnly };
    void write(const std::function<void(SQLite::Database&)>& fn, Touches touches = Touches::Data);
    // Increases on every committed write: caches key on it.
    std::uint64_t data_version() const { return data_version_.load(); }

private:
    std::string path_;
    std::mutex write_mutex_;
    std::unique_ptr<SQLite::Database> writer_;
    std::atomic<std::uint64_t> data_version_{1};
    std::uint64_t instance_id_;
};

}  // namespace yiyang::store
