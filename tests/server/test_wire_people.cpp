// The real server's replies of sessions, elders, reference data, overview, health, calls and the knowledge base
// read back through the shared wire structs (shared/include/yiyang/wire/*) and write back as the same JSON:
// a member the server adds, renames or drops and the struct does not know fails here.
#include <catch2/catch.hpp>

#include <string>

#include "harness.hpp"
#include "yiyang/wire/calls.hpp"
#include "yiyang/wire/elders.hpp"
#include "yiyang/wire/knowledge.hpp"
#include "yiyang/wire/overview.hpp"
#include "yiyang/wire/reference.hpp"
#include "yiyang/wire/session.hpp"
#include "yiyang/wire/system.hpp"

namespace test_wire_people {

using namespace yiyang;
using namespace yiyang::test;

namespace {

template <class T>
T reads_back(ApiClient& c, const std::string& path) {
    INFO(path);
    const Reply r = c.get(path);
    REQUIRE(r.status == 200);
    std::string error;
    auto parsed = wire::read_reply<T>(r.body, &error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(json(*parsed) == r.body);
    return *parsed;
}

}  // namespace

TEST_CASE("session, reference, overview and health replies are the wire structs", "[wire][session][reference]") {
    auto admin = TestEnv::get().signed_in("admin");
    const auto me = reads_back<wire::SessionReply>(admin, "/api/v1/me");
    CHECK(me.user.role == Role::Admin);
    CHECK(me.idle_timeout_s > 0);
    CHECK(!reads_back<wire::TownList>(admin, "/api/v1/towns").towns.empty());
    const auto providers = reads_back<wire::ProviderList>(admin, "/api/v1/providers");
    CHECK(providers.total == static_cast<std::int64_t>(providers.items.size()));
    auto kiosk = TestEnv::get().signed_in("kiosk");
    reads_back<wire::ProviderList>(kiosk, "/api/v1/providers");
    CHECK(!reads_back<wire::OverviewReply>(kiosk, "/api/v1/overview").month_code.empty());
    auto anonymous = TestEnv::get().client();
    CHECK(reads_back<wire::Health>(anonymous, "/api/v1/health").status == "ok");
}

TEST_CASE("elder replies are the wire structs, masked or not", "[wire][elders]") {
    auto admin = TestEnv::get().signed_in("admin");
    const auto page = reads_back<wire::ElderPage>(admin, "/api/v1/elders?page_size=5");
    REQUIRE(!page.page.items.empty());
    const Id id = page.page.items.front().id;
    const auto one = reads_back<wire::ElderReply>(admin, "/api/v1/elders/" + std::to_string(id));
    CHECK(one.elder.id == id);
    CHECK(!one.town_name.empty());
    const auto history = reads_back<wire::AuditList>(admin, "/api/v1/elders/" + std::to_string(id) + "/history");
    CHECK(!history.events.empty());   // the read above was audited
    auto agent = TestEnv::get().signed_in("agent");
    const auto masked = reads_back<wire::ElderPage>(agent, "/api/v1/elders?page_size=5");
    CHECK(masked.masked);
}

TEST_CASE("call and knowledge replies are the wire structs", "[wire][calls][knowledge]") {
    auto sup = TestEnv::get().signed_in("supervisor");
    reads_back<wire::CallPage>(sup, "/api/v1/calls?page_size=5");
    const auto found = reads_back<wire::KbSearchReply>(sup, "/api/v1/knowledge?page_size=5");
    CHECK(reads_back<wire::KbKindsReply>(sup, "/api/v1/knowledge/kinds").kinds == all_KbKinds());
    REQUIRE(!found.page.items.empty());
    const Id id = found.page.items.front().id;
    const auto article = reads_back<wire::KbArticleReply>(sup, "/api/v1/knowledge/" + std::to_string(id));
    CHECK(article.article.id == id);
    CHECK(!article.changed);
    const auto history = reads_back<wire::KbHistoryReply>(sup, "/api/v1/knowledge/" + std::to_string(id) + "/history");
    CHECK(!history.versions.empty());
}

}  // namespace test_wire_people
