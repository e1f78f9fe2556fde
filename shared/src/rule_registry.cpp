// The rule registry (rule_registry.hpp): the kinds table, the one "in force on a date", candidate checks and
// the structural diff of two rule bodies.
#include "yiyang/rule_registry.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/coverage.hpp"
#include "yiyang/disclosure.hpp"
#include "yiyang/public_portal.hpp"   // portal part (issue 12)
#include "yiyang/kiosk_playlist.hpp"
#include "yiyang/visits.hpp"
#include "yiyang/activities.hpp"   // issue 13, activity records
#include "yiyang/provider_evaluation.hpp"   // issue 13, providers
#include "yiyang/inspections.hpp"   // issue 13, inspections
#include "yiyang/knowledge.hpp"   // utf8_length

namespace yiyang {

using nlohmann::json;

// ---- in force ------------------------------------------------------------------------------------
std::optional<std::size_t> index_in_force(const std::vector<Date>& effective, const Date& on) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < effective.size(); ++i) {
        // `<=` on the best date: of equal dates the later publication wins (a correction before it takes effect).
        if (effective[i] <= on && (!best || effective[*best] <= effective[i])) best = i;
    }
    return best;
}

// ---- the kinds -----------------------------------------------------------------------------------
namespace {

template <class T>
RuleValue parse_as(const json& body) {
    return std::make_shared<const T>(body.get<T>());
}

template <class T>
json canonical_as(const RuleValue& v) {
    return json(*static_cast<const T*>(v.get()));
}

template <class T>
RuleKind kind_of(const char* name_zh, const char* seed_file) {
    return RuleKind{RuleKindOf<T>::code, name_zh, seed_file, &parse_as<T>, &canonical_as<T>};
}

}  // namespace

const std::vector<RuleKind>& rule_kinds() {
    // One line per kind (plus its RuleKindOf in the header): parsing, checking, storing, listing, publishing,
    // the diff and the administrator's screen all follow from it.
    static const std::vector<RuleKind> kinds = {
        kind_of<WorkCalendar>("工作日历（节假日与调休）", "calendar-cn.json"),
        kind_of<SlaRuleSet>("服务时限规则（SLA）", "sla-rules.json"),
        kind_of<DispatchWeights>("派单推荐权重", "dispatch-weights.json"),
        kind_of<KpiTargetSet>("绩效指标目标", "kpi-targets.json"),
        kind_of<VerificationFees>("核查计费标准", "verification-fees.json"),
        kind_of<VerificationEligibility>("核查资格规则（新增服务对象）", "verification-eligibility.json"),
        kind_of<verification::SamplingRule>("回访抽样规则", "verification-sampling.json"),
        kind_of<VerificationReportRule>("核查报告规则（百分比取舍）", "verification-report.json"),
        kind_of<assessment::ScorecardRule>("月度考核评分表", "assessment-scorecard.json"),
        kind_of<SettlementFees>("结算计费标准（上门服务费、结算顺序、合同付款）", "settlement-fees.json"),
        kind_of<coverage::CircleRule>("15分钟养老服务圈（步行距离、绕行系数、服务类别）", "service-circle.json"),
        kind_of<disclosure::DisclosureRule>("公开数据规则（展厅与公众端的小数抑制）", "public-disclosure.json"),
        kind_of<portal::PortalRule>("公众端规则（提交与查询的频率限制）", "public-portal.json"),   // portal part (issue 12)
        kind_of<kiosk::Playlist>("展厅大屏轮播（面板、顺序、秒数）", "kiosk-playlist.json"),   // kiosk-ui (issue 12)
        kind_of<visits::VisitRule>("展厅参观与市民开放日（时段、预约期限、人数上限、接待率取舍）", "exhibition-visits.json"),
        kind_of<activity::ActivityKinds>("工作台账活动类别（计入的绩效指标、数量字段、佐证文件上限）", "activity-kinds.json"),   // issue 13
        kind_of<providers::EvaluationRule>("服务商评价（五项分值、预填参数、等级线、活跃度与服务项目上线）", "provider-evaluation.json"),   // issue 13, providers
        kind_of<inspections::InspectionRule>("机构巡查与星级评定（巡查清单、整改期限、星级分档、护理员考核）", "inspections.json"),   // issue 13
    };
    return kinds;
}

const RuleKind* find_rule_kind(std::string_view code) {
    for (const auto& k : rule_kinds()) {
        if (k.code == code) return &k;
    }
    return nullptr;
}

// ---- the book ------------------------------------------------------------------------------------
void RuleBook::add(RuleVersion v) {
    const RuleKind* kind = find_rule_kind(v.kind);
    if (!kind) throw std::invalid_argument("未知的规则类别 \"" + v.kind + "\"");
    RuleValue value;
    try {
        value = kind->parse(v.body);
    } catch (const std::exception& e) {
        throw std::invalid_argument("规则 " + v.kind + " 版本 " + v.version + "：" + e.what());
    }
    Kind& k = kinds_[v.kind];
    k.dates.push_back(v.effective_from);
    k.values.push_back(std::move(value));
    k.versions.push_back(std::move(v));
}

const std::vector<RuleVersion>& RuleBook::versions(const std::string& kind) const {
    static const std::vector<RuleVersion> none;
    const auto it = kinds_.find(kind);
    return it == kinds_.end() ? none : it->second.versions;
}

const RuleVersion* RuleBook::find(const std::string& kind, const std::string& version) const {
    for (const auto& v : versions(kind)) {
        if (v.version == version) return &v;
    }
    return nullptr;
}

const RuleVersion* RuleBook::version_in_force(const std::string& kind, const Date& on) const {
    const auto it = kinds_.find(kind);
    if (it == kinds_.end()) return nullptr;
    const auto i = index_in_force(it->second.dates, on);
    return i ? &it->second.versions[*i] : nullptr;
}

// ---- diff ----------------------------------------------------------------------------------------
const char* code(RuleChange::Op op) {
    switch (op) {
        case RuleChange::Op::Added: return "added";
        case RuleChange::Op::Removed: return "removed";
        case RuleChange::Op::Changed: return "changed";
    }
    return "changed";
}

const char* label_zh(RuleChange::Op op) {
    switch (op) {
        case RuleChange::Op::Added: return "新增";
        case RuleChange::Op::Removed: return "删除";
        case RuleChange::Op::Changed: return "修改";
    }
    return "修改";
}

namespace {

// Values in a change line: long ones (a whole rule) are cut so a line stays readable; the JSON is in before/after.
std::string shown(const json& v) {
    std::string s = v.is_string() ? "“" + v.get<std::string>() + "”" : v.dump();
    if (s.size() > 120) {
        std::size_t cut = 117;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;   // not inside a character
        s = s.substr(0, cut) + "…";
    }
    return s;
}

RuleChange make_change(RuleChange::Op op, std::string path, json before, json after) {
    RuleChange c{op, std::move(path), std::move(before), std::move(after), ""};
    c.text_zh = std::string(label_zh(op)) + " " + c.path + "：";
    if (op == RuleChange::Op::Added) c.text_zh += shown(c.after);
    else if (op == RuleChange::Op::Removed) c.text_zh += shown(c.before);
    else c.text_zh += shown(c.before) + " → " + shown(c.after);
    return c;
}

std::string member(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// Arrays keyed by "code": every element an object with a string code, unique within the array.
bool keyed_by_code(const json& a) {
    std::set<std::string> seen;
    for (const auto& e : a) {
        if (!e.is_object() || !e.contains("code") || !e["code"].is_string()) return false;
        if (!seen.insert(e["code"].get<std::string>()).second) return false;
    }
    return !a.empty();
}

bool all_plain(const json& a) {
    return std::all_of(a.begin(), a.end(), [](const json& e) { return !e.is_object() && !e.is_array(); });
}

void diff_into(const json& a, const json& b, const std::string& path, std::vector<RuleChange>& out) {
    if (a == b) return;
    if (a.is_object() && b.is_object()) {
        std::set<std::string> keys;   // ordered: the diff reads the same on every machine
        for (auto it = a.begin(); it != a.end(); ++it) keys.insert(it.key());
        for (auto it = b.begin(); it != b.end(); ++it) keys.insert(it.key());
        for (const auto& k : keys) {
            const std::string p = member(path, k);
            if (!b.contains(k)) out.push_back(make_change(RuleChange::Op::Removed, p, a[k], nullptr));
            else if (!a.contains(k)) out.push_back(make_change(RuleChange::Op::Added, p, nullptr, b[k]));
            else diff_into(a[k], b[k], p, out);
        }
        return;
    }
    if (a.is_array() && b.is_array()) {
        if (keyed_by_code(a) && keyed_by_code(b)) {
            // In the order of `after`, then what `before` had and `after` dropped (in before's order).
            std::map<std::string, const json*> old;
            for (const auto& e : a) old[e["code"].get<std::string>()] = &e;
            std::set<std::string> kept;
            for (const auto& e : b) {
                const std::string c = e["code"].get<std::string>();
                const std::string p = path + "[" + c + "]";
                kept.insert(c);
                const auto it = old.find(c);
                if (it == old.end()) out.push_back(make_change(RuleChange::Op::Added, p, nullptr, e));
                else diff_into(*it->second, e, p, out);
            }
            for (const auto& e : a) {
                const std::string c = e["code"].get<std::string>();
                if (!kept.count(c)) out.push_back(make_change(RuleChange::Op::Removed, path + "[" + c + "]", e, nullptr));
            }
            return;
        }
        if (all_plain(a) && all_plain(b)) {
            // As sets (holiday dates, order types): what left, then what came, each in its array's order.
            const std::string p = path + "[]";
            for (const auto& e : a) {
                if (std::find(b.begin(), b.end(), e) == b.end()) out.push_back(make_change(RuleChange::Op::Removed, p, e, nullptr));
            }
            std::size_t added = 0;
            for (const auto& e : b) {
                if (std::find(a.begin(), a.end(), e) == a.end()) {
                    out.push_back(make_change(RuleChange::Op::Added, p, nullptr, e));
                    ++added;
                }
            }
            // Same elements in another order (or other repeat counts): the whole array changed.
            const std::size_t removed_or_added = added + static_cast<std::size_t>(std::count_if(
                a.begin(), a.end(), [&](const json& e) { return std::find(b.begin(), b.end(), e) == b.end(); }));
            if (removed_or_added == 0) out.push_back(make_change(RuleChange::Op::Changed, path, a, b));
            return;
        }
        const std::size_t n = std::max(a.size(), b.size());
        for (std::size_t i = 0; i < n; ++i) {
            const std::string p = path + "[" + std::to_string(i) + "]";
            if (i >= b.size()) out.push_back(make_change(RuleChange::Op::Removed, p, a[i], nullptr));
            else if (i >= a.size()) out.push_back(make_change(RuleChange::Op::Added, p, nullptr, b[i]));
            else diff_into(a[i], b[i], p, out);
        }
        return;
    }
    out.push_back(make_change(RuleChange::Op::Changed, path.empty() ? "(整体)" : path, a, b));
}

}  // namespace

std::vector<RuleChange> diff_rule_bodies(const json& before, const json& after) {
    std::vector<RuleChange> out;
    diff_into(before, after, "", out);
    return out;
}

// ---- candidates ----------------------------------------------------------------------------------
std::string field_of_parse_error(const std::string& message) {
    // Element: the last "name[i]" before the field, e.g. `rules[1]（callback_24h）：字段 "counting"`; the field
    // follows the parsers' marker `字段 "` (rule_text.hpp), also inside 缺少字段 "x" and 未知字段 "x".
    static const std::string marker = "字段 \"";
    std::string element;
    const auto field_at = message.find(marker);
    // Without a field the location ends at the first "：" (what follows may name another element, as in
    // `holidays[1]（春节）：与 holidays[0]（元旦…）日期重叠`).
    const std::string head = message.substr(0, field_at != std::string::npos ? field_at : message.find("："));
    const auto close = head.rfind(']');
    if (close != std::string::npos) {
        const auto open = head.rfind('[', close);
        if (open != std::string::npos) {
            std::size_t start = open;
            // Nested elements keep their path: `parts[1].items[0]`.
            while (start > 0 && (std::isalnum(static_cast<unsigned char>(head[start - 1])) || head[start - 1] == '_' ||
                                 head[start - 1] == '.' || head[start - 1] == '[' || head[start - 1] == ']'))
                --start;
            if (start < open) element = head.substr(start, close + 1 - start);
        }
    }
    std::string field;
    if (field_at != std::string::npos) {
        const auto from = field_at + marker.size();
        const auto to = message.find('"', from);
        if (to != std::string::npos) field = message.substr(from, to - from);
    }
    std::string out = "body";
    if (!element.empty()) out += "." + element;
    if (!field.empty()) out += "." + field;
    return out;
}

namespace {

bool version_code_ok(const std::string& v) {
    if (v.empty() || v.size() > 40) return false;
    return std::all_of(v.begin(), v.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-';
    });
}

}  // namespace

RuleCheck check_rule_candidate(const RuleBook& book, const RuleCandidate& c, const Date& today, bool need_reason) {
    RuleCheck out;
    out.body = c.body.is_object() ? c.body : json::object();
    const RuleKind* kind = find_rule_kind(c.kind);
    if (!kind) {
        out.errors.push_back({"kind", "unknown", "没有这种规则：" + c.kind});
        return out;
    }
    if (!version_code_ok(c.version)) {
        out.errors.push_back({"version", c.version.empty() ? "required" : "format",
                              "版本号必须是 1–40 个字母、数字、点、下划线或连字符，例如 sla-2027-v1"});
    } else if (book.find(c.kind, c.version)) {
        out.errors.push_back({"version", "exists", "版本号 " + c.version + " 已存在：已发布的版本不能修改，请另起一个版本号"});
    }
    out.effective_from = parse_date(c.effective_from);
    if (!out.effective_from) {
        out.errors.push_back({"effective_from", c.effective_from.empty() ? "required" : "format",
                              "生效日期必须是真实日期，格式为 YYYY-MM-DD"});
    } else if (*out.effective_from < today) {
        out.errors.push_back({"effective_from", "in_past",
                              "生效日期不能早于今天（" + format_date(today) + "）：新版本不能改写过去的数字"});
    }
    if (need_reason) {
        const auto n = utf8_length(c.reason);
        if (n < 2 || n > 200) out.errors.push_back({"reason", "required", "请填写发布原因（2–200 个字）"});
    }
    if (!c.body.is_object()) {
        out.errors.push_back({"body", "format", "规则内容必须是一个 JSON 对象"});
    } else {
        out.body["version"] = c.version;
        out.body["effective_from"] = c.effective_from;
        // A bad version or date is reported once, on the form's field: the parser checks the rest.
        json parsed = out.body;
        if (!version_code_ok(c.version)) parsed["version"] = "candidate";
        if (!out.effective_from) parsed["effective_from"] = format_date(today);
        try {
            (void)kind->parse(parsed);
        } catch (const std::exception& e) {
            out.errors.push_back({field_of_parse_error(e.what()), "invalid", std::string("规则内容有误：") + e.what()});
        }
    }
    if (out.effective_from) {
        if (const RuleVersion* old = book.version_in_force(c.kind, *out.effective_from)) {
            out.replaces = old->version;
            out.changes = diff_rule_bodies(old->body, out.body);
        } else {
            out.changes = diff_rule_bodies(json::object(), out.body);
        }
    }
    return out;
}

// ---- wire format ---------------------------------------------------------------------------------
std::vector<RuleKindInfo> rule_kind_infos(const RuleBook& book, const Date& today) {
    std::vector<RuleKindInfo> out;
    for (const auto& kind : rule_kinds()) {
        RuleKindInfo k;
        k.code = kind.code;
        k.name_zh = kind.name_zh;
        const RuleVersion* now = book.version_in_force(kind.code, today);
        if (now) k.in_force = now->version;
        const auto& vs = book.versions(kind.code);
        for (std::size_t i = vs.size(); i-- > 0;) {   // newest publication first, then a stable sort by date
            const auto& v = vs[i];
            k.versions.push_back({v.version, format_date(v.effective_from), format_timestamp(v.published_at), v.published_by, v.reason,
                                  now == &v, today < v.effective_from});
        }
        std::stable_sort(k.versions.begin(), k.versions.end(), [](const RuleVersionInfo& a, const RuleVersionInfo& b) {
            return a.effective_from > b.effective_from;   // YYYY-MM-DD sorts as text
        });
        out.push_back(std::move(k));
    }
    return out;
}

void to_json(json& j, const RuleChange& c) {
    j = json{{"op", code(c.op)}, {"path", c.path}, {"before", c.before}, {"after", c.after}, {"text", c.text_zh}};
}

void from_json(const json& j, RuleChange& c) {
    const std::string op = j.at("op").get<std::string>();
    c.op = op == "added" ? RuleChange::Op::Added : op == "removed" ? RuleChange::Op::Removed : RuleChange::Op::Changed;
    c.path = j.at("path").get<std::string>();
    c.before = j.value("before", json());
    c.after = j.value("after", json());
    c.text_zh = j.value("text", std::string());
}

void to_json(json& j, const RuleVersionInfo& v) {
    j = json{{"version", v.version}, {"effective_from", v.effective_from}, {"published_at", v.published_at},
             {"published_by", v.published_by}, {"reason", v.reason}, {"in_force", v.in_force},
             {"scheduled", v.scheduled}};
}

void from_json(const json& j, RuleVersionInfo& v) {
    v.version = j.at("version").get<std::string>();
    v.effective_from = j.at("effective_from").get<std::string>();
    v.published_at = j.value("published_at", std::string());
    v.published_by = j.value("published_by", std::string());
    v.reason = j.value("reason", std::string());
    v.in_force = j.value("in_force", false);
    v.scheduled = j.value("scheduled", false);
}

void to_json(json& j, const RuleKindInfo& k) {
    j = json{{"code", k.code}, {"name", k.name_zh}, {"in_force", k.in_force ? json(*k.in_force) : json()},
             {"versions", k.versions}};
}

void from_json(const json& j, RuleKindInfo& k) {
    k.code = j.at("code").get<std::string>();
    k.name_zh = j.value("name", std::string());
    k.in_force.reset();
    if (j.contains("in_force") && j["in_force"].is_string()) k.in_force = j["in_force"].get<std::string>();
    k.versions = j.at("versions").get<std::vector<RuleVersionInfo>>();
}

void to_json(json& j, const RuleCandidate& c) {
    j = json{{"version", c.version}, {"effective_from", c.effective_from}, {"reason", c.reason}, {"body", c.body}};
}

std::vector<FieldError> rule_candidate_from_request(const json& j, RuleCandidate& out) {
    std::vector<FieldError> errors;
    if (!j.is_object()) return {{"body", "format", "请求体必须是 JSON 对象"}};
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        if (k == "version" || k == "effective_from" || k == "reason") {
            if (!it.value().is_string()) {
                errors.push_back({k, "type", "字段 " + k + " 必须是字符串"});
                continue;
            }
            const std::string s = it.value().get<std::string>();
            if (k == "version") out.version = s;
            else if (k == "effective_from") out.effective_from = s;
            else out.reason = s;
        } else if (k == "body") {
            if (!it.value().is_object()) errors.push_back({"body", "type", "字段 body 必须是 JSON 对象（规则内容）"});
            else out.body = it.value();
        } else {
            errors.push_back({k, "unknown", "未知字段：" + k});
        }
    }
    if (!j.contains("body")) errors.push_back({"body", "required", "缺少字段 body（规则内容）"});
    return errors;
}

}  // namespace yiyang
