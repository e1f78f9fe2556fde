// Password quality: our own checks in characters first (libpwquality measures bytes), then libpwquality with
// fixed settings (not /etc/security/pwquality.conf, so every machine judges alike) and its reasons in Chinese.
#include "auth/password_policy.hpp"

#include <pwquality.h>

#include <memory>
#include <mutex>

namespace yiyang::auth {
namespace {

// cracklib's reasons arrive as English text in the auxiliary error; the known ones, in Chinese.
std::string cracklib_reason(const char* aux) {
    const std::string why = aux ? aux : "";
    auto has = [&](const char* s) { return why.find(s) != std::string::npos; };
    if (has("simplistic") || has("systematic")) return "密码过于简单或有规律（如连续的数字、字母或键盘顺序）";
    if (has("dictionary word")) return "密码基于常见单词或常用密码，容易被猜中";
    if (has("DIFFERENT characters")) return "密码中不同的字符太少";
    if (has("whitespace")) return "密码不能只由空格组成";
    if (has("short")) return "密码太短";
    if (has("username") || has("gecos") || has("password entry")) return "密码不能基于用户名或姓名";
    if (has("Insurance")) return "密码看起来像证件号码";
    return "密码未通过常用密码字典检查，容易被猜中";
}

PasswordProblem from_pwquality(int rc, void* aux) {
    switch (rc) {
        case PWQ_ERROR_EMPTY_PASSWORD: return {"required", "请输入密码"};
        case PWQ_ERROR_MIN_LENGTH: return {"too_short", "密码至少 " + std::to_string(kPasswordMinChars) + " 个字符"};
        case PWQ_ERROR_SAME_PASSWORD: return {"unchanged", "新密码不能与原密码相同"};
        case PWQ_ERROR_TOO_SIMILAR: return {"too_similar", "新密码与原密码太相似"};
        case PWQ_ERROR_CASE_CHANGES_ONLY: return {"too_similar", "新密码只改变了原密码的大小写"};
        case PWQ_ERROR_ROTATED: return {"too_similar", "新密码只是把原密码轮换了位置"};
        case PWQ_ERROR_PALINDROME: return {"palindrome", "密码不能是回文（正读和反读相同）"};
        case PWQ_ERROR_MIN_DIGITS: return {"too_simple", "密码中的数字太少"};
        case PWQ_ERROR_MIN_UPPERS: return {"too_simple", "密码中的大写字母太少"};
        case PWQ_ERROR_MIN_LOWERS: return {"too_simple", "密码中的小写字母太少"};
        case PWQ_ERROR_MIN_OTHERS: return {"too_simple", "密码中的其他字符太少"};
        case PWQ_ERROR_MIN_CLASSES: return {"too_simple", "密码包含的字符种类太少"};
        case PWQ_ERROR_MAX_CONSECUTIVE: return {"repeated", "密码中同一个字符连续重复太多次"};
        case PWQ_ERROR_MAX_CLASS_REPEAT: return {"repeated", "密码中同一类字符连续太多"};
        case PWQ_ERROR_MAX_SEQUENCE: return {"sequence", "密码含有过长的连续序列（如 12345、abcde）"};
        case PWQ_ERROR_USER_CHECK: return {"contains_username", "密码不能包含用户名"};
        case PWQ_ERROR_GECOS_CHECK: return {"contains_name", "密码不能包含姓名等个人信息"};
        case PWQ_ERROR_BAD_WORDS: return {"bad_word", "密码含有不允许使用的词"};
        case PWQ_ERROR_CRACKLIB_CHECK: return {"dictionary", cracklib_reason(static_cast<const char*>(aux))};
        default: return {"rejected", "密码未通过强度检查"};
    }
}

bool only_of(const std::string& s, const char* set) { return s.find_first_not_of(set) == std::string::npos; }

// cracklib reads its dictionary through static buffers: one check at a time.
std::mutex pwquality_mutex;

}  // namespace

int utf8_length(const std::string& text) {
    int count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > text.size()) return -1;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return -1;
        }
        // Overlong forms and surrogates are not characters either.
        const auto c1 = static_cast<unsigned char>(n > 1 ? text[i + 1] : 0);
        if ((n == 2 && c < 0xC2) || (n == 3 && c == 0xE0 && c1 < 0xA0) || (n == 3 && c == 0xED && c1 >= 0xA0) ||
            (n == 4 && c == 0xF0 && c1 < 0x90) || (n == 4 && (c > 0xF4 || (c == 0xF4 && c1 >= 0x90)))) {
            return -1;
        }
        i += n;
        ++count;
    }
    return count;
}

std::optional<PasswordProblem> password_problem(const std::string& password, const std::string& username,
                                                const std::string& old_password) {
    if (password.empty()) return PasswordProblem{"required", "请输入密码"};
    const int chars = utf8_length(password);
    if (chars < 0) return PasswordProblem{"invalid_text", "密码含有无效的字符编码（应为 UTF-8 文本）"};
    for (unsigned char c : password) {
        if (c < 0x20 || c == 0x7F) return PasswordProblem{"invalid_text", "密码不能含有换行、制表符等控制字符"};
    }
    if (only_of(password, " ")) return PasswordProblem{"only_spaces", "密码不能只由空格组成"};
    if (chars < kPasswordMinChars) {
        return PasswordProblem{"too_short", "密码至少 " + std::to_string(kPasswordMinChars) + " 个字符（现为 " +
                                                std::to_string(chars) + " 个）"};
    }
    if (chars > kPasswordMaxChars) {
        return PasswordProblem{"too_long", "密码不能超过 " + std::to_string(kPasswordMaxChars) + " 个字符（现为 " +
                                               std::to_string(chars) + " 个）"};
    }
    // Phone, ID and birthday numbers are the digits people choose; guessed first by anyone.
    if (only_of(password, "0123456789")) {
        return PasswordProblem{"digits_only", "密码不能只由数字组成（手机号、证件号、生日等容易被猜中）"};
    }
    if (!old_password.empty() && password == old_password) {
        return PasswordProblem{"unchanged", "新密码不能与原密码相同"};
    }
    std::lock_guard<std::mutex> lock(pwquality_mutex);
    std::unique_ptr<pwquality_settings_t, void (*)(pwquality_settings_t*)> settings(pwquality_default_settings(),
                                                                                    pwquality_free_settings);
    if (!settings) return PasswordProblem{"rejected", "暂时无法检查密码强度，请稍后再试"};
    // Length is ours (in characters); libpwquality's lowest minimum (6 bytes) never decides.
    pwquality_set_int_value(settings.get(), PWQ_SETTING_MIN_LENGTH, 6);
    void* aux = nullptr;
    const int rc = pwquality_check(settings.get(), password.c_str(), old_password.empty() ? nullptr : old_password.c_str(),
                                   username.empty() ? nullptr : username.c_str(), &aux);
    if (rc >= 0) return std::nullopt;
    // For the checks used here the auxiliary value is a static cracklib string or a number, never ours to free.
    return from_pwquality(rc, aux);
}

}  // namespace yiyang::auth
