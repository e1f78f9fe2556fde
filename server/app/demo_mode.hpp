// The open-day demo (公众开放日演示, issue 12 part demo): `serve --demo` on a synthetic database only, a pristine copy
// of it made at start, and the reset that restores that copy into the live database — by an administrator's button
// (POST /api/v1/demo/reset, http/demo_routes.cpp) or on a schedule (every N minutes and/or at a time of day).
#pragma once
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/context.hpp"

namespace yiyang::app {

// Checks the database may be served as a demo (store::not_synthetic_reason; throws std::runtime_error with the
// Chinese and English reason when not), creates the visitor accounts and makes the pristine copy beside it
// (`<db>.pristine`, kept across restarts while it belongs to the same generated city). Sets ctx.config.demo.
void start_demo(AppContext& ctx, const std::string& db_path);

// Outside demo mode: drops the synthetic mark of the database (it is now used for real). True when it had one.
bool leave_synthetic(store::Database& db, LocalSeconds now);

struct DemoResetBy {
    std::optional<Id> user_id;   // the administrator, or none for the schedule
    std::string username;        // "schedule" for the schedule
    std::string keep_session;    // the administrator's session token hash: stays signed in
};

// Restores the pristine copy into the live database (under the writer, sqlite3_backup), carrying over the staff's
// accounts and sessions (passwords changed since the copy stay changed), ends every visitor session, reloads the
// rules and appends the audit event "demo reset" to the restored log. Returns the time of the reset.
LocalSeconds reset_demo(AppContext& ctx, const DemoResetBy& by);

// Is a scheduled reset due at `now`, the last one (or the start) having been at `last`? Every `every_s` seconds
// (0 = never) and once a day at `at_minute` minutes after midnight (local time; none = never), whichever comes first.
bool demo_reset_due(LocalSeconds last, LocalSeconds now, int every_s, std::optional<int> at_minute);

// Runs reset_demo when demo_reset_due says so (checked every `check_s` seconds) until destroyed.
class DemoResetSchedule {
public:
    DemoResetSchedule(AppContext& ctx, int every_s, std::optional<int> at_minute, int check_s = 15);
    DemoResetSchedule(const DemoResetSchedule&) = delete;
    DemoResetSchedule& operator=(const DemoResetSchedule&) = delete;
    ~DemoResetSchedule();

private:
    AppContext& ctx_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace yiyang::app
