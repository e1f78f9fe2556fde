// The import framework's domain half (issue 10): a sheet of UTF-8 cells (from CSV or XLSX, read by the server) →
// columns found by their Chinese header in any order → validated, typed rows of the five verification lists, every
// problem as {row, column header, Chinese message}. The same code judges a file in the browser and on the server.
//
// Usage (in memory):   auto r = validate_import<SubscriberRow>(csv.rows, today);   if (r.ok()) use(r.rows);
// Usage (streamed):    ImportStream<ServiceRecordRow> s(today, {}, [&](ServiceRecordRow&& row) { store(row); });
//                      for each row read: s.add(row);   auto r = s.finish();   // r.rows stays empty with a sink
// Headers and synonyms of every list: import_columns(list), documented in docs/IMPORT-FORMATS.md.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "yiyang/csv.hpp"
#include "yiyang/date.hpp"

namespace yiyang {

// ---- the lists ------------------------------------------------------------------------------------------------
enum class ImportList {
    Subscribers,      // 信息化服务台账
    ServiceRecords,   // 实体服务记录
    Cremations,       // 火化名单
    PhoneChecks,      // 核查结果（新增服务对象电话核查）
    Callbacks,        // 回访 / 满意度调查
};
const char* code(ImportList l);       // "subscribers" | "service_records" | "cremations" | "phone_checks" | "callbacks"
const char* label_zh(ImportList l);   // "信息化服务台账" | ...
std::optional<ImportList> import_list_from_code(std::string_view code);

struct ImportColumn {
    std::string key;                     // "id_number" (the field of the typed row)
    std::string header_zh;               // "身份证号" (the header of the template)
    bool required = false;
    std::vector<std::string> synonyms;   // other headers accepted for the same column ("身份证号码", "公民身份号码")
    std::string note_zh;                 // what a cell may hold, for the template and the documentation
};
// In template order.
const std::vector<ImportColumn>& import_columns(ImportList l);

// ---- errors ---------------------------------------------------------------------------------------------------
struct ImportError {
    int row = 0;               // the row as Excel numbers it; 0 = the file as a whole (a missing column, a bad header)
    std::string column;        // the header as written in the file ("身份证号码"), or the template's when missing
    std::string message_zh;    // "校验位错误，应为 X，实际为 3"
    friend bool operator==(const ImportError&, const ImportError&) = default;
};
// "第17行 身份证号：校验位错误，应为 X，实际为 3" / "表头 身份证号：缺少必填列…".
std::string text_zh(const ImportError& e);

// ---- cell readers (each returns the value or the Chinese reason, without row and column) --------------------
template <class T>
struct CellValue {
    std::optional<T> value;
    std::string error_zh;     // set when value is empty
};
// ID number as staff type it: blanks (ASCII, full-width, no-break), full-width digits and X, a lowercase x, a
// leading apostrophe and Excel's ="…" wrapper are normalised away; then GB 11643 (check_resident_id). Refused with
// a message saying so: Excel's scientific notation (3.50303E+17) and 17 digits whose check character is X (lost X).
CellValue<std::string> read_id_number(std::string_view cell, const Date& today);
// 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, an Excel serial number (45296; a fraction is the time of
// day and ignored); a midnight time after the date ("2024/1/5 0:00") is accepted. 2024-02-30 is refused.
CellValue<Date> read_import_date(std::string_view cell);
// 8:30, 08:30:00, 8时30分, or an Excel time (a fraction of a day, 0.354166…; a date serial's fraction). Seconds
// since midnight.
CellValue<int> read_import_time(std::string_view cell);
// A mainland mobile; blanks, dashes and a +86 / 86 prefix removed.
CellValue<std::string> read_phone(std::string_view cell);
std::string format_time_of_day(int seconds);   // 08:30 / 08:30:15

// ---- typed rows -----------------------------------------------------------------------------------------------
enum class CallOutcome {
    Answered,      // 接通
    NoAnswer,      // 无人接听
    Busy,          // 占线
    PoweredOff,    // 关机
    Suspended,     // 停机
    EmptyNumber,   // 空号
    Cancelled,     // 销卡
    Declined,      // 拒访（接通但拒绝回答）
};
const char* label_zh(CallOutcome o);
const char* code(CallOutcome o);       // "answered" | "no_answer" | "busy" | "powered_off" | "suspended" | "empty_number" | "cancelled" | "declined"
enum class Satisfaction { VerySatisfied, Satisfied, Neutral, Dissatisfied, VeryDissatisfied };   // 五级
const char* label_zh(Satisfaction s);   // 非常满意 / 满意 / 一般 / 不满意 / 非常不满意
enum class PackageAnswer { Satisfied, Dissatisfied, DontKnow };   // 手机套餐：满意 / 不满意 / 不清楚
const char* label_zh(PackageAnswer a);

struct SubscriberRow {                   // 信息化服务台账
    static constexpr ImportList list = ImportList::Subscribers;
    int row = 0;
    std::string name, id_number, phone, town;
    Date opened{};                       // 开通日期
    std::optional<Date> removed;         // 拆机日期
    std::string removal_reason;          // 拆机原因
};
struct ServiceRecordRow {                // 实体服务记录
    static constexpr ImportList list = ImportList::ServiceRecords;
    int row = 0;
    std::string record_no, id_number, name;
    Date day{};
    int start = 0, end = 0;              // seconds since midnight
    std::string item, caregiver, evidence;
};
struct CremationRow {                    // 火化名单
    static constexpr ImportList list = ImportList::Cremations;
    int row = 0;
    std::string name, id_number;
    Date died{};
    std::optional<Date> cremated;
};
struct PhoneCheckRow {                   // 核查结果
    static constexpr ImportList list = ImportList::PhoneChecks;
    int row = 0;
    std::string id_number, phone;        // at least one
    Date day{};
    CallOutcome outcome = CallOutcome::Answered;
    std::optional<bool> eligible;        // 是否符合条件
    std::string note;
};
struct CallbackRow {                     // 回访 / 满意度调查
    static constexpr ImportList list = ImportList::Callbacks;
    int row = 0;
    std::string id_number, phone;        // at least one
    Date day{};
    CallOutcome outcome = CallOutcome::Answered;
    std::optional<Satisfaction> overall;          // 总体满意度
    std::optional<Satisfaction> staff;            // 服务态度与专业性（实体服务满意度调查）
    std::optional<PackageAnswer> package;         // 手机套餐
    std::optional<bool> knows_sos;                // 知晓SOS与定位功能
    std::string suspension_reason;                // 停机原因：欠费 / 沉默
};

// The natural key a list may hold once per file (ID number; record number; subject and day for calls).
std::string natural_key(const SubscriberRow& r);
std::string natural_key(const ServiceRecordRow& r);
std::string natural_key(const CremationRow& r);
std::string natural_key(const PhoneCheckRow& r);
std::string natural_key(const CallbackRow& r);

// ---- header → columns -----------------------------------------------------------------------------------------
struct HeaderMap {
    int header_row = 0;                        // 0 = not found
    std::map<std::string, int> index;          // column key → 0-based cell index
    std::map<std::string, std::string> text;   // column key → the header as written
    std::vector<ImportError> errors;           // missing required columns, a column given twice
};
// Matches one row against the list's headers (blanks, '*' and full-width brackets normalised; a trailing note in
// brackets such as "开通日期（年-月-日）" ignored when the whole text is not itself a header). Columns not of the
// list are ignored.
HeaderMap match_header(ImportList l, const CsvRow& row);

// ---- validation -----------------------------------------------------------------------------------------------
struct ImportLimits {
    std::size_t max_errors = 1000;   // errors kept (all are counted)
    int header_search_rows = 10;     // a title or note above the header row is allowed
};
template <class Row>
struct ImportResult {
    int header_row = 0;
    std::map<std::string, std::string> columns;   // column key → its header as written in the file
    std::vector<Row> rows;           // valid rows, in file order (empty when a sink took them)
    std::size_t rows_read = 0;       // data rows after the header (blank rows not counted)
    std::size_t valid_rows = 0;
    std::vector<ImportError> errors; // in row order except duplicates, which name both rows
    std::size_t error_count = 0;     // errors found, including those beyond max_errors
    bool ok() const { return error_count == 0; }
};

// Rows in file order; the header row is found among the first rows. Not copyable (holds the key index).
// The natural keys of one file seen so far, each with the row it was first seen on: the keys' bytes in one arena,
// an index per key and an open-addressing table of 4-byte slots (≈ 30 bytes per key besides its bytes, against
// ≈ 70 for a hash map of strings — 6 000 000 service records: ~250 MB instead of ~430 MB; no allocation per key).
class KeyIndex {
public:
    // -1 when `key` is new (then remembered with `row`), else the row it was first seen on.
    int first_row(std::string_view key, int row);
private:
    struct Entry {
        std::uint64_t offset;   // into arena_
        std::uint32_t length;
        std::int32_t row;
    };
    void grow();
    std::string arena_;
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> slots_;   // entry index + 1; 0 = empty
};

template <class Row>
class ImportStream {
public:
    using Sink = std::function<void(Row&&)>;
    explicit ImportStream(const Date& today, ImportLimits limits = {}, Sink sink = {});
    void add(const CsvRow& row);
    ImportResult<Row> finish();
private:
    void error(int row, std::string column, std::string message);
    void data_row(const CsvRow& row);
    void settle_header();   // no complete header among the first rows: judge by the best one
    Date today_;
    ImportLimits limits_;
    Sink sink_;
    std::vector<CsvRow> before_header_;
    HeaderMap header_;
    bool header_done_ = false;
    KeyIndex first_row_of_key_;
    ImportResult<Row> result_;
};

template <class Row>
ImportResult<Row> validate_import(const std::vector<CsvRow>& rows, const Date& today, ImportLimits limits = {}) {
    ImportStream<Row> s(today, limits);
    for (const auto& r : rows) s.add(r);
    return s.finish();
}

}  // namespace yiyang
