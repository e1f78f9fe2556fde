// The exhibition hall (展厅参观预约, 市民开放日; issue 12, part visits). Rules: shared/visits.hpp; store: store/visits.
// Public, no sign-in (no personal data in any reply; POSTs and code look-ups rate-limited per address):
//   GET  /api/v1/public/visits                      bookable slots and coming open days, seats left only
//   POST /api/v1/public/visits/bookings             a group's request → its code (seats are taken by the approval)
//   POST /api/v1/public/open-days/registrations     one person's registration → its code (takes seats at once)
//   GET  /api/v1/public/visits/status?code=&phone4= the status of a code (with the phone's last four digits)
//   GET  /api/v1/public/exhibition/schedule         today's and the coming week's visits and open days (the kiosk)
// Staff (read_visits / manage_visits / check_in_visits):
//   GET  /api/v1/visits?from=&to=                   the board: slots with their bookings, open days
//   POST /api/v1/visits/slots, PUT /api/v1/visits/slots/{id}
//   POST /api/v1/visits/bookings                    a request taken by telephone or at the desk (today allowed)
//   POST /api/v1/visits/bookings/{id}/approve | decline | cancel | no-show
//   POST /api/v1/visits/open-days, PUT /api/v1/visits/open-days/{id}, GET /api/v1/visits/open-days/{id}
//   POST /api/v1/visits/check-in {"code"}           a booking or a registration, on its day (kiosks too)
// Every change is one write transaction with its audit event; seats are taken by conditional statements (the race).
#include <chrono>
#include <map>

#include "auth/crypto.hpp"
#include "http/address_limits.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/visits.hpp"
#include "yiyang/disclosure.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/visits.hpp"
#include "yiyang/wire/visits.hpp"

#include <sodium.h>

namespace yiyang::http {

namespace {

using visits::BookingStatus;
using visits::RegistrationStatus;

const char* const kFull = "名额已满";

// Public POSTs and code look-ups per client address, in memory (the address as the portal sees it). Counted once a
// request is well formed: a body or code that could never be accepted is refused without using anyone's allowance.
AddressLimiter& limiter() {
    static AddressLimiter l;
    return l;
}

const visits::VisitRule& rule_on(app::AppContext& ctx, const Date& d) { return ctx.rules().on<visits::VisitRule>(d); }

void rate_limit(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res) {
    const auto now = ctx.now();
    const auto& r = rule_on(ctx, date_of(now));
    if (auto wait = limiter().admit(client_address(req), r.public_posts_per_window, r.public_window_minutes, now))
        fail_rate(res, *wait, "提交过于频繁：同一网络地址 " + std::to_string(r.public_window_minutes) + " 分钟内最多 " +
                                  std::to_string(r.public_posts_per_window) + " 次");
}

std::uint32_t random_word() { return randombytes_random(); }

std::string ts(const std::optional<LocalSeconds>& t) { return t ? format_timestamp(*t) : std::string(); }

bool runs_hall(const AuthUser& u) { return may(u.user.role, Permission::ManageVisits); }

wire::VisitBookingView booking_view(const store::VisitBookingRow& b, bool full_contact) {
    wire::VisitBookingView v;
    v.id = b.id;
    v.code = b.code;
    v.slot_id = b.slot_id;
    v.day = b.day;
    v.start = visits::format_hhmm(b.start_minute);
    v.end = visits::format_hhmm(b.end_minute);
    v.organisation = b.organisation;
    v.visitors = b.visitors;
    v.contact_name = full_contact ? b.contact_name : mask_name(b.contact_name);
    v.contact_phone = full_contact ? b.contact_phone : mask_phone(b.contact_phone);
    v.contact_masked = !full_contact;
    v.purpose = b.purpose;
    v.status = visits::code(b.status);
    v.status_label = visits::label_zh(b.status);
    v.reason = b.reason;
    v.created_at = format_timestamp(b.created_at);
    v.decided_by = b.decided_by;
    v.decided_at = ts(b.decided_at);
    v.checked_in_at = ts(b.checked_in_at);
    v.checked_in_by = b.checked_in_by;
    return v;
}

wire::VisitSlotView slot_view(const store::VisitSlotRow& s) {
    wire::VisitSlotView v;
    v.id = s.id;
    v.day = s.day;
    v.start = visits::format_hhmm(s.start_minute);
    v.end = visits::format_hhmm(s.end_minute);
    v.capacity = s.capacity;
    v.seats_taken = s.seats_taken;
    v.seats_left = visits::seats_left(s.capacity, s.seats_taken);
    v.requested_visitors = s.requested_visitors;
    v.note = s.note;
    v.closed = s.closed;
    return v;
}

wire::OpenDayView open_day_view(const store::OpenDayRow& d) {
    wire::OpenDayView v;
    v.id = d.id;
    v.title = d.title;
    v.day = d.day;
    v.start = visits::format_hhmm(d.start_minute);
    v.end = visits::format_hhmm(d.end_minute);
    v.place = d.place;
    v.description = d.description;
    v.registration_opens = d.registration_opens;
    v.registration_closes = d.registration_closes;
    v.capacity = d.capacity;
    v.seats_taken = d.seats_taken;
    v.seats_left = visits::seats_left(d.capacity, d.seats_taken);
    v.registrations = d.registrations;
    v.received_people = d.received_people;
    v.cancelled = d.cancelled;
    return v;
}

// The public's view of an open day: seats left and whether registration is open today.
wire::PublicOpenDay public_open_day(const store::OpenDayRow& d, const Date& today) {
    wire::PublicOpenDay p;
    p.id = d.id;
    p.title = d.title;
    p.day = d.day;
    p.start = visits::format_hhmm(d.start_minute);
    p.end = visits::format_hhmm(d.end_minute);
    p.place = d.place;
    p.description = d.description;
    p.registration_opens = d.registration_opens;
    p.registration_closes = d.registration_closes;
    p.seats_left = visits::seats_left(d.capacity, d.seats_taken);
    const auto opens = parse_date(d.registration_opens).value_or(Date{});
    const auto closes = parse_date(d.registration_closes).value_or(Date{});
    if (auto why = visits::registration_closed_reason(opens, closes, today)) p.closed_reason = *why;
    else if (p.seats_left == 0) p.closed_reason = kFull;
    p.registration_open = p.closed_reason.empty();
    return p;
}

std::string who(const AuthUser& u) { return u.user.username; }

store::VisitBookingRow booking_or_404(SQLite::Database& db, Id id) {
    auto b = store::find_booking(db, id);
    if (!b) fail_not_found("参观预约");
    return *b;
}

// A staff change of a booking's status, with its audit event; 409 naming the current status when it may not change.
wire::VisitBookingView change_status(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user,
                                     BookingStatus to, bool reason_required) {
    const Id id = path_id(req);
    std::string reason;
    if (reason_required || !req.body.empty()) {
        const json body = body_object(req);
        if (auto e = visits::reason_from_json(body, reason, reason_required); !e.empty()) fail_validation(std::move(e));
    }
    const auto now = ctx.now();
    ctx.db.write([&](SQLite::Database& db) {
        const auto b = booking_or_404(db, id);
        if (!visits::may_change(b.status, to))
            fail(409, "wrong_status", "预约 " + b.code + " 当前为“" + visits::label_zh(b.status) + "”，不能改为“" +
                                          visits::label_zh(to) + "”");
        if (to == BookingStatus::NoShow && parse_date(b.day).value_or(Date{}) >= date_of(now))
            fail(409, "too_early", "参观日期为 " + b.day + "，当天结束后才能登记未到场");
        if (!store::change_booking(db, id, b.status, to, reason, who(user), now))
            fail(409, "conflict", "预约 " + b.code + " 刚被他人处理，请刷新后再试");
        store::append_audit(db, {0, now, user.user.id, who(user), "visit_booking", id, std::string("status"),
                                 {{"status", {visits::code(b.status), visits::code(to)}}, {"code", b.code}}, reason});
    });
    return booking_view(*store::find_booking(ctx.db.reader(), id), runs_hall(user));
}

std::string range_day(const httplib::Request& req, const char* name, const Date& fallback) {
    const auto text = query_text(req, name, 10);
    if (text.empty()) return format_date(fallback);
    if (!parse_date(text)) fail_bad_query(name, "应为 YYYY-MM-DD 格式的日期", text);
    return text;
}

const char* weekday_zh(const Date& d) {
    static const char* const names[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    return names[(iso_weekday(d) + 6) % 7];
}

// A group's request written (the public form or the desk): the slot open, its day inside the notice and horizon
// (`notice_days` overrides the rule's notice: the desk books today), the seats checked by the INSERT itself; the
// audit event names who wrote it. Returns the new booking's id and code (the slot as read, for the reply).
struct Booked {
    Id id = 0;
    std::string code;
    store::VisitSlotRow slot;
};
Booked book_group(SQLite::Database& db, const visits::GroupBookingInput& ask, visits::VisitRule rule,
                  std::int64_t notice_days, const Date& today, LocalSeconds now, const store::AuditEvent& by) {
    const auto slot = store::find_slot(db, ask.slot_id);
    if (!slot || slot->closed)
        fail_validation({{"slot_id", "unknown", "参观时段 " + std::to_string(ask.slot_id) + " 不存在或已关闭"}});
    rule.min_notice_days = notice_days;
    if (auto e = visits::validate_booking_day(parse_date(slot->day).value_or(Date{}), rule, today); !e.empty())
        fail_validation(std::move(e));
    const auto code = store::new_visit_code(db, rule.code_length, random_word);
    const Id id = store::insert_booking_if_room(db, ask, code, now);
    if (id == 0)
        fail(409, "full", std::string(kFull) + "：该时段只余 " +
                              std::to_string(visits::seats_left(slot->capacity, slot->seats_taken)) + " 个名额，请选择其他时段",
             {{"visitors", "full", kFull}});
    store::AuditEvent e = by;
    e.at = now;
    e.entity = "visit_booking";
    e.entity_id = id;
    e.action = "create";
    e.changes = {{"code", code}, {"slot_id", ask.slot_id}, {"organisation", ask.organisation}, {"visitors", ask.visitors},
                 {"contact_phone", mask_phone(ask.contact_phone)}};
    store::append_audit(db, e);
    return {id, code, *slot};
}

}  // namespace

wire::VisitBoard visit_board(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user) {
    const Date today = date_of(ctx.now());
    const std::string from = range_day(req, "from", today);
    const std::string to = range_day(req, "to", add_days(*parse_date(from), 13));
    if (to < from) fail_bad_query("to", "不能早于 from", to);
    if (days_from_civil(*parse_date(to)) - days_from_civil(*parse_date(from)) > 366)
        fail_bad_query("to", "与 from 相距不能超过 366 天", to);
    auto& db = ctx.db.reader();
    wire::VisitBoard out;
    out.from = from;
    out.to = to;
    out.code_length = rule_on(ctx, today).code_length;
    std::map<Id, std::size_t> index;
    for (const auto& s : store::list_slots(db, from, to)) {
        index[s.id] = out.slots.size();
        out.slots.push_back(slot_view(s));
    }
    const bool full = runs_hall(user);
    for (const auto& b : store::list_bookings(db, from, to, std::nullopt)) {
        if (b.status == BookingStatus::Requested) ++out.requested;
        if (auto it = index.find(b.slot_id); it != index.end()) out.slots[it->second].bookings.push_back(booking_view(b, full));
    }
    for (const auto& d : store::list_open_days(db, from, to)) out.open_days.push_back(open_day_view(d));
    return out;
}

wire::OpenDayDetail open_day_detail(app::AppContext& ctx, Id id, const AuthUser& user) {
    auto& db = ctx.db.reader();
    const auto d = store::find_open_day(db, id);
    if (!d) fail_not_found("开放日活动");
    wire::OpenDayDetail out;
    out.open_day = open_day_view(*d);
    const bool full = runs_hall(user);
    for (const auto& g : store::list_registrations(db, id)) {
        out.registrations.push_back({g.id, g.code, full ? g.name : mask_name(g.name), full ? g.phone : mask_phone(g.phone),
                                     !full, g.people, visits::code(g.status), visits::label_zh(g.status),
                                     format_timestamp(g.created_at), ts(g.checked_in_at)});
    }
    return out;
}

void register_visit_routes(Router& r, app::AppContext& ctx) {
    // ---- public -------------------------------------------------------------------------------------
    r.add({"GET", "/api/v1/public/visits",
           "Exhibition-hall slots that can be booked (within the rule's notice and horizon, not closed) with seats left, "
           "and the open days to come with their seats left and whether registration is open; no personal data",
           "visits", anyone(), json::array(), "", "PublicVisitOffer"},
          [&ctx](const httplib::Request&, httplib::Response& res) {
        const Date today = date_of(ctx.now());
        const auto& rule = rule_on(ctx, today);
        auto& db = ctx.db.reader();
        wire::PublicVisitOffer out;
        for (const auto& s : store::list_slots(db, format_date(add_days(today, rule.min_notice_days)),
                                               format_date(add_days(today, rule.horizon_days)))) {
            if (s.closed) continue;
            out.slots.push_back({s.id, s.day, visits::format_hhmm(s.start_minute), visits::format_hhmm(s.end_minute),
                                 visits::seats_left(s.capacity, s.seats_taken)});
        }
        for (const auto& d : store::list_open_days(db, format_date(today), "9999-12-31"))
            if (!d.cancelled) out.open_days.push_back(public_open_day(d, today));
        out.rules = {rule.group_min_visitors, rule.group_max_visitors, rule.open_day_max_people, rule.code_length,
                     rule.min_notice_days, rule.horizon_days};
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/public/visits/bookings",
           "A group asks for an exhibition-hall visit (slot_id, organisation, visitors, contact_name, contact_phone, "
           "purpose): 201 with the booking code; 409 名额已满 when the approved groups leave no room; rate-limited per address",
           "visits", anyone(), json::array(), "GroupBookingInput", "VisitAck", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto& rule = rule_on(ctx, today);
        visits::GroupBookingInput ask;
        if (auto e = visits::group_booking_from_json(body, ask, rule); !e.empty()) fail_validation(std::move(e));
        rate_limit(ctx, req, res);
        wire::VisitAck ack;
        ctx.db.write([&](SQLite::Database& db) {
            store::AuditEvent by;
            by.actor = "public";
            by.reason = "公众端预约";
            const auto b = book_group(db, ask, rule, rule.min_notice_days, today, now, by);
            ack = {"group", b.code, visits::code(BookingStatus::Requested), visits::label_zh(BookingStatus::Requested),
                   b.slot.day, visits::format_hhmm(b.slot.start_minute), visits::format_hhmm(b.slot.end_minute),
                   "预约已提交，等待审批。请记下预约码 " + b.code + "，凭预约码和手机号后四位查询结果"};
        });
        reply_json(res, 201, json(ack));
    });

    r.add({"POST", "/api/v1/public/open-days/registrations",
           "One person registers for an open day (open_day_id, name, phone, people ≤ the rule's limit): 201 with the "
           "code; the seats are taken at once; 409 名额已满 when they do not fit; rate-limited per address",
           "visits", anyone(), json::array(), "RegistrationInput", "VisitAck", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto& rule = rule_on(ctx, today);
        visits::RegistrationInput ask;
        if (auto e = visits::registration_from_json(body, ask, rule); !e.empty()) fail_validation(std::move(e));
        rate_limit(ctx, req, res);
        wire::VisitAck ack;
        ctx.db.write([&](SQLite::Database& db) {
            const auto d = store::find_open_day(db, ask.open_day_id);
            if (!d || d->cancelled)
                fail_validation({{"open_day_id", "unknown", "开放日活动 " + std::to_string(ask.open_day_id) + " 不存在或已取消"}});
            if (auto why = visits::registration_closed_reason(parse_date(d->registration_opens).value_or(Date{}),
                                                               parse_date(d->registration_closes).value_or(Date{}), today))
                fail(409, "registration_closed", *why);
            const auto code = store::new_visit_code(db, rule.code_length, random_word);
            // The seat race: the capacity is checked by the INSERT itself, inside this transaction.
            const Id id = store::insert_registration_if_room(db, ask, code, now);
            if (id == 0) fail(409, "full", kFull, {{"people", "full", kFull}});
            store::append_audit(db, {0, now, std::nullopt, "public", "open_day_registration", id, "create",
                                     {{"code", code}, {"open_day_id", d->id}, {"people", ask.people},
                                      {"phone", mask_phone(ask.phone)}},
                                     "公众端报名"});
            ack = {"open_day", code, visits::code(RegistrationStatus::Registered),
                   visits::label_zh(RegistrationStatus::Registered), d->day, visits::format_hhmm(d->start_minute),
                   visits::format_hhmm(d->end_minute),
                   "报名成功：" + d->title + "（" + d->day + " " + visits::format_hhmm(d->start_minute) + "，" + d->place +
                       "）。请记下报名码 " + code + "，当天凭码签到"};
        });
        reply_json(res, 201, json(ack));
    });

    r.add({"GET", "/api/v1/public/visits/status",
           "The status of a booking or registration code, given the last four digits of its phone; 404 for an unknown "
           "code and for digits that do not match alike (nothing else is told); rate-limited per address",
           "visits", anyone(),
           {query_param("code", "string", "预约码 / 报名码"), query_param("phone4", "string", "手机号后四位")}, "",
           "VisitCodeStatus"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        const auto& rule = rule_on(ctx, date_of(ctx.now()));
        const auto typed = query_text(req, "code", 40);
        const auto phone4 = query_text(req, "phone4", 4);
        const auto code = visits::normalise_code(typed, rule.code_length);
        if (!code) fail_bad_query("code", "应为 " + std::to_string(rule.code_length) + " 位预约码", typed);
        if (phone4.size() != 4 || phone4.find_first_not_of("0123456789") != std::string::npos)
            fail_bad_query("phone4", "应为手机号后四位数字", phone4);
        rate_limit(ctx, req, res);   // a well-formed guess counts; a malformed one could never match
        auto& db = ctx.db.reader();
        const auto ends = [&](const std::string& phone) {
            return phone.size() >= 4 && phone.compare(phone.size() - 4, 4, phone4) == 0;
        };
        wire::VisitCodeStatus out;
        if (auto b = store::booking_by_code(db, *code); b && ends(b->contact_phone)) {
            out = {"group", b->code, visits::code(b->status), visits::label_zh(b->status), b->day,
                   visits::format_hhmm(b->start_minute), visits::format_hhmm(b->end_minute),
                   b->status == BookingStatus::Declined ? b->reason : std::string()};
        } else if (auto g = store::registration_by_code(db, *code); g && ends(g->phone)) {
            const auto d = store::find_open_day(db, g->open_day_id);
            out = {"open_day", g->code, visits::code(g->status), visits::label_zh(g->status), d ? d->day : "",
                   d ? visits::format_hhmm(d->start_minute) : "", d ? visits::format_hhmm(d->end_minute) : "", ""};
        } else {
            fail(404, "not_found", "未找到该预约码，或手机号后四位不符");
        }
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/public/exhibition/schedule",
           "The exhibition hall's schedule for the kiosk: today and the next 7 days, approved and received group visits "
           "(organisation and a disclosed number of visitors) and open days (title, place, seats left); no personal data",
           "visits", anyone(), json::array(), "", "ExhibitionSchedule"},
          [&ctx](const httplib::Request&, httplib::Response& res) {
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto& disclosure = ctx.rules().on<disclosure::DisclosureRule>(today);
        auto& db = ctx.db.reader();
        const Date last = add_days(today, 7);
        std::map<std::string, wire::ScheduleDay> days;
        for (Date d = today; d <= last; d = add_days(d, 1)) days[format_date(d)] = {format_date(d), weekday_zh(d), {}};
        // Items per day by start time (then groups before open days, then id): a stable order.
        std::map<std::string, std::multimap<std::pair<std::int64_t, std::int64_t>, wire::ScheduleItem>> items;
        for (const auto& b : store::list_bookings(db, format_date(today), format_date(last), std::nullopt)) {
            if (b.status != BookingStatus::Approved && b.status != BookingStatus::Received) continue;
            items[b.day].emplace(std::make_pair(b.start_minute, b.id),
                                 wire::ScheduleItem{"group", visits::format_hhmm(b.start_minute),
                                                    visits::format_hhmm(b.end_minute), b.organisation,
                                                    disclosure::disclose(b.visitors, disclosure).text, "展示大厅", 0});
        }
        for (const auto& d : store::list_open_days(db, format_date(today), format_date(last))) {
            if (d.cancelled) continue;
            items[d.day].emplace(std::make_pair(d.start_minute, 1'000'000'000 + d.id),
                                 wire::ScheduleItem{"open_day", visits::format_hhmm(d.start_minute),
                                                    visits::format_hhmm(d.end_minute), d.title, "", d.place,
                                                    visits::seats_left(d.capacity, d.seats_taken)});
        }
        wire::ExhibitionSchedule out;
        out.as_of = format_timestamp(now);
        for (auto& [day, sd] : days) {
            for (auto& [key, item] : items[day]) sd.items.push_back(item);
            out.days.push_back(std::move(sd));
        }
        reply_json(res, 200, json(out));
    });

    // ---- staff --------------------------------------------------------------------------------------
    r.add({"GET", "/api/v1/visits",
           "The exhibition hall's board for a range of days (default today and the next 13): slots with seats and every "
           "booking, open days with registrations; contacts masked for roles that do not run the hall",
           "visits", needs(Permission::ReadVisits, "contacts in full: manage_visits"),
           {query_param("from", "string", "YYYY-MM-DD (default today)"), query_param("to", "string", "YYYY-MM-DD (default from + 13 days)")},
           "", "VisitBoard"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(visit_board(ctx, req, user)));
    });

    r.add({"POST", "/api/v1/visits/slots",
           "Open a slot of the hall (day, start, end, capacity in visitors, note): its length is the rule's slot length "
           "inside the hall's hours; 409 when a slot starts at the same time that day",
           "visits", needs(Permission::ManageVisits), json::array(), "SlotInput", "VisitSlotView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        visits::SlotInput s;
        if (auto e = visits::slot_from_json(body, s); !e.empty()) fail_validation(std::move(e));
        const auto now = ctx.now();
        if (auto e = visits::validate_slot(s, rule_on(ctx, s.date), date_of(now)); !e.empty()) fail_validation(std::move(e));
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            if (store::slot_exists_at(db, format_date(s.date), s.start_minute))
                fail(409, "conflict", format_date(s.date) + " " + s.start + " 已有时段", {{"start", "exists", "该时刻已有时段"}});
            id = store::insert_slot(db, s, who(user), now);
            store::append_audit(db, {0, now, user.user.id, who(user), "visit_slot", id, "create",
                                     {{"day", format_date(s.date)}, {"start", s.start}, {"end", s.end}, {"capacity", s.capacity}},
                                     s.note});
        });
        reply_json(res, 201, json(slot_view(*store::find_slot(ctx.db.reader(), id))));
    });

    r.add({"PUT", "/api/v1/visits/slots/{id}",
           "Change a slot's capacity, note or closed flag (a closed slot takes no new requests); 409 when the capacity "
           "would fall below the seats the approved groups hold",
           "visits", needs(Permission::ManageVisits), json::array(), "", "VisitSlotView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        std::vector<FieldError> e;
        for (const auto& item : body.items())
            if (item.key() != "capacity" && item.key() != "note" && item.key() != "closed")
                e.push_back({item.key().substr(0, 40), "unknown", "未知字段“" + item.key().substr(0, 40) + "”"});
        if (!body.contains("capacity") || !body["capacity"].is_number_integer() || body["capacity"].get<std::int64_t>() < 1 ||
            body["capacity"].get<std::int64_t>() > 10000)
            e.push_back({"capacity", "range", "时段容量应为 1 到 10000 之间的整数"});
        if (body.contains("note") && (!body["note"].is_string() || body["note"].get<std::string>().size() > 800))
            e.push_back({"note", "format", "备注应为不超过 200 字的文本"});
        if (body.contains("closed") && !body["closed"].is_boolean()) e.push_back({"closed", "format", "closed 应为 true 或 false"});
        if (!e.empty()) fail_validation(std::move(e));
        const std::int64_t capacity = body["capacity"].get<std::int64_t>();
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            const auto before = store::find_slot(db, id);
            if (!before) fail_not_found("参观时段");
            const std::string note = body.contains("note") ? body["note"].get<std::string>() : before->note;
            const bool closed = body.contains("closed") ? body["closed"].get<bool>() : before->closed;
            if (!store::update_slot(db, id, capacity, note, closed))
                fail(409, "below_taken", "已批准的团体占用 " + std::to_string(before->seats_taken) + " 个名额，容量不能少于此数",
                     {{"capacity", "below_taken", "容量不能少于已批准的人数"}});
            store::append_audit(db, {0, now, user.user.id, who(user), "visit_slot", id, "update",
                                     {{"capacity", {before->capacity, capacity}}, {"closed", {before->closed, closed}}},
                                     note});
        });
        reply_json(res, 200, json(slot_view(*store::find_slot(ctx.db.reader(), id))));
    });

    r.add({"POST", "/api/v1/visits/bookings",
           "Register a group's request taken by telephone or at the desk (the same fields as the public form): the "
           "day may be today (no notice asked of staff), not past; 409 名额已满 as for the public",
           "visits", needs(Permission::ManageVisits), json::array(), "GroupBookingInput", "VisitBookingView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto& rule = rule_on(ctx, today);
        visits::GroupBookingInput ask;
        if (auto e = visits::group_booking_from_json(body, ask, rule); !e.empty()) fail_validation(std::move(e));
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            store::AuditEvent by;
            by.actor_id = user.user.id;
            by.actor = who(user);
            by.reason = "工作人员登记（电话或现场预约）";
            id = book_group(db, ask, rule, 0, today, now, by).id;
        });
        reply_json(res, 201, json(booking_view(*store::find_booking(ctx.db.reader(), id), runs_hall(user))));
    });

    r.add({"POST", "/api/v1/visits/bookings/{id}/approve",
           "Approve a requested group visit: it takes its seats of the slot, checked in the same statement that writes; "
           "409 名额已满 when the slot's approved groups leave no room",
           "visits", needs(Permission::ManageVisits), json::array(), "", "VisitBookingView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            const auto b = booking_or_404(db, id);
            if (b.status != BookingStatus::Requested)
                fail(409, "wrong_status", "预约 " + b.code + " 当前为“" + visits::label_zh(b.status) + "”，不能批准");
            if (!store::approve_if_room(db, id, who(user), now)) {
                const auto slot = store::find_slot(db, b.slot_id);
                fail(409, "full", std::string(kFull) + "：该时段还余 " +
                                      std::to_string(slot ? visits::seats_left(slot->capacity, slot->seats_taken) : 0) +
                                      " 个名额，本团 " + std::to_string(b.visitors) + " 人");
            }
            store::append_audit(db, {0, now, user.user.id, who(user), "visit_booking", id, "status",
                                     {{"status", {"requested", "approved"}}, {"code", b.code}}, ""});
        });
        reply_json(res, 200, json(booking_view(*store::find_booking(ctx.db.reader(), id), runs_hall(user))));
    });

    r.add({"POST", "/api/v1/visits/bookings/{id}/decline", "Decline a requested group visit, with a reason (2..200 characters)",
           "visits", needs(Permission::ManageVisits), json::array(), "", "VisitBookingView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(change_status(ctx, req, user, BookingStatus::Declined, true)));
    });
    r.add({"POST", "/api/v1/visits/bookings/{id}/cancel",
           "Cancel a requested or approved group visit (the group withdrew), with a reason; its seats are freed",
           "visits", needs(Permission::ManageVisits), json::array(), "", "VisitBookingView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(change_status(ctx, req, user, BookingStatus::Cancelled, true)));
    });
    r.add({"POST", "/api/v1/visits/bookings/{id}/no-show",
           "Record that an approved group did not come (after its day); it counts against the reception rate",
           "visits", needs(Permission::ManageVisits), json::array(), "", "VisitBookingView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(change_status(ctx, req, user, BookingStatus::NoShow, false)));
    });

    r.add({"POST", "/api/v1/visits/open-days",
           "Create an open day (title, day, start, end, place, capacity, registration_opens, registration_closes, description)",
           "visits", needs(Permission::ManageVisits), json::array(), "OpenDayInput", "OpenDayView", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        visits::OpenDayInput d;
        if (auto e = visits::open_day_from_json(body, d); !e.empty()) fail_validation(std::move(e));
        const auto now = ctx.now();
        if (d.date < date_of(now)) fail_validation({{"day", "past", "活动日期（" + d.day + "）早于今天"}});
        Id id = 0;
        ctx.db.write([&](SQLite::Database& db) {
            id = store::insert_open_day(db, d, who(user), now);
            store::append_audit(db, {0, now, user.user.id, who(user), "open_day", id, "create",
                                     {{"title", d.title}, {"day", d.day}, {"capacity", d.capacity}}, ""});
        });
        reply_json(res, 201, json(open_day_view(*store::find_open_day(ctx.db.reader(), id))));
    });

    r.add({"PUT", "/api/v1/visits/open-days/{id}",
           "Edit an open day (the same fields, plus cancelled: true to cancel it); 409 when the capacity would fall below "
           "the seats already registered",
           "visits", needs(Permission::ManageVisits), json::array(), "OpenDayInput", "OpenDayView"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        json body = body_object(req);
        bool cancelled = false;
        if (body.contains("cancelled")) {
            if (!body["cancelled"].is_boolean()) fail_validation({{"cancelled", "format", "cancelled 应为 true 或 false"}});
            cancelled = body["cancelled"].get<bool>();
            body.erase("cancelled");
        }
        visits::OpenDayInput d;
        if (auto e = visits::open_day_from_json(body, d); !e.empty()) fail_validation(std::move(e));
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            const auto before = store::find_open_day(db, id);
            if (!before) fail_not_found("开放日活动");
            if (!store::update_open_day(db, id, d, cancelled, now))
                fail(409, "below_taken", "已报名 " + std::to_string(before->seats_taken) + " 人，名额不能少于此数",
                     {{"capacity", "below_taken", "名额不能少于已报名人数"}});
            store::append_audit(db, {0, now, user.user.id, who(user), "open_day", id, cancelled ? "cancel" : "update",
                                     {{"title", {before->title, d.title}}, {"day", {before->day, d.day}},
                                      {"capacity", {before->capacity, d.capacity}}, {"cancelled", {before->cancelled, cancelled}}},
                                     ""});
        });
        reply_json(res, 200, json(open_day_view(*store::find_open_day(ctx.db.reader(), id))));
    });

    r.add({"GET", "/api/v1/visits/open-days/{id}",
           "One open day with its registrations (names and phones masked for roles that do not run the hall)",
           "visits", needs(Permission::ReadVisits, "names and phones in full: manage_visits"), json::array(), "",
           "OpenDayDetail"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(open_day_detail(ctx, path_id(req), user)));
    });

    r.add({"POST", "/api/v1/visits/check-in",
           "Check a group booking or an open-day registration in by its code, on its day (the hall's staff and kiosks); "
           "409 with the time of the first check-in when it was checked in already; no personal data in the reply",
           "visits", needs(Permission::CheckInVisits), json::array(), "", "CheckInReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const json body = body_object(req);
        const auto now = ctx.now();
        const Date today = date_of(now);
        const auto& rule = rule_on(ctx, today);
        std::vector<FieldError> e;
        for (const auto& item : body.items())
            if (item.key() != "code") e.push_back({item.key().substr(0, 40), "unknown", "未知字段“" + item.key().substr(0, 40) + "”"});
        if (!body.contains("code") || !body["code"].is_string())
            e.push_back({"code", "required", "请输入 " + std::to_string(rule.code_length) + " 位预约码"});
        if (!e.empty()) fail_validation(std::move(e));
        const auto code = visits::normalise_code(body["code"].get<std::string>(), rule.code_length);
        if (!code)
            fail_validation({{"code", "format", "预约码应为 " + std::to_string(rule.code_length) + " 位（数字 2–9 与字母，不含 0 O 1 I L U）"}});
        wire::CheckInReply out;
        ctx.db.write([&](SQLite::Database& db) {
            if (auto b = store::booking_by_code(db, *code)) {
                if (b->status == BookingStatus::Received)
                    fail(409, "already_checked_in", "预约码 " + *code + " 已于 " + ts(b->checked_in_at).substr(11, 5) +
                                                        " 签到，请勿重复签到");
                if (b->status != BookingStatus::Approved)
                    fail(409, "wrong_status", "预约码 " + *code + " 的预约为“" + visits::label_zh(b->status) + "”，不能签到");
                if (b->day != format_date(today))
                    fail(409, "wrong_day", "预约码 " + *code + " 的参观日期为 " + b->day + "，请在当天签到");
                if (!store::change_booking(db, b->id, BookingStatus::Approved, BookingStatus::Received, "", who(user), now))
                    fail(409, "already_checked_in", "预约码 " + *code + " 刚刚已签到，请勿重复签到");
                store::append_audit(db, {0, now, user.user.id, who(user), "visit_booking", b->id, "check_in",
                                         {{"status", {"approved", "received"}}, {"code", *code}}, ""});
                out = {"group", *code, "received", visits::label_zh(BookingStatus::Received), b->organisation, b->visitors,
                       b->day, visits::format_hhmm(b->start_minute), visits::format_hhmm(b->end_minute),
                       "签到成功：" + b->organisation + "，" + std::to_string(b->visitors) + " 人，欢迎参观"};
                return;
            }
            if (auto g = store::registration_by_code(db, *code)) {
                const auto d = store::find_open_day(db, g->open_day_id);
                if (g->status == RegistrationStatus::Received)
                    fail(409, "already_checked_in", "报名码 " + *code + " 已于 " + ts(g->checked_in_at).substr(11, 5) +
                                                        " 签到，请勿重复签到");
                if (g->status != RegistrationStatus::Registered || !d || d->cancelled)
                    fail(409, "wrong_status", "报名码 " + *code + " 的报名已取消，不能签到");
                if (d->day != format_date(today))
                    fail(409, "wrong_day", "报名码 " + *code + " 的活动日期为 " + d->day + "，请在当天签到");
                if (!store::check_in_registration(db, g->id, who(user), now))
                    fail(409, "already_checked_in", "报名码 " + *code + " 刚刚已签到，请勿重复签到");
                store::append_audit(db, {0, now, user.user.id, who(user), "open_day_registration", g->id, "check_in",
                                         {{"status", {"registered", "received"}}, {"code", *code}}, ""});
                out = {"open_day", *code, "received", visits::label_zh(RegistrationStatus::Received), d->title, g->people,
                       d->day, visits::format_hhmm(d->start_minute), visits::format_hhmm(d->end_minute),
                       "签到成功：" + d->title + "，" + std::to_string(g->people) + " 人，欢迎参加"};
                return;
            }
            fail(404, "not_found", "未找到预约码 " + *code + "，请核对后重新输入");
        });
        reply_json(res, 200, json(out));
    });
}

}  // namespace yiyang::http
