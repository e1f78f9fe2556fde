// The import preview on the wire (yiyang/wire/imports.hpp): round trips of a dry run, a commit and a refusal.
#include "support.hpp"

#include "yiyang/wire/imports.hpp"

namespace test_wire_imports {

using namespace yiyang;

TEST_CASE("import preview and refusal round-trip", "[wire][import]") {
    wire::ImportPreview p;
    p.list = "subscribers";
    p.list_name = "信息化服务台账";
    p.file_name = "台账.xlsx";
    p.sha256 = std::string(64, 'a');
    p.file_kind = "xlsx";
    p.sheet = "Sheet1";
    p.header_row = 3;
    p.rows = 5;
    p.added = 2;
    p.changed = 1;
    p.unchanged = 1;
    p.error_count = 1;
    p.errors = {ImportError{17, "身份证号", "校验位错误，应为 X，实际为 3"}};
    const auto back = test::round_trip(p);
    CHECK(back.errors == p.errors);
    CHECK(nlohmann::json(p)["errors"][0]["text"] == "第17行 身份证号：校验位错误，应为 X，实际为 3");
    CHECK_FALSE(nlohmann::json(p).contains("import_id"));

    p.dry_run = false;
    p.import_id = 7;
    p.errors.clear();
    p.error_count = 0;
    CHECK(test::round_trip(p).import_id == 7);

    wire::ImportRejected r{"文件有 1 处错误（未导入任何记录）", p};
    const nlohmann::json j = r;
    CHECK(j["error"]["code"] == "invalid_import");
    const auto again = j.get<wire::ImportRejected>();
    CHECK(again.message == r.message);
    CHECK(again.preview.import_id == 7);
}

}  // namespace test_wire_imports
