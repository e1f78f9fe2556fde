// PLACEHOLDER until branch `prefill` lands (session of 2026-12-05 night): the interface only — every prefilled
// item reads 0 with a note saying so. The branch replaces this file with the real reading of the records.
#include "app/assessment_prefill.hpp"

namespace yiyang::app {

wire::AssessmentPrefill assessment_prefill(SQLite::Database&, Id provider_id, const std::string& project_code,
                                           const Period& month, const assessment::ScorecardRule& rule) {
    wire::AssessmentPrefill p;
    p.provider_id = provider_id;
    p.project_code = project_code;
    p.month = month.code();
    p.rule_version = rule.version;
    for (const auto& part : rule.parts)
        for (const auto& item : part.items) {
            const std::string src = assessment::code(item.source);
            if (src == "manual") continue;
            p.items.push_back(wire::PrefillItem{item.code, src, 0, "（预填尚未实现）", {}, false});
        }
    p.notes_zh.push_back("预填尚未实现：各项计数为 0");
    return p;
}

}  // namespace yiyang::app
