// Helpers shared by the domain tests: the project's rule files (read through YIYANG_SOURCE_DIR, which works
// natively and under node with NODERAWFS), and the message a rules loader gives for bad data.
#pragma once
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <nlohmann/json.hpp>

#include "yiyang/wire/common.hpp"

namespace yiyang::test {

// A wire struct written and read back (wire::read_reply, as the dashboard reads replies): it must parse, and its
// JSON must come out the same (structs without operator== are compared by their JSON). Returns what was read.
template <class T>
T round_trip(const T& v) {
    const nlohmann::json first = v;
    std::string error;
    auto back = wire::read_reply<T>(first, &error);
    INFO(error);
    REQUIRE(back.has_value());
    CHECK(nlohmann::json(*back) == first);
    return *back;
}

inline nlohmann::json load_json(const char* relative) {
    std::ifstream in(std::string(YIYANG_SOURCE_DIR) + "/" + relative);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

// The std::invalid_argument message of loading `j` as T, or "(no error)".
template <class T>
std::string load_error(const nlohmann::json& j) {
    try {
        (void)j.get<T>();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace yiyang::test
