// The tables of wire/table.hpp: one column list per list screen and the rows built from the wire rows (the
// values the role already sees: masked numbers stay masked, nothing is read again).
#include "yiyang/wire/table.hpp"

#include "yiyang/cdr.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/sla.hpp"

namespace yiyang::wire {
namespace {

using K = CellKind;

std::string name_of(const NameById& names, Id id) {
    auto it = names.find(id);
    return it == names.end() ? std::to_string(id) : it->second;
}

std::string num(std::int64_t v) { return std::to_string(v); }

template <class E, class Parse>
std::string label_of(const std::string& code_text, Parse parse) {
    if (auto v = parse(code_text)) return label_zh(*v);
    return code_text;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string categories_text(const std::set<ServiceCategory>& cats) {
    std::vector<std::string> parts;
    for (auto c : cats) parts.emplace_back(label_zh(c));
    return join(parts, "、");
}

std::string direction_zh(const std::string& c) {
    if (c == "inbound") return label_zh(CallDirection::Inbound);
    if (c == "outbound") return label_zh(CallDirection::Outbound);
    return c;
}
std::string disposition_zh(const std::string& c) {
    for (auto d : {CallDisposition::Answered, CallDisposition::NoAnswer, CallDisposition::Busy,
                   CallDisposition::Abandoned, CallDisposition::Failed}) {
        if (c == code(d)) return label_zh(d);
    }
    return c;
}

std::vector<std::string> call_cells(const CallRow& c) {
    return {format_timestamp(c.started_at), direction_zh(c.direction), c.caller, c.callee,
            disposition_zh(c.disposition), num(c.duration_s), num(c.talk_s), c.agent, c.order_code.value_or(""),
            c.call_key};
}

}  // namespace

const std::vector<TableColumn>& order_columns() {
    static const std::vector<TableColumn> cols = {
        {"code", "工单编号", K::Text, 18},      {"created_at", "受理时间", K::DateTime, 18},
        {"type", "类型", K::Text, 10},          {"urgency", "紧急程度", K::Text, 9},
        {"channel", "渠道", K::Text, 14},       {"town", "镇街", K::Text, 12},
        {"provider", "服务商", K::Text, 24},    {"status", "状态", K::Text, 10},
        {"overdue", "逾期", K::Text, 6},        {"categories", "服务类别", K::Text, 20},
        {"satisfaction", "满意度", K::Text, 10}, {"description", "诉求内容", K::Text, 40}};
    return cols;
}

const std::vector<TableColumn>& elder_columns(bool ages) {
    static const auto make = [](bool a) {
        return std::vector<TableColumn>{
            {"name", "姓名", K::Text, 10},
            {"sex", "性别", K::Text, 6},
            a ? TableColumn{"age", "年龄", K::Integer, 6} : TableColumn{"birth_date", "出生日期", K::Date, 12},
            {"id_number", "身份证号", K::Text, 21},
            {"phone", "手机号", K::Text, 14},
            {"town", "镇街", K::Text, 12},
            {"community", "村（社区）", K::Text, 14},
            {"categories", "类别", K::Text, 24},
            {"status", "状态", K::Text, 8}};
    };
    static const auto with_ages = make(true), with_dates = make(false);
    return ages ? with_ages : with_dates;
}

const std::vector<TableColumn>& call_columns() {
    static const std::vector<TableColumn> cols = {
        {"started_at", "呼叫时间", K::DateTime, 18}, {"direction", "方向", K::Text, 6},
        {"caller", "主叫号码", K::Text, 14},         {"callee", "被叫号码", K::Text, 14},
        {"disposition", "结果", K::Text, 8},         {"duration_s", "时长（秒）", K::Integer, 10},
        {"talk_s", "通话（秒）", K::Integer, 10},    {"agent", "坐席", K::Text, 10},
        {"order_code", "工单编号", K::Text, 18},     {"call_key", "话单编号", K::Text, 22}};
    return cols;
}

const std::vector<TableColumn>& kpi_columns() {
    static const std::vector<TableColumn> cols = {
        {"item", "序号", K::Integer, 6},        {"name", "指标", K::Text, 36},
        {"value", "数值", K::Text, 10},         {"target", "目标", K::Text, 10},
        {"met", "达标", K::Text, 8},            {"source", "来源", K::Text, 8},
        {"numerator", "分子", K::Integer, 10},  {"denominator", "分母", K::Integer, 10},
        {"note", "说明", K::Text, 30}};
    return cols;
}

const std::vector<TableColumn>& kpi_order_columns() {
    static const std::vector<TableColumn> cols = {
        {"code", "工单编号", K::Text, 18},  {"created_at", "受理时间", K::DateTime, 18},
        {"type", "类型", K::Text, 10},      {"channel", "渠道", K::Text, 14},
        {"status", "状态", K::Text, 10},    {"town", "镇街", K::Text, 12},
        {"provider", "服务商", K::Text, 24}, {"satisfaction", "满意度", K::Text, 10}};
    return cols;
}

const std::vector<TableColumn>& watch_columns() {
    static const std::vector<TableColumn> cols = {
        {"order_code", "工单编号", K::Text, 18}, {"type", "类型", K::Text, 10},
        {"status", "状态", K::Text, 10},         {"town", "镇街", K::Text, 12},
        {"provider", "服务商", K::Text, 24},     {"rule", "时限", K::Text, 20},
        {"started_at", "起算时间", K::DateTime, 18}, {"due_at", "到期时间", K::DateTime, 18},
        {"state", "预警", K::Text, 8},           {"minutes", "剩余（分钟，负为超时）", K::Integer, 14}};
    return cols;
}

const std::vector<TableColumn>& knowledge_columns() {
    static const std::vector<TableColumn> cols = {
        {"id", "编号", K::Integer, 8},          {"kind", "类别", K::Text, 10},
        {"title", "标题", K::Text, 36},         {"tags", "标签", K::Text, 20},
        {"version", "版本", K::Integer, 6},     {"updated_at", "更新时间", K::DateTime, 18},
        {"snippet", "摘要", K::Text, 50}};
    return cols;
}

Table orders_table(const std::vector<OrderView>& items, const NameById& towns, const NameById& providers) {
    Table t;
    t.name = "orders";
    t.title = "工单列表";
    t.columns = order_columns();
    for (const auto& v : items) {
        const auto& o = v.order;
        std::string sat;
        if (o.satisfaction) sat = satisfaction_label_zh(*o.satisfaction);
        t.rows.push_back({o.code, format_timestamp(o.created_at), label_zh(o.type), label_zh(o.urgency),
                          label_zh(o.channel), name_of(towns, o.town_id),
                          o.provider_id ? name_of(providers, *o.provider_id) : std::string(), label_zh(o.status),
                          v.overdue ? "是" : "否", categories_text(o.categories), sat, o.description});
    }
    return t;
}

Table elders_table(const std::vector<Elder>& items, const NameById& towns) {
    bool ages = false;
    for (const auto& e : items) ages = ages || e.age.has_value();
    Table t;
    t.name = "elders";
    t.title = "服务对象名册";
    t.columns = elder_columns(ages);
    for (const auto& e : items) {
        std::vector<std::string> cats;
        for (auto c : e.categories) cats.emplace_back(label_zh(c));
        const std::string sex = e.sex == "male" ? "男" : e.sex == "female" ? "女" : e.sex;
        t.rows.push_back({e.name, sex, ages ? (e.age ? num(*e.age) : std::string()) : format_date(e.birth_date),
                          e.id_number, e.phone, name_of(towns, e.town_id), e.community, join(cats, "、"),
                          label_zh(e.status)});
    }
    return t;
}

Table calls_table(const std::vector<CallRow>& items) {
    Table t;
    t.name = "calls";
    t.title = "话务记录";
    t.columns = call_columns();
    for (const auto& c : items) t.rows.push_back(call_cells(c));
    return t;
}

Table kpis_table(const KpisReply& reply) {
    Table t;
    t.name = "kpis";
    t.title = "绩效指标";
    t.columns = kpi_columns();
    for (const auto& i : reply.items) {
        const std::string met = !i.met ? "—" : *i.met ? "达标" : "未达标";
        t.rows.push_back({i.item ? num(i.item) : std::string(), i.name_zh, i.display, i.target_text, met,
                          i.source == "entered" ? "填报" : "系统",
                          i.numerator_count ? num(*i.numerator_count) : std::string(),
                          i.denominator_count ? num(*i.denominator_count) : std::string(), i.note.value_or("")});
    }
    return t;
}

Table kpi_records_table(const KpiRecordsReply& reply) {
    Table t;
    t.name = "kpi_records";
    const std::string side = reply.side == "numerator" ? "分子" : reply.side == "denominator" ? "分母" : "未达标记录";
    t.title = reply.name_zh + "（" + side + "）";
    if (reply.kind == "calls") {
        t.columns = call_columns();
        for (const auto& c : reply.calls) t.rows.push_back(call_cells(c));
        return t;
    }
    if (reply.kind == "activities") return kpi_activity_records_table(reply);   // issue 13 (wire/activities.cpp)
    if (reply.kind == "providers" || reply.kind == "towns") {   // issue 13, providers
        const bool towns = reply.kind == "towns";
        t.columns = {{"id", "编号", CellKind::Integer, 6}, {"name", towns ? "镇街" : "服务商", CellKind::Text, 28},
                     {"status", "状态", CellKind::Text, 8}, {"detail", "说明", CellKind::Text, 50}};
        for (const auto& p : reply.providers) t.rows.push_back({num(p.id), p.name, p.status_label, p.detail});
        return t;
    }
    t.columns = kpi_order_columns();
    for (const auto& o : reply.orders) {
        std::string sat;
        if (o.satisfaction) sat = satisfaction_label_zh(*o.satisfaction);
        // created_at is format_timestamp text already.
        t.rows.push_back({o.code, o.created_at, label_of<OrderType>(o.type, &parse_OrderType),
                          label_of<Channel>(o.channel, &parse_Channel), label_of<OrderStatus>(o.status, &parse_OrderStatus),
                          o.town_name, o.provider_name.value_or(""), sat});
    }
    return t;
}

Table watch_table(const WatchReply& reply) {
    Table t;
    t.name = "watch";
    t.title = "督办（逾期预警）";
    t.columns = watch_columns();
    for (const auto& e : reply.items) {
        t.rows.push_back({e.order_code, e.order_type_name, e.status_name, e.town_name, e.provider_name.value_or(""),
                          e.rule_name, e.started_at, e.due_at, e.state == "breached" ? "已超时" : "即将超时",
                          num(e.seconds_to_due / 60)});
    }
    return t;
}

Table knowledge_table(const KbSearchReply& reply) {
    Table t;
    t.name = "knowledge";
    t.title = "知识库";
    t.columns = knowledge_columns();
    for (const auto& h : reply.page.items) {
        t.rows.push_back({num(h.id), label_zh(h.kind), h.title, join(h.tags, "、"), num(h.version),
                          format_timestamp(h.updated_at), h.snippet});
    }
    return t;
}

std::string export_file_name(const Table& t, const std::string& extension) {
    return t.title + "_" + t.exported_at.substr(0, 10) + "." + extension;
}

std::string tsv_line(const std::vector<TableColumn>& columns, const std::vector<std::string>& row) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out += '\t';
        std::string cell = row[i];
        for (char& c : cell) {
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        }
        if (i < columns.size() && columns[i].kind == CellKind::DateTime && cell.size() > 10 && cell[10] == 'T') {
            cell[10] = ' ';
        }
        out += cell;
    }
    return out;
}

}  // namespace yiyang::wire
