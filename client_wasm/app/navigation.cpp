// Navigation's side of the App: the URL of what is shown and opening a URL (routes.hpp), confirmations before
// irreversible order actions and before leaving unsaved edits, links for a new tab or a colleague, and the
// intake draft kept in sessionStorage (survives F5, not closing the tab; cleared on create and sign-out).
// No order action here can be undone on the server (the lifecycle has no "undo" transition), so each one
// that hands work to others or ends the order asks first instead of offering an undo.
#include <algorithm>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

constexpr double kRouteWaitMaxMs = 15000;   // a linked record that never answers stops holding the URL back

bool has(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

bool blank(const std::string& t) { return t.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string town_name_of(const AppState& s, Id id) {
    for (const Town& t : s.towns) {
        if (t.id == id) return t.name;
    }
    return "所属镇街";
}

std::string provider_name_of(const AppState& s, Id id) {
    for (const auto& c : s.orders.candidates) {
        if (c.provider_id == id) return c.provider_name;
    }
    for (const Provider& p : s.orders.providers) {
        if (p.id == id) return p.name;
    }
    return "编号 " + std::to_string(id) + " 的服务商";
}

// The confirmation of an order action: what happens, to which order, and who is told. nullopt: the action
// needs none (it is reversible or only records progress) or cannot be sent yet (the form shows what is missing).
std::optional<ConfirmDialog> order_confirmation(const AppState& s, const std::string& action) {
    const OrdersState& o = s.orders;
    if (!o.current || o.submitting || !has(o.legal_actions, action)) return std::nullopt;
    const std::string& code = o.current->order.code;
    ConfirmDialog d;
    d.id = "order." + action;
    if (action == "dispatch_town") {
        const std::string town = town_name_of(s, o.current->order.town_id);
        d.title = "确认派单给镇街";
        d.message = "将工单 " + code + " 派给" + town + "，由镇街负责安排服务，镇街将收到通知。";
        d.confirm_label = "确认派给" + town;
    } else if (action == "dispatch_provider") {
        if (o.form.provider_id == 0) return std::nullopt;
        const std::string provider = provider_name_of(s, o.form.provider_id);
        d.title = "确认派单给服务商";
        d.message = "将工单 " + code + " 派给" + provider + "，服务商将收到通知并开始计算接单时限。";
        d.confirm_label = "确认派单";
    } else if (action == "escalate") {
        d.title = "确认升级";
        d.message = "将工单 " + code + " 升级，转由主管重新派单，升级记录会进入督办和考核。";
        d.confirm_label = "确认升级";
    } else if (action == "review_pass") {
        d.title = "确认审核通过";
        d.message = "审核通过工单 " + code + " 的服务凭证，服务记录将被确认为有效并进入回访，通过后不能撤回。";
        d.confirm_label = "确认审核通过";
    } else if (action == "accept") {
        d.title = "确认接单";
        d.message = "接下工单 " + code + "，接单后由本机构负责上门服务，并开始计算服务时限。";
        d.confirm_label = "确认接单";
    } else if (action == "close") {
        d.title = "确认结单";
        d.message = "结束工单 " + code + "，办结后工单不能再处理。";
        d.confirm_label = "确认结单";
        d.danger = true;
    } else if (action == "cancel") {
        if (blank(o.form.reason)) return std::nullopt;   // the reason is required: the form says so first
        d.title = "确认取消工单";
        d.message = "取消工单 " + code + "（原因：" + o.form.reason + "），取消后不能恢复，相关时限停止计算。";
        d.confirm_label = "确认取消工单";
        d.cancel_label = "不取消";
        d.danger = true;
    } else {
        return std::nullopt;
    }
    return d;
}

// The action an orders intent would send now ("" for none).
std::string order_action_of(const AppState& s, const OrdersIntent& i) {
    if (const auto* q = std::get_if<OrdersQuickAction>(&i)) return q->action;
    if (std::get_if<OrdersSubmit>(&i)) return s.orders.form.action;
    return {};
}

json draft_json(const OrderDraft& d) {
    return {{"channel", d.channel}, {"type", d.type}, {"categories", d.categories}, {"urgency", d.urgency},
            {"description", d.description}, {"elder_id", d.elder_id}, {"without_elder", d.without_elder},
            {"town_id", d.town_id}, {"about_order_id", d.about_order_id}, {"about_order_code", d.about_order_code},
            {"about_provider_id", d.about_provider_id}};
}

std::optional<OrderDraft> draft_of(const json& j) {
    try {
        OrderDraft d;
        d.channel = j.at("channel").get<Channel>();
        d.type = j.at("type").get<OrderType>();
        d.categories = j.at("categories").get<std::set<ServiceCategory>>();
        d.urgency = j.at("urgency").get<Urgency>();
        d.description = j.at("description").get<std::string>();
        d.elder_id = j.at("elder_id").get<Id>();
        d.without_elder = j.at("without_elder").get<bool>();
        d.town_id = j.at("town_id").get<Id>();
        d.about_order_id = j.value("about_order_id", Id{0});   // absent in drafts saved before complaints linked
        d.about_order_code = j.value("about_order_code", std::string());
        d.about_provider_id = j.value("about_provider_id", Id{0});
        return d;
    } catch (const std::exception&) {
        return std::nullopt;                             // written by another version: dropped
    }
}

}  // namespace

// ---- where we are ----------------------------------------------------------------------------------
std::optional<std::string> App::location() {
    if (!s_.user || s_.must_change_password) return std::nullopt;
    // 展厅大屏 has no route of its own: the address bar shows the home's, so a device URL's token leaves it.
    if (s_.screen == Screen::Kiosk) return std::string("#/");
    const auto route = route_of(s_);
    if (route_wait_) {
        const bool reached = route && format_route(*route) == *route_wait_;
        const bool gave_up = s_.pending_requests == 0 || now_ms() - route_wait_since_ > kRouteWaitMaxMs;
        if (!reached && !gave_up) return std::nullopt;
        route_wait_.reset();
    }
    if (!route) return std::nullopt;
    last_location_ = format_route(*route);
    return last_location_;
}

void App::open_location(const std::string& hash) {
    changed_ = true;
    if (auto token = kiosk_token_of(hash)) {   // a kiosk device's URL (issue 12): kept in memory, never routed
        kiosk_token_ = *token;
        if (s_.screen != Screen::Loading) kiosk_sign_in();
        return;
    }
    if (s_.user && s_.user->role == Role::Kiosk) return;   // 展厅大屏: no links (app/kiosk.cpp)
    const auto route = parse_route(hash);
    if (!s_.user || s_.must_change_password || s_.screen == Screen::Loading) {
        pending_route_ = route;                          // opened after sign-in
        return;
    }
    if (!route) {
        navigate(Screen::Home);
        set_status(StatusKind::Error, "链接地址无法识别（" + hash.substr(0, 80) + "），已转到首页");
        return;
    }
    if (const auto here = route_of(s_); here && *here == *route && !route_wait_) return;
    const bool leaving_edits = (s_.screen == Screen::ElderProfile && elder_dirty()) ||
                               (s_.screen == Screen::OrderDetail && order_form_dirty());
    if (leaving_edits) {
        ask({"leave", "离开前确认", "当前页面有尚未保存的修改，离开后将丢失。确定离开吗？", "放弃修改并离开",
             "留在本页", true},
            [this, r = *route] { open_route(r); });
        return;
    }
    open_route(*route);
}

void App::open_route(const Route& r) {
    changed_ = true;
    if (!role_has_screen(s_, r.screen)) {
        navigate(Screen::Home);
        set_status(StatusKind::Error,
                   std::string("当前账号无权打开「") + screen_title_zh(r.screen) + "」，已转到首页");
        return;
    }
    route_wait_ = format_route(r);
    route_wait_since_ = now_ms();
    switch (r.screen) {
        case Screen::OrderDetail:
            open_order_by_code(r.record);
            break;
        case Screen::ElderProfile:
            if (r.record == "new") {
                if (!s_.can_create_elders) {
                    navigate(Screen::ElderList);
                    set_status(StatusKind::Error, "当前账号无权新增服务对象");
                } else {
                    guard_off_ = true;
                    apply(NewElder{});
                    guard_off_ = false;
                }
            } else {
                open_elder(std::stoll(r.record));
            }
            break;
        case Screen::Orders:
            s_.orders.query = order_query_of(r.query);
            s_.orders.list.loaded = false;
            navigate(Screen::Orders);
            break;
        case Screen::ElderList: {
            ElderQuery q = elder_query_of(r.query);
            q.q = s_.query.q;                            // the typed name stays (it is never in the URL)
            s_.screen = Screen::ElderList;
            search(q);
            break;
        }
        case Screen::Watch: {
            WatchFilter f = watch_filter_of(r.query);
            if (s_.user->role == Role::Town && s_.user->town_id) f.town = *s_.user->town_id;
            s_.live.watch_filter = f;
            navigate(Screen::Watch);                     // loads the list with this filter (enter_watch)
            break;
        }
        case Screen::Knowledge:
            apply_kb_query(r.query, s_.intake.kb);
            s_.intake.kb.loaded = false;                 // searched again with the URL's order and page
            s_.intake.kb.loading = false;
            navigate(Screen::Knowledge);
            break;
        case Screen::Calls: {
            CallQuery q = call_query_of(r.query);
            q.number = s_.calls.query.number;            // the typed number stays (it is never in the URL)
            s_.screen = Screen::Calls;
            search_calls(q);
            break;
        }
        case Screen::Verification:
            open_verification(r.query);
            break;
        case Screen::Assessment:
        case Screen::Settlement:
        case Screen::Contracts:
            open_chain_route(r);
            break;
        default:
            navigate(r.screen);
            break;
    }
}

// 考核 / 结算 / 合同与年度 by their URL (routes.hpp assessment_link …): the provider's month, statement or year.
// A malformed query opens the screen as it was and says what is wrong.
void App::open_chain_route(const Route& r) {
    if (const std::string error = route_query_error(r); !error.empty()) {
        route_wait_.reset();
        navigate(r.screen);
        set_status(StatusKind::Error, error + "，已打开该页面");
        return;
    }
    const auto text = [&](const char* k) {
        const auto it = r.query.find(k);
        return it == r.query.end() ? std::string() : it->second;
    };
    const auto number = [&](const char* k) { return text(k).empty() ? Id{0} : static_cast<Id>(std::stoll(text(k))); };
    const std::string month = text("month");
    const Id provider = number("provider");
    if (r.screen == Screen::Assessment) {
        AssessmentMonthsState& M = s_.assessment.months;
        if (!month.empty()) M.month = month;
        const bool same = provider != 0 && M.open && M.open->summary.provider_id == provider &&
                          M.open->summary.month == M.month && (text("project").empty() || M.open->summary.project_code == text("project"));
        M.want_provider = same ? 0 : provider;
        M.want_project = same ? std::string() : text("project");
        if (!same && M.open) apply_assessment(OpenAssessmentMonth{0});   // the list (or another month) instead
        navigate(Screen::Assessment);   // the month's list; its reply opens the wanted provider's month
    } else if (r.screen == Screen::Settlement) {
        SettlementState& S = s_.settlement;
        if (!month.empty()) S.month = month;
        else if (provider == 0) S.month = settlement_month_choices(s_.today).front();
        navigate(Screen::Settlement);
        if (provider != S.provider_id || number("statement") != S.statement_id || !month.empty())
            open_settlement(provider, number("statement"));
    } else {
        ContractsState& C = s_.contracts;
        const std::int64_t year = text("year").empty() ? C.year : std::stoll(text("year"));
        const bool own_only = s_.user && s_.user->role == Role::Provider;
        const bool changed = (provider != 0 && !own_only && provider != C.provider_id) || year != C.year;
        if (provider != 0 && !own_only) C.provider_id = provider;
        C.year = year;
        if (changed) {   // nothing of the last provider or year stays on screen
            C.contracts.reset();
            C.year_view.reset();
            C.pay_contract = 0;
            C.selected_month.clear();
        }
        navigate(Screen::Contracts);   // loads the chosen provider's contracts and year
    }
}

void App::open_order_by_code(const std::string& code) {
    const std::uint64_t seq = ++order_open_seq_;
    s_.orders.last_error.clear();
    request("GET", "/api/v1/orders/by-code/" + url_encode(code), nullptr, [this, seq, code](const HttpResponse& r) {
        if (seq != order_open_seq_) return;              // another order was opened meanwhile
        if (r.status != 200 || !r.body.is_object()) {
            s_.orders.last_error = error_message_zh(r);
            set_status(StatusKind::Error, "工单 " + code + " 打开失败：" + s_.orders.last_error);
            return;
        }
        order_loaded(r.body, false);
    });
}

void App::after_sign_in() {
    if (stored_draft_) {
        json j = json::parse(*stored_draft_, nullptr, false);
        stored_draft_.reset();
        std::optional<OrderDraft> d;
        if (j.is_object() && j.value("user", std::string()) == s_.user->username && j.contains("draft")) {
            d = draft_of(j["draft"]);
        }
        if (d && role_has_screen(s_, Screen::Intake)) {
            s_.intake.form.draft = *d;
            const std::string lookup = j.value("lookup", std::string());
            if (!lookup.empty()) {
                apply_intake(EditLookup{lookup, true});
                apply_intake(LookupCaller{});            // the caller's profile and orders, as before the reload
            }
            revalidate_draft();
            s_.nav.draft_restored = true;
        }
    }
    if (pending_route_) {
        const Route r = *pending_route_;
        pending_route_.reset();
        if (r.screen != Screen::Home) open_route(r);
    } else if (!last_location_.empty()) {
        // The session expired and was renewed: back where the person was.
        if (auto r = parse_route(last_location_); r && r->screen != Screen::Home) open_route(*r);
    }
    if (s_.nav.draft_restored) set_status(StatusKind::Info, "已恢复未提交的草稿（来电受理）");
}

// ---- unsaved edits ---------------------------------------------------------------------------------
void App::note_forms() {
    if (!s_.form) {
        elder_loaded_.reset();
        return;
    }
    const ElderForm& f = *s_.form;
    const bool same = elder_loaded_ && elder_loaded_->is_new == f.is_new && elder_loaded_->elder.id == f.elder.id &&
                      elder_loaded_->elder.version == f.elder.version;
    if (!same) elder_loaded_ = f;                        // opened or saved since: this is the saved state
}

bool App::elder_dirty() const {
    if (!s_.form || s_.form->read_only || !elder_loaded_) return false;
    const ElderForm& a = *elder_loaded_;
    const ElderForm& b = *s_.form;
    // Another record (or a newer version just saved) than the one noted: freshly loaded, nothing edited yet.
    if (a.is_new != b.is_new || a.elder.id != b.elder.id || a.elder.version != b.elder.version) return false;
    return json(a.elder) != json(b.elder) || a.death_date_text != b.death_date_text;
}

bool App::order_form_dirty() const {
    const OrderActionForm& f = s_.orders.form;
    return !blank(f.reason) || !blank(f.caregiver) || !blank(f.from_text) || !blank(f.to_text) || !blank(f.place) ||
           !blank(f.photo_refs) || f.satisfaction != 0 || f.service_not_received;
}

bool App::intake_dirty() const {
    const IntakeForm& f = s_.intake.form;
    return !f.created && !(f.draft == OrderDraft{});
}

bool App::has_unsaved_edits() const {
    if (!s_.user) return false;
    return elder_dirty() || order_form_dirty() || intake_dirty();
}

void App::ask(ConfirmDialog d, std::function<void()> then) {
    s_.nav.confirm = std::move(d);
    ++s_.nav.confirms_shown;
    confirm_then_ = std::move(then);
    changed_ = true;
}

// Intents that would lose edits or send an irreversible order action wait for a confirmation.
bool App::guard(const Intent& intent) {
    if (s_.nav.confirm) {
        // The modal is up: only its own answer (or anything that is not navigation) gets through.
        if (std::holds_alternative<NavIntent>(intent)) return false;
        if (std::holds_alternative<SignOut>(intent) || std::holds_alternative<Navigate>(intent) ||
            std::holds_alternative<OrdersIntent>(intent) || std::holds_alternative<OpenElder>(intent))
            return true;
        return false;
    }
    auto again = [this, intent] {
        guard_off_ = true;
        apply(intent);
        guard_off_ = false;
    };
    if (const auto* o = std::get_if<OrdersIntent>(&intent)) {
        const std::string action = order_action_of(s_, *o);
        if (!action.empty()) {
            if (auto d = order_confirmation(s_, action)) {
                ask(std::move(*d), again);
                return true;
            }
            return false;
        }
    }
    if (const auto* in = std::get_if<IntakeIntent>(&intent); in && std::holds_alternative<NewCall>(*in)) {
        if (intake_dirty()) {
            ask({"intake.new_call", "开始新来电", "当前来电的工单草稿尚未提交，开始新来电将清空草稿。确定吗？",
                 "清空草稿并开始新来电", "继续填写", true},
                again);
            return true;
        }
        return false;
    }
    if (std::holds_alternative<SignOut>(intent)) {
        if (has_unsaved_edits()) {
            ask({"sign_out", "退出登录", "有尚未保存或提交的内容（档案修改、来电草稿或工单操作），退出后将丢失。确定退出吗？",
                 "放弃并退出", "取消", true},
                [this, again] {
                    last_location_.clear();
                    again();
                });
            return true;
        }
        last_location_.clear();                          // the next person starts at their own home
        return false;
    }
    bool leaves = false;
    if (const auto* n = std::get_if<Navigate>(&intent)) leaves = n->to != s_.screen;
    if (std::holds_alternative<OpenElder>(intent) || std::holds_alternative<NewElder>(intent)) leaves = true;
    if (const auto* o = std::get_if<OrdersIntent>(&intent)) {
        leaves = std::holds_alternative<OrdersOpen>(*o) || std::holds_alternative<OrdersOpenById>(*o) ||
                 std::holds_alternative<OrdersBack>(*o);
    }
    if (!leaves) return false;
    const bool profile = s_.screen == Screen::ElderProfile && elder_dirty();
    const bool order = s_.screen == Screen::OrderDetail && order_form_dirty();
    if (!profile && !order) return false;
    ask({"leave", "离开前确认",
         profile ? "服务对象档案有尚未保存的修改，离开后将丢失。确定离开吗？"
                 : "工单操作中填写的内容尚未提交，离开后将丢失。确定离开吗？",
         "放弃修改并离开", "留在本页", true},
        again);
    return true;
}

// ---- intents ---------------------------------------------------------------------------------------
void App::apply_nav(const NavIntent& intent) {
    changed_ = true;
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, NavConfirm>) {
                if (!s_.nav.confirm) return;
                s_.nav.confirm.reset();
                ++s_.nav.confirms_accepted;
                auto then = std::move(confirm_then_);
                confirm_then_ = nullptr;
                if (then) then();
            } else if constexpr (std::is_same_v<T, NavCancel>) {
                if (!s_.nav.confirm) return;
                s_.nav.confirm.reset();
                ++s_.nav.confirms_cancelled;
                confirm_then_ = nullptr;
            } else if constexpr (std::is_same_v<T, NavOpen>) {
                open_location(i.hash);                   // a link between records: a click, so a new history entry
            } else if constexpr (std::is_same_v<T, NavOpenInNewTab>) {
                std::string hash = i.hash.empty() ? last_location_ : i.hash;
                if (!hash.empty()) link_requests_.push_back({true, hash});
                wake();
            } else if constexpr (std::is_same_v<T, NavCopyLink>) {
                std::string hash = i.hash.empty() ? last_location_ : i.hash;
                if (hash.empty()) return;
                link_requests_.push_back({false, hash});
                s_.nav.last_link = hash;
                set_status(StatusKind::Success, "已复制链接，可粘贴发送给同事（对方需登录且有权限才能打开）");
                wake();
            }
        },
        intent);
}

std::vector<App::LinkRequest> App::take_link_requests() {
    std::vector<LinkRequest> out;
    out.swap(link_requests_);
    return out;
}

// ---- the intake draft in sessionStorage --------------------------------------------------------------
void App::set_stored_draft(const std::string& text) {
    if (!text.empty()) stored_draft_ = text;
}

std::optional<std::string> App::draft_storage() const {
    if (s_.screen == Screen::Loading || s_.must_change_password) return std::nullopt;
    if (!s_.user || !intake_dirty()) return std::string();
    json j = {{"user", s_.user->username}, {"draft", draft_json(s_.intake.form.draft)},
              {"lookup", s_.intake.lookup.input}};
    return j.dump();
}

json test_state_of(const NavState& s) {
    json j;
    if (s.confirm) {
        j["confirm"] = {{"id", s.confirm->id}, {"title", s.confirm->title}, {"message", s.confirm->message},
                        {"confirm_label", s.confirm->confirm_label}, {"danger", s.confirm->danger}};
    } else {
        j["confirm"] = nullptr;
    }
    j["draft_restored"] = s.draft_restored;
    j["last_link"] = s.last_link;
    j["confirms"] = {{"shown", s.confirms_shown}, {"accepted", s.confirms_accepted},
                     {"cancelled", s.confirms_cancelled}};
    return j;
}

}  // namespace yiyang::client
