// 考核 what-if (assessment_state.hpp): the scorecard rule in force today through GET /api/v1/rules and
// GET /api/v1/rules/assessment_scorecard/{version}, parsed by the shared parser; every edit recomputed by the
// shared wire::preview_month (no figure is computed here); 「服务器核算」 = POST /api/v1/assessment/preview with the
// same sheets, its reply compared with the screen's.
#include <algorithm>
#include <utility>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "yiyang/access.hpp"
#include "yiyang/period.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/rules.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {
constexpr const char* kKind = "assessment_scorecard";

std::vector<FieldError> fields_of(const HttpResponse& r) {
    std::vector<FieldError> out;
    if (!r.body.is_object() || !r.body.contains("error")) return out;
    for (const auto& f : r.body["error"].value("fields", json::array()))
        if (f.is_object())
            out.push_back({f.value("field", ""), f.value("code", ""), f.value("message", f.value("message_zh", ""))});
    return out;
}

// The own sheet's department code and name in the opened month, and its column (-1 the leader, -2 none).
void find_own_column(AssessmentMonthsState& M) {
    M.my_column = -2;
    if (!M.open) return;
    int dep = 0;
    for (const auto& s : M.open->sheets) {
        const bool leader = s.department_code == wire::kLeaderSheet;
        if (s.department_code == M.my_department) {
            M.my_column = leader ? -1 : dep;
            M.draft = s.entries;
            M.my_department_name = s.department_name;
        }
        if (!leader) ++dep;
    }
}
}  // namespace

void App::enter_assessment() {
    if (!role_has_screen(s_, Screen::Assessment)) return;
    AssessmentMonthsState& M = s_.assessment.months;
    if (s_.user && s_.user->role == Role::Leader) M.my_department = wire::kLeaderSheet;
    if (M.month.empty()) M.month = month_of(s_.today).previous().code();
    if (!s_.assessment.loaded && !M.open && may(s_.user ? s_.user->role : Role::Kiosk, Permission::ReadRules))
        load_assessment_rule();
    if (may(s_.user ? s_.user->role : Role::Kiosk, Permission::ReadAssessment)) load_assessment_months();
    if (may(s_.user ? s_.user->role : Role::Kiosk, Permission::ScoreAssessment) && !M.projects)
        request_care_projects([this](std::optional<wire::CareProjectList> list, const std::string& error) {
            AssessmentMonthsState& S = s_.assessment.months;
            if (!list) {
                S.error = error;
                return;
            }
            S.projects = std::move(*list);
            if (S.open_project.empty() && !S.projects->items.empty()) S.open_project = S.projects->items.front().code;
        });
}

void App::request_care_projects(std::function<void(std::optional<wire::CareProjectList>, const std::string&)> done) {
    request("GET", "/api/v1/assessment/projects", nullptr, [done](const HttpResponse& r) {
        std::string parse_error;
        auto list = r.status == 200 ? wire::read_reply<wire::CareProjectList>(r.body, &parse_error) : std::nullopt;
        done(std::move(list), list ? std::string()
                                   : "服务项目列表加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r)));
    });
}

void App::load_assessment_months() {
    AssessmentMonthsState& M = s_.assessment.months;
    M.loading = true;
    const std::string month = M.month;
    request("GET", "/api/v1/assessment/months?month=" + url_encode(month), nullptr, [this, month](const HttpResponse& r) {
        AssessmentMonthsState& S = s_.assessment.months;
        if (S.month != month) return;   // another month picked meanwhile
        S.loading = false;
        std::string parse_error;
        S.list = r.status == 200 ? wire::read_reply<wire::AssessmentMonthList>(r.body, &parse_error) : std::nullopt;
        S.error = S.list ? "" : "考核月份加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
        if (S.want_provider != 0 && S.list) open_wanted_assessment_month();
    });
}

// A URL named a provider (and project) of the month: open it from the list, or say it is not there.
void App::open_wanted_assessment_month() {
    AssessmentMonthsState& M = s_.assessment.months;
    const Id provider = std::exchange(M.want_provider, 0);
    const std::string project = std::exchange(M.want_project, std::string());
    for (const auto& m : M.list->items) {
        if (m.provider_id != provider || (!project.empty() && m.project_code != project)) continue;
        apply_assessment(OpenAssessmentMonth{m.id});
        return;
    }
    M.error = "服务机构 #" + std::to_string(provider) + (project.empty() ? "" : "（" + project + "）") + " " + M.month +
              " 的考核尚未开启";
    set_status(StatusKind::Error, M.error);
    route_wait_.reset();   // the link's month is not there: the URL becomes the month's list (replaced, not pushed)
}

// A month's detail from the server becomes the table: its rule (shared parser), its sheets as columns.
void App::show_assessment_month(const wire::AssessmentMonthDetail& d) {
    AssessmentState& A = s_.assessment;
    AssessmentMonthsState& M = A.months;
    try {
        A.rule = d.rule.get<assessment::ScorecardRule>();
    } catch (const std::exception& e) {
        M.error = std::string("该月份的考核评分表规则无法识别：") + e.what();
        return;
    }
    A.rule_version = d.summary.rule_version;
    A.loaded = true;
    A.error.clear();
    A.sheets = {};
    for (const auto& s : d.sheets) {
        if (s.department_code == wire::kLeaderSheet) A.sheets.leader = wire::sheet_input_of(s.entries);
        else A.sheets.departments.push_back(wire::sheet_input_of(s.entries));
    }
    M.open = d;
    M.error.clear();
    find_own_column(M);
    M.draft_errors.clear();
    recompute_assessment();
}

void App::assessment_month_action(const std::string& method, const std::string& path, const json* body,
                                  const std::string& done_zh, bool compare_signed) {
    AssessmentMonthsState& M = s_.assessment.months;
    if (M.busy || !M.open) return;
    M.busy = true;
    M.message.clear();
    const Id id = M.open->summary.id;
    request(method, path, body, [this, id, done_zh, compare_signed](const HttpResponse& r) {
        AssessmentState& A = s_.assessment;
        AssessmentMonthsState& S = A.months;
        S.busy = false;
        if (!S.open || S.open->summary.id != id) return;
        if (r.status != 200 && r.status != 201) {
            S.server_errors = fields_of(r);
            S.message = error_message_zh(r);
            return;
        }
        std::string parse_error;
        auto d = wire::read_reply<wire::AssessmentMonthDetail>(r.body, &parse_error);
        if (!d) {
            S.message = "服务器回复无法识别：" + parse_error;
            return;
        }
        S.server_errors.clear();
        // The browser's figures of the sheets as they stood, against what the server signed.
        if (compare_signed) S.signed_equal = A.computed && d->figures == *A.computed;
        S.message = done_zh;
        show_assessment_month(*d);
        load_assessment_months();
    });
}

void App::load_assessment_rule() {
    request("GET", "/api/v1/rules", nullptr, [this](const HttpResponse& r) {
        AssessmentState& A = s_.assessment;
        std::string parse_error;
        auto list = r.status == 200 ? wire::read_reply<wire::RulesListReply>(r.body, &parse_error) : std::nullopt;
        if (!list) {
            A.error = "考核评分表规则加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        A.today = list->today;
        auto kind = std::find_if(list->kinds.begin(), list->kinds.end(), [](const RuleKindInfo& k) { return k.code == kKind; });
        if (kind == list->kinds.end() || !kind->in_force) {
            A.error = "今天没有生效的考核评分表规则（assessment_scorecard）：请管理员在“规则管理”中发布";
            return;
        }
        const std::string version = *kind->in_force;
        request("GET", std::string("/api/v1/rules/") + kKind + "/" + url_encode(version), nullptr,
                [this, version](const HttpResponse& v) {
            AssessmentState& S = s_.assessment;
            if (S.months.open) return;   // a month opened meanwhile (a link to it): its own rule stands
            const auto reply = v.status == 200 ? wire::read_reply<wire::RuleVersionReply>(v.body) : std::nullopt;
            if (!reply) {
                S.error = "考核评分表规则 " + version + " 加载失败：" + error_message_zh(v);
                return;
            }
            try {
                S.rule = reply->body.get<assessment::ScorecardRule>();   // the shared parser, strict
            } catch (const std::exception& e) {
                S.error = std::string("考核评分表规则无法识别：") + e.what();
                return;
            }
            S.rule_version = version;
            S.error.clear();
            S.loaded = true;
            if (S.sheets.departments.empty()) S.sheets.departments.resize(2);
            recompute_assessment();
        });
    });
}

void App::recompute_assessment() {
    AssessmentState& A = s_.assessment;
    A.server_equal.reset();   // the server's answer was for other sheets
    A.server.reset();
    A.server_error.clear();
    if (!A.rule) return;
    try {
        A.computed = wire::preview_month(*A.rule, A.sheets);
        A.compute_error.clear();
    } catch (const assessment::SheetError& e) {
        A.computed.reset();
        A.compute_error = e.what();
    }
}

void App::apply_assessment(const AssessmentIntent& intent) {
    AssessmentState& A = s_.assessment;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, EditAssessmentSheet>) {
                AssessmentMonthsState& M = A.months;
                if (M.open) {
                    // A stored month: only the own column, and only while it may be written.
                    if (i.department != M.my_column || M.my_column == -2 || M.open->summary.status != "open") return;
                    for (auto& e : M.draft.items) {
                        const auto it = i.sheet.counts.find(e.code);
                        e.count = it == i.sheet.counts.end() ? 0 : it->second;
                    }
                    M.draft.bonus_cases = i.sheet.bonus_cases;
                    M.draft.satisfied = i.sheet.satisfied;
                    M.draft.answered = i.sheet.answered;
                    std::int64_t total = 0;
                    for (const auto& s : M.open->sheets)
                        if (s.department_code == M.my_department) total = s.subjects_total;
                    if (A.rule) M.draft_errors = wire::check_sheet_entries(*A.rule, M.draft, total, M.my_department_name);
                }
                if (i.department < 0) A.sheets.leader = i.sheet;
                else if (static_cast<std::size_t>(i.department) < A.sheets.departments.size())
                    A.sheets.departments[static_cast<std::size_t>(i.department)] = i.sheet;
                recompute_assessment();
            } else if constexpr (std::is_same_v<T, AddAssessmentDepartment>) {
                if (A.sheets.departments.size() >= wire::kMaxDepartments) return;
                A.sheets.departments.emplace_back();
                recompute_assessment();
            } else if constexpr (std::is_same_v<T, RemoveAssessmentDepartment>) {
                if (A.sheets.departments.size() <= 1 || i.department < 0 ||
                    static_cast<std::size_t>(i.department) >= A.sheets.departments.size())
                    return;
                A.sheets.departments.erase(A.sheets.departments.begin() + i.department);
                recompute_assessment();
            } else if constexpr (std::is_same_v<T, EditAssessmentContext>) {
                A.provider = i.provider;
                A.month = i.month;
            } else if constexpr (std::is_same_v<T, CheckAssessmentOnServer>) {
                if (A.checking || !A.rule) return;
                wire::AssessmentPreviewRequest ask = A.sheets;
                ask.on = A.today;   // the rule the screen uses: in force today
                const json body = ask;
                A.checking = true;
                request("POST", "/api/v1/assessment/preview", &body, [this, ask](const HttpResponse& r) {
                    AssessmentState& S = s_.assessment;
                    S.checking = false;
                    wire::AssessmentPreviewRequest now = S.sheets;
                    now.on = S.today;
                    if (!(now == ask)) return;   // edited meanwhile: this answer is for other sheets
                    S.server_error.clear();
                    if (r.status == 200) {
                        std::string parse_error;
                        S.server = wire::read_reply<wire::AssessmentMonth>(r.body, &parse_error);
                        if (!S.server) S.server_error = "服务器核算结果格式无法识别：" + parse_error;
                        else S.server_equal = S.computed && *S.server == *S.computed;
                    } else {
                        // A refused sheet: equal when the screen refused it too (the same shared check).
                        S.server_error = "服务器核算：" + error_message_zh(r);
                        S.server_equal = r.status == 422 && !S.computed && !S.compute_error.empty();
                    }
                });
            } else if constexpr (std::is_same_v<T, ReloadAssessmentRule>) {
                A.loaded = false;
                load_assessment_rule();
            } else if constexpr (std::is_same_v<T, PickAssessmentMonth>) {
                const auto p = parse_period(i.month);
                A.months.month = i.month;
                if (!p || p->kind != PeriodKind::Month) {
                    A.months.error = "月份应写作 2026-10";
                    return;
                }
                A.months.error.clear();
                load_assessment_months();
            } else if constexpr (std::is_same_v<T, OpenAssessmentMonth>) {
                AssessmentMonthsState& M = A.months;
                M.message.clear();
                M.server_errors.clear();
                M.signed_equal.reset();
                if (i.id == 0) {   // back to the what-if with today's rule
                    M.open.reset();
                    M.my_column = -2;
                    A.sheets = {};
                    A.computed.reset();
                    A.loaded = false;
                    A.rule.reset();
                    if (may(s_.user ? s_.user->role : Role::Kiosk, Permission::ReadRules)) load_assessment_rule();
                    return;
                }
                request("GET", "/api/v1/assessment/months/" + std::to_string(i.id), nullptr, [this](const HttpResponse& r) {
                    std::string parse_error;
                    auto d = r.status == 200 ? wire::read_reply<wire::AssessmentMonthDetail>(r.body, &parse_error) : std::nullopt;
                    if (!d) {
                        s_.assessment.months.error = "考核月份加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
                        return;
                    }
                    show_assessment_month(*d);
                });
            } else if constexpr (std::is_same_v<T, StartAssessmentMonth>) {
                AssessmentMonthsState& M = A.months;
                if (M.busy) return;
                if (i.project_code.empty() || i.provider_id <= 0) {
                    M.message = i.project_code.empty() ? "请选择服务项目" : "请选择服务商（按名称选择）";
                    return;
                }
                const json body = wire::OpenMonthRequest{i.provider_id, i.project_code, M.month};
                M.busy = true;
                M.message.clear();
                request("POST", "/api/v1/assessment/months", &body, [this](const HttpResponse& r) {
                    AssessmentMonthsState& S = s_.assessment.months;
                    S.busy = false;
                    std::string parse_error;
                    auto d = r.status == 201 ? wire::read_reply<wire::AssessmentMonthDetail>(r.body, &parse_error) : std::nullopt;
                    if (!d) {
                        S.message = r.status == 201 ? "服务器回复无法识别：" + parse_error : error_message_zh(r);
                        return;
                    }
                    S.message = "已开启：" + d->summary.provider_name + " · " + d->summary.project_name + " · " + d->summary.month;
                    show_assessment_month(*d);
                    load_assessment_months();
                });
            } else if constexpr (std::is_same_v<T, EditAssessmentStartForm>) {
                AssessmentMonthsState& M = A.months;
                M.open_provider = i.provider_id;
                M.open_project = i.project_code;
                // Another project: the provider stays only when it serves in that one too.
                bool serves = false;
                if (M.projects)
                    for (const auto& p : M.projects->items)
                        if (p.code == M.open_project)
                            for (const auto& x : p.providers) serves = serves || x.id == M.open_provider;
                if (!serves) M.open_provider = 0;
                M.message.clear();
            } else if constexpr (std::is_same_v<T, EditAssessmentReason> || std::is_same_v<T, EditAssessmentChecked>) {
                AssessmentMonthsState& M = A.months;
                if constexpr (std::is_same_v<T, EditAssessmentReason>) {
                    for (auto& e : M.draft.items)
                        if (e.code == i.code) e.reason = i.reason;
                } else {
                    M.draft.subjects_checked = i.subjects_checked;
                }
                std::int64_t total = 0;
                if (M.open)
                    for (const auto& s : M.open->sheets)
                        if (s.department_code == M.my_department) total = s.subjects_total;
                if (A.rule) M.draft_errors = wire::check_sheet_entries(*A.rule, M.draft, total, M.my_department_name);
            } else if constexpr (std::is_same_v<T, SaveAssessmentSheet>) {
                AssessmentMonthsState& M = A.months;
                if (!M.open || M.my_column == -2) return;
                const json body = M.draft;
                assessment_month_action("PUT", "/api/v1/assessment/months/" + std::to_string(M.open->summary.id) +
                                                   "/sheets/" + url_encode(M.my_department),
                                        &body, "已保存" + M.my_department_name + "的评分表", false);
            } else if constexpr (std::is_same_v<T, SignAssessmentSheet>) {
                AssessmentMonthsState& M = A.months;
                if (!M.open || M.my_column == -2) return;
                const json body = json::object();
                assessment_month_action("POST", "/api/v1/assessment/months/" + std::to_string(M.open->summary.id) +
                                                    "/sheets/" + url_encode(M.my_department) + "/sign",
                                        &body, "已签署" + M.my_department_name + "的评分表", false);
            } else if constexpr (std::is_same_v<T, SignAssessmentMonth>) {
                AssessmentMonthsState& M = A.months;
                if (!M.open) return;
                const json body = json::object();
                assessment_month_action("POST", "/api/v1/assessment/months/" + std::to_string(M.open->summary.id) + "/sign",
                                        &body, "已签署本月考核", true);
            }
        },
        intent);
}

json test_state_of(const AssessmentState& s) {
    json j = {{"loaded", s.loaded}, {"error", s.error}, {"rule_version", s.rule_version}, {"today", s.today},
              {"provider", s.provider}, {"month", s.month}, {"sheets", s.sheets}, {"compute_error", s.compute_error},
              {"checking", s.checking}, {"server_error", s.server_error}};
    j["computed"] = s.computed ? json(*s.computed) : json();
    j["server"] = s.server ? json(*s.server) : json();
    j["server_equal"] = s.server_equal ? json(*s.server_equal) : json();
    const AssessmentMonthsState& M = s.months;
    json months = {{"month", M.month}, {"loading", M.loading}, {"error", M.error}, {"my_department", M.my_department},
                   {"my_column", M.my_column}, {"draft", M.draft}, {"message", M.message}, {"busy", M.busy},
                   {"open_provider", M.open_provider}, {"open_project", M.open_project}};
    months["projects"] = M.projects ? json(*M.projects) : json();
    months["list"] = M.list ? json(*M.list) : json();
    months["open"] = M.open ? json(M.open->summary) : json();
    months["figures"] = M.open ? json(M.open->figures) : json();
    months["signed_equal"] = M.signed_equal ? json(*M.signed_equal) : json();
    json errs = json::array();
    for (const auto& e : M.draft_errors) errs.push_back(e.message_zh);
    months["draft_errors"] = errs;
    json serr = json::array();
    for (const auto& e : M.server_errors) serr.push_back(e.message_zh);
    months["server_errors"] = serr;
    j["months"] = months;
    return j;
}

}  // namespace yiyang::client
