// Wire format of the public portal (公众端, /api/v1/public/…, no sign-in): what a citizen may read (towns,
// categories, service points and providers published publicly, public knowledge articles) and the request /
// status exchange. Nothing personal ever travels back: a receipt and a status carry no name, phone or address.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/date.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct PublicCode {                       // a code with its Chinese label: {"code","label"}
    std::string code;
    std::string label;
    friend bool operator==(const PublicCode&, const PublicCode&) = default;
};
void to_json(json& j, const PublicCode& c);
void from_json(const json& j, PublicCode& c);

struct PublicTown {
    Id id = 0;
    std::string name;
    friend bool operator==(const PublicTown&, const PublicTown&) = default;
};
void to_json(json& j, const PublicTown& t);
void from_json(const json& j, PublicTown& t);

struct PublicReference {                  // GET /public/reference: the form's choices
    std::vector<PublicTown> towns;
    std::vector<PublicCode> categories;   // ServiceCategory codes
    std::vector<PublicCode> kinds;        // portal::RequestKind codes
    std::vector<PublicCode> article_kinds;   // the public KbKinds
};
void to_json(json& j, const PublicReference& r);
void from_json(const json& j, PublicReference& r);

struct PublicPoint {                      // a service point of a publicly published, active provider
    Id id = 0;
    std::string name;
    std::string address;                  // the POINT's address (a place of business)
    Id town_id = 0;
    std::string town_name;
    std::string provider_name;
    std::vector<PublicCode> categories;   // the provider's categories
    std::string phone;                    // the provider's service-desk line when it is a landline, else ""
    std::string opening_hours;            // not recorded yet: ""
    friend bool operator==(const PublicPoint&, const PublicPoint&) = default;
};
void to_json(json& j, const PublicPoint& p);
void from_json(const json& j, PublicPoint& p);

struct PublicProvider {
    Id id = 0;
    std::string name;
    std::vector<PublicCode> categories;
    std::vector<std::string> towns;       // town names covered
    std::string phone;                    // as PublicPoint::phone
    std::int64_t point_count = 0;
    friend bool operator==(const PublicProvider&, const PublicProvider&) = default;
};
void to_json(json& j, const PublicProvider& p);
void from_json(const json& j, PublicProvider& p);

struct PublicArticleHit {
    Id id = 0;
    KbKind kind = KbKind::Policy;         // + "kind_label"
    std::string title;
    std::string snippet;
    friend bool operator==(const PublicArticleHit&, const PublicArticleHit&) = default;
};
void to_json(json& j, const PublicArticleHit& a);
void from_json(const json& j, PublicArticleHit& a);

struct PublicArticle {                    // GET /public/policies/{id}
    Id id = 0;
    KbKind kind = KbKind::Policy;
    std::string title;
    std::string body;
    LocalSeconds updated_at = 0;
};
void to_json(json& j, const PublicArticle& a);
void from_json(const json& j, PublicArticle& a);

struct PublicReceipt {                    // 201 of POST /public/requests
    std::string ack_code;                 // "ABCDE-FGHJK" (dash optional when typed back)
    std::string kind_label;
    LocalSeconds received_at = 0;
    std::string status_words;
};
void to_json(json& j, const PublicReceipt& r);
void from_json(const json& j, PublicReceipt& r);

struct PublicStep {
    LocalSeconds at = 0;
    std::string words;
    friend bool operator==(const PublicStep&, const PublicStep&) = default;
};
void to_json(json& j, const PublicStep& s);
void from_json(const json& j, PublicStep& s);

struct PublicStatus {                     // POST /public/requests/status {"code","phone_tail"}
    std::string ack_code;
    std::string kind_label;
    OrderStatus status = OrderStatus::Received;
    std::string status_words;
    LocalSeconds received_at = 0;
    LocalSeconds updated_at = 0;
    std::vector<PublicStep> steps;        // oldest first
};
void to_json(json& j, const PublicStatus& s);
void from_json(const json& j, PublicStatus& s);

}  // namespace yiyang::wire
