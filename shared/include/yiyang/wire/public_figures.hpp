// Wire format of GET /api/v1/public/figures (issue 12, kiosk-ui): the aggregate figures the exhibition-hall kiosk
// shows, every count already through small-cell suppression (disclosure.hpp: a count of 1..4 is {"value": null,
// "text": "<5"}, no number), every rate through disclose_rate (hidden: "shown": false and no fraction), plus the
// kiosk playlist in force. Built by shared/public_figures.cpp, written by server/http/public_figures_routes.cpp,
// read by the dashboard's kiosk mode (client_wasm/app/kiosk.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/disclosure.hpp"
#include "yiyang/kiosk_playlist.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct PublicCountRow {              // one category, channel, type or town with its public count
    std::string code;                // enum code, or the town's id as text
    std::string label;               // Chinese label or town name
    disclosure::PublicCount count;
    friend bool operator==(const PublicCountRow&, const PublicCountRow&) = default;
};
struct KioskIndicator {                  // one indicator against its target (kpi.hpp), as the public may see it
    std::string code, name_zh;
    std::string target_text;         // "≥ 95%"
    bool shown = false;              // false: no data, or it would reveal a small cell
    std::string text;                // "96.4%" or "—"
    std::optional<bool> met;         // only when shown
    friend bool operator==(const KioskIndicator&, const KioskIndicator&) = default;
};
struct KioskArticle {               // a public knowledge-base article (政策, 补贴项目, 服务项目)
    std::int64_t id = 0;
    std::string kind, kind_label, title, summary;
    friend bool operator==(const KioskArticle&, const KioskArticle&) = default;
};
struct PublicPlaylistPanel {
    std::string code, label;
    std::int64_t seconds = 0;
    friend bool operator==(const PublicPlaylistPanel&, const PublicPlaylistPanel&) = default;
};
struct PublicFiguresReply {
    std::string as_of;               // "2026-12-06 12:34" (China Standard Time): when these figures were built
    std::string day;                 // "2026-12-06"
    std::string month_code, month_label;
    std::string disclosure_version;
    std::int64_t small_cell_min = 5;
    disclosure::PublicCount today_total, month_total;
    std::vector<PublicCountRow> today_by_channel, today_by_type, month_by_channel, month_by_type;
    std::vector<KioskIndicator> rates;   // response_rate, satisfaction, emergency_answer_rate (those with a target)
    disclosure::PublicCount elders_total;
    std::vector<PublicCountRow> elders_by_town, elders_by_category;
    disclosure::PublicCount providers_total, points_total;
    std::vector<PublicCountRow> providers_by_category, points_by_town, points_by_category;
    std::vector<KioskArticle> articles;
    std::string playlist_version;
    std::vector<PublicPlaylistPanel> playlist;
    std::int64_t resume_after_seconds = 60, refresh_seconds = 30;
    friend bool operator==(const PublicFiguresReply&, const PublicFiguresReply&) = default;
};
void to_json(json& j, const PublicCountRow& r);
void from_json(const json& j, PublicCountRow& r);
void to_json(json& j, const KioskIndicator& r);
void from_json(const json& j, KioskIndicator& r);
void to_json(json& j, const KioskArticle& r);
void from_json(const json& j, KioskArticle& r);
void to_json(json& j, const PublicPlaylistPanel& r);
void from_json(const json& j, PublicPlaylistPanel& r);
void to_json(json& j, const PublicFiguresReply& r);
void from_json(const json& j, PublicFiguresReply& r);

}  // namespace yiyang::wire
