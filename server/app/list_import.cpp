// An import of one verification list, streamed from the file to the store (app/list_import.hpp).
#include "app/list_import.hpp"

#include <functional>
#include <future>
#include <type_traits>
#include <stdexcept>

#include "app/import_files.hpp"
#include "app/photos.hpp"   // sha256_hex
#include "app/row_pipe.hpp"
#include "store/reference.hpp"
#include "store/subscriber_import.hpp"
#include "yiyang/verification/seal.hpp"

namespace yiyang::app {
namespace {

// Reads the file through the validator on another thread (app/row_pipe.hpp): each valid row goes to `sink`, on the
// caller's thread, in the order read, as soon as its batch is handed over — the file's reading and checking
// (shared/import) on one core, the store's writes on the other. `sha256`: the file's, when the caller has it already
// (hashing 574 MB takes a second or two); else hashed on a third thread meanwhile.
template <class Row, class Sink>
wire::ImportPreview run(const ListImportInput& in, bool dry_run, Sink&& sink, const std::string& sha256 = {}) {
    wire::ImportPreview p;
    p.list = code(in.list);
    p.list_name = label_zh(in.list);
    p.dry_run = dry_run;
    p.file_name = in.file_name;
    std::future<std::string> hashed;
    if (sha256.empty()) hashed = std::async(std::launch::async, [&in] { return sha256_hex(in.bytes); });
    struct Read {
        SheetInfo info;
        ImportResult<Row> result;
    };
    RowPipe<Row> pipe;
    auto reader = std::async(std::launch::async, [&]() -> Read {
        try {
            ImportStream<Row> stream(in.today, ImportLimits{in.max_errors, 10}, [&](Row&& row) { pipe.add(std::move(row)); });
            Read r;
            r.info = read_sheet(in.bytes, in.sheet, [&](const CsvRow& row) { stream.add(row); }, in.max_bytes);
            r.result = stream.finish();   // rows held before a late header come out here
            pipe.close();
            return r;
        } catch (const PipeCancelled&) {
            return {};   // the writer stopped: its exception is the one that counts
        } catch (...) {
            pipe.close();
            throw;
        }
    });
    try {
        while (auto batch = pipe.take())
            for (const auto& row : *batch) sink(row);
    } catch (...) {
        pipe.cancel();
        reader.wait();
        if (hashed.valid()) hashed.wait();
        throw;
    }
    auto read = reader.get();
    p.sha256 = hashed.valid() ? hashed.get() : sha256;
    auto& info = read.info;
    auto& result = read.result;
    p.file_kind = info.kind == ImportFileKind::Xlsx ? "xlsx" : "csv";
    p.encoding = info.kind == ImportFileKind::Csv ? code(info.encoding) : "";
    p.sheet = info.sheet;
    p.header_row = result.header_row;
    p.rows = static_cast<std::int64_t>(result.rows_read);
    p.error_count = static_cast<std::int64_t>(result.error_count);
    p.errors = std::move(result.errors);
    if (info.error_zh) {   // the file itself refused: its message leads
        p.errors.insert(p.errors.begin(), ImportError{0, "", *info.error_zh});
        ++p.error_count;
    }
    return p;
}

// One read transaction for the whole dry run: one snapshot for every lookup, and no lock taken and released per row.
struct ReadSnapshot {
    SQLite::Database& db;
    explicit ReadSnapshot(SQLite::Database& d) : db(d) { db.exec("BEGIN"); }
    ~ReadSnapshot() {
        try { db.exec("COMMIT"); } catch (...) {}   // a read transaction: nothing to lose
    }
};

template <class Row>
wire::ImportPreview dry_run_rows(SQLite::Database& db, const ListImportInput& in) {
    ReadSnapshot snapshot(db);
    store::ListDiff<Row> diff(db);
    auto p = run<Row>(in, true, [&](const Row& r) { diff.add(r); });
    p.added = diff.counts.added;
    p.changed = diff.counts.changed;
    p.unchanged = diff.counts.unchanged;
    return p;
}

void refuse_if_errors(const wire::ImportPreview& p) {
    if (p.error_count == 0) return;
    ImportRefused e;
    e.preview = p;
    e.preview.import_id.reset();
    e.message_zh = (!p.errors.empty() && p.errors[0].row == 0 ? p.errors[0].message_zh
                                                                  : "文件有 " + std::to_string(p.error_count) + " 处错误") +
                   "（未导入任何记录）";
    throw e;
}

// A row added or changed — or a version it replaces — that touches a sealed quarter: the whole commit is refused
// (the caller rolls back).
template <class Row>
void refuse_if_sealed(const std::vector<SealInfo>& sealed, const Row& r, const std::vector<Row>& replaced = {}) {
    for (const auto& s : sealed) {
        bool touches = verification::touches_quarter(r, s.quarter);
        for (const auto& old : replaced) touches = touches || verification::touches_quarter(old, s.quarter);
        if (!touches) continue;
        QuarterSealed e;
        e.info = s;
        e.message_zh = "第 " + std::to_string(r.row) + " 行：" + sealed_message_zh(s);
        throw e;
    }
}

// The version of a row the commit would replace, where the seal guard must see it: a service record's day or a
// cremation's death date is not its key, so a change can move it out of a sealed quarter. (A check's or a call's
// day is part of its key: a change keeps it.)
template <class Row>
std::vector<Row> replaced_version(store::StoredVersions& stored, const Row& r) {
    if constexpr (std::is_same_v<Row, ServiceRecordRow> || std::is_same_v<Row, CremationRow>) {
        if (auto old = stored.of(r)) return {*old};
    }
    return {};
}

// `provider`: service records' provider, written with each row (store::ListWriter).
template <class Row>
wire::ImportPreview commit_rows(SQLite::Database& db, const ListImportInput& in, store::ImportBatch batch,
                                std::optional<Id> provider = {}) {
    const Id id = store::begin_import_batch(db, batch);   // the file last (store/imports.hpp); its SHA-256 at the end
    store::ListWriter<Row> writer(db, id, provider, in.index_mode);
    store::StoredVersions stored(db);
    auto p = run<Row>(in, false, [&](const Row& r) {
        if (in.sealed.empty()) return writer.add(r);
        // The seal guard: a row written (added, changed, or only its provider set) is checked with the version it
        // replaces (read before the write).
        const auto written = writer.counts.added + writer.counts.changed + writer.provider_changed;
        const auto replaced = replaced_version(stored, r);
        writer.add(r);
        if (writer.counts.added + writer.counts.changed + writer.provider_changed != written)
            refuse_if_sealed(in.sealed, r, replaced);
    }, batch.sha256);
    p.added = writer.counts.added;
    p.changed = writer.counts.changed;
    p.unchanged = writer.counts.unchanged;
    refuse_if_errors(p);   // the caller's transaction rolls back the batch and every row
    writer.finish();       // deferred indexes built again
    store::finish_import_batch(db, id, p.sha256, p.rows, writer.counts, p.file_kind, p.encoding, p.sheet);
    store::keep_import_file(db, id, in.bytes);
    p.import_id = id;
    return p;
}

}  // namespace

void refuse_sealed_subscriber(store::SubscriberPlanner& planner, const std::vector<SealInfo>& sealed,
                              const SubscriberRow& row, const store::TownIds& towns) {
    if (sealed.empty()) return;
    if (const auto replaced = planner.replaced(row, towns)) refuse_if_sealed(sealed, row, *replaced);
}

wire::ImportPreview dry_run_list(SQLite::Database& reader, const ListImportInput& in) {
    switch (in.list) {
        case ImportList::ServiceRecords: return dry_run_rows<ServiceRecordRow>(reader, in);
        case ImportList::Cremations: return dry_run_rows<CremationRow>(reader, in);
        case ImportList::PhoneChecks: return dry_run_rows<PhoneCheckRow>(reader, in);
        case ImportList::Callbacks: return dry_run_rows<CallbackRow>(reader, in);
        case ImportList::Subscribers: break;
    }
    throw std::logic_error("dry_run_list: subscribers have their own route");
}

wire::ImportPreview commit_list(SQLite::Database& writer, const ListImportInput& in, store::ImportBatch batch) {
    switch (in.list) {
        case ImportList::ServiceRecords: {
            // The provider written with each row (store::ListWriter), not by a second keyed write.
            return commit_rows<ServiceRecordRow>(writer, in, std::move(batch), in.provider_id);
        }
        case ImportList::Cremations: return commit_rows<CremationRow>(writer, in, std::move(batch));
        case ImportList::PhoneChecks: return commit_rows<PhoneCheckRow>(writer, in, std::move(batch));
        case ImportList::Callbacks: return commit_rows<CallbackRow>(writer, in, std::move(batch));
        case ImportList::Subscribers: break;
    }
    throw std::logic_error("commit_list: subscribers have their own route");
}

wire::ImportPreview commit_subscriber_file(SQLite::Database& db, const ListImportInput& in, store::ImportBatch batch) {
    // The towns must be the registry's, by name, as the route checks them (http/import_routes.cpp).
    store::TownIds towns;
    for (const auto& t : store::all_towns(db)) towns[t.name] = t.id;
    if (batch.sha256.empty()) batch.sha256 = sha256_hex(in.bytes);
    // Streamed: each valid row written as it is read (a refused file is rolled back by the caller).
    store::SubscriberWriter writer(db, batch, in.bytes, towns, in.index_mode);
    std::vector<ImportError> town_errors;
    std::size_t town_error_count = 0;
    std::optional<store::SubscriberPlanner> planner;
    if (!in.sealed.empty()) planner.emplace(db);
    auto p = run<SubscriberRow>(in, false, [&](const SubscriberRow& r) {
        if (towns.count(r.town)) {
            if (town_error_count != 0) return;   // after an error nothing written counts: skip the work
            if (planner) refuse_sealed_subscriber(*planner, in.sealed, r, towns);
            writer.add(r);
            return;
        }
        ++town_error_count;
        if (town_errors.size() < 200) town_errors.push_back(ImportError{r.row, "镇街", "“" + r.town + "”不是本区的镇街名称"});
    }, batch.sha256);
    p.error_count += static_cast<std::int64_t>(town_error_count);
    for (auto& e : town_errors) {
        if (p.errors.size() >= 200) break;
        p.errors.push_back(std::move(e));
    }
    refuse_if_errors(p);
    p.import_id = writer.finish(p.rows);
    p.added = writer.counts.added;
    p.changed = writer.counts.changed;
    p.unchanged = writer.counts.unchanged;
    return p;
}

}  // namespace yiyang::app
