// 服务地图 (service_map_state.hpp): GET /api/v1/coverage for the chosen circle, the map's view as the widget hands it
// back, a town row centring the map on it. No figure is computed here: the reply comes from the server's shared code.
#include <cmath>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "yiyang/coverage.hpp"

namespace yiyang::client {

using nlohmann::json;

std::string coverage_path(const std::string& category) {
    return "/api/v1/coverage?category=" + url_encode(category.empty() ? std::string("any") : category);
}

void App::enter_service_map() {
    if (!role_has_screen(s_, Screen::ServiceMap)) return;
    ServiceMapState& M = s_.service_map;
    if (!M.reply || M.reply_category != M.category) load_service_map();
}

void App::load_service_map() {
    ServiceMapState& M = s_.service_map;
    const std::string category = M.category;
    const std::string path = coverage_path(category);
    s_.list_paths["coverage"] = path;                       // 导出 / 打印: the same circle (ui/table_tools)
    M.loading = true;
    const std::uint64_t seq = ++service_map_seq_;
    changed_ = true;
    request("GET", path, nullptr, [this, seq, category](const HttpResponse& r) {
        if (seq != service_map_seq_) return;               // a newer choice is under way
        ServiceMapState& S = s_.service_map;
        S.loading = false;
        std::string err;
        auto reply = r.status == 200 ? wire::read_reply<wire::CoverageReply>(r.body, &err) : std::nullopt;
        if (!reply) {
            S.error = r.status == 200 ? "服务地图的回复无法识别（" + err + "）" : error_message_zh(r);
            set_status(StatusKind::Error, "服务地图加载失败：" + S.error);
            return;
        }
        S.error.clear();
        const bool first = !S.reply;
        S.reply = std::move(*reply);
        S.reply_category = category;
        ++S.loads;
        // A town user sees the map fitted to their own town first (highlighted by the widget).
        if (first && s_.user && s_.user->role == Role::Town && s_.user->town_id) {
            S.view.fit_town = *s_.user->town_id;
            S.focused_town = *s_.user->town_id;
        }
        // The chosen point may not offer the new category: its circle goes.
        if (S.chosen_point != 0) {
            bool still = false;
            for (const auto& p : S.reply->service_points) still = still || p.id == S.chosen_point;
            if (!still) S.chosen_point = 0;
        }
    });
}

void App::apply_service_map(const ServiceMapIntent& intent) {
    changed_ = true;
    ServiceMapState& M = s_.service_map;
    std::visit(
        [this, &M](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ServiceMapChoose>) {
                if (i.category == M.category && M.reply_category == M.category) return;
                M.category = i.category;
                load_service_map();
            } else if constexpr (std::is_same_v<T, ServiceMapSetView>) {
                M.view = i.view;
            } else if constexpr (std::is_same_v<T, ServiceMapFocusTown>) {
                M.focused_town = i.town;
                M.view.fit_town = i.town;                  // the widget fits the town's region on its next frame
            } else if constexpr (std::is_same_v<T, ServiceMapChoosePoint>) {
                M.chosen_point = i.point;
            } else if constexpr (std::is_same_v<T, ServiceMapReload>) {
                load_service_map();
            }
        },
        intent);
}

json test_state_of(const ServiceMapState& s) {
    json towns = json::array();
    json out = {{"category", s.category}, {"loaded", s.reply.has_value()}, {"loading", s.loading},
                {"error", s.error}, {"loads", s.loads}, {"chosen_point", s.chosen_point},
                {"focused_town", s.focused_town},
                {"view", {{"centre_x_m", s.view.centre_x_m}, {"centre_y_m", s.view.centre_y_m},
                          {"metres_per_px", s.view.metres_per_px}, {"fit_town", s.view.fit_town}}}};
    if (s.reply) {
        const auto plane = coverage::plane_around(s.reply->grid_origin.lat_e6, s.reply->grid_origin.lon_e6);
        for (const auto& t : s.reply->towns) {
            const auto xy = plane.project(t.centre);
            towns.push_back({{"town", t.town}, {"name", t.name}, {"elders", t.elders.text}, {"rate", t.rate.text},
                             {"x_m", static_cast<double>(xy.x_mm) / 1000.0}, {"y_m", static_cast<double>(xy.y_mm) / 1000.0}});
        }
        out["reply_category"] = s.reply_category;
        out["points"] = s.reply->service_points.size();
        out["cells"] = s.reply->cells.size();
        out["rate"] = s.reply->rate.text;
        out["suggestion"] = s.reply->suggestion ? s.reply->suggestion->newly_covered.text : std::string();
        out["note"] = s.reply->schematic_note;
    }
    out["towns"] = towns;
    return out;
}

}  // namespace yiyang::client
