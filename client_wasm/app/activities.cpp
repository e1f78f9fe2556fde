// 工作台账 (activities_state.hpp): the month's list (GET /api/v1/activities?month&kind&status), a record with its
// evidence (GET /api/v1/activities/{id}), enter / correct (POST, PUT), approve / return (POST …/approve, …/return),
// and what came of the browser's uploads. Nothing is computed here: counts and figures are the server's.
#include <cstdio>

#include "app/app.hpp"
#include "app/json_read.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "yiyang/period.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

std::string shifted_month(const std::string& month, int by) {
    const auto p = parse_period(month);
    if (!p) return month;
    int y = p->first_day().year, m = p->first_day().month - 1 + by;
    y += m >= 0 ? m / 12 : (m - 11) / 12;
    m = ((m % 12) + 12) % 12;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m + 1);
    return buf;
}

json form_body(const ActivityForm& f, const wire::ActivityList* list) {
    json j = {{"kind", f.kind}, {"date", f.date}, {"title", f.title}};
    if (!f.place.empty()) j["place"] = f.place;
    if (f.participants) j["participants"] = f.participants;
    if (!f.participants_text.empty()) j["participants_text"] = f.participants_text;
    if (!f.note.empty()) j["note"] = f.note;
    // Only the quantities the kind takes (the server refuses the others).
    const wire::ActivityKindView* kind = nullptr;
    if (list)
        for (const auto& k : list->kinds)
            if (k.code == f.kind) kind = &k;
    if (kind && kind->measure == "quantity") j["quantity"] = f.quantity;
    if (kind && kind->measure == "counts") {
        j["numerator"] = f.numerator;
        j["denominator"] = f.denominator;
    }
    if (kind && !kind->channels.empty()) j["channel"] = f.channel;
    return j;
}

}  // namespace

void App::enter_activities() {
    if (!role_has_screen(s_, Screen::Activities)) return;
    load_activities();
}

void App::load_activities() {
    ActivitiesState& A = s_.activities;
    if (A.month.empty()) A.month = format_date(s_.today).substr(0, 7);
    std::string path = "/api/v1/activities?month=" + A.month;
    if (!A.kind.empty()) path += "&kind=" + A.kind;
    if (!A.status.empty()) path += "&status=" + A.status;
    s_.list_paths["activities"] = path;
    A.loading = true;
    A.error.clear();
    request("GET", path, nullptr, [this, path](const HttpResponse& r) {
        ActivitiesState& S = s_.activities;
        if (s_.list_paths["activities"] != path) return;   // other filters chosen meanwhile
        S.loading = false;
        std::string parse_error;
        auto list = r.status == 200 ? wire::read_reply<wire::ActivityList>(r.body, &parse_error) : std::nullopt;
        if (!list) {
            S.error = "工作台账加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.list = std::move(list);
    });
    if (A.selected != 0) load_activity(A.selected);
}

void App::load_activity(std::int64_t id) {
    request("GET", "/api/v1/activities/" + std::to_string(id), nullptr, [this, id](const HttpResponse& r) {
        ActivitiesState& S = s_.activities;
        if (S.selected != id) return;
        std::string parse_error;
        S.detail = r.status == 200 ? wire::read_reply<wire::ActivityView>(r.body, &parse_error) : std::nullopt;
        if (!S.detail) S.action_error = "记录加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
    });
}

void App::apply_activities(const ActivitiesIntent& intent) {
    ActivitiesState& A = s_.activities;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, ReloadActivities>) {
                load_activities();
            } else if constexpr (std::is_same_v<T, ShiftActivityMonth>) {
                A.month = shifted_month(A.month.empty() ? format_date(s_.today).substr(0, 7) : A.month, i.months);
                A.list.reset();
                load_activities();
            } else if constexpr (std::is_same_v<T, FilterActivities>) {
                A.kind = i.kind;
                A.status = i.status;
                load_activities();
            } else if constexpr (std::is_same_v<T, OpenActivityForm>) {
                A.form_open = true;
                A.form_errors.clear();
                A.form_error.clear();
                A.form = ActivityForm{};
                if (i.id != 0 && A.detail && A.detail->id == i.id) {
                    const auto& d = *A.detail;
                    A.form = {d.id, d.kind, d.date, d.title, d.place, d.participants_text, d.channel, d.note,
                              d.participants, d.quantity, d.numerator, d.denominator};
                } else {
                    A.form.date = format_date(s_.today);
                    if (A.list && !A.list->kinds.empty()) A.form.kind = A.kind.empty() ? A.list->kinds.front().code : A.kind;
                }
            } else if constexpr (std::is_same_v<T, EditActivityForm>) {
                A.form = i.form;
            } else if constexpr (std::is_same_v<T, CloseActivityForm>) {
                A.form_open = false;
                A.form_errors.clear();
                A.form_error.clear();
            } else if constexpr (std::is_same_v<T, SaveActivity>) {
                if (A.saving) return;
                const json body = form_body(A.form, A.list ? &*A.list : nullptr);
                const bool fresh = A.form.id == 0;
                const std::string path = fresh ? "/api/v1/activities" : "/api/v1/activities/" + std::to_string(A.form.id);
                A.saving = true;
                A.form_errors.clear();
                A.form_error.clear();
                request(fresh ? "POST" : "PUT", path, &body, [this, fresh](const HttpResponse& r) {
                    ActivitiesState& S = s_.activities;
                    S.saving = false;
                    auto view = (r.status == 201 || r.status == 200) ? wire::read_reply<wire::ActivityView>(r.body) : std::nullopt;
                    if (!view) {
                        if (auto e = error_reply_of(r.body)) S.form_errors = e->fields;
                        S.form_error = (fresh ? "保存失败：" : "修改失败：") + error_message_zh(r);
                        return;
                    }
                    S.form_open = false;
                    S.selected = view->id;
                    S.detail = std::move(view);
                    S.action_notice = fresh ? "已录入，请添加佐证文件（照片、签到表或 PDF）后等待主管审核" : "已修改，重新等待审核";
                    S.month = S.detail->date.substr(0, 7);
                    load_activities();
                });
            } else if constexpr (std::is_same_v<T, SelectActivity>) {
                A.selected = i.id;
                A.detail.reset();
                A.return_reason.clear();
                A.action_error.clear();
                A.action_notice.clear();
                if (i.id != 0) load_activity(i.id);
            } else if constexpr (std::is_same_v<T, EditReturnReason>) {
                A.return_reason = i.reason;
            } else if constexpr (std::is_same_v<T, DecideActivity>) {
                if (A.acting) return;
                const std::string path = "/api/v1/activities/" + std::to_string(i.id) + (i.approve ? "/approve" : "/return");
                const json body = i.approve ? json::object() : json{{"reason", A.return_reason}};
                A.acting = true;
                A.action_error.clear();
                A.action_notice.clear();
                const bool approve = i.approve;
                request("POST", path, &body, [this, approve](const HttpResponse& r) {
                    ActivitiesState& S = s_.activities;
                    S.acting = false;
                    auto view = r.status == 200 ? wire::read_reply<wire::ActivityView>(r.body) : std::nullopt;
                    if (!view) {
                        S.action_error = (approve ? "审核失败：" : "退回失败：") + error_message_zh(r);
                        return;
                    }
                    S.action_notice = "“" + view->title + "”" + (approve ? "已审核通过，计入绩效目标表" : "已退回：" + view->reason);
                    S.return_reason.clear();
                    S.detail = std::move(view);
                    load_activities();
                });
            } else if constexpr (std::is_same_v<T, ActivityUploadStarted>) {
                A.uploads_pending += i.count;
                A.action_error.clear();
                A.action_notice.clear();
            } else if constexpr (std::is_same_v<T, ActivityUploaded>) {
                if (A.uploads_pending > 0) --A.uploads_pending;
                if (i.status != 201) {
                    HttpResponse r;
                    r.status = i.status;
                    r.body = json::parse(i.text, nullptr, false);
                    A.action_error = "文件未上传：" + error_message_zh(r);
                } else {
                    A.action_notice = "佐证文件已上传";
                }
                if (A.uploads_pending == 0 && A.selected == i.record) {
                    load_activity(i.record);
                    load_activities();
                }
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const ActivitiesState& s) {
    json errors = json::array();
    for (const auto& e : s.form_errors) errors.push_back(e);
    json j = {{"month", s.month},           {"kind", s.kind},         {"status", s.status},
              {"loading", s.loading},       {"error", s.error},       {"form_open", s.form_open},
              {"saving", s.saving},         {"form_error", s.form_error}, {"form_errors", errors},
              {"selected", s.selected},     {"acting", s.acting},     {"action_error", s.action_error},
              {"action_notice", s.action_notice}, {"uploads_pending", s.uploads_pending}};
    j["form"] = {{"id", s.form.id}, {"kind", s.form.kind}, {"date", s.form.date}, {"title", s.form.title}};
    j["list"] = s.list ? json(*s.list) : json();
    j["detail"] = s.detail ? json(*s.detail) : json();
    return j;
}

}  // namespace yiyang::client
