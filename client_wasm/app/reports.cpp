// 报表 (reports_state.hpp): loads the report and the signed list, saves the draft, signs, opens the files.
#include "app/app.hpp"
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
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const ReportsState& s) {
    json j = {{"kind", s.kind},       {"period", s.period},         {"loading", s.loading},
              {"error", s.error},     {"problems", s.problems},     {"acting", s.acting},
              {"action_error", s.action_error}, {"action_notice", s.action_notice}};
    j["report"] = s.report ? json(*s.report) : json();
    j["signed"] = s.signed_list ? json(*s.signed_list) : json();
    return j;
}

}  // namespace yiyang::client
