// The kept imports (GET /api/v1/imports): who imported which file of which list, when, its SHA-256 and counts —
// each can be downloaded again (GET /api/v1/imports/{id}/file). Issue 10.
#pragma once
#include <cstdint>
#include <string>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct ImportBatchSummary {
    Id id = 0;
    std::string list, list_name;          // code of ImportList, its Chinese label
    std::string file_name, sha256;        // as received; SHA-256 of the bytes kept (hex)
    std::string file_kind, encoding, sheet;
    std::int64_t bytes = 0;               // the kept file's size
    Id user_id = 0;
    std::string username;
    std::string imported_at;              // 2026-12-05T03:30:00 (local)
    std::int64_t rows = 0, added = 0, changed = 0, unchanged = 0;
    friend bool operator==(const ImportBatchSummary&, const ImportBatchSummary&) = default;
};
void to_json(json& j, const ImportBatchSummary& b);
void from_json(const json& j, ImportBatchSummary& b);
using ImportBatchPage = Page<ImportBatchSummary>;

}  // namespace yiyang::wire
