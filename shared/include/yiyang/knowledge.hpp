// The knowledge base (知识库) that call-center agents answer consultations from: article kinds, the rules an
// article must meet (checked the same way by the server and live in the dashboard form) and the UTF-8-safe
// snippet shown under each search hit.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/validation.hpp"

namespace yiyang {

// ---- Article kinds (codes are the wire and database format: never rename one, add at the end) ----------
enum class KbKind {
    Policy,        // 政策
    ServiceItem,   // 服务项目
    SubsidyItem,   // 补贴项目
    ProviderInfo,  // 服务商信息
    Faq,           // 常见问题
};
const char* code(KbKind v);
const char* label_zh(KbKind v);
std::optional<KbKind> parse_KbKind(std::string_view code);
const std::vector<KbKind>& all_KbKinds();
// The kinds the public may read (the portal's 政策与补贴, the kiosk's 政策): all but 服务商信息, which is the desk's
// working record of a provider. In the order the portal lists them.
const std::vector<KbKind>& public_KbKinds();
bool is_public(KbKind kind);
// Whether the public (portal, kiosk) may read an article: a kind the public may read AND marked 对公众公开 by a
// supervisor. Most articles are the desk's working instructions (流程, 坐席须知, 答复步骤) and stay internal; an
// article is published one by one, on purpose, with a reason like any edit.
bool public_may_read(KbKind kind, bool published);
void to_json(nlohmann::json& j, const KbKind& v);
void from_json(const nlohmann::json& j, KbKind& v);

// Limits (characters, not bytes): long enough for a policy summary, short enough to read on the phone.
inline constexpr std::size_t kKbTitleMax = 60;
inline constexpr std::size_t kKbBodyMax = 5000;
inline constexpr std::size_t kKbTagsMax = 10;
inline constexpr std::size_t kKbTagMax = 20;
inline constexpr std::size_t kKbReasonMax = 200;

// What a supervisor submits: a new article, or an edit (then `version` is the one read and `reason` says why).
struct KbArticleDraft {
    KbKind kind = KbKind::Faq;
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::int64_t version = 0;   // edits only
    std::string reason;         // edits only (修改原因)
    bool published = false;     // 对公众公开: the portal and the kiosk show it (only for public_KbKinds)
};

// Reads a request body. `edit` = a PUT: then "version" and "reason" are accepted (and required). "published"
// (true/false) is optional: absent on a new article means internal; absent on an edit means unchanged (`out`
// keeps what `published_before` says).
// Unknown keys, wrong types and unknown kinds are listed; `out` is only written when there is no error.
std::vector<FieldError> kb_draft_from_request(const nlohmann::json& body, bool edit, KbArticleDraft& out,
                                              bool published_before = false);

// Checks an article: title 1..60 characters, body 1..5000, kind known, at most 10 distinct tags of
// 1..20 characters, no control characters in title or tags, valid UTF-8. With `edit`, also the reason
// (1..200 characters) and a version >= 1. Titles, tags and reason are trimmed of surrounding blanks.
// A published article must be of a kind the public may read (服务商信息 never is).
std::vector<FieldError> validate_article(KbArticleDraft& draft, bool edit);

// Number of characters (code points) in valid UTF-8; invalid bytes count one each.
std::size_t utf8_length(std::string_view text);

// A short excerpt of `text` around the first occurrence of `term` (ASCII case-insensitive), about
// `max_chars` characters, with "…" where text was cut. Never cuts a multi-byte character; newlines and
// tabs become spaces. Without a match (or with an empty term) it is the start of the text.
std::string kb_snippet(std::string_view text, std::string_view term, std::size_t max_chars = 80);

// The search words of a query: split on ASCII and full-width (U+3000) blanks, empty parts dropped, at most
// 8 words (the rest ignored).
std::vector<std::string> kb_query_terms(std::string_view query);

}  // namespace yiyang
