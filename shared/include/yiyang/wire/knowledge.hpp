// Wire format of /api/v1/knowledge: search hits, kinds, one article, its versions, and the archive request.
// The write bodies of POST / PUT are knowledge.hpp's KbArticleDraft (kb_draft_from_request checks them).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/audit.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct KbHit {                       // one search hit
    Id id = 0;
    KbKind kind = KbKind::Faq;       // + "kind_label" on the wire
    std::string title;
    std::string snippet;
    std::vector<std::string> tags;
    std::int64_t version = 0;
    LocalSeconds updated_at = 0;
    bool published = false;          // 对公众公开 (portal and kiosk)
    friend bool operator==(const KbHit&, const KbHit&) = default;
};
void to_json(json& j, const KbHit& h);
void from_json(const json& j, KbHit& h);

struct KbSearchReply {               // GET /knowledge
    Page<KbHit> page;
    std::vector<std::string> terms;  // the words searched
    bool full_text = false;
};
void to_json(json& j, const KbSearchReply& r);
void from_json(const json& j, KbSearchReply& r);

struct KbKindsReply {                // GET /knowledge/kinds: {"kinds":[{"code","label"}]}
    std::vector<KbKind> kinds;
};
void to_json(json& j, const KbKindsReply& r);
void from_json(const json& j, KbKindsReply& r);

struct KbArticle {
    Id id = 0;
    KbKind kind = KbKind::Faq;       // + "kind_label"
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::int64_t version = 0;
    LocalSeconds created_at = 0;
    std::optional<Id> created_by;
    std::string created_by_name;
    LocalSeconds updated_at = 0;
    std::optional<Id> updated_by;
    std::string updated_by_name;
    bool archived = false;
    bool published = false;          // 对公众公开: the portal and the kiosk show it (knowledge.hpp public_may_read)
    friend bool operator==(const KbArticle&, const KbArticle&) = default;
};
void to_json(json& j, const KbArticle& a);
void from_json(const json& j, KbArticle& a);

// GET /knowledge/{id}, POST (201), DELETE (archive); PUT adds "changed" (false: nothing differed).
struct KbArticleReply {
    KbArticle article;
    std::optional<bool> changed;
};
void to_json(json& j, const KbArticleReply& r);
void from_json(const json& j, KbArticleReply& r);

struct KbVersion {
    std::int64_t version = 0;
    KbKind kind = KbKind::Faq;       // + "kind_label"
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    LocalSeconds changed_at = 0;
    std::optional<Id> changed_by;
    std::string changed_by_name;
    std::string reason;
    bool published = false;
    friend bool operator==(const KbVersion&, const KbVersion&) = default;
};
void to_json(json& j, const KbVersion& v);
void from_json(const json& j, KbVersion& v);

struct KbHistoryReply {              // GET /knowledge/{id}/history
    Id article_id = 0;
    std::vector<KbVersion> versions;   // newest first
    std::vector<AuditEntry> events;
};
void to_json(json& j, const KbHistoryReply& r);
void from_json(const json& j, KbHistoryReply& r);

struct KbArchiveRequest {            // DELETE /knowledge/{id} body
    std::string reason;
    std::optional<std::int64_t> version;
};
void to_json(json& j, const KbArchiveRequest& r);

// POST / PUT bodies: a draft; PUT also carries version and reason.
json kb_draft_body(const KbArticleDraft& d, bool edit);

}  // namespace yiyang::wire
