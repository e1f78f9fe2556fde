// POST /api/v1/calls/import (a CDR file in UTF-8, GBK/GB18030 or UTF-16, validated whole by shared parse_cdr: all or nothing, one
// transaction with its audit event) and GET /api/v1/calls (a period's calls, external numbers masked by role).
// Replies are shared/wire/calls.hpp structs.
#include "app/text_encoding.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/calls.hpp"
#include "yiyang/cdr.hpp"
#include "yiyang/csv.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/wire/calls.hpp"

#include <algorithm>

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

wire::CallRow call_row(const store::StoredCall& s, bool full_phone) {
    const auto& c = s.call;
    // Only the outside party is personal data; the hotline and the seats' extensions are not.
    const bool in = c.direction == CallDirection::Inbound;
    wire::CallRow r;
    r.id = s.id;
    r.call_key = s.call_key;
    r.direction = code(c.direction);
    r.caller = in && !full_phone ? mask_phone(c.caller) : c.caller;
    r.callee = !in && !full_phone ? mask_phone(c.callee) : c.callee;
    r.started_at = c.start;
    r.answered = c.disposition == CallDisposition::Answered;
    r.answered_at = c.answer;
    r.ended_at = c.end;
    r.duration_s = c.end - c.start;
    r.talk_s = c.answer ? c.end - *c.answer : 0;
    r.disposition = code(c.disposition);
    r.agent = c.agent;
    r.order_id = s.order_id;
    if (s.order_id) r.order_code = s.order_code;
    r.import_id = s.import_id;
    return r;
}

}  // namespace

std::vector<wire::CallRow> call_rows(const std::vector<store::StoredCall>& calls, Role role) {
    const bool full = elder_policy(role).full_phone;
    std::vector<wire::CallRow> items;
    items.reserve(calls.size());
    for (const auto& c : calls) items.push_back(call_row(c, full));
    return items;
}

// The list's filters (GET /calls and its export). A number searched for matches the caller or the callee: for
// roles that see outside numbers masked only a whole number, exactly (a fragment would give the hidden digits
// back one query at a time), and that lookup is an audit event; roles that see them in full may give 3+ digits.
store::CallFilter call_filter(const httplib::Request& req, const AuthUser& user) {
    store::CallFilter f;
    if (auto p = req.get_param_value("period"); !p.empty()) {
        f.started = parse_period(p);
        if (!f.started) fail_bad_query("period", "应为 2026-11、2026-Q4 或 2026", p);
    }
    for (const auto& [name, day] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
        if (auto v = req.get_param_value(name); !v.empty()) {
            *day = parse_date(v);
            if (!*day) fail_bad_query(name, "应为日期，如 2026-12-04", v);
        }
    }
    if (f.from && f.to && *f.to < *f.from) {
        fail(400, "bad_query", "呼叫日期的结束日（to）早于开始日（from）：" + format_date(*f.to) + " < " + format_date(*f.from),
             {{"to", "range", "结束日期不能早于开始日期"}});
    }
    if (auto d = req.get_param_value("direction"); !d.empty()) {
        if (d != "inbound" && d != "outbound") fail_bad_query("direction", "只能是 inbound（呼入）或 outbound（呼出）", d);
        f.direction = d;
    }
    if (auto d = req.get_param_value("disposition"); !d.empty()) {
        bool known = false;
        for (auto v : {CallDisposition::Answered, CallDisposition::NoAnswer, CallDisposition::Busy,
                       CallDisposition::Abandoned, CallDisposition::Failed}) {
            known = known || d == code(v);
        }
        if (!known) fail_bad_query("disposition", "只能是 answered、no_answer、busy、abandoned 或 failed", d);
        f.disposition = d;
    }
    f.agent = query_text(req, "agent", 64);
    if (auto n = req.get_param_value("number"); !n.empty()) {
        if (n.size() > 20 || !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            fail_bad_query("number", "应为号码的数字（最多 20 位）", n);
        }
        const bool full = elder_policy(user.user.role).full_phone;
        if (!full && !check_mobile(n).ok && n.size() < 7) {
            fail(400, "bad_query",
                 std::string(label_zh(user.user.role)) + "看到的外部号码已脱敏，不能按号码片段查找：请输入完整的号码"
                                                         "（如 11 位手机号；按号码查找会记入审计日志）",
                 {{"number", "whole_number", "请输入完整的号码"}});
        }
        if (full && n.size() < 3) fail_bad_query("number", "至少输入 3 位数字", n);
        f.number = n;
        f.number_exact = !full;
    }
    return f;
}

wire::CallPage list_calls(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all) {
    wire::CallPage reply;
    const Paging paging = read_paging(req, export_all);
    reply.page.page = paging.page;
    reply.page.page_size = paging.page_size;
    const auto filter = call_filter(req, user);
    const auto sort = query_sort(req, store::call_sort_fields(), {"started_at", true});
    const bool full = elder_policy(user.user.role).full_phone;
    std::vector<store::StoredCall> found;
    const auto read = [&](SQLite::Database& db) {
        reply.page.total = store::count_calls(db, filter);
        check_export_rows(paging, reply.page.total);
        found = store::find_calls(db, filter, reply.page.page, reply.page.page_size, sort.key, sort.descending);
    };
    if (!filter.number.empty() && !full) {
        // A masked role's whole-number lookup: read and audit in one transaction (the number masked in the event,
        // with how many calls it found), like the elder list's lookup by number.
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            read(db);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "call", std::nullopt, "lookup",
                                     {{"by", "phone"}, {"via", export_all ? "calls_export" : "calls"},
                                      {"value", mask_phone(filter.number)}, {"found", reply.page.total}}, ""});
        }, store::Database::Touches::SessionsOnly);
    } else {
        read(ctx.db.reader());
    }
    for (const auto& c : found) reply.page.items.push_back(call_row(c, full));
    reply.masked = !full;
    return reply;
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
            fail(415, "unsupported_media_type",
                 "话单文件应以原始内容上传（Content-Type: text/csv），实际为：" + req.get_header_value("Content-Type"));
        }
        const auto want = req.has_param("format") ? req.get_param_value("format") : std::string("auto");
        if (want != "auto" && want != "yiyang" && want != "asterisk") {
            fail_bad_query("format", "只能是 auto、yiyang 或 asterisk", want);
        }
        // The name goes into the import batch and its audit event: UTF-8 text only (%FF was a 500 there).
        const std::string name = query_text(req, "name", 255);

        CdrOptions options;
        options.max_errors = 200;
        // GBK / GB18030 (Excel's CSV on Chinese Windows) and UTF-16 are converted; what does not convert is
        // judged by parse_cdr itself, whose report names the problem and its line.
        const auto decoded = app::decode_to_utf8(req.body);
        const auto parsed = parse_cdr(decoded ? std::string_view(decoded->utf8) : std::string_view(req.body), options);
        const TextEncoding encoding = decoded ? decoded->from : detect_encoding(req.body);
        if (!parsed.ok) {
            // The refusal carries the line-by-line report beside the message (not an ApiError's fields).
            wire::CdrRejected err;
            err.report = parsed.errors;
            err.message = parsed.errors.empty() ? std::string("话单文件未通过校验") : parsed.errors.front().message_zh;
            const auto total = parsed.errors.size() + parsed.errors_omitted;
            if (total > 1) err.message += "（共 " + std::to_string(total) + " 处问题，未导入任何记录）";
            else err.message += "（未导入任何记录）";
            err.errors_omitted = static_cast<std::int64_t>(parsed.errors_omitted);
            err.format = parsed.format;
            return reply_json(res, 422, json(err));
        }
        const std::string want_code = want == "yiyang" ? "yiyang_csv" : want;
        if (want != "auto" && parsed.format != want_code) {
            wire::CdrRejected err;
            err.message = "文件格式为" + format_label(parsed.format) + "，与指定的格式（" + format_label(want_code) +
                          "）不符，未导入任何记录";
            err.report = {CdrIssue{0, "", "文件格式与 format 参数不符"}};
            err.format = parsed.format;
            return reply_json(res, 422, json(err));
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
        reply_json(res, 201, json(wire::CallImportReply{counts.import_id, parsed.format, code(encoding), label_zh(encoding),
                                                        counts.rows, counts.imported, counts.duplicates, counts.linked}));
    });

    r.add({"GET", "/api/v1/calls", "Call records of a period, newest first (outside numbers masked by role)", "calls",
           needs(Permission::ReadCalls, "outside numbers masked by role"),
           {query_param("period", "string", "started in: 2026-10, 2026-Q4 or 2026 (default: all)"),
            query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20"),
            query_param("from", "string", "started on or after this day: 2026-12-01"),
            query_param("to", "string", "started on or before this day: 2026-12-04"),
            query_param("direction", "string", "inbound | outbound"),
            query_param("disposition", "string", "answered | no_answer | busy | abandoned | failed"),
            query_param("agent", "string", "the seat's agent id, exact"),
            query_param("number", "string", "caller or callee: masked roles a whole number (exact, audited), others 3+ digits"),
            query_param("sort", "string", "started_at | duration | talk | agent | disposition | direction, '-' prefix = descending (default -started_at); ties by id"),
            query_param("dir", "string", "asc | desc (instead of the '-' prefix)")},
           "", "CallPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(list_calls(ctx, req, user, false)));
    });
}

}  // namespace yiyang::http
