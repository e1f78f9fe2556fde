// What the verification API tests (test_verification_{report,inputs,signoff}_api.cpp) share: a private in-process
// server on a database of its own (the suite's shared database holds other tests' subscribers, which would join the
// sampling frame, and a signed quarter would stay sealed for later tests), one user per role, the Hanjiang lists
// imported through the API, and reading a report reply's cells.
#pragma once
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../shared/verification_hanjiang_csv.hpp"
#include "app/context.hpp"
#include "harness.hpp"
#include "http/server.hpp"
#include "store/database.hpp"
#include "yiyang/records.hpp"

namespace yiyang::test {

// The tiny demo city without its information-service subscribers, on a clock the test may move (it starts at
// 2026-11-20 10:00), and one user per role given: username prefix + role, display name display_prefix + role,
// the town user of town 1, the provider user of provider 1.
struct VerificationServer {
    struct Options {
        std::string tmp_name;         // "/tmp/<tmp_name>-XXXXXX"
        std::string user_prefix;      // "r_" -> r_supervisor
        std::string display_prefix;   // "报告" -> 报告supervisor
        std::vector<std::pair<std::string, Role>> roles;
    };
    explicit VerificationServer(const Options& options);
    ~VerificationServer();
    VerificationServer(const VerificationServer&) = delete;
    VerificationServer& operator=(const VerificationServer&) = delete;

    ApiClient signed_in(const std::string& role);
    // The deployment's town names (GET /api/v1/towns as `c`), at least twelve: the Hanjiang towns' stand-ins.
    std::vector<std::string> town_names(ApiClient& c);

    std::filesystem::path dir;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<app::AppContext> ctx;
    std::unique_ptr<http::ApiServer> server;
    std::thread thread;
    int port = 0;
    std::string user_prefix;
    std::map<std::string, std::string> passwords;
    std::shared_ptr<std::atomic<LocalSeconds>> clock = std::make_shared<std::atomic<LocalSeconds>>(0);
};

// Imports the Hanjiang ledger (towns replaced by `towns`), service records (provider 1), cremation list and phone
// checks through POST /api/v1/imports/{list} as `c`, each required to answer 201; returns the ledger as imported.
// (The callbacks differ per test: hanjiang::callbacks_csv.)
std::vector<SubscriberRow> import_hanjiang_lists(ApiClient& c, const std::vector<std::string>& towns);

// Subscribers of the ledger to flag records of: three removed before 2024-03-01 and two active, each of another town.
struct FlaggedSubjects {
    std::vector<const SubscriberRow*> removed, active;
};
FlaggedSubjects flagged_subjects(const std::vector<SubscriberRow>& ledger);
// flagged_subjects' subscribers with flagged_records_csv's records over them imported as `c` (201 required).
FlaggedSubjects import_flagged_records(ApiClient& c, const std::string& tag, const std::vector<SubscriberRow>& ledger);
// A service-record list (CSV with its header) flagged every way over the given subscribers: one record after each
// of `removed`'s removal (2024-03-20), a duplicate (<tag>-D1, <tag>-D2), one caregiver at `a` and `b` at once (-O1,
// -O2), one photo on records of both (-E1, -E2). Record numbers, caregivers and photos carry `tag` ("TD" -> TD-R0,
// 助老员TD0, td-r0.jpg).
std::string flagged_records_csv(const std::string& tag, const std::vector<const SubscriberRow*>& removed,
                                const SubscriberRow& a, const SubscriberRow& b);
// One record's CSV line (after the header of flagged_records_csv).
std::string record_line(const std::string& no, const SubscriberRow& s, const char* day, const char* from, const char* to,
                        const std::string& caregiver, const std::string& evidence);

// The output of a shell command (unzip, pdftotext).
std::string shell_output(const std::string& cmd);

// A report reply's cell with this drill code (nullptr if none), and its text (required to exist).
const json* report_cell(const json& report, const std::string& drill);
std::string report_text(const json& report, const std::string& drill);

}  // namespace yiyang::test
