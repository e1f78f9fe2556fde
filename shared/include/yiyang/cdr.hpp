// Call-detail record (话务记录) import: our documented CSV (docs/CDR-FORMAT.md) or Asterisk's cdr-csv
// Master.csv as is, validated as a whole (all-or-nothing, errors by row and column in Chinese), and the
// pure linking of inbound calls to the work orders they produced.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/date.hpp"
#include "yiyang/records.hpp"

namespace yiyang {

enum class CallDirection { Inbound, Outbound };                        // 呼入 / 呼出
enum class CallDisposition { Answered, NoAnswer, Busy, Abandoned, Failed };   // 接通/未接/忙/放弃/失败

const char* code(CallDirection v);      // "inbound" | "outbound"
const char* code(CallDisposition v);    // "answered" | "no_answer" | "busy" | "abandoned" | "failed"
const char* label_zh(CallDirection v);
const char* label_zh(CallDisposition v);

struct CallRecord {
    int row = 0;                        // 1-based CSV row it came from (header = row 1 in our CSV)
    std::string call_id;                // Asterisk uniqueid, or our optional call_id column ("" if none)
    CallDirection direction = CallDirection::Inbound;
    std::string caller;                 // digits only
    std::string callee;
    LocalSeconds start = 0;
    std::optional<LocalSeconds> answer;
    LocalSeconds end = 0;
    std::string agent;                  // "agent01" (from SIP/agent01-0000001a), "" when nobody answered
    CallDisposition disposition = CallDisposition::NoAnswer;
};

struct CdrIssue {
    int row = 0;                        // 1-based CSV row; 0 = the whole file (encoding, empty file)
    std::string column;                 // "开始时间" / "start" / "" for the whole row or file
    std::string message_zh;             // complete sentence: "第 17 行，开始时间：不是有效的时间 …"
};

struct CdrSummary {
    int rows = 0;                       // data rows read (header excluded)
    int inbound = 0;                    // of the rows that were valid
    int outbound = 0;
    int answered = 0;
};

struct CdrImport {
    bool ok = false;                    // no errors at all
    std::string format;                 // "yiyang_csv" | "asterisk" | "" (not recognised)
    std::vector<CallRecord> records;    // only when ok: nothing is half-imported
    std::vector<CdrIssue> errors;       // at most CdrOptions::max_errors
    std::size_t errors_omitted = 0;     // how many more there were
    CdrSummary summary;
};

struct CdrOptions {
    // Asterisk: a call is inbound when dst is one of these numbers or dcontext is one of these contexts.
    std::vector<std::string> hotlines{"88885252"};
    std::vector<std::string> inbound_contexts{"from-trunk", "from-pstn", "from-external", "incoming"};
    std::size_t max_errors = 200;
};

// `bytes` is the file's content as read (no I/O here). Never throws on bad input.
CdrImport parse_cdr(std::string_view bytes, const CdrOptions& options = {});

// "SIP/agent01-0000001a" -> "agent01"; "PJSIP/8001-00000012" -> "8001"; "" -> "".
std::string agent_from_channel(std::string_view channel);

// ---- Linking calls to work orders -----------------------------------------------------------------
struct OrderPhone {                     // what linking needs from a work order
    Id order_id = 0;
    std::string phone;                  // the elder's phone
    LocalSeconds created_at = 0;
};
struct CallOrderLink {
    std::size_t call_index = 0;         // index into the calls passed in
    Id order_id = 0;
};
// An inbound call links to an order when the caller's number equals the order's phone (digits compared,
// a leading 86 / 0 trunk prefix ignored) and the order was created within [start, start + window]. Calls
// are taken by start time (then index); each takes its earliest unclaimed order (then lowest id). Each
// call and each order is linked at most once. Result sorted by call_index.
std::vector<CallOrderLink> link_calls_to_orders(const std::vector<CallRecord>& calls,
                                                const std::vector<OrderPhone>& orders,
                                                int window_minutes = 30);

void to_json(nlohmann::json& j, const CallRecord& v);
void to_json(nlohmann::json& j, const CdrIssue& v);
void from_json(const nlohmann::json& j, CdrIssue& v);   // the dashboard reads an import's report
void to_json(nlohmann::json& j, const CdrSummary& v);
void to_json(nlohmann::json& j, const CdrImport& v);
void to_json(nlohmann::json& j, const CallOrderLink& v);

}  // namespace yiyang
