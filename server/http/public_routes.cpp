// /api/v1/public/…: the public portal (公众端, web/portal/, issue 12), no sign-in. Reads: the form's choices,
// service points and providers published publicly (active, 小程序公开), public knowledge articles. Writes: a
// request (诉求 / 预约) becomes a work order with channel public_portal in the agents' queue, its receipt and an
// audit event (actor 公众端) in one transaction, after the rate limits of the rule in force (kind public_portal,
// counted in the same transaction); the status page answers a code with the phone's last four digits, and the same
// "not found" for a wrong code as for a wrong phone. Nothing personal is sent back. Replies: wire/public_portal.hpp.
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <mutex>

#include "http/address_limits.hpp"
#include "http/common.hpp"
#include "http/connection_guard.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/knowledge.hpp"
#include "store/orders.hpp"
#include "store/reference.hpp"
#include "yiyang/knowledge.hpp"
#include "yiyang/public_portal.hpp"
#include "yiyang/wire/public_portal.hpp"

namespace yiyang::http {
namespace {

constexpr const char* kActor = "公众端";
constexpr const char* kCallHotline = "；紧急情况请直接拨打服务热线";   // after every 429 of the portal
constexpr std::size_t kQueryMaxChars = 40;
constexpr int kPageMax = 50;

using Key = std::array<unsigned char, crypto_generichash_KEYBYTES>;

// The database's own key (migration 26): read once per registration.
class PortalKey {
public:
    const Key& get(SQLite::Database& db) {
        std::lock_guard lock(mu_);
        if (!loaded_) {
            SQLite::Statement st(db, "SELECT key FROM public_portal_key WHERE id = 1");
            if (!st.executeStep() || st.getColumn(0).getBytes() != static_cast<int>(key_.size()))
                throw std::runtime_error("public_portal_key missing");
            std::memcpy(key_.data(), st.getColumn(0).getBlob(), key_.size());
            loaded_ = true;
        }
        return key_;
    }

private:
    std::mutex mu_;
    bool loaded_ = false;
    Key key_{};
};

// BLAKE2b-256 keyed with the database's key, over a purpose label and the text: one-way, and useless without the key.
std::string keyed_hash(const Key& key, const std::string& purpose, const std::string& text) {
    std::array<unsigned char, 32> out{};
    const std::string input = purpose + '\0' + text;
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                       key.data(), key.size());
    return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

std::vector<LocalSeconds> times_of(SQLite::Database& db, const char* column, const std::string& hash, LocalSeconds since) {
    SQLite::Statement st(db, std::string("SELECT created_at FROM public_requests WHERE ") + column +
                                 " = ? AND created_at > ? ORDER BY created_at");
    st.bind(1, hash.data(), static_cast<int>(hash.size()));
    st.bind(2, since);
    std::vector<LocalSeconds> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    return out;
}



// A landline (区号-号码, 400/800 lines) is a service desk; a mobile number is a person's and is never published.
std::string desk_phone(const std::string& phone) {
    if (phone.size() < 7 || phone.size() > 20) return "";
    if (phone[0] != '0' && phone.rfind("400", 0) != 0 && phone.rfind("800", 0) != 0) return "";
    for (char c : phone) if (!((c >= '0' && c <= '9') || c == '-')) return "";
    return phone;
}

std::vector<wire::PublicCode> category_codes(const std::set<ServiceCategory>& cats) {
    std::vector<wire::PublicCode> out;
    for (auto c : cats) out.push_back({code(c), label_zh(c)});
    return out;
}

// The providers the public may see: active and published (小程序公开), optionally by category and town covered.
std::vector<Provider> public_providers(SQLite::Database& db, std::optional<ServiceCategory> category, std::optional<Id> town) {
    auto all = store::find_providers(db, {ProviderStatus::Active, category, std::nullopt, std::nullopt});
    std::vector<Provider> out;
    for (auto& p : all) {
        if (!p.published_on_miniprogram) continue;
        if (town && !p.towns_covered.count(*town) &&
            std::none_of(p.points.begin(), p.points.end(), [&](const ServicePoint& s) { return s.town_id == *town; }))
            continue;
        out.push_back(std::move(p));
    }
    return out;
}

struct Paged {
    int page = 1;
    int page_size = 20;
};
Paged read_page(const httplib::Request& req) {
    Paged p;
    p.page = static_cast<int>(query_int(req, "page", 1, 10000).value_or(1));
    p.page_size = static_cast<int>(query_int(req, "page_size", 1, kPageMax).value_or(20));
    return p;
}

template <class T>
wire::Page<T> slice(std::vector<T> all, const Paged& p) {
    wire::Page<T> out;
    out.total = static_cast<std::int64_t>(all.size());
    out.page = p.page;
    out.page_size = p.page_size;
    const auto from = std::min<std::size_t>(all.size(), static_cast<std::size_t>(p.page - 1) * p.page_size);
    const auto to = std::min<std::size_t>(all.size(), from + p.page_size);
    for (auto i = from; i < to; ++i) out.items.push_back(std::move(all[i]));
    return out;
}

// The lists' filters (?town=&category=&page=&page_size=) and the towns' names.
struct Listing {
    std::optional<std::int64_t> town;
    std::optional<ServiceCategory> category;
    Paged paged;
    std::map<Id, std::string> names;
};
Listing read_listing(const httplib::Request& req, SQLite::Database& db) {
    Listing out{query_int(req, "town", 1, 1'000'000'000), query_enum(req, "category", &parse_ServiceCategory),
                read_page(req), {}};
    for (const auto& t : store::all_towns(db)) out.names[t.id] = t.name;
    return out;
}

std::string town_name_of(const std::map<Id, std::string>& names, Id id) {
    const auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
}

}  // namespace

void register_public_routes(Router& r, app::AppContext& ctx) {
    auto key = std::make_shared<PortalKey>();
    auto lookups = std::make_shared<AddressLimiter>();   // status look-ups: in memory (a look-up writes nothing)
    const json filter_params = {query_param("town", "integer", "town id"),
                                query_param("category", "string", "service category code"),
                                query_param("page", "integer", "1-based page"),
                                query_param("page_size", "integer", "1..50, default 20")};

    r.add({"GET", "/api/v1/public/reference", "Public portal: towns, service categories, request kinds (no sign-in)",
           "public", anyone(), {}, "", "PublicReference"},
          [&ctx](const httplib::Request&, httplib::Response& res) {
        wire::PublicReference out;
        for (const auto& t : store::all_towns(ctx.db.reader())) out.towns.push_back({t.id, t.name});
        for (auto c : all_ServiceCategorys()) {
            if (c == ServiceCategory::DataCollection) continue;   // an internal task, not a service to ask for
            out.categories.push_back({code(c), label_zh(c)});
        }
        for (auto k : {portal::RequestKind::Consultation, portal::RequestKind::Booking, portal::RequestKind::Suggestion})
            out.kinds.push_back({portal::code(k), portal::label_zh(k)});
        for (auto k : public_KbKinds()) out.article_kinds.push_back({code(k), label_zh(k)});
        res.set_header("Cache-Control", "public, max-age=300");
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/public/points", "Public portal: service points of published providers, by town and category",
           "public", anyone(), filter_params, "", "PublicPointPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto& db = ctx.db.reader();
        const auto [town, category, paged, names] = read_listing(req, db);
        std::vector<wire::PublicPoint> all;
        for (const auto& p : public_providers(db, category, std::nullopt)) {
            for (const auto& s : p.points) {
                if (town && s.town_id != *town) continue;
                all.push_back({s.id, s.name, s.address, s.town_id, town_name_of(names, s.town_id), p.name,
                               category_codes(p.categories), desk_phone(p.contact_phone), ""});
            }
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
            return std::tie(a.town_id, a.name, a.id) < std::tie(b.town_id, b.name, b.id);
        });
        res.set_header("Cache-Control", "public, max-age=60");
        reply_json(res, 200, json(slice(std::move(all), paged)));
    });

    r.add({"GET", "/api/v1/public/providers", "Public portal: published providers, by town covered and category",
           "public", anyone(), filter_params, "", "PublicProviderPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto& db = ctx.db.reader();
        const auto [town, category, paged, names] = read_listing(req, db);
        std::vector<wire::PublicProvider> all;
        for (const auto& p : public_providers(db, category, town)) {
            wire::PublicProvider w{p.id, p.name, category_codes(p.categories), {}, desk_phone(p.contact_phone),
                                   static_cast<std::int64_t>(p.points.size())};
            for (auto t : p.towns_covered) w.towns.push_back(town_name_of(names, t));
            all.push_back(std::move(w));
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
        res.set_header("Cache-Control", "public, max-age=60");
        reply_json(res, 200, json(slice(std::move(all), paged)));
    });

    r.add({"GET", "/api/v1/public/policies", "Public portal: policies, subsidy and service items, FAQ (public knowledge)",
           "public", anyone(),
           {query_param("q", "string", "words to find (<= 40 characters)"),
            query_param("kind", "string", "policy | subsidy_item | service_item | faq"),
            query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..50, default 20")},
           "", "PublicArticlePage"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        store::KbQuery q;
        q.public_only = true;
        q.kind = query_enum(req, "kind", &parse_KbKind);
        if (q.kind && !is_public(*q.kind))
            fail_bad_query("kind", "应为 policy、subsidy_item、service_item 或 faq", req.get_param_value("kind"));
        q.q = req.get_param_value("q");
        if (utf8_length(q.q) > kQueryMaxChars || !valid_utf8(q.q))
            fail(400, "bad_query", "查询内容过长或含有乱码（最多 " + std::to_string(kQueryMaxChars) + " 个字）",
                 {{"q", "too_long", "最多 40 个字"}});
        const auto paged = read_page(req);
        q.page = paged.page;
        q.page_size = paged.page_size;
        const auto found = store::search_kb(ctx.db.reader(), q);
        wire::Page<wire::PublicArticleHit> out;
        out.total = found.total;
        out.page = q.page;
        out.page_size = q.page_size;
        for (const auto& a : found.items) {
            std::string snippet = kb_snippet(a.body, found.terms.empty() ? "" : found.terms.front(), 80);
            out.items.push_back({a.id, a.kind, a.title, snippet});
        }
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/public/policies/{id}", "Public portal: one public knowledge article", "public", anyone(), {}, "",
           "PublicArticle"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        const Id id = path_id(req);
        auto a = store::get_kb(ctx.db.reader(), id);
        // Archived, unpublished and agents-only articles do not exist for the public (the same 404 as a missing one).
        if (!a || a->archived || !public_may_read(a->kind, a->published))
            fail_not_found("这篇公开信息");
        reply_json(res, 200, json(wire::PublicArticle{a->id, a->kind, a->title, a->body, a->updated_at}));
    });

    r.add({"POST", "/api/v1/public/requests",
           "Public portal: send a request or book a service (becomes a 公众端 work order; returns the ack code)", "public",
           anyone(), {}, "PublicRequest", "PublicReceipt", 201},
          [&ctx, key](const httplib::Request& req, httplib::Response& res) {
        auto check = portal::validate_request(body_object(req));
        if (check.errors.empty() && !store::town_ids(ctx.db.reader()).count(*check.town_id))
            check.errors.push_back({"town_id", "not_found", "所在镇街无效，请从列表中选择"});
        if (!check.errors.empty())
            fail(422, "validation", "请检查填写的内容：" + check.errors.front().message_zh, check.errors);
        const auto now = ctx.now();
        const portal::PortalRule rule = ctx.rules().on<portal::PortalRule>(date_of(now));
        const Key& k = key->get(ctx.db.reader());
        const auto tail = check.phone.substr(check.phone.size() - 4);
        const auto phone_key = keyed_hash(k, "phone", check.phone);
        const auto address_key = keyed_hash(k, "address", client_address(req));
        WorkOrder o = check.order;
        o.status = OrderStatus::Received;
        o.created_at = now;
        std::string ack;
        std::optional<std::int64_t> wait_phone, wait_address;
        ctx.db.write([&](SQLite::Database& db) {
            o.id = 0;
            ack.clear();
            // Counted in the transaction that writes: two requests at once cannot both take the last one allowed.
            wait_address = portal::retry_after(
                times_of(db, "address_key", address_key, now - rule.per_address.window_minutes * 60), rule.per_address, now);
            wait_phone = portal::retry_after(
                times_of(db, "phone_key", phone_key, now - rule.per_phone.window_minutes * 60), rule.per_phone, now);
            if (wait_address || wait_phone) return;
            for (int attempt = 0; attempt < 8 && ack.empty(); ++attempt) {
                std::array<std::uint8_t, 16> bytes{};
                randombytes_buf(bytes.data(), bytes.size());
                auto candidate = portal::ack_code_from(bytes);
                SQLite::Statement used(db, "SELECT 1 FROM public_requests WHERE ack_code = ?");
                used.bind(1, candidate);
                if (!used.executeStep()) ack = candidate;
            }
            if (ack.empty()) throw std::runtime_error("no free acknowledgement code");
            store::insert_order(db, o);
            const auto tail_hash = keyed_hash(k, "tail", ack + tail);
            SQLite::Statement ins(db, "INSERT INTO public_requests (ack_code, order_id, kind, tail_hash, phone_key, "
                                      "address_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            ins.bind(1, ack);
            ins.bind(2, o.id);
            ins.bind(3, portal::code(check.kind));
            ins.bind(4, tail_hash.data(), static_cast<int>(tail_hash.size()));
            ins.bind(5, phone_key.data(), static_cast<int>(phone_key.size()));
            ins.bind(6, address_key.data(), static_cast<int>(address_key.size()));
            ins.bind(7, now);
            ins.exec();
            // The order's fields as created (its description holds the contact the agent calls back), not the
            // receipt's hashes; the actor is the portal, there is no user.
            json changes = json::object();
            json j = o;
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!it.value().is_null()) changes[it.key()] = json::array({nullptr, it.value()});
            }
            changes["public_request"] = json::array({nullptr, portal::code(check.kind)});
            store::append_audit(db, {0, now, std::nullopt, kActor, "work_order", o.id, "create", changes,
                                     "公众端提交（受理回执码已发给提交人）"});
        });
        if (wait_address) fail_rate(res, *wait_address, "这台设备提交得太频繁了", kCallHotline);
        if (wait_phone) fail_rate(res, *wait_phone, "这个手机号今天提交的次数已达上限", kCallHotline);
        reply_json(res, 201, json(wire::PublicReceipt{portal::format_ack_code(ack), portal::label_zh(check.kind), now,
                                                      portal::status_words(OrderStatus::Received)}));
    });

    r.add({"POST", "/api/v1/public/requests/status",
           "Public portal: a request's status by its ack code and the phone's last four digits", "public", anyone(), {},
           "PublicStatusQuery", "PublicStatus"},
          [&ctx, key, lookups](const httplib::Request& req, httplib::Response& res) {
        const auto body = body_object(req);
        std::vector<FieldError> errors;
        for (const auto& item : body.items()) {
            if (item.key() != "code" && item.key() != "phone_tail")
                errors.push_back({item.key(), "unknown", "不认识的字段：" + shown_text(item.key())});
        }
        const auto text = [&](const char* k) {
            return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : std::string();
        };
        const auto code_in = portal::normalize_ack_code(text("code"));
        const auto tail = portal::normalize_phone_tail(text("phone_tail"));
        if (!code_in) errors.push_back({"code", "format", "回执码是 10 位字母和数字（例如 ABCDE-FGH23），请按回执填写"});
        if (!tail) errors.push_back({"phone_tail", "format", "请填写手机号的后 4 位数字"});
        if (!errors.empty()) fail(422, "validation", "请检查填写的内容：" + errors.front().message_zh, errors);
        const auto now = ctx.now();
        const portal::PortalRule rule = ctx.rules().on<portal::PortalRule>(date_of(now));
        if (auto wait = lookups->admit(client_address(req), rule.lookups_per_address.max,
                                       rule.lookups_per_address.window_minutes, now))
            fail_rate(res, *wait, "查询太频繁了", kCallHotline);
        auto& db = ctx.db.reader();
        const Key& k = key->get(db);
        SQLite::Statement st(db, "SELECT order_id, kind, tail_hash, created_at FROM public_requests WHERE ack_code = ?");
        st.bind(1, *code_in);
        bool found = false;
        Id order_id = 0;
        std::string kind;
        LocalSeconds created = 0;
        const auto expected = keyed_hash(k, "tail", *code_in + *tail);
        if (st.executeStep()) {
            const auto stored = st.getColumn(2).getString();
            // Constant-time comparison; both paths then answer the same.
            found = stored.size() == expected.size() &&
                    sodium_memcmp(stored.data(), expected.data(), expected.size()) == 0;
            order_id = st.getColumn(0).getInt64();
            kind = st.getColumn(1).getString();
            created = st.getColumn(3).getInt64();
        }
        if (!found) fail(404, "not_found", "没有找到这条记录：请核对回执码和手机号后 4 位");
        auto order = store::get_order(db, order_id);
        if (!order) fail(404, "not_found", "没有找到这条记录：请核对回执码和手机号后 4 位");
        wire::PublicStatus out;
        out.ack_code = portal::format_ack_code(*code_in);
        const auto parsed_kind = portal::parse_RequestKind(kind);
        out.kind_label = portal::label_zh(parsed_kind.value_or(portal::RequestKind::Consultation));
        out.status = order->order.status;
        out.status_words = portal::status_words(order->order.status);
        out.received_at = created;
        out.updated_at = created;
        auto events = store::audit_for(db, "work_order", order_id, 200);
        std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); });
        for (const auto& e : events) {
            const std::string words = portal::step_words(e.action);
            if (words.empty()) continue;
            out.steps.push_back({e.at, words});
            out.updated_at = std::max(out.updated_at, e.at);
        }
        reply_json(res, 200, json(out));
    });
}

}  // namespace yiyang::http
