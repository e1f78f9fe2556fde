// The kiosk playlist rule (kiosk_playlist.hpp): parsing with Chinese errors naming the field, and the rotation.
#include "yiyang/kiosk_playlist.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "rule_text.hpp"

namespace yiyang::kiosk {

using json = nlohmann::json;

namespace {
struct PanelName { const char* code; const char* label; };
constexpr PanelName kPanels[] = {
    {"figures", "今日与本月"}, {"elders", "服务对象"}, {"providers", "服务商与服务点"},
    {"map", "服务地图"},       {"policies", "政策"},     {"visits", "展厅日程"},
    {"checkin", "参观签到"},
};

std::int64_t int_in(const json& j, const std::string& where, const char* key, std::int64_t lo, std::int64_t hi,
                    std::int64_t fallback) {
    if (!j.contains(key)) return fallback;
    const auto& v = j.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        throw std::invalid_argument(where + "字段 \"" + key + "\" 应为 " + std::to_string(lo) + " 到 " +
                                    std::to_string(hi) + " 之间的整数，实际为 " + v.dump());
    return v.get<std::int64_t>();
}
}  // namespace

const std::vector<std::string>& panel_codes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        for (const auto& p : kPanels) out.emplace_back(p.code);
        return out;
    }();
    return codes;
}

const char* panel_label_zh(std::string_view code) {
    for (const auto& p : kPanels) {
        if (code == p.code) return p.label;
    }
    return "";
}

void from_json(const json& j, Playlist& p) {
    Playlist out;
    out.version = rule_text::envelope(j, "展厅大屏轮播规则", {"panels", "resume_after_seconds", "refresh_seconds"});
    if (!j.contains("panels")) throw std::invalid_argument("缺少字段 \"panels\"");
    const auto& panels = j.at("panels");
    if (!panels.is_array() || panels.empty() || panels.size() > 12)
        throw std::invalid_argument("字段 \"panels\" 应为 1 到 12 项的列表");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < panels.size(); ++i) {
        const auto& e = panels[i];
        const std::string where = "panels[" + std::to_string(i) + "] ";
        if (!e.is_object()) throw std::invalid_argument(where + "应为对象 {\"code\", \"seconds\"}");
        for (const auto& item : e.items()) {
            if (item.key() != "code" && item.key() != "seconds")
                throw std::invalid_argument(where + "字段 \"" + item.key() + "\" 不是轮播面板的字段");
        }
        if (!e.contains("code") || !e.at("code").is_string())
            throw std::invalid_argument(where + "缺少字段 \"code\"（文本）");
        PlaylistPanel panel;
        panel.code = e.at("code").get<std::string>();
        if (*panel_label_zh(panel.code) == '\0') {
            std::string list;
            for (const auto& c : panel_codes()) list += (list.empty() ? "" : "、") + c;
            throw std::invalid_argument(where + "字段 \"code\" 应为 " + list + " 之一，实际为 \"" + panel.code + "\"");
        }
        if (!seen.insert(panel.code).second)
            throw std::invalid_argument(where + "字段 \"code\" 重复：\"" + panel.code + "\" 已在列表中");
        panel.seconds = int_in(e, where, "seconds", 3, 600, 15);
        out.panels.push_back(std::move(panel));
    }
    out.resume_after_seconds = int_in(j, "", "resume_after_seconds", 5, 3600, 60);
    out.refresh_seconds = int_in(j, "", "refresh_seconds", 5, 3600, 30);
    p = std::move(out);
}

void to_json(json& j, const Playlist& p) {
    json panels = json::array();
    for (const auto& e : p.panels) panels.push_back({{"code", e.code}, {"seconds", e.seconds}});
    j = json{{"version", p.version}, {"panels", panels}, {"resume_after_seconds", p.resume_after_seconds},
             {"refresh_seconds", p.refresh_seconds}};
}

RotationPoint rotate(const Playlist& p, std::size_t start, double elapsed_ms) {
    if (p.panels.empty()) return {};
    std::size_t i = start % p.panels.size();
    double left = std::max(0.0, elapsed_ms);
    double cycle = 0;
    for (const auto& e : p.panels) cycle += static_cast<double>(e.seconds) * 1000.0;
    if (cycle > 0 && left >= cycle) left -= cycle * static_cast<double>(static_cast<std::int64_t>(left / cycle));
    for (;;) {
        const double len = static_cast<double>(p.panels[i].seconds) * 1000.0;
        if (left < len) return {i, len - left};
        left -= len;
        i = (i + 1) % p.panels.size();
    }
}

}  // namespace yiyang::kiosk
