// The four verification lists' tables and the kept imports (store/list_imports.hpp). Each list is described once
// (table, columns with the key first, how a row binds); the upsert and the diff are built from that description.
#include "store/list_imports.hpp"

#include <stdexcept>
#include <type_traits>

#include "store/evidence_reuse.hpp"

namespace yiyang::store {
namespace {

// The row outlives the statement's execution (ListWriter::add, ListDiff::add): its text is bound without a copy.
void bind_text(SQLite::Statement& st, int i, const std::string& s) { st.bindNoCopy(i, s); }
void bind_opt_date(SQLite::Statement& st, int i, const std::optional<Date>& d) {
    if (d) st.bind(i, format_date(*d));
    else st.bind(i);
}
void bind_opt_bool(SQLite::Statement& st, int i, const std::optional<bool>& b) {
    if (b) st.bind(i, *b ? 1 : 0);
    else st.bind(i);
}
template <class E>
void bind_opt_label(SQLite::Statement& st, int i, const std::optional<E>& e) {
    if (e) st.bind(i, label_zh(*e));
    else st.bind(i);
}
std::string subject(const std::string& id_number, const std::string& phone) {
    return id_number.empty() ? phone : id_number;
}

template <class Row>
struct ListSql;

template <>
struct ListSql<ServiceRecordRow> {
    static constexpr const char* table = "list_service_records";
    static std::vector<const char*> columns() {
        return {"record_no", "id_number", "name", "day", "start", "end", "item", "caregiver", "evidence", "evidence_key"};
    }
    static constexpr int keys = 1;
    static void bind(SQLite::Statement& st, const ServiceRecordRow& r) {
        bind_text(st, 1, r.record_no);
        bind_text(st, 2, r.id_number);
        bind_text(st, 3, r.name);
        st.bind(4, format_date(r.day));
        st.bind(5, r.start);
        st.bind(6, r.end);
        bind_text(st, 7, r.item);
        bind_text(st, 8, r.caregiver);
        bind_text(st, 9, r.evidence);
        st.bind(10, evidence_key(r.evidence));   // the verification's comparison (store/evidence_reuse.hpp)
    }
};
template <>
struct ListSql<CremationRow> {
    static constexpr const char* table = "list_cremations";
    static std::vector<const char*> columns() { return {"id_number", "name", "died", "cremated"}; }
    static constexpr int keys = 1;
    static void bind(SQLite::Statement& st, const CremationRow& r) {
        bind_text(st, 1, r.id_number);
        bind_text(st, 2, r.name);
        st.bind(3, format_date(r.died));
        bind_opt_date(st, 4, r.cremated);
    }
};
template <>
struct ListSql<PhoneCheckRow> {
    static constexpr const char* table = "list_phone_checks";
    static std::vector<const char*> columns() {
        return {"subject", "day", "id_number", "phone", "outcome", "eligible", "note"};
    }
    static constexpr int keys = 2;
    static void bind(SQLite::Statement& st, const PhoneCheckRow& r) {
        st.bind(1, subject(r.id_number, r.phone));
        st.bind(2, format_date(r.day));
        bind_text(st, 3, r.id_number);
        bind_text(st, 4, r.phone);
        st.bind(5, label_zh(r.outcome));
        bind_opt_bool(st, 6, r.eligible);
        bind_text(st, 7, r.note);
    }
};
template <>
struct ListSql<CallbackRow> {
    static constexpr const char* table = "list_callbacks";
    static std::vector<const char*> columns() {
        return {"subject", "day", "id_number", "phone", "outcome", "overall", "staff", "package", "knows_sos",
                "suspension_reason"};
    }
    static constexpr int keys = 2;
    static void bind(SQLite::Statement& st, const CallbackRow& r) {
        st.bind(1, subject(r.id_number, r.phone));
        st.bind(2, format_date(r.day));
        bind_text(st, 3, r.id_number);
        bind_text(st, 4, r.phone);
        st.bind(5, label_zh(r.outcome));
        bind_opt_label(st, 6, r.overall);
        bind_opt_label(st, 7, r.staff);
        bind_opt_label(st, 8, r.package);
        bind_opt_bool(st, 9, r.knows_sos);
        bind_text(st, 10, r.suspension_reason);
    }
};

// INSERT INTO t (c1..cn, first_import_id, import_id) VALUES (?1..?n, ?k, ?k)
template <class Row>
std::string insert_sql() {
    using S = ListSql<Row>;
    const auto cols = S::columns();
    const int n = static_cast<int>(cols.size());
    std::string names, values;
    for (int i = 0; i < n; ++i) {
        names += std::string("\"") + cols[static_cast<std::size_t>(i)] + "\", ";
        values += "?" + std::to_string(i + 1) + ", ";
    }
    const std::string k = "?" + std::to_string(n + 1);
    return std::string("INSERT INTO ") + S::table + " (" + names + "first_import_id, import_id) VALUES (" + values + k +
           ", " + k + ")";
}

// UPDATE t SET c = ?i…, import_id = ?k WHERE key1 = ?1 AND …
template <class Row>
std::string update_sql() {
    using S = ListSql<Row>;
    const auto cols = S::columns();
    const int n = static_cast<int>(cols.size());
    std::string set, where;
    for (int i = 0; i < n; ++i) {
        const std::string c = std::string("\"") + cols[static_cast<std::size_t>(i)] + "\"", p = "?" + std::to_string(i + 1);
        if (i < S::keys) where += std::string(where.empty() ? "" : " AND ") + c + " = " + p;
        else set += c + " = " + p + ", ";
    }
    return std::string("UPDATE ") + S::table + " SET " + set + "import_id = ?" + std::to_string(n + 1) + " WHERE " + where;
}

// SELECT (c_{keys+1} IS ?… AND …) FROM t WHERE key1 = ?1 AND …
template <class Row>
std::string diff_sql() {
    using S = ListSql<Row>;
    const auto cols = S::columns();
    std::string same, where;
    for (std::size_t i = 0; i < cols.size(); ++i) {
        const std::string c = std::string("\"") + cols[i] + "\"", p = "?" + std::to_string(i + 1);
        if (static_cast<int>(i) < S::keys) where += std::string(where.empty() ? "" : " AND ") + c + " = " + p;
        else same += std::string(same.empty() ? "" : " AND ") + c + " IS " + p;
    }
    return std::string("SELECT ") + same + " FROM " + S::table + " WHERE " + where;
}

}  // namespace

template <class Row>
struct ListWriter<Row>::Impl {
    SQLite::Statement same, insert, update;
    std::optional<SQLite::Statement> set_provider;   // with a provider: a row unchanged but for it
    Id import_id;
    int id_param;
    bool was_empty;
    std::optional<Id> provider;
    DeferredIndexes indexes;
    std::unique_ptr<EvidenceReuseMarks> reuse;   // service records: the key groups to mark again at finish()
};

namespace {
// The provider column added to a writer's statements (service records); ?P = the parameter after the import id.
//   same:   SELECT (<row unchanged>), provider_id IS ?P FROM t WHERE key…
//   insert: … first_import_id, import_id, provider_id) VALUES (…, ?k, ?k, ?P)
//   update: UPDATE t SET …, import_id = ?k, provider_id = ?P WHERE key…
std::string same_with_provider(const std::string& sql, const std::string& p) {
    const auto from = sql.find(" FROM ");
    return "SELECT (" + sql.substr(7, from - 7) + "), provider_id IS " + p + sql.substr(from);
}
std::string insert_with_provider(std::string sql, const std::string& p) {
    sql.replace(sql.find("import_id) VALUES ("), 10, "import_id, provider_id)");
    return sql.replace(sql.size() - 1, 1, ", " + p + ")");
}
std::string update_with_provider(std::string sql, const std::string& p) {
    return sql.replace(sql.find(" WHERE "), 0, ", provider_id = " + p);
}
}  // namespace

template <class Row>
ListWriter<Row>::ListWriter(SQLite::Database& db, Id import_id, std::optional<Id> provider, IndexMode mode) {
    using S = ListSql<Row>;
    const int n = static_cast<int>(S::columns().size());
    std::string same = diff_sql<Row>(), insert = insert_sql<Row>(), update = update_sql<Row>();
    if (provider) {
        if (std::string(S::table) != "list_service_records" || S::keys != 1)
            throw std::logic_error(std::string("ListWriter: no provider column in ") + S::table);
        const std::string p = "?" + std::to_string(n + 2);
        same = same_with_provider(same, p);
        insert = insert_with_provider(insert, p);
        update = update_with_provider(update, p);
    }
    const bool was_empty = !db.execAndGet(std::string("SELECT EXISTS (SELECT 1 FROM ") + S::table + ")").getInt();
    impl_.reset(new Impl{SQLite::Statement(db, same), SQLite::Statement(db, insert), SQLite::Statement(db, update),
                         std::nullopt, import_id, n + 1, was_empty, provider,
                         DeferredIndexes(db, mode, {S::table}), nullptr});
    if constexpr (std::is_same_v<Row, ServiceRecordRow>) impl_->reuse = std::make_unique<EvidenceReuseMarks>(db);
    if (provider) {
        impl_->set_provider.emplace(db, std::string("UPDATE ") + S::table + " SET provider_id = ?" + std::to_string(n + 2) +
                                            " WHERE \"" + S::columns()[0] + "\" = ?1");
    }
}
template <class Row>
ListWriter<Row>::~ListWriter() = default;

template <class Row>
void ListWriter<Row>::add(const Row& row) {
    auto& m = *impl_;
    const auto bind_provider = [&](SQLite::Statement& st) {
        if (m.provider) st.bind(m.id_param + 1, static_cast<std::int64_t>(*m.provider));
    };
    if (!m.was_empty) {
        m.same.reset();
        ListSql<Row>::bind(m.same, row);
        bind_provider(m.same);
        const bool found = m.same.executeStep();
        const bool same = found && m.same.getColumn(0).getInt() != 0;
        const bool same_provider = !m.provider || (found && m.same.getColumn(1).getInt() != 0);
        m.same.reset();
        if (same) {
            ++counts.unchanged;
            if (!same_provider) {   // only the provider to set (its row is otherwise this file's already)
                ++provider_changed;
                auto& st = *m.set_provider;
                st.reset();
                ListSql<Row>::bind(st, row);
                bind_provider(st);
                st.exec();
            }
            return;
        }
        if (found) {
            if constexpr (std::is_same_v<Row, ServiceRecordRow>) m.reuse->changing(row.record_no, evidence_key(row.evidence));
            m.update.reset();
            ListSql<Row>::bind(m.update, row);
            m.update.bind(m.id_param, m.import_id);
            bind_provider(m.update);
            m.update.exec();
            ++counts.changed;
            return;
        }
    }
    m.indexes.before_insert(counts.added);
    if constexpr (std::is_same_v<Row, ServiceRecordRow>) {
        if (m.indexes.deferred()) m.reuse->all();   // a bulk load: every group in one pass at finish()
        else m.reuse->added(evidence_key(row.evidence));
    }
    m.insert.reset();
    ListSql<Row>::bind(m.insert, row);
    m.insert.bind(m.id_param, m.import_id);
    bind_provider(m.insert);
    m.insert.exec();
    ++counts.added;
}

template <class Row>
void ListWriter<Row>::finish() {
    impl_->indexes.finish();
    if (impl_->reuse) impl_->reuse->finish();   // with the indexes back; in the import's transaction
}
template <class Row>
bool ListWriter<Row>::deferred_indexes() const { return impl_->indexes.deferred(); }

template <class Row>
struct ListDiff<Row>::Impl {
    SQLite::Statement st;
};

template <class Row>
ListDiff<Row>::ListDiff(SQLite::Database& db) : impl_(new Impl{SQLite::Statement(db, diff_sql<Row>())}) {}
template <class Row>
ListDiff<Row>::~ListDiff() = default;

template <class Row>
void ListDiff<Row>::add(const Row& row) {
    auto& st = impl_->st;
    st.reset();
    ListSql<Row>::bind(st, row);
    if (!st.executeStep()) ++counts.added;
    else if (st.getColumn(0).getInt() != 0) ++counts.unchanged;
    else ++counts.changed;
    st.reset();   // never hold the read transaction open
}

StoredVersions::StoredVersions(SQLite::Database& db) : db_(db) {}
StoredVersions::~StoredVersions() = default;

namespace {
// The statement (prepared on first use) stepped onto the row of `key`: false when there is none.
bool step_to(SQLite::Database& db, std::unique_ptr<SQLite::Statement>& st, const char* sql, const std::string& key) {
    if (!st) st = std::make_unique<SQLite::Statement>(db, sql);
    st->reset();
    st->bind(1, key);
    return st->executeStep();
}
std::optional<Date> date_column(SQLite::Statement& st, int i) {
    return st.getColumn(i).isNull() ? std::nullopt : parse_date(st.getColumn(i).getString());
}
}  // namespace

std::optional<ServiceRecordRow> StoredVersions::of(const ServiceRecordRow& key) {
    if (!step_to(db_, records_, "SELECT day FROM list_service_records WHERE record_no = ?", key.record_no)) return {};
    ServiceRecordRow r = key;
    r.day = date_column(*records_, 0).value_or(Date{});
    records_->reset();
    return r;
}

std::optional<CremationRow> StoredVersions::of(const CremationRow& key) {
    if (!step_to(db_, cremations_, "SELECT died, cremated FROM list_cremations WHERE id_number = ?", key.id_number))
        return {};
    CremationRow r = key;
    r.died = date_column(*cremations_, 0).value_or(Date{});
    r.cremated = date_column(*cremations_, 1);
    cremations_->reset();
    return r;
}

template class ListWriter<ServiceRecordRow>;
template class ListWriter<CremationRow>;
template class ListWriter<PhoneCheckRow>;
template class ListWriter<CallbackRow>;
template class ListDiff<ServiceRecordRow>;
template class ListDiff<CremationRow>;
template class ListDiff<PhoneCheckRow>;
template class ListDiff<CallbackRow>;

void finish_import_batch(SQLite::Database& db, Id id, const std::string& sha256, std::int64_t rows,
                         const ImportCounts& c, const std::string& file_kind, const std::string& encoding,
                         const std::string& sheet) {
    SQLite::Statement st(db, "UPDATE import_batches SET rows = ?, added = ?, changed = ?, unchanged = ?, file_kind = ?, "
                             "encoding = ?, sheet = ?, sha256 = ? WHERE id = ?");
    st.bind(1, rows);
    st.bind(2, c.added);
    st.bind(3, c.changed);
    st.bind(4, c.unchanged);
    st.bind(5, file_kind);
    st.bind(6, encoding);
    st.bind(7, sheet);
    st.bind(8, sha256);
    st.bind(9, id);
    st.exec();
}

namespace {
const char* kBatchColumns =
    "id, list, file_name, sha256, file_kind, encoding, sheet, user_id, username, imported_at, rows, added, changed, "
    "unchanged, length(file)";
ImportBatchInfo batch_info(SQLite::Statement& st) {
    ImportBatchInfo b;
    b.id = st.getColumn(0).getInt64();
    b.list = st.getColumn(1).getString();
    b.file_name = st.getColumn(2).getString();
    b.sha256 = st.getColumn(3).getString();
    b.file_kind = st.getColumn(4).getString();
    b.encoding = st.getColumn(5).getString();
    b.sheet = st.getColumn(6).getString();
    b.user_id = st.getColumn(7).getInt64();
    b.username = st.getColumn(8).getString();
    b.at = st.getColumn(9).getInt64();
    b.rows = st.getColumn(10).getInt64();
    b.added = st.getColumn(11).getInt64();
    b.changed = st.getColumn(12).getInt64();
    b.unchanged = st.getColumn(13).getInt64();
    b.bytes = st.getColumn(14).getInt64();
    return b;
}
}  // namespace

ImportBatchPage list_import_batches(SQLite::Database& db, const std::string& list, const std::string& sort,
                                    bool descending, int page, int page_size) {
    const std::string column = sort == "file_name" ? "file_name" : sort == "rows" ? "rows" : sort == "id" ? "id"
                                                                                                          : "imported_at";
    const std::string dir = descending ? " DESC" : " ASC";
    const std::string where = list.empty() ? "" : " WHERE list = ?";
    ImportBatchPage out;
    SQLite::Statement count(db, "SELECT count(*) FROM import_batches" + where);
    if (!list.empty()) count.bind(1, list);
    if (count.executeStep()) out.total = count.getColumn(0).getInt64();
    SQLite::Statement st(db, std::string("SELECT ") + kBatchColumns + " FROM import_batches" + where + " ORDER BY " +
                                 column + dir + (column == "id" ? "" : ", id" + dir) + " LIMIT ? OFFSET ?");
    int i = 1;
    if (!list.empty()) st.bind(i++, list);
    st.bind(i++, page_size);
    st.bind(i, static_cast<std::int64_t>(page - 1) * page_size);
    while (st.executeStep()) out.items.push_back(batch_info(st));
    return out;
}

std::optional<ImportFile> import_file(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kBatchColumns + ", file FROM import_batches WHERE id = ?");
    st.bind(1, id);
    if (!st.executeStep()) return std::nullopt;
    ImportFile f{batch_info(st), {}};
    const auto blob = st.getColumn(15);
    f.bytes.assign(static_cast<const char*>(blob.getBlob()), static_cast<std::size_t>(blob.getBytes()));
    return f;
}

}  // namespace yiyang::store
