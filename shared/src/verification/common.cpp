// Shared pieces of the verification figures (see verification/common.hpp): tallies, percentages by the report
// rule, matching keys, and billed/active predicates.
#include "yiyang/verification/common.hpp"
#include "yiyang/info_service_fees.hpp"

#include <algorithm>
#include <stdexcept>

namespace yiyang::verification {

Tally make_tally(std::vector<std::string> keys) {
    if (!std::is_sorted(keys.begin(), keys.end())) std::sort(keys.begin(), keys.end());   // often sorted already
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return Tally{TallyKeys(std::move(keys))};
}

void from_json(const nlohmann::json& j, ReportRule& r) {
    if (!j.is_object()) throw std::invalid_argument("报告规则：应为对象");
    r = ReportRule{};
    if (auto it = j.find("rounding"); it != j.end()) {
        const auto mode = it->is_string() ? rounding_from_code(it->get<std::string>()) : std::nullopt;
        if (!mode) throw std::invalid_argument("报告规则 rounding：应为 \"half_up\"（四舍五入）或 \"truncate\"（截断）");
        r.rounding = *mode;
    }
    if (auto it = j.find("decimals"); it != j.end()) {
        if (!it->is_number_integer() || it->get<int>() < 0 || it->get<int>() > 4)
            throw std::invalid_argument("报告规则 decimals：应为0至4的整数");
        r.decimals = it->get<int>();
    }
}

void to_json(nlohmann::json& j, const ReportRule& r) {
    j = nlohmann::json{{"rounding", code(r.rounding)}, {"decimals", r.decimals}};
}

std::string percent_text(const Ratio& r, const ReportRule& rule) { return r.percent_text(rule.decimals, rule.rounding); }
std::string percent_text(const Rate& r, const ReportRule& rule) { return percent_text(r.ratio(), rule); }

namespace {

// Bytes of a blank at s[i]: ASCII space/tab/CR/LF, U+3000 (E3 80 80), U+00A0 (C2 A0); else 0.
std::size_t blank_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
    return 0;
}

}  // namespace

std::string id_key(std::string_view s) {
    std::string out;
    out.reserve(18);
    for (std::size_t i = 0; i < s.size();) {
        if (const auto n = blank_at(s, i)) { i += n; continue; }
        // Full-width ０..９ are EF BC 90..99; Ｘ EF BC B8; ｘ EF BD 98.
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF) {
            const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
            if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) { out += static_cast<char>('0' + (b2 - 0x90)); i += 3; continue; }
            if ((b1 == 0xBC && b2 == 0xB8) || (b1 == 0xBD && b2 == 0x98)) { out += 'X'; i += 3; continue; }
        }
        out += s[i] == 'x' ? 'X' : s[i];
        ++i;
    }
    return out;
}

std::optional<std::uint64_t> packed_id_key(std::string_view id) {
    if (id.size() != 18) return std::nullopt;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        if (id[i] < '0' || id[i] > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(id[i] - '0');
    }
    if (id[17] == 'X') return v * 11 + 10;
    if (id[17] < '0' || id[17] > '9') return std::nullopt;
    return v * 11 + static_cast<std::uint64_t>(id[17] - '0');
}

std::string name_key(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (const auto n = blank_at(s, i)) { i += n; continue; }
        out += s[i++];
    }
    return out;
}

std::vector<Period> months_of(const Period& p) {
    std::vector<Period> out;
    for (Period m = month_of(p.first_day()); m.first_day() <= p.last_day(); m = m.next()) out.push_back(m);
    return out;
}

bool billed_in_month(const SubscriberRow& s, const Period& month) {
    // One rule of counting: the information-service fees' 合计 (info_service_fees.hpp counts_in).
    return counts_in(Subscription{0, s.opened, s.removed}, month, InfoServiceCount::Total);
}

bool active_on(const SubscriberRow& s, const Date& day) {
    return s.opened <= day && !(s.removed && *s.removed <= day);
}

}  // namespace yiyang::verification
