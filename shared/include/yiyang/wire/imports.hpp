// The import dry run and commit (POST /api/v1/imports/{list}): what would be (or was) added, changed and left
// unchanged, and every error by row and column — the preview the dashboard shows as a table (issue 10).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/import.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang {
void to_json(nlohmann::json& j, const ImportError& e);
void from_json(const nlohmann::json& j, ImportError& e);
}  // namespace yiyang

namespace yiyang::wire {

struct ImportPreview {                  // POST /imports/{list}: 200 dry run, 201 committed, 422 refused (in "error")
    std::string list;                   // code of ImportList
    std::string list_name;              // its Chinese label
    bool dry_run = true;
    std::optional<Id> import_id;        // the kept import (committed only)
    std::string file_name, sha256;      // the file as received; SHA-256 of its bytes (hex)
    std::string file_kind;              // "csv" | "xlsx"
    std::string encoding;               // CSV: code of TextEncoding; XLSX: ""
    std::string sheet;                  // XLSX: the sheet read
    std::int64_t header_row = 0;
    std::int64_t rows = 0;              // data rows read
    std::int64_t added = 0, changed = 0, unchanged = 0;
    std::int64_t error_count = 0;       // all errors (errors holds the first ones)
    std::vector<ImportError> errors;
};
void to_json(json& j, const ImportPreview& p);
void from_json(const json& j, ImportPreview& p);

// 422: {"error":{"code":"invalid_import","message","preview":{…}}}: nothing was written.
struct ImportRejected {
    std::string message;
    ImportPreview preview;
};
void to_json(json& j, const ImportRejected& r);
void from_json(const json& j, ImportRejected& r);

}  // namespace yiyang::wire
