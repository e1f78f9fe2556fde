// Kiosk mode (issue 12, kiosk-ui): the dashboard signed in with the `kiosk` role shows only this — full screen, no
// navigation — rotating through the playlist's panels (rule kind kiosk_playlist, delivered inside the figures
// reply) with the public figures of GET /api/v1/public/figures (wire/public_figures.hpp), polled every
// refresh_seconds. A touch pauses the rotation for resume_after_seconds; a swipe goes to the next / previous panel.
// When a poll fails the last figures stay with 数据更新于 HH:MM and a quiet 网络中断 mark; the next good reply clears
// it (app/kiosk.cpp). Screen: ui/kiosk.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/kiosk_playlist.hpp"
#include "yiyang/wire/coverage.hpp"
#include "yiyang/wire/public_figures.hpp"
#include "yiyang/wire/visits.hpp"

namespace yiyang::client {

struct KioskState {
    std::optional<wire::PublicFiguresReply> figures;   // the last good reply (kept while offline)
    kiosk::Playlist playlist;        // the panels of the reply's playlist (the seed's order until the first reply)
    std::size_t index = 0;           // the panel shown
    double shown_since_ms = 0;       // performance.now() when it was shown (or the rotation resumed)
    bool paused = false;             // a touch paused the rotation
    double touched_ms = 0;           // the last touch
    double clock_ms = 0;             // performance.now() of the last tick
    std::string updated_at;          // "HH:MM" (China Standard Time) of the last good reply
    bool offline = false;            // the last poll got no good reply (network, server down, 5xx)
    bool session_lost = false;       // the server no longer knows this kiosk's session (401)
    std::string error;               // why offline, for the test hook (never shown in full to the public)
    std::uint64_t polls = 0, replies = 0, rotations = 0;
    std::int64_t open_article = 0;   // 政策: the article whose chip was tapped (0: the first)
    // 服务地图: the 15-minute circle of any category (GET /api/v1/coverage?category=any, the map part's reply: counts
    // suppressed by the server, no elder's position), fetched when the playlist has the panel, again every tenth poll.
    std::optional<wire::CoverageReply> coverage;
    // 展厅日程: today's and the coming week's visits and open days (GET /api/v1/public/exhibition/schedule, the visits
    // part's: organisations and counts, no person), fetched with the figures when the playlist has the panel.
    std::optional<wire::ExhibitionSchedule> schedule;
    // 参观签到: a visitor types the booking or registration code on the chip pad (ui/check_in.hpp, the visits part's)
    // and the kiosk checks it in (POST /api/v1/visits/check-in; the reply names the group and its size, no person).
    std::string checkin_code;
    bool checking_in = false;
    std::optional<wire::CheckInReply> checked_in;
    std::string checkin_error;
};

// Intents of the kiosk screen (touch only: no text entry).
struct KioskTouch {};                      // any touch on the screen: pause (and restart the idle time)
struct KioskStep { int delta = 1; };       // swipe left (+1, next) / right (−1, previous), or a page dot's step
struct KioskShowPanel { std::size_t index = 0; };   // a page dot tapped
struct KioskOpenArticle { std::int64_t id = 0; };   // 政策: a chip tapped
struct KioskEditCode { std::string code; };         // 参观签到: the code after a chip, 删除 or 清空
struct KioskSubmitCheckIn {};                        // 参观签到: 签到 pressed
using KioskIntent = std::variant<KioskTouch, KioskStep, KioskShowPanel, KioskOpenArticle, KioskEditCode, KioskSubmitCheckIn>;

// The seed playlist the kiosk rotates before the first reply arrives (the same as assets/rules/kiosk-playlist.json).
kiosk::Playlist default_kiosk_playlist();
nlohmann::json test_state_of(const KioskState& s);

}  // namespace yiyang::client
