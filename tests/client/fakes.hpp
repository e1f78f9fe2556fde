// Fakes of the client's platform seam (client_wasm/platform: http.hpp HttpTransport, services.hpp Timers and Page)
// for the native client tests: requests wait until a test answers them (with a recorded reply from
// tests/fixtures/replies), time moves only when a test advances it, the page counts wakes and beeps.
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"

namespace yiyang::client::testing {

// A recorded reply: tests/fixtures/replies/NAME.json ({"status","body"}), recorded by scripts/record-replies.sh.
struct Recorded {
    int status = 0;
    nlohmann::json body;
};
Recorded recorded(const std::string& name);

struct SentRequest {
    std::string method;
    std::string url;
    nlohmann::json body;                // null when none was sent
    bool quiet = false;
    HttpCallback on_done;
    std::string path() const;           // url without the query
};

class FakeHttp final : public HttpTransport {
public:
    void request(const std::string& method, const std::string& url, const nlohmann::json* body, HttpCallback on_done,
                 bool quiet) override;
    void get_bytes(const std::string& url, BytesCallback on_done) override;
    int pending() const override;

    // Requests sent and not yet answered, oldest first.
    const std::deque<SentRequest>& waiting() const { return waiting_; }
    std::vector<std::string> waiting_urls() const;
    // Every request ever sent ("GET /api/v1/me"), in order.
    const std::vector<std::string>& log() const { return log_; }
    // Answers the oldest waiting request whose method and path (query ignored) match; false when none waits.
    bool answer(const std::string& method, const std::string& path, int status, const nlohmann::json& body);
    bool answer(const std::string& method, const std::string& path, const Recorded& r) {
        return answer(method, path, r.status, r.body);
    }
    // As answer, but with no reply at all (status 0: the network failed or timed out).
    bool fail(const std::string& method, const std::string& path);
    // Standing answers: every matching request, now and later, gets this reply (drain() delivers them).
    void always(const std::string& method, const std::string& path, const Recorded& r);
    // Answers waiting requests that have a standing answer, until none is left; returns how many.
    int drain();
    // Drops every waiting request unanswered.
    void forget() { waiting_.clear(); }

private:
    std::deque<SentRequest> waiting_;
    std::vector<std::string> log_;
    std::map<std::pair<std::string, std::string>, Recorded> standing_;
};

class FakeTimers final : public Timers {
public:
    Id set_timeout(double delay_ms, std::function<void()> fn) override;
    void clear_timeout(Id id) override;
    double now_ms() const override { return now_; }
    // Moves the clock by ms, firing due timeouts in time order.
    void advance(double ms);
    std::size_t scheduled() const { return timers_.size(); }

private:
    struct Timer {
        double due;
        Id id;
        std::function<void()> fn;
    };
    std::vector<Timer> timers_;
    double now_ = 1000.0;
    Id next_ = 1;
};

class FakePage final : public Page {
public:
    void wake() override { ++wakes; }
    bool play_alarm_beep() override {
        ++beeps;
        return audio_allowed;
    }
    void pick_import_file() override { ++import_picks; }
    void upload_import_file(const std::string& url, std::uint64_t seq) override { import_uploads.push_back({url, seq}); }
    void open_url(const std::string& url, bool download) override { opened.push_back({url, download}); }
    int wakes = 0;
    int beeps = 0;
    bool audio_allowed = true;
    int import_picks = 0;                                          // 核查: file choosers opened
    std::vector<std::pair<std::string, std::uint64_t>> import_uploads;   // 核查: (url, seq) of each upload
    std::vector<std::pair<std::string, bool>> opened;              // open_url: (url, download)
};

// One dashboard: the real App on the fakes, installed for its lifetime. The render loop is `run`: time passes,
// due timers fire, and App::tick runs as the browser's animation frames would call it.
class Dashboard {
public:
    Dashboard();
    ~Dashboard();
    Dashboard(const Dashboard&) = delete;
    Dashboard& operator=(const Dashboard&) = delete;

    const AppState& state() const { return app.state(); }
    void apply(const Intent& i) { app.apply(i); }
    // Advances the clock in 100 ms frames (timers fire, App::tick runs each frame).
    void run(double ms);
    // Serves the standing answers until nothing that has one is waiting (frames in between).
    void settle();
    // Signs in as the recorded supervisor (or `session` reply) with standing answers for the start-up loads.
    void sign_in_as(const std::string& session = "session_supervisor");
    // Answers the sign-in screen's GET /api/v1/health (sent once GET /me found no session): demo mode or not.
    bool answer_health(bool demo = false);
    // As sign_in_as after the start-up answers, with a session reply made in the test (a role without a recording).
    void sign_in_with(const Recorded& session);

    FakeHttp http;
    FakeTimers timers;
    FakePage page;
    App app;
};

// Whether `d` ever sent a request whose log line ("GET /api/v1/me?…") starts with `prefix` and contains `part`.
bool sent(const Dashboard& d, const std::string& prefix, const std::string& part = "");

}  // namespace yiyang::client::testing
