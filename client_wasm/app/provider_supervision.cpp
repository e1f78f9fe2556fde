// 服务商监管 (provider_supervision_state.hpp): the list, the prefilled form, signing an evaluation, the 差's warning /
// removal and a key-information check. Nothing is scored here: the server completes and grades the evaluation.
#include <cctype>

#include "app/app.hpp"
#include "app/json_read.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"

namespace yiyang::client {

using nlohmann::json;

std::optional<std::int64_t> typed_tenths(const std::string& text) {
    std::int64_t whole = 0, tenth = 0;
    std::size_t i = 0, digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        whole = whole * 10 + (text[i] - '0');
        if (++digits > 4) return std::nullopt;
        ++i;
    }
    if (digits == 0) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (i + 1 != text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
        tenth = text[i] - '0';
        ++i;
    }
    if (i != text.size()) return std::nullopt;
    return whole * 10 + tenth;
}

void App::enter_provider_supervision() {
    if (!role_has_screen(s_, Screen::ProviderSupervision)) return;
    load_provider_supervision();
}

void App::load_provider_supervision() {
    ProviderSupervisionState& P = s_.provider_supervision;
    P.loading = true;
    P.error.clear();
    s_.list_paths["provider_supervision"] = "/api/v1/provider-supervision";
    request("GET", "/api/v1/provider-supervision", nullptr, [this](const HttpResponse& r) {
        ProviderSupervisionState& S = s_.provider_supervision;
        S.loading = false;
        std::string parse_error;
        auto list = r.status == 200 ? wire::read_reply<wire::ProviderSupervisionList>(r.body, &parse_error) : std::nullopt;
        if (!list) {
            S.error = "服务商列表加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.list = std::move(list);
    });
    if (P.selected != 0) load_supervised_provider(P.selected);
}

void App::load_supervised_provider(std::int64_t id) {
    const std::string base = "/api/v1/provider-supervision/" + std::to_string(id);
    request("GET", base + "/prefill", nullptr, [this, id](const HttpResponse& r) {
        ProviderSupervisionState& S = s_.provider_supervision;
        if (S.selected != id) return;
        std::string parse_error;
        S.prefill = r.status == 200 ? wire::read_reply<wire::EvaluationPrefill>(r.body, &parse_error) : std::nullopt;
        if (!S.prefill) S.form_error = "评价表加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
    });
    request("GET", base + "/evaluations", nullptr, [this, id](const HttpResponse& r) {
        ProviderSupervisionState& S = s_.provider_supervision;
        if (S.selected != id) return;
        S.history = r.status == 200 ? wire::read_reply<wire::ProviderEvaluationList>(r.body) : std::nullopt;
    });
}

void App::apply_provider_supervision(const ProviderSupervisionIntent& intent) {
    ProviderSupervisionState& P = s_.provider_supervision;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ReloadProviderSupervision>) {
                load_provider_supervision();
            } else if constexpr (std::is_same_v<T, SelectSupervisedProvider>) {
                P.selected = i.id;
                P.prefill.reset();
                P.history.reset();
                P.scores.clear();
                P.reasons.clear();
                P.note.clear();
                P.drill.clear();
                P.field_errors.clear();
                P.form_error.clear();
                P.notice.clear();
                P.action_reason.clear();
                P.licence_expires.clear();
                if (i.id != 0) load_supervised_provider(i.id);
            } else if constexpr (std::is_same_v<T, EditEvaluationScore>) {
                P.scores[i.dimension] = i.text;
                P.field_errors.erase("scores." + i.dimension);
            } else if constexpr (std::is_same_v<T, EditEvaluationReason>) {
                P.reasons[i.dimension] = i.text;
                P.field_errors.erase("scores." + i.dimension);
            } else if constexpr (std::is_same_v<T, EditEvaluationNote>) {
                P.note = i.text;
            } else if constexpr (std::is_same_v<T, DrillEvaluationDimension>) {
                P.drill = P.drill == i.dimension ? std::string() : i.dimension;
            } else if constexpr (std::is_same_v<T, SubmitEvaluation>) {
                if (P.saving || !P.prefill) return;
                P.field_errors.clear();
                P.form_error.clear();
                P.notice.clear();
                json scores = json::object();
                for (const auto& d : P.prefill->dimensions) {
                    const auto it = P.scores.find(d.dimension);
                    if (it == P.scores.end() || it->second.empty()) continue;
                    const auto tenths = typed_tenths(it->second);
                    if (!tenths) {
                        P.field_errors["scores." + d.dimension] = d.label + "评分应为数字，最多一位小数（如 18.5），实际为“" + it->second + "”";
                        continue;
                    }
                    json s = {{"tenths", *tenths}};
                    const auto r = P.reasons.find(d.dimension);
                    if (r != P.reasons.end() && !r->second.empty()) s["reason"] = r->second;
                    scores[d.dimension] = s;
                }
                if (!P.field_errors.empty()) return;
                const json body = {{"day", P.prefill->day}, {"scores", scores}, {"note", P.note}};
                const std::int64_t id = P.selected;
                P.saving = true;
                request("POST", "/api/v1/provider-supervision/" + std::to_string(id) + "/evaluations", &body,
                        [this, id](const HttpResponse& r) {
                    ProviderSupervisionState& S = s_.provider_supervision;
                    S.saving = false;
                    if (S.selected != id) return;
                    auto view = r.status == 201 ? wire::read_reply<wire::ProviderEvaluationView>(r.body) : std::nullopt;
                    if (!view) {
                        S.field_errors = field_errors_of(r.body);
                        S.form_error = "评价未保存：" + error_message_zh(r);
                        return;
                    }
                    S.notice = "已签名保存 " + view->provider_name + " 的评价：" + view->grade_label + "（" + view->total.text + " 分）" +
                               (view->grade == "poor" ? "，请确认" + view->required_action_label : "");
                    S.scores.clear();
                    S.reasons.clear();
                    load_provider_supervision();
                });
            } else if constexpr (std::is_same_v<T, EditPoorActionReason>) {
                P.action_reason = i.text;
            } else if constexpr (std::is_same_v<T, ConfirmPoorAction>) {
                if (P.acting) return;
                const json body = {{"reason", P.action_reason}};
                P.acting = true;
                P.form_error.clear();
                P.notice.clear();
                request("POST", "/api/v1/provider-supervision/evaluations/" + std::to_string(i.evaluation_id) + "/action",
                        &body, [this](const HttpResponse& r) {
                    ProviderSupervisionState& S = s_.provider_supervision;
                    S.acting = false;
                    auto view = r.status == 200 ? wire::read_reply<wire::ProviderEvaluationView>(r.body) : std::nullopt;
                    if (!view) {
                        S.form_error = "未能处理：" + error_message_zh(r);
                        return;
                    }
                    S.notice = view->provider_name + " 已" + view->action_label + "（" + view->action_day + "）";
                    S.action_reason.clear();
                    load_provider_supervision();
                });
            } else if constexpr (std::is_same_v<T, LiftWarning>) {
                if (P.acting) return;
                const json body = {{"reason", P.action_reason}};
                P.acting = true;
                P.form_error.clear();
                P.notice.clear();
                request("POST", "/api/v1/provider-supervision/" + std::to_string(i.provider_id) + "/lift", &body,
                        [this](const HttpResponse& r) {
                    ProviderSupervisionState& S = s_.provider_supervision;
                    S.acting = false;
                    auto view = r.status == 200 ? wire::read_reply<wire::ProviderEvaluationView>(r.body) : std::nullopt;
                    if (!view) {
                        S.form_error = "未能解除预警：" + error_message_zh(r);
                        return;
                    }
                    S.notice = view->provider_name + " 已解除预警（" + view->action_day + "，依据 " + view->day + " 的评价“" +
                               view->grade_label + "”），恢复派单";
                    S.action_reason.clear();
                    load_provider_supervision();
                });
            } else if constexpr (std::is_same_v<T, EditLicenceExpiry>) {
                P.licence_expires = i.text;
            } else if constexpr (std::is_same_v<T, SubmitKeyCheck>) {
                if (P.checking || P.selected == 0) return;
                json body = {{"day", format_date(s_.today)}};
                if (!P.licence_expires.empty()) body["licence_expires"] = P.licence_expires;
                P.checking = true;
                P.form_error.clear();
                P.notice.clear();
                request("POST", "/api/v1/provider-supervision/" + std::to_string(P.selected) + "/key-checks", &body,
                        [this](const HttpResponse& r) {
                    ProviderSupervisionState& S = s_.provider_supervision;
                    S.checking = false;
                    auto view = r.status == 201 ? wire::read_reply<wire::KeyCheckView>(r.body) : std::nullopt;
                    if (!view) {
                        S.form_error = "关键信息检查未登记：" + error_message_zh(r);
                        return;
                    }
                    S.notice = "已登记关键信息检查（" + view->day + "）：" + view->missing_text;
                    load_provider_supervision();
                });
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const ProviderSupervisionState& s) {
    json j = {{"loading", s.loading},     {"error", s.error},           {"selected", s.selected},
              {"drill", s.drill},         {"saving", s.saving},         {"field_errors", s.field_errors},
              {"form_error", s.form_error}, {"notice", s.notice},       {"acting", s.acting},
              {"checking", s.checking}};
    j["list"] = s.list ? json(*s.list) : json();
    j["prefill"] = s.prefill ? json(*s.prefill) : json();
    j["history"] = s.history ? json(*s.history) : json();
    return j;
}

}  // namespace yiyang::client
