// Provider supervision in SQLite (provider_supervision.hpp; migration 32).
#include "store/provider_supervision.hpp"

#include <cstdio>
#include <set>

#include <sodium.h>

#include "store/reference.hpp"

namespace yiyang::store {

using nlohmann::json;
using namespace yiyang::providers;

namespace {
std::optional<LocalSeconds> opt_time(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}
Date day_of(const std::string& s) { return parse_date(s).value_or(Date{}); }
}  // namespace

std::map<Id, ProviderExtra> provider_extras(SQLite::Database& db) {
    std::map<Id, ProviderExtra> out;
    SQLite::Statement st(db, "SELECT id, platform, licence_expires FROM providers ORDER BY id");
    while (st.executeStep()) {
        ProviderExtra x;
        x.platform = parse_platform(st.getColumn(1).getString()).value_or(Platform::SmartCare);
        if (!st.getColumn(2).isNull()) x.licence_expires = parse_date(st.getColumn(2).getString());
        out[st.getColumn(0).getInt64()] = x;
    }
    return out;
}

void set_provider_platform(SQLite::Database& db, Id provider, Platform p) {
    SQLite::Statement st(db, "UPDATE providers SET platform = ? WHERE id = ?");
    st.bind(1, code(p));
    st.bind(2, static_cast<std::int64_t>(provider));
    st.exec();
}

void set_licence_expires(SQLite::Database& db, Id provider, const Date& d) {
    SQLite::Statement st(db, "UPDATE providers SET licence_expires = ? WHERE id = ?");
    st.bind(1, format_date(d));
    st.bind(2, static_cast<std::int64_t>(provider));
    st.exec();
}

void set_provider_status(SQLite::Database& db, Id provider, ProviderStatus s) {
    SQLite::Statement st(db, "UPDATE providers SET status = ? WHERE id = ?");
    st.bind(1, code(s));
    st.bind(2, static_cast<std::int64_t>(provider));
    st.exec();
}

// ---- evaluations ------------------------------------------------------------------------------------
Id insert_evaluation(SQLite::Database& db, const EvaluationRow& e) {
    SQLite::Statement st(db,
                         "INSERT INTO provider_evaluations (provider_id, day, window_first, window_last, rule_version, "
                         "scores, total_num, total_den, grade, note, signed_by, signed_by_name, signed_at, content_sha256) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(e.provider_id));
    st.bind(2, format_date(e.day));
    st.bind(3, format_date(e.window_first));
    st.bind(4, format_date(e.window_last));
    st.bind(5, e.rule_version);
    st.bind(6, e.scores.dump());
    st.bind(7, static_cast<std::int64_t>(e.total.num));
    st.bind(8, static_cast<std::int64_t>(e.total.den));
    st.bind(9, code(e.grade));
    st.bind(10, e.note);
    st.bind(11, static_cast<std::int64_t>(e.signed_by));
    st.bind(12, e.signed_by_name);
    st.bind(13, static_cast<std::int64_t>(e.signed_at));
    st.bind(14, e.content_sha256);
    st.exec();
    return db.getLastInsertRowid();
}

bool evaluation_exists(SQLite::Database& db, Id provider, const Date& day) {
    SQLite::Statement st(db, "SELECT 1 FROM provider_evaluations WHERE provider_id = ? AND day = ?");
    st.bind(1, static_cast<std::int64_t>(provider));
    st.bind(2, format_date(day));
    return st.executeStep();
}

namespace {
const char* const kEvalColumns =
    "SELECT e.id, e.provider_id, p.name, e.day, e.window_first, e.window_last, e.rule_version, e.scores, e.total_num, "
    "e.total_den, e.grade, e.note, e.signed_by, e.signed_by_name, e.signed_at, e.content_sha256 "
    "FROM provider_evaluations e JOIN providers p ON p.id = e.provider_id";
EvaluationRow eval_row(SQLite::Statement& st) {
    EvaluationRow e;
    e.id = st.getColumn(0).getInt64();
    e.provider_id = st.getColumn(1).getInt64();
    e.provider_name = st.getColumn(2).getString();
    e.day = day_of(st.getColumn(3).getString());
    e.window_first = day_of(st.getColumn(4).getString());
    e.window_last = day_of(st.getColumn(5).getString());
    e.rule_version = st.getColumn(6).getString();
    e.scores = json::parse(st.getColumn(7).getString(), nullptr, false);
    if (e.scores.is_discarded()) e.scores = json::array();
    e.total = Ratio{st.getColumn(8).getInt64(), st.getColumn(9).getInt64()};
    e.grade = parse_grade(st.getColumn(10).getString()).value_or(Grade::Poor);
    e.note = st.getColumn(11).getString();
    e.signed_by = st.getColumn(12).getInt64();
    e.signed_by_name = st.getColumn(13).getString();
    e.signed_at = st.getColumn(14).getInt64();
    e.content_sha256 = st.getColumn(15).getString();
    return e;
}
}  // namespace

std::optional<EvaluationRow> find_evaluation(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string(kEvalColumns) + " WHERE e.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return eval_row(st);
}

std::vector<EvaluationRow> evaluations(SQLite::Database& db, std::optional<Id> provider) {
    SQLite::Statement st(db, std::string(kEvalColumns) + (provider ? " WHERE e.provider_id = ?" : "") + " ORDER BY e.day, e.id");
    if (provider) st.bind(1, static_cast<std::int64_t>(*provider));
    std::vector<EvaluationRow> out;
    while (st.executeStep()) out.push_back(eval_row(st));
    return out;
}

// ---- actions ----------------------------------------------------------------------------------------
Id insert_action(SQLite::Database& db, const ActionRow& a, Id decided_by) {
    SQLite::Statement st(db,
                         "INSERT INTO provider_actions (provider_id, evaluation_id, action, day, status_before, reason, "
                         "decided_by, decided_by_name, decided_at) VALUES (?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(a.provider_id));
    st.bind(2, static_cast<std::int64_t>(a.evaluation_id));
    st.bind(3, code(a.action));
    st.bind(4, format_date(a.day));
    st.bind(5, a.status_before);
    st.bind(6, a.reason);
    st.bind(7, static_cast<std::int64_t>(decided_by));
    st.bind(8, a.decided_by_name);
    st.bind(9, static_cast<std::int64_t>(a.decided_at));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<ActionRow> actions(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id, provider_id, evaluation_id, action, day, status_before, reason, decided_by_name, "
                             "decided_at FROM provider_actions ORDER BY day, id");
    std::vector<ActionRow> out;
    while (st.executeStep()) {
        ActionRow a;
        a.id = st.getColumn(0).getInt64();
        a.provider_id = st.getColumn(1).getInt64();
        a.evaluation_id = st.getColumn(2).getInt64();
        a.action = parse_poor_action(st.getColumn(3).getString()).value_or(PoorAction::Warn);
        a.day = day_of(st.getColumn(4).getString());
        a.status_before = st.getColumn(5).getString();
        a.reason = st.getColumn(6).getString();
        a.decided_by_name = st.getColumn(7).getString();
        a.decided_at = st.getColumn(8).getInt64();
        out.push_back(std::move(a));
    }
    return out;
}

// ---- key-information checks --------------------------------------------------------------------------
Id upsert_key_check(SQLite::Database& db, const KeyCheckRow& k, Id checked_by) {
    SQLite::Statement del(db, "DELETE FROM provider_key_checks WHERE provider_id = ? AND day = ?");
    del.bind(1, static_cast<std::int64_t>(k.provider_id));
    del.bind(2, format_date(k.day));
    del.exec();
    SQLite::Statement st(db, "INSERT INTO provider_key_checks (provider_id, day, missing, complete, checked_by, "
                             "checked_by_name, checked_at) VALUES (?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(k.provider_id));
    st.bind(2, format_date(k.day));
    st.bind(3, json(k.missing).dump());
    st.bind(4, k.missing.empty() ? 1 : 0);
    st.bind(5, static_cast<std::int64_t>(checked_by));
    st.bind(6, k.checked_by_name);
    st.bind(7, static_cast<std::int64_t>(k.checked_at));
    st.exec();
    return db.getLastInsertRowid();
}

std::vector<KeyCheckRow> key_checks(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id, provider_id, day, missing, checked_by_name, checked_at FROM provider_key_checks "
                             "ORDER BY day, id");
    std::vector<KeyCheckRow> out;
    while (st.executeStep()) {
        KeyCheckRow k;
        k.id = st.getColumn(0).getInt64();
        k.provider_id = st.getColumn(1).getInt64();
        k.day = day_of(st.getColumn(2).getString());
        const auto m = json::parse(st.getColumn(3).getString(), nullptr, false);
        if (m.is_array()) {
            for (const auto& i : m) k.missing.push_back(i.get<MissingItem>());
        }
        k.checked_by_name = st.getColumn(4).getString();
        k.checked_at = st.getColumn(5).getInt64();
        out.push_back(std::move(k));
    }
    return out;
}

// ---- the records an evaluation reads ------------------------------------------------------------------
std::vector<EvalOrder> eval_orders(SQLite::Database& db, Id provider, const Date& first, const Date& last) {
    const std::int64_t from = start_of(first), to = start_of(add_days(last, 1));
    SQLite::Statement st(db,
                         "SELECT id, code, status, created_at, dispatched_at, completed_at, closed_at, satisfaction "
                         "FROM work_orders WHERE provider_id = :p AND ((created_at >= :f AND created_at < :t) OR "
                         "(dispatched_at >= :f AND dispatched_at < :t) OR (closed_at >= :f AND closed_at < :t)) ORDER BY id");
    st.bind(":p", static_cast<std::int64_t>(provider));
    st.bind(":f", from);
    st.bind(":t", to);
    std::vector<EvalOrder> out;
    while (st.executeStep()) {
        EvalOrder o;
        o.id = st.getColumn(0).getInt64();
        o.code = st.getColumn(1).getString();
        o.status = parse_OrderStatus(st.getColumn(2).getString()).value_or(OrderStatus::Received);
        o.created_at = st.getColumn(3).getInt64();
        o.dispatched_at = opt_time(st.getColumn(4));
        o.completed_at = opt_time(st.getColumn(5));
        o.closed_at = opt_time(st.getColumn(6));
        if (!st.getColumn(7).isNull()) o.satisfaction = st.getColumn(7).getInt();
        out.push_back(std::move(o));
    }
    return out;
}

std::vector<EvalComplaint> eval_complaints(SQLite::Database& db, Id provider, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT id, code, created_at, complaint_valid FROM work_orders WHERE type = 'complaint' AND "
                             "about_provider_id = ? AND created_at >= ? AND created_at < ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(provider));
    st.bind(2, start_of(first));
    st.bind(3, start_of(add_days(last, 1)));
    std::vector<EvalComplaint> out;
    while (st.executeStep()) {
        EvalComplaint c;
        c.id = st.getColumn(0).getInt64();
        c.code = st.getColumn(1).getString();
        c.created_at = st.getColumn(2).getInt64();
        c.valid = !st.getColumn(3).isNull() && st.getColumn(3).getInt() != 0;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<EvalOrderDetail> eval_order_details(SQLite::Database& db, const std::vector<Id>& ids) {
    std::vector<EvalOrderDetail> out;
    SQLite::Statement st(db, "SELECT id, code, type, status, created_at, dispatched_at, completed_at, closed_at, "
                             "satisfaction, complaint_valid FROM work_orders WHERE id = ?");
    for (Id id : ids) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(id));
        if (!st.executeStep()) continue;
        EvalOrderDetail d;
        d.id = st.getColumn(0).getInt64();
        d.code = st.getColumn(1).getString();
        d.type = st.getColumn(2).getString();
        d.status = st.getColumn(3).getString();
        d.created_at = st.getColumn(4).getInt64();
        d.dispatched_at = opt_time(st.getColumn(5));
        d.completed_at = opt_time(st.getColumn(6));
        d.closed_at = opt_time(st.getColumn(7));
        if (!st.getColumn(8).isNull()) d.satisfaction = st.getColumn(8).getInt();
        if (!st.getColumn(9).isNull()) d.complaint_valid = st.getColumn(9).getInt() != 0;
        out.push_back(std::move(d));
    }
    return out;
}

MonthlyOrders monthly_orders(SQLite::Database& db, const Date& first, const Date& last) {
    // From the order aggregates (kpi_daily.hpp; "kept_orders": the orders not cancelled, by created month), kept
    // current by every order write: whole months, so the months of `first` and `last` count whole.
    SQLite::Statement st(db, "SELECT provider_id, month, SUM(kept_orders_den) FROM kpi_monthly "
                             "WHERE provider_id <> 0 AND month BETWEEN ? AND ? GROUP BY provider_id, month");
    st.bind(1, static_cast<std::int64_t>(first.year * 100 + first.month));
    st.bind(2, static_cast<std::int64_t>(last.year * 100 + last.month));
    MonthlyOrders out;
    char m[16];
    while (st.executeStep()) {
        const std::int64_t n = st.getColumn(2).getInt64();
        if (n == 0) continue;
        const std::int64_t key = st.getColumn(1).getInt64();
        std::snprintf(m, sizeof m, "%04d-%02d", static_cast<int>(key / 100), static_cast<int>(key % 100));
        out[st.getColumn(0).getInt64()][m] = n;
    }
    return out;
}

ProviderKpiInput provider_kpi_input(SQLite::Database& db, const Date& first, const Date& last) {
    ProviderKpiInput in;
    const auto extras = provider_extras(db);
    for (auto& p : find_providers(db, ProviderQuery{})) {
        KpiProvider k;
        const auto it = extras.find(p.id);
        if (it != extras.end()) k.platform = it->second.platform;
        k.provider = std::move(p);
        in.providers.push_back(std::move(k));
    }
    // The stored status is today's: a provider warned or removed by a decision recorded here started 正常 (status_on
    // reads the decisions by day), so the stored status stands for "registered as" only when no decision exists.
    for (const auto& e : evaluations(db)) in.evaluations.push_back({e.id, e.provider_id, e.day, e.grade});
    for (const auto& a : actions(db)) in.actions.push_back({a.id, a.provider_id, a.day, a.action});
    for (const auto& k : key_checks(db)) in.key_checks.push_back({k.id, k.provider_id, k.day});
    // Months for the activity window: up to a year before the range's first day covers any window of <= 12 months.
    in.monthly_orders = monthly_orders(db, add_days(first, -400), last);
    for (Id t : town_ids(db)) in.towns.push_back(t);
    return in;
}

namespace {
std::string sha256_of(const std::string& text) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : h) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return out;
}
}  // namespace

void seed_demo_provider_supervision(SQLite::Database& db, LocalSeconds now) {
    const EvaluationRule rule;   // the seeded version's values
    const Date today = date_of(now);
    const char* const kDemo = "演示数据";
    for (const auto& p : find_providers(db, ProviderQuery{})) {
        const Id id = p.id;
        set_provider_platform(db, id, id % 3 == 0 ? Platform::Mzt : Platform::SmartCare);
        std::optional<Date> expires;
        if (id % 11 == 0) expires = add_days(today, -40);
        else if (id % 7 != 0) expires = add_days(today, 200 + id * 3);
        if (expires) set_licence_expires(db, id, *expires);
        if (id % 4 != 3) {
            KeyCheckRow k;
            k.provider_id = id;
            k.day = add_days(today, -(id % 25));
            k.missing = check_key_information(p, expires, k.day);
            k.checked_by_name = kDemo;
            k.checked_at = start_of(k.day) + 10 * 3600;
            upsert_key_check(db, k, 0);
        }
        if (id % 5 == 4) continue;   // not evaluated yet
        const bool poor = id % 10 == 7;
        EvaluationInput in;
        in.day = add_days(today, -(id % 28));
        in.scores[Dimension::Qualification].tenths = poor ? 40 : 120 + (id * 37) % 80;
        in.scores[Dimension::Reputation].tenths = poor ? 30 : 90 + (id * 53) % 60;
        const auto window = evaluation_window(in.day, rule);
        const auto pre = prefill(eval_orders(db, id, window.first, window.last),
                                 eval_complaints(db, id, window.first, window.last), window, rule);
        for (Dimension d : {Dimension::Performance, Dimension::Satisfaction}) {
            const auto* s = pre.find(d);
            if (poor) {
                in.scores[d].tenths = d == Dimension::Performance ? 60 : 50;
                in.scores[d].reason = "演示：多次未按约定提供服务，回访不满意";
            } else if (!s || !s->points) {
                in.scores[d].tenths = rule.max_points.at(d) * 6;   // 60 % of the points when nothing to prefill from
            }
        }
        Evaluation ev;
        if (!complete_evaluation(in, pre, rule, ev).empty()) continue;
        EvaluationRow row;
        row.provider_id = id;
        row.day = in.day;
        row.window_first = window.first;
        row.window_last = window.last;
        row.rule_version = "provider-eval-2026-v1";
        for (const auto& s : ev.scores) {
            json j = {{"dimension", code(s.dimension)}, {"num", s.points.num}, {"den", s.points.den},
                      {"changed", s.changed}, {"reason", s.reason}};
            j["prefilled"] = s.prefilled ? json{{"num", s.prefilled->num}, {"den", s.prefilled->den}} : json();
            row.scores.push_back(j);
        }
        row.total = ev.total;
        row.grade = ev.grade;
        row.note = "演示城市的评价（按工单记录预填）";
        row.signed_by_name = kDemo;
        row.signed_at = start_of(in.day) + 15 * 3600;
        row.content_sha256 = sha256_of(json{{"provider_id", id}, {"day", format_date(in.day)}, {"scores", row.scores},
                                            {"grade", code(ev.grade)}}.dump());
        insert_evaluation(db, row);
    }
}

}  // namespace yiyang::store
