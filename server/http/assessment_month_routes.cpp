// The stored monthly assessment (考核, issue 11): open a month per provider × project (prefilled from the records by
// app::assessment_prefill), each department (股室) fills and signs its own sheet, the leader fills and signs the
// review and then the whole; the signed month keeps its figures (wire::AssessmentMonth, computed by the shared
// code the screen's what-if uses), their SHA-256, total, grade and payout — the settlement reads those. Every write
// is an audit event; a provider reads only its own months and only once signed; kiosks nothing. The care projects
// with their providers (GET /api/v1/assessment/projects) feed the screens' choosers.
#include <algorithm>

#include "app/assessment_prefill.hpp"
#include "app/photos.hpp"   // sha256_hex
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/assessment.hpp"
#include "store/audit.hpp"
#include "store/reference.hpp"
#include "yiyang/assessment/scorecard.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/assessment_months.hpp"
#include "yiyang/wire/care_projects.hpp"

namespace yiyang::http {

namespace {

constexpr const char* kRuleKind = "assessment_scorecard";

std::string who(const AuthUser& u) {
    return (u.user.display_name.empty() ? u.user.username : u.user.display_name) + "（" + label_zh(u.user.role) + "）";
}

Period month_of_text(const std::string& text, const char* field) {
    const auto p = parse_period(text);
    if (!p || p->kind != PeriodKind::Month)
        fail_validation({{field, "format", "月份应写作 2026-10，实际为 " + shown_text(text)}});
    return *p;
}

// {department} of the path: a department code or `_leader` (regex matches[2]).
std::string department_in_path(const httplib::Request& req) {
    if (req.matches.size() <= 2) fail(404, "not_found", "未找到");
    std::string d = req.matches[2];
    if (d.empty() || d.size() > 64) fail_not_found("科室 " + shown_text(d));
    return d;
}

// ?month=2026-10 (required): 400 bad_query naming it otherwise.
Period month_in_query(const httplib::Request& req) {
    const std::string text = query_text(req, "month", 16);
    if (text.empty()) fail_bad_query("month", "必须填写，如 2026-10", text);
    const auto p = parse_period(text);
    if (!p || p->kind != PeriodKind::Month) fail_bad_query("month", "应写作 2026-10", text);
    return *p;
}

// The scorecard version a month was opened with (its rule_version), as stored and parsed.
const RuleVersion& rule_version_of(app::AppContext& ctx, const store::AssessmentMonthRow& m) {
    const RuleVersion* v = ctx.rules().find(kRuleKind, m.rule_version);
    if (!v) fail(409, "rule_missing", "考核评分表规则版本 " + m.rule_version + " 已不存在");
    return *v;
}
assessment::ScorecardRule rule_of_month(app::AppContext& ctx, const store::AssessmentMonthRow& m) {
    return rule_version_of(ctx, m).body.get<assessment::ScorecardRule>();
}

wire::SheetEntries entries_of(const store::AssessmentSheetRow& s) { return json::parse(s.entries).get<wire::SheetEntries>(); }

// The month as the reader may see it: 404 for a provider's other months and for its own not yet signed (a
// provider is not told that an unsigned month exists).
store::AssessmentMonthRow readable_month(SQLite::Database& db, const AuthUser& user, Id id) {
    auto m = store::assessment_month(db, id);
    if (!m) fail_not_found("考核月份（第" + std::to_string(id) + "号）");
    if (user.user.role == Role::Provider && (user.user.provider_id != m->provider_id || m->status != "signed"))
        fail_not_found("考核月份（第" + std::to_string(id) + "号）");
    return *m;
}

wire::AssessmentMonthSummary summary_of(const store::AssessmentMonthRow& m, const std::vector<store::AssessmentSheetRow>& sheets) {
    wire::AssessmentMonthSummary s;
    s.id = m.id;
    s.provider_id = m.provider_id;
    s.provider_name = m.provider_name;
    s.project_code = m.project_code;
    s.project_name = m.project_name;
    s.month = m.month;
    s.status = m.status;
    s.rule_version = m.rule_version;
    for (const auto& sh : sheets) s.sheets.push_back({sh.department_code, sh.department_name, sh.signed_at.has_value()});
    if (m.status == "signed" && m.figures) {
        const auto f = json::parse(*m.figures).get<wire::AssessmentMonth>();
        s.total = f.total;
        s.grade_code = f.grade_code;
        s.grade_name_zh = f.grade_name_zh;
        s.payout_bp = f.payout_bp;
    }
    return s;
}

wire::AssessmentMonthDetail detail_of(app::AppContext& ctx, SQLite::Database& db, const AuthUser& user,
                                      const store::AssessmentMonthRow& m) {
    const auto rows = store::assessment_sheets(db, m.id);
    const auto rule = rule_of_month(ctx, m);
    wire::AssessmentMonthDetail d;
    d.summary = summary_of(m, rows);
    d.rule = json(rule);
    d.prefill = json::parse(m.prefill).get<wire::AssessmentPrefill>();
    if (!elder_policy(user.user.role).full_name) assessment::mask_prefill_names(d.prefill);
    std::vector<wire::SheetEntries> departments;
    wire::SheetEntries leader;
    for (const auto& r : rows) {
        wire::AssessmentSheetView v;
        v.department_code = r.department_code;
        v.department_name = r.department_name;
        v.entries = entries_of(r);
        v.computed = wire::assessment_sheet(assessment::score_sheet(rule, wire::sheet_of(wire::sheet_input_of(v.entries))));
        v.subjects_total = r.subjects_total;
        if (r.department_code != wire::kLeaderSheet && r.subjects_total > 0) {
            v.check_rate = wire::ExactScore{v.entries.subjects_checked, r.subjects_total,
                                            assessment::check_rate_text(v.entries.subjects_checked, r.subjects_total)};
            if (auto w = assessment::check_rate_warning(rule, v.entries.subjects_checked, r.subjects_total))
                v.check_rate_warning_zh = r.department_name + "·" + *w;
        }
        v.updated_at = format_timestamp(r.updated_at);
        v.signed_by = r.signed_by.value_or("");
        v.signed_at = r.signed_at ? format_timestamp(*r.signed_at) : "";
        if (r.department_code == wire::kLeaderSheet) leader = v.entries;
        else departments.push_back(v.entries);
        d.sheets.push_back(std::move(v));
    }
    if (m.status == "signed" && m.figures) {
        d.figures = json::parse(*m.figures).get<wire::AssessmentMonth>();
        d.figures_sha256 = m.figures_sha256.value_or("");
        d.signed_by = m.signed_by.value_or("");
        d.signed_at = m.signed_at ? format_timestamp(*m.signed_at) : "";
    } else if (!departments.empty()) {
        d.figures = wire::month_of_entries(rule, departments, leader);
    }
    return d;
}

// After a write: the month as it now stands.
void reply_detail(app::AppContext& ctx, httplib::Response& res, const AuthUser& user, Id id, int status) {
    auto& db = ctx.db.reader();
    reply_json(res, status, json(detail_of(ctx, db, user, *store::assessment_month(db, id))));
}

// Who may write a sheet: the leader role the review, a supervisor of that department its sheet; nobody else.
void may_write_sheet(SQLite::Database& db, const AuthUser& user, const std::string& department) {
    if (department == wire::kLeaderSheet) {
        if (user.user.role != Role::Leader) fail(403, "forbidden", "领导评价只能由局领导填写和签署");
        return;
    }
    const auto mine = store::department_of_user(db, user.user.id);
    if (!mine || mine->code != department)
        fail(403, "forbidden", "只能填写和签署本科室的评分表（" + (mine ? "您属于" + mine->name_zh : std::string("您不属于任何科室")) +
                                   "，要写的是 " + shown_text(department) + "）");
}

// The month and the sheet a write is about, refusing a signed one (409) or one that does not exist (404).
std::pair<store::AssessmentMonthRow, store::AssessmentSheetRow> open_sheet(SQLite::Database& db, Id id,
                                                                          const std::string& department) {
    auto m = store::assessment_month(db, id);
    if (!m) fail_not_found("考核月份（第" + std::to_string(id) + "号）");
    if (m->status != "open") fail(409, "month_signed", m->provider_name + " " + m->month + " 的考核已签署，不能再修改");
    for (auto& s : store::assessment_sheets(db, id)) {
        if (s.department_code != department) continue;
        if (s.signed_at)
            fail(409, "sheet_signed", s.department_name + "的评分表已于 " + format_timestamp(*s.signed_at) + " 签署，不能再修改");
        return {*m, s};
    }
    fail_not_found("该月份中" + shown_text(department) + "的评分表");
}

}  // namespace

void register_assessment_month_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/assessment/months",
           "Open a provider's month of a project for assessment: the scorecard version in force on the month's first "
           "day, one sheet per active department (股室) and the leader's review, each prefilled from the records "
           "(the prefill kept for the drill-down). 422 for a month not yet over, an unknown provider or project or a "
           "provider not in the project; 409 when it is already open. Audited",
           "assessment", needs(Permission::ScoreAssessment), json::array(), "OpenMonthRequest", "AssessmentMonthDetail", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        wire::OpenMonthRequest ask;
        if (auto errors = wire::open_month_request_from_json(body_object(req), ask); !errors.empty())
            fail_validation(std::move(errors));
        const Period month = month_of_text(ask.month, "month");
        const LocalSeconds now = ctx.now();
        if (!(month.last_day() < date_of(now)))
            fail_validation({{"month", "not_over", month.label_zh() + "尚未结束，结束后才能考核"}});
        auto& rdb = ctx.db.reader();
        if (!store::provider_exists(rdb, ask.provider_id))
            fail_validation({{"provider_id", "unknown", "没有编号为 " + std::to_string(ask.provider_id) + " 的服务商"}});
        const auto project = store::project_name(rdb, ask.project_code);
        if (!project) fail_validation({{"project_code", "unknown", "没有这个服务项目：" + shown_text(ask.project_code)}});
        if (!store::provider_in_project(rdb, ask.provider_id, ask.project_code))
            fail_validation({{"project_code", "not_in_project",
                              "服务商（第" + std::to_string(ask.provider_id) + "号）不承接" + *project + "项目"}});
        const Date first = month.first_day();
        const auto* rule = ctx.rules().in_force<assessment::ScorecardRule>(first);
        if (!rule)
            fail(409, "rule_missing", format_date(first) + "没有生效的考核评分表规则（assessment_scorecard）");
        if (store::assessment_month_id(rdb, ask.provider_id, ask.project_code, month.code()))
            fail(409, "exists", month.label_zh() + "该服务商" + *project + "项目的考核已开启");
        // The prefill is read on a reader (records of a month), outside the writer.
        const wire::AssessmentPrefill prefill = app::assessment_prefill(rdb, ask.provider_id, ask.project_code, month, *rule);
        const wire::SheetEntries sheet = wire::prefilled_entries(*rule, prefill);
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            if (store::assessment_month_id(db, ask.provider_id, ask.project_code, month.code()))
                fail(409, "exists", month.label_zh() + "该服务商" + *project + "项目的考核已开启");
            store::AssessmentMonthRow m;
            m.provider_id = ask.provider_id;
            m.project_code = ask.project_code;
            m.month = month.code();
            m.rule_version = rule->version;
            m.prefill = json(prefill).dump();
            m.created_at = now;
            id = store::insert_assessment_month(db, m, user.user.id);
            std::vector<std::string> codes;
            for (const auto& d : store::departments(db, true)) codes.push_back(d.code);
            codes.push_back(wire::kLeaderSheet);
            for (const auto& code : codes) {
                store::AssessmentSheetRow s;
                s.department_code = code;
                s.entries = json(sheet).dump();
                s.subjects_total = prefill.subjects_total;
                s.updated_at = now;
                store::insert_assessment_sheet(db, id, s, user.user.id);
            }
            store::append_audit(db, {0, now, user.user.id, user.user.username, "assessment_month", id, "open",
                                     {{"provider_id", ask.provider_id}, {"project_code", ask.project_code},
                                      {"month", month.code()}, {"rule_version", rule->version}, {"sheets", codes}},
                                     "开启月度考核"});
        });
        reply_detail(ctx, res, user, id, 201);
    });

    r.add({"GET", "/api/v1/assessment/months",
           "The month's assessments: provider, project, status, each department's sheet signed or not, total and grade "
           "when signed (a provider: its own, signed ones only)",
           "assessment", needs(Permission::ReadAssessment, "provider: own provider, signed months only"),
           {query_param("month", "string", "the month: 2026-10 (required)")}, "", "AssessmentMonthList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Period month = month_in_query(req);
        auto& db = ctx.db.reader();
        const bool provider = user.user.role == Role::Provider;
        wire::AssessmentMonthList out;
        out.month = month.code();
        for (const auto& m : store::assessment_months_in(db, month.code(), provider ? user.user.provider_id : std::nullopt, provider))
            out.items.push_back(summary_of(m, store::assessment_sheets(db, m.id)));
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/assessment/months/{id}",
           "One month's assessment: every sheet as entered and computed, 核查率 per department (warned below the "
           "rule's minimum), the prefill with the people behind each count (names masked by role), the month's "
           "figures (as signed, with their SHA-256, once signed)",
           "assessment", needs(Permission::ReadAssessment, "provider: own provider, signed months only"), {}, "",
           "AssessmentMonthDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const auto m = readable_month(db, user, path_id(req));
        reply_json(res, 200, json(detail_of(ctx, db, user, m)));
    });

    r.add({"PUT", "/api/v1/assessment/months/{id}/sheets/{department}",
           "A department's sheet as entered (items by code: count, reason when it differs from the prefilled count, "
           "note, evidence references; bonus cases; satisfied / answered; subjects checked). Only a user of that "
           "department (the leader: `_leader`); 409 once signed; 422 naming department and item. Audited with the reasons",
           "assessment", needs(Permission::ScoreAssessment, "own department's sheet only; the leader: _leader"),
           json::array(), "SheetEntries", "AssessmentMonthDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const std::string department = department_in_path(req);
        wire::SheetEntries sent;
        if (auto errors = wire::sheet_entries_from_json(body_object(req), sent); !errors.empty())
            fail_validation(std::move(errors));
        const LocalSeconds now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            may_write_sheet(db, user, department);
            const auto [m, row] = open_sheet(db, id, department);
            const auto rule = rule_of_month(ctx, m);
            const wire::SheetEntries before = entries_of(row);
            // The items sent replace the stored ones by code; the prefilled counts are the stored ones.
            wire::SheetEntries after = before;
            after.bonus_cases = sent.bonus_cases;
            after.satisfied = sent.satisfied;
            after.answered = sent.answered;
            after.subjects_checked = sent.subjects_checked;
            std::vector<FieldError> unknown;
            for (std::size_t k = 0; k < sent.items.size(); ++k) {
                auto e = sent.items[k];
                const auto it = std::find_if(after.items.begin(), after.items.end(),
                                             [&](const wire::SheetItemEntry& x) { return x.code == e.code; });
                if (it == after.items.end()) {
                    unknown.push_back({"items[" + std::to_string(k) + "].code", "unknown",
                                       row.department_name + "·评分表没有这一项：" + shown_text(e.code)});
                    continue;
                }
                e.prefilled = it->prefilled;
                *it = std::move(e);
            }
            if (!unknown.empty()) fail_validation(std::move(unknown));
            if (auto errors = wire::check_sheet_entries(rule, after, row.subjects_total, row.department_name); !errors.empty())
                fail_validation(std::move(errors));
            json changes = json::object();
            std::string reasons;
            for (std::size_t k = 0; k < after.items.size(); ++k) {
                const auto& a = after.items[k];
                const auto& b = before.items[k];
                if (a.count != b.count) changes["items." + a.code + ".count"] = {b.count, a.count};
                if (a.reason != b.reason) changes["items." + a.code + ".reason"] = {b.reason, a.reason};
                if (a.note != b.note) changes["items." + a.code + ".note"] = {b.note, a.note};
                if (a.evidence != b.evidence) changes["items." + a.code + ".evidence"] = {b.evidence, a.evidence};
                if (!a.reason.empty() && a.prefilled && a.count != *a.prefilled)
                    reasons += (reasons.empty() ? "" : "；") + a.code + "：" + a.reason;
            }
            if (after.bonus_cases != before.bonus_cases) changes["bonus_cases"] = {before.bonus_cases, after.bonus_cases};
            if (after.satisfied != before.satisfied) changes["satisfied"] = {before.satisfied, after.satisfied};
            if (after.answered != before.answered) changes["answered"] = {before.answered, after.answered};
            if (after.subjects_checked != before.subjects_checked)
                changes["subjects_checked"] = {before.subjects_checked, after.subjects_checked};
            store::update_assessment_sheet(db, id, department, json(after).dump(), after.subjects_checked, user.user.id, now);
            changes["department_code"] = department;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "assessment_month", id, "save_sheet", changes,
                                     reasons.empty() ? "保存评分表" : reasons});
        });
        reply_detail(ctx, res, user, id, 200);
    });

    r.add({"POST", "/api/v1/assessment/months/{id}/sheets/{department}/sign",
           "Sign a department's sheet (a user of that department; the leader: `_leader`); kept as signed. Audited",
           "assessment", needs(Permission::ScoreAssessment, "own department's sheet only; the leader: _leader"), {}, "",
           "AssessmentMonthDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const std::string department = department_in_path(req);
        const LocalSeconds now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            may_write_sheet(db, user, department);
            const auto [m, row] = open_sheet(db, id, department);
            store::sign_assessment_sheet(db, id, department, who(user), user.user.id, now);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "assessment_month", id, "sign_sheet",
                                     {{"department_code", department}}, "签署" + row.department_name + "评分表"});
        });
        reply_detail(ctx, res, user, id, 200);
    });

    r.add({"POST", "/api/v1/assessment/months/{id}/sign",
           "The leader signs the month as a whole once every department's sheet and the leader's review are signed "
           "(409 naming the unsigned parts): the month computed by the shared code, its figures, SHA-256, total, grade "
           "and payout kept as signed (the settlement reads them). Audited",
           "assessment", needs(Permission::SignAssessment), {}, "", "AssessmentMonthDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const LocalSeconds now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            auto m = store::assessment_month(db, id);
            if (!m) fail_not_found("考核月份（第" + std::to_string(id) + "号）");
            if (m->status != "open") fail(409, "month_signed", m->provider_name + " " + m->month + " 的考核已签署");
            const auto rows = store::assessment_sheets(db, id);
            std::string missing;
            std::vector<wire::SheetEntries> departments;
            wire::SheetEntries leader;
            for (const auto& s : rows) {
                if (!s.signed_at) missing += (missing.empty() ? "" : "、") + s.department_name;
                if (s.department_code == wire::kLeaderSheet) leader = entries_of(s);
                else departments.push_back(entries_of(s));
            }
            if (!missing.empty()) fail(409, "unsigned_parts", "尚未签署：" + missing + "；各科室和领导评价都签署后才能签署全部");
            if (departments.empty()) fail(409, "no_departments", "该月份没有任何科室的评分表");
            const auto rule = rule_of_month(ctx, *m);
            const wire::AssessmentMonth figures = wire::month_of_entries(rule, departments, leader);
            m->figures = json(figures).dump();
            m->figures_sha256 = app::sha256_hex(*m->figures);
            m->total_num = figures.total.num;
            m->total_den = figures.total.den;
            m->total_text = figures.total.text;
            m->grade_code = figures.grade_code;
            m->payout_bp = figures.payout_bp;
            m->signed_by = who(user);
            m->signed_at = now;
            store::sign_assessment_month(db, *m, user.user.id);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "assessment_month", id, "sign",
                                     {{"total", figures.total.text}, {"grade_code", figures.grade_code},
                                      {"payout_bp", figures.payout_bp}, {"figures_sha256", *m->figures_sha256}},
                                     "签署月度考核"});
        });
        reply_detail(ctx, res, user, id, 200);
    });

    r.add({"GET", "/api/v1/assessment/projects",
           "The care projects (服务项目) with the providers serving in each (by project code, then provider name): the "
           "screens choose a provider by name among the chosen project's (a provider: only its own projects and itself)",
           "assessment", needs(Permission::ReadAssessment, "provider: own provider only"), {}, "", "CareProjectList"},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser& user) {
        std::optional<Id> only;
        if (user.user.role == Role::Provider) only = user.user.provider_id.value_or(-1);
        wire::CareProjectList out;
        out.items = store::projects_with_providers(ctx.db.reader(), only);
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/assessment/providers/{id}/grade",
           "A provider's grade of a month: its lowest signed project (涉及多个服务项目的机构就低等项目考核), and the "
           "projects not yet signed",
           "assessment", needs(Permission::ReadAssessment, "provider: own provider only"),
           {query_param("month", "string", "the month: 2026-10 (required)")}, "", "ProviderMonthGrade"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id provider = path_id(req);
        const Period month = month_in_query(req);
        if (user.user.role == Role::Provider && user.user.provider_id != provider) fail_not_found("服务商");
        auto& db = ctx.db.reader();
        if (!store::provider_exists(db, provider)) fail_not_found("服务商");
        wire::ProviderMonthGrade out;
        out.provider_id = provider;
        out.month = month.code();
        std::vector<Ratio> totals;
        std::vector<const store::AssessmentMonthRow*> signed_rows;
        const auto months = store::assessment_months_in(db, month.code(), provider, false);
        for (const auto& code : store::projects_of_provider(db, provider)) {
            wire::ProjectGrade g;
            g.project_code = code;
            g.project_name = store::project_name(db, code).value_or(code);
            g.status = "missing";
            for (const auto& m : months) {
                if (m.project_code != code) continue;
                g.month_id = m.id;
                g.status = m.status;
                if (m.status == "signed") {
                    g.total = wire::ExactScore{*m.total_num, *m.total_den, m.total_text.value_or("")};
                    g.grade_code = m.grade_code.value_or("");
                    totals.push_back(Ratio{*m.total_num, *m.total_den});
                    signed_rows.push_back(&m);
                }
            }
            if (g.status != "signed") out.unsigned_projects.push_back(code);
            out.projects.push_back(std::move(g));
        }
        out.complete = !out.projects.empty() && out.unsigned_projects.empty();
        if (!totals.empty()) {
            const auto& low = *signed_rows[assessment::lowest_project(totals)];
            const auto f = json::parse(*low.figures).get<wire::AssessmentMonth>();
            out.lowest_project_code = low.project_code;
            out.total = f.total;
            out.grade_code = f.grade_code;
            out.grade_name_zh = f.grade_name_zh;
            out.payout_bp = f.payout_bp;
        }
        reply_json(res, 200, json(out));
    });
}

}  // namespace yiyang::http
