// 核查 on the dashboard (issue 10): the imports of the five verification lists (choose a list, pick a file, upload
// with progress, the dry-run preview with its errors by row and column, 确认导入, the import history) and the quarter
// report (app/verification_report_state.hpp). Owned by app/verification.cpp; drawn by ui/verification.cpp.
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
#include "yiyang/wire/import_batches.hpp"
#include "yiyang/wire/imports.hpp"
#include "yiyang/wire/verification.hpp"
#include "app/verification_work_state.hpp"
#include "app/verification_report_state.hpp"

namespace yiyang::client {

enum class VerTab { Imports, Report, Physical, Deaths, Calls };   // the last three: app/verification_work.cpp
const char* tab_code(VerTab t);        // "imports" | "report" | "physical" | "deaths" | "calls"
VerTab tab_from_code(const std::string& code);

// The upload's state machine: Idle → (file picked) Uploading dry run → Previewed → (确认导入) Uploading commit →
// Committed; a refusal or a network failure → Failed (the preview stays when the server sent one).
enum class UploadPhase { Idle, Uploading, Previewed, Committed, Failed };

struct ImportErrorRow {                 // one row of the preview's error table
    int row = 0;
    std::string row_label;              // "第17行" | "表头/文件"
    std::string column;                 // the header as written in the file
    std::string message;                // Chinese
};

struct VerImportState {
    std::string list = "subscribers";   // code of ImportList
    Id provider_id = 0;                 // service records: whose records the file is (the server requires it)
    std::string file_name;              // the picked file (the page keeps the File itself)
    std::int64_t file_bytes = 0;
    UploadPhase phase = UploadPhase::Idle;
    bool committing = false;            // the upload under way (or last answered) is the commit
    std::int64_t sent = 0, total = 0;   // upload progress in bytes (XHR upload events)
    std::optional<wire::ImportPreview> preview;
    std::vector<ImportErrorRow> error_rows;
    std::string error;                  // the refusal (the server's Chinese message) or the network failure
    std::string message;                // the commit's success line
    std::uint64_t upload_seq = 0;       // the upload whose events count (a newer one drops an older one's)
    // the import history (GET /api/v1/imports)
    std::vector<wire::ImportBatchSummary> history;
    std::int64_t history_total = 0;
    int history_page = 1;
    bool history_loaded = false;
    std::string history_error;
};

struct VerificationState {
    VerTab tab = VerTab::Report;
    VerImportState imports;
    VerReportState report;
    VerWorkState work;                  // 实体服务 / 死亡核查 / 回访 (app/verification_work.cpp)
};

// ---- intents --------------------------------------------------------------------------------------------------
struct VerSelectTab { VerTab tab; };
struct VerSelectList { std::string list; };            // a list code; a picked file is previewed again for it
struct VerSelectProvider { Id id = 0; };               // service records: a picked file is previewed again for it
struct VerPickFile {};                                  // opens the browser's file chooser (Page::pick_import_file)
// From the page: a file was chosen / bytes sent / the upload answered (status 0: the network failed).
struct VerFilePicked { std::string name; std::int64_t bytes = 0; };
struct VerUploadProgress { std::uint64_t seq = 0; std::int64_t sent = 0, total = 0; };
struct VerUploadDone { std::uint64_t seq = 0; int status = 0; std::string text; };
struct VerCommit {};                                    // 确认导入: the same file again, dry_run=0
struct VerHistoryPage { int page = 1; };
struct VerDownloadImport { Id id = 0; };
struct VerDownloadTemplate { std::string list; };
struct VerLoadReport { std::string quarter; Id town_id = 0; };

using VerificationIntent = std::variant<VerSelectTab, VerSelectList, VerSelectProvider, VerPickFile, VerFilePicked, VerUploadProgress,
                                        VerUploadDone, VerCommit, VerHistoryPage, VerDownloadImport,
                                        VerDownloadTemplate, VerLoadReport, VerReportAction>;

// ---- the models (pure; tests/client) --------------------------------------------------------------------------
// The quarter code of a day ("2026Q4") and the quarters a picker offers: from 2024Q1 to the quarter of `today`, newest first.
std::string quarter_code(const Date& d);
std::vector<std::string> quarter_choices(const Date& today);
// "2024Q1" -> "2024年第一季度".
std::string quarter_label(const std::string& quarter);
// The preview's errors as table rows (in the server's order).
std::vector<ImportErrorRow> error_rows_of(const wire::ImportPreview& p);
// "/api/v1/imports/subscribers?dry_run=1&name=…" for the upload.
// provider_id: added for service records (0 = none chosen: the server names what is missing).
std::string import_upload_path(const std::string& list, bool dry_run, const std::string& file_name, Id provider_id = 0);
// The tab and quarter in the URL (#/verification?tab=imports&quarter=2024Q1&town=3) and back.
std::map<std::string, std::string> query_of(const VerificationState& v);

// What the browser tests read of the report tab (app/verification_report.cpp).
nlohmann::json report_test_state(const VerReportState& r);
// What the browser tests read of this area (yiyang_test_state()["verification"]).
nlohmann::json test_state_of(const VerificationState& v);

}  // namespace yiyang::client
