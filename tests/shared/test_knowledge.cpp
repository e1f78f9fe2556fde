// Knowledge-base domain rules (shared/knowledge.hpp): kind codes, article validation with Chinese field
// messages, UTF-8-safe snippets and query words — the same results natively and in WebAssembly.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "support.hpp"
#include "yiyang/knowledge.hpp"

namespace test_knowledge {

using namespace yiyang;
using nlohmann::json;

namespace {

KbArticleDraft good_draft() {
    KbArticleDraft d;
    d.kind = KbKind::ServiceItem;
    d.title = "助餐服务";
    d.body = "助餐服务依托社区助老食堂、长者饭堂或中央厨房。";
    d.tags = {"助餐", "长者饭堂"};
    return d;
}

const FieldError& only(const std::vector<FieldError>& errors, const std::string& field) {
    REQUIRE(errors.size() == 1);
    REQUIRE(errors.front().field == field);
    return errors.front();
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// True when `s` is well-formed UTF-8 (checked independently of the code under test, byte by byte).
bool well_formed(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += len;
    }
    return true;
}

}  // namespace

TEST_CASE("knowledge kinds have stable codes, Chinese labels and parse back", "[knowledge]") {
    REQUIRE(all_KbKinds().size() == 5);
    CHECK(std::string(code(KbKind::Policy)) == "policy");
    CHECK(std::string(label_zh(KbKind::SubsidyItem)) == "补贴项目");
    CHECK(std::string(label_zh(KbKind::ProviderInfo)) == "服务商信息");
    for (auto k : all_KbKinds()) {
        CHECK(parse_KbKind(code(k)) == k);
        json j = k;
        CHECK(j.get<KbKind>() == k);
    }
    CHECK_FALSE(parse_KbKind("Policy"));
    CHECK_FALSE(parse_KbKind(""));
    CHECK_THROWS_AS(json("news").get<KbKind>(), std::invalid_argument);
    CHECK_THROWS_WITH(json("news").get<KbKind>(), "未知的知识类别 \"news\"");
    CHECK_THROWS_WITH(json(3).get<KbKind>(), "知识类别应为文本");
}

TEST_CASE("a good article passes; title and tags are trimmed", "[knowledge]") {
    auto d = good_draft();
    d.title = "  助餐服务　";   // ASCII and full-width blanks
    d.tags = {" 助餐 ", "长者饭堂"};
    CHECK(validate_article(d, false).empty());
    CHECK(d.title == "助餐服务");
    CHECK(d.tags.front() == "助餐");
}

TEST_CASE("title and body are required and limited in characters, not bytes", "[knowledge]") {
    auto d = good_draft();
    d.title = "   ";
    auto e = only(validate_article(d, false), "title");
    CHECK(e.code == "required");
    CHECK(e.message_zh == "标题不能为空");

    d = good_draft();
    d.title = repeat("养", 60);   // 60 characters, 180 bytes
    CHECK(validate_article(d, false).empty());
    d.title += "老";
    e = only(validate_article(d, false), "title");
    CHECK(e.code == "too_long");
    CHECK_THAT(e.message_zh, Catch::Contains("不能超过60个字") && Catch::Contains("61"));

    d = good_draft();
    d.body = repeat("服", static_cast<int>(kKbBodyMax) + 1);
    CHECK(only(validate_article(d, false), "body").code == "too_long");
    d.body = "第一行\n第二行\t缩进";   // newlines and tabs belong in a body
    CHECK(validate_article(d, false).empty());
    d.title = "标题\n换行";
    CHECK(only(validate_article(d, false), "title").code == "format");
    d = good_draft();
    d.body = std::string("坏") + "\xE5\x8A";   // cut in the middle of a character
    CHECK(only(validate_article(d, false), "body").code == "encoding");
}

TEST_CASE("tags: at most 10, each 1..20 characters, no duplicates", "[knowledge]") {
    auto d = good_draft();
    d.tags.clear();
    for (int i = 0; i < 11; ++i) d.tags.push_back("标签" + std::to_string(i));
    CHECK(only(validate_article(d, false), "tags").code == "too_many");
    d.tags = {"助餐", "助餐"};
    auto e = only(validate_article(d, false), "tags");
    CHECK(e.code == "duplicate");
    CHECK_THAT(e.message_zh, Catch::Contains("助餐"));
    d.tags = {repeat("长", 21)};
    CHECK(only(validate_article(d, false), "tags").code == "too_long");
    d.tags = {"", "助餐"};
    e = only(validate_article(d, false), "tags");
    CHECK(e.code == "required");
    CHECK_THAT(e.message_zh, Catch::Contains("第1个标签"));
}

TEST_CASE("an edit needs a reason and the version that was read", "[knowledge]") {
    auto d = good_draft();
    d.version = 3;
    d.reason = "";
    auto e = only(validate_article(d, true), "reason");
    CHECK(e.code == "required");
    CHECK(e.message_zh == "请填写修改原因");
    d.reason = "政策调整";
    CHECK(validate_article(d, true).empty());
    d.version = 0;
    CHECK(only(validate_article(d, true), "version").code == "format");
    d.version = 1;
    d.reason = repeat("因", static_cast<int>(kKbReasonMax) + 1);
    CHECK(only(validate_article(d, true), "reason").code == "too_long");
}

TEST_CASE("request bodies: unknown fields, wrong types and unknown kinds are each named", "[knowledge]") {
    KbArticleDraft out;
    out.title = "不变";
    auto errors = kb_draft_from_request(json{{"kind", "news"}, {"title", 5}, {"body", "正文"}, {"tilte", "错拼"},
                                              {"tags", "助餐"}},
                                        false, out);
    REQUIRE(errors.size() == 4);
    std::set<std::string> fields;
    for (const auto& e : errors) fields.insert(e.field);
    CHECK(fields == std::set<std::string>{"kind", "title", "tags", "tilte"});
    CHECK(out.title == "不变");   // nothing half-written

    errors = kb_draft_from_request(json{{"title", "标题"}, {"body", "正文"}}, false, out);
    CHECK(only(errors, "kind").code == "required");

    // "version" and "reason" belong to edits only.
    errors = kb_draft_from_request(json{{"kind", "faq"}, {"title", "标题"}, {"body", "正文"}, {"reason", "x"}}, false, out);
    CHECK(only(errors, "reason").code == "unknown_field");
    errors = kb_draft_from_request(json{{"kind", "faq"}, {"title", "标题"}, {"body", "正文"}, {"reason", "补充"}}, true, out);
    CHECK(only(errors, "version").code == "required");
    errors = kb_draft_from_request(json{{"kind", "faq"}, {"title", "标题"}, {"body", "正文"}, {"reason", "补充"},
                                        {"version", 2}, {"tags", {"甲", "乙"}}},
                                   true, out);
    CHECK(errors.empty());
    CHECK(out.kind == KbKind::Faq);
    CHECK(out.version == 2);
    CHECK(out.tags == std::vector<std::string>{"甲", "乙"});
    CHECK(kb_draft_from_request(json::array(), false, out).size() == 1);
}

TEST_CASE("snippets centre on the match and never cut a character", "[knowledge]") {
    const std::string text = repeat("前文", 50) + "紧急求助30秒内应答" + repeat("后文", 50);
    const auto s = kb_snippet(text, "30秒", 20);
    CHECK(well_formed(s));
    CHECK_THAT(s, Catch::Contains("30秒"));
    CHECK(s.rfind("…", 0) == 0);                                  // cut at the front ...
    CHECK(s.size() >= 3);
    CHECK(s.substr(s.size() - 3) == "…");                          // ... and at the back
    CHECK(utf8_length(s) == 22);                                   // 20 characters + two ellipses

    // No match or no term: the start; short texts whole; newlines flattened.
    CHECK(kb_snippet(text, "没有的词", 4) == "前文前文…");
    CHECK(kb_snippet("短文", "短", 80) == "短文");
    CHECK(kb_snippet("第一行\n第二行", "", 80) == "第一行 第二行");
    CHECK(kb_snippet("SOS 处置", "sos", 80) == "SOS 处置");             // ASCII case-insensitive

    // Every window over a mixed text is well-formed, whatever the size.
    const std::string mixed = "a助b餐c😀d服务e" + repeat("é老", 10);
    for (std::size_t n = 1; n < 30; ++n) {
        for (const char* term : {"", "餐", "😀", "老", "e"}) CHECK(well_formed(kb_snippet(mixed, term, n)));
    }
    // Broken input bytes come out as U+FFFD, not as broken UTF-8.
    CHECK(well_formed(kb_snippet(std::string("坏\xE5\x8A了"), "", 10)));
}

TEST_CASE("query words split on ASCII and full-width blanks", "[knowledge]") {
    CHECK(kb_query_terms("") .empty());
    CHECK(kb_query_terms("  \t") .empty());
    CHECK(kb_query_terms("助餐") == std::vector<std::string>{"助餐"});
    CHECK(kb_query_terms(" 助餐　补贴  高龄 ") == std::vector<std::string>{"助餐", "补贴", "高龄"});
    CHECK(kb_query_terms("\"AND\" *") == std::vector<std::string>{"\"AND\"", "*"});
    CHECK(kb_query_terms("1 2 3 4 5 6 7 8 9 10").size() == 8);
    CHECK(utf8_length("助餐a😀") == 4);
}

TEST_CASE("the seed articles are valid and cover what agents are asked", "[knowledge]") {
    const auto file = yiyang::test::load_json("assets/knowledge/articles.json");
    REQUIRE(file["articles"].size() >= 30);
    std::set<std::string> keys, kinds, text;
    std::string all;
    for (const auto& a : file["articles"]) {
        INFO(a.value("key", "?"));
        CHECK(keys.insert(a["key"].get<std::string>()).second);
        json body = a;
        body.erase("key");
        KbArticleDraft d;
        auto errors = kb_draft_from_request(body, false, d);
        if (errors.empty()) errors = validate_article(d, false);
        CHECK(errors.empty());
        kinds.insert(code(d.kind));
        all += d.title + d.body;
    }
    CHECK(kinds.size() == 5);
    for (const char* must : {"88885252", "12345", "助餐", "助洁", "助浴", "助医", "助行", "助急", "助购", "精神慰藉",
                             "康复辅助", "生活照料", "30秒", "不过夜", "非常满意", "很不满意", "低保", "特困"}) {
        INFO(must);
        CHECK(all.find(must) != std::string::npos);
    }
}

TEST_CASE("对公众公开: a flag of the public kinds only; absent on an edit keeps what was stored", "[knowledge]") {
    CHECK(public_may_read(KbKind::Policy, true));
    CHECK_FALSE(public_may_read(KbKind::Policy, false));
    CHECK_FALSE(public_may_read(KbKind::ProviderInfo, true));
    for (KbKind k : all_KbKinds()) CHECK(public_may_read(k, true) == is_public(k));

    KbArticleDraft out;
    // New articles are internal unless they say otherwise.
    REQUIRE(kb_draft_from_request(json{{"kind", "policy"}, {"title", "标题"}, {"body", "正文"}}, false, out).empty());
    CHECK_FALSE(out.published);
    REQUIRE(kb_draft_from_request(json{{"kind", "policy"}, {"title", "标题"}, {"body", "正文"}, {"published", true}},
                                  false, out).empty());
    CHECK(out.published);
    // An edit without the key keeps the stored flag; with it, the flag sent.
    const json edit = {{"kind", "faq"}, {"title", "标题"}, {"body", "正文"}, {"reason", "补充"}, {"version", 2}};
    REQUIRE(kb_draft_from_request(edit, true, out, true).empty());
    CHECK(out.published);
    REQUIRE(kb_draft_from_request(edit, true, out, false).empty());
    CHECK_FALSE(out.published);
    json unpublish = edit;
    unpublish["published"] = false;
    REQUIRE(kb_draft_from_request(unpublish, true, out, true).empty());
    CHECK_FALSE(out.published);
    // Wrong type: named.
    json wrong = edit;
    wrong["published"] = 1;
    CHECK(only(kb_draft_from_request(wrong, true, out, false), "published").code == "type");

    // 服务商信息 (generated from the whole register) can never be published.
    KbArticleDraft d = good_draft();
    d.kind = KbKind::ProviderInfo;
    d.published = true;
    const auto errors = validate_article(d, false);
    const auto& e = only(errors, "published");
    CHECK(e.code == "not_public");
    CHECK(e.message_zh.find("服务商信息") != std::string::npos);
    d.kind = KbKind::Faq;
    CHECK(validate_article(d, false).empty());
}

TEST_CASE("the seed publishes what was written for the public and keeps the desk's instructions internal",
          "[knowledge]") {
    const auto file = yiyang::test::load_json("assets/knowledge/articles.json");
    std::set<std::string> published, internal;
    for (const auto& a : file["articles"]) {
        json body = a;
        body.erase("key");
        KbArticleDraft d;
        REQUIRE(kb_draft_from_request(body, false, d).empty());
        (public_may_read(d.kind, d.published) ? published : internal).insert(a["key"].get<std::string>());
    }
    for (const char* key : {"hotline-88885252", "channels", "meals", "home-visit-subsidy", "hall"}) {
        INFO(key);
        CHECK(published.count(key) == 1);
    }
    for (const char* key : {"order-flow", "sos", "review", "privacy", "seat-standards", "who-qualifies",
                            "deceased", "provider-admission"}) {
        INFO(key);
        CHECK(internal.count(key) == 1);
    }
}

}  // namespace test_knowledge
