// The import framework beyond the subscriber ledger (issue 10): POST /api/v1/imports/{list} for the service records,
// the cremation list, the phone-check outcomes and the callback/survey answers (subscribers keep their own route in
// import_routes.cpp, registered first); the kept imports (GET /api/v1/imports, GET /api/v1/imports/{id}/file,
// audited: the files hold personal data); the XLSX templates (GET /api/v1/imports/templates/{list}.xlsx).
#include <string_view>

#include "app/import_files.hpp"
#include "app/photos.hpp"   // sha256_hex
#include "app/import_templates.hpp"
#include "app/list_import.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/verification_seal.hpp"
#include "store/audit.hpp"
#include "store/list_imports.hpp"
#include "store/reference.hpp"
#include "yiyang/import.hpp"
#include "yiyang/wire/import_batches.hpp"
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

const char* kListCodes = "subscribers、service_records、cremations、phone_checks、callbacks";

ImportList list_in_path(const httplib::Request& req) {
    const std::string c = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
    const auto l = import_list_from_code(c);
    if (!l) fail_not_found("名单“" + shown_text(c) + "”（可用：" + kListCodes + "）");
    return *l;
}

wire::ImportBatchSummary summary(const store::ImportBatchInfo& b) {
    wire::ImportBatchSummary s;
    s.id = b.id;
    s.list = b.list;
    const auto l = import_list_from_code(b.list);
    s.list_name = l ? label_zh(*l) : b.list;
    s.file_name = b.file_name;
    s.sha256 = b.sha256;
    s.file_kind = b.file_kind;
    s.encoding = b.encoding;
    s.sheet = b.sheet;
    s.bytes = b.bytes;
    s.user_id = b.user_id;
    s.username = b.username;
    s.imported_at = format_timestamp(b.at);
    s.rows = b.rows;
    s.added = b.added;
    s.changed = b.changed;
    s.unchanged = b.unchanged;
    return s;
}

// provider_id= of a service-record file (whose flags that provider answers, issue 10 实体服务): required there,
// an existing provider; refused on the other lists, which belong to no provider.
std::optional<Id> service_record_provider(const httplib::Request& req, ImportList list, SQLite::Database& db) {
    const auto id = query_int(req, "provider_id", 1, 1'000'000'000);
    if (list != ImportList::ServiceRecords) {
        if (id) fail_bad_query("provider_id", "只适用于实体服务记录（service_records），其他名单不接受", std::to_string(*id));
        return std::nullopt;
    }
    if (!id) fail_bad_query("provider_id", "必填：实体服务记录应注明所属服务机构的编号", "");
    if (!store::provider_exists(db, *id)) {
        fail_bad_query("provider_id", "应为已有服务机构的编号（未找到该机构）", std::to_string(*id));
    }
    return id;
}

}  // namespace

void register_import_list_routes(Router& r, app::AppContext& ctx) {
    json list_param = {{"name", "list"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}},
                       {"description", "service_records | cremations | phone_checks | callbacks (subscribers: its "
                                       "own route, same parameters and reply)"}};
    r.add({"POST", "/api/v1/imports/{list}",
           "Import a verification list (实体服务记录, 火化名单, 核查结果, 回访/满意度调查; CSV in UTF-8/GBK/UTF-16 or "
           "XLSX): a dry run by default, then dry_run=0 commits all rows or none; the same file twice changes nothing",
           "imports", needs(Permission::ImportLists),
           {list_param, query_param("dry_run", "integer", "1 (default): preview only; 0: commit"),
            query_param("name", "string", "the file's name, kept with the import"),
            query_param("sheet", "string", "XLSX: the sheet to read (default: the first)"),
            query_param("provider_id", "integer", "service_records only, required: the provider whose records the "
                                                  "file holds (it answers their flags)")},
           "", "ImportPreview", 200},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const ImportList list = list_in_path(req);
        if (list == ImportList::Subscribers) fail_not_found("名单 subscribers 的通用导入（它有自己的路由）");   // unreachable
        if (!accepted_media_type(req)) {
            fail(415, "unsupported_media_type",
                 "名单文件应以原始内容上传（CSV 或 XLSX），实际的 Content-Type 为：" +
                     shown_text(req.get_header_value("Content-Type")));
        }
        const bool dry_run = query_int(req, "dry_run", 0, 1).value_or(1) == 1;
        const auto now = ctx.now();
        app::ListImportInput in{list, req.body, query_text(req, "name", 255), query_text(req, "sheet", 100),
                                date_of(now), 200, app::kMaxImportFileBytes, {}, {}};
        in.provider_id = service_record_provider(req, list, ctx.db.reader());
        const auto refuse = [&](const wire::ImportPreview& p, const std::string& message) {
            reply_json(res, 422, json(wire::ImportRejected{message, p}));
        };
        if (dry_run) {
            const auto p = app::dry_run_list(ctx.db.reader(), in);
            return reply_json(res, 200, json(p));
        }
        wire::ImportPreview p;
        try {
            ctx.db.write([&](SQLite::Database& db) {
                in.sealed = app::sealed_quarters(db);   // the seal guard: see app/list_import.hpp
                // The file's SHA-256 is taken beside the reading (app/list_import.cpp), not before it.
                store::ImportBatch batch{code(list), in.file_name, "", "", "", "",
                                         user.user.id, user.user.username, now, 0};
                p = app::commit_list(db, in, batch);
                json details = {{"list", p.list}, {"file_name", p.file_name}, {"sha256", p.sha256},
                                {"rows", p.rows}, {"added", p.added}, {"changed", p.changed},
                                {"unchanged", p.unchanged}};
                if (in.provider_id) details["provider_id"] = *in.provider_id;
                store::append_audit(db, {0, now, user.user.id, user.user.username, "import_batch", *p.import_id,
                                         "import", details, ""});
            });
        } catch (const app::ImportRefused& e) {
            return refuse(e.preview, e.message_zh);
        } catch (const app::QuarterSealed& e) {
            fail_sealed(e.message_zh);
        }
        reply_json(res, 201, json(p));
    });

    r.add({"GET", "/api/v1/imports",
           "The kept imports, newest first: who imported which file of which list, when, its SHA-256 and counts",
           "imports", needs(Permission::ImportLists),
           {query_param("list", "string", "only this list (subscribers, service_records, cremations, phone_checks, "
                                          "callbacks)"),
            query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20"),
            query_param("sort", "string", "imported_at | file_name | rows | id, '-' prefix = descending "
                                          "(default -imported_at)"),
            query_param("dir", "string", "asc | desc (instead of the '-' prefix)")},
           "", "ImportBatchPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const auto list = query_enum<ImportList>(req, "list", &import_list_from_code);
        const auto sort = query_sort(req, {"imported_at", "file_name", "rows", "id"}, {"imported_at", true});
        const auto paging = read_paging(req, false);
        const auto page = store::list_import_batches(ctx.db.reader(), list ? code(*list) : "", sort.key,
                                                     sort.descending, paging.page, paging.page_size);
        wire::ImportBatchPage out;
        out.total = page.total;
        out.page = paging.page;
        out.page_size = paging.page_size;
        for (const auto& b : page.items) out.items.push_back(summary(b));
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/imports/{id}/file",
           "An import's file as it was received (the original name in Content-Disposition); audited — it holds "
           "personal data",
           "imports", needs(Permission::ImportLists), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        auto f = store::import_file(ctx.db.reader(), id);
        if (!f) fail_not_found("编号为 " + std::to_string(id) + " 的导入记录");
        const auto now = ctx.now();
        const json details = {{"list", f->info.list}, {"file_name", f->info.file_name}, {"sha256", f->info.sha256},
                              {"bytes", f->info.bytes}};
        ctx.db.write([&](SQLite::Database& db) {
            store::append_audit(db, {0, now, user.user.id, user.user.username, "import_batch", id, "download", details, ""});
        }, store::Database::Touches::SessionsOnly);
        const std::string ext = f->info.file_kind == "xlsx" ? "xlsx" : "csv";
        const std::string name = f->info.file_name.empty() ? "import-" + std::to_string(id) + "." + ext : f->info.file_name;
        res.status = 200;
        res.set_header("Content-Disposition", attachment_header(name, "import-" + std::to_string(id) + "." + ext));
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("X-Yiyang-SHA256", f->info.sha256);
        res.set_content(std::move(f->bytes), ext == "xlsx"
                                                 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                                 : "application/octet-stream");
    });

    r.add({"GET", "/api/v1/imports/templates/{list}.xlsx",
           "The XLSX template of a list: its headers (ID and phone columns as text) and a sheet 说明 with each "
           "column's rules and accepted synonyms",
           "imports", needs(Permission::ImportLists), {list_param}, "", ""},
          [](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const ImportList list = list_in_path(req);
        res.status = 200;
        res.set_header("Content-Disposition",
                       attachment_header(app::import_template_file_name(list), std::string(code(list)) + "-template.xlsx"));
        res.set_content(app::import_template_xlsx(list), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    });
}

}  // namespace yiyang::http
