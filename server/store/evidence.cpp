// Evidence photos in SQLite (store/evidence.hpp).
#include "store/evidence.hpp"

namespace yiyang::store {
namespace {

std::string blob_of(const SQLite::Column& c) {
    const auto* p = static_cast<const char*>(c.getBlob());
    return p ? std::string(p, static_cast<std::size_t>(c.getBytes())) : std::string();
}

std::vector<PhotoUse> read_uses(SQLite::Statement& st) {
    std::vector<PhotoUse> out;
    while (st.executeStep()) {
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getString()});
    }
    return out;
}

}  // namespace

Id insert_photo(SQLite::Database& db, const NewPhoto& p) {
    SQLite::Statement st(db, "INSERT INTO evidence_photos (order_id, uploader_id, uploader, uploaded_at, sha256, mime, "
                             "size, width, height, orientation, bytes, thumb) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(p.order_id));
    st.bind(2, static_cast<std::int64_t>(p.uploader_id));
    st.bind(3, p.uploader);
    st.bind(4, static_cast<std::int64_t>(p.uploaded_at));
    st.bind(5, p.sha256);
    st.bind(6, p.mime);
    st.bind(7, static_cast<std::int64_t>(p.bytes.size()));
    st.bind(8, p.width);
    st.bind(9, p.height);
    st.bind(10, p.orientation);
    st.bindNoCopy(11, static_cast<const void*>(p.bytes.data()), static_cast<int>(p.bytes.size()));
    st.bindNoCopy(12, static_cast<const void*>(p.thumb.data()), static_cast<int>(p.thumb.size()));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<PhotoMeta> photos_of_order(SQLite::Database& db, Id order_id) {
    SQLite::Statement st(db, "SELECT id, order_id, uploader, uploaded_at, sha256, mime, size, width, height "
                             "FROM evidence_photos WHERE order_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(order_id));
    std::vector<PhotoMeta> out;
    while (st.executeStep()) {
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getInt64(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                       st.getColumn(6).getInt64(), st.getColumn(7).getInt(), st.getColumn(8).getInt()});
    }
    return out;
}

int count_photos(SQLite::Database& db, Id order_id) {
    SQLite::Statement st(db, "SELECT COUNT(*) FROM evidence_photos WHERE order_id = ?");
    st.bind(1, static_cast<std::int64_t>(order_id));
    st.executeStep();
    return st.getColumn(0).getInt();
}

std::optional<PhotoBytes> photo_bytes(SQLite::Database& db, Id photo_id, bool thumb) {
    SQLite::Statement st(db, thumb ? "SELECT order_id, 'image/jpeg', thumb FROM evidence_photos WHERE id = ?"
                                   : "SELECT order_id, mime, bytes FROM evidence_photos WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(photo_id));
    if (!st.executeStep()) return std::nullopt;
    return PhotoBytes{st.getColumn(0).getInt64(), st.getColumn(1).getString(), blob_of(st.getColumn(2))};
}

std::vector<PhotoUse> photo_uses(SQLite::Database& db, const std::vector<std::string>& sha256s) {
    std::vector<PhotoUse> out;
    SQLite::Statement st(db, "SELECT p.id, p.order_id, o.code, p.sha256 FROM evidence_photos p "
                             "JOIN work_orders o ON o.id = p.order_id WHERE p.sha256 = ? ORDER BY p.id");
    for (const auto& h : sha256s) {
        st.reset();
        st.bind(1, h);
        auto part = read_uses(st);
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

std::map<Id, std::vector<std::string>> reused_photos_of_order(SQLite::Database& db, Id order_id) {
    std::vector<std::string> hashes;
    for (const auto& p : photos_of_order(db, order_id)) hashes.push_back(p.sha256);
    auto all = reused_photos(photo_uses(db, hashes));
    std::map<Id, std::vector<std::string>> out;
    for (const auto& p : photos_of_order(db, order_id)) {
        if (auto it = all.find(p.id); it != all.end()) out[p.id] = it->second;
    }
    return out;
}

std::vector<PhotoUse> reused_photo_uses(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT p.id, p.order_id, o.code, p.sha256 FROM evidence_photos p "
                             "JOIN work_orders o ON o.id = p.order_id WHERE p.sha256 IN ("
                             "SELECT sha256 FROM evidence_photos GROUP BY sha256 HAVING COUNT(DISTINCT order_id) > 1) "
                             "ORDER BY p.sha256, p.id");
    return read_uses(st);
}

}  // namespace yiyang::store
