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

// What the call list (通话记录) filters by; every member optional. `number` matches the caller or the callee:
// exactly (with or without the 86 / 0 trunk prefix) when `number_exact`, else as a digit substring (only for
// roles that see numbers in full: the route decides).
struct CallFilter {
    std::optional<Period> started;
    std::optional<Date> from, to;       // started on these days, inclusive
    std::string direction;              // "" | CallDirection code
    std::string disposition;            // "" | CallDisposition code
    std::string agent;                  // "" | the seat's agent id, exact
    std::string number;                 // "" | digits
    bool number_exact = true;
};

std::int64_t count_calls(SQLite::Database& db, const CallFilter& filter);
// The fields a call list may be sorted by: started_at (through calls_started), duration, talk, agent,
// disposition, direction (ties by id). Never the numbers: an order over masked digits would give them away.
const std::vector<std::string>& call_sort_fields();
// Default newest first (started_at, id descending); page 1-based.
std::vector<StoredCall> find_calls(SQLite::Database& db, const CallFilter& filter, int page, int page_size,
                                   const std::string& sort = "started_at", bool descending = true);
// The calls with these ids, ascending by id (ids beyond the list are ignored).
std::vector<StoredCall> calls_by_ids(SQLite::Database& db, const std::vector<Id>& ids);

}  // namespace yiyang::store
