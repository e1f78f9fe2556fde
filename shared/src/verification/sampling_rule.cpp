// The callback-sampling rule's JSON (verification/sampling_rule.hpp).
#include "yiyang/verification/sampling_rule.hpp"

#include <algorithm>
#include <stdexcept>

#include "yiyang/date.hpp"

namespace yiyang::verification {

void from_json(const nlohmann::json& j, SamplingRule& r) {
    if (!j.is_object()) throw std::invalid_argument("回访抽样规则应为 JSON 对象");
    static const char* const known[] = {"version", "comment", "effective_from", "rate_num", "rate_den"};
    for (const auto& item : j.items()) {
        if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return item.key() == k; }))
            throw std::invalid_argument("字段 \"" + item.key() + "\" 不是回访抽样规则的字段");
    }
    SamplingRule out;
    if (j.contains("version")) {
        if (!j.at("version").is_string() || j.at("version").get<std::string>().empty())
            throw std::invalid_argument("字段 \"version\" 应为非空文本");
        out.version = j.at("version").get<std::string>();
    }
    const auto whole = [&](const char* key, std::int64_t& to) {
        if (!j.contains(key)) throw std::invalid_argument(std::string("缺少字段 \"") + key + "\"");
        const auto& x = j.at(key);
        if (!x.is_number_integer() || x.get<std::int64_t>() <= 0 || x.get<std::int64_t>() > 1'000'000)
            throw std::invalid_argument(std::string("字段 \"") + key + "\" 应为 1 到 1000000 之间的整数，实际为 " + x.dump());
        to = x.get<std::int64_t>();
    };
    whole("rate_num", out.rate.num);
    whole("rate_den", out.rate.den);
    if (out.rate.num > out.rate.den)
        throw std::invalid_argument("字段 \"rate_num\" 不能大于 rate_den（抽样比例不能超过100%）");
    if (j.contains("effective_from") &&
        (!j.at("effective_from").is_string() || !parse_date(j.at("effective_from").get<std::string>())))
        throw std::invalid_argument("字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 " +
                                    j.at("effective_from").dump());
    r = std::move(out);
}

void to_json(nlohmann::json& j, const SamplingRule& r) {
    j = nlohmann::json{{"version", r.version}, {"rate_num", r.rate.num}, {"rate_den", r.rate.den}};
}

}  // namespace yiyang::verification
