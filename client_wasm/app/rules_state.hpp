// 规则管理 (administrators): the rule kinds and versions as the server lists them, the version being read, and
// a draft of a new version (a copy edited as JSON text with its version, effective date and reason), with the
// server's preview (diff against the version it would replace, field errors) and the publication.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "yiyang/rule_registry.hpp"   // RuleKindInfo, RuleChange: the wire structs the server writes

namespace yiyang::client {

struct RuleDraft {
    std::string kind;
    std::string based_on;              // the version it was copied from
    std::string version;
    std::string effective_from;        // YYYY-MM-DD
    std::string reason;
    std::string body_text;             // the JSON being edited
    std::string body_error;            // the text is not a JSON object (checked here before asking)
    // The last preview (for exactly the text above unless `stale`).
    bool previewed = false;
    bool stale = true;                 // edited since the last preview
    bool ok = false;                   // the preview found no problem
    std::optional<std::string> replaces;
    std::vector<RuleChange> changes;
    std::map<std::string, std::string> errors;   // field -> Chinese message (server)
    bool busy = false;                 // a preview or publication in flight
};

struct RulesState {
    bool loaded = false;
    std::string today;
    std::vector<RuleKindInfo> kinds;
    std::string kind;                  // selected kind code
    std::string version;               // selected version
    std::string body_text;             // its body, pretty-printed
    std::string error;                 // loading failed
    std::optional<RuleDraft> draft;
    std::string published;             // the last version published here ("" = none)
};

// ---- intents ---------------------------------------------------------------------------------------
struct SelectRuleKind { std::string kind; };
struct OpenRuleVersion { std::string kind; std::string version; };
struct NewRuleVersion {};                       // a draft copied from the version being read
struct EditRuleDraft { RuleDraft draft; };
struct PreviewRuleDraft {};
struct PublishRuleDraft {};
struct CancelRuleDraft {};
struct ReloadRules {};

using RulesIntent = std::variant<SelectRuleKind, OpenRuleVersion, NewRuleVersion, EditRuleDraft, PreviewRuleDraft,
                                 PublishRuleDraft, CancelRuleDraft, ReloadRules>;

// What the browser tests read of this area (yiyang_test_state()["rules"]); defined in app/rules.cpp.
nlohmann::json test_state_of(const RulesState& s);

}  // namespace yiyang::client
