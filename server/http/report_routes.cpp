// The operation reports (issue 13, part reports: 月度运营分析报告, 项目总结报告, 调查分析报告; shared/operation_report.hpp,
// app/operation_report):
//   GET  /api/v1/reports/operation?kind=&period=&format=   the report as of now (JSON, or an unsealed PDF / XLSX)
//   PUT  /api/v1/reports/operation/draft                   the supervisor's 问题与建议 saved as a draft (audited)
//   POST /api/v1/reports/operation/sign                    sign: figures JSON + PDF + XLSX stored with their SHA-256,
//                                                          never changed; a second signature is 补充报告第N号 (a reason)
//   GET  /api/v1/reports/signed?kind=&period=              the signed reports
//   GET  /api/v1/reports/signed/{id}                       one, with its figures as signed
//   GET  /api/v1/reports/signed/{id}/file?format=pdf|xlsx  its stored file, byte for byte (audited download)
//   POST /api/v1/reports/signed/{id}/countersign           the bureau leader countersigns (会签; a note optional)
//   POST /api/v1/reports/signed/{id}/return                the bureau leader returns it (退回; a reason): the supervisor
//                                                          signs a supplement. Both recorded beside the sealed report
//                                                          (its files never change), audited, one transaction
#include "app/operation_report.hpp"
#include "app/photos.hpp"   // sha256_hex
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/signed_files.hpp"
#include "store/audit.hpp"
#include "store/operation_reports.hpp"
#include "yiyang/access.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/wire/operation_report.hpp"

namespace yiyang::http {

namespace {

constexpr std::size_t kProblemsMax = 4000;   // characters of 问题与建议

const char* kind_zh(const std::string& k) {
    if (k == "month") return "月度运营分析报告";
    if (k == "year") return "项目总结报告";
    return "调查分析报告";
}

app::ReportSubject subject_or_fail(app::AppContext& ctx, const std::string& kind, const std::string& period,
                                   bool from_query) {
    std::string why;
    auto s = app::report_subject(ctx, kind, period, why);
    if (!s) {
        const bool kind_bad = kind != "month" && kind != "year" && kind != "survey";
        const char* name = kind_bad ? "kind" : "period";
        if (from_query) fail_bad_query(name, why, kind_bad ? kind : period);
        fail_validation({{name, "invalid", why + "（实际为 " + shown_text(kind_bad ? kind : period) + "）"}});
    }
    return *s;
}

void require_kind_period(const std::map<std::string, std::string>& f) {
    std::vector<FieldError> errors;
    if (field(f, "kind").empty()) errors.push_back({"kind", "required", "请填写报告类型：month、year 或 survey"});
    if (field(f, "period").empty()) errors.push_back({"period", "required", "请填写报告期间（月份），如 2026-11"});
    if (!errors.empty()) fail_validation(errors);
}

// A signed report's status: the leader's decision, else corrected by a supplement, else awaiting the countersign.
std::string report_status(const store::SignedOperationReportRow& r) {
    if (r.decision) return r.decision->decision == "countersign" ? "countersigned" : "returned";
    if (r.superseded_by) return "superseded";
    return "signed";
}

// The leader's decision as a verb: countersign → 会签, return → 退回.
const char* decision_verb_zh(const std::string& decision) { return decision == "countersign" ? "会签" : "退回"; }

const char* report_status_zh(const std::string& s) {
    if (s == "countersigned") return "已会签";
    if (s == "returned") return "已退回";
    if (s == "superseded") return "已被补充报告更正";
    return "已签署、待会签";
}

wire::SignedOperationReport to_wire(const store::SignedOperationReportRow& r) {
    wire::SignedOperationReport w;
    w.id = r.id;
    w.kind = r.kind;
    w.period = r.period;
    w.title_zh = r.title;
    w.supplement_no = r.supplement_no;
    w.supersedes = r.supersedes;
    w.signed_by = r.signed_by_name;
    w.signed_at = format_timestamp(r.signed_at);
    w.note_zh = r.note;
    w.figures_sha256 = r.figures_sha256;
    w.pdf_sha256 = r.pdf_sha256;
    w.xlsx_sha256 = r.xlsx_sha256;
    w.pdf_bytes = r.pdf_bytes;
    w.xlsx_bytes = r.xlsx_bytes;
    w.status = report_status(r);
    w.status_zh = report_status_zh(w.status);
    if (r.decision) {
        w.decided_by = r.decision->decided_by_name;
        w.decided_at = format_timestamp(r.decision->decided_at);
        w.decision_note_zh = r.decision->note;
    }
    w.superseded_by = r.superseded_by;
    return w;
}

store::SignedOperationReportRow signed_or_404(SQLite::Database& db, Id id) {
    auto r = store::signed_operation_report(db, id);
    if (!r) fail_not_found("编号为 " + std::to_string(id) + " 的已签署报告");
    return *r;
}

wire::OperationReport current_report(app::AppContext& ctx, const app::ReportSubject& s) {
    auto& db = ctx.db.reader();
    const auto draft = store::report_draft(db, s.kind, s.period);
    wire::OperationReport rep = app::operation_report(ctx, s, draft ? draft->problems : std::string());
    if (draft) {
        rep.draft_saved_at = format_timestamp(draft->saved_at);
        rep.draft_saved_by = draft->saved_by_name;
    }
    return rep;
}

}  // namespace

void register_report_routes(Router& r, app::AppContext& ctx) {
    const json subject_params = {
        query_param("kind", "string", "month (月度运营分析报告, default) | year (项目总结报告) | survey (调查分析报告)"),
        query_param("period", "string", "a month 2026-11 (default: the current month); year/survey: any month of the project year"),
    };
    json get_params = subject_params;
    get_params.push_back(query_param("format", "string", "json (default) | pdf | xlsx (unsealed files, audited)"));
    r.add({"GET", "/api/v1/reports/operation",
           "An operation report as of now: the month's indicators (equal to GET /api/v1/kpis) against targets with the "
           "previous month and Δ, the year's trend, requests by channel/type/town, provider ranking, SLA compliance; or "
           "the project year's summary, or the survey analysis; with the saved 问题与建议 draft. format=pdf|xlsx: the "
           "files, marked 未封存",
           "reports", needs(Permission::ReadReports), get_params, "", "OperationReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        std::string kind = query_text(req, "kind", 8);
        if (kind.empty()) kind = "month";
        std::string period = query_text(req, "period", 16);
        if (period.empty()) period = month_of(date_of(ctx.now())).code();
        const std::string format = query_text(req, "format", 8);
        if (!format.empty() && format != "json" && format != "pdf" && format != "xlsx")
            fail_bad_query("format", "应为 json、pdf 或 xlsx", format);
        const auto s = subject_or_fail(ctx, kind, period, true);
        const wire::OperationReport rep = current_report(ctx, s);
        if (format.empty() || format == "json") {
            reply_json(res, 200, json(rep));
            return;
        }
        const auto now = ctx.now();
        const json details = {{"table", "operation_report"}, {"kind", s.kind}, {"period", s.period}, {"format", format}};
        ctx.db.write([&](SQLite::Database& w) {
            store::append_audit(w, {0, now, user.user.id, user.user.username, "export", std::nullopt, "export", details, ""});
        }, store::Database::Touches::SessionsOnly);
        const app::OperationFileOptions o{"", role_user(user), {"草稿（未签署）"}};
        res.status = 200;
        res.set_header("Content-Disposition", attachment_header(rep.title_zh + "（草稿）." + format,
                                                                "operation_report_" + s.kind + "_" + s.period + "." + format));
        if (format == "pdf") res.set_content(app::operation_report_pdf(rep, o), "application/pdf");
        else res.set_content(app::operation_report_xlsx(rep, o),
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    });

    r.add({"PUT", "/api/v1/reports/operation/draft",
           "Save the supervisor's 问题与建议 (problems found and recommendations, ≤ 4000 characters) of a report as a "
           "draft, before signing (audited: the text before and after)",
           "reports", needs(Permission::SignReports), json::array(), "ReportDraftInput", "OperationReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto f = string_fields(req, {"kind", "period", "problems"});
        require_kind_period(f);
        const auto s = subject_or_fail(ctx, field(f, "kind"), field(f, "period"), false);
        const std::string problems = field(f, "problems");
        if (utf8_length(problems) > kProblemsMax)
            fail_validation({{"problems", "too_long", "问题与建议最多 4000 个字，实际 " + std::to_string(utf8_length(problems)) + " 个字"}});
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& w) {
            const auto before = store::report_draft(w, s.kind, s.period);
            store::save_report_draft(w, {s.kind, s.period, problems, display_name(user), user.user.id, now});
            store::append_audit(w, {0, now, user.user.id, user.user.username, "operation_report_draft", std::nullopt,
                                    "update",
                                    {{"kind", s.kind}, {"period", s.period},
                                     {"problems", {before ? json(before->problems) : json(nullptr), problems}}},
                                    ""});
        });
        reply_json(res, 200, json(current_report(ctx, s)));
    });

    r.add({"POST", "/api/v1/reports/operation/sign",
           "Sign a report (supervisor): its figures (canonical JSON), the PDF and the XLSX are stored with their SHA-256 "
           "and never change; the saved 问题与建议 draft is the text signed (422 when none). A report already signed is "
           "corrected by a numbered supplement (补充报告第N号) with a reason (note, 2–500 characters). 409 when the month "
           "is not over (year/survey: before the project year's last month)",
           "reports", needs(Permission::SignReports), json::array(), "ReportSignInput", "SignedOperationReport", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto f = string_fields(req, {"kind", "period", "note"});
        require_kind_period(f);
        const auto s = subject_or_fail(ctx, field(f, "kind"), field(f, "period"), false);
        const std::string note = field(f, "note");
        if (utf8_length(note) > 500) fail_validation({{"note", "too_long", "更正理由最多 500 个字"}});
        const Date today = date_of(ctx.now());
        if (s.kind == "month" && !(s.last < today))
            fail(409, "period_not_over", s.month->label_zh() + "尚未结束，结束后才能签署月度运营分析报告");
        if (s.kind != "month" && today < s.year.months().back().first_day())
            fail(409, "period_not_over", "项目年度（" + s.year.label_zh() + "）的最后一个月开始后才能签署" + kind_zh(s.kind));

        constexpr int kAttempts = 3;
        store::SignedOperationReportRow out;
        for (int attempt = 1;; ++attempt) {
            const auto version = ctx.db.data_version();
            auto& db = ctx.db.reader();
            const auto draft = store::report_draft(db, s.kind, s.period);
            if (!draft || utf8_length(draft->problems) < 2)
                fail(422, "no_draft", std::string("请先填写并保存“问题与建议”（至少 2 个字），再签署") + kind_zh(s.kind));
            const auto latest = store::latest_signed_operation_report(db, s.kind, s.period);
            if (latest && (utf8_length(note) < 2)) {
                const bool returned = latest->decision && latest->decision->decision == "return";
                fail_validation({{"note", "required",
                                  "该报告已于 " + format_timestamp(latest->signed_at) + " 签署（第 " +
                                      std::to_string(latest->id) + " 号）" +
                                      (returned ? "，已被" + latest->decision->decided_by_name + "退回（理由：" +
                                                      latest->decision->note + "）"
                                                : std::string()) +
                                      "；签署补充报告请填写更正理由（2–500 个字）"}});
            }
            wire::OperationReport rep = app::operation_report(ctx, s, draft->problems);
            rep.draft_saved_at = format_timestamp(draft->saved_at);
            rep.draft_saved_by = draft->saved_by_name;
            const std::string figures = json(rep).dump();
            store::SignedOperationReportRow row;
            row.kind = s.kind;
            row.period = s.period;
            row.covered_first = format_date(s.first);
            row.covered_last = format_date(s.last);
            row.supplement_no = latest ? latest->supplement_no + 1 : 0;
            row.supersedes = latest ? std::optional<Id>(latest->id) : std::nullopt;
            row.title = rep.title_zh + (row.supplement_no ? "（补充报告第" + std::to_string(row.supplement_no) + "号）" : "");
            row.note = latest ? note : std::string();
            row.signed_by = user.user.id;
            row.signed_by_name = role_user(user);
            row.signed_at = ctx.now();
            row.figures = figures;
            row.figures_sha256 = app::sha256_hex(figures);
            std::vector<std::string> seal;
            seal.push_back(row.supplement_no ? "补充报告第" + std::to_string(row.supplement_no) + "号，更正第 " +
                                                   std::to_string(*row.supersedes) + " 号签署：" + note
                                             : std::string("已签署并封存"));
            seal.push_back("签署人：" + row.signed_by_name + "　签署时间：" + format_timestamp(row.signed_at));
            seal.push_back("数据 SHA-256：" + row.figures_sha256);
            const app::OperationFileOptions o{row.figures_sha256, row.signed_by_name, seal};
            const std::string pdf = app::operation_report_pdf(rep, o);
            const std::string xlsx = app::operation_report_xlsx(rep, o);
            row.pdf_sha256 = app::sha256_hex(pdf);
            row.xlsx_sha256 = app::sha256_hex(xlsx);
            bool stored = false;
            ctx.db.write([&](SQLite::Database& w) {
                if (ctx.db.data_version() != version) return;   // a write came in meanwhile: computed again
                const auto now_latest = store::latest_signed_operation_report(w, s.kind, s.period);
                if ((now_latest ? now_latest->id : 0) != (latest ? latest->id : 0)) return;
                row.id = store::insert_signed_operation_report(w, row, pdf, xlsx);
                row.pdf_bytes = static_cast<std::int64_t>(pdf.size());
                row.xlsx_bytes = static_cast<std::int64_t>(xlsx.size());
                store::append_audit(w, {0, row.signed_at, user.user.id, user.user.username, "operation_report", row.id,
                                        row.supplement_no ? "sign_supplement" : "sign",
                                        {{"kind", row.kind}, {"period", row.period}, {"supplement_no", row.supplement_no},
                                         {"supersedes", row.supersedes ? json(*row.supersedes) : json(nullptr)},
                                         {"figures_sha256", row.figures_sha256}, {"pdf_sha256", row.pdf_sha256},
                                         {"xlsx_sha256", row.xlsx_sha256}},
                                        row.note});
                stored = true;
            });
            if (stored) {
                out = row;
                break;
            }
            if (attempt == kAttempts)
                fail(409, "data_changed", "签署期间记录连续被修改（已重算 " + std::to_string(kAttempts) + " 次），请稍后再签署");
        }
        reply_json(res, 201, json(to_wire(out)));
    });

    r.add({"GET", "/api/v1/reports/signed", "The signed operation reports (newest first), of a kind and period when given",
           "reports", needs(Permission::ReadReports),
           {query_param("kind", "string", "month | year | survey"), query_param("period", "string", "2026-11")}, "",
           "SignedOperationReportList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const std::string kind = query_text(req, "kind", 8);
        if (!kind.empty() && kind != "month" && kind != "year" && kind != "survey")
            fail_bad_query("kind", "应为 month、year 或 survey", kind);
        const std::string period = query_text(req, "period", 16);
        if (!period.empty()) {
            const auto p = parse_period(period);
            if (!p || p->kind != PeriodKind::Month) fail_bad_query("period", "应为月份，如 2026-11", period);
        }
        wire::SignedOperationReportList list;
        for (const auto& row : store::signed_operation_reports(ctx.db.reader(), kind, period))
            list.items.push_back(to_wire(row));
        reply_json(res, 200, json(list));
    });

    r.add({"GET", "/api/v1/reports/signed/{id}", "One signed operation report with its figures exactly as signed",
           "reports", needs(Permission::ReadReports), json::array(), "", "SignedOperationReportDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const auto row = signed_or_404(ctx.db.reader(), path_id(req));
        wire::SignedOperationReportDetail d;
        d.report = to_wire(row);
        d.figures = json::parse(row.figures).get<wire::OperationReport>();
        reply_json(res, 200, json(d));
    });

    r.add({"GET", "/api/v1/reports/signed/{id}/file",
           "A signed report's stored PDF or XLSX, byte for byte as signed (SHA-256 in X-Yiyang-SHA256); audited",
           "reports", needs(Permission::ReadReports), {query_param("format", "string", "pdf (default) | xlsx")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string format = signed_file_format(req);
        auto& db = ctx.db.reader();
        const auto row = signed_or_404(db, path_id(req));
        SignedFile file{store::signed_operation_report_file(db, row.id, format), format,
                        format == "pdf" ? row.pdf_sha256 : row.xlsx_sha256, row.title + "." + format,
                        "operation_report_" + std::to_string(row.id) + "." + format};
        reply_signed_file(ctx, res, user, "operation_report", row.id,
                          {{"format", format}, {"kind", row.kind}, {"period", row.period}}, std::move(file));
    });

    // The leader's decision: checked and stored with its audit event in one write transaction.
    const auto decide = [&ctx](const httplib::Request& req, const AuthUser& user, const std::string& decision,
                               const std::string& note) {
        const Id id = path_id(req);
        wire::SignedOperationReport out;
        ctx.db.write([&](SQLite::Database& w) {
            const auto row = signed_or_404(w, id);
            const std::string verb = decision_verb_zh(decision);
            const std::string which = row.title + "（第 " + std::to_string(id) + " 号）";
            if (row.decision)
                fail(409, "already_decided",
                     which + "已由" + row.decision->decided_by_name + "于 " + format_timestamp(row.decision->decided_at) +
                         decision_verb_zh(row.decision->decision) + "，不能再" + verb);
            if (row.superseded_by)
                fail(409, "superseded", which + "已被第 " + std::to_string(*row.superseded_by) +
                                            " 号补充报告更正，请" + verb + "最新的补充报告");
            const auto now = ctx.now();
            store::insert_report_decision(w, {id, decision, note, user.user.id, role_user(user), now});
            store::append_audit(w, {0, now, user.user.id, user.user.username, "operation_report", id, decision,
                                    {{"kind", row.kind}, {"period", row.period}, {"supplement_no", row.supplement_no},
                                     {"figures_sha256", row.figures_sha256}, {"pdf_sha256", row.pdf_sha256},
                                     {"xlsx_sha256", row.xlsx_sha256}},
                                    note});
            out = to_wire(signed_or_404(w, id));
        });
        return out;
    };

    r.add({"POST", "/api/v1/reports/signed/{id}/countersign",
           "The bureau leader countersigns a signed report (会签; note optional, ≤ 500 characters). Recorded beside the "
           "sealed report — its figures and files never change. 409 when already countersigned or returned, or "
           "corrected by a later supplement. Audited with the report's SHA-256s",
           "reports", needs(Permission::CountersignReports), json::array(), "ReportDecisionRequest",
           "SignedOperationReport"},
          [decide](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto f = string_fields(req, {"note"});
        const std::string note = field(f, "note");
        if (utf8_length(note) > 500)
            fail_validation({{"note", "too_long", "会签意见最多 500 个字，实际 " + std::to_string(utf8_length(note)) + " 个字"}});
        reply_json(res, 200, json(decide(req, user, "countersign", note)));
    });

    r.add({"POST", "/api/v1/reports/signed/{id}/return",
           "The bureau leader returns a signed report with a reason (退回; reason 2–500 characters): the supervisor "
           "corrects it by signing a supplement (补充报告第N号). 409 when already decided or superseded. Audited",
           "reports", needs(Permission::CountersignReports), json::array(), "ReportDecisionRequest",
           "SignedOperationReport"},
          [decide](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto f = string_fields(req, {"reason"});
        const std::string reason = field(f, "reason");
        const auto n = utf8_length(reason);
        if (n < 2 || n > 500)
            fail_validation({{"reason", n < 2 ? "required" : "too_long",
                              "请填写退回的理由（2–500 个字），实际 " + std::to_string(n) + " 个字"}});
        reply_json(res, 200, json(decide(req, user, "return", reason)));
    });
}

}  // namespace yiyang::http
