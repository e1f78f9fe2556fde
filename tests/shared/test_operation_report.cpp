// The operation reports (operation_report.hpp) from hand-built inputs: the month report's indicator rows carry the
// KPI reply's figures with the previous month and Δ (percentage points, counts), the trend, requests by channel /
// type / town with the previous month, the provider ranking's order, the SLA table; the year's combination of
// months; the survey distribution and the imported callback questionnaires (the verification's rates, by town);
// and the report indicators from signed reports (a supplement counts once).
#include <catch2/catch.hpp>

#include "yiyang/operation_report.hpp"
#include "yiyang/target_table.hpp"

namespace test_operation_report {

using namespace yiyang;
using namespace yiyang::reports;

namespace {

wire::KpiItemReply pct(const std::string& code, std::int64_t num, std::int64_t den, bool met) {
    wire::KpiItemReply j;
    j.code = code;
    j.name_zh = code == "response_rate" ? "来电诉求响应率" : code == "satisfaction" ? "服务满意率" : "紧急求助30秒内派出救助按时率";
    j.item = code == "response_rate" ? 2 : 1;
    j.unit = "percent";
    j.period = "month";
    j.source = "records";
    j.target_text = "≥ 95%";
    j.applicable = true;
    j.value = wire::KpiFraction{num, den};
    j.display = Ratio{num, den}.percent_text(2);
    j.met = met;
    j.numerator_count = num;
    j.denominator_count = den;
    return j;
}

wire::KpiItemReply count(const std::string& code, std::int64_t n) {
    wire::KpiItemReply j;
    j.code = code;
    j.name_zh = "月度运营分析报告";
    j.item = 19;
    j.unit = "count";
    j.period = "project_year";
    j.source = "entered";
    j.target_text = "≥ 12";
    j.applicable = true;
    j.value = wire::KpiFraction{n, 1};
    j.display = std::to_string(n);
    j.met = n >= 12;
    return j;
}

wire::KpisReply month_kpis(const std::string& code, std::int64_t resp_num, std::int64_t resp_den, std::int64_t reports) {
    wire::KpisReply r;
    r.period.code = code;
    r.targets_version = "test-v1";
    r.items = {pct("response_rate", resp_num, resp_den, resp_num * 100 >= resp_den * 95), pct("satisfaction", 19, 20, true),
               pct("sla_emergency_30s", 9, 10, false), count("monthly_operation_reports", reports)};
    return r;
}

const wire::ReportTable& table(const wire::OperationReport& r, const std::string& code) {
    for (const auto& t : r.tables)
        if (t.code == code) return t;
    FAIL("no table " << code);
    throw;
}

ProjectYear year_2026() {
    KpiTargetSet t;
    t.version = "test-v1";
    t.effective_from = Date{2026, 2, 1};
    t.project_start = Date{2026, 2, 1};
    return project_year_of(t, Date{2026, 11, 5});
}

}  // namespace

TEST_CASE("Δ against the previous month: percentage points exactly, rounded once; counts signed", "[reports]") {
    CHECK(delta_text(Ratio{96, 100}, Ratio{95, 100}, true) == "+1.00个百分点");
    CHECK(delta_text(Ratio{1, 3}, Ratio{1, 2}, true) == "-16.67个百分点");   // 33.333… − 50 = −16.666…
    CHECK(delta_text(Ratio{5, 10}, Ratio{1, 2}, true) == "0.00个百分点");
    CHECK(delta_text(Ratio{12, 1}, Ratio{7, 1}, false) == "+5");
    CHECK(delta_text(Ratio{3, 1}, Ratio{7, 1}, false) == "-4");
    CHECK(delta_text(Ratio{0, 0}, Ratio{7, 1}, false) == "—");
}

TEST_CASE("the month report carries the KPI reply's figures, the previous month and Δ", "[reports]") {
    MonthInputs in;
    in.month = *parse_period("2026-11");
    in.year = year_2026();
    in.kpis = month_kpis("2026-11", 190, 200, 9);
    in.previous = month_kpis("2026-10", 180, 200, 8);
    in.trend = {month_kpis("2026-10", 180, 200, 8), in.kpis};
    in.requests.by_channel = {{Channel::Hotline, 30}, {Channel::PublicPortal, 5}};
    in.requests.by_type = {{OrderType::Booking, 20}, {OrderType::Consultation, 15}};
    in.requests.by_town = {{1, 25}, {2, 10}};
    in.previous_requests.by_channel = {{Channel::Hotline, 20}};
    in.previous_requests.by_town = {{1, 20}};
    in.town_names = {{1, "石岐街道"}, {2, "东区街道"}, {3, "西区街道"}};
    in.providers = {{7, "乙服务社", 40, Ratio{40, 40}, Ratio{9, 10}, Ratio{18, 20}},
                    {3, "甲服务社", 10, Ratio{9, 10}, Ratio{10, 10}, Ratio{19, 20}},
                    {5, "丙服务社", 0, Ratio{0, 0}, Ratio{0, 0}, Ratio{0, 0}},
                    {4, "丁服务社", 12, Ratio{12, 12}, Ratio{10, 10}, Ratio{19, 20}}};
    in.problems_zh = "本月回访不及时。";
    const auto r = month_report(in);
    CHECK(r.title_zh == "2026年11月月度运营分析报告");
    CHECK(r.previous_period == "2026-10");
    CHECK(r.problems_zh == "本月回访不及时。");

    const auto& ind = table(r, "indicators");
    REQUIRE(ind.rows.size() == 4);
    // 指标, 目标, 本月, 上月, 环比, 达标
    CHECK(ind.rows[0][0].text == "(2) 来电诉求响应率");
    CHECK(ind.rows[0][2].text == "95.00%");
    CHECK(ind.rows[0][2].drill == "kpi.response_rate");
    CHECK(ind.rows[0][3].text == "90.00%");
    CHECK(ind.rows[0][4].text == "+5.00个百分点");
    CHECK(ind.rows[0][5].text == "达标");
    CHECK(ind.rows[2][5].text == "未达标");
    CHECK(ind.rows[3][2].text == "9");
    CHECK(ind.rows[3][2].value == 9);
    CHECK(ind.rows[3][4].text == "+1");

    const auto& trend = table(r, "trend");
    REQUIRE(trend.rows.size() == 2);
    CHECK(trend.rows[0][0].text == "10月");
    CHECK(trend.columns.size() == 3);   // 月份 + the two main rates (the SLA rate is not a main rate)
    REQUIRE(r.charts.size() == 4);
    CHECK(r.charts[0].kind == "line");
    REQUIRE(r.charts[0].series.size() == 2);
    CHECK(r.charts[0].series[0].values[0] == Approx(90.0));
    CHECK(r.charts[0].series[0].values[1] == Approx(95.0));

    const auto& ch = table(r, "by_channel");
    REQUIRE(ch.rows.size() == all_Channels().size() + 1);
    CHECK(ch.rows[0][0].text == label_zh(Channel::Hotline));
    CHECK(ch.rows[0][1].value == 30);
    CHECK(ch.rows[0][2].value == 20);
    CHECK(ch.rows[0][3].text == "+10");
    CHECK(ch.rows.back()[0].text == "合计");
    CHECK(ch.rows.back()[1].value == 35);
    CHECK(ch.rows.back()[2].value == 20);
    const auto& town = table(r, "by_town");
    REQUIRE(town.rows.size() == 4);   // every town, even without requests, and 合计
    CHECK(town.rows[2][1].value == 0);
    const auto& bars = r.charts[1];
    CHECK(bars.kind == "bar");
    CHECK(bars.series.size() == 2);
    CHECK(bars.categories.size() == all_Channels().size());

    // Ranking: satisfaction first (19/20 before 18/20), then on-time, then acceptance (丁 12/12 before 甲 9/10);
    // a provider without orders is left out.
    const auto& prov = table(r, "providers");
    REQUIRE(prov.rows.size() == 3);
    CHECK(prov.rows[0][1].text == "丁服务社");
    CHECK(prov.rows[1][1].text == "甲服务社");
    CHECK(prov.rows[2][1].text == "乙服务社");

    const auto& sla = table(r, "sla");
    REQUIRE(sla.rows.size() == 1);
    CHECK(sla.rows[0][2].text == "90.00%");
    CHECK(sla.rows[0][5].text == "9/10");
}

TEST_CASE("the year's figures are the target table's year to date, never a sum of months", "[reports]") {
    // Targets as in the seed's rules: a monthly rate, a stock judged by quarter (providers on the platform, ≥ 200)
    // and a count of the year (monthly reports, ≥ 12: projected while the year runs).
    KpiTargetSet targets;
    targets.version = "test-v1";
    targets.effective_from = Date{2026, 2, 1};
    targets.project_start = Date{2026, 2, 1};
    auto target = [&](const std::string& code, const std::string& unit, const std::string& period, Ratio v) {
        KpiTarget t;
        t.code = code;
        t.comparison = KpiComparison::Ge;
        t.target = v;
        t.unit = unit;
        t.period = period;
        targets.items.push_back(t);
    };
    target("response_rate", "percent", "month", Ratio{95, 100});
    target("platform_providers", "count", "quarter", Ratio{200, 1});
    target("monthly_operation_reports", "count", "project_year", Ratio{12, 1});
    auto stock = [](std::int64_t n) {
        auto j = count("platform_providers", n);
        j.name_zh = "维持平台服务商数量";
        j.target_text = "≥ 200";
        j.met = n >= 200;
        return j;
    };
    auto month = [&](const std::string& code, std::int64_t num, std::int64_t den, std::int64_t reports) {
        auto r = month_kpis(code, num, den, reports);
        r.items = {r.items[0], stock(150), r.items[3]};   // 150 providers on the platform at each month's end
        return r;
    };
    YearInputs in;
    in.year = year_2026();
    in.months = {month("2026-02", 95, 100, 1), month("2026-03", 100, 100, 1)};
    // The project year through March as GET /api/v1/kpis computes it: the rate from the period's counts, the stock at
    // its end (150, not 2 × 150 = 300 ≥ 200), the reports counted over the period.
    auto ytd = month("2026-P02-03", 195, 200, 2);
    ytd.items[1] = stock(150);
    in.table = target_table::build(targets, in.months.back(), in.months.back(), ytd, in.year, Date{2026, 3, 31});
    in.requests.resize(2);
    in.requests[0].by_channel = {{Channel::Hotline, 4}};
    in.requests[1].by_channel = {{Channel::Hotline, 6}, {Channel::WalkIn, 1}};
    const auto r = year_report(in);
    CHECK(r.kind == "year");
    CHECK(r.period == "2026-02");
    CHECK(r.targets_version == "test-v1");
    const auto& y = table(r, "year_indicators");
    REQUIRE(y.rows.size() == 3);
    CHECK(y.rows[0][2].text == "97.50%");   // 195 / 200
    CHECK(y.rows[0][3].text == "各月达标 2/2");   // a monthly target: the months that met it
    CHECK(y.rows[1][2].text == "150");      // the stock at the period's end, not summed over the months
    CHECK(y.rows[1][2].value == 150);
    CHECK(y.rows[1][3].text == "各月达标 0/2");   // a quarterly target, month by month: 150 < 200
    CHECK(y.rows[2][2].text == "2");        // two monthly reports
    CHECK(y.rows[2][3].text.find("预计全年") != std::string::npos);
    const auto& req = table(r, "requests_by_month");
    REQUIRE(req.rows.size() == 2);
    CHECK(req.rows[1].back().value == 7);
    CHECK(table(r, "months_1").columns.size() == 7);
}

TEST_CASE("the survey report: each answer's distribution, by town and provider", "[reports]") {
    SurveyInputs in;
    in.year = year_2026();
    in.answers[{1, 7}] = {6, 2, 1, 1, 0};
    in.answers[{2, 7}] = {0, 0, 1, 0, 1};
    in.answers[{2, 8}] = {1, 0, 0, 0, 0};
    in.town_names = {{1, "石岐街道"}, {2, "东区街道"}};
    in.provider_names = {{7, "乙服务社"}, {8, "甲服务社"}};
    const auto r = survey_report(in);
    const auto& d = table(r, "distribution");
    REQUIRE(d.rows.size() == 6);
    CHECK(d.rows[0][1].value == 7);
    CHECK(d.rows[0][2].text == "53.85%");   // 7 / 13
    CHECK(d.rows[5][1].value == 13);
    const auto& t = table(r, "by_town");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[1][0].text == "东区街道");
    CHECK(t.rows[1][7].text == "66.67%");   // 2 of 3 satisfied (answers 1..3)
    const auto& p = table(r, "by_provider");
    REQUIRE(p.rows.size() == 2);
    CHECK(p.rows[0][0].text == "乙服务社");   // most answers first
    CHECK(p.rows[0][6].value == 12);
}

namespace {

CallbackRow call(const std::string& id, Date day, CallOutcome o, std::optional<Satisfaction> overall = {},
                 std::optional<Satisfaction> staff = {}, std::optional<PackageAnswer> package = {},
                 std::optional<bool> sos = {}) {
    static int row = 0;
    CallbackRow c;
    c.row = ++row;
    c.id_number = id;
    c.phone = "1390000" + id.substr(id.size() - 4);
    c.day = day;
    c.outcome = o;
    c.overall = overall;
    c.staff = staff;
    c.package = package;
    c.knows_sos = sos;
    return c;
}

std::vector<std::string> column(const wire::ReportTable& t, std::size_t k) {
    std::vector<std::string> out;
    for (const auto& row : t.rows) out.push_back(row.at(k).text);
    return out;
}

}  // namespace

TEST_CASE("the survey report: the imported callback questionnaires, the verification's rates, by town", "[reports]") {
    using S = Satisfaction;
    using P = PackageAnswer;
    SurveyInputs in;
    in.year = year_2026();
    in.answers[{1, 7}] = {1, 0, 0, 0, 0};
    in.town_names = {{1, "石岐街道"}, {2, "东区街道"}};
    in.callbacks.first = Date{2026, 2, 1};
    in.callbacks.last = Date{2027, 1, 31};
    const std::string a = "442000194001010011", b = "442000194001010022", cc = "442000194001010033",
                      d = "442000194001010044", e = "442000194001010055", f = "442000194001010066",
                      g = "442000194001010077";
    // 石岐: three answered — overall 非常满意 / 一般 / 满意, staff 满意 / 满意 / 不满意, package 满意 / 不清楚 / 满意,
    // SOS 是 / 否 / 是: every rate 2/3.
    in.callbacks.by_town[1] = {call(a, {2026, 5, 10}, CallOutcome::Answered, S::VerySatisfied, S::Satisfied, P::Satisfied, true),
                               call(b, {2026, 5, 10}, CallOutcome::Answered, S::Neutral, S::Satisfied, P::DontKnow, false),
                               call(cc, {2026, 5, 11}, CallOutcome::Answered, S::Satisfied, S::Dissatisfied, P::Satisfied, true)};
    // 东区: d not answering in May, answering in August (the last call counts); e powered off; f declined.
    in.callbacks.by_town[2] = {call(d, {2026, 5, 12}, CallOutcome::NoAnswer),
                               call(d, {2026, 8, 3}, CallOutcome::Answered, S::VerySatisfied, S::VerySatisfied, P::Satisfied, false),
                               call(e, {2026, 8, 3}, CallOutcome::PoweredOff),
                               call(f, {2026, 8, 4}, CallOutcome::Declined)};
    // Not in the registry: answered the overall and package questions only (an invalid survey questionnaire).
    in.callbacks.by_town[0] = {call(g, {2026, 9, 1}, CallOutcome::Answered, S::Satisfied, std::nullopt, P::Dissatisfied)};
    const auto r = survey_report(in);

    // The question-7 sections stay first.
    REQUIRE(r.tables.size() >= 3);
    CHECK(r.tables[0].code == "distribution");
    CHECK(r.tables[2].code == "by_provider");

    // 回访结果: 7 subjects by their last call (8 rows): 5 接通, 1 关机, 1 拒访, d's 无人接听 superseded.
    const auto& o = table(r, "callback_outcomes");
    CHECK(o.title_zh == "四、回访问卷（导入）：回访结果");
    REQUIRE(o.rows.size() == 9);
    CHECK(column(o, 0) == std::vector<std::string>{"接通", "无人接听", "占线", "关机", "停机", "空号", "销卡", "拒访", "合计"});
    CHECK(column(o, 1) == std::vector<std::string>{"5", "0", "0", "1", "0", "0", "0", "1", "7"});
    CHECK(o.rows[0][2].text == "71.43%");   // 5 / 7
    CHECK(o.rows[3][2].text == "14.29%");
    CHECK(o.rows[1][2].text == "0.00%");
    CHECK(o.note_zh.find("共 8 行、7 名回访对象") != std::string::npos);
    CHECK(o.note_zh.find("2026-02-01 至 2027-01-31") != std::string::npos);

    // 总体满意度: 5 answered (a, b, c, d, g); 非常满意 2, 满意 2, 一般 1: (2 + 2) / 5.
    const auto& ov = table(r, "callback_overall");
    CHECK(ov.title_zh == "五、总体满意度各选项分布");
    CHECK(column(ov, 0) == std::vector<std::string>{"非常满意", "满意", "一般", "不满意", "非常不满意", "合计"});
    CHECK(column(ov, 1) == std::vector<std::string>{"2", "2", "1", "0", "0", "5"});
    CHECK(ov.rows[0][2].text == "40.00%");
    CHECK(ov.note_zh.find("80.00%") != std::string::npos);

    // 服务态度与专业性: the valid questionnaires (both questions answered): a, b, c, d — g's staff blank is invalid.
    const auto& st = table(r, "callback_staff");
    CHECK(column(st, 1) == std::vector<std::string>{"1", "2", "0", "1", "0", "4"});
    CHECK(st.rows[1][2].text == "50.00%");
    CHECK(st.note_zh.find("有效问卷（接通且总体满意度、服务态度与专业性均作答）4 份") != std::string::npos);
    CHECK(st.note_zh.find("75.00%") != std::string::npos);   // (1 + 2) / 4

    // 手机套餐: 满意 3, 不满意 1, 不清楚 1 — 不清楚 counts as answered: 3 / 5.
    const auto& pk = table(r, "callback_package");
    CHECK(column(pk, 1) == std::vector<std::string>{"3", "1", "1", "5"});
    CHECK(pk.rows[0][2].text == "60.00%");
    CHECK(pk.note_zh.find("= 60.00%") != std::string::npos);

    // SOS: 是 a, c; 否 b, d; g not asked: 2 / 4.
    const auto& sos = table(r, "callback_sos");
    CHECK(column(sos, 0) == std::vector<std::string>{"是", "否", "合计"});
    CHECK(column(sos, 1) == std::vector<std::string>{"2", "2", "4"});
    CHECK(sos.note_zh.find("= 50.00%") != std::string::npos);

    // By town: registry towns in id order, then 未登记, then 合计.
    const auto& bt = table(r, "callback_by_town");
    CHECK(bt.title_zh == "九、回访问卷按镇街：总体满意度");
    CHECK(column(bt, 0) == std::vector<std::string>{"石岐街道", "东区街道", "未登记", "合计"});
    CHECK(column(bt, 6) == std::vector<std::string>{"3", "1", "1", "5"});   // 作答
    CHECK(column(bt, 7) == std::vector<std::string>{"66.67%", "100.00%", "100.00%", "80.00%"});
    CHECK(bt.rows[0][1].value == 1);   // 石岐 非常满意
    const auto& ot = table(r, "callback_by_town_other");
    CHECK(column(ot, 1) == std::vector<std::string>{"3", "3", "1", "7"});   // 回访对象
    CHECK(column(ot, 2) == std::vector<std::string>{"3", "1", "1", "5"});   // 接通
    CHECK(column(ot, 3) == std::vector<std::string>{"3", "1", "0", "4"});   // 有效问卷
    CHECK(column(ot, 4) == std::vector<std::string>{"66.67%", "100.00%", "—", "75.00%"});
    CHECK(column(ot, 5) == std::vector<std::string>{"66.67%", "100.00%", "0.00%", "60.00%"});
    CHECK(column(ot, 6) == std::vector<std::string>{"66.67%", "0.00%", "—", "50.00%"});

    // Charts: the outcomes', the two five-step questions' and the towns' rates, each over its table.
    std::vector<std::string> charts;
    for (const auto& ch : r.charts) charts.push_back(ch.table_code);
    CHECK(charts == std::vector<std::string>{"distribution", "by_town", "callback_outcomes", "callback_overall",
                                             "callback_staff", "callback_by_town"});
    const auto& rates = r.charts.back().series[0].values;
    REQUIRE(rates.size() == 3);
    CHECK(*rates[0] == Approx(200.0 / 3));
    CHECK(*rates[2] == Approx(100.0));

    // Only counts: no ID number or phone anywhere in the report.
    const std::string dumped = nlohmann::json(r).dump();
    for (const auto& id : {a, b, cc, d, e, f, g}) {
        CHECK(dumped.find(id) == std::string::npos);
        CHECK(dumped.find("1390000" + id.substr(id.size() - 4)) == std::string::npos);
    }

    // No questionnaire imported: one line says so, no empty tables or charts.
    in.callbacks.by_town.clear();
    in.callbacks.by_town[3];   // a town with no rows is none
    const auto none = survey_report(in);
    const auto& n = table(none, "callbacks_none");
    REQUIRE(n.rows.size() == 1);
    CHECK(n.rows[0][0].text == "本年度未导入回访问卷");
    CHECK(n.note_zh.find("共 0 行") != std::string::npos);
    CHECK(none.tables.size() == 4);
    CHECK(none.charts.size() == 2);
}

TEST_CASE("report indicators count the signed periods ending in the range; a supplement counts once", "[reports]") {
    KpiTarget t;
    t.code = "monthly_operation_reports";
    t.comparison = KpiComparison::Ge;
    t.target = Ratio{12, 1};
    t.unit = "count";
    std::vector<SignedReportRef> s = {
        {1, "month", Date{2026, 9, 1}, Date{2026, 9, 30}},
        {2, "month", Date{2026, 10, 1}, Date{2026, 10, 31}},
        {3, "month", Date{2026, 10, 1}, Date{2026, 10, 31}},   // the supplement of #2
        {4, "year", Date{2026, 2, 1}, Date{2027, 1, 31}},
        {5, "month", Date{2026, 11, 1}, Date{2026, 11, 30}},
    };
    const auto r = compute_report_kpi(t, s, Date{2026, 9, 1}, Date{2026, 10, 31});
    CHECK(r.value.num == 2);
    CHECK(r.numerator_ids == std::vector<Id>{1, 3});
    CHECK_FALSE(r.met);
    t.code = "project_summary_reports";
    t.target = Ratio{1, 1};
    CHECK(compute_report_kpi(t, s, Date{2026, 2, 1}, Date{2027, 1, 31}).met);
    CHECK(compute_report_kpi(t, s, Date{2026, 2, 1}, Date{2026, 12, 31}).value.num == 0);
    CHECK(is_report_kpi("survey_analysis_reports"));
    CHECK_FALSE(is_report_kpi("campaigns"));
}

}  // namespace test_operation_report
