// Money is integer fen (分). Parsing and formatting of yuan amounts; no floating point anywhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yiyang {

using Fen = std::int64_t;

constexpr Fen yuan(std::int64_t whole) { return whole * 100; }
// "286860.00" -> 28686000; accepts "12", "12.3", "12.30", optional leading '-', optional thousands
// separators ','. More than two decimals, empty text or stray characters: nullopt.
std::optional<Fen> parse_yuan(std::string_view text);
// 28686000 -> "286,860.00" (with separators) or "286860.00".
std::string format_yuan(Fen amount, bool thousands_separators = true);

}  // namespace yiyang
