// 绩效目标表 (target_table_state.hpp): load a month's table, move by month, open a figure on 绩效指标.
#include "app/app.hpp"
#include "app/screens.hpp"
#include "platform/http.hpp"

namespace yiyang::client {

using nlohmann::json;

void App::enter_target_table() {
    if (!role_has_screen(s_, Screen::TargetTable)) return;
    load_target_table();
}

void App::load_target_table() {
    TargetTableState& T = s_.target_table;
    if (T.month.empty()) T.month = Period{PeriodKind::Month, s_.today.year, s_.today.month}.code();
    const std::string month = T.month;
    T.loading = true;
    T.error.clear();
    request("GET", "/api/v1/target-table?month=" + month, nullptr, [this, month](const HttpResponse& r) {
        TargetTableState& S = s_.target_table;
        if (S.month != month) return;   // another month chosen meanwhile
        S.loading = false;
        std::string parse_error;
        auto table = r.status == 200 ? wire::read_reply<wire::TargetTableReply>(r.body, &parse_error) : std::nullopt;
        if (!table) {
            S.error = "绩效目标表加载失败：" + (r.status == 200 ? parse_error : error_message_zh(r));
            return;
        }
        S.table = std::move(table);
    });
}

void App::apply_target_table(const TargetTableIntent& intent) {
    TargetTableState& T = s_.target_table;
    std::visit(
        [&](const auto& i) {
            using U = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<U, ReloadTargetTable>) {
                load_target_table();
            } else if constexpr (std::is_same_v<U, ShiftTargetMonth>) {
                Period p = parse_period(T.month).value_or(Period{PeriodKind::Month, s_.today.year, s_.today.month});
                if (i.months == 0) p = Period{PeriodKind::Month, s_.today.year, s_.today.month};
                for (int k = 0; k < i.months; ++k) p = p.next();
                for (int k = 0; k > i.months; --k) p = p.previous();
                if (p.year < 2000 || p.year > 2100) return;
                T.month = p.code();
                load_target_table();
            } else if constexpr (std::is_same_v<U, SelectTargetRow>) {
                T.selected = T.selected == i.code ? std::string() : i.code;
            } else if constexpr (std::is_same_v<U, SetTargetFilter>) {
                T.filter = i.filter == "attention" ? i.filter : std::string();
            } else if constexpr (std::is_same_v<U, OpenTargetFigure>) {
                if (!T.table || !role_has_screen(s_, Screen::Kpis)) return;
                const auto period = parse_period(i.year_to_date ? T.table->year_to_date.code
                                                  : i.quarter    ? T.table->quarter.code
                                                                 : T.table->month.code);
                if (!period) return;
                LiveState& L = s_.live;
                L.period = *period;
                L.scope = KpiScope{};
                L.selected = i.code;
                L.records = KpiRecords{};
                L.records.code = i.code;
                navigate(Screen::Kpis);
            }
        },
        intent);
    changed_ = true;
}

json test_state_of(const TargetTableState& s) {
    json j = {{"month", s.month}, {"loading", s.loading}, {"error", s.error}, {"selected", s.selected},
              {"filter", s.filter}};
    j["table"] = s.table ? json(*s.table) : json();
    return j;
}

}  // namespace yiyang::client
