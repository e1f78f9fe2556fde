// Callback sampling draws, frames and calls in SQLite (store/verification_sampling.hpp).
#include "store/verification_sampling.hpp"

#include <stdexcept>

namespace yiyang::store {
namespace {

std::string text(SQLite::Statement& st, int i) { return st.getColumn(i).isNull() ? std::string{} : st.getColumn(i).getString(); }

template <class E>
std::optional<E> from_label(const std::string& s, int count) {
    for (int i = 0; i < count; ++i)
        if (s == label_zh(static_cast<E>(i))) return static_cast<E>(i);
    return std::nullopt;
}

constexpr const char* kDrawColumns =
    "d.id, d.quarter, d.draw_date, d.seed, d.algorithm, d.rate_num, d.rate_den, d.rule_version, d.by_town, "
    "d.frame_size, d.size, d.drawn_by, d.drawn_by_id, d.drawn_at, d.reason, d.current, d.superseded_by, "
    "(SELECT COUNT(*) FROM sample_frame f WHERE f.draw_id = d.id AND f.replaces IS NOT NULL)";

StoredDraw draw_of(SQLite::Statement& st) {
    StoredDraw d;
    d.id = st.getColumn(0).getInt64();
    d.quarter = text(st, 1);
    const auto day = parse_date(text(st, 2));
    if (!day) throw std::runtime_error("抽样记录的抽样日期无法读取：" + text(st, 2));
    d.draw_date = *day;
    d.seed = text(st, 3);
    d.algorithm = text(st, 4);
    d.rate = Ratio{st.getColumn(5).getInt64(), st.getColumn(6).getInt64()};
    d.rule_version = text(st, 7);
    d.by_town = st.getColumn(8).getInt() != 0;
    d.frame_size = st.getColumn(9).getInt64();
    d.size = st.getColumn(10).getInt64();
    d.drawn_by = text(st, 11);
    if (!st.getColumn(12).isNull()) d.drawn_by_id = st.getColumn(12).getInt64();
    d.drawn_at = st.getColumn(13).getInt64();
    d.reason = text(st, 14);
    d.current = st.getColumn(15).getInt() != 0;
    if (!st.getColumn(16).isNull()) d.superseded_by = st.getColumn(16).getInt64();
    d.replacements = st.getColumn(17).getInt64();
    return d;
}

}  // namespace

Id insert_draw(SQLite::Database& db, const StoredDraw& d, const std::vector<FrameRow>& frame) {
    const auto old = current_draw(db, d.quarter);
    if (old) {
        SQLite::Statement off(db, "UPDATE sample_draws SET current = 0 WHERE id = ?1");
        off.bind(1, static_cast<std::int64_t>(old->id));
        off.exec();
    }
    SQLite::Statement st(db,
                         "INSERT INTO sample_draws (quarter, draw_date, seed, algorithm, rate_num, rate_den, rule_version, "
                         "by_town, frame_size, size, drawn_by, drawn_by_id, drawn_at, reason, current) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1)");
    st.bind(1, d.quarter);
    st.bind(2, format_date(d.draw_date));
    st.bind(3, d.seed);
    st.bind(4, d.algorithm);
    st.bind(5, d.rate.num);
    st.bind(6, d.rate.den);
    st.bind(7, d.rule_version);
    st.bind(8, d.by_town ? 1 : 0);
    st.bind(9, d.frame_size);
    st.bind(10, d.size);
    st.bind(11, d.drawn_by);
    if (d.drawn_by_id) st.bind(12, static_cast<std::int64_t>(*d.drawn_by_id));
    else st.bind(12);
    st.bind(13, static_cast<std::int64_t>(d.drawn_at));
    st.bind(14, d.reason);
    st.exec();
    const Id id = db.getLastInsertRowid();
    if (old) {
        SQLite::Statement by(db, "UPDATE sample_draws SET superseded_by = ?1 WHERE id = ?2");
        by.bind(1, static_cast<std::int64_t>(id));
        by.bind(2, static_cast<std::int64_t>(old->id));
        by.exec();
    }
    SQLite::Statement row(db,
                          "INSERT INTO sample_frame (draw_id, id_number, town, stratum, ord, key, sampled, no, replaces) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)");
    for (const auto& f : frame) {
        row.reset();
        row.bind(1, static_cast<std::int64_t>(id));
        row.bind(2, f.id_number);
        row.bind(3, f.town);
        row.bind(4, f.stratum);
        row.bind(5, f.order);
        row.bind(6, f.key);
        row.bind(7, f.sampled ? 1 : 0);
        if (f.no > 0) row.bind(8, f.no);
        else row.bind(8);
        row.exec();
    }
    return id;
}

std::optional<StoredDraw> get_draw(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kDrawColumns + " FROM sample_draws d WHERE d.id = ?1");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return draw_of(st);
}

std::optional<StoredDraw> current_draw(SQLite::Database& db, const std::string& quarter) {
    SQLite::Statement st(db, std::string("SELECT ") + kDrawColumns +
                                 " FROM sample_draws d WHERE d.quarter = ?1 AND d.current = 1");
    st.bind(1, quarter);
    if (!st.executeStep()) return std::nullopt;
    return draw_of(st);
}

std::vector<StoredDraw> draws_of(SQLite::Database& db, const std::string& quarter) {
    SQLite::Statement st(db, std::string("SELECT ") + kDrawColumns +
                                 " FROM sample_draws d WHERE d.quarter = ?1 ORDER BY d.id DESC");
    st.bind(1, quarter);
    std::vector<StoredDraw> out;
    while (st.executeStep()) out.push_back(draw_of(st));
    return out;
}

std::vector<FrameRow> frame_rows(SQLite::Database& db, Id draw_id) {
    SQLite::Statement st(db,
                         "SELECT id_number, town, stratum, ord, key, sampled, no, replaces FROM sample_frame "
                         "WHERE draw_id = ?1 ORDER BY stratum, ord");
    st.bind(1, static_cast<std::int64_t>(draw_id));
    std::vector<FrameRow> out;
    while (st.executeStep()) {
        FrameRow f;
        f.id_number = text(st, 0);
        f.town = text(st, 1);
        f.stratum = text(st, 2);
        f.order = st.getColumn(3).getInt64();
        f.key = text(st, 4);
        f.sampled = st.getColumn(5).getInt() != 0;
        f.no = st.getColumn(6).isNull() ? 0 : st.getColumn(6).getInt64();
        f.replaces = text(st, 7);
        out.push_back(std::move(f));
    }
    return out;
}

std::int64_t add_replacement(SQLite::Database& db, Id draw_id, const std::string& id_number, const std::string& replaces) {
    SQLite::Statement next(db, "SELECT COALESCE(MAX(no), 0) + 1 FROM sample_frame WHERE draw_id = ?1");
    next.bind(1, static_cast<std::int64_t>(draw_id));
    next.executeStep();
    const std::int64_t no = next.getColumn(0).getInt64();
    SQLite::Statement st(db, "UPDATE sample_frame SET no = ?1, replaces = ?2 WHERE draw_id = ?3 AND id_number = ?4 AND no IS NULL");
    st.bind(1, no);
    st.bind(2, replaces);
    st.bind(3, static_cast<std::int64_t>(draw_id));
    st.bind(4, id_number);
    if (st.exec() != 1) throw std::runtime_error("替补对象不在抽样框中或已在回访名单中：" + id_number);
    return no;
}

Id insert_sample_call(SQLite::Database& db, Id draw_id, const CallbackRow& c, const std::string& recorded_by,
                      std::optional<Id> recorded_by_id, LocalSeconds at) {
    SQLite::Statement st(db,
                         "INSERT INTO sample_calls (draw_id, id_number, day, outcome, overall, staff, package, knows_sos, "
                         "suspension_reason, recorded_by, recorded_by_id, recorded_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    st.bind(1, static_cast<std::int64_t>(draw_id));
    st.bind(2, c.id_number);
    st.bind(3, format_date(c.day));
    st.bind(4, label_zh(c.outcome));
    if (c.overall) st.bind(5, label_zh(*c.overall)); else st.bind(5);
    if (c.staff) st.bind(6, label_zh(*c.staff)); else st.bind(6);
    if (c.package) st.bind(7, label_zh(*c.package)); else st.bind(7);
    if (c.knows_sos) st.bind(8, *c.knows_sos ? 1 : 0); else st.bind(8);
    st.bind(9, c.suspension_reason);
    st.bind(10, recorded_by);
    if (recorded_by_id) st.bind(11, static_cast<std::int64_t>(*recorded_by_id)); else st.bind(11);
    st.bind(12, static_cast<std::int64_t>(at));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<SampleCall> sample_calls(SQLite::Database& db, Id draw_id) {
    SQLite::Statement st(db,
                         "SELECT id, id_number, day, outcome, overall, staff, package, knows_sos, suspension_reason, "
                         "recorded_by, recorded_at FROM sample_calls WHERE draw_id = ?1 ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(draw_id));
    std::vector<SampleCall> out;
    while (st.executeStep()) {
        SampleCall s;
        s.id = st.getColumn(0).getInt64();
        s.call.row = static_cast<int>(s.id);
        s.call.id_number = text(st, 1);
        const auto day = parse_date(text(st, 2));
        if (!day) throw std::runtime_error("回访记录的日期无法读取：" + text(st, 2));
        s.call.day = *day;
        const auto outcome = from_label<CallOutcome>(text(st, 3), 8);
        if (!outcome) throw std::runtime_error("回访记录的结果无法读取：" + text(st, 3));
        s.call.outcome = *outcome;
        if (!st.getColumn(4).isNull()) s.call.overall = from_label<Satisfaction>(text(st, 4), 5);
        if (!st.getColumn(5).isNull()) s.call.staff = from_label<Satisfaction>(text(st, 5), 5);
        if (!st.getColumn(6).isNull()) s.call.package = from_label<PackageAnswer>(text(st, 6), 3);
        if (!st.getColumn(7).isNull()) s.call.knows_sos = st.getColumn(7).getInt() != 0;
        s.call.suspension_reason = text(st, 8);
        s.recorded_by = text(st, 9);
        s.recorded_at = st.getColumn(10).getInt64();
        out.push_back(std::move(s));
    }
    return out;
}

std::map<std::string, ElderContact> elder_contacts(SQLite::Database& db, const std::vector<std::string>& id_numbers) {
    std::map<std::string, ElderContact> out;
    SQLite::Statement st(db, "SELECT id, name, id_number, phone, town_id FROM elders WHERE id_number = ?1 ORDER BY id LIMIT 1");
    for (const auto& id : id_numbers) {
        if (out.count(id)) continue;
        st.reset();
        st.bind(1, id);
        if (!st.executeStep()) continue;
        out[id] = {st.getColumn(0).getInt64(), text(st, 1), text(st, 2), text(st, 3), st.getColumn(4).getInt64()};
    }
    return out;
}

}  // namespace yiyang::store
