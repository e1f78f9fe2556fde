// 巡查 (inspections_state.hpp): the month's board (GET /api/v1/inspections?month=), the inspection form (POST
// /api/v1/inspections; the reply is the inspection as recorded, the board is reloaded for the rate and the
// rectifications), the re-check (POST /api/v1/rectifications/{id}/recheck) and the quarter's reviews (GET
// /api/v1/inspections/quarter). Nothing is computed here.
#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "yiyang/period.hpp"

namespace yiyang::client {

using nlohmann::json;

void App::enter_inspections() {
    if (!role_has_screen(s_, Screen::Inspections)) return;
    load_order_providers();   // the caregiver review's provider list (once per session)
    load_inspections();
    if (s_.inspections.tab == 1) load_inspection_quarter();
}

void App::load_inspections() {
    InspectionsState& I = s_.inspections;
    if (I.month.empty()) I.month = month_of(s_.today).code();
    if (I.day.empty()) I.day = format_date(s_.today);
    if (I.inspector.empty() && s_.user) I.inspector = s_.user->display_name.empty() ? s_.user->username : s_.user->display_name;
    const std::string month = I.month;
    I.loading = true;
    I.error.clear();
    request("GET", "/api/v1/inspections?month=" + month, nullptr, [this, month](const HttpResponse& r) {
        InspectionsState& S = s_.inspections;
        if (S.month != month) return;
        S.loading = false;
        std::string parse_error;
        auto board = r.status == 200 ? wire::read_reply<wire::InspectionBoard>(r.body, &parse_error) : std::nullopt;
        if (!board) {
            S.error = "巡查数据加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.board = std::move(board);
        bool kept = false;
        for (const auto& i : S.board->institutions) kept = kept || i.id == S.institution;
        if (!kept) S.institution = S.board->institutions.empty() ? 0 : S.board->institutions.front().id;
    });
}

void App::load_inspection_quarter() {
    InspectionsState& I = s_.inspections;
    if (I.quarter.empty()) I.quarter = quarter_of(s_.today).code();
    const std::string quarter = I.quarter;
    I.quarter_loading = true;
    I.quarter_error.clear();
    request("GET", "/api/v1/inspections/quarter?quarter=" + quarter, nullptr, [this, quarter](const HttpResponse& r) {
        InspectionsState& S = s_.inspections;
        if (S.quarter != quarter) return;
        S.quarter_loading = false;
        std::string parse_error;
        S.reviews = r.status == 200 ? wire::read_reply<wire::QuarterReviews>(r.body, &parse_error) : std::nullopt;
        if (!S.reviews) S.quarter_error = "季度评定加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
    });
}

void App::apply_inspections(const InspectionsIntent& intent) {
    InspectionsState& I = s_.inspections;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ReloadInspections>) {
                load_inspections();
                if (I.tab == 1) load_inspection_quarter();
            } else if constexpr (std::is_same_v<T, ShiftInspectionMonth>) {
                auto p = parse_period(I.month).value_or(month_of(s_.today));
                for (int k = 0; k < i.months; ++k) p = p.next();
                for (int k = 0; k > i.months; --k) p = p.previous();
                if (p.first_day() > s_.today) return;   // no month after this one
                I.month = p.code();
                I.board.reset();
                load_inspections();
            } else if constexpr (std::is_same_v<T, SelectInspectionTab>) {
                I.tab = i.tab;
                if (i.tab == 1 && !I.reviews) load_inspection_quarter();
            } else if constexpr (std::is_same_v<T, ChooseInstitution>) {
                I.institution = i.id;
            } else if constexpr (std::is_same_v<T, EditInspectionField>) {
                if (i.field == "day") I.day = i.value;
                else if (i.field == "inspector") I.inspector = i.value;
                else if (i.field == "note") I.note = i.value;
                I.form_error.clear();
            } else if constexpr (std::is_same_v<T, SetInspectionItem>) {
                I.items[i.code].passed = i.passed;
            } else if constexpr (std::is_same_v<T, EditInspectionItemNote>) {
                I.items[i.code].note = i.note;
            } else if constexpr (std::is_same_v<T, SubmitInspection>) {
                if (I.submitting || !I.board) return;
                json items = json::array();
                for (const auto& c : I.board->checklist) {
                    const auto it = I.items.find(c.code);
                    const bool passed = it == I.items.end() || it->second.passed;
                    json item = {{"code", c.code}, {"passed", passed}};
                    if (it != I.items.end() && !it->second.note.empty()) item["note"] = it->second.note;
                    items.push_back(std::move(item));
                }
                const json body = {{"institution_id", I.institution}, {"day", I.day}, {"inspector", I.inspector},
                                   {"items", items}, {"note", I.note}};
                I.submitting = true;
                I.form_error.clear();
                I.form_notice.clear();
                request("POST", "/api/v1/inspections", &body, [this](const HttpResponse& r) {
                    InspectionsState& S = s_.inspections;
                    S.submitting = false;
                    auto view = r.status == 201 ? wire::read_reply<wire::InspectionView>(r.body) : std::nullopt;
                    if (!view) {
                        S.form_error = "巡查记录未保存：" + error_message_zh(r);
                        return;
                    }
                    S.form_notice = "已记录 " + view->institution_name + " " + view->day + " 的巡查：" + view->result_label +
                                    (view->failed > 0 ? "，" + std::to_string(view->failed) + " 项需整改" : "");
                    S.items.clear();
                    S.note.clear();
                    load_inspections();
                });
            } else if constexpr (std::is_same_v<T, EditRecheckNote>) {
                I.recheck_notes[i.id] = i.note;
            } else if constexpr (std::is_same_v<T, SubmitRecheck>) {
                if (I.rechecking) return;
                const json body = {{"day", format_date(s_.today)}, {"passed", i.passed}, {"note", I.recheck_notes[i.id]}};
                I.rechecking = true;
                I.recheck_error.clear();
                I.recheck_notice.clear();
                const std::int64_t id = i.id;
                request("POST", "/api/v1/rectifications/" + std::to_string(id) + "/recheck", &body, [this, id](const HttpResponse& r) {
                    InspectionsState& S = s_.inspections;
                    S.rechecking = false;
                    auto view = r.status == 200 ? wire::read_reply<wire::RectificationView>(r.body) : std::nullopt;
                    if (!view) {
                        S.recheck_error = "复查未保存：" + error_message_zh(r);
                        return;
                    }
                    S.recheck_notice = view->institution_name + "“" + view->item_text + "”" +
                                       (view->status == "closed" ? "复查通过，已关闭" : "未整改，新期限 " + view->deadline);
                    S.recheck_notes.erase(id);
                    load_inspections();
                });
            } else if constexpr (std::is_same_v<T, OpenReviewForm>) {
                I.review_form = i.kind;
                I.review = ReviewDraft{};
                I.review_error.clear();
                if (i.kind != 0) I.review_notice.clear();
                if (i.kind == 1 && I.reviews) {
                    // The first centre not yet rated this quarter.
                    for (const auto& c : I.reviews->centres) {
                        bool rated = false;
                        for (const auto& r : I.reviews->ratings) rated = rated || r.institution_id == c.id;
                        if (!rated) {
                            I.review.institution = c.id;
                            break;
                        }
                    }
                }
            } else if constexpr (std::is_same_v<T, EditReviewDraft>) {
                if (i.field == "institution") I.review.institution = i.id;
                else if (i.field == "caregiver") I.review.caregiver = i.text;
                else if (i.field == "provider") I.review.provider = i.id;
                else if (i.field == "note") I.review.note = i.text;
                I.review_error.clear();
            } else if constexpr (std::is_same_v<T, SetReviewScore>) {
                I.review.scores[i.code] = i.points;
                I.review_error.clear();
            } else if constexpr (std::is_same_v<T, SubmitReview>) {
                if (I.review_saving || I.review_form == 0 || !I.reviews) return;
                const bool star = I.review_form == 1;
                // Every item is sent, an untouched one as 0: the server refuses what is out of range, by item.
                const auto& items = star ? I.reviews->star_items : I.reviews->caregiver_items;
                json scores = json::object();
                for (const auto& it : items) {
                    const auto got = I.review.scores.find(it.code);
                    scores[it.code] = got == I.review.scores.end() ? 0 : got->second;
                }
                json body = {{"quarter", I.reviews->quarter}, {"scores", scores}, {"note", I.review.note}};
                if (star) {
                    body["institution_id"] = I.review.institution;
                } else {
                    body["caregiver"] = I.review.caregiver;
                    body["provider_id"] = I.review.provider;
                }
                I.review_saving = true;
                I.review_error.clear();
                I.review_notice.clear();
                request("POST", star ? "/api/v1/star-ratings" : "/api/v1/caregiver-reviews", &body, [this, star](const HttpResponse& r) {
                    InspectionsState& S = s_.inspections;
                    S.review_saving = false;
                    if (star) {
                        auto v = r.status == 201 ? wire::read_reply<wire::StarRatingView>(r.body) : std::nullopt;
                        if (!v) {
                            S.review_error = "星级评定未签署：" + error_message_zh(r);
                            return;
                        }
                        S.review_notice = "已签署 " + v->institution_name + " " + v->quarter + " 星级评定：" +
                                          std::to_string(v->total) + " 分，" + v->stars_label;
                    } else {
                        auto v = r.status == 201 ? wire::read_reply<wire::CaregiverReviewView>(r.body) : std::nullopt;
                        if (!v) {
                            S.review_error = "护理员考核未签署：" + error_message_zh(r);
                            return;
                        }
                        S.review_notice = "已签署 护理员 " + v->caregiver + "（" + v->provider_name + "）" + v->quarter +
                                          " 考核：" + std::to_string(v->total) + " 分，" + v->grade_label;
                    }
                    S.review_form = 0;
                    S.review = ReviewDraft{};
                    load_inspection_quarter();
                });
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const InspectionsState& s) {
    json j = {{"month", s.month},         {"tab", s.tab},           {"loading", s.loading},
              {"error", s.error},         {"institution", s.institution}, {"day", s.day},
              {"inspector", s.inspector}, {"submitting", s.submitting}, {"form_error", s.form_error},
              {"form_notice", s.form_notice}, {"recheck_error", s.recheck_error}, {"recheck_notice", s.recheck_notice},
              {"quarter", s.quarter}, {"review_form", s.review_form}, {"review_saving", s.review_saving},
              {"review_error", s.review_error}, {"review_notice", s.review_notice}};
    json draft = {{"institution", s.review.institution}, {"caregiver", s.review.caregiver},
                  {"provider", s.review.provider}, {"note", s.review.note}, {"scores", json::object()}};
    for (const auto& [code, points] : s.review.scores) draft["scores"][code] = points;
    j["review"] = draft;
    json items = json::object();
    for (const auto& [code, d] : s.items) items[code] = {{"passed", d.passed}, {"note", d.note}};
    j["items"] = items;
    j["board"] = s.board ? json(*s.board) : json();
    j["reviews"] = s.reviews ? json(*s.reviews) : json();
    return j;
}

}  // namespace yiyang::client
