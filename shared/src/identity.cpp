// Resident ID (GB 11643-1999, ISO 7064 MOD 11-2) and mobile-number checks with Chinese messages that say
// which part failed, and masking of personal data for display (UTF-8 aware).
#include "yiyang/identity.hpp"

#include <stdexcept>
#include <vector>

namespace yiyang {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits UTF-8 text into characters (code points). A byte that does not start a well-formed sequence
// becomes U+FFFD, so that masks never cut a character in half and always yield valid UTF-8 (which
// nlohmann::json needs to serialise them).
std::vector<std::string_view> utf8_chars(std::string_view text) {
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
        const unsigned char lead = byte(0);
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;   // allowed range of the second byte
        if (lead < 0x80) len = 1;
        else if (lead >= 0xC2 && lead <= 0xDF) len = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) {
            len = 3;
            if (lead == 0xE0) lo = 0xA0;        // no overlong forms
            if (lead == 0xED) hi = 0x9F;        // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            len = 4;
            if (lead == 0xF0) lo = 0x90;
            if (lead == 0xF4) hi = 0x8F;        // nothing above U+10FFFF
        }
        bool ok = len != 0 && i + len <= text.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const unsigned char b = byte(k);
            ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
        }
        if (ok) {
            out.push_back(text.substr(i, len));
            i += len;
        } else {
            out.push_back(kReplacement);
            i += 1;
        }
    }
    return out;
}

// Keeps the first `head` and last `tail` characters and puts one '*' for each character in between.
std::string keep_ends(const std::vector<std::string_view>& chars, std::size_t head, std::size_t tail) {
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (i < head || i >= chars.size() - tail) out += chars[i];
        else out.push_back('*');
    }
    return out;
}

bool plausible_province(int code) {
    // GB/T 2260 provincial codes, plus 71 台湾, 81 香港, 82 澳门 and 83 (港澳台居民居住证, Taiwan residents).
    static const int kRanges[][2] = {{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}};
    for (const auto& r : kRanges) {
        if (code >= r[0] && code <= r[1]) return true;
    }
    return false;
}

IdCheck failed(IdCheck result, const char* part, std::string message) {
    result.ok = false;
    result.failed_part = part;
    result.message_zh = std::move(message);
    return result;
}

std::string date_zh(const Date& d) {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

}  // namespace

char resident_id_check_char(std::string_view first17) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char kCheck[] = "10X98765432";
    if (first17.size() != 17) throw std::invalid_argument("resident_id_check_char: need exactly 17 digits");
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        if (!is_digit(first17[i])) throw std::invalid_argument("resident_id_check_char: need exactly 17 digits");
        sum += (first17[i] - '0') * kWeights[i];
    }
    return kCheck[sum % 11];
}

IdCheck check_resident_id(std::string_view id, const Date& today) {
    IdCheck r;
    const auto chars = utf8_chars(id);
    if (chars.size() != 18) {
        return failed(r, "length", "身份证号长度应为18位，实际为" + std::to_string(chars.size()) + "位");
    }
    for (std::size_t i = 0; i < 18; ++i) {
        const std::string_view c = chars[i];
        const bool digit = c.size() == 1 && is_digit(c[0]);
        const bool x = i == 17 && c.size() == 1 && (c[0] == 'X' || c[0] == 'x');
        if (!digit && !x) {
            return failed(r, "characters",
                          "身份证号第" + std::to_string(i + 1) + "位字符“" + std::string(c) + "”无效：" +
                              (i < 17 ? "前17位只能是数字" : "第18位只能是数字或X"));
        }
    }
    // From here on the text is 18 ASCII bytes.
    r.area_code = std::string(id.substr(0, 6));
    if (id[0] < '1' || id[0] > '8') {
        return failed(r, "area", "身份证号地区码无效：" + r.area_code + "，首位应为1至8");
    }
    const int province = (id[0] - '0') * 10 + (id[1] - '0');
    if (!plausible_province(province)) {
        return failed(r, "area", "身份证号地区码无效：" + r.area_code + "，省级代码" + std::string(id.substr(0, 2)) + "不存在");
    }

    const std::string birth_text(id.substr(6, 8));
    auto number = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (id[i] - '0');
        return v;
    };
    const Date birth{number(6, 4), number(10, 2), number(12, 2)};
    if (!is_valid_date(birth.year, birth.month, birth.day)) {
        return failed(r, "birth_date", "身份证号出生日期无效：" + birth_text + " 不是真实日期");
    }
    r.birth = birth;
    if (birth < Date{1900, 1, 1}) {
        return failed(r, "birth_date", "身份证号出生日期无效：" + birth_text + " 早于1900年1月1日");
    }
    if (today < birth) {
        return failed(r, "birth_future",
                      "身份证号出生日期无效：" + birth_text + " 晚于今天（" + date_zh(today) + "）");
    }

    if (id.substr(14, 3) == "000") {
        return failed(r, "sequence", "身份证号顺序码无效：000 不是有效的顺序码");
    }
    r.sex = (id[16] - '0') % 2 == 1 ? Sex::Male : Sex::Female;

    const char expected = resident_id_check_char(id.substr(0, 17));
    const char actual = id[17] == 'x' ? 'X' : id[17];
    if (expected != actual) {
        return failed(r, "checksum",
                      std::string("身份证号校验位错误：应为 ") + expected + "，实际为 " + std::string(1, id[17]));
    }
    r.ok = true;
    return r;
}

PhoneCheck check_mobile(std::string_view phone) {
    PhoneCheck r;
    const auto chars = utf8_chars(phone);
    if (chars.empty()) {
        r.message_zh = "手机号不能为空";
        return r;
    }
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (chars[i].size() != 1 || !is_digit(chars[i][0])) {
            r.message_zh = "手机号第" + std::to_string(i + 1) + "位字符“" + std::string(chars[i]) + "”无效：只能是数字";
            return r;
        }
    }
    if (chars.size() != 11) {
        r.message_zh = "手机号长度应为11位，实际为" + std::to_string(chars.size()) + "位";
        return r;
    }
    if (phone[0] != '1' || phone[1] < '3' || phone[1] > '9') {
        r.message_zh = "手机号号段无效：" + std::string(phone.substr(0, 2)) + "，应以13至19开头";
        return r;
    }
    r.ok = true;
    return r;
}

// Why 6 + 2 and not the usual 6 + 4 ("442000********3902"): that form hides exactly the 8 birth-date
// digits, and a role that also learns the age (whole years: ~365 possible dates) and sees the last four
// (sequence + check digit, which leaves 1 date in 11) is down to ~33 candidates — a handful of audited
// lookups, or one reveal's worth of guessing. Hiding the first two sequence digits as well leaves the
// region (the seat's town tells it anyway) and the 17th digit (sex, which every role is sent) visible:
// 8 date digits + 2 free digits, of which the check digit rules out 10 in 11, i.e. ~365 x 100 / 11 ≈ 3 300
// IDs per elder even when age and sex are known (tests/server/test_privacy.cpp counts them). Showing only
// the last 4 would gain nothing: the region of almost every local ID is the city's own 442000, and the
// last 4 are what make the date guessable. 6 + 2 also keeps the whole number from being confirmed without
// an audited channel (lookup by whole number, reveal).
std::string mask_resident_id(std::string_view id) {
    const auto chars = utf8_chars(id);
    if (chars.size() == 18) return keep_ends(chars, 6, 2);
    if (chars.size() <= 4) return std::string(chars.size(), '*');
    return keep_ends(chars, 2, 2);
}

std::string mask_phone(std::string_view phone) {
    const auto chars = utf8_chars(phone);
    if (chars.size() >= 8) return keep_ends(chars, 3, 4);   // 138****5678; landlines keep the same ends
    if (chars.size() >= 3) return keep_ends(chars, 1, 1);
    return std::string(chars.size(), '*');
}

std::string mask_name(std::string_view utf8_name) {
    const auto chars = utf8_chars(utf8_name);
    if (chars.size() <= 1) return std::string(chars.size(), '*');
    if (chars.size() == 2) return keep_ends(chars, 1, 0);
    return keep_ends(chars, 1, 1);
}

std::string mask_address(std::string_view utf8_address) {
    const auto chars = utf8_chars(utf8_address);
    if (chars.empty()) return "";
    std::string out;
    for (std::size_t i = 0; i < chars.size() && i < 6; ++i) out += chars[i];
    return out + "****";
}

}  // namespace yiyang
