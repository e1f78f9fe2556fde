// POST /api/v1/imports/subscribers (issue 10): the subscriber ledger (信息化服务台账) from a CSV or XLSX file — a dry
// run by default (what would be added, changed, left unchanged; every error by row and column), then with dry_run=0
// the commit (store::commit_subscribers): all or nothing in one transaction, each subscriber an elder of the registry
// with an info_service enrolment, one audit event per created or changed elder, idempotent by ID number, the file kept.
#include <map>
#include <set>

#include "app/import_files.hpp"
#include "app/photos.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/verification_seal.hpp"
#include "store/subscriber_import.hpp"
#include "store/reference.hpp"
#include "yiyang/import.hpp"
#include "yiyang/wire/imports.hpp"

namespace yiyang::http {
namespace {

bool accepted_media_type(const httplib::Request& req) {
    if (!req.has_header("Content-Type")) return true;
    const auto t = req.get_header_value("Content-Type");
    for (const char* ok : {"text/csv", "text/plain", "application/octet-stream",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}) {
        if (t.rfind(ok, 0) == 0) return true;
    }
    return false;
}

}  // namespace

void register_import_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/imports/subscribers",
           "Import the subscriber ledger (信息化服务台账, CSV in UTF-8/GBK or XLSX): a dry run by default, then "
           "dry_run=0 commits all rows or none; the same file twice changes nothing",
           "imports", needs(Permission::ImportLists),
           {query_param("dry_run", "integer", "1 (default): preview only; 0: commit"),
            query_param("name", "string", "the file's name, kept with the import"),
            query_param("sheet", "string", "XLSX: the sheet to read (default: the first)")},
           "", "ImportPreview", 200},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        if (!accepted_media_type(req)) {
            fail(415, "unsupported_media_type",
                 "名单文件应以原始内容上传（CSV 或 XLSX），实际的 Content-Type 为：" + req.get_header_value("Content-Type"));
        }
        const bool dry_run = query_int(req, "dry_run", 0, 1).value_or(1) == 1;
        const std::string name = query_text(req, "name", 255);
        const std::string sheet_name = query_text(req, "sheet", 100);
        const auto now = ctx.now();

        wire::ImportPreview p;
        p.list = code(ImportList::Subscribers);
        p.list_name = label_zh(ImportList::Subscribers);
        p.dry_run = dry_run;
        p.file_name = name;
        p.sha256 = app::sha256_hex(req.body);

        ImportStream<SubscriberRow> stream(date_of(now), ImportLimits{200, 10});
        const auto info = app::read_sheet(req.body, sheet_name, [&](const CsvRow& row) { stream.add(row); });
        auto result = stream.finish();
        p.file_kind = info.kind == app::ImportFileKind::Xlsx ? "xlsx" : "csv";
        p.encoding = info.kind == app::ImportFileKind::Csv ? code(info.encoding) : "";
        p.sheet = info.sheet;
        const auto refuse = [&](const std::string& message) {
            wire::ImportRejected rejected{message + "（未导入任何记录）", p};
            reply_json(res, 422, json(rejected));
        };
        if (info.error_zh) {
            p.error_count = 1;
            p.errors = {ImportError{0, "", *info.error_zh}};
            return refuse(*info.error_zh);
        }
        // The towns must be the registry's (by name, as staff write them).
        store::TownIds towns;
        for (const auto& t : store::all_towns(ctx.db.reader())) towns[t.name] = t.id;
        std::vector<SubscriberRow> rows;
        rows.reserve(result.rows.size());
        std::vector<ImportError> town_errors;
        for (auto& row : result.rows) {
            if (towns.count(row.town)) { rows.push_back(std::move(row)); continue; }
            town_errors.push_back({row.row, result.columns.count("town") ? result.columns["town"] : "镇街",
                                   "“" + row.town + "”不是本区的镇街名称"});
        }
        if (!town_errors.empty()) {
            result.error_count += town_errors.size();
            result.errors.insert(result.errors.end(), town_errors.begin(), town_errors.end());
            std::stable_sort(result.errors.begin(), result.errors.end(),
                             [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
            if (result.errors.size() > 200) result.errors.resize(200);
        }
        p.header_row = result.header_row;
        p.rows = static_cast<std::int64_t>(result.rows_read);
        p.error_count = static_cast<std::int64_t>(result.error_count);
        p.errors = result.errors;

        if (dry_run || p.error_count > 0) {
            const auto counts = store::diff_subscribers(ctx.db.reader(), rows, towns);
            p.added = counts.added;
            p.changed = counts.changed;
            p.unchanged = counts.unchanged;
            if (dry_run) return reply_json(res, 200, json(p));
            return refuse("文件有 " + std::to_string(p.error_count) + " 处错误");
        }
        store::ImportBatch batch{p.list, name, p.sha256, p.file_kind, p.encoding, p.sheet,
                                 user.user.id, user.user.username, now, p.rows};
        ctx.db.write([&](SQLite::Database& db) {
            ensure_ledger_not_sealed(db, rows, towns);
            store::ImportCounts counts;
            p.import_id = store::commit_subscribers(db, batch, req.body, rows, towns, counts);
            p.added = counts.added;
            p.changed = counts.changed;
            p.unchanged = counts.unchanged;
        });
        reply_json(res, 201, json(p));
    });
}

}  // namespace yiyang::http
