// Password quality for every password a person chooses (sign-in page, command line): length in characters,
// not only spaces or digits, then libpwquality (cracklib dictionary, palindromes, the user name, similarity).
#pragma once
#include <optional>
#include <string>

namespace yiyang::auth {

constexpr int kPasswordMinChars = 10;
// Sign-in refuses bodies over 256 bytes; 64 characters of at most 4 bytes each always fit.
constexpr int kPasswordMaxChars = 64;

struct PasswordProblem {
    std::string code;      // too_short, too_long, only_spaces, digits_only, dictionary, ... (stable, for clients)
    std::string message;   // Chinese, saying what is wrong
};

// Number of Unicode code points, or -1 when the text is not valid UTF-8.
int utf8_length(const std::string& text);

// Why `password` may not be used by `username` (nullopt = acceptable). `old_password` (may be empty) is the one it
// replaces: a new password must not be the same or merely a variation of it.
std::optional<PasswordProblem> password_problem(const std::string& password, const std::string& username,
                                                const std::string& old_password = "");

}  // namespace yiyang::auth
