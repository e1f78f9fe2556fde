// JSON of the kept imports (yiyang/wire/import_batches.hpp).
#include "yiyang/wire/import_batches.hpp"

namespace yiyang::wire {

void to_json(json& j, const ImportBatchSummary& b) {
    j = {{"id", b.id}, {"list", b.list}, {"list_name", b.list_name}, {"file_name", b.file_name}, {"sha256", b.sha256},
         {"file_kind", b.file_kind}, {"encoding", b.encoding}, {"sheet", b.sheet}, {"bytes", b.bytes},
         {"user_id", b.user_id}, {"username", b.username}, {"imported_at", b.imported_at}, {"rows", b.rows},
         {"added", b.added}, {"changed", b.changed}, {"unchanged", b.unchanged}};
}
void from_json(const json& j, ImportBatchSummary& b) {
    j.at("id").get_to(b.id);
    j.at("list").get_to(b.list);
    get_or(j, "list_name", b.list_name);
    get_or(j, "file_name", b.file_name);
    j.at("sha256").get_to(b.sha256);
    get_or(j, "file_kind", b.file_kind);
    get_or(j, "encoding", b.encoding);
    get_or(j, "sheet", b.sheet);
    get_or(j, "bytes", b.bytes);
    get_or(j, "user_id", b.user_id);
    get_or(j, "username", b.username);
    j.at("imported_at").get_to(b.imported_at);
    j.at("rows").get_to(b.rows);
    j.at("added").get_to(b.added);
    j.at("changed").get_to(b.changed);
    j.at("unchanged").get_to(b.unchanged);
}

}  // namespace yiyang::wire
