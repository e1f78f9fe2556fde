// The dashboard application: owns the AppState, turns intents into HTTP calls per docs/API.md and applies
// the replies. The only place that changes state; panels (ui/) only read it and return intents.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/routes.hpp"
#include "app/state.hpp"

namespace yiyang::client {

struct HttpResponse;

class App {
public:
    const AppState& state() const { return s_; }

    // Restores a session from the cookie (GET /api/v1/me), or shows the sign-in screen.
    void start();
    void set_today(const Date& today);
    void apply(const Intent& intent);
    void apply_all(const Intents& intents) {
        for (const auto& i : intents) apply(i);
    }
    // True once after anything in the state changed (the render loop draws a few more frames).
    bool take_changed();
    // Whether something changed that no frame has taken yet (the test hook's "drawn": state == screen).
    bool changed() const { return changed_; }
    void mark_changed() { changed_ = true; }
    // Called by the render loop every animation frame, drawn or not: now_ms = performance.now(), now_local =
    // China Standard Time in LocalSeconds. Polls the live feed on its own schedule (app/live.cpp).
    void tick(double now_ms, LocalSeconds now_local);
    // True while something on screen moves by itself (the SOS countdown): the loop keeps drawing.
    bool animating() const;

    // ---- navigation: URLs, confirmations, the intake draft (app/navigation.cpp) ------------------------
    // The hash of what is shown ("#/orders/GD202612040001"); nullopt while nothing settled is shown (signed
    // out, a linked record still loading): the platform keeps the browser's history in step (routes.hpp NavHistory).
    std::optional<std::string> location();
    // The browser is at this hash (page load, Back/Forward, a pasted link): opens it — after sign-in when
    // nobody is signed in yet; the home screen with a Chinese message when the role may not open it.
    void open_location(const std::string& hash);
    // Edits that closing the tab would lose (the platform's beforeunload asks then).
    bool has_unsaved_edits() const;
    // The intake draft kept in sessionStorage (read once at start-up; restored after sign-in for its user).
    void set_stored_draft(const std::string& text);
    // What sessionStorage should hold now: nullopt leave it, "" remove it, otherwise the draft as JSON.
    std::optional<std::string> draft_storage() const;
    struct LinkRequest {
        bool new_tab = false;             // true: window.open; false: copy the full URL to the clipboard
        std::string hash;
    };
    std::vector<LinkRequest> take_link_requests();
    // Whether this browser is a kiosk device (read from localStorage at start-up, before start(); the platform
    // writes back what kiosk_device_browser() says).
    void set_kiosk_device_browser(bool yes) { kiosk_device_browser_ = yes; }
    bool kiosk_device_browser() const { return kiosk_device_browser_; }

private:
    void apply_nav(const NavIntent& i);
    bool guard(const Intent& i);          // true: a confirmation was asked for; the intent runs if confirmed
    void ask(ConfirmDialog d, std::function<void()> then);
    void open_route(const Route& r);
    void open_chain_route(const Route& r);   // 考核 / 结算 / 合同与年度 by URL (provider, month, year)
    void open_order_by_code(const std::string& code);
    void after_sign_in();                 // restores the draft, opens the linked screen
    void note_forms();                    // the elder form as loaded, for "unsaved edits"
    bool elder_dirty() const;
    bool order_form_dirty() const;
    bool intake_dirty() const;
    std::optional<Route> pending_route_;  // a link opened before sign-in
    std::optional<std::string> route_wait_;   // the hash being opened (location() waits for it)
    double route_wait_since_ = 0;
    std::string last_location_;
    std::function<void()> confirm_then_;
    bool guard_off_ = false;              // re-applying a confirmed intent
    std::optional<std::string> stored_draft_;
    std::optional<ElderForm> elder_loaded_;
    std::vector<LinkRequest> link_requests_;

    using Handler = std::function<void(const HttpResponse&)>;
    void request(const std::string& method, const std::string& path, const nlohmann::json* body, Handler on_done,
                 bool is_sign_in = false);
    void session_expired();
    void signed_in(const nlohmann::json& body);
    void enter_signed_in_area();
    void load_towns();
    void load_overview();
    void search(const ElderQuery& q);
    void open_elder(Id id);
    void edit_elder(const ElderForm& form);
    void revalidate();
    void save_elder();
    void set_status(StatusKind kind, std::string text);
    void navigate(Screen to);

    // ---- intake and knowledge base (app/intake.cpp; add its private members only here) -------------
    void apply_intake(const IntakeIntent& i);
    void enter_intake();                    // on navigating to Screen::Intake
    void enter_knowledge();                 // on navigating to Screen::Knowledge
    void lookup_caller();
    void lookup_caller_by(const std::string& query, const std::string& shown);   // GET callers/lookup?query
    void search_caller_names();             // GET callers/by-name for the typed fragment (debounced)
    void pick_name_match(Id elder_id);
    void reveal_field();
    void revalidate_draft();
    void submit_order();
    void answer_on_spot(bool close_after);
    KbSearch& kb_of(bool panel) { return panel ? s_.intake.panel : s_.intake.kb; }
    void kb_schedule(bool panel);           // debounced search (~300 ms after the last keystroke)
    void kb_search(bool panel);
    void kb_open(bool panel, Id id);
    void kb_load_history(Id id);
    void revalidate_article();
    void save_article();
    static void kb_timer(void* data);
    std::uint64_t lookup_seq_ = 0;
    std::uint64_t names_seq_ = 0;           // the name search's replies: only the latest counts
    std::uint64_t names_debounce_ = 0;      // bumped per keystroke: only the last timer searches
    std::uint64_t kb_debounce_[2] = {0, 0};
    std::uint64_t kb_history_seq_ = 0;

    // ---- orders (app/orders.cpp; add its private members only here) --------------------------------
    void apply_orders(const OrdersIntent& i);
    void enter_orders();                    // on navigating to Screen::Orders
    void open_order(Id id);                 // loads the order and shows Screen::OrderDetail
    void search_orders(const OrderQuery& q);
    void load_queues();                     // the home's work queues (with the home figures)
    void load_order_providers();
    void load_order_history(Id id);
    void load_order_candidates(Id id);
    void load_order_elder(Id id);
    void order_loaded(const nlohmann::json& reply, bool from_transition);
    void order_changed_elsewhere();         // the live feed listed the open order as changed
    void submit_order_action(const std::string& action);
    std::uint64_t orders_search_seq_ = 0;
    std::uint64_t orders_debounce_ = 0;    // bumped per keystroke in the search box: only the last timer searches
    std::uint64_t order_open_seq_ = 0;     // bumped when another order is opened: late replies are dropped

    // ---- live feed, SOS, indicators, watch list (app/live.cpp; add its private members only here) -----
    void apply_live(const LiveIntent& i);
    void start_live();                      // after sign-in: starts polling
    void enter_kpis();                      // on navigating to Screen::Kpis
    void enter_watch();                     // on navigating to Screen::Watch
    void orders_changed();                  // an order was created or changed here: refresh tiles soon
    void poll_live();
    void live_reply(const nlohmann::json& body);
    void live_changed();                    // the feed (or this client) changed orders: schedule refreshes
    void acknowledge_emergency(Id id);
    void load_tiles();
    void load_kpis();
    void load_kpi_records();
    void load_watch();
    void load_live_providers();
    std::string kpi_query(const KpiPeriod& p, const KpiScope& scope) const;
    bool live_enabled() const;              // signed in, password changed, not a kiosk
    bool live_inflight_ = false;            // never two polls in flight
    std::uint64_t live_poll_token_ = 0;     // bumped by start_live: a poll of an older session is ignored
    double live_next_poll_ms_ = 0;
    double live_tick_ms_ = 0;               // performance.now() of the last tick
    double live_offset_s_ = 0;              // server CST seconds - performance.now() seconds
    bool live_offset_known_ = false;
    double tiles_due_ms_ = -1;              // tile (and home figure) refresh due (-1: none); fires on Home
    double tiles_last_ms_ = -1e9;
    double kpis_due_ms_ = -1;               // indicator screen refresh due; fires on Kpis
    double watch_next_ms_ = -1;             // next watch-list refresh while on Watch
    double orders_due_ms_ = -1;             // the orders list reloads when on Orders
    double last_beep_ms_ = -1e9;
    std::uint64_t tiles_seq_ = 0, kpis_seq_ = 0, records_seq_ = 0, watch_seq_ = 0;

    // ---- rules (app/rules.cpp; add its private members only here) ----------------------------------
    void apply_rules(const RulesIntent& i);
    void enter_rules();                     // on navigating to Screen::Rules
    void load_rule_list();
    void open_rule_version(const std::string& kind, const std::string& version);
    std::uint64_t rule_open_seq_ = 0;

    // ---- 考核 what-if (app/assessment.cpp; add its private members only here) ---------------------------
    void apply_assessment(const AssessmentIntent& i);
    void open_wanted_assessment_month();   // a URL's provider month, once the month's list arrived
    void enter_assessment();                // on navigating to Screen::Assessment
    void load_assessment_rule();
    void load_assessment_months();          // the picked month's list
    void show_assessment_month(const wire::AssessmentMonthDetail& d);   // a month from the server becomes the table
    void assessment_month_action(const std::string& method, const std::string& path, const nlohmann::json* body,
                                 const std::string& done_zh, bool compare_signed);
    void recompute_assessment();            // the shared computation of the sheets as typed
    // GET /api/v1/assessment/projects for a chooser (开启考核 here, 登记合同 on 合同与年度): `done` gets the list,
    // or nullopt and the Chinese reason.
    void request_care_projects(std::function<void(std::optional<wire::CareProjectList>, const std::string&)> done);

    // ---- 结算 (app/settlement.cpp; add its private members only here) ---------------------------------------
    void apply_settlement(const SettlementIntent& i);
    void enter_settlement();                // on navigating to Screen::Settlement
    void load_settlement_list();
    void open_settlement(Id provider_id, Id statement_id);
    void settlement_answered(const HttpResponse& r, const std::string& done, Id open_statement);
    std::uint64_t settlement_seq_ = 0, settlement_detail_seq_ = 0;
    // ---- 合同与年度 (app/contracts.cpp; add its private members only here) ----------------------------------
    void apply_contracts(const ContractsIntent& i);
    void enter_contracts();                 // on navigating to Screen::Contracts
    // map: 服务地图 (app/service_map.cpp)
    void apply_service_map(const ServiceMapIntent& i);
    void enter_service_map();               // on navigating to Screen::ServiceMap
    void load_service_map();
    void load_contracts();                  // the chosen provider's contracts and year
    // ---- 展厅设备 and the kiosk's sign-in by token (app/kiosk_devices.cpp; issue 12, kiosk-devices) ----------
    void apply_kiosk_devices(const KioskDevicesIntent& i);
    void enter_kiosk_devices();             // on navigating to Screen::KioskDevices
    void load_kiosk_devices();
    void kiosk_token_shown(const HttpResponse& r, const std::string& done_zh);
    void kiosk_sign_in();                   // POST /api/v1/kiosk/session with kiosk_token_ (or {}: the device cookie)
    bool kiosk_session_ended();             // a kiosk's 401: sign in again by the token once, else 本设备已停用
    void kiosk_heartbeat(double now_ms);    // a kiosk asks GET /me now and then: a revoked device learns it soon
    std::string kiosk_token_;               // from #/kiosk?device=TOKEN, kept in memory only
    // This browser is a kiosk device: it signed in by token before, and the server keeps the token in an HttpOnly
    // cookie (yy_device) that only POST /kiosk/session receives. Remembered in localStorage as a marker (never the
    // token), so that a restart signs in again by itself; cleared when the device is refused.
    bool kiosk_device_browser_ = false;
    double kiosk_retry_ms_ = -1e9;          // the last sign-in again after a 401
    double kiosk_next_beat_ms_ = 0;
    // ---- 展厅 (app/exhibition.cpp; issue 12, part visits) ---------------------------------------------------
    void apply_exhibition(const ExhibitionIntent& i);
    // ---- 绩效目标表 (app/target_table.cpp; issue 13) ----------------------------------------------------------
    void apply_target_table(const TargetTableIntent& i);
    void enter_target_table();              // on navigating to Screen::TargetTable
    void load_target_table();
    void enter_exhibition();                // on navigating to Screen::Exhibition
    void load_exhibition();                 // the fortnight's board
    // ---- 服务商监管 (app/provider_supervision.cpp; issue 13, providers) ------------------------------------
    void apply_provider_supervision(const ProviderSupervisionIntent& i);
    void enter_provider_supervision();
    void load_provider_supervision();
    void load_supervised_provider(std::int64_t id);   // its prefilled form and its evaluations
    void load_open_day(std::int64_t id);    // one open day's registrations
    // ---- 工作台账 (app/activities.cpp; issue 13) ---------------------------------------------------------------
    void apply_activities(const ActivitiesIntent& i);
    void enter_activities();                // on navigating to Screen::Activities
    void load_activities();                 // the month's list (and the selected record)
    void load_activity(std::int64_t id);    // one record with its evidence
    // ---- 巡查 (app/inspections.cpp; issue 13, part inspections) ----------------------------------------------
    void apply_inspections(const InspectionsIntent& i);
    void enter_inspections();               // on navigating to Screen::Inspections
    void load_inspections();                // the month's board
    void load_inspection_quarter();         // the quarter's star ratings and caregiver reviews
    // ---- 报表 (app/reports.cpp; issue 13, part reports) ----------------------------------------------------
    void apply_reports(const ReportsIntent& i);
    void enter_reports();                   // on navigating to Screen::Reports
    void load_reports();                    // the chosen report and the signed list

    // ---- evidence photos of the open order (app/evidence.cpp; add its private members only here) ---------
    void apply_evidence(const EvidenceIntent& i);
    void load_evidence(Id order_id);

    // ---- what a complaint is about (app/complaints.cpp; add its private members only here) -----------------
    void apply_complaint(const ComplaintIntent& i);
    void complaint_loaded(const nlohmann::json& reply_body);   // from order_loaded: the link and 相关投诉
    void submit_relink();

    // ---- 通话记录 (app/calls.cpp; add its private members only here) --------------------------------------
    void apply_calls(const CallsIntent& i);
    void enter_calls();                     // on navigating to Screen::Calls
    void search_calls(const CallQuery& q);
    std::uint64_t calls_seq_ = 0;
    std::uint64_t service_map_seq_ = 0;     // map

    // ---- 核查 (app/verification.cpp; add its private members only here) ----------------------------------------
    void apply_verification(const VerificationIntent& i);
    void enter_verification();              // on navigating to Screen::Verification
    void open_verification(const std::map<std::string, std::string>& query);   // #/verification?tab=&quarter=&town=
    void start_import_upload(bool dry_run);
    void import_answered(int status, const std::string& text);
    void load_import_history(int page);
    std::uint64_t ver_report_seq_ = 0, ver_drill_seq_ = 0, ver_history_seq_ = 0;
    // 核查's work tabs (app/verification_work.cpp)
    void apply_verification_work(const VerWorkIntent& i);
    bool enter_verification_work();         // true: a work tab is shown (and its data asked for)
    void load_physical();
    void physical_saved(const HttpResponse& r, const std::string& done);
    void decide_physical(bool payable);
    void answer_physical();
    void load_deaths();
    void load_deaths_drill(const std::string& count, int page);
    void save_same_person();
    void save_death_contact();
    void load_call_list();
    void load_call_figures();
    void call_key_pressed(int digit);
    void record_call(const CallKey& k, const std::string& overall, const std::string& package, const std::string& knows_sos);
    void replace_subject();
    void save_draw();
    void reveal_phone();
    std::uint64_t ver_physical_seq_ = 0, ver_deaths_seq_ = 0, ver_deaths_drill_seq_ = 0, ver_calls_seq_ = 0,
                  ver_figures_seq_ = 0;
    // 季度报表 and sign-off (app/verification_report.cpp)
    void load_report();
    void load_drill(const std::string& code, int page);
    void load_signoffs();
    void apply_report_action(const VerReportAction& a);
    void signoff_answered(const HttpResponse& r, const std::string& done_message);
    std::uint64_t ver_signoff_seq_ = 0;

    // ---- 展厅大屏, the kiosk mode (app/kiosk.cpp; issue 12, kiosk-ui; add its private members only here) -------
    void apply_kiosk(const KioskIntent& i);
    void enter_kiosk();                     // the kiosk role signed in: the full-screen playlist
    void kiosk_tick(double now_ms, LocalSeconds now_local);
    void kiosk_poll();
    void kiosk_session_lost();              // 401 on the kiosk: keep the figures, sign in again by the device token
    bool kiosk_inflight_ = false;
    double kiosk_next_poll_ms_ = 0;
    LocalSeconds kiosk_now_local_ = 0;
    // ---- the open-day demo (app/demo.cpp; add its private members only here) ---------------------------
    void apply_demo(const DemoIntent& i);
    void check_demo_mode();                 // GET /api/v1/health: the sign-in screen's visitor buttons and banner

    AppState s_;
    bool changed_ = true;
    std::uint64_t search_seq_ = 0;
    std::uint64_t elders_debounce_ = 0;   // bumped per keystroke in the elder search: only the last timer searches
    std::uint64_t open_seq_ = 0;
    std::uint64_t session_epoch_ = 0;   // bumped on sign-out/expiry: late replies of an old session are dropped
};

// The Chinese message of an error reply ({"error":{"message":...}}), or a fallback for the status.
std::string error_message_zh(const HttpResponse& r);

}  // namespace yiyang::client
