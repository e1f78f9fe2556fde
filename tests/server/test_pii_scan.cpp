// Issue 12, "no personal data ever" on the public face: every route a kiosk may GET (the published route table's
// x-roles naming kiosk, and the routes any signed-in account or anyone may call) and every route under
// /api/v1/public/ (called without signing in), each with realistic parameters from the demo city's database (its
// towns, the current month and day, service categories), and each reply scanned for 18-character ID numbers (also
// ending in X, and the masked form with a birth date beside it), mainland mobile numbers (also with separators, and
// masked), landlines with an area code, and the full name of every elder in the database. It must find none.
//
// The routes come from the table (GET /api/v1/openapi.json, as the fuzz walk takes them), so routes other parts
// add are scanned without a change here. A path hole or a query parameter of a public route this file cannot fill
// from the database fails the test until a sample is added to kSamples below.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_pii_scan {

using namespace yiyang::test;

namespace {

// Samples for what the database cannot give: keyed by the path as the route table writes it, then by parameter
// (a path hole "{x}" or a query parameter). Add one here when a new route needs it (the test names it). Two keys
// are not parameters: "?" is a query every call carries (a parameter the route requires), "=" the status its
// realistic call answers when not 200 (a code nobody holds is a 404 — its body is scanned all the same).
const std::map<std::string, std::map<std::string, std::string>> kSamples = {
    {"/api/v1/glyphs/pages/{id}", {{"{id}", "156"}}},   // U+4E00…: a CJK page (binary font data)
    {"/api/v1/coverage", {{"?", "category=any"}, {"category", "any"}}},          // the service map (a circle's code)
    {"/api/v1/public/coverage", {{"?", "category=any"}, {"category", "any"}}},
    {"/api/v1/public/policies", {{"q", "助餐"}, {"kind", "policy"}, {"page_size", "20"}}},
    {"/api/v1/public/points", {{"page_size", "20"}}},
    {"/api/v1/public/providers", {{"page_size", "20"}}},
    {"/api/v1/export/coverage.html", {{"?", "category=any"}, {"category", "any"}}},   // the map's towns table
    {"/api/v1/export/coverage.xlsx", {{"?", "category=any"}, {"category", "any"}}},
    {"/api/v1/public/visits/status", {{"?", "code=ABCDEF&phone4=1234"}, {"code", "ABCDEF"}, {"phone4", "1234"}, {"=", "404"}}},
};

// The query parameters filled from the database or the clock, by name.
struct CityValues {
    std::vector<std::string> towns;        // town ids
    std::vector<std::string> town_codes;
    std::vector<std::string> categories;   // service category codes
    std::string month, day, year, quarter;
};

int utf8_chars(const std::string& s) {
    int n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// What a reply must never carry: each finding names the kind and the text found.
std::vector<std::string> pii_findings(const std::string& text, const std::vector<std::string>& elder_names) {
    static const std::regex id18(R"((^|[^0-9A-Za-z])([1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])($|[^0-9A-Za-z]))");
    static const std::regex masked_id(R"([1-9][0-9]{3,5}\*{6,12}[0-9]{2,4}[0-9Xx]?)");
    static const std::regex birth_date(R"((18|19|20)[0-9]{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12][0-9]|3[01]))");
    static const std::regex mobile(R"((^|[^0-9])(\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})($|[^0-9]))");
    static const std::regex masked_mobile(R"((^|[^0-9])1[3-9][0-9]\*{4}[0-9]{4}($|[^0-9]))");
    static const std::regex landline(R"((^|[^0-9])(\(0[0-9]{2,3}\)|0[0-9]{2,3})[ -]?[2-9][0-9]{6,7}($|[^0-9]))");
    std::vector<std::string> out;
    std::smatch m;
    auto all = [&](const std::regex& re, const char* kind) {
        for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
            out.push_back(std::string(kind) + ": " + it->str());
    };
    all(id18, "ID number");
    all(mobile, "mobile number");
    all(masked_mobile, "masked mobile number");
    all(landline, "landline");
    // A masked ID is personal when a birth date stands within 200 bytes of it (the mask hides the date).
    for (auto it = std::sregex_iterator(text.begin(), text.end(), masked_id); it != std::sregex_iterator(); ++it) {
        const auto from = static_cast<std::size_t>(std::max<long>(0, it->position() - 200));
        const auto near = text.substr(from, static_cast<std::size_t>(it->length()) + 400);
        if (std::regex_search(near, m, birth_date)) out.push_back("masked ID number with a birth date: " + it->str() + " … " + m.str());
    }
    for (const auto& name : elder_names) {
        if (utf8_chars(name) < 2) continue;
        if (text.find(name) != std::string::npos) out.push_back("elder name: " + name);
    }
    return out;
}

// The reply as text and, when it is JSON, re-written with every \u escape undone (a name escaped is found too).
std::vector<std::string> scanned_forms(const std::string& raw) {
    std::vector<std::string> forms{raw};
    auto j = json::parse(raw, nullptr, false);
    if (!j.is_discarded()) forms.push_back(j.dump(-1, ' ', false, json::error_handler_t::replace));
    return forms;
}

// The providers' own numbers (a service desk's landline is published on purpose: the portal shows it), as digits.
std::set<std::string> provider_phones_in(SQLite::Database& db) {
    std::set<std::string> out;
    SQLite::Statement st(db, "SELECT contact_phone FROM providers WHERE contact_phone <> ''");
    while (st.executeStep()) {
        std::string d;
        for (char c : st.getColumn(0).getString()) if (c >= '0' && c <= '9') d += c;
        if (!d.empty()) out.insert(d);
    }
    return out;
}
// A finding that is a provider's landline (see provider_phones_in) is not personal data.
bool providers_number(const std::string& finding, const std::set<std::string>& phones) {
    if (finding.rfind("landline", 0) != 0) return false;
    std::string d;
    for (char c : finding) if (c >= '0' && c <= '9') d += c;
    return phones.count(d) > 0;
}

std::vector<std::string> elder_names_in(SQLite::Database& db) {
    std::vector<std::string> names;
    SQLite::Statement st(db, "SELECT DISTINCT name FROM elders");
    while (st.executeStep()) names.push_back(st.getColumn(0).getString());
    return names;
}

CityValues city_values(SQLite::Database& db, ApiClient& c) {
    CityValues v;
    SQLite::Statement towns(db, "SELECT id, code FROM towns ORDER BY id");
    while (towns.executeStep()) {
        v.towns.push_back(std::to_string(towns.getColumn(0).getInt64()));
        v.town_codes.push_back(towns.getColumn(1).getString());
    }
    // The service categories the providers offer.
    std::set<std::string> cats;
    SQLite::Statement pc(db, "SELECT DISTINCT category FROM provider_categories ORDER BY category");
    while (pc.executeStep()) cats.insert(pc.getColumn(0).getString());
    v.categories.assign(cats.begin(), cats.end());
    const auto now = server_clock(c);
    const yiyang::Date d = yiyang::date_of(now);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    v.month = buf;
    v.day = yiyang::format_date(d);
    v.year = std::to_string(d.year);
    v.quarter = v.year + "-Q" + std::to_string((d.month - 1) / 3 + 1);
    return v;
}

// The values to try for a query parameter by its name; empty when the name is not one the city can fill.
std::vector<std::string> values_for(const std::string& name, const CityValues& v) {
    if (name == "town" || name == "town_id") return v.towns;
    if (name == "town_code") return v.town_codes;
    if (name == "category" || name == "categories" || name == "service_category") return v.categories;
    if (name == "month" || name == "from_month" || name == "to_month") return {v.month};
    if (name == "day" || name == "date" || name == "from" || name == "to" || name == "on") return {v.day};
    if (name == "year") return {v.year};
    if (name == "quarter") return {v.quarter};
    if (name == "page") return {"1", "2"};
    if (name == "page_size") return {"100"};
    return {};
}

struct Route {
    std::string path;               // as the table writes it: /api/v1/x/{id}
    std::vector<std::string> query; // its query parameters
    bool kiosk = false;             // a kiosk session may call it (x-roles has kiosk, or no permission is needed)
    bool anonymous = false;         // no sign-in needed (/api/v1/public/…, and routes without a gate)
};

}  // namespace

TEST_CASE("the PII scan finds a planted ID number, phone, landline and elder name, and nothing in clean figures", "[pii][kiosk_devices]") {
    const std::vector<std::string> names = {"欧阳建国", "李娟", "王"};
    CHECK(pii_findings(R"({"town":"东区","requests":"<5","share":"61.5%","month":"2026-12"})", names).empty());
    CHECK(pii_findings(R"({"at":"2026-12-06T04:00:00","total":1234567,"code":"GD20261206001"})", names).empty());
    CHECK(pii_findings(R"({"items":[{"name":"王"}]})", names).empty());   // one character: not a name
    CHECK(pii_findings(R"({"contact":"13812345678"})", names).size() == 1);
    CHECK(pii_findings(R"({"contact":"138-1234-5678"})", names).size() == 1);
    CHECK(pii_findings(R"({"contact":"+86 138 1234 5678"})", names).size() == 1);
    CHECK(pii_findings(R"({"contact":"138****5678"})", names).size() == 1);
    CHECK(pii_findings(R"({"tel":"0760-88881234"})", names).size() == 1);
    CHECK(pii_findings(R"({"tel":"(020)87654321"})", names).size() == 1);
    CHECK(pii_findings(R"({"id":"44200019450312123X"})", names).size() == 1);
    CHECK(pii_findings(R"({"id":"442000194503121234"})", names).size() == 1);
    CHECK(pii_findings(R"({"id":"4420**********123X","birth_date":"1945-03-12"})", names).size() == 1);
    CHECK(pii_findings(R"({"id":"4420**********123X","age":81})", names).empty());
    CHECK(pii_findings(R"({"title":"李娟老人"})", names).size() == 1);
    // Escaped in JSON: found once the reply is decoded.
    bool found = false;
    for (const auto& form : scanned_forms(R"({"title":"\u674e\u5a1f"})"))
        found = found || !pii_findings(form, names).empty();
    CHECK(found);
}

TEST_CASE("no kiosk or public reply carries an ID number, a phone number or an elder's name", "[pii][kiosk_devices]") {
    auto& env = TestEnv::get();
    if (env.external()) { WARN("skipped: reads the elders' names from the database file"); return; }
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    const auto names = elder_names_in(db);
    REQUIRE(names.size() >= 10);
    const auto provider_phones = provider_phones_in(db);
    auto kiosk = env.signed_in("kiosk");
    auto anonymous = env.client();
    const auto city = city_values(db, kiosk);
    REQUIRE(!city.towns.empty());
    REQUIRE(!city.categories.empty());

    auto doc = anonymous.get("/api/v1/openapi.json");
    REQUIRE(doc.status == 200);
    std::vector<Route> routes;
    for (auto& [path, methods] : doc.body["paths"].items()) {
        if (!methods.contains("get")) continue;
        const auto& op = methods["get"];
        Route r{path, {}, false, false};
        for (const auto& p : op.value("parameters", json::array()))
            if (p.value("in", "") == "query") r.query.push_back(p["name"].get<std::string>());
        bool kiosk_role = false;
        for (const auto& role : op.value("x-roles", json::array())) kiosk_role = kiosk_role || role == "kiosk";
        const bool gated = op.contains("x-permission");
        r.kiosk = kiosk_role || !gated;
        r.anonymous = path.rfind("/api/v1/public/", 0) == 0;
        if (r.kiosk || r.anonymous) routes.push_back(r);
    }
    REQUIRE(routes.size() >= 4);   // overview, towns, providers, me at least

    // A public article's id from the public list itself (the seed's ids are not fixed).
    auto samples_now = kSamples;
    {
        auto list = anonymous.get("/api/v1/public/policies?page_size=1");
        if (list.status == 200 && !list.body.value("items", json::array()).empty())
            samples_now["/api/v1/public/policies/{id}"]["{id}"] = std::to_string(list.body["items"][0]["id"].get<long long>());
    }
    int replies = 0, scanned_bytes = 0;
    std::set<std::string> seen_paths;
    for (const auto& route : routes) {
        INFO("route " << route.path);
        const auto samples = samples_now.find(route.path);
        // The path's holes: from the samples, else the test fails (someone must add one).
        std::string path = route.path;
        bool fillable = true;
        for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
            const auto close = path.find('}', open);
            const auto hole = path.substr(open, close - open + 1);
            std::string value;
            if (samples != samples_now.end() && samples->second.count(hole)) value = samples->second.at(hole);
            if (value.empty()) {
                FAIL_CHECK("no sample for " << hole << " of " << route.path << ": add one to kSamples in " << __FILE__);
                fillable = false;
                break;
            }
            path.replace(open, close - open + 1, value);
        }
        if (!fillable) continue;
        if (samples != samples_now.end() && samples->second.count("?")) path += "?" + samples->second.at("?");
        const int expected = samples != samples_now.end() && samples->second.count("=") ? std::stoi(samples->second.at("=")) : 200;
        // The calls: without a query, then each known parameter with each of its values, then all together.
        std::vector<std::string> queries{""};
        std::string together;
        for (const auto& q : route.query) {
            auto values = values_for(q, city);
            if (samples != samples_now.end() && samples->second.count(q)) values = {samples->second.at(q)};
            if (values.empty()) {
                if (route.anonymous) FAIL_CHECK("no sample for query parameter " << q << " of public route " << route.path
                                                << ": add one to kSamples in " << __FILE__);
                continue;
            }
            for (const auto& v : values) queries.push_back(q + "=" + v);
            together += (together.empty() ? "" : "&") + q + "=" + values.front();
        }
        if (!together.empty()) queries.push_back(together);

        std::vector<ApiClient*> callers;
        if (route.kiosk) callers.push_back(&kiosk);
        if (route.anonymous || !route.kiosk) callers.push_back(&anonymous);
        for (ApiClient* caller : callers) {
            for (const auto& q : queries) {
                const std::string url = path + (q.empty() ? "" : (path.find('?') == std::string::npos ? "?" : "&") + q);
                auto r = caller->get(url);
                INFO("GET " << url << (caller == &kiosk ? " as kiosk" : " anonymously") << " → " << r.status);
                // The realistic call must answer: a refusal would scan nothing.
                if (q.empty() || q == together) CHECK(r.status == expected);
                ++replies;
                scanned_bytes += static_cast<int>(r.raw.size());
                seen_paths.insert(route.path);
                for (const auto& form : scanned_forms(r.raw)) {
                    const auto found = pii_findings(form, names);
                    for (const auto& f : found)
                        if (!providers_number(f, provider_phones)) FAIL_CHECK("GET " << url << ": " << f);
                }
            }
        }
    }
    CHECK(seen_paths.count("/api/v1/overview") == 1);
    // The same scan over a staff reply that does carry personal data finds it (the names and numbers are real).
    auto staff = env.signed_in("admin").get("/api/v1/elders?page_size=5");
    REQUIRE(staff.status == 200);
    CHECK(pii_findings(staff.raw, names).size() >= 5);
    CHECK(replies >= 10);
    CHECK(scanned_bytes > 1000);
    WARN("PII scan: " << seen_paths.size() << " routes, " << replies << " replies, " << scanned_bytes << " bytes, "
                      << names.size() << " elder names");
}

}  // namespace test_pii_scan
