// Evidence files kept in SQLite: see stored_files.hpp.
#include "store/stored_files.hpp"

namespace yiyang::store {

Id insert_stored_file(SQLite::Database& db, const FileTable& t, const NewStoredFile& f) {
    SQLite::Statement st(db, std::string("INSERT INTO ") + t.table + " (" + t.owner_column +
                                 ", name, uploader_id, uploader, uploaded_at, sha256, mime, size, width, height, bytes, thumb)"
                                 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(f.owner_id));
    st.bind(2, f.name);
    st.bind(3, static_cast<std::int64_t>(f.uploader_id));
    st.bind(4, f.uploader);
    st.bind(5, static_cast<std::int64_t>(f.uploaded_at));
    st.bind(6, f.sha256);
    st.bind(7, f.mime);
    st.bind(8, static_cast<std::int64_t>(f.bytes.size()));
    st.bind(9, f.width);
    st.bind(10, f.height);
    st.bindNoCopy(11, static_cast<const void*>(f.bytes.data()), static_cast<int>(f.bytes.size()));
    if (f.thumb.empty()) st.bind(12);
    else st.bindNoCopy(12, static_cast<const void*>(f.thumb.data()), static_cast<int>(f.thumb.size()));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<StoredFileRow> stored_files(SQLite::Database& db, const FileTable& t, Id owner_id) {
    SQLite::Statement st(db, std::string("SELECT id, ") + t.owner_column +
                                 ", name, uploader, uploaded_at, sha256, mime, size, width, height, thumb IS NOT NULL FROM " +
                                 t.table + " WHERE " + t.owner_column + " = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(owner_id));
    std::vector<StoredFileRow> out;
    while (st.executeStep()) {
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getString(), st.getColumn(4).getInt64(), st.getColumn(5).getString(),
                       st.getColumn(6).getString(), st.getColumn(7).getInt64(), st.getColumn(8).getInt64(),
                       st.getColumn(9).getInt64(), st.getColumn(10).getInt() != 0});
    }
    return out;
}

}  // namespace yiyang::store
