// The people behind a callback or survey figure (回访 / 实体服务质量, issue 10): GET
// /api/v1/verification/callbacks/people?quarter&town&count=<area>.<figure> lists the subjects one cell of the
// report's tables 2 and 7 counts — the lists are the tallies of the quarter's one computation (app/quarter_inputs,
// cached), never recomputed — each with the last call that put it there, masked as the role sees elders. A town
// user sees its own town's (the scope is forced); a provider has no verification reading right.
#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "http/verification_common.hpp"
#include "store/verification_lists.hpp"
#include "yiyang/access.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/verification/callbacks.hpp"
#include "yiyang/wire/verification_callback_people.hpp"

namespace yiyang::http {
namespace {

using verification::id_key;
using verification::Tally;

template <class K>
const Tally* tally_in(const std::map<K, Tally>& m, K k) {
    static const Tally none;
    const auto it = m.find(k);
    return it == m.end() ? &none : &it->second;
}

struct Figure {
    const Tally* tally = nullptr;
    std::string label_zh;
};

// The tally a drill code names among the survey and callback figures (the codes the report emits:
// shared verification/quarter_report); nullopt for anything else. A percentage drills to its numerator.
std::optional<Figure> figure_of(const app::QuarterComputed& qc, const std::string& drill) {
    const auto dot = drill.find('.');
    if (dot == std::string::npos) return std::nullopt;
    const std::string area = drill.substr(0, dot), f = drill.substr(dot + 1);
    if (area == "survey") {
        const auto& s = qc.survey;
        if (f == "reached") return Figure{&s.reached, "回访到服务对象"};
        if (f == "declined") return Figure{&s.declined, "未评价（拒访）"};
        if (f == "invalid") return Figure{&s.invalid, "无效问卷"};
        if (f == "valid" || f == "valid_share") return Figure{&s.valid, "有效问卷"};
        if (f == "overall_satisfied" || f == "overall") return Figure{&s.overall.numerator, "总体满意"};
        if (f == "staff_satisfied" || f == "staff") return Figure{&s.staff.numerator, "服务态度与专业性满意"};
        return std::nullopt;
    }
    if (area != "callbacks") return std::nullopt;
    const auto& c = qc.callbacks;
    const auto& d = qc.draw;
    if (f == "frame") return Figure{&d.frame, "抽样框"};
    if (f == "sample" || f == "share") return Figure{&d.sample, "抽取回访"};
    for (int i = 0; i < 8; ++i) {
        const auto o = static_cast<CallOutcome>(i);
        if (f == std::string("outcome_") + code(o) || f == std::string("share_") + code(o))
            return Figure{tally_in(c.outcomes, o), label_zh(o)};
    }
    if (f == "suspended_arrears") return Figure{&c.suspended_arrears, "欠费停机"};
    if (f == "suspended_silent") return Figure{&c.suspended_silent, "沉默停机"};
    if (f == "not_called") return Figure{&c.not_called, "尚未回访"};
    if (f == "overall_satisfied" || f == "overall") return Figure{&c.overall_satisfaction.numerator, "总体满意"};
    if (f == "package_satisfied" || f == "package") return Figure{&c.package_satisfaction.numerator, "手机套餐满意"};
    if (f == "package_dont_know") return Figure{tally_in(c.package, PackageAnswer::DontKnow), "不清楚手机套餐"};
    if (f == "knows_sos_yes" || f == "knows_sos") return Figure{&c.knows_sos.numerator, "知晓SOS应急与定位功能"};
    return std::nullopt;
}

// An ID number's key (verification::id_key) without a string when it is one already — ASCII digits and X, as nearly
// every ledger row and call is (the walks below go over a city's 600 000 subscribers per page).
std::string_view key_of(std::string_view id_number, std::string& buf) {
    if (std::all_of(id_number.begin(), id_number.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'X'; }))
        return id_number;
    buf = id_key(id_number);
    return buf;
}

std::string answers_of(const CallbackRow& c) {
    std::string out;
    const auto add = [&](const std::string& part) { out += (out.empty() ? "" : "；") + part; };
    if (c.overall) add(std::string("总体：") + label_zh(*c.overall));
    if (c.staff) add(std::string("态度：") + label_zh(*c.staff));
    if (c.package) add(std::string("套餐：") + label_zh(*c.package));
    if (c.knows_sos) add(std::string("SOS：") + (*c.knows_sos ? "是" : "否"));
    if (!c.suspension_reason.empty()) add("停机原因：" + c.suspension_reason);
    return out;
}

}  // namespace

void register_verification_callback_people_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/verification/callbacks/people",
           "The people one callback or survey figure of the quarterly report counts (count = its drill code: "
           "survey.valid, callbacks.outcome_no_answer …), each with its last call; names, ID numbers and phones "
           "masked as the role sees elders",
           "verification", needs(Permission::ReadVerification, "town: own town"),
           {query_param("quarter", "string", "the quarter: 2024Q1 or 2024-Q1 (required)"),
            query_param("town", "integer", "a town's id (town users: their own, forced)"),
            query_param("count", "string", "the figure's drill code: survey.<figure> | callbacks.<figure> (required)"),
            query_param("page", "integer", "page (from 1)"),
            query_param("page_size", "integer", "1..200, default 20")},
           "", "CallbackPeople"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto& db = ctx.db.reader();
        const QuarterScope scope = read_quarter_scope(req, user, db);
        const std::string count = query_text(req, "count", 60);
        if (count.empty()) fail_bad_query("count", "必须给出要下钻的数字，如 survey.valid 或 callbacks.outcome_no_answer", "");
        const Paging paging = read_paging(req, false);
        const auto bundle = quarter_of_request(ctx, db, scope, RulesNeeded::ReportOnly);
        const auto& qc = bundle->computed;
        const auto figure = figure_of(qc, count);
        if (!figure) fail_bad_query("count", "不是回访或实体服务质量表中的数字", count);

        wire::CallbackPeople out;
        out.quarter = scope.quarter.code();
        out.town_id = scope.town.value_or(0);
        out.town_name = scope.town_name;
        out.count = count;
        out.label_zh = figure->label_zh;
        if (bundle->inputs.draw) out.draw_id = bundle->inputs.draw->id;
        // Callback figures exist only on a draw: without one the report says 尚未抽样 and the lists are empty.
        const bool empty = count.rfind("callbacks.", 0) == 0 && !qc.drawn;
        const auto& keys = figure->tally->keys;
        out.people_total = empty ? 0 : static_cast<std::int64_t>(keys.size());
        out.page = paging.page;
        out.page_size = paging.page_size;
        const auto policy = elder_policy(user.user.role);
        out.masked = !policy.full_name || !policy.full_id_number || !policy.full_phone;
        const std::size_t begin = static_cast<std::size_t>(paging.page - 1) * static_cast<std::size_t>(paging.page_size);
        const std::size_t end = std::min(static_cast<std::size_t>(out.people_total),
                                         begin + static_cast<std::size_t>(paging.page_size));
        if (begin >= end) return reply_json(res, 200, json(out));

        // The page's people: the ledger (name, phone, town; the latest opening), else a service record's name; the
        // last call among the quarter's (as shared verification/callbacks counts it: by day, then file row).
        struct Found {
            const SubscriberRow* sub = nullptr;
            std::optional<std::size_t> record;   // index into the district's records (the table has no name column)
            const CallbackRow* call = nullptr;
        };
        std::map<std::string, Found, std::less<>> found;
        for (std::size_t i = begin; i < end; ++i) found[id_key(keys[i])];
        std::string buf;
        for (const auto& s : bundle->inputs.subscribers) {
            const auto it = found.find(key_of(s.id_number, buf));
            if (it != found.end() && (!it->second.sub || it->second.sub->opened < s.opened)) it->second.sub = &s;
        }
        // A record's name only for the people the ledger lacks (the walk over the quarter's records is skipped when
        // every person of the page is in the ledger).
        const auto& records = bundle->records();
        std::size_t missing = 0;
        for (const auto& [key, f] : found) missing += f.sub ? 0 : 1;
        for (std::size_t k = 0; missing > 0 && k < records.size(); ++k) {
            const auto it = found.find(key_of(records.id_number(k), buf));
            if (it != found.end() && !it->second.sub && !it->second.record) {
                it->second.record = k;
                --missing;
            }
        }
        for (const auto& c : bundle->inputs.callbacks) {
            if (c.id_number.empty()) continue;
            const auto it = found.find(key_of(c.id_number, buf));
            if (it == found.end()) continue;
            const CallbackRow*& slot = it->second.call;
            if (!slot || std::tie(slot->day, slot->row) < std::tie(c.day, c.row)) slot = &c;
        }
        out.people.reserve(end - begin);
        for (std::size_t i = begin; i < end; ++i) {
            const Found& f = found[id_key(keys[i])];
            wire::CallbackPerson p;
            std::string name;
            if (f.sub) {
                name = f.sub->name;
            } else if (f.record) {
                if (const auto row = store::service_record_row(db, std::string(records.record_no(*f.record)))) name = row->name;
            }
            const std::string phone = f.sub ? f.sub->phone : f.call ? f.call->phone : std::string{};
            p.name = policy.full_name ? name : mask_name(name);
            p.id_number = policy.full_id_number ? keys[i] : mask_resident_id(keys[i]);
            p.phone = policy.full_phone ? phone : mask_phone(phone);
            if (f.sub) p.town = f.sub->town;
            if (f.call) {
                p.outcome = label_zh(f.call->outcome);
                p.call_day = format_date(f.call->day);
                p.answers = answers_of(*f.call);
            }
            out.people.push_back(std::move(p));
        }
        reply_json(res, 200, json(out));
    });
}

}  // namespace yiyang::http
