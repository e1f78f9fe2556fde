// JSON of the quarterly verification report (yiyang/wire/verification_report.hpp).
#include "yiyang/wire/verification_report.hpp"

namespace yiyang::wire {

void to_json(json& j, const ReportCell& c) {
    j = {{"text", c.text}};
    put_opt(j, "value", c.value);
    if (!c.drill.empty()) j["drill"] = c.drill;
    put_opt(j, "previous", c.previous);
}
void from_json(const json& j, ReportCell& c) {
    j.at("text").get_to(c.text);
    get_opt(j, "value", c.value);
    get_or(j, "drill", c.drill);
    get_opt(j, "previous", c.previous);
}

void to_json(json& j, const ReportTable& t) {
    j = {{"code", t.code}, {"title", t.title_zh}, {"columns", t.columns}, {"rows", t.rows}, {"note", t.note_zh}};
}
void from_json(const json& j, ReportTable& t) {
    j.at("code").get_to(t.code);
    j.at("title").get_to(t.title_zh);
    j.at("columns").get_to(t.columns);
    j.at("rows").get_to(t.rows);
    get_or(j, "note", t.note_zh);
}

void to_json(json& j, const QuarterReport& r) {
    j = {{"quarter", r.quarter}, {"quarter_label", r.quarter_label_zh}, {"period_label", r.period_label_zh},
         {"title", r.title_zh}, {"town_name", r.town_name}, {"tables", r.tables},
         {"previous_quarter", r.previous_quarter}, {"previous_available", r.previous_available},
         {"previous_signed_zh", r.previous_signed_zh},
         {"recommendations", r.recommendations_zh}, {"recommendations_default", r.recommendations_default},
         {"rule_versions", r.rule_versions}, {"rounding", r.rounding}, {"decimals", r.decimals},
         {"generated_at", r.generated_at}, {"masked", r.masked}};
    put_opt(j, "town_id", r.town_id);
}
void from_json(const json& j, QuarterReport& r) {
    j.at("quarter").get_to(r.quarter);
    get_or(j, "quarter_label", r.quarter_label_zh);
    get_or(j, "period_label", r.period_label_zh);
    get_or(j, "title", r.title_zh);
    get_opt(j, "town_id", r.town_id);
    get_or(j, "town_name", r.town_name);
    j.at("tables").get_to(r.tables);
    get_or(j, "previous_quarter", r.previous_quarter);
    get_or(j, "previous_available", r.previous_available);
    get_or(j, "previous_signed_zh", r.previous_signed_zh);
    get_or(j, "recommendations", r.recommendations_zh);
    get_or(j, "recommendations_default", r.recommendations_default);
    get_or(j, "rule_versions", r.rule_versions);
    get_or(j, "rounding", r.rounding);
    get_or(j, "decimals", r.decimals);
    get_or(j, "generated_at", r.generated_at);
    get_or(j, "masked", r.masked);
}

const ReportCell* find_cell(const QuarterReport& r, const std::string& drill) {
    for (const auto& t : r.tables)
        for (const auto& row : t.rows)
            for (const auto& c : row)
                if (c.drill == drill) return &c;
    return nullptr;
}

}  // namespace yiyang::wire
