// Rates as exact fractions (numerator / denominator). Compared exactly; rounded once, only when shown, by the
// mode a report's rule names (half-up by default; the Hanjiang verification report truncates).
// 51/75 -> "68.00%"; 188/203 -> "92.61%"; 176/188 -> "93.62%" half-up, "93.61%" truncated.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yiyang {

// How a percentage is cut to its shown decimals. Truncate drops the digits beyond (toward zero), as the
// Hanjiang quarterly report does (176/188 = 93.617… shown 93.61 %).
enum class Rounding { HalfUp, Truncate };
const char* code(Rounding r);                                  // "half_up" | "truncate"
std::optional<Rounding> rounding_from_code(std::string_view c);

struct Ratio {
    std::int64_t num = 0;
    std::int64_t den = 0;   // 0 means "no data" (not zero percent)

    bool defined() const { return den != 0; }
    // Exact comparison by cross-multiplication (128-bit); undefined ratios compare as less than any defined one.
    std::strong_ordering compare(const Ratio& other) const;
    bool operator==(const Ratio& o) const { return compare(o) == std::strong_ordering::equal; }
    std::strong_ordering operator<=>(const Ratio& o) const { return compare(o); }

    // Percentage with `decimals` digits after the point, rounded half-up once: "68.00%". "—" when undefined.
    std::string percent_text(int decimals = 2) const;
    // Value scaled by 10^decimals and rounded half-up: percent_scaled(2) of 51/75 = 6800 (i.e. 68.00 %).
    // decimals 0..9; throws std::domain_error when undefined (no data has no percentage).
    std::int64_t percent_scaled(int decimals) const;
    // The same with the rounding mode named (HalfUp gives exactly the two above).
    std::string percent_text(int decimals, Rounding mode) const;
    std::int64_t percent_scaled(int decimals, Rounding mode) const;
};

// Half-up rounding of num/den to an integer (den > 0; negative numerators round away from zero at .5).
std::int64_t round_half_up(std::int64_t num, std::int64_t den);

}  // namespace yiyang
