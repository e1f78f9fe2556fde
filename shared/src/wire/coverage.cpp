// GET /api/v1/coverage's reply (wire/coverage.hpp): one list of member names for the server and the dashboard.
#include "yiyang/wire/coverage.hpp"

#include "yiyang/wire/table.hpp"

namespace yiyang::wire {

Table coverage_table(const CoverageReply& reply) {
    Table t;
    t.name = "coverage";
    t.title = "15分钟服务圈覆盖（" + reply.name_zh + "）";
    t.note = reply.schematic_note + "；人数过少的以“<阈值”显示（小数抑制，阈值见公开数据规则）";
    t.columns = {{"town", "镇街", CellKind::Text, 16}, {"elders", "老人数", CellKind::Text, 10},
                 {"covered", "覆盖", CellKind::Text, 10}, {"rate", "覆盖率", CellKind::Text, 10},
                 {"points", "网点", CellKind::Integer, 8}};
    for (const auto& town : reply.towns)
        t.rows.push_back({town.name, town.elders.text, town.covered.text, town.rate.text, std::to_string(town.points)});
    return t;
}

void to_json(json& j, const PublicRate& v) {
    j = json{{"num", v.num ? json(*v.num) : json(nullptr)}, {"den", v.den ? json(*v.den) : json(nullptr)},
             {"text", v.text}};
}
void from_json(const json& j, PublicRate& v) {
    get_opt(j, "num", v.num);
    get_opt(j, "den", v.den);
    v.text = j.at("text").get<std::string>();
}

void to_json(json& j, const CoverageTown& v) {
    j = json{{"town", v.town}, {"name", v.name}, {"centre", v.centre}, {"region", v.region}, {"elders", v.elders},
             {"covered", v.covered}, {"points", v.points}, {"rate", v.rate}};
}
void from_json(const json& j, CoverageTown& v) {
    v.town = j.at("town").get<Id>();
    v.name = j.at("name").get<std::string>();
    v.centre = j.at("centre").get<GeoPoint>();
    v.region = j.at("region").get<std::vector<GeoPoint>>();
    v.elders = j.at("elders").get<PublicCount>();
    v.covered = j.at("covered").get<PublicCount>();
    v.points = j.at("points").get<std::int64_t>();
    v.rate = j.at("rate").get<PublicRate>();
}

void to_json(json& j, const CoveragePoint& v) {
    j = json{{"id", v.id}, {"name", v.name}, {"town", v.town}, {"at", v.at}, {"categories", v.categories}};
}
void from_json(const json& j, CoveragePoint& v) {
    v.id = j.at("id").get<Id>();
    v.name = j.at("name").get<std::string>();
    v.town = j.at("town").get<Id>();
    v.at = j.at("at").get<GeoPoint>();
    v.categories = j.at("categories").get<std::vector<std::string>>();
}

void to_json(json& j, const CoverageGap& v) { j = json{{"centre", v.centre}, {"town", v.town}, {"uncovered", v.uncovered}}; }
void from_json(const json& j, CoverageGap& v) {
    v.centre = j.at("centre").get<GeoPoint>();
    v.town = j.at("town").get<Id>();
    v.uncovered = j.at("uncovered").get<PublicCount>();
}

void to_json(json& j, const CoverageSuggestion& v) {
    j = json{{"at", v.at}, {"town", v.town}, {"newly_covered", v.newly_covered}};
}
void from_json(const json& j, CoverageSuggestion& v) {
    v.at = j.at("at").get<GeoPoint>();
    v.town = j.at("town").get<Id>();
    v.newly_covered = j.at("newly_covered").get<PublicCount>();
}

void to_json(json& j, const CoverageCell& v) {
    j = json::array({v.col, v.row, v.town, v.elders.value ? json(*v.elders.value) : json(nullptr), v.elders.text});
}
void from_json(const json& j, CoverageCell& v) {
    // [col, row, town, value | null, text]: at() throws json's own errors for a short or non-array cell
    v.col = j.at(0).get<std::int32_t>();
    v.row = j.at(1).get<std::int32_t>();
    v.town = j.at(2).get<Id>();
    if (j.at(3).is_null()) v.elders.value.reset();
    else v.elders.value = j.at(3).get<std::int64_t>();
    v.elders.text = j.at(4).get<std::string>();
}

void to_json(json& j, const CoverageCategory& v) { j = json{{"code", v.code}, {"name_zh", v.name_zh}}; }
void from_json(const json& j, CoverageCategory& v) {
    v.code = j.at("code").get<std::string>();
    v.name_zh = j.at("name_zh").get<std::string>();
}

void to_json(json& j, const CoverageReply& v) {
    j = json{{"category", v.category},
             {"name_zh", v.name_zh},
             {"categories", v.categories},
             {"rule_version", v.rule_version},
             {"walk_metres", v.walk_metres},
             {"reach_metres", v.reach_metres},
             {"town", v.town ? json(*v.town) : json(nullptr)},
             {"elders", v.elders},
             {"covered", v.covered},
             {"rate", v.rate},
             {"points", v.points},
             {"towns", v.towns},
             {"gap_cell_metres", v.gap_cell_metres},
             {"gaps", v.gaps},
             {"suggestion", v.suggestion ? json(*v.suggestion) : json(nullptr)},
             {"service_points", v.service_points},
             {"grid_origin", v.grid_origin},
             {"cell_metres", v.cell_metres},
             {"cells", v.cells},
             {"schematic_note", v.schematic_note}};
}
void from_json(const json& j, CoverageReply& v) {
    v.category = j.at("category").get<std::string>();
    v.name_zh = j.at("name_zh").get<std::string>();
    v.categories = j.at("categories").get<std::vector<CoverageCategory>>();
    v.rule_version = j.at("rule_version").get<std::string>();
    v.walk_metres = j.at("walk_metres").get<std::int64_t>();
    v.reach_metres = j.at("reach_metres").get<std::int64_t>();
    get_opt(j, "town", v.town);
    v.elders = j.at("elders").get<PublicCount>();
    v.covered = j.at("covered").get<PublicCount>();
    v.rate = j.at("rate").get<PublicRate>();
    v.points = j.at("points").get<std::int64_t>();
    v.towns = j.at("towns").get<std::vector<CoverageTown>>();
    v.gap_cell_metres = j.at("gap_cell_metres").get<std::int64_t>();
    v.gaps = j.at("gaps").get<std::vector<CoverageGap>>();
    get_opt(j, "suggestion", v.suggestion);
    v.service_points = j.at("service_points").get<std::vector<CoveragePoint>>();
    v.grid_origin = j.at("grid_origin").get<GeoPoint>();
    v.cell_metres = j.at("cell_metres").get<std::int64_t>();
    v.cells = j.at("cells").get<std::vector<CoverageCell>>();
    v.schematic_note = j.at("schematic_note").get<std::string>();
}

}  // namespace yiyang::wire
