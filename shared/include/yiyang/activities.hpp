// Activity records (工作台账, issue 13): the kinds as versioned rule data (kind activity_kinds,
// assets/rules/activity-kinds.json: what each kind feeds in the target table and which quantities it needs), the
// record's lifecycle (entered → approved | returned with a reason; a returned record is corrected and entered
// again), the validation of a record with a Chinese message per field, and the evidence file's type judged by its
// bytes (JPEG, PNG, WebP, PDF — never by its name). Pure: today is passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/date.hpp"
#include "yiyang/records.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::activity {

// How a kind's approved records make its indicator's figure.
enum class Measure {
    Records,          // records   — one per record (培训场次, 活动场次, 每周发布条数)
    Quantity,         // quantity  — the sum of the records' quantity (印制份数, 有效调查人次)
    Counts,           // counts    — Σ numerator ÷ Σ denominator, exact (检查维护率, 回应率)
    DistinctPlaces,   // distinct_places — how many different places (不少于10个场地)
};
const char* code(Measure m);

struct ActivityKind {
    std::string code;                   // "training"
    std::string name_zh;                // 话务坐席培训
    std::vector<std::string> kpis;      // the kpi-targets.json codes it feeds
    Measure measure = Measure::Records;
    std::string quantity_label;         // Quantity: 印制份数
    std::string numerator_label;        // Counts: 功能正常件数
    std::string denominator_label;      // Counts: 检查件数
    std::vector<std::string> channels;  // non-empty: the record names one of them (发布渠道)
    bool feeds(std::string_view kpi) const;
};

struct ActivityKinds {
    std::string version;
    std::int64_t max_file_bytes = 8 << 20;   // an evidence file's size limit (≤ 8 MiB: the server's body limit)
    std::int64_t max_files = 20;             // evidence files on one record
    std::vector<ActivityKind> kinds;         // codes unique, in display order
    const ActivityKind* find(std::string_view code) const;   // nullptr when unknown
};
// Body: {"version", "effective_from", "comment", "max_file_bytes", "max_files", "kinds": [{"code", "name_zh",
// "kpis": [...], "measure", "quantity_label"?, "numerator_label"?, "denominator_label"?, "channels"?}]}. Unknown
// fields are rejected; a kind's KPI code may be fed by one kind only. Throws std::invalid_argument naming the field.
void from_json(const nlohmann::json& j, ActivityKinds& k);
void to_json(nlohmann::json& j, const ActivityKinds& k);

// ---- status -------------------------------------------------------------------------------------------
enum class Status { Entered, Approved, Returned };
const char* code(Status s);         // entered approved returned
const char* label_zh(Status s);     // 待审核 已审核 已退回
std::optional<Status> parse_status(std::string_view c);

// May `approver` approve or return a record in `status` entered by `entered_by`? "" when yes, else why (Chinese):
// only an entered record is decided, and never by the one who entered it (four eyes).
std::string decision_refusal_zh(Status status, Id entered_by, Id approver);
// May the record be changed or given files now (entered or returned, not yet approved)? "" when yes, else why.
std::string change_refusal_zh(Status status);

// ---- a record as entered ---------------------------------------------------------------------------------
struct ActivityInput {
    std::string kind;
    std::string date;                   // YYYY-MM-DD, not after today
    std::string title;                  // 2..60 characters
    std::string place;                  // 0..100 characters (display sites: required)
    std::int64_t participants = 0;      // 0..100000
    std::string participants_text;      // ≤ 500 characters (who took part, free text)
    std::int64_t quantity = 0;          // Quantity kinds: 1..10 000 000
    std::int64_t numerator = 0;         // Counts kinds: 0..denominator
    std::int64_t denominator = 0;       // Counts kinds: 1..1 000 000
    std::string channel;                // kinds with channels: one of them
    std::string note;                   // ≤ 500 characters
    Date day{};                         // parsed date
};
// Reads and checks a record's fields against the kind in force: each problem a FieldError naming the field in
// Chinese (日期不能晚于今天, 检查件数应为 1 到 1000000 之间的整数, 正常件数不能多于检查件数…). Quantities a kind does
// not use are set to 0. Unknown members are refused.
std::vector<FieldError> activity_from_json(const nlohmann::json& j, ActivityInput& out, const ActivityKinds& kinds,
                                           const Date& today);
// A return's reason: 2..200 characters.
std::vector<FieldError> return_reason_from_json(const nlohmann::json& j, std::string& out);

// ---- evidence files ----------------------------------------------------------------------------------
enum class FileType { Jpeg, Png, Webp, Pdf };
// By content: the image magic bytes (evidence.hpp sniff_image_type) or "%PDF-" at the very start. nullopt else.
std::optional<FileType> sniff_file_type(std::string_view bytes);
const char* mime_type(FileType t);         // image/jpeg image/png image/webp application/pdf
bool is_image(FileType t);
// A PDF must start with %PDF- and carry its end marker %%EOF in its last 1 KiB (a file cut short in transfer is
// refused). "" when whole, else why (Chinese).
std::string pdf_refusal_zh(std::string_view bytes);

}  // namespace yiyang::activity
