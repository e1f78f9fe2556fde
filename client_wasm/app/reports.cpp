// 报表 (reports_state.hpp): loads the report and the signed list, saves the draft, signs, opens the files.
#include "app/app.hpp"
#include "app/json_read.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"

namespace yiyang::client {

using nlohmann::json;

void App::enter_reports() {
    if (!role_has_screen(s_, Screen::Reports)) return;
    ReportsState& R = s_.reports;
    // The previous month by default: the month a report is written for.
    if (R.period.empty()) R.period = month_of(s_.today).previous().code();
    load_reports();
}

void App::load_reports() {
    ReportsState& R = s_.reports;
    R.loading = true;
    R.error.clear();
    const std::string kind = R.kind, period = R.period;
    request("GET", "/api/v1/reports/operation?kind=" + kind + "&period=" + period, nullptr,
            [this, kind, period](const HttpResponse& r) {
        ReportsState& S = s_.reports;
        if (S.kind != kind || S.period != period) return;   // another report chosen meanwhile
        S.loading = false;
        std::string parse_error;
        auto rep = r.status == 200 ? wire::read_reply<wire::OperationReport>(r.body, &parse_error) : std::nullopt;
        if (!rep) {
            S.report.reset();
            S.error = "报告加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.report = std::move(rep);
        if (!S.problems_dirty) S.problems = S.report->problems_zh;
    });
    request("GET", "/api/v1/reports/signed?kind=" + kind, nullptr, [this, kind](const HttpResponse& r) {
        ReportsState& S = s_.reports;
        if (S.kind != kind) return;
        S.signed_list = r.status == 200 ? wire::read_reply<wire::SignedOperationReportList>(r.body) : std::nullopt;
    });
}

void App::apply_reports(const ReportsIntent& intent) {
    ReportsState& R = s_.reports;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ReloadReports>) {
                load_reports();
            } else if constexpr (std::is_same_v<T, SelectReportKind>) {
                if (R.kind == i.kind) return;
                R.kind = i.kind;
                R.report.reset();
                R.problems_dirty = false;
                R.action_error.clear();
                R.action_notice.clear();
                load_reports();
            } else if constexpr (std::is_same_v<T, ShiftReportMonth>) {
                auto p = parse_period(R.period).value_or(month_of(s_.today));
                for (int k = 0; k < i.months; ++k) p = p.next();
                for (int k = 0; k > i.months; --k) p = p.previous();
                if (R.kind != "month") {   // a project year: twelve months at a time
                    for (int k = 0; k < 11 * i.months; ++k) p = p.next();
                    for (int k = 0; k > 11 * i.months; --k) p = p.previous();
                }
                R.period = p.code();
                R.report.reset();
                R.problems_dirty = false;
                load_reports();
            } else if constexpr (std::is_same_v<T, EditReportProblems>) {
                R.problems = i.text;
                R.problems_dirty = true;
            } else if constexpr (std::is_same_v<T, EditReportNote>) {
                R.note = i.text;
            } else if constexpr (std::is_same_v<T, SaveReportDraft>) {
                if (R.acting || !R.report) return;
                const json body = {{"kind", R.kind}, {"period", R.report->period}, {"problems", R.problems}};
                R.acting = true;
                R.action_error.clear();
                R.action_notice.clear();
                request("PUT", "/api/v1/reports/operation/draft", &body, [this](const HttpResponse& r) {
                    ReportsState& S = s_.reports;
                    S.acting = false;
                    auto rep = r.status == 200 ? wire::read_reply<wire::OperationReport>(r.body) : std::nullopt;
                    if (!rep) {
                        S.action_error = "保存草稿失败：" + error_message_zh(r);
                        return;
                    }
                    S.report = std::move(rep);
                    S.problems = S.report->problems_zh;
                    S.problems_dirty = false;
                    S.action_notice = "草稿已保存（" + S.report->draft_saved_at + "）";
                });
            } else if constexpr (std::is_same_v<T, SignReport>) {
                if (R.acting || !R.report) return;
                json body = {{"kind", R.kind}, {"period", R.report->period}};
                if (!R.note.empty()) body["note"] = R.note;
                R.acting = true;
                R.action_error.clear();
                R.action_notice.clear();
                request("POST", "/api/v1/reports/operation/sign", &body, [this](const HttpResponse& r) {
                    ReportsState& S = s_.reports;
                    S.acting = false;
                    auto signed_report = r.status == 201 ? wire::read_reply<wire::SignedOperationReport>(r.body) : std::nullopt;
                    if (!signed_report) {
                        S.action_error = "签署失败：" + error_message_zh(r);
                        return;
                    }
                    S.action_notice = signed_report->title_zh + " 已签署（第 " + std::to_string(signed_report->id) + " 号）";
                    S.note.clear();
                    load_reports();
                });
            } else if constexpr (std::is_same_v<T, DownloadSignedReport>) {
                open_url("/api/v1/reports/signed/" + std::to_string(i.id) + "/file?format=" + i.format, true);
            } else if constexpr (std::is_same_v<T, DownloadReportDraft>) {
                open_url("/api/v1/reports/operation?kind=" + R.kind + "&period=" + R.period + "&format=" + i.format, true);
            } else if constexpr (std::is_same_v<T, StartReportDecision>) {
                if (!s_.user || !may(s_.user->role, Permission::CountersignReports) || R.acting) return;
                if (i.action != "countersign" && i.action != "return") return;
                if (R.decision_id != i.id || R.decision_action != i.action) R.decision_text.clear();
                R.decision_id = i.id;
                R.decision_action = i.action;
                R.decision_error.clear();
                R.action_error.clear();
                R.action_notice.clear();
            } else if constexpr (std::is_same_v<T, EditReportDecision>) {
                R.decision_text = i.text;
            } else if constexpr (std::is_same_v<T, CancelReportDecision>) {
                R.decision_id = 0;
                R.decision_action.clear();
                R.decision_text.clear();
                R.decision_error.clear();
            } else if constexpr (std::is_same_v<T, SubmitReportDecision>) {
                if (R.acting || R.decision_id <= 0 || !R.signed_list) return;
                const wire::SignedOperationReport* row = nullptr;
                for (const auto& r : R.signed_list->items)
                    if (r.id == R.decision_id) row = &r;
                if (!row) return;
                const bool counter = R.decision_action == "countersign";
                ConfirmDialog d;
                d.id = counter ? "reports.countersign" : "reports.return";
                d.title = counter ? "会签运营分析报告" : "退回运营分析报告";
                d.message = "将以本账号" + std::string(counter ? "会签" : "退回") + "《" + row->title_zh + "》（第 " +
                            std::to_string(row->id) + " 号，" + row->signed_by + " 签署）。" +
                            (counter ? "会签记入签署记录，已封存的文件不再改动。"
                                     : "退回后由督导签署补充报告更正。");
                d.confirm_label = counter ? "确认会签" : "确认退回";
                d.danger = !counter;
                wire::ReportDecisionRequest req;
                (counter ? req.note : req.reason) = R.decision_text;
                const std::int64_t id = R.decision_id;
                const std::string action = R.decision_action;
                ask(d, [this, req, id, action] {
                    ReportsState& S = s_.reports;
                    S.acting = true;
                    S.decision_error.clear();
                    S.action_error.clear();
                    S.action_notice.clear();
                    const json body = req;
                    request("POST", "/api/v1/reports/signed/" + std::to_string(id) + "/" + action, &body,
                            [this, id, action](const HttpResponse& r) {
                        ReportsState& S = s_.reports;
                        S.acting = false;
                        auto rep = r.status == 200 ? wire::read_reply<wire::SignedOperationReport>(r.body) : std::nullopt;
                        if (!rep) {
                            const auto fields = field_errors_of(r.body);
                            const auto f = fields.find(action == "countersign" ? "note" : "reason");
                            if (f != fields.end()) S.decision_error = f->second;
                            else S.action_error = (action == "countersign" ? "会签失败：" : "退回失败：") + error_message_zh(r);
                            if (r.status == 409) load_reports();   // decided or corrected meanwhile: the list as it is
                            return;
                        }
                        S.action_notice = rep->title_zh + "（第 " + std::to_string(id) + " 号）" + rep->status_zh;
                        S.decision_id = 0;
                        S.decision_action.clear();
                        S.decision_text.clear();
                        load_reports();
                    });
                });
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const ReportsState& s) {
    json j = {{"kind", s.kind},       {"period", s.period},         {"loading", s.loading},
              {"error", s.error},     {"problems", s.problems},     {"acting", s.acting},
              {"action_error", s.action_error}, {"action_notice", s.action_notice},
              {"decision_id", s.decision_id}, {"decision_action", s.decision_action},
              {"decision_text", s.decision_text}, {"decision_error", s.decision_error}};
    j["report"] = s.report ? json(*s.report) : json();
    j["signed"] = s.signed_list ? json(*s.signed_list) : json();
    return j;
}

}  // namespace yiyang::client
