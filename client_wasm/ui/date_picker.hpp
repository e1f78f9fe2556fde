// Date and date-time fields with a picker (a month grid with 今天 / 清除, hour and minute) beside the text, which
// can still be typed: "2026-12-04" or "2026-12-04 10:00". Dates come from shared/date (month lengths, weekdays).
#pragma once
#include <string>

#include "yiyang/date.hpp"

namespace yiyang::client::ui {

// The field fills the line's remaining width. `id` names the widgets and their test tags ("<id>.open",
// "<id>.day.<n>", "<id>.prev", "<id>.next", "<id>.today", "<id>.clear", "<id>.hour", "<id>.minute", "<id>.ok").
// True when the text changed this frame. `width` > 0: the field and its button take that width instead (a filter row).
bool date_field(const std::string& id, std::string& text, const Date& today, const char* hint = "2026-12-04",
                float width = 0);
bool date_time_field(const std::string& id, std::string& text, const Date& today, const char* hint = "2026-12-04 10:00");

}  // namespace yiyang::client::ui
