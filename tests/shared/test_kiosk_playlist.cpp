// The kiosk playlist rule (kiosk_playlist.hpp): the seed parses, bad bodies are refused naming the field, and the
// rotation walks the panels by their seconds; the public figures builder (public_figures.hpp) hides small cells.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/kiosk_playlist.hpp"
#include "yiyang/public_figures.hpp"

namespace test_kiosk_playlist {

using namespace yiyang;
using nlohmann::json;

namespace {
kiosk::Playlist seed() { return test::load_json("assets/rules/kiosk-playlist.json").get<kiosk::Playlist>(); }
std::string refusal(json body) {
    try {
        (void)body.get<kiosk::Playlist>();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("kiosk playlist: the seed, refusals naming the field", "[kiosk]") {
    const auto p = seed();
    REQUIRE(p.panels.size() == 7);
    CHECK(p.panels.front().code == "figures");
    CHECK(p.resume_after_seconds == 60);
    CHECK(json(p).get<kiosk::Playlist>() == p);
    json b = test::load_json("assets/rules/kiosk-playlist.json");
    b["panels"][1]["code"] = "weather";
    CHECK(refusal(b).find("panels[1]") != std::string::npos);
    b = test::load_json("assets/rules/kiosk-playlist.json");
    b["panels"][0]["seconds"] = 2;
    CHECK(refusal(b).find("\"seconds\"") != std::string::npos);
    b = test::load_json("assets/rules/kiosk-playlist.json");
    b["panels"][1]["code"] = "figures";
    CHECK(refusal(b).find("重复") != std::string::npos);
    b = test::load_json("assets/rules/kiosk-playlist.json");
    b["panels"] = json::array();
    CHECK_FALSE(refusal(b).empty());
    b = test::load_json("assets/rules/kiosk-playlist.json");
    b["resume_after_seconds"] = 1;
    CHECK(refusal(b).find("resume_after_seconds") != std::string::npos);
    b = test::load_json("assets/rules/kiosk-playlist.json");
    b["colour"] = "red";
    CHECK(refusal(b).find("colour") != std::string::npos);
}

TEST_CASE("kiosk playlist: rotation by each panel's seconds", "[kiosk]") {
    kiosk::Playlist p;
    p.panels = {{"figures", 10}, {"elders", 5}, {"policies", 20}};
    CHECK(kiosk::rotate(p, 0, 0).index == 0);
    CHECK(kiosk::rotate(p, 0, 0).remaining_ms == 10000);
    CHECK(kiosk::rotate(p, 0, 9999).index == 0);
    CHECK(kiosk::rotate(p, 0, 10000).index == 1);
    CHECK(kiosk::rotate(p, 0, 15000).index == 2);
    CHECK(kiosk::rotate(p, 0, 35000).index == 0);           // a whole cycle
    CHECK(kiosk::rotate(p, 2, 20000).index == 0);           // from the last panel back to the first
    CHECK(kiosk::rotate(p, 1, 35000 * 1000.0 + 4000).index == 1);
    CHECK(kiosk::rotate(p, 1, 35000 * 1000.0 + 4000).remaining_ms == 1000);
    CHECK(kiosk::rotate(kiosk::Playlist{}, 3, 1234).index == 0);
}

TEST_CASE("public figures: every count suppressed, groups complemented, rates hidden", "[kiosk]") {
    disclosure::DisclosureRule rule{"t", 5};
    PublicFiguresInputs in;
    in.as_of = start_of(Date{2026, 12, 6}) + 12 * 3600 + 34 * 60 + 56;
    in.day = Date{2026, 12, 6};
    in.overview.month = month_of(in.day);
    in.overview.active_elders = 23;
    in.overview.towns = {TownRow{1, "石岐街道", 20, Ratio{20, 23}}, TownRow{2, "东区街道", 3, Ratio{3, 23}}};
    in.today_by_channel = {{Channel::Hotline, 7}, {Channel::WalkIn, 2}, {Channel::PublicPortal, 9}};
    in.providers = 3;
    in.points_by_town = {{1, 6}};
    in.rates = {{"satisfaction", "服务满意率", "≥ 95%", true, Ratio{95, 100}, true},
                {"response_rate", "来电诉求响应率", "≥ 95%", true, Ratio{3, 4}, false},
                {"valid_complaint_rate", "有效投诉率", "＜ 2%", true, Ratio{1, 100}, true}};
    // A published policy is shown; a published FAQ is not (the kiosk's 政策 panel); an internal policy is not.
    in.articles = {{1, KbKind::Policy, "高龄津贴", "年满八十周岁……", true}, {2, KbKind::Faq, "内部问答", "x", true},
                   {3, KbKind::Policy, "坐席须知", "仅内部", false}};
    const auto r = build_public_figures(in, rule, seed());
    CHECK(r.as_of == "2026-12-06 12:34");
    CHECK(r.today_total.text == "18");
    // Hotline 7, walk-in 2 (hidden), portal 9: the smallest other non-zero cell (7) is withheld too ("—": not small).
    std::map<std::string, std::string> today;
    for (const auto& row : r.today_by_channel) today[row.code] = row.count.text;
    CHECK(today.at("walk_in") == "<5");
    CHECK(today.at("hotline") == "—");
    CHECK(today.at("public_portal") == "9");
    // Towns: 20 and 3 → both hidden (complementary), the total 23 shown.
    REQUIRE(r.elders_by_town.size() == 2);
    CHECK_FALSE(r.elders_by_town[0].count.value);
    CHECK_FALSE(r.elders_by_town[1].count.value);
    CHECK(r.elders_total.text == "23");
    CHECK(r.providers_total.text == "<5");
    CHECK(r.points_by_town[0].count.text == "6");
    // Rates in the kiosk's order; 3 of 4 hidden (a small denominator); complaints not a public rate.
    REQUIRE(r.rates.size() == 2);
    CHECK(r.rates[0].code == "response_rate");
    CHECK_FALSE(r.rates[0].shown);
    CHECK(r.rates[0].text == "—");
    CHECK(r.rates[1].code == "satisfaction");
    CHECK(r.rates[1].text == "95.0%");   // 95 of 100: neither 95 nor the 5 others a small cell (96 of 100 is withheld)
    CHECK(r.rates[1].met == true);
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "高龄津贴");
    CHECK(r.playlist.size() == 7);
    CHECK(r.playlist[0].label == "今日与本月");
    CHECK(json(r).get<wire::PublicFiguresReply>() == r);
}

}  // namespace test_kiosk_playlist
