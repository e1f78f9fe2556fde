// Evidence photos in SQLite (table evidence_photos, migration 10): insert with bytes and thumbnail, the list of an
// order, the bytes of one photo, and the reuse of a photo's SHA-256 across orders (shared evidence.hpp decides).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/date.hpp"
#include "yiyang/evidence.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct NewPhoto {
    Id order_id = 0;
    Id uploader_id = 0;
    std::string uploader;
    LocalSeconds uploaded_at = 0;
    std::string sha256;
    std::string mime;
    int width = 0;
    int height = 0;
    int orientation = 1;
    std::string bytes;
    std::string thumb;   // JPEG
};
Id insert_photo(SQLite::Database& db, const NewPhoto& p);

struct PhotoMeta {
    Id id = 0;
    Id order_id = 0;
    std::string uploader;
    LocalSeconds uploaded_at = 0;
    std::string sha256;
    std::string mime;
    std::int64_t size = 0;
    int width = 0;
    int height = 0;
};
std::vector<PhotoMeta> photos_of_order(SQLite::Database& db, Id order_id);   // oldest first
int count_photos(SQLite::Database& db, Id order_id);

struct PhotoBytes {
    Id order_id = 0;
    std::string mime;
    std::string bytes;
};
// The uploaded bytes (thumb = false) or the JPEG thumbnail (thumb = true) of one photo.
std::optional<PhotoBytes> photo_bytes(SQLite::Database& db, Id photo_id, bool thumb);

// Every use (photo on order) of these hashes, with the order codes: the input of shared reused_photos().
std::vector<PhotoUse> photo_uses(SQLite::Database& db, const std::vector<std::string>& sha256s);
// The photos of this order also used on other orders: photo id → the other orders' codes.
std::map<Id, std::vector<std::string>> reused_photos_of_order(SQLite::Database& db, Id order_id);
// Every photo whose bytes are on two or more orders (for the verification of service records).
std::vector<PhotoUse> reused_photo_uses(SQLite::Database& db);

}  // namespace yiyang::store
