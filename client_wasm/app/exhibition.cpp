// 展厅 (exhibition_state.hpp): the board (GET /api/v1/visits?from&to), approve / decline (POST …/approve, …/decline:
// the reply is the booking as now decided; the board is reloaded for the seats), an open day's registrations, and
// check-in by code (POST /api/v1/visits/check-in). Nothing is computed here: seats and counts are the server's.
#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "yiyang/visits.hpp"

namespace yiyang::client {

using nlohmann::json;

void App::enter_exhibition() {
    if (!role_has_screen(s_, Screen::Exhibition)) return;
    load_exhibition();
}

void App::load_exhibition() {
    ExhibitionState& E = s_.exhibition;
    if (E.from.empty()) E.from = format_date(s_.today);
    const auto first = parse_date(E.from).value_or(s_.today);
    const std::string from = format_date(first), to = format_date(add_days(first, 13));
    E.loading = true;
    E.error.clear();
    request("GET", "/api/v1/visits?from=" + from + "&to=" + to, nullptr, [this, from](const HttpResponse& r) {
        ExhibitionState& S = s_.exhibition;
        if (S.from != from) return;   // another fortnight chosen meanwhile
        S.loading = false;
        std::string parse_error;
        auto board = r.status == 200 ? wire::read_reply<wire::VisitBoard>(r.body, &parse_error) : std::nullopt;
        if (!board) {
            S.error = "展厅安排加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.board = std::move(board);
        // The day listed: kept while it is in the range, else the first day with a slot (or the first day).
        bool kept = false;
        for (const auto& s : S.board->slots) kept = kept || s.day == S.day;
        if (!kept) S.day = S.board->slots.empty() ? S.board->from : S.board->slots.front().day;
    });
    if (E.open_day != 0) load_open_day(E.open_day);
}

void App::load_open_day(std::int64_t id) {
    request("GET", "/api/v1/visits/open-days/" + std::to_string(id), nullptr, [this, id](const HttpResponse& r) {
        ExhibitionState& S = s_.exhibition;
        if (S.open_day != id) return;
        std::string parse_error;
        S.open_day_detail = r.status == 200 ? wire::read_reply<wire::OpenDayDetail>(r.body, &parse_error) : std::nullopt;
        if (!S.open_day_detail) S.action_error = "开放日报名名单加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
    });
}

void App::apply_exhibition(const ExhibitionIntent& intent) {
    ExhibitionState& E = s_.exhibition;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ReloadExhibition>) {
                load_exhibition();
            } else if constexpr (std::is_same_v<T, ShiftExhibitionWeek>) {
                const auto first = parse_date(E.from).value_or(s_.today);
                E.from = format_date(add_days(first, 7 * i.weeks));
                E.board.reset();
                load_exhibition();
            } else if constexpr (std::is_same_v<T, SelectExhibitionDay>) {
                E.day = i.day;
            } else if constexpr (std::is_same_v<T, StartDecline>) {
                E.declining = i.booking;
                E.action_error.clear();
            } else if constexpr (std::is_same_v<T, EditDeclineReason>) {
                E.reasons[i.booking] = i.reason;
            } else if constexpr (std::is_same_v<T, DecideBooking>) {
                if (E.acting) return;
                const std::string path = "/api/v1/visits/bookings/" + std::to_string(i.booking) + (i.approve ? "/approve" : "/decline");
                const json body = i.approve ? json::object() : json{{"reason", E.reasons[i.booking]}};
                E.acting = true;
                E.action_error.clear();
                E.action_notice.clear();
                const bool approve = i.approve;
                const std::int64_t id = i.booking;
                request("POST", path, &body, [this, approve, id](const HttpResponse& r) {
                    ExhibitionState& S = s_.exhibition;
                    S.acting = false;
                    auto view = r.status == 200 ? wire::read_reply<wire::VisitBookingView>(r.body) : std::nullopt;
                    if (!view) {
                        S.action_error = (approve ? "批准失败：" : "未批准登记失败：") + error_message_zh(r);
                        return;
                    }
                    S.action_notice = "预约 " + view->code + "（" + view->organisation + "）已" + (approve ? "批准" : "登记为未批准");
                    if (S.declining == id) S.declining = 0;
                    S.reasons.erase(id);
                    load_exhibition();
                });
            } else if constexpr (std::is_same_v<T, SelectOpenDay>) {
                E.open_day = i.id;
                E.open_day_detail.reset();
                if (i.id != 0) load_open_day(i.id);
            } else if constexpr (std::is_same_v<T, EditCheckInCode>) {
                E.code = i.code;
                E.check_in_error.clear();
                E.checked_in.reset();
            } else if constexpr (std::is_same_v<T, SubmitCheckIn>) {
                if (E.checking_in || E.code.empty()) return;
                const json body = {{"code", E.code}};
                E.checking_in = true;
                E.check_in_error.clear();
                E.checked_in.reset();
                request("POST", "/api/v1/visits/check-in", &body, [this](const HttpResponse& r) {
                    ExhibitionState& S = s_.exhibition;
                    S.checking_in = false;
                    S.checked_in = r.status == 200 ? wire::read_reply<wire::CheckInReply>(r.body) : std::nullopt;
                    if (!S.checked_in) {
                        S.check_in_error = error_message_zh(r);
                        return;
                    }
                    S.code.clear();
                    if (s_.screen == Screen::Exhibition) load_exhibition();   // the reception moves on the board
                });
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const ExhibitionState& s) {
    json j = {{"from", s.from},           {"loading", s.loading},           {"error", s.error},
              {"day", s.day},             {"declining", s.declining},       {"acting", s.acting},
              {"action_error", s.action_error}, {"action_notice", s.action_notice}, {"open_day", s.open_day},
              {"code", s.code},           {"checking_in", s.checking_in},   {"check_in_error", s.check_in_error}};
    j["board"] = s.board ? json(*s.board) : json();
    j["open_day_detail"] = s.open_day_detail ? json(*s.open_day_detail) : json();
    j["checked_in"] = s.checked_in ? json(*s.checked_in) : json();
    return j;
}

}  // namespace yiyang::client
