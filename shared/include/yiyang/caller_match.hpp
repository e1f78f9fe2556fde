// Finding a caller by name on 新来电 (issue 9): what a name query must look like and the short-list entry that
// tells namesakes apart (name, masked phone, town, age band) without showing more than the role may see.
// Used by the server's GET /api/v1/callers/by-name and by the dashboard's checks as the agent types.
#pragma once
#include <string>
#include <string_view>

#include "yiyang/access.hpp"
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

inline constexpr std::size_t kCallerNameMinChars = 2;
inline constexpr std::size_t kCallerNameMaxChars = 20;
inline constexpr int kCallerNameMatches = 8;   // a short list; more means "type more of the name"

struct CallerNameCheck {
    bool ok = false;
    std::string message_zh;   // why not, naming what to type instead
};
// 2..20 characters of a name, no digits or Latin letters: a name search never reaches into phones or ID
// numbers (a fragment of a masked number would give its hidden digits back one query at a time).
CallerNameCheck check_caller_name(std::string_view text);

// "80–84岁" (five-year bands; "100岁以上"); "" when the age is unknown. Coarser than the age on purpose: enough
// to tell namesakes apart, not enough to narrow down a birth date.
std::string age_band_zh(int age);

// One entry of the short list, built from the stored (unredacted) elder: the name as the role sees it, the
// phone always masked (138****5678 — the caller can confirm the last four digits), never the ID number.
struct CallerCandidateFields {
    Id elder_id = 0;
    std::string name, phone, age_band;
    ElderStatus status = ElderStatus::Active;
};
CallerCandidateFields caller_candidate(const Elder& stored, const ElderFieldPolicy& policy, const Date& today);

}  // namespace yiyang
