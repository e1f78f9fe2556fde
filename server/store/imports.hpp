// The imports of the verification lists in SQLite (issue 10): each import kept whole (who, when, the file and its
// SHA-256, the counts). The subscriber ledger (信息化服务台账) is not a table of its own: an imported subscriber is an
// elder with an info_service enrolment (store/subscriber_import.hpp).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct ImportCounts {
    std::int64_t added = 0, changed = 0, unchanged = 0;
};

struct ImportBatch {
    std::string list;          // code of ImportList
    std::string file_name, sha256, file_kind, encoding, sheet;
    Id user_id = 0;
    std::string username;
    LocalSeconds at = 0;
    std::int64_t rows = 0;
};
// Inside the caller's transaction: the batch row with the file's bytes (so it can be downloaded again); its id.
Id insert_import_batch(SQLite::Database& db, const ImportBatch& batch, std::string_view file_bytes);
// The same in two steps, for imports whose counts are known only at the end: the batch row with an empty file
// first (rows refer to it), then — after the last UPDATE of the row's counts — the file. (SQLite rewrites the whole
// row on any UPDATE: with the file already in it, counting would copy the file once more, 574 MB for 6 000 000
// service records.) keep_import_file writes it through incremental blob I/O in 1 MiB pieces, never as one value.
Id begin_import_batch(SQLite::Database& db, const ImportBatch& batch);
void keep_import_file(SQLite::Database& db, Id batch_id, std::string_view file_bytes);
void set_import_counts(SQLite::Database& db, Id batch_id, const ImportCounts& counts);

// Schema objects (triggers, indexes) dropped for a bulk load and created again from their stored SQL. DDL inside the
// caller's transaction: other connections (WAL readers) never see them missing, and a rollback brings them back by
// itself (restore() is then not called). The SQL is read from sqlite_master before dropping: the schema stays the
// one source.
class SuspendedSchema {
public:
    explicit SuspendedSchema(SQLite::Database& db) : db_(db) {}
    // The named triggers that exist.
    void drop_triggers(std::initializer_list<const char*> names);
    // Every index of `table` with stored SQL (not the automatic ones of a UNIQUE or PRIMARY KEY constraint, which the
    // upsert's lookups and the uniqueness checks need) except those named in `keep`. Their planner statistics
    // (sqlite_stat1 rows, which DROP INDEX deletes) are kept and written back by restore(): the planner sees what it
    // saw before, as after a row-by-row import.
    void drop_indexes(const std::string& table, const std::vector<std::string>& keep = {});
    bool suspended(const std::string& name) const;
    bool empty() const { return dropped_.empty(); }
    void restore();   // in the order dropped; then empty
private:
    void drop(const std::string& type, const std::string& name, const std::string& sql);
    SQLite::Database& db_;
    std::vector<std::pair<std::string, std::string>> dropped_;   // name, SQL
    std::vector<std::array<std::string, 3>> stats_;              // sqlite_stat1 rows (tbl, idx, stat) of dropped indexes
};

// How an import maintains the secondary indexes of the tables it writes (issue 10 "Speed"):
//   Incremental — row by row, as any writer;
//   Deferred    — dropped before the first new row and built again by CREATE INDEX at the end (one sort each);
//   Automatic   — incremental until the rows added reach kBulkMinRows and a third of the rows the table had, then
//                 deferred (measured: adding 20 % to a 200 000-row table with the bench's ten index shapes costs
//                 0.93 s CPU row by row against 1.16 s dropped and rebuilt; 50 %: 2.17 against 1.68 s; 100 %: 4.82
//                 against 2.43 s — docs/BENCHMARKS.md). The same file again adds nothing and never switches.
enum class IndexMode { Automatic, Incremental, Deferred };
inline constexpr std::int64_t kBulkMinRows = 1000;

// The switch of one import: before each new row the writer calls before_insert(rows added so far); the first call
// that finds the threshold reached drops the indexes (the caller's statements must be reset — none may be stepping).
// finish() builds them again (before the transaction commits); without it the caller rolls back.
class DeferredIndexes {
public:
    // table: the table counted for the threshold (the first of `tables`); keep: indexes the import's own lookups use.
    DeferredIndexes(SQLite::Database& db, IndexMode mode, std::vector<std::string> tables,
                    std::vector<std::string> keep = {});
    void before_insert(std::int64_t added);
    bool deferred() const { return deferred_; }
    void finish();
private:
    SQLite::Database& db_;
    IndexMode mode_;
    std::vector<std::string> tables_, keep_;
    SuspendedSchema schema_;
    std::int64_t threshold_ = -1;   // rows added at which to switch (Automatic), counted once at kBulkMinRows
    bool deferred_ = false;
};

}  // namespace yiyang::store
