// Reproducible callback sampling (the algorithm is written out in verification/sampling.hpp).
#include "yiyang/verification/sampling.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

namespace yiyang::verification {

namespace {
__extension__ typedef __int128 Wide;

void check_rate(const Ratio& rate) {
    if (rate.den <= 0 || rate.num <= 0 || rate.num > rate.den)
        throw std::invalid_argument("抽样比例须大于0且不超过100%");
}
}  // namespace

std::int64_t sample_size(const Ratio& rate, std::int64_t frame_size) {
    check_rate(rate);
    const Wide p = static_cast<Wide>(rate.num) * frame_size;
    return static_cast<std::int64_t>((p + rate.den - 1) / rate.den);   // ceil for p >= 0
}

std::map<std::string, std::int64_t> apportion(const Ratio& rate, const std::map<std::string, std::int64_t>& frames) {
    check_rate(rate);
    std::int64_t total = 0;
    for (const auto& [town, n] : frames) total += n;
    std::int64_t left = sample_size(rate, total);
    std::map<std::string, std::int64_t> out;
    std::vector<std::tuple<Wide, std::string>> remainders;   // (remainder, town)
    for (const auto& [town, n] : frames) {
        const Wide p = static_cast<Wide>(rate.num) * n;
        out[town] = static_cast<std::int64_t>(p / rate.den);
        left -= out[town];
        remainders.emplace_back(p % rate.den, town);
    }
    // Largest remainder first; equal remainders by town name (byte order).
    std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
        if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
        return std::get<1>(a) < std::get<1>(b);
    });
    for (std::size_t i = 0; left > 0 && i < remainders.size(); ++i, --left) ++out[std::get<1>(remainders[i])];
    return out;
}

SampleDraw draw_sample(const SampleInput& in, const std::vector<SubscriberRow>& subscribers,
                       const SampleKeyFunction& sha256_hex) {
    check_rate(in.rate);
    SampleDraw out;
    out.input = in;
    // The frame, one entry per ID number (its town from its first active row in the ledger).
    std::map<std::string, std::string> town_of;   // id key -> town
    for (const auto& s : subscribers)
        if (active_on(s, in.draw_date)) town_of.emplace(id_key(s.id_number), in.by_town ? s.town : std::string());
    std::map<std::string, std::vector<Drawn>> strata;
    std::vector<std::string> frame;
    for (const auto& [id, town] : town_of) {
        frame.push_back(id);
        strata[town].push_back({id, sha256_hex(in.seed + ":" + id)});
    }
    out.frame = make_tally(std::move(frame));
    out.size = sample_size(in.rate, out.frame.count());

    std::map<std::string, std::int64_t> frames;
    for (const auto& [town, list] : strata) frames[town] = static_cast<std::int64_t>(list.size());
    const auto sizes = apportion(in.rate, frames);
    std::vector<std::string> sample;
    for (auto& [town, list] : strata) {
        std::sort(list.begin(), list.end(),
                  [](const Drawn& a, const Drawn& b) { return std::tie(a.key, a.id_number) < std::tie(b.key, b.id_number); });
        Stratum st{town, static_cast<std::int64_t>(list.size()), sizes.at(town), std::move(list)};
        for (std::int64_t i = 0; i < st.size; ++i) sample.push_back(st.order[static_cast<std::size_t>(i)].id_number);
        out.strata.push_back(std::move(st));
    }
    out.sample = make_tally(std::move(sample));
    out.share = Rate{out.sample, out.frame};
    return out;
}

std::map<std::string, std::string> replacements(const SampleDraw& draw, const std::vector<std::string>& unreachable) {
    std::map<std::string, std::string> out;
    std::map<std::string, std::size_t> next;   // stratum -> next reserve position
    std::map<std::string, const Stratum*> stratum_of;
    for (const auto& st : draw.strata)
        for (const auto& d : st.order) stratum_of[d.id_number] = &st;
    for (const auto& raw : unreachable) {
        const auto id = id_key(raw);
        auto it = stratum_of.find(id);
        if (it == stratum_of.end() || out.count(id)) continue;
        const Stratum& st = *it->second;
        auto& pos = next.try_emplace(st.town, static_cast<std::size_t>(st.size)).first->second;
        out[id] = pos < st.order.size() ? st.order[pos++].id_number : std::string();
    }
    return out;
}

Date default_draw_date(const Period& quarter) { return months_of(quarter)[1].last_day(); }
std::string default_sample_seed(const Period& quarter) { return "yiyang-" + quarter.code(); }

}  // namespace yiyang::verification
