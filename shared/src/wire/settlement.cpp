// JSON of settlement statements and contract payment schedules (yiyang/wire/settlement.hpp).
#include "yiyang/wire/settlement.hpp"

namespace yiyang::wire {

void to_json(json& j, const SettlementLineSourceView& s) {
    j = {{"kind", s.kind}, {"ref", s.ref}, {"subject_ids", s.subject_ids}};
}
void from_json(const json& j, SettlementLineSourceView& s) {
    j.at("kind").get_to(s.kind);
    get_or(j, "ref", s.ref);
    get_or(j, "subject_ids", s.subject_ids);
}

void to_json(json& j, const SettlementLineView& l) {
    j = {{"kind", l.kind}, {"code", l.code}, {"label", l.label_zh}, {"count", l.count}, {"unit_fee_fen", l.unit_fee_fen},
         {"amount_fen", l.amount_fen}, {"note", l.note_zh}, {"source", l.source}};
}
void from_json(const json& j, SettlementLineView& l) {
    j.at("kind").get_to(l.kind);
    j.at("code").get_to(l.code);
    get_or(j, "label", l.label_zh);
    j.at("count").get_to(l.count);
    j.at("unit_fee_fen").get_to(l.unit_fee_fen);
    j.at("amount_fen").get_to(l.amount_fen);
    get_or(j, "note", l.note_zh);
    j.at("source").get_to(l.source);
}

void to_json(json& j, const SettlementStepView& s) {
    j = {{"code", s.code}, {"label", s.label_zh}, {"before_fen", s.before_fen}, {"after_fen", s.after_fen}};
}
void from_json(const json& j, SettlementStepView& s) {
    j.at("code").get_to(s.code);
    get_or(j, "label", s.label_zh);
    j.at("before_fen").get_to(s.before_fen);
    j.at("after_fen").get_to(s.after_fen);
}

void to_json(json& j, const SettlementStatementView& s) {
    j = {{"provider_id", s.provider_id}, {"provider_name", s.provider_name}, {"month", s.month},
         {"month_label", s.month_label_zh}, {"grade", s.grade}, {"grade_label", s.grade_label_zh},
         {"payout_bp", s.payout_bp}, {"payout_text", s.payout_text}, {"fees_version", s.fees_version},
         {"verification_fees_version", s.verification_fees_version}, {"order_of_operations", s.order_of_operations},
         {"grade_rounding", s.grade_rounding}, {"objection_workdays", s.objection_workdays}, {"lines", s.lines},
         {"steps", s.steps}, {"fees_total_fen", s.fees_total_fen}, {"graded_fen", s.graded_fen},
         {"faked_total_fen", s.faked_total_fen}, {"deductions_total_fen", s.deductions_total_fen},
         {"payable_fen", s.payable_fen}, {"receivable_fen", s.receivable_fen}};
}
void from_json(const json& j, SettlementStatementView& s) {
    j.at("provider_id").get_to(s.provider_id);
    get_or(j, "provider_name", s.provider_name);
    j.at("month").get_to(s.month);
    get_or(j, "month_label", s.month_label_zh);
    j.at("grade").get_to(s.grade);
    get_or(j, "grade_label", s.grade_label_zh);
    j.at("payout_bp").get_to(s.payout_bp);
    get_or(j, "payout_text", s.payout_text);
    get_or(j, "fees_version", s.fees_version);
    get_or(j, "verification_fees_version", s.verification_fees_version);
    get_or(j, "order_of_operations", s.order_of_operations);
    get_or(j, "grade_rounding", s.grade_rounding);
    get_or(j, "objection_workdays", s.objection_workdays);
    j.at("lines").get_to(s.lines);
    j.at("steps").get_to(s.steps);
    j.at("fees_total_fen").get_to(s.fees_total_fen);
    j.at("graded_fen").get_to(s.graded_fen);
    j.at("faked_total_fen").get_to(s.faked_total_fen);
    j.at("deductions_total_fen").get_to(s.deductions_total_fen);
    j.at("payable_fen").get_to(s.payable_fen);
    get_or(j, "receivable_fen", s.receivable_fen);
}

SettlementStatementView statement_view(const settlement::SettlementStatement& s) {
    SettlementStatementView v;
    v.provider_id = s.provider_id;
    v.provider_name = s.provider_name;
    v.month = s.month.code();
    v.month_label_zh = s.month.label_zh();
    v.grade = settlement::code(s.grade);
    v.grade_label_zh = settlement::label_zh(s.grade);
    v.payout_bp = s.payout_bp;
    v.payout_text = settlement::bp_text(s.payout_bp);
    v.fees_version = s.fees_version;
    v.verification_fees_version = s.verification_fees_version;
    for (const auto& st : s.steps) {
        if (st.code != "payable") v.order_of_operations.push_back(st.code);
    }
    v.grade_rounding = code(s.grade_rounding);
    v.objection_workdays = s.objection_workdays;
    for (const auto& l : s.lines) {
        v.lines.push_back({settlement::code(l.kind), l.code, l.label_zh, l.count, l.unit_fee_fen, l.amount_fen, l.note_zh,
                           {l.source.kind, l.source.ref, l.source.subject_ids}});
    }
    for (const auto& st : s.steps) v.steps.push_back({st.code, st.label_zh, st.before_fen, st.after_fen});
    v.fees_total_fen = s.fees_total_fen;
    v.graded_fen = s.graded_fen;
    v.faked_total_fen = s.faked_total_fen;
    v.deductions_total_fen = s.deductions_total_fen;
    v.payable_fen = s.payable_fen;
    v.receivable_fen = s.receivable_fen;
    return v;
}

namespace {
std::optional<std::string> date_text(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}
}  // namespace

void to_json(json& j, const InstallmentView& i) {
    j = {{"code", i.code}, {"label", i.label_zh}, {"share_bp", i.share_bp}, {"amount_fen", i.amount_fen},
         {"due_rule", i.due_rule_zh}, {"paid_fen", i.paid_fen}, {"outstanding_fen", i.outstanding_fen},
         {"withheld_fen", i.withheld_fen}, {"overdue_days", i.overdue_days}, {"status", i.status},
         {"status_label", i.status_label_zh}};
    put_opt(j, "due_on", i.due_on);
    put_opt(j, "paid_in_full_on", i.paid_in_full_on);
}
void from_json(const json& j, InstallmentView& i) {
    j.at("code").get_to(i.code);
    get_or(j, "label", i.label_zh);
    get_or(j, "share_bp", i.share_bp);
    j.at("amount_fen").get_to(i.amount_fen);
    get_opt(j, "due_on", i.due_on);
    get_or(j, "due_rule", i.due_rule_zh);
    j.at("paid_fen").get_to(i.paid_fen);
    j.at("outstanding_fen").get_to(i.outstanding_fen);
    get_or(j, "withheld_fen", i.withheld_fen);
    get_opt(j, "paid_in_full_on", i.paid_in_full_on);
    get_or(j, "overdue_days", i.overdue_days);
    j.at("status").get_to(i.status);
    get_or(j, "status_label", i.status_label_zh);
}

void to_json(json& j, const ContractPaymentView& p) {
    j = {{"paid_on", p.paid_on}, {"amount_fen", p.amount_fen}, {"note", p.note}};
}
void from_json(const json& j, ContractPaymentView& p) {
    j.at("paid_on").get_to(p.paid_on);
    j.at("amount_fen").get_to(p.amount_fen);
    get_or(j, "note", p.note);
}

void to_json(json& j, const ContractScheduleView& s) {
    j = {{"contract_no", s.contract_no}, {"contract_fen", s.contract_fen}, {"signed_on", s.signed_on},
         {"rule_version", s.rule_version}, {"calendar_version", s.calendar_version}, {"installments", s.installments},
         {"payments", s.payments}, {"paid_total_fen", s.paid_total_fen}, {"due_now_fen", s.due_now_fen},
         {"overdue_fen", s.overdue_fen}, {"withheld_fen", s.withheld_fen}, {"overpaid_fen", s.overpaid_fen},
         {"next_due_fen", s.next_due_fen}, {"contract_ended", s.contract_ended}, {"consequence", s.consequence_zh}};
    put_opt(j, "annual_grade", s.annual_grade);
    put_opt(j, "annual_grade_label", s.annual_grade_label_zh);
    put_opt(j, "assessed_on", s.assessed_on);
    put_opt(j, "next_due_on", s.next_due_on);
}
void from_json(const json& j, ContractScheduleView& s) {
    get_or(j, "contract_no", s.contract_no);
    j.at("contract_fen").get_to(s.contract_fen);
    j.at("signed_on").get_to(s.signed_on);
    get_opt(j, "annual_grade", s.annual_grade);
    get_opt(j, "annual_grade_label", s.annual_grade_label_zh);
    get_opt(j, "assessed_on", s.assessed_on);
    get_or(j, "rule_version", s.rule_version);
    get_or(j, "calendar_version", s.calendar_version);
    j.at("installments").get_to(s.installments);
    get_or(j, "payments", s.payments);
    j.at("paid_total_fen").get_to(s.paid_total_fen);
    get_or(j, "due_now_fen", s.due_now_fen);
    get_or(j, "overdue_fen", s.overdue_fen);
    get_or(j, "withheld_fen", s.withheld_fen);
    get_or(j, "overpaid_fen", s.overpaid_fen);
    get_opt(j, "next_due_on", s.next_due_on);
    get_or(j, "next_due_fen", s.next_due_fen);
    get_or(j, "contract_ended", s.contract_ended);
    get_or(j, "consequence", s.consequence_zh);
}

ContractScheduleView schedule_view(const settlement::ContractSchedule& s) {
    ContractScheduleView v;
    v.contract_no = s.contract_no;
    v.contract_fen = s.contract_fen;
    v.signed_on = format_date(s.signed_on);
    if (s.annual_grade) {
        v.annual_grade = settlement::code(*s.annual_grade);
        v.annual_grade_label_zh = settlement::label_zh(*s.annual_grade);
    }
    v.assessed_on = date_text(s.assessed_on);
    v.rule_version = s.rule_version;
    v.calendar_version = s.calendar_version;
    for (const settlement::Installment* x : {&s.advance, &s.balance}) {
        v.installments.push_back({x->code, x->label_zh, x->share_bp, x->amount_fen, date_text(x->due_on), x->due_rule_zh,
                                  x->paid_fen, x->outstanding_fen, x->withheld_fen, date_text(x->paid_in_full_on),
                                  x->overdue_days, settlement::code(x->status), settlement::label_zh(x->status)});
    }
    for (const auto& p : s.payments) v.payments.push_back({format_date(p.paid_on), p.amount_fen, p.note});
    v.paid_total_fen = s.paid_total_fen;
    v.due_now_fen = s.due_now_fen;
    v.overdue_fen = s.overdue_fen;
    v.withheld_fen = s.withheld_fen;
    v.overpaid_fen = s.overpaid_fen;
    v.next_due_on = date_text(s.next_due_on);
    v.next_due_fen = s.next_due_fen;
    v.contract_ended = s.contract_ended;
    v.consequence_zh = s.consequence_zh;
    return v;
}

}  // namespace yiyang::wire

// ---- The statement's input as posted -------------------------------------------------------------------------

namespace yiyang::wire {

namespace {

constexpr std::size_t kMaxListItems = 10'000;   // settlement::kMaxCases; served has its own limit (20) in settle_month

class InputReader {
public:
    std::vector<FieldError> errors;

    void add(const std::string& field, const char* code, const std::string& msg) { errors.push_back({field, code, msg}); }

    // Unknown keys refused by name (a typo must not be silently dropped).
    bool object(const json& j, const std::string& where, std::initializer_list<const char*> known) {
        if (!j.is_object()) {
            add(where.empty() ? "body" : where, "format",
                where.empty() ? std::string("请求体应为 JSON 对象") : "字段 \"" + where + "\" 应为对象");
            return false;
        }
        for (const auto& item : j.items()) {
            bool ok = false;
            for (const char* k : known) ok = ok || item.key() == k;
            if (!ok) add(path(where, item.key()), "unknown", "未知字段 \"" + path(where, item.key()) + "\"（是否拼写错误？）");
        }
        return true;
    }
    static std::string path(const std::string& where, const std::string& key) { return where.empty() ? key : where + "." + key; }

    template <class T>
    void integer(const json& j, const std::string& where, const char* key, T& out, bool required) {
        const std::string f = path(where, key);
        if (!j.contains(key)) {
            if (required) add(f, "required", "缺少字段 \"" + f + "\"");
            return;
        }
        const json& v = j.at(key);
        if (!v.is_number_integer()) {
            add(f, "format", "字段 \"" + f + "\" 应为整数");
            return;
        }
        out = v.get<std::int64_t>();
    }
    void optional_integer(const json& j, const char* key, std::optional<std::int64_t>& out) {
        if (!j.contains(key) || j.at(key).is_null()) return;
        std::int64_t v = 0;
        integer(j, "", key, v, true);
        out = v;
    }
    void text(const json& j, const std::string& where, const char* key, std::string& out, std::size_t max_bytes,
              bool required) {
        const std::string f = path(where, key);
        if (!j.contains(key)) {
            if (required) add(f, "required", "缺少字段 \"" + f + "\"");
            return;
        }
        const json& v = j.at(key);
        if (!v.is_string()) {
            add(f, "format", "字段 \"" + f + "\" 应为文本");
            return;
        }
        if (v.get_ref<const std::string&>().size() > max_bytes) {
            add(f, "too_long", "字段 \"" + f + "\" 不能超过 " + std::to_string(max_bytes) + " 字节");
            return;
        }
        out = v.get<std::string>();
    }
    // A list: each item handed to `each` with its path ("served[1]").
    template <class F>
    void list(const json& j, const char* key, std::size_t max_items, F each) {
        if (!j.contains(key)) return;
        const json& v = j.at(key);
        if (!v.is_array()) {
            add(key, "format", std::string("字段 \"") + key + "\" 应为列表");
            return;
        }
        if (v.size() > max_items) {
            add(key, "too_many", std::string("字段 \"") + key + "\" 最多 " + std::to_string(max_items) + " 项");
            return;
        }
        for (std::size_t i = 0; i < v.size(); ++i) each(v[i], std::string(key) + "[" + std::to_string(i) + "]");
    }
};

}  // namespace

std::vector<FieldError> statement_input_from_json(const json& j, settlement::StatementInput& out) {
    InputReader r;
    out = {};
    if (!r.object(j, "", {"provider_id", "provider_name", "month", "payout_bp", "grade", "served", "physical_services",
                          "information_person_months", "physical_ref", "information_ref", "faked", "deductions"}))
        return r.errors;
    r.integer(j, "", "provider_id", out.provider_id, true);
    r.text(j, "", "provider_name", out.provider_name, 200, false);
    std::string month;
    r.text(j, "", "month", month, 16, true);
    if (j.contains("month") && j.at("month").is_string()) {
        const auto p = parse_period(month);
        if (!p || p->kind != PeriodKind::Month) r.add("month", "format", "字段 \"month\" 应为 YYYY-MM 格式的月份，实际为 \"" + month.substr(0, 16) + "\"");
        else out.month = *p;
    }
    r.integer(j, "", "payout_bp", out.payout_bp, true);
    r.text(j, "", "grade", out.grade, 32, true);
    r.optional_integer(j, "physical_services", out.physical_services);
    r.optional_integer(j, "information_person_months", out.information_person_months);
    r.text(j, "", "physical_ref", out.physical_ref, 100, false);
    r.text(j, "", "information_ref", out.information_ref, 100, false);
    if (!j.contains("served")) r.add("served", "required", "缺少字段 \"served\"");
    r.list(j, "served", 20, [&](const json& e, const std::string& at) {
        settlement::ServedTier s;
        if (!r.object(e, at, {"tier", "count", "subject_ids"})) return;
        r.text(e, at, "tier", s.tier, 64, true);
        r.integer(e, at, "count", s.count, true);
        if (e.contains("subject_ids")) {
            const json& ids = e.at("subject_ids");
            const std::string f = at + ".subject_ids";
            if (!ids.is_array()) r.add(f, "format", "字段 \"" + f + "\" 应为列表");
            else if (ids.size() > static_cast<std::size_t>(settlement::kMaxCount)) r.add(f, "too_many", "字段 \"" + f + "\" 过长");
            else {
                for (const auto& id : ids) {
                    if (!id.is_number_integer()) {
                        r.add(f, "format", "字段 \"" + f + "\" 应为整数列表");
                        break;
                    }
                    s.subject_ids.push_back(id.get<Id>());
                }
            }
        }
        out.served.push_back(std::move(s));
    });
    r.list(j, "faked", kMaxListItems, [&](const json& e, const std::string& at) {
        settlement::FakedCase f;
        if (!r.object(e, at, {"subject_id", "tier", "case_ref"})) return;
        r.integer(e, at, "subject_id", f.subject_id, true);
        r.text(e, at, "tier", f.tier, 64, true);
        r.text(e, at, "case_ref", f.case_ref, 200, false);
        out.faked.push_back(std::move(f));
    });
    r.list(j, "deductions", kMaxListItems, [&](const json& e, const std::string& at) {
        settlement::Deduction d;
        if (!r.object(e, at, {"subject_id", "reason", "amount_fen", "note"})) return;
        r.integer(e, at, "subject_id", d.subject_id, false);
        std::string reason;
        r.text(e, at, "reason", reason, 32, true);
        if (e.contains("reason") && e.at("reason").is_string()) {
            if (const auto c = settlement::deduction_reason_from_code(reason)) d.reason = *c;
            else r.add(at + ".reason", "unknown", "字段 \"" + at + ".reason\" 应为 death、removal、carried_over 之一，实际为 \"" + reason.substr(0, 32) + "\"");
        }
        r.integer(e, at, "amount_fen", d.amount_fen, true);
        r.text(e, at, "note", d.note, 400, false);
        out.deductions.push_back(std::move(d));
    });
    return r.errors;
}

json statement_input_json(const settlement::StatementInput& in) {
    json served = json::array(), faked = json::array(), deductions = json::array();
    for (const auto& s : in.served) served.push_back({{"tier", s.tier}, {"count", s.count}, {"subject_ids", s.subject_ids}});
    for (const auto& f : in.faked) faked.push_back({{"subject_id", f.subject_id}, {"tier", f.tier}, {"case_ref", f.case_ref}});
    for (const auto& d : in.deductions)
        deductions.push_back({{"subject_id", d.subject_id}, {"reason", settlement::code(d.reason)},
                              {"amount_fen", d.amount_fen}, {"note", d.note}});
    json j = {{"provider_id", in.provider_id}, {"provider_name", in.provider_name}, {"month", in.month.code()},
              {"payout_bp", in.payout_bp}, {"grade", in.grade}, {"served", served}, {"faked", faked},
              {"deductions", deductions}, {"physical_ref", in.physical_ref}, {"information_ref", in.information_ref}};
    if (in.physical_services) j["physical_services"] = *in.physical_services;
    if (in.information_person_months) j["information_person_months"] = *in.information_person_months;
    return j;
}

}  // namespace yiyang::wire
