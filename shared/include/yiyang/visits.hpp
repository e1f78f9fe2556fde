// Exhibition-hall visits (展厅参观预约) and open days (市民开放日), issue 12 — the rules as versioned data (kind
// exhibition_visits, assets/rules/exhibition-visits.json), the validation of every request with a Chinese message
// per field, the capacity arithmetic and the booking codes. Pure: today and the random bits are passed in.
//
// Capacity: a slot holds `capacity` visitors; several groups may share it. A group's request does NOT hold seats —
// only the bureau's approval does (approved, received, no_show count against the slot). Why: the request comes from
// the public without sign-in, and seats held by unanswered requests would let anyone block the hall; the bureau
// decides, and an approval that would overfill the slot is refused (409 名额已满). A request for a slot already full
// of approved groups is refused at once. An open-day registration takes its seats at once (registered, received).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/ratio.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::visits {

struct VisitRule {
    std::string version;
    std::int64_t slot_minutes = 60;           // a slot's length: end − start
    std::int64_t opens_at_minute = 9 * 60;    // the hall's day: slots start at or after 09:00 ...
    std::int64_t closes_at_minute = 17 * 60;  // ... and end at or before 17:00
    std::int64_t min_notice_days = 1;         // a group books at least this many days ahead
    std::int64_t horizon_days = 60;           // ... and at most this many
    std::int64_t group_min_visitors = 2;
    std::int64_t group_max_visitors = 60;
    std::int64_t open_day_max_people = 4;     // people per individual registration (本人及同行)
    std::int64_t code_length = 6;             // booking / registration code characters
    std::int64_t public_posts_per_window = 20;   // public POSTs per address per window (in-memory limiter)
    std::int64_t public_window_minutes = 10;
    Rounding rounding = Rounding::HalfUp;     // 参观接待率 shown with `decimals`, rounded once
    int decimals = 2;
};
// Body: {"version", "effective_from", "comment", and the fields above (all required but "comment"), "rounding":
// "half_up" | "truncate"}. Unknown fields are rejected. Throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, VisitRule& r);
void to_json(nlohmann::json& j, const VisitRule& r);

// ---- statuses -------------------------------------------------------------------------------------
enum class BookingStatus { Requested, Approved, Declined, Received, NoShow, Cancelled };
const char* code(BookingStatus s);       // requested approved declined received no_show cancelled
const char* label_zh(BookingStatus s);   // 待审批 已批准 未批准 已接待 未到场 已取消
std::optional<BookingStatus> parse_booking_status(std::string_view c);
// The allowed changes: requested → approved | declined | cancelled; approved → received | no_show | cancelled.
bool may_change(BookingStatus from, BookingStatus to);
// Does a booking in this status hold seats of its slot (approved, received, no_show)?
bool holds_seats(BookingStatus s);

enum class RegistrationStatus { Registered, Received, Cancelled };
const char* code(RegistrationStatus s);  // registered received cancelled
const char* label_zh(RegistrationStatus s);   // 已报名 已签到 已取消
std::optional<RegistrationStatus> parse_registration_status(std::string_view c);

// ---- capacity -------------------------------------------------------------------------------------
// Seats left of a capacity with `taken` seats held (never below 0: an over-full slot after a capacity cut is 0).
std::int64_t seats_left(std::int64_t capacity, std::int64_t taken);
// Do `wanted` more seats fit?
bool fits(std::int64_t capacity, std::int64_t taken, std::int64_t wanted);

// ---- codes ----------------------------------------------------------------------------------------
// The code alphabet: digits and capitals without the look-alikes 0 O 1 I L (and U, read as V): 30 characters.
const std::string& code_alphabet();
// A code of `length` characters from random words, one word per character (each reduced modulo 30: the bias of
// 2^32 mod 30 is below one in 10^8). 6 characters give 30^6 ≈ 7.3 × 10^8 codes.
std::string make_code(const std::vector<std::uint32_t>& random_words, std::int64_t length);
// A typed code normalised: blanks and dashes dropped, letters upper-cased, O→0 is NOT guessed. nullopt when a
// character is outside the alphabet or the length is not `length`.
std::optional<std::string> normalise_code(std::string_view typed, std::int64_t length);

// ---- minutes of the day ---------------------------------------------------------------------------
std::optional<std::int64_t> parse_hhmm(std::string_view text);   // "09:30" → 570
std::string format_hhmm(std::int64_t minute);                     // 570 → "09:30"

// ---- requests -------------------------------------------------------------------------------------
struct SlotInput {                 // staff: a slot of the hall
    std::string day;               // YYYY-MM-DD
    std::string start, end;        // HH:MM
    std::int64_t capacity = 0;     // visitors
    std::string note;
    // parsed
    Date date{};
    std::int64_t start_minute = 0, end_minute = 0;
};
std::vector<FieldError> slot_from_json(const nlohmann::json& j, SlotInput& out);
// The rule's checks: start/end inside the hall's day, end − start = slot_minutes, capacity 1..group_max × 10,
// the day not before today.
std::vector<FieldError> validate_slot(SlotInput& s, const VisitRule& r, const Date& today);

struct GroupBookingInput {         // public: a group's request
    std::int64_t slot_id = 0;
    std::string organisation;      // 2..60 characters
    std::int64_t visitors = 0;     // group_min .. group_max
    std::string contact_name;      // 2..20 characters
    std::string contact_phone;     // mainland mobile
    std::string purpose;           // ≤ 200 characters, optional
};
std::vector<FieldError> group_booking_from_json(const nlohmann::json& j, GroupBookingInput& out, const VisitRule& r);
// The day of the chosen slot against the notice and horizon of the rule.
std::vector<FieldError> validate_booking_day(const Date& slot_day, const VisitRule& r, const Date& today);

struct OpenDayInput {              // staff: an open day
    std::string title;             // 2..60 characters
    std::string day, start, end;   // YYYY-MM-DD, HH:MM, HH:MM
    std::string place;             // 2..100 characters
    std::int64_t capacity = 0;     // people, 1..2000
    std::string registration_opens, registration_closes;   // YYYY-MM-DD, both inclusive, closes ≤ day
    std::string description;       // ≤ 500 characters
    Date date{}, opens{}, closes{};
    std::int64_t start_minute = 0, end_minute = 0;
};
std::vector<FieldError> open_day_from_json(const nlohmann::json& j, OpenDayInput& out);

struct RegistrationInput {         // public: one person (and companions) for an open day
    std::int64_t open_day_id = 0;
    std::string name;              // 2..20 characters
    std::string phone;             // mainland mobile
    std::int64_t people = 1;       // 1..open_day_max_people
};
std::vector<FieldError> registration_from_json(const nlohmann::json& j, RegistrationInput& out, const VisitRule& r);
// Is registration open on `today` (opens ≤ today ≤ closes)? The message when not: 报名尚未开始 / 报名已截止.
std::optional<std::string> registration_closed_reason(const Date& opens, const Date& closes, const Date& today);

// A decline needs a reason (2..200 characters); a cancel by staff too.
std::vector<FieldError> reason_from_json(const nlohmann::json& j, std::string& out, bool required);

}  // namespace yiyang::visits
