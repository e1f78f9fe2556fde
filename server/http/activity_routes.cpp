// Activity records (工作台账, issue 13): the evidence behind the target table's entered items.
//   GET  /api/v1/activities?month=&kind=&status=    the month's records, the kinds in force (read_activities)
//   POST /api/v1/activities                          enter a record (record_activities) → 201
//   GET  /api/v1/activities/{id}                     one record with its evidence files
//   PUT  /api/v1/activities/{id}                     correct an entered or returned record (back to 待审核)
//   POST /api/v1/activities/{id}/files?name=         an evidence file, raw bytes or multipart field "file": JPEG, PNG,
//                                                    WebP or PDF judged by content, size-limited by the rule, SHA-256
//   GET  /api/v1/activity-files/{id}/thumb | /full   an image's thumbnail; the file as uploaded (PDFs download)
//   POST /api/v1/activities/{id}/approve             a supervisor approves (never one's own record; evidence needed)
//   POST /api/v1/activities/{id}/return {"reason"}   a supervisor returns it with a reason
// Rules: shared/activities.hpp (kind activity_kinds); store: store/activities. Every change is one write transaction
// with its audit event; a refused upload writes nothing.
#include <algorithm>

#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/uploaded_files.hpp"
#include "store/activities.hpp"
#include "store/audit.hpp"
#include "yiyang/activities.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/activities.hpp"

namespace yiyang::http {

namespace {

using activity::Status;

const activity::ActivityKinds& kinds_on(app::AppContext& ctx, const Date& d) {
    return ctx.rules().on<activity::ActivityKinds>(d);
}

std::string ts(const std::optional<LocalSeconds>& t) { return t ? format_timestamp(*t) : std::string(); }

wire::ActivityFileView file_view(const store::ActivityFileRow& f) {
    wire::ActivityFileView v;
    v.id = f.id;
    v.record_id = f.owner_id;
    v.name = f.name;
    v.mime = f.mime;
    v.sha256 = f.sha256;
    v.size = f.size;
    v.width = f.width;
    v.height = f.height;
    v.uploaded_by = f.uploader;
    v.uploaded_at = format_timestamp(f.uploaded_at);
    if (f.has_thumb) v.thumb_url = "/api/v1/activity-files/" + std::to_string(f.id) + "/thumb";
    v.full_url = "/api/v1/activity-files/" + std::to_string(f.id) + "/full";
    return v;
}

wire::ActivityView activity_view(const store::ActivityRow& a, const activity::ActivityKinds& kinds) {
    wire::ActivityView v;
    v.id = a.id;
    v.kind = a.input.kind;
    const auto* kind = kinds.find(a.input.kind);
    v.kind_name = kind ? kind->name_zh : a.input.kind;
    if (kind) v.kpis = kind->kpis;
    v.date = a.input.date;
    v.title = a.input.title;
    v.place = a.input.place;
    v.participants = a.input.participants;
    v.participants_text = a.input.participants_text;
    v.quantity = a.input.quantity;
    v.numerator = a.input.numerator;
    v.denominator = a.input.denominator;
    v.channel = a.input.channel;
    v.note = a.input.note;
    v.status = activity::code(a.status);
    v.status_label = activity::label_zh(a.status);
    v.entered_by = a.entered_by;
    v.entered_at = format_timestamp(a.entered_at);
    v.decided_by = a.decided_by;
    v.decided_at = ts(a.decided_at);
    v.reason = a.reason;
    v.files = a.files;
    return v;
}

store::ActivityRow activity_or_404(SQLite::Database& db, Id id) {
    auto a = store::find_activity(db, id);
    if (!a) fail_not_found("编号为 " + std::to_string(id) + " 的工作台账记录");
    return std::move(*a);
}

wire::ActivityView detail(app::AppContext& ctx, SQLite::Database& db, Id id) {
    const auto a = activity_or_404(db, id);
    auto v = activity_view(a, kinds_on(ctx, a.input.day));
    for (const auto& f : store::files_of_activity(db, id)) v.evidence.push_back(file_view(f));
    return v;
}

// What changed between two versions of a record, for the audit: {"field": [old, new]}.
json changes_of(const activity::ActivityInput& a, const activity::ActivityInput& b) {
    json out = json::object();
    auto put = [&](const char* key, const json& x, const json& y) {
        if (x != y) out[key] = {x, y};
    };
    put("kind", a.kind, b.kind);
    put("date", format_date(a.day), format_date(b.day));
    put("title", a.title, b.title);
    put("place", a.place, b.place);
    put("participants", a.participants, b.participants);
    put("participants_text", a.participants_text, b.participants_text);
    put("quantity", a.quantity, b.quantity);
    put("numerator", a.numerator, b.numerator);
    put("denominator", a.denominator, b.denominator);
    put("channel", a.channel, b.channel);
    put("note", a.note, b.note);
    return out;
}

json fields_of(const activity::ActivityInput& in) {
    return {{"kind", in.kind}, {"date", format_date(in.day)}, {"title", in.title}, {"place", in.place},
            {"participants", in.participants}, {"quantity", in.quantity}, {"numerator", in.numerator},
            {"denominator", in.denominator}, {"channel", in.channel}};
}

void reply_file(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, bool thumb) {
    const Id id = path_id(req);
    auto& db = ctx.db.reader();
    auto f = store::activity_file_bytes(db, id, thumb);
    if (!f) fail_not_found(thumb ? "编号为 " + std::to_string(id) + " 的佐证图片缩略图" : "编号为 " + std::to_string(id) + " 的佐证文件");
    reply_stored_file(res, std::move(f->bytes), f->mime, thumb, "activity-file-" + std::to_string(id));
}

}  // namespace

wire::ActivityList list_activities(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user) {
    const Date today = date_of(ctx.now());
    std::string month = query_text(req, "month", 7);
    Period period = month_of(today);
    if (!month.empty()) {
        const bool shape = month.size() == 7 && month[4] == '-' &&
                           std::all_of(month.begin(), month.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
        const auto p = shape ? parse_period(month) : std::nullopt;
        if (!p) fail_bad_query("month", "应为 YYYY-MM 格式的月份", month);
        period = *p;
    }
    const auto& kinds = kinds_on(ctx, period.last_day());
    const std::string kind = query_text(req, "kind", 40);
    if (!kind.empty() && !kinds.find(kind)) fail_bad_query("kind", "应为活动类别代码", kind);
    const auto status = query_enum<Status>(req, "status", &activity::parse_status);
    auto& db = ctx.db.reader();
    wire::ActivityList out;
    out.month = period.code();
    const auto first = format_date(period.first_day()), last = format_date(period.last_day());
    for (const auto& a : store::list_activities(db, first, last, "", std::nullopt)) {
        if (a.status == Status::Entered) ++out.entered;
        else if (a.status == Status::Approved) ++out.approved;
        else ++out.returned;
        if ((!kind.empty() && a.input.kind != kind) || (status && a.status != *status)) continue;
        out.items.push_back(activity_view(a, kinds));
    }
    for (const auto& k : kinds.kinds) {
        out.kinds.push_back({k.code, k.name_zh, activity::code(k.measure), k.kpis, k.quantity_label, k.numerator_label,
                             k.denominator_label, k.channels});
    }
    out.may_record = may(user.user.role, Permission::RecordActivities);
    out.may_approve = may(user.user.role, Permission::ApproveActivities);
    out.max_file_bytes = kinds.max_file_bytes;
    out.max_files = kinds.max_files;
    return out;
}

void register_activity_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/activities",
           "The activity records (工作台账) of a month, newest first, filtered by kind and status, with the kinds in force",
           "activities", needs(Permission::ReadActivities),
           {query_param("month", "string", "YYYY-MM (default this month)"), query_param("kind", "string", "activity kind code"),
            query_param("status", "string", "entered | approved | returned")},
           "", "ActivityList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(list_activities(ctx, req, user)));
    });

    r.add({"POST", "/api/v1/activities",
           "Enter an activity record (kind, date, title, place, participants, participants_text, quantity | numerator + "
           "denominator | channel as the kind needs, note): 201, status entered (待审核)",
           "activities", needs(Permission::RecordActivities), {}, "ActivityInput", "ActivityView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        activity::ActivityInput in;
        if (auto e = activity::activity_from_json(body, in, kinds_on(ctx, today), today); !e.empty()) fail_validation(std::move(e));
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            id = store::insert_activity(db, in, user.user.id, display_name(user), now);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "activity_record", id, "create",
                                     fields_of(in), ""});
        });
        auto& db = ctx.db.reader();
        reply_json(res, 201, json(detail(ctx, db, id)));
    });

    r.add({"GET", "/api/v1/activities/{id}", "One activity record with its evidence files", "activities",
           needs(Permission::ReadActivities), {}, "", "ActivityView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        auto& db = ctx.db.reader();
        reply_json(res, 200, json(detail(ctx, db, path_id(req))));
    });

    r.add({"PUT", "/api/v1/activities/{id}",
           "Correct an entered or returned record (the whole record as POST): back to entered (待审核); an approved "
           "record is not changed", "activities", needs(Permission::RecordActivities, "the one who entered it, or a supervisor"),
           {}, "ActivityInput", "ActivityView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        activity::ActivityInput in;
        if (auto e = activity::activity_from_json(body, in, kinds_on(ctx, today), today); !e.empty()) fail_validation(std::move(e));
        ctx.db.write([&](SQLite::Database& db) {
            const auto a = activity_or_404(db, id);
            if (a.entered_by_id != user.user.id && !may(user.user.role, Permission::ApproveActivities))
                fail(403, "forbidden", "只有录入人（" + a.entered_by + "）或主管可以修改这条记录");
            if (auto why = activity::change_refusal_zh(a.status); !why.empty()) fail(409, "wrong_status", why);
            if (!store::update_activity(db, id, a.status, in, now))
                fail(409, "conflict", "这条记录刚被他人处理，请刷新后再试");
            json changes = changes_of(a.input, in);
            if (a.status != Status::Entered) changes["status"] = {activity::code(a.status), "entered"};
            store::append_audit(db, {0, now, user.user.id, user.user.username, "activity_record", id, "update", changes, ""});
        });
        auto& db = ctx.db.reader();
        reply_json(res, 200, json(detail(ctx, db, id)));
    });

    r.add({"POST", "/api/v1/activities/{id}/files",
           "Attach an evidence file (photo, sign-in sheet, PDF) to a record not yet approved: raw bytes with ?name= or "
           "multipart field \"file\"; JPEG, PNG, WebP or PDF judged by content; at most the rule's max_file_bytes (8 MiB)",
           "activities", needs(Permission::RecordActivities),
           {query_param("name", "string", "the file's name as the uploader knows it (shown only)")}, "", "ActivityFileView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto now = ctx.now();
        {   // The record and its state before the bytes are decoded (decoding costs; a refused caller should not cause it).
            auto& db = ctx.db.reader();
            const auto a = activity_or_404(db, id);
            if (auto why = activity::change_refusal_zh(a.status); !why.empty()) fail(409, "wrong_status", why);
        }
        const auto& kinds = kinds_on(ctx, date_of(now));
        const UploadedBody body = file_body(req);
        const std::string& bytes = body.bytes;
        const std::string name = clean_name(body.name);
        const auto checked = check_file(bytes, name, media_type(req), kinds.max_file_bytes);
        wire::ActivityFileView reply;
        ctx.db.write([&](SQLite::Database& db) {
            const auto a = activity_or_404(db, id);   // again, inside the transaction: it may have been approved
            if (auto why = activity::change_refusal_zh(a.status); !why.empty()) fail(409, "wrong_status", why);
            if (store::count_activity_files(db, id) >= kinds.max_files)
                fail(409, "too_many_files", "这条记录已有 " + std::to_string(kinds.max_files) + " 个佐证文件，不能再添加");
            store::NewActivityFile f{id, name, user.user.id, display_name(user), now, checked.sha256,
                                     activity::mime_type(checked.type), checked.width, checked.height, bytes, checked.thumb};
            const Id file_id = store::insert_activity_file(db, f);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "activity_file", file_id, "upload",
                                     {{"record_id", id}, {"name", name}, {"sha256", checked.sha256}, {"mime", f.mime},
                                      {"size", static_cast<std::int64_t>(bytes.size())}},
                                     ""});
            reply = file_view({file_id, id, name, display_name(user), now, checked.sha256, f.mime,
                               static_cast<std::int64_t>(bytes.size()), checked.width, checked.height, !checked.thumb.empty()});
        });
        reply_json(res, 201, json(reply));
    });

    r.add({"GET", "/api/v1/activity-files/{id}/thumb", "An evidence image's thumbnail (JPEG, upright, longer side 240 px)",
           "activities", needs(Permission::ReadActivities), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) { reply_file(ctx, req, res, true); });
    r.add({"GET", "/api/v1/activity-files/{id}/full", "An evidence file as uploaded (a PDF as a download)", "activities",
           needs(Permission::ReadActivities), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) { reply_file(ctx, req, res, false); });

    r.add({"POST", "/api/v1/activities/{id}/approve",
           "Approve an entered record (a supervisor, not the one who entered it; at least one evidence file): it counts "
           "in the target table from now on", "activities", needs(Permission::ApproveActivities), {}, "", "ActivityView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        if (!req.body.empty()) {
            const json body = body_object(req);
            if (!body.empty()) fail(422, "validation", "审核不需要请求内容（应为空或 {}）");
        }
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            const auto a = activity_or_404(db, id);
            if (auto why = activity::decision_refusal_zh(a.status, a.entered_by_id, user.user.id); !why.empty())
                fail(a.status == Status::Entered ? 403 : 409, a.status == Status::Entered ? "own_record" : "wrong_status", why);
            if (a.files == 0) fail(409, "no_evidence", "这条记录还没有佐证文件（照片、签到表或 PDF），不能审核通过");
            if (!store::decide_activity(db, id, Status::Entered, Status::Approved, user.user.id, display_name(user), "", now))
                fail(409, "conflict", "这条记录刚被他人处理，请刷新后再试");
            store::append_audit(db, {0, now, user.user.id, user.user.username, "activity_record", id, "approve",
                                     {{"status", {"entered", "approved"}}, {"kind", a.input.kind}, {"date", a.input.date}}, ""});
        });
        auto& db = ctx.db.reader();
        reply_json(res, 200, json(detail(ctx, db, id)));
    });

    r.add({"POST", "/api/v1/activities/{id}/return",
           "Return an entered record with a reason (2..200 characters): it does not count until corrected and approved",
           "activities", needs(Permission::ApproveActivities), {}, "ReturnReason", "ActivityView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        std::string reason;
        if (auto e = activity::return_reason_from_json(body, reason); !e.empty()) fail_validation(std::move(e));
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            const auto a = activity_or_404(db, id);
            if (auto why = activity::decision_refusal_zh(a.status, a.entered_by_id, user.user.id); !why.empty())
                fail(a.status == Status::Entered ? 403 : 409, a.status == Status::Entered ? "own_record" : "wrong_status", why);
            if (!store::decide_activity(db, id, Status::Entered, Status::Returned, user.user.id, display_name(user), reason, now))
                fail(409, "conflict", "这条记录刚被他人处理，请刷新后再试");
            store::append_audit(db, {0, now, user.user.id, user.user.username, "activity_record", id, "return",
                                     {{"status", {"entered", "returned"}}}, reason});
        });
        auto& db = ctx.db.reader();
        reply_json(res, 200, json(detail(ctx, db, id)));
    });
}

}  // namespace yiyang::http
