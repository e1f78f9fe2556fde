// Wire format of the exhibition hall (展厅参观预约, 市民开放日; issue 12, part visits). Flat: empty text or 0 stands
// for "none". Public replies (under /api/v1/public/…) carry no personal data at all: seats left, times, the status of
// a code. Staff replies carry the group's contact in full only for the roles that run the hall (manage_visits);
// other readers get it masked (contact_masked = true).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// ---- public -----------------------------------------------------------------------------------------
struct PublicVisitSlot {
    std::int64_t id = 0;
    std::string day, start, end;           // 2026-12-08, 09:00, 10:00
    std::int64_t seats_left = 0;           // visitors that still fit with the approved groups (0 = full)
};

struct PublicOpenDay {
    std::int64_t id = 0;
    std::string title, day, start, end, place, description;
    std::string registration_opens, registration_closes;
    std::int64_t seats_left = 0;
    bool registration_open = false;
    std::string closed_reason;             // 报名尚未开始… / 报名已截止… / 名额已满 ("" when open)
};

struct PublicVisitRules {
    std::int64_t group_min_visitors = 0, group_max_visitors = 0, open_day_max_people = 0, code_length = 0;
    std::int64_t min_notice_days = 0, horizon_days = 0;
};

// GET /api/v1/public/visits: the slots that can be booked (within the notice and horizon) and the open days to come.
struct PublicVisitOffer {
    std::vector<PublicVisitSlot> slots;
    std::vector<PublicOpenDay> open_days;
    PublicVisitRules rules;
};

// The reply to a public booking or registration: the code to keep, and what happens next.
struct VisitAck {
    std::string kind;                      // group | open_day
    std::string code;
    std::string status, status_label;
    std::string day, start, end;
    std::string message;                   // 预约已提交，等待审批… / 报名成功…
};

// GET /api/v1/public/visits/status?code=&phone4=: the status of a code, nothing else.
struct VisitCodeStatus {
    std::string kind;                      // group | open_day
    std::string code;
    std::string status, status_label;
    std::string day, start, end;
    std::string reason;                    // the bureau's reason of a decline ("" otherwise)
};

// GET /api/v1/public/exhibition/schedule: today's and the coming week's visits and open days for the kiosk.
// A group is named by its organisation (a school or a company is not a person); the number of visitors is a
// disclosed count (<5 below the disclosure rule's threshold). Open days show their seats left.
struct ScheduleItem {
    std::string kind;                      // group | open_day
    std::string start, end;
    std::string title;                     // the organisation, or the open day's title
    std::string visitors;                  // "25", "<5" (groups), or "" (open days)
    std::string place;
    std::int64_t seats_left = 0;           // open days only
};
struct ScheduleDay {
    std::string day;
    std::string weekday;                   // 周一 … 周日
    std::vector<ScheduleItem> items;
};
struct ExhibitionSchedule {
    std::string as_of;
    std::vector<ScheduleDay> days;         // today and the next 7 days, every day listed (empty ones too)
};

// ---- staff ------------------------------------------------------------------------------------------
struct VisitBookingView {
    std::int64_t id = 0;
    std::string code;
    std::int64_t slot_id = 0;
    std::string day, start, end;
    std::string organisation;
    std::int64_t visitors = 0;
    std::string contact_name, contact_phone;   // masked unless the role runs the hall
    bool contact_masked = false;
    std::string purpose;
    std::string status, status_label;
    std::string reason;
    std::string created_at, decided_by, decided_at, checked_in_at, checked_in_by;
};

struct VisitSlotView {
    std::int64_t id = 0;
    std::string day, start, end;
    std::int64_t capacity = 0, seats_taken = 0, seats_left = 0, requested_visitors = 0;
    std::string note;
    bool closed = false;
    std::vector<VisitBookingView> bookings;    // every booking of the slot, by id
};

struct OpenDayView {
    std::int64_t id = 0;
    std::string title, day, start, end, place, description;
    std::string registration_opens, registration_closes;
    std::int64_t capacity = 0, seats_taken = 0, seats_left = 0, registrations = 0, received_people = 0;
    bool cancelled = false;
};

// GET /api/v1/visits?from=&to=: the hall's board for a range of days.
struct VisitBoard {
    std::string from, to;
    std::vector<VisitSlotView> slots;
    std::vector<OpenDayView> open_days;
    std::int64_t requested = 0;                // bookings waiting for a decision in the range
    std::int64_t code_length = 6;              // the rule's code length (the check-in pad's boxes)
};

struct RegistrationView {
    std::int64_t id = 0;
    std::string code, name, phone;             // masked unless the role runs the hall
    bool masked = false;
    std::int64_t people = 0;
    std::string status, status_label, created_at, checked_in_at;
};

// GET /api/v1/visits/open-days/{id}: one open day with its registrations.
struct OpenDayDetail {
    OpenDayView open_day;
    std::vector<RegistrationView> registrations;
};

// POST /api/v1/visits/check-in {"code"}: who came in, without any personal data (a kiosk shows it).
struct CheckInReply {
    std::string kind;                          // group | open_day
    std::string code;
    std::string status, status_label;
    std::string title;                         // the organisation, or the open day's title
    std::int64_t people = 0;                   // visitors of the group / people of the registration
    std::string day, start, end;
    std::string message;                       // 签到成功：… 欢迎参观
};

// The desk's day list (接待名单; GET /api/v1/export/visits.xlsx|.html?from=&to=): every group expected (requested,
// approved, received, no-show — declined and cancelled ones left out) and every open-day registration (cancelled
// ones left out) of the days, by day, start time, kind and code; contacts as the board gave them (masked for roles
// that do not run the hall); a blank 签字 column for the paper copy at the desk.
struct Table;
Table visits_day_table(const VisitBoard& board, const std::vector<OpenDayDetail>& open_days);

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PublicVisitSlot, id, day, start, end, seats_left)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PublicOpenDay, id, title, day, start, end, place, description,
                                                registration_opens, registration_closes, seats_left, registration_open,
                                                closed_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PublicVisitRules, group_min_visitors, group_max_visitors,
                                                open_day_max_people, code_length, min_notice_days, horizon_days)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PublicVisitOffer, slots, open_days, rules)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VisitAck, kind, code, status, status_label, day, start, end, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VisitCodeStatus, kind, code, status, status_label, day, start, end, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ScheduleItem, kind, start, end, title, visitors, place, seats_left)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ScheduleDay, day, weekday, items)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ExhibitionSchedule, as_of, days)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VisitBookingView, id, code, slot_id, day, start, end, organisation, visitors,
                                                contact_name, contact_phone, contact_masked, purpose, status,
                                                status_label, reason, created_at, decided_by, decided_at, checked_in_at,
                                                checked_in_by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VisitSlotView, id, day, start, end, capacity, seats_taken, seats_left,
                                                requested_visitors, note, closed, bookings)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OpenDayView, id, title, day, start, end, place, description,
                                                registration_opens, registration_closes, capacity, seats_taken,
                                                seats_left, registrations, received_people, cancelled)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(VisitBoard, from, to, slots, open_days, requested, code_length)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RegistrationView, id, code, name, phone, masked, people, status,
                                                status_label, created_at, checked_in_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OpenDayDetail, open_day, registrations)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CheckInReply, kind, code, status, status_label, title, people, day, start,
                                                end, message)

}  // namespace yiyang::wire
