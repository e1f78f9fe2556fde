// TextCodes (yiyang/text_codes.hpp): codes in order of first sight, the same text the same code however often it
// is seen and across the table's growth, find() never inventing one.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "yiyang/text_codes.hpp"

namespace test_text_codes {

using yiyang::TextCodes;

TEST_CASE("TextCodes numbers each distinct text once, in order of first sight", "[text_codes]") {
    std::vector<std::string> texts;
    for (int i = 0; i < 5000; ++i) texts.push_back("350303" + std::to_string(19300101 + (i * 7919) % 1237) + "00X");
    TextCodes codes(4);   // grows many times on the way
    std::map<std::string, std::uint32_t> expected;
    for (const auto& t : texts) {
        const auto c = codes.code(t);
        auto [it, fresh] = expected.emplace(t, static_cast<std::uint32_t>(expected.size()));
        REQUIRE(c == it->second);
        (void)fresh;
    }
    REQUIRE(codes.size() == expected.size());
    for (const auto& [t, c] : expected) REQUIRE(codes.find(t) == c);
    REQUIRE(codes.find("no such text") == TextCodes::kNone);
    REQUIRE(codes.find("") == TextCodes::kNone);
    REQUIRE(codes.code("") == expected.size());   // the empty text is a text like any other
    REQUIRE(codes.find("") == expected.size());
}

}  // namespace test_text_codes
