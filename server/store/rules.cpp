// Rule rows: seeding from the asset files, loading into the shared RuleBook, appending published versions.
#include "store/rules.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "store/audit.hpp"

namespace yiyang::store {
namespace {

using nlohmann::json;

const Date kEarliest{2000, 1, 1};   // effective_from for a seed file that names none

json read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read rule file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error("rule file " + path + " is not a JSON object");
    return j;
}

}  // namespace

int seed_rules(SQLite::Database& db, const std::string& dir, LocalSeconds now) {
    int inserted = 0;
    for (const RuleKind& kind : rule_kinds()) {
        if (kind.seed_file.empty()) continue;
        const std::string path = dir + "/" + kind.seed_file;
        json body = read_json_file(path);
        std::string version;
        Date effective = kEarliest;
        try {
            (void)kind.parse(body);
            version = body.at("version").get<std::string>();
            if (body.contains("effective_from")) {
                const auto d = parse_date(body["effective_from"].get<std::string>());
                if (!d) throw std::invalid_argument("field \"effective_from\" is not a date YYYY-MM-DD");
                effective = *d;
            }
        } catch (const std::exception& e) {
            throw std::runtime_error("rule file " + path + ": " + e.what());
        }
        SQLite::Statement st(db, "INSERT OR IGNORE INTO rules (kind, version, effective_from, body, created_at) "
                                 "VALUES (?,?,?,?,?)");
        st.bind(1, kind.code);
        st.bind(2, version);
        st.bind(3, format_date(effective));
        st.bind(4, body.dump());
        st.bind(5, static_cast<std::int64_t>(now));
        inserted += st.exec();
    }
    return inserted;
}

RuleBook load_rules(SQLite::Database& db) {
    RuleBook book;
    SQLite::Statement st(db,
        "SELECT r.kind, r.version, r.effective_from, r.body, r.created_at, a.actor, a.reason FROM rules r "
        "LEFT JOIN audit_events a ON a.entity = 'rule' AND a.entity_id = r.id AND a.action = 'publish' "
        "ORDER BY r.id");
    while (st.executeStep()) {
        RuleVersion v;
        v.kind = st.getColumn(0).getString();
        if (!find_rule_kind(v.kind)) continue;
        v.version = st.getColumn(1).getString();
        v.effective_from = parse_date(st.getColumn(2).getString()).value_or(kEarliest);
        v.published_at = st.getColumn(4).getInt64();
        if (!st.getColumn(5).isNull()) v.published_by = st.getColumn(5).getString();
        if (!st.getColumn(6).isNull()) v.reason = st.getColumn(6).getString();
        try {
            v.body = json::parse(st.getColumn(3).getString());
        } catch (const std::exception& e) {
            throw std::runtime_error("rules row " + v.kind + " " + v.version + ": " + e.what());
        }
        book.add(std::move(v));   // throws naming kind and version when the body no longer parses
    }
    return book;
}

Id insert_rule_version(SQLite::Database& db, const RuleVersion& v, std::optional<Id> actor_id) {
    SQLite::Statement st(db, "INSERT INTO rules (kind, version, effective_from, body, created_at) VALUES (?,?,?,?,?)");
    st.bind(1, v.kind);
    st.bind(2, v.version);
    st.bind(3, format_date(v.effective_from));
    st.bind(4, v.body.dump());
    st.bind(5, static_cast<std::int64_t>(v.published_at));
    st.exec();
    const Id id = db.getLastInsertRowid();
    append_audit(db, {0, v.published_at, actor_id, v.published_by, "rule", id, "publish",
                      json{{"kind", v.kind}, {"version", v.version}, {"effective_from", format_date(v.effective_from)}},
                      v.reason});
    return id;
}

}  // namespace yiyang::store
