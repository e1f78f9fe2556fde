// Intents -> HTTP calls (docs/API.md) -> state. Validation of the elder form is shared validate_elder, so the
// browser shows the same Chinese messages as the server; the server's 422 `fields` are shown beside them.
// A 401 anywhere after sign-in ends the session: back to sign-in with "会话已过期，请重新登录".
#include "app/app.hpp"
#include "app/json_read.hpp"
#include "app/screens.hpp"

#include <algorithm>

#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/access.hpp"
#include "yiyang/validation.hpp"
#include "yiyang/wire/elders.hpp"
#include "yiyang/wire/overview.hpp"
#include "yiyang/wire/reference.hpp"
#include "yiyang/wire/session.hpp"

namespace yiyang::client {

using nlohmann::json;

std::string error_message_zh(const HttpResponse& r) {
    if (auto e = error_reply_of(r.body); e && !e->message.empty()) return e->message;
    switch (r.status) {
        case 0: return "无法连接服务器，请检查网络后重试";
        case 400: return "请求格式错误";
        case 401: return "请先登录";
        case 403: return "当前账号无权进行此操作";
        case 404: return "记录不存在或已被删除";
        case 409: return "该记录已被他人修改，请刷新后再编辑";
        case 413: return "提交的内容过大";
        case 422: return "提交的内容有误，请按提示更正";
        case 423: return "账号已锁定，请15分钟后再试";
        case 429: return "操作过于频繁，请稍后再试";
        default: break;
    }
    return "服务器出错，请稍后再试（HTTP " + std::to_string(r.status) + "）";
}

namespace {

std::set<std::string> masked_fields_of(const Elder& e) {
    std::set<std::string> out;
    auto masked = [](const std::string& v) { return v.find('*') != std::string::npos; };
    if (masked(e.id_number)) out.insert("id_number");
    if (masked(e.phone)) out.insert("phone");
    if (masked(e.name)) out.insert("name");
    if (masked(e.address)) out.insert("address");
    return out;
}

// The fields of a form that differ (names as in FieldError::field).
std::set<std::string> changed_fields(const ElderForm& a, const ElderForm& b) {
    std::set<std::string> out;
    const Elder& x = a.elder;
    const Elder& y = b.elder;
    if (x.name != y.name) out.insert("name");
    if (x.id_number != y.id_number) out.insert("id_number");
    if (x.phone != y.phone) out.insert("phone");
    if (x.town_id != y.town_id) out.insert("town_id");
    if (x.community != y.community) out.insert("community");
    if (x.address != y.address) out.insert("address");
    if (x.categories != y.categories) out.insert("categories");
    if (x.disability != y.disability) out.insert("disability");
    if (x.subsidy_tier != y.subsidy_tier) out.insert("subsidy_tier");
    if (x.status != y.status) out.insert("status");
    if (a.death_date_text != b.death_date_text) out.insert("death_date");
    if (x.health_notes != y.health_notes) out.insert("health_notes");
    return out;
}

// The edit form for an elder as the server sent it (masked fields stay read-only).
ElderForm form_for(Elder elder, bool can_edit) {
    ElderForm form;
    form.elder = std::move(elder);
    form.is_new = false;
    form.death_date_text = form.elder.death_date ? format_date(*form.elder.death_date) : std::string();
    form.read_only = !can_edit;
    form.masked_fields = masked_fields_of(form.elder);
    return form;
}

}  // namespace

// ---- plumbing ------------------------------------------------------------------------------------
bool App::take_changed() {
    bool c = changed_;
    changed_ = false;
    return c;
}

void App::set_today(const Date& today) {
    if (today != s_.today) {
        s_.today = today;
        changed_ = true;
    }
}

void App::set_status(StatusKind kind, std::string text) {
    s_.status = StatusMessage{kind, std::move(text)};
    changed_ = true;
}

void App::request(const std::string& method, const std::string& path, const json* body, Handler on_done,
                  bool is_sign_in) {
    ++s_.pending_requests;
    changed_ = true;
    const std::uint64_t epoch = session_epoch_;
    http_request(method, path, body, [this, epoch, is_sign_in, on_done](const HttpResponse& r) {
        --s_.pending_requests;
        changed_ = true;
        if (epoch != session_epoch_) return;             // a reply for a session that has ended
        if (r.status == 401 && !is_sign_in) {
            session_expired();
            return;
        }
        on_done(r);
    });
}

void App::session_expired() {
    if (kiosk_session_ended()) return;   // a kiosk: its token again, or 本设备已停用 (app/kiosk_devices.cpp)
    if (s_.user && s_.user->role == Role::Kiosk) {      // a kiosk never drops to the sign-in form (app/kiosk.cpp)
        kiosk_session_lost();
        return;
    }
    const bool was_signed_in = s_.user.has_value();
    ++session_epoch_;
    const std::string username = s_.user ? s_.user->username : s_.sign_in.username;
    AppState fresh;
    fresh.today = s_.today;
    fresh.pending_requests = s_.pending_requests;
    fresh.sign_in.username = username;
    fresh.screen = Screen::SignIn;
    fresh.demo.on = s_.demo.on;                          // still a demo: the visitor buttons and the banner stay
    s_ = std::move(fresh);
    if (was_signed_in) {
        s_.sign_in.error = "会话已过期，请重新登录";
        set_status(StatusKind::Error, "会话已过期，请重新登录");
    }
    check_demo_mode();                                   // the sign-in screen: the demo's visitor buttons (app/demo.cpp)
    changed_ = true;
}

// ---- session -------------------------------------------------------------------------------------
void App::start() {
    // Opened at #/kiosk?device=TOKEN, or a kiosk device's browser restarted: the device signs in by its token
    // (the URL's, else the device cookie's).
    if (!kiosk_token_.empty() || kiosk_device_browser_) {
        kiosk_sign_in();
        return;
    }
    request("GET", "/api/v1/me", nullptr, [this](const HttpResponse& r) {
        if (r.status == 200 && r.body.is_object()) {
            signed_in(r.body);
        } else {
            s_.screen = Screen::SignIn;
            if (r.status != 401) set_status(StatusKind::Error, error_message_zh(r));
        }
    });
}

void App::signed_in(const json& body) {
    auto session = wire::read_reply<wire::SessionReply>(body);
    if (!session) {
        s_.screen = Screen::SignIn;
        s_.sign_in.error = "服务器返回的用户信息无法识别";
        return;
    }
    s_.user = session->user;
    s_.must_change_password = session->must_change_password;
    s_.demo.on = session->demo;
    s_.demo.visitor = session->demo_account;
    s_.assessment.months.my_department = session->user.role == Role::Leader ? std::string(wire::kLeaderSheet) : session->department_code;
    const ElderFieldPolicy policy = elder_policy(s_.user->role);
    s_.can_create_elders = policy.can_create;
    s_.can_edit_elders = policy.can_edit;
    s_.can_see_health = policy.health;
    s_.can_list_elders = policy.scope != ElderScope::None;
    s_.sign_in.password.clear();
    s_.sign_in.error.clear();
    if (s_.must_change_password) {
        s_.password = PasswordForm{};
        s_.screen = Screen::ChangePassword;      // the panel explains why
    } else {
        enter_signed_in_area();
    }
    changed_ = true;
}

void App::enter_signed_in_area() {
    if (s_.user && s_.user->role == Role::Kiosk) {      // 展厅大屏: full screen, nothing else (app/kiosk.cpp)
        enter_kiosk();
        return;
    }
    s_.screen = Screen::Home;
    if (s_.user && s_.user->role != Role::Kiosk) load_towns();
    load_overview();
    start_live();
    after_sign_in();                                     // the linked screen, the saved draft (navigation.cpp)
}

void App::navigate(Screen to) {
    if (!s_.user || s_.must_change_password) return;     // nothing else before the password is changed
    if (s_.user->role == Role::Kiosk) return;            // 展厅大屏 shows its playlist only (app/kiosk.cpp)
    if (screen_spec(to).layout != ScreenLayout::Framed) return;   // sign-in etc. are not navigated to
    if (!role_has_screen(s_, to)) {                       // shared/access: this role does not have it
        set_status(StatusKind::Error, std::string("当前账号无权打开「") + screen_title_zh(to) + "」");
        return;
    }
    if (to == Screen::ElderProfile && !s_.form) return;
    if (to == Screen::OrderDetail) return;               // reached through open_order(id)
    s_.screen = to;
    if (to == Screen::Home && !s_.overview) load_overview();
    if (to == Screen::ElderList && !s_.elders.loaded) search(s_.query);
    if (to == Screen::Intake) enter_intake();
    if (to == Screen::Knowledge) enter_knowledge();
    if (to == Screen::Orders) enter_orders();
    if (to == Screen::Kpis) enter_kpis();
    if (to == Screen::Watch) enter_watch();
    if (to == Screen::Rules) enter_rules();
    if (to == Screen::Calls) enter_calls();
    if (to == Screen::Verification) enter_verification();
    if (to == Screen::Assessment) enter_assessment();
    if (to == Screen::Settlement) enter_settlement();
    if (to == Screen::Contracts) enter_contracts();
    if (to == Screen::ServiceMap) enter_service_map();   // map
    if (to == Screen::KioskDevices) enter_kiosk_devices();
    if (to == Screen::Exhibition) enter_exhibition();
    if (to == Screen::TargetTable) enter_target_table();
    if (to == Screen::Activities) enter_activities();   // issue 13
    if (to == Screen::ProviderSupervision) enter_provider_supervision();   // issue 13, providers
    if (to == Screen::Inspections) enter_inspections();
    if (to == Screen::Reports) enter_reports();
    changed_ = true;
}

void App::load_towns() {
    request("GET", "/api/v1/towns", nullptr, [this](const HttpResponse& r) {
        if (r.status != 200) {
            set_status(StatusKind::Error, "镇街列表加载失败：" + error_message_zh(r));
            return;
        }
        auto towns = wire::read_reply<wire::TownList>(r.body);
        if (!towns) {
            set_status(StatusKind::Error, "镇街列表格式无法识别");
            return;
        }
        s_.towns = std::move(towns->towns);
        s_.town_ids.clear();
        for (const auto& t : s_.towns) s_.town_ids.insert(t.id);
        if (s_.form) revalidate();
    });
}

void App::load_overview() {
    if (s_.user && may(s_.user->role, Permission::ReadOrders)) load_queues();
    request("GET", "/api/v1/overview", nullptr, [this](const HttpResponse& r) {
        if (r.status != 200 || !r.body.is_object()) {
            set_status(StatusKind::Error, "首页数据加载失败：" + error_message_zh(r));
            return;
        }
        auto overview = wire::read_reply<wire::OverviewReply>(r.body);
        if (!overview) {
            set_status(StatusKind::Error, "首页数据格式无法识别");
            return;
        }
        s_.overview = std::move(*overview);
    });
}

// ---- elders --------------------------------------------------------------------------------------
void App::search(const ElderQuery& q) {
    ElderQuery query = q;
    query.page = std::max(1, query.page);
    query.page_size = std::clamp(query.page_size, 1, 200);
    s_.query = query;
    const std::uint64_t seq = ++search_seq_;
    std::string path = "/api/v1/elders?page=" + std::to_string(query.page) +
                       "&page_size=" + std::to_string(query.page_size);
    if (!query.q.empty()) path += "&q=" + url_encode(query.q);
    if (query.town_id != 0) path += "&town=" + std::to_string(query.town_id);
    if (!query.category.empty()) path += "&category=" + url_encode(query.category);
    if (!query.status.empty()) path += "&status=" + url_encode(query.status);
    if (!query.sort.empty()) path += "&sort=" + url_encode(query.sort);   // the export keeps it: same order
    s_.list_paths["elders"] = path;
    request("GET", path, nullptr, [this, seq, query](const HttpResponse& r) {
        if (seq != search_seq_) return;                  // a newer search is under way
        if (r.status != 200 || !r.body.is_object()) {
            set_status(StatusKind::Error, "查询失败：" + error_message_zh(r));
            return;
        }
        auto page = wire::read_reply<wire::ElderPage>(r.body);
        if (!page) {
            set_status(StatusKind::Error, "查询结果格式无法识别");
            return;
        }
        ElderListData data;
        data.query = query;
        data.loaded = true;
        data.total = page->page.total;
        data.masked = page->masked;
        data.items = std::move(page->page.items);
        s_.elders = std::move(data);
        if (s_.status.kind == StatusKind::Error) s_.status = {};
    });
}

void App::open_elder(Id id) {
    const std::uint64_t seq = ++open_seq_;
    request("GET", "/api/v1/elders/" + std::to_string(id), nullptr, [this, seq](const HttpResponse& r) {
        if (seq != open_seq_) return;
        if (r.status != 200 || !r.body.is_object()) {
            set_status(StatusKind::Error, "档案加载失败：" + error_message_zh(r));
            return;
        }
        auto reply = wire::read_reply<wire::ElderReply>(r.body);
        if (!reply) {
            set_status(StatusKind::Error, "档案格式无法识别");
            return;
        }
        ElderForm form = form_for(reply->elder, s_.can_edit_elders);
        s_.profile_town_name = reply->town_name;
        s_.form = std::move(form);
        s_.field_errors = {};
        s_.version_conflict = false;
        s_.last_save_ok.reset();
        s_.status = {};
        s_.screen = Screen::ElderProfile;
        revalidate();
    });
}

void App::revalidate() {
    if (!s_.form) return;
    ElderForm& f = *s_.form;
    Elder e = f.elder;
    s_.field_errors.local.clear();
    std::map<std::string, std::string>& local = s_.field_errors.local;
    if (f.death_date_text.empty()) {
        e.death_date.reset();
    } else if (auto d = parse_date(f.death_date_text)) {
        e.death_date = *d;
    } else {
        e.death_date.reset();
        local["death_date"] = "死亡日期应为 YYYY-MM-DD 格式的真实日期，例如 2026-11-02";
    }
    const std::vector<FieldError> errors = validate_elder(e, s_.town_ids, s_.today);
    for (const FieldError& err : errors) {
        if (err.field == "town_id" && s_.towns.empty()) continue;   // towns not loaded yet: the server decides
        if (f.masked_fields.count(err.field)) continue;              // the server keeps masked values as stored
        std::string& slot = local[err.field];
        if (slot.find(err.message_zh) != std::string::npos) continue;
        if (!slot.empty()) slot += "；";
        slot += err.message_zh;
    }
    f.derived_age.reset();
    if (f.masked_fields.count("id_number")) {
        // As the server derived it: the age only, for the birth date would unmask the ID (records.hpp).
        if (f.elder.age) {
            f.derived_birth.reset();
            f.derived_age = f.elder.age;
        } else {
            f.derived_birth = f.elder.birth_date;
        }
        f.derived_sex = f.elder.sex;
    } else if (local.count("id_number") == 0 && !e.id_number.empty() && !e.sex.empty()) {
        f.derived_birth = e.birth_date;
        f.derived_sex = e.sex;
    } else {
        f.derived_birth.reset();
        f.derived_sex.clear();
    }
    changed_ = true;
}

void App::edit_elder(const ElderForm& edited) {
    if (!s_.form || s_.form->read_only) return;
    for (const std::string& field : changed_fields(*s_.form, edited)) s_.field_errors.server.erase(field);
    ElderForm f = edited;
    f.derived_birth = s_.form->derived_birth;
    f.derived_age = s_.form->derived_age;
    f.derived_sex = s_.form->derived_sex;
    f.read_only = s_.form->read_only;
    f.masked_fields = s_.form->masked_fields;
    f.is_new = s_.form->is_new;
    s_.form = std::move(f);
    s_.last_save_ok.reset();
    revalidate();
}

void App::save_elder() {
    if (!s_.form || s_.form->read_only) return;
    ElderForm& f = *s_.form;
    f.show_all_errors = true;
    revalidate();
    if (!s_.field_errors.local.empty()) {
        s_.last_save_ok = false;
        set_status(StatusKind::Error,
                   "有 " + std::to_string(s_.field_errors.local.size()) + " 处需要更正（见标红的字段），尚未保存");
        return;
    }
    Elder e = f.elder;
    e.death_date = f.death_date_text.empty() ? std::nullopt : parse_date(f.death_date_text);
    if (!f.masked_fields.count("id_number")) {
        validate_elder(e, s_.town_ids, s_.today);        // derives birth date and sex from the ID number
    }
    json body = e;
    const bool is_new = f.is_new;
    if (is_new) {
        body.erase("id");
        body.erase("version");
    }
    const std::string path = is_new ? "/api/v1/elders" : "/api/v1/elders/" + std::to_string(e.id);
    set_status(StatusKind::Info, "正在保存…");
    const std::uint64_t form_seq = open_seq_;
    request(is_new ? "POST" : "PUT", path, &body, [this, is_new, form_seq](const HttpResponse& r) {
        if (!s_.form || form_seq != open_seq_) return;   // another record was opened meanwhile
        if ((r.status == 200 || r.status == 201) && r.body.is_object()) {
            auto reply = wire::read_reply<wire::ElderReply>(r.body);
            if (!reply) {
                s_.last_save_ok = false;
                set_status(StatusKind::Error, "已提交，但服务器返回的档案格式无法识别，请刷新");
                return;
            }
            ElderForm saved = form_for(reply->elder, s_.can_edit_elders);
            s_.profile_town_name = reply->town_name;
            const std::string name = saved.elder.name;
            s_.form = std::move(saved);
            s_.field_errors = {};
            s_.version_conflict = false;
            s_.last_save_ok = true;
            s_.elders.loaded = false;                    // the list and the figures changed
            s_.overview.reset();
            revalidate();
            set_status(StatusKind::Success, (is_new ? "已新增服务对象：" : "已保存：") + name);
            return;
        }
        s_.last_save_ok = false;
        const std::string code = error_code_of(r.body);
        if (r.status == 409 && !is_new && (code == "version_conflict" || code.empty())) {
            s_.version_conflict = true;
            set_status(StatusKind::Error, "该记录已被他人修改，请刷新后再编辑");
            return;
        }
        // 422 validation, 409 duplicate ID number, 400: the server's messages go beside their fields.
        s_.field_errors.server = field_errors_of(r.body);
        set_status(StatusKind::Error, "保存失败：" + error_message_zh(r));
    });
}

// ---- intents -------------------------------------------------------------------------------------
void App::apply(const Intent& intent) {
    changed_ = true;
    note_forms();
    if (!guard_off_ && guard(intent)) return;            // asked first (app/navigation.cpp)
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, EditSignIn>) {
                s_.sign_in = i.form;
            } else if constexpr (std::is_same_v<T, SignIn>) {
                if (s_.sign_in.username.empty() || s_.sign_in.password.empty()) {
                    s_.sign_in.error = "请输入用户名和密码";
                    return;
                }
                s_.sign_in.error.clear();
                s_.status = {};
                json body = wire::SignInRequest{s_.sign_in.username, s_.sign_in.password};
                request("POST", "/api/v1/session", &body, [this](const HttpResponse& r) {
                    if (r.status == 200 || r.status == 201) {
                        signed_in(r.body);
                    } else {
                        // A refusal clears the password; no reply at all (status 0) refused nothing: keep it.
                        if (r.status != 0) s_.sign_in.password.clear();
                        s_.sign_in.error = r.status == 401 && error_message_zh(r) == "请先登录"
                                               ? "用户名或密码错误"
                                               : error_message_zh(r);
                    }
                }, true);
            } else if constexpr (std::is_same_v<T, SignOut>) {
                request("DELETE", "/api/v1/session", nullptr, [](const HttpResponse&) {}, true);
                ++session_epoch_;
                AppState fresh;
                fresh.today = s_.today;
                fresh.pending_requests = s_.pending_requests;
                fresh.screen = Screen::SignIn;
                fresh.demo.on = s_.demo.on;
                s_ = std::move(fresh);
                set_status(StatusKind::Info, "已退出登录");
            } else if constexpr (std::is_same_v<T, EditPassword>) {
                s_.password = i.form;
            } else if constexpr (std::is_same_v<T, ChangePassword>) {
                if (s_.password.old_password.empty() || s_.password.new_password.empty()) {
                    s_.password.error = "请填写原密码和新密码";
                    return;
                }
                if (s_.password.new_password != s_.password.confirm) {
                    s_.password.error = "两次输入的新密码不一致";
                    return;
                }
                s_.password.error.clear();
                json body = wire::PasswordChange{s_.password.old_password, s_.password.new_password};
                request("PUT", "/api/v1/me/password", &body, [this](const HttpResponse& r) {
                    if (r.status == 204 || r.status == 200) {
                        s_.password = PasswordForm{};
                        s_.must_change_password = false;
                        enter_signed_in_area();
                        set_status(StatusKind::Success, "密码已修改");
                    } else {
                        s_.password.error = error_message_zh(r);
                    }
                });
            } else if constexpr (std::is_same_v<T, Navigate>) {
                navigate(i.to);
            } else if constexpr (std::is_same_v<T, LoadOverview>) {
                load_overview();
            } else if constexpr (std::is_same_v<T, EditQuery>) {
                s_.query = i.query;
            } else if constexpr (std::is_same_v<T, SearchElders>) {
                ++elders_debounce_;                        // a pending as-you-type search is superseded
                search(i.query);
            } else if constexpr (std::is_same_v<T, SearchEldersSoon>) {
                // As you type: ~300 ms after the last keystroke; late replies of older searches are dropped
                // (search_seq_ in search()).
                s_.query = i.query;
                const std::uint64_t seq = ++elders_debounce_;
                set_timeout(300, [this, seq] {
                    if (seq != elders_debounce_ || !s_.user) return;
                    ElderQuery q = s_.query;
                    q.page = 1;
                    search(q);
                    changed_ = true;
                });
            } else if constexpr (std::is_same_v<T, OpenElder>) {
                open_elder(i.id);
            } else if constexpr (std::is_same_v<T, NewElder>) {
                if (!s_.can_create_elders) return;
                ++open_seq_;                                 // a late reply for another record is dropped
                ElderForm form;
                form.is_new = true;
                form.elder.status = ElderStatus::Active;
                if (s_.user && s_.user->role == Role::Town && s_.user->town_id) form.elder.town_id = *s_.user->town_id;
                s_.form = std::move(form);
                s_.profile_town_name.clear();
                s_.field_errors = {};
                s_.version_conflict = false;
                s_.last_save_ok.reset();
                s_.status = {};
                s_.screen = Screen::ElderProfile;
                revalidate();
            } else if constexpr (std::is_same_v<T, EditElder>) {
                edit_elder(i.form);
            } else if constexpr (std::is_same_v<T, SaveElder>) {
                save_elder();
            } else if constexpr (std::is_same_v<T, ReloadElder>) {
                if (s_.form && !s_.form->is_new) open_elder(s_.form->elder.id);
            } else if constexpr (std::is_same_v<T, DismissStatus>) {
                s_.status = {};
            } else if constexpr (std::is_same_v<T, IntakeIntent>) {
                apply_intake(i);
            } else if constexpr (std::is_same_v<T, OrdersIntent>) {
                apply_orders(i);
            } else if constexpr (std::is_same_v<T, LiveIntent>) {
                apply_live(i);
            } else if constexpr (std::is_same_v<T, RulesIntent>) {
                apply_rules(i);
            } else if constexpr (std::is_same_v<T, NavIntent>) {
                apply_nav(i);
            } else if constexpr (std::is_same_v<T, EvidenceIntent>) {
                apply_evidence(i);
            } else if constexpr (std::is_same_v<T, ComplaintIntent>) {
                apply_complaint(i);
            } else if constexpr (std::is_same_v<T, CallsIntent>) {
                apply_calls(i);
            } else if constexpr (std::is_same_v<T, VerificationIntent>) {
                apply_verification(i);
            } else if constexpr (std::is_same_v<T, VerWorkIntent>) {
                apply_verification_work(i);
            } else if constexpr (std::is_same_v<T, AssessmentIntent>) {
                apply_assessment(i);
            } else if constexpr (std::is_same_v<T, KioskIntent>) {
                apply_kiosk(i);
            } else if constexpr (std::is_same_v<T, SettlementIntent>) {
                apply_settlement(i);
            } else if constexpr (std::is_same_v<T, ContractsIntent>) {
                apply_contracts(i);
            } else if constexpr (std::is_same_v<T, ServiceMapIntent>) {
                apply_service_map(i);   // map
            } else if constexpr (std::is_same_v<T, KioskDevicesIntent>) {
                apply_kiosk_devices(i);
            } else if constexpr (std::is_same_v<T, DemoIntent>) {
                apply_demo(i);
            } else if constexpr (std::is_same_v<T, ExhibitionIntent>) {
                apply_exhibition(i);
            } else if constexpr (std::is_same_v<T, TargetTableIntent>) {
                apply_target_table(i);
            } else if constexpr (std::is_same_v<T, ActivitiesIntent>) {
                apply_activities(i);   // issue 13
            } else if constexpr (std::is_same_v<T, ProviderSupervisionIntent>) {
                apply_provider_supervision(i);   // issue 13, providers
            } else if constexpr (std::is_same_v<T, InspectionsIntent>) {
                apply_inspections(i);
            } else if constexpr (std::is_same_v<T, ReportsIntent>) {
                apply_reports(i);
            }
        },
        intent);
}

}  // namespace yiyang::client
