// The target table's wire format (wire/target_table.hpp).
#include "yiyang/wire/target_table.hpp"

namespace yiyang::wire {

void to_json(json& j, const TargetTableRow& v) {
    j = json{{"item", v.item},           {"category_zh", v.category_zh}, {"title_zh", v.title_zh},
             {"content_zh", v.content_zh}, {"month", v.month}, {"quarter", v.quarter},           {"year_to_date", v.year_to_date},
             {"status", v.status},       {"status_zh", v.status_zh},     {"on_year", v.on_year}, {"on_quarter", v.on_quarter},
             {"projection", v.projection ? json(*v.projection) : json(nullptr)}, {"basis_zh", v.basis_zh}};
}
void from_json(const json& j, TargetTableRow& v) {
    get_or(j, "item", v.item);
    get_or(j, "category_zh", v.category_zh);
    get_or(j, "title_zh", v.title_zh);
    get_or(j, "content_zh", v.content_zh);
    j.at("month").get_to(v.month);
    j.at("quarter").get_to(v.quarter);
    j.at("year_to_date").get_to(v.year_to_date);
    j.at("status").get_to(v.status);
    get_or(j, "status_zh", v.status_zh);
    get_or(j, "on_year", v.on_year);
    get_or(j, "on_quarter", v.on_quarter);
    get_opt(j, "projection", v.projection);
    get_or(j, "basis_zh", v.basis_zh);
}
void to_json(json& j, const TargetTableCounts& v) {
    j = json{{"met", v.met},       {"not_met", v.not_met}, {"on_track", v.on_track},
             {"behind", v.behind}, {"no_data", v.no_data}, {"as_needed", v.as_needed}};
}
void from_json(const json& j, TargetTableCounts& v) {
    get_or(j, "met", v.met);
    get_or(j, "not_met", v.not_met);
    get_or(j, "on_track", v.on_track);
    get_or(j, "behind", v.behind);
    get_or(j, "no_data", v.no_data);
    get_or(j, "as_needed", v.as_needed);
}
void to_json(json& j, const TargetTableReply& v) {
    j = json{{"month", v.month},
             {"quarter", v.quarter},
             {"year_to_date", v.year_to_date},
             {"project_year", v.project_year},
             {"counted_through", v.counted_through},
             {"targets_version", v.targets_version},
             {"as_of", v.as_of},
             {"rows", v.rows},
             {"counts", v.counts}};
}
void from_json(const json& j, TargetTableReply& v) {
    j.at("month").get_to(v.month);
    j.at("quarter").get_to(v.quarter);
    j.at("year_to_date").get_to(v.year_to_date);
    get_or(j, "project_year", v.project_year);
    get_or(j, "counted_through", v.counted_through);
    get_or(j, "targets_version", v.targets_version);
    get_or(j, "as_of", v.as_of);
    j.at("rows").get_to(v.rows);
    get_or(j, "counts", v.counts);
}

}  // namespace yiyang::wire
