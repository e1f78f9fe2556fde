// 结算 (app/settlement_state.hpp): the month's list (GET /api/v1/settlement/statements), one provider's live draft
// (GET /api/v1/settlement/drafts) or signed statement (GET /api/v1/settlement/statements/{id}), and the writes: sign,
// 补充结算单, 申诉, 答复. The files download through the page (the stored bytes never pass through WASM). The
// server computes, masks and refuses; its Chinese is shown as it says it.
#include <algorithm>
#include <cstdio>

#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"
#include "app/routes.hpp"
#include "platform/services.hpp"
#include "yiyang/access.hpp"
#include "yiyang/knowledge.hpp"   // utf8_length
#include "yiyang/money.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

std::string month_code(int year, int month) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

bool blank(const std::string& t) { return t.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string trimmed(const std::string& t) {
    const auto a = t.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return t.substr(a, t.find_last_not_of(" \t\r\n") - a + 1);
}

}  // namespace

std::vector<std::string> settlement_month_choices(const Date& today) {
    std::vector<std::string> out;
    int y = today.year, m = today.month;
    for (int i = 0; i < 24; ++i) {
        if (--m == 0) {
            m = 12;
            --y;
        }
        out.push_back(month_code(y, m));
    }
    return out;
}

const wire::SettlementStatementView* shown_statement(const SettlementState& s) {
    if (s.statement_id != 0) return s.signed_statement ? &s.signed_statement->statement : nullptr;
    return s.draft ? &s.draft->statement : nullptr;
}

std::vector<std::string> line_people(const SettlementState& s, const wire::SettlementLineView& line) {
    // The signed statement's lines are named by its own people (the draft is today's recomputation: someone billed
    // then may not be in it, and a provider gets no draft at all).
    const std::vector<wire::SettlementPersonView>* people = nullptr;
    if (s.statement_id != 0) people = s.signed_statement ? &s.signed_statement->people : nullptr;
    else if (s.draft) people = &s.draft->people;
    std::vector<std::string> out;
    for (Id id : line.source.subject_ids) {
        std::string name = "#" + std::to_string(id);
        if (people) {
            for (const auto& p : *people) {
                if (p.elder_id == id) name = p.name + "（#" + std::to_string(id) + "）";
            }
        }
        out.push_back(std::move(name));
    }
    return out;
}

void App::enter_settlement() {
    if (!role_has_screen(s_, Screen::Settlement)) return;
    SettlementState& S = s_.settlement;
    if (S.month.empty()) S.month = settlement_month_choices(s_.today).front();
    load_settlement_list();
}

void App::load_settlement_list() {
    SettlementState& S = s_.settlement;
    S.loading = true;
    S.error.clear();
    const std::uint64_t seq = ++settlement_seq_;
    request("GET", "/api/v1/settlement/statements?month=" + url_encode(S.month), nullptr, [this, seq](const HttpResponse& r) {
        if (seq != settlement_seq_) return;
        SettlementState& T = s_.settlement;
        T.loading = false;
        std::string err;
        auto l = r.status == 200 ? wire::read_reply<wire::SettlementMonthList>(r.body, &err) : std::nullopt;
        if (!l) {
            T.list.reset();
            T.error = r.status == 200 ? "结算列表的回复无法识别（" + err + "）" : error_message_zh(r);
            return;
        }
        T.list = std::move(*l);
    });
}

void App::open_settlement(Id provider_id, Id statement_id) {
    SettlementState& S = s_.settlement;
    if (S.provider_id != provider_id || S.statement_id != statement_id) S.drill_line.clear();
    S.provider_id = provider_id;
    S.statement_id = statement_id;
    S.detail_error.clear();
    S.draft.reset();
    S.signed_statement.reset();
    if (provider_id == 0) return;
    const std::uint64_t seq = ++settlement_detail_seq_;
    if (statement_id != 0) {
        request("GET", "/api/v1/settlement/statements/" + std::to_string(statement_id), nullptr, [this, seq](const HttpResponse& r) {
            if (seq != settlement_detail_seq_) return;
            std::string err;
            auto v = r.status == 200 ? wire::read_reply<wire::SignedStatementView>(r.body, &err) : std::nullopt;
            if (!v) {
                s_.settlement.detail_error = r.status == 200 ? "结算单的回复无法识别（" + err + "）" : error_message_zh(r);
                return;
            }
            s_.settlement.signed_statement = std::move(*v);
        });
    }
    // The draft: the bureau's (the people behind the lines; for a signed month, today's recomputation).
    if (s_.user && s_.user->role == Role::Provider) return;
    request("GET", "/api/v1/settlement/drafts?provider_id=" + std::to_string(provider_id) + "&month=" + url_encode(S.month),
            nullptr, [this, seq, statement_id](const HttpResponse& r) {
        if (seq != settlement_detail_seq_) return;
        std::string err;
        auto v = r.status == 200 ? wire::read_reply<wire::StatementDraftView>(r.body, &err) : std::nullopt;
        if (!v) {
            if (statement_id == 0)
                s_.settlement.detail_error = r.status == 200 ? "结算单草稿的回复无法识别（" + err + "）" : error_message_zh(r);
            return;
        }
        s_.settlement.draft = std::move(*v);
    });
}

void App::settlement_answered(const HttpResponse& r, const std::string& done, Id open_statement) {
    SettlementState& S = s_.settlement;
    S.busy = false;
    if (r.status == 200 || r.status == 201) {
        S.action_error.clear();
        S.message = done;
        set_status(StatusKind::Success, done);
        load_settlement_list();
        open_settlement(S.provider_id, open_statement);
        return;
    }
    S.message.clear();
    S.action_error = error_message_zh(r);
    set_status(StatusKind::Error, S.action_error);
}

void App::apply_settlement(const SettlementIntent& intent) {
    SettlementState& S = s_.settlement;
    const bool settle = s_.user && may(s_.user->role, Permission::Settle);
    const bool object = s_.user && may(s_.user->role, Permission::ObjectToSettlement);
    std::visit(
        [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, SettlementMonth>) {
                if (i.month == S.month) return;
                S.month = i.month;
                open_settlement(0, 0);
                load_settlement_list();
            } else if constexpr (std::is_same_v<T, SettlementOpen>) {
                S.message.clear();
                S.action_error.clear();
                open_settlement(i.provider_id, i.statement_id);
            } else if constexpr (std::is_same_v<T, SettlementDrill>) {
                S.drill_line = i.line_code == S.drill_line ? "" : i.line_code;
            } else if constexpr (std::is_same_v<T, SettlementSign>) {
                if (!settle || S.busy || !S.draft || S.statement_id != 0) return;
                ConfirmDialog d;
                d.id = "settlement.sign";
                d.title = "签署结算单";
                d.message = "将以本账号签署" + S.draft->statement.provider_name + S.draft->statement.month_label_zh +
                            "服务结算单，应付 " + format_yuan(S.draft->statement.payable_fen) +
                            " 元。签署后结算单封存，更正须开具补充结算单。";
                d.confirm_label = "确认签署";
                const json body = {{"provider_id", S.provider_id}, {"month", S.month}};
                ask(d, [this, body] {
                    s_.settlement.busy = true;
                    request("POST", "/api/v1/settlement/statements", &body, [this](const HttpResponse& r) {
                        Id id = 0;
                        if (r.status == 201) {
                            if (auto v = wire::read_reply<wire::SignedStatementView>(r.body)) id = v->id;
                        }
                        settlement_answered(r, "结算单已签署", id);
                    });
                });
            } else if constexpr (std::is_same_v<T, SettlementDownload>) {
                if (S.statement_id != 0 && (i.format == "pdf" || i.format == "xlsx"))
                    open_url("/api/v1/settlement/statements/" + std::to_string(S.statement_id) + "/file?format=" + i.format, true);
            } else if constexpr (std::is_same_v<T, SettlementEditReason>) {
                S.reason = i.text;
            } else if constexpr (std::is_same_v<T, SettlementSupplement>) {
                if (!settle || S.busy || S.statement_id == 0) return;
                if (blank(S.reason)) {
                    S.action_error = "请填写补充结算单的更正原因";
                    return;
                }
                S.busy = true;
                const json body = {{"reason", S.reason}};
                request("POST", "/api/v1/settlement/statements/" + std::to_string(S.statement_id) + "/supplements", &body,
                        [this](const HttpResponse& r) {
                    Id id = s_.settlement.statement_id;
                    if (r.status == 201) {
                        if (auto v = wire::read_reply<wire::SignedStatementView>(r.body)) id = v->id;
                        s_.settlement.reason.clear();
                    }
                    settlement_answered(r, "补充结算单已签署", id);
                });
            } else if constexpr (std::is_same_v<T, SettlementEditObjection>) {
                S.objection_text = i.text;
            } else if constexpr (std::is_same_v<T, SettlementObject>) {
                if (!object || S.busy || S.statement_id == 0) return;
                if (blank(S.objection_text)) {
                    S.action_error = "请填写申诉内容";
                    return;
                }
                S.busy = true;
                const json body = {{"text", S.objection_text}, {"evidence", S.objection_evidence}};
                request("POST", "/api/v1/settlement/statements/" + std::to_string(S.statement_id) + "/objections", &body,
                        [this](const HttpResponse& r) {
                    if (r.status == 201) {
                        s_.settlement.objection_text.clear();
                        s_.settlement.objection_evidence.clear();
                        s_.settlement.evidence_input.clear();
                    }
                    settlement_answered(r, "申诉已提交", s_.settlement.statement_id);
                });
            } else if constexpr (std::is_same_v<T, SettlementEditEvidence>) {
                S.evidence_input = i.text;
            } else if constexpr (std::is_same_v<T, SettlementAddEvidence>) {
                const std::string ref = trimmed(S.evidence_input);
                if (ref.empty()) return;
                if (utf8_length(ref) > kMaxEvidenceChars) {
                    S.action_error = "每项证据最多 " + std::to_string(kMaxEvidenceChars) + " 个字，实际为 " +
                                     std::to_string(utf8_length(ref)) + " 个字";
                    return;
                }
                if (S.objection_evidence.size() >= kMaxObjectionEvidence) {
                    S.action_error = "证据最多 " + std::to_string(kMaxObjectionEvidence) + " 项";
                    return;
                }
                // An order code is kept as the order list writes it ("gd…" → "GD…"), so that it links.
                const std::string shown = order_code_of(ref).value_or(ref);
                if (std::find(S.objection_evidence.begin(), S.objection_evidence.end(), shown) == S.objection_evidence.end())
                    S.objection_evidence.push_back(shown);
                S.evidence_input.clear();
                S.action_error.clear();
            } else if constexpr (std::is_same_v<T, SettlementRemoveEvidence>) {
                if (i.index < S.objection_evidence.size())
                    S.objection_evidence.erase(S.objection_evidence.begin() + static_cast<std::ptrdiff_t>(i.index));
            } else if constexpr (std::is_same_v<T, SettlementOpenEvidence>) {
                if (const auto code = order_code_of(i.order_code)) open_location(order_link(*code));
            } else if constexpr (std::is_same_v<T, SettlementEditAnswer>) {
                S.answers[i.objection_id] = i.text;
            } else if constexpr (std::is_same_v<T, SettlementAnswer>) {
                if (!settle || S.busy || i.objection_id <= 0) return;
                const std::string text = S.answers.count(i.objection_id) ? S.answers.at(i.objection_id) : "";
                if (blank(text)) {
                    S.action_error = "请填写答复内容";
                    return;
                }
                S.busy = true;
                const json body = {{"decision", i.decision}, {"text", text}};
                const Id oid = i.objection_id;
                request("POST", "/api/v1/settlement/objections/" + std::to_string(oid) + "/answer", &body,
                        [this, oid](const HttpResponse& r) {
                    if (r.status == 200) s_.settlement.answers.erase(oid);
                    settlement_answered(r, "申诉已答复", s_.settlement.statement_id);
                });
            } else if constexpr (std::is_same_v<T, SettlementFilesStarted>) {
                S.uploads_pending += i.count;
                S.action_error.clear();
                S.message.clear();
            } else if constexpr (std::is_same_v<T, SettlementFileUploaded>) {
                if (S.uploads_pending > 0) --S.uploads_pending;
                if (i.status != 201) {
                    HttpResponse r;
                    r.status = i.status;
                    r.body = json::parse(i.text, nullptr, false);
                    S.action_error = "文件未上传：" + error_message_zh(r);
                    set_status(StatusKind::Error, S.action_error);
                } else if (S.action_error.empty()) {
                    S.message = "申诉佐证文件已上传";
                    set_status(StatusKind::Success, S.message);   // in place of an earlier refusal's banner
                }
                // Once the last one is answered, the statement again: its objections with their files.
                if (S.uploads_pending == 0) open_settlement(S.provider_id, S.statement_id);
            }
        },
        intent);
}

json test_state_of(const SettlementState& s) {
    json rows = json::array();
    if (s.list) {
        for (const auto& r : s.list->rows) {
            rows.push_back({{"provider_id", r.provider_id}, {"provider", r.provider_name}, {"state", r.state},
                            {"problem", r.problem_zh}, {"draft_payable_fen", r.draft_payable_fen.value_or(-1)},
                            {"statement_id", r.statement_id.value_or(0)}, {"supplement_no", r.supplement_no},
                            {"payable_fen", r.payable_fen}, {"open_objections", r.open_objections}});
        }
    }
    json lines = json::array();
    json steps = json::array();
    std::int64_t payable = -1;
    if (const auto* st = shown_statement(s)) {
        for (const auto& l : st->lines) lines.push_back({{"code", l.code}, {"count", l.count}, {"amount_fen", l.amount_fen}});
        for (const auto& x : st->steps) steps.push_back({{"code", x.code}, {"after_fen", x.after_fen}});
        payable = st->payable_fen;
    }
    json objections = json::array();
    if (s.signed_statement) {
        for (const auto& o : s.signed_statement->objections)
        {
            json files = json::array();
            for (const auto& f : o.files) files.push_back({{"id", f.id}, {"name", f.name}, {"mime", f.mime}, {"size", f.size}});
            objections.push_back({{"id", o.id}, {"status", o.status}, {"text", o.text}, {"answer", o.answer},
                                  {"evidence", o.evidence}, {"files", files}, {"may_attach", o.may_attach}});
        }
    }
    json drill = json::array();
    if (const auto* st = shown_statement(s)) {
        for (const auto& l : st->lines)
            if (l.code == s.drill_line) drill = line_people(s, l);
    }
    return {{"month", s.month}, {"loading", s.loading}, {"error", s.error}, {"rows", rows},
            {"provider_id", s.provider_id}, {"statement_id", s.statement_id}, {"detail_error", s.detail_error},
            {"lines", lines}, {"steps", steps}, {"payable_fen", payable},
            {"payable_capitals", s.signed_statement ? s.signed_statement->payable_capitals : ""},
            {"status", s.signed_statement ? s.signed_statement->status : ""},
            {"objection_open", s.signed_statement ? s.signed_statement->objection_open : false},
            {"objections", objections}, {"drill_line", s.drill_line}, {"drill", drill}, {"busy", s.busy},
            {"message", s.message}, {"action_error", s.action_error}, {"evidence", s.objection_evidence},
            {"evidence_input", s.evidence_input}, {"uploads_pending", s.uploads_pending}};
}

}  // namespace yiyang::client
