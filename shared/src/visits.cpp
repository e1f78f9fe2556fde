// Exhibition-hall visits and open days: rule, statuses, capacity, codes, request validation (visits.hpp).
#include "yiyang/visits.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "rule_text.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length

namespace yiyang::visits {

using json = nlohmann::json;

// ---- the rule -------------------------------------------------------------------------------------
namespace {

std::int64_t rule_int(const json& j, const char* key, std::int64_t lo, std::int64_t hi) {
    if (!j.contains(key)) throw std::invalid_argument(rule_text::missing(key));
    const auto& v = j.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        throw std::invalid_argument(rule_text::field(key) + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                                    " 之间的整数，实际为 " + v.dump());
    return v.get<std::int64_t>();
}

}  // namespace

void from_json(const json& j, VisitRule& r) {
    VisitRule out;
    out.version = rule_text::envelope(
        j, "展厅参观规则",
        {"slot_minutes", "opens_at", "closes_at", "min_notice_days", "horizon_days", "group_min_visitors",
         "group_max_visitors", "open_day_max_people", "code_length", "public_posts_per_window",
         "public_window_minutes", "rounding", "decimals"});
    out.slot_minutes = rule_int(j, "slot_minutes", 15, 480);
    for (const char* key : {"opens_at", "closes_at"}) {
        if (!j.contains(key)) throw std::invalid_argument(rule_text::missing(key));
        const auto& v = j.at(key);
        const auto m = v.is_string() ? parse_hhmm(v.get<std::string>()) : std::nullopt;
        if (!m) throw std::invalid_argument(rule_text::field(key) + " 应为 HH:MM 格式的时刻，实际为 " + v.dump());
        (std::string_view(key) == "opens_at" ? out.opens_at_minute : out.closes_at_minute) = *m;
    }
    if (out.closes_at_minute - out.opens_at_minute < out.slot_minutes)
        throw std::invalid_argument(rule_text::field("closes_at") + " 应比开放时刻至少晚一个时段（slot_minutes）");
    out.min_notice_days = rule_int(j, "min_notice_days", 0, 60);
    out.horizon_days = rule_int(j, "horizon_days", 1, 366);
    if (out.horizon_days < out.min_notice_days)
        throw std::invalid_argument(rule_text::field("horizon_days") + " 不能小于 min_notice_days");
    out.group_min_visitors = rule_int(j, "group_min_visitors", 1, 1000);
    out.group_max_visitors = rule_int(j, "group_max_visitors", 1, 1000);
    if (out.group_max_visitors < out.group_min_visitors)
        throw std::invalid_argument(rule_text::field("group_max_visitors") + " 不能小于 group_min_visitors");
    out.open_day_max_people = rule_int(j, "open_day_max_people", 1, 20);
    out.code_length = rule_int(j, "code_length", 5, 12);
    out.public_posts_per_window = rule_int(j, "public_posts_per_window", 1, 100000);
    out.public_window_minutes = rule_int(j, "public_window_minutes", 1, 1440);
    if (!j.contains("rounding")) throw std::invalid_argument(rule_text::missing("rounding"));
    const auto& rv = j.at("rounding");
    const auto mode = rv.is_string() ? rounding_from_code(rv.get<std::string>()) : std::nullopt;
    if (!mode) throw std::invalid_argument(rule_text::not_one_of("rounding", {"half_up", "truncate"}, rv.dump()));
    out.rounding = *mode;
    out.decimals = static_cast<int>(rule_int(j, "decimals", 0, 4));
    r = std::move(out);
}

void to_json(json& j, const VisitRule& r) {
    j = json{{"version", r.version},
             {"slot_minutes", r.slot_minutes},
             {"opens_at", format_hhmm(r.opens_at_minute)},
             {"closes_at", format_hhmm(r.closes_at_minute)},
             {"min_notice_days", r.min_notice_days},
             {"horizon_days", r.horizon_days},
             {"group_min_visitors", r.group_min_visitors},
             {"group_max_visitors", r.group_max_visitors},
             {"open_day_max_people", r.open_day_max_people},
             {"code_length", r.code_length},
             {"public_posts_per_window", r.public_posts_per_window},
             {"public_window_minutes", r.public_window_minutes},
             {"rounding", code(r.rounding)},
             {"decimals", r.decimals}};
}

// ---- statuses -------------------------------------------------------------------------------------
namespace {
struct BookingName { BookingStatus s; const char* code; const char* zh; };
constexpr BookingName kBooking[] = {
    {BookingStatus::Requested, "requested", "待审批"}, {BookingStatus::Approved, "approved", "已批准"},
    {BookingStatus::Declined, "declined", "未批准"},   {BookingStatus::Received, "received", "已接待"},
    {BookingStatus::NoShow, "no_show", "未到场"},      {BookingStatus::Cancelled, "cancelled", "已取消"}};
struct RegistrationName { RegistrationStatus s; const char* code; const char* zh; };
constexpr RegistrationName kRegistration[] = {{RegistrationStatus::Registered, "registered", "已报名"},
                                              {RegistrationStatus::Received, "received", "已签到"},
                                              {RegistrationStatus::Cancelled, "cancelled", "已取消"}};
}  // namespace

const char* code(BookingStatus s) { return kBooking[static_cast<int>(s)].code; }
const char* label_zh(BookingStatus s) { return kBooking[static_cast<int>(s)].zh; }
std::optional<BookingStatus> parse_booking_status(std::string_view c) {
    for (const auto& n : kBooking) if (c == n.code) return n.s;
    return std::nullopt;
}
bool may_change(BookingStatus from, BookingStatus to) {
    using S = BookingStatus;
    if (from == S::Requested) return to == S::Approved || to == S::Declined || to == S::Cancelled;
    if (from == S::Approved) return to == S::Received || to == S::NoShow || to == S::Cancelled;
    return false;
}
bool holds_seats(BookingStatus s) {
    return s == BookingStatus::Approved || s == BookingStatus::Received || s == BookingStatus::NoShow;
}

const char* code(RegistrationStatus s) { return kRegistration[static_cast<int>(s)].code; }
const char* label_zh(RegistrationStatus s) { return kRegistration[static_cast<int>(s)].zh; }
std::optional<RegistrationStatus> parse_registration_status(std::string_view c) {
    for (const auto& n : kRegistration) if (c == n.code) return n.s;
    return std::nullopt;
}

// ---- capacity -------------------------------------------------------------------------------------
std::int64_t seats_left(std::int64_t capacity, std::int64_t taken) { return std::max<std::int64_t>(0, capacity - taken); }
bool fits(std::int64_t capacity, std::int64_t taken, std::int64_t wanted) {
    return wanted > 0 && taken + wanted <= capacity;
}

// ---- codes ----------------------------------------------------------------------------------------
const std::string& code_alphabet() {
    static const std::string a = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    return a;
}

std::string make_code(const std::vector<std::uint32_t>& random_words, std::int64_t length) {
    if (length < 1 || static_cast<std::size_t>(length) > random_words.size())
        throw std::invalid_argument("make_code: need one random word per character");
    const auto& a = code_alphabet();
    std::string out;
    for (std::int64_t i = 0; i < length; ++i) out += a[random_words[static_cast<std::size_t>(i)] % a.size()];
    return out;
}

std::optional<std::string> normalise_code(std::string_view typed, std::int64_t length) {
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (code_alphabet().find(u) == std::string::npos) return std::nullopt;
        out += u;
        if (static_cast<std::int64_t>(out.size()) > length) return std::nullopt;
    }
    if (static_cast<std::int64_t>(out.size()) != length) return std::nullopt;
    return out;
}

// ---- minutes --------------------------------------------------------------------------------------
std::optional<std::int64_t> parse_hhmm(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4}) if (t[i] < '0' || t[i] > '9') return std::nullopt;
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string format_hhmm(std::int64_t minute) {
    const auto h = minute / 60, m = minute % 60;
    std::string out;
    out += static_cast<char>('0' + h / 10);
    out += static_cast<char>('0' + h % 10);
    out += ':';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

// ---- requests -------------------------------------------------------------------------------------
namespace {

// Reads the members of one request body, collecting a Chinese error per field.
class Fields {
public:
    Fields(const json& j, std::initializer_list<const char*> known, std::vector<FieldError>& e) : j_(j), e_(e) {
        if (!j.is_object()) {
            e.push_back({"", "format", "请求体应为 JSON 对象"});
            return;
        }
        const std::set<std::string> k(known.begin(), known.end());
        for (const auto& item : j.items())
            if (!k.count(item.key())) e.push_back({item.key().substr(0, 40), "unknown", "未知字段“" + item.key().substr(0, 40) + "”"});
    }
    // Text of min..max characters (UTF-8 characters, control characters refused). required=false: "" allowed.
    std::string text(const char* key, const char* zh, std::size_t min_chars, std::size_t max_chars, bool required) {
        if (!j_.is_object()) return "";
        const auto it = j_.find(key);
        if (it == j_.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
            if (required) e_.push_back({key, "required", std::string("请填写") + zh});
            return "";
        }
        if (!it->is_string()) {
            e_.push_back({key, "format", std::string(zh) + "应为文本"});
            return "";
        }
        std::string s = it->get<std::string>();
        if (s.size() > max_chars * 4 || utf8_length(s) > max_chars) {
            e_.push_back({key, "too_long", std::string(zh) + "不能超过 " + std::to_string(max_chars) + " 个字"});
            return "";
        }
        for (unsigned char c : s)
            if (c < 0x20 || c == 0x7f) {
                e_.push_back({key, "format", std::string(zh) + "含有控制字符"});
                return "";
            }
        if (utf8_length(s) < min_chars) {
            e_.push_back({key, "too_short", std::string(zh) + "至少 " + std::to_string(min_chars) + " 个字"});
            return "";
        }
        return s;
    }
    std::int64_t integer(const char* key, const char* zh, std::int64_t lo, std::int64_t hi, const char* unit) {
        if (!j_.is_object()) return 0;
        const auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            e_.push_back({key, "required", std::string("请填写") + zh});
            return 0;
        }
        if (!it->is_number_integer()) {
            e_.push_back({key, "format", std::string(zh) + "应为整数"});
            return 0;
        }
        const auto v = it->get<std::int64_t>();
        if (v < lo || v > hi)
            e_.push_back({key, "range", std::string(zh) + "应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " " +
                                            unit + "之间，实际为 " + std::to_string(v)});
        return v;
    }
    std::optional<Date> date(const char* key, const char* zh, std::string& raw) {
        raw = text(key, zh, 10, 10, true);
        if (raw.empty()) return std::nullopt;
        auto d = parse_date(raw);
        if (!d) e_.push_back({key, "format", std::string(zh) + "应为 YYYY-MM-DD 格式的日期，实际为“" + raw + "”"});
        return d;
    }
    std::optional<std::int64_t> time(const char* key, const char* zh, std::string& raw) {
        raw = text(key, zh, 5, 5, true);
        if (raw.empty()) return std::nullopt;
        auto m = parse_hhmm(raw);
        if (!m) e_.push_back({key, "format", std::string(zh) + "应为 HH:MM 格式的时刻（如 09:30），实际为“" + raw + "”"});
        return m;
    }
    std::string phone(const char* key, const char* zh) {
        std::string p = text(key, zh, 1, 20, true);
        if (p.empty()) return "";
        const auto check = check_mobile(p);
        if (!check.ok) {
            e_.push_back({key, "format", std::string(zh) + "：" + check.message_zh});
            return "";
        }
        return p;
    }

private:
    const json& j_;
    std::vector<FieldError>& e_;
};

}  // namespace

std::vector<FieldError> slot_from_json(const json& j, SlotInput& out) {
    std::vector<FieldError> e;
    Fields f(j, {"day", "start", "end", "capacity", "note"}, e);
    const auto d = f.date("day", "参观日期", out.day);
    const auto s = f.time("start", "开始时刻", out.start);
    const auto t = f.time("end", "结束时刻", out.end);
    out.capacity = f.integer("capacity", "时段容量", 1, 10000, "人");
    out.note = f.text("note", "备注", 0, 200, false);
    if (d) out.date = *d;
    if (s) out.start_minute = *s;
    if (t) out.end_minute = *t;
    return e;
}

std::vector<FieldError> validate_slot(SlotInput& s, const VisitRule& r, const Date& today) {
    std::vector<FieldError> e;
    if (s.date < today) e.push_back({"day", "past", "参观日期（" + format_date(s.date) + "）早于今天"});
    if (s.start_minute < r.opens_at_minute || s.end_minute > r.closes_at_minute)
        e.push_back({"start", "outside_hours", "时段应在展厅开放时间 " + format_hhmm(r.opens_at_minute) + "–" +
                                                   format_hhmm(r.closes_at_minute) + " 之内"});
    if (s.end_minute - s.start_minute != r.slot_minutes)
        e.push_back({"end", "length", "时段长度应为 " + std::to_string(r.slot_minutes) + " 分钟（" + format_hhmm(s.start_minute) +
                                          "–" + format_hhmm(s.end_minute) + "）"});
    if (s.capacity > r.group_max_visitors * 10)
        e.push_back({"capacity", "range", "时段容量不能超过 " + std::to_string(r.group_max_visitors * 10) + " 人"});
    return e;
}

std::vector<FieldError> group_booking_from_json(const json& j, GroupBookingInput& out, const VisitRule& r) {
    std::vector<FieldError> e;
    Fields f(j, {"slot_id", "organisation", "visitors", "contact_name", "contact_phone", "purpose"}, e);
    out.slot_id = f.integer("slot_id", "参观时段", 1, 1'000'000'000, "号");
    out.organisation = f.text("organisation", "单位名称", 2, 60, true);
    out.visitors = f.integer("visitors", "参观人数", r.group_min_visitors, r.group_max_visitors, "人");
    out.contact_name = f.text("contact_name", "联系人姓名", 2, 20, true);
    out.contact_phone = f.phone("contact_phone", "联系人手机号");
    out.purpose = f.text("purpose", "参观目的", 0, 200, false);
    return e;
}

std::vector<FieldError> validate_booking_day(const Date& slot_day, const VisitRule& r, const Date& today) {
    const Date first = add_days(today, r.min_notice_days), last = add_days(today, r.horizon_days);
    if (slot_day < first)
        return {{"slot_id", "too_soon", "参观需至少提前 " + std::to_string(r.min_notice_days) + " 天预约（最早可约 " +
                                            format_date(first) + "）"}};
    if (slot_day > last)
        return {{"slot_id", "too_far", "只能预约 " + std::to_string(r.horizon_days) + " 天内的参观（最晚 " + format_date(last) + "）"}};
    return {};
}

std::vector<FieldError> open_day_from_json(const json& j, OpenDayInput& out) {
    std::vector<FieldError> e;
    Fields f(j, {"title", "day", "start", "end", "place", "capacity", "registration_opens", "registration_closes",
                 "description"},
             e);
    out.title = f.text("title", "活动名称", 2, 60, true);
    const auto d = f.date("day", "活动日期", out.day);
    const auto s = f.time("start", "开始时刻", out.start);
    const auto t = f.time("end", "结束时刻", out.end);
    out.place = f.text("place", "活动地点", 2, 100, true);
    out.capacity = f.integer("capacity", "名额", 1, 2000, "人");
    const auto o = f.date("registration_opens", "报名开始日期", out.registration_opens);
    const auto c = f.date("registration_closes", "报名截止日期", out.registration_closes);
    out.description = f.text("description", "活动介绍", 0, 500, false);
    if (d) out.date = *d;
    if (s) out.start_minute = *s;
    if (t) out.end_minute = *t;
    if (o) out.opens = *o;
    if (c) out.closes = *c;
    if (s && t && *t <= *s) e.push_back({"end", "before_start", "结束时刻（" + out.end + "）应晚于开始时刻（" + out.start + "）"});
    if (o && c && *c < *o)
        e.push_back({"registration_closes", "before_start", "报名截止日期（" + out.registration_closes + "）早于报名开始日期（" +
                                                                out.registration_opens + "）"});
    if (c && d && *c > *d)
        e.push_back({"registration_closes", "after_event", "报名截止日期（" + out.registration_closes + "）晚于活动日期（" +
                                                               out.day + "）"});
    return e;
}

std::vector<FieldError> registration_from_json(const json& j, RegistrationInput& out, const VisitRule& r) {
    std::vector<FieldError> e;
    Fields f(j, {"open_day_id", "name", "phone", "people"}, e);
    out.open_day_id = f.integer("open_day_id", "开放日活动", 1, 1'000'000'000, "号");
    out.name = f.text("name", "姓名", 2, 20, true);
    out.phone = f.phone("phone", "手机号");
    out.people = j.is_object() && j.contains("people") ? f.integer("people", "报名人数", 1, r.open_day_max_people, "人") : 1;
    return e;
}

std::optional<std::string> registration_closed_reason(const Date& opens, const Date& closes, const Date& today) {
    if (today < opens) return "报名尚未开始（" + format_date(opens) + " 开始报名）";
    if (today > closes) return "报名已截止（截止日期 " + format_date(closes) + "）";
    return std::nullopt;
}

std::vector<FieldError> reason_from_json(const json& j, std::string& out, bool required) {
    std::vector<FieldError> e;
    Fields f(j, {"reason"}, e);
    out = f.text("reason", "原因", 2, 200, required);
    return e;
}

}  // namespace yiyang::visits
