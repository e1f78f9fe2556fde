// 考核 what-if (assessment_state.hpp): the scorecard rule in force today through GET /api/v1/rules and
// GET /api/v1/rules/assessment_scorecard/{version}, parsed by the shared parser; every edit recomputed by the
// shared wire::preview_month (no figure is computed here); 「服务器核算」 = POST /api/v1/assessment/preview with the
// same sheets, its reply compared with the screen's.
#include <algorithm>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/rules.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {
constexpr const char* kKind = "assessment_scorecard";
}  // namespace

void App::enter_assessment() {
    if (!role_has_screen(s_, Screen::Assessment)) return;
    if (!s_.assessment.loaded) load_assessment_rule();
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
    return j;
}

}  // namespace yiyang::client
