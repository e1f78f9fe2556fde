// Information-service fees of a quarter and the verification fee rule (info_service_fees.hpp).
#include "yiyang/info_service_fees.hpp"

#include <algorithm>
#include <stdexcept>

namespace yiyang {

using nlohmann::json;

void from_json(const json& j, VerificationFees& v) {
    if (!j.is_object()) throw std::invalid_argument("核查计费标准应为 JSON 对象");
    VerificationFees out;
    for (const auto& item : j.items()) {
        static const char* const known[] = {"version", "comment", "effective_from", "info_service_fen",
                                            "physical_service_fen"};
        if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return item.key() == k; })) {
            throw std::invalid_argument("字段 \"" + item.key() + "\" 不是核查计费标准的字段");
        }
    }
    if (j.contains("version")) {
        if (!j.at("version").is_string() || j.at("version").get<std::string>().empty()) {
            throw std::invalid_argument("字段 \"version\" 应为非空文本");
        }
        out.version = j.at("version").get<std::string>();
    }
    const auto fen = [&](const char* key, Fen& to) {
        if (!j.contains(key)) return;
        const auto& x = j.at(key);
        if (!x.is_number_integer() || x.get<std::int64_t>() <= 0 || x.get<std::int64_t>() > 100'000'00) {
            throw std::invalid_argument(std::string("字段 \"") + key + "\" 应为 1 到 10000000 之间的整数（分），实际为 " +
                                        x.dump());
        }
        to = x.get<Fen>();
    };
    fen("info_service_fen", out.info_service_fen);
    fen("physical_service_fen", out.physical_service_fen);
    if (j.contains("effective_from") &&
        (!j.at("effective_from").is_string() || !parse_date(j.at("effective_from").get<std::string>()))) {
        throw std::invalid_argument("字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 " +
                                    j.at("effective_from").dump());
    }
    v = std::move(out);
}

void to_json(json& j, const VerificationFees& v) {
    j = json{{"version", v.version}, {"info_service_fen", v.info_service_fen},
             {"physical_service_fen", v.physical_service_fen}};
}

const char* code(InfoServiceCount c) {
    switch (c) {
        case InfoServiceCount::AtStart: return "at_start";
        case InfoServiceCount::Added: return "added";
        case InfoServiceCount::Removed: return "removed";
        case InfoServiceCount::Total: return "total";
    }
    return "";
}

const char* label_zh(InfoServiceCount c) {
    switch (c) {
        case InfoServiceCount::AtStart: return "原有服务对象";
        case InfoServiceCount::Added: return "新增服务对象";
        case InfoServiceCount::Removed: return "拆机核减人员";
        case InfoServiceCount::Total: return "合计人数";
    }
    return "";
}

std::optional<InfoServiceCount> info_service_count_from_code(std::string_view s) {
    for (auto c : {InfoServiceCount::AtStart, InfoServiceCount::Added, InfoServiceCount::Removed,
                   InfoServiceCount::Total}) {
        if (s == code(c)) return c;
    }
    return std::nullopt;
}

bool counts_in(const Subscription& s, const Period& month, InfoServiceCount c) {
    if (s.to && *s.to < s.from) return false;
    const Date first = month.first_day(), last = month.last_day();
    switch (c) {
        case InfoServiceCount::AtStart: return s.from < first && (!s.to || *s.to >= first);
        case InfoServiceCount::Added: return first <= s.from && s.from <= last;
        case InfoServiceCount::Removed: return s.to && first <= *s.to && *s.to <= last;
        case InfoServiceCount::Total: return s.from <= last && (!s.to || *s.to > last);
    }
    return false;
}

InfoServiceQuarter info_service_quarter(const std::vector<Subscription>& subs, const Period& quarter,
                                        const std::array<Fen, 3>& unit_fee_fen) {
    InfoServiceQuarter q;
    q.quarter = quarter;
    const Date first = quarter.first_day();
    for (int i = 0; i < 3; ++i) {
        auto& m = q.months[static_cast<std::size_t>(i)];
        m.month = month_of(Date{first.year, first.month + i, 1});
        m.unit_fee_fen = unit_fee_fen[static_cast<std::size_t>(i)];
    }
    for (const auto& s : subs) {
        for (auto& m : q.months) {
            if (counts_in(s, m.month, InfoServiceCount::AtStart)) ++m.at_start;
            if (counts_in(s, m.month, InfoServiceCount::Added)) ++m.added;
            if (counts_in(s, m.month, InfoServiceCount::Removed)) ++m.removed;
        }
    }
    for (auto& m : q.months) {
        m.total = m.at_start + m.added - m.removed;   // = the subscriptions in service when the month ends
        m.fee_fen = m.total * m.unit_fee_fen;
        q.at_start += m.at_start;
        q.added += m.added;
        q.removed += m.removed;
        q.person_months += m.total;
        q.fee_fen += m.fee_fen;
    }
    return q;
}

std::vector<Subscription> info_service_members(const std::vector<Subscription>& subs, const Period& month,
                                               InfoServiceCount c) {
    std::vector<Subscription> out;
    for (const auto& s : subs) {
        if (counts_in(s, month, c)) out.push_back(s);
    }
    std::sort(out.begin(), out.end(), [](const Subscription& a, const Subscription& b) {
        return a.elder_id != b.elder_id ? a.elder_id < b.elder_id : a.from < b.from;
    });
    return out;
}

std::optional<Period> parse_quarter(std::string_view text) {
    if (text.size() != 6 && text.size() != 7) return std::nullopt;
    std::string s(text);
    if (s.size() == 6) s.insert(4, "-");
    if (s[5] == 'q') s[5] = 'Q';
    auto p = parse_period(s);
    if (!p || p->kind != PeriodKind::Quarter) return std::nullopt;
    return p;
}

}  // namespace yiyang
