// Wire format of stored settlement statements (结算单, issue 11): a month's list of providers (draft payable or the
// signed statement), a provider's draft computed live with the people behind every line, a signed statement with
// its seal (SHA-256 of figures, PDF, XLSX), its supplements' numbering and objections (申诉) with their answers.
// The statement itself is wire::SettlementStatementView (wire/settlement.hpp), the shared formula's result.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"
#include "yiyang/wire/settlement.hpp"

namespace yiyang::wire {

// A person behind a line (drill-down): the name masked as the reader's role requires.
struct SettlementPersonView {
    Id elder_id = 0;
    std::string name;
    std::string tier;                  // care tier code or ""
};
void to_json(json& j, const SettlementPersonView& p);
void from_json(const json& j, SettlementPersonView& p);

// A file behind an objection (a photo, a scan, a PDF), attached by the provider while the objection is open.
struct SettlementObjectionFileView {
    Id id = 0;
    Id objection_id = 0;
    std::string name;                  // the uploader's file name (shown only; the type is judged by content)
    std::string mime;                  // image/jpeg image/png image/webp application/pdf
    std::string sha256;
    std::int64_t size = 0;
    std::int64_t width = 0, height = 0;
    std::string uploaded_by, uploaded_at;
    std::string thumb_url;             // /api/v1/settlement/objection-files/{id}/thumb, or "" when none
    std::string full_url;              // /api/v1/settlement/objection-files/{id}/full (a PDF downloads)
};
void to_json(json& j, const SettlementObjectionFileView& f);
void from_json(const json& j, SettlementObjectionFileView& f);

struct SettlementObjectionView {
    Id id = 0;
    Id statement_id = 0;
    std::string filed_by;              // "name（role）"
    std::string filed_at;              // "2026-11-20 10:00"
    std::string text;
    std::vector<std::string> evidence; // references (a record number, a file name, a callback)
    std::string status;                // open | upheld | rejected
    std::string status_label_zh;       // 待答复 | 申诉成立 | 申诉不成立
    std::string answer;
    std::string answered_by, answered_at;
    std::vector<SettlementObjectionFileView> files;   // oldest first
    bool may_attach = false;           // the reader is the provider, the objection is open and has room for a file
};
void to_json(json& j, const SettlementObjectionView& o);
void from_json(const json& j, SettlementObjectionView& o);

// A signed statement (or supplement) as stored: figures frozen at signing.
struct SignedStatementView {
    Id id = 0;
    Id provider_id = 0;
    std::string provider_name;
    std::string month;                 // "2026-10"
    std::int64_t supplement_no = 0;    // 0 = the statement; N = 补充结算单第N号
    std::optional<Id> cites_id;        // the statement a supplement corrects
    std::string title_zh;              // 服务结算单 | 补充结算单第1号
    std::string status;                // signed | superseded
    std::string reason;                // a supplement's reason
    std::int64_t payable_fen = 0;
    std::string payable_capitals;      // 大写
    std::string figures_sha256, pdf_sha256, xlsx_sha256;
    std::string signed_by;             // "name（role）"
    std::string signed_at;             // "2026-11-20 10:00"
    std::string objection_deadline;    // the last day to object: "2026-11-27"
    bool objection_open = false;       // today is on or before the deadline
    SettlementStatementView statement;
    std::vector<SettlementObjectionView> objections;
    std::vector<SettlementPersonView> people;   // everyone the stored lines name, by id (masked by the reader's role)
};
void to_json(json& j, const SignedStatementView& s);
void from_json(const json& j, SignedStatementView& s);

// A provider's draft for a month, computed live from today's data (nothing stored).
struct StatementDraftView {
    SettlementStatementView statement;
    std::vector<SettlementPersonView> people;   // everyone a line's source names, once, by id
    std::vector<Id> assessment_month_ids;       // the signed assessment months the grade came from
    std::vector<std::string> notes_zh;          // how each input was gathered
    std::optional<Id> signed_id;                // the signed statement of this month, if any (sign → 409)
};
void to_json(json& j, const StatementDraftView& d);
void from_json(const json& j, StatementDraftView& d);

// One provider in a month's list.
struct SettlementMonthRow {
    Id provider_id = 0;
    std::string provider_name;
    std::string state;                 // draft | signed | blocked (no signed assessment: problem_zh says why)
    std::string problem_zh;
    std::optional<std::int64_t> draft_payable_fen;
    std::optional<Id> statement_id;    // the head (signed) statement, when signed
    std::int64_t supplement_no = 0;    // the head's number (0: the statement itself)
    std::int64_t payable_fen = 0;      // the head's payable
    std::int64_t open_objections = 0;
};
void to_json(json& j, const SettlementMonthRow& r);
void from_json(const json& j, SettlementMonthRow& r);

struct SettlementMonthList {
    std::string month, month_label_zh;
    bool month_over = false;
    std::vector<SettlementMonthRow> rows;   // by provider id
};
void to_json(json& j, const SettlementMonthList& l);
void from_json(const json& j, SettlementMonthList& l);

const char* objection_status_label_zh(const std::string& status);

}  // namespace yiyang::wire
