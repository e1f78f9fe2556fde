// Settlement (结算, issue 11): the monthly statements of the providers.
//   POST /api/v1/settlement/statements/preview        a what-if from a posted input (nothing stored)
//   GET  /api/v1/settlement/statements?month=          the month's providers: draft payable, signed, blocked
//   GET  /api/v1/settlement/drafts?provider_id&month   one provider's draft, computed live from today's data
//   POST /api/v1/settlement/statements                 sign (and seal) a provider's month
//   GET  /api/v1/settlement/statements/{id}            a signed statement with its objections
//   GET  /api/v1/settlement/statements/{id}/file       its stored PDF / XLSX
//   POST /api/v1/settlement/statements/{id}/supplements  补充结算单第N号 (recomputed; the cited one superseded)
//   POST /api/v1/settlement/statements/{id}/objections   the provider's 申诉, within the rule's workdays
//   POST /api/v1/settlement/objections/{id}/answer       a supervisor's answer
//   POST /api/v1/settlement/objections/{id}/files?name=  the provider's file behind its open objection (photo, PDF)
//   GET  /api/v1/settlement/objection-files/{id}/thumb | /full   its thumbnail; the file as uploaded
// The inputs are gathered by app/statement_inputs, computed by the shared formula (settle_month), signed on the
// writer (a provider's month: a few hundred subjects — the PDF is the cost). Every write an audit event.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "app/photos.hpp"   // sha256_hex
#include "app/statement_files.hpp"
#include "app/statement_inputs.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/signed_files.hpp"
#include "http/uploaded_files.hpp"
#include "http/verification_common.hpp"
#include "store/audit.hpp"
#include "store/settlement.hpp"
#include "yiyang/access.hpp"
#include "yiyang/evidence.hpp"   // kEvidenceMaxBytes
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/minute_text.hpp"
#include "yiyang/money_words.hpp"
#include "yiyang/period.hpp"
#include "yiyang/settlement/statement.hpp"
#include "yiyang/wire/settlement.hpp"
#include "yiyang/wire/settlement_statements.hpp"

namespace yiyang::http {

namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Period month_in_query(const httplib::Request& req) {
    const auto text = query_text(req, "month", 16);
    if (text.empty()) fail_bad_query("month", "必填，应为月份，如 2026-10", text);
    const auto p = parse_period(text);
    if (!p || p->kind != PeriodKind::Month) fail_bad_query("month", "应为月份，如 2026-10", text);
    return *p;
}

// The body's fields, refusing unknown ones (422 naming them).
json body_with(const httplib::Request& req, std::initializer_list<const char*> known) {
    json body = body_object(req);
    std::vector<FieldError> errors;
    for (const auto& item : body.items()) {
        bool ok = false;
        for (const char* k : known) ok = ok || item.key() == k;
        if (!ok) errors.push_back({item.key(), "unknown", "未知字段 " + shown_text(item.key())});
    }
    if (!errors.empty()) fail_validation(errors);
    return body;
}

std::string text_field(const json& body, const char* key, const char* label, std::size_t min_chars, std::size_t max_chars,
                       std::vector<FieldError>& errors) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        if (min_chars > 0) errors.push_back({key, "required", std::string("请填写") + label});
        return {};
    }
    if (!it->is_string()) {
        errors.push_back({key, "type", std::string(label) + "应为文字，实际为" + shown_value(*it)});
        return {};
    }
    const std::string v = it->get<std::string>();
    const std::size_t n = utf8_length(v);
    if (n < min_chars) errors.push_back({key, "too_short", std::string(label) + "至少 " + std::to_string(min_chars) + " 个字"});
    else if (n > max_chars) errors.push_back({key, "too_long", std::string(label) + "最多 " + std::to_string(max_chars) + " 个字"});
    return v;
}

// A provider reads only its own signed statements.
void check_reader(const AuthUser& user, const store::StatementRow& row) {
    if (user.user.role == Role::Provider && (!user.user.provider_id || *user.user.provider_id != row.provider_id))
        fail_not_found("结算单 " + std::to_string(row.id));
}

store::StatementRow statement_or_404(SQLite::Database& db, Id id) {
    auto row = store::statement_row(db, id);
    if (!row) fail_not_found("结算单 " + std::to_string(id));
    return *row;
}

std::string title_of(const store::StatementRow& r) {
    return r.supplement_no > 0 ? "补充结算单第" + std::to_string(r.supplement_no) + "号" : std::string("服务结算单");
}

// The last day to object: the statement's objection_workdays (frozen in its figures) after the signing day.
Date objection_deadline_of(app::AppContext& ctx, const store::StatementRow& r, const wire::SettlementStatementView& s) {
    const Date signed_on = date_of(r.signed_at);
    return ctx.rules().calendar_on(signed_on).add_workdays(signed_on, s.objection_workdays);
}

// At most this many files behind one objection, each at most kObjectionFileBytes (photos, scans, PDFs: the type
// judged by the bytes, http/uploaded_files.hpp). Transport limits like the body size, not a settlement rule.
constexpr std::int64_t kObjectionMaxFiles = 10;
constexpr std::int64_t kObjectionFileBytes = static_cast<std::int64_t>(kEvidenceMaxBytes);

wire::SettlementObjectionFileView objection_file_view(const store::StoredFileRow& f) {
    wire::SettlementObjectionFileView v;
    v.id = f.id;
    v.objection_id = f.owner_id;
    v.name = f.name;
    v.mime = f.mime;
    v.sha256 = f.sha256;
    v.size = f.size;
    v.width = f.width;
    v.height = f.height;
    v.uploaded_by = f.uploader;
    v.uploaded_at = minute_text(format_timestamp(f.uploaded_at));
    const std::string base = "/api/v1/settlement/objection-files/" + std::to_string(f.id);
    if (f.has_thumb) v.thumb_url = base + "/thumb";
    v.full_url = base + "/full";
    return v;
}

// An open objection of the caller's own statement, for adding a file: 404 for another provider's (its existence is
// not told), 409 once answered.
store::ObjectionRow own_open_objection(SQLite::Database& db, Id id, const AuthUser& user) {
    const auto o = store::objection_row(db, id);
    const auto st = o ? store::statement_row(db, o->statement_id) : std::nullopt;
    if (!o || !st || !user.user.provider_id || *user.user.provider_id != st->provider_id)
        fail_not_found("申诉 " + std::to_string(id));
    if (o->status != "open")
        fail(409, "already_answered", "第" + std::to_string(id) + "号申诉已于 " + minute_text(format_timestamp(o->answered_at)) +
                                          " 答复（" + wire::objection_status_label_zh(o->status) + "），不能再添加佐证文件");
    return *o;
}

// An objection file's bytes or thumbnail: the bureau's readers, and the provider of the statement (404 for another).
void reply_objection_file(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res,
                          const AuthUser& user, bool thumb) {
    const Id id = path_id(req);
    auto f = store::objection_file_bytes(ctx.db.reader(), id, thumb);
    if (f && user.user.role == Role::Provider && (!user.user.provider_id || *user.user.provider_id != f->provider_id))
        f.reset();
    if (!f) fail_not_found(thumb ? "编号为 " + std::to_string(id) + " 的申诉佐证缩略图" : "编号为 " + std::to_string(id) + " 的申诉佐证文件");
    reply_stored_file(res, std::move(f->bytes), f->mime, thumb, "objection-file-" + std::to_string(id));
}

// An objection with its files; `may_attach` for the provider who may still add one (open, room left).
wire::SettlementObjectionView objection_view(SQLite::Database& db, const store::ObjectionRow& o, const AuthUser& user) {
    wire::SettlementObjectionView v;
    v.id = o.id;
    v.statement_id = o.statement_id;
    v.filed_by = o.filed_by;
    v.filed_at = minute_text(format_timestamp(o.filed_at));
    v.text = o.text;
    v.evidence = json::parse(o.evidence).get<std::vector<std::string>>();
    v.status = o.status;
    v.status_label_zh = wire::objection_status_label_zh(o.status);
    v.answer = o.answer;
    v.answered_by = o.answered_by;
    if (o.answered_at) v.answered_at = minute_text(format_timestamp(o.answered_at));
    for (const auto& f : store::objection_files(db, o.id)) v.files.push_back(objection_file_view(f));
    v.may_attach = user.user.role == Role::Provider && o.status == "open" &&
                   static_cast<std::int64_t>(v.files.size()) < kObjectionMaxFiles;
    return v;
}

// The people a statement's lines name, masked as the reader's role requires (the draft's and the signed one's).
std::vector<wire::SettlementPersonView> people_view(const std::map<Id, app::StatementPerson>& people, const AuthUser& user) {
    const bool full = elder_policy(user.user.role).full_name;
    std::vector<wire::SettlementPersonView> out;
    for (const auto& [id, p] : people) out.push_back({id, full ? p.name : mask_name(p.name), p.tier});
    return out;
}

wire::SignedStatementView signed_view(app::AppContext& ctx, SQLite::Database& db, const store::StatementRow& r,
                                      const AuthUser& user) {
    wire::SignedStatementView v;
    v.id = r.id;
    v.provider_id = r.provider_id;
    v.month = r.month;
    v.supplement_no = r.supplement_no;
    v.cites_id = r.cites_id;
    v.title_zh = title_of(r);
    v.status = r.status;
    v.reason = r.reason;
    v.payable_fen = r.payable_fen;
    v.payable_capitals = fen_in_capitals(r.payable_fen);
    v.figures_sha256 = r.figures_sha256;
    v.pdf_sha256 = r.pdf_sha256;
    v.xlsx_sha256 = r.xlsx_sha256;
    v.signed_by = r.signed_by + "（" + r.signed_role + "）";
    v.signed_at = minute_text(format_timestamp(r.signed_at));
    v.statement = json::parse(r.figures).get<wire::SettlementStatementView>();
    v.provider_name = v.statement.provider_name;
    const Date deadline = objection_deadline_of(ctx, r, v.statement);
    v.objection_deadline = format_date(deadline);
    v.objection_open = r.status == "signed" && !(deadline < date_of(ctx.now()));
    for (const auto& o : store::statement_objections(db, r.id)) v.objections.push_back(objection_view(db, o, user));
    // The stored figures keep the ids only: the names come from the registry, as the draft's do.
    std::set<Id> ids;
    for (const auto& l : v.statement.lines) ids.insert(l.source.subject_ids.begin(), l.source.subject_ids.end());
    v.people = people_view(app::statement_people(db, ids), user);
    return v;
}

struct Drafted {
    app::GatheredStatement gathered;
    settlement::SettlementStatement statement;
};

// The month's rules for a draft: 409 rule_missing without a settlement fee standard; the quarter's verification rules
// when there are (none: no physical line, a note says so).
struct DraftBasis {
    settlement::StatementRules rules;
    std::optional<app::QuarterRules> quarter;
};
DraftBasis draft_basis(app::AppContext& ctx, const Period& month) {
    DraftBasis b{settlement::statement_rules_on(ctx.rules(), month), std::nullopt};
    if (!b.rules.fees) fail(409, "rule_missing", month.label_zh() + "没有生效的结算计费标准（settlement_fees），无法结算");
    try {
        b.quarter = quarter_rules(ctx, quarter_of(month.first_day()));
    } catch (const ApiError&) {   // no verification rules for the quarter: no physical line (a note says so)
    }
    return b;
}

// A provider's month computed from its gathered inputs: 404 unknown provider, 409 month_not_over /
// assessment_unsigned (naming the projects) / statement_invalid.
Drafted draft_from(const DraftBasis& basis, app::GatheredStatement gathered, const Period& month, const Date& today) {
    Drafted d;
    d.gathered = std::move(gathered);
    if (!d.gathered.provider_found) fail_not_found("服务机构 " + std::to_string(d.gathered.input.provider_id));
    if (!(month.last_day() < today))
        fail(409, "month_not_over", month.label_zh() + "尚未结束（今天是 " + format_date(today) + "）：月份结束后才能结算");
    if (!d.gathered.assessment_problem_zh.empty()) {
        std::vector<FieldError> fields;
        for (const auto& p : d.gathered.unsigned_projects) fields.push_back({"assessment", "unsigned", p + "：考核未签署"});
        fail(409, "assessment_unsigned", d.gathered.input.provider_name + "：" + d.gathered.assessment_problem_zh, fields);
    }
    auto outcome = settlement::settle_month(d.gathered.input, basis.rules, today);
    if (!outcome.statement) {
        std::string first;
        for (const auto& e : outcome.errors) first = first.empty() ? e.message_zh : first;
        fail(409, "statement_invalid", "结算数据有误：" + first, std::move(outcome.errors));
    }
    d.statement = std::move(*outcome.statement);
    return d;
}

// A provider's month computed from today's data (draft_basis, then draft_from).
Drafted draft_of(app::AppContext& ctx, SQLite::Database& db, Id provider_id, const Period& month) {
    const DraftBasis basis = draft_basis(ctx, month);
    return draft_from(basis,
                      app::gather_statement_input(ctx, db, provider_id, month, *basis.rules.fees,
                                                  basis.quarter ? &*basis.quarter : nullptr),
                      month, date_of(ctx.now()));
}

wire::StatementDraftView draft_view(const Drafted& d, const AuthUser& user) {
    wire::StatementDraftView v;
    v.statement = wire::statement_view(d.statement);
    v.people = people_view(d.gathered.people, user);
    v.assessment_month_ids = d.gathered.assessment_month_ids;
    v.notes_zh = d.gathered.notes_zh;
    return v;
}

// Signs a computed statement on the writer: files, row, audit event. `cited`: the statement a supplement corrects.
store::StatementRow sign(app::AppContext& ctx, SQLite::Database& db, const Drafted& d, const AuthUser& user,
                         const std::optional<store::StatementRow>& cited, const std::string& reason) {
    const auto now = ctx.now();
    const wire::SettlementStatementView view = wire::statement_view(d.statement);
    store::StatementRow row;
    row.provider_id = d.statement.provider_id;
    row.month = d.statement.month.code();
    if (cited) {
        std::int64_t last = 0;
        for (const auto& r : store::provider_statements(db, row.provider_id, row.month)) last = std::max(last, r.supplement_no);
        row.supplement_no = last + 1;
        row.cites_id = cited->id;
        row.reason = reason;
    }
    row.figures = json(view).dump();
    row.figures_sha256 = app::sha256_hex(row.figures);
    row.payable_fen = view.payable_fen;
    row.receivable_fen = view.receivable_fen;
    row.signed_by = display_name(user);
    row.signed_role = label_zh(user.user.role);
    row.signed_by_id = user.user.id;
    row.signed_at = now;

    app::StatementFileOptions options;
    options.exported_by = role_user(user);
    options.generated_at = minute_text(format_timestamp(now));
    options.sha256 = row.figures_sha256;
    if (cited) {
        options.supplement_zh = title_of(row) + "（更正第" + std::to_string(cited->id) + "号" + title_of(*cited) + "）";
        options.seal_lines.push_back(title_of(row) + "：更正" + view.month_label_zh + "第" + std::to_string(cited->id) +
                                     "号《" + title_of(*cited) + "》（应付 " + format_yuan(cited->payable_fen) +
                                     " 元）。更正原因：" + reason);
    }
    options.seal_lines.push_back("签署人：" + role_user(user) + "　签署时间：" + options.generated_at);
    options.seal_lines.push_back("数字 SHA-256：" + row.figures_sha256);
    store::StatementFiles files;
    files.pdf = app::statement_pdf_bytes(view, options);
    files.xlsx = app::statement_xlsx_bytes(view, options);
    row.pdf_sha256 = app::sha256_hex(files.pdf);
    row.xlsx_sha256 = app::sha256_hex(files.xlsx);

    if (cited) store::supersede_statement(db, cited->id);
    row.id = store::insert_statement(db, row, files);
    row.status = "signed";
    json details = {{"provider_id", row.provider_id}, {"month", row.month}, {"supplement_no", row.supplement_no},
                    {"payable_fen", row.payable_fen}, {"figures_sha256", row.figures_sha256},
                    {"pdf_sha256", row.pdf_sha256}, {"xlsx_sha256", row.xlsx_sha256},
                    {"assessment_month_ids", d.gathered.assessment_month_ids}};
    if (cited) {
        details["cites_id"] = cited->id;
        details["cited_payable_fen"] = cited->payable_fen;
    }
    store::append_audit(db, {0, now, user.user.id, user.user.username, "settlement_statement", row.id,
                             cited ? "sign_supplement" : "sign", details, reason});
    return row;
}

std::optional<Id> id_field(const json& body, const char* key, const char* label, std::vector<FieldError>& errors) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        errors.push_back({key, "required", std::string("请选择") + label});
        return std::nullopt;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
        errors.push_back({key, "type", std::string(label) + "应为正整数，实际为" + shown_value(*it)});
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

}  // namespace

void register_settlement_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/settlement/statements/preview",
           "Compute a month's settlement statement of one provider from the posted input (people served per tier, "
           "physical 人次, information person-months, payout_bp and grade, faked cases, deductions): lines, steps, "
           "payable; nothing stored. format=pdf|xlsx for the files. Invalid input: 422 validation_failed naming the field",
           "settlement", needs(Permission::Settle),
           {query_param("format", "string", "json (default) | pdf | xlsx")}, "StatementInput", "SettlementStatementView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string format = query_text(req, "format", 8);
        if (!format.empty() && format != "json" && format != "xlsx" && format != "pdf")
            fail_bad_query("format", "应为 json、pdf 或 xlsx", format);
        const json body = body_object(req);
        settlement::StatementInput input;
        if (auto errors = wire::statement_input_from_json(body, input); !errors.empty()) {
            fail_validation(std::move(errors));
        }
        const LocalSeconds now = ctx.now();
        const auto rules = settlement::statement_rules_on(ctx.rules(), input.month);
        auto outcome = settlement::settle_month(input, rules, date_of(now));
        if (!outcome.ok()) {
            fail_validation(std::move(outcome.errors));
        }
        const wire::SettlementStatementView view = wire::statement_view(*outcome.statement);
        if (format.empty() || format == "json") {
            reply_json(res, 200, json(view));
            return;
        }
        app::StatementFileOptions options;
        options.exported_by = role_user(user);
        options.generated_at = minute_text(format_timestamp(now));
        options.preview = true;
        const std::string base = view.provider_name + view.month_label_zh + "服务结算单（试算）";
        const std::string ascii = "settlement_statement_" + std::to_string(view.provider_id) + "_" + view.month + "." + format;
        res.status = 200;
        res.set_header("Content-Disposition", attachment_header(base + "." + format, ascii));
        if (format == "xlsx") {
            res.set_content(app::statement_xlsx_bytes(view, options), kXlsxType);
        } else {
            res.set_content(app::statement_pdf_bytes(view, options), "application/pdf");
        }
    });

    r.add({"GET", "/api/v1/settlement/statements",
           "The month's providers, by id: each with its signed statement (head: the latest supplement), or its draft "
           "payable computed live, or why it cannot be settled yet (no signed assessment, month not over). A provider "
           "sees only its own signed statements",
           "settlement", needs(Permission::ReadSettlement, "provider: own signed statements"),
           {query_param("month", "string", "the month: 2026-10 (required)")}, "", "SettlementMonthList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Period month = month_in_query(req);
        const Date today = date_of(ctx.now());
        wire::SettlementMonthList out;
        out.month = month.code();
        out.month_label_zh = month.label_zh();
        out.month_over = month.last_day() < today;
        auto& db = ctx.db.reader();
        const bool provider = user.user.role == Role::Provider;
        std::vector<std::pair<Id, std::string>> providers;
        {
            SQLite::Statement st(db, "SELECT id, name FROM providers ORDER BY id");
            while (st.executeStep()) providers.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
        }
        // The drafts of every provider without a signed statement, gathered at once (each table read once: 400
        // providers one by one read the registry 400 times — docs/BENCHMARKS.md "The month's drafts gathered at once").
        // Each provider's signed statement read once: the drafts are gathered for those without one, and the rows
        // below see the same heads (one read per provider, not two).
        std::map<Id, std::optional<store::StatementRow>> heads;
        for (const auto& [id, name] : providers) {
            if (provider && (!user.user.provider_id || *user.user.provider_id != id)) continue;
            heads.emplace(id, store::head_statement(db, id, month.code()));
        }
        std::map<Id, app::GatheredStatement> gathered;
        std::optional<DraftBasis> basis;
        std::string basis_problem;
        if (!provider && out.month_over) {
            std::vector<Id> ids;
            for (const auto& [id, head] : heads)
                if (!head) ids.push_back(id);
            try {
                DraftBasis b = draft_basis(ctx, month);
                gathered = app::gather_statement_inputs(ctx, db, ids, month, *b.rules.fees,
                                                        b.quarter ? &*b.quarter : nullptr);
                basis = std::move(b);
            } catch (const ApiError& e) {
                basis_problem = e.message;
            }
        }
        for (const auto& [id, name] : providers) {
            const auto h = heads.find(id);
            if (h == heads.end()) continue;   // another provider's (a provider reads only its own)
            wire::SettlementMonthRow row;
            row.provider_id = id;
            row.provider_name = name;
            if (const auto& head = h->second) {
                row.state = "signed";
                row.statement_id = head->id;
                row.supplement_no = head->supplement_no;
                row.payable_fen = head->payable_fen;
                row.open_objections = store::open_objections(db, id, month.code());
            } else if (provider) {
                continue;   // drafts are the bureau's
            } else if (!out.month_over) {
                row.state = "blocked";
                row.problem_zh = month.label_zh() + "尚未结束";
            } else {
                try {
                    if (!basis) fail(409, "rule_missing", basis_problem);
                    const Drafted d = draft_from(*basis, std::move(gathered.at(id)), month, today);
                    row.state = "draft";
                    row.draft_payable_fen = d.statement.payable_fen;
                } catch (const ApiError& e) {
                    row.state = "blocked";
                    row.problem_zh = e.message;
                }
            }
            out.rows.push_back(std::move(row));
        }
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/settlement/drafts",
           "One provider's statement of a month computed live from today's data (nothing stored): lines, steps, payable, "
           "the people behind every line (names masked by the reader's role), the signed assessment months used and how "
           "each input was gathered. 409 month_not_over, assessment_unsigned (naming the projects), rule_missing",
           "settlement", needs(Permission::ReadSettlement, "not provider: drafts are the bureau's"),
           {query_param("provider_id", "integer", "the provider (required)"),
            query_param("month", "string", "the month: 2026-10 (required)")}, "", "StatementDraftView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto provider_id = query_int(req, "provider_id", 1, std::numeric_limits<std::int32_t>::max());
        if (!provider_id) fail_bad_query("provider_id", "必填，应为服务机构编号", "");
        const Period month = month_in_query(req);
        if (user.user.role == Role::Provider)
            fail(403, "forbidden", "结算单草稿仅供民政局查看：服务机构在签署后查看本机构的结算单");
        auto& db = ctx.db.reader();
        const Drafted d = draft_of(ctx, db, *provider_id, month);
        wire::StatementDraftView v = draft_view(d, user);
        if (const auto head = store::head_statement(db, *provider_id, month.code())) v.signed_id = head->id;
        reply_json(res, 200, json(v));
    });

    r.add({"POST", "/api/v1/settlement/statements",
           "Sign a provider's month: computed from today's data, kept with its figures, PDF and XLSX and their SHA-256 "
           "(on the PDF's seal lines, with the payable amount in Chinese capitals). 409 month_not_over, "
           "assessment_unsigned, already_signed (correct it with a supplement). Audited",
           "settlement", needs(Permission::Settle), {}, "SignStatementRequest", "SignedStatementView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_with(req, {"provider_id", "month"});
        std::vector<FieldError> errors;
        const auto provider_id = id_field(body, "provider_id", "服务机构", errors);
        const std::string month_text = text_field(body, "month", "结算月份", 1, 16, errors);
        std::optional<Period> month;
        if (!month_text.empty()) {
            month = parse_period(month_text);
            if (!month || month->kind != PeriodKind::Month) {
                errors.push_back({"month", "format", "结算月份应写作 2026-10，实际为 " + shown_text(month_text)});
                month.reset();
            }
        }
        if (!errors.empty()) fail_validation(errors);
        wire::SignedStatementView out;
        ctx.db.write([&](SQLite::Database& db) {
            if (const auto head = store::head_statement(db, *provider_id, month->code()))
                fail(409, "already_signed", month->label_zh() + "的结算单已签署（第" + std::to_string(head->id) + "号" +
                                                title_of(*head) + "）：如需更正，请开具补充结算单（POST /api/v1/settlement/statements/" +
                                                std::to_string(head->id) + "/supplements）");
            const Drafted d = draft_of(ctx, db, *provider_id, *month);
            const auto row = sign(ctx, db, d, user, std::nullopt, "");
            out = signed_view(ctx, db, row, user);
        });
        reply_json(res, 201, json(out));
    });

    r.add({"GET", "/api/v1/settlement/statements/{id}",
           "A signed statement (or supplement) as signed: its figures, SHA-256s, the objection deadline and the "
           "objections with their answers. A provider only its own",
           "settlement", needs(Permission::ReadSettlement, "provider: own statements"), {}, "", "SignedStatementView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        const auto row = statement_or_404(db, id);
        check_reader(user, row);
        reply_json(res, 200, json(signed_view(ctx, db, row, user)));
    });

    r.add({"GET", "/api/v1/settlement/statements/{id}/file",
           "The stored PDF (default) or XLSX of a signed statement — the bytes signed, X-Yiyang-SHA256 the file's and "
           "X-Yiyang-Figures-SHA256 the figures'. A provider only its own. Audited download",
           "settlement", needs(Permission::ReadSettlement, "provider: own statements"),
           {query_param("format", "string", "pdf (default) | xlsx")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const std::string format = signed_file_format(req);
        auto& db = ctx.db.reader();
        const auto row = statement_or_404(db, id);
        check_reader(user, row);
        auto bytes = store::statement_file(db, id, format);
        if (!bytes) fail_not_found("该结算单的文件");
        const std::string sha = format == "pdf" ? row.pdf_sha256 : row.xlsx_sha256;
        const json details = {{"format", format}, {"sha256", sha}, {"month", row.month}, {"provider_id", row.provider_id}};
        res.set_header("X-Yiyang-Figures-SHA256", row.figures_sha256);
        reply_signed_file(ctx, res, user, "settlement_statement", id, details,
                          {std::move(*bytes), format, sha,
                           row.month + "_" + title_of(row) + "_" + std::to_string(id) + "." + format,
                           "settlement_statement_" + std::to_string(id) + "." + format});
    });

    r.add({"POST", "/api/v1/settlement/statements/{id}/supplements",
           "A numbered supplementary statement (补充结算单第N号) recomputed from today's data, citing the signed statement "
           "it corrects, which becomes superseded; reason required (2–500 characters). 409 superseded when {id} is no "
           "longer the month's signed statement (naming the one that is). Audited",
           "settlement", needs(Permission::Settle), {}, "SupplementRequest", "SignedStatementView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_with(req, {"reason"});
        std::vector<FieldError> errors;
        const std::string reason = text_field(body, "reason", "更正原因", 2, 500, errors);
        if (!errors.empty()) fail_validation(errors);
        wire::SignedStatementView out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto cited = statement_or_404(db, id);
            if (cited.status != "signed") {
                const auto head = store::head_statement(db, cited.provider_id, cited.month);
                fail(409, "superseded", "第" + std::to_string(id) + "号" + title_of(cited) + "已被更正" +
                                            (head ? "，现行的是第" + std::to_string(head->id) + "号" + title_of(*head) : std::string()) +
                                            "：请对现行结算单开具补充结算单");
            }
            const auto p = parse_period(cited.month);
            const Drafted d = draft_of(ctx, db, cited.provider_id, *p);
            const auto row = sign(ctx, db, d, user, cited, reason);
            out = signed_view(ctx, db, row, user);
        });
        reply_json(res, 201, json(out));
    });

    r.add({"POST", "/api/v1/settlement/statements/{id}/objections",
           "The provider objects (申诉) to its own signed statement: text (2–2000 characters) and evidence references "
           "(up to 20, each up to 200 characters), within the statement's objection workdays after signing (the workday "
           "calendar); 422 after the deadline, naming it; 409 on a superseded statement. Audited",
           "settlement", needs(Permission::ObjectToSettlement, "own statements"), {}, "ObjectionRequest",
           "SettlementObjectionView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_with(req, {"text", "evidence"});
        std::vector<FieldError> errors;
        const std::string text = text_field(body, "text", "申诉内容", 2, 2000, errors);
        std::vector<std::string> evidence;
        if (const auto it = body.find("evidence"); it != body.end() && !it->is_null()) {
            if (!it->is_array()) {
                errors.push_back({"evidence", "type", "证据应为文字列表，实际为" + shown_value(*it)});
            } else if (it->size() > 20) {
                errors.push_back({"evidence", "too_many", "证据最多 20 项，实际为 " + std::to_string(it->size()) + " 项"});
            } else {
                for (std::size_t i = 0; i < it->size(); ++i) {
                    const auto& e = (*it)[i];
                    const std::string field = "evidence[" + std::to_string(i) + "]";
                    if (!e.is_string()) errors.push_back({field, "type", "第" + std::to_string(i + 1) + "项证据应为文字"});
                    else if (utf8_length(e.get<std::string>()) > 200 || e.get<std::string>().empty())
                        errors.push_back({field, "length", "第" + std::to_string(i + 1) + "项证据应为 1–200 个字"});
                    else evidence.push_back(e.get<std::string>());
                }
            }
        }
        if (!errors.empty()) fail_validation(errors);
        wire::SettlementObjectionView out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto row = statement_or_404(db, id);
            if (!user.user.provider_id || *user.user.provider_id != row.provider_id)
                fail_not_found("结算单 " + std::to_string(id));
            if (row.status != "signed") {
                const auto head = store::head_statement(db, row.provider_id, row.month);
                fail(409, "superseded", "第" + std::to_string(id) + "号" + title_of(row) + "已被更正" +
                                            (head ? "，请对现行的第" + std::to_string(head->id) + "号" + title_of(*head) + "申诉"
                                                  : std::string()));
            }
            const auto view = json::parse(row.figures).get<wire::SettlementStatementView>();
            const Date deadline = objection_deadline_of(ctx, row, view);
            const auto now = ctx.now();
            if (deadline < date_of(now))
                fail(422, "objection_deadline_passed",
                     "申诉期限已过：第" + std::to_string(id) + "号" + title_of(row) + "于 " + format_date(date_of(row.signed_at)) +
                         " 签署，应在 " + std::to_string(view.objection_workdays) + " 个工作日内（" + format_date(deadline) +
                         " 前）申诉",
                     {{"text", "deadline", "申诉截止日期为 " + format_date(deadline)}});
            store::ObjectionRow o;
            o.statement_id = id;
            o.filed_by = role_user(user);
            o.filed_by_id = user.user.id;
            o.filed_at = now;
            o.text = text;
            o.evidence = json(evidence).dump();
            o.id = store::insert_objection(db, o);
            const json details = {{"statement_id", id}, {"evidence", evidence}, {"deadline", format_date(deadline)}};
            store::append_audit(db, {0, now, user.user.id, user.user.username, "settlement_objection", o.id, "file",
                                     details, text});
            out = objection_view(db, *store::objection_row(db, o.id), user);
        });
        reply_json(res, 201, json(out));
    });

    r.add({"POST", "/api/v1/settlement/objections/{id}/answer",
           "A supervisor answers an open objection: decision upheld | rejected, text (2–2000 characters). An upheld "
           "objection is corrected by a supplementary statement. 409 already_answered. Audited",
           "settlement", needs(Permission::Settle), {}, "ObjectionAnswerRequest", "SettlementObjectionView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_with(req, {"decision", "text"});
        std::vector<FieldError> errors;
        const std::string decision = text_field(body, "decision", "答复结论", 1, 16, errors);
        if (!decision.empty() && decision != "upheld" && decision != "rejected")
            errors.push_back({"decision", "unknown", "答复结论应为 upheld（申诉成立）或 rejected（申诉不成立），实际为 " +
                                                         shown_text(decision)});
        const std::string text = text_field(body, "text", "答复内容", 2, 2000, errors);
        if (!errors.empty()) fail_validation(errors);
        wire::SettlementObjectionView out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto o = store::objection_row(db, id);
            if (!o) fail_not_found("申诉 " + std::to_string(id));
            if (o->status != "open")
                fail(409, "already_answered", "第" + std::to_string(id) + "号申诉已于 " +
                                                  minute_text(format_timestamp(o->answered_at)) + " 答复（" +
                                                  wire::objection_status_label_zh(o->status) + "）");
            const auto now = ctx.now();
            store::answer_objection(db, id, decision, text, role_user(user), user.user.id, now);
            const json details = {{"statement_id", o->statement_id}, {"status", json::array({"open", decision})}};
            store::append_audit(db, {0, now, user.user.id, user.user.username, "settlement_objection", id, "answer",
                                     details, text});
            out = objection_view(db, *store::objection_row(db, id), user);
        });
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/settlement/objections/{id}/files",
           "The provider attaches a file to its own open objection (申诉佐证): raw bytes with ?name= or the multipart "
           "field \"file\"; JPEG, PNG, WebP or PDF judged by content, at most 8 MB, at most 10 files. 404 another "
           "provider's objection, 409 already_answered / too_many_files, 413 too large, 422 not a photo or PDF. Audited",
           "settlement", needs(Permission::ObjectToSettlement, "own open objections"),
           {query_param("name", "string", "the file's name as the uploader knows it (shown only)")}, "",
           "SettlementObjectionFileView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        own_open_objection(ctx.db.reader(), id, user);   // before the bytes are decoded: a refused caller costs nothing
        const UploadedBody body = file_body(req);
        const std::string name = clean_name(body.name);
        const auto checked = check_file(body.bytes, name, media_type(req), kObjectionFileBytes);
        wire::SettlementObjectionFileView out;
        ctx.db.write([&](SQLite::Database& db) {
            const auto o = own_open_objection(db, id, user);   // again, inside the transaction: it may have been answered
            if (static_cast<std::int64_t>(store::objection_files(db, id).size()) >= kObjectionMaxFiles)
                fail(409, "too_many_files", "这件申诉已有 " + std::to_string(kObjectionMaxFiles) + " 个佐证文件，不能再添加");
            const auto now = ctx.now();
            store::NewStoredFile f{id, name, user.user.id, display_name(user), now, checked.sha256,
                                      activity::mime_type(checked.type), checked.width, checked.height, body.bytes,
                                      checked.thumb};
            const Id file_id = store::insert_objection_file(db, f);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "settlement_objection_file", file_id,
                                     "upload",
                                     {{"objection_id", id}, {"statement_id", o.statement_id}, {"name", name},
                                      {"sha256", checked.sha256}, {"mime", f.mime},
                                      {"size", static_cast<std::int64_t>(body.bytes.size())}},
                                     ""});
            for (const auto& row : store::objection_files(db, id))
                if (row.id == file_id) out = objection_file_view(row);
        });
        reply_json(res, 201, json(out));
    });

    r.add({"GET", "/api/v1/settlement/objection-files/{id}/thumb",
           "An objection file's thumbnail (JPEG, longer side 240 px; a PDF's first page). A provider reads only its own",
           "settlement", needs(Permission::ReadSettlement, "provider: own objections"), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_objection_file(ctx, req, res, user, true);
    });
    r.add({"GET", "/api/v1/settlement/objection-files/{id}/full",
           "An objection file as uploaded (a PDF as a download). A provider reads only its own",
           "settlement", needs(Permission::ReadSettlement, "provider: own objections"), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_objection_file(ctx, req, res, user, false);
    });
}

}  // namespace yiyang::http
