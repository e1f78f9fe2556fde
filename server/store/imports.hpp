// The imports of the verification lists in SQLite (issue 10): each import kept whole (who, when, the file and its
// SHA-256, the counts), and the subscriber ledger (信息化服务台账) keyed by ID number, so that importing the same
// file twice changes nothing. (Linking subscribers to the elder registry and its enrolments is the next step.)
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct ImportCounts {
    std::int64_t added = 0, changed = 0, unchanged = 0;
};
// What committing `rows` would do to the ledger (read only).
ImportCounts diff_subscribers(SQLite::Database& db, const std::vector<SubscriberRow>& rows);

struct ImportBatch {
    std::string list;          // code of ImportList
    std::string file_name, sha256, file_kind, encoding, sheet;
    Id user_id = 0;
    std::string username;
    LocalSeconds at = 0;
    std::int64_t rows = 0;
};
// Inside the caller's transaction: the batch row (with the file's bytes, so it can be downloaded again), then every
// added or changed subscriber; unchanged rows are not touched. Returns the batch id and the counts.
Id commit_subscribers(SQLite::Database& db, const ImportBatch& batch, const std::string& file_bytes,
                      const std::vector<SubscriberRow>& rows, ImportCounts& counts);

}  // namespace yiyang::store
