// The open-day demo in the dashboard (app/demo_state.hpp): demo mode from the server, one-tap sign-in, the hints'
// table, the administrator's reset.
#include "app/app.hpp"

#include "platform/http.hpp"
#include "yiyang/wire/demo.hpp"
#include "yiyang/wire/system.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

struct Guide {
    ScreenCode code;
    const char* text_zh;
};
// One row per screen code (shared/access.hpp ScreenCode): what the screen is for and the first thing to try.
constexpr Guide kGuides[] = {
    {ScreenCode::Home, "首页汇总全市本月的工单、服务与指标。先看看各镇街的数字，再点左侧「来电受理」试着接一个电话。"},
    {ScreenCode::Intake, "这里模拟接听老人来电。输入来电号码，系统会找到老人档案，再选服务类别生成工单。"},
    {ScreenCode::Orders, "全部工单都在这里。按状态或镇街筛选，点一行打开工单，试试派单给服务商。"},
    {ScreenCode::OrderDetail, "一张工单的全过程：受理、派单、接单、服务、回访。按钮按当前状态给出下一步操作。"},
    {ScreenCode::Watch, "督办清单列出即将超时和已超时的工单。点一行即可打开工单催办。"},
    {ScreenCode::Kpis, "各项绩效指标与目标值的对比。换一个月份或镇街，点指标名查看明细。"},
    {ScreenCode::Knowledge, "政策与服务知识库。输入关键词（例如「助餐」）搜索，坐席接电话时可随时查阅。"},
    {ScreenCode::Calls, "热线的通话记录。按日期或号码筛选，看看每通电话是否已生成工单。"},
    {ScreenCode::ElderList, "服务对象名单（全部为合成数据）。输入姓名中的两个字搜索，点一行查看档案。"},
    {ScreenCode::ElderProfile, "一位老人的档案与服务记录。身份证号和电话按当前角色脱敏显示。"},
    {ScreenCode::Rules, "服务时限、考核权重等规则按版本管理。选一种规则，查看当前版本和生效日期。"},
    {ScreenCode::Verification, "季度核查：名单比对、疑点审核与回访。先选一个季度，看核查结果汇总。"},
    {ScreenCode::Assessment, "服务商的月度考核。试着改一项评分，看总分和等级怎样变化。"},
    {ScreenCode::Settlement, "服务商的月度结算单。选月份和服务商，看结算金额如何由服务记录算出。"},
    {ScreenCode::Contracts, "服务合同、付款进度与年度评价。选一个服务商，查看它的合同。"},
    {ScreenCode::ServiceMap, "15分钟养老服务圈地图。选一个服务类别，看各镇街的覆盖率和建议新增服务点的位置。"},
    {ScreenCode::KioskDevices, "展厅大屏设备的登记与停用。登记一台设备会生成一次性的访问地址和二维码。"},
    {ScreenCode::TargetTable, "绩效目标表：合同约定的 19 项指标，本月与项目年度累计，逐项判定达标、按进度或落后。"},
    {ScreenCode::Exhibition, "展厅参观预约与市民开放日。看看今天的参观安排，试着审批一个预约或为来访者签到。"},
    {ScreenCode::Activities, "工作台账：培训、宣传、检查等工作记录及佐证材料。主管审核后计入绩效目标表。"},
    {ScreenCode::ProviderSupervision, "服务商评价与监管。选一个服务商，看按工单记录预填的评价表，评为“差”的要预警或清退。"},
    {ScreenCode::Inspections, "养老机构巡查：本月巡检率汇总、巡查录入与整改复查。看看哪些机构本月还没巡查满两次，哪些整改已超期。"},
    {ScreenCode::Reports, "月度运营分析报告、项目总结报告和调查分析报告。选一个月份，看指标、趋势图和各渠道诉求。"},
};

}  // namespace

const char* demo_guide_zh(ScreenCode code) {
    for (const auto& g : kGuides)
        if (g.code == code) return g.text_zh;
    return nullptr;
}

json test_state_of(const DemoState& s) {
    json seen = json::array();
    for (ScreenCode c : s.guides_seen) seen.push_back(code(c));
    return {{"on", s.on}, {"visitor", s.visitor}, {"guides_seen", seen}, {"resetting", s.resetting},
            {"resets_done", s.resets_done}};
}

void App::check_demo_mode() {
    request("GET", "/api/v1/health", nullptr, [this](const HttpResponse& r) {
        if (r.status != 200) return;
        if (auto h = wire::read_reply<wire::Health>(r.body)) {
            s_.demo.on = h->demo;
            changed_ = true;
        }
    }, true);
}

void App::apply_demo(const DemoIntent& intent) {
    if (const auto* tap = std::get_if<DemoSignIn>(&intent)) {
        if (!s_.demo.on || s_.user) return;
        s_.sign_in.error.clear();
        s_.status = {};
        json body = wire::DemoSignIn{code(tap->role)};
        request("POST", "/api/v1/session/demo", &body, [this](const HttpResponse& r) {
            if (r.status == 200) signed_in(r.body);
            else s_.sign_in.error = error_message_zh(r);
        }, true);
    } else if (const auto* d = std::get_if<DismissGuide>(&intent)) {
        s_.demo.guides_seen.insert(d->code);
    } else if (std::holds_alternative<ResetDemo>(intent)) {
        if (!s_.demo.on || !s_.user || !may(s_.user->role, Permission::ResetDemo) || s_.demo.resetting) return;
        ask({"demo.reset", "复位演示数据", "全部演示数据将恢复到开始时的状态，访客新建的工单和修改都会清除，体验账号需重新登录。",
             "确认复位", "取消", true},
            [this] {
                s_.demo.resetting = true;
                const json none = json::object();   // a POST with a body: the server wants a Content-Length
                request("POST", "/api/v1/demo/reset", &none, [this](const HttpResponse& r) {
                    s_.demo.resetting = false;
                    if (r.status == 200) {
                        ++s_.demo.resets_done;
                        s_.overview.reset();
                        load_overview();
                        set_status(StatusKind::Success, "演示数据已复位到初始状态");
                    } else {
                        set_status(StatusKind::Error, "复位失败：" + error_message_zh(r));
                    }
                });
            });
    }
    changed_ = true;
}

}  // namespace yiyang::client
