// The exhibition-hall kiosk's playlist (issue 12, kiosk-ui): which panels the kiosk shows, in which order, how many
// seconds each, how long a touch pauses the rotation and how often the figures are fetched again. Rule data: kind
// kiosk_playlist (assets/rules/kiosk-playlist.json), versioned with an effective date like every rule.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace yiyang::kiosk {

// The panel codes a playlist may name (the kiosk screen draws each): figures 今日与本月, elders 服务对象,
// providers 服务商与服务点, map 服务地图, policies 政策, visits 展厅日程.
const std::vector<std::string>& panel_codes();
// The Chinese name of a panel ("" for an unknown code).
const char* panel_label_zh(std::string_view code);

struct PlaylistPanel {
    std::string code;
    std::int64_t seconds = 15;          // shown this long before the next panel (3..600)
    friend bool operator==(const PlaylistPanel&, const PlaylistPanel&) = default;
};

struct Playlist {
    std::string version;
    std::vector<PlaylistPanel> panels;  // 1..12, codes from panel_codes(), each at most once
    std::int64_t resume_after_seconds = 60;   // a touch pauses the rotation this long (5..3600)
    std::int64_t refresh_seconds = 30;        // the figures are fetched again this often (5..3600)
    friend bool operator==(const Playlist&, const Playlist&) = default;
};
// Body: {"version", "effective_from", "comment", "panels": [{"code","seconds"}], "resume_after_seconds",
// "refresh_seconds"}. Throws std::invalid_argument naming the field (panels[2].seconds …).
void from_json(const nlohmann::json& j, Playlist& p);
void to_json(nlohmann::json& j, const Playlist& p);

// Which panel is shown `elapsed_ms` after panel `start` began, rotating by each panel's seconds (the rotation the
// kiosk runs; pure so the dashboard's app layer and the tests share it). Empty playlist: 0.
struct RotationPoint {
    std::size_t index = 0;
    double remaining_ms = 0;            // until the next change
};
RotationPoint rotate(const Playlist& p, std::size_t start, double elapsed_ms);

}  // namespace yiyang::kiosk

namespace yiyang {
// The rule kind's code (rule_registry.hpp's RuleKindOf; specialised here so that the widely included registry header
// stays as it is: only the files that use the playlist see it).
template <class T> struct RuleKindOf;
template <> struct RuleKindOf<kiosk::Playlist> { static constexpr const char* code = "kiosk_playlist"; };
}  // namespace yiyang
