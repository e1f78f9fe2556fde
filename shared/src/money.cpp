// Parsing and formatting of yuan amounts held as integer fen (see money.hpp). Strict: anything that is
// not a plain amount is rejected rather than guessed at, because a mistyped fee must not be paid.
#include "yiyang/money.hpp"

#include <limits>

namespace yiyang {

std::optional<Fen> parse_yuan(std::string_view text) {
    bool negative = false;
    std::size_t pos = 0;
    if (!text.empty() && text[0] == '-') {
        negative = true;
        pos = 1;
    }
    // The magnitude is built in unsigned fen so that the most negative amount still fits.
    const std::uint64_t limit = negative ? static_cast<std::uint64_t>(std::numeric_limits<Fen>::max()) + 1
                                         : static_cast<std::uint64_t>(std::numeric_limits<Fen>::max());
    std::uint64_t whole = 0;
    std::size_t digits = 0;          // digits in the whole part
    std::size_t group = 0;           // digits since the last separator
    bool seen_separator = false;
    for (; pos < text.size() && text[pos] != '.'; ++pos) {
        const char c = text[pos];
        if (c == ',') {
            // "1,234,567": the first group has 1-3 digits, every later one exactly 3.
            if (digits == 0 || group > 3 || (seen_separator && group != 3)) return std::nullopt;
            seen_separator = true;
            group = 0;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (whole > (limit / 100 - digit) / 10) return std::nullopt;   // keeps whole * 100 in range
        whole = whole * 10 + digit;
        ++digits;
        ++group;
    }
    if (digits == 0) return std::nullopt;
    if (seen_separator && group != 3) return std::nullopt;

    std::uint64_t fraction = 0;
    if (pos < text.size()) {   // text[pos] == '.'
        const std::string_view decimals = text.substr(pos + 1);
        if (decimals.empty() || decimals.size() > 2) return std::nullopt;
        for (char c : decimals) {
            if (c < '0' || c > '9') return std::nullopt;
            fraction = fraction * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (decimals.size() == 1) fraction *= 10;
    }
    const std::uint64_t magnitude = whole * 100;
    if (fraction > limit - magnitude) return std::nullopt;
    const std::uint64_t total = magnitude + fraction;
    // Conversion of an in-range unsigned value (modular in C++20 for the most negative amount).
    return negative ? static_cast<Fen>(0 - total) : static_cast<Fen>(total);
}

std::string format_yuan(Fen amount, bool thousands_separators) {
    const bool negative = amount < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    const std::string whole = std::to_string(magnitude / 100);
    const std::uint64_t fraction = magnitude % 100;

    std::string out;
    if (negative) out.push_back('-');
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (thousands_separators && i != 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(whole[i]);
    }
    out.push_back('.');
    out.push_back(static_cast<char>('0' + fraction / 10));
    out.push_back(static_cast<char>('0' + fraction % 10));
    return out;
}

}  // namespace yiyang
