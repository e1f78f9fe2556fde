// Import batches (store/imports.hpp).
#include "store/imports.hpp"

namespace yiyang::store {

Id insert_import_batch(SQLite::Database& db, const ImportBatch& b, std::string_view file_bytes) {
    SQLite::Statement batch(db,
                            "INSERT INTO import_batches (list, file_name, sha256, file_kind, encoding, sheet, user_id, "
                            "username, imported_at, rows, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
    batch.bindNoCopy(11, file_bytes.data(), static_cast<int>(file_bytes.size()));
    batch.exec();
    return db.getLastInsertRowid();
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
