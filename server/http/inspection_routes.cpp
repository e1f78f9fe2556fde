// Institution inspections (机构巡查), rectifications (整改复查), star rating (星级评定) and caregiver review
// (护理员考核) — issue 13, part inspections; Yingkou 2.9.2–2.9.4. Rules and figures: shared/inspections.hpp; store:
// store/inspections; replies: wire/inspections.hpp.
//   GET  /api/v1/inspections?month=YYYY-MM          the screen: rate table, the month's inspections, rectifications
//   GET  /api/v1/inspections/rate?month=YYYY-MM     the monthly inspection-rate table (巡检率汇总表)
//   POST /api/v1/inspections                        an inspection; each failed item opens a rectification
//   GET  /api/v1/inspections/{id}                   one inspection with its items
//   POST /api/v1/inspections/{id}/photos            an evidence photo (raw image bytes; type by content)
//   GET  /api/v1/inspections/{id}/photos            its photos; GET /api/v1/inspection-photos/{id}/thumb|full
//   POST /api/v1/rectifications/{id}/recheck        a re-check: passed closes it, failed sets a new deadline
//   GET  /api/v1/inspections/quarter?quarter=2026-Q4   star ratings and caregiver reviews of a quarter
//   POST /api/v1/star-ratings, POST /api/v1/caregiver-reviews   a signed quarterly record (the supervisor)
// Every change is one write transaction with its audit event. A town user inspects its own town's institutions only.
#include "app/photos.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/inspections.hpp"
#include "store/kpi_inputs.hpp"   // provider_name
#include "yiyang/evidence.hpp"
#include "yiyang/inspections.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/evidence.hpp"
#include "yiyang/wire/inspections.hpp"

namespace yiyang::http {

namespace {

using inspections::InspectionRule;
using inspections::RectificationStatus;

constexpr int kMaxPhotosPerInspection = 20;

const InspectionRule& rule_on(app::AppContext& ctx, const Date& d) {
    const auto* r = ctx.rules().in_force<InspectionRule>(d);
    if (!r) fail(409, "no_rule", "没有在 " + format_date(d) + " 生效的巡查规则（规则管理 → 机构巡查与星级评定）");
    return *r;
}

std::string who(const AuthUser& u) { return u.user.username; }

const char* kind_label(const std::string& kind) { return kind == "centre" ? "社区养老服务中心（站）" : "养老服务机构"; }

wire::InstitutionView institution_view(const store::InstitutionRow& i) {
    return {i.id, i.name, i.kind, kind_label(i.kind), i.town_id, i.town_name};
}

wire::InspectionView inspection_view(const store::InspectionRow& s) {
    wire::InspectionView v;
    v.id = s.id;
    v.institution_id = s.institution_id;
    v.institution_name = s.institution_name;
    v.town_name = s.town_name;
    v.day = s.day;
    v.inspector = s.inspector;
    v.recorded_by = s.recorded_by;
    v.recorded_at = format_timestamp(s.recorded_at);
    v.note = s.note;
    v.rule_version = s.rule_version;
    v.passed = s.passed;
    v.failed = s.failed;
    v.result_label = s.failed == 0 ? "合格" : "需整改";
    for (const auto& i : s.items) v.items.push_back({i.code, i.group, i.text, i.passed, i.note});
    v.photos = s.photos;
    return v;
}

wire::RectificationView rectification_view(const store::RectificationRow& r, const Date& today) {
    wire::RectificationView v;
    v.id = r.id;
    v.inspection_id = r.inspection_id;
    v.institution_id = r.institution_id;
    v.institution_name = r.institution_name;
    v.town_name = r.town_name;
    v.item_code = r.item_code;
    v.item_group = r.item_group;
    v.item_text = r.item_text;
    v.finding = r.finding;
    v.found_on = r.found_on;
    v.deadline = r.deadline;
    v.status = inspections::code(r.status);
    v.status_label = inspections::label_zh(r.status);
    const Date deadline = parse_date(r.deadline).value_or(today);
    v.overdue = inspections::overdue(r.status, deadline, today);
    v.days_overdue = inspections::days_overdue(r.status, deadline, today);
    v.closed_on = r.closed_on;
    for (const auto& c : r.rechecks)
        v.rechecks.push_back({c.day, c.passed, c.note, c.by, format_timestamp(c.at), c.new_deadline});
    return v;
}

// ?month=YYYY-MM (default the month of today), never after the month of today.
Period month_param(const httplib::Request& req, const Date& today) {
    const auto text = query_text(req, "month", 10);
    if (text.empty()) return month_of(today);
    const auto p = parse_period(text);
    if (!p || p->kind != PeriodKind::Month) fail_bad_query("month", "应为 YYYY-MM 格式的月份", text);
    if (p->first_day() > today) fail_bad_query("month", "不能晚于本月", text);
    return *p;
}

wire::InspectionRateReply rate_reply(app::AppContext& ctx, const Period& month, const Date& today) {
    auto& db = ctx.db.reader();
    const Date last = std::min(month.last_day(), today);
    const auto& rule = rule_on(ctx, last);
    std::vector<inspections::InstitutionRef> refs;
    for (const auto& i : store::list_institutions(db)) refs.push_back({i.id, i.name, i.town_id, i.town_name});
    const auto table =
        inspections::rate_table(month, refs, store::inspection_refs(db, month.first_day(), month.last_day()), rule);
    return wire::rate_reply(table, rule);
}

// The institution an inspection is about, as this user may inspect it: 422 when unknown, 403 for another town's.
store::InstitutionRow inspectable(SQLite::Database& db, Id id, const AuthUser& user) {
    const auto inst = store::find_institution(db, id);
    if (!inst) fail_validation({{"institution_id", "unknown", "机构 " + std::to_string(id) + " 不存在"}});
    if (user.user.role == Role::Town && user.user.town_id != inst->town_id)
        fail(403, "forbidden", "镇街用户只能巡查本镇街的机构（" + inst->name + " 属于" + inst->town_name + "）");
    return *inst;
}

std::string quarter_param(const httplib::Request& req, const Date& today) {
    const auto text = query_text(req, "quarter", 10);
    if (text.empty()) return quarter_of(today).code();
    const auto q = inspections::parse_quarter(text);
    if (!q) fail_bad_query("quarter", "应为 YYYY-Qn 格式的季度（如 2026-Q4）", text);
    return q->code();
}

// {"quarter"} of a review body: a real quarter, not after the quarter of today.
std::optional<Period> body_quarter(const json& body, const Date& today, std::vector<FieldError>& e) {
    if (!body.contains("quarter") || !body["quarter"].is_string()) {
        e.push_back({"quarter", "required", "请填写季度（如 2026-Q4）"});
        return std::nullopt;
    }
    const auto q = inspections::parse_quarter(body["quarter"].get<std::string>());
    if (!q) {
        e.push_back({"quarter", "format", "季度应为 YYYY-Qn 格式（如 2026-Q4），实际为“" + shown_text(body["quarter"].get<std::string>()) + "”"});
        return std::nullopt;
    }
    if (q->first_day() > today) {
        e.push_back({"quarter", "future", "季度 " + q->code() + " 尚未开始"});
        return std::nullopt;
    }
    return q;
}

std::string optional_note(const json& body, std::vector<FieldError>& e) {
    if (!body.contains("note")) return {};
    if (!body["note"].is_string() || body["note"].get<std::string>().size() > 1500) {
        e.push_back({"note", "format", "备注应为不超过 500 字的文本"});
        return {};
    }
    return body["note"].get<std::string>();
}

void only_keys(const json& body, std::initializer_list<const char*> keys, std::vector<FieldError>& e) {
    for (const auto& it : body.items()) {
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
            e.push_back({it.key().substr(0, 40), "unknown", "未知字段“" + shown_text(it.key()) + "”"});
    }
}

wire::StarRatingView star_view(const store::StarRatingRow& r) {
    return {r.id, r.institution_id, r.institution_name, r.town_name, r.quarter, r.scores, r.total, r.stars,
            inspections::stars_label_zh(r.stars), r.note, r.signed_by, format_timestamp(r.signed_at), r.rule_version};
}

wire::CaregiverReviewView review_view(const store::CaregiverReviewRow& r) {
    const char* label = r.grade == "excellent" ? "优秀" : r.grade == "pass" ? "合格" : "不合格";
    return {r.id, r.caregiver, r.provider_id, r.provider_name, r.quarter, r.scores, r.total, r.grade, label, r.note,
            r.signed_by, format_timestamp(r.signed_at), r.rule_version};
}

std::vector<wire::ScoreItemView> score_items(const std::vector<inspections::ScoreItem>& items) {
    std::vector<wire::ScoreItemView> out;
    for (const auto& i : items) out.push_back({i.code, i.text, i.points});
    return out;
}

void reply_photo(SQLite::Database& db, const httplib::Request& req, httplib::Response& res, bool thumb) {
    const Id id = path_id(req);
    auto bytes = store::inspection_photo_bytes(db, id, thumb);
    if (!bytes) fail_not_found("编号为 " + std::to_string(id) + " 的巡查照片");
    res.status = 200;
    res.set_content(std::move(bytes->bytes), bytes->mime.c_str());
    res.set_header("Cache-Control", "private, max-age=86400, immutable");
    res.set_header("X-Content-Type-Options", "nosniff");
}

}  // namespace

void register_inspection_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/inspections",
           "The inspections screen for a month: the inspection-rate table, the month's inspections, every open "
           "rectification (overdue marked) and those closed in the month, the institutions and the checklist in force",
           "inspections", needs(Permission::ReadInspections),
           {query_param("month", "string", "YYYY-MM (default this month)")}, "", "InspectionBoard"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Date today = date_of(ctx.now());
        const Period month = month_param(req, today);
        wire::InspectionBoard out;
        out.today = format_date(today);
        out.rate = rate_reply(ctx, month, today);
        auto& db = ctx.db.reader();
        for (const auto& s : store::list_inspections(db, format_date(month.first_day()), format_date(month.last_day())))
            out.inspections.push_back(inspection_view(s));
        for (const auto& rr : store::list_rectifications(db, format_date(month.first_day()))) {
            auto v = rectification_view(rr, today);
            if (v.status == "open") ++out.open;
            if (v.overdue) ++out.overdue;
            out.rectifications.push_back(std::move(v));
        }
        // Open first, overdue before the others, by deadline; then closed by the day they closed.
        std::stable_sort(out.rectifications.begin(), out.rectifications.end(), [](const auto& a, const auto& b) {
            const int ka = a.status == "open" ? (a.overdue ? 0 : 1) : 2, kb = b.status == "open" ? (b.overdue ? 0 : 1) : 2;
            return ka != kb ? ka < kb : ka < 2 ? a.deadline < b.deadline : a.closed_on > b.closed_on;
        });
        for (const auto& i : store::list_institutions(db)) {
            if (user.user.role == Role::Town && user.user.town_id != i.town_id) continue;   // the form: own town
            out.institutions.push_back(institution_view(i));
        }
        for (const auto& c : rule_on(ctx, today).checklist)
            out.checklist.push_back({c.code, c.group, c.text, c.failure, c.deadline_days, c.workdays});
        out.may_inspect = may(user.user.role, Permission::Inspect);
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/inspections/rate",
           "The monthly inspection-rate table (巡检率汇总表): per institution the month's inspections against the rule's "
           "required number, per town and for the city the share of institutions that met it",
           "inspections", needs(Permission::ReadInspections),
           {query_param("month", "string", "YYYY-MM (default this month)")}, "", "InspectionRateReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Date today = date_of(ctx.now());
        reply_json(res, 200, json(rate_reply(ctx, month_param(req, today), today)));
    });

    r.add({"GET", "/api/v1/inspections/quarter",
           "A quarter's star ratings of community centres and caregiver reviews, with the criteria of the rule in force",
           "inspections", needs(Permission::ReadInspections),
           {query_param("quarter", "string", "YYYY-Qn (default this quarter)")}, "", "QuarterReviews"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Date today = date_of(ctx.now());
        const auto quarter = quarter_param(req, today);
        const auto period = *parse_period(quarter);
        const auto& rule = rule_on(ctx, std::min(period.last_day(), today));
        wire::QuarterReviews out;
        out.quarter = quarter;
        out.quarter_label = period.label_zh();
        out.rule_version = rule.version;
        out.star_items = score_items(rule.star_items);
        for (const auto& b : rule.star_bands) out.star_bands.push_back({b.stars, b.from, b.to});
        out.caregiver_items = score_items(rule.caregiver_items);
        out.pass_mark = rule.caregiver_pass_mark;
        out.excellent_mark = rule.caregiver_excellent_mark;
        auto& db = ctx.db.reader();
        for (const auto& i : store::list_institutions(db, std::string("centre"))) out.centres.push_back(institution_view(i));
        for (const auto& s : store::list_star_ratings(db, quarter)) out.ratings.push_back(star_view(s));
        for (const auto& c : store::list_caregiver_reviews(db, quarter)) out.reviews.push_back(review_view(c));
        out.may_sign = may(user.user.role, Permission::SignReviews);
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/inspections",
           "Record an inspection (institution_id, day, inspector, items: every checklist item once {code, passed, note}, "
           "note): each failed item opens a rectification due by the rule's deadline (workdays on the work calendar "
           "where the rule says so); a town user inspects its own town's institutions only",
           "inspections", needs(Permission::Inspect, "town: own town's institutions"), json::array(), "InspectionInput",
           "InspectionView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto& rule_today = rule_on(ctx, today);
        inspections::InspectionInput in;
        if (auto e = inspections::inspection_from_json(body, in, rule_today, today); !e.empty()) fail_validation(std::move(e));
        // The checklist of the inspection's own day (a new version may have taken effect since).
        const auto& rule = rule_on(ctx, in.date);
        if (rule.version != rule_today.version) {
            inspections::InspectionInput again;
            if (auto e = inspections::inspection_from_json(body, again, rule, today); !e.empty()) fail_validation(std::move(e));
            in = std::move(again);
        }
        const auto outcome = inspections::checklist_outcome(in.items, rule);
        const auto& calendar = ctx.rules().calendar_on(in.date);
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            const auto inst = inspectable(db, in.institution_id, user);
            id = store::insert_inspection(db, in, rule, outcome, user.user.id, who(user), now);
            json opened = json::array();
            for (const auto& res_item : in.items) {
                if (res_item.passed) continue;
                const auto* c = rule.item(res_item.code);
                const Date deadline = inspections::rectification_deadline(*c, in.date, calendar);
                const Id rect = store::insert_rectification(db, id, inst.id, *c, res_item.note, in.date, deadline);
                opened.push_back({{"rectification_id", rect}, {"item", c->code}, {"deadline", format_date(deadline)}});
                store::append_audit(db, {0, now, user.user.id, who(user), "rectification", rect, "open",
                                         {{"inspection_id", id}, {"institution", inst.name}, {"item", c->code},
                                          {"finding", res_item.note}, {"deadline", format_date(deadline)}},
                                         c->failure});
            }
            store::append_audit(db, {0, now, user.user.id, who(user), "inspection", id, "create",
                                     {{"institution_id", inst.id}, {"institution", inst.name}, {"day", format_date(in.date)},
                                      {"inspector", in.inspector}, {"passed", outcome.passed}, {"failed", outcome.failed},
                                      {"rule_version", rule.version}, {"rectifications", opened}},
                                     in.note});
        });
        reply_json(res, 201, json(inspection_view(*store::find_inspection(ctx.db.reader(), id))));
    });

    r.add({"GET", "/api/v1/inspections/{id}", "One inspection with every item's result", "inspections",
           needs(Permission::ReadInspections), json::array(), "", "InspectionView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const auto s = store::find_inspection(ctx.db.reader(), path_id(req));
        if (!s) fail_not_found("巡查记录");
        reply_json(res, 200, json(inspection_view(*s)));
    });

    r.add({"POST", "/api/v1/inspections/{id}/photos",
           "Attach an evidence photo to an inspection (raw image bytes; JPEG, PNG or WebP judged by content; at most 8 MiB; "
           "20 per inspection)",
           "inspections", needs(Permission::Inspect, "town: own town's institutions"), json::array(), "", "EvidencePhoto",
           201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        {
            auto& db = ctx.db.reader();
            const auto s = store::find_inspection(db, id);
            if (!s) fail_not_found("巡查记录");
            const auto inst = store::find_institution(db, s->institution_id);
            if (user.user.role == Role::Town && inst && user.user.town_id != inst->town_id)
                fail(403, "forbidden", "镇街用户只能为本镇街机构的巡查添加照片");
        }
        auto checked = app::check_photo(req.body);
        if (auto* no = std::get_if<app::PhotoRefused>(&checked))
            fail(no->code == "image_too_large" && req.body.size() > kEvidenceMaxBytes ? 413 : 422, no->code, no->message_zh,
                 {{"photo", no->code, no->message_zh}});
        const auto& photo = std::get<app::CheckedPhoto>(checked);
        const auto now = ctx.now();
        wire::EvidencePhoto reply;
        ctx.db.write([&](SQLite::Database& db) {
            if (store::inspection_photos(db, id).size() >= static_cast<std::size_t>(kMaxPhotosPerInspection))
                fail(409, "too_many_photos", "该巡查已有 " + std::to_string(kMaxPhotosPerInspection) + " 张照片，不能再添加");
            const Id photo_id = store::insert_inspection_photo(db, id, user.user.id, who(user), now, photo.sha256,
                                                               mime_type(photo.type), photo.width, photo.height, req.body,
                                                               photo.thumb);
            store::append_audit(db, {0, now, user.user.id, who(user), "inspection_photo", photo_id, "upload",
                                     {{"inspection_id", id}, {"sha256", photo.sha256}, {"mime", mime_type(photo.type)},
                                      {"size", static_cast<std::int64_t>(req.body.size())}},
                                     ""});
            reply.id = photo_id;
            reply.uploaded_by = who(user);
            reply.uploaded_at = now;
            reply.sha256 = photo.sha256;
            reply.mime = mime_type(photo.type);
            reply.size = static_cast<std::int64_t>(req.body.size());
            reply.width = photo.width;
            reply.height = photo.height;
            reply.thumb_url = "/api/v1/inspection-photos/" + std::to_string(photo_id) + "/thumb";
            reply.full_url = "/api/v1/inspection-photos/" + std::to_string(photo_id) + "/full";
        });
        reply_json(res, 201, json(reply));
    });

    r.add({"GET", "/api/v1/inspections/{id}/photos", "An inspection's evidence photos, oldest first", "inspections",
           needs(Permission::ReadInspections), json::array(), "", "EvidenceList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        if (!store::find_inspection(db, id)) fail_not_found("巡查记录");
        wire::EvidenceList out;
        out.may_attach = may(user.user.role, Permission::Inspect);
        for (const auto& p : store::inspection_photos(db, id)) {
            wire::EvidencePhoto w;
            w.id = p.id;
            w.uploaded_by = p.uploader;
            w.uploaded_at = p.uploaded_at;
            w.sha256 = p.sha256;
            w.mime = p.mime;
            w.size = p.size;
            w.width = p.width;
            w.height = p.height;
            w.thumb_url = "/api/v1/inspection-photos/" + std::to_string(p.id) + "/thumb";
            w.full_url = "/api/v1/inspection-photos/" + std::to_string(p.id) + "/full";
            out.items.push_back(std::move(w));
        }
        reply_json(res, 200, json(out));
    });
    r.add({"GET", "/api/v1/inspection-photos/{id}/thumb", "An inspection photo's thumbnail (JPEG)", "inspections",
           needs(Permission::ReadInspections), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        reply_photo(ctx.db.reader(), req, res, true);
    });
    r.add({"GET", "/api/v1/inspection-photos/{id}/full", "An inspection photo as uploaded", "inspections",
           needs(Permission::ReadInspections), json::array(), "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        reply_photo(ctx.db.reader(), req, res, false);
    });

    r.add({"POST", "/api/v1/rectifications/{id}/recheck",
           "Re-check an open rectification (day, passed, note): passed closes it on that day; failed keeps it open with "
           "a new deadline counted from the re-check by the rule's item; 409 when it is closed already",
           "inspections", needs(Permission::Inspect, "town: own town's institutions"), json::array(), "", "RectificationView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto before = store::find_rectification(ctx.db.reader(), id);
        if (!before) fail_not_found("整改记录");
        inspections::RecheckInput in;
        if (auto e = inspections::recheck_from_json(body, in, parse_date(before->found_on).value_or(today), today); !e.empty())
            fail_validation(std::move(e));
        std::string new_deadline;
        if (!in.passed) {
            const auto& rule = rule_on(ctx, in.date);
            inspections::ChecklistItem item;
            if (const auto* c = rule.item(before->item_code)) item = *c;
            else item.deadline_days = 7;   // an item dropped from a later rule keeps a week (the rule no longer says)
            new_deadline = format_date(inspections::rectification_deadline(item, in.date, ctx.rules().calendar_on(in.date)));
        }
        ctx.db.write([&](SQLite::Database& db) {
            const auto r2 = store::find_rectification(db, id);
            if (!r2) fail_not_found("整改记录");
            const auto inst = store::find_institution(db, r2->institution_id);
            if (user.user.role == Role::Town && inst && user.user.town_id != inst->town_id)
                fail(403, "forbidden", "镇街用户只能复查本镇街机构的整改");
            if (!store::add_recheck(db, id, in, new_deadline, user.user.id, who(user), now))
                fail(409, "closed", "该整改已于 " + r2->closed_on + " 复查通过并关闭");
            store::append_audit(db, {0, now, user.user.id, who(user), "rectification", id, "recheck",
                                     {{"day", format_date(in.date)}, {"passed", in.passed},
                                      {"status", {"open", in.passed ? "closed" : "open"}},
                                      {"deadline", {r2->deadline, in.passed ? r2->deadline : new_deadline}}},
                                     in.note});
        });
        reply_json(res, 200, json(rectification_view(*store::find_rectification(ctx.db.reader(), id), today)));
    });

    r.add({"POST", "/api/v1/star-ratings",
           "Sign a community centre's star rating for a quarter (institution_id, quarter, scores {item code: points}, "
           "note): the total and the stars computed by the rule; 409 when the quarter is rated already",
           "inspections", needs(Permission::SignReviews), json::array(), "", "StarRatingView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        std::vector<FieldError> e;
        only_keys(body, {"institution_id", "quarter", "scores", "note"}, e);
        const auto quarter = body_quarter(body, today, e);
        if (!body.contains("institution_id") || !body["institution_id"].is_number_integer() ||
            body["institution_id"].get<std::int64_t>() < 1)
            e.push_back({"institution_id", "required", "请选择社区养老服务中心（站）"});
        const std::string note = optional_note(body, e);
        if (!e.empty()) fail_validation(std::move(e));
        const auto& rule = rule_on(ctx, std::min(quarter->last_day(), today));
        std::map<std::string, std::int64_t> scores;
        if (auto se = inspections::scores_from_json(body.value("scores", json()), rule.star_items, scores); !se.empty())
            fail_validation(std::move(se));
        store::StarRatingRow row;
        row.institution_id = body["institution_id"].get<std::int64_t>();
        row.quarter = quarter->code();
        row.scores = scores;
        row.total = inspections::total_of(scores);
        row.stars = inspections::stars_for(row.total, rule);
        row.note = note;
        row.rule_version = rule.version;
        row.signed_by = display_name(user);
        row.signed_at = now;
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            const auto inst = store::find_institution(db, row.institution_id);
            if (!inst || inst->kind != "centre")
                fail_validation({{"institution_id", "unknown", "机构 " + std::to_string(row.institution_id) + " 不是社区养老服务中心（站）"}});
            if (store::star_rating_exists(db, row.institution_id, row.quarter))
                fail(409, "exists", inst->name + " " + row.quarter + " 的星级评定已签署");
            id = store::insert_star_rating(db, row, user.user.id);
            store::append_audit(db, {0, now, user.user.id, who(user), "star_rating", id, "sign",
                                     {{"institution", inst->name}, {"quarter", row.quarter}, {"scores", scores},
                                      {"total", row.total}, {"stars", row.stars}, {"rule_version", rule.version}},
                                     note});
        });
        for (const auto& s : store::list_star_ratings(ctx.db.reader(), row.quarter))
            if (s.id == id) return reply_json(res, 201, json(star_view(s)));
        fail_not_found("星级评定");
    });

    r.add({"POST", "/api/v1/caregiver-reviews",
           "Sign a caregiver's quarterly review (caregiver, provider_id, quarter, scores {item code: points}, note): the "
           "total and the grade (优秀 / 合格 / 不合格) computed by the rule; 409 when reviewed already that quarter",
           "inspections", needs(Permission::SignReviews), json::array(), "", "CaregiverReviewView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        std::vector<FieldError> e;
        only_keys(body, {"caregiver", "provider_id", "quarter", "scores", "note"}, e);
        const auto quarter = body_quarter(body, today, e);
        std::string caregiver;
        if (!body.contains("caregiver") || !body["caregiver"].is_string() ||
            utf8_length(body["caregiver"].get<std::string>()) < 2 || utf8_length(body["caregiver"].get<std::string>()) > 20)
            e.push_back({"caregiver", "required", "请填写护理员姓名（2 到 20 个字）"});
        else
            caregiver = body["caregiver"].get<std::string>();
        if (!body.contains("provider_id") || !body["provider_id"].is_number_integer() || body["provider_id"].get<std::int64_t>() < 1)
            e.push_back({"provider_id", "required", "请选择护理员所属的服务商"});
        const std::string note = optional_note(body, e);
        if (!e.empty()) fail_validation(std::move(e));
        const auto& rule = rule_on(ctx, std::min(quarter->last_day(), today));
        std::map<std::string, std::int64_t> scores;
        if (auto se = inspections::scores_from_json(body.value("scores", json()), rule.caregiver_items, scores); !se.empty())
            fail_validation(std::move(se));
        store::CaregiverReviewRow row;
        row.caregiver = caregiver;
        row.provider_id = body["provider_id"].get<std::int64_t>();
        row.quarter = quarter->code();
        row.scores = scores;
        row.total = inspections::total_of(scores);
        row.grade = inspections::code(inspections::review_grade(row.total, rule));
        row.note = note;
        row.rule_version = rule.version;
        row.signed_by = display_name(user);
        row.signed_at = now;
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            if (!store::provider_name(db, row.provider_id))
                fail_validation({{"provider_id", "unknown", "服务商 " + std::to_string(row.provider_id) + " 不存在"}});
            if (store::caregiver_review_exists(db, row.caregiver, row.provider_id, row.quarter))
                fail(409, "exists", "护理员 " + row.caregiver + " " + row.quarter + " 的考核已签署");
            id = store::insert_caregiver_review(db, row, user.user.id);
            store::append_audit(db, {0, now, user.user.id, who(user), "caregiver_review", id, "sign",
                                     {{"caregiver", row.caregiver}, {"provider_id", row.provider_id}, {"quarter", row.quarter},
                                      {"scores", scores}, {"total", row.total}, {"grade", row.grade},
                                      {"rule_version", rule.version}},
                                     note});
        });
        for (const auto& c : store::list_caregiver_reviews(ctx.db.reader(), row.quarter))
            if (c.id == id) return reply_json(res, 201, json(review_view(c)));
        fail_not_found("护理员考核");
    });
}

// The export's reader (export_routes.cpp): the same table as GET /api/v1/inspections/rate.
wire::InspectionRateReply inspection_rate(app::AppContext& ctx, const httplib::Request& req) {
    const Date today = date_of(ctx.now());
    return rate_reply(ctx, month_param(req, today), today);
}

}  // namespace yiyang::http
