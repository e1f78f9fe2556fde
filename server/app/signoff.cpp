// Sign-off and sealing of the quarterly report (app/signoff.hpp).
#include "app/signoff.hpp"

#include <algorithm>
#include <map>

#include <zlib.h>

#include "store/verification_deaths.hpp"
#include "store/verification_lists.hpp"
#include "store/verification_physical.hpp"
#include "yiyang/verification/deaths.hpp"
#include "yiyang/verification/seal.hpp"

namespace yiyang::app {

using nlohmann::json;

namespace {

std::string gzip(const std::string& text) {
    z_stream z{};
    // windowBits 31: a gzip wrapper (readable with zcat); no file name or time in the header, so the same records
    // always give the same bytes.
    if (deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib init");
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int r = deflate(&z, Z_FINISH);
    deflateEnd(&z);
    if (r != Z_STREAM_END) throw std::runtime_error("zlib deflate");
    out.resize(z.total_out);
    return out;
}

std::string opt_date(const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); }
template <class E>
std::string opt_label(const std::optional<E>& e) { return e ? std::string(label_zh(*e)) : std::string(); }
std::string opt_bool(const std::optional<bool>& b) { return b ? (*b ? "1" : "0") : ""; }

// One line: fields joined by tabs (a tab or newline inside a field becomes a space: the lines stay lines).
struct Lines {
    std::string text;
    std::int64_t rows = 0;
    void add(std::initializer_list<std::string> fields) {
        bool first = true;
        for (const auto& f : fields) {
            if (!first) text += '\t';
            first = false;
            for (char c : f) text += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
        }
        text += '\n';
        ++rows;
    }
};

std::string role_name(const store::SignedReportRow& r) {
    return r.signed_role.empty() ? r.signed_by : r.signed_by + "（" + r.signed_role + "）";
}

}  // namespace

std::function<void(int)> sign_computed_hook;

std::optional<SealInfo> seal_of(SQLite::Database& db, const Period& quarter) {
    const auto head = store::head_report(db, quarter.code());
    if (!head || store::open_correction(db, quarter.code())) return std::nullopt;
    return SealInfo{quarter, head->id, head->title_zh, head->signed_by, date_of(head->signed_at)};
}

std::string sealed_message_zh(const SealInfo& s) {
    return s.title_zh + "（第" + std::to_string(s.report_id) + "号签署，" + s.signed_by + " " + format_date(s.signed_day) +
           " 签署）已封存本季度的记录；如需更正，请开启更正并签署补充报告";
}

void ensure_not_sealed(SQLite::Database& db, const std::vector<Period>& quarters) {
    for (const Period& q : quarters) {
        if (auto s = seal_of(db, q)) {
            QuarterSealed e;
            e.info = *s;
            e.message_zh = sealed_message_zh(*s);
            throw e;
        }
    }
}

std::vector<SealInfo> sealed_quarters(SQLite::Database& db) {
    std::vector<SealInfo> out;
    for (const auto& [code, id] : store::sealed_quarters(db)) {
        const auto q = parse_period(code);
        const auto r = store::signed_report(db, id);
        if (q && r) out.push_back({*q, id, r->title_zh, r->signed_by, date_of(r->signed_at)});
    }
    return out;
}

json report_figures(const wire::QuarterReport& rep) {
    json figures = json::object();
    for (const auto& t : rep.tables) {
        for (const auto& row : t.rows) {
            const std::string row_label = row.empty() ? std::string() : row[0].text;
            for (std::size_t k = 0; k < row.size(); ++k) {
                const auto& cell = row[k];
                if (cell.drill.empty() || figures.contains(cell.drill)) continue;   // the first place it is shown
                std::string label = t.title_zh;
                if (!row_label.empty() && k > 0) label += " · " + row_label;
                if (k < t.columns.size()) label += " · " + t.columns[k];
                figures[cell.drill] = {{"label", label}, {"text", cell.text}};
            }
        }
    }
    return {{"quarter", rep.quarter},
            {"town", rep.town_id ? json(*rep.town_id) : json(nullptr)},
            {"figures", figures},
            {"recommendations", rep.recommendations_zh},
            {"rule_versions", rep.rule_versions}};
}

std::vector<wire::SignoffChange> figure_changes(const json& before, const json& after) {
    std::map<std::string, wire::SignoffChange> out;
    const json& b = before.contains("figures") ? before["figures"] : json::object();
    const json& a = after.contains("figures") ? after["figures"] : json::object();
    for (const auto& [code, v] : b.items()) {
        const auto it = a.find(code);
        const std::string before_text = v.value("text", "");
        const std::string after_text = it == a.end() ? "" : it->value("text", "");
        if (it == a.end() || before_text != after_text)
            out[code] = {code, v.value("label", ""), before_text, after_text};
    }
    for (const auto& [code, v] : a.items()) {
        if (!b.contains(code)) out[code] = {code, v.value("label", ""), "", v.value("text", "")};
    }
    std::vector<wire::SignoffChange> list;
    for (auto& [code, c] : out) list.push_back(std::move(c));
    return list;
}

Snapshot quarter_snapshot(SQLite::Database& db, const Period& q) {
    using namespace yiyang::verification;
    Lines lines;
    const Date first = q.first_day(), last = q.last_day();
    const DeathWindow w = default_death_window(q);
    lines.add({"quarter", q.code()});
    for (const auto& s : store::subscriber_rows(db, std::min(first, w.from), last, std::nullopt))
        lines.add({"subscriber", s.id_number, s.name, s.phone, s.town, format_date(s.opened), opt_date(s.removed),
                   s.removal_reason});
    const auto records = store::service_record_rows(db, first, last, std::nullopt);
    // With the provider each record was imported for (its own report and answers read it; "" = before attribution).
    const auto providers = store::service_record_providers(db, first, last);
    for (const auto& r : records) {
        const auto p = providers.find(r.record_no);
        lines.add({"service_record", r.record_no, r.id_number, r.name, format_date(r.day), std::to_string(r.start),
                   std::to_string(r.end), r.item, r.caregiver, r.evidence,
                   p == providers.end() ? std::string() : std::to_string(p->second)});
    }
    for (const auto& c : store::cremation_rows(db)) {
        if (touches_quarter(c, q)) lines.add({"cremation", c.id_number, c.name, format_date(c.died), opt_date(c.cremated)});
    }
    const Date calls_to = q.next().last_day();
    for (const auto& p : store::phone_check_rows(db, first, calls_to))
        lines.add({"phone_check", p.id_number, p.phone, format_date(p.day), code(p.outcome), opt_bool(p.eligible), p.note});
    for (const auto& c : store::callback_rows(db, first, calls_to))
        lines.add({"callback", c.id_number, c.phone, format_date(c.day), code(c.outcome), opt_label(c.overall),
                   opt_label(c.staff), opt_label(c.package), opt_bool(c.knows_sos), c.suspension_reason});
    // What supervisors decided on the quarter's records and which name mismatches they confirmed.
    const auto decisions = store::latest_physical_decisions(db);
    for (const auto& r : records) {
        if (auto it = decisions.find(r.record_no); it != decisions.end())
            lines.add({"decision", r.record_no, it->second.payable ? "payable" : "not_payable", it->second.reason,
                       it->second.username});
    }
    for (const auto& [key, s] : store::same_person_confirmations(db)) lines.add({"same_person", key});
    Snapshot out;
    out.rows = lines.rows;
    out.raw_bytes = static_cast<std::int64_t>(lines.text.size());
    out.gz = gzip(lines.text);
    return out;
}

wire::SignedReport to_wire(const store::SignedReportRow& r) {
    wire::SignedReport w;
    w.id = r.id;
    w.quarter = r.quarter;
    w.district_name = r.district_name;
    w.supplement_no = r.supplement_no;
    w.cites_id = r.cites_id.value_or(0);
    w.title_zh = r.title_zh;
    w.status = r.status;
    w.signed_by = role_name(r);
    w.signed_at = format_timestamp(r.signed_at);
    w.countersigned_by = r.countersigned_by;
    w.countersigned_at = r.countersigned_at ? format_timestamp(r.countersigned_at) : "";
    w.returned_reason = r.returned_reason;
    w.reason = r.reason;
    w.figures_sha256 = r.figures_sha256;
    w.snapshot_sha256 = r.snapshot_sha256;
    w.pdf_sha256 = r.pdf_sha256;
    w.xlsx_sha256 = r.xlsx_sha256;
    w.snapshot_rows = r.snapshot_rows;
    const json changes = json::parse(r.changes, nullptr, false);
    if (changes.is_array()) {
        for (const auto& c : changes)
            w.changes.push_back({c.value("code", ""), c.value("label_zh", ""), c.value("before", ""), c.value("after", "")});
    }
    return w;
}

wire::SignoffList signoff_list(SQLite::Database& db, const Period& quarter) {
    wire::SignoffList out;
    out.quarter = quarter.code();
    if (auto s = seal_of(db, quarter)) {
        out.sealed = true;
        out.sealed_by = s->report_id;
        out.sealed_by_title = s->title_zh;
    }
    if (auto c = store::open_correction(db, quarter.code())) {
        out.correction_open = true;
        out.correction_reason = c->reason;
        out.correction_opened_by = c->opened_by;
        out.correction_opened_at = format_timestamp(c->opened_at);
    }
    const auto reports = store::signed_reports(db, quarter.code());
    std::int64_t max_kept = -1;
    for (const auto& r : reports) {
        if (r.status != "returned") max_kept = std::max(max_kept, r.supplement_no);
        out.reports.push_back(to_wire(r));
    }
    out.next_supplement_no = max_kept + 1;
    return out;
}

}  // namespace yiyang::app
