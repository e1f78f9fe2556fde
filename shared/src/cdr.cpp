// Call-detail record import (yiyang/cdr.hpp): strict UTF-8 and RFC 4180 rows through yiyang/csv.hpp,
// format detection, per-row validation collected in full before anything is returned, and call linking.
#include "yiyang/cdr.hpp"
#include "yiyang/csv.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace yiyang {

const char* code(CallDirection v) { return v == CallDirection::Inbound ? "inbound" : "outbound"; }
const char* label_zh(CallDirection v) { return v == CallDirection::Inbound ? "呼入" : "呼出"; }
const char* code(CallDisposition v) {
    switch (v) {
        case CallDisposition::Answered: return "answered";
        case CallDisposition::NoAnswer: return "no_answer";
        case CallDisposition::Busy: return "busy";
        case CallDisposition::Abandoned: return "abandoned";
        case CallDisposition::Failed: return "failed";
    }
    return "no_answer";
}
const char* label_zh(CallDisposition v) {
    switch (v) {
        case CallDisposition::Answered: return "接通";
        case CallDisposition::NoAnswer: return "未接";
        case CallDisposition::Busy: return "忙";
        case CallDisposition::Abandoned: return "放弃";
        case CallDisposition::Failed: return "失败";
    }
    return "未接";
}

namespace {

// ---- field checks --------------------------------------------------------------------------------------
std::string trim(std::string_view v) {
    std::size_t b = 0, e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '\t')) ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t')) --e;
    return std::string(v.substr(b, e - b));
}

bool is_phone(std::string_view v) {
    if (v.size() < 3 || v.size() > 20) return false;
    return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM-DD HH:MM:SS" (Asterisk) or "YYYY-MM-DDTHH:MM:SS".
std::optional<LocalSeconds> parse_time(std::string_view v) {
    if (v.size() != 19 || (v[10] != ' ' && v[10] != 'T')) return std::nullopt;
    std::string t(v);
    t[10] = 'T';
    return parse_timestamp(t);
}

std::string lower_ascii(std::string v) {
    for (char& c : v)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return v;
}

// Collects issues (capped) and the counts; one instance per import.
class Report {
public:
    explicit Report(std::size_t cap) : cap_(cap) {}
    void add(int row, const std::string& column, const std::string& what) {
        std::string msg = row > 0 ? "第 " + std::to_string(row) + " 行" : std::string("文件");
        if (!column.empty()) msg += "，" + column;
        msg += "：" + what;
        add(CdrIssue{row, column, std::move(msg)});
    }
    void add(CdrIssue issue) {
        if (errors.size() < cap_) errors.push_back(std::move(issue));
        else ++omitted;
    }
    bool empty() const { return errors.empty() && omitted == 0; }
    std::vector<CdrIssue> errors;
    std::size_t omitted = 0;

private:
    std::size_t cap_;
};

// Validates and completes one record; returns false (with issues added) when the row is unusable.
struct RawCall {
    int row = 0;
    std::string call_id, caller, callee, start, answer, end, agent;
    std::optional<CallDirection> direction;
    std::optional<CallDisposition> disposition;
    // Column names as the user sees them, for the messages.
    const char* c_caller;
    const char* c_callee;
    const char* c_start;
    const char* c_answer;
    const char* c_end;
};

std::optional<CallRecord> validate(const RawCall& raw, Report& report) {
    bool ok = raw.direction.has_value() && raw.disposition.has_value();
    const auto phone = [&](const std::string& v, const char* column) {
        if (v.empty()) { report.add(raw.row, column, "号码为空"); ok = false; }
        else if (!is_phone(v)) { report.add(raw.row, column, "不是有效的号码 " + v + "（应为 3–20 位数字）"); ok = false; }
    };
    phone(raw.caller, raw.c_caller);
    phone(raw.callee, raw.c_callee);
    const auto time = [&](const std::string& v, const char* column, bool required) -> std::optional<LocalSeconds> {
        if (v.empty()) {
            if (required) { report.add(raw.row, column, "时间为空"); ok = false; }
            return std::nullopt;
        }
        auto t = parse_time(v);
        if (!t) {
            report.add(raw.row, column, "不是有效的时间 " + v + "（应为 YYYY-MM-DD HH:MM:SS）");
            ok = false;
        }
        return t;
    };
    const auto start = time(raw.start, raw.c_start, true);
    const bool needs_answer = raw.disposition == CallDisposition::Answered;
    const auto answer = time(raw.answer, raw.c_answer, false);
    const auto end = time(raw.end, raw.c_end, true);
    if (needs_answer && raw.answer.empty()) {
        report.add(raw.row, raw.c_answer, "接通的通话缺少接听时间");
        ok = false;
    }
    if (start && end && *end < *start) {
        report.add(raw.row, raw.c_end, "结束时间 " + raw.end + " 早于开始时间 " + raw.start);
        ok = false;
    }
    if (answer && start && end && *end >= *start && (*answer < *start || *answer > *end)) {
        report.add(raw.row, raw.c_answer, "接听时间 " + raw.answer + " 不在开始与结束时间之间");
        ok = false;
    }
    if (!ok || !start || !end) return std::nullopt;
    CallRecord r;
    r.row = raw.row;
    r.call_id = raw.call_id;
    r.direction = *raw.direction;
    r.caller = raw.caller;
    r.callee = raw.callee;
    r.start = *start;
    r.answer = answer;
    r.end = *end;
    r.agent = raw.agent;
    r.disposition = *raw.disposition;
    return r;
}

// ---- our documented CSV ----------------------------------------------------------------------------------
struct ColumnDef {
    const char* key;
    const char* zh;
    bool required;
};
constexpr ColumnDef kColumns[] = {
    {"direction", "方向", true},      {"caller", "主叫号码", true},  {"callee", "被叫号码", true},
    {"start", "开始时间", true},       {"answer", "接听时间", true},  {"end", "结束时间", true},
    {"agent", "坐席", true},           {"disposition", "结果", true}, {"call_id", "话单编号", false},
};
constexpr std::size_t kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);

std::optional<std::size_t> column_of(const std::string& header) {
    const std::string h = lower_ascii(trim(header));
    for (std::size_t k = 0; k < kColumnCount; ++k)
        if (h == kColumns[k].key || h == kColumns[k].zh) return k;
    return std::nullopt;
}

std::optional<CallDirection> parse_direction(const std::string& v) {
    const std::string l = lower_ascii(v);
    if (l == "in" || l == "inbound" || v == "呼入") return CallDirection::Inbound;
    if (l == "out" || l == "outbound" || v == "呼出") return CallDirection::Outbound;
    return std::nullopt;
}

std::optional<CallDisposition> parse_disposition(const std::string& v) {
    const std::string l = lower_ascii(v);
    if (l == "answered" || v == "接通") return CallDisposition::Answered;
    if (l == "no_answer" || v == "未接") return CallDisposition::NoAnswer;
    if (l == "busy" || v == "忙") return CallDisposition::Busy;
    if (l == "abandoned" || v == "放弃") return CallDisposition::Abandoned;
    if (l == "failed" || v == "失败") return CallDisposition::Failed;
    return std::nullopt;
}

void parse_yiyang(const std::vector<CsvRow>& rows, Report& report, std::vector<CallRecord>& out) {
    const CsvRow& header = rows.front();
    std::vector<std::optional<std::size_t>> where(kColumnCount);   // column def -> field index
    for (std::size_t f = 0; f < header.fields.size(); ++f) {
        const auto k = column_of(header.fields[f]);
        if (!k) continue;   // extra columns are ignored
        if (where[*k]) report.add(header.row, kColumns[*k].zh, "表头中重复出现");
        else where[*k] = f;
    }
    std::string missing;
    for (std::size_t k = 0; k < kColumnCount; ++k)
        if (kColumns[k].required && !where[k])
            missing += (missing.empty() ? "" : "、") + std::string(kColumns[k].zh) + "（" + kColumns[k].key + "）";
    if (!missing.empty()) {
        report.add(header.row, "", "表头缺少列：" + missing);
        return;
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (row.fields.size() != header.fields.size()) {
            report.add(row.row, "", "列数为 " + std::to_string(row.fields.size()) + "，表头为 " +
                                        std::to_string(header.fields.size()) + " 列");
            continue;
        }
        const auto get = [&](std::size_t k) { return where[k] ? trim(row.fields[*where[k]]) : std::string(); };
        RawCall raw{};
        raw.row = row.row;
        raw.c_caller = "主叫号码";
        raw.c_callee = "被叫号码";
        raw.c_start = "开始时间";
        raw.c_answer = "接听时间";
        raw.c_end = "结束时间";
        raw.caller = get(1);
        raw.callee = get(2);
        raw.start = get(3);
        raw.answer = get(4);
        raw.end = get(5);
        raw.agent = get(6);
        raw.call_id = get(8);
        raw.direction = parse_direction(get(0));
        if (!raw.direction)
            report.add(row.row, "方向", "未知的方向 \"" + get(0) + "\"（应为 in/out 或 呼入/呼出）");
        raw.disposition = parse_disposition(get(7));
        if (!raw.disposition)
            report.add(row.row, "结果",
                       "未知的结果 \"" + get(7) + "\"（应为 answered/no_answer/busy/abandoned 或 接通/未接/忙/放弃）");
        if (auto rec = validate(raw, report)) out.push_back(std::move(*rec));
    }
}

// ---- Asterisk cdr-csv Master.csv ---------------------------------------------------------------------------
// accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end,
// duration, billsec, disposition, amaflags, uniqueid, userfield [, peeraccount, linkedid, sequence]
constexpr std::size_t kAsteriskMin = 18;
constexpr std::size_t kAsteriskMax = 21;

bool contains(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

bool is_count(const std::string& v) {
    return !v.empty() && v.size() < 10 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void parse_asterisk(const std::vector<CsvRow>& rows, const CdrOptions& options, Report& report,
                    std::vector<CallRecord>& out) {
    for (const CsvRow& row : rows) {
        if (row.fields.size() < kAsteriskMin || row.fields.size() > kAsteriskMax) {
            report.add(row.row, "", "列数为 " + std::to_string(row.fields.size()) +
                                        "，Asterisk Master.csv 应为 18 列（accountcode … userfield）");
            continue;
        }
        const auto f = [&](std::size_t k) { return trim(row.fields[k]); };
        RawCall raw{};
        raw.row = row.row;
        raw.c_caller = "src";
        raw.c_callee = "dst";
        raw.c_start = "start";
        raw.c_answer = "answer";
        raw.c_end = "end";
        raw.caller = f(1);
        raw.callee = f(2);
        raw.start = f(9);
        raw.answer = f(10);
        raw.end = f(11);
        raw.call_id = f(16);
        const bool inbound = contains(options.hotlines, raw.callee) || contains(options.inbound_contexts, f(3));
        raw.direction = inbound ? CallDirection::Inbound : CallDirection::Outbound;
        raw.agent = agent_from_channel(inbound ? f(6) : f(5));
        const std::string d = f(14);
        if (d == "ANSWERED") raw.disposition = CallDisposition::Answered;
        else if (d == "NO ANSWER") raw.disposition = CallDisposition::NoAnswer;
        else if (d == "BUSY") raw.disposition = CallDisposition::Busy;
        else if (d == "FAILED" || d == "CONGESTION") raw.disposition = CallDisposition::Failed;
        else report.add(row.row, "disposition", "未知的结果 \"" + d + "\"（应为 ANSWERED/NO ANSWER/BUSY/FAILED）");
        bool counts_ok = true;
        for (std::size_t k : {std::size_t{12}, std::size_t{13}}) {
            if (!is_count(f(k))) {
                report.add(row.row, k == 12 ? "duration" : "billsec", "不是有效的秒数 \"" + f(k) + "\"");
                counts_ok = false;
            }
        }
        auto rec = validate(raw, report);
        if (rec && counts_ok) out.push_back(std::move(*rec));
    }
}

bool looks_like_header(const CsvRow& row) {
    return std::any_of(row.fields.begin(), row.fields.end(), [](const std::string& h) { return column_of(h).has_value(); });
}

void check_duplicates(const std::vector<CallRecord>& records, Report& report) {
    std::map<std::string, int> by_id;
    std::map<std::pair<std::string, LocalSeconds>, int> by_caller_start;
    for (const CallRecord& r : records) {
        if (!r.call_id.empty()) {
            auto [it, fresh] = by_id.emplace(r.call_id, r.row);
            if (!fresh) {
                report.add(r.row, "", "与第 " + std::to_string(it->second) + " 行重复（相同话单编号 " + r.call_id + "）");
                continue;
            }
        }
        auto [it, fresh] = by_caller_start.emplace(std::make_pair(r.caller, r.start), r.row);
        if (!fresh)
            report.add(r.row, "", "与第 " + std::to_string(it->second) + " 行重复（相同主叫号码 " + r.caller +
                                      " 与开始时间 " + format_timestamp(r.start) + "）");
    }
}

std::string normalise_phone(std::string_view phone) {
    std::string d;
    for (char c : phone)
        if (c >= '0' && c <= '9') d += c;
    if (d.size() == 13 && d.compare(0, 2, "86") == 0) d.erase(0, 2);
    else if (d.size() == 12 && d.compare(0, 2, "01") == 0) d.erase(0, 1);
    return d;
}

}  // namespace

std::string agent_from_channel(std::string_view channel) {
    const auto slash = channel.find('/');
    if (slash == std::string_view::npos) return "";
    std::string_view rest = channel.substr(slash + 1);
    if (const auto semi = rest.find(';'); semi != std::string_view::npos) rest = rest.substr(0, semi);
    if (const auto dash = rest.rfind('-'); dash != std::string_view::npos && dash > 0) rest = rest.substr(0, dash);
    if (const auto at = rest.find('@'); at != std::string_view::npos) rest = rest.substr(0, at);
    return std::string(rest);
}

CdrImport parse_cdr(std::string_view bytes, const CdrOptions& options) {
    CdrImport result;
    Report report(options.max_errors);
    const auto finish = [&]() {
        result.errors = std::move(report.errors);
        result.errors_omitted = report.omitted;
        result.ok = result.errors.empty() && result.errors_omitted == 0;
        if (!result.ok) result.records.clear();
        return result;
    };
    if (auto bad = check_utf8_text(bytes)) {
        report.add(CdrIssue{0, "", bad->message_zh});
        return finish();
    }
    CsvTable csv = read_csv(bytes);
    if (csv.error) {
        report.add(CdrIssue{csv.error->row, "", csv.error->message_zh});
        return finish();
    }
    if (csv.rows.empty()) {
        report.add(0, "", "文件为空，没有话务记录");
        return finish();
    }
    std::vector<CallRecord> records;
    if (looks_like_header(csv.rows.front())) {
        result.format = "yiyang_csv";
        result.summary.rows = static_cast<int>(csv.rows.size()) - 1;
        parse_yiyang(csv.rows, report, records);
    } else if (csv.rows.front().fields.size() >= kAsteriskMin) {
        result.format = "asterisk";
        result.summary.rows = static_cast<int>(csv.rows.size());
        parse_asterisk(csv.rows, options, report, records);
    } else {
        report.add(csv.rows.front().row, "",
                   "无法识别的格式：首行既不是颐养话单表头（方向, 主叫号码, …），也不是 18 列的 Asterisk Master.csv");
        return finish();
    }
    check_duplicates(records, report);
    for (const CallRecord& r : records) {
        if (r.direction == CallDirection::Inbound) ++result.summary.inbound;
        else ++result.summary.outbound;
        if (r.disposition == CallDisposition::Answered) ++result.summary.answered;
    }
    // Issues were added row by row per check; present them in row order (stable within a row).
    std::stable_sort(report.errors.begin(), report.errors.end(),
                     [](const CdrIssue& a, const CdrIssue& b) { return a.row < b.row; });
    result.records = std::move(records);
    return finish();
}

std::vector<CallOrderLink> link_calls_to_orders(const std::vector<CallRecord>& calls,
                                                const std::vector<OrderPhone>& orders, int window_minutes) {
    std::vector<std::size_t> call_order(calls.size());
    for (std::size_t k = 0; k < calls.size(); ++k) call_order[k] = k;
    std::stable_sort(call_order.begin(), call_order.end(),
                     [&](std::size_t a, std::size_t b) { return calls[a].start < calls[b].start; });
    std::vector<std::size_t> by_time(orders.size());
    for (std::size_t k = 0; k < orders.size(); ++k) by_time[k] = k;
    std::sort(by_time.begin(), by_time.end(), [&](std::size_t a, std::size_t b) {
        if (orders[a].created_at != orders[b].created_at) return orders[a].created_at < orders[b].created_at;
        if (orders[a].order_id != orders[b].order_id) return orders[a].order_id < orders[b].order_id;
        return a < b;
    });
    std::vector<std::string> order_phone(orders.size());
    for (std::size_t k = 0; k < orders.size(); ++k) order_phone[k] = normalise_phone(orders[k].phone);
    std::vector<bool> taken(orders.size(), false);
    const LocalSeconds window = static_cast<LocalSeconds>(window_minutes) * 60;
    std::vector<CallOrderLink> links;
    for (std::size_t ci : call_order) {
        const CallRecord& call = calls[ci];
        if (call.direction != CallDirection::Inbound) continue;
        const std::string caller = normalise_phone(call.caller);
        if (caller.empty()) continue;
        for (std::size_t oi : by_time) {
            const OrderPhone& o = orders[oi];
            if (taken[oi] || o.created_at < call.start || o.created_at > call.start + window) continue;
            if (order_phone[oi] != caller) continue;
            taken[oi] = true;
            links.push_back({ci, o.order_id});
            break;
        }
    }
    std::sort(links.begin(), links.end(),
              [](const CallOrderLink& a, const CallOrderLink& b) { return a.call_index < b.call_index; });
    return links;
}

void to_json(nlohmann::json& j, const CallRecord& v) {
    j = nlohmann::json{{"row", v.row},
                       {"call_id", v.call_id},
                       {"direction", code(v.direction)},
                       {"caller", v.caller},
                       {"callee", v.callee},
                       {"start", format_timestamp(v.start)},
                       {"answer", v.answer ? nlohmann::json(format_timestamp(*v.answer)) : nlohmann::json(nullptr)},
                       {"end", format_timestamp(v.end)},
                       {"agent", v.agent},
                       {"disposition", code(v.disposition)}};
}
void to_json(nlohmann::json& j, const CdrIssue& v) {
    j = nlohmann::json{{"row", v.row}, {"column", v.column}, {"message", v.message_zh}};
}
void from_json(const nlohmann::json& j, CdrIssue& v) {
    j.at("row").get_to(v.row);
    v.column = j.value("column", std::string());
    j.at("message").get_to(v.message_zh);
}
void to_json(nlohmann::json& j, const CdrSummary& v) {
    j = nlohmann::json{{"rows", v.rows}, {"inbound", v.inbound}, {"outbound", v.outbound}, {"answered", v.answered}};
}
void to_json(nlohmann::json& j, const CdrImport& v) {
    j = nlohmann::json{{"ok", v.ok},           {"format", v.format},
                       {"records", v.records}, {"errors", v.errors},
                       {"errors_omitted", v.errors_omitted}, {"summary", v.summary}};
}
void to_json(nlohmann::json& j, const CallOrderLink& v) {
    j = nlohmann::json{{"call_index", v.call_index}, {"order_id", v.order_id}};
}

}  // namespace yiyang
