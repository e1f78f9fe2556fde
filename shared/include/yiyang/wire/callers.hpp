// Wire format of GET /api/v1/callers/by-name: the short list of elders whose name contains what the agent typed
// on 新来电 (shared caller_match.hpp builds each entry). Picking one is GET /api/v1/callers/lookup?elder=ID.
#pragma once
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct CallerCandidate {
    Id elder_id = 0;
    std::string name;                 // as the role sees it
    std::string phone;                // always masked: 138****5678
    Id town_id = 0;
    std::string town_name;
    std::string age_band;             // "80–84岁"
    std::string status;               // elder status code
    std::string status_name;
    bool operator==(const CallerCandidate&) const = default;
};
struct CallerNamesReply {
    std::string q;                    // the name fragment answered
    std::vector<CallerCandidate> candidates;   // at most kCallerNameMatches, by name then id
    bool more = false;                // more matched than listed: type more of the name
    bool operator==(const CallerNamesReply&) const = default;
};

void to_json(json& j, const CallerCandidate& v);
void from_json(const json& j, CallerCandidate& v);
void to_json(json& j, const CallerNamesReply& v);
void from_json(const json& j, CallerNamesReply& v);

}  // namespace yiyang::wire
