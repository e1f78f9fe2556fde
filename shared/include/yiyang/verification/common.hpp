// What every figure of the quarterly verification (核查, issue 10) shares: a count that carries the records behind
// it (drill-down), the report rule that says how percentages are cut, ID numbers as keys for matching, and the
// one reading of "billed in a month" that the death and information-service figures both use.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/import.hpp"
#include "yiyang/money.hpp"
#include "yiyang/period.hpp"
#include "yiyang/ratio.hpp"

namespace yiyang::verification {

// The keys of a tally: sorted, unique and immutable once made, so copies share them — a copy of a city quarter's
// tally (6 000 000 record numbers) is a pointer, not the strings. Read like a const std::vector<std::string>.
class TallyKeys {
public:
    using value_type = std::string;
    using size_type = std::size_t;
    using const_iterator = std::vector<std::string>::const_iterator;
    using iterator = const_iterator;
    using const_reference = const std::string&;
    using reference = const_reference;
    TallyKeys() = default;
    explicit TallyKeys(std::vector<std::string> keys)
        : keys_(keys.empty() ? nullptr : std::make_shared<const std::vector<std::string>>(std::move(keys))) {}
    const std::vector<std::string>& vec() const { return keys_ ? *keys_ : none(); }
    operator const std::vector<std::string>&() const { return vec(); }
    const_iterator begin() const { return vec().begin(); }
    const_iterator end() const { return vec().end(); }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    std::size_t size() const { return keys_ ? keys_->size() : 0; }
    bool empty() const { return size() == 0; }
    const std::string& operator[](std::size_t i) const { return (*keys_)[i]; }
    const std::string& front() const { return keys_->front(); }
    const std::string& back() const { return keys_->back(); }
    friend bool operator==(const TallyKeys& a, const TallyKeys& b) { return a.keys_ == b.keys_ || a.vec() == b.vec(); }
    friend bool operator==(const TallyKeys& a, const std::vector<std::string>& b) { return a.vec() == b; }

private:
    static const std::vector<std::string>& none() {
        static const std::vector<std::string> empty;
        return empty;
    }
    std::shared_ptr<const std::vector<std::string>> keys_;
};

// A count and the records it counts: record numbers (实体服务记录) or ID numbers (people), sorted, unique.
// The count IS keys.size(): a figure can never disagree with its drill-down.
struct Tally {
    TallyKeys keys;
    std::int64_t count() const { return static_cast<std::int64_t>(keys.size()); }
    friend bool operator==(const Tally&, const Tally&) = default;
};
// Sorted and de-duplicated (the only way figures build a Tally).
Tally make_tally(std::vector<std::string> keys);

// A rate whose numerator and denominator both drill down.
struct Rate {
    Tally numerator, denominator;
    Ratio ratio() const { return Ratio{numerator.count(), denominator.count()}; }
};

// The versioned report rule (kind "verification-report", input; the server loads the version in force): how a
// percentage is cut to its decimals. Default half-up; the Hanjiang report truncates (176/188 -> 93.61 %).
struct ReportRule {
    Rounding rounding = Rounding::HalfUp;
    int decimals = 2;
};
// Body of the rule: {"rounding": "truncate" | "half_up", "decimals": 0..4}; both optional (defaults above).
// from_json throws std::invalid_argument naming the field ("报告规则 rounding：…").
void from_json(const nlohmann::json& j, ReportRule& r);
void to_json(nlohmann::json& j, const ReportRule& r);
std::string percent_text(const Ratio& r, const ReportRule& rule);   // "93.61%"; "—" when no data
std::string percent_text(const Rate& r, const ReportRule& rule);

// The key two lists are matched on: blanks (ASCII, U+3000, U+00A0) removed, full-width digits and X made ASCII,
// a lowercase x upper-cased. No validation: a cremation list's malformed number still matches what it equals.
std::string id_key(std::string_view id_number);
// An ID number written as imports store it — 17 ASCII digits and a digit or X, so that id_key(id) == id — as one
// integer (digits · 11 + check, X = 10: equal exactly when the texts are); none for any other text.
std::optional<std::uint64_t> packed_id_key(std::string_view id_number);
// Names compared after removing blanks (a staff member's "张 三" is 张三); nothing else is folded.
std::string name_key(std::string_view name);

// The months of a period in order (a quarter -> its three months).
std::vector<Period> months_of(const Period& p);

// Billed in a month (信息化服务计费): the 合计 of info_service_fees.hpp counts_in — opened on or before the month's
// last day, and not removed on or before it.
// Read from the Hanjiang table: 5 953 + 11 new − 38 removed = 5 926 billed in January — a subscriber removed in a
// month is no longer billed for that month; one opened in a month is billed for it.
bool billed_in_month(const SubscriberRow& s, const Period& month);
// Active on a day (the sampling frame): opened on or before it and not removed on or before it.
bool active_on(const SubscriberRow& s, const Date& day);

}  // namespace yiyang::verification
