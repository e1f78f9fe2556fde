// The server's PDFs are set in a cut of Noto Sans CJK SC to the common characters (GB 2312, Latin, punctuation,
// full-width forms; app/pdf_writer.cpp), with the whole face behind it for every other character: a document of common
// text embeds the cut alone, a name with 喆, 玥 or 䶮 embeds the whole face's glyphs for those characters too, and
// every character comes back out of the PDF (pdftotext; a character no face has would be drawn as a box, not text).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "app/pdf_writer.hpp"
#include "verification_fixture.hpp"   // shell_output

namespace test_pdf_fonts {

using namespace yiyang;
using yiyang::test::shell_output;

namespace {

std::filesystem::path written(const std::string& name, const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / ("yiyang-pdf-fonts-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string pdf_of(const std::vector<std::string>& lines) {
    return app::pdf::render("字体", "", [&](app::pdf::Writer& w) {
        w.begin_page();
        for (const auto& l : lines) w.paragraph(l, 12, false);
        w.paragraph("合计（粗体）：１２３４.５６ 元", 12, true);
        w.end_page();
    });
}

// The embedded fonts' names (pdffonts' first column), one per line.
std::vector<std::string> fonts_of(const std::filesystem::path& pdf) {
    std::vector<std::string> out;
    const std::string listing = shell_output("pdffonts '" + pdf.string() + "'");
    std::size_t pos = 0;
    int line = 0;
    while (pos < listing.size()) {
        const std::size_t end = listing.find('\n', pos);
        const std::string l = listing.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (line++ >= 2 && !l.empty()) out.push_back(l.substr(0, l.find(' ')));
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("PDF fonts: common text in the cut alone; rare characters from the whole face, all extractable", "[pdf]") {
    const std::string common = "颐养 结算单：王秀英、张建国，服务 12 人次（ABC-xyz）№ ①②③ ◆ → ≤ 5%";
    const auto plain = written("common.pdf", pdf_of({common}));
    const auto plain_fonts = fonts_of(plain);
    INFO(shell_output("pdffonts '" + plain.string() + "'"));
    // One CID font for the text (the cut), and cairo's Type 3 / Type 1 fallback for the synthetic bold's glyphs.
    REQUIRE_FALSE(plain_fonts.empty());
    const std::string plain_text = shell_output("pdftotext '" + plain.string() + "' -");
    CHECK(plain_text.find(common) != std::string::npos);
    CHECK(plain_text.find("合计（粗体）：１２３４.５６ 元") != std::string::npos);

    const std::string rare = "姓名：王喆、李玥、刘䶮";
    const auto mixed = written("rare.pdf", pdf_of({common, rare, common}));
    const auto mixed_fonts = fonts_of(mixed);
    INFO(shell_output("pdffonts '" + mixed.string() + "'"));
    // The rare characters' face is one more embedded font.
    CHECK(mixed_fonts.size() == plain_fonts.size() + 1);
    const std::string mixed_text = shell_output("pdftotext '" + mixed.string() + "' -");
    CHECK(mixed_text.find("姓名：王喆、李玥、刘䶮") != std::string::npos);
    CHECK(mixed_text.find(common) != std::string::npos);

    if (const char* keep = std::getenv("YIYANG_PDF_FONTS_OUT"))   // to look at: pdftoppm -png -r 80 <file> <prefix>
        std::filesystem::copy_file(mixed, keep, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(plain);
    std::filesystem::remove(mixed);
}

}  // namespace test_pdf_fonts
