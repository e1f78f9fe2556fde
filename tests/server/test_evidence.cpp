// Evidence photos through the API: JPEG and PNG uploads stored with their SHA-256 and a thumbnail; a text file
// named .jpg, a truncated JPEG and a too-large body refused (the last closing its connection); another provider's
// order refused; the same photo on two orders flagged on both; an audit event per upload; the image replies'
// headers; the body limit raised on this route only.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <random>
#include <string>
#include <vector>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_evidence {

using namespace yiyang::test;

namespace {

void append(void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), size); }

// A w×h test picture (a gradient with a seed-dependent tint, or noise), encoded by stb_image_write.
std::vector<unsigned char> pixels(int w, int h, int seed, bool noise) {
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 3);
    std::mt19937 rng(static_cast<unsigned>(seed));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto* p = &px[(static_cast<std::size_t>(y) * w + x) * 3];
            p[0] = noise ? static_cast<unsigned char>(rng()) : static_cast<unsigned char>(x * 255 / w);
            p[1] = noise ? static_cast<unsigned char>(rng()) : static_cast<unsigned char>(y * 255 / h);
            p[2] = noise ? static_cast<unsigned char>(rng()) : static_cast<unsigned char>(seed * 37);
        }
    return px;
}
std::string jpeg(int w, int h, int seed, bool noise = false, int quality = 85) {
    std::string out;
    auto px = pixels(w, h, seed, noise);
    stbi_write_jpg_to_func(append, &out, w, h, 3, px.data(), quality);
    return out;
}
std::string png(int w, int h, int seed) {
    std::string out;
    auto px = pixels(w, h, seed, false);
    stbi_write_png_to_func(append, &out, w, h, 3, px.data(), w * 3);
    return out;
}

Reply upload(ApiClient& c, std::int64_t order, const std::string& bytes, const std::string& type = "image/jpeg") {
    return c.send("POST", "/api/v1/orders/" + std::to_string(order) + "/evidence", bytes,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", type}});
}

using Orders = ProviderOneSetup;   // provider 1, a town it covers, a category, an active elder (harness)

// A booking dispatched to `provider` and, for provider 1, accepted by the harness's provider user.
std::int64_t order_with(ApiClient& agent, ApiClient& provider_user, const Orders& s, std::int64_t provider) {
    const auto id = dispatched_booking(agent, s, provider, "测试：服务照片");
    if (provider == 1) REQUIRE(transition(provider_user, id, {{"action", "accept"}}).status == 200);
    return id;
}

std::string path_of(std::int64_t id) { return "/api/v1/orders/" + std::to_string(id) + "/evidence"; }

}  // namespace

TEST_CASE("a provider attaches JPEG and PNG photos: stored with SHA-256, thumbnail, audit event", "[evidence]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    auto supervisor = env.signed_in("supervisor");
    const auto s = provider_one_setup(agent);
    const auto id = order_with(agent, provider, s, 1);

    const auto photo = jpeg(640, 480, 1);
    auto r = upload(provider, id, photo);
    REQUIRE(r.status == 201);
    CHECK(r.body["mime"] == "image/jpeg");
    CHECK(r.body["width"] == 640);
    CHECK(r.body["height"] == 480);
    CHECK(r.body["size"] == static_cast<std::int64_t>(photo.size()));
    CHECK(r.body["sha256"].get<std::string>().size() == 64);
    CHECK(r.body["reuse_note"] == "");
    const auto photo_id = r.body["id"].get<std::int64_t>();

    // Declared as octet-stream, judged by its bytes: a PNG.
    auto p = upload(provider, id, png(300, 500, 2), "application/octet-stream");
    REQUIRE(p.status == 201);
    CHECK(p.body["mime"] == "image/png");

    auto list = supervisor.get(path_of(id));
    REQUIRE(list.status == 200);
    REQUIRE(list.body["items"].size() == 2);
    CHECK(list.body["items"][0]["id"] == photo_id);
    CHECK(list.body["may_attach"] == false);   // the supervisor reviews, the provider attaches
    CHECK(provider.get(path_of(id)).body["may_attach"] == true);

    // The thumbnail: a JPEG, longer side 240, private cache, no sniffing.
    auto thumb = supervisor.get("/api/v1/evidence/" + std::to_string(photo_id) + "/thumb");
    REQUIRE(thumb.status == 200);
    CHECK(thumb.header("Content-Type") == "image/jpeg");
    CHECK(thumb.header("X-Content-Type-Options") == "nosniff");
    CHECK(thumb.header("Cache-Control").rfind("private", 0) == 0);
    int w = 0, h = 0, comp = 0;
    REQUIRE(stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(thumb.raw.data()), static_cast<int>(thumb.raw.size()),
                                  &w, &h, &comp));
    CHECK(w == 240);
    CHECK(h == 180);
    auto full = supervisor.get("/api/v1/evidence/" + std::to_string(photo_id) + "/full");
    REQUIRE(full.status == 200);
    CHECK(full.raw == photo);
    CHECK(full.header("Content-Type") == "image/jpeg");

    // Scope: the town user of the order's town sees them; agents and kiosks do not; nobody unsigned.
    CHECK(env.signed_in("kiosk").get(path_of(id)).status == 403);
    CHECK(agent.get("/api/v1/evidence/" + std::to_string(photo_id) + "/full").status == 403);
    CHECK(env.client().get("/api/v1/evidence/" + std::to_string(photo_id) + "/thumb").status == 401);
    // Only the provider uploads.
    CHECK(upload(supervisor, id, photo).status == 403);

    // One audit event per upload (entity evidence_photo), naming the order and the hash.
    if (!env.external()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT action, actor, changes FROM audit_events WHERE entity = 'evidence_photo' "
                                 "AND entity_id = ?");
        st.bind(1, static_cast<std::int64_t>(photo_id));
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getString() == "upload");
        const auto changes = nlohmann::json::parse(st.getColumn(2).getString());
        CHECK(changes["order_id"] == id);
        CHECK(changes["sha256"] == r.body["sha256"]);
        CHECK_FALSE(st.executeStep());
    }
}

TEST_CASE("a file that is not a photo, a truncated JPEG and an empty body are refused in Chinese", "[evidence]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto id = order_with(agent, provider, provider_one_setup(agent), 1);

    auto text = upload(provider, id, "这是一个改名为 .jpg 的文本文件，不是照片。\n");
    CHECK(text.status == 422);
    CHECK(text.body["error"]["code"] == "not_an_image");
    CHECK(text.body["error"]["message"].get<std::string>().find("不是照片") != std::string::npos);

    const auto photo = jpeg(400, 300, 3);
    auto cut = upload(provider, id, photo.substr(0, photo.size() / 2));
    CHECK(cut.status == 422);
    CHECK(cut.body["error"]["code"] == "corrupt_image");
    CHECK(cut.body["error"]["message"].get<std::string>().find("损坏") != std::string::npos);

    auto bogus = upload(provider, id, std::string("\xFF\xD8\xFF\xE0", 4) + std::string(2000, 'x'));
    CHECK(bogus.status == 422);
    CHECK(upload(provider, id, "", "image/jpeg").status == 422);
    CHECK(upload(provider, id, photo, "text/plain").status == 415);
    CHECK(provider.get(path_of(id)).body["items"].empty());   // nothing stored
}

TEST_CASE("another provider's order is refused", "[evidence]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto s = provider_one_setup(agent);
    auto created = agent.post("/api/v1/orders", {{"channel", "hotline"}, {"type", "booking"}, {"categories", {s.category}},
                                                 {"elder_id", s.elder}, {"description", "测试：他人工单"}});
    REQUIRE(created.status == 201);
    const auto id = created.body["order"]["id"].get<std::int64_t>();
    auto cand = agent.get("/api/v1/dispatch/candidates?order=" + std::to_string(id));
    std::int64_t other = 0;
    for (const auto& c : cand.body["candidates"]) {
        if (c["eligible"] == true && c["provider_id"] != 1) { other = c["provider_id"].get<std::int64_t>(); break; }
    }
    if (other) {
        REQUIRE(agent.post("/api/v1/orders/" + std::to_string(id) + "/transitions",
                           {{"action", "dispatch_provider"}, {"provider_id", other}}).status == 200);
    }
    auto r = upload(provider, id, jpeg(64, 64, 4));
    CHECK(r.status == 403);
    CHECK(provider.get(path_of(id)).status == 403);
    // Own order, but not yet accepted: 409 with the status named.
    const auto mine = [&] {
        auto c2 = agent.post("/api/v1/orders", {{"channel", "hotline"}, {"type", "booking"}, {"categories", {s.category}},
                                                {"elder_id", s.elder}, {"description", "测试：未接单"}});
        const auto i = c2.body["order"]["id"].get<std::int64_t>();
        agent.post("/api/v1/orders/" + std::to_string(i) + "/transitions", {{"action", "dispatch_provider"}, {"provider_id", 1}});
        return i;
    }();
    auto early = upload(provider, mine, jpeg(64, 64, 4));
    CHECK(early.status == 409);
    CHECK(early.body["error"]["message"].get<std::string>().find("不能再添加照片") != std::string::npos);
}

TEST_CASE("the same photo on two orders is flagged on both", "[evidence]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    auto supervisor = env.signed_in("supervisor");
    const auto s = provider_one_setup(agent);
    const auto a = order_with(agent, provider, s, 1);
    const auto b = order_with(agent, provider, s, 1);
    const auto photo = jpeg(320, 240, 77);
    auto first = upload(provider, a, photo);
    REQUIRE(first.status == 201);
    CHECK(first.body["reuse_note"] == "");
    auto second = upload(provider, b, photo);
    REQUIRE(second.status == 201);
    const auto code_a = agent.get("/api/v1/orders/" + std::to_string(a)).body["order"]["code"].get<std::string>();
    const auto code_b = agent.get("/api/v1/orders/" + std::to_string(b)).body["order"]["code"].get<std::string>();
    CHECK(second.body["reuse_note"] == "此照片也用于工单 " + code_a);
    CHECK(second.body["sha256"] == first.body["sha256"]);
    auto list_a = supervisor.get(path_of(a));
    REQUIRE(list_a.body["items"].size() == 1);
    CHECK(list_a.body["items"][0]["also_on_orders"] == nlohmann::json::array({code_b}));
    CHECK(list_a.body["items"][0]["reuse_note"] == "此照片也用于工单 " + code_b);
    // A different photo is not flagged.
    auto other = upload(provider, a, jpeg(320, 240, 78));
    CHECK(other.body["reuse_note"] == "");
}

TEST_CASE("photos take up to 8 MiB on their route only; more is refused and the connection closed",
          "[evidence][direct]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto provider = env.signed_in("provider");
    const auto id = order_with(agent, provider, provider_one_setup(agent), 1);
    // A real photo over the 1 MiB of every other route.
    const auto big = jpeg(1400, 1400, 5, true, 95);
    REQUIRE(big.size() > (1u << 20));
    auto ok = upload(provider, id, big);
    CHECK(ok.status == 201);
    // The same size as JSON elsewhere is still refused.
    CHECK(agent.send("POST", "/api/v1/orders", std::string(big.size(), ' '),
                     {{"X-Yiyang-Request", "1"}, {"Content-Type", "application/json"}}).status == 413);
    // Over the photo limit: 413 before the body is read, and the connection closes (the unread body is never
    // parsed as a next request).
    const std::string head = "POST " + path_of(id) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Yiyang-Request: 1\r\n"
                             "Cookie: " + provider.cookie() + "\r\nContent-Type: image/jpeg\r\n"
                             "Content-Length: " + std::to_string(9u << 20) + "\r\n\r\n";
    const auto reply = env.raw_request(head + std::string(64 * 1024, 'x'));
    CHECK(reply.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(reply.find("Connection: close") != std::string::npos);
    CHECK(reply.find("照片过大") != std::string::npos);
}

}  // namespace test_evidence
