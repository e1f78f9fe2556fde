// Evidence photos in the shared domain (evidence.hpp): the type by content, never by name; the EXIF orientation of
// a JPEG; who may attach; the same photo (SHA-256) on two orders flagged on both; the wire structs round-trip.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <string>

#include "yiyang/evidence.hpp"
#include "yiyang/wire/evidence.hpp"

namespace test_evidence {

using namespace yiyang;
using yiyang::test::round_trip;

namespace {

std::string bytes(std::initializer_list<int> b) {
    std::string s;
    for (int c : b) s.push_back(static_cast<char>(c));
    return s;
}

// A JPEG head with an APP1 EXIF block holding only the orientation tag (big- or little-endian TIFF).
std::string jpeg_with_orientation(int o, bool little) {
    std::string tiff = little ? bytes({'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0})
                              : bytes({'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0});
    std::string app1 = std::string("Exif\0\0", 6) + tiff;
    const auto len = app1.size() + 2;
    return bytes({0xFF, 0xD8, 0xFF, 0xE1, static_cast<int>(len >> 8), static_cast<int>(len & 0xFF)}) + app1 +
           bytes({0xFF, 0xDA, 0, 2, 0xFF, 0xD9});
}

}  // namespace

TEST_CASE("an image's type is judged by its bytes", "[evidence]") {
    CHECK(sniff_image_type(bytes({0xFF, 0xD8, 0xFF, 0xE0, 0, 16})) == ImageType::Jpeg);
    CHECK(sniff_image_type(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)) == ImageType::Png);
    CHECK(sniff_image_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)) == ImageType::Webp);
    // A text file renamed .jpg, a GIF, a PDF, a RIFF that is audio, short and empty input.
    CHECK_FALSE(sniff_image_type("这不是照片，只是改了扩展名的文本"));
    CHECK_FALSE(sniff_image_type("GIF89a\x01\0\x01\0"));
    CHECK_FALSE(sniff_image_type("%PDF-1.7\n"));
    CHECK_FALSE(sniff_image_type("RIFF\x10\0\0\0WAVEfmt "));
    CHECK_FALSE(sniff_image_type(bytes({0xFF, 0xD8})));
    CHECK_FALSE(sniff_image_type(std::string("\x89PNG\r\n", 6)));
    CHECK_FALSE(sniff_image_type(""));
    CHECK(std::string(mime_type(ImageType::Png)) == "image/png");
    CHECK(parse_mime_type("image/webp") == ImageType::Webp);
    CHECK_FALSE(parse_mime_type("image/gif"));
}

TEST_CASE("the EXIF orientation of a JPEG is read from its APP1 block", "[evidence]") {
    CHECK(exif_orientation(jpeg_with_orientation(6, false)) == 6);
    CHECK(exif_orientation(jpeg_with_orientation(3, true)) == 3);
    CHECK(exif_orientation(jpeg_with_orientation(8, true)) == 8);
    CHECK(exif_orientation(jpeg_with_orientation(9, true)) == 1);   // out of range
    CHECK(exif_orientation(bytes({0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9})) == 1);   // none
    auto cut = jpeg_with_orientation(6, false);
    CHECK(exif_orientation(cut.substr(0, 20)) == 1);   // cut inside the block: no read past the end
    CHECK(exif_orientation("not a jpeg") == 1);
}

TEST_CASE("only the order's provider attaches photos, from acceptance until review", "[evidence]") {
    WorkOrder o;
    o.code = "GD202612040001";
    o.provider_id = 5;
    o.status = OrderStatus::InService;
    Viewer own{Role::Provider, 9, std::nullopt, 5};
    Viewer other{Role::Provider, 10, std::nullopt, 6};
    Viewer sup{Role::Supervisor, 1, std::nullopt, std::nullopt};
    CHECK(may_attach_evidence(own, o));
    CHECK_FALSE(may_attach_evidence(other, o));
    CHECK(attach_refusal_zh(other, o).find("GD202612040001") != std::string::npos);
    CHECK_FALSE(may_attach_evidence(sup, o));
    o.status = OrderStatus::Completed;
    CHECK(may_attach_evidence(own, o));
    o.status = OrderStatus::Reviewed;
    CHECK_FALSE(may_attach_evidence(own, o));
    CHECK(attach_refusal_zh(own, o).find("已审核") != std::string::npos);
    o.status = OrderStatus::Dispatched;
    CHECK_FALSE(may_attach_evidence(own, o));
}

TEST_CASE("the same photo on two orders is flagged on both, not within one order", "[evidence]") {
    const std::vector<PhotoUse> uses = {
        {1, 10, "GD202612040001", "aaa"}, {2, 11, "GD202612040002", "aaa"},   // reused across orders
        {3, 10, "GD202612040001", "bbb"}, {4, 10, "GD202612040001", "bbb"},   // twice on one order: not reuse
        {5, 12, "GD202612040003", "aaa"},                                     // a third order
        {6, 12, "GD202612040003", "ccc"},
    };
    const auto r = reused_photos(uses);
    REQUIRE(r.size() == 3);
    CHECK(r.at(1) == std::vector<std::string>{"GD202612040002", "GD202612040003"});
    CHECK(r.at(2) == std::vector<std::string>{"GD202612040001", "GD202612040003"});
    CHECK(r.at(5) == std::vector<std::string>{"GD202612040001", "GD202612040002"});
    CHECK(r.count(3) == 0);
    CHECK(r.count(6) == 0);
    CHECK(reuse_note_zh(r.at(1)) == "此照片也用于工单 GD202612040002、GD202612040003");
    CHECK(reuse_note_zh({}).empty());
}

TEST_CASE("evidence wire structs round-trip", "[evidence][wire]") {
    wire::EvidencePhoto p;
    p.id = 3;
    p.order_id = 42;
    p.uploaded_by = "provider1";
    p.uploaded_at = *parse_timestamp("2026-12-04T10:00:00");
    p.sha256 = std::string(64, 'a');
    p.mime = "image/jpeg";
    p.size = 12345;
    p.width = 640;
    p.height = 480;
    p.thumb_url = "/api/v1/evidence/3/thumb";
    p.full_url = "/api/v1/evidence/3/full";
    p.also_on_orders = {"GD202612040002"};
    p.reuse_note = reuse_note_zh(p.also_on_orders);
    CHECK(round_trip(p) == p);
    wire::EvidenceList l{42, "GD202612040001", {p}, true};
    CHECK(round_trip(l) == l);
}

}  // namespace test_evidence
