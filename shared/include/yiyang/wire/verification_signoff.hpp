// Wire format of the sign-off and sealing of a quarterly verification report (签署与封存, issue 10): a supervisor
// signs the district's report of a quarter, a bureau leader (局领导) countersigns or returns it; a signed report
// seals the quarter (changes are refused with 409 naming it) until a correction is opened, which ends in a numbered
// supplementary report (补充报告第N号) citing the original and listing every figure that changed.
// Empty text / 0 stand for "none" (flat replies, no optional members).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

// One figure that a supplementary report changed (by the report's drill code, e.g. "physical.records@2024-02").
struct SignoffChange {
    std::string code;
    std::string label_zh;          // "实体服务数量 · 2月 · 服务人次"
    std::string before, after;     // display texts as printed
};

struct SignedReport {
    std::int64_t id = 0;
    std::string quarter;           // "2024-Q1"
    std::string district_name;
    std::int64_t supplement_no = 0;    // 0 = the original report; N = 补充报告第N号
    std::int64_t cites_id = 0;         // the report a supplement corrects (0 for the original)
    std::string title_zh;              // "2024年第一季度核查报告" / "…核查报告 补充报告第1号"
    // signed | countersigned | returned (the leader sent it back: not sealed) | superseded (a later supplement)
    std::string status;
    std::string signed_by, signed_at;          // display name (role), YYYY-MM-DDTHH:MM:SS
    std::string countersigned_by, countersigned_at;
    std::string returned_reason;
    std::string reason;                        // why the correction was opened (supplements)
    std::string figures_sha256;                // of the report's figures (canonical JSON) — printed on the PDF
    std::string snapshot_sha256;               // of the snapshot of the records behind them — printed on the PDF
    std::string pdf_sha256, xlsx_sha256;       // of the stored files (shown in the dashboard, recorded in the audit)
    std::int64_t snapshot_rows = 0;
    std::vector<SignoffChange> changes;        // supplements: every figure that changed against the cited report
};

// The quarter's sign-off state: every signed report (newest first), whether the quarter is sealed and by which
// report, and whether a correction is open.
struct SignoffList {
    std::string quarter;
    bool sealed = false;
    std::int64_t sealed_by = 0;        // the report that seals it (0: not sealed)
    std::string sealed_by_title;
    bool correction_open = false;
    std::string correction_reason, correction_opened_by, correction_opened_at;
    std::int64_t next_supplement_no = 0;   // the number the next signature gets (0 = the original)
    std::vector<SignedReport> reports;
};

// POST /api/v1/verification/signoffs
struct SignRequest {
    std::string quarter;
    std::string recommendations_zh;    // "" = the generated text
    std::string note;
};
// POST /api/v1/verification/signoffs/{id}/countersign | /return | /corrections
struct SignoffActionRequest {
    std::string note;                  // countersign: optional; return and corrections: the reason (required)
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SignoffChange, code, label_zh, before, after)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SignedReport, id, quarter, district_name, supplement_no, cites_id,
                                                title_zh, status, signed_by, signed_at, countersigned_by,
                                                countersigned_at, returned_reason, reason, figures_sha256,
                                                snapshot_sha256, pdf_sha256, xlsx_sha256, snapshot_rows, changes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SignoffList, quarter, sealed, sealed_by, sealed_by_title,
                                                correction_open, correction_reason, correction_opened_by,
                                                correction_opened_at, next_supplement_no, reports)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SignRequest, quarter, recommendations_zh, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SignoffActionRequest, note)

}  // namespace yiyang::wire
