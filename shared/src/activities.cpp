// Activity records: the kinds rule, statuses, record validation, evidence file types (activities.hpp).
#include "yiyang/activities.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "rule_text.hpp"
#include "yiyang/evidence.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length

namespace yiyang::activity {

using json = nlohmann::json;

// ---- the rule -------------------------------------------------------------------------------------------
const char* code(Measure m) {
    switch (m) {
        case Measure::Records: return "records";
        case Measure::Quantity: return "quantity";
        case Measure::Counts: return "counts";
        case Measure::DistinctPlaces: return "distinct_places";
    }
    return "records";
}

bool ActivityKind::feeds(std::string_view kpi) const {
    return std::find(kpis.begin(), kpis.end(), kpi) != kpis.end();
}

const ActivityKind* ActivityKinds::find(std::string_view c) const {
    for (const auto& k : kinds)
        if (k.code == c) return &k;
    return nullptr;
}

namespace {

std::int64_t rule_int(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
    if (!j.contains(key)) throw std::invalid_argument(rule_text::missing(key));
    const auto& v = j.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        throw std::invalid_argument(rule_text::field(key) + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                                    " 之间的整数，实际为 " + v.dump());
    return v.get<std::int64_t>();
}

std::string rule_string(const json& j, const std::string& where, const char* key, bool required) {
    if (!j.contains(key)) {
        if (required) throw std::invalid_argument(rule_text::then(where, rule_text::missing(key)));
        return {};
    }
    const auto& v = j.at(key);
    if (!v.is_string() || v.get<std::string>().empty())
        throw std::invalid_argument(rule_text::then(where, rule_text::field(key) + " 应为非空文本"));
    return v.get<std::string>();
}

std::vector<std::string> rule_strings(const json& j, const std::string& where, const char* key, bool required) {
    if (!j.contains(key)) {
        if (required) throw std::invalid_argument(rule_text::then(where, rule_text::missing(key)));
        return {};
    }
    const auto& v = j.at(key);
    if (!v.is_array() || (required && v.empty()))
        throw std::invalid_argument(rule_text::then(where, rule_text::field(key) + " 应为非空的文本列表"));
    std::vector<std::string> out;
    for (const auto& e : v) {
        if (!e.is_string() || e.get<std::string>().empty())
            throw std::invalid_argument(rule_text::then(where, rule_text::field(key) + " 的每一项应为非空文本"));
        out.push_back(e.get<std::string>());
    }
    return out;
}

}  // namespace

void from_json(const json& j, ActivityKinds& k) {
    ActivityKinds out;
    out.version = rule_text::envelope(j, "工作台账活动类别", {"max_file_bytes", "max_files", "kinds"});
    out.max_file_bytes = rule_int(j, "max_file_bytes", 1024, 8 << 20);
    out.max_files = rule_int(j, "max_files", 1, 100);
    if (!j.contains("kinds")) throw std::invalid_argument(rule_text::missing("kinds"));
    const auto& list = j.at("kinds");
    if (!list.is_array() || list.empty()) throw std::invalid_argument(rule_text::field("kinds") + " 应为非空列表");
    std::set<std::string> codes, kpis;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& e = list[i];
        std::string where = "kinds[" + std::to_string(i) + "]";
        if (!e.is_object()) throw std::invalid_argument(rule_text::then(where, "应为对象"));
        for (const auto& item : e.items()) {
            static const std::set<std::string> known = {"code", "name_zh", "kpis", "measure", "quantity_label",
                                                        "numerator_label", "denominator_label", "channels"};
            if (!known.count(item.key())) throw std::invalid_argument(rule_text::then(where, rule_text::unknown(item.key())));
        }
        ActivityKind kind;
        kind.code = rule_string(e, where, "code", true);
        where = rule_text::named(where, kind.code);
        if (!codes.insert(kind.code).second) throw std::invalid_argument(rule_text::then(where, "类别代码重复"));
        kind.name_zh = rule_string(e, where, "name_zh", true);
        kind.kpis = rule_strings(e, where, "kpis", true);
        for (const auto& kpi : kind.kpis)
            if (!kpis.insert(kpi).second)
                throw std::invalid_argument(rule_text::then(where, "指标 " + kpi + " 已由另一类别计入（每项指标只由一个类别计入）"));
        const std::string m = rule_string(e, where, "measure", true);
        if (m == "records") kind.measure = Measure::Records;
        else if (m == "quantity") kind.measure = Measure::Quantity;
        else if (m == "counts") kind.measure = Measure::Counts;
        else if (m == "distinct_places") kind.measure = Measure::DistinctPlaces;
        else throw std::invalid_argument(rule_text::then(where, rule_text::not_one_of("measure", {"records", "quantity", "counts", "distinct_places"}, m)));
        kind.quantity_label = rule_string(e, where, "quantity_label", kind.measure == Measure::Quantity);
        kind.numerator_label = rule_string(e, where, "numerator_label", kind.measure == Measure::Counts);
        kind.denominator_label = rule_string(e, where, "denominator_label", kind.measure == Measure::Counts);
        kind.channels = rule_strings(e, where, "channels", false);
        out.kinds.push_back(std::move(kind));
    }
    k = std::move(out);
}

void to_json(json& j, const ActivityKinds& k) {
    json kinds = json::array();
    for (const auto& kind : k.kinds) {
        json e = {{"code", kind.code}, {"name_zh", kind.name_zh}, {"kpis", kind.kpis}, {"measure", code(kind.measure)}};
        if (!kind.quantity_label.empty()) e["quantity_label"] = kind.quantity_label;
        if (!kind.numerator_label.empty()) e["numerator_label"] = kind.numerator_label;
        if (!kind.denominator_label.empty()) e["denominator_label"] = kind.denominator_label;
        if (!kind.channels.empty()) e["channels"] = kind.channels;
        kinds.push_back(std::move(e));
    }
    j = json{{"version", k.version}, {"max_file_bytes", k.max_file_bytes}, {"max_files", k.max_files}, {"kinds", kinds}};
}

// ---- status ---------------------------------------------------------------------------------------------
const char* code(Status s) {
    switch (s) {
        case Status::Entered: return "entered";
        case Status::Approved: return "approved";
        case Status::Returned: return "returned";
    }
    return "entered";
}
const char* label_zh(Status s) {
    switch (s) {
        case Status::Entered: return "待审核";
        case Status::Approved: return "已审核";
        case Status::Returned: return "已退回";
    }
    return "待审核";
}
std::optional<Status> parse_status(std::string_view c) {
    for (Status s : {Status::Entered, Status::Approved, Status::Returned})
        if (c == code(s)) return s;
    return std::nullopt;
}

std::string decision_refusal_zh(Status status, Id entered_by, Id approver) {
    if (status != Status::Entered) return std::string("该记录当前为“") + label_zh(status) + "”，只有待审核的记录可以审核或退回";
    if (entered_by == approver) return "不能审核本人录入的记录：请由另一位主管审核";
    return {};
}

std::string change_refusal_zh(Status status) {
    if (status == Status::Approved) return "该记录已审核，不能再修改或添加佐证文件";
    return {};
}

// ---- a record ---------------------------------------------------------------------------------------------
namespace {

std::string trimmed(std::string s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

bool has_control(const std::string& s, bool allow_newline) {
    return std::any_of(s.begin(), s.end(), [&](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && !(allow_newline && (c == '\n' || c == '\r' || c == '\t'))) || u == 0x7F;
    });
}

struct Reader {
    const json& j;
    std::vector<FieldError>& errors;

    std::string text(const char* key, const char* zh, std::size_t lo, std::size_t hi, bool multiline = false) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (lo > 0) errors.push_back({key, "required", std::string("请填写") + zh});
            return {};
        }
        if (!it->is_string()) {
            errors.push_back({key, "type", std::string(zh) + "应为文本"});
            return {};
        }
        std::string v = trimmed(it->get<std::string>());
        const auto n = utf8_length(v);
        if (n < lo) errors.push_back({key, lo == 1 || v.empty() ? "required" : "too_short",
                                      v.empty() ? std::string("请填写") + zh
                                                : std::string(zh) + "至少 " + std::to_string(lo) + " 个字"});
        else if (n > hi) errors.push_back({key, "too_long", std::string(zh) + "最多 " + std::to_string(hi) + " 个字，实际 " + std::to_string(n) + " 个字"});
        else if (has_control(v, multiline)) errors.push_back({key, "format", std::string(zh) + "含有不可见的控制字符"});
        return v;
    }

    std::int64_t integer(const char* key, const std::string& zh, std::int64_t lo, std::int64_t hi, bool required) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) {
            if (required) errors.push_back({key, "required", "请填写" + zh});
            return 0;
        }
        if (!it->is_number_integer()) {
            errors.push_back({key, "type", zh + "应为整数"});
            return 0;
        }
        const auto v = it->get<std::int64_t>();
        if (v < lo || v > hi) {
            errors.push_back({key, "range", zh + "应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间的整数，实际为 " + std::to_string(v)});
            return 0;
        }
        return v;
    }
};

}  // namespace

std::vector<FieldError> activity_from_json(const json& j, ActivityInput& out, const ActivityKinds& kinds,
                                           const Date& today) {
    std::vector<FieldError> errors;
    if (!j.is_object()) return {{"body", "type", "请求体应为 JSON 对象"}};
    static const std::set<std::string> known = {"kind", "date", "title", "place", "participants", "participants_text",
                                                "quantity", "numerator", "denominator", "channel", "note"};
    for (const auto& item : j.items()) {
        if (!known.count(item.key()))
            errors.push_back({item.key(), "unknown", "未知字段 “" + item.key().substr(0, 40) + "”（是否拼写错误？）"});
    }
    Reader r{j, errors};
    ActivityInput in;
    in.kind = r.text("kind", "活动类别", 1, 40);
    const ActivityKind* kind = nullptr;
    if (!in.kind.empty()) {
        kind = kinds.find(in.kind);
        if (!kind) errors.push_back({"kind", "unknown", "未知的活动类别 “" + in.kind.substr(0, 40) + "”"});
    }
    in.date = r.text("date", "日期", 1, 10);
    if (!in.date.empty()) {
        const auto d = parse_date(in.date);
        if (!d) errors.push_back({"date", "format", "日期应为 YYYY-MM-DD 格式的真实日期，实际为 " + in.date});
        else if (today < *d) errors.push_back({"date", "future", "日期 " + in.date + " 晚于今天（" + format_date(today) + "）：只登记已开展的工作"});
        else in.day = *d;
    }
    in.title = r.text("title", "标题", 2, 60);
    const bool place_required = kind && kind->measure == Measure::DistinctPlaces;
    in.place = r.text("place", place_required ? "展示点（场地）" : "地点", place_required ? 2 : 0, 100);
    in.participants = r.integer("participants", "参加人数", 0, 100000, false);
    in.participants_text = r.text("participants_text", "参加人员", 0, 500, true);
    in.note = r.text("note", "备注", 0, 500, true);
    in.channel = r.text("channel", "发布渠道", 0, 40);
    if (kind) {
        if (kind->measure == Measure::Quantity) {
            in.quantity = r.integer("quantity", kind->quantity_label, 1, 10'000'000, true);
        } else if (j.contains("quantity") && !j.at("quantity").is_null() && j.at("quantity") != 0) {
            errors.push_back({"quantity", "not_applicable", "“" + kind->name_zh + "”不填数量"});
        }
        if (kind->measure == Measure::Counts) {
            in.denominator = r.integer("denominator", kind->denominator_label, 1, 1'000'000, true);
            in.numerator = r.integer("numerator", kind->numerator_label, 0, 1'000'000, true);
            if (in.denominator > 0 && in.numerator > in.denominator)
                errors.push_back({"numerator", "inconsistent", kind->numerator_label + "（" + std::to_string(in.numerator) +
                                                                   "）不能多于" + kind->denominator_label + "（" +
                                                                   std::to_string(in.denominator) + "）"});
        } else {
            for (const char* key : {"numerator", "denominator"})
                if (j.contains(key) && !j.at(key).is_null() && j.at(key) != 0)
                    errors.push_back({key, "not_applicable", "“" + kind->name_zh + "”不填检查或回应件数"});
        }
        if (!kind->channels.empty()) {
            if (in.channel.empty()) errors.push_back({"channel", "required", "请选择发布渠道"});
            else if (std::find(kind->channels.begin(), kind->channels.end(), in.channel) == kind->channels.end()) {
                std::string list;
                for (const auto& c : kind->channels) list += (list.empty() ? "" : "、") + c;
                errors.push_back({"channel", "unknown", "渠道应为 " + list + " 之一"});
            }
        } else if (!in.channel.empty()) {
            errors.push_back({"channel", "not_applicable", "“" + kind->name_zh + "”不填渠道"});
        }
    }
    if (errors.empty()) out = std::move(in);
    return errors;
}

std::vector<FieldError> return_reason_from_json(const json& j, std::string& out) {
    std::vector<FieldError> errors;
    if (!j.is_object()) return {{"body", "type", "请求体应为 JSON 对象"}};
    for (const auto& item : j.items())
        if (item.key() != "reason") errors.push_back({item.key(), "unknown", "未知字段 “" + item.key().substr(0, 40) + "”"});
    Reader r{j, errors};
    auto reason = r.text("reason", "退回原因", 2, 200, true);
    if (errors.empty()) out = std::move(reason);
    return errors;
}

// ---- evidence files -------------------------------------------------------------------------------------
std::optional<FileType> sniff_file_type(std::string_view bytes) {
    if (auto t = sniff_image_type(bytes)) {
        switch (*t) {
            case ImageType::Jpeg: return FileType::Jpeg;
            case ImageType::Png: return FileType::Png;
            case ImageType::Webp: return FileType::Webp;
        }
    }
    if (bytes.substr(0, 5) == "%PDF-") return FileType::Pdf;
    return std::nullopt;
}

const char* mime_type(FileType t) {
    switch (t) {
        case FileType::Jpeg: return "image/jpeg";
        case FileType::Png: return "image/png";
        case FileType::Webp: return "image/webp";
        case FileType::Pdf: return "application/pdf";
    }
    return "application/octet-stream";
}

bool is_image(FileType t) { return t != FileType::Pdf; }

std::string pdf_refusal_zh(std::string_view bytes) {
    if (bytes.substr(0, 5) != "%PDF-") return "文件内容不是 PDF（PDF 文件应以 %PDF- 开头）";
    const std::size_t tail = std::min<std::size_t>(bytes.size(), 1024);
    if (bytes.substr(bytes.size() - tail).find("%%EOF") == std::string_view::npos)
        return "PDF 文件不完整（末尾缺少 %%EOF 结束标记），请重新导出或上传";
    return {};
}

}  // namespace yiyang::activity
