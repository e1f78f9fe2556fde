// Wire format of /api/v1/calls: the import's counts (201), the refusal of a CDR file (422 invalid_cdr with the
// line-by-line report) and a page of call records (outside numbers already masked for the role).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "yiyang/cdr.hpp"
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct CallImportReply {             // POST /calls/import (201)
    Id import_id = 0;
    std::string format;              // "yiyang_csv" | "asterisk"
    std::string encoding;            // code of TextEncoding
    std::string encoding_name;       // its Chinese label
    std::int64_t rows = 0, imported = 0, duplicates = 0, linked = 0;
    friend bool operator==(const CallImportReply&, const CallImportReply&) = default;
};
void to_json(json& j, const CallImportReply& r);
void from_json(const json& j, CallImportReply& r);

// POST /calls/import (422): {"error":{"code":"invalid_cdr","message","report":[{row,column,message}],
// "errors_omitted","format"}}. The report rows are cdr.hpp CdrIssue.
struct CdrRejected {
    std::string message;
    std::vector<CdrIssue> report;
    std::int64_t errors_omitted = 0;
    std::string format;
};
void to_json(json& j, const CdrRejected& r);
void from_json(const json& j, CdrRejected& r);

struct CallRow {                     // one call of GET /calls (and of the indicators' drill-down)
    Id id = 0;
    std::string call_key;
    std::string direction;           // CallDirection code
    std::string caller, callee;      // the outside party masked unless the role sees phones in full
    LocalSeconds started_at = 0;
    bool answered = false;
    std::optional<LocalSeconds> answered_at;
    LocalSeconds ended_at = 0;
    std::int64_t duration_s = 0;
    std::int64_t talk_s = 0;
    std::string disposition;         // CallDisposition code
    std::string agent;
    std::optional<Id> order_id;
    std::optional<std::string> order_code;
    Id import_id = 0;
    friend bool operator==(const CallRow&, const CallRow&) = default;
};
void to_json(json& j, const CallRow& r);
void from_json(const json& j, CallRow& r);

struct CallPage {                    // GET /calls
    Page<CallRow> page;
    bool masked = false;
};
void to_json(json& j, const CallPage& p);
void from_json(const json& j, CallPage& p);

}  // namespace yiyang::wire
