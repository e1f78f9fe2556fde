// 核查 (app/verification_state.hpp): the list imports' upload state machine (the page picks and sends the file; its
// events arrive as intents), the dry-run preview and the commit, the import history (the quarter report:
// app/verification_report.cpp). The server judges every file and computes every figure.
#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/access.hpp"
#include "yiyang/import.hpp"
#include "yiyang/money.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

const char* const kQuarterNames[] = {"第一季度", "第二季度", "第三季度", "第四季度"};

bool may_import(const AppState& s) { return s.user && may(s.user->role, Permission::ImportLists); }
bool may_read(const AppState& s) { return s.user && may(s.user->role, Permission::ReadVerification); }

bool valid_quarter(const std::string& q) {
    return q.size() == 6 && q[4] == 'Q' && q[5] >= '1' && q[5] <= '4' &&
           std::all_of(q.begin(), q.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const char* tab_code(VerTab t) {
    switch (t) {
        case VerTab::Imports: return "imports";
        case VerTab::Report: return "report";
        case VerTab::Physical: return "physical";
        case VerTab::Deaths: return "deaths";
        case VerTab::Calls: return "calls";
    }
    return "report";
}

VerTab tab_from_code(const std::string& code) {
    for (VerTab t : {VerTab::Imports, VerTab::Physical, VerTab::Deaths, VerTab::Calls})
        if (code == tab_code(t)) return t;
    return VerTab::Report;
}

std::string quarter_code(const Date& d) {
    return std::to_string(d.year) + "Q" + std::to_string((d.month - 1) / 3 + 1);
}

std::vector<std::string> quarter_choices(const Date& today) {
    std::vector<std::string> out;
    const int last_year = std::max(today.year, 2024);
    const int last_q = today.year < 2024 ? 1 : (today.month - 1) / 3 + 1;
    for (int y = last_year; y >= 2024; --y) {
        for (int q = (y == last_year ? last_q : 4); q >= 1; --q) out.push_back(std::to_string(y) + "Q" + std::to_string(q));
    }
    return out;
}

std::string quarter_label(const std::string& quarter) {
    if (!valid_quarter(quarter)) return quarter;
    return quarter.substr(0, 4) + "年" + kQuarterNames[quarter[5] - '1'];
}

std::vector<ImportErrorRow> error_rows_of(const wire::ImportPreview& p) {
    std::vector<ImportErrorRow> out;
    for (const ImportError& e : p.errors) {
        out.push_back({e.row, e.row > 0 ? "第" + std::to_string(e.row) + "行" : std::string("表头/文件"), e.column,
                       e.message_zh});
    }
    return out;
}

std::string import_upload_path(const std::string& list, bool dry_run, const std::string& file_name, Id provider_id) {
    std::string path = "/api/v1/imports/" + url_encode(list) + "?dry_run=" + (dry_run ? "1" : "0") + "&name=" +
                       url_encode(file_name);
    if (list == code(ImportList::ServiceRecords) && provider_id != 0) path += "&provider_id=" + std::to_string(provider_id);
    return path;
}

std::map<std::string, std::string> query_of(const VerificationState& v) {
    std::map<std::string, std::string> out;
    if (v.tab != VerTab::Report) out["tab"] = tab_code(v.tab);
    if (!v.report.quarter.empty()) out["quarter"] = v.report.quarter;
    if (v.report.town_id != 0) out["town"] = std::to_string(v.report.town_id);
    return out;
}

// ---- navigation ------------------------------------------------------------------------------------------------

namespace {
// The report's quarter and town. A sign-off's success line or refusal was about the quarter it was given on: it goes
// when another quarter is opened, from the panel and from the status line (a town of the same quarter keeps it: the
// sign-off is the district's).
void set_report_scope(AppState& s, const std::string& quarter, Id town) {
    VerReportState& r = s.verification.report;
    if (quarter != r.quarter) {
        for (const std::string* said : {&r.signoff_message, &r.signoff_error})
            if (!said->empty() && s.status.text == *said) s.status = {};
        r.signoff_message.clear();
        r.signoff_error.clear();
    }
    r.quarter = quarter;
    r.town_id = town;
}
}  // namespace

void App::enter_verification() {
    VerificationState& v = s_.verification;
    if (enter_verification_work()) return;   // 实体服务 / 死亡核查 / 回访 (app/verification_work.cpp)
    if (!may_import(s_)) v.tab = VerTab::Report;
    if (!may_read(s_) && may_import(s_)) v.tab = VerTab::Imports;
    if (v.report.quarter.empty()) {
        // The quarter being verified is the last one finished.
        const auto choices = quarter_choices(s_.today);
        v.report.quarter = choices.size() > 1 ? choices[1] : choices.front();
    }
    if (v.tab == VerTab::Report && may_read(s_) && !v.report.report && !v.report.loading) load_report();
    if (v.tab == VerTab::Imports && !v.imports.history_loaded) load_import_history(v.imports.history_page);
}

void App::open_verification(const std::map<std::string, std::string>& q) {
    VerificationState& v = s_.verification;
    auto it = q.find("tab");
    v.tab = it != q.end() ? tab_from_code(it->second) : VerTab::Report;
    it = q.find("quarter");
    const std::string quarter = it != q.end() && valid_quarter(it->second) ? it->second : v.report.quarter;
    Id town = 0;
    it = q.find("town");
    if (it != q.end()) std::from_chars(it->second.data(), it->second.data() + it->second.size(), town);
    if (quarter != v.report.quarter || town != v.report.town_id) {
        set_report_scope(s_, quarter, town);
        v.report.report.reset();
        v.report.signoffs_loaded = false;
    }
    navigate(Screen::Verification);
}

// ---- imports -----------------------------------------------------------------------------------------------------

void App::start_import_upload(bool dry_run) {
    VerImportState& im = s_.verification.imports;
    if (im.file_name.empty()) return;
    im.phase = UploadPhase::Uploading;
    im.committing = !dry_run;
    im.sent = 0;
    im.total = im.file_bytes;
    im.error.clear();
    im.message.clear();
    if (dry_run) {
        im.preview.reset();
        im.error_rows.clear();
    }
    ++im.upload_seq;
    upload_import_file(import_upload_path(im.list, dry_run, im.file_name, im.provider_id), im.upload_seq);
}

void App::import_answered(int status, const std::string& text) {
    VerImportState& im = s_.verification.imports;
    HttpResponse r;
    r.status = status;
    r.text = text;
    r.body = json::parse(text, nullptr, false);
    if (status == 0) {
        im.phase = UploadPhase::Failed;
        im.error = "上传失败：网络中断或服务器无响应，请重试";
        return;
    }
    if (status == 401) {
        session_expired();
        return;
    }
    if (status == 200 || status == 201) {
        std::string err;
        const auto p = wire::read_reply<wire::ImportPreview>(r.body, &err);
        if (!p) {
            im.phase = UploadPhase::Failed;
            im.error = "导入的回复无法识别（" + err + "）";
            return;
        }
        im.preview = *p;
        im.error_rows = error_rows_of(*p);
        if (status == 201) {
            im.phase = UploadPhase::Committed;
            im.message = "已导入「" + p->list_name + "」" + p->file_name + "：新增 " + std::to_string(p->added) +
                         "，变更 " + std::to_string(p->changed) + "，未变 " + std::to_string(p->unchanged);
            // Said once, beside the import (not also in the status line); the history is asked for again and
            // replaces what is shown (the new batch is in it).
            load_import_history(1);
        } else {
            im.phase = UploadPhase::Previewed;
        }
        return;
    }
    im.phase = UploadPhase::Failed;
    if (status == 422 && r.body.is_object()) {
        if (const auto rej = wire::read_reply<wire::ImportRejected>(r.body)) {
            im.preview = rej->preview;
            im.error_rows = error_rows_of(rej->preview);
            im.error = rej->message;
            return;
        }
    }
    im.error = error_message_zh(r);
}

void App::load_import_history(int page) {
    VerImportState& im = s_.verification.imports;
    if (!may_import(s_)) return;
    im.history_page = std::max(1, page);
    const std::uint64_t seq = ++ver_history_seq_;
    request("GET", "/api/v1/imports?page=" + std::to_string(im.history_page) + "&page_size=10", nullptr,
            [this, seq](const HttpResponse& r) {
        if (seq != ver_history_seq_) return;
        VerImportState& h = s_.verification.imports;
        if (r.status != 200) {
            h.history_error = "导入记录加载失败：" + error_message_zh(r);
            return;
        }
        std::string err;
        const auto page = wire::read_reply<wire::ImportBatchPage>(r.body, &err);
        if (!page) {
            h.history_error = "导入记录的回复无法识别（" + err + "）";
            return;
        }
        h.history_error.clear();
        h.history = page->items;
        h.history_total = page->total;
        h.history_loaded = true;
    });
}

void App::apply_verification(const VerificationIntent& intent) {
    changed_ = true;
    VerificationState& v = s_.verification;
    VerImportState& im = v.imports;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, VerSelectTab>) {
                if (i.tab == VerTab::Imports && !may_import(s_)) return;
                if (i.tab == VerTab::Report && !may_read(s_)) return;
                v.tab = i.tab;
                enter_verification();
            } else if constexpr (std::is_same_v<T, VerSelectList>) {
                if (!import_list_from_code(i.list) || i.list == im.list) return;
                im.list = i.list;
                if (im.list == code(ImportList::ServiceRecords)) load_order_providers();   // the provider picker's names
                // A file already picked is judged again as the newly chosen list (not while one is being sent, and
                // for service records only once a provider is chosen: else the screen showed the server's
                // "provider_id 必填" in red beside the picker that asks for it).
                const bool waits_for_provider = im.list == code(ImportList::ServiceRecords) && im.provider_id == 0;
                if (!im.file_name.empty() && im.phase != UploadPhase::Uploading && !waits_for_provider)
                    start_import_upload(true);
            } else if constexpr (std::is_same_v<T, VerSelectProvider>) {
                if (i.id == im.provider_id) return;
                im.provider_id = i.id;
                if (!im.file_name.empty() && im.phase != UploadPhase::Uploading) start_import_upload(true);
            } else if constexpr (std::is_same_v<T, VerPickFile>) {
                if (may_import(s_) && im.phase != UploadPhase::Uploading) pick_import_file();
            } else if constexpr (std::is_same_v<T, VerFilePicked>) {
                im.file_name = i.name;
                im.file_bytes = i.bytes;
                start_import_upload(true);              // the dry run starts at once: the preview is the next step
            } else if constexpr (std::is_same_v<T, VerUploadProgress>) {
                if (i.seq != im.upload_seq || im.phase != UploadPhase::Uploading) return;
                im.sent = i.sent;
                im.total = i.total > 0 ? i.total : im.file_bytes;
            } else if constexpr (std::is_same_v<T, VerUploadDone>) {
                if (i.seq != im.upload_seq || im.phase != UploadPhase::Uploading) return;
                im.sent = im.total;
                import_answered(i.status, i.text);
            } else if constexpr (std::is_same_v<T, VerCommit>) {
                // Only a previewed file without errors: the server would refuse any other (422) anyway.
                if (im.phase != UploadPhase::Previewed || !im.preview || im.preview->error_count > 0) return;
                start_import_upload(false);
            } else if constexpr (std::is_same_v<T, VerHistoryPage>) {
                load_import_history(i.page);
            } else if constexpr (std::is_same_v<T, VerDownloadImport>) {
                if (i.id > 0) open_url("/api/v1/imports/" + std::to_string(i.id) + "/file", true);
            } else if constexpr (std::is_same_v<T, VerDownloadTemplate>) {
                if (import_list_from_code(i.list)) open_url("/api/v1/imports/templates/" + i.list + ".xlsx", true);
            } else if constexpr (std::is_same_v<T, VerLoadReport>) {
                if (!valid_quarter(i.quarter)) return;
                set_report_scope(s_, i.quarter, i.town_id);
                load_report();
            } else if constexpr (std::is_same_v<T, VerReportAction>) {
                apply_report_action(i);
            }
        },
        intent);
}

// ---- test state ------------------------------------------------------------------------------------------------

json test_state_of(const VerificationState& v) {
    const VerImportState& im = v.imports;
    const char* phases[] = {"idle", "uploading", "previewed", "committed", "failed"};
    json errors = json::array();
    for (const auto& e : im.error_rows) errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
    json history = json::array();
    for (const auto& h : im.history) {
        history.push_back({{"id", h.id}, {"list", h.list}, {"file_name", h.file_name}, {"sha256", h.sha256},
                           {"username", h.username}, {"rows", h.rows}, {"added", h.added}});
    }
    json preview = nullptr;
    if (im.preview) {
        preview = {{"rows", im.preview->rows}, {"added", im.preview->added}, {"changed", im.preview->changed},
                   {"unchanged", im.preview->unchanged}, {"error_count", im.preview->error_count},
                   {"dry_run", im.preview->dry_run}};
    }
    return {{"tab", tab_code(v.tab)},
            {"imports", {{"list", im.list}, {"file_name", im.file_name}, {"phase", phases[static_cast<int>(im.phase)]},
                         {"committing", im.committing}, {"sent", im.sent}, {"total", im.total}, {"error", im.error},
                         {"message", im.message}, {"preview", preview}, {"errors", errors},
                         {"history", history}, {"history_total", im.history_total}}},
            {"report", report_test_state(v.report)}};
}

}  // namespace yiyang::client
