// What screens print of a wire timestamp (date.hpp format_timestamp): to the minute, with a space for the "T".
#pragma once
#include <string>
#include <string_view>

namespace yiyang {

// "2026-11-23T08:30:00" -> "2026-11-23 08:30"; text that is not such a timestamp is returned as it is.
std::string minute_text(std::string_view timestamp);

}  // namespace yiyang
