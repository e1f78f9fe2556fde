// Deaths and new subjects of a quarterly verification (issue 10): GET /api/v1/verification/deaths (死亡服务对象核查,
// shared death_check over the imported ledger and cremation list), the family-contact step and the name-mismatch
// confirmation of one person (POST .../deaths/{id_number}/contact and /same-person, audited on the elder), and
// GET /api/v1/verification/new-subjects (新增服务对象核查 by the eligibility and report rules in force).
#include <algorithm>
#include <map>
#include <set>

#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/verification_common.hpp"
#include "http/verification_seal.hpp"
#include "store/audit.hpp"
#include "store/verification_deaths.hpp"
#include "store/verification_lists.hpp"
#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/new_subjects.hpp"
#include "yiyang/wire/verification_deaths.hpp"

namespace yiyang::http {

namespace {

using verification::id_key;
using verification::name_key;

// ---- masking: the verification lists are rows, not Elders; the role's elder policy applies field by field -------
struct Masker {
    ElderFieldPolicy p;
    std::string name(const std::string& s) const { return p.full_name ? s : mask_name(s); }
    std::string id(const std::string& s) const { return p.full_id_number ? s : mask_resident_id(s); }
    std::string phone(const std::string& s) const { return p.full_phone ? s : mask_phone(s); }
    bool masked() const { return !p.full_name || !p.full_id_number || !p.full_phone; }
};

// ---- deaths -----------------------------------------------------------------------------------------------------
const char* const kDeathCounts[] = {"matched",      "already_removed", "to_deduct",   "deducted",
                                    "not_deducted", "still_billed",    "next_quarter"};

std::optional<std::string> death_count_from_code(std::string_view s) {
    for (const char* c : kDeathCounts) {
        if (s == c) return std::string(c);
    }
    return std::nullopt;
}

const char* contact_label(const std::string& outcome) {
    return outcome == "confirmed_dead" ? "确认死亡" : outcome == "number_kept_self_paid" ? "号码继续使用、自行缴费" : "";
}

wire::DeathContact to_wire(const store::DeathContactRow& c) {
    return {c.outcome, contact_label(c.outcome), format_date(c.day), c.note, c.username, format_timestamp(c.recorded_at)};
}

std::optional<Date> query_date(const httplib::Request& req, const char* name) {
    const auto text = query_text(req, name, 20);
    if (text.empty()) return std::nullopt;
    const auto d = parse_date(text);
    if (!d) fail_bad_query(name, "应为真实日期，格式为 YYYY-MM-DD，如 2023-11-01", text);
    return d;
}

// The {id_number} of the path as the lists' key; anything that cannot be an ID number is "not found" (as a bad
// {id} is), so the path never reaches a query.
std::string path_id_key(const httplib::Request& req) {
    const std::string raw = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
    // ASCII only (a full-width spelling is refused rather than normalised): the access log masks ASCII ID numbers.
    if (raw.size() < 15 || raw.size() > 18 ||
        !std::all_of(raw.begin(), raw.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'X' || c == 'x'; })) {
        fail_not_found("该身份证号的死亡核查对象");
    }
    std::string k = id_key(raw);
    const bool digits17 = k.size() == 18 && std::all_of(k.begin(), k.begin() + 17, [](char c) { return c >= '0' && c <= '9'; }) &&
                          ((k[17] >= '0' && k[17] <= '9') || k[17] == 'X');
    const bool digits15 = k.size() == 15 && std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits17 && !digits15) fail_not_found("该身份证号的死亡核查对象");
    return k;
}

// The write routes take a full ID number: a role that sees ID numbers masked has none to give, and may not decide.
void require_unmasked(const AuthUser& user) {
    const auto p = elder_policy(user.user.role);
    if (!p.full_id_number || !p.full_name) fail(403, "forbidden", "该角色看到的身份证号已脱敏，不能办理死亡核查");
}

// The latest ledger row of each person (a re-opened number counts by its latest opening, as death_check does).
std::map<std::string, const SubscriberRow*> latest_by_key(const std::vector<SubscriberRow>& subs) {
    std::map<std::string, const SubscriberRow*> out;
    for (const auto& s : subs) {
        auto& slot = out[id_key(s.id_number)];
        if (!slot || slot->opened < s.opened) slot = &s;
    }
    return out;
}

wire::DeathsReport deaths_report(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user) {
    auto& db = ctx.db.reader();
    const QuarterScope scope = read_quarter_scope(req, user, db);
    const Period& quarter = scope.quarter;
    const Date q_first = quarter.first_day();
    // Default window: shared default_death_window (the two months before the quarter); the bureau may choose another.
    const auto window = verification::default_death_window(quarter);
    const Date default_from = window.from, default_to = window.to;
    const auto from_q = query_date(req, "window_from");
    const auto to_q = query_date(req, "window_to");
    const Date wf = from_q.value_or(default_from), wt = to_q.value_or(default_to);
    if (wt >= q_first) {
        fail_bad_query("window_to", "应早于该季度的第一天（" + format_date(q_first) + "）：季度内的死亡列入下季度的核减名单",
                       format_date(wt));
    }
    if (wf > wt) fail_bad_query("window_from", "不能晚于 window_to（" + format_date(wt) + "）", format_date(wf));
    if (wf < add_days(q_first, -366)) {
        fail_bad_query("window_from", "不能早于该季度开始前一年（" + format_date(add_days(q_first, -366)) + "）", format_date(wf));
    }
    const auto count = query_enum(req, "count", &death_count_from_code);
    const Paging paging = read_paging(req, false);
    // The quarter's one computation for this window (app/quarter_inputs, cached): the report's figures when the
    // window is the default one. Same-person confirmations hold for the names they were given for (there).
    app::QuarterScope as = app_scope(scope);
    as.death_window_from = from_q;
    as.death_window_to = to_q;
    const auto bundle = app::quarter_bundle(ctx, db, as, quarter_rules(ctx, quarter));
    const Fen unit = bundle->inputs.rules.fees[0].info_service_fen;
    const auto& subs = bundle->inputs.subscribers;
    const auto& crems = bundle->inputs.cremations;
    const auto by_sub = latest_by_key(subs);
    std::map<std::string, const CremationRow*> by_crem;
    for (const auto& c : crems) by_crem.emplace(id_key(c.id_number), &c);
    const auto& confirmed = bundle->inputs.confirmed_same_person;
    const auto& r = bundle->computed.deaths;
    const auto contacts = store::latest_death_contacts(db);

    wire::DeathsReport rep;
    rep.quarter = quarter.code();
    rep.quarter_label_zh = quarter.label_zh();
    rep.town_id = scope.town;
    rep.town_name = scope.town_name;
    rep.window_from = format_date(wf);
    rep.window_to = format_date(wt);
    rep.window_default = !from_q && !to_q;
    rep.window_note_zh = rep.window_default
                             ? "未指定核查时段：默认取该季度之前的两个月（" + rep.window_from + " 至 " + rep.window_to +
                                   "），这段时间内的死亡于本季度核减；季度内的死亡列入下季度名单"
                             : "核查时段 " + rep.window_from + " 至 " + rep.window_to + "（按请求）：这段时间内的死亡于本季度核减；" +
                                   "季度内的死亡列入下季度名单";
    rep.due_month = month_of(q_first).code();
    rep.unit_fee_fen = unit;
    rep.rule_versions = bundle->inputs.rules.fee_versions;
    rep.matched = r.matched.count();
    rep.already_removed = r.already_removed.count();
    rep.to_deduct = r.to_deduct.count();
    rep.deducted = r.deducted.count();
    rep.not_deducted = r.not_deducted.count();
    rep.still_billed = r.still_billed_ids.count();
    rep.to_recover_fen = r.to_recover;
    rep.next_quarter = r.next_quarter.count();
    for (const auto& k : r.next_quarter.keys) rep.contacted += contacts.count(id_key(k)) ? 1 : 0;

    const Masker mask{elder_policy(user.user.role)};
    rep.masked = mask.masked();
    for (const auto& m : r.name_mismatches) {
        rep.name_mismatches.push_back({mask.id(m.id_number), mask.name(m.subscriber_name), mask.name(m.cremation_name),
                                       format_date(m.died)});
    }
    if (!count) return rep;

    rep.drill_count = *count;
    const verification::Tally* tally = *count == "matched"           ? &r.matched
                                       : *count == "already_removed" ? &r.already_removed
                                       : *count == "to_deduct"       ? &r.to_deduct
                                       : *count == "deducted"        ? &r.deducted
                                       : *count == "not_deducted"    ? &r.not_deducted
                                       : *count == "still_billed"    ? &r.still_billed_ids
                                                                     : &r.next_quarter;
    std::map<std::string, const verification::StillBilled*> billed;
    for (const auto& b : r.still_billed) billed[id_key(b.id_number)] = &b;
    rep.people_total = tally->count();
    const std::size_t begin = static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
    for (std::size_t i = begin; i < tally->keys.size() && i < begin + static_cast<std::size_t>(paging.page_size); ++i) {
        const std::string k = id_key(tally->keys[i]);
        const auto si = by_sub.find(k);
        const auto ci = by_crem.find(k);
        if (si == by_sub.end() || ci == by_crem.end()) continue;
        const SubscriberRow& s = *si->second;
        wire::DeathPerson p;
        p.id_number = mask.id(s.id_number);
        p.name = mask.name(s.name);
        p.phone = mask.phone(s.phone);
        p.town = s.town;
        p.cremation_name = mask.name(ci->second->name);
        p.died = format_date(ci->second->died);
        p.opened = format_date(s.opened);
        if (s.removed) p.removed = format_date(*s.removed);
        p.removal_reason = s.removal_reason;
        if (const auto b = billed.find(k); b != billed.end()) {
            for (const auto& m : b->second->months) p.billed_months.push_back(m.code());
            p.to_recover_fen = b->second->to_recover;
        }
        p.same_person_confirmed = confirmed.count(k) > 0;
        if (const auto c = contacts.find(k); c != contacts.end()) p.contact = to_wire(c->second);
        rep.people.push_back(std::move(p));
    }
    return rep;
}

// ---- new subjects -----------------------------------------------------------------------------------------------
const char* const kNewSubjectCounts[] = {"provided", "cancelled", "empty", "ineligible", "unchecked",
                                         "called",   "not_called", "in_use"};
// The phone-check outcomes drill as outcome_<code> (outcome_answered, outcome_no_answer …: the report's table 5).
std::optional<CallOutcome> new_subject_outcome(std::string_view s) {
    for (int i = 0; i < 8; ++i) {
        const auto o = static_cast<CallOutcome>(i);
        if (s == std::string("outcome_") + code(o)) return o;
    }
    return std::nullopt;
}
std::optional<std::string> new_subject_count_from_code(std::string_view s) {
    for (const char* c : kNewSubjectCounts) {
        if (s == c) return std::string(c);
    }
    if (new_subject_outcome(s)) return std::string(s);
    return std::nullopt;
}

wire::NewSubjectsReport new_subjects_report(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user) {
    auto& db = ctx.db.reader();
    const QuarterScope scope = read_quarter_scope(req, user, db);
    const Period& quarter = scope.quarter;
    const auto month_text = query_text(req, "month", 20);
    std::optional<Period> month;
    if (!month_text.empty()) {
        month = parse_period(month_text);
        if (!month || month->kind != PeriodKind::Month || !quarter.contains(month->first_day())) {
            fail_bad_query("month", "应为该季度内的月份，如 " + format_date(quarter.first_day()).substr(0, 7), month_text);
        }
    }
    const auto count = query_enum(req, "count", &new_subject_count_from_code);
    if (month && !count) fail_bad_query("count", "按月下钻需要同时给出 count（provided、cancelled、empty 或 ineligible）", "");
    if (month && count && *count != "provided" && *count != "cancelled" && *count != "empty" && *count != "ineligible") {
        fail_bad_query("count", "按月下钻只能是 provided、cancelled、empty 或 ineligible", *count);
    }
    const Paging paging = read_paging(req, false);

    // The rules in force on the quarter's first day; none = refused, naming the kind (rules are data).
    const VerificationEligibility* eligibility = &eligibility_rule(ctx, quarter);
    const VerificationReportRule* report = &report_rule(ctx, quarter);

    // Phone checks are made after the number is opened, often in the weeks after the quarter (a March subscriber is
    // called in April): the checks of the quarter and of the month after it are read (app/quarter_inputs); the last
    // call counts. The quarter's one computation, cached: the report's figures.
    const auto bundle = quarter_of_request(ctx, db, scope);
    const auto& subs = bundle->inputs.subscribers;
    const auto window = verification::phone_check_window(quarter);
    const auto& r = bundle->computed.news;

    wire::NewSubjectsReport rep;
    rep.quarter = quarter.code();
    rep.quarter_label_zh = quarter.label_zh();
    rep.town_id = scope.town;
    rep.town_name = scope.town_name;
    rep.checks_from = format_date(window.from);
    rep.checks_to = format_date(window.to);
    rep.checks_note_zh = "电话核查结果取 " + rep.checks_from + " 至 " + rep.checks_to +
                         "（本季度及其后一个月：核查在开通之后进行），每人以最后一次拨打为准";
    rep.eligibility_version = eligibility->version;
    rep.report_version = report->version;
    rep.rounding = code(report->rule.rounding);
    rep.decimals = report->rule.decimals;
    const auto row = [](const verification::NewSubjectMonth& m) {
        return wire::NewSubjectsMonthRow{m.month.code(), m.month.label_zh(), m.provided.count(), m.cancelled.count(),
                                         m.empty.count(), m.ineligible.count()};
    };
    for (const auto& m : r.months) rep.months.push_back(row(m));
    rep.total = row(r.total);
    rep.unchecked = r.unchecked.count();
    rep.called = r.called.count();
    rep.not_called = r.not_called.count();
    rep.in_use = r.usage.numerator.count();
    rep.usage_text = verification::percent_text(r.usage, report->rule);
    std::map<std::string, CallOutcome> last_outcome;
    for (const auto& [o, t] : r.outcomes) {
        rep.outcomes.push_back({code(o), label_zh(o), t.count()});
        for (const auto& k : t.keys) last_outcome[id_key(k)] = o;
    }
    std::map<std::string, std::string> reason_of;
    for (const auto& i : r.ineligible) reason_of[id_key(i.id_number)] = i.reason_zh;

    const Masker mask{elder_policy(user.user.role)};
    rep.masked = mask.masked();
    const auto by_sub = latest_by_key(subs);
    const auto person = [&](const std::string& id_number) {
        const std::string k = id_key(id_number);
        wire::NewSubjectPerson p;
        p.id_number = mask.id(id_number);
        if (const auto s = by_sub.find(k); s != by_sub.end()) {
            p.name = mask.name(s->second->name);
            p.phone = mask.phone(s->second->phone);
            p.town = s->second->town;
            p.opened = format_date(s->second->opened);
        }
        if (const auto o = last_outcome.find(k); o != last_outcome.end()) {
            p.outcome = code(o->second);
            p.outcome_label_zh = label_zh(o->second);
        }
        if (const auto w = reason_of.find(k); w != reason_of.end()) p.ineligible_reason = w->second;
        return p;
    };
    for (const auto& i : r.ineligible) rep.ineligible.push_back(person(i.id_number));
    if (!count) return rep;

    rep.drill_count = *count;
    if (month) rep.drill_month = month->code();
    const verification::NewSubjectMonth* m = &r.total;
    if (month) {
        for (const auto& x : r.months) {
            if (x.month == *month) m = &x;
        }
    }
    static const verification::Tally none;
    const auto outcome = new_subject_outcome(*count);
    const auto of_outcome = [&]() -> const verification::Tally* {
        const auto it = r.outcomes.find(*outcome);
        return it == r.outcomes.end() ? &none : &it->second;
    };
    const verification::Tally* tally = outcome                  ? of_outcome()
                                       : *count == "provided"   ? &m->provided
                                       : *count == "cancelled"  ? &m->cancelled
                                       : *count == "empty"      ? &m->empty
                                       : *count == "ineligible" ? &m->ineligible
                                       : *count == "unchecked"  ? &r.unchecked
                                       : *count == "called"     ? &r.called
                                       : *count == "not_called" ? &r.not_called
                                                                : &r.usage.numerator;
    rep.people_total = tally->count();
    const std::size_t begin = static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
    for (std::size_t i = begin; i < tally->keys.size() && i < begin + static_cast<std::size_t>(paging.page_size); ++i) {
        rep.people.push_back(person(tally->keys[i]));
    }
    return rep;
}

}  // namespace

void register_verification_deaths_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/verification/deaths",
           "Death reconciliation of a quarter (死亡服务对象核查): the ledger against the cremation list for the chosen "
           "window (default: the two months before the quarter) — matched, already removed, to deduct, deducted, not "
           "deducted, still billed with the fee to recover, next quarter's list, name mismatches; with count= the people "
           "behind one figure (masked as the role sees elders), each with its family-contact step",
           "verification", needs(Permission::ReadVerification, "town: own town"),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("window_from", "string", "first day of the deaths deducted this quarter (default: two months before the quarter)"),
            query_param("window_to", "string", "last day of that window, before the quarter (default: the day before it)"),
            query_param("town", "integer", "a town's id (town users: their own, forced)"),
            query_param("count", "string",
                        "drill-down: matched | already_removed | to_deduct | deducted | not_deducted | still_billed | next_quarter"),
            query_param("page", "integer", "drill-down page (from 1)"),
            query_param("page_size", "integer", "drill-down page size (1..200, default 20)")},
           "", "DeathsReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(deaths_report(ctx, req, user)));
    });

    r.add({"POST", "/api/v1/verification/deaths/{id_number}/contact",
           "Record the family-contact step of a person found dead (确认死亡 / 号码继续使用、自行缴费), with the day and a "
           "note; audited on the elder. The person must be on the subscriber ledger and the cremation list",
           "verification", needs(Permission::DecideVerification), {}, "DeathContactRequest", "DeathContact", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        require_unmasked(user);
        const std::string key = path_id_key(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        for (const auto& item : body.items()) {
            if (item.key() != "outcome" && item.key() != "day" && item.key() != "note") {
                errors.push_back({item.key(), "unknown", "未知字段：" + shown_text(item.key())});
            }
        }
        const auto text_of = [&](const char* k) -> std::string {
            const auto it = body.find(k);
            if (it == body.end() || it->is_null()) return {};
            if (!it->is_string()) {
                errors.push_back({k, "type", std::string("字段 ") + k + " 应为文字，实际为 " + shown_value(*it)});
                return {};
            }
            return it->get<std::string>();
        };
        const std::string outcome = text_of("outcome");
        const std::string day_text = text_of("day");
        const std::string note = text_of("note");
        if (outcome.empty()) {
            errors.push_back({"outcome", "required", "请选择联系家属的结果：confirmed_dead（确认死亡）或 number_kept_self_paid（号码继续使用、自行缴费）"});
        } else if (!*contact_label(outcome)) {
            errors.push_back({"outcome", "format", "联系结果应为 confirmed_dead（确认死亡）或 number_kept_self_paid（号码继续使用、自行缴费），实际为 " +
                                                       shown_text(outcome)});
        }
        const auto day = parse_date(day_text);
        const Date today = date_of(ctx.now());
        if (day_text.empty()) errors.push_back({"day", "required", "请填写联系家属的日期（YYYY-MM-DD）"});
        else if (!day) errors.push_back({"day", "format", "联系日期应为真实日期，格式为 YYYY-MM-DD，实际为 " + shown_text(day_text)});
        else if (*day > today) errors.push_back({"day", "in_future", "联系日期不能晚于今天（" + format_date(today) + "）"});
        if (utf8_length(note) > 500) errors.push_back({"note", "too_long", "备注最多 500 个字"});
        if (!errors.empty()) fail_validation(errors);
        const auto subject = store::death_subject(ctx.db.reader(), key);
        if (!subject) fail_not_found("该身份证号的死亡核查对象（须同时在服务对象台账和火化名单中）");
        if (*day < subject->died) {
            fail_validation({{"day", "before_death", "联系日期不能早于火化名单上的死亡日期（" + format_date(subject->died) + "）"}});
        }
        const auto now = ctx.now();
        const store::DeathContactRow row{outcome, *day, note, user.user.id, user.user.username, now};
        ctx.db.write([&](SQLite::Database& db) {
            ensure_not_sealed(db, quarters_of_death(subject->died));
            store::add_death_contact(db, key, row);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", subject->elder_id, "death_contact",
                                     {{"outcome", outcome}, {"day", format_date(*day)}, {"note", note}}, ""});
        });
        reply_json(res, 201, json(to_wire(row)));
    });

    r.add({"POST", "/api/v1/verification/deaths/{id_number}/same-person",
           "Confirm that an ID number on both the ledger and the cremation list under different names is one person "
           "(with a reason); from then on it counts in the death figures. Audited on the elder",
           "verification", needs(Permission::DecideVerification), {}, "SamePersonRequest", "DeathNameMismatch"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        require_unmasked(user);
        const std::string key = path_id_key(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        for (const auto& item : body.items()) {
            if (item.key() != "reason") errors.push_back({item.key(), "unknown", "未知字段：" + shown_text(item.key())});
        }
        std::string reason;
        if (const auto it = body.find("reason"); it != body.end() && !it->is_null()) {
            if (!it->is_string()) errors.push_back({"reason", "type", "字段 reason 应为文字，实际为 " + shown_value(*it)});
            else reason = it->get<std::string>();
        }
        const auto n = utf8_length(reason);
        if (n < 2 || n > 200) errors.push_back({"reason", "required", "请填写确认为同一人的理由（2–200 个字），如“已核对户籍，曾用名”"});
        if (!errors.empty()) fail_validation(errors);
        const auto subject = store::death_subject(ctx.db.reader(), key);
        if (!subject) fail_not_found("该身份证号的死亡核查对象（须同时在服务对象台账和火化名单中）");
        if (name_key(subject->elder_name) == name_key(subject->cremation_name)) {
            fail(409, "not_a_mismatch", "台账与火化名单上的姓名一致，无需确认");
        }
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            ensure_not_sealed(db, quarters_of_death(subject->died));
            store::confirm_same_person(db, key, {subject->elder_name, subject->cremation_name, reason, user.user.id,
                                                 user.user.username, now});
            store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", subject->elder_id,
                                     "death_same_person",
                                     {{"subscriber_name", subject->elder_name}, {"cremation_name", subject->cremation_name}},
                                     reason});
        });
        reply_json(res, 200, json(wire::DeathNameMismatch{subject->id_number, subject->elder_name, subject->cremation_name,
                                                          format_date(subject->died)}));
    });

    r.add({"GET", "/api/v1/verification/new-subjects",
           "New subjects of a quarter (新增服务对象核查): per month provided, 销卡, 空号, 不符合条件; the ineligible with "
           "reasons (eligibility rule in force); the last call's outcomes and the usage rate by the report rule; with "
           "count= (and month=) the people behind one figure (masked as the role sees elders)",
           "verification", needs(Permission::ReadVerification, "town: own town"),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("town", "integer", "a town's id (town users: their own, forced)"),
            query_param("month", "string", "drill-down month of the quarter, 2024-03 (with count= provided | cancelled | empty | ineligible)"),
            query_param("count", "string",
                        "drill-down: provided | cancelled | empty | ineligible | unchecked | called | not_called | in_use "
                        "| outcome_<answered|no_answer|busy|powered_off|suspended|empty_number|cancelled|declined>"),
            query_param("page", "integer", "drill-down page (from 1)"),
            query_param("page_size", "integer", "drill-down page size (1..200, default 20)")},
           "", "NewSubjectsReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(new_subjects_report(ctx, req, user)));
    });
}

}  // namespace yiyang::http
