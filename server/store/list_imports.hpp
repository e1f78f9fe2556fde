// The four verification lists besides the subscriber ledger in SQLite (issue 10): service records, cremations,
// phone-check outcomes and callback/survey answers, each in its own table keyed by its natural key, written by an
// upsert that touches only changed rows (so the same file twice changes nothing); and the kept imports (list, file).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/imports.hpp"
#include "yiyang/import.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

// Natural keys: 记录编号 (service records); 身份证号 (cremations); the subject (身份证号, or 服务号码 when the row has
// no ID number) and the date (phone checks, callbacks).
// Writes rows of one list inside the caller's transaction; counts added / changed / unchanged. Per row: a lookup
// of the key comparing every column (unchanged: nothing written), then a plain INSERT (added) or an UPDATE of the
// row (changed). Into a table that was empty when the writer was made, rows go straight to the INSERT (shared/import
// has refused duplicate keys within the file already). No RETURNING (it buffers each result in a temporary table).
template <class Row>
class ListWriter {
public:
    // provider: service records only — the provider whose file this is (list_service_records.provider_id), written
    // by the same INSERT or UPDATE as the row (not a second keyed write per row); a row unchanged but for its
    // provider counts as unchanged and only its provider is set.
    // mode: the table's secondary indexes (list_service_records_provider) row by row or deferred in a bulk load
    // (store/imports.hpp DeferredIndexes; the key is the table's own and always kept).
    ListWriter(SQLite::Database& db, Id import_id, std::optional<Id> provider = std::nullopt,
               IndexMode mode = IndexMode::Automatic);
    ~ListWriter();
    void add(const Row& row);
    // After the last row, before the commit: the deferred indexes built again (without it the caller rolls back);
    // service records: the evidence-reuse marks of every key group the rows touched recomputed
    // (store/evidence_reuse.hpp; each row's evidence_key is written with the row).
    void finish();
    bool deferred_indexes() const;
    ImportCounts counts;
    std::int64_t provider_changed = 0;   // rows counted unchanged whose provider was set to this file's
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The stored row under a row's key, as far as the seal guard reads the version a change replaces (service record:
// its day; cremation: its dates) — nullopt when the key is new. One keyed lookup, its statement prepared once.
class StoredVersions {
public:
    explicit StoredVersions(SQLite::Database& db);
    ~StoredVersions();
    std::optional<ServiceRecordRow> of(const ServiceRecordRow& key);
    std::optional<CremationRow> of(const CremationRow& key);
private:
    SQLite::Database& db_;
    std::unique_ptr<SQLite::Statement> records_, cremations_;
};

// What writing the rows would do (read only): one primary-key lookup per row.
template <class Row>
class ListDiff {
public:
    explicit ListDiff(SQLite::Database& db);
    ~ListDiff();
    void add(const Row& row);
    ImportCounts counts;
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Once the file is read: its SHA-256 (hashed beside the reading), its row count, what the read found (kind,
// encoding, sheet) and the counts.
void finish_import_batch(SQLite::Database& db, Id id, const std::string& sha256, std::int64_t rows,
                         const ImportCounts& counts, const std::string& file_kind, const std::string& encoding,
                         const std::string& sheet);

struct ImportBatchInfo {
    Id id = 0;
    std::string list, file_name, sha256, file_kind, encoding, sheet;
    Id user_id = 0;
    std::string username;
    LocalSeconds at = 0;
    std::int64_t rows = 0, added = 0, changed = 0, unchanged = 0, bytes = 0;
};
struct ImportBatchPage {
    std::vector<ImportBatchInfo> items;
    std::int64_t total = 0;
};
// sort: "imported_at" | "file_name" | "rows" | "id" (ties broken by id in the same direction).
ImportBatchPage list_import_batches(SQLite::Database& db, const std::string& list, const std::string& sort,
                                    bool descending, int page, int page_size);
struct ImportFile {
    ImportBatchInfo info;
    std::string bytes;
};
std::optional<ImportFile> import_file(SQLite::Database& db, Id id);

}  // namespace yiyang::store
