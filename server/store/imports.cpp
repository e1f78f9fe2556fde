// Import batches (store/imports.hpp).
#include "store/imports.hpp"

#include <algorithm>
#include <sqlite3.h>

namespace yiyang::store {

Id insert_import_batch(SQLite::Database& db, const ImportBatch& b, std::string_view file_bytes) {
    SQLite::Statement batch(db,
                            "INSERT INTO import_batches (list, file_name, sha256, file_kind, encoding, sheet, user_id, "
                            "username, imported_at, rows, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, zeroblob(?))");
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
    // The file goes in as a zeroblob and is then written through incremental blob I/O in 1 MiB pieces: bound as a
    // value, SQLite would first build the whole row (a copy of the file: 574 MB for 6 000 000 service records).
    sqlite3* h = db.getHandle();
    batch.bind(11, static_cast<std::int64_t>(file_bytes.size()));
    batch.exec();
    const Id id = db.getLastInsertRowid();
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(h, "main", "import_batches", "file", id, 1, &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);
        throw SQLite::Exception(h, sqlite3_errcode(h));
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

}  // namespace yiyang::store
