// Dispatch ranking (派单推荐): which providers can take an order and in what order, each with the reasons the
// dispatch screen shows. Integer points only, weights as data (assets/rules/dispatch-weights.json), deterministic.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/records.hpp"

namespace yiyang {

// score = category + distance + load + rating, all integers:
//   category = per_category × (requested categories the provider offers)
//   distance = distance_max_points × (distance_zero_m − d) / distance_zero_m, floored, never below 0
//              (d = metres from the provider's nearest service point to the elder's home; no point = 0 points)
//   load     = −min(load_penalty_per_order × open orders, load_penalty_cap)
//   rating   = rating_max_points × rating_permille / 1000, floored
struct DispatchWeights {
    std::string version = "default";
    int per_category = 100;
    int distance_max_points = 300;
    std::int64_t distance_zero_m = 10000;
    int load_penalty_per_order = 20;
    int load_penalty_cap = 200;
    int rating_max_points = 200;
    // An order dispatched and not accepted within this many seconds (wall clock) is escalated (升级) to the
    // supervisors by the server's sweep: "an order nobody accepts escalates".
    std::int64_t accept_within_s = 4 * 3600;
};

// Has this dispatched order waited longer than the acceptance window with nobody accepting it? Only a
// dispatched order counts (accepted, declined back to received, or already escalated ones do not).
bool acceptance_overdue(const WorkOrder& order, LocalSeconds now, const DispatchWeights& w);

struct CandidateScore {
    int category = 0;
    int distance = 0;
    int load = 0;      // <= 0
    int rating = 0;
    int total() const { return category + distance + load + rating; }
};

struct Candidate {
    Id provider_id = 0;
    std::string provider_name;
    bool eligible = false;
    std::string ineligible_reason_zh;           // every reason, joined with "；" (empty when eligible)
    int rank = 0;                               // 1.. among the eligible; 0 when ineligible
    int score = 0;                              // parts.total() (0 when ineligible)
    CandidateScore parts;
    int matched_categories = 0;
    std::vector<ServiceCategory> missing_categories;   // requested but not offered
    std::optional<Id> nearest_point_id;
    std::string nearest_point_name;
    std::optional<std::int64_t> nearest_distance_m;
    int open_load = 0;
    int rating_permille = 0;
    std::string reasons_zh;   // 覆盖石岐街道；类别匹配 2/2；最近网点 1.2 公里（悦来站）；在办 3 单；评分 86.2
};

// Why this provider may not take this order (nullopt = it may): removed (清退) or warned (预警) providers are
// never dispatched to; none of the requested categories offered; the order's town not covered.
// Several reasons are joined with "；". An order with no categories asks for none (category not checked).
std::optional<std::string> ineligibility_zh(const WorkOrder& order, const Provider& provider,
                                            const std::map<Id, std::string>& town_names = {});

// Every provider once: the eligible ones first (score descending, ties by provider id ascending), then the
// ineligible ones (by provider id) with their reasons. open_load: provider id → orders open now (absent = 0).
// town_names: for the reasons text ("覆盖石岐街道"); a missing name shows as 镇街#id.
std::vector<Candidate> rank_candidates(const WorkOrder& order, const GeoPoint& elder_home,
                                       const std::vector<Provider>& providers, const std::map<Id, int>& open_load,
                                       const DispatchWeights& w, const std::map<Id, std::string>& town_names = {});

// "850 米", "1.2 公里" (tenths of a kilometre, half up).
std::string format_distance_zh(std::int64_t metres);

// {"version": "dispatch-2026-v1", "per_category": 100, "distance_max_points": 300, "distance_zero_m": 10000,
//  "load_penalty_per_order": 20, "load_penalty_cap": 200, "rating_max_points": 200, "comment": "..."}
// Missing weights keep their defaults; unknown fields and negative or non-integer values throw
// std::invalid_argument naming the field: dispatch weights "x": field "per_category" must be a whole number >= 0.
void from_json(const nlohmann::json& j, DispatchWeights& w);
void to_json(nlohmann::json& j, const DispatchWeights& w);
void to_json(nlohmann::json& j, const Candidate& c);

}  // namespace yiyang
