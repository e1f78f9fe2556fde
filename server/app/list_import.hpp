// Orchestration of an import of one of the verification lists (issue 10): the file read (app/import_files) row by
// row into shared/import's validator, each valid row handed straight to the store — a diff on the reader for the
// dry run, the upsert on the writer for the commit — so a large file is never held as rows. Used by
// POST /api/v1/imports/{list} and by `yiyang-server import` (the speed bench).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/signoff.hpp"
#include "store/list_imports.hpp"
#include "store/subscriber_import.hpp"
#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/wire/imports.hpp"

namespace yiyang::app {

struct ListImportInput {
    ImportList list = ImportList::ServiceRecords;
    std::string_view bytes;
    std::string file_name, sheet;
    Date today{};
    std::size_t max_errors = 200;   // errors kept in the preview (all are counted)
    std::size_t max_bytes = 50u * 1024u * 1024u;   // the API's limit (app::kMaxImportFileBytes)
    std::optional<Id> provider_id;  // service records: the provider whose records the file holds (set on commit)
    // The quarters sealed by a signed report (app/signoff, read in the commit's transaction): a row that the commit
    // adds or changes and that touches one (verification/seal.hpp) throws QuarterSealed — nothing stays.
    std::vector<SealInfo> sealed;
    // The tables' secondary indexes row by row, or dropped and rebuilt in a bulk load (store/imports.hpp IndexMode).
    store::IndexMode index_mode = store::IndexMode::Automatic;
};

// The commit found an error: nothing of it may stay (thrown out of the write job, which rolls back).
struct ImportRefused : std::exception {
    wire::ImportPreview preview;
    std::string message_zh;   // "文件有 3 处错误（未导入任何记录）"
    const char* what() const noexcept override { return message_zh.c_str(); }
};

// Read only: what committing would add, change and leave unchanged, and every error. Not for subscribers (their
// commit links to the registry: http/import_routes.cpp).
wire::ImportPreview dry_run_list(SQLite::Database& reader, const ListImportInput& in);
// Inside the caller's write transaction: the kept batch (with the file), then every row; throws ImportRefused when
// the file has any error. `batch.rows` is filled in here.
wire::ImportPreview commit_list(SQLite::Database& writer, const ListImportInput& in, store::ImportBatch batch);

// The ledger's seal guard, one row (before it is written, the planner on the writer): throws QuarterSealed when the
// row adds or changes the ledger and it — or a ledger row it replaces (store::SubscriberPlanner) — touches a sealed
// quarter (verification/seal.hpp). Rows left unchanged pass: a whole ledger re-imported unchanged is accepted.
void refuse_sealed_subscriber(store::SubscriberPlanner& planner, const std::vector<SealInfo>& sealed,
                              const SubscriberRow& row, const store::TownIds& towns);

// The subscriber ledger through store::SubscriberWriter, streamed (each valid row written as it is read; rows whose
// town is not the registry's are errors, as the route says) — for the command line (the speed bench).
wire::ImportPreview commit_subscriber_file(SQLite::Database& writer, const ListImportInput& in, store::ImportBatch batch);

}  // namespace yiyang::app
