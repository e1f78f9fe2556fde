// Evidence photos on the wire (wire/evidence.hpp).
#include "yiyang/wire/evidence.hpp"

#include "yiyang/wire/audit.hpp"   // time_json / time_from

namespace yiyang::wire {

void to_json(json& j, const EvidencePhoto& p) {
    j = {{"id", p.id}, {"order_id", p.order_id}, {"uploaded_by", p.uploaded_by}, {"uploaded_at", time_json(p.uploaded_at)},
         {"sha256", p.sha256}, {"mime", p.mime}, {"size", p.size}, {"width", p.width}, {"height", p.height},
         {"thumb_url", p.thumb_url}, {"full_url", p.full_url}, {"also_on_orders", p.also_on_orders},
         {"reuse_note", p.reuse_note}};
}

void from_json(const json& j, EvidencePhoto& p) {
    j.at("id").get_to(p.id);
    j.at("order_id").get_to(p.order_id);
    get_or(j, "uploaded_by", p.uploaded_by);
    p.uploaded_at = time_from(j, "uploaded_at");
    j.at("sha256").get_to(p.sha256);
    j.at("mime").get_to(p.mime);
    get_or(j, "size", p.size, std::int64_t{0});
    get_or(j, "width", p.width, 0);
    get_or(j, "height", p.height, 0);
    j.at("thumb_url").get_to(p.thumb_url);
    j.at("full_url").get_to(p.full_url);
    get_or(j, "also_on_orders", p.also_on_orders);
    get_or(j, "reuse_note", p.reuse_note);
}

void to_json(json& j, const EvidenceList& l) {
    j = {{"order_id", l.order_id}, {"order_code", l.order_code}, {"items", l.items}, {"may_attach", l.may_attach}};
}

void from_json(const json& j, EvidenceList& l) {
    j.at("order_id").get_to(l.order_id);
    get_or(j, "order_code", l.order_code);
    j.at("items").get_to(l.items);
    get_or(j, "may_attach", l.may_attach, false);
}

}  // namespace yiyang::wire
