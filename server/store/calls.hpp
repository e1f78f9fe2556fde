// Call-detail records (话务记录) in SQLite: one import batch written whole (calls, links to work orders,
// skipped duplicates counted), and the paged list of a period's calls with the linked order's code.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/cdr.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct StoredCall {
    Id id = 0;
    std::string call_key;
    CallRecord call;                    // row = 0 (not kept)
    std::optional<Id> order_id;
    std::string order_code;             // "" when not linked
    Id import_id = 0;
};

// The key that makes a call unique across imports: the telephony system's id when the file has one,
// otherwise "caller@YYYY-MM-DDTHH:MM:SS" (the same pair the parser treats as a duplicate within a file).
std::string call_key(const CallRecord& c);

// One row of `calls`: prepare kInsertCallSql once, then insert_call_row per call (imports and the demo loader).
extern const char* const kInsertCallSql;
void insert_call_row(SQLite::Statement& st, const CallRecord& c, std::optional<Id> order_id, Id import_id);

struct CallImportCounts {
    Id import_id = 0;
    int rows = 0;          // data rows in the file
    int imported = 0;      // new calls written
    int duplicates = 0;    // rows whose call key was already stored (skipped)
    int linked = 0;        // new calls linked to a work order
};

struct CallImportBatch {
    std::string file_name;
    std::string format;    // parse_cdr's format code
    Id user_id = 0;
    std::string username;
    LocalSeconds at = 0;
};

// Writes the batch row, the calls not stored yet and their order links. Call inside ONE write transaction
// (with the audit event): nothing of it stays when the caller's transaction rolls back. Linking candidates
// are the not-yet-linked orders of elders whose phone matches a caller, created within [first start,
// last start + window] of that caller's calls (indexed lookups per distinct caller, never a table scan).
CallImportCounts import_calls(SQLite::Database& db, const CdrImport& parsed, const CallImportBatch& batch,
                              int window_minutes = 30);

std::int64_t count_calls(SQLite::Database& db, const std::optional<Period>& started);
// The fields a call list may be sorted by: started_at (through calls_started; ties by id). Not id: under a period
// filter it would sort the period's calls (170 000 a month in the city).
const std::vector<std::string>& call_sort_fields();
// Default newest first (started_at, id descending); page 1-based.
std::vector<StoredCall> find_calls(SQLite::Database& db, const std::optional<Period>& started, int page,
                                   int page_size, const std::string& sort = "started_at", bool descending = true);
// The calls with these ids, ascending by id (ids beyond the list are ignored).
std::vector<StoredCall> calls_by_ids(SQLite::Database& db, const std::vector<Id>& ids);

}  // namespace yiyang::store
