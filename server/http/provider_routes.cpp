// Provider supervision (服务商监管, issue 13, providers). Rules: shared/provider_evaluation.hpp, provider_kpi.hpp;
// store: store/provider_supervision (migration 32).
//   GET  /api/v1/provider-supervision                          every provider: last evaluation, key information, status
//   GET  /api/v1/provider-supervision/{id}/prefill?day=        the evaluation form prefilled from the records, with the
//                                                              orders behind each prefilled score
//   GET  /api/v1/provider-supervision/{id}/evaluations         the provider's signed evaluations, newest first
//   POST /api/v1/provider-supervision/{id}/evaluations         complete, grade and sign an evaluation (one per day)
//   POST /api/v1/provider-supervision/evaluations/{id}/action  a 差's warning (民政通) or removal (智慧养老平台), with a
//                                                              reason: sets the provider's status (the dispatch ranking)
//   POST /api/v1/provider-supervision/{id}/lift                lift a warning (解除预警) on a later evaluation of 中 or
//                                                              better, with a reason: the provider is 正常 again
//   POST /api/v1/provider-supervision/{id}/key-checks          record a key-information check (what is missing)
// Every change is one write transaction with its audit event.
#include <algorithm>
#include <map>

#include "app/photos.hpp"   // sha256_hex
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/provider_supervision.hpp"
#include "store/reference.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/provider_evaluation.hpp"
#include "yiyang/provider_kpi.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/provider_supervision.hpp"

namespace yiyang::http {

using namespace yiyang::providers;

namespace {

const EvaluationRule& rule_on(app::AppContext& ctx, const Date& d) { return ctx.rules().on<EvaluationRule>(d); }

wire::Points points(const Ratio& r, const EvaluationRule& rule) { return {r.num, r.den, points_text(r, rule)}; }

std::string ts(const std::optional<LocalSeconds>& t) { return t ? format_timestamp(*t) : std::string(); }

Provider provider_or_404(SQLite::Database& db, Id id) {
    store::ProviderQuery q;
    q.only_id = id;
    auto found = store::find_providers(db, q);
    if (found.empty()) fail_not_found("服务商");
    return found.front();
}

Date day_param(const httplib::Request& req, const Date& today) {
    const auto text = query_text(req, "day", 20);
    if (text.empty()) return today;
    const auto d = parse_date(text);
    if (!d) fail_bad_query("day", "应为 YYYY-MM-DD 格式的真实日期", text);
    if (today < *d) fail_bad_query("day", "不能晚于今天", text);
    return *d;
}

std::vector<wire::MissingInfo> missing_view(const std::vector<MissingItem>& m) {
    std::vector<wire::MissingInfo> out;
    for (const auto& i : m) out.push_back({i.code, i.text_zh});
    return out;
}

wire::ProviderEvaluationView evaluation_view(const store::EvaluationRow& e, const std::optional<store::ActionRow>& action,
                                             Platform platform, const EvaluationRule& rule) {
    wire::ProviderEvaluationView v;
    v.id = e.id;
    v.provider_id = e.provider_id;
    v.provider_name = e.provider_name;
    v.day = format_date(e.day);
    v.window_first = format_date(e.window_first);
    v.window_last = format_date(e.window_last);
    v.rule_version = e.rule_version;
    for (const auto& s : e.scores) {
        wire::EvaluationScoreView sv;
        sv.dimension = s.value("dimension", "");
        const auto d = parse_dimension(sv.dimension);
        sv.label = d ? label_zh(*d) : sv.dimension;
        sv.max_points = d && rule.max_points.count(*d) ? rule.max_points.at(*d) : 0;
        sv.points = points(Ratio{s.value("num", std::int64_t{0}), s.value("den", std::int64_t{1})}, rule);
        if (s.contains("prefilled") && s["prefilled"].is_object()) {
            sv.has_prefill = true;
            sv.prefilled = points(Ratio{s["prefilled"].value("num", std::int64_t{0}), s["prefilled"].value("den", std::int64_t{1})}, rule);
        }
        sv.changed = s.value("changed", false);
        sv.reason = s.value("reason", "");
        v.scores.push_back(std::move(sv));
    }
    v.total = points(e.total, rule);
    v.grade = code(e.grade);
    v.grade_label = label_zh(e.grade);
    v.note = e.note;
    v.signed_by = e.signed_by_name;
    v.signed_at = format_timestamp(e.signed_at);
    v.content_sha256 = e.content_sha256;
    if (action) {
        v.action = code(action->action);
        v.action_label = label_zh(action->action);
        v.action_day = format_date(action->day);
        v.action_reason = action->reason;
    }
    if (e.grade == Grade::Poor) {
        v.required_action = code(action_for(platform));
        v.required_action_label = label_zh(action_for(platform));
    }
    return v;
}

std::optional<store::ActionRow> action_of(const std::vector<store::ActionRow>& all, Id evaluation) {
    for (const auto& a : all)
        if (a.evaluation_id == evaluation) return a;
    return std::nullopt;
}

// What lifting a provider's warning rests on (shared lift_refusal): its status, its latest evaluation, and the day of
// the 差 evaluation behind its latest warning. `evals` and `acts` are by day then id (store order).
LiftBasis lift_basis(ProviderStatus status, Id provider, const std::vector<store::EvaluationRow>& evals,
                     const std::vector<store::ActionRow>& acts) {
    LiftBasis b;
    b.status = status;
    std::map<Id, Date> eval_day;
    for (const auto& e : evals) {
        if (e.provider_id != provider) continue;
        eval_day[e.id] = e.day;
        b.latest_grade = e.grade;
        b.latest_day = e.day;
    }
    for (const auto& a : acts)
        if (a.provider_id == provider && a.action == PoorAction::Warn && eval_day.count(a.evaluation_id))
            b.warned_on = eval_day.at(a.evaluation_id);
    return b;
}

// The body of a decision ({reason}, 2..200 characters, nothing else): the reason, or 422 naming the field.
std::string decision_reason(const httplib::Request& req, const char* missing_zh) {
    const json body = body_object(req);
    std::vector<FieldError> e;
    for (const auto& item : body.items())
        if (item.key() != "reason") e.push_back({item.key().substr(0, 40), "unknown", "未知字段“" + item.key().substr(0, 40) + "”"});
    std::string reason;
    if (body.contains("reason") && body["reason"].is_string()) reason = body["reason"].get<std::string>();
    const auto len = utf8_length(reason);
    if (len < 2 || len > 200) e.push_back({"reason", "required", missing_zh});
    if (!e.empty()) fail_validation(std::move(e));
    return reason;
}

// A decision on a provider (a 差's warning or removal, or a warning lifted), inside the caller's write transaction:
// the action row on its evaluation, the provider's status, and the audit event (who, when, the status change, why).
void record_decision(SQLite::Database& db, const AuthUser& user, LocalSeconds now, const Provider& p, Id evaluation,
                     PoorAction act, ProviderStatus after, const std::string& reason, json changes) {
    store::ActionRow a;
    a.provider_id = p.id;
    a.evaluation_id = evaluation;
    a.action = act;
    a.day = date_of(now);
    a.status_before = code(p.status);
    a.reason = reason;
    a.decided_by_name = display_name(user);
    a.decided_at = now;
    const Id aid = store::insert_action(db, a, user.user.id);
    store::set_provider_status(db, p.id, after);
    changes["status"] = {code(p.status), code(after)};
    changes["evaluation_id"] = evaluation;
    changes["action_id"] = aid;
    store::append_audit(db, {0, now, user.user.id, user.user.username, "provider", p.id, code(act), changes, reason});
}

const char* complaint_text(const store::EvalOrderDetail& d) {
    if (d.type != "complaint") return "";
    if (!d.complaint_valid) return "待研判";
    return *d.complaint_valid ? "有效投诉" : "无效投诉";
}

}  // namespace

wire::ProviderSupervisionList provider_supervision_list(app::AppContext& ctx) {
    auto& db = ctx.db.reader();
    const Date today = date_of(ctx.now());
    const auto& rule = rule_on(ctx, today);
    const auto extras = store::provider_extras(db);
    const auto evals = store::evaluations(db);
    const auto acts = store::actions(db);
    const auto checks = store::key_checks(db);
    std::map<Id, const store::EvaluationRow*> last_eval;
    for (const auto& e : evals) last_eval[e.provider_id] = &e;   // by day, then id: the last one wins
    std::map<Id, Date> last_check;
    for (const auto& k : checks) last_check[k.provider_id] = k.day;
    wire::ProviderSupervisionList out;
    out.as_of = format_date(today);
    out.rule_version = rule.version;
    for (const auto& p : store::find_providers(db, store::ProviderQuery{})) {
        wire::SupervisedProvider s;
        s.id = p.id;
        s.name = p.name;
        const auto x = extras.count(p.id) ? extras.at(p.id) : store::ProviderExtra{};
        s.platform = code(x.platform);
        s.platform_label = label_zh(x.platform);
        s.status = code(p.status);
        s.status_label = label_zh(p.status);
        if (x.licence_expires) s.licence_expires = format_date(*x.licence_expires);
        const auto missing = check_key_information(p, x.licence_expires, today);
        s.missing = missing_view(missing);
        s.missing_text = missing_text(missing);
        if (last_check.count(p.id)) s.last_check_day = format_date(last_check.at(p.id));
        if (p.status == ProviderStatus::Warned) {
            s.lift_refusal = lift_refusal(lift_basis(p.status, p.id, evals, acts));
            s.can_lift = s.lift_refusal.empty();
        }
        if (const auto it = last_eval.find(p.id); it != last_eval.end()) {
            const auto& e = *it->second;
            s.last_evaluation_id = e.id;
            s.last_evaluation_day = format_date(e.day);
            s.last_grade = code(e.grade);
            s.last_grade_label = label_zh(e.grade);
            s.last_total = points_text(e.total, rule);
            if (e.grade == Grade::Poor && !action_of(acts, e.id)) {
                s.action_due = true;
                s.action_due_label = std::string("待") + label_zh(action_for(x.platform));
            }
        }
        out.items.push_back(std::move(s));
    }
    return out;
}

// The providers (or towns) behind a provider indicator, for the KPI drill-down (kpi_routes.cpp).
std::vector<wire::KpiProviderRecord> provider_kpi_rows(app::AppContext& ctx, const KpiTarget& target, const Period& period,
                                                       const std::vector<Id>& ids) {
    auto& db = ctx.db.reader();
    const Date first = period.first_day(), last = period.last_day(), today = date_of(ctx.now());
    const auto& rule = rule_on(ctx, last);
    const auto in = store::provider_kpi_input(db, first, last);
    std::vector<wire::KpiProviderRecord> out;
    if (target.code == "service_item_online_rate") {
        std::map<Id, std::string> names;
        for (const auto& t : store::all_towns(db)) names[t.id] = t.name;
        for (Id id : ids) {
            wire::KpiProviderRecord r;
            r.id = id;
            r.name = names.count(id) ? names.at(id) : "镇街#" + std::to_string(id);
            const auto missing = missing_items_of_town(id, in, last, rule);
            if (missing.empty()) r.detail = "必备服务项目均有正常服务商上线";
            else {
                r.detail = "缺少服务项目：";
                for (std::size_t i = 0; i < missing.size(); ++i) r.detail += (i ? "、" : "") + std::string(label_zh(missing[i]));
            }
            out.push_back(std::move(r));
        }
        return out;
    }
    std::map<Id, const KpiProvider*> by_id;
    for (const auto& p : in.providers) by_id[p.provider.id] = &p;
    const auto extras = store::provider_extras(db);
    const auto evals = store::evaluations(db);
    const auto acts = store::actions(db);
    const auto checks = store::key_checks(db);
    const auto months = active_window(last, today, rule);
    for (Id id : ids) {
        const auto it = by_id.find(id);
        if (it == by_id.end()) continue;
        const auto& p = *it->second;
        wire::KpiProviderRecord r;
        r.id = id;
        r.name = p.provider.name;
        r.status_label = label_zh(status_on(p, in.actions, last));
        std::string d;
        if (target.code == "provider_evaluations" || target.code == "poor_provider_warn_remove_rate") {
            const store::EvaluationRow* latest = nullptr;
            for (const auto& e : evals)
                if (e.provider_id == id && !(e.day < first) && !(last < e.day)) latest = &e;
            if (latest) {
                d = std::string("最近评价 ") + label_zh(latest->grade) + "（" + points_text(latest->total, rule) + " 分，" +
                    format_date(latest->day) + "）";
                if (latest->grade == Grade::Poor) {
                    const auto a = action_of(acts, latest->id);
                    d += a ? "，已" + std::string(label_zh(a->action)) + "（" + format_date(a->day) + "）"
                           : "，待" + std::string(label_zh(action_for(p.platform)));
                }
            }
        } else if (target.code == "key_information_checks") {
            const store::KeyCheckRow* latest = nullptr;
            for (const auto& k : checks)
                if (k.provider_id == id && !(k.day < first) && !(last < k.day)) latest = &k;
            if (latest) d = "检查日期 " + format_date(latest->day) + "：" + missing_text(latest->missing);
        } else if (target.code == "miniprogram_disclosure_rate") {
            if (!p.provider.published_on_miniprogram) d = "未在小程序公开";
            else if (!disclosure_complete(p.provider)) d = "已公开但信息不完整（联系电话、服务项目或带坐标的网点）";
            else d = "已公开，信息完整";
        } else if (target.code == "active_providers") {
            const auto mo = in.monthly_orders.count(id) ? in.monthly_orders.at(id) : std::map<std::string, std::int64_t>{};
            for (const auto& m : months) {
                const auto mi = mo.find(m);
                d += (d.empty() ? "" : "；") + m + " " + std::to_string(mi == mo.end() ? 0 : mi->second) + " 单";
            }
        } else {
            d = std::string(label_zh(p.platform)) + "，服务网点 " + std::to_string(p.provider.points.size()) + " 个" +
                (p.provider.radiates_to_points ? "，服务产品辐射到网点" : "");
        }
        r.detail = d;
        out.push_back(std::move(r));
    }
    (void)extras;
    return out;
}

void register_provider_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/provider-supervision",
           "Provider supervision (服务商监管): every provider with its platform, status, last evaluation and grade, and "
           "what its key information lacks today",
           "providers", needs(Permission::ReadProviderSupervision), json::array(), "", ""},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser&) {
        reply_json(res, 200, json(provider_supervision_list(ctx)));
    });

    r.add({"GET", "/api/v1/provider-supervision/{id}/prefill",
           "The evaluation form of a provider prefilled from the records of the rule's window (acceptance and on-time "
           "rates, valid complaints, callbacks, orders a month), with the orders behind each prefilled score",
           "providers", needs(Permission::ReadProviderSupervision),
           {query_param("day", "string", "the evaluation day YYYY-MM-DD (default today; not in the future)")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        const Provider p = provider_or_404(db, id);
        const Date day = day_param(req, date_of(ctx.now()));
        const auto& rule = rule_on(ctx, day);
        const auto window = evaluation_window(day, rule);
        const auto pre = prefill(store::eval_orders(db, id, window.first, window.last),
                                 store::eval_complaints(db, id, window.first, window.last), window, rule);
        const auto extras = store::provider_extras(db);
        const Platform platform = extras.count(id) ? extras.at(id).platform : Platform::SmartCare;
        wire::EvaluationPrefill out;
        out.provider_id = id;
        out.provider_name = p.name;
        out.platform = code(platform);
        out.platform_label = label_zh(platform);
        out.day = format_date(day);
        out.window_first = format_date(window.first);
        out.window_last = format_date(window.last);
        out.rule_version = rule.version;
        std::vector<Id> all_ids;
        for (Dimension d : all_dimensions()) {
            wire::DimensionPrefill dp;
            dp.dimension = code(d);
            dp.label = label_zh(d);
            dp.max_points = rule.max_points.at(d);
            if (const auto* s = pre.find(d)) {
                dp.has_points = s->points.has_value();
                if (s->points) dp.points = points(*s->points, rule);
                dp.basis_zh = s->basis_zh;
                dp.order_ids = s->order_ids;
                all_ids.insert(all_ids.end(), s->order_ids.begin(), s->order_ids.end());
            } else {
                dp.entered = true;
                dp.basis_zh = "由监管人员评定";
            }
            out.dimensions.push_back(std::move(dp));
        }
        std::sort(all_ids.begin(), all_ids.end());
        all_ids.erase(std::unique(all_ids.begin(), all_ids.end()), all_ids.end());
        if (all_ids.size() > 2000) all_ids.resize(2000);
        for (const auto& d : store::eval_order_details(db, all_ids)) {
            wire::PrefillOrderRow o;
            o.id = d.id;
            o.code = d.code;
            o.type = d.type;
            o.status = d.status;
            const auto st = parse_OrderStatus(d.status);
            o.status_label = st ? label_zh(*st) : d.status;
            o.created_at = format_timestamp(d.created_at);
            o.dispatched_at = ts(d.dispatched_at);
            o.completed_at = ts(d.completed_at);
            o.closed_at = ts(d.closed_at);
            o.satisfaction = d.satisfaction.value_or(0);
            o.complaint = complaint_text(d);
            out.orders.push_back(std::move(o));
        }
        for (std::size_t i = 0; i < rule.grades.size(); ++i) {
            std::string line = std::string(label_zh(rule.grades[i].grade)) + " ≥ " + std::to_string(rule.grades[i].min_points);
            if (i > 0) line += " 且 < " + std::to_string(rule.grades[i - 1].min_points);
            out.grade_lines.push_back(line);
        }
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/provider-supervision/{id}/evaluations", "A provider's signed evaluations, newest first",
           "providers", needs(Permission::ReadProviderSupervision), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        provider_or_404(db, id);
        const auto extras = store::provider_extras(db);
        const Platform platform = extras.count(id) ? extras.at(id).platform : Platform::SmartCare;
        const auto acts = store::actions(db);
        wire::ProviderEvaluationList out;
        out.provider_id = id;
        auto rows = store::evaluations(db, id);
        std::reverse(rows.begin(), rows.end());
        for (const auto& e : rows) out.items.push_back(evaluation_view(e, action_of(acts, e.id), platform, rule_on(ctx, e.day)));
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/provider-supervision/{id}/evaluations",
           "Complete, grade and sign a provider's evaluation for a day: {day, scores: {dimension: {tenths, reason}}, note}. "
           "Qualification and reputation are entered; a prefilled score kept when omitted, changed only with a reason; "
           "409 when the provider already has an evaluation that day",
           "providers", needs(Permission::SuperviseProviders), json::array(), "", "", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        EvaluationInput in;
        if (auto e = evaluation_from_json(body, in); !e.empty()) fail_validation(std::move(e));
        const auto now = ctx.now();
        if (date_of(now) < in.day) fail_validation({{"day", "future", "评价日期不能晚于今天"}});
        const auto& rule = rule_on(ctx, in.day);
        if (rule.version.empty() || rule.grades.empty())
            fail(409, "no_rule", "评价日期 " + format_date(in.day) + " 没有生效的服务商评价规则");
        Id new_id = 0;
        Platform platform = Platform::SmartCare;
        ctx.db.write([&](SQLite::Database& db) {
            const Provider p = provider_or_404(db, id);
            const auto extras = store::provider_extras(db);
            if (extras.count(id)) platform = extras.at(id).platform;
            if (store::evaluation_exists(db, id, in.day))
                fail(409, "exists", p.name + " 在 " + format_date(in.day) + " 已有评价（每个服务商每天一轮评价）",
                     {{"day", "exists", "该日已有评价"}});
            const auto window = evaluation_window(in.day, rule);
            const auto pre = prefill(store::eval_orders(db, id, window.first, window.last),
                                     store::eval_complaints(db, id, window.first, window.last), window, rule);
            Evaluation ev;
            if (auto e = complete_evaluation(in, pre, rule, ev); !e.empty()) fail_validation(std::move(e));
            store::EvaluationRow row;
            row.provider_id = id;
            row.provider_name = p.name;
            row.day = in.day;
            row.window_first = window.first;
            row.window_last = window.last;
            row.rule_version = rule.version;
            json changes = json::object();
            for (const auto& s : ev.scores) {
                json j = {{"dimension", code(s.dimension)}, {"num", s.points.num}, {"den", s.points.den},
                          {"changed", s.changed}, {"reason", s.reason}};
                j["prefilled"] = s.prefilled ? json{{"num", s.prefilled->num}, {"den", s.prefilled->den}} : json();
                row.scores.push_back(j);
                changes[code(s.dimension)] = points_text(s.points, rule) +
                                             (s.changed ? "（预填 " + points_text(*s.prefilled, rule) + "，理由：" + s.reason + "）" : "");
            }
            row.total = ev.total;
            row.grade = ev.grade;
            row.note = in.note;
            row.signed_by = user.user.id;
            row.signed_by_name = display_name(user);
            row.signed_at = now;
            // The signature: SHA-256 of the content as signed (the provider, the day, every score, the total, the
            // grade, the rule version, the signer and the time).
            const json content = {{"provider_id", id}, {"day", format_date(in.day)}, {"scores", row.scores},
                                  {"total", {{"num", ev.total.num}, {"den", ev.total.den}}}, {"grade", code(ev.grade)},
                                  {"rule_version", rule.version}, {"signed_by", user.user.id}, {"signed_at", now}};
            row.content_sha256 = app::sha256_hex(content.dump());
            new_id = store::insert_evaluation(db, row);
            changes["provider_id"] = id;
            changes["day"] = format_date(in.day);
            changes["total"] = points_text(ev.total, rule);
            changes["grade"] = label_zh(ev.grade);
            changes["content_sha256"] = row.content_sha256;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "provider_evaluation", new_id, "sign",
                                     changes, in.note});
        });
        auto& db = ctx.db.reader();
        reply_json(res, 201, json(evaluation_view(*store::find_evaluation(db, new_id), std::nullopt, platform, rule)));
    });

    r.add({"POST", "/api/v1/provider-supervision/evaluations/{id}/action",
           "Confirm what a 差 evaluation leads to, with a reason (2..200 characters): a warning (预警) for a 民政通 provider, "
           "removal (清退) for a 智慧养老平台 provider; the provider's status changes (the dispatch ranking honours it). 409 "
           "when the evaluation is not 差, not the provider's latest, or already acted on",
           "providers", needs(Permission::SuperviseProviders), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id eval_id = path_id(req);
        const std::string reason = decision_reason(req, "请填写预警或清退的理由（2 到 200 字）");
        const auto now = ctx.now();
        Platform platform = Platform::SmartCare;
        ctx.db.write([&](SQLite::Database& db) {
            const auto ev = store::find_evaluation(db, eval_id);
            if (!ev) fail_not_found("服务商评价");
            if (ev->grade != Grade::Poor)
                fail(409, "not_poor", "该评价结果为“" + std::string(label_zh(ev->grade)) + "”，只有“差”需要预警或清退");
            const auto all = store::evaluations(db, ev->provider_id);
            if (!all.empty() && all.back().id != eval_id)
                fail(409, "superseded", ev->provider_name + " 已有更新的评价（" + format_date(all.back().day) + "），请按最新评价处理");
            if (action_of(store::actions(db), eval_id))
                fail(409, "already_acted", ev->provider_name + " 的这次评价已处理（预警或清退），不能重复");
            const Provider p = provider_or_404(db, ev->provider_id);
            const auto extras = store::provider_extras(db);
            if (extras.count(p.id)) platform = extras.at(p.id).platform;
            const PoorAction act = action_for(platform);
            // A removed provider stays removed (a warning does not bring it back).
            const ProviderStatus after = p.status == ProviderStatus::Removed ? ProviderStatus::Removed : status_after(act);
            record_decision(db, user, now, p, eval_id, act, after, reason, {{"platform", code(platform)}});
        });
        auto& db = ctx.db.reader();
        const auto ev = store::find_evaluation(db, eval_id);
        reply_json(res, 200, json(evaluation_view(*ev, action_of(store::actions(db), eval_id), platform, rule_on(ctx, ev->day))));
    });

    r.add({"POST", "/api/v1/provider-supervision/{id}/lift",
           "Lift a provider's warning (解除预警) with a reason (2..200 characters): the provider must be 预警 and its latest "
           "evaluation, dated after the 差 behind the warning, 中 or better (shared lift_refusal); the provider is 正常 "
           "again and returns to the dispatch ranking. 409 with the refusal otherwise; a removal is never lifted",
           "providers", needs(Permission::SuperviseProviders), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const std::string reason = decision_reason(req, "请填写解除预警的理由（2 到 200 字），如整改情况");
        const auto now = ctx.now();
        Id eval_id = 0;
        Platform platform = Platform::SmartCare;
        ctx.db.write([&](SQLite::Database& db) {
            const Provider p = provider_or_404(db, id);
            const auto evals = store::evaluations(db, id);
            const auto acts = store::actions(db);
            const auto refusal = lift_refusal(lift_basis(p.status, id, evals, acts));
            if (!refusal.empty()) fail(409, "cannot_lift", p.name + "：" + refusal);
            const auto& latest = evals.back();   // lift_refusal is "" only with an evaluation
            if (action_of(acts, latest.id))
                fail(409, "already_acted", p.name + " 的这次评价已用于处理，不能重复");
            const auto extras = store::provider_extras(db);
            if (extras.count(id)) platform = extras.at(id).platform;
            record_decision(db, user, now, p, latest.id, PoorAction::Lift, status_after(PoorAction::Lift), reason,
                            {{"grade", code(latest.grade)}});
            eval_id = latest.id;
        });
        auto& db = ctx.db.reader();
        const auto ev = store::find_evaluation(db, eval_id);
        reply_json(res, 200, json(evaluation_view(*ev, action_of(store::actions(db), eval_id), platform, rule_on(ctx, ev->day))));
    });

    r.add({"POST", "/api/v1/provider-supervision/{id}/key-checks",
           "Record a key-information check of a provider on a day (licence expiry, contacts, coordinates, service list): "
           "{day, licence_expires?}; what is missing is computed and stored; a second check that day replaces the first",
           "providers", needs(Permission::SuperviseProviders), json::array(), "", "", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        std::vector<FieldError> e;
        for (const auto& item : body.items())
            if (item.key() != "day" && item.key() != "licence_expires")
                e.push_back({item.key().substr(0, 40), "unknown", "未知字段“" + item.key().substr(0, 40) + "”"});
        const auto now = ctx.now();
        const Date today = date_of(now);
        Date day = today;
        if (body.contains("day")) {
            const auto d = body["day"].is_string() ? parse_date(body["day"].get<std::string>()) : std::nullopt;
            if (!d) e.push_back({"day", "format", "检查日期应为 YYYY-MM-DD 格式的真实日期"});
            else if (today < *d) e.push_back({"day", "future", "检查日期不能晚于今天"});
            else day = *d;
        }
        std::optional<Date> expires;
        if (body.contains("licence_expires") && !body["licence_expires"].is_null()) {
            const auto d = body["licence_expires"].is_string() ? parse_date(body["licence_expires"].get<std::string>()) : std::nullopt;
            if (!d || *d < Date{2000, 1, 1} || Date{2100, 12, 31} < *d)
                e.push_back({"licence_expires", "format", "资质有效期应为 2000-01-01 到 2100-12-31 之间的日期（YYYY-MM-DD）"});
            else expires = *d;
        }
        if (!e.empty()) fail_validation(std::move(e));
        wire::KeyCheckView v;
        ctx.db.write([&](SQLite::Database& db) {
            const Provider p = provider_or_404(db, id);
            const auto extras = store::provider_extras(db);
            auto current = extras.count(id) ? extras.at(id).licence_expires : std::nullopt;
            if (expires && expires != current) {
                store::set_licence_expires(db, id, *expires);
                store::append_audit(db, {0, now, user.user.id, user.user.username, "provider", id, "update",
                                         {{"licence_expires", {current ? json(format_date(*current)) : json(), format_date(*expires)}}},
                                         "关键信息检查时登记资质有效期"});
                current = expires;
            }
            store::KeyCheckRow k;
            k.provider_id = id;
            k.day = day;
            k.missing = check_key_information(p, current, day);
            k.checked_by_name = display_name(user);
            k.checked_at = now;
            const Id kid = store::upsert_key_check(db, k, user.user.id);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "provider_key_check", kid, "create",
                                     {{"provider_id", id}, {"day", format_date(day)}, {"missing", json(k.missing)}}, ""});
            v.id = kid;
            v.provider_id = id;
            v.provider_name = p.name;
            v.day = format_date(day);
            v.missing = missing_view(k.missing);
            v.missing_text = missing_text(k.missing);
            v.complete = k.missing.empty();
            v.checked_by = k.checked_by_name;
            v.checked_at = format_timestamp(now);
        });
        reply_json(res, 201, json(v));
    });
}

}  // namespace yiyang::http
