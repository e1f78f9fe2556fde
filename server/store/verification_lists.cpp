// Reading the verification lists back (store/verification_lists.hpp).
#include "store/verification_lists.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <tuple>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "store/subscriber_import.hpp"
#include "yiyang/text_codes.hpp"
#include "yiyang/verification/common.hpp"

namespace yiyang::store {
namespace {

std::string text(SQLite::Statement& st, int i) { return st.getColumn(i).isNull() ? std::string{} : st.getColumn(i).getString(); }
Date date_of(SQLite::Statement& st, int i) {
    const auto d = parse_date(text(st, i));
    if (!d) throw std::runtime_error("核查名单中的日期无法读取：" + text(st, i));
    return *d;
}
std::optional<Date> opt_date(SQLite::Statement& st, int i) {
    if (st.getColumn(i).isNull()) return std::nullopt;
    return parse_date(st.getColumn(i).getString());
}
// Labels are stored as written by label_zh; read back by walking the enum.
template <class E>
std::optional<E> from_label(const std::string& s, int count) {
    for (int i = 0; i < count; ++i)
        if (s == label_zh(static_cast<E>(i))) return static_cast<E>(i);
    return std::nullopt;
}
CallOutcome outcome_of(SQLite::Statement& st, int i) {
    const auto o = from_label<CallOutcome>(text(st, i), 8);
    if (!o) throw std::runtime_error("核查名单中的结果无法读取：" + text(st, i));
    return *o;
}
std::optional<bool> opt_bool(SQLite::Statement& st, int i) {
    if (st.getColumn(i).isNull()) return std::nullopt;
    return st.getColumn(i).getInt() != 0;
}

// The city-scale readers (600 000 enrolments, 6 000 000 records) read columns through the C API: a SQLite::Column
// per cell copies a shared pointer, and a std::string temporary per cell is a copy more.
// (SQLite::Statement keeps its sqlite3_stmt private: these two queries are prepared here, finalized on scope exit.)
struct RawStatement {
    sqlite3_stmt* st = nullptr;
    RawStatement(SQLite::Database& db, const std::string& sql) {
        if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK)
            throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;
    ~RawStatement() { sqlite3_finalize(st); }
    void bind(int i, const std::string& v) { sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(st, i, v); }
    bool step(SQLite::Database& db) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw SQLite::Exception(db.getHandle(), rc);
    }
};
std::string_view raw_text(sqlite3_stmt* st, int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));   // NULL -> nullptr: ""
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))) : std::string_view{};
}
Date raw_date(sqlite3_stmt* st, int i) {
    const auto d = parse_date(raw_text(st, i));
    if (!d) throw std::runtime_error("核查名单中的日期无法读取：" + std::string(raw_text(st, i)));
    return *d;
}
std::optional<Date> raw_opt_date(sqlite3_stmt* st, int i) {
    if (sqlite3_column_type(st, i) == SQLITE_NULL) return std::nullopt;
    return parse_date(raw_text(st, i));
}

}  // namespace

std::vector<EnrolmentRow> enrolment_rows(SQLite::Database& db, const Date& first, const Date& last,
                                         std::optional<Id> town) {
    std::string sql =
        "SELECT e.name, e.id_number, e.phone, t.name, en.from_date, en.to_date, en.removal_reason, en.elder_id "
        "FROM enrolments en INDEXED BY enrolments_elder JOIN elders e ON e.id = en.elder_id JOIN towns t ON t.id = e.town_id "
        "WHERE en.programme = ?1 AND en.from_date <= ?2 AND (en.to_date IS NULL OR en.to_date >= ?3)";
    // INDEXED BY enrolments_elder (elder_id, programme, from_date): read in the ORDER BY's order, the elders then
    // in id order. Left to itself the planner searches enrolments_programme_from and sorts every row in a temporary
    // B-tree: 4.6 s instead of 1.2 s in the sqlite3 shell for a city's 660 000 subscribers.
    // (A renamed or dropped index fails this statement when it is prepared: tests/server/test_verification_town_derived.cpp
    // prepares it on the migrated schema and checks the index's columns.)
    if (town) sql += " AND e.town_id = ?4";
    sql += " ORDER BY en.elder_id, en.from_date";
    RawStatement st(db, sql);
    st.bind(1, std::string(kInfoServiceProgramme));
    st.bind(2, format_date(last));
    st.bind(3, format_date(first));
    if (town) st.bind(4, static_cast<std::int64_t>(*town));
    std::vector<EnrolmentRow> out;
    sqlite3_stmt* raw = st.st;
    while (st.step(db)) {
        EnrolmentRow& e = out.emplace_back();
        SubscriberRow& r = e.ledger;
        r.row = static_cast<int>(out.size());
        r.name = raw_text(raw, 0);
        r.id_number = raw_text(raw, 1);
        r.phone = raw_text(raw, 2);
        r.town = raw_text(raw, 3);
        r.opened = raw_date(raw, 4);
        r.removed = raw_opt_date(raw, 5);
        r.removal_reason = raw_text(raw, 6);
        e.elder_id = sqlite3_column_int64(raw, 7);
    }
    return out;
}

std::vector<SubscriberRow> subscriber_rows(SQLite::Database& db, const Date& first, const Date& last,
                                           std::optional<Id> town) {
    auto rows = enrolment_rows(db, first, last, town);
    std::vector<SubscriberRow> out;
    out.reserve(rows.size());
    for (auto& e : rows) out.push_back(std::move(e.ledger));
    return out;
}

namespace {
// The service records' query (see service_record_rows): `columns` of list_service_records r.
std::string service_records_sql(const char* columns, std::optional<Id> town) {
    std::string sql = std::string("SELECT ") + columns + " FROM list_service_records r";
    if (town) sql += " JOIN elders e ON e.id_number = r.id_number AND e.town_id = ?3";
    return sql + " WHERE +r.day >= ?1 AND +r.day <= ?2 ORDER BY r.record_no";
}
// Every column of a record, in the order read_record takes them.
constexpr const char* kRecordColumns =
    "r.record_no, r.id_number, r.name, r.day, r.start, r.\"end\", r.item, r.caregiver, r.evidence";
void read_record(sqlite3_stmt* raw, ServiceRecordRow& r) {
    r.record_no = raw_text(raw, 0);
    r.id_number = raw_text(raw, 1);
    r.name = raw_text(raw, 2);
    r.day = raw_date(raw, 3);
    r.start = sqlite3_column_int(raw, 4);
    r.end = sqlite3_column_int(raw, 5);
    r.item = raw_text(raw, 6);
    r.caregiver = raw_text(raw, 7);
    r.evidence = raw_text(raw, 8);
}
}  // namespace

std::vector<std::string> town_id_numbers(SQLite::Database& db, Id town) {
    RawStatement st(db, "SELECT id_number FROM elders WHERE town_id = ?1");
    st.bind(1, static_cast<std::int64_t>(town));
    std::vector<std::string> out;
    while (st.step(db)) out.emplace_back(raw_text(st.st, 0));
    return out;
}

std::vector<std::string> service_record_numbers(SQLite::Database& db, const Date& first, const Date& last,
                                                std::optional<Id> town) {
    RawStatement st(db, service_records_sql("r.record_no", town));
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    if (town) st.bind(3, static_cast<std::int64_t>(*town));
    std::vector<std::string> out;
    while (st.step(db)) out.emplace_back(raw_text(st.st, 0));
    return out;
}

verification::ServiceRecordTable service_record_table(SQLite::Database& db, const Date& first, const Date& last) {
    // The same query and order as service_record_rows (see there: +r.day), only the columns the check reads, each
    // cell appended to its column's arena straight from SQLite's buffer (no std::string per cell, no row object).
    RawStatement st(db, service_records_sql("r.record_no, r.id_number, r.day, r.start, r.\"end\", r.caregiver, r.evidence",
                                            std::nullopt));
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    verification::ServiceRecordTable out;
    {   // reserved at the count (the covering index list_service_records_provider: half a second for 6 000 000)
        SQLite::Statement count(db, "SELECT count(*) FROM list_service_records WHERE day >= ?1 AND day <= ?2");
        count.bind(1, format_date(first));
        count.bind(2, format_date(last));
        if (count.executeStep()) out.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()));
    }
    sqlite3_stmt* raw = st.st;
    while (st.step(db))
        out.push_back(raw_text(raw, 0), raw_text(raw, 1), raw_date(raw, 2), sqlite3_column_int(raw, 3),
                      sqlite3_column_int(raw, 4), raw_text(raw, 5), raw_text(raw, 6));
    return out;
}

FlagCandidates physical_flag_candidates(SQLite::Database& db, const Date& first, const Date& last,
                                        const std::vector<CremationRow>& cremations) {
    FlagCandidates out;
    const std::string from = format_date(first), to = format_date(last);
    const auto packed = verification::packed_id_key;   // a look-up per record without a string where it applies
    // The subjects dead before the window's last day (the earliest date if listed twice, as physical_services).
    std::unordered_map<std::uint64_t, Date> died;
    std::unordered_map<std::string, Date> died_other;
    for (const auto& c : cremations) {
        if (!(c.died < last)) continue;
        const std::string key = verification::id_key(c.id_number);
        const auto keep = [&](auto& map, const auto& k) {
            auto [it, fresh] = map.emplace(k, c.died);
            if (!fresh && c.died < it->second) it->second = c.died;
        };
        if (const auto p = packed(key)) keep(died, *p);
        else keep(died_other, key);
    }
    std::set<std::string> picked;   // record numbers
    {
        // One covering range scan in (day, start, ID number, caregiver) order. A (day, start) run holds every record
        // of that slot; records of one subject are neighbours when the run's ID numbers are stored normalised (else
        // the run is sorted by id_key), and within a subject the caregivers are compared by name_key.
        RawStatement st(db, "SELECT day, start, id_number, caregiver, record_no FROM list_service_records INDEXED BY "
                            "list_service_records_slot WHERE day >= ?1 AND day <= ?2");
        st.bind(1, from);
        st.bind(2, to);
        sqlite3_stmt* raw = st.st;
        struct Slot {
            std::string id, caregiver, no;
        };
        std::vector<Slot> run;   // the current (day, start) run; slots reused across runs (no allocation per row)
        std::size_t run_size = 0;
        std::string run_day;
        int run_start = -1;
        bool odd_run = false, repeated = false;   // an ID number not normalised; a subject twice in the run
        // Picks each record whose (subject key, caregiver key) another record of the run has.
        const auto pick_equal = [&](std::vector<std::tuple<std::string, std::string, std::string>>& keyed) {
            std::sort(keyed.begin(), keyed.end());
            for (std::size_t i = 0; i + 1 < keyed.size(); ++i)
                if (std::get<0>(keyed[i]) == std::get<0>(keyed[i + 1]) && std::get<1>(keyed[i]) == std::get<1>(keyed[i + 1])) {
                    picked.insert(std::get<2>(keyed[i]));
                    picked.insert(std::get<2>(keyed[i + 1]));
                }
        };
        const auto close_run = [&] {
            std::vector<std::tuple<std::string, std::string, std::string>> keyed;
            if (odd_run) {
                for (std::size_t i = 0; i < run_size; ++i)
                    keyed.emplace_back(verification::id_key(run[i].id), verification::name_key(run[i].caregiver), run[i].no);
                pick_equal(keyed);
                return;
            }
            if (!repeated) return;
            for (std::size_t g = 0; g < run_size;) {   // each subject's records (neighbours)
                std::size_t e = g + 1;
                while (e < run_size && run[e].id == run[g].id) ++e;
                if (e - g > 1) {
                    keyed.clear();
                    for (std::size_t i = g; i < e; ++i) keyed.emplace_back(std::string(), verification::name_key(run[i].caregiver), run[i].no);
                    pick_equal(keyed);
                }
                g = e;
            }
        };
        while (st.step(db)) {
            ++out.scanned;
            const std::string_view day = raw_text(raw, 0), id = raw_text(raw, 2);
            const int start = sqlite3_column_int(raw, 1);
            if (start != run_start || day != run_day) {
                close_run();
                run_size = 0;
                odd_run = repeated = false;
                run_day.assign(day);
                run_start = start;
            }
            const auto p = packed(id);
            if (!p) odd_run = true;
            if (run_size > 0 && id == run[run_size - 1].id) repeated = true;
            if (run_size == run.size()) run.emplace_back();
            Slot& slot = run[run_size++];
            slot.id.assign(id);
            slot.caregiver.assign(raw_text(raw, 3));
            slot.no.assign(raw_text(raw, 4));
            if (died.empty() && died_other.empty()) continue;
            const Date* d = nullptr;
            std::string key;
            const auto k = p ? p : packed(key = verification::id_key(id));
            if (k) {
                if (const auto it = died.find(*k); it != died.end()) d = &it->second;
            } else if (const auto it = died_other.find(key); it != died_other.end()) {
                d = &it->second;
            }
            if (d && *d < raw_date(raw, 0)) picked.emplace(slot.no);
        }
        close_run();
    }
    {
        // Evidence: every record marked reused (migration 30) and the earliest record of its key; a same-key group
        // inside the window is those — its unmarked member is the earliest.
        RawStatement st(db, "SELECT record_no, reuse_of FROM list_service_records INDEXED BY list_service_records_reused "
                            "WHERE reuse_of IS NOT NULL AND day >= ?1 AND day <= ?2");
        st.bind(1, from);
        st.bind(2, to);
        while (st.step(db)) {
            picked.emplace(raw_text(st.st, 0));
            picked.emplace(raw_text(st.st, 1));
        }
    }
    RawStatement st(db, std::string("SELECT ") + kRecordColumns + ", r.provider_id FROM list_service_records r WHERE r.record_no = ?1");
    for (const auto& no : picked) {
        sqlite3_reset(st.st);
        st.bind(1, no);
        if (!st.step(db)) continue;
        ServiceRecordRow r;
        r.row = static_cast<int>(out.rows.size()) + 1;
        read_record(st.st, r);
        if (r.day < first || last < r.day) continue;   // an earliest record of an earlier month
        out.provider.push_back(sqlite3_column_type(st.st, 9) == SQLITE_NULL ? 0 : sqlite3_column_int64(st.st, 9));
        out.rows.push_back(std::move(r));
    }
    return out;
}

std::optional<ServiceRecordRow> service_record_row(SQLite::Database& db, const std::string& record_no) {
    RawStatement st(db, std::string("SELECT ") + kRecordColumns + " FROM list_service_records r WHERE r.record_no = ?1");
    st.bind(1, record_no);
    if (!st.step(db)) return std::nullopt;
    ServiceRecordRow r;
    r.row = 1;
    read_record(st.st, r);
    return r;
}

std::vector<ServiceRecordRow> service_record_rows(SQLite::Database& db, const Date& first, const Date& last,
                                                  std::optional<Id> town) {
    // +r.day (no index for the dates): the quarter's records are most of the table, read in key (record-number) order —
    // no sort. Left to itself, after ANALYZE the planner skip-scans list_service_records_provider (provider_id, day),
    // looks every row up by its key and sorts them all in a temporary B-tree: most of the report's time at 6 000 000
    // records. (NOT INDEXED does not keep a WITHOUT ROWID table off its other indexes.)
    RawStatement st(db, service_records_sql(kRecordColumns, town));
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    if (town) st.bind(3, static_cast<std::int64_t>(*town));
    std::vector<ServiceRecordRow> out;
    if (!town) {
        // Reserved at the count (the covering index list_service_records_provider: half a second for 6 000 000):
        // growing a vector of 6 000 000 rows by doubling moved and page-faulted gigabytes. (A town's are a part.)
        SQLite::Statement count(db, "SELECT count(*) FROM list_service_records WHERE day >= ?1 AND day <= ?2");
        count.bind(1, format_date(first));
        count.bind(2, format_date(last));
        if (count.executeStep()) out.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()));
    }
    sqlite3_stmt* raw = st.st;
    while (st.step(db)) {
        ServiceRecordRow& r = out.emplace_back();
        r.row = static_cast<int>(out.size());
        read_record(raw, r);
    }
    return out;
}

std::vector<CremationRow> cremation_rows(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT name, id_number, died, cremated FROM list_cremations ORDER BY id_number");
    std::vector<CremationRow> out;
    while (st.executeStep()) {
        CremationRow r;
        r.row = static_cast<int>(out.size()) + 1;
        r.name = text(st, 0);
        r.id_number = text(st, 1);
        r.died = date_of(st, 2);
        r.cremated = opt_date(st, 3);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PhoneCheckRow> phone_check_rows(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db,
                         "SELECT id_number, phone, day, outcome, eligible, note FROM list_phone_checks "
                         "WHERE day >= ?1 AND day <= ?2 ORDER BY day, subject");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<PhoneCheckRow> out;
    while (st.executeStep()) {
        PhoneCheckRow r;
        r.row = static_cast<int>(out.size()) + 1;
        r.id_number = text(st, 0);
        r.phone = text(st, 1);
        r.day = date_of(st, 2);
        r.outcome = outcome_of(st, 3);
        r.eligible = opt_bool(st, 4);
        r.note = text(st, 5);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<CallbackRow> callback_rows(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db,
                         "SELECT id_number, phone, day, outcome, overall, staff, package, knows_sos, suspension_reason "
                         "FROM list_callbacks WHERE day >= ?1 AND day <= ?2 ORDER BY day, subject");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<CallbackRow> out;
    while (st.executeStep()) {
        CallbackRow r;
        r.row = static_cast<int>(out.size()) + 1;
        r.id_number = text(st, 0);
        r.phone = text(st, 1);
        r.day = date_of(st, 2);
        r.outcome = outcome_of(st, 3);
        if (!st.getColumn(4).isNull()) r.overall = from_label<Satisfaction>(text(st, 4), 5);
        if (!st.getColumn(5).isNull()) r.staff = from_label<Satisfaction>(text(st, 5), 5);
        if (!st.getColumn(6).isNull()) r.package = from_label<PackageAnswer>(text(st, 6), 3);
        r.knows_sos = opt_bool(st, 7);
        r.suspension_reason = text(st, 8);
        out.push_back(std::move(r));
    }
    return out;
}

namespace {
std::string category_label(const std::string& c) {
    const auto parsed = parse_ElderCategory(c);
    return parsed ? std::string(label_zh(*parsed)) : c;
}
}  // namespace

std::map<std::string, std::set<std::string>> categories_of(SQLite::Database& db, const std::vector<SubscriberRow>& rows,
                                                           std::size_t scan_from) {
    std::map<std::string, std::set<std::string>> out;
    // Each distinct ID number as written, in order, with its key: a key takes the categories of the first of its
    // ID numbers that has any.
    std::vector<std::pair<std::string, std::string>> raw_key;
    TextCodes codes(rows.size());   // raw ID number -> its place in raw_key (a flat table; views into `rows`)
    for (const auto& r : rows)
        if (codes.code(r.id_number) == raw_key.size()) raw_key.emplace_back(r.id_number, verification::id_key(r.id_number));
    if (raw_key.size() >= scan_from) {
        // A city's subscribers: one pass over every elder's categories (about a second) instead of a lookup per
        // subscriber (600 000 prepared-statement steps, several seconds).
        std::map<std::size_t, std::set<std::string>> found;
        std::map<std::string, std::string, std::less<>> label_of;   // category code -> label (a handful)
        SQLite::Statement st(db, "SELECT e.id_number, c.category FROM elder_categories c JOIN elders e ON e.id = c.elder_id");
        while (st.executeStep()) {
            const auto code = codes.find(std::string_view(st.getColumn(0).getText()));
            if (code == TextCodes::kNone) continue;
            const std::string_view category(st.getColumn(1).getText());
            auto label = label_of.find(category);
            if (label == label_of.end()) label = label_of.emplace(std::string(category), category_label(std::string(category))).first;
            found[code].insert(label->second);
        }
        for (auto& [i, labels] : found) out.emplace(raw_key[i].second, std::move(labels));   // in order: first wins
        return out;
    }
    SQLite::Statement st(db,
                         "SELECT c.category FROM elders e JOIN elder_categories c ON c.elder_id = e.id "
                         "WHERE e.id_number = ?1 ORDER BY c.category");
    for (const auto& [raw, key] : raw_key) {
        if (out.count(key)) continue;
        st.reset();
        st.bind(1, raw);
        std::set<std::string> labels;
        while (st.executeStep()) labels.insert(category_label(st.getColumn(0).getString()));
        if (!labels.empty()) out.emplace(key, std::move(labels));
    }
    return out;
}

}  // namespace yiyang::store
