// Import batches and the subscriber ledger (store/imports.hpp).
#include "store/imports.hpp"

#include <optional>

namespace yiyang::store {
namespace {

struct StoredSubscriber {
    std::string name, phone, town, opened, removed, removal_reason;
};

std::optional<StoredSubscriber> find(SQLite::Statement& st, const std::string& id_number) {
    st.reset();
    st.bind(1, id_number);
    if (!st.executeStep()) return std::nullopt;
    return StoredSubscriber{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                            st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString()};
}

const char* kFindSql =
    "SELECT name, phone, town, opened, COALESCE(removed, ''), removal_reason FROM info_subscribers WHERE id_number = ?";

bool same(const StoredSubscriber& s, const SubscriberRow& r) {
    return s.name == r.name && s.phone == r.phone && s.town == r.town && s.opened == format_date(r.opened) &&
           s.removed == (r.removed ? format_date(*r.removed) : std::string()) && s.removal_reason == r.removal_reason;
}

}  // namespace

ImportCounts diff_subscribers(SQLite::Database& db, const std::vector<SubscriberRow>& rows) {
    ImportCounts c;
    SQLite::Statement st(db, kFindSql);
    for (const auto& r : rows) {
        const auto s = find(st, r.id_number);
        if (!s) ++c.added;
        else if (same(*s, r)) ++c.unchanged;
        else ++c.changed;
    }
    return c;
}

Id commit_subscribers(SQLite::Database& db, const ImportBatch& b, const std::string& file_bytes,
                      const std::vector<SubscriberRow>& rows, ImportCounts& counts) {
    counts = {};
    SQLite::Statement batch(db,
                            "INSERT INTO import_batches (list, file_name, sha256, file_kind, encoding, sheet, user_id, "
                            "username, imported_at, rows, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    batch.bind(1, b.list);
    batch.bind(2, b.file_name);
    batch.bind(3, b.sha256);
    batch.bind(4, b.file_kind);
    batch.bind(5, b.encoding);
    batch.bind(6, b.sheet);
    batch.bind(7, b.user_id);
    batch.bind(8, b.username);
    batch.bind(9, static_cast<std::int64_t>(b.at));
    batch.bind(10, b.rows);
    batch.bind(11, file_bytes.data(), static_cast<int>(file_bytes.size()));
    batch.exec();
    const Id id = db.getLastInsertRowid();

    SQLite::Statement st(db, kFindSql);
    SQLite::Statement upsert(db,
                             "INSERT INTO info_subscribers (id_number, name, phone, town, opened, removed, removal_reason, "
                             "import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_number) DO UPDATE SET "
                             "name = excluded.name, phone = excluded.phone, town = excluded.town, opened = excluded.opened, "
                             "removed = excluded.removed, removal_reason = excluded.removal_reason, "
                             "import_id = excluded.import_id");
    for (const auto& r : rows) {
        const auto s = find(st, r.id_number);
        if (s && same(*s, r)) { ++counts.unchanged; continue; }
        ++(s ? counts.changed : counts.added);
        upsert.reset();
        upsert.bind(1, r.id_number);
        upsert.bind(2, r.name);
        upsert.bind(3, r.phone);
        upsert.bind(4, r.town);
        upsert.bind(5, format_date(r.opened));
        if (r.removed) upsert.bind(6, format_date(*r.removed));
        else upsert.bind(6);
        upsert.bind(7, r.removal_reason);
        upsert.bind(8, id);
        upsert.exec();
    }
    SQLite::Statement counted(db, "UPDATE import_batches SET added = ?, changed = ?, unchanged = ? WHERE id = ?");
    counted.bind(1, counts.added);
    counted.bind(2, counts.changed);
    counted.bind(3, counts.unchanged);
    counted.bind(4, id);
    counted.exec();
    return id;
}

}  // namespace yiyang::store
