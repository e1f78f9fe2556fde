// Amounts in Chinese capitals (money_words.hpp).
#include "yiyang/money_words.hpp"

#include <array>
#include <cstdint>

namespace yiyang {

namespace {

constexpr std::array<const char*, 10> kDigit{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
constexpr std::array<const char*, 4> kPlace{"", "拾", "佰", "仟"};
constexpr std::array<const char*, 5> kGroup{"", "万", "亿", "万亿", "亿亿"};

// The whole yuan (> 0) in capitals, without 元.
std::string yuan_words(std::uint64_t yuan) {
    // Groups of four digits, lowest first.
    std::array<int, 5> groups{};
    int n = 0;
    while (yuan > 0) {
        groups[static_cast<std::size_t>(n++)] = static_cast<int>(yuan % 10000);
        yuan /= 10000;
    }
    std::string out;
    bool zero_pending = false;   // a zero was skipped since the last written digit
    for (int g = n - 1; g >= 0; --g) {
        const int v = groups[static_cast<std::size_t>(g)];
        if (v == 0) {
            zero_pending = !out.empty();
            continue;
        }
        for (int p = 3; p >= 0; --p) {
            int d = v;
            for (int i = 0; i < p; ++i) d /= 10;
            d %= 10;
            if (d == 0) {
                if (!out.empty()) zero_pending = true;
                continue;
            }
            if (zero_pending) out += kDigit[0];
            zero_pending = false;
            out += kDigit[static_cast<std::size_t>(d)];
            out += kPlace[static_cast<std::size_t>(p)];
        }
        out += kGroup[static_cast<std::size_t>(g)];
    }
    return out;
}

}  // namespace

std::string fen_in_capitals(Fen amount) {
    std::string out;
    std::uint64_t a;
    if (amount < 0) {
        out = "负";
        a = static_cast<std::uint64_t>(-(amount + 1)) + 1;   // also for the smallest Fen
    } else {
        a = static_cast<std::uint64_t>(amount);
    }
    const std::uint64_t yuan = a / 100;
    const int jiao = static_cast<int>(a / 10 % 10), fen = static_cast<int>(a % 10);
    if (yuan == 0 && jiao == 0 && fen == 0) return out + "零元整";
    if (yuan > 0) out += yuan_words(yuan) + "元";
    if (jiao == 0 && fen == 0) return out + "整";
    if (jiao > 0) {
        out += std::string(kDigit[static_cast<std::size_t>(jiao)]) + "角";
    } else if (yuan > 0) {
        out += kDigit[0];   // 壹元零伍分
    }
    if (fen > 0) out += std::string(kDigit[static_cast<std::size_t>(fen)]) + "分";
    return out;
}

}  // namespace yiyang
