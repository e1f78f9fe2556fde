// Evidence files kept in SQLite, one table per kind of owner with the same columns: activity_files (an activity
// record's, migration 31) and settlement_objection_files (an objection's, migration 38). Bytes and thumbnail as BLOBs,
// never changed or deleted (each table's triggers). SQL only: the routes decide who may do what.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct FileTable {
    const char* table;
    const char* owner_column;
};
inline constexpr FileTable kActivityFiles{"activity_files", "record_id"};
inline constexpr FileTable kObjectionFiles{"settlement_objection_files", "objection_id"};

struct StoredFileRow {
    Id id = 0;
    Id owner_id = 0;                    // the activity record's or the objection's id
    std::string name, uploader;
    LocalSeconds uploaded_at = 0;
    std::string sha256, mime;
    std::int64_t size = 0, width = 0, height = 0;
    bool has_thumb = false;
};
struct NewStoredFile {
    Id owner_id = 0;
    std::string name;
    Id uploader_id = 0;
    std::string uploader;
    LocalSeconds uploaded_at = 0;
    std::string sha256, mime;
    std::int64_t width = 0, height = 0;
    std::string bytes;
    std::string thumb;   // JPEG ("" = none)
};
Id insert_stored_file(SQLite::Database& db, const FileTable& t, const NewStoredFile& f);
std::vector<StoredFileRow> stored_files(SQLite::Database& db, const FileTable& t, Id owner_id);   // oldest first

}  // namespace yiyang::store
