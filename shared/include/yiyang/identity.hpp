// Resident identity numbers (GB 11643-1999, check digit ISO 7064 MOD 11-2), mainland mobile numbers,
// and masking for display. Error messages are Chinese and say which part failed.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include "yiyang/date.hpp"

namespace yiyang {

enum class Sex { Male, Female };

struct IdCheck {
    bool ok = false;
    // Which part failed: "length", "characters", "area", "birth_date", "birth_future", "sequence", "checksum".
    std::string failed_part;
    std::string message_zh;      // "身份证号校验位错误：应为 X，实际为 3"
    std::string area_code;       // first six digits
    Date birth{};
    Sex sex = Sex::Male;         // 17th digit odd = male
};

// `today` bounds the birth date (no births in the future, none before 1900).
IdCheck check_resident_id(std::string_view id, const Date& today);
// The expected check character ('0'..'9' or 'X') for the first 17 digits.
char resident_id_check_char(std::string_view first17);

struct PhoneCheck {
    bool ok = false;
    std::string message_zh;
};
// Mainland mobile: 11 digits, 1[3-9]xxxxxxxxx. Spaces and dashes are not accepted (normalise first).
PhoneCheck check_mobile(std::string_view phone);

std::string mask_resident_id(std::string_view id);   // 110101**********34 (why: identity.cpp)
std::string mask_phone(std::string_view phone);      // 138****5678
std::string mask_name(std::string_view utf8_name);   // 张*丰 / 张* (UTF-8 aware)
std::string mask_address(std::string_view utf8_address);  // first 6 characters then ****

}  // namespace yiyang
