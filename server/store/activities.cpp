// Activity records and their evidence files in SQLite (store/activities.hpp).
#include "store/activities.hpp"

namespace yiyang::store {

using activity::Status;

namespace {

constexpr const char* kColumns =
    "r.id, r.kind, r.day, r.title, r.place, r.participants, r.participants_text, r.quantity, r.numerator, "
    "r.denominator, r.channel, r.note, r.status, r.entered_by_id, r.entered_by, r.entered_at, r.decided_by_id, "
    "r.decided_by, r.decided_at, r.reason, (SELECT COUNT(*) FROM activity_files f WHERE f.record_id = r.id)";

ActivityRow read_row(SQLite::Statement& st) {
    ActivityRow a;
    a.id = st.getColumn(0).getInt64();
    a.input.kind = st.getColumn(1).getString();
    a.input.date = st.getColumn(2).getString();
    a.input.day = parse_date(a.input.date).value_or(Date{});
    a.input.title = st.getColumn(3).getString();
    a.input.place = st.getColumn(4).getString();
    a.input.participants = st.getColumn(5).getInt64();
    a.input.participants_text = st.getColumn(6).getString();
    a.input.quantity = st.getColumn(7).getInt64();
    a.input.numerator = st.getColumn(8).getInt64();
    a.input.denominator = st.getColumn(9).getInt64();
    a.input.channel = st.getColumn(10).getString();
    a.input.note = st.getColumn(11).getString();
    a.status = activity::parse_status(st.getColumn(12).getString()).value_or(Status::Entered);
    a.entered_by_id = st.getColumn(13).getInt64();
    a.entered_by = st.getColumn(14).getString();
    a.entered_at = st.getColumn(15).getInt64();
    if (!st.getColumn(16).isNull()) a.decided_by_id = st.getColumn(16).getInt64();
    a.decided_by = st.getColumn(17).getString();
    if (!st.getColumn(18).isNull()) a.decided_at = st.getColumn(18).getInt64();
    a.reason = st.getColumn(19).getString();
    a.files = st.getColumn(20).getInt64();
    return a;
}

void bind_input(SQLite::Statement& st, int first, const activity::ActivityInput& in) {
    st.bind(first + 0, in.kind);
    st.bind(first + 1, format_date(in.day));
    st.bind(first + 2, in.title);
    st.bind(first + 3, in.place);
    st.bind(first + 4, in.participants);
    st.bind(first + 5, in.participants_text);
    st.bind(first + 6, in.quantity);
    st.bind(first + 7, in.numerator);
    st.bind(first + 8, in.denominator);
    st.bind(first + 9, in.channel);
    st.bind(first + 10, in.note);
}

std::string blob_of(const SQLite::Column& c) {
    const auto* p = static_cast<const char*>(c.getBlob());
    return p ? std::string(p, static_cast<std::size_t>(c.getBytes())) : std::string();
}

}  // namespace

Id insert_activity(SQLite::Database& db, const activity::ActivityInput& in, Id user_id, const std::string& user,
                   LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO activity_records (kind, day, title, place, participants, participants_text, "
                             "quantity, numerator, denominator, channel, note, status, entered_by_id, entered_by, "
                             "entered_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'entered',?,?,?,?)");
    bind_input(st, 1, in);
    st.bind(12, static_cast<std::int64_t>(user_id));
    st.bind(13, user);
    st.bind(14, static_cast<std::int64_t>(now));
    st.bind(15, static_cast<std::int64_t>(now));
    st.exec();
    return db.getLastInsertRowid();
}

bool update_activity(SQLite::Database& db, Id id, Status from, const activity::ActivityInput& in, LocalSeconds now) {
    SQLite::Statement st(db, "UPDATE activity_records SET kind = ?, day = ?, title = ?, place = ?, participants = ?, "
                             "participants_text = ?, quantity = ?, numerator = ?, denominator = ?, channel = ?, note = ?, "
                             "status = 'entered', decided_by_id = NULL, decided_by = '', decided_at = NULL, "
                             "updated_at = ? WHERE id = ? AND status = ?");
    bind_input(st, 1, in);
    st.bind(12, static_cast<std::int64_t>(now));
    st.bind(13, static_cast<std::int64_t>(id));
    st.bind(14, activity::code(from));
    return st.exec() == 1;
}

std::optional<ActivityRow> find_activity(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM activity_records r WHERE r.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return read_row(st);
}

std::vector<ActivityRow> list_activities(SQLite::Database& db, const std::string& first, const std::string& last,
                                         const std::string& kind, std::optional<Status> status) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns +
                                 " FROM activity_records r WHERE r.day BETWEEN ? AND ? AND (? = '' OR r.kind = ?) "
                                 "AND (? = '' OR r.status = ?) ORDER BY r.day DESC, r.id DESC");
    st.bind(1, first);
    st.bind(2, last);
    st.bind(3, kind);
    st.bind(4, kind);
    const std::string s = status ? activity::code(*status) : "";
    st.bind(5, s);
    st.bind(6, s);
    std::vector<ActivityRow> out;
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

std::vector<ActivityRow> activities_by_ids(SQLite::Database& db, const std::vector<Id>& ids) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM activity_records r WHERE r.id = ?");
    std::vector<ActivityRow> out;
    for (Id id : ids) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(id));
        if (st.executeStep()) out.push_back(read_row(st));
    }
    return out;
}

bool decide_activity(SQLite::Database& db, Id id, Status from, Status to, Id user_id, const std::string& user,
                     const std::string& reason, LocalSeconds now) {
    SQLite::Statement st(db, "UPDATE activity_records SET status = ?, decided_by_id = ?, decided_by = ?, decided_at = ?, "
                             "reason = ?, updated_at = ? WHERE id = ? AND status = ?");
    st.bind(1, activity::code(to));
    st.bind(2, static_cast<std::int64_t>(user_id));
    st.bind(3, user);
    st.bind(4, static_cast<std::int64_t>(now));
    st.bind(5, reason);
    st.bind(6, static_cast<std::int64_t>(now));
    st.bind(7, static_cast<std::int64_t>(id));
    st.bind(8, activity::code(from));
    return st.exec() == 1;
}

std::vector<activity::KpiActivity> kpi_activities(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT id, kind, day, place, quantity, numerator, denominator FROM activity_records "
                             "WHERE status = 'approved' AND day BETWEEN ? AND ? ORDER BY id");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<activity::KpiActivity> out;
    while (st.executeStep()) {
        activity::KpiActivity a;
        a.id = st.getColumn(0).getInt64();
        a.kind = st.getColumn(1).getString();
        a.day = parse_date(st.getColumn(2).getString()).value_or(Date{});
        a.status = Status::Approved;
        a.place = st.getColumn(3).getString();
        a.quantity = st.getColumn(4).getInt64();
        a.numerator = st.getColumn(5).getInt64();
        a.denominator = st.getColumn(6).getInt64();
        out.push_back(std::move(a));
    }
    return out;
}

Id insert_activity_file(SQLite::Database& db, const NewActivityFile& f) {
    SQLite::Statement st(db, "INSERT INTO activity_files (record_id, name, uploader_id, uploader, uploaded_at, sha256, "
                             "mime, size, width, height, bytes, thumb) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(f.record_id));
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

std::vector<ActivityFileRow> files_of_activity(SQLite::Database& db, Id record_id) {
    SQLite::Statement st(db, "SELECT id, record_id, name, uploader, uploaded_at, sha256, mime, size, width, height, "
                             "thumb IS NOT NULL FROM activity_files WHERE record_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(record_id));
    std::vector<ActivityFileRow> out;
    while (st.executeStep()) {
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                       st.getColumn(3).getString(), st.getColumn(4).getInt64(), st.getColumn(5).getString(),
                       st.getColumn(6).getString(), st.getColumn(7).getInt64(), st.getColumn(8).getInt64(),
                       st.getColumn(9).getInt64(), st.getColumn(10).getInt() != 0});
    }
    return out;
}

std::int64_t count_activity_files(SQLite::Database& db, Id record_id) {
    SQLite::Statement st(db, "SELECT COUNT(*) FROM activity_files WHERE record_id = ?");
    st.bind(1, static_cast<std::int64_t>(record_id));
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::int64_t count_all_activity_files(SQLite::Database& db) {
    return db.execAndGet("SELECT COUNT(*) FROM activity_files").getInt64();
}

std::optional<ActivityFileBytes> activity_file_bytes(SQLite::Database& db, Id file_id, bool thumb) {
    SQLite::Statement st(db, thumb ? "SELECT record_id, 'image/jpeg', thumb FROM activity_files WHERE id = ? AND thumb IS NOT NULL"
                                   : "SELECT record_id, mime, bytes FROM activity_files WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(file_id));
    if (!st.executeStep()) return std::nullopt;
    return ActivityFileBytes{st.getColumn(0).getInt64(), st.getColumn(1).getString(), blob_of(st.getColumn(2))};
}

}  // namespace yiyang::store
