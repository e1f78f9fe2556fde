// Callback sampling (回访抽样): a reproducible, auditable draw of rate × the subscribers active on the draw date,
// optionally stratified by town, and the rule that replaces an unreachable number.
//
// THE ALGORITHM (so anyone can redraw the same list, e.g. with sha256sum in a shell):
//   1. Frame: every subscriber active on the draw date (opened on or before it, not removed on or before it),
//      once per ID number; the ID number written as 18 characters, an upper-case X, no blanks.
//   2. Size: n = ceil(rate × frame size), rate an exact fraction (5/100): 5 % of 5 882 = 294.1 -> 295.
//   3. Key of a subscriber = lower-case hex SHA-256 of the UTF-8 text  seed + ":" + ID number
//      (printf '%s' 'hj-2024Q1:350303194501011234' | sha256sum). Order the frame by key (ties, which SHA-256
//      does not produce in practice, by ID number) and take the first n.
//   4. By town: each town (stratum) gets floor(rate × its frame); the seats left (n − Σ floors, fewer than the
//      number of towns) go one each to the towns with the largest remainder (rate × frame − floor), ties by town
//      name in byte order — the largest-remainder method, so the towns sum exactly to n. Then step 3 inside each
//      town.
//   5. Replacement: a sampled number found unreachable is replaced by the next subscriber in key order in the
//      same stratum (the whole frame when not stratified) that is neither sampled nor already a replacement.
// The key function is a parameter: shared/ has no crypto; the server passes OpenSSL's SHA-256, tests pass fixtures.
//
// Usage: auto d = draw_sample({draw_date, {5, 100}, "hj-2024Q1", false}, subscribers, sha256_hex);
//        d.sample.count() == 295; percent_text(d.share, rule) == "5.01%"
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "yiyang/verification/common.hpp"

namespace yiyang::verification {

using SampleKeyFunction = std::function<std::string(std::string_view text)>;   // lower-case SHA-256 hex

struct SampleInput {
    Date draw_date{};
    Ratio rate{5, 100};        // the sampling rule's rate (0 < rate <= 1)
    std::string seed;          // recorded with the draw
    bool by_town = false;
};

struct Drawn {
    std::string id_number;     // normalised (id_key)
    std::string key;           // SHA-256 hex of seed + ":" + id_number
};

struct Stratum {
    std::string town;              // "" when not stratified
    std::int64_t frame_size = 0;
    std::int64_t size = 0;         // its part of n
    std::vector<Drawn> order;      // the whole stratum in key order: the first `size` are sampled, the rest the reserve
};

struct SampleDraw {
    SampleInput input;
    Tally frame;                   // ID numbers active on the draw date
    std::int64_t size = 0;         // n = ceil(rate × frame)
    std::vector<Stratum> strata;   // by town name (one unnamed stratum when not stratified)
    Tally sample;
    Rate share;                    // sample / frame: 295 / 5 882
};

// n = ceil(rate × frame_size). Throws std::invalid_argument for a rate outside (0, 1].
std::int64_t sample_size(const Ratio& rate, std::int64_t frame_size);
// Per-stratum sizes by the largest-remainder method (step 4); keys are the strata names, values their frame sizes.
std::map<std::string, std::int64_t> apportion(const Ratio& rate, const std::map<std::string, std::int64_t>& frames);

SampleDraw draw_sample(const SampleInput& in, const std::vector<SubscriberRow>& subscribers,
                       const SampleKeyFunction& sha256_hex);

// Replacements for unreachable sampled numbers, taken in the order given (step 5); a replacement that is itself
// unreachable may be listed later and is replaced in turn. An ID with no one left in its stratum maps to "".
std::map<std::string, std::string> replacements(const SampleDraw& draw, const std::vector<std::string>& unreachable);

// The defaults of a quarter's draw, one definition for the server and the dashboard: the frame is the subscribers
// active on the last day of the quarter's second month (the Hanjiang frame is the February-end list), the seed
// "yiyang-" + the quarter's code ("yiyang-2024-Q1").
Date default_draw_date(const Period& quarter);
std::string default_sample_seed(const Period& quarter);

}  // namespace yiyang::verification
