// Parsing of the verification rule kinds (verification/rule_kinds.hpp): the registry's envelope (version,
// effective date, comment) around the shared rule bodies, unknown fields refused by name.
#include "yiyang/verification/rule_kinds.hpp"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>

#include "yiyang/date.hpp"

namespace yiyang {

namespace {

// The envelope every rule body has, plus the kind's own fields; returns the version ("" when absent).
std::string envelope(const nlohmann::json& j, const char* name_zh, std::initializer_list<const char*> own) {
    if (!j.is_object()) throw std::invalid_argument(std::string(name_zh) + "应为 JSON 对象");
    for (const auto& item : j.items()) {
        const auto& k = item.key();
        const bool known = k == "version" || k == "comment" || k == "effective_from" ||
                           std::any_of(own.begin(), own.end(), [&](const char* o) { return k == o; });
        if (!known) throw std::invalid_argument("字段 \"" + k + "\" 不是" + name_zh + "的字段");
    }
    std::string version;
    if (j.contains("version")) {
        if (!j.at("version").is_string() || j.at("version").get<std::string>().empty()) {
            throw std::invalid_argument("字段 \"version\" 应为非空文本");
        }
        version = j.at("version").get<std::string>();
    }
    if (j.contains("effective_from") &&
        (!j.at("effective_from").is_string() || !parse_date(j.at("effective_from").get<std::string>()))) {
        throw std::invalid_argument("字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 " +
                                    j.at("effective_from").dump());
    }
    return version;
}

}  // namespace

void from_json(const nlohmann::json& j, VerificationEligibility& v) {
    VerificationEligibility out;
    out.version = envelope(j, "核查资格规则", {"qualifying_categories", "min_age"});
    out.rule = j.get<verification::EligibilityRule>();
    v = std::move(out);
}

void to_json(nlohmann::json& j, const VerificationEligibility& v) {
    j = nlohmann::json(v.rule);
    j["version"] = v.version;
}

void from_json(const nlohmann::json& j, VerificationReportRule& v) {
    VerificationReportRule out;
    out.version = envelope(j, "核查报告规则", {"rounding", "decimals"});
    out.rule = j.get<verification::ReportRule>();
    v = std::move(out);
}

void to_json(nlohmann::json& j, const VerificationReportRule& v) {
    j = nlohmann::json(v.rule);
    j["version"] = v.version;
}

}  // namespace yiyang
