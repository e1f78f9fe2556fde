// The subscriber ledger (信息化服务台账) onto the elder registry (issue 10): each row is an elder matched by ID number
// (created if new) with an info_service enrolment from 开通日期 to 拆机日期. The dry run and the commit share one plan,
// so the preview's counts are exactly what the commit does; the commit is the one function the import route calls.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "store/imports.hpp"
#include "yiyang/import.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

inline constexpr const char* kInfoServiceProgramme = "info_service";

// Town name (as staff write it, 镇街) → town id; the route refuses rows whose town is not in it before these run.
using TownIds = std::map<std::string, Id>;

// What committing `rows` would do (read only). Per row:
//   added     — no elder with the ID number: one is created (name, phone, town; birth date and sex from the ID
//               number; no categories) with the enrolment;
//   changed   — the elder exists and its name, phone or town differs from the row, or it has no info_service
//               enrolment opened on 开通日期 (nor one overlapping the row's span, which is then moved to the row's
//               dates), or that enrolment's 拆机日期 / 拆机原因 differ;
//   unchanged — everything already as the row says (the same file twice: all rows unchanged).
ImportCounts diff_subscribers(SQLite::Database& db, const std::vector<SubscriberRow>& rows, const TownIds& towns);

// The seal guard's view of a commit, a row at a time (read only, the same plan as the commit): nullopt when the row
// leaves the ledger unchanged; else the ledger rows it replaces — none for a new elder or a new enrolment, the
// enrolment it moves or ends, and every enrolment of the elder when the elder's name, phone or town changes (the
// report reads the ledger rows with the elder's current name, phone and town).
class SubscriberPlanner {
public:
    explicit SubscriberPlanner(SQLite::Database& db);
    ~SubscriberPlanner();
    SubscriberPlanner(const SubscriberPlanner&) = delete;
    SubscriberPlanner& operator=(const SubscriberPlanner&) = delete;
    std::optional<std::vector<SubscriberRow>> replaced(const SubscriberRow& row, const TownIds& towns);
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Inside the caller's transaction (all or nothing): the batch row, every added or changed elder
// and its enrolment (import_id = the batch), one audit event per changed elder ("import_update", changes
// {field: [before, after]} and "import_id"), and one for the batch ("import_batch", "import": who, when, file name,
// SHA-256, counts, and the ids of the elders created and changed as ranges — store::kImportCreatedElders,
// "changed_elders"; store::elder_history finds a created elder's import by it). A created elder has no event of
// its own: its values are the kept file's rows. Unchanged rows are not touched. Returns the batch id; `counts` as
// diff_subscribers would have said.
// `mode`: how the elders' and enrolments' secondary indexes are kept (store/imports.hpp IndexMode).
Id commit_subscribers(SQLite::Database& db, const ImportBatch& batch, std::string_view file_bytes,
                      const std::vector<SubscriberRow>& rows, const TownIds& towns, ImportCounts& counts,
                      IndexMode mode = IndexMode::Automatic);

// The same commit streamed, a row at a time (a 600 000-row file is never held as rows): construct (the batch row
// with the file), add() each row in file order, then finish() (the batch's row count and counts, its audit event).
// Inside the caller's transaction. For speed the per-row insert triggers of the elders' search indexes
// (elders_fts_ai, name_bigrams_ai: an FTS5 flush per statement) are dropped while it lives, and finish() writes
// the new elders' index rows in two statements and recreates the triggers from their stored SQL. A bulk load (`mode`,
// store/imports.hpp DeferredIndexes) also drops the elders' and enrolments' secondary indexes once enough new rows
// come, and finish() builds them again. Without finish()
// (an exception, a refused file) the caller must roll back — which also brings the triggers back.
class SubscriberWriter {
public:
    SubscriberWriter(SQLite::Database& db, const ImportBatch& batch, std::string_view file_bytes, const TownIds& towns,
                     IndexMode mode = IndexMode::Automatic);
    ~SubscriberWriter();
    SubscriberWriter(const SubscriberWriter&) = delete;
    SubscriberWriter& operator=(const SubscriberWriter&) = delete;
    void add(const SubscriberRow& row);
    Id finish(std::int64_t rows);   // returns the batch id
    bool deferred_indexes() const;  // whether this import switched to deferred indexes
    ImportCounts counts;
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yiyang::store
