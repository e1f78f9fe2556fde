// JSON of the import preview (yiyang/wire/imports.hpp).
#include "yiyang/wire/imports.hpp"

namespace yiyang {

void to_json(nlohmann::json& j, const ImportError& e) {
    j = {{"row", e.row}, {"column", e.column}, {"message", e.message_zh}, {"text", text_zh(e)}};
}
void from_json(const nlohmann::json& j, ImportError& e) {
    j.at("row").get_to(e.row);
    j.at("column").get_to(e.column);
    j.at("message").get_to(e.message_zh);
}

}  // namespace yiyang

namespace yiyang::wire {

void to_json(json& j, const ImportPreview& p) {
    j = {{"list", p.list}, {"list_name", p.list_name}, {"dry_run", p.dry_run}, {"file_name", p.file_name},
         {"sha256", p.sha256}, {"file_kind", p.file_kind}, {"encoding", p.encoding}, {"sheet", p.sheet},
         {"header_row", p.header_row}, {"rows", p.rows}, {"added", p.added}, {"changed", p.changed},
         {"unchanged", p.unchanged}, {"error_count", p.error_count}, {"errors", p.errors}};
    put_opt(j, "import_id", p.import_id);
}
void from_json(const json& j, ImportPreview& p) {
    j.at("list").get_to(p.list);
    get_or(j, "list_name", p.list_name);
    j.at("dry_run").get_to(p.dry_run);
    get_opt(j, "import_id", p.import_id);
    get_or(j, "file_name", p.file_name);
    get_or(j, "sha256", p.sha256);
    get_or(j, "file_kind", p.file_kind);
    get_or(j, "encoding", p.encoding);
    get_or(j, "sheet", p.sheet);
    get_or(j, "header_row", p.header_row);
    j.at("rows").get_to(p.rows);
    j.at("added").get_to(p.added);
    j.at("changed").get_to(p.changed);
    j.at("unchanged").get_to(p.unchanged);
    j.at("error_count").get_to(p.error_count);
    j.at("errors").get_to(p.errors);
}

void to_json(json& j, const ImportRejected& r) {
    j = {{"error", {{"code", "invalid_import"}, {"message", r.message}, {"preview", r.preview}}}};
}
void from_json(const json& j, ImportRejected& r) {
    const json& e = j.at("error");
    e.at("message").get_to(r.message);
    e.at("preview").get_to(r.preview);
}

}  // namespace yiyang::wire
