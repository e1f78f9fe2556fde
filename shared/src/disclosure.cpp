// Small-cell suppression for kiosk and public replies (disclosure.hpp says the rules).
#include "yiyang/disclosure.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "rule_text.hpp"

namespace yiyang::disclosure {

using json = nlohmann::json;

void from_json(const json& j, DisclosureRule& r) {
    DisclosureRule out;
    out.version = rule_text::envelope(j, "公开数据规则", {"small_cell_min"});
    if (!j.contains("small_cell_min")) throw std::invalid_argument("缺少字段 \"small_cell_min\"");
    const auto& m = j.at("small_cell_min");
    if (!m.is_number_integer() || m.get<std::int64_t>() < 2 || m.get<std::int64_t>() > 100)
        throw std::invalid_argument("字段 \"small_cell_min\" 应为 2 到 100 之间的整数，实际为 " + m.dump());
    out.small_cell_min = m.get<std::int64_t>();
    r = std::move(out);
}

void to_json(json& j, const DisclosureRule& r) {
    j = json{{"version", r.version}, {"small_cell_min", r.small_cell_min}};
}

bool is_small(std::int64_t n, const DisclosureRule& r) { return n > 0 && n < r.small_cell_min; }

namespace {
PublicCount hidden(const DisclosureRule& r) { return PublicCount{std::nullopt, "<" + std::to_string(r.small_cell_min)}; }
}  // namespace

PublicCount disclose(std::int64_t n, const DisclosureRule& r) {
    if (is_small(n, r)) return hidden(r);
    return PublicCount{n, std::to_string(n)};
}

std::vector<PublicCount> disclose_group(const std::vector<std::int64_t>& cells, const DisclosureRule& r) {
    std::vector<PublicCount> out;
    out.reserve(cells.size());
    std::size_t suppressed = 0;
    for (const auto n : cells) {
        out.push_back(disclose(n, r));
        if (!out.back().value) ++suppressed;
    }
    if (suppressed == 1) {
        // The total minus the shown cells would give the hidden one back: hide the smallest other non-zero cell.
        std::optional<std::size_t> pick;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (!out[i].value || cells[i] == 0) continue;
            if (!pick || cells[i] < cells[*pick]) pick = i;
        }
        // Shown as "—", not "<5": it is not a small count (saying "<5" of 30 would be false), only withheld.
        if (pick) out[*pick] = PublicCount{std::nullopt, "—"};
    }
    return out;
}

std::vector<PublicCount> disclose_nested(const std::vector<std::int64_t>& cells, const std::vector<std::int64_t>& group_of,
                                         const DisclosureRule& r) {
    auto out = disclose_group(cells, r);
    std::map<std::int64_t, std::vector<std::size_t>> members;   // sub-group → its cells, in input order
    for (std::size_t i = 0; i < cells.size() && i < group_of.size(); ++i) members[group_of[i]].push_back(i);
    for (const auto& [group, idx] : members) {
        std::size_t hidden = 0;
        for (const auto i : idx) hidden += out[i].value ? 0 : 1;
        if (hidden != 1) continue;
        std::optional<std::size_t> pick;
        for (const auto i : idx) {
            if (!out[i].value || cells[i] == 0) continue;
            if (!pick || cells[i] < cells[*pick]) pick = i;
        }
        if (pick) out[*pick] = PublicCount{std::nullopt, "—"};
    }
    return out;
}

std::optional<Ratio> disclose_rate(const Ratio& rate, const DisclosureRule& r) {
    if (!rate.defined() || rate.den < r.small_cell_min) return std::nullopt;
    if (is_small(rate.num, r) || is_small(rate.den - rate.num, r)) return std::nullopt;
    return rate;
}

void to_json(json& j, const PublicCount& v) {
    j = json{{"value", v.value ? json(*v.value) : json(nullptr)}, {"text", v.text}};
}
void from_json(const json& j, PublicCount& v) {
    const auto& x = j.at("value");
    v.value = x.is_null() ? std::nullopt : std::optional<std::int64_t>(x.get<std::int64_t>());
    v.text = j.at("text").get<std::string>();
}

}  // namespace yiyang::disclosure
