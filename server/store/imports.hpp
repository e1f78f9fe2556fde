// The imports of the verification lists in SQLite (issue 10): each import kept whole (who, when, the file and its
// SHA-256, the counts). The subscriber ledger (信息化服务台账) is not a table of its own: an imported subscriber is an
// elder with an info_service enrolment (store/subscriber_import.hpp).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
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

}  // namespace yiyang::store
