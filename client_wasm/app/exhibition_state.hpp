// 展厅 (issue 12, part visits; read_visits: admin, supervisor, agent, leader): the hall's board for two weeks — slots
// with their seats and bookings (GET /api/v1/visits), approve / decline with a reason (manage_visits), the open days
// with their registrations (GET /api/v1/visits/open-days/{id}), and check-in by code with the chip pad
// (POST /api/v1/visits/check-in; ui/check_in.hpp, which the kiosk reuses). Every figure (seats left, counts) is the
// server's; the screen only shows it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "yiyang/wire/visits.hpp"

namespace yiyang::client {

struct ExhibitionState {
    std::string from;                           // the first day shown ("" = today)
    bool loading = false;
    std::optional<wire::VisitBoard> board;
    std::string error;                          // loading failed (Chinese)
    std::string day;                            // the day whose slots are listed ("" = the first with any)
    std::map<std::int64_t, std::string> reasons;   // decline reason typed per booking
    std::int64_t declining = 0;                 // the booking whose reason field is open
    bool acting = false;
    std::string action_error, action_notice;
    std::int64_t open_day = 0;                  // the open day whose registrations are shown
    std::optional<wire::OpenDayDetail> open_day_detail;
    // check-in (the chip pad)
    std::string code;
    bool checking_in = false;
    std::optional<wire::CheckInReply> checked_in;
    std::string check_in_error;
};

// ---- intents ---------------------------------------------------------------------------------------
struct ReloadExhibition {};
struct ShiftExhibitionWeek { int weeks = 0; };             // ±1: the two weeks shown move by one week
struct SelectExhibitionDay { std::string day; };
struct StartDecline { std::int64_t booking = 0; };         // opens the reason field (0 closes it)
struct EditDeclineReason { std::int64_t booking = 0; std::string reason; };
struct DecideBooking { std::int64_t booking = 0; bool approve = true; };   // approve, or decline with the typed reason
struct SelectOpenDay { std::int64_t id = 0; };
struct EditCheckInCode { std::string code; };
struct SubmitCheckIn {};

using ExhibitionIntent = std::variant<ReloadExhibition, ShiftExhibitionWeek, SelectExhibitionDay, StartDecline,
                                      EditDeclineReason, DecideBooking, SelectOpenDay, EditCheckInCode, SubmitCheckIn>;

// What the browser tests read of this area (yiyang_test_state()["exhibition"]); defined in app/exhibition.cpp.
nlohmann::json test_state_of(const ExhibitionState& s);

}  // namespace yiyang::client
