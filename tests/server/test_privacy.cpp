// Masks that cannot be undone (issue 8, items 3 and 7): every role calls every endpoint that returns elder data
// and the test tries to rebuild each masked ID number from everything that role received; fragment searches in
// masked numbers; lookups and reads of full personal data as audit events; the kiosk's public fields only.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "harness.hpp"
#include "yiyang/date.hpp"
#include "yiyang/identity.hpp"

namespace test_privacy {

using namespace yiyang::test;

namespace {

const std::vector<std::string> kRoles = {"admin", "supervisor", "agent", "town", "provider", "kiosk"};

// What one role learnt about one elder, gathered from every reply.
struct Seen {
    std::set<std::string> id_numbers;   // as sent (masked or not)
    std::set<std::string> birth_dates;
    std::set<int> ages;
    std::set<std::string> sexes;
};

void gather(const json& j, std::map<std::int64_t, Seen>& out, std::set<std::string>& strings) {
    if (j.is_object()) {
        if (j.contains("id_number") && j.contains("id") && j["id"].is_number_integer()) {
            Seen& s = out[j["id"].get<std::int64_t>()];
            if (j["id_number"].is_string()) s.id_numbers.insert(j["id_number"].get<std::string>());
            if (j.contains("birth_date") && j["birth_date"].is_string()) s.birth_dates.insert(j["birth_date"].get<std::string>());
            if (j.contains("age") && j["age"].is_number_integer()) s.ages.insert(j["age"].get<int>());
            if (j.contains("sex") && j["sex"].is_string()) s.sexes.insert(j["sex"].get<std::string>());
        }
        for (const auto& [k, v] : j.items()) gather(v, out, strings);
    } else if (j.is_array()) {
        for (const auto& v : j) gather(v, out, strings);
    } else if (j.is_string()) {
        strings.insert(j.get<std::string>());
    }
}

// How many valid resident IDs agree with everything seen (the mask's visible characters, birth date or age on
// `today`, sex, the GB 11643 check digit), counting up to `cap`.
int candidates(const std::string& mask, const Seen& s, const yiyang::Date& today, int cap) {
    if (mask.size() != 18) return cap;
    auto matches = [&](std::size_t pos, char c) { return mask[pos] == '*' || mask[pos] == c; };
    // Hidden characters outside the birth date: every digit.
    std::vector<std::size_t> free_pos;
    for (std::size_t i : {0, 1, 2, 3, 4, 5, 14, 15, 16}) if (mask[i] == '*') free_pos.push_back(i);
    int found = 0;
    const std::int64_t first = yiyang::days_from_civil({1900, 1, 1});
    const std::int64_t last = yiyang::days_from_civil(today);
    for (std::int64_t d = last; d >= first && found < cap; --d) {
        const yiyang::Date b = yiyang::civil_from_days(d);
        const std::string text = yiyang::format_date(b);
        const std::string digits = text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
        bool ok = true;
        for (std::size_t i = 0; i < 8 && ok; ++i) ok = matches(6 + i, digits[i]);
        if (!ok) continue;
        if (!s.birth_dates.empty() && !s.birth_dates.count(text)) continue;
        if (!s.ages.empty() && !s.ages.count(yiyang::age_on(b, today))) continue;
        std::string id = mask;
        for (std::size_t i = 0; i < 8; ++i) id[6 + i] = digits[i];
        std::size_t combos = 1;
        for (std::size_t k = 0; k < free_pos.size(); ++k) combos *= 10;
        for (std::size_t c = 0; c < combos && found < cap; ++c) {
            std::size_t rest = c;
            for (std::size_t p : free_pos) { id[p] = static_cast<char>('0' + rest % 10); rest /= 10; }
            if (id.substr(14, 3) == "000") continue;
            if (!s.sexes.empty()) {
                const bool male = (id[16] - '0') % 2 == 1;
                if (!s.sexes.count(male ? "male" : "female")) continue;
            }
            const char check = yiyang::resident_id_check_char(id.substr(0, 17));
            if (!matches(17, check)) continue;
            ++found;
        }
    }
    return found;
}

std::string today_of_server() {
    auto r = TestEnv::get().signed_in("supervisor").get("/api/v1/live");
    REQUIRE(r.status == 200);
    return r.body["server_time"].get<std::string>().substr(0, 10);
}

std::string enc(const std::string& s) { return httplib::detail::encode_query_param(s); }

}  // namespace

TEST_CASE("no role can rebuild a masked ID number from what it receives", "[privacy]") {
    auto& env = TestEnv::get();
    const auto today = *yiyang::parse_date(today_of_server());
    // The truth, as a role that sees everything reads it.
    auto sup = env.signed_in("supervisor");
    std::map<std::int64_t, json> truth;
    for (int page = 1;; ++page) {
        auto r = sup.get("/api/v1/elders?page_size=200&page=" + std::to_string(page));
        REQUIRE(r.status == 200);
        for (const auto& e : r.body["items"]) truth[e["id"].get<std::int64_t>()] = e;
        if (r.body["items"].size() < 200) break;
    }
    REQUIRE(truth.size() >= 100);
    std::set<std::string> full_ids, full_phones;
    for (const auto& [id, e] : truth) {
        full_ids.insert(e["id_number"].get<std::string>());
        if (!e["phone"].get<std::string>().empty()) full_phones.insert(e["phone"].get<std::string>());
    }

    int masked_records = 0;
    for (const auto& role : kRoles) {
        INFO("role " << role);
        auto c = env.signed_in(role);
        std::vector<json> replies;
        auto keep = [&](const Reply& r) { if (r.status == 200 || r.status == 201) replies.push_back(r.body); };
        // Lists, several pages and filters.
        std::vector<std::int64_t> listed;
        for (int page = 1; page <= 8; ++page) {
            auto r = c.get("/api/v1/elders?page_size=50&page=" + std::to_string(page));
            keep(r);
            if (r.status != 200) break;
            for (const auto& e : r.body["items"]) listed.push_back(e["id"].get<std::int64_t>());
            if (r.body["items"].size() < 50) break;
        }
        keep(c.get("/api/v1/elders?town=1&page_size=200"));
        keep(c.get("/api/v1/elders?category=living_alone&page_size=200"));
        // Profiles (the listed ones, else a few of the city's).
        std::vector<std::int64_t> profiles = listed;
        if (profiles.empty()) for (const auto& [id, e] : truth) if (profiles.size() < 20) profiles.push_back(id);
        if (profiles.size() > 40) profiles.resize(40);
        for (auto id : profiles) keep(c.get("/api/v1/elders/" + std::to_string(id)));
        // Lookups by whole number (caller lookup and the list's exact search), of elders this role can list.
        int lookups = 0;
        for (auto id : profiles) {
            if (lookups++ >= 5) break;
            const auto& t = truth.at(id);
            keep(c.get("/api/v1/callers/lookup?id_number=" + t["id_number"].get<std::string>()));
            if (!t["phone"].get<std::string>().empty()) {
                keep(c.get("/api/v1/callers/lookup?phone=" + t["phone"].get<std::string>()));
                keep(c.get("/api/v1/elders?q=" + t["phone"].get<std::string>()));
            }
            keep(c.get("/api/v1/elders?q=" + t["id_number"].get<std::string>()));
        }
        // Orders and calls, which carry elder ids and numbers.
        auto orders = c.get("/api/v1/orders?page_size=100");
        keep(orders);
        if (orders.status == 200) {
            int n = 0;
            for (const auto& o : orders.body["items"]) {
                if (n++ >= 10) break;
                const auto oid = std::to_string(o["id"].get<std::int64_t>());
                keep(c.get("/api/v1/orders/" + oid));
                keep(c.get("/api/v1/orders/" + oid + "/history"));
            }
        }
        keep(c.get("/api/v1/calls?page_size=200"));
        keep(c.get("/api/v1/providers"));
        keep(c.get("/api/v1/overview"));

        std::map<std::int64_t, Seen> seen;
        std::set<std::string> strings;
        for (const auto& r : replies) gather(r, seen, strings);
        int rebuilt = 0, weak = 0, leaked = 0;
        std::string example;
        for (const auto& [id, s] : seen) {
            for (const auto& shown : s.id_numbers) {
                if (shown.find('*') == std::string::npos) continue;
                ++masked_records;
                // Every string the role got: none may be the full number.
                const std::string full = truth.count(id) ? truth.at(id)["id_number"].get<std::string>() : "";
                if (!full.empty() && strings.count(full)) ++leaked;
                const int n = candidates(shown, s, today, 1000);
                if (n <= 1) ++rebuilt;
                if (n < 1000) {
                    ++weak;
                    if (example.empty()) {
                        example = shown + " -> " + std::to_string(n) + " candidates (birth " +
                                  (s.birth_dates.empty() ? "-" : *s.birth_dates.begin()) + ", age " +
                                  (s.ages.empty() ? "-" : std::to_string(*s.ages.begin())) + ")";
                    }
                }
            }
        }
        INFO("first weak mask: " << example);
        CHECK(leaked == 0);
        CHECK(rebuilt == 0);
        // The mask leaves at least 1 000 valid IDs for each elder, whatever else the role was sent.
        CHECK(weak == 0);
        // Roles that see masked phones never get a whole phone number either.
        if (role == "agent") {
            int phones = 0;
            for (const auto& p : full_phones) phones += strings.count(p) ? 1 : 0;
            CHECK(phones == 0);
        }
    }
    CHECK(masked_records > 100);   // agents and providers really were sent masked IDs
}

TEST_CASE("fragments of masked numbers find nothing; a whole number is an audited lookup", "[privacy][audit]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    json target;
    auto page = sup.get("/api/v1/elders?page_size=200");
    INFO("list: " << page.status << " " << page.raw.substr(0, 300));
    for (const auto& e : page.body["items"]) {
        if (e["phone"].get<std::string>().size() == 11) { target = e; break; }
    }
    REQUIRE(target.is_object());
    const std::string phone = target["phone"].get<std::string>();
    const std::string id_number = target["id_number"].get<std::string>();
    const auto id = std::to_string(target["id"].get<std::int64_t>());

    auto agent = env.signed_in("agent");
    // Digit-by-digit recovery of the hidden middle of 138****5678 starts with a prefix query like these.
    for (const std::string& fragment : {phone.substr(0, 4), phone.substr(0, 7), phone.substr(3, 4), phone.substr(7),
                                        id_number.substr(6, 8), id_number.substr(0, 10), phone.substr(0, 10)}) {
        INFO("agent q=" << fragment);
        auto r = agent.get("/api/v1/elders?q=" + fragment);
        const bool refused = r.status == 400;
        const bool nothing = r.status == 200 && r.body["total"] == 0;
        CHECK((refused || nothing));
        if (refused) CHECK(r.body["error"]["message"].get<std::string>().find("完整") != std::string::npos);
    }
    // A provider sees phones in full but ID numbers masked: ID fragments match nothing.
    auto provider = env.signed_in("provider");
    auto served = provider.get("/api/v1/elders?page_size=1");
    REQUIRE(served.status == 200);
    if (!served.body["items"].empty()) {
        const auto pid = served.body["items"][0]["id"].get<std::int64_t>();
        const std::string pid_number = sup.get("/api/v1/elders/" + std::to_string(pid)).body["elder"]["id_number"];
        auto r = provider.get("/api/v1/elders?q=" + pid_number.substr(6, 8));
        CHECK((r.status == 400 || (r.status == 200 && r.body["total"] == 0)));
    }

    // The whole number finds the elder, and the lookup is in the elder's history (never the number itself).
    auto before = sup.get("/api/v1/elders/" + id + "/history").body["events"].size();
    auto found = agent.get("/api/v1/elders?q=" + phone);
    REQUIRE(found.status == 200);
    REQUIRE(found.body["total"].get<int>() >= 1);
    bool has_target = false;
    for (const auto& e : found.body["items"]) has_target |= e["id"] == target["id"];
    CHECK(has_target);
    auto by_id = agent.get("/api/v1/elders?q=" + id_number);
    REQUIRE(by_id.status == 200);
    REQUIRE(by_id.body["total"] == 1);
    CHECK(by_id.body["items"][0]["id_number"].get<std::string>().find('*') != std::string::npos);

    auto history = sup.get("/api/v1/elders/" + id + "/history");
    REQUIRE(history.status == 200);
    const auto& events = history.body["events"];
    REQUIRE(events.size() >= before + 2);
    std::set<std::string> by;
    for (const auto& ev : events) {
        if (ev["action"] != "lookup" || ev["actor"] != env.user("agent").first) continue;
        by.insert(ev["changes"]["by"].get<std::string>());
        CHECK(ev["changes"].dump().find(phone) == std::string::npos);
        CHECK(ev["changes"].dump().find(id_number) == std::string::npos);
    }
    CHECK(by.count("phone") == 1);
    CHECK(by.count("id_number") == 1);

    // A whole number that matches nobody is audited too (repeated guesses show in the log).
    auto none = agent.get("/api/v1/elders?q=13900000000");
    REQUIRE(none.status == 200);
}

TEST_CASE("reading a profile with full personal data is an audit event without the values", "[privacy][audit]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto first = sup.get("/api/v1/elders?page_size=1").body["items"][0];
    const auto id = std::to_string(first["id"].get<std::int64_t>());
    auto admin = env.signed_in("admin");
    REQUIRE(admin.get("/api/v1/elders/" + id).status == 200);
    auto history = sup.get("/api/v1/elders/" + id + "/history");
    REQUIRE(history.status == 200);
    bool found = false;
    for (const auto& ev : history.body["events"]) {
        if (ev["action"] != "read" || ev["actor"] != env.user("admin").first) continue;
        found = true;
        CHECK(ev["entity"] == "elder");
        const auto changes = ev["changes"].dump();
        CHECK(changes.find(first["id_number"].get<std::string>()) == std::string::npos);
        CHECK(changes.find(first["name"].get<std::string>()) == std::string::npos);
        CHECK(ev["changes"]["fields"].size() >= 1);
    }
    CHECK(found);
}

TEST_CASE("the kiosk gets public fields only from every endpoint it may call", "[privacy][kiosk]") {
    auto& env = TestEnv::get();
    const auto today = *yiyang::parse_date(today_of_server());
    auto kiosk = env.signed_in("kiosk");
    auto spec = env.client().get("/api/v1/openapi.json");
    REQUIRE(spec.status == 200);
    const std::regex mobile("(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)");
    const std::regex resident_id("[0-9]{17}[0-9X]");
    int answered = 0;
    std::vector<std::string> problems;
    for (const auto& [path, methods] : spec.body["paths"].items()) {
        if (!methods.contains("get")) continue;
        std::string p = std::regex_replace(path, std::regex("\\{[a-z_]+\\}"), "1");
        for (const std::string& query : {std::string(), std::string("?town=1"), std::string("?page_size=200")}) {
            auto r = kiosk.get(p + query);
            if (r.status != 200) continue;
            ++answered;
            std::map<std::int64_t, Seen> unused;
            std::set<std::string> strings;
            gather(r.body, unused, strings);
            for (const auto& s : strings) {
                if (std::regex_search(s, mobile)) problems.push_back(p + query + ": " + s);
                // 18 characters that pass GB 11643 (a licence number, 统一社会信用代码, has its own check and is public).
                for (std::sregex_iterator it(s.begin(), s.end(), resident_id), end; it != end; ++it) {
                    if (yiyang::check_resident_id(it->str(), today).ok) problems.push_back(p + query + ": " + s);
                }
            }
            if (r.raw.find("\"contact_phone\":\"0") != std::string::npos ||
                r.raw.find("\"contact_phone\":\"1") != std::string::npos) {
                problems.push_back(p + query + ": contact_phone");
            }
        }
    }
    INFO("first problems: " << (problems.empty() ? "" : problems.front()));
    CHECK(problems.empty());
    CHECK(answered >= 3);   // overview, providers, me ... were really called
}

}  // namespace test_privacy
