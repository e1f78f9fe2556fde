// Physical-service flags through the API (issue 10, 实体服务): the report's table 实体服务数量 with what is payable,
// pending and refused, and the flagged records with their reasons, decisions and providers' answers
// (GET /api/v1/verification/physical, its provider form …/physical/own), a supervisor's decision and a provider's
// answer on one flagged record (POST …/physical/{record_no}/decision | answer, both audited).
#include <algorithm>
#include <array>
#include <set>

#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/verification_common.hpp"
#include "http/verification_seal.hpp"
#include "store/audit.hpp"
#include "store/verification_lists.hpp"
#include "store/verification_physical.hpp"
#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/wire/verification_physical.hpp"

namespace yiyang::http {
namespace {

namespace v = verification;

constexpr std::size_t kMaxText = 500;   // a decision's reason, an answer: characters

std::optional<v::ServiceFlag> flag_from_code(std::string_view c) {
    for (auto f : {v::ServiceFlag::AfterDeath, v::ServiceFlag::Duplicate, v::ServiceFlag::CaregiverOverlap,
                   v::ServiceFlag::SharedEvidence, v::ServiceFlag::RemovedSubscriber})
        if (c == v::code(f)) return f;
    return std::nullopt;
}
std::optional<v::Payability> status_from_code(std::string_view c) {
    for (auto p : {v::Payability::NotPayable, v::Payability::Pending, v::Payability::DecidedPayable,
                   v::Payability::DecidedNotPayable})
        if (c == v::code(p)) return p;
    return std::nullopt;
}

// count= of a drill-down (服务人次 / 结算人次).
std::optional<std::string> count_from_code(std::string_view c) {
    if (c == "records" || c == "payable") return std::string(c);
    return std::nullopt;
}

// The quarter's flags over every record of the district (a caregiver's overlap or a shared photo crosses towns and
// providers; the status of a record must not depend on who looks), with the stored decisions. GET, a decision and
// an answer read the quarter's one computation (app/quarter_inputs: the flags cached by the lists' version, which a
// decision's write does not move; the decisions laid over them per data version); only when the quarter's rules are missing (the GET would answer 409) a decision or an answer
// computes the flags afresh, fees aside.
struct Quarter {
    std::shared_ptr<const app::QuarterBundle> bundle;
    std::map<std::string, store::PhysicalDecision> own_decisions;
    bool decided_here = false;   // own_decisions: the bundle's and the decision just written (the reply's)
    v::PhysicalServiceReport own_report;
    const std::map<std::string, store::PhysicalDecision>& decisions() const {
        return bundle && !decided_here ? bundle->decisions : own_decisions;
    }
    const v::PhysicalServiceReport& report() const { return bundle ? bundle->physical_district() : own_report; }
};
// Every rule of the quarter is in force (the district's GETs compute with them: a decision reads their bundle).
bool rules_in_force(app::AppContext& ctx, const Period& quarter) {
    for (const Period& m : v::months_of(quarter))
        if (!ctx.rules().in_force<VerificationFees>(m.first_day())) return false;
    return ctx.rules().in_force<VerificationReportRule>(quarter.last_day()) &&
           ctx.rules().in_force<VerificationEligibility>(quarter.first_day());
}
Quarter compute(app::AppContext& ctx, SQLite::Database& db, const Period& quarter) {
    Quarter q;
    if (rules_in_force(ctx, quarter)) {
        q.bundle = quarter_of_request(ctx, db, QuarterScope{quarter, std::nullopt, {}});
        return q;
    }
    const auto records = store::service_record_table(db, quarter.first_day(), quarter.last_day());
    const auto cremations = store::cremation_rows(db);
    const auto subscribers = store::subscriber_rows(db, quarter.first_day(), quarter.last_day(), std::nullopt);
    q.own_decisions = store::latest_physical_decisions(db);
    std::map<std::string, v::SupervisorDecision> decisions;
    for (const auto& [no, d] : q.own_decisions) decisions.emplace(no, v::SupervisorDecision{d.payable, d.reason, d.username});
    // Flags only (fees are the GET's): which records are flagged does not depend on the fee rule.
    q.own_report = v::physical_services({quarter, 0, std::nullopt}, records, cremations, subscribers, decisions);
    return q;
}

bool in_tally(const v::Tally& t, const std::string& key) { return std::binary_search(t.keys.begin(), t.keys.end(), key); }

wire::PhysicalFlaggedRecord record_view(SQLite::Database& db, const Quarter& q, const v::FlaggedRecord& f,
                                        const ElderFieldPolicy& policy, int decisions) {
    wire::PhysicalFlaggedRecord w;
    w.record_no = f.record_no;
    // (The quarter holds only the columns the flags read: the name and service item of a row shown come from it.)
    const auto row = store::service_record_row(db, f.record_no);
    const std::string name = row ? row->name : "";
    w.name = policy.full_name ? name : mask_name(name);
    w.id_number = policy.full_id_number ? f.id_number : mask_resident_id(f.id_number);
    w.day = format_date(f.day);
    if (row) {
        w.start = format_time_of_day(row->start);
        w.end = format_time_of_day(row->end);
        w.item = row->item;
    }
    w.caregiver = f.caregiver;
    if (auto ref = store::service_record_ref(db, f.record_no)) w.provider_id = ref->provider_id;
    w.status = v::code(f.status);
    w.status_label_zh = v::label_zh(f.status);
    for (const auto& r : f.reasons)
        w.reasons.push_back({v::code(r.flag), v::label_zh(r.flag), r.why_zh, r.other_records, v::blocks_payment(r.flag)});
    if (auto d = q.decisions().find(f.record_no); d != q.decisions().end())
        w.decision = wire::PhysicalDecisionView{d->second.payable, d->second.reason, d->second.username,
                                                format_timestamp(d->second.at)};
    w.decisions = decisions;
    for (const auto& d : store::physical_decision_history(db, f.record_no))
        w.decision_history.push_back({d.payable, d.reason, d.username, format_timestamp(d.at)});
    const auto answers = store::physical_answers(db, {f.record_no});
    if (auto a = answers.find(f.record_no); a != answers.end())
        for (const auto& x : a->second)
            w.answers.push_back({x.id, x.text, x.provider_id, x.username, format_timestamp(x.at)});
    return w;
}

// A record without a flag, as a count= drill-down lists it: payable, no reason.
wire::PhysicalFlaggedRecord unflagged_view(SQLite::Database& db, const std::string& no, const ElderFieldPolicy& policy) {
    wire::PhysicalFlaggedRecord w;
    w.record_no = no;
    w.flagged = false;
    w.status = "payable";
    w.status_label_zh = "正常结算";
    if (const auto row = store::service_record_row(db, no)) {
        w.name = policy.full_name ? row->name : mask_name(row->name);
        w.id_number = policy.full_id_number ? row->id_number : mask_resident_id(row->id_number);
        w.day = format_date(row->day);
        w.start = format_time_of_day(row->start);
        w.end = format_time_of_day(row->end);
        w.item = row->item;
        w.caregiver = row->caregiver;
    }
    return w;
}

// GET …/physical and …/physical/own: the figures of the records in scope and a page of the flagged ones.
void reply_report(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, const AuthUser& user,
                  std::optional<Id> provider) {
    auto& db = ctx.db.reader();
    const QuarterScope scope = read_quarter_scope(req, user, db);
    const Period& quarter = scope.quarter;
    const auto month_text = query_text(req, "month", 20);
    std::optional<Period> month;
    if (!month_text.empty()) {
        month = parse_period(month_text);
        if (!month || month->kind != PeriodKind::Month || !quarter.contains(month->first_day()))
            fail_bad_query("month", "应为该季度内的月份，如 " + format_date(quarter.first_day()).substr(0, 7), month_text);
    }
    const auto status = query_enum(req, "status", &status_from_code);
    const auto flag = query_enum(req, "flag", &flag_from_code);
    const auto listed_count = query_enum(req, "count", &count_from_code);
    if (listed_count && (status || flag))
        fail_bad_query("count", "count（按人次下钻）不能与 status、flag 同时使用", *listed_count);
    const Paging paging = read_paging(req, false);
    Quarter q;
    q.bundle = quarter_of_request(ctx, db, scope);
    const auto& rep = q.report();

    // The records in scope: a town's subjects (by ID number, as the report's town figures), a provider's files.
    std::optional<std::set<std::string>> only = q.bundle->inputs.records_in_scope;
    if (provider) {
        std::set<std::string> s;
        for (const auto& [no, p] : store::service_record_providers(db, quarter.first_day(), quarter.last_day()))
            if (p == *provider && (!only || only->count(no))) s.insert(no);
        only = std::move(s);
    }
    const auto in_scope = [&](const std::string& no) { return !only || only->count(no) > 0; };

    // Each record at its month's fee (shared physical_services prices the months by the rule in force in each).
    const auto unit_of = [&](const std::string& no) -> Fen {
        for (const auto& m : rep.months)
            if (in_tally(m.records, no)) return m.unit_fee;
        return 0;
    };
    const auto sum = [&](const v::Tally& t, std::int64_t& count, std::int64_t& fee) {
        count = 0;
        fee = 0;
        for (const auto& no : t.keys) {
            if (!in_scope(no)) continue;
            ++count;
            fee += unit_of(no);
        }
    };

    wire::PhysicalServiceReport out;
    out.quarter = quarter.code();
    out.quarter_label_zh = quarter.label_zh();
    out.town_id = scope.town;
    out.town_name = scope.town_name;
    out.provider_id = provider;
    out.rule_versions = q.bundle->inputs.rules.fee_versions;
    for (std::size_t m = 0; m < rep.months.size(); ++m) {
        const auto& sm = rep.months[m];
        wire::PhysicalMonthRow row{sm.month.code(), sm.month.label_zh(), 0, sm.unit_fee, 0, 0, 0};
        const auto in_scope_count = [&](const v::Tally& t) {   // the district's: the tally's own count
            return only ? std::count_if(t.keys.begin(), t.keys.end(), in_scope) : static_cast<std::int64_t>(t.keys.size());
        };
        row.records = in_scope_count(sm.records);
        row.payable = in_scope_count(sm.payable);
        row.fee_fen = row.records * row.unit_fee_fen;
        row.payable_fee_fen = row.payable * row.unit_fee_fen;
        out.records += row.records;
        out.fee_fen += row.fee_fen;
        out.payable += row.payable;
        out.payable_fee_fen += row.payable_fee_fen;
        out.months.push_back(std::move(row));
    }
    sum(rep.not_payable, out.not_payable, out.not_payable_fee_fen);
    sum(rep.pending, out.pending, out.pending_fee_fen);
    sum(rep.decided_not_payable, out.decided_not_payable, out.decided_not_payable_fee_fen);

    const auto policy = elder_policy(user.user.role);
    out.masked = !policy.full_name || !policy.full_id_number;
    std::vector<const v::FlaggedRecord*> shown;
    for (const auto& [no, f] : rep.flagged) {
        if (!in_scope(no)) continue;
        ++out.flagged;
        if (f.status == v::Payability::DecidedPayable) {
            ++out.decided_payable;
            out.decided_payable_fee_fen += unit_of(no);
        }
        if (month && !month->contains(f.day)) continue;
        if (status && f.status != *status) continue;
        if (flag && std::none_of(f.reasons.begin(), f.reasons.end(), [&](auto& r) { return r.flag == *flag; })) continue;
        shown.push_back(&f);
    }
    out.flagged_total = static_cast<std::int64_t>(shown.size());
    out.items_total = out.flagged_total;
    out.page = paging.page;
    out.page_size = paging.page_size;
    const auto counts = store::physical_decision_counts(db);
    const std::size_t begin = static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
    const auto view = [&](const v::FlaggedRecord& f) {
        const auto c = counts.find(f.record_no);
        return record_view(db, q, f, policy, c == counts.end() ? 0 : c->second);
    };
    if (listed_count) {
        // The drill-down of 服务人次 / 结算人次: every record the month's (or quarter's) figure counts, in the
        // computation's record-number order, flagged ones with their reasons — the figure's own tally, in scope.
        // Only the page's numbers are collected (the district's 6 000 000 are counted, not copied).
        out.count = *listed_count;
        const std::size_t stop = begin + static_cast<std::size_t>(paging.page_size);
        std::vector<const std::string*> listed;
        std::size_t total = 0;
        for (const auto& m : rep.months) {
            if (month && !(m.month == *month)) continue;
            const auto& keys = (*listed_count == "payable" ? m.payable : m.records).keys;
            if (!only) {   // every record is in scope: the page is a slice
                for (std::size_t i = begin > total ? begin - total : 0; i < keys.size() && total + i < stop; ++i)
                    listed.push_back(&keys[i]);
                total += keys.size();
                continue;
            }
            for (const auto& no : keys) {
                if (!in_scope(no)) continue;
                if (total >= begin && total < stop) listed.push_back(&no);
                ++total;
            }
        }
        out.items_total = static_cast<std::int64_t>(total);
        for (const std::string* no : listed) {
            if (const auto f = rep.flagged.find(*no); f != rep.flagged.end()) {
                out.items.push_back(view(f->second));
                continue;
            }
            out.items.push_back(unflagged_view(db, *no, policy));
        }
        return reply_json(res, 200, json(out));
    }
    for (std::size_t i = begin; i < shown.size() && i < begin + static_cast<std::size_t>(paging.page_size); ++i)
        out.items.push_back(view(*shown[i]));
    reply_json(res, 200, json(out));
}

std::string record_in_path(const httplib::Request& req) {
    const std::string no = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
    if (no.empty() || no.size() > 100 || !valid_utf8(no)) fail_not_found("实体服务记录“" + shown_text(no) + "”");
    return no;
}

// The one text member of a decision (reason) or an answer (text): required, at most kMaxText characters; other
// members refused by name.
std::string text_member(const json& body, const char* name, const std::set<std::string>& known, const char* what_zh,
                        std::vector<FieldError>& errors) {
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!known.count(it.key())) errors.push_back({it.key(), "unknown", "不认识的字段：" + shown_text(it.key())});
    std::string text;
    if (auto t = body.find(name); t != body.end() && !t->is_null()) {
        if (!t->is_string()) errors.push_back({name, "format", std::string(what_zh) + "应为文字"});
        else text = t->get<std::string>();
    }
    if (v::name_key(text).empty()) errors.push_back({name, "required", std::string("必须填写") + what_zh});
    else if (utf8_length(text) > kMaxText)
        errors.push_back({name, "too_long", std::string(what_zh) + "最多 " + std::to_string(kMaxText) + " 字"});
    return text;
}

// The record, its quarter computed, and it flagged — else 404.
struct FlaggedContext {
    store::ServiceRecordRef ref;
    Quarter q;
    const v::FlaggedRecord* flagged = nullptr;
};
FlaggedContext flagged_record(SQLite::Database& db, const std::string& no) {
    FlaggedContext c;
    auto ref = store::service_record_ref(db, no);
    if (!ref) fail_not_found("实体服务记录“" + shown_text(no) + "”");
    c.ref = *ref;
    return c;
}
void find_flag(FlaggedContext& c, app::AppContext& ctx, SQLite::Database& db) {
    c.q = compute(ctx, db, quarter_of(c.ref.day));
    const auto& flagged = c.q.report().flagged;
    auto it = flagged.find(c.ref.record_no);
    if (it == flagged.end())
        fail(404, "not_flagged", "实体服务记录“" + shown_text(c.ref.record_no) + "”没有核查疑点，无需审核或答复");
    c.flagged = &it->second;
}

}  // namespace

void register_verification_physical_routes(Router& r, app::AppContext& ctx) {
    const auto report_params = [] {
        return json::array({query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
                            query_param("town", "integer", "a town's id (town users: their own, forced)"),
                            query_param("month", "string", "flagged records of this month only: 2024-01"),
                            query_param("status", "string", "not_payable | pending | decided_payable | decided_not_payable"),
                            query_param("flag", "string", "after_death | duplicate | caregiver_overlap | shared_evidence "
                                                          "| removed_subscriber"),
                            query_param("count", "string", "records | payable: list every record of that figure "
                                                           "(the month's with month=), flagged ones marked"),
                            query_param("page", "integer", "page of flagged records (from 1)"),
                            query_param("page_size", "integer", "1..200, default 20")});
    };
    r.add({"GET", "/api/v1/verification/physical",
           "The quarter's physical services (实体服务数量): records and fees per month, what is payable, pending and "
           "refused, and a page of the flagged records with reasons, decisions and providers' answers (masked as "
           "the role sees elders)",
           "verification", needs(Permission::ReadVerification, "town: own town"), report_params(), "",
           "PhysicalServiceReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_report(ctx, req, res, user, std::nullopt);
    });

    r.add({"GET", "/api/v1/verification/physical/own",
           "The same for a provider: only the records imported for it, and their flags to answer",
           "verification", needs(Permission::AnswerFlags, "provider: own records"), report_params(), "",
           "PhysicalServiceReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        if (!user.user.provider_id) fail(403, "forbidden", "当前账号未关联服务机构，无法查看机构的核查疑点");
        reply_report(ctx, req, res, user, user.user.provider_id);
    });

    r.add({"POST", "/api/v1/verification/physical/{record_no}/decision",
           "A supervisor's decision on a flagged record (payable or not, with a reason; the latest counts, each is "
           "kept and audited). 409 when the record can never be paid (after death, duplicate)",
           "verification", needs(Permission::DecideVerification), {}, "PhysicalDecisionRequest", "PhysicalFlaggedRecord"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string no = record_in_path(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        wire::PhysicalDecisionRequest ask;
        if (auto p = body.find("payable"); p == body.end() || p->is_null())
            errors.push_back({"payable", "required", "请选择是否予以结算（payable：true 或 false）"});
        else if (!p->is_boolean()) errors.push_back({"payable", "format", "payable 应为 true 或 false"});
        else ask.payable = p->get<bool>();
        ask.reason = text_member(body, "reason", {"payable", "reason"}, "审核理由", errors);
        if (!errors.empty()) fail(422, "validation", errors.front().message_zh, errors);

        auto& reader = ctx.db.reader();
        FlaggedContext c = flagged_record(reader, no);
        find_flag(c, ctx, reader);
        std::string blocking;
        for (const auto& reason : c.flagged->reasons)
            if (v::blocks_payment(reason.flag)) blocking += (blocking.empty() ? "" : "、") + std::string(v::label_zh(reason.flag));
        if (!blocking.empty())
            fail(409, "not_decidable", "实体服务记录“" + shown_text(no) + "”属于" + blocking + "，无论审核结果如何都不予结算，无需审核");

        const auto now = ctx.now();
        store::PhysicalDecision d{0, no, ask.payable, ask.reason, user.user.id, user.user.username, now};
        const auto& decided = c.q.decisions();
        const auto before = decided.find(no);
        ctx.db.write([&](SQLite::Database& db) {
            ensure_not_sealed(db, {quarter_of(c.ref.day)});
            d.id = store::insert_physical_decision(db, d);
            json changes = {{"record_no", no},
                            {"payable", {before == decided.end() ? json(nullptr) : json(before->second.payable),
                                         ask.payable}},
                            {"status", {v::code(c.flagged->status),
                                        v::code(ask.payable ? v::Payability::DecidedPayable
                                                            : v::Payability::DecidedNotPayable)}}};
            store::append_audit(db, {0, now, user.user.id, user.user.username, "physical_decision", d.id, "decide",
                                     changes, ask.reason});
        }, store::Database::Touches::DecisionsOnly);   // the quarter's flags stay cached: only its decisions are read again
        // The reply: the record as the report now shows it.
        if (c.q.bundle) c.q.own_decisions = c.q.bundle->decisions;
        c.q.decided_here = true;
        c.q.own_decisions[no] = d;
        v::FlaggedRecord f = *c.flagged;
        f.status = ask.payable ? v::Payability::DecidedPayable : v::Payability::DecidedNotPayable;
        f.decision = v::SupervisorDecision{ask.payable, ask.reason, user.user.username};
        const auto counts = store::physical_decision_counts(ctx.db.reader());
        const auto n = counts.find(no);
        reply_json(res, 201, json(record_view(ctx.db.reader(), c.q, f, elder_policy(user.user.role),
                                              n == counts.end() ? 1 : n->second)));
    });

    r.add({"POST", "/api/v1/verification/physical/{record_no}/answer",
           "A provider's answer to a flag on one of its own records (several allowed; audited)",
           "verification", needs(Permission::AnswerFlags, "provider: own records"), {}, "PhysicalAnswerRequest",
           "PhysicalFlaggedRecord"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string no = record_in_path(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        wire::PhysicalAnswerRequest ask;
        ask.text = text_member(body, "text", {"text"}, "答复内容", errors);
        if (!errors.empty()) fail(422, "validation", errors.front().message_zh, errors);
        if (!user.user.provider_id) fail(403, "forbidden", "当前账号未关联服务机构，无法答复核查疑点");
        const Id provider = *user.user.provider_id;

        auto& reader = ctx.db.reader();
        FlaggedContext c = flagged_record(reader, no);
        if (c.ref.provider_id != provider)
            fail(403, "forbidden", "实体服务记录“" + shown_text(no) + "”不是本机构的记录，只能答复本机构的核查疑点");
        find_flag(c, ctx, reader);

        const auto now = ctx.now();
        store::PhysicalAnswer a{0, no, provider, ask.text, user.user.id, user.user.username, now};
        ctx.db.write([&](SQLite::Database& db) {
            ensure_not_sealed(db, {quarter_of(c.ref.day)});
            a.id = store::insert_physical_answer(db, a);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "physical_answer", a.id, "answer",
                                     {{"record_no", no}, {"provider_id", provider}, {"text", ask.text}}, ""});
        });
        const auto counts = store::physical_decision_counts(ctx.db.reader());
        const auto n = counts.find(no);
        reply_json(res, 201, json(record_view(ctx.db.reader(), c.q, *c.flagged, elder_policy(user.user.role),
                                              n == counts.end() ? 0 : n->second)));
    });
}

}  // namespace yiyang::http
