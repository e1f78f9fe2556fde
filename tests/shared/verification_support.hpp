// Synthetic people for the verification tests: valid ID numbers from an index, and a stand-in key function for
// draws too large to paste SHA-256 fixtures for (the real SHA-256 is checked on a small fixture).
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "yiyang/identity.hpp"
#include "yiyang/import.hpp"

namespace yiyang::test {

// A valid 18-character ID number for person i (0..999 999): born 1930-01-01 + (i / 1000) days, sequence i % 1000.
inline std::string person_id(int i) {
    const Date birth = add_days(Date{1930, 1, 1}, i / 1000);
    char buf[32];
    std::snprintf(buf, sizeof buf, "350322%04d%02d%02d%03d", birth.year, birth.month, birth.day, i % 1000);
    std::string id(buf);
    return id + resident_id_check_char(id);
}

// FNV-1a 64 as 16 hex digits: deterministic and well spread, NOT the production key (that is SHA-256).
inline std::string fake_key(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

inline SubscriberRow subscriber(int i, Date opened, std::optional<Date> removed = {}, std::string reason = {},
                                std::string town = "涵东街道") {
    SubscriberRow s;
    s.row = i + 2;
    s.name = "用户" + std::to_string(i);
    s.id_number = person_id(i);
    s.phone = "139" + std::to_string(10000000 + i);
    s.town = std::move(town);
    s.opened = opened;
    s.removed = removed;
    s.removal_reason = std::move(reason);
    return s;
}

inline CremationRow cremation(int i, Date died) {
    CremationRow c;
    c.name = "用户" + std::to_string(i);
    c.id_number = person_id(i);
    c.died = died;
    c.cremated = add_days(died, 3);
    return c;
}

}  // namespace yiyang::test
