// 展厅大屏, the kiosk mode (kiosk_state.hpp): polling the public figures, the playlist's rotation, pausing on a
// touch and resuming after the rule's idle time, keeping the last figures while the server cannot be reached, and
// getting back by itself. The rotation's arithmetic is shared (kiosk_playlist.hpp rotate).
#include <algorithm>

#include "app/app.hpp"
#include "platform/http.hpp"
#include "yiyang/date.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {
constexpr double kRetryMs = 5000;     // offline: try again this often (the rule's refresh may be minutes)
}  // namespace

kiosk::Playlist default_kiosk_playlist() {
    kiosk::Playlist p;
    p.version = "";
    p.panels = {{"figures", 20}, {"elders", 15}, {"providers", 15}, {"map", 20}, {"policies", 20}, {"visits", 15}, {"checkin", 20}};
    return p;
}

void App::enter_kiosk() {
    s_.screen = Screen::Kiosk;
    KioskState& K = s_.kiosk;
    if (K.playlist.panels.empty()) K.playlist = default_kiosk_playlist();
    K.index = std::min(K.index, K.playlist.panels.size() - 1);
    K.shown_since_ms = K.clock_ms;
    K.session_lost = false;
    kiosk_next_poll_ms_ = 0;             // at once
    changed_ = true;
}

void App::kiosk_tick(double now_ms, LocalSeconds now_local) {
    KioskState& K = s_.kiosk;
    K.clock_ms = now_ms;
    kiosk_now_local_ = now_local;
    if (s_.screen != Screen::Kiosk) return;
    if (!kiosk_inflight_ && now_ms >= kiosk_next_poll_ms_) kiosk_poll();
    if (K.playlist.panels.empty()) return;
    if (K.paused) {
        const double idle_ms = static_cast<double>(K.playlist.resume_after_seconds) * 1000.0;
        if (now_ms - K.touched_ms < idle_ms) return;
        K.paused = false;                // untouched long enough: rotate again, the panel shown gets its full time
        K.shown_since_ms = now_ms;
        changed_ = true;
        return;
    }
    const auto at = kiosk::rotate(K.playlist, K.index, now_ms - K.shown_since_ms);
    if (at.index != K.index) {
        K.index = at.index;
        K.shown_since_ms = now_ms;
        ++K.rotations;
        changed_ = true;
    }
}

void App::kiosk_poll() {
    kiosk_inflight_ = true;
    ++s_.kiosk.polls;
    const std::uint64_t epoch = session_epoch_;
    bool wants_map = false, wants_visits = false;
    for (const auto& p : s_.kiosk.playlist.panels) {
        wants_map = wants_map || p.code == "map";
        wants_visits = wants_visits || p.code == "visits";
    }
    if (wants_visits) {
        http_request_quiet("GET", "/api/v1/public/exhibition/schedule", nullptr, [this, epoch](const HttpResponse& r) {
            if (epoch != session_epoch_ || r.status != 200) return;
            if (auto reply = wire::read_reply<wire::ExhibitionSchedule>(r.body, nullptr)) {
                s_.kiosk.schedule = std::move(*reply);
                changed_ = true;
            }
        });
    }
    if (wants_map && (!s_.kiosk.coverage || s_.kiosk.polls % 10 == 0)) {
        // The circle changes with the elders' homes and the points, not by the minute: every tenth poll is enough.
        // A failure keeps the last map (the figures' reply says whether the kiosk is offline).
        http_request_quiet("GET", "/api/v1/coverage?category=any", nullptr, [this, epoch](const HttpResponse& r) {
            if (epoch != session_epoch_ || r.status != 200) return;
            if (auto reply = wire::read_reply<wire::CoverageReply>(r.body, nullptr)) {
                s_.kiosk.coverage = std::move(*reply);
                changed_ = true;
            }
        });
    }
    // Not App::request: a 401 here is the kiosk's own business (kiosk_session_lost), and the poll is no "pending"
    // spinner on a public screen.
    http_request_quiet("GET", "/api/v1/public/figures", nullptr, [this, epoch](const HttpResponse& r) {
        kiosk_inflight_ = false;
        if (epoch != session_epoch_) return;
        KioskState& K = s_.kiosk;
        changed_ = true;
        const double refresh_ms =
            static_cast<double>(K.figures ? K.figures->refresh_seconds : default_kiosk_playlist().refresh_seconds) * 1000.0;
        if (r.status == 401) {
            kiosk_session_lost();
            kiosk_next_poll_ms_ = K.clock_ms + kRetryMs;
            return;
        }
        std::string why;
        auto reply = r.status == 200 ? wire::read_reply<wire::PublicFiguresReply>(r.body, &why) : std::nullopt;
        if (!reply) {
            K.offline = true;                       // the last figures stay; 网络中断 and the time they are from
            K.error = r.status == 0 ? "无法连接服务器" : "服务器返回 " + std::to_string(r.status) + (why.empty() ? "" : "：" + why);
            kiosk_next_poll_ms_ = K.clock_ms + std::min(refresh_ms, kRetryMs);
            return;
        }
        K.offline = false;
        K.session_lost = false;
        K.error.clear();
        ++K.replies;
        const std::string stamp = format_timestamp(kiosk_now_local_);   // 2026-12-06T12:34:56
        K.updated_at = stamp.substr(11, 5);
        // The playlist in force: a new version takes over from its first panel.
        kiosk::Playlist p;
        p.version = reply->playlist_version;
        for (const auto& panel : reply->playlist) p.panels.push_back({panel.code, panel.seconds});
        p.resume_after_seconds = reply->resume_after_seconds;
        p.refresh_seconds = reply->refresh_seconds;
        if (!p.panels.empty() && !(p == K.playlist)) {
            const bool same_panels = p.panels.size() == K.playlist.panels.size() &&
                                     std::equal(p.panels.begin(), p.panels.end(), K.playlist.panels.begin(),
                                                [](const auto& a, const auto& b) { return a.code == b.code; });
            if (!same_panels) {
                K.index = 0;
                K.shown_since_ms = K.clock_ms;
            }
            K.playlist = std::move(p);
        }
        kiosk_next_poll_ms_ = K.clock_ms + static_cast<double>(reply->refresh_seconds) * 1000.0;
        K.figures = std::move(*reply);
    });
}

void App::kiosk_session_lost() {
    if (kiosk_session_ended()) return;   // a device signed in by its token: the token again, or 本设备已停用
    KioskState& K = s_.kiosk;
    K.session_lost = true;
    K.offline = true;
    K.error = "会话已失效";
    changed_ = true;   // a kiosk user signed in by password: nothing to sign in with; the figures stay
}

void App::apply_kiosk(const KioskIntent& intent) {
    KioskState& K = s_.kiosk;
    const std::size_t n = K.playlist.panels.size();
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            (void)i;
            // Every touch pauses the rotation and restarts the idle time before it resumes.
            K.paused = true;
            K.touched_ms = K.clock_ms;
            if constexpr (std::is_same_v<T, KioskStep>) {
                if (n > 0) {
                    const auto step = static_cast<std::size_t>((i.delta % static_cast<int>(n) + static_cast<int>(n)) %
                                                               static_cast<int>(n));
                    K.index = (K.index + step) % n;
                    K.shown_since_ms = K.clock_ms;
                }
            } else if constexpr (std::is_same_v<T, KioskOpenArticle>) {
                K.open_article = i.id;
            } else if constexpr (std::is_same_v<T, KioskEditCode>) {
                K.checkin_code = i.code;
                K.checkin_error.clear();
                K.checked_in.reset();
            } else if constexpr (std::is_same_v<T, KioskSubmitCheckIn>) {
                if (K.checking_in || K.checkin_code.empty()) return;
                const json body = {{"code", K.checkin_code}};
                K.checking_in = true;
                K.checkin_error.clear();
                K.checked_in.reset();
                const std::uint64_t epoch = session_epoch_;
                http_request_quiet("POST", "/api/v1/visits/check-in", &body, [this, epoch](const HttpResponse& r) {
                    if (epoch != session_epoch_) return;
                    KioskState& S = s_.kiosk;
                    S.checking_in = false;
                    S.checked_in = r.status == 200 ? wire::read_reply<wire::CheckInReply>(r.body, nullptr) : std::nullopt;
                    if (S.checked_in) S.checkin_code.clear();
                    else S.checkin_error = r.status == 0 ? "暂时无法连接服务器，请稍后再试" : error_message_zh(r);
                    changed_ = true;
                });
            } else if constexpr (std::is_same_v<T, KioskShowPanel>) {
                if (i.index < n) {
                    K.index = i.index;
                    K.shown_since_ms = K.clock_ms;
                }
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const KioskState& s) {
    json panels = json::array();
    for (const auto& p : s.playlist.panels) panels.push_back(p.code);
    return {{"panel", s.playlist.panels.empty() ? "" : s.playlist.panels[s.index].code},
            {"index", s.index},
            {"panels", panels},
            {"playlist_version", s.playlist.version},
            {"paused", s.paused},
            {"offline", s.offline},
            {"session_lost", s.session_lost},
            {"updated_at", s.updated_at},
            {"as_of", s.figures ? s.figures->as_of : ""},
            {"has_figures", s.figures.has_value()},
            {"has_map", s.coverage.has_value()},
            {"checkin_code", s.checkin_code},
            {"checked_in", s.checked_in ? s.checked_in->message : ""},
            {"checkin_error", s.checkin_error},
            {"schedule_days", s.schedule ? s.schedule->days.size() : 0},
            {"error", s.error},
            {"polls", s.polls},
            {"replies", s.replies},
            {"rotations", s.rotations},
            {"open_article", s.open_article}};
}

}  // namespace yiyang::client
