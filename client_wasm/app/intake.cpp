// Intake (来电受理) and knowledge base (知识库): intents -> HTTP (docs/API.md) -> IntakeState. The caller's number
// is checked live with shared identity.hpp and articles with shared validate_article, so the browser shows the
// same Chinese messages as the server; knowledge searches are debounced and only the latest reply is applied.
#include "app/app.hpp"
#include "app/json_read.hpp"

#include <algorithm>

#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/caller_match.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/order_request.hpp"
#include "yiyang/wire/callers.hpp"
#include "yiyang/wire/knowledge.hpp"
#include "yiyang/wire/live.hpp"
#include "yiyang/wire/orders.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

constexpr double kKbDebounceMs = 300;
constexpr std::size_t kAnswerMax = kTransitionReasonMax;   // an answer on the spot is the transition's reason

// "2026-11-02T09:30:00" -> "2026-11-02 09:30"
std::string short_time(const std::string& t) {
    if (t.size() >= 16 && t[10] == 'T') return t.substr(0, 10) + " " + t.substr(11, 5);
    return t;
}

// The order just created or answered, from its OrderReply (wire/orders.hpp); nullopt with `error` set when
// the reply does not have that shape.
std::optional<CreatedOrder> created_of(const json& body, std::string& error) {
    const auto reply = wire::read_reply<wire::OrderReply>(body, &error);
    if (!reply) return std::nullopt;
    CreatedOrder c;
    const WorkOrder& o = reply->order.order;
    c.id = o.id;
    c.code = o.code;
    c.type = o.type;
    c.status = o.status;
    c.version = reply->order.version;
    for (OrderAction a : reply->legal_actions) c.legal_actions.push_back(code(a));
    return c;
}

// The draft as the body of POST /api/v1/orders (no elder / town: the member is left out, not 0).
wire::OrderCreate order_create_of(const OrderDraft& d) {
    wire::OrderCreate c;
    c.channel = d.channel;
    c.type = d.type;
    c.categories = d.categories;
    c.urgency = d.type == OrderType::Emergency ? Urgency::Emergency : d.urgency;
    c.description = d.description;
    if (d.elder_id) c.elder_id = d.elder_id;
    else if (d.town_id) c.town_id = d.town_id;
    if (d.type == OrderType::Complaint) {
        // Picked from the history: by id; typed: by code (the server finds it and says when it does not).
        if (d.about_order_id) c.about_order_id = d.about_order_id;
        else if (!d.about_order_code.empty()) c.about_order_code = d.about_order_code;
        if (d.about_provider_id) c.about_provider_id = d.about_provider_id;
    }
    return c;
}

// The knowledge replies (shared wire/knowledge.hpp) as the screens show them: times shortened, labels beside codes.
KbItem kb_item_of(const wire::KbHit& h) {
    return KbItem{h.id, code(h.kind), label_zh(h.kind), h.title, h.snippet,
                  short_time(format_timestamp(h.updated_at)), h.tags, h.version, h.published};
}

KbArticle kb_article_of(const wire::KbArticle& w) {
    KbArticle a;
    a.id = w.id;
    a.kind = code(w.kind);
    a.kind_label = label_zh(w.kind);
    a.title = w.title;
    a.body = w.body;
    a.tags = w.tags;
    a.version = w.version;
    a.updated_at = short_time(format_timestamp(w.updated_at));
    a.updated_by = w.updated_by_name;
    a.published = w.published;
    return a;
}

KbHistoryEntry kb_history_of(const wire::KbVersion& v) {
    KbHistoryEntry h;
    h.version = v.version;
    h.at = short_time(format_timestamp(v.changed_at));
    h.by = v.changed_by_name;
    h.reason = v.reason;
    h.kind = code(v.kind);
    h.title = v.title;
    h.body = v.body;
    h.tags = v.tags;
    h.published = v.published;
    return h;
}

// "助餐, 补贴、长者" -> {"助餐","补贴","长者"}: commas (ASCII and full-width), 、 and blanks separate tags.
std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty() && std::find(out.begin(), out.end(), cur) == out.end()) out.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view rest(text.data() + i, text.size() - i);
        std::size_t sep = 0;
        if (rest[0] == ',' || rest[0] == ' ' || rest[0] == ';' || rest[0] == '\t' || rest[0] == '\n') sep = 1;
        for (const char* s : {"，", "、", "；", "　"}) {
            if (rest.substr(0, 3) == s) sep = 3;
        }
        if (sep) {
            flush();
            i += sep;
        } else {
            cur += text[i++];
        }
    }
    flush();
    return out;
}

std::string join_tags(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& t : tags) out += (out.empty() ? "" : "，") + t;
    return out;
}

KbArticleDraft draft_of(const KbEditor& e) {
    KbArticleDraft d;
    d.kind = e.kind;
    d.title = e.title;
    d.body = e.body;
    d.tags = split_tags(e.tags_text);
    d.version = e.is_new ? 0 : e.version;
    d.reason = e.reason;
    d.published = e.published;
    return d;
}


struct KbTimer {
    App* app;
    bool panel;
    std::uint64_t seq;
};

}  // namespace

// ---- caller lookup -------------------------------------------------------------------------------
namespace {
// A typed name without the spaces an IME or a paste leaves around it.
std::string name_typed(const std::string& input) {
    const auto a = input.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    return input.substr(a, input.find_last_not_of(" \t") - a + 1);
}

// Detects phone vs ID number by shape and checks it with the shared rules. Empty message = fine so far.
void check_caller_input(LookupState& l, const Date& today) {
    std::string v;
    for (char c : l.input) {
        if (c != ' ' && c != '-') v += c;
    }
    l.kind.clear();
    l.input_error.clear();
    if (v.empty()) {
        if (l.touched) l.input_error = "请输入来电人的手机号、身份证号或姓名";
        return;
    }
    // Any Chinese character: a name (shared caller_match: 2+ characters, never digits). One character says so
    // only after 查找 or leaving the field; digits mixed in say so at once.
    if (std::any_of(l.input.begin(), l.input.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        l.kind = "name";
        const CallerNameCheck nc = check_caller_name(name_typed(l.input));
        if (!nc.ok && (l.touched || utf8_length(name_typed(l.input)) >= kCallerNameMinChars)) l.input_error = nc.message_zh;
        return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        const bool digit = v[i] >= '0' && v[i] <= '9';
        const bool x = (v[i] == 'X' || v[i] == 'x') && i == 17;
        if (!digit && !x) {
            l.input_error = "号码只能包含数字（身份证号末位可为 X）";
            return;
        }
    }
    if (v.size() == 11 && v[0] == '1') {
        l.kind = "phone";
        PhoneCheck pc = check_mobile(v);
        if (!pc.ok) l.input_error = pc.message_zh;
        return;
    }
    if (v.size() == 18) {
        l.kind = "id_number";
        for (char& c : v) if (c == 'x') c = 'X';
        IdCheck ic = check_resident_id(v, today);
        if (!ic.ok) l.input_error = ic.message_zh;
        return;
    }
    if (v.size() > 18 || (l.touched && v.size() != 11 && v.size() != 18)) {
        l.input_error = "号码位数不对：手机号为 11 位，身份证号为 18 位（已输入 " + std::to_string(v.size()) + " 位）";
    } else if (v.size() == 11) {
        l.kind = "phone";
        PhoneCheck pc = check_mobile(v);
        if (!pc.ok) l.input_error = pc.message_zh;
    }
}

std::string normalised(const std::string& input) {
    std::string v;
    for (char c : input) {
        if (c == ' ' || c == '-') continue;
        v += (c == 'x') ? 'X' : c;
    }
    return v;
}
}  // namespace

void App::lookup_caller() {
    LookupState& l = s_.intake.lookup;
    l.touched = true;
    check_caller_input(l, s_.today);
    if (!l.input_error.empty() || l.kind.empty()) {
        changed_ = true;
        return;
    }
    if (l.kind == "name") {
        // Enter on a name: the highlighted row of the list it answers, else search now.
        const std::string q = name_typed(l.input);
        if (l.names && l.names->q == q && l.names->answered && !l.names->rows.empty()) {
            const auto& rows = l.names->rows;
            pick_name_match(rows[static_cast<std::size_t>(std::clamp(l.names->cursor, 0, static_cast<int>(rows.size()) - 1))].elder_id);
        } else {
            search_caller_names();
        }
        return;
    }
    l.names.reset();
    const std::string number = normalised(l.input);
    lookup_caller_by(l.kind + "=" + url_encode(number), number);
}

void App::search_caller_names() {
    ++names_debounce_;                     // a pending as-you-type search is now superseded
    LookupState& l = s_.intake.lookup;
    const std::string q = name_typed(l.input);
    if (!check_caller_name(q).ok) return;
    if (!l.names) l.names = NameMatches{};
    l.names->q = q;
    l.names->loading = true;
    l.names->error.clear();
    changed_ = true;
    const std::uint64_t seq = ++names_seq_;
    request("GET", "/api/v1/callers/by-name?q=" + url_encode(q), nullptr, [this, seq, q](const HttpResponse& r) {
        LookupState& l = s_.intake.lookup;
        if (seq != names_seq_ || !l.names) return;   // typed on, picked or cleared since
        NameMatches& m = *l.names;
        m.loading = false;
        if (r.status != 200 || !r.body.is_object()) {
            m.answered = false;
            m.error = error_message_zh(r);
            return;
        }
        std::string parse_error;
        const auto reply = wire::read_reply<wire::CallerNamesReply>(r.body, &parse_error);
        if (!reply) {
            m.answered = false;
            m.error = "按姓名查找的回复无法解读：" + parse_error;
            return;
        }
        m.q = q;
        m.answered = true;
        m.more = reply->more;
        m.cursor = 0;
        m.rows.clear();
        for (const auto& c : reply->candidates) {
            m.rows.push_back(CallerMatch{c.elder_id, c.name, c.phone, c.town_name, c.age_band, c.status_name});
        }
    });
}

void App::pick_name_match(Id elder_id) {
    LookupState& l = s_.intake.lookup;
    std::string shown = name_typed(l.input);
    if (l.names) {
        for (const auto& m : l.names->rows) if (m.elder_id == elder_id) shown = m.name;
    }
    ++names_seq_;                          // a late list reply no longer matters
    ++names_debounce_;
    l.names.reset();
    lookup_caller_by("elder=" + std::to_string(elder_id), shown);
}

// The lookup itself (a whole number, or an elder picked by name): the reply fills the caller zone and, with
// one elder, the draft's elder.
void App::lookup_caller_by(const std::string& query, const std::string& shown) {
    LookupState& l = s_.intake.lookup;
    const std::string number = shown;
    const std::uint64_t seq = ++lookup_seq_;
    l.loading = true;
    l.error.clear();
    l.reveal.reset();
    changed_ = true;
    request("GET", "/api/v1/callers/lookup?" + query, nullptr,
            [this, seq, number](const HttpResponse& r) {
        if (seq != lookup_seq_) return;
        LookupState& l = s_.intake.lookup;
        l.loading = false;
        if (r.status != 200 || !r.body.is_object()) {
            l.searched = false;
            l.error = error_message_zh(r);
            auto f = field_errors_of(r.body);
            if (!f.empty()) l.input_error = f.begin()->second;
            return;
        }
        std::string parse_error;
        const auto reply = wire::read_reply<wire::LookupReply>(r.body, &parse_error);
        if (!reply) {
            l.searched = false;
            l.error = "来电查询的回复无法解读：" + parse_error;
            return;
        }
        l.searched = true;
        l.searched_for = number;
        l.elders.clear();
        l.orders.clear();
        for (const wire::LookupElder& e : reply->elders) l.elders.push_back(CallerElder{e.elder, {}});
        for (const wire::LookupOrder& o : reply->orders) {
            PastOrder p;
            p.id = o.id;
            p.code = o.code;
            p.created = short_time(o.created_at);
            p.type = o.type;
            p.status = o.status;
            p.type_label = o.type_name;
            p.status_label = o.status_name;
            p.elder_id = o.elder_id;
            l.orders.push_back(std::move(p));
        }
        OrderDraft& d = s_.intake.form.draft;
        d.without_elder = false;
        d.elder_id = l.elders.size() == 1 ? l.elders.front().elder.id : 0;
        if (d.elder_id) d.town_id = 0;
        s_.intake.form.server.erase("elder_id");
        s_.intake.form.server.erase("town_id");
        revalidate_draft();
    });
}

void App::reveal_field() {
    LookupState& l = s_.intake.lookup;
    if (!l.reveal || l.reveal->busy) return;
    RevealForm& f = *l.reveal;
    std::string trimmed = f.reason;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\n"));
    if (trimmed.empty()) {
        f.error = "请填写查看原因（将记入审计日志）";
        changed_ = true;
        return;
    }
    f.busy = true;
    f.error.clear();
    json body = wire::RevealRequest{f.field, f.reason};
    const Id elder_id = f.elder_id;
    const std::string field = f.field;
    request("POST", "/api/v1/elders/" + std::to_string(elder_id) + "/reveal", &body,
            [this, elder_id, field](const HttpResponse& r) {
        LookupState& l = s_.intake.lookup;
        const bool current = l.reveal && l.reveal->elder_id == elder_id && l.reveal->field == field;
        if (r.status == 200) {
            std::string parse_error;
            const auto reply = wire::read_reply<wire::RevealReply>(r.body, &parse_error);
            if (reply) {
                for (auto& ce : l.elders) {
                    if (ce.elder.id == elder_id) ce.revealed[field] = reply->value;
                }
                if (current) l.reveal.reset();
            } else if (current) {
                l.reveal->busy = false;
                l.reveal->error = "查看原文的回复无法解读：" + parse_error;
            }
            return;
        }
        if (!current) return;
        l.reveal->busy = false;
        auto f = field_errors_of(r.body);
        l.reveal->error = f.count("reason") ? f["reason"] : error_message_zh(r);
    });
}

// ---- the new order -------------------------------------------------------------------------------
// The draft through the server's own checks (shared validate_order_request): the same Chinese messages beside
// the same fields, before anything is sent. Only the database's checks (the elder exists …) wait for the server.
void App::revalidate_draft() {
    IntakeForm& f = s_.intake.form;
    f.local.clear();
    for (const FieldError& e : validate_order_request(json(order_create_of(f.draft))).errors) {
        // The lookup is where an elder is chosen: say so beside the field.
        std::string message = e.message_zh;
        if (e.field == "elder_id" && e.code == "required") message += "（请先查找来电人）";
        f.local.emplace(e.field, std::move(message));   // the first message of a field
    }
    changed_ = true;
}

void App::submit_order() {
    IntakeForm& f = s_.intake.form;
    if (f.submitting) return;
    f.show_all_errors = true;
    revalidate_draft();
    if (!f.local.empty()) {
        set_status(StatusKind::Error, "有 " + std::to_string(f.local.size()) + " 处需要更正（见标红的字段），尚未提交");
        return;
    }
    const json body = order_create_of(f.draft);
    f.submitting = true;
    f.server.clear();
    set_status(StatusKind::Info, "正在提交工单…");
    request("POST", "/api/v1/orders", &body, [this](const HttpResponse& r) {
        IntakeForm& f = s_.intake.form;
        f.submitting = false;
        if (r.status == 201 || r.status == 200) {
            std::string err;
            auto created = created_of(r.body, err);
            if (!created) {   // written, but this dashboard cannot read the reply: say so, do not guess
                set_status(StatusKind::Error, "工单已提交，但服务器的答复格式无法识别（" + err + "），请在工单列表中核对");
                orders_changed();
                return;
            }
            f.created = std::move(created);
            f.answer.clear();
            f.answer_error.clear();
            f.show_all_errors = false;
            f.touched.clear();
            set_status(StatusKind::Success, "已受理：" + f.created->code);
            orders_changed();
            return;
        }
        f.server = field_errors_of(r.body);
        set_status(StatusKind::Error, "提交失败：" + error_message_zh(r));
    });
}

void App::answer_on_spot(bool close_after) {
    IntakeForm& f = s_.intake.form;
    if (!f.created || f.answering) return;
    const bool answered = f.created->status != OrderStatus::Received;
    std::string trimmed = f.answer;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\n"));
    if (!answered && trimmed.empty()) {
        f.answer_error = "请填写答复内容";
        changed_ = true;
        return;
    }
    if (!answered && utf8_length(f.answer) > kAnswerMax) {
        f.answer_error = "答复内容最多 500 字";
        changed_ = true;
        return;
    }
    f.answer_error.clear();
    f.answering = true;
    wire::Transition t;
    t.action = answered ? OrderAction::Close : OrderAction::AnswerOnSpot;
    t.version = f.created->version;
    if (!answered) t.reason = f.answer;
    const json body = t;
    const Id id = f.created->id;
    request("POST", "/api/v1/orders/" + std::to_string(id) + "/transitions", &body,
            [this, id, answered, close_after](const HttpResponse& r) {
        IntakeForm& f = s_.intake.form;
        if (!f.created || f.created->id != id) return;
        f.answering = false;
        if (r.status == 200) {
            std::string err;
            auto created = created_of(r.body, err);
            orders_changed();
            if (!created) {
                f.answer_error = "已提交，但服务器的答复格式无法识别（" + err + "）";
                return;
            }
            f.created = std::move(created);
            set_status(StatusKind::Success, std::string(answered ? "已结单：" : "已即时解答：") + f.created->code);
            if (close_after && !answered) answer_on_spot(false);
            return;
        }
        auto fields = field_errors_of(r.body);
        f.answer_error = fields.count("reason") ? fields["reason"] : error_message_zh(r);
    });
}

// ---- knowledge base ------------------------------------------------------------------------------
void App::kb_timer(void* data) {
    auto* t = static_cast<KbTimer*>(data);
    App* app = t->app;
    const bool panel = t->panel;
    const std::uint64_t seq = t->seq;
    delete t;
    if (seq != app->kb_debounce_[panel ? 1 : 0]) return;    // more typing since: a later timer searches
    if (!app->s_.user) return;                                // signed out meanwhile
    app->kb_search(panel);
}

void App::kb_schedule(bool panel) {
    const std::uint64_t seq = ++kb_debounce_[panel ? 1 : 0];
    set_timeout(kKbDebounceMs, [this, panel, seq] { kb_timer(new KbTimer{this, panel, seq}); });
}

void App::kb_search(bool panel) {
    ++kb_debounce_[panel ? 1 : 0];                 // a pending debounced search is now superseded
    KbSearch& k = kb_of(panel);
    const std::uint64_t seq = ++k.seq;
    k.loading = true;
    const std::string q = k.q;
    std::string path = "/api/v1/knowledge?page=" + std::to_string(std::max(1, k.page)) +
                       "&page_size=" + std::to_string(k.page_size);
    if (!q.empty()) path += "&q=" + url_encode(q);
    if (!k.kind.empty()) path += "&kind=" + url_encode(k.kind);
    if (!k.sort.empty()) path += "&sort=" + url_encode(k.sort);   // the export keeps it: same order
    s_.list_paths[panel ? "knowledge_intake" : "knowledge"] = path;
    changed_ = true;
    request("GET", path, nullptr, [this, panel, seq, q](const HttpResponse& r) {
        KbSearch& k = kb_of(panel);
        if (seq != k.seq) return;                   // a newer search is under way
        k.loading = false;
        if (r.status != 200 || !r.body.is_object()) {
            k.error = error_message_zh(r);
            return;
        }
        auto reply = wire::read_reply<wire::KbSearchReply>(r.body);
        if (!reply) {
            k.error = "知识库查询结果格式无法识别";
            return;
        }
        k.error.clear();
        k.loaded = true;
        k.loaded_q = q;
        k.items.clear();
        k.total = reply->page.total;
        for (const auto& hit : reply->page.items) k.items.push_back(kb_item_of(hit));
    });
}

void App::kb_open(bool panel, Id id) {
    KbSearch& k = kb_of(panel);
    const std::uint64_t seq = ++k.article_seq;
    request("GET", "/api/v1/knowledge/" + std::to_string(id), nullptr, [this, panel, seq](const HttpResponse& r) {
        KbSearch& k = kb_of(panel);
        if (seq != k.article_seq) return;
        if (r.status != 200 || !r.body.is_object()) {
            set_status(StatusKind::Error, "文章加载失败：" + error_message_zh(r));
            return;
        }
        auto reply = wire::read_reply<wire::KbArticleReply>(r.body);
        if (!reply) {
            set_status(StatusKind::Error, "文章格式无法识别");
            return;
        }
        k.article = kb_article_of(reply->article);
        if (!panel) {
            s_.intake.history_selected.reset();
            kb_load_history(k.article->id);
        }
    });
}

void App::kb_load_history(Id id) {
    const std::uint64_t seq = ++kb_history_seq_;
    request("GET", "/api/v1/knowledge/" + std::to_string(id) + "/history", nullptr,
            [this, id, seq](const HttpResponse& r) {
        if (seq != kb_history_seq_) return;
        IntakeState& in = s_.intake;
        in.history.clear();
        in.history_of = id;
        if (r.status != 200) {
            set_status(StatusKind::Error, "修改历史加载失败：" + error_message_zh(r));
            return;
        }
        auto reply = wire::read_reply<wire::KbHistoryReply>(r.body);
        if (!reply) {
            set_status(StatusKind::Error, "修改历史格式无法识别");
            return;
        }
        for (const auto& v : reply->versions) in.history.push_back(kb_history_of(v));
        // newest first
        std::stable_sort(in.history.begin(), in.history.end(),
                         [](const KbHistoryEntry& a, const KbHistoryEntry& b) { return a.version > b.version; });
    });
}

void App::revalidate_article() {
    if (!s_.intake.editor) return;
    KbEditor& e = *s_.intake.editor;
    KbArticleDraft d = draft_of(e);
    e.local.clear();
    for (const FieldError& err : validate_article(d, !e.is_new)) {
        if (err.field == "version") continue;            // not typed: the server decides
        std::string& slot = e.local[err.field];
        if (slot.find(err.message_zh) != std::string::npos) continue;
        if (!slot.empty()) slot += "；";
        slot += err.message_zh;
    }
    changed_ = true;
}

void App::save_article() {
    if (!s_.intake.editor || !s_.intake.can_edit_kb) return;
    KbEditor& e = *s_.intake.editor;
    if (e.saving) return;
    e.show_all_errors = true;
    revalidate_article();
    if (!e.local.empty()) {
        set_status(StatusKind::Error, "有 " + std::to_string(e.local.size()) + " 处需要更正（见标红的字段），尚未保存");
        return;
    }
    KbArticleDraft d = draft_of(e);
    json body = wire::kb_draft_body(d, !e.is_new);
    e.saving = true;
    e.server.clear();
    const bool is_new = e.is_new;
    const std::string path = is_new ? "/api/v1/knowledge" : "/api/v1/knowledge/" + std::to_string(e.id);
    set_status(StatusKind::Info, "正在保存…");
    request(is_new ? "POST" : "PUT", path, &body, [this, is_new](const HttpResponse& r) {
        if (!s_.intake.editor) return;
        KbEditor& e = *s_.intake.editor;
        e.saving = false;
        if ((r.status == 200 || r.status == 201) && r.body.is_object()) {
            auto reply = wire::read_reply<wire::KbArticleReply>(r.body);
            if (!reply) {
                set_status(StatusKind::Error, "已提交，但服务器返回的文章格式无法识别，请刷新");
                return;
            }
            KbArticle a = kb_article_of(reply->article);
            s_.intake.editor.reset();
            s_.intake.kb.article = a;
            s_.intake.history_selected.reset();
            set_status(StatusKind::Success, std::string(is_new ? "已新建文章：" : "已保存：") + a.title);
            if (a.id) kb_load_history(a.id);
            kb_search(false);
            return;
        }
        if (r.status == 409 && !is_new) {
            e.conflict = true;
            set_status(StatusKind::Error, error_code_of(r.body) == "version_conflict" || error_message_zh(r).empty()
                                              ? "该文章已被他人修改，请重新加载后再编辑"
                                              : error_message_zh(r));
            return;
        }
        e.server = field_errors_of(r.body);
        set_status(StatusKind::Error, "保存失败：" + error_message_zh(r));
    });
}

// ---- screens -------------------------------------------------------------------------------------
void App::enter_intake() {
    IntakeState& in = s_.intake;
    if (!in.panel.loaded && !in.panel.loading) {
        in.panel.page_size = 10;
        kb_search(true);
    }
    revalidate_draft();
}

void App::enter_knowledge() {
    IntakeState& in = s_.intake;
    in.can_edit_kb = s_.user && (s_.user->role == Role::Admin || s_.user->role == Role::Supervisor);
    if (!in.kb.loaded && !in.kb.loading) kb_search(false);
}

void App::apply_intake(const IntakeIntent& intent) {
    changed_ = true;
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            IntakeState& in = s_.intake;
            if constexpr (std::is_same_v<T, EditLookup>) {
                in.lookup.input = i.input;
                if (i.left_field && !i.input.empty()) in.lookup.touched = true;
                in.lookup.error.clear();
                check_caller_input(in.lookup, s_.today);
                // A name: the short list as the agent types (debounced), none for a number.
                if (in.lookup.kind == "name" && in.lookup.input_error.empty() &&
                    check_caller_name(name_typed(in.lookup.input)).ok) {
                    const std::uint64_t seq = ++names_debounce_;
                    set_timeout(kKbDebounceMs, [this, seq] {
                        if (seq != names_debounce_ || !s_.user) return;   // more typing since, or signed out
                        search_caller_names();
                        changed_ = true;
                    });
                } else {
                    ++names_debounce_;
                    ++names_seq_;
                    in.lookup.names.reset();
                }
            } else if constexpr (std::is_same_v<T, MoveNameMatch>) {
                if (in.lookup.names && !in.lookup.names->rows.empty()) {
                    const int n = static_cast<int>(in.lookup.names->rows.size());
                    in.lookup.names->cursor = std::clamp(in.lookup.names->cursor + i.delta, 0, n - 1);
                }
            } else if constexpr (std::is_same_v<T, PickNameMatch>) {
                if (i.elder_id) pick_name_match(*i.elder_id);
                else lookup_caller();   // the highlighted row
            } else if constexpr (std::is_same_v<T, LookupCaller>) {
                lookup_caller();
            } else if constexpr (std::is_same_v<T, StartReveal>) {
                in.lookup.reveal = RevealForm{i.elder_id, i.field, "", "", false};
            } else if constexpr (std::is_same_v<T, EditRevealReason>) {
                if (in.lookup.reveal) {
                    in.lookup.reveal->reason = i.reason;
                    if (!i.reason.empty()) in.lookup.reveal->error.clear();
                }
            } else if constexpr (std::is_same_v<T, ConfirmReveal>) {
                reveal_field();
            } else if constexpr (std::is_same_v<T, CancelReveal>) {
                in.lookup.reveal.reset();
            } else if constexpr (std::is_same_v<T, UseElder>) {
                in.form.draft.elder_id = i.elder_id;
                in.form.draft.without_elder = false;
                in.form.draft.town_id = 0;
                in.form.server.erase("elder_id");
                revalidate_draft();
            } else if constexpr (std::is_same_v<T, ContinueWithoutElder>) {
                in.form.draft.elder_id = 0;
                in.form.draft.without_elder = true;
                revalidate_draft();
            } else if constexpr (std::is_same_v<T, EditDraft>) {
                OrderDraft d = i.draft;
                if (d.type == OrderType::Emergency) d.urgency = Urgency::Emergency;
                else if (in.form.draft.type == OrderType::Emergency && d.urgency == Urgency::Emergency) d.urgency = Urgency::Normal;
                if (!i.touched.empty()) {
                    in.form.touched.insert(i.touched);
                    in.form.server.erase(i.touched);
                }
                in.form.draft = std::move(d);
                if (in.form.draft.type == OrderType::Complaint) load_order_providers();   // 被投诉服务商 choice
                revalidate_draft();
            } else if constexpr (std::is_same_v<T, SubmitOrder>) {
                submit_order();
            } else if constexpr (std::is_same_v<T, OpenIntakeOrder>) {
                open_order(i.id);
            } else if constexpr (std::is_same_v<T, EditAnswer>) {
                in.form.answer = i.answer;
                if (!i.answer.empty()) in.form.answer_error.clear();
            } else if constexpr (std::is_same_v<T, AnswerOnSpot>) {
                answer_on_spot(false);
            } else if constexpr (std::is_same_v<T, CloseAnsweredOrder>) {
                answer_on_spot(false);
            } else if constexpr (std::is_same_v<T, NewCall>) {
                ++lookup_seq_;
                in.lookup = LookupState{};
                in.form = IntakeForm{};
                in.quoted.clear();
                s_.status = {};
                revalidate_draft();
            } else if constexpr (std::is_same_v<T, EditKbSearch>) {
                KbSearch& k = kb_of(i.panel);
                const bool kind_changed = k.kind != i.kind;
                k.q = i.q;
                k.kind = i.kind;
                k.page = 1;
                if (kind_changed) kb_search(i.panel);      // a click: at once
                else kb_schedule(i.panel);                 // typing: after a quiet moment
            } else if constexpr (std::is_same_v<T, KbListView>) {
                KbSearch& k = kb_of(i.panel);
                k.sort = i.sort;
                k.page_size = std::clamp(i.page_size, 1, 200);
                k.page = std::max(1, i.page);
                kb_search(i.panel);
            } else if constexpr (std::is_same_v<T, KbSearchNow>) {
                KbSearch& k = kb_of(i.panel);
                k.page = std::max(1, i.page);
                kb_search(i.panel);
            } else if constexpr (std::is_same_v<T, OpenArticle>) {
                if (!i.panel && in.editor) return;          // finish or cancel the edit first
                kb_open(i.panel, i.id);
            } else if constexpr (std::is_same_v<T, QuoteArticle>) {
                if (!in.panel.article) return;
                const std::string quote = "参见知识库《" + in.panel.article->title + "》";
                if (in.form.answer.find(quote) == std::string::npos) {
                    if (!in.form.answer.empty() && in.form.answer.back() != '\n') in.form.answer += "\n";
                    in.form.answer += quote;
                }
                in.quoted = in.panel.article->title;
                in.form.answer_error.clear();
            } else if constexpr (std::is_same_v<T, NewArticle>) {
                if (!in.can_edit_kb) return;
                in.editor = KbEditor{};
                revalidate_article();
            } else if constexpr (std::is_same_v<T, BeginEditArticle>) {
                if (!in.can_edit_kb || !in.kb.article) return;
                const KbArticle& a = *in.kb.article;
                KbEditor e;
                e.is_new = false;
                e.id = a.id;
                e.version = a.version;
                if (auto k = parse_KbKind(a.kind)) e.kind = *k;
                e.title = a.title;
                e.body = a.body;
                e.tags_text = join_tags(a.tags);
                e.published = a.published;
                in.editor = std::move(e);
                revalidate_article();
            } else if constexpr (std::is_same_v<T, EditArticleForm>) {
                if (!in.editor) return;
                KbEditor e = i.editor;
                e.is_new = in.editor->is_new;
                e.id = in.editor->id;
                e.version = in.editor->version;
                e.saving = in.editor->saving;
                e.conflict = in.editor->conflict;
                e.server = in.editor->server;
                e.show_all_errors = in.editor->show_all_errors;
                e.touched = in.editor->touched;
                if (!i.touched.empty()) {
                    e.touched.insert(i.touched);
                    e.server.erase(i.touched);
                }
                in.editor = std::move(e);
                revalidate_article();
            } else if constexpr (std::is_same_v<T, SaveArticle>) {
                save_article();
            } else if constexpr (std::is_same_v<T, CancelArticleEdit>) {
                in.editor.reset();
            } else if constexpr (std::is_same_v<T, ReloadArticle>) {
                const Id id = in.editor ? in.editor->id : (in.kb.article ? in.kb.article->id : 0);
                in.editor.reset();
                s_.status = {};
                if (id) kb_open(false, id);
            } else if constexpr (std::is_same_v<T, SelectHistory>) {
                in.history_selected = i.version;
            }
        },
        intent);
}

// ---- what the browser tests read ----------------------------------------------------------------
nlohmann::json test_state_of(const IntakeState& s) {
    json j;
    const LookupState& l = s.lookup;
    json elders = json::array();
    for (const auto& ce : l.elders) {
        json revealed = json::object();
        for (const auto& [f, v] : ce.revealed) revealed[f] = v;
        elders.push_back({{"id", ce.elder.id}, {"name", ce.elder.name}, {"phone", ce.elder.phone},
                          {"id_number", ce.elder.id_number}, {"address", ce.elder.address},
                          {"revealed", revealed}});
    }
    json orders = json::array();
    for (const auto& o : l.orders) {
        orders.push_back({{"id", o.id}, {"code", o.code}, {"type", o.type}, {"status", o.status},
                          {"elder_id", o.elder_id ? json(*o.elder_id) : json(nullptr)}});
    }
    json names = nullptr;
    if (l.names) {
        json rows = json::array();
        for (const auto& m : l.names->rows) {
            rows.push_back({{"elder_id", m.elder_id}, {"name", m.name}, {"phone", m.phone}, {"town", m.town},
                            {"age_band", m.age_band}});
        }
        names = {{"q", l.names->q}, {"rows", rows}, {"more", l.names->more}, {"cursor", l.names->cursor},
                 {"loading", l.names->loading}, {"answered", l.names->answered}, {"error", l.names->error}};
    }
    j["lookup"] = {{"input", l.input}, {"kind", l.kind}, {"input_error", l.input_error}, {"loading", l.loading},
                   {"names", names},
                   {"searched", l.searched}, {"searched_for", l.searched_for}, {"error", l.error},
                   {"elders", elders}, {"orders", orders},
                   {"reveal", l.reveal ? json{{"elder_id", l.reveal->elder_id}, {"field", l.reveal->field},
                                              {"reason", l.reveal->reason}, {"error", l.reveal->error},
                                              {"busy", l.reveal->busy}}
                                       : json(nullptr)}};
    const IntakeForm& f = s.form;
    json cats = json::array();
    for (ServiceCategory c : f.draft.categories) cats.push_back(code(c));
    json local = json::object(), server = json::object();
    for (const auto& [k, v] : f.local) local[k] = v;
    for (const auto& [k, v] : f.server) server[k] = v;
    j["form"] = {{"channel", code(f.draft.channel)}, {"type", code(f.draft.type)}, {"categories", cats},
                 {"urgency", code(f.draft.urgency)}, {"description", f.draft.description},
                 {"elder_id", f.draft.elder_id}, {"town_id", f.draft.town_id},
                 {"without_elder", f.draft.without_elder}, {"local", local}, {"server", server},
                 {"submitting", f.submitting}, {"answer", f.answer}, {"answer_error", f.answer_error},
                 {"answering", f.answering}, {"about_order_id", f.draft.about_order_id},
                 {"about_order_code", f.draft.about_order_code}, {"about_provider_id", f.draft.about_provider_id}};
    if (f.created) {
        j["form"]["created"] = {{"id", f.created->id}, {"code", f.created->code}, {"status", code(f.created->status)},
                                {"version", f.created->version}, {"legal_actions", f.created->legal_actions}};
    } else {
        j["form"]["created"] = nullptr;
    }
    auto kb_json = [](const KbSearch& k) {
        json items = json::array();
        for (const auto& it : k.items) {
            items.push_back({{"id", it.id}, {"kind", it.kind}, {"title", it.title}, {"version", it.version},
                             {"published", it.published}});
        }
        json a = nullptr;
        if (k.article) {
            a = {{"id", k.article->id}, {"kind", k.article->kind}, {"title", k.article->title},
                 {"body", k.article->body}, {"version", k.article->version}, {"tags", k.article->tags},
                 {"published", k.article->published}};
        }
        return json{{"q", k.q}, {"kind", k.kind}, {"loaded_q", k.loaded_q}, {"loaded", k.loaded},
                    {"loading", k.loading}, {"total", k.total}, {"page", k.page}, {"error", k.error},
                    {"sort", k.sort}, {"page_size", k.page_size},
                    {"items", items}, {"article", a}};
    };
    j["panel"] = kb_json(s.panel);
    j["quoted"] = s.quoted;
    j["kb"] = kb_json(s.kb);
    j["can_edit_kb"] = s.can_edit_kb;
    json history = json::array();
    for (const auto& h : s.history) {
        history.push_back({{"version", h.version}, {"at", h.at}, {"by", h.by}, {"reason", h.reason}, {"title", h.title}});
    }
    j["history"] = history;
    j["history_selected"] = s.history_selected ? json(*s.history_selected) : json(nullptr);
    if (s.editor) {
        json el = json::object(), es = json::object();
        for (const auto& [k, v] : s.editor->local) el[k] = v;
        for (const auto& [k, v] : s.editor->server) es[k] = v;
        j["editor"] = {{"is_new", s.editor->is_new}, {"id", s.editor->id}, {"version", s.editor->version},
                       {"title", s.editor->title}, {"reason", s.editor->reason}, {"conflict", s.editor->conflict},
                       {"saving", s.editor->saving}, {"local", el}, {"server", es},
                       {"published", s.editor->published}};
    } else {
        j["editor"] = nullptr;
    }
    return j;
}

}  // namespace yiyang::client
