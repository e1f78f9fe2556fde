// Import batches (store/imports.hpp).
#include "store/imports.hpp"

#include <algorithm>
#include <sqlite3.h>

namespace yiyang::store {

Id begin_import_batch(SQLite::Database& db, const ImportBatch& b) {
    SQLite::Statement batch(db,
                            "INSERT INTO import_batches (list, file_name, sha256, file_kind, encoding, sheet, user_id, "
                            "username, imported_at, rows, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, zeroblob(0))");
    batch.bind(1, b.list);
    batch.bind(2, b.file_name);
    batch.bind(3, b.sha256);
    batch.bind(4, b.file_kind);
    batch.bind(5, b.encoding);
    batch.bind(6, b.sheet);
    batch.bind(7, b.user_id);
    batch.bind(8, b.username);
    batch.bind(9, static_cast<std::int64_t>(b.at));
    batch.bind(10, b.rows);
    batch.exec();
    return db.getLastInsertRowid();
}

void keep_import_file(SQLite::Database& db, Id id, std::string_view file_bytes) {
    // A zeroblob of the file's size (SQLite writes its pages without building the value), then the bytes in
    // place: bound as one value, SQLite would first build the whole row (a copy of the file).
    SQLite::Statement sized(db, "UPDATE import_batches SET file = zeroblob(?) WHERE id = ?");
    sized.bind(1, static_cast<std::int64_t>(file_bytes.size()));
    sized.bind(2, static_cast<std::int64_t>(id));
    sized.exec();
    if (file_bytes.empty()) return;
    sqlite3* h = db.getHandle();
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(h, "main", "import_batches", "file", id, 1, &blob) != SQLITE_OK) {
        const int rc = sqlite3_errcode(h);
        sqlite3_blob_close(blob);
        throw SQLite::Exception(h, rc);
    }
    constexpr std::size_t kPiece = 1u << 20;
    for (std::size_t at = 0; at < file_bytes.size(); at += kPiece) {
        const std::size_t n = std::min(kPiece, file_bytes.size() - at);
        if (sqlite3_blob_write(blob, file_bytes.data() + at, static_cast<int>(n), static_cast<int>(at)) != SQLITE_OK) {
            const int rc = sqlite3_errcode(h);
            sqlite3_blob_close(blob);
            throw SQLite::Exception(h, rc);
        }
    }
    if (sqlite3_blob_close(blob) != SQLITE_OK) throw SQLite::Exception(h, sqlite3_errcode(h));
}

Id insert_import_batch(SQLite::Database& db, const ImportBatch& b, std::string_view file_bytes) {
    const Id id = begin_import_batch(db, b);
    keep_import_file(db, id, file_bytes);
    return id;
}

void set_import_counts(SQLite::Database& db, Id id, const ImportCounts& counts) {
    SQLite::Statement counted(db, "UPDATE import_batches SET added = ?, changed = ?, unchanged = ? WHERE id = ?");
    counted.bind(1, counts.added);
    counted.bind(2, counts.changed);
    counted.bind(3, counts.unchanged);
    counted.bind(4, id);
    counted.exec();
}

void SuspendedSchema::drop(const std::string& type, const std::string& name, const std::string& sql) {
    db_.exec("DROP " + type + " \"" + name + "\"");
    dropped_.emplace_back(name, sql);
}

void SuspendedSchema::drop_triggers(std::initializer_list<const char*> names) {
    SQLite::Statement st(db_, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
    std::vector<std::pair<std::string, std::string>> found;
    for (const char* name : names) {
        st.reset();
        st.bind(1, name);
        if (st.executeStep()) found.emplace_back(name, st.getColumn(0).getString());
    }
    st.reset();
    for (const auto& [name, sql] : found) drop("TRIGGER", name, sql);
}

void SuspendedSchema::drop_indexes(const std::string& table, const std::vector<std::string>& keep) {
    std::vector<std::pair<std::string, std::string>> found;
    {
        SQLite::Statement st(db_, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND "
                                  "sql IS NOT NULL ORDER BY name");
        st.bind(1, table);
        while (st.executeStep()) {
            std::string name = st.getColumn(0).getString();
            if (std::find(keep.begin(), keep.end(), name) == keep.end())
                found.emplace_back(std::move(name), st.getColumn(1).getString());
        }
    }
    if (!found.empty() && db_.tableExists("sqlite_stat1")) {
        SQLite::Statement st(db_, "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx = ?");
        for (const auto& f : found) {
            st.reset();
            st.bind(1, f.first);
            while (st.executeStep())
                stats_.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString()});
        }
    }
    for (const auto& [name, sql] : found) drop("INDEX", name, sql);
}

bool SuspendedSchema::suspended(const std::string& name) const {
    return std::any_of(dropped_.begin(), dropped_.end(), [&](const auto& d) { return d.first == name; });
}

void SuspendedSchema::restore() {
    for (const auto& [name, sql] : dropped_) db_.exec(sql);
    dropped_.clear();
    if (stats_.empty()) return;
    SQLite::Statement st(db_, "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)");
    for (const auto& row : stats_) {
        st.reset();
        for (int i = 0; i < 3; ++i) st.bind(i + 1, row[static_cast<std::size_t>(i)]);
        st.exec();
    }
    stats_.clear();
    db_.exec("ANALYZE sqlite_schema");   // this connection's planner reads them again (others do at the commit)
}

DeferredIndexes::DeferredIndexes(SQLite::Database& db, IndexMode mode, std::vector<std::string> tables,
                                 std::vector<std::string> keep)
    : db_(db), mode_(mode), tables_(std::move(tables)), keep_(std::move(keep)), schema_(db) {}

void DeferredIndexes::before_insert(std::int64_t added) {
    if (deferred_ || mode_ == IndexMode::Incremental) return;
    if (mode_ == IndexMode::Automatic) {
        if (added < kBulkMinRows) return;
        if (threshold_ < 0) {   // once: a third of the rows the table had before this import
            const std::int64_t now = db_.execAndGet("SELECT count(*) FROM \"" + tables_.front() + "\"").getInt64();
            threshold_ = std::max(kBulkMinRows, (std::max<std::int64_t>(0, now - added) + 2) / 3);
        }
        if (added < threshold_) return;
    }
    for (const auto& t : tables_) schema_.drop_indexes(t, keep_);
    deferred_ = true;
}

void DeferredIndexes::finish() { schema_.restore(); }

}  // namespace yiyang::store
