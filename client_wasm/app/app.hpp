// The dashboard application: owns the AppState, turns intents into HTTP calls per docs/API.md and applies
// the replies. The only place that changes state; panels (ui/) only read it and return intents.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

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
    // Called by the render loop every animation frame, drawn or not: now_ms = performance.now(), now_local =
    // China Standard Time in LocalSeconds. Polls the live feed on its own schedule (app/live.cpp).
    void tick(double now_ms, LocalSeconds now_local);
    // True while something on screen moves by itself (the SOS countdown): the loop keeps drawing.
    bool animating() const;

private:
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

    // ---- orders (app/orders.cpp; add its private members only here) --------------------------------
    void apply_orders(const OrdersIntent& i);
    void enter_orders();                    // on navigating to Screen::Orders
    void open_order(Id id);                 // loads the order and shows Screen::OrderDetail

    // ---- live feed, SOS, indicators, watch list (app/live.cpp; add its private members only here) -----
    void apply_live(const LiveIntent& i);
    void start_live();                      // after sign-in: starts polling
    void enter_kpis();                      // on navigating to Screen::Kpis
    void enter_watch();                     // on navigating to Screen::Watch
    void orders_changed();                  // an order was created or changed here: refresh tiles soon

    AppState s_;
    bool changed_ = true;
    std::uint64_t search_seq_ = 0;
    std::uint64_t open_seq_ = 0;
    std::uint64_t session_epoch_ = 0;   // bumped on sign-out/expiry: late replies of an old session are dropped
};

// The Chinese message of an error reply ({"error":{"message":...}}), or a fallback for the status.
std::string error_message_zh(const HttpResponse& r);

}  // namespace yiyang::client
