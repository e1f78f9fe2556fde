// Dispatch ranking (see dispatch.hpp): eligibility with Chinese reasons, integer scoring from the weights,
// nearest service point by distance_m, and a total order (score, then provider id) so both builds agree.
#include "yiyang/dispatch.hpp"

#include <algorithm>
#include <stdexcept>

#include "rule_text.hpp"

namespace yiyang {

namespace {

using nlohmann::json;

std::string town_name(Id id, const std::map<Id, std::string>& names) {
    auto it = names.find(id);
    return it != names.end() ? it->second : "镇街#" + std::to_string(id);
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string rating_text(int permille) {
    return std::to_string(permille / 10) + "." + std::to_string(permille % 10);
}

// Messages in Chinese (they reach administrators on 规则管理), locations as JSON paths (rule_text.hpp).
using rule_text::field, rule_text::json_kind_zh, rule_text::located, rule_text::in_quotes, rule_text::unknown,
    rule_text::wrong_kind;

// `派单权重 "v1"：…`, or `派单权重：…` before the version is read.
[[noreturn]] void fail(const std::string& version, const std::string& what) {
    throw std::invalid_argument(located("派单权重", version.empty() ? std::string() : in_quotes(version), what));
}

std::int64_t read_weight(const json& j, const std::string& version, const char* key) {
    const json& v = j.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 1000000) {
        fail(version, field(key) + " 应为 0 到 1000000 之间的整数，实际为 " + v.dump());
    }
    return v.get<std::int64_t>();
}

}  // namespace

std::string format_distance_zh(std::int64_t metres) {
    if (metres < 1000) return std::to_string(metres) + " 米";
    const std::int64_t tenths = (metres + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " 公里";
}

std::optional<std::string> ineligibility_zh(const WorkOrder& order, const Provider& provider,
                                            const std::map<Id, std::string>& town_names) {
    std::vector<std::string> why;
    if (provider.status == ProviderStatus::Removed) why.push_back("已清退，不再派单");
    if (provider.status == ProviderStatus::Warned) why.push_back("预警中，暂停派单");
    if (!order.categories.empty()) {
        const bool any = std::any_of(order.categories.begin(), order.categories.end(),
                                     [&](ServiceCategory c) { return provider.categories.count(c) != 0; });
        if (!any) {
            std::vector<std::string> names;
            for (ServiceCategory c : order.categories) names.emplace_back(label_zh(c));
            why.push_back("不提供" + join(names, "、") + "服务");
        }
    }
    if (provider.towns_covered.count(order.town_id) == 0) why.push_back("不覆盖" + town_name(order.town_id, town_names));
    if (why.empty()) return std::nullopt;
    return join(why, "；");
}

std::vector<Candidate> rank_candidates(const WorkOrder& order, const GeoPoint& elder_home,
                                       const std::vector<Provider>& providers, const std::map<Id, int>& open_load,
                                       const DispatchWeights& w, const std::map<Id, std::string>& town_names) {
    std::vector<Candidate> eligible;
    std::vector<Candidate> excluded;
    for (const Provider& p : providers) {
        Candidate c;
        c.provider_id = p.id;
        c.provider_name = p.name;
        c.rating_permille = p.rating_permille;
        auto load = open_load.find(p.id);
        c.open_load = load != open_load.end() ? load->second : 0;
        for (ServiceCategory cat : order.categories) {
            if (p.categories.count(cat) != 0) {
                ++c.matched_categories;
            } else {
                c.missing_categories.push_back(cat);
            }
        }
        // Nearest service point; equal distances go to the lower point id.
        for (const ServicePoint& sp : p.points) {
            const std::int64_t d = distance_m(sp.location, elder_home);
            if (!c.nearest_distance_m || d < *c.nearest_distance_m ||
                (d == *c.nearest_distance_m && sp.id < *c.nearest_point_id)) {
                c.nearest_distance_m = d;
                c.nearest_point_id = sp.id;
                c.nearest_point_name = sp.name;
            }
        }

        if (auto why = ineligibility_zh(order, p, town_names)) {
            c.eligible = false;
            c.ineligible_reason_zh = *why;
            c.reasons_zh = *why;
            excluded.push_back(std::move(c));
            continue;
        }
        c.eligible = true;
        c.parts.category = w.per_category * c.matched_categories;
        if (c.nearest_distance_m && w.distance_zero_m > 0 && *c.nearest_distance_m < w.distance_zero_m) {
            c.parts.distance = static_cast<int>(std::int64_t{w.distance_max_points} *
                                                (w.distance_zero_m - *c.nearest_distance_m) / w.distance_zero_m);
        }
        c.parts.load = -static_cast<int>(std::min<std::int64_t>(std::int64_t{w.load_penalty_per_order} *
                                                                    std::max(c.open_load, 0),
                                                                w.load_penalty_cap));
        c.parts.rating = static_cast<int>(std::int64_t{w.rating_max_points} * std::clamp(p.rating_permille, 0, 1000) /
                                          1000);
        c.score = c.parts.total();

        std::vector<std::string> reasons{"覆盖" + town_name(order.town_id, town_names)};
        if (!order.categories.empty()) {
            std::string cat = "类别匹配 " + std::to_string(c.matched_categories) + "/" +
                              std::to_string(order.categories.size());
            if (!c.missing_categories.empty()) {
                std::vector<std::string> names;
                for (ServiceCategory m : c.missing_categories) names.emplace_back(label_zh(m));
                cat += "（缺" + join(names, "、") + "）";
            }
            reasons.push_back(cat);
        }
        if (c.nearest_distance_m) {
            reasons.push_back("最近网点 " + format_distance_zh(*c.nearest_distance_m) + "（" + c.nearest_point_name + "）");
        } else {
            reasons.push_back("无服务网点");
        }
        reasons.push_back("在办 " + std::to_string(c.open_load) + " 单");
        reasons.push_back("评分 " + rating_text(p.rating_permille));
        c.reasons_zh = join(reasons, "；");
        eligible.push_back(std::move(c));
    }

    std::sort(eligible.begin(), eligible.end(), [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score > b.score : a.provider_id < b.provider_id;
    });
    std::sort(excluded.begin(), excluded.end(),
              [](const Candidate& a, const Candidate& b) { return a.provider_id < b.provider_id; });
    for (std::size_t i = 0; i < eligible.size(); ++i) eligible[i].rank = static_cast<int>(i + 1);
    eligible.insert(eligible.end(), std::make_move_iterator(excluded.begin()), std::make_move_iterator(excluded.end()));
    return eligible;
}

bool acceptance_overdue(const WorkOrder& o, LocalSeconds now, const DispatchWeights& w) {
    return o.status == OrderStatus::Dispatched && o.dispatched_at && now - *o.dispatched_at >= w.accept_within_s;
}

void from_json(const nlohmann::json& j, DispatchWeights& w) {
    if (!j.is_object()) fail("", std::string("规则内容应为 JSON 对象，实际为") + json_kind_zh(j));
    DispatchWeights out;
    if (j.contains("version")) {
        if (!j.at("version").is_string()) fail("", wrong_kind("version", "文本", j.at("version")));
        if (j.at("version").get<std::string>().empty()) fail("", field("version") + " 不能为空");
        out.version = j.at("version").get<std::string>();
    }
    for (const auto& item : j.items()) {
        static const char* const known[] = {"version",         "comment",           "per_category",
                                            "distance_max_points", "distance_zero_m", "load_penalty_per_order",
                                            "load_penalty_cap", "rating_max_points", "accept_within_seconds",
                                            "effective_from"};
        if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return item.key() == k; })) {
            fail(out.version, unknown(item.key()));
        }
    }
    if (j.contains("comment") && !j.at("comment").is_string()) {
        fail(out.version, wrong_kind("comment", "文本", j.at("comment")));
    }
    if (j.contains("per_category")) out.per_category = static_cast<int>(read_weight(j, out.version, "per_category"));
    if (j.contains("distance_max_points")) {
        out.distance_max_points = static_cast<int>(read_weight(j, out.version, "distance_max_points"));
    }
    if (j.contains("distance_zero_m")) {
        out.distance_zero_m = read_weight(j, out.version, "distance_zero_m");
        if (out.distance_zero_m == 0) fail(out.version, field("distance_zero_m") + " 应大于 0，实际为 0");
    }
    if (j.contains("load_penalty_per_order")) {
        out.load_penalty_per_order = static_cast<int>(read_weight(j, out.version, "load_penalty_per_order"));
    }
    if (j.contains("load_penalty_cap")) out.load_penalty_cap = static_cast<int>(read_weight(j, out.version, "load_penalty_cap"));
    if (j.contains("rating_max_points")) {
        out.rating_max_points = static_cast<int>(read_weight(j, out.version, "rating_max_points"));
    }
    if (j.contains("accept_within_seconds")) {
        out.accept_within_s = read_weight(j, out.version, "accept_within_seconds");
        if (out.accept_within_s < 60) {
            fail(out.version, field("accept_within_seconds") + " 应不少于 60（秒），实际为 " + std::to_string(out.accept_within_s));
        }
    }
    if (j.contains("effective_from") && (!j.at("effective_from").is_string() ||
                                         !parse_date(j.at("effective_from").get<std::string>()))) {
        fail(out.version, field("effective_from") + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + j.at("effective_from").dump());
    }
    w = std::move(out);
}

void to_json(nlohmann::json& j, const DispatchWeights& w) {
    j = json{{"version", w.version},
             {"per_category", w.per_category},
             {"distance_max_points", w.distance_max_points},
             {"distance_zero_m", w.distance_zero_m},
             {"load_penalty_per_order", w.load_penalty_per_order},
             {"load_penalty_cap", w.load_penalty_cap},
             {"rating_max_points", w.rating_max_points},
             {"accept_within_seconds", w.accept_within_s}};
}

void to_json(nlohmann::json& j, const Candidate& c) {
    j = json{{"provider_id", c.provider_id},
             {"provider_name", c.provider_name},
             {"eligible", c.eligible},
             {"ineligible_reason", c.ineligible_reason_zh},
             {"rank", c.rank},
             {"score", c.score},
             {"parts",
              {{"category", c.parts.category},
               {"distance", c.parts.distance},
               {"load", c.parts.load},
               {"rating", c.parts.rating}}},
             {"matched_categories", c.matched_categories},
             {"missing_categories", c.missing_categories},
             {"nearest_point_id", c.nearest_point_id ? json(*c.nearest_point_id) : json(nullptr)},
             {"nearest_point_name", c.nearest_point_name},
             {"nearest_distance_m", c.nearest_distance_m ? json(*c.nearest_distance_m) : json(nullptr)},
             {"open_load", c.open_load},
             {"rating_permille", c.rating_permille},
             {"reasons", c.reasons_zh}};
}

}  // namespace yiyang
