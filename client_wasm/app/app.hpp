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

    AppState s_;
    bool changed_ = true;
    std::uint64_t search_seq_ = 0;
    std::uint64_t open_seq_ = 0;
    std::uint64_t session_epoch_ = 0;   // bumped on sign-out/expiry: late replies of an old session are dropped
};

// The Chinese message of an error reply ({"error":{"message":...}}), or a fallback for the status.
std::string error_message_zh(const HttpResponse& r);

}  // namespace yiyang::client
