// Exact rates (see ratio.hpp): comparison by 128-bit cross-multiplication, and a single half-up rounding
// when a percentage is shown, so that 51/75 is 68.00 % everywhere and never 67.99 %.
#include "yiyang/ratio.hpp"

#include <stdexcept>

namespace yiyang {

namespace {

__extension__ typedef __int128 Wide;   // GCC and Clang (also wasm32); __extension__ keeps -Wpedantic quiet

constexpr int kMaxDecimals = 9;

// num/den rounded half away from zero, for den != 0 of either sign.
Wide round_wide(Wide num, Wide den) {
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const bool negative = num < 0;
    const Wide magnitude = negative ? -num : num;
    Wide quotient = magnitude / den;
    if ((magnitude % den) * 2 >= den) ++quotient;
    return negative ? -quotient : quotient;
}

}  // namespace

std::int64_t round_half_up(std::int64_t num, std::int64_t den) {
    if (den == 0) throw std::domain_error("round_half_up: denominator is zero");
    // |INT64_MIN / -1| does not fit; everything else does.
    const Wide result = round_wide(num, den);
    if (result > INT64_MAX || result < INT64_MIN) throw std::overflow_error("round_half_up: result out of range");
    return static_cast<std::int64_t>(result);
}

std::strong_ordering Ratio::compare(const Ratio& other) const {
    if (!defined() || !other.defined()) {
        if (defined() == other.defined()) return std::strong_ordering::equal;
        return defined() ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    // a/b <=> c/d with b, d made positive: a*d <=> c*b (each product fits in 128 bits).
    Wide a = num, b = den, c = other.num, d = other.den;
    if (b < 0) {
        a = -a;
        b = -b;
    }
    if (d < 0) {
        c = -c;
        d = -d;
    }
    const Wide left = a * d;
    const Wide right = c * b;
    if (left < right) return std::strong_ordering::less;
    if (left > right) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

const char* code(Rounding r) { return r == Rounding::Truncate ? "truncate" : "half_up"; }

std::optional<Rounding> rounding_from_code(std::string_view c) {
    if (c == "half_up") return Rounding::HalfUp;
    if (c == "truncate") return Rounding::Truncate;
    return std::nullopt;
}

std::int64_t Ratio::percent_scaled(int decimals) const { return percent_scaled(decimals, Rounding::HalfUp); }

std::string Ratio::percent_text(int decimals) const { return percent_text(decimals, Rounding::HalfUp); }

std::int64_t Ratio::percent_scaled(int decimals, Rounding mode) const {
    if (!defined()) throw std::domain_error("Ratio::percent_scaled: ratio has no data (denominator 0)");
    if (decimals < 0 || decimals > kMaxDecimals) throw std::invalid_argument("Ratio::percent_scaled: decimals must be 0..9");
    Wide scale = 100;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const Wide scaled_num = static_cast<Wide>(num) * scale;
    // Truncation is C++'s integer division (toward zero): -1/3 -> -33.33 %, like 1/3 -> 33.33 %.
    const Wide result = mode == Rounding::Truncate ? scaled_num / den : round_wide(scaled_num, den);
    if (result > INT64_MAX || result < INT64_MIN) throw std::overflow_error("Ratio::percent_scaled: result out of range");
    return static_cast<std::int64_t>(result);
}

std::string Ratio::percent_text(int decimals, Rounding mode) const {
    if (!defined()) return "\xE2\x80\x94";   // "—": no data is not 0 %
    const std::int64_t scaled = percent_scaled(decimals, mode);
    const bool negative = scaled < 0;
    std::string digits = std::to_string(negative ? 0 - static_cast<std::uint64_t>(scaled)
                                                 : static_cast<std::uint64_t>(scaled));
    const auto places = static_cast<std::size_t>(decimals);
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    std::string out = negative ? "-" : "";
    out += digits.substr(0, digits.size() - places);
    if (places > 0) {
        out.push_back('.');
        out += digits.substr(digits.size() - places);
    }
    out.push_back('%');
    return out;
}

}  // namespace yiyang
