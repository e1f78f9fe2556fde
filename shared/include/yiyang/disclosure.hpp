// What a kiosk or the public portal may show of a count: small-cell suppression (issue 12). A count of 1 to
// small_cell_min − 1 people is shown as "<5" (the threshold is rule data: kind public_disclosure,
// assets/rules/public-disclosure.json). A suppressed cell that a published total would give back is no mask: in a
// group whose total is shown, when exactly one cell is suppressed, the next smallest shown cell is suppressed too
// (complementary suppression), so no cell can be recovered by subtraction; that cell reads "—" (withheld: it is not
// a small count). A rate is shown only when its denominator is at least the threshold and its numerator and the rest
// (denominator − numerator) are not small cells — 4 of 5 satisfied says that one person was not.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/ratio.hpp"

namespace yiyang::disclosure {

struct DisclosureRule {
    std::string version;
    std::int64_t small_cell_min = 5;   // counts 1 .. small_cell_min − 1 are suppressed; 0 is shown
};
// Body: {"version", "effective_from", "comment", "small_cell_min": 2..100}. Throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, DisclosureRule& r);
void to_json(nlohmann::json& j, const DisclosureRule& r);

// A count as the public sees it: the number, or suppressed (no number at all in the reply).
struct PublicCount {
    std::optional<std::int64_t> value;   // nullopt = suppressed
    std::string text;                    // "1 234" is not used: "1234", "<5" (a small cell) or "—" (withheld beside one)
    friend bool operator==(const PublicCount&, const PublicCount&) = default;
};
bool is_small(std::int64_t n, const DisclosureRule& r);     // 0 < n < small_cell_min
PublicCount disclose(std::int64_t n, const DisclosureRule& r);

// The cells of one group whose total is published: primary suppression, then complementary when exactly one cell
// would be suppressed (the smallest other non-zero cell; ties to the earliest). Cells in input order.
std::vector<PublicCount> disclose_group(const std::vector<std::int64_t>& cells, const DisclosureRule& r);

// The same for cells that also fall into sub-groups whose totals are published elsewhere (the map's density cells,
// each labelled with a town whose elders are shown): after disclose_group over all the cells, a sub-group left with
// exactly one suppressed cell hides its smallest other non-zero cell too ("—"), so that the sub-group's total minus
// its shown cells gives nothing back either. `group_of[i]` names cell i's sub-group.
std::vector<PublicCount> disclose_nested(const std::vector<std::int64_t>& cells, const std::vector<std::int64_t>& group_of,
                                         const DisclosureRule& r);

// A rate for the public: the exact ratio, or nullopt when it would reveal a small cell (see above).
std::optional<Ratio> disclose_rate(const Ratio& rate, const DisclosureRule& r);

void to_json(nlohmann::json& j, const PublicCount& v);
void from_json(const nlohmann::json& j, PublicCount& v);

}  // namespace yiyang::disclosure
