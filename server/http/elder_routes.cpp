// /api/v1/elders: paged search, read, create, update (optimistic concurrency), history. Every read is
// scoped and masked by the role's policy (shared/access); every write is validated by shared/validation
// and recorded as an audit event with the changed fields. Replies are shared/wire/elders.hpp structs.
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/elders.hpp"
#include "store/kpi_inputs.hpp"
#include "store/reference.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/wire/elders.hpp"

#include <algorithm>

namespace yiyang::http {
namespace {

// Field-by-field differences between two versions of an elder: {"field": [old, new]}.
json elder_changes(const Elder& before, const Elder& after) {
    json a = before, b = after;
    json out = json::object();
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (it.key() == "version" || it.key() == "id") continue;
        if (!a.contains(it.key()) || a[it.key()] != it.value()) out[it.key()] = json::array({a.value(it.key(), json()), it.value()});
    }
    return out;
}

json elder_created(const Elder& e) {
    json j = e;
    j.erase("version");
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = json::array({nullptr, it.value()});
    return out;
}

// The fields a role sees in full that make a read of a record a read of personal data (audited).
json full_fields(const ElderFieldPolicy& p) {
    json out = json::array();
    if (p.full_name) out.push_back("name");
    if (p.full_id_number) out.push_back("id_number");
    if (p.full_phone) out.push_back("phone");
    if (p.full_address) out.push_back("address");
    if (p.health) out.push_back("health_notes");
    return out;
}

// A query that names a whole number: a lookup by ID or phone (exact match, audited) rather than a search.
struct WholeNumber {
    std::string by;      // "phone" | "id_number"
    std::string value;
};
std::optional<WholeNumber> whole_number(const std::string& q, const Date& today) {
    if (check_mobile(q).ok) return WholeNumber{"phone", q};
    if (q.size() == 18) {
        std::string id = q;
        if (id.back() == 'x') id.back() = 'X';
        if (check_resident_id(id, today).ok) return WholeNumber{"id_number", id};
    }
    return std::nullopt;
}

bool has_ascii_digit(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One audit event per elder a lookup by whole number found (which record, by what kind of number — never the
// number itself), or one without a record when it found nobody (the number masked, so that repeated guesses
// show in the log).
void audit_lookup(SQLite::Database& db, const AuthUser& u, LocalSeconds now, const WholeNumber& w,
                  const std::vector<Elder>& found, const char* via) {
    if (found.empty()) {
        const std::string masked = w.by == "phone" ? mask_phone(w.value) : mask_resident_id(w.value);
        store::append_audit(db, {0, now, u.user.id, u.user.username, "elder", std::nullopt, "lookup",
                                 {{"by", w.by}, {"via", via}, {"value", masked}, {"found", 0}}, ""});
        return;
    }
    for (const auto& e : found) {
        store::append_audit(db, {0, now, u.user.id, u.user.username, "elder", e.id, "lookup",
                                 {{"by", w.by}, {"via", via}}, ""});
    }
}

std::string town_name(app::AppContext& ctx, Id town_id) {
    return store::town_name(ctx.db.reader(), town_id).value_or("");
}

[[noreturn]] void fail_elder(const std::vector<FieldError>& errors) {
    fail(422, "validation", "服务对象信息未通过校验：" + errors.front().message_zh, errors);
}

// The body as an elder (422, every problem listed, otherwise).
Elder read_elder(const httplib::Request& req) {
    Elder out;
    auto errors = elder_from_request(body_object(req), out);
    if (!errors.empty()) fail_elder(errors);
    return out;
}

void validate(app::AppContext& ctx, Elder& e) {
    auto errors = validate_elder(e, store::town_ids(ctx.db.reader()), date_of(ctx.now()));
    if (!errors.empty()) fail_elder(errors);
}

[[noreturn]] void fail_elder_not_found(Id id) {
    fail(404, "not_found", "未找到编号为 " + std::to_string(id) + " 的服务对象");
}

[[noreturn]] void fail_duplicate(Id other) {
    const std::string message = "该身份证号已登记（服务对象编号 " + std::to_string(other) + "）";
    fail(409, "duplicate", message, {{"id_number", "duplicate", message}});
}

std::string role_text(const AuthUser& u) { return std::string("当前角色（") + label_zh(u.user.role) + "）"; }

wire::ElderReply elder_reply(app::AppContext& ctx, const Elder& e, const ElderFieldPolicy& policy, LocalSeconds now) {
    return {redact_elder(e, policy, date_of(now)), town_name(ctx, e.town_id)};
}

}  // namespace

wire::ElderPage list_elders(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all) {
    const auto policy = elder_policy(user.user.role);
    if (policy.scope == ElderScope::None) fail(403, "forbidden", role_text(user) + "无权查看服务对象");
    store::ElderQuery q;
    q.town = query_int(req, "town", 1, 1'000'000'000);
    const Paging paging = read_paging(req, export_all);
    q.page = paging.page;
    q.page_size = paging.page_size;
    q.category = query_enum(req, "category", &parse_ElderCategory);
    q.status = query_enum(req, "status", &parse_ElderStatus);
    const auto sort = query_sort(req, store::elder_sort_fields(), {"id", false});
    q.sort = sort.key;
    q.descending = sort.descending;
    const std::string text = req.get_param_value("q");
    if (text.size() > 60) fail(400, "bad_query", "查询参数 q 过长（最多 60 字节）");
    const Date today = date_of(ctx.now());
    // A whole phone or ID number is a lookup (exact, audited) for every role. A fragment searches only inside
    // the columns the role sees in full: inside a masked one it would give the hidden digits back one query
    // at a time.
    const auto whole = whole_number(text, today);
    if (whole) {
        (whole->by == "phone" ? q.phone : q.id_number) = whole->value;
    } else {
        q.q = text;
        q.q_in_id_number = policy.full_id_number;
        q.q_in_phone = policy.full_phone;
        if (!policy.full_id_number && !policy.full_phone && has_ascii_digit(text)) {
            fail(400, "bad_query",
                 role_text(user) + "看到的身份证号和手机号已脱敏，不能按号码片段查找：请输入完整的11位手机号"
                                   "或18位身份证号（按号码查找会记入审计日志），或按姓名查找");
        }
    }
    if (policy.scope == ElderScope::OwnTown) {
        if (q.town && q.town != user.user.town_id) fail(403, "forbidden", "镇街用户只能查看本镇街的服务对象");
        q.town = user.user.town_id;
    }
    if (policy.scope == ElderScope::ServedByOwnProvider) q.served_by_provider = user.user.provider_id;

    std::int64_t total = 0;
    std::vector<Elder> found;
    if (whole) {
        // Read and audit in one transaction: the records the audit names are the records replied. It changes
        // no figure a cache holds (like the caller lookup).
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            total = store::count_elders(db, q);
            check_export_rows(paging, total);
            found = store::find_elders(db, q);
            audit_lookup(db, user, now, *whole, found, "elders_search");
        }, store::Database::Touches::SessionsOnly);
    } else {
        auto& db = ctx.db.reader();
        const auto version = ctx.db.data_version();
        const auto key = "elders.count:" + q.filter_key();
        if (auto cached = ctx.cache.get(key, version)) {
            total = cached->get<std::int64_t>();
        } else {
            total = store::count_elders(db, q);
            ctx.cache.put(key, version, total);
        }
        check_export_rows(paging, total);
        found = store::find_elders(db, q);
    }
    wire::ElderPage reply;
    for (const auto& e : found) reply.page.items.push_back(redact_elder(e, policy, today));
    reply.page.total = total;
    reply.page.page = q.page;
    reply.page.page_size = q.page_size;
    reply.masked = !(policy.full_id_number && policy.full_phone);
    return reply;
}

void register_elder_routes(Router& r, app::AppContext& ctx) {
    const json list_params = {
        query_param("town", "integer", "town id"), query_param("category", "string", "elder category code"),
        query_param("status", "string", "elder status code"), query_param("q", "string", "name fragment; ID or phone fragment only for roles that see them in full; a whole phone or ID number is an exact, audited lookup"),
        query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20"),
        query_param("sort", "string", "id | name, '-' prefix = descending (default id); ties by id"),
        query_param("dir", "string", "asc | desc (instead of the '-' prefix)")};

    r.add({"GET", "/api/v1/elders", "Search elders (paged, filtered, masked by role)", "elders",
           needs(Permission::ReadElders, "town: own town; provider: served elders"), list_params, "", "ElderPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(list_elders(ctx, req, user, false)));
    });

    r.add({"GET", "/api/v1/elders/{id}", "One elder (masked by role)", "elders",
           needs(Permission::ReadElders, "town: own town; provider: served elders"), {}, "", "ElderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto policy = elder_policy(user.user.role);
        const auto now = ctx.now();
        std::optional<Elder> e;
        bool allowed = false;
        const auto read = [&](SQLite::Database& db) {
            e = store::get_elder(db, id);
            allowed = e && may_read_elder(user.viewer(), *e,
                                          user.user.provider_id &&
                                              store::elder_served_by_provider(db, e->id, *user.user.provider_id));
        };
        if (policy.full_id_number || policy.full_phone || policy.health) {
            // A role that sees the ID number, phone or health notes in full reads personal data: the read is an
            // audit event (who, when, which record, which fields — never their values), in the read's transaction.
            ctx.db.write([&](SQLite::Database& db) {
                read(db);
                if (allowed) {
                    store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", id, "read",
                                             {{"fields", full_fields(policy)}}, ""});
                }
            }, store::Database::Touches::SessionsOnly);
        } else {
            read(ctx.db.reader());
        }
        if (!e) fail_elder_not_found(id);
        if (!allowed) fail(403, "forbidden", "无权查看该服务对象");
        reply_json(res, 200, json(elder_reply(ctx, *e, policy, now)));
    });

    r.add({"POST", "/api/v1/elders", "Register an elder", "elders", needs(Permission::WriteElders, "town: own town"), {},
           "Elder", "ElderReply", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto policy = elder_policy(user.user.role);
        if (!policy.can_create) fail(403, "forbidden", role_text(user) + "无权新增服务对象");
        Elder e = read_elder(req);
        validate(ctx, e);
        if (!may_edit_elder(user.viewer(), e)) fail(403, "forbidden", "镇街用户只能登记本镇街的服务对象");
        const auto now = ctx.now();
        bool duplicate = false;
        Id new_id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            if (auto existing = store::elder_id_by_number(db, e.id_number)) {
                // "Already registered (number N)" confirms a guessed ID: that is a lookup by ID, audited.
                duplicate = true;
                new_id = *existing;
                store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", *existing, "lookup",
                                         {{"by", "id_number"}, {"via", "create_duplicate"}}, ""});
                return;
            }
            new_id = store::insert_elder(db, e, now);
            e.id = new_id;
            store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", new_id, "create", elder_created(e), ""});
        });
        if (duplicate) fail_duplicate(new_id);
        auto saved = store::get_elder(ctx.db.reader(), new_id);
        reply_json(res, 201, json(elder_reply(ctx, *saved, policy, now)));
    });

    r.add({"PUT", "/api/v1/elders/{id}", "Update an elder (send the version you read)", "elders",
           needs(Permission::WriteElders, "town: own town"), {}, "Elder", "ElderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto policy = elder_policy(user.user.role);
        if (!policy.can_edit) fail(403, "forbidden", role_text(user) + "无权修改服务对象");
        auto stored = store::get_elder(ctx.db.reader(), id);
        if (!stored) fail_elder_not_found(id);
        if (!may_edit_elder(user.viewer(), *stored)) fail(403, "forbidden", "无权修改该服务对象");
        Elder e = read_elder(req);
        e.id = id;
        // Fields this role only ever sees masked: sending the mask back means "unchanged".
        if (!policy.full_id_number && e.id_number == mask_resident_id(stored->id_number)) e.id_number = stored->id_number;
        if (!policy.full_phone && e.phone == mask_phone(stored->phone)) e.phone = stored->phone;
        if (!policy.full_name && e.name == mask_name(stored->name)) e.name = stored->name;
        if (!policy.full_address && e.address == mask_address(stored->address)) e.address = stored->address;
        if (!policy.health) e.health_notes = stored->health_notes;
        validate(ctx, e);
        if (!may_edit_elder(user.viewer(), e)) fail(403, "forbidden", "镇街用户不能把服务对象移到其他镇街");
        const auto now = ctx.now();
        enum { Ok, Conflict, Duplicate } outcome = Ok;
        Id other = 0;
        ctx.db.write([&](SQLite::Database& db) {
            auto current = store::get_elder(db, id);
            if (!current || current->version != e.version) { outcome = Conflict; return; }
            if (auto existing = store::elder_id_by_number(db, e.id_number); existing && *existing != id) {
                outcome = Duplicate;
                other = *existing;
                store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", *existing, "lookup",
                                         {{"by", "id_number"}, {"via", "update_duplicate"}}, ""});
                return;
            }
            auto changes = elder_changes(*current, e);
            if (changes.empty()) return;
            store::update_elder(db, e, now);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", id, "update", changes, ""});
        });
        if (outcome == Conflict) fail(409, "version_conflict", "该记录已被他人修改，请刷新后再编辑");
        if (outcome == Duplicate) fail_duplicate(other);
        auto saved = store::get_elder(ctx.db.reader(), id);
        reply_json(res, 200, json(elder_reply(ctx, *saved, policy, now)));
    });

    r.add({"GET", "/api/v1/elders/{id}/history", "Audit events of one elder", "elders", needs(Permission::ReadElderHistory), {}, "",
           "AuditList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const Id id = path_id(req);
        wire::AuditList reply;
        for (const auto& e : store::elder_history(ctx.db.reader(), id, 200)) reply.events.push_back(store::to_wire(e));
        reply_json(res, 200, json(reply));
    });
}

}  // namespace yiyang::http
