// What a complaint (投诉) is about, on the dashboard: the open order's link (earlier order, provider) and the
// complaints about it as the server sent them, and the supervisor's 更改投诉对象 form. Owned by
// app/complaints.cpp; drawn by ui/complaint_panel.cpp (detail) and ui/intake.cpp's complaint block.
#pragma once
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/records.hpp"

namespace yiyang::client {

struct ComplaintRefView {               // one complaint about the open order (相关投诉)
    Id id = 0;
    std::string code, status_label, created;   // created "2026-12-04 09:30"
    std::string verdict;                // "有效投诉" / "无效投诉" / ""
};

struct RelinkForm {                     // 更改投诉对象 (supervisors)
    bool open = false;
    std::string order_code;             // typed: GD…, "" = no earlier order
    Id provider_id = 0;                 // 0: the earlier order's provider (or none)
    std::string reason;
    bool submitting = false;
    std::string error;                  // the server's message, or the local check
    std::map<std::string, std::string> field_errors;
    friend bool operator==(const RelinkForm&, const RelinkForm&) = default;
};

struct ComplaintState {
    Id order_id = 0;                    // the open order these belong to
    std::string about_order_code;       // the complaint's earlier order (GD…), "" = none
    std::string about_provider_name;    // the provider the complaint is about, "" = none
    std::vector<ComplaintRefView> complaints;   // complaints about the open order the viewer may see
    RelinkForm relink;
    std::string message;                // 已更改投诉对象：…
};

struct ComplaintOpenOrder { std::string code; };     // 投诉对象 / 相关投诉 line -> that order (#/orders/<code>)
struct ComplaintEditRelink { RelinkForm form; };
struct ComplaintSubmitRelink {};

using ComplaintIntent = std::variant<ComplaintOpenOrder, ComplaintEditRelink, ComplaintSubmitRelink>;

// What the browser tests read of this area (yiyang_test_state()["complaint"]); defined in app/complaints.cpp.
nlohmann::json test_state_of(const ComplaintState& s);

}  // namespace yiyang::client
