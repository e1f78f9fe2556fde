// Parsing of the settlement rule (settlement/fees.hpp): strict (unknown fields refused by name), every value
// checked, the canonical form with defaults filled in and the comment dropped.
#include "yiyang/settlement/fees.hpp"
#include "yiyang/care_tier.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "../rule_text.hpp"
#include "yiyang/date.hpp"

namespace yiyang {

using nlohmann::json;

namespace settlement {

const char* code(Grade g) {
    switch (g) {
        case Grade::Excellent: return "excellent";
        case Grade::Good: return "good";
        case Grade::Pass: return "pass";
        case Grade::Fail: return "fail";
    }
    return "";
}

const char* label_zh(Grade g) {
    switch (g) {
        case Grade::Excellent: return "优秀";
        case Grade::Good: return "良好";
        case Grade::Pass: return "合格";
        case Grade::Fail: return "不合格";
    }
    return "";
}

std::optional<Grade> grade_from_code(std::string_view c) {
    for (auto g : {Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail}) {
        if (c == code(g)) return g;
    }
    return std::nullopt;
}

std::string bp_text(std::int64_t bp) {
    const bool negative = bp < 0;
    const std::int64_t m = negative ? -bp : bp;
    const std::int64_t frac = m % 100;
    return std::string(negative ? "-" : "") + std::to_string(m / 100) + "." + (frac < 10 ? "0" : "") +
           std::to_string(frac) + "%";
}

Fen share_of(Fen amount, std::int64_t bp, Rounding mode) {
    __extension__ typedef __int128 Wide;   // amount × bp may pass 2^63 before the division
    const Wide num = static_cast<Wide>(amount) * bp;
    Wide q = num / 10000;
    if (mode == Rounding::HalfUp && (num % 10000) * 2 >= 10000) ++q;
    return static_cast<Fen>(q);
}

}  // namespace settlement

bool ContractPaymentRule::passes(settlement::Grade g) const {
    return std::find(passing_grades.begin(), passing_grades.end(), g) != passing_grades.end();
}

const HomeVisitTier* SettlementFees::find_tier(std::string_view c) const {
    for (const auto& t : tiers) {
        if (t.code == c) return &t;
    }
    return nullptr;
}

namespace {

namespace rt = rule_text;
const std::string kPrefix = "结算计费标准";

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::invalid_argument(rt::located(kPrefix, where, what));
}

void only_known(const json& j, const std::string& where, std::initializer_list<const char*> known) {
    for (const auto& item : j.items()) {
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return item.key() == k; })) {
            fail(where, rt::unknown(item.key()));
        }
    }
}

std::int64_t integer_in(const json& j, const std::string& where, const char* key, std::int64_t lo, std::int64_t hi) {
    const auto& x = j.at(key);
    if (!x.is_number_integer()) fail(where, rt::wrong_kind(key, "整数", x));
    const auto v = x.get<std::int64_t>();
    if (v < lo || v > hi) {
        fail(where, rt::field(key) + " 应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间，实际为 " +
                        std::to_string(v));
    }
    return v;
}

std::string text_of(const json& j, const std::string& where, const char* key, std::size_t max_bytes) {
    const auto& x = j.at(key);
    if (!x.is_string()) fail(where, rt::wrong_kind(key, "文本", x));
    const auto s = x.get<std::string>();
    if (s.empty() || s.size() > max_bytes) fail(where, rt::field(key) + " 应为非空文本（不超过 " + std::to_string(max_bytes) + " 字节）");
    return s;
}

Rounding rounding_of(const json& j, const std::string& where, const char* key) {
    const auto& x = j.at(key);
    if (!x.is_string()) fail(where, rt::wrong_kind(key, "文本", x));
    const auto r = rounding_from_code(x.get<std::string>());
    if (!r) fail(where, rt::not_one_of(key, {"half_up", "truncate"}, x.get<std::string>()));
    return *r;
}

bool code_ok(const std::string& c) {
    return !c.empty() && c.size() <= 40 && std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
}

HomeVisitTier tier_from(const json& e, const std::string& where) {
    if (!e.is_object()) fail(where, "应为对象，实际为" + std::string(rt::json_kind_zh(e)));
    only_known(e, where, {"code", "name", "fee_fen", "billed_on"});
    for (const char* k : {"code", "name", "fee_fen"}) {
        if (!e.contains(k)) fail(where, rt::missing(k));
    }
    HomeVisitTier t;
    t.code = text_of(e, where, "code", 40);
    if (!code_ok(t.code)) fail(where, rt::field("code") + " 只能由小写字母、数字和下划线组成，实际为 " + rt::in_quotes(t.code));
    if (!care_tier_from_code(t.code) || *care_tier_from_code(t.code) == CareTier::Visiting)
        fail(where, rt::field("code") + " 应为上门服务的服务对象分类（severe_or_complete 或 subsistence_moderate_or_aged，见 care_tier.hpp），实际为 " + rt::in_quotes(t.code));
    const std::string named = rt::named(where, t.code);
    t.name_zh = text_of(e, named, "name", 120);
    t.fee_fen = integer_in(e, named, "fee_fen", 1, 100'000'00);
    if (e.contains("billed_on")) {
        const auto& b = e.at("billed_on");
        if (!b.is_string()) fail(named, rt::wrong_kind("billed_on", "文本", b));
        // 每月按实际服务人数结算: the only basis the seed knows; another would need other inputs.
        if (b.get<std::string>() != "served") fail(named, rt::not_one_of("billed_on", {"served"}, b.get<std::string>()));
    }
    return t;
}

ContractPaymentRule contract_from(const json& c) {
    const std::string where = "contract_payment";
    if (!c.is_object()) fail("", rt::wrong_kind("contract_payment", "对象", c));
    only_known(c, where, {"advance_bp", "advance_workdays", "signing_day_counts", "rounding", "balance_workdays",
                          "passing_grades"});
    ContractPaymentRule r;
    if (c.contains("advance_bp")) r.advance_bp = integer_in(c, where, "advance_bp", 0, 10000);
    if (c.contains("advance_workdays")) r.advance_workdays = static_cast<int>(integer_in(c, where, "advance_workdays", 1, 120));
    if (c.contains("balance_workdays")) r.balance_workdays = static_cast<int>(integer_in(c, where, "balance_workdays", 0, 120));
    if (c.contains("signing_day_counts")) {
        if (!c.at("signing_day_counts").is_boolean()) fail(where, rt::wrong_kind("signing_day_counts", "布尔值", c.at("signing_day_counts")));
        r.signing_day_counts = c.at("signing_day_counts").get<bool>();
    }
    if (c.contains("rounding")) r.rounding = rounding_of(c, where, "rounding");
    if (c.contains("passing_grades")) {
        const auto& g = c.at("passing_grades");
        if (!g.is_array() || g.empty()) fail(where, rt::field("passing_grades") + " 应为非空列表");
        r.passing_grades.clear();
        for (const auto& x : g) {
            const auto grade = x.is_string() ? settlement::grade_from_code(x.get<std::string>()) : std::nullopt;
            if (!grade) fail(where, rt::not_one_of("passing_grades", {"excellent", "good", "pass", "fail"}, x.is_string() ? x.get<std::string>() : x.dump()));
            if (r.passes(*grade)) fail(where, rt::field("passing_grades") + " 重复：" + rt::in_quotes(x.get<std::string>()));
            r.passing_grades.push_back(*grade);
        }
    }
    return r;
}

}  // namespace

void from_json(const json& j, SettlementFees& v) {
    if (!j.is_object()) throw std::invalid_argument(kPrefix + "应为 JSON 对象");
    SettlementFees out;
    if (j.contains("version")) out.version = text_of(j, "", "version", 40);
    const std::string where = out.version.empty() ? "" : rt::in_quotes(out.version);
    only_known(j, where, {"version", "effective_from", "comment", "home_visit_tiers", "order_of_operations",
                          "grade_rounding", "objection_workdays", "contract_payment"});
    if (j.contains("effective_from") &&
        (!j.at("effective_from").is_string() || !parse_date(j.at("effective_from").get<std::string>()))) {
        fail(where, rt::field("effective_from") + " 应为 YYYY-MM-DD 格式的真实日期，实际为 " + j.at("effective_from").dump());
    }
    if (j.contains("comment") && !j.at("comment").is_string()) fail(where, rt::wrong_kind("comment", "文本", j.at("comment")));
    if (!j.contains("home_visit_tiers")) fail(where, rt::missing("home_visit_tiers"));
    const auto& tiers = j.at("home_visit_tiers");
    if (!tiers.is_array() || tiers.empty() || tiers.size() > 20) fail(where, rt::field("home_visit_tiers") + " 应为 1 到 20 个档次的列表");
    std::set<std::string> codes;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        const std::string at = rt::then(where, "home_visit_tiers[" + std::to_string(i) + "]");
        auto t = tier_from(tiers[i], at);
        if (!codes.insert(t.code).second) fail(rt::named(at, t.code), rt::field("code") + " 与前面的档次重复");
        out.tiers.push_back(std::move(t));
    }
    if (j.contains("order_of_operations")) {
        const auto& o = j.at("order_of_operations");
        const json after = json::array({"fees", "grade", "faked", "deductions"});
        const json before = json::array({"fees", "faked", "grade", "deductions"});
        if (o == after) out.faked_fee_step = settlement::FakedFeeStep::AfterGrade;
        else if (o == before) out.faked_fee_step = settlement::FakedFeeStep::BeforeGrade;
        else fail(where, rt::field("order_of_operations") + " 应为 [\"fees\",\"grade\",\"faked\",\"deductions\"]（先按等级比例，"
                         "再扣弄虚作假对象服务费）或 [\"fees\",\"faked\",\"grade\",\"deductions\"]，实际为 " + o.dump());
    }
    if (j.contains("grade_rounding")) out.grade_rounding = rounding_of(j, where, "grade_rounding");
    if (j.contains("objection_workdays")) out.objection_workdays = static_cast<int>(integer_in(j, where, "objection_workdays", 1, 60));
    if (j.contains("contract_payment")) {
        try {
            out.contract = contract_from(j.at("contract_payment"));
        } catch (const std::invalid_argument& e) {
            // Name the version too: `结算计费标准 "v1"，contract_payment：…`
            const std::string m = e.what();
            const std::string head = kPrefix + " ";
            throw std::invalid_argument(where.empty() || m.rfind(head, 0) != 0 ? m : head + where + "，" + m.substr(head.size()));
        }
    }
    v = std::move(out);
}

void to_json(json& j, const SettlementFees& v) {
    json tiers = json::array();
    for (const auto& t : v.tiers) {
        tiers.push_back({{"code", t.code}, {"name", t.name_zh}, {"fee_fen", t.fee_fen}, {"billed_on", t.billed_on}});
    }
    json grades = json::array();
    for (auto g : v.contract.passing_grades) grades.push_back(settlement::code(g));
    const bool after = v.faked_fee_step == settlement::FakedFeeStep::AfterGrade;
    j = json{{"version", v.version},
             {"home_visit_tiers", tiers},
             {"order_of_operations", after ? json::array({"fees", "grade", "faked", "deductions"})
                                           : json::array({"fees", "faked", "grade", "deductions"})},
             {"grade_rounding", code(v.grade_rounding)},
             {"objection_workdays", v.objection_workdays},
             {"contract_payment",
              {{"advance_bp", v.contract.advance_bp},
               {"advance_workdays", v.contract.advance_workdays},
               {"signing_day_counts", v.contract.signing_day_counts},
               {"rounding", code(v.contract.rounding)},
               {"balance_workdays", v.contract.balance_workdays},
               {"passing_grades", grades}}}};
}

}  // namespace yiyang
