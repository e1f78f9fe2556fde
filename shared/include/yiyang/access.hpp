// Who may see what: the masking and scoping policy for personal data, by role (DOMAIN.md "Actors and roles").
// The server applies it before anything leaves; the client only draws what it was sent.
#pragma once
#include <optional>
#include "yiyang/records.hpp"

namespace yiyang {

struct Viewer {
    Role role = Role::Kiosk;
    Id user_id = 0;
    std::optional<Id> town_id;
    std::optional<Id> provider_id;
};

enum class ElderScope { All, OwnTown, ServedByOwnProvider, None };

struct ElderFieldPolicy {
    ElderScope scope = ElderScope::None;
    bool full_id_number = false;
    bool full_phone = false;
    bool full_name = false;
    bool full_address = false;
    bool health = false;
    bool can_edit = false;
    bool can_create = false;
};

ElderFieldPolicy elder_policy(Role role);
// The elder as this viewer may see it: masked fields replaced by their masked forms, health cleared, and
// for a viewer that sees the ID number masked the birth date replaced by the age on `today` (whole years):
// nothing sent beside a mask may give back what the mask hides (identity.cpp mask_resident_id).
Elder redact_elder(const Elder& e, const ElderFieldPolicy& p, const Date& today);
// The provider as this role may see it: the kiosk (public screens) gets public fields only — no contact
// phone (often a person's mobile).
Provider redact_provider(const Provider& p, Role role);
// May this viewer read/edit this particular elder (scope check; provider scope is decided by the caller,
// who knows whether the provider has served the elder: pass served_by_viewer).
bool may_read_elder(const Viewer& v, const Elder& e, bool served_by_viewer);
bool may_edit_elder(const Viewer& v, const Elder& e);

}  // namespace yiyang

// ---- screens: which dashboard screens a role has ---------------------------------------------------
// One list for both sides: the dashboard builds its navigation from it and refuses to open the others; the server
// may hand it out. The screens before sign-in (sign-in, first password change) belong to no role and are not here.
// The client's screen table (client_wasm/app/screens.cpp) maps each code to its title, layout and draw function.
#include <string_view>
#include <vector>

namespace yiyang {

enum class ScreenCode {
    Home,          // 首页 (every role, the kiosk's aggregates too)
    Intake,        // 来电受理
    Orders,        // 工单
    OrderDetail,   // 工单详情
    Watch,         // 督办
    Kpis,          // 绩效指标
    Knowledge,     // 知识库
    ElderList,     // 服务对象
    ElderProfile,  // 服务对象档案
    Rules,         // 规则管理
};
const char* code(ScreenCode s);                                  // stable: "home", "intake", ...
std::optional<ScreenCode> parse_screen_code(std::string_view code);
const std::vector<ScreenCode>& all_screen_codes();               // in navigation order
// The screens this role has, in navigation order.
std::vector<ScreenCode> screens_for(Role role);
bool may_open_screen(Role role, ScreenCode screen);

}  // namespace yiyang
