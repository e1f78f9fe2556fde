// Activity records and their evidence files in SQLite (store/activities.hpp).
#include "store/activities.hpp"

#include <sodium.h>

namespace yiyang::store {

using activity::Status;

namespace {

constexpr const char* kColumns =
    "r.id, r.kind, r.day, r.title, r.place, r.participants, r.participants_text, r.quantity, r.numerator, "
    "r.denominator, r.channel, r.note, r.status, r.entered_by_id, r.entered_by, r.entered_at, r.decided_by_id, "
    "r.decided_by, r.decided_at, r.reason, (SELECT COUNT(*) FROM activity_files f WHERE f.record_id = r.id)";

ActivityRow read_row(SQLite::Statement& st) {
    ActivityRow a;
    a.id = st.getColumn(0).getInt64();
    a.input.kind = st.getColumn(1).getString();
    a.input.date = st.getColumn(2).getString();
    a.input.day = parse_date(a.input.date).value_or(Date{});
    a.input.title = st.getColumn(3).getString();
    a.input.place = st.getColumn(4).getString();
    a.input.participants = st.getColumn(5).getInt64();
    a.input.participants_text = st.getColumn(6).getString();
    a.input.quantity = st.getColumn(7).getInt64();
    a.input.numerator = st.getColumn(8).getInt64();
    a.input.denominator = st.getColumn(9).getInt64();
    a.input.channel = st.getColumn(10).getString();
    a.input.note = st.getColumn(11).getString();
    a.status = activity::parse_status(st.getColumn(12).getString()).value_or(Status::Entered);
    a.entered_by_id = st.getColumn(13).getInt64();
    a.entered_by = st.getColumn(14).getString();
    a.entered_at = st.getColumn(15).getInt64();
    if (!st.getColumn(16).isNull()) a.decided_by_id = st.getColumn(16).getInt64();
    a.decided_by = st.getColumn(17).getString();
    if (!st.getColumn(18).isNull()) a.decided_at = st.getColumn(18).getInt64();
    a.reason = st.getColumn(19).getString();
    a.files = st.getColumn(20).getInt64();
    return a;
}

void bind_input(SQLite::Statement& st, int first, const activity::ActivityInput& in) {
    st.bind(first + 0, in.kind);
    st.bind(first + 1, format_date(in.day));
    st.bind(first + 2, in.title);
    st.bind(first + 3, in.place);
    st.bind(first + 4, in.participants);
    st.bind(first + 5, in.participants_text);
    st.bind(first + 6, in.quantity);
    st.bind(first + 7, in.numerator);
    st.bind(first + 8, in.denominator);
    st.bind(first + 9, in.channel);
    st.bind(first + 10, in.note);
}

std::string blob_of(const SQLite::Column& c) {
    const auto* p = static_cast<const char*>(c.getBlob());
    return p ? std::string(p, static_cast<std::size_t>(c.getBytes())) : std::string();
}

}  // namespace

Id insert_activity(SQLite::Database& db, const activity::ActivityInput& in, Id user_id, const std::string& user,
                   LocalSeconds now) {
    SQLite::Statement st(db, "INSERT INTO activity_records (kind, day, title, place, participants, participants_text, "
                             "quantity, numerator, denominator, channel, note, status, entered_by_id, entered_by, "
                             "entered_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'entered',?,?,?,?)");
    bind_input(st, 1, in);
    st.bind(12, static_cast<std::int64_t>(user_id));
    st.bind(13, user);
    st.bind(14, static_cast<std::int64_t>(now));
    st.bind(15, static_cast<std::int64_t>(now));
    st.exec();
    return db.getLastInsertRowid();
}

bool update_activity(SQLite::Database& db, Id id, Status from, const activity::ActivityInput& in, LocalSeconds now) {
    SQLite::Statement st(db, "UPDATE activity_records SET kind = ?, day = ?, title = ?, place = ?, participants = ?, "
                             "participants_text = ?, quantity = ?, numerator = ?, denominator = ?, channel = ?, note = ?, "
                             "status = 'entered', decided_by_id = NULL, decided_by = '', decided_at = NULL, "
                             "updated_at = ? WHERE id = ? AND status = ?");
    bind_input(st, 1, in);
    st.bind(12, static_cast<std::int64_t>(now));
    st.bind(13, static_cast<std::int64_t>(id));
    st.bind(14, activity::code(from));
    return st.exec() == 1;
}

std::optional<ActivityRow> find_activity(SQLite::Database& db, Id id) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM activity_records r WHERE r.id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.executeStep()) return std::nullopt;
    return read_row(st);
}

std::vector<ActivityRow> list_activities(SQLite::Database& db, const std::string& first, const std::string& last,
                                         const std::string& kind, std::optional<Status> status) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns +
                                 " FROM activity_records r WHERE r.day BETWEEN ? AND ? AND (? = '' OR r.kind = ?) "
                                 "AND (? = '' OR r.status = ?) ORDER BY r.day DESC, r.id DESC");
    st.bind(1, first);
    st.bind(2, last);
    st.bind(3, kind);
    st.bind(4, kind);
    const std::string s = status ? activity::code(*status) : "";
    st.bind(5, s);
    st.bind(6, s);
    std::vector<ActivityRow> out;
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
}

std::vector<ActivityRow> activities_by_ids(SQLite::Database& db, const std::vector<Id>& ids) {
    SQLite::Statement st(db, std::string("SELECT ") + kColumns + " FROM activity_records r WHERE r.id = ?");
    std::vector<ActivityRow> out;
    for (Id id : ids) {
        st.reset();
        st.bind(1, static_cast<std::int64_t>(id));
        if (st.executeStep()) out.push_back(read_row(st));
    }
    return out;
}

bool decide_activity(SQLite::Database& db, Id id, Status from, Status to, Id user_id, const std::string& user,
                     const std::string& reason, LocalSeconds now) {
    SQLite::Statement st(db, "UPDATE activity_records SET status = ?, decided_by_id = ?, decided_by = ?, decided_at = ?, "
                             "reason = ?, updated_at = ? WHERE id = ? AND status = ?");
    st.bind(1, activity::code(to));
    st.bind(2, static_cast<std::int64_t>(user_id));
    st.bind(3, user);
    st.bind(4, static_cast<std::int64_t>(now));
    st.bind(5, reason);
    st.bind(6, static_cast<std::int64_t>(now));
    st.bind(7, static_cast<std::int64_t>(id));
    st.bind(8, activity::code(from));
    return st.exec() == 1;
}

std::vector<activity::KpiActivity> kpi_activities(SQLite::Database& db, const Date& first, const Date& last) {
    SQLite::Statement st(db, "SELECT id, kind, day, place, quantity, numerator, denominator FROM activity_records "
                             "WHERE status = 'approved' AND day BETWEEN ? AND ? ORDER BY id");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<activity::KpiActivity> out;
    while (st.executeStep()) {
        activity::KpiActivity a;
        a.id = st.getColumn(0).getInt64();
        a.kind = st.getColumn(1).getString();
        a.day = parse_date(st.getColumn(2).getString()).value_or(Date{});
        a.status = Status::Approved;
        a.place = st.getColumn(3).getString();
        a.quantity = st.getColumn(4).getInt64();
        a.numerator = st.getColumn(5).getInt64();
        a.denominator = st.getColumn(6).getInt64();
        out.push_back(std::move(a));
    }
    return out;
}

Id insert_activity_file(SQLite::Database& db, const NewActivityFile& f) { return insert_stored_file(db, kActivityFiles, f); }

std::vector<ActivityFileRow> files_of_activity(SQLite::Database& db, Id record_id) {
    return stored_files(db, kActivityFiles, record_id);
}

std::int64_t count_activity_files(SQLite::Database& db, Id record_id) {
    SQLite::Statement st(db, "SELECT COUNT(*) FROM activity_files WHERE record_id = ?");
    st.bind(1, static_cast<std::int64_t>(record_id));
    st.executeStep();
    return st.getColumn(0).getInt64();
}

std::int64_t count_all_activity_files(SQLite::Database& db) {
    return db.execAndGet("SELECT COUNT(*) FROM activity_files").getInt64();
}

std::optional<ActivityFileBytes> activity_file_bytes(SQLite::Database& db, Id file_id, bool thumb) {
    SQLite::Statement st(db, thumb ? "SELECT record_id, 'image/jpeg', thumb FROM activity_files WHERE id = ? AND thumb IS NOT NULL"
                                   : "SELECT record_id, mime, bytes FROM activity_files WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(file_id));
    if (!st.executeStep()) return std::nullopt;
    return ActivityFileBytes{st.getColumn(0).getInt64(), st.getColumn(1).getString(), blob_of(st.getColumn(2))};
}

namespace {

std::string hex_sha256(const std::string& bytes) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

// A one-page PDF whose only content is a comment naming the record (the demo's stand-in for a scanned sign-in sheet).
std::string demo_pdf(Id record) {
    return "%PDF-1.4\n% yiyang demo evidence, activity record " + std::to_string(record) +
           "\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
           "endobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

}  // namespace

void seed_demo_activities(SQLite::Database& db, LocalSeconds now) {
    const Date today = date_of(now);
    struct Demo {
        int days_ago;
        const char* kind;
        const char* title;
        const char* place;
        std::int64_t participants, quantity, numerator, denominator;
        const char* channel;
        Status status;
        const char* reason;
    };
    std::vector<Demo> demo = {
        {150, "training", "第一期话务坐席培训：服务规范与知识库", "调度中心培训室", 8, 0, 0, 0, "", Status::Approved, ""},
        {100, "training", "第二期话务坐席培训：补贴项目政策解读", "调度中心培训室", 9, 0, 0, 0, "", Status::Approved, ""},
        {45, "training", "第三期话务坐席培训：紧急求助处置演练", "调度中心培训室", 8, 0, 0, 0, "", Status::Approved, ""},
        {2, "training", "第四期话务坐席培训：系统新功能", "调度中心培训室", 10, 0, 0, 0, "", Status::Entered, ""},
        {120, "smart_ageing", "智慧助老进社区：手机挂号与扫码支付", "石岐街道长者服务中心", 35, 0, 0, 0, "", Status::Approved, ""},
        {60, "smart_ageing", "智慧助老课堂：防范电信诈骗", "东区颐养院", 42, 0, 0, 0, "", Status::Approved, ""},
        {90, "exchange_event", "平台服务商交流会（第一次）", "市民政局二楼会议室", 26, 0, 0, 0, "", Status::Approved, ""},
        {80, "campaign", "重阳节线下宣传活动", "孙文西路步行街", 200, 0, 0, 0, "线下", Status::Approved, ""},
        {30, "campaign", "养老服务消费补贴线上有奖问答", "", 850, 0, 0, 0, "线上", Status::Approved, ""},
        {110, "promo_print", "智慧养老宣传折页（第一批）", "", 0, 1800, 0, 0, "", Status::Approved, ""},
        {20, "promo_print", "88885252热线宣传海报", "", 0, 600, 0, 0, "", Status::Approved, ""},
        {5, "promo_print", "宣传手提袋", "", 0, 2000, 0, 0, "", Status::Returned, "印刷单数量与登记不符，请核对后修改"},
        {95, "promo_check", "宣传展架季度检查", "各镇街养老服务网点", 0, 0, 24, 24, "", Status::Approved, ""},
        {10, "promo_check", "宣传展架与触摸屏季度检查", "各镇街养老服务网点", 0, 0, 23, 24, "", Status::Approved, ""},
        {70, "display_site", "长者饭堂服务产品展示点", "石岐街道长者饭堂", 0, 0, 0, 0, "", Status::Approved, ""},
        {65, "display_site", "日间照料中心展示点", "东区日间照料中心", 0, 0, 0, 0, "", Status::Approved, ""},
        {40, "display_site", "镇街养老服务网点展示点", "小榄镇养老服务中心", 0, 0, 0, 0, "", Status::Approved, ""},
        {25, "exhibit_check", "展厅产品功能月度检查", "智慧养老展示大厅", 0, 0, 36, 36, "", Status::Approved, ""},
        {8, "exhibit_check", "展厅产品功能月度检查", "智慧养老展示大厅", 0, 0, 35, 36, "", Status::Approved, ""},
        {12, "feedback", "系统用户使用反馈回应（月度汇总）", "", 0, 0, 31, 31, "", Status::Approved, ""},
        {12, "info_review", "公众端信息公开审核（月度汇总）", "", 0, 0, 58, 58, "", Status::Approved, ""},
        {12, "consultation", "镇街及服务商系统应用咨询（月度汇总）", "", 0, 0, 44, 44, "", Status::Approved, ""},
        {50, "satisfaction_survey", "补贴对象满意度电话调查（第一轮）", "", 0, 62, 0, 0, "", Status::Approved, ""},
        {15, "subsidy_spot_check", "养老服务消费补贴消费行为抽查", "", 0, 48, 0, 0, "", Status::Approved, ""},
        {55, "telephony_maintenance", "话务系统录音模块维护", "调度中心机房", 0, 0, 0, 0, "", Status::Approved, ""},
    };
    // Posts: two a week over the eight weeks before this one, but one in the fifth week back (每周2条 not met there).
    const Date this_monday = add_days(today, 1 - iso_weekday(today));
    static const char* const channels[] = {"微信公众号", "门户网站"};
    std::vector<std::string> post_titles;
    for (int w = 1; w <= 8; ++w) {
        const Date monday = add_days(this_monday, -7 * w);
        for (int p = 0; p < (w == 5 ? 1 : 2); ++p) {
            const Date day = add_days(monday, p == 0 ? 1 : 3);
            Demo d{static_cast<int>(days_from_civil(today) - days_from_civil(day)), "post", "", "", 0, 0, 0, 0,
                   channels[p], Status::Approved, ""};
            std::string title = "养老服务信息发布：第";   // appended, not one + chain (g++ 12 -Warray-bounds false positive)
            title += std::to_string(9 - w);
            title += "周第";
            title += std::to_string(p + 1);
            title += "条";
            post_titles.push_back(std::move(title));
            demo.push_back(d);
        }
    }
    demo.push_back({1, "post", "", "", 0, 0, 0, 0, "微信公众号", Status::Entered, ""});
    post_titles.push_back("养老服务信息发布：本周第1条");
    std::size_t post_i = 0;
    for (const auto& d : demo) {
        activity::ActivityInput in;
        in.kind = d.kind;
        in.day = add_days(today, -d.days_ago);
        in.date = format_date(in.day);
        in.title = std::string(d.kind) == "post" ? post_titles[post_i++] : d.title;
        in.place = d.place;
        in.participants = d.participants;
        in.quantity = d.quantity;
        in.numerator = d.numerator;
        in.denominator = d.denominator;
        in.channel = d.channel;
        const LocalSeconds entered_at = start_of(in.day) + 17 * 3600;
        const Id id = insert_activity(db, in, 0, "演示坐席", entered_at);
        if (d.status != Status::Entered) {
            decide_activity(db, id, Status::Entered, d.status, 0, "演示主管", d.reason, entered_at + 3600);
        }
        if (d.status == Status::Approved) {
            const std::string bytes = demo_pdf(id);
            insert_activity_file(db, {id, "佐证材料.pdf", 0, "演示坐席", entered_at, hex_sha256(bytes), "application/pdf", 0, 0,
                                      bytes, ""});
        }
    }
}

}  // namespace yiyang::store
