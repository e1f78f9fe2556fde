// Sign-off of the quarterly verification report (签署与封存, issue 10): a supervisor signs the district's report of a
// quarter (figures, snapshot, PDF and XLSX kept with their SHA-256; the quarter is sealed), the bureau leader
// countersigns or returns it, a correction reopens the quarter until a supplement (补充报告第N号) is signed; the
// stored files download byte for byte. Every step is an audit event.
#include <map>

#include "app/photos.hpp"   // sha256_hex
#include "app/quarter_report.hpp"
#include "app/report_pdf.hpp"
#include "app/report_xlsx.hpp"
#include "app/signoff.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/signed_files.hpp"
#include "http/verification_common.hpp"
#include "store/audit.hpp"
#include "store/verification_signoff.hpp"
#include "store/write_state.hpp"
#include "yiyang/access.hpp"
#include "yiyang/info_service_fees.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/wire/verification_signoff.hpp"

namespace yiyang::http {

namespace {



// The reason a return or a correction needs: 2–500 characters.
std::string required_note(const std::map<std::string, std::string>& f, const std::string& what_zh) {
    const std::string note = field(f, "note");
    const auto n = utf8_length(note);
    if (n < 2 || n > 500) fail_validation({{"note", "required", "请填写" + what_zh + "（2–500 个字）"}});
    return note;
}

store::SignedReportRow report_or_404(SQLite::Database& db, Id id) {
    auto r = store::signed_report(db, id);
    if (!r) fail_not_found("编号为 " + std::to_string(id) + " 的签署报告");
    return *r;
}

const char* status_zh(const std::string& s) {
    if (s == "signed") return "已签署、待会签";
    if (s == "countersigned") return "已会签";
    if (s == "returned") return "已退回";
    if (s == "superseded") return "已被补充报告更正";
    return "未知状态";
}

// A signature computed outside the writer: the report's figures, the snapshot and the files, all from one read
// transaction begun after `version` was read (app/signoff's data version check decides whether they still hold).
struct Computed {
    std::uint64_t version = 0;
    std::optional<store::CorrectionRow> correction;
    std::optional<store::SignedReportRow> cited;
    store::SignedReportRow row;
    store::SignedReportFiles files;
    std::vector<wire::SignoffChange> changes;
};

// One read transaction on the reader: every statement of the computation sees the same data.
struct ReadTransaction {
    SQLite::Database& db;
    explicit ReadTransaction(SQLite::Database& d) : db(d) { db.exec("BEGIN"); }
    ~ReadTransaction() {
        try { db.exec("COMMIT"); } catch (...) {}   // read only: nothing to lose
    }
};

// The district's report of the quarter as it would be signed now (figures, snapshot, PDF and XLSX, with their
// SHA-256) — computed on a reader, never holding the writer.
Computed compute_signature(app::AppContext& ctx, const app::QuarterScope& scope, const app::QuarterRules& rules,
                           const std::string& recommendations, const std::string& note, const AuthUser& user,
                           LocalSeconds now) {
    Computed out;
    out.version = ctx.db.data_version();   // read before the transaction begins: a write after it changes the version
    SQLite::Database& db = ctx.db.reader();
    ReadTransaction tx(db);
    const Period& q = scope.quarter;
    const std::string qc = q.code();
    if (auto s = app::seal_of(db, q)) fail(409, "quarter_sealed", app::sealed_message_zh(*s));
    out.correction = store::open_correction(db, qc);
    out.cited = store::latest_kept_report(db, qc);
    const auto& cited = out.cited;

    wire::QuarterReport rep = app::quarter_report(ctx, db, scope, rules, recommendations);
    const json figures = app::report_figures(rep);
    const std::string figures_text = figures.dump();
    const app::Snapshot snap = app::quarter_snapshot(db, q);

    store::SignedReportRow& row = out.row;
    row.quarter = qc;
    row.supplement_no = cited ? cited->supplement_no + 1 : 0;
    if (cited) row.cites_id = cited->id;
    row.title_zh = rep.quarter_label_zh + "核查报告" +
                   (row.supplement_no > 0 ? " 补充报告第" + std::to_string(row.supplement_no) + "号" : "");
    // The report's title is "关于<period><district>城乡社区居家养老…核查报告" (shared verification/quarter_report).
    const std::string head = "关于" + rep.period_label_zh;
    const auto end = rep.title_zh.find("城乡社区");
    if (rep.title_zh.rfind(head, 0) == 0 && end != std::string::npos && end > head.size())
        row.district_name = rep.title_zh.substr(head.size(), end - head.size());
    row.signed_by = display_name(user);
    row.signed_role = label_zh(user.user.role);
    row.signed_by_id = user.user.id;
    row.signed_at = now;
    row.sign_note = note;
    row.reason = out.correction ? out.correction->reason : std::string();
    row.figures = figures_text;
    row.figures_sha256 = app::sha256_hex(figures_text);
    row.snapshot_sha256 = app::sha256_hex(snap.gz);
    row.snapshot_rows = snap.rows;
    if (cited) out.changes = app::figure_changes(json::parse(cited->figures), figures);
    json changes_json = json::array();
    for (const auto& c : out.changes) changes_json.push_back(c);
    row.changes = changes_json.dump();

    // The files: the report with the supplement's changes first, and the seal's lines under the title — the same
    // lines on the PDF and in the XLSX (neither file can hold its own SHA-256: the signed report's record has it).
    app::ReportPdfOptions options{row.figures_sha256, role_user(user), {}};
    if (row.supplement_no > 0) {
        wire::ReportTable t;
        t.code = "changes";
        t.title_zh = "补充报告第" + std::to_string(row.supplement_no) + "号：更正的数字（共 " +
                     std::to_string(out.changes.size()) + " 项）";
        t.columns = {"项目", "原报告", "更正后"};
        for (const auto& c : out.changes)
            t.rows.push_back({{c.label_zh, {}, {}, {}}, {c.before, {}, {}, {}}, {c.after, {}, {}, {}}});
        if (out.changes.empty()) t.note_zh = "与原报告相比，没有数字变化。";
        rep.tables.insert(rep.tables.begin(), t);
        options.seal_lines.push_back(row.title_zh + "：更正第" + std::to_string(cited->id) + "号签署的《" +
                                     cited->title_zh + "》。更正原因：" + row.reason);
    } else {
        options.seal_lines.push_back(row.title_zh);
    }
    options.seal_lines.push_back("签署人：" + role_user(user) + "　签署时间：" + format_timestamp(now));
    options.seal_lines.push_back(
        "会签：签署时待局领导会签（会签或退回记入签署记录，本文件不再改动）");
    options.seal_lines.push_back("数字 SHA-256：" + row.figures_sha256);
    options.seal_lines.push_back("记录快照 SHA-256：" + row.snapshot_sha256 + "（" + std::to_string(snap.rows) + " 行）");
    out.files.snapshot = snap.gz;
    out.files.pdf = app::report_pdf_bytes(rep, options);
    out.files.xlsx = app::report_xlsx_bytes(rep, role_user(user), options.seal_lines);
    row.pdf_sha256 = app::sha256_hex(out.files.pdf);
    row.xlsx_sha256 = app::sha256_hex(out.files.xlsx);
    return out;
}

// On the writer: the computed signature stored and the quarter sealed — only when no data changed since it was
// computed (false: nothing written, compute again).
bool store_signature(app::AppContext& ctx, SQLite::Database& db, const Computed& c, const std::string& note,
                     const AuthUser& user, wire::SignedReport& out) {
    if (!store::unchanged_since(ctx.db, c.version)) return false;
    const auto& row = c.row;
    const auto now = row.signed_at;
    if (c.cited && c.cited->status != "superseded") store::supersede_report(db, c.cited->id);
    const Id id = store::insert_signed_report(db, row, c.files);
    if (c.correction) store::close_correction(db, c.correction->id, id, now);
    json details = {{"quarter", row.quarter}, {"supplement_no", row.supplement_no},
                    {"figures_sha256", row.figures_sha256}, {"snapshot_sha256", row.snapshot_sha256},
                    {"snapshot_rows", row.snapshot_rows}, {"snapshot_bytes", c.files.snapshot.size()},
                    {"pdf_sha256", row.pdf_sha256}, {"xlsx_sha256", row.xlsx_sha256}};
    if (c.cited) {
        details["cites_id"] = c.cited->id;
        details["changes"] = c.changes.size();
    }
    store::append_audit(db, {0, now, user.user.id, user.user.username, "verification_report", id,
                             row.supplement_no > 0 ? "sign_supplement" : "sign", details, note});
    out = app::to_wire(report_or_404(db, id));
    return true;
}

Period quarter_in_query(const httplib::Request& req) {
    const auto text = query_text(req, "quarter", 20);
    if (text.empty()) fail_bad_query("quarter", "必填，应为季度，如 2024Q1", text);
    const auto q = parse_quarter(text);
    if (!q) fail_bad_query("quarter", "应为季度，如 2024Q1 或 2024-Q1", text);
    return *q;
}

}  // namespace

void register_verification_signoff_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/verification/signoffs",
           "The sign-off state of a quarter's district report: every signed report (newest first) with its SHA-256s, "
           "whether the quarter is sealed and by which report, and whether a correction is open",
           "verification", needs(Permission::ReadVerification),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)")}, "", "SignoffList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Period q = quarter_in_query(req);
        reply_json(res, 200, json(app::signoff_list(ctx.db.reader(), q)));
    });

    r.add({"POST", "/api/v1/verification/signoffs",
           "Sign the district's report of a quarter: computes it, keeps the figures, a snapshot of the records behind "
           "them, the PDF and the XLSX with their SHA-256 (printed on the PDF and in the XLSX) and seals the quarter; "
           "while a correction is open it makes the next supplement (补充报告第N号) listing every changed figure. "
           "Computed outside the writer and stored only if no write came in meanwhile (else computed again). 409 "
           "quarter_sealed when the quarter is sealed, data_changed when writes kept coming during 3 computations",
           "verification", needs(Permission::SignVerification), {}, "SignRequest", "SignedReport", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto f = string_fields(req, {"quarter", "recommendations_zh", "note"});
        const std::string quarter_text = field(f, "quarter");
        std::vector<FieldError> errors;
        const auto q = parse_quarter(quarter_text);
        if (quarter_text.empty()) errors.push_back({"quarter", "required", "请填写要签署的季度，如 2024Q1"});
        else if (!q) errors.push_back({"quarter", "format", "季度应写作 2024Q1 或 2024-Q1，实际为 " + shown_text(quarter_text)});
        const std::string recommendations = field(f, "recommendations_zh");
        if (utf8_length(recommendations) > 4000) errors.push_back({"recommendations_zh", "too_long", "意见建议最多 4000 个字"});
        const std::string note = field(f, "note");
        if (utf8_length(note) > 500) errors.push_back({"note", "too_long", "备注最多 500 个字"});
        if (!errors.empty()) fail_validation(errors);
        if (!(q->last_day() < date_of(ctx.now())))
            fail(409, "quarter_not_over", q->label_zh() + "尚未结束，结束后才能签署核查报告");

        QuarterScope district;   // the district's report: town views are parts of it
        district.quarter = *q;
        const app::QuarterRules rules = quarter_rules(ctx, *q);
        // Computed on a reader (seconds at city scale, never holding the writer); stored only if no write came in
        // meanwhile, else computed again — at most kSignAttempts times, then 409 data_changed (imports still running:
        // sign once they are done).
        constexpr int kSignAttempts = 3;
        wire::SignedReport out;
        for (int attempt = 1;; ++attempt) {
            const Computed c = compute_signature(ctx, app_scope(district), rules, recommendations, note, user, ctx.now());
            if (app::sign_computed_hook) app::sign_computed_hook(attempt);
            bool stored = false;
            ctx.db.write([&](SQLite::Database& db) {
                stored = store_signature(ctx, db, c, note, user, out);
            });
            if (stored) break;
            if (attempt == kSignAttempts)
                fail(409, "data_changed", "签署期间记录连续被修改（已重算 " + std::to_string(kSignAttempts) +
                                              " 次）：请待导入等操作完成后再签署");
        }
        reply_json(res, 201, json(out));
    });

    r.add({"POST", "/api/v1/verification/signoffs/{id}/countersign",
           "The bureau leader countersigns a signed report (会签; a note optional). Audited",
           "verification", needs(Permission::CountersignVerification), {}, "SignoffActionRequest", "SignedReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto f = string_fields(req, {"note"});
        const std::string note = field(f, "note");
        if (utf8_length(note) > 500) fail_validation({{"note", "too_long", "会签意见最多 500 个字"}});
        wire::SignedReport out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto rep = report_or_404(db, id);
            if (rep.status != "signed")
                fail(409, "not_signed", rep.title_zh + "（第" + std::to_string(id) + "号）" + status_zh(rep.status) +
                                            "，只有已签署、待会签的报告可以会签");
            const auto now = ctx.now();
            store::countersign_report(db, id, role_user(user), user.user.id, now, note);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "verification_report", id, "countersign",
                                     {{"quarter", rep.quarter}, {"supplement_no", rep.supplement_no},
                                      {"figures_sha256", rep.figures_sha256}, {"pdf_sha256", rep.pdf_sha256}}, note});
            out = app::to_wire(report_or_404(db, id));
        });
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/verification/signoffs/{id}/return",
           "The bureau leader returns a signed report with a reason (退回): the quarter is no longer sealed and the "
           "report is signed again. Audited",
           "verification", needs(Permission::CountersignVerification), {}, "SignoffActionRequest", "SignedReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto f = string_fields(req, {"note"});
        const std::string reason = required_note(f, "退回的理由");
        wire::SignedReport out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto rep = report_or_404(db, id);
            if (rep.status != "signed")
                fail(409, "not_signed", rep.title_zh + "（第" + std::to_string(id) + "号）" + status_zh(rep.status) +
                                            "，只有已签署、待会签的报告可以退回");
            const auto now = ctx.now();
            store::return_report(db, id, role_user(user), now, reason);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "verification_report", id, "return",
                                     {{"quarter", rep.quarter}, {"supplement_no", rep.supplement_no}}, reason});
            out = app::to_wire(report_or_404(db, id));
        });
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/verification/signoffs/{id}/corrections",
           "Open a correction of the report that seals its quarter (a reason required): its records may change again "
           "until the next signature, which makes the supplement (补充报告第N号). Audited",
           "verification", needs(Permission::SignVerification), {}, "SignoffActionRequest", "SignoffList", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto f = string_fields(req, {"note"});
        const std::string reason = required_note(f, "更正的原因");
        wire::SignoffList out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto rep = report_or_404(db, id);
            if (rep.status != "signed" && rep.status != "countersigned")
                fail(409, "not_sealing", rep.title_zh + "（第" + std::to_string(id) + "号）" + status_zh(rep.status) +
                                             "，不封存本季度，无需开启更正");
            if (auto c = store::open_correction(db, rep.quarter))
                fail(409, "correction_open", "本季度已有进行中的更正（" + c->opened_by + "，" +
                                                 format_timestamp(c->opened_at) + "）：签署补充报告后才能再开启");
            const auto now = ctx.now();
            store::insert_correction(db, {0, rep.quarter, id, reason, role_user(user), user.user.id, now});
            store::append_audit(db, {0, now, user.user.id, user.user.username, "verification_report", id,
                                     "correction_open", {{"quarter", rep.quarter}}, reason});
            out = app::signoff_list(db, *parse_period(rep.quarter));
        });
        reply_json(res, 201, json(out));
    });

    r.add({"GET", "/api/v1/verification/signoffs/{id}/file",
           "A signed report's stored PDF or XLSX, byte for byte as signed (X-Yiyang-SHA256 carries its SHA-256); "
           "audited export. The district's report: town users are refused",
           "verification", needs(Permission::ReadVerification, "not town: the district's report"),
           {query_param("format", "string", "pdf (default) | xlsx")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const std::string format = signed_file_format(req);
        if (user.user.role == Role::Town) fail(403, "forbidden", "签署的核查报告是全区的报告，镇街用户只能查看本镇街的报表");
        auto& db = ctx.db.reader();
        const auto rep = report_or_404(db, id);
        auto bytes = store::signed_report_file(db, id, format);
        if (!bytes) fail_not_found("该报告的文件");
        const std::string sha = format == "pdf" ? rep.pdf_sha256 : rep.xlsx_sha256;
        const json details = {{"table", "signed_report"}, {"format", format}, {"quarter", rep.quarter},
                              {"supplement_no", rep.supplement_no}, {"sha256", sha}};
        reply_signed_file(ctx, res, user, "verification_report", id, details,
                          {std::move(*bytes), format, sha, rep.title_zh + "." + format,
                           "signed_report_" + std::to_string(id) + "." + format});
    });
}

}  // namespace yiyang::http
