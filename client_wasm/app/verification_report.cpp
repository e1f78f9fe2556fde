// 核查 · 季度报表 (app/verification_report_state.hpp): loads the whole quarter report, maps a figure's drill code to
// its area's drill-down route and reads the reply as rows, downloads and prints the report through the page (the
// bytes never pass through WASM), and drives the sign-off panel. The server computes, masks and refuses.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "yiyang/minute_text.hpp"
#include "app/app.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/access.hpp"
#include "yiyang/money.hpp"
#include "yiyang/wire/verification_callback_people.hpp"
#include "yiyang/wire/verification_deaths.hpp"
#include "yiyang/wire/verification_physical.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

constexpr int kDrillPageSize = 50;

bool may_read(const AppState& s) { return s.user && may(s.user->role, Permission::ReadVerification); }

std::string scope_query(const std::string& quarter, Id town) {
    std::string q = "quarter=" + url_encode(quarter);
    if (town != 0) q += "&town=" + std::to_string(town);
    return q;
}

std::string page_query(int page) {
    return "&page=" + std::to_string(std::max(1, page)) + "&page_size=" + std::to_string(kDrillPageSize);
}

const char* area_label(const std::string& area) {
    if (area == "physical") return "实体服务数量";
    if (area == "survey") return "实体服务质量";
    if (area == "info_service") return "信息化服务数量";
    if (area == "new_subjects") return "新增服务对象核查";
    if (area == "deaths") return "死亡服务对象核查";
    if (area == "callbacks") return "回访";
    return "";
}

std::string opt(const std::optional<std::string>& v) { return v.value_or("—"); }

}  // namespace

// ---- pure models -----------------------------------------------------------------------------------------------

std::optional<DrillTarget> drill_target(const std::string& code, const std::string& quarter, Id town, int page) {
    const auto dot = code.find('.');
    if (dot == std::string::npos || dot == 0) return std::nullopt;
    DrillTarget t;
    t.area = code.substr(0, dot);
    std::string rest = code.substr(dot + 1);
    if (const auto at = rest.find('@'); at != std::string::npos) {
        t.month = rest.substr(at + 1);
        rest = rest.substr(0, at);
    }
    t.figure = rest;
    const std::string scope = scope_query(quarter, town);
    const std::string base = "/api/v1/verification/";
    if (t.area == "info_service") {
        // One month's people; the quarter's 合计 (person-months) lists each month's in turn. Money: the people billed.
        if (t.figure == "fee") t.figure = "total";
        if (t.figure != "at_start" && t.figure != "added" && t.figure != "removed" && t.figure != "total") return std::nullopt;
        t.path = base + "info-service?" + scope + (t.month.empty() ? "" : "&month=" + url_encode(t.month)) +
                 "&count=" + t.figure + page_query(page);
        return t;
    }
    if (t.area == "deaths") {
        if (t.figure == "to_recover") t.figure = "still_billed";
        if (t.figure == "name_mismatches") {          // the list comes with every reply (no count)
            t.path = base + "deaths?" + scope;
            return t;
        }
        static const char* const counts[] = {"matched", "already_removed", "to_deduct", "deducted",
                                             "not_deducted", "still_billed", "next_quarter"};
        if (std::none_of(std::begin(counts), std::end(counts), [&](const char* c) { return t.figure == c; }))
            return std::nullopt;
        t.path = base + "deaths?" + scope + "&count=" + t.figure + page_query(page);
        return t;
    }
    if (t.area == "new_subjects") {
        if (t.figure == "usage") t.figure = "in_use";
        const bool monthly = t.figure == "provided" || t.figure == "cancelled" || t.figure == "empty" ||
                             t.figure == "ineligible";
        const bool outcome = t.figure.rfind("outcome_", 0) == 0 && t.figure.size() > 8;   // the phone checks'
        const bool quarterly = monthly || outcome || t.figure == "unchecked" || t.figure == "called" ||
                               t.figure == "not_called" || t.figure == "in_use";
        if (!quarterly || (!t.month.empty() && !monthly)) return std::nullopt;
        t.path = base + "new-subjects?" + scope + (t.month.empty() ? "" : "&month=" + url_encode(t.month)) +
                 "&count=" + url_encode(t.figure) + page_query(page);
        return t;
    }
    if (t.area == "physical") {
        // Every record the count holds (服务人次; 结算人次 for payable; the fee is records × the month's fee), the
        // flagged ones marked.
        if (t.figure == "fee") t.figure = "records";
        if (t.figure != "records" && t.figure != "payable") return std::nullopt;
        t.path = base + "physical?" + scope + (t.month.empty() ? "" : "&month=" + url_encode(t.month)) +
                 "&count=" + t.figure + page_query(page);
        return t;
    }
    if (t.area == "callbacks" || t.area == "survey") {
        // The people one figure of 回访 / 实体服务质量 counts (a percentage: its numerator), with their last call.
        if (t.figure.empty() || !t.month.empty()) return std::nullopt;
        t.path = base + "callbacks/people?" + scope + "&count=" + url_encode(t.area + "." + t.figure) + page_query(page);
        return t;
    }
    return std::nullopt;
}

std::optional<DrillTable> drill_table_of(const std::string& area, const std::string& figure, const json& body,
                                         std::string* err) {
    DrillTable t;
    t.page_size = kDrillPageSize;
    if (area == "info_service") {
        const auto r = wire::read_reply<wire::InfoServiceReport>(body, err);
        if (!r) return std::nullopt;
        t.columns = {"姓名", "身份证号", "电话", "开通日期", "拆机日期", "拆机原因"};
        for (const auto& p : r->people) t.rows.push_back({p.name, p.id_number, p.phone, p.from, opt(p.to), p.reason});
        t.total = r->people_total;
        t.masked = r->masked;
        return t;
    }
    if (area == "deaths") {
        const auto r = wire::read_reply<wire::DeathsReport>(body, err);
        if (!r) return std::nullopt;
        t.masked = r->masked;
        if (figure == "name_mismatches") {
            t.columns = {"身份证号", "台账姓名", "火化名单姓名", "死亡日期"};
            for (const auto& m : r->name_mismatches) t.rows.push_back({m.id_number, m.subscriber_name, m.cremation_name, m.died});
            t.total = static_cast<std::int64_t>(t.rows.size());
            t.note = "身份证号相同、姓名不同：确认为同一人前不计入";
            return t;
        }
        t.columns = {"姓名", "身份证号", "电话", "镇街", "死亡日期", "开通日期", "拆机日期", "应追回（元）"};
        for (const auto& p : r->people) {
            t.rows.push_back({p.name, p.id_number, p.phone, p.town, p.died, p.opened, opt(p.removed),
                              p.to_recover_fen ? format_yuan(p.to_recover_fen) : "—"});
        }
        t.total = r->people_total;
        t.note = r->window_note_zh;
        return t;
    }
    if (area == "new_subjects") {
        const auto r = wire::read_reply<wire::NewSubjectsReport>(body, err);
        if (!r) return std::nullopt;
        t.columns = {"姓名", "身份证号", "电话", "镇街", "开通日期", "回访结果", "不符合条件原因"};
        for (const auto& p : r->people) {
            t.rows.push_back({p.name, p.id_number, p.phone, p.town, p.opened,
                              p.outcome ? p.outcome_label_zh : "未回访", p.ineligible_reason.empty() ? "—" : p.ineligible_reason});
        }
        t.total = r->people_total;
        t.masked = r->masked;
        return t;
    }
    if (area == "physical") {
        const auto r = wire::read_reply<wire::PhysicalServiceReport>(body, err);
        if (!r) return std::nullopt;
        t.columns = {"记录号", "姓名", "身份证号", "服务日期", "服务项目", "护理员", "状态", "疑点"};
        for (const auto& rec : r->items) {
            std::string why;
            for (const auto& reason : rec.reasons) why += (why.empty() ? "" : "、") + reason.label_zh;
            t.rows.push_back({rec.record_no, rec.name, rec.id_number, rec.day, rec.item, rec.caregiver,
                              rec.status_label_zh, rec.flagged ? why : "—"});
        }
        t.total = r->count.empty() ? r->flagged_total : r->items_total;
        t.page_size = r->page_size;
        t.masked = r->masked;
        t.note = r->count.empty() ? "列出该范围内被标记的服务记录（疑点），即服务人次与结算人次之差的来源"
                                  : "该数字的全部服务记录；“疑点”一栏有内容的为被标记的记录";
        return t;
    }
    if (area == "callbacks" || area == "survey") {
        const auto r = wire::read_reply<wire::CallbackPeople>(body, err);
        if (!r) return std::nullopt;
        t.columns = {"姓名", "身份证号", "电话", "镇街", "最近回访结果", "回访日期", "回答"};
        for (const auto& p : r->people) {
            t.rows.push_back({p.name, p.id_number, p.phone.empty() ? "—" : p.phone, p.town.empty() ? "—" : p.town,
                              p.outcome.empty() ? "未回访" : p.outcome, p.call_day.empty() ? "—" : p.call_day,
                              p.answers.empty() ? "—" : p.answers});
        }
        t.total = r->people_total;
        t.page_size = static_cast<int>(r->page_size);
        t.masked = r->masked;
        t.note = area == "survey" ? "实体服务对象中（回访样本之外）的回访，每人以最后一次回访为准"
                                  : "本季度当前抽样的回访对象，每人以最后一次回访为准";
        return t;
    }
    if (err) *err = "未知的下钻类别 " + area;
    return std::nullopt;
}

std::string wire_quarter(const std::string& quarter) {
    if (quarter.size() == 6 && quarter[4] == 'Q') return quarter.substr(0, 4) + "-" + quarter.substr(4);
    return quarter;
}

std::string report_path(const std::string& quarter, Id town, const std::string& format) {
    return "/api/v1/verification/report?" + scope_query(quarter, town) + "&format=" + format;
}

SignoffRights signoff_rights(Role role) {
    return {may(role, Permission::SignVerification), may(role, Permission::CountersignVerification)};
}

std::string sealed_banner(const wire::SignoffList& l) {
    if (!l.sealed) return "";
    std::string out = "本季度已封存：" + (l.sealed_by_title.empty() ? "第" + std::to_string(l.sealed_by) + "号报告" : l.sealed_by_title);
    for (const auto& r : l.reports) {
        if (r.id != l.sealed_by) continue;
        out += "（" + r.signed_by + " 于 " + minute_text(r.signed_at) + " 签署";
        if (!r.countersigned_by.empty()) out += "，" + r.countersigned_by + " 于 " + minute_text(r.countersigned_at) + " 会签";
        out += "）";
    }
    out += "。修改名单或决定须先开启更正，更正后签署补充报告。";
    return out;
}

std::string report_kind_label(const wire::SignedReport& r) {
    return r.supplement_no == 0 ? "原报告" : "补充报告第" + std::to_string(r.supplement_no) + "号";
}

const char* signoff_status_label(const std::string& status) {
    if (status == "signed") return "已签署，待会签";
    if (status == "countersigned") return "已会签";
    if (status == "returned") return "已退回";
    if (status == "superseded") return "已被补充报告更正";
    return "";
}

// ---- the App -----------------------------------------------------------------------------------------------------

void App::load_report() {
    VerReportState& rep = s_.verification.report;
    if (!may_read(s_) || rep.quarter.empty()) return;
    rep.loading = true;
    rep.error.clear();
    rep.drill_code.clear();
    rep.drill.reset();
    const std::uint64_t seq = ++ver_report_seq_;
    request("GET", report_path(rep.quarter, rep.town_id, "json"), nullptr, [this, seq](const HttpResponse& r) {
        if (seq != ver_report_seq_) return;
        VerReportState& rp = s_.verification.report;
        rp.loading = false;
        if (r.status != 200) {
            rp.report.reset();
            rp.error = error_message_zh(r);
            return;
        }
        std::string err;
        auto q = wire::read_reply<wire::QuarterReport>(r.body, &err);
        if (!q) {
            rp.report.reset();
            rp.error = "季度报表的回复无法识别（" + err + "）";
            return;
        }
        if (!rp.recommendations_edited || !rp.report || rp.report->quarter != q->quarter) {
            rp.recommendations = q->recommendations_zh;
            rp.recommendations_edited = false;
        }
        rp.report = std::move(*q);
    });
    load_signoffs();
}

void App::load_signoffs() {
    VerReportState& rep = s_.verification.report;
    if (!may_read(s_) || rep.quarter.empty()) return;
    const std::uint64_t seq = ++ver_signoff_seq_;
    request("GET", "/api/v1/verification/signoffs?quarter=" + url_encode(wire_quarter(rep.quarter)), nullptr,
            [this, seq](const HttpResponse& r) {
        if (seq != ver_signoff_seq_) return;
        VerReportState& rp = s_.verification.report;
        rp.signoffs_loaded = true;
        if (r.status == 404 || r.status == 405) {
            rp.signoffs.reset();
            rp.signoff_error = "签署功能尚未在服务器上启用";
            return;
        }
        if (r.status != 200) {
            rp.signoffs.reset();
            rp.signoff_error = "签署记录加载失败：" + error_message_zh(r);
            return;
        }
        std::string err;
        auto l = wire::read_reply<wire::SignoffList>(r.body, &err);
        if (!l) {
            rp.signoff_error = "签署记录的回复无法识别（" + err + "）";
            return;
        }
        rp.signoff_error.clear();
        rp.signoffs = std::move(*l);
    });
}

void App::load_drill(const std::string& code, int page) {
    VerReportState& rep = s_.verification.report;
    rep.drill_code = code;
    rep.drill_page = std::max(1, page);
    rep.drill.reset();
    rep.drill_error.clear();
    if (code.empty()) return;
    const auto target = drill_target(code, rep.quarter, rep.town_id, rep.drill_page);
    if (!target) {
        rep.drill_error = "该数字没有可查看的名单";
        return;
    }
    // The title: the table's, the row's label, the column's header.
    rep.drill_title = area_label(target->area);
    if (rep.report) {
        for (const auto& t : rep.report->tables) {
            for (const auto& row : t.rows) {
                for (std::size_t k = 0; k < row.size(); ++k) {
                    if (row[k].drill != code) continue;
                    rep.drill_title = t.title_zh + " · " + (row.empty() ? "" : row[0].text) +
                                      (k < t.columns.size() ? " · " + t.columns[k] : "");
                }
            }
        }
    }
    const std::uint64_t seq = ++ver_drill_seq_;
    auto show = [this, seq, target = *target](const HttpResponse& r) {
        if (seq != ver_drill_seq_) return;
        VerReportState& rp = s_.verification.report;
        if (r.status != 200) {
            rp.drill_error = error_message_zh(r);
            return;
        }
        std::string err;
        auto t = drill_table_of(target.area, target.figure, r.body, &err);
        if (!t) {
            rp.drill_error = "名单的回复无法识别（" + err + "）";
            return;
        }
        rp.drill = std::move(*t);
    };
    request("GET", target->path, nullptr, show);
}

void App::signoff_answered(const HttpResponse& r, const std::string& done_message) {
    VerReportState& rp = s_.verification.report;
    rp.signoff_busy = false;
    if (r.status == 200 || r.status == 201) {
        rp.signoff_error.clear();
        rp.signoff_message = done_message;
        rp.action_note.clear();
        set_status(StatusKind::Success, done_message);
        load_signoffs();
        return;
    }
    // 409 quarter_sealed and the others: the server's Chinese, as it says it.
    rp.signoff_message.clear();
    rp.signoff_error = error_message_zh(r);
    set_status(StatusKind::Error, rp.signoff_error);
    if (r.status == 409) load_signoffs();
}

void App::apply_report_action(const VerReportAction& action) {
    VerReportState& rep = s_.verification.report;
    const SignoffRights rights = s_.user ? signoff_rights(s_.user->role) : SignoffRights{};
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, VerDrillCode>) {
                load_drill(i.code, i.page);
            } else if constexpr (std::is_same_v<T, VerReportDownload>) {
                if (!may_read(s_) || rep.quarter.empty()) return;
                // Through the page: fetched and saved by the browser (a refusal comes back as a status line).
                if (i.format == "xlsx" || i.format == "pdf") open_url(report_path(rep.quarter, rep.town_id, i.format), true);
                else if (i.format == "print") open_url(report_path(rep.quarter, rep.town_id, "pdf"), false);
            } else if constexpr (std::is_same_v<T, VerEditRecommendations>) {
                rep.recommendations = i.text;
                rep.recommendations_edited = !rep.report || i.text != rep.report->recommendations_zh;
            } else if constexpr (std::is_same_v<T, VerEditActionNote>) {
                rep.action_note = i.text;
            } else if constexpr (std::is_same_v<T, VerSign>) {
                if (!rights.sign || rep.signoff_busy || !rep.report) return;
                const std::string quarter = wire_quarter(rep.quarter);
                const bool supplement = rep.signoffs && rep.signoffs->next_supplement_no > 0;
                ConfirmDialog d;
                d.id = "verification.sign";
                d.title = supplement ? "签署补充报告" : "签署季度核查报告";
                d.message = "将以本账号签署" + rep.report->quarter_label_zh + "核查报告" +
                            (supplement ? "（补充报告第" + std::to_string(rep.signoffs->next_supplement_no) + "号）" : "") +
                            "。签署后本季度的数据即封存，修改须先开启更正。";
                d.confirm_label = "确认签署";
                wire::SignRequest body{quarter, rep.recommendations_edited ? rep.recommendations : "", rep.action_note};
                ask(d, [this, body] {
                    s_.verification.report.signoff_busy = true;
                    const json j = body;
                    request("POST", "/api/v1/verification/signoffs", &j, [this](const HttpResponse& r) {
                        signoff_answered(r, "已签署，本季度已封存");
                    });
                });
            } else if constexpr (std::is_same_v<T, VerSignoffAct>) {
                if (i.id <= 0 || rep.signoff_busy) return;
                const bool leader_act = i.action == "countersign" || i.action == "return";
                if (leader_act ? !rights.countersign : (i.action != "corrections" || !rights.sign)) return;
                if (i.action != "countersign" && rep.action_note.find_first_not_of(" \t\r\n") == std::string::npos) {
                    rep.signoff_error = i.action == "return" ? "请填写退回原因" : "请填写开启更正的原因";
                    return;
                }
                rep.signoff_busy = true;
                const json j = wire::SignoffActionRequest{rep.action_note};
                const std::string done = i.action == "countersign" ? "已会签" : i.action == "return" ? "已退回" : "已开启更正";
                request("POST", "/api/v1/verification/signoffs/" + std::to_string(i.id) + "/" + i.action, &j,
                        [this, done](const HttpResponse& r) { signoff_answered(r, done); });
            } else if constexpr (std::is_same_v<T, VerSignedDownload>) {
                if (i.id > 0 && (i.format == "pdf" || i.format == "xlsx")) {
                    open_url("/api/v1/verification/signoffs/" + std::to_string(i.id) + "/file?format=" + i.format, true);
                }
            }
        },
        action);
}

// ---- test state ------------------------------------------------------------------------------------------------

json report_test_state(const VerReportState& r) {
    json tables = json::array();
    json cells = json::object();
    json previous = json::object();   // drill code -> the grey previous-quarter text beside it
    if (r.report) {
        for (const auto& t : r.report->tables) {
            tables.push_back({{"code", t.code}, {"title", t.title_zh}, {"rows", t.rows.size()}});
            for (const auto& row : t.rows) {
                for (const auto& c : row) {
                    if (!c.drill.empty()) cells[c.drill] = c.text;
                    if (!c.drill.empty() && c.previous) previous[c.drill] = *c.previous;
                }
            }
        }
    }
    json drill_rows = json::array();
    if (r.drill) {
        for (const auto& row : r.drill->rows) drill_rows.push_back(row);
    }
    json signoffs = nullptr;
    if (r.signoffs) {
        json reports = json::array();
        for (const auto& s : r.signoffs->reports) {
            reports.push_back({{"id", s.id}, {"supplement_no", s.supplement_no}, {"status", s.status},
                               {"signed_by", s.signed_by}, {"countersigned_by", s.countersigned_by},
                               {"changes", s.changes.size()}});
        }
        signoffs = {{"sealed", r.signoffs->sealed}, {"sealed_by", r.signoffs->sealed_by},
                    {"correction_open", r.signoffs->correction_open}, {"reports", reports}};
    }
    return {{"quarter", r.quarter}, {"town", r.town_id}, {"loading", r.loading}, {"error", r.error},
            {"title", r.report ? r.report->title_zh : ""}, {"tables", tables}, {"cells", cells},
            {"previous", previous}, {"previous_quarter", r.report ? r.report->previous_quarter : ""},
            {"previous_signed", r.report ? r.report->previous_signed_zh : ""},
            {"recommendations_edited", r.recommendations_edited},
            {"drill", r.drill_code}, {"drill_title", r.drill_title}, {"drill_error", r.drill_error},
            {"drill_masked", r.drill ? r.drill->masked : false}, {"people_total", r.drill ? r.drill->total : 0},
            {"people", drill_rows}, {"signoffs", signoffs}, {"signoff_error", r.signoff_error},
            {"signoff_message", r.signoff_message}};
}

}  // namespace yiyang::client
