// State and intents of navigation (app/navigation.cpp): the confirmation dialog in front of an irreversible
// order action or of leaving unsaved edits, the links asked for (new tab, copy), the restored intake draft.
#pragma once
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace yiyang::client {

struct ConfirmDialog {
    std::string id;                      // what it confirms, for tests: "order.dispatch_provider", "leave"
    std::string title;                   // 确认派单给服务商
    std::string message;                 // 将工单 GD… 派给 XX服务商，服务商将收到通知。
    std::string confirm_label;           // 确认派单 / 放弃修改并离开
    std::string cancel_label = "取消";
    bool danger = false;                 // cancel, close, leaving edits: the confirm button is red
};

struct NavState {
    std::optional<ConfirmDialog> confirm;        // shown as a modal; Enter confirms, Esc cancels
    bool draft_restored = false;                 // the intake draft came back from sessionStorage after a reload
    std::string last_link;                       // the URL last copied (复制链接), for the notice and tests
    int confirms_shown = 0, confirms_accepted = 0, confirms_cancelled = 0;   // tests
};

struct NavConfirm {};                                // the dialog's confirm button / Enter
struct NavCancel {};                                 // its cancel button / Esc
struct NavOpen { std::string hash; };                // a link to another record ("#/settlement?month=…&provider=12")
struct NavOpenInNewTab { std::string hash; };        // "#/orders/GD…" (empty: the current location)
struct NavCopyLink { std::string hash; };            // copies the full URL (empty: the current location)

using NavIntent = std::variant<NavConfirm, NavCancel, NavOpen, NavOpenInNewTab, NavCopyLink>;

nlohmann::json test_state_of(const NavState& s);

}  // namespace yiyang::client
