// POST /api/v1/calls/import (a CDR file in UTF-8, GBK/GB18030 or UTF-16, validated whole by shared parse_cdr: all or nothing, one
// transaction with its audit event) and GET /api/v1/calls (a period's calls, external numbers masked by role).
#include "app/text_encoding.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/calls.hpp"
#include "yiyang/cdr.hpp"
#include "yiyang/csv.hpp"
#include "yiyang/identity.hpp"

namespace yiyang::http {
namespace {

constexpr int kLinkWindowMinutes = 30;   // an order created within 30 min of a call's start is "its" order

std::string format_label(const std::string& f) {
    if (f == "yiyang_csv") return "颐养话单 CSV";
    if (f == "asterisk") return "Asterisk Master.csv";
    return "未识别的格式";
}

bool accepted_media_type(const httplib::Request& req) {
    if (!req.has_header("Content-Type")) return true;
    const auto t = req.get_header_value("Content-Type");
    for (const char* ok : {"text/csv", "text/plain", "application/octet-stream"}) {
        if (t.rfind(ok, 0) == 0) return true;
    }
    return false;
}

json call_json(const store::StoredCall& s, bool full_phone) {
    const auto& c = s.call;
    // Only the outside party is personal data; the hotline and the seats' extensions are not.
    const bool in = c.direction == CallDirection::Inbound;
    json j = {{"id", s.id},
              {"call_key", s.call_key},
              {"direction", code(c.direction)},
              {"caller", in && !full_phone ? mask_phone(c.caller) : c.caller},
              {"callee", !in && !full_phone ? mask_phone(c.callee) : c.callee},
              {"started_at", format_timestamp(c.start)},
              {"answered", c.disposition == CallDisposition::Answered},
              {"answered_at", c.answer ? json(format_timestamp(*c.answer)) : json(nullptr)},
              {"ended_at", format_timestamp(c.end)},
              {"duration_s", c.end - c.start},
              {"talk_s", c.answer ? json(c.end - *c.answer) : json(0)},
              {"disposition", code(c.disposition)},
              {"agent", c.agent},
              {"order_id", s.order_id ? json(*s.order_id) : json(nullptr)},
              {"order_code", s.order_id ? json(s.order_code) : json(nullptr)},
              {"import_id", s.import_id}};
    return j;
}

}  // namespace

json calls_json(const std::vector<store::StoredCall>& calls, Role role) {
    const bool full = elder_policy(role).full_phone;
    json items = json::array();
    for (const auto& c : calls) items.push_back(call_json(c, full));
    return items;
}

void register_call_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/calls/import",
           "Import a call-detail record file (our CSV or Asterisk Master.csv) whole or not at all; links calls to orders",
           "calls", needs(Permission::ImportCalls),
           {query_param("name", "string", "the file's name, kept with the import batch"),
            query_param("format", "string", "auto (default) | yiyang | asterisk: refuse a file of the other format")},
           "", "CallImport", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        if (!accepted_media_type(req)) {
            return reply_error(res, 415, "unsupported_media_type",
                               "话单文件应以原始内容上传（Content-Type: text/csv），实际为：" + req.get_header_value("Content-Type"));
        }
        const auto want = req.has_param("format") ? req.get_param_value("format") : std::string("auto");
        if (want != "auto" && want != "yiyang" && want != "asterisk") {
            return reply_bad_query(res, "format", "只能是 auto、yiyang 或 asterisk", want);
        }
        // The name goes into the import batch and its audit event: UTF-8 text only (%FF was a 500 there).
        std::string name;
        if (!query_text(req, res, "name", 255, name)) return;

        CdrOptions options;
        options.max_errors = 200;
        // GBK / GB18030 (Excel's CSV on Chinese Windows) and UTF-16 are converted; what does not convert is
        // judged by parse_cdr itself, whose report names the problem and its line.
        const auto decoded = app::decode_to_utf8(req.body);
        const auto parsed = parse_cdr(decoded ? std::string_view(decoded->utf8) : std::string_view(req.body), options);
        const TextEncoding encoding = decoded ? decoded->from : detect_encoding(req.body);
        if (!parsed.ok) {
            json report = json::array();
            for (const auto& e : parsed.errors) report.push_back(e);
            std::string message = parsed.errors.empty() ? std::string("话单文件未通过校验") : parsed.errors.front().message_zh;
            const auto total = parsed.errors.size() + parsed.errors_omitted;
            if (total > 1) message += "（共 " + std::to_string(total) + " 处问题，未导入任何记录）";
            else message += "（未导入任何记录）";
            json err = {{"code", "invalid_cdr"}, {"message", message}, {"report", report},
                        {"errors_omitted", parsed.errors_omitted}, {"format", parsed.format}};
            return reply_json(res, 422, {{"error", err}});
        }
        const std::string want_code = want == "yiyang" ? "yiyang_csv" : want;
        if (want != "auto" && parsed.format != want_code) {
            json err = {{"code", "invalid_cdr"},
                        {"message", "文件格式为" + format_label(parsed.format) + "，与指定的格式（" +
                                        format_label(want_code) + "）不符，未导入任何记录"},
                        {"report", json::array({{{"row", 0}, {"column", ""}, {"message", "文件格式与 format 参数不符"}}})},
                        {"errors_omitted", 0}, {"format", parsed.format}};
            return reply_json(res, 422, {{"error", err}});
        }
        const auto now = ctx.now();
        store::CallImportCounts counts;
        ctx.db.write([&](SQLite::Database& db) {
            counts = store::import_calls(db, parsed, {name, parsed.format, user.user.id, user.user.username, now},
                                         kLinkWindowMinutes);
            json details = {{"file_name", name}, {"format", parsed.format}, {"encoding", code(encoding)}, {"rows", counts.rows},
                            {"imported", counts.imported}, {"duplicates", counts.duplicates}, {"linked", counts.linked}};
            store::append_audit(db, {0, now, user.user.id, user.user.username, "call_import", counts.import_id, "import",
                                     details, ""});
        });
        reply_json(res, 201, {{"import_id", counts.import_id}, {"format", parsed.format},
                              {"encoding", code(encoding)}, {"encoding_name", label_zh(encoding)}, {"rows", counts.rows},
                              {"imported", counts.imported}, {"duplicates", counts.duplicates},
                              {"linked", counts.linked}});
    });

    r.add({"GET", "/api/v1/calls", "Call records of a period, newest first (outside numbers masked by role)", "calls",
           needs(Permission::ReadCalls, "outside numbers masked by role"),
           {query_param("period", "string", "started in: 2026-10, 2026-Q4 or 2026 (default: all)"),
            query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20")},
           "", "CallPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        std::optional<std::int64_t> page, page_size;
        if (!query_int(req, res, "page", 1, 1'000'000, page) || !query_int(req, res, "page_size", 1, 200, page_size)) return;
        std::optional<Period> period;
        if (auto p = req.get_param_value("period"); !p.empty()) {
            period = parse_period(p);
            if (!period) return reply_bad_query(res, "period", "应为 2026-11、2026-Q4 或 2026", p);
        }
        const int pg = static_cast<int>(page.value_or(1));
        const int ps = static_cast<int>(page_size.value_or(20));
        auto& db = ctx.db.reader();
        const auto total = store::count_calls(db, period);
        const auto items = calls_json(store::find_calls(db, period, pg, ps), user.user.role);
        reply_json(res, 200, {{"items", items}, {"total", total}, {"page", pg}, {"page_size", ps},
                              {"masked", !elder_policy(user.user.role).full_phone}});
    });
}

}  // namespace yiyang::http
