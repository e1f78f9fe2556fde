// 结算 in the app layer (app/settlement.cpp): the month's list, a provider's live draft with the people behind a line,
// 签署 after confirmation (the signed statement opened from the reply), the server's refusal shown as it says it, a
// supplement's reason required before any request. Replies are the wire types the server writes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/screens.hpp"
#include "fakes.hpp"

namespace test_settlement {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

wire::SettlementStatementView statement() {
    wire::SettlementStatementView st;
    st.provider_id = 1;
    st.provider_name = "甲服务中心";
    st.month = "2026-11";
    st.month_label_zh = "2026年11月";
    st.grade = "good";
    st.grade_label_zh = "良好";
    st.payout_bp = 9000;
    st.payout_text = "90.00%";
    wire::SettlementLineView l;
    l.kind = "fee";
    l.code = "home_visit.severe_or_complete";
    l.label_zh = "居家上门·重度及完全失能";
    l.count = 2;
    l.unit_fee_fen = 30000;
    l.amount_fen = 60000;
    l.source.kind = "served_tier";
    l.source.subject_ids = {5, 9};
    st.lines.push_back(l);
    st.steps.push_back({"fees", "服务费", 0, 60000});
    st.steps.push_back({"grade", "考核拨付", 60000, 54000});
    st.steps.push_back({"payable", "应付", 54000, 54000});
    st.fees_total_fen = 60000;
    st.graded_fen = 54000;
    st.payable_fen = 54000;
    return st;
}

// The signed statement no. 4 of statement() (provider 1, 2026-11), open to objections.
wire::SignedStatementView signed_statement() {
    wire::SignedStatementView sv;
    sv.id = 4;
    sv.provider_id = 1;
    sv.month = "2026-11";
    sv.title_zh = "服务结算单";
    sv.status = "signed";
    sv.payable_fen = 54000;
    sv.payable_capitals = "伍佰肆拾元整";
    sv.statement = statement();
    sv.objection_open = true;
    return sv;
}

}  // namespace

TEST_CASE("结算: the month's list, a draft with its people, 签署 after confirmation, refusals as the server says",
          "[client][settlement]") {
    Dashboard d;
    d.sign_in_as("session_supervisor");
    d.settle();
    d.apply(Navigate{Screen::Settlement});
    REQUIRE(d.state().screen == Screen::Settlement);
    CHECK(std::string(screen_spec(Screen::Settlement).route) == "settlement");
    const SettlementState& S = d.state().settlement;
    CHECK(S.month == "2026-11");   // the month before today's (2026-12-04)
    CHECK(settlement_month_choices(Date{2026, 1, 15}).front() == "2025-12");
    CHECK(settlement_month_choices(Date{2026, 1, 15}).size() == 24);

    wire::SettlementMonthList list;
    list.month = "2026-11";
    list.month_label_zh = "2026年11月";
    list.month_over = true;
    wire::SettlementMonthRow row;
    row.provider_id = 1;
    row.provider_name = "甲服务中心";
    row.state = "draft";
    row.draft_payable_fen = 54000;
    list.rows.push_back(row);
    REQUIRE(d.http.answer("GET", "/api/v1/settlement/statements", 200, json(list)));
    REQUIRE(S.list);
    CHECK(S.list->rows.size() == 1);

    d.apply(SettlementIntent{SettlementOpen{1, 0}});
    wire::StatementDraftView draft;
    draft.statement = statement();
    draft.people = {{5, "张*", "severe_or_complete"}, {9, "李*", "severe_or_complete"}};
    REQUIRE(d.http.answer("GET", "/api/v1/settlement/drafts", 200, json(draft)));
    REQUIRE(shown_statement(S));
    CHECK(shown_statement(S)->payable_fen == 54000);
    d.apply(SettlementIntent{SettlementDrill{"home_visit.severe_or_complete"}});
    const json t = test_state_of(S);
    CHECK(t["drill"] == json::array({"张*（#5）", "李*（#9）"}));

    // 签署: a confirmation first, then the POST; a refusal (409) shown in the server's words.
    const auto before = d.http.log().size();
    d.apply(SettlementIntent{SettlementSign{}});
    CHECK(d.http.log().size() == before);
    REQUIRE(d.state().nav.confirm);
    CHECK(d.state().nav.confirm->message.find("540.00") != std::string::npos);
    d.apply(NavIntent{NavConfirm{}});
    REQUIRE(d.http.answer("POST", "/api/v1/settlement/statements", 409,
                          json{{"error", {{"code", "already_signed"}, {"message", "2026年11月的结算单已签署（第3号服务结算单）"}}}}));
    CHECK(S.action_error.find("已签署（第3号") != std::string::npos);
    CHECK_FALSE(S.busy);

    // Signed: the reply's statement opened, the list reloaded.
    d.apply(SettlementIntent{SettlementSign{}});
    d.apply(NavIntent{NavConfirm{}});
    const wire::SignedStatementView sv = signed_statement();
    REQUIRE(d.http.answer("POST", "/api/v1/settlement/statements", 201, json(sv)));
    CHECK(S.statement_id == 4);
    CHECK(S.message == "结算单已签署");
    REQUIRE(d.http.answer("GET", "/api/v1/settlement/statements/4", 200, json(sv)));
    REQUIRE(S.signed_statement);
    CHECK(test_state_of(S)["payable_capitals"] == "伍佰肆拾元整");

    // 补充结算单 without a reason: named, nothing sent.
    const auto n = d.http.log().size();
    d.apply(SettlementIntent{SettlementSupplement{}});
    CHECK(d.http.log().size() == n);
    CHECK(S.action_error == "请填写补充结算单的更正原因");
    d.apply(SettlementIntent{SettlementEditReason{"漏计一人"}});
    d.apply(SettlementIntent{SettlementSupplement{}});
    CHECK(d.http.log().size() == n + 1);
    CHECK(d.http.log().back() == "POST /api/v1/settlement/statements/4/supplements");
    // A supervisor files no objection (the provider's).
    d.apply(SettlementIntent{SettlementEditObjection{"不同意"}});
    const auto m = d.http.log().size();
    d.apply(SettlementIntent{SettlementObject{}});
    CHECK(d.http.log().size() == m);
}

TEST_CASE("结算 is in the navigation for settlement's readers, not for an agent", "[client][settlement]") {
    for (const char* session : {"session_supervisor", "session_agent"}) {
        Dashboard d;
        d.sign_in_as(session);
        d.settle();
        const auto entries = nav_entries(d.state());
        const bool has = std::any_of(entries.begin(), entries.end(), [](const ScreenSpec* e) { return e->screen == Screen::Settlement; });
        CHECK(has == (std::string(session) == "session_supervisor"));
    }
}

TEST_CASE("结算: a signed statement names its people from its own reply; a provider's objection carries evidence chips",
          "[client][settlement]") {
    Dashboard d;
    d.app.start();
    REQUIRE(d.http.answer("GET", "/api/v1/me", recorded("me_signed_out")));
    d.answer_health();
    Recorded provider = recorded("session_supervisor");   // the recorded session, as a provider of provider 1
    provider.body["user"]["role"] = "provider";
    provider.body["user"]["username"] = provider.body["user"]["display_name"] = "r_provider";
    provider.body["user"]["provider_id"] = 1;
    d.sign_in_with(provider);
    d.settle();
    REQUIRE(d.state().user);
    REQUIRE(d.state().user->role == Role::Provider);
    d.apply(Navigate{Screen::Settlement});
    REQUIRE(d.state().screen == Screen::Settlement);
    const SettlementState& S = d.state().settlement;
    d.apply(SettlementIntent{SettlementOpen{1, 4}});
    CHECK_FALSE(sent(d, "GET /api/v1/settlement/drafts"));   // drafts are the bureau's: the provider asks none
    wire::SignedStatementView sv = signed_statement();
    sv.people = {{5, "张*", "severe_or_complete"}, {9, "李*", "severe_or_complete"}};
    REQUIRE(d.http.answer("GET", "/api/v1/settlement/statements/4", 200, json(sv)));
    d.apply(SettlementIntent{SettlementDrill{"home_visit.severe_or_complete"}});
    CHECK(test_state_of(S)["drill"] == json::array({"张*（#5）", "李*（#9）"}));

    // Evidence: trimmed, an order code upper-cased (it links), not twice, removable; sent as the list.
    d.apply(SettlementIntent{SettlementEditEvidence{"  gd202611030007 "}});
    d.apply(SettlementIntent{SettlementAddEvidence{}});
    d.apply(SettlementIntent{SettlementEditEvidence{"回访录音-1103.mp3"}});
    d.apply(SettlementIntent{SettlementAddEvidence{}});
    d.apply(SettlementIntent{SettlementEditEvidence{"GD202611030007"}});
    d.apply(SettlementIntent{SettlementAddEvidence{}});
    d.apply(SettlementIntent{SettlementEditEvidence{"多余"}});
    d.apply(SettlementIntent{SettlementAddEvidence{}});
    CHECK(S.objection_evidence == std::vector<std::string>{"GD202611030007", "回访录音-1103.mp3", "多余"});
    d.apply(SettlementIntent{SettlementRemoveEvidence{2}});
    CHECK(S.objection_evidence.size() == 2);
    d.apply(SettlementIntent{SettlementEditEvidence{std::string(201, 'x')}});
    d.apply(SettlementIntent{SettlementAddEvidence{}});
    CHECK(S.action_error.find("200") != std::string::npos);
    CHECK(S.objection_evidence.size() == 2);
    d.apply(SettlementIntent{SettlementEditObjection{"11月3日张某的服务未计入"}});
    d.apply(SettlementIntent{SettlementObject{}});
    const auto post = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                   [](const SentRequest& r) { return r.method == "POST"; });
    REQUIRE(post != d.http.waiting().end());
    CHECK(post->url == "/api/v1/settlement/statements/4/objections");
    CHECK(post->body["evidence"] == json::array({"GD202611030007", "回访录音-1103.mp3"}));
    wire::SettlementObjectionView o;
    o.id = 2;
    o.statement_id = 4;
    o.text = "11月3日张某的服务未计入";
    o.evidence = {"GD202611030007", "回访录音-1103.mp3"};
    o.status = "open";
    REQUIRE(d.http.answer("POST", "/api/v1/settlement/statements/4/objections", 201, json(o)));
    CHECK(S.objection_evidence.empty());
    // An order code of the evidence opens its order by route (the order asked for by its code); a text that is not
    // one opens nothing.
    d.apply(SettlementIntent{SettlementOpenEvidence{"回访录音-1103.mp3"}});
    CHECK_FALSE(sent(d, "GET /api/v1/orders/by-code/"));
    d.apply(SettlementIntent{SettlementOpenEvidence{"GD202611030007"}});
    CHECK(sent(d, "GET /api/v1/orders/by-code/GD202611030007"));
}

}  // namespace test_settlement
