// The public portal (公众端, issue 12): what a citizen's request must say, the acknowledgement code it gets back,
// the status words the status page shows, and the rate limits (rule kind public_portal,
// assets/rules/public-portal.json). Pure: randomness and time are passed in; the server stores and counts.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/order_request.hpp"
#include "yiyang/records.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::portal {

// ---- rate limits (rule data) ----------------------------------------------------------------------
struct Limit {
    std::int64_t max = 0;              // requests accepted in any window of `window_minutes`
    std::int64_t window_minutes = 0;
    friend bool operator==(const Limit&, const Limit&) = default;
};
struct PortalRule {
    std::string version;
    Limit per_address{10, 60};         // per client address
    Limit per_phone{3, 1440};          // per mobile number
    Limit lookups_per_address{30, 10}; // status-page look-ups per client address (guessing codes)
};
// Body: {"version","effective_from","comment","per_address":{"max","window_minutes"},"per_phone":{…},
// "lookups_per_address":{…}}; max 1..10000, window 1..10080 (a week). Throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, PortalRule& r);
void to_json(nlohmann::json& j, const PortalRule& r);

// Given the times of the requests already accepted from one source (any order) and `now`: nullopt when one more
// is allowed, else the seconds until the oldest one in the window leaves it (>= 1, the Retry-After).
std::optional<std::int64_t> retry_after(const std::vector<LocalSeconds>& earlier, const Limit& limit, LocalSeconds now);

// ---- a request (诉求 / 预约) ------------------------------------------------------------------------
inline constexpr std::size_t kNameMax = 20;        // characters
inline constexpr std::size_t kTextMax = 500;       // characters of 需求说明
inline constexpr std::size_t kCategoriesMax = 6;

enum class RequestKind { Consultation, Booking, Suggestion };   // 咨询求助 / 预约服务 / 意见建议
const char* code(RequestKind k);
const char* label_zh(RequestKind k);
std::optional<RequestKind> parse_RequestKind(std::string_view code);

// Body {"kind","name","phone","town_id","categories":[codes],"text"}. Checked field by field (Chinese messages
// naming the field, every problem listed), then as the work order it becomes through the intake's own
// validate_order_request (channel public_portal; a booking is registered as a consultation because the requester
// is not an elder on file — the agent finds or enrols the elder and books from there). `order` is only
// meaningful when `errors` is empty; its description starts with the kind, the contact name and phone so that
// the agent can call back.
struct RequestCheck {
    RequestKind kind = RequestKind::Consultation;
    std::string name;
    std::string phone;      // 11-digit mobile, blanks and dashes removed
    std::optional<Id> town_id;
    WorkOrder order;
    std::vector<FieldError> errors;
};
RequestCheck validate_request(const nlohmann::json& body);

// ---- acknowledgement code (受理回执码) -------------------------------------------------------------
// 10 characters from a 30-character alphabet without look-alikes (no 0/O, 1/I/L, U): 30^10 ≈ 2^49, shown as
// "ABCDE-FGHJK". The 16 random bytes the caller supplies (the server's CSPRNG) read as one 128-bit number, written
// in base 30 (bias below 2^-78); never derived from the order id.
inline constexpr std::size_t kAckLength = 10;
inline constexpr std::string_view kAckAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
std::string ack_code_from(const std::array<std::uint8_t, 16>& random_bytes);
std::string format_ack_code(const std::string& code);               // "ABCDE-FGHJK"
// What someone typed: blanks and dashes dropped, letters upper-cased; nullopt unless exactly 10 alphabet characters.
std::optional<std::string> normalize_ack_code(std::string_view typed);
// The last four digits of the phone as typed: exactly 4 ASCII digits after trimming blanks.
std::optional<std::string> normalize_phone_tail(std::string_view typed);

// ---- status page ------------------------------------------------------------------------------------
// The status in plain words for the requester: 已收到，等待处理 / 已安排服务 / … (never who or where).
const char* status_words(OrderStatus s);
// One line of the status history: what happened in plain words (a lifecycle action code of the audit trail),
// "" for actions the public is not told about.
const char* step_words(std::string_view action_code);

}  // namespace yiyang::portal

namespace yiyang {
template <> struct RuleKindOf<portal::PortalRule> { static constexpr const char* code = "public_portal"; };
}  // namespace yiyang
