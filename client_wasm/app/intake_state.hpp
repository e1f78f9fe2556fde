// State and intents of the intake (受理): caller lookup, audited reveal, profile and past orders, the new-order form, the knowledge-base panel and the knowledge-base editor (app/intake.cpp, ui/intake.cpp, ui/knowledge.cpp).
// Everything arrives as the server sent it (masked fields stay masked until an audited reveal); the panels
// hand back edited copies of the forms and the App validates them with the shared rules.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/knowledge.hpp"
#include "yiyang/records.hpp"

namespace yiyang::client {

// ---- caller lookup ---------------------------------------------------------------------------------
struct RevealForm {                     // the small inline form beside a masked field
    Id elder_id = 0;
    std::string field;                  // "phone" | "id_number" | "address" | "name"
    std::string reason;
    std::string error;                  // Chinese: local (reason required) or the server's
    bool busy = false;
};

struct CallerElder {
    Elder elder;                                    // masked as the server sent it
    std::map<std::string, std::string> revealed;    // field -> value shown after an audited reveal
};

struct PastOrder {
    Id id = 0;
    std::string code;
    std::string created;                // "2026-11-02 09:30"
    std::string type, type_label;
    std::string status, status_label;
    std::optional<Id> elder_id;
};

// The lookup by name (issue 9): the short list GET /api/v1/callers/by-name gave for what was typed, to pick
// from with the arrows and Enter (or a click). Picking looks the elder up as a phone match does.
struct CallerMatch {
    Id elder_id = 0;
    std::string name, phone, town, age_band, status_label;   // phone masked by the server, for every role
};
struct NameMatches {
    std::string q;                      // the name fragment the rows answer (or are loading for)
    std::vector<CallerMatch> rows;
    bool more = false;                  // more matched than listed: type more of the name
    int cursor = 0;                     // the highlighted row
    bool loading = false;
    bool answered = false;
    std::string error;
};

struct LookupState {
    std::string input;                  // what the agent typed (phone or ID number)
    std::string kind;                   // "phone" | "id_number" | "name" | "" (detected by shape)
    std::string input_error;            // live identity check (shared identity.hpp), Chinese
    bool touched = false;               // length errors show after 查找 or leaving the field
    bool loading = false;
    bool searched = false;              // a reply arrived (then elders empty = 未找到)
    std::string searched_for;           // the number the shown results answer
    std::string error;                  // the server's message (422, network)
    std::vector<CallerElder> elders;
    std::vector<PastOrder> orders;
    std::optional<RevealForm> reveal;
    std::optional<NameMatches> names;   // kind "name": the short list as the agent types
};

// ---- the new order ---------------------------------------------------------------------------------
struct OrderDraft {
    Channel channel = Channel::Hotline;
    OrderType type = OrderType::Consultation;
    std::set<ServiceCategory> categories;
    Urgency urgency = Urgency::Normal;
    std::string description;
    Id elder_id = 0;                    // from the lookup; 0 = none
    bool without_elder = false;         // the caller is not registered: the order names a town
    Id town_id = 0;
    // A complaint's target (投诉对象): the earlier order picked from the caller's recent orders (id + code) or
    // typed (code only, id 0), and the provider (0: the earlier order's). Sent only for complaints.
    Id about_order_id = 0;
    std::string about_order_code;
    Id about_provider_id = 0;
    friend bool operator==(const OrderDraft&, const OrderDraft&) = default;
};

struct CreatedOrder {
    Id id = 0;
    std::string code;                   // GD…
    OrderType type = OrderType::Consultation;
    OrderStatus status = OrderStatus::Received;
    std::int64_t version = 0;
    std::vector<std::string> legal_actions;
};

struct IntakeForm {
    OrderDraft draft;
    std::set<std::string> touched;
    bool show_all_errors = false;
    std::map<std::string, std::string> local;       // live client checks (same rules as the server)
    std::map<std::string, std::string> server;      // the server's 422 `fields`
    bool submitting = false;
    std::optional<CreatedOrder> created;
    std::string answer;                 // answer_on_spot text
    std::string answer_error;
    bool answering = false;
};

// ---- knowledge base --------------------------------------------------------------------------------
struct KbItem {
    Id id = 0;
    std::string kind, kind_label, title, snippet, updated_at;
    std::vector<std::string> tags;
    std::int64_t version = 0;
    bool published = false;             // 对公众公开 (a badge in the list)
};

struct KbArticle {
    Id id = 0;
    std::string kind, kind_label, title, body, updated_at, updated_by;
    std::vector<std::string> tags;
    std::int64_t version = 0;
    bool published = false;             // 对公众公开: the portal and the kiosk show it
};

struct KbSearch {                       // one search (the intake panel and the screen each have their own)
    std::string q;                      // as typed
    std::string kind;                   // "" or a KbKind code
    std::string sort;                   // "" = relevance / newest; else GET /knowledge's sort ("-" = descending)
    int page = 1;
    int page_size = 20;
    std::uint64_t seq = 0;              // only the latest reply is applied
    bool loading = false;
    bool loaded = false;
    std::string loaded_q;               // the query the items answer
    std::vector<KbItem> items;
    std::int64_t total = 0;
    std::string error;
    std::optional<KbArticle> article;   // the one opened from these results
    std::uint64_t article_seq = 0;
};

struct KbHistoryEntry {
    std::int64_t version = 0;
    std::string at, by, reason, action;
    std::string kind, title, body;
    std::vector<std::string> tags;
    bool published = false;
};

struct KbEditor {
    bool is_new = true;
    Id id = 0;
    std::int64_t version = 0;
    KbKind kind = KbKind::Faq;
    std::string title, body, tags_text, reason;
    bool published = false;             // 对公众公开 (only for kinds the public may read)
    std::set<std::string> touched;
    bool show_all_errors = false;
    std::map<std::string, std::string> local;       // shared validate_article
    std::map<std::string, std::string> server;
    bool conflict = false;              // 409: someone saved a newer version
    bool saving = false;
};

struct IntakeState {
    LookupState lookup;
    IntakeForm form;
    KbSearch panel;                     // the right-hand panel of the intake screen
    std::string quoted;                 // the title last quoted into the answer
    // the knowledge screen
    KbSearch kb;
    bool can_edit_kb = false;           // supervisors and admins
    std::vector<KbHistoryEntry> history;
    Id history_of = 0;
    std::optional<std::int64_t> history_selected;
    std::optional<KbEditor> editor;
};

// ---- intents ---------------------------------------------------------------------------------------
struct EditLookup { std::string input; bool left_field = false; };
struct LookupCaller {};
struct StartReveal { Id elder_id; std::string field; };
struct EditRevealReason { std::string reason; };
struct ConfirmReveal {};
struct CancelReveal {};
struct MoveNameMatch { int delta; };                  // arrows in the lookup field: the highlighted row
struct PickNameMatch { std::optional<Id> elder_id; }; // a row of the name list (none: the highlighted one)
struct UseElder { Id elder_id; };                     // order for this elder
struct ContinueWithoutElder {};                      // unregistered caller: the order names a town
struct EditDraft { OrderDraft draft; std::string touched; };
struct SubmitOrder {};
struct OpenIntakeOrder { Id id; };                   // past order or the one just created -> order detail
struct EditAnswer { std::string answer; };
struct AnswerOnSpot {};
struct CloseAnsweredOrder {};
struct NewCall {};                                   // clears the screen for the next call
struct EditKbSearch { bool panel; std::string q; std::string kind; };   // searched after ~300 ms quiet
struct KbSearchNow { bool panel; int page; };
struct KbListView { bool panel; std::string sort; int page_size; int page; };   // sort, page size, page jump
struct OpenArticle { bool panel; Id id; };
struct QuoteArticle {};                              // panel article title -> answer text
struct NewArticle {};
struct BeginEditArticle {};
struct EditArticleForm { KbEditor editor; std::string touched; };
struct SaveArticle {};
struct CancelArticleEdit {};
struct ReloadArticle {};
struct SelectHistory { std::int64_t version; };

using IntakeIntent =
    std::variant<EditLookup, LookupCaller, StartReveal, EditRevealReason, ConfirmReveal, CancelReveal, UseElder,
                 ContinueWithoutElder, EditDraft, SubmitOrder, OpenIntakeOrder, EditAnswer, AnswerOnSpot,
                 CloseAnsweredOrder, NewCall, EditKbSearch, KbSearchNow, OpenArticle, QuoteArticle, NewArticle,
                 BeginEditArticle, EditArticleForm, SaveArticle, CancelArticleEdit, ReloadArticle, SelectHistory, KbListView,
                 MoveNameMatch, PickNameMatch>;

// What the browser tests read of this area (yiyang_test_state()["intake"]); defined in app/intake.cpp.
nlohmann::json test_state_of(const IntakeState& s);

}  // namespace yiyang::client
