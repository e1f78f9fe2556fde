// Callback sampling through the API (回访抽样, issue 10): draw a quarter's sample (frozen frame, recorded seed and
// algorithm), read the draws and the call list (masked by role), record call outcomes, replace an unreachable
// subject, and the callback and physical-service survey figures of the quarter.
#include <algorithm>
#include <set>

#include "app/photos.hpp"   // sha256_hex: the key function
#include "app/sample_keys.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/verification_common.hpp"
#include "http/verification_seal.hpp"
#include "store/audit.hpp"
#include "store/kpi_inputs.hpp"   // town_name
#include "store/verification_lists.hpp"
#include "store/verification_sampling.hpp"
#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/verification/physical_services.hpp"
#include "yiyang/verification/sampling.hpp"
#include "yiyang/verification/sampling_rule.hpp"
#include "yiyang/wire/verification_sampling.hpp"

namespace yiyang::http {
namespace {

using verification::id_key;

std::string quarter_compact(const Period& q) { return std::to_string(q.year) + "Q" + std::to_string(q.index); }

bool seed_ok(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

wire::SampleDrawInfo draw_info(const store::StoredDraw& d, const std::optional<verification::ReportRule>& rule) {
    wire::SampleDrawInfo w;
    w.id = d.id;
    w.quarter = d.quarter;
    w.draw_date = format_date(d.draw_date);
    w.seed = d.seed;
    w.algorithm = d.algorithm;
    w.rate_num = d.rate.num;
    w.rate_den = d.rate.den;
    w.rule_version = d.rule_version;
    w.by_town = d.by_town;
    w.frame_size = d.frame_size;
    w.size = d.size;
    w.replacements = d.replacements;
    if (rule) w.share = verification::percent_text(Ratio{d.size, d.frame_size}, *rule);
    w.current = d.current;
    w.superseded_by = d.superseded_by.value_or(0);
    w.reason = d.reason;
    w.drawn_by = d.drawn_by;
    w.drawn_at = format_timestamp(d.drawn_at);
    return w;
}

// The draw as shared/verification sees it (strata in key order, sizes = the drawn), for the replacement rule.
verification::SampleDraw as_shared(const store::StoredDraw& d, const std::vector<store::FrameRow>& frame) {
    verification::SampleDraw s;
    s.input = {d.draw_date, d.rate, d.seed, d.by_town};
    s.size = d.size;
    for (const auto& f : frame) {   // by stratum, then order
        if (s.strata.empty() || s.strata.back().town != f.stratum) s.strata.push_back({f.stratum, 0, 0, {}});
        auto& st = s.strata.back();
        ++st.frame_size;
        if (f.sampled) ++st.size;
        st.order.push_back({f.id_number, f.key});
    }
    return s;
}

// Imported callbacks of the quarter (dated from its first day to the end of the next quarter: the calls are made
// after the quarter closes) and the calls recorded on the draw, recorded ones after imported ones so that on the
// same day the recorded call is the last.
std::vector<CallbackRow> quarter_calls(SQLite::Database& db, const Period& quarter, std::optional<Id> draw_id) {
    const Period next = quarter.next();
    auto rows = store::callback_rows(db, quarter.first_day(), next.last_day());
    const int base = static_cast<int>(rows.size());
    if (draw_id) {
        for (auto& c : store::sample_calls(db, *draw_id)) {
            c.call.row = base + c.call.row;
            rows.push_back(std::move(c.call));
        }
    }
    return rows;
}

bool unreachable(CallOutcome o) { return o != CallOutcome::Answered && o != CallOutcome::Declined; }

struct CallList {
    std::vector<store::FrameRow> listed;   // no > 0, in no. order
    std::map<std::string, std::int64_t> replaced_by;   // id_number -> no. of its replacement
    std::map<std::string, std::int64_t> no_of;
};
CallList call_list(const std::vector<store::FrameRow>& frame) {
    CallList out;
    for (const auto& f : frame) {
        if (f.no > 0) {
            out.listed.push_back(f);
            out.no_of[f.id_number] = f.no;
        }
    }
    std::sort(out.listed.begin(), out.listed.end(), [](const auto& a, const auto& b) { return a.no < b.no; });
    for (const auto& f : out.listed) {
        if (!f.replaces.empty()) out.replaced_by[f.replaces] = f.no;
    }
    return out;
}

wire::SampleSubject subject_of(const store::FrameRow& f, const CallList& list,
                               const std::map<std::string, store::ElderContact>& contacts,
                               const std::map<std::string, std::pair<const CallbackRow*, std::int64_t>>& last,
                               const ElderFieldPolicy& policy) {
    wire::SampleSubject s;
    s.no = f.no;
    s.town = f.town;
    s.order = f.order + 1;
    // The key is SHA-256 of seed:ID and the seed is public: with the masked ID's visible digits, the hidden birth
    // date and sequence (a few million candidates) would fall to a brute force. Only who sees the ID gets the key.
    if (policy.full_id_number) s.key = f.key;
    const auto c = contacts.find(f.id_number);
    const std::string name = c != contacts.end() ? c->second.name : std::string{};
    const std::string phone = c != contacts.end() ? c->second.phone : std::string{};
    s.elder_id = c != contacts.end() ? c->second.elder_id : 0;
    s.name = policy.full_name ? name : mask_name(name);
    s.id_number = policy.full_id_number ? f.id_number : mask_resident_id(f.id_number);
    s.phone = policy.full_phone ? phone : mask_phone(phone);
    if (!f.replaces.empty()) {
        const auto r = list.no_of.find(f.replaces);
        s.replaces = r != list.no_of.end() ? r->second : 0;
    }
    if (const auto r = list.replaced_by.find(f.id_number); r != list.replaced_by.end()) s.replaced_by = r->second;
    if (const auto l = last.find(f.id_number); l != last.end()) {
        s.last_outcome = label_zh(l->second.first->outcome);
        s.last_call_day = format_date(l->second.first->day);
        s.calls = l->second.second;
    }
    return s;
}

// Last call (and number of calls recorded on the draw) per subject.
std::map<std::string, std::pair<const CallbackRow*, std::int64_t>> last_of(const std::vector<CallbackRow>& calls,
                                                                           const std::vector<store::SampleCall>& recorded) {
    std::map<std::string, std::pair<const CallbackRow*, std::int64_t>> out;
    for (const auto& c : calls) {
        if (c.id_number.empty()) continue;
        auto& slot = out[id_key(c.id_number)];
        if (!slot.first || std::tie(slot.first->day, slot.first->row) < std::tie(c.day, c.row)) slot.first = &c;
    }
    for (const auto& r : recorded) ++out[id_key(r.call.id_number)].second;
    for (auto it = out.begin(); it != out.end();) it = it->second.first ? std::next(it) : out.erase(it);
    return out;
}

// The draw, its strata and a page of its call list as `user` may see it (a town user: its own town's subjects).
wire::SampleDetail detail(app::AppContext& ctx, SQLite::Database& db, const store::StoredDraw& d, const AuthUser& user,
                          const Paging& paging) {
    const auto quarter = parse_quarter(d.quarter);
    std::optional<verification::ReportRule> rule;
    if (quarter) {
        if (const auto* r = ctx.rules().in_force<VerificationReportRule>(quarter->last_day())) rule = r->rule;
    }
    wire::SampleDetail out;
    out.draw = draw_info(d, rule);
    const auto frame = store::frame_rows(db, d.id);
    std::map<std::string, wire::SampleStratumInfo> strata;
    for (const auto& f : frame) {
        auto& s = strata[f.stratum];
        s.town = f.stratum;
        ++s.frame_size;
        if (f.sampled) ++s.size;
    }
    for (auto& [k, s] : strata) out.strata.push_back(s);
    std::optional<std::string> own_town;
    if (user.user.role == Role::Town) own_town = store::town_name(db, user.user.town_id.value_or(0)).value_or("?");
    const CallList list = call_list(frame);
    std::vector<const store::FrameRow*> shown;
    for (const auto& f : list.listed) {
        if (!own_town || f.town == *own_town) shown.push_back(&f);
    }
    out.subjects_total = static_cast<std::int64_t>(shown.size());
    out.page = paging.page;
    out.page_size = paging.page_size;
    const std::size_t begin = static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
    std::vector<std::string> ids;
    for (std::size_t i = begin; i < shown.size() && i < begin + static_cast<std::size_t>(paging.page_size); ++i)
        ids.push_back(shown[i]->id_number);
    const auto contacts = store::elder_contacts(db, ids);
    const auto recorded = store::sample_calls(db, d.id);
    const auto calls = quarter ? quarter_calls(db, *quarter, d.id) : std::vector<CallbackRow>{};
    const auto last = last_of(calls, recorded);
    const auto policy = elder_policy(user.user.role);
    out.masked = !policy.full_name || !policy.full_id_number || !policy.full_phone;
    for (std::size_t i = begin; i < shown.size() && i < begin + static_cast<std::size_t>(paging.page_size); ++i)
        out.subjects.push_back(subject_of(*shown[i], list, contacts, last, policy));
    return out;
}

Paging call_paging(const httplib::Request& req) {
    Paging p;
    p.page = static_cast<int>(query_int(req, "page", 1, 1'000'000).value_or(1));
    p.page_size = static_cast<int>(query_int(req, "page_size", 1, 500).value_or(50));
    return p;
}

store::StoredDraw draw_or_404(SQLite::Database& db, Id id) {
    auto d = store::get_draw(db, id);
    if (!d) fail_not_found("编号为 " + std::to_string(id) + " 的回访抽样");
    return *d;
}

// The subject a call or a replacement names: "no" (its index in the call list) or "id_number".
const store::FrameRow& named_subject(const json& body, const CallList& list, std::vector<FieldError>& errors) {
    static const store::FrameRow none;
    const auto no = body.find("no");
    const auto id = body.find("id_number");
    if (no != body.end() && !no->is_null()) {
        if (!no->is_number_integer()) {
            errors.push_back({"no", "type", "no（回访序号）应为整数"});
            return none;
        }
        const auto n = no->get<std::int64_t>();
        for (const auto& f : list.listed)
            if (f.no == n) return f;
        errors.push_back({"no", "not_found", "回访名单中没有序号 " + std::to_string(n)});
        return none;
    }
    if (id != body.end() && !id->is_null()) {
        if (!id->is_string()) {
            errors.push_back({"id_number", "type", "id_number（身份证号）应为文本"});
            return none;
        }
        const std::string key = id_key(id->get<std::string>());
        for (const auto& f : list.listed)
            if (f.id_number == key) return f;
        errors.push_back({"id_number", "not_found", "该身份证号不在本次回访名单中"});
        return none;
    }
    errors.push_back({"no", "required", "请给出回访序号 no 或身份证号 id_number"});
    return none;
}

void unknown_members(const json& body, std::initializer_list<const char*> known, std::vector<FieldError>& errors) {
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }))
            errors.push_back({it.key(), "unknown", "不认识的字段：" + it.key()});
    }
}

std::string text_member(const json& body, const char* key, std::vector<FieldError>& errors) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (std::string(key) == "knows_sos" && it->is_boolean()) return it->get<bool>() ? "是" : "否";
    errors.push_back({key, "type", std::string("字段 ") + key + " 应为文本"});
    return {};
}

}  // namespace

void register_verification_sampling_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/verification/samples",
           "Draw a quarter's callback sample: rate from the verification_sampling rule, frame = subscribers active on "
           "draw_date, SHA-256 of seed:ID (frozen; a new draw of the same quarter needs a reason and supersedes)",
           "verification", needs(Permission::DecideVerification), {}, "SampleDrawRequest", "SampleDetail", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        std::vector<FieldError> errors;
        unknown_members(body, {"quarter", "draw_date", "seed", "by_town", "rate_num", "rate_den", "reason"}, errors);
        const std::string quarter_text = text_member(body, "quarter", errors);
        const auto quarter = parse_quarter(quarter_text);
        if (!quarter) errors.push_back({"quarter", quarter_text.empty() ? "required" : "format", "quarter 应为季度，如 2024Q1"});
        const std::string day_text = text_member(body, "draw_date", errors);
        const auto day = parse_date(day_text);
        const Date today = date_of(ctx.now());
        if (!day) errors.push_back({"draw_date", day_text.empty() ? "required" : "format", "draw_date（抽样日期）应为真实日期，格式 YYYY-MM-DD"});
        else if (today < *day) errors.push_back({"draw_date", "future", "抽样日期不能晚于今天（" + format_date(today) + "）：抽样框是当天在网的对象"});
        std::string seed = text_member(body, "seed", errors);
        if (body.contains("seed") && !seed_ok(seed))
            errors.push_back({"seed", "format", "seed（种子）应为 1–64 个字母、数字、点、下划线或连字符"});
        bool by_town = false;
        if (auto it = body.find("by_town"); it != body.end() && !it->is_null()) {
            if (!it->is_boolean()) errors.push_back({"by_town", "type", "by_town（按镇街分层）应为 true 或 false"});
            else by_town = it->get<bool>();
        }
        std::optional<Ratio> given;
        if (body.contains("rate_num") || body.contains("rate_den")) {
            const auto num = body.find("rate_num"), den = body.find("rate_den");
            const bool ok = num != body.end() && den != body.end() && num->is_number_integer() && den->is_number_integer() &&
                            num->get<std::int64_t>() > 0 && den->get<std::int64_t>() > 0 &&
                            den->get<std::int64_t>() <= 1'000'000 && num->get<std::int64_t>() <= den->get<std::int64_t>();
            if (!ok) errors.push_back({"rate_num", "invalid", "rate_num / rate_den 应同时给出，为 0 < rate_num ≤ rate_den ≤ 1000000 的整数"});
            else given = Ratio{num->get<std::int64_t>(), den->get<std::int64_t>()};
        }
        const std::string reason = text_member(body, "reason", errors);
        if (!reason.empty() && utf8_length(reason) > 200) errors.push_back({"reason", "too_long", "原因最多 200 字"});
        if (!errors.empty()) fail_validation(errors);

        // The rate: the rule in force on the draw date, unless the request names one (recorded as such).
        Ratio rate = given.value_or(Ratio{});
        std::string rule_version;
        if (!given) {
            const auto* rule = ctx.rules().in_force<verification::SamplingRule>(*day);
            const auto* version = ctx.rules().version_in_force("verification_sampling", *day);
            if (!rule || !version) {
                fail(409, "rule_missing",
                     format_date(*day) + "没有生效的回访抽样规则（verification_sampling）：请管理员在“规则管理”中发布一个生效日期不晚于" +
                         format_date(*day) + "的版本，或在请求中给出 rate_num / rate_den");
            }
            rate = rule->rate;
            rule_version = version->version;
        }
        if (seed.empty()) seed = app::generated_seed(quarter_compact(*quarter));
        const auto now = ctx.now();
        store::StoredDraw stored;
        ctx.db.write([&](SQLite::Database& db) {
            ensure_not_sealed(db, {*quarter});
            const auto old = store::current_draw(db, quarter->code());
            if (old && utf8_length(reason) < 2) {
                fail_validation({{"reason", "required", quarter->label_zh() + "已有回访抽样（编号 " + std::to_string(old->id) +
                                                            "）：重新抽样须填写原因（2–200 字），新的抽样将取代它"}});
            }
            const auto subs = store::subscriber_rows(db, *day, *day, std::nullopt);
            const auto drawn = verification::draw_sample({*day, rate, seed, by_town}, subs, app::sha256_hex);
            std::map<std::string, std::string> town_of;
            for (const auto& s : subs) town_of.emplace(id_key(s.id_number), s.town);
            std::vector<store::FrameRow> frame;
            std::int64_t no = 0;
            for (const auto& st : drawn.strata) {
                for (std::size_t i = 0; i < st.order.size(); ++i) {
                    store::FrameRow f;
                    f.id_number = st.order[i].id_number;
                    f.town = town_of[f.id_number];
                    f.stratum = st.town;
                    f.order = static_cast<std::int64_t>(i);
                    f.key = st.order[i].key;
                    f.sampled = static_cast<std::int64_t>(i) < st.size;
                    if (f.sampled) f.no = ++no;
                    frame.push_back(std::move(f));
                }
            }
            stored.quarter = quarter->code();
            stored.draw_date = *day;
            stored.seed = seed;
            stored.algorithm = app::sample_algorithm_text(by_town);
            stored.rate = rate;
            stored.rule_version = rule_version;
            stored.by_town = by_town;
            stored.frame_size = drawn.frame.count();
            stored.size = drawn.size;
            stored.drawn_by = user.user.username;
            stored.drawn_by_id = user.user.id;
            stored.drawn_at = now;
            stored.reason = old ? reason : std::string{};
            stored.id = store::insert_draw(db, stored, frame);
            json changes = {{"quarter", stored.quarter}, {"draw_date", format_date(*day)}, {"seed", seed},
                            {"rate", std::to_string(rate.num) + "/" + std::to_string(rate.den)},
                            {"rule_version", rule_version}, {"by_town", by_town}, {"frame_size", stored.frame_size},
                            {"size", stored.size}};
            if (old) changes["supersedes"] = old->id;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "sample_draw", stored.id,
                                     old ? "redraw" : "draw", changes, stored.reason});
        });
        auto& db = ctx.db.reader();
        const auto d = draw_or_404(db, stored.id);
        reply_json(res, 201, json(detail(ctx, db, d, user, Paging{1, 50, false})));
    });

    r.add({"GET", "/api/v1/verification/samples", "The callback draws of a quarter, newest first (the current one marked)",
           "verification", needs(Permission::ReadVerification),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)")}, "", "SampleList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const QuarterScope scope = read_quarter_scope(req, user, db);
        std::optional<verification::ReportRule> rule;
        if (const auto* in_force = ctx.rules().in_force<VerificationReportRule>(scope.quarter.last_day())) rule = in_force->rule;
        wire::SampleList out;
        out.quarter = scope.quarter.code();
        for (const auto& d : store::draws_of(db, scope.quarter.code())) out.draws.push_back(draw_info(d, rule));
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/verification/samples/{id}",
           "One callback draw: seed, algorithm, frame and size, strata, and a page of the call list with each "
           "subject's last outcome (names, ID numbers and phones masked as the role sees elders)",
           "verification", needs(Permission::ReadVerification, "town: own town's subjects"),
           {query_param("page", "integer", "call-list page (from 1)"),
            query_param("page_size", "integer", "call-list page size (1..500, default 50)")},
           "", "SampleDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const Paging paging = call_paging(req);
        auto& db = ctx.db.reader();
        const auto d = draw_or_404(db, id);
        reply_json(res, 200, json(detail(ctx, db, d, user, paging)));
    });

    r.add({"GET", "/api/v1/verification/call-list",
           "The call list of the quarter's current draw, to work through (phones masked for agents: reveal one with "
           "POST /api/v1/elders/{id}/reveal, audited)",
           "verification", needs(Permission::RecordCallbacks),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("page", "integer", "page (from 1)"),
            query_param("page_size", "integer", "page size (1..500, default 50)")},
           "", "SampleDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const QuarterScope scope = read_quarter_scope(req, user, db);
        const Paging paging = call_paging(req);
        const auto d = store::current_draw(db, scope.quarter.code());
        if (!d) fail_not_found(scope.quarter.label_zh() + "的回访抽样（尚未抽样）");
        reply_json(res, 200, json(detail(ctx, db, *d, user, paging)));
    });

    r.add({"POST", "/api/v1/verification/samples/{id}/calls",
           "Record one call to a subject of the current draw (outcome 接通/无人接听/占线/关机/停机/空号/销卡/拒访 and, when "
           "answered, the questions); validated as a row of the callback import; audited",
           "verification", needs(Permission::RecordCallbacks), {}, "SampleCallRequest", "SampleCallReply", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        unknown_members(body, {"no", "id_number", "outcome", "overall", "staff", "package", "knows_sos",
                               "suspension_reason"}, errors);
        const std::string outcome = text_member(body, "outcome", errors);
        const std::string overall = text_member(body, "overall", errors);
        const std::string staff = text_member(body, "staff", errors);
        const std::string package = text_member(body, "package", errors);
        const std::string sos = text_member(body, "knows_sos", errors);
        const std::string suspension = text_member(body, "suspension_reason", errors);
        if (!errors.empty()) fail_validation(errors);
        const auto now = ctx.now();
        const Date today = date_of(now);
        wire::SampleCallReply reply;
        ctx.db.write([&](SQLite::Database& db) {
            const auto d = draw_or_404(db, id);
            if (const auto q = parse_quarter(d.quarter)) ensure_not_sealed(db, {*q});
            if (!d.current) {
                fail(409, "superseded", "回访抽样 " + std::to_string(id) + " 已被编号 " +
                                            std::to_string(d.superseded_by.value_or(0)) + " 的抽样取代，请在当前名单上登记");
            }
            const auto frame = store::frame_rows(db, id);
            const CallList list = call_list(frame);
            std::vector<FieldError> errs;
            const store::FrameRow& who = named_subject(body, list, errs);
            if (!errs.empty()) fail_validation(errs);
            // The same checks as a row of the callback import (回访 / 满意度调查): labels, and the questions only when
            // the call was answered.
            std::vector<std::string> header, cells;
            for (const auto& c : import_columns(ImportList::Callbacks)) {
                header.push_back(c.header_zh);
                const std::string& k = c.key;
                cells.push_back(k == "id_number" ? who.id_number : k == "day" ? format_date(today) : k == "outcome" ? outcome
                                : k == "overall" ? overall : k == "staff" ? staff : k == "package" ? package
                                : k == "knows_sos" ? sos : k == "suspension_reason" ? suspension : std::string{});
            }
            const auto checked = validate_import<CallbackRow>({CsvRow{1, header}, CsvRow{2, cells}}, today);
            if (!checked.ok() || checked.rows.size() != 1) {
                std::vector<FieldError> fe;
                for (const auto& e : checked.errors) {
                    std::string field = e.column;
                    for (const auto& c : import_columns(ImportList::Callbacks))
                        if (c.header_zh == e.column) field = c.key;
                    fe.push_back({field, "invalid", e.column + "：" + e.message_zh});
                }
                if (fe.empty()) fe.push_back({"outcome", "invalid", "回访结果无效"});
                fail_validation(fe);
            }
            CallbackRow call = checked.rows.front();
            call.id_number = who.id_number;
            reply.call_id = store::insert_sample_call(db, id, call, user.user.username, user.user.id, now);
            reply.draw_id = id;
            json changes = {{"no", who.no}, {"outcome", label_zh(call.outcome)}, {"call_id", reply.call_id}};
            if (call.overall) changes["overall"] = label_zh(*call.overall);
            if (call.staff) changes["staff"] = label_zh(*call.staff);
            if (call.package) changes["package"] = label_zh(*call.package);
            if (call.knows_sos) changes["knows_sos"] = *call.knows_sos;
            if (!call.suspension_reason.empty()) changes["suspension_reason"] = call.suspension_reason;
            reply.audit_id = store::append_audit(db, {0, now, user.user.id, user.user.username, "sample_draw", id,
                                                      "call", changes, ""});
            const auto recorded = store::sample_calls(db, id);
            const auto quarter = parse_quarter(d.quarter);
            const auto calls = quarter ? quarter_calls(db, *quarter, id) : std::vector<CallbackRow>{};
            reply.subject = subject_of(who, list, store::elder_contacts(db, {who.id_number}), last_of(calls, recorded),
                                       elder_policy(user.user.role));
        });
        reply_json(res, 201, json(reply));
    });

    r.add({"POST", "/api/v1/verification/samples/{id}/replace",
           "Replace an unreachable subject of the current draw by the next in key order of its stratum that is neither "
           "drawn nor already a replacement (audited)",
           "verification", needs(Permission::RecordCallbacks), {}, "SampleReplaceRequest", "SampleReplaceReply", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        unknown_members(body, {"no", "id_number"}, errors);
        if (!errors.empty()) fail_validation(errors);
        const auto now = ctx.now();
        wire::SampleReplaceReply reply;
        ctx.db.write([&](SQLite::Database& db) {
            const auto d = draw_or_404(db, id);
            if (const auto q = parse_quarter(d.quarter)) ensure_not_sealed(db, {*q});
            if (!d.current) fail(409, "superseded", "回访抽样 " + std::to_string(id) + " 已被取代，请在当前名单上替补");
            const auto frame = store::frame_rows(db, id);
            const CallList list = call_list(frame);
            std::vector<FieldError> errs;
            const store::FrameRow& who = named_subject(body, list, errs);
            if (!errs.empty()) fail_validation(errs);
            if (list.replaced_by.count(who.id_number)) {
                fail(409, "already_replaced", "序号 " + std::to_string(who.no) + " 已由序号 " +
                                                  std::to_string(list.replaced_by.at(who.id_number)) + " 替补");
            }
            const auto recorded = store::sample_calls(db, id);
            const auto quarter = parse_quarter(d.quarter);
            const auto calls = quarter ? quarter_calls(db, *quarter, id) : std::vector<CallbackRow>{};
            const auto last = last_of(calls, recorded);
            const auto l = last.find(who.id_number);
            if (l == last.end() || !unreachable(l->second.first->outcome)) {
                fail(409, "not_unreachable", "序号 " + std::to_string(who.no) +
                                                 (l == last.end() ? " 尚无回访记录" : std::string(" 最近一次回访结果为") + label_zh(l->second.first->outcome)) +
                                                 "：只有无法联系的对象（无人接听、占线、关机、停机、空号、销卡）才能替补");
            }
            // The replacements already taken, in the order taken, then this one: shared/verification's rule.
            std::vector<std::string> order;
            for (const auto& f : list.listed)
                if (!f.replaces.empty()) order.push_back(f.replaces);
            order.push_back(who.id_number);
            const auto picked = verification::replacements(as_shared(d, frame), order);
            const std::string next = picked.at(who.id_number);
            if (next.empty()) {
                fail(409, "no_reserve", "序号 " + std::to_string(who.no) + " 所在的层（" +
                                            (who.stratum.empty() ? std::string("全区") : who.stratum) + "）已没有可替补的对象");
            }
            reply.replaced_no = who.no;
            reply.draw_id = id;
            const std::int64_t no = store::add_replacement(db, id, next, who.id_number);
            reply.audit_id = store::append_audit(db, {0, now, user.user.id, user.user.username, "sample_draw", id,
                                                      "replace", {{"no", who.no}, {"replacement_no", no}}, ""});
            const auto after = store::frame_rows(db, id);
            const CallList list2 = call_list(after);
            for (const auto& f : list2.listed) {
                if (f.no == no) {
                    reply.replacement = subject_of(f, list2, store::elder_contacts(db, {f.id_number}), last,
                                                   elder_policy(user.user.role));
                }
            }
        });
        reply_json(res, 201, json(reply));
    });

    r.add({"GET", "/api/v1/verification/callbacks",
           "The quarter's callback figures on its current draw (outcome shares, suspended by reason, satisfaction, "
           "phone package, SOS awareness) and the physical-service survey (reached, declined, invalid, valid, rates), "
           "percentages cut by the verification_report rule",
           "verification", needs(Permission::ReadVerification, "town: own town"),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("town", "integer", "a town's id (town users: their own, forced)")},
           "", "CallbackReport"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const QuarterScope scope = read_quarter_scope(req, user, db);
        const VerificationReportRule& in_force = report_rule(ctx, scope.quarter);
        const verification::ReportRule& rule = in_force.rule;
        const std::string& rule_version = in_force.version;
        wire::CallbackReport out;
        out.quarter = scope.quarter.code();
        out.town_id = scope.town.value_or(0);
        out.town_name = scope.town_name;
        out.report_rule_version = rule_version;
        // The quarter's one computation (app/quarter_inputs, cached): the current draw with its replacements and the
        // calls recorded on it, the survey of the subjects served outside the sample — the report's figures.
        const auto bundle = quarter_of_request(ctx, db, scope, RulesNeeded::ReportOnly);
        const auto& qc = bundle->computed;
        const auto rate = [&](const verification::Rate& x) {
            return wire::RateText{x.numerator.count(), x.denominator.count(), verification::percent_text(x, rule)};
        };
        if (bundle->inputs.draw) {
            out.draw_id = bundle->inputs.draw->id;
            const auto& c = qc.callbacks;
            out.sample = c.sample.count();
            out.not_called = c.not_called.count();
            for (int i = 0; i < 8; ++i) {
                const auto o = static_cast<CallOutcome>(i);
                wire::OutcomeShare s;
                s.outcome = label_zh(o);
                if (const auto it = c.outcomes.find(o); it != c.outcomes.end()) s.count = it->second.count();
                if (const auto it = c.shares.find(o); it != c.shares.end()) s.share = rate(it->second);
                else s.share = wire::RateText{0, c.sample.count(), verification::percent_text(Ratio{0, c.sample.count()}, rule)};
                out.outcomes.push_back(std::move(s));
            }
            out.suspended_arrears = c.suspended_arrears.count();
            out.suspended_silent = c.suspended_silent.count();
            out.suspended_other = c.suspended_other.count();
            out.overall_satisfaction = rate(c.overall_satisfaction);
            out.package_satisfaction = rate(c.package_satisfaction);
            out.knows_sos = rate(c.knows_sos);
        }
        const auto& s = qc.survey;
        out.survey.subjects_served = qc.physical().subjects_served.count();
        out.survey.reached = s.reached.count();
        out.survey.declined = s.declined.count();
        out.survey.invalid = s.invalid.count();
        out.survey.valid = s.valid.count();
        out.survey.not_reached = s.not_reached.count();
        out.survey.called = s.reached.count() + s.not_reached.count();
        out.survey.overall = rate(s.overall);
        out.survey.staff = rate(s.staff);
        out.survey.valid_share = rate(s.valid_share);
        reply_json(res, 200, json(out));
    });

    register_verification_callback_people_routes(r, ctx);   // the people behind each of these figures
}

}  // namespace yiyang::http
