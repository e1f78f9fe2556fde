// 核查's work tabs (app/verification_work_state.hpp): 实体服务 (the flagged records, a supervisor's decision with a
// required reason, a provider's 说明), 死亡核查 (figures, drill-down, 确认同一人, the family-contact step) and 回访
// (the current draw, its call list, one key per outcome and per answer, 替换, the audited reveal of a phone).
// The server computes every figure and checks every write; this file only asks and shows.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/json_read.hpp"
#include "platform/http.hpp"
#include "yiyang/access.hpp"
#include "yiyang/verification/sampling.hpp"
#include "yiyang/wire/live.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

bool may_p(const AppState& s, Permission p) { return s.user && may(s.user->role, p); }

std::string trimmed(std::string t) {
    const auto b = t.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = t.find_last_not_of(" \t\r\n");
    return t.substr(b, e - b + 1);
}

// The first field error's message, else the reply's message.
std::string refusal_of(const HttpResponse& r) {
    const auto f = field_errors_of(r.body);
    if (!f.empty()) return f.begin()->second;
    return error_message_zh(r);
}

}  // namespace

// ---- the models --------------------------------------------------------------------------------------------------

const std::vector<CallKey>& call_keys() {
    // The order an agent meets them most (接通 first, the silent / arrears suspensions apart: the report counts them
    // apart); every CallOutcome has a key and its label comes from the shared list.
    static const std::vector<CallKey> keys = [] {
        std::vector<CallKey> k;
        const auto add = [&](CallOutcome o, const char* suspension) {
            std::string label = label_zh(o);
            if (*suspension) label += std::string("（") + suspension + "）";
            k.push_back({static_cast<int>(k.size()) + 1, o, suspension, label});
        };
        add(CallOutcome::Answered, "");
        add(CallOutcome::NoAnswer, "");
        add(CallOutcome::PoweredOff, "");
        add(CallOutcome::Suspended, "欠费");
        add(CallOutcome::Suspended, "沉默");
        add(CallOutcome::EmptyNumber, "");
        add(CallOutcome::Busy, "");
        add(CallOutcome::Cancelled, "");
        add(CallOutcome::Declined, "");
        return k;
    }();
    return keys;
}

const CallKey* call_key(int digit) {
    for (const auto& k : call_keys())
        if (k.digit == digit) return &k;
    return nullptr;
}

const std::vector<std::string>& step_choices(CallStep step) {
    static const std::vector<std::string> none, five = {"非常满意", "满意", "一般", "不满意", "非常不满意"},
                                               package = {"满意", "不满意", "不清楚"}, yes_no = {"是", "否"};
    switch (step) {
        case CallStep::Overall: return five;
        case CallStep::Package: return package;
        case CallStep::KnowsSos: return yes_no;
        case CallStep::Outcome: break;
    }
    return none;
}

const char* step_title(CallStep step) {
    switch (step) {
        case CallStep::Outcome: return "回访结果";
        case CallStep::Overall: return "总体满意度";
        case CallStep::Package: return "手机套餐";
        case CallStep::KnowsSos: return "知晓SOS与定位功能";
    }
    return "";
}

std::int64_t next_uncalled(const wire::SampleDetail& d, std::int64_t after) {
    const auto& v = d.subjects;
    const auto open = [](const wire::SampleSubject& s) { return s.last_outcome.empty() && s.replaced_by == 0; };
    std::size_t start = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].no == after) start = i + 1;
    for (std::size_t k = 0; k < v.size(); ++k) {
        const auto& s = v[(start + k) % v.size()];
        if (open(s) && s.no != after) return s.no;
    }
    return 0;
}

json call_body(std::int64_t no, const CallKey& k, const std::string& overall, const std::string& package,
               const std::string& knows_sos) {
    json b = {{"no", no}, {"outcome", label_zh(k.outcome)}};
    if (!k.suspension.empty()) b["suspension_reason"] = k.suspension;
    if (k.outcome == CallOutcome::Answered) {
        if (!overall.empty()) b["overall"] = overall;
        if (!package.empty()) b["package"] = package;
        if (!knows_sos.empty()) b["knows_sos"] = knows_sos;
    }
    return b;
}

std::string physical_path(const VerWorkState& w, bool own) {
    const VerPhysicalState& p = w.physical;
    std::string path = std::string("/api/v1/verification/physical") + (own ? "/own" : "") +
                       "?quarter=" + url_encode(w.quarter) + "&page=" + std::to_string(std::max(1, p.page)) +
                       "&page_size=20";
    if (!p.flag.empty()) path += "&flag=" + url_encode(p.flag);
    if (!p.status.empty()) path += "&status=" + url_encode(p.status);
    return path;
}

const char* physical_flag_label(const std::string& flag) {
    if (flag == "after_death") return "死亡后服务";
    if (flag == "duplicate") return "重复记录";
    if (flag == "caregiver_overlap") return "服务人员时间重叠";
    if (flag == "shared_evidence") return "凭证重复使用";
    if (flag == "removed_subscriber") return "已拆机对象";
    return "全部原因";
}

const char* physical_status_label(const std::string& status) {
    if (status == "pending") return "待审核";
    if (status == "decided_payable") return "审核后结算";
    if (status == "decided_not_payable") return "审核后不予结算";
    if (status == "not_payable") return "不予结算";
    return "全部状态";
}

const char* death_count_label(const std::string& count) {
    if (count == "matched") return "比对命中";
    if (count == "already_removed") return "已拆机";
    if (count == "to_deduct") return "应核减";
    if (count == "deducted") return "已核减";
    if (count == "not_deducted") return "未核减";
    if (count == "still_billed") return "仍在计费";
    if (count == "next_quarter") return "下季度核减名单";
    return "";
}

std::string default_draw_date(const std::string& quarter, const Date& today) {
    if (quarter.size() != 6) return format_date(today);
    const int y = std::atoi(quarter.substr(0, 4).c_str());
    const int q = quarter[5] - '0';
    if (y < 1900 || q < 1 || q > 4) return format_date(today);
    // The server's default frame day (shared), never a day still to come.
    const Date frame = verification::default_draw_date(Period{PeriodKind::Quarter, y, q});
    return format_date(today < frame ? today : frame);
}

// ---- navigation ------------------------------------------------------------------------------------------------

bool App::enter_verification_work() {
    VerificationState& v = s_.verification;
    VerWorkState& w = v.work;
    const bool read = may_p(s_, Permission::ReadVerification), imports = may_p(s_, Permission::ImportLists);
    const bool answer = may_p(s_, Permission::AnswerFlags), calls = may_p(s_, Permission::RecordCallbacks);
    // A role with neither the report nor the imports starts on its own work.
    if ((v.tab == VerTab::Report && !read) || (v.tab == VerTab::Imports && !imports)) {
        if (read) v.tab = VerTab::Report;
        else if (imports) v.tab = VerTab::Imports;
        else if (calls) v.tab = VerTab::Calls;
        else if (answer) v.tab = VerTab::Physical;
    }
    if (v.tab == VerTab::Physical && !read && !answer) v.tab = VerTab::Report;
    if (v.tab == VerTab::Deaths && !read) v.tab = VerTab::Report;
    if (v.tab == VerTab::Calls && !calls) v.tab = VerTab::Report;
    if (v.tab == VerTab::Report || v.tab == VerTab::Imports) return false;
    if (w.quarter.empty()) {
        if (!v.report.quarter.empty()) w.quarter = v.report.quarter;
        else {
            const auto choices = quarter_choices(s_.today);
            w.quarter = choices.size() > 1 ? choices[1] : choices.front();
        }
    }
    if (v.tab == VerTab::Physical && !w.physical.report && !w.physical.loading) load_physical();
    if (v.tab == VerTab::Deaths && !w.deaths.report && !w.deaths.loading) load_deaths();
    if (v.tab == VerTab::Calls && !w.calls.list && !w.calls.loading && !w.calls.no_draw) load_call_list();
    return true;
}

// ---- 实体服务 ---------------------------------------------------------------------------------------------------

void App::load_physical() {
    VerWorkState& w = s_.verification.work;
    const bool own = !may_p(s_, Permission::ReadVerification) && may_p(s_, Permission::AnswerFlags);
    if (!own && !may_p(s_, Permission::ReadVerification)) return;
    w.physical.own = own;
    w.physical.loading = true;
    w.physical.error.clear();
    const std::uint64_t seq = ++ver_physical_seq_;
    request("GET", physical_path(w, own), nullptr, [this, seq](const HttpResponse& r) {
        if (seq != ver_physical_seq_) return;
        VerPhysicalState& p = s_.verification.work.physical;
        p.loading = false;
        if (r.status != 200) {
            p.report.reset();
            p.error = error_message_zh(r);
            return;
        }
        std::string err;
        auto rep = wire::read_reply<wire::PhysicalServiceReport>(r.body, &err);
        if (!rep) {
            p.error = "实体服务的回复无法识别（" + err + "）";
            return;
        }
        p.report = std::move(*rep);
    });
}

// The reply of a decision / an answer: the record as the report now shows it, put in place; the figures reloaded.
void App::physical_saved(const HttpResponse& r, const std::string& done) {
    VerPhysicalState& p = s_.verification.work.physical;
    p.busy = false;
    if (r.status != 200 && r.status != 201) {
        p.form_error = refusal_of(r);
        return;
    }
    if (const auto rec = wire::read_reply<wire::PhysicalFlaggedRecord>(r.body); rec && p.report) {
        for (auto& item : p.report->items)
            if (item.record_no == rec->record_no) item = *rec;
    }
    p.reason.clear();
    p.form_error.clear();
    p.message = done;
    load_physical();   // payable / pending figures move
}

void App::decide_physical(bool payable) {
    VerPhysicalState& p = s_.verification.work.physical;
    if (!may_p(s_, Permission::DecideVerification) || p.selected.empty() || p.busy) return;
    const std::string reason = trimmed(p.reason);
    if (reason.empty()) {
        p.form_error = "请填写审核理由（将记入审计日志）";
        return;
    }
    p.busy = true;
    p.form_error.clear();
    const json body = {{"payable", payable}, {"reason", reason}};
    const std::string no = p.selected;
    request("POST", "/api/v1/verification/physical/" + url_encode(no) + "/decision", &body,
            [this, no, payable](const HttpResponse& r) {
        physical_saved(r, "记录 " + no + " 已审核：" + (payable ? "可支付" : "不予支付"));
    });
}

void App::answer_physical() {
    VerPhysicalState& p = s_.verification.work.physical;
    if (!may_p(s_, Permission::AnswerFlags) || p.selected.empty() || p.busy) return;
    const std::string text = trimmed(p.reason);
    if (text.empty()) {
        p.form_error = "请填写说明";
        return;
    }
    p.busy = true;
    p.form_error.clear();
    const json body = {{"text", text}};
    const std::string no = p.selected;
    request("POST", "/api/v1/verification/physical/" + url_encode(no) + "/answer", &body,
            [this, no](const HttpResponse& r) { physical_saved(r, "已提交记录 " + no + " 的说明"); });
}

// ---- 死亡核查 ---------------------------------------------------------------------------------------------------

void App::load_deaths() {
    VerWorkState& w = s_.verification.work;
    if (!may_p(s_, Permission::ReadVerification)) return;
    w.deaths.loading = true;
    w.deaths.error.clear();
    const std::uint64_t seq = ++ver_deaths_seq_;
    request("GET", "/api/v1/verification/deaths?quarter=" + url_encode(w.quarter), nullptr,
            [this, seq](const HttpResponse& r) {
        if (seq != ver_deaths_seq_) return;
        VerDeathsState& d = s_.verification.work.deaths;
        d.loading = false;
        if (r.status != 200) {
            d.report.reset();
            d.error = error_message_zh(r);
            return;
        }
        std::string err;
        auto rep = wire::read_reply<wire::DeathsReport>(r.body, &err);
        if (!rep) {
            d.error = "死亡核查的回复无法识别（" + err + "）";
            return;
        }
        d.report = std::move(*rep);
    });
    if (!w.deaths.drill_count.empty()) load_deaths_drill(w.deaths.drill_count, w.deaths.drill_page);
}

void App::load_deaths_drill(const std::string& count, int page) {
    VerWorkState& w = s_.verification.work;
    VerDeathsState& d = w.deaths;
    d.drill_count = count;
    d.drill_page = std::max(1, page);
    d.drill.reset();
    d.drill_error.clear();
    if (count.empty()) return;
    const std::uint64_t seq = ++ver_deaths_drill_seq_;
    request("GET", "/api/v1/verification/deaths?quarter=" + url_encode(w.quarter) + "&count=" + url_encode(count) +
                       "&page=" + std::to_string(d.drill_page) + "&page_size=20",
            nullptr, [this, seq](const HttpResponse& r) {
        if (seq != ver_deaths_drill_seq_) return;
        VerDeathsState& dd = s_.verification.work.deaths;
        if (r.status != 200) {
            dd.drill_error = error_message_zh(r);
            return;
        }
        std::string err;
        auto rep = wire::read_reply<wire::DeathsReport>(r.body, &err);
        if (!rep) {
            dd.drill_error = "名单的回复无法识别（" + err + "）";
            return;
        }
        dd.drill = std::move(*rep);
    });
}

void App::save_same_person() {
    VerDeathsState& d = s_.verification.work.deaths;
    if (!may_p(s_, Permission::DecideVerification) || d.same_id.empty() || d.busy) return;
    const std::string reason = trimmed(d.same_reason);
    if (reason.empty()) {
        d.form_error = "请填写确认为同一人的理由，如“已核对户籍，曾用名”";
        return;
    }
    d.busy = true;
    d.form_error.clear();
    const json body = {{"reason", reason}};
    request("POST", "/api/v1/verification/deaths/" + url_encode(d.same_id) + "/same-person", &body,
            [this](const HttpResponse& r) {
        VerDeathsState& dd = s_.verification.work.deaths;
        dd.busy = false;
        if (r.status != 200) {
            dd.form_error = refusal_of(r);
            return;
        }
        dd.same_id.clear();
        dd.same_reason.clear();
        dd.message = "已确认为同一人，计入死亡核查";
        load_deaths();
    });
}

void App::save_death_contact() {
    VerDeathsState& d = s_.verification.work.deaths;
    if (!may_p(s_, Permission::DecideVerification) || d.contact_id.empty() || d.busy) return;
    if (d.contact_day.empty()) {
        d.form_error = "请填写联系家属的日期（YYYY-MM-DD）";
        return;
    }
    d.busy = true;
    d.form_error.clear();
    const json body = {{"outcome", d.contact_outcome}, {"day", d.contact_day}, {"note", trimmed(d.contact_note)}};
    request("POST", "/api/v1/verification/deaths/" + url_encode(d.contact_id) + "/contact", &body,
            [this](const HttpResponse& r) {
        VerDeathsState& dd = s_.verification.work.deaths;
        dd.busy = false;
        if (r.status != 201 && r.status != 200) {
            dd.form_error = refusal_of(r);
            return;
        }
        const auto c = wire::read_reply<wire::DeathContact>(r.body);
        dd.message = "已记录联系家属：" + (c ? c->outcome_label_zh : dd.contact_outcome) + "（" + dd.contact_day + "）";
        dd.contact_id.clear();
        dd.contact_note.clear();
        load_deaths();   // the drill-down (reloaded with it) shows the step
    });
}

// ---- 回访 -------------------------------------------------------------------------------------------------------

void App::load_call_list() {
    VerWorkState& w = s_.verification.work;
    if (!may_p(s_, Permission::RecordCallbacks)) return;
    w.calls.loading = true;
    w.calls.error.clear();
    const std::uint64_t seq = ++ver_calls_seq_;
    request("GET", "/api/v1/verification/call-list?quarter=" + url_encode(w.quarter) + "&page=" +
                       std::to_string(std::max(1, w.calls.page)) + "&page_size=50",
            nullptr, [this, seq](const HttpResponse& r) {
        if (seq != ver_calls_seq_) return;
        VerCallsState& c = s_.verification.work.calls;
        c.loading = false;
        c.no_draw = r.status == 404;
        if (r.status != 200) {
            c.list.reset();
            c.error = c.no_draw ? quarter_label(s_.verification.work.quarter) + "尚未抽取回访名单" : error_message_zh(r);
            return;
        }
        std::string err;
        auto d = wire::read_reply<wire::SampleDetail>(r.body, &err);
        if (!d) {
            c.error = "回访名单的回复无法识别（" + err + "）";
            return;
        }
        c.list = std::move(*d);
        // Keep the selection when it is still on the page, else the first subject still to call.
        const bool on_page = std::any_of(c.list->subjects.begin(), c.list->subjects.end(),
                                         [&](const wire::SampleSubject& s) { return s.no == c.selected; });
        if (!on_page) c.selected = next_uncalled(*c.list, 0);
    });
    load_call_figures();
    if (may_p(s_, Permission::DecideVerification)) {
        request("GET", "/api/v1/verification/samples?quarter=" + url_encode(w.quarter), nullptr,
                [this](const HttpResponse& r) {
            if (r.status != 200) return;
            if (auto l = wire::read_reply<wire::SampleList>(r.body)) s_.verification.work.calls.draws = std::move(l->draws);
        });
    }
}

void App::load_call_figures() {
    VerWorkState& w = s_.verification.work;
    if (!may_p(s_, Permission::ReadVerification)) return;
    const std::uint64_t seq = ++ver_figures_seq_;
    request("GET", "/api/v1/verification/callbacks?quarter=" + url_encode(w.quarter), nullptr,
            [this, seq](const HttpResponse& r) {
        if (seq != ver_figures_seq_) return;
        VerCallsState& c = s_.verification.work.calls;
        if (r.status != 200) {
            c.figures.reset();
            return;
        }
        if (auto f = wire::read_reply<wire::CallbackReport>(r.body)) c.figures = std::move(*f);
    });
}

void App::call_key_pressed(int digit) {
    VerCallsState& c = s_.verification.work.calls;
    if (!c.list || c.selected == 0 || c.busy) return;
    if (digit == 0) {                       // Esc: one step back, or nothing
        c.step = c.step == CallStep::KnowsSos ? CallStep::Package
                 : c.step == CallStep::Package ? CallStep::Overall : CallStep::Outcome;
        if (c.step == CallStep::Outcome) c.overall.clear(), c.package.clear();
        return;
    }
    if (c.step == CallStep::Outcome) {
        const CallKey* k = call_key(digit);
        if (!k) return;
        if (k->outcome == CallOutcome::Answered) {   // then the questions, each by a key
            c.step = CallStep::Overall;
            c.overall.clear();
            c.package.clear();
            c.call_error.clear();
            return;
        }
        record_call(*k, "", "", "");
        return;
    }
    const auto& choices = step_choices(c.step);
    if (digit < 1 || digit > static_cast<int>(choices.size())) return;
    const std::string& answer = choices[static_cast<std::size_t>(digit - 1)];
    if (c.step == CallStep::Overall) {
        c.overall = answer;
        c.step = CallStep::Package;
    } else if (c.step == CallStep::Package) {
        c.package = answer;
        c.step = CallStep::KnowsSos;
    } else {
        record_call(*call_key(1), c.overall, c.package, answer);
    }
}

void App::record_call(const CallKey& k, const std::string& overall, const std::string& package,
                      const std::string& knows_sos) {
    VerCallsState& c = s_.verification.work.calls;
    if (!c.list) return;
    c.busy = true;
    c.call_error.clear();
    const std::int64_t no = c.selected;
    const json body = call_body(no, k, overall, package, knows_sos);
    const std::string label = k.label;
    request("POST", "/api/v1/verification/samples/" + std::to_string(c.list->draw.id) + "/calls", &body,
            [this, no, label](const HttpResponse& r) {
        VerCallsState& cc = s_.verification.work.calls;
        cc.busy = false;
        if (r.status != 201 && r.status != 200) {
            cc.call_error = "序号 " + std::to_string(no) + " 未登记：" + refusal_of(r);
            return;
        }
        cc.step = CallStep::Outcome;
        cc.overall.clear();
        cc.package.clear();
        ++cc.recorded;
        if (const auto reply = wire::read_reply<wire::SampleCallReply>(r.body); reply && cc.list) {
            for (auto& s : cc.list->subjects)
                if (s.no == reply->subject.no) s = reply->subject;
        }
        cc.message = "已登记序号 " + std::to_string(no) + "：" + label;
        // On to the next subject still to call.
        if (cc.list && cc.selected == no) {
            const std::int64_t next = next_uncalled(*cc.list, no);
            if (next != 0) cc.selected = next;
        }
        load_call_figures();
    });
}

void App::replace_subject() {
    VerCallsState& c = s_.verification.work.calls;
    if (!c.list || c.selected == 0 || c.busy) return;
    c.busy = true;
    c.call_error.clear();
    const std::int64_t no = c.selected;
    const json body = {{"no", no}};
    request("POST", "/api/v1/verification/samples/" + std::to_string(c.list->draw.id) + "/replace", &body,
            [this, no](const HttpResponse& r) {
        VerCallsState& cc = s_.verification.work.calls;
        cc.busy = false;
        if (r.status != 201 && r.status != 200) {
            cc.call_error = "序号 " + std::to_string(no) + " 未替换：" + refusal_of(r);
            return;
        }
        const auto reply = wire::read_reply<wire::SampleReplaceReply>(r.body);
        if (!reply || !cc.list) return;
        for (auto& s : cc.list->subjects)
            if (s.no == no) s.replaced_by = reply->replacement.no;
        if (reply->replacement.no == 0) {
            cc.message = "序号 " + std::to_string(no) + " 所在层已无可替补的对象";
            return;
        }
        cc.list->subjects.push_back(reply->replacement);
        ++cc.list->subjects_total;
        cc.selected = reply->replacement.no;
        cc.step = CallStep::Outcome;
        cc.message = "序号 " + std::to_string(no) + " 已由序号 " + std::to_string(reply->replacement.no) + " 替补";
        load_call_figures();
    });
}

void App::save_draw() {
    VerWorkState& w = s_.verification.work;
    VerCallsState& c = w.calls;
    if (!may_p(s_, Permission::DecideVerification) || c.busy) return;
    const bool redraw = c.list.has_value();
    if (redraw && trimmed(c.reason).size() < 2) {
        c.draw_error = "已有回访抽样：重新抽样须填写原因（2–200 字），新的抽样将取代它";
        return;
    }
    json body = {{"quarter", w.quarter}, {"draw_date", c.draw_date}, {"by_town", c.by_town}};
    if (!trimmed(c.seed).empty()) body["seed"] = trimmed(c.seed);
    if (redraw) body["reason"] = trimmed(c.reason);
    c.busy = true;
    c.draw_error.clear();
    request("POST", "/api/v1/verification/samples", &body, [this](const HttpResponse& r) {
        VerCallsState& cc = s_.verification.work.calls;
        cc.busy = false;
        if (r.status != 201 && r.status != 200) {
            cc.draw_error = refusal_of(r);
            return;
        }
        cc.draw_open = false;
        cc.reason.clear();
        cc.no_draw = false;
        cc.selected = 0;
        cc.page = 1;
        cc.message = "已抽取回访名单";
        load_call_list();
    });
}

void App::reveal_phone() {
    VerCallsState& c = s_.verification.work.calls;
    if (!c.list || c.reveal_no == 0 || c.busy) return;
    const auto it = std::find_if(c.list->subjects.begin(), c.list->subjects.end(),
                                 [&](const wire::SampleSubject& s) { return s.no == c.reveal_no; });
    if (it == c.list->subjects.end() || it->elder_id == 0) {
        c.reveal_error = "该对象不在服务对象档案中，无法查看号码";
        return;
    }
    if (trimmed(c.reveal_reason).empty()) {
        c.reveal_error = "请填写查看原因（将记入审计日志）";
        return;
    }
    const std::int64_t elder = it->elder_id;
    const json body = wire::RevealRequest{"phone", trimmed(c.reveal_reason)};
    c.busy = true;
    request("POST", "/api/v1/elders/" + std::to_string(elder) + "/reveal", &body, [this, elder](const HttpResponse& r) {
        VerCallsState& cc = s_.verification.work.calls;
        cc.busy = false;
        if (r.status != 200) {
            cc.reveal_error = refusal_of(r);
            return;
        }
        if (const auto reply = wire::read_reply<wire::RevealReply>(r.body)) cc.revealed[elder] = reply->value;
        cc.reveal_no = 0;
        cc.reveal_reason.clear();
        cc.reveal_error.clear();
    });
}

// ---- intents ---------------------------------------------------------------------------------------------------

void App::apply_verification_work(const VerWorkIntent& intent) {
    changed_ = true;
    VerWorkState& w = s_.verification.work;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, VerWorkQuarter>) {
                if (i.quarter == w.quarter || i.quarter.size() != 6) return;
                w.quarter = i.quarter;
                w.physical = VerPhysicalState{};
                w.deaths = VerDeathsState{};
                w.calls = VerCallsState{};
                enter_verification_work();
            } else if constexpr (std::is_same_v<T, VerPhysFilter>) {
                w.physical.flag = i.flag;
                w.physical.status = i.status;
                w.physical.page = std::max(1, i.page);
                load_physical();
            } else if constexpr (std::is_same_v<T, VerPhysSelect>) {
                if (i.record_no != w.physical.selected) {
                    w.physical.reason.clear();
                    w.physical.form_error.clear();
                }
                w.physical.selected = i.record_no;
            } else if constexpr (std::is_same_v<T, VerPhysEdit>) {
                w.physical.reason = i.text;
            } else if constexpr (std::is_same_v<T, VerPhysDecide>) {
                decide_physical(i.payable);
            } else if constexpr (std::is_same_v<T, VerPhysAnswer>) {
                answer_physical();
            } else if constexpr (std::is_same_v<T, VerDeathsDrill>) {
                load_deaths_drill(i.count, i.page);
            } else if constexpr (std::is_same_v<T, VerDeathsSameOpen>) {
                w.deaths.same_id = i.id_number;
                w.deaths.same_reason.clear();
                w.deaths.form_error.clear();
            } else if constexpr (std::is_same_v<T, VerDeathsSameEdit>) {
                w.deaths.same_reason = i.reason;
            } else if constexpr (std::is_same_v<T, VerDeathsSameSave>) {
                save_same_person();
            } else if constexpr (std::is_same_v<T, VerDeathsContactOpen>) {
                w.deaths.contact_id = i.id_number;
                w.deaths.contact_outcome = "confirmed_dead";
                w.deaths.contact_day = format_date(s_.today);
                w.deaths.contact_note.clear();
                w.deaths.form_error.clear();
            } else if constexpr (std::is_same_v<T, VerDeathsContactEdit>) {
                w.deaths.contact_outcome = i.outcome;
                w.deaths.contact_day = i.day;
                w.deaths.contact_note = i.note;
            } else if constexpr (std::is_same_v<T, VerDeathsContactSave>) {
                save_death_contact();
            } else if constexpr (std::is_same_v<T, VerCallsSelect>) {
                if (i.no != w.calls.selected) {
                    w.calls.step = CallStep::Outcome;
                    w.calls.overall.clear();
                    w.calls.package.clear();
                    w.calls.call_error.clear();
                }
                w.calls.selected = i.no;
            } else if constexpr (std::is_same_v<T, VerCallKey>) {
                if (may_p(s_, Permission::RecordCallbacks)) call_key_pressed(i.digit);
            } else if constexpr (std::is_same_v<T, VerCallsReplace>) {
                if (may_p(s_, Permission::RecordCallbacks)) replace_subject();
            } else if constexpr (std::is_same_v<T, VerCallsPage>) {
                w.calls.page = std::max(1, i.page);
                load_call_list();
            } else if constexpr (std::is_same_v<T, VerDrawOpen>) {
                w.calls.draw_open = i.open && may_p(s_, Permission::DecideVerification);
                w.calls.draw_error.clear();
                if (w.calls.draw_open && w.calls.draw_date.empty()) w.calls.draw_date = default_draw_date(w.quarter, s_.today);
            } else if constexpr (std::is_same_v<T, VerDrawEdit>) {
                w.calls.draw_date = i.draw_date;
                w.calls.seed = i.seed;
                w.calls.reason = i.reason;
                w.calls.by_town = i.by_town;
            } else if constexpr (std::is_same_v<T, VerDrawSave>) {
                save_draw();
            } else if constexpr (std::is_same_v<T, VerRevealOpen>) {
                w.calls.reveal_no = i.no;
                w.calls.reveal_reason.clear();
                w.calls.reveal_error.clear();
            } else if constexpr (std::is_same_v<T, VerRevealEdit>) {
                w.calls.reveal_reason = i.reason;
            } else if constexpr (std::is_same_v<T, VerRevealSave>) {
                reveal_phone();
            }
        },
        intent);
}

// ---- test state ------------------------------------------------------------------------------------------------

json test_state_of(const VerWorkState& w) {
    json phys = {{"loading", w.physical.loading}, {"error", w.physical.error}, {"own", w.physical.own},
                 {"selected", w.physical.selected}, {"form_error", w.physical.form_error},
                 {"message", w.physical.message}, {"flag", w.physical.flag}, {"status", w.physical.status}};
    if (const auto& r = w.physical.report) {
        json items = json::array();
        for (const auto& i : r->items) {
            json reasons = json::array();
            for (const auto& x : i.reasons) reasons.push_back(x.flag);
            items.push_back({{"record_no", i.record_no}, {"status", i.status}, {"reasons", reasons},
                             {"decisions", i.decisions}, {"answers", i.answers.size()}});
        }
        phys["figures"] = {{"records", r->records}, {"flagged", r->flagged}, {"pending", r->pending},
                           {"payable", r->payable}, {"decided_payable", r->decided_payable},
                           {"decided_not_payable", r->decided_not_payable}, {"not_payable", r->not_payable}};
        phys["items"] = items;
        phys["flagged_total"] = r->flagged_total;
    }
    json deaths = {{"loading", w.deaths.loading}, {"error", w.deaths.error}, {"drill_count", w.deaths.drill_count},
                   {"form_error", w.deaths.form_error}, {"message", w.deaths.message},
                   {"contact_id", w.deaths.contact_id}, {"same_id", w.deaths.same_id}};
    if (const auto& r = w.deaths.report) {
        deaths["figures"] = {{"matched", r->matched}, {"to_deduct", r->to_deduct}, {"still_billed", r->still_billed},
                             {"to_recover_fen", r->to_recover_fen}, {"next_quarter", r->next_quarter},
                             {"contacted", r->contacted}, {"mismatches", r->name_mismatches.size()}};
    }
    if (const auto& d = w.deaths.drill) deaths["people"] = d->people.size(), deaths["people_total"] = d->people_total;
    const VerCallsState& c = w.calls;
    const char* steps[] = {"outcome", "overall", "package", "knows_sos"};
    json calls = {{"loading", c.loading}, {"error", c.error}, {"no_draw", c.no_draw}, {"selected", c.selected},
                  {"step", steps[static_cast<int>(c.step)]}, {"busy", c.busy}, {"message", c.message},
                  {"call_error", c.call_error}, {"recorded", c.recorded}, {"draw_error", c.draw_error},
                  {"draws", c.draws.size()}};
    if (c.list) {
        json subjects = json::array();
        for (const auto& s : c.list->subjects) {
            subjects.push_back({{"no", s.no}, {"phone", s.phone}, {"last_outcome", s.last_outcome},
                                {"replaced_by", s.replaced_by}, {"replaces", s.replaces}});
        }
        calls["draw"] = {{"id", c.list->draw.id}, {"seed", c.list->draw.seed}, {"size", c.list->draw.size},
                         {"frame_size", c.list->draw.frame_size}, {"share", c.list->draw.share}};
        calls["subjects"] = subjects;
        calls["masked"] = c.list->masked;
    }
    if (c.figures) {
        json outcomes = json::object();
        for (const auto& o : c.figures->outcomes) outcomes[o.outcome] = o.count;
        calls["figures"] = {{"sample", c.figures->sample}, {"not_called", c.figures->not_called},
                            {"outcomes", outcomes}};
    }
    return {{"quarter", w.quarter}, {"physical", phys}, {"deaths", deaths}, {"calls", calls}};
}

}  // namespace yiyang::client
