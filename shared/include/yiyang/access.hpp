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
