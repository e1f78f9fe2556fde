// 结算 (issue 11) on the dashboard: a month's providers (draft payable / signed / supplements / open objections),
// one provider's statement (the live draft or the signed one: lines, steps, payable and its 大写), the people
// behind a line, 签署, the signed files, 补充结算单 and objections (申诉) with their answers. Owned by
// app/settlement.cpp; drawn by ui/settlement.cpp. Every figure is the server's (the shared settle_month there).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/settlement_statements.hpp"

namespace yiyang::client {

// The months a picker offers: the 24 before `today`'s month, newest first ("2026-11", …).
std::vector<std::string> settlement_month_choices(const Date& today);

struct SettlementState {
    std::string month;                                 // "2026-10"; "" = not chosen yet (the last month)
    bool loading = false;
    std::optional<wire::SettlementMonthList> list;
    std::string error;                                 // the list's (server's Chinese)
    Id provider_id = 0;                                // the open provider (0 = none)
    Id statement_id = 0;                               // its signed statement shown (0 = the draft)
    std::optional<wire::StatementDraftView> draft;     // the live draft (the bureau's; people for the drill-down)
    std::optional<wire::SignedStatementView> signed_statement;
    std::string detail_error;
    std::string drill_line;                            // the line code whose people are listed ("" none)
    bool busy = false;
    std::string message;                               // the last action's success line
    std::string action_error;                          // the last action's refusal (server's Chinese)
    std::string reason;                                // 补充结算单's reason as typed
    std::string objection_text;                        // the provider's 申诉 as typed
    std::vector<std::string> objection_evidence;       // its evidence references (chips): an order code, a record
                                                       // number, a file name; ≤ 20, each 1–200 characters
    std::string evidence_input;                        // the reference being typed
    std::map<Id, std::string> answers;                 // objection id -> the supervisor's answer as typed
    int uploads_pending = 0;                           // objection files on their way (platform/photos.hpp)
};

struct SettlementMonth { std::string month; };
struct SettlementOpen { Id provider_id = 0; Id statement_id = 0; };   // statement 0: the draft
struct SettlementDrill { std::string line_code; };                   // "" closes
struct SettlementSign {};                                            // asks for confirmation first
struct SettlementDownload { std::string format; };                  // pdf | xlsx (the signed one's stored bytes)
struct SettlementEditReason { std::string text; };
struct SettlementSupplement {};
struct SettlementEditObjection { std::string text; };
struct SettlementObject {};
struct SettlementEditEvidence { std::string text; };                 // the reference being typed
struct SettlementAddEvidence {};                                     // it becomes a chip (trimmed, not twice)
struct SettlementRemoveEvidence { std::size_t index = 0; };
struct SettlementOpenEvidence { std::string order_code; };           // an order code of an objection: its order
struct SettlementEditAnswer { Id objection_id = 0; std::string text; };
struct SettlementAnswer { Id objection_id = 0; std::string decision; };   // upheld | rejected
// The provider's files behind an open objection, posted by the browser (platform/photos.hpp pick_objection_files).
struct SettlementFilesStarted { Id objection_id = 0; int count = 0; };
struct SettlementFileUploaded { Id objection_id = 0; int status = 0; std::string text; };
using SettlementIntent = std::variant<SettlementMonth, SettlementOpen, SettlementDrill, SettlementSign, SettlementDownload,
                                      SettlementEditReason, SettlementSupplement, SettlementEditObjection, SettlementObject,
                                      SettlementEditAnswer, SettlementAnswer, SettlementEditEvidence, SettlementAddEvidence,
                                      SettlementRemoveEvidence, SettlementOpenEvidence, SettlementFilesStarted,
                                      SettlementFileUploaded>;

// Objection evidence: at most this many references, each at most this many characters (the API's limits).
inline constexpr std::size_t kMaxObjectionEvidence = 20, kMaxEvidenceChars = 200;

// The statement on screen: the signed one when open, else the draft's.
const wire::SettlementStatementView* shown_statement(const SettlementState& s);
// The people behind a line, masked by the server: a signed statement's from its own reply (the registry's names of
// the ids it keeps), the draft's from the draft; "#id" when neither names the id.
std::vector<std::string> line_people(const SettlementState& s, const wire::SettlementLineView& line);

// What the browser tests read of this area (yiyang_test_state()["settlement"]).
nlohmann::json test_state_of(const SettlementState& s);

}  // namespace yiyang::client
