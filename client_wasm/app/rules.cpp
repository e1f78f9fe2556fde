// 规则管理 (rules_state.hpp): GET /api/v1/rules and one version's body; a draft previewed by the server
// (shared check_rule_candidate: Chinese field errors and the diff) and published (POST /api/v1/rules/{kind}).
#include <algorithm>

#include "app/app.hpp"
#include "yiyang/wire/rules.hpp"
#include "platform/http.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

std::string pretty(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

// The draft as the API's request: {version, effective_from, reason, body}; nullopt when the text is not an object.
std::optional<json> request_of(RuleDraft& d) {
    json body = json::parse(d.body_text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        d.body_error = "规则内容不是有效的 JSON 对象，请检查括号、引号和逗号";
        return std::nullopt;
    }
    d.body_error.clear();
    return json{{"version", d.version}, {"effective_from", d.effective_from}, {"reason", d.reason}, {"body", body}};
}

// A preview's (or refused publication's) findings into the draft; `errors` are the check's field errors.
void take_check(RuleDraft& d, const wire::RuleCheckReply* reply, const std::vector<FieldError>& errors) {
    d.previewed = true;
    d.stale = false;
    d.ok = reply && reply->ok;
    d.replaces.reset();
    d.changes.clear();
    d.errors.clear();
    if (reply) {
        d.replaces = reply->replaces;
        d.changes = reply->changes;
    }
    for (const FieldError& f : errors) {
        auto& m = d.errors[f.field.empty() ? std::string("form") : f.field];
        m += (m.empty() ? "" : "；") + f.message_zh;
    }
    if (!d.errors.empty()) d.ok = false;
}

}  // namespace

void App::enter_rules() {
    if (!s_.user || s_.user->role != Role::Admin) return;
    load_rule_list();
}

void App::load_rule_list() {
    request("GET", "/api/v1/rules", nullptr, [this](const HttpResponse& r) {
        RulesState& R = s_.rules;
        if (r.status != 200 || !r.body.is_object()) {
            R.error = "规则列表加载失败：" + error_message_zh(r);
            return;
        }
        std::string parse_error;
        auto list = wire::read_reply<wire::RulesListReply>(r.body, &parse_error);
        if (!list) {
            R.error = "规则列表格式无法识别：" + parse_error;
            return;
        }
        R.kinds = std::move(list->kinds);
        R.today = std::move(list->today);
        R.error.clear();
        R.loaded = true;
        // Keep the selection when it still exists, else the first kind's version in force.
        auto kind = std::find_if(R.kinds.begin(), R.kinds.end(), [&](const RuleKindInfo& k) { return k.code == R.kind; });
        if (kind == R.kinds.end() && !R.kinds.empty()) kind = R.kinds.begin();
        if (kind == R.kinds.end()) return;
        if (R.kind != kind->code || R.version.empty()) {
            std::string v = kind->in_force ? *kind->in_force : (kind->versions.empty() ? "" : kind->versions.front().version);
            if (!v.empty()) open_rule_version(kind->code, v);
            else R.kind = kind->code;
        }
    });
}

void App::open_rule_version(const std::string& kind, const std::string& version) {
    s_.rules.kind = kind;
    s_.rules.version = version;
    s_.rules.body_text.clear();
    const std::uint64_t seq = ++rule_open_seq_;
    request("GET", "/api/v1/rules/" + url_encode(kind) + "/" + url_encode(version), nullptr,
            [this, seq](const HttpResponse& r) {
        if (seq != rule_open_seq_) return;   // another version was opened meanwhile
        if (r.status != 200) {
            s_.rules.error = "规则版本加载失败：" + error_message_zh(r);
            return;
        }
        std::string parse_error;
        const auto v = wire::read_reply<wire::RuleVersionReply>(r.body, &parse_error);
        if (!v) {
            s_.rules.error = "规则版本格式无法识别：" + parse_error;
            return;
        }
        s_.rules.body_text = pretty(v->body);
    });
}

void App::apply_rules(const RulesIntent& intent) {
    RulesState& R = s_.rules;
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, SelectRuleKind>) {
                for (const auto& k : R.kinds) {
                    if (k.code != i.kind) continue;
                    std::string v = k.in_force ? *k.in_force : (k.versions.empty() ? "" : k.versions.front().version);
                    if (!v.empty()) open_rule_version(k.code, v);
                    else { R.kind = k.code; R.version.clear(); R.body_text.clear(); }
                }
            } else if constexpr (std::is_same_v<T, OpenRuleVersion>) {
                open_rule_version(i.kind, i.version);
            } else if constexpr (std::is_same_v<T, NewRuleVersion>) {
                if (R.kind.empty() || R.body_text.empty()) return;
                RuleDraft d;
                d.kind = R.kind;
                d.based_on = R.version;
                d.version = R.kind + "-" + R.today + "-v1";
                d.effective_from = R.today;
                d.body_text = R.body_text;
                R.draft = std::move(d);
            } else if constexpr (std::is_same_v<T, EditRuleDraft>) {
                if (!R.draft) return;
                RuleDraft d = i.draft;
                const RuleDraft& old = *R.draft;
                if (d.version != old.version || d.effective_from != old.effective_from || d.reason != old.reason ||
                    d.body_text != old.body_text) {
                    d.stale = true;
                }
                d.busy = old.busy;
                R.draft = std::move(d);
            } else if constexpr (std::is_same_v<T, PreviewRuleDraft> || std::is_same_v<T, PublishRuleDraft>) {
                if (!R.draft || R.draft->busy) return;
                auto req = request_of(*R.draft);
                if (!req) return;
                constexpr bool publish = std::is_same_v<T, PublishRuleDraft>;
                R.draft->busy = true;
                const std::string kind = R.draft->kind;
                const std::string version = R.draft->version;
                const std::string path = "/api/v1/rules/" + url_encode(kind) + (publish ? "" : "/preview");
                request("POST", path, &*req, [this, kind, version](const HttpResponse& r) {
                    RulesState& S = s_.rules;
                    if (!S.draft || S.draft->kind != kind) return;   // cancelled meanwhile
                    S.draft->busy = false;
                    if (publish && r.status == 201) {
                        S.draft.reset();
                        S.published = version;
                        set_status(StatusKind::Success, "已发布规则版本 " + version + "，无需重启即按生效日期启用");
                        S.version.clear();
                        S.kind = kind;
                        load_rule_list();
                        open_rule_version(kind, version);
                        return;
                    }
                    if (r.status == 200 || r.status == 422) {
                        // The check (a preview, or a publication refused by it) or, for a request the server
                        // could not read as a candidate, the error envelope alone.
                        if (auto check = wire::read_reply<wire::RuleCheckReply>(r.body)) {
                            take_check(*S.draft, &*check, check->errors);
                            if (publish) set_status(StatusKind::Error, error_message_zh(r));
                            return;
                        }
                        if (auto e = wire::read_reply<wire::ErrorReply>(r.body); e && r.status == 422) {
                            take_check(*S.draft, nullptr, e->fields);
                            if (publish) set_status(StatusKind::Error, error_message_zh(r));
                            return;
                        }
                    }
                    set_status(StatusKind::Error, (publish ? "发布失败：" : "预览失败：") + error_message_zh(r));
                });
            } else if constexpr (std::is_same_v<T, CancelRuleDraft>) {
                R.draft.reset();
            } else if constexpr (std::is_same_v<T, ReloadRules>) {
                load_rule_list();
            }
        },
        intent);
}

json test_state_of(const RulesState& s) {
    json j = {{"loaded", s.loaded}, {"kind", s.kind}, {"version", s.version}, {"today", s.today},
              {"published", s.published}, {"error", s.error}, {"body_loaded", !s.body_text.empty()}};
    json kinds = json::array();
    for (const auto& k : s.kinds) kinds.push_back(k);
    j["kinds"] = std::move(kinds);
    if (s.draft) {
        const RuleDraft& d = *s.draft;
        json changes = json::array();
        for (const auto& c : d.changes) changes.push_back(c);
        j["draft"] = {{"kind", d.kind}, {"based_on", d.based_on}, {"version", d.version},
                      {"effective_from", d.effective_from}, {"reason", d.reason}, {"previewed", d.previewed},
                      {"stale", d.stale}, {"ok", d.ok}, {"busy", d.busy}, {"errors", d.errors},
                      {"changes", std::move(changes)}, {"body_error", d.body_error},
                      {"replaces", d.replaces ? json(*d.replaces) : json()}};
    }
    return j;
}

}  // namespace yiyang::client
