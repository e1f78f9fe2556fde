// Writes the synthetic Hanjiang Q1 2024 lists as the five import CSVs (tests/shared/verification_hanjiang_csv.hpp, the
// same files the API tests import) for the browser test of the whole verification flow
// (tests/e2e/verification_flow.test.mjs), with the deployment's twelve towns in place of Hanjiang's. The callbacks
// file holds the physical-service survey only: the sample is drawn by the server on the suite's database, whose
// frame is not the ledger's alone.
// Usage: hanjiang-csv OUT_DIR TOWN1 … TOWN12
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "verification_hanjiang_csv.hpp"

namespace hj = yiyang::test::hanjiang;

namespace {

bool write(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    return static_cast<bool>(f);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 14) {
        std::cerr << "usage: hanjiang-csv OUT_DIR TOWN1 … TOWN12\n";
        return 2;
    }
    const std::string dir = argv[1];
    const std::vector<std::string> towns(argv + 2, argv + 14);
    bool ok = write(dir + "/subscribers.csv", hj::subscribers_csv(hj::ledger_in(towns)));
    ok = ok && write(dir + "/service_records.csv", hj::service_records_csv());
    ok = ok && write(dir + "/cremations.csv", hj::cremations_csv());
    ok = ok && write(dir + "/phone_checks.csv", hj::phone_checks_csv());
    ok = ok && write(dir + "/callbacks.csv", hj::callbacks_csv(hj::survey_answers(hj::served_ids())));
    if (!ok) {
        std::cerr << "hanjiang-csv: cannot write into " << dir << "\n";
        return 1;
    }
    return 0;
}
