// Knowledge-base articles in SQLite: substring search (FTS5 trigram for words of 3+ characters, a scan with
// instr() for shorter ones), articles with every earlier version kept, and seeding from assets/knowledge/.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/date.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

struct KbArticle {
    Id id = 0;
    KbKind kind = KbKind::Faq;
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::int64_t version = 1;
    LocalSeconds created_at = 0;
    std::optional<Id> created_by;
    std::string created_by_name;   // display name; "系统" for seeded articles
    LocalSeconds updated_at = 0;
    std::optional<Id> updated_by;
    std::string updated_by_name;
    bool archived = false;
    bool published = false;        // 对公众公开 (shared public_may_read)
};

struct KbVersion {
    std::int64_t version = 0;
    KbKind kind = KbKind::Faq;
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    LocalSeconds changed_at = 0;
    std::optional<Id> changed_by;
    std::string changed_by_name;
    std::string reason;
    bool published = false;
};

struct KbQuery {
    std::string q;                  // any substring; words split on blanks must all occur
    std::optional<KbKind> kind;
    // The public portal's search (http/public_routes): published articles of the public kinds only (shared
    // public_may_read) — no internal working instructions, no 服务商信息 articles (generated from the whole register:
    // unpublished providers, licence numbers, mobile numbers).
    bool public_only = false;
    // "" = relevance (a search) or newest first; else one of kb_sort_fields(), ties broken by id.
    std::string sort;
    bool descending = false;
    int page = 1;
    int page_size = 20;
};
// The fields a knowledge list may be sorted by (whitelist of the query parameter).
const std::vector<std::string>& kb_sort_fields();

struct KbPage {
    std::vector<KbArticle> items;
    std::int64_t total = 0;
    std::vector<std::string> terms;   // the words searched (for snippets)
    bool full_text = false;           // true: FTS5 trigram + bm25; false: short-word scan or plain list
};

// Search: every word of 3+ characters goes to FTS5 as a quoted phrase (so `"`, AND, * are literal text);
// if any word is shorter, all words are matched with instr() over title, body and tags instead (the table
// holds hundreds to a few thousand rows). Order: bm25 (title weighted 10, tags 5, body 1) for FTS; for the
// scan title matches, then tag matches, then body matches, each newest first; empty q lists newest first.
// Archived articles are never found.
KbPage search_kb(SQLite::Database& db, const KbQuery& q);
std::optional<KbArticle> get_kb(SQLite::Database& db, Id id);
// Newest first.
std::vector<KbVersion> kb_history(SQLite::Database& db, Id id);

// Writes (call inside Database::write, with the audit event in the same transaction).
Id insert_kb(SQLite::Database& db, const KbArticleDraft& d, std::optional<Id> user, LocalSeconds now,
             const std::string& reason, const std::string& seed_key = "");
// Updates when the stored version equals d.version: bumps the version and keeps the new text as a version row.
// Returns false (and writes nothing) on a stale version.
bool update_kb(SQLite::Database& db, Id id, const KbArticleDraft& d, Id user, LocalSeconds now);
bool archive_kb(SQLite::Database& db, Id id, std::int64_t expected_version, Id user, LocalSeconds now,
                const std::string& reason);

// Inserts the articles of `dir`/articles.json that are not in the table yet (keyed by their "key"), and one
// 服务商信息 article per provider (key "provider:ID") generated from the provider register. Each insert has
// its version row and an audit event (actor "system"). A broken file throws naming the file and article.
// Returns the number of articles inserted.
int seed_knowledge(SQLite::Database& db, const std::string& dir, LocalSeconds now);

nlohmann::json kb_tags_json(const std::vector<std::string>& tags);

}  // namespace yiyang::store
