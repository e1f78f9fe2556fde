// Knowledge-base rows: search (FTS5 trigram or a short-word scan), reads, versioned writes and seeding.
#include "store/knowledge.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "store/audit.hpp"

namespace yiyang::store {
namespace {

// " ORDER BY <field> [DESC], a.id [DESC]" for a whitelisted field (kb_sort_fields; anything else: updated_at).
// The base holds hundreds of articles, not millions: a sort of what the filter selects, no index needed.
std::string chosen_order(const KbQuery& q) {
    const char* dir = q.descending ? " DESC" : "";
    std::string field = "a.updated_at";
    if (q.sort == "title") field = "a.title";
    else if (q.sort == "id") return std::string(" ORDER BY a.id") + dir;
    else if (q.sort == "kind") field = "a.kind";
    return " ORDER BY " + field + dir + ", a.id" + dir;
}

using nlohmann::json;

std::vector<std::string> tags_from(const std::string& text) {
    std::vector<std::string> out;
    auto j = json::parse(text, nullptr, false);
    if (j.is_array()) {
        for (const auto& t : j) if (t.is_string()) out.push_back(t.get<std::string>());
    }
    return out;
}

std::string tags_text(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& t : tags) {
        if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

std::optional<Id> optional_id(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

void bind_optional(SQLite::Statement& st, int index, std::optional<Id> v) {
    if (v) st.bind(index, static_cast<std::int64_t>(*v));
    else st.bind(index);
}

// Columns 0..13 of every article read: a.*, creator and editor display names.
constexpr const char* kArticleColumns =
    "a.id, a.kind, a.title, a.body, a.tags, a.version, a.created_at, a.created_by, "
    "COALESCE(cu.display_name, '系统'), a.updated_at, a.updated_by, COALESCE(uu.display_name, '系统'), a.archived, "
    "a.published";
constexpr const char* kArticleJoins =
    " LEFT JOIN users cu ON cu.id = a.created_by LEFT JOIN users uu ON uu.id = a.updated_by";

KbArticle article_from(SQLite::Statement& st) {
    KbArticle a;
    a.id = st.getColumn(0).getInt64();
    a.kind = parse_KbKind(st.getColumn(1).getString()).value_or(KbKind::Faq);
    a.title = st.getColumn(2).getString();
    a.body = st.getColumn(3).getString();
    a.tags = tags_from(st.getColumn(4).getString());
    a.version = st.getColumn(5).getInt64();
    a.created_at = st.getColumn(6).getInt64();
    a.created_by = optional_id(st.getColumn(7));
    a.created_by_name = st.getColumn(8).getString();
    a.updated_at = st.getColumn(9).getInt64();
    a.updated_by = optional_id(st.getColumn(10));
    a.updated_by_name = st.getColumn(11).getString();
    a.archived = st.getColumn(12).getInt() != 0;
    a.published = st.getColumn(13).getInt() != 0;
    return a;
}

// A word as one FTS5 phrase: wrapped in double quotes, inner quotes doubled, so nothing in it is syntax.
std::string fts_phrase(const std::string& term) {
    std::string out = "\"";
    for (char c : term) {
        if (c == '"') out += "\"\"";
        else out += c;
    }
    out += '"';
    return out;
}

void insert_version(SQLite::Database& db, Id id, std::int64_t version, const KbArticleDraft& d,
                    std::optional<Id> user, LocalSeconds now, const std::string& reason) {
    SQLite::Statement st(db, "INSERT INTO kb_article_versions (article_id, version, kind, title, body, tags, "
                             "changed_at, changed_by, reason, published) VALUES (?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, static_cast<std::int64_t>(id));
    st.bind(2, version);
    st.bind(3, code(d.kind));
    st.bind(4, d.title);
    st.bind(5, d.body);
    st.bind(6, kb_tags_json(d.tags).dump());
    st.bind(7, static_cast<std::int64_t>(now));
    bind_optional(st, 8, user);
    st.bind(9, reason);
    st.bind(10, d.published ? 1 : 0);
    st.exec();
}

json read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read knowledge file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("articles") || !j["articles"].is_array()) {
        throw std::runtime_error("knowledge file " + path + " is not a JSON object with an \"articles\" array");
    }
    return j;
}

bool seed_key_exists(SQLite::Database& db, const std::string& key) {
    SQLite::Statement st(db, "SELECT 1 FROM kb_articles WHERE seed_key = ?");
    st.bind(1, key);
    return st.executeStep();
}

void seed_one(SQLite::Database& db, const KbArticleDraft& d, const std::string& key, LocalSeconds now) {
    const Id id = insert_kb(db, d, std::nullopt, now, "初始导入", key);
    append_audit(db, {0, now, std::nullopt, "system", "kb_article", id, "seed",
                      json{{"version", json::array({nullptr, 1})}, {"kind", json::array({nullptr, code(d.kind)})},
                           {"title", json::array({nullptr, d.title})}, {"published", json::array({nullptr, d.published})},
                           {"seed_key", key}},
                      "初始导入"});
}

// One 服务商信息 article per provider, from the register (name, status, categories, towns, points, phone).
int seed_provider_articles(SQLite::Database& db, LocalSeconds now) {
    std::map<Id, std::string> towns;
    {
        SQLite::Statement st(db, "SELECT id, name FROM towns");
        while (st.executeStep()) towns[st.getColumn(0).getInt64()] = st.getColumn(1).getString();
    }
    std::map<Id, std::vector<std::string>> cats, covered, points;
    {
        SQLite::Statement st(db, "SELECT provider_id, category FROM provider_categories ORDER BY provider_id, category");
        while (st.executeStep()) {
            auto c = parse_ServiceCategory(st.getColumn(1).getString());
            cats[st.getColumn(0).getInt64()].push_back(c ? label_zh(*c) : st.getColumn(1).getString());
        }
    }
    {
        SQLite::Statement st(db, "SELECT provider_id, town_id FROM provider_towns ORDER BY provider_id, town_id");
        while (st.executeStep()) covered[st.getColumn(0).getInt64()].push_back(towns[st.getColumn(1).getInt64()]);
    }
    {
        SQLite::Statement st(db, "SELECT provider_id, name, town_id, address FROM service_points ORDER BY provider_id, id");
        while (st.executeStep()) {
            std::string line = st.getColumn(1).getString() + "（" + towns[st.getColumn(2).getInt64()];
            if (auto addr = st.getColumn(3).getString(); !addr.empty()) line += "，" + addr;
            points[st.getColumn(0).getInt64()].push_back(line + "）");
        }
    }
    int inserted = 0;
    std::set<std::string> existing;
    {
        SQLite::Statement st(db, "SELECT seed_key FROM kb_articles WHERE seed_key LIKE 'provider:%'");
        while (st.executeStep()) existing.insert(st.getColumn(0).getString());
    }
    SQLite::Statement st(db, "SELECT id, name, status, licence_no, contact_phone, staff_count, "
                             "published_on_miniprogram FROM providers ORDER BY id");
    while (st.executeStep()) {
        const Id pid = st.getColumn(0).getInt64();
        const std::string key = "provider:" + std::to_string(pid);
        if (existing.count(key)) continue;
        const std::string name = st.getColumn(1).getString();
        const auto status = parse_ProviderStatus(st.getColumn(2).getString());
        auto join = [](const std::vector<std::string>& v, const char* sep) {
            std::string out;
            for (const auto& s : v) { if (!out.empty()) out += sep; out += s; }
            return out.empty() ? std::string("（未登记）") : out;
        };
        KbArticleDraft d;
        d.kind = KbKind::ProviderInfo;
        d.title = name;
        d.body = "服务商：" + name + "\n状态：" + (status ? label_zh(*status) : "未知") +
                 (status == ProviderStatus::Active ? "" : "（预警或清退的服务商不派单，请改派其他服务商）") +
                 "\n服务类别：" + join(cats[pid], "、") + "\n服务镇街：" + join(covered[pid], "、") +
                 "\n服务网点：" + join(points[pid], "；") + "\n联系电话：" +
                 (st.getColumn(4).getString().empty() ? std::string("（未登记）") : st.getColumn(4).getString()) +
                 "\n服务人员：" + std::to_string(st.getColumn(5).getInt()) + " 人" +
                 "\n小程序公开服务信息：" + (st.getColumn(6).getInt() ? "是" : "否") +
                 "\n资质编号：" + (st.getColumn(3).getString().empty() ? std::string("（未登记）") : st.getColumn(3).getString()) +
                 "\n\n本条由服务商名录自动生成；派单以“派单候选”中的排序和可派原因为准，名录变更后请主管核对本条。";
        d.tags = {"服务商"};
        for (const auto& c : cats[pid]) if (d.tags.size() < kKbTagsMax) d.tags.push_back(c);
        if (utf8_length(d.body) > kKbBodyMax) d.body = kb_snippet(d.body, "", kKbBodyMax - 1);
        seed_one(db, d, key, now);
        ++inserted;
    }
    return inserted;
}

}  // namespace

json kb_tags_json(const std::vector<std::string>& tags) {
    json j = json::array();
    for (const auto& t : tags) j.push_back(t);
    return j;
}

KbPage search_kb(SQLite::Database& db, const KbQuery& q) {
    KbPage page;
    page.terms = kb_query_terms(q.q);
    bool all_long = !page.terms.empty();
    for (const auto& t : page.terms) all_long = all_long && utf8_length(t) >= 3;
    page.full_text = all_long;
    const std::int64_t limit = q.page_size;
    const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.page_size;
    std::string public_kinds;   // the shared rule of what the public may read (knowledge.hpp public_may_read)
    for (KbKind k : all_KbKinds())
        if (public_may_read(k, true)) public_kinds += (public_kinds.empty() ? "'" : ", '") + std::string(code(k)) + "'";
    const std::string kind_filter = std::string(q.kind ? " AND a.kind = :kind" : "") +
                                    (q.public_only ? " AND a.published = 1 AND a.kind IN (" + public_kinds + ")" : "");

    std::string count_sql, list_sql;
    if (all_long) {
        std::string match;
        for (const auto& t : page.terms) {
            if (!match.empty()) match += " AND ";
            match += fts_phrase(t);
        }
        const std::string from = " FROM kb_fts JOIN kb_articles a ON a.id = kb_fts.rowid WHERE kb_fts MATCH :match "
                                 "AND a.archived = 0" + kind_filter;
        count_sql = "SELECT COUNT(*)" + from;
        list_sql = std::string("SELECT ") + kArticleColumns + from.substr(0, from.find(" WHERE")) + kArticleJoins +
                   from.substr(from.find(" WHERE")) + (q.sort.empty() ? std::string(" ORDER BY bm25(kb_fts, 10.0, 1.0, 5.0), a.updated_at DESC, a.id DESC")
                                  : chosen_order(q)) + " LIMIT :limit OFFSET :offset";
        auto bind = [&](SQLite::Statement& st) {
            st.bind(":match", match);
            if (q.kind) st.bind(":kind", code(*q.kind));
        };
        SQLite::Statement count(db, count_sql);
        bind(count);
        if (count.executeStep()) page.total = count.getColumn(0).getInt64();
        SQLite::Statement list(db, list_sql);
        bind(list);
        list.bind(":limit", limit);
        list.bind(":offset", offset);
        while (list.executeStep()) page.items.push_back(article_from(list));
        return page;
    }

    // Short words (or no words): a scan. lower() folds ASCII only, which is all the folding Chinese needs.
    std::string where = " WHERE a.archived = 0" + kind_filter;
    for (std::size_t i = 0; i < page.terms.size(); ++i) {
        const std::string p = ":t" + std::to_string(i);
        where += " AND (instr(lower(a.title), lower(" + p + ")) > 0 OR instr(lower(a.body), lower(" + p +
                 ")) > 0 OR instr(lower(a.tags_text), lower(" + p + ")) > 0)";
    }
    std::string order = " ORDER BY ";
    if (!page.terms.empty()) {
        order += "CASE WHEN instr(lower(a.title), lower(:t0)) > 0 THEN 0 "
                 "WHEN instr(lower(a.tags_text), lower(:t0)) > 0 THEN 1 ELSE 2 END, ";
    }
    order += "a.updated_at DESC, a.id DESC";
    if (!q.sort.empty()) order = chosen_order(q);   // the chosen column instead of relevance
    count_sql = "SELECT COUNT(*) FROM kb_articles a" + where;
    list_sql = std::string("SELECT ") + kArticleColumns + " FROM kb_articles a" + kArticleJoins + where + order +
               " LIMIT :limit OFFSET :offset";
    auto bind = [&](SQLite::Statement& st) {
        for (std::size_t i = 0; i < page.terms.size(); ++i) st.bind(":t" + std::to_string(i), page.terms[i]);
        if (q.kind) st.bind(":kind", code(*q.kind));
    };
    SQLite::Statement count(db, count_sql);
    bind(count);
    if (count.executeStep()) page.total = count.getColumn(0).getInt64();
    SQLite::Statement list(db, list_sql);
    bind(list);
    list.bind(":limit", limit);
    list.bind(":offset", offset);
    while (list.executeStep()) page.items.push_back(article_from(list));
    return page;
}

const std::vector<std::string>& kb_sort_fields() {
    static const std::vector<std::string> fields = {"updated_at", "title", "id", "kind"};
    return fields;
}

std::optional<KbArticle> get_kb(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kArticleColumns + " FROM kb_articles a" + kArticleJoins +
                                 " WHERE a.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return article_from(st);
}

std::vector<KbVersion> kb_history(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, "SELECT v.version, v.kind, v.title, v.body, v.tags, v.changed_at, v.changed_by, "
                             "COALESCE(u.display_name, '系统'), v.reason, v.published FROM kb_article_versions v "
                             "LEFT JOIN users u ON u.id = v.changed_by WHERE v.article_id = ? ORDER BY v.version DESC");
    st.bind(1, static_cast<std::int64_t>(id));
    std::vector<KbVersion> out;
    while (st.executeStep()) {
        KbVersion v;
        v.version = st.getColumn(0).getInt64();
        v.kind = parse_KbKind(st.getColumn(1).getString()).value_or(KbKind::Faq);
        v.title = st.getColumn(2).getString();
        v.body = st.getColumn(3).getString();
        v.tags = tags_from(st.getColumn(4).getString());
        v.changed_at = st.getColumn(5).getInt64();
        v.changed_by = optional_id(st.getColumn(6));
        v.changed_by_name = st.getColumn(7).getString();
        v.reason = st.getColumn(8).getString();
        v.published = st.getColumn(9).getInt() != 0;
        out.push_back(std::move(v));
    }
    return out;
}

Id insert_kb(SQLite::Database& db, const KbArticleDraft& d, std::optional<Id> user, LocalSeconds now,
             const std::string& reason, const std::string& seed_key) {
    SQLite::Statement st(db, "INSERT INTO kb_articles (kind, title, body, tags, tags_text, version, created_at, "
                             "created_by, updated_at, updated_by, seed_key, published) VALUES (?,?,?,?,?,1,?,?,?,?,?,?)");
    st.bind(1, code(d.kind));
    st.bind(2, d.title);
    st.bind(3, d.body);
    st.bind(4, kb_tags_json(d.tags).dump());
    st.bind(5, tags_text(d.tags));
    st.bind(6, static_cast<std::int64_t>(now));
    bind_optional(st, 7, user);
    st.bind(8, static_cast<std::int64_t>(now));
    bind_optional(st, 9, user);
    if (seed_key.empty()) st.bind(10);
    else st.bind(10, seed_key);
    st.bind(11, d.published ? 1 : 0);
    st.exec();
    const Id id = db.getLastInsertRowid();
    insert_version(db, id, 1, d, user, now, reason);
    return id;
}

bool update_kb(SQLite::Database& db, Id id, const KbArticleDraft& d, Id user, LocalSeconds now) {
    SQLite::Statement st(db, "UPDATE kb_articles SET kind = ?, title = ?, body = ?, tags = ?, tags_text = ?, "
                             "version = version + 1, updated_at = ?, updated_by = ?, published = ? "
                             "WHERE id = ? AND version = ? AND archived = 0");
    st.bind(1, code(d.kind));
    st.bind(2, d.title);
    st.bind(3, d.body);
    st.bind(4, kb_tags_json(d.tags).dump());
    st.bind(5, tags_text(d.tags));
    st.bind(6, static_cast<std::int64_t>(now));
    st.bind(7, static_cast<std::int64_t>(user));
    st.bind(8, d.published ? 1 : 0);
    st.bind(9, static_cast<std::int64_t>(id));
    st.bind(10, d.version);
    if (st.exec() != 1) return false;
    insert_version(db, id, d.version + 1, d, user, now, d.reason);
    return true;
}

bool archive_kb(SQLite::Database& db, Id id, std::int64_t expected_version, Id user, LocalSeconds now,
                const std::string& reason) {
    auto current = get_kb(db, id);
    if (!current || current->archived || current->version != expected_version) return false;
    SQLite::Statement st(db, "UPDATE kb_articles SET archived = 1, version = version + 1, updated_at = ?, "
                             "updated_by = ? WHERE id = ? AND version = ?");
    st.bind(1, static_cast<std::int64_t>(now));
    st.bind(2, static_cast<std::int64_t>(user));
    st.bind(3, static_cast<std::int64_t>(id));
    st.bind(4, expected_version);
    if (st.exec() != 1) return false;
    KbArticleDraft d{current->kind, current->title, current->body, current->tags, expected_version, reason,
                     current->published};
    insert_version(db, id, expected_version + 1, d, user, now, "归档：" + reason);
    return true;
}

int seed_knowledge(SQLite::Database& db, const std::string& dir, LocalSeconds now) {
    const std::string path = dir + "/articles.json";
    const json file = read_json_file(path);
    int inserted = 0;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < file["articles"].size(); ++i) {
        const json& a = file["articles"][i];
        const std::string where = path + " article " + std::to_string(i + 1);
        if (!a.is_object() || !a.contains("key") || !a["key"].is_string() || a["key"].get<std::string>().empty()) {
            throw std::runtime_error(where + ": needs a non-empty \"key\"");
        }
        const std::string key = a["key"].get<std::string>();
        if (!keys.insert(key).second) throw std::runtime_error(where + ": duplicate key " + key);
        json body = a;
        body.erase("key");
        KbArticleDraft d;
        auto errors = kb_draft_from_request(body, false, d);
        if (errors.empty()) errors = validate_article(d, false);
        if (!errors.empty()) {
            throw std::runtime_error(where + " (" + key + "): " + errors.front().field + ": " + errors.front().message_zh);
        }
        if (seed_key_exists(db, key)) continue;
        seed_one(db, d, key, now);
        ++inserted;
    }
    return inserted + seed_provider_articles(db, now);
}

}  // namespace yiyang::store
