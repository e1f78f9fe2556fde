// The kiosk's public figures on the wire (wire/public_figures.hpp).
#include "yiyang/wire/public_figures.hpp"

namespace yiyang::wire {

void to_json(json& j, const PublicCountRow& r) { j = {{"code", r.code}, {"label", r.label}, {"count", r.count}}; }
void from_json(const json& j, PublicCountRow& r) {
    j.at("code").get_to(r.code);
    j.at("label").get_to(r.label);
    j.at("count").get_to(r.count);
}

void to_json(json& j, const KioskIndicator& r) {
    j = {{"code", r.code}, {"name_zh", r.name_zh}, {"target_text", r.target_text}, {"shown", r.shown},
         {"text", r.text}};
    put_opt(j, "met", r.met);
}
void from_json(const json& j, KioskIndicator& r) {
    j.at("code").get_to(r.code);
    j.at("name_zh").get_to(r.name_zh);
    j.at("target_text").get_to(r.target_text);
    j.at("shown").get_to(r.shown);
    j.at("text").get_to(r.text);
    get_opt(j, "met", r.met);
}

void to_json(json& j, const KioskArticle& r) {
    j = {{"id", r.id}, {"kind", r.kind}, {"kind_label", r.kind_label}, {"title", r.title}, {"summary", r.summary}};
}
void from_json(const json& j, KioskArticle& r) {
    j.at("id").get_to(r.id);
    j.at("kind").get_to(r.kind);
    j.at("kind_label").get_to(r.kind_label);
    j.at("title").get_to(r.title);
    j.at("summary").get_to(r.summary);
}

void to_json(json& j, const PublicPlaylistPanel& r) { j = {{"code", r.code}, {"label", r.label}, {"seconds", r.seconds}}; }
void from_json(const json& j, PublicPlaylistPanel& r) {
    j.at("code").get_to(r.code);
    j.at("label").get_to(r.label);
    j.at("seconds").get_to(r.seconds);
}

void to_json(json& j, const PublicFiguresReply& r) {
    j = {{"as_of", r.as_of},
         {"day", r.day},
         {"month", {{"code", r.month_code}, {"label", r.month_label}}},
         {"disclosure", {{"version", r.disclosure_version}, {"small_cell_min", r.small_cell_min}}},
         {"today", {{"total", r.today_total}, {"by_channel", r.today_by_channel}, {"by_type", r.today_by_type}}},
         {"this_month", {{"total", r.month_total}, {"by_channel", r.month_by_channel}, {"by_type", r.month_by_type}}},
         {"rates", r.rates},
         {"elders", {{"total", r.elders_total}, {"by_town", r.elders_by_town}, {"by_category", r.elders_by_category}}},
         {"providers", {{"total", r.providers_total}, {"by_category", r.providers_by_category}}},
         {"points", {{"total", r.points_total}, {"by_town", r.points_by_town}, {"by_category", r.points_by_category}}},
         {"articles", r.articles},
         {"playlist", {{"version", r.playlist_version}, {"panels", r.playlist},
                       {"resume_after_seconds", r.resume_after_seconds}, {"refresh_seconds", r.refresh_seconds}}}};
}
void from_json(const json& j, PublicFiguresReply& r) {
    j.at("as_of").get_to(r.as_of);
    j.at("day").get_to(r.day);
    j.at("month").at("code").get_to(r.month_code);
    j.at("month").at("label").get_to(r.month_label);
    j.at("disclosure").at("version").get_to(r.disclosure_version);
    j.at("disclosure").at("small_cell_min").get_to(r.small_cell_min);
    const json& t = j.at("today");
    t.at("total").get_to(r.today_total);
    t.at("by_channel").get_to(r.today_by_channel);
    t.at("by_type").get_to(r.today_by_type);
    const json& m = j.at("this_month");
    m.at("total").get_to(r.month_total);
    m.at("by_channel").get_to(r.month_by_channel);
    m.at("by_type").get_to(r.month_by_type);
    j.at("rates").get_to(r.rates);
    const json& e = j.at("elders");
    e.at("total").get_to(r.elders_total);
    e.at("by_town").get_to(r.elders_by_town);
    e.at("by_category").get_to(r.elders_by_category);
    j.at("providers").at("total").get_to(r.providers_total);
    j.at("providers").at("by_category").get_to(r.providers_by_category);
    const json& p = j.at("points");
    p.at("total").get_to(r.points_total);
    p.at("by_town").get_to(r.points_by_town);
    p.at("by_category").get_to(r.points_by_category);
    j.at("articles").get_to(r.articles);
    const json& l = j.at("playlist");
    l.at("version").get_to(r.playlist_version);
    l.at("panels").get_to(r.playlist);
    l.at("resume_after_seconds").get_to(r.resume_after_seconds);
    l.at("refresh_seconds").get_to(r.refresh_seconds);
}

}  // namespace yiyang::wire
