// The fakes of the client's platform seam and the Dashboard harness (fakes.hpp).
#include "fakes.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace yiyang::client::testing {

Recorded recorded(const std::string& name) {
    const std::string path = std::string(YIYANG_SOURCE_DIR) + "/tests/fixtures/replies/" + name + ".json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("no recorded reply " + path + " (scripts/record-replies.sh)");
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str());
    Recorded r;
    r.status = j.at("status").get<int>();
    r.body = j.at("body");
    if (r.body.is_null()) r.body = nlohmann::json::object();   // an empty reply (204) parses as {} in the browser
    return r;
}

std::string SentRequest::path() const { return url.substr(0, url.find('?')); }

// ---- FakeHttp --------------------------------------------------------------------------------------
void FakeHttp::request(const std::string& method, const std::string& url, const nlohmann::json* body,
                       HttpCallback on_done, bool quiet) {
    SentRequest r;
    r.method = method;
    r.url = url;
    r.body = body ? *body : nlohmann::json();
    r.quiet = quiet;
    r.on_done = std::move(on_done);
    log_.push_back(method + " " + url);
    waiting_.push_back(std::move(r));
}

void FakeHttp::get_bytes(const std::string& url, BytesCallback on_done) {
    log_.push_back("GET " + url);
    on_done(404, {});                    // the app layer fetches no bytes; the font is the render loop's
}

int FakeHttp::pending() const {
    return static_cast<int>(std::count_if(waiting_.begin(), waiting_.end(),
                                          [](const SentRequest& r) { return !r.quiet; }));
}

std::vector<std::string> FakeHttp::waiting_urls() const {
    std::vector<std::string> out;
    for (const auto& r : waiting_) out.push_back(r.method + " " + r.url);
    return out;
}

bool FakeHttp::answer(const std::string& method, const std::string& path, int status, const nlohmann::json& body) {
    auto it = std::find_if(waiting_.begin(), waiting_.end(),
                           [&](const SentRequest& r) { return r.method == method && r.path() == path; });
    if (it == waiting_.end()) return false;
    SentRequest req = std::move(*it);
    waiting_.erase(it);
    HttpResponse resp;
    resp.status = status;
    resp.body = body;
    resp.text = status == 0 ? std::string() : body.dump();
    req.on_done(resp);                   // may send further requests
    return true;
}

bool FakeHttp::fail(const std::string& method, const std::string& path) {
    // What emscripten_fetch reports when no reply came: status 0, no text; the transport parses "" as {}.
    return answer(method, path, 0, nlohmann::json::object());
}

void FakeHttp::always(const std::string& method, const std::string& path, const Recorded& r) {
    standing_[{method, path}] = r;
}

int FakeHttp::drain() {
    int n = 0;
    for (bool again = true; again;) {
        again = false;
        for (const SentRequest& r : waiting_) {
            auto s = standing_.find({r.method, r.path()});
            if (s == standing_.end()) continue;
            const Recorded reply = s->second;
            const std::string method = r.method, path = r.path();
            answer(method, path, reply.status, reply.body);
            ++n;
            again = true;
            break;                       // waiting_ changed: start over
        }
    }
    return n;
}

// ---- FakeTimers ------------------------------------------------------------------------------------
Timers::Id FakeTimers::set_timeout(double delay_ms, std::function<void()> fn) {
    const Id id = next_++;
    timers_.push_back(Timer{now_ + std::max(0.0, delay_ms), id, std::move(fn)});
    return id;
}

void FakeTimers::clear_timeout(Id id) {
    timers_.erase(std::remove_if(timers_.begin(), timers_.end(), [id](const Timer& t) { return t.id == id; }),
                  timers_.end());
}

void FakeTimers::advance(double ms) {
    const double until = now_ + ms;
    for (;;) {
        auto next = std::min_element(timers_.begin(), timers_.end(), [](const Timer& a, const Timer& b) {
            return a.due < b.due || (a.due == b.due && a.id < b.id);
        });
        if (next == timers_.end() || next->due > until) break;
        now_ = std::max(now_, next->due);
        Timer t = std::move(*next);
        timers_.erase(next);
        t.fn();
    }
    now_ = until;
}

// ---- Dashboard -------------------------------------------------------------------------------------
Dashboard::Dashboard() {
    install_http(&http);
    install_timers(&timers);
    install_page(&page);
    app.set_today(Date{2026, 12, 4});
}

Dashboard::~Dashboard() {
    install_http(nullptr);
    install_timers(nullptr);
    install_page(nullptr);
}

void Dashboard::run(double ms) {
    for (double left = ms; left > 0; left -= 100) {
        timers.advance(std::min(100.0, left));
        app.tick(timers.now_ms(), static_cast<LocalSeconds>(timers.now_ms() / 1000.0));
    }
}

void Dashboard::settle() {
    for (int i = 0; i < 20; ++i) {
        const int answered = http.drain();
        run(100);
        if (answered == 0 && http.drain() == 0) return;
    }
}

void Dashboard::sign_in_as(const std::string& session) {
    app.start();
    if (!http.answer("GET", "/api/v1/me", recorded("me_signed_out"))) throw std::logic_error("start sent no GET /me");
    answer_health();
    http.always("GET", "/api/v1/towns", recorded("towns"));
    http.always("GET", "/api/v1/overview", recorded("overview"));
    http.always("GET", "/api/v1/queues", recorded("queues"));
    http.always("GET", "/api/v1/kpis", recorded("kpis"));
    http.always("GET", "/api/v1/providers", recorded("providers"));
    sign_in_with(recorded(session));
}

bool Dashboard::answer_health(bool demo) {
    return http.answer("GET", "/api/v1/health", 200,
                       {{"status", "ok"}, {"schema_version", 24}, {"version", "0.1.0"}, {"time", "2026-12-06T10:00:00"},
                        {"demo", demo}});
}

void Dashboard::sign_in_with(const Recorded& s) {
    const std::string user = s.body.at("user").at("username").get<std::string>();
    const std::string password = "pw-record-" + s.body.at("user").at("role").get<std::string>() + "-Kx7q";
    app.apply(EditSignIn{SignInForm{user, password, ""}});
    app.apply(SignIn{});
    if (!http.answer("POST", "/api/v1/session", s)) throw std::logic_error("sign-in sent no POST /session");
}

bool sent(const Dashboard& d, const std::string& prefix, const std::string& part) {
    return std::any_of(d.http.log().begin(), d.http.log().end(), [&](const std::string& l) {
        return l.rfind(prefix, 0) == 0 && l.find(part) != std::string::npos;
    });
}

}  // namespace yiyang::client::testing
