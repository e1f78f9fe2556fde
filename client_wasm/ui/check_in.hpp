// The check-in pad (签到): a booking or registration code typed without a keyboard — the code so far in boxes, the
// 30 characters of the code alphabet (shared visits::code_alphabet) as big chips, 删除 / 清空 and 签到. Every target
// is at least 48 CSS px square (touch; issue 12). Immediate-mode and stateless: the caller keeps the code and turns
// the result into its own intents — the 展厅 screen does, and the kiosk's check-in panel is meant to (issue 12,
// part kiosk-ui, after the merge).
#pragma once
#include <optional>
#include <string>

namespace yiyang::client::ui {

struct CheckInPadResult {
    std::optional<std::string> edited;   // the code after a chip, 删除 or 清空 was pressed (or a key typed)
    bool submit = false;                 // 签到 pressed (only offered with a full code, and not while busy)
};

// `id` prefixes the test tags ("<id>.chip.A", "<id>.delete", "<id>.clear", "<id>.submit", "<id>.code").
// `length`: the code's length (rule data, code_length). `width`: the pad's width (0 = the available width).
CheckInPadResult check_in_pad(const std::string& id, const std::string& code, int length, float width, bool busy);

}  // namespace yiyang::client::ui
