// Browser test of issue 11's chain, one click between its links: "a callback that finds the service never happened →
// a flagged record → a deduction on the scorecard → a line on the statement → the payable amount → the year's balance
// payment; from any of these, one click to the others".
//
// Two halves, because the server dates a callback by its own clock (the audit event's time; append-only and
// hash-chained, so it cannot be back-dated) and only a month that is over may be assessed or settled:
//   1. today: a supervisor records a callback 老人称未接受该服务 on a provider-1 order in the browser; the order shows
//      where it counts (this month's 考核「服务不真实」 and this month's 结算单) as links; 查看该月考核 opens 考核 at
//      that provider's month (not opened: the month is not over, and the 考核 screen says so); Back returns to the order.
//   2. last month (over), a provider other suites do not sign (not 1): its assessment signed through the API (lib.mjs
//      signAssessmentMonth); its statement opened by URL → 查看考核 opens the provider's signed month (a deduction
//      prefilled: 走访频次不足) → 年度与合同付款 opens its year (a contract registered through the API: the balance
//      payment awaits the months not signed, each a link) → a month's 查看该月结算单 returns to the statement;
//      Back/Forward walk the same links.
// Screenshots at 1440×900 of every step: build/e2e/chain-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, waitState, click, shot, assertLayout, openDashboard, users, api, apiSignIn, signIn, scrollTo, cstMinutes,
  providerOneElder, createBooking, moveOrder, lastMonth, signAssessmentMonth,
} from './lib.mjs';

const VIEW = { width: 1440, height: 900 };
const hashOf = (page) => page.evaluate(() => window.location.hash);
const go = (page, hash) => page.evaluate((h) => { window.location.hash = h; }, hash);

// "2026-12": this month in China Standard Time (the server's).
function thisMonth() {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

test('the chain: callback → 考核 → 结算单 → 年度付款, each one click from the others', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const agentApi = await apiSignIn(u.agent.username, u.agent.password);
  const providerApi = await apiSignIn(u.provider.username, u.provider.password);
  const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, VIEW);
  await signIn(page, u.supervisor.username, u.supervisor.password);

  await t.test('today: a callback that finds no service links to its month\'s 考核 and 结算单', async () => {
    const setup = await providerOneElder(agentApi);
    const order = await createBooking(agentApi, setup, '链条测试：回访称未上门');
    const evidence = { caregiver: '链条护工', from: `${cstMinutes(2)}:00`, to: `${cstMinutes(1)}:00`, place: '老人家中' };
    await moveOrder(order.id, [[agentApi, { action: 'dispatch_provider', provider_id: 1 }], [providerApi, { action: 'accept' }],
      [providerApi, { action: 'start' }], [providerApi, { action: 'complete', evidence }],
      [supApi, { action: 'review_pass' }]]);
    await go(page, `#/orders/${order.code}`);
    let s = await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === order.id &&
      x.orders.current.legal_actions.includes('callback') && x.pending === 0, 'the reviewed order by its URL', 20000);
    assert.equal(s.items['order.chain'], undefined, 'no chain line before the callback');
    await click(page, 'order.action.callback');
    await click(page, 'order.satisfaction.3');
    await click(page, 'order.service_not_received');
    s = await waitState(page, (x) => x.orders.form.satisfaction === 3 && x.orders.form.service_not_received, 'the callback typed');
    await scrollTo(page, 'order.submit', 'order.right');
    await click(page, 'order.submit');
    const month = thisMonth();
    s = await waitState(page, (x) => x.orders.current.history_loaded &&
      x.orders.current.history.some((h) => h.action === 'callback' && h.details.service_received === false) &&
      x.texts['order.chain'] && x.pending === 0, 'called back: the chain line', 20000);
    assert.equal(s.texts['order.chain'], month, 'the month of the callback (the server\'s date in the history)');
    assert.ok(s.items['order.chain.assessment'].visible && s.items['order.chain.settlement'].visible);
    await page.mouse.move(5, 880);
    await shot(page, 'chain-1-order-callback');

    // 查看该月考核: 考核 at provider 1's month — not open (the month is not over: the server refuses to prefill it).
    await click(page, 'order.chain.assessment');
    s = await waitState(page, (x) => x.screen === 'assessment' && x.assessment.months.month === month &&
      /尚未开启/.test(x.assessment.months.error) && x.pending === 0, '考核 at the order\'s month', 20000);
    assert.equal(s.assessment.months.error, `服务机构 #1 ${month} 的考核尚未开启`);
    const prefill = await api(supApi, 'GET', `/api/v1/assessment/prefill?provider_id=1&project=home_visit&month=${month}`);
    assert.equal(prefill.status, 422, 'this month is not over: nothing to prefill yet');
    await shot(page, 'chain-2-month-not-over');
    // Back: the order again (one history entry per click).
    await page.goBack();
    s = await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === order.id &&
      x.texts['order.chain'] === month && x.pending === 0, 'Back to the order', 20000);
    assert.equal(await hashOf(page), `#/orders/${order.code}`);
    // 查看该月结算单: the month's statement of provider 1 (this month: not over, the list says so).
    await click(page, 'order.chain.settlement');
    s = await waitState(page, (x) => x.screen === 'settlement' && x.settlement.month === month &&
      x.settlement.provider_id === 1 && !x.settlement.loading && x.pending === 0, '结算 at the order\'s month', 20000);
    assert.equal(await hashOf(page), `#/settlement?month=${month}&provider=1`);
  });

  await t.test('last month: statement → 考核 → year → statement, each one click; Back and Forward', async () => {
    const month = lastMonth();
    const year = Number(month.slice(0, 4));
    // The first provider after 1 with subjects in its 居家养老上门服务 last month (provider 1 is the other suites').
    const providers = (await api(supApi, 'GET', '/api/v1/providers')).body.items.map((p) => p.id).sort((a, b) => a - b);
    let provider = 0;
    for (const id of providers) {
      if (id === 1) continue;
      const p = await api(supApi, 'GET', `/api/v1/assessment/prefill?provider_id=${id}&project=home_visit&month=${month}`);
      if (p.status === 200 && p.body.subjects_total > 0 &&
          p.body.items.some((i) => i.source === 'visits_below_frequency' && i.count > 0)) { provider = id; break; }
    }
    assert.ok(provider > 0, 'a provider with subjects and a 走访频次不足 deduction last month');
    for (const project of ['home_visit', 'visiting']) await signAssessmentMonth({ provider, project, month });
    // Its contract of that year (reused when the suite ran before on this database).
    let contracts = (await api(supApi, 'GET', `/api/v1/contracts?provider_id=${provider}&year=${year}`)).body.items;
    if (!contracts.some((c) => c.project_code === 'home_visit')) {
      const r = await api(supApi, 'POST', '/api/v1/contracts', { provider_id: provider, project_code: 'home_visit', year,
        contract_no: `CHAIN-${year}-${provider}`, signed_on: `${year}-01-06`, total_fen: 1200000, note: '链条测试合同' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      contracts = [r.body];
    }
    const contract = contracts.find((c) => c.project_code === 'home_visit');

    // The statement, by its URL.
    const statement = `#/settlement?month=${month}&provider=${provider}`;
    await go(page, statement);
    let s = await waitState(page, (x) => x.screen === 'settlement' && x.settlement.provider_id === provider &&
      x.settlement.month === month && x.settlement.lines.length > 0 && x.items['settlement.link.assessment'] &&
      x.pending === 0, 'the statement by its URL', 30000);
    const fee = s.settlement.lines.find((l) => l.code.startsWith('home_visit.') && l.count > 0);
    assert.ok(fee, 'a fee line with people');
    await click(page, `settlement.line.${fee.code}`);
    s = await waitState(page, (x) => x.settlement.drill.length === fee.count, 'the people behind the line');
    assert.ok(s.settlement.payable_fen >= 0);
    await page.mouse.move(5, 880);
    await shot(page, 'chain-3-statement');

    // 查看考核: the provider's signed month.
    await click(page, 'settlement.link.assessment');
    s = await waitState(page, (x) => x.screen === 'assessment' && x.assessment.months.open &&
      x.assessment.months.open.provider_id === provider && x.assessment.months.open.month === month &&
      x.assessment.computed && x.pending === 0, 'the month\'s assessment', 30000);
    assert.equal(s.assessment.months.open.status, 'signed');
    assert.equal(s.assessment.months.open.project_code, 'home_visit');
    assert.equal(await hashOf(page), `#/assessment?month=${month}&project=home_visit&provider=${provider}`);
    assert.match(s.texts['assessment.item.visits_below_frequency'], /预填 [1-9]/, 'the deduction, prefilled');
    await click(page, 'assessment.prefill');   // the drill-down: who was visited too seldom
    await waitState(page, (x) => x.pending === 0, 'the drill-down open');
    s = await waitState(page, (x) => x.items['assessment.link.contracts'] && x.items['assessment.link.settlement'], 'the links');
    assertLayout(s, ['assessment.zone.table', 'assessment.zone.summary'], VIEW);
    await page.mouse.move(5, 880);
    await shot(page, 'chain-4-assessment');

    // 年度与合同付款: the provider's year and its balance payment (awaiting the months not signed, each a link).
    await click(page, 'assessment.link.contracts');
    s = await waitState(page, (x) => x.screen === 'contracts' && x.contracts.provider_id === provider &&
      x.contracts.year === year && x.contracts.contracts && x.contracts.year_view && !x.contracts.loading &&
      x.texts[`contracts.balance.${contract.contract_no}`] && x.pending === 0, 'the year', 30000);
    assert.equal(await hashOf(page), `#/contracts?provider=${provider}&year=${year}`);
    assert.equal(s.texts[`contracts.status.${contract.contract_no}.balance`], 'awaiting_assessment');
    assert.match(s.texts[`contracts.balance.${contract.contract_no}`], /尾款待年度考核/);
    const home = s.contracts.year_view.projects.find((p) => p.project_code === 'home_visit');
    assert.ok(!home.missing_months.includes(month), 'the signed month is not among the missing');
    for (const m of home.missing_months) assert.ok(s.items[`contracts.balance.${contract.contract_no}.${m}`], `a link to ${m}`);
    await click(page, `contracts.month.home_visit.${month}`);
    s = await waitState(page, (x) => x.contracts.selected_month === month && x.items['contracts.link.settlement'], 'the month picked');
    await page.mouse.move(5, 880);
    await shot(page, 'chain-5-year');

    // A month's 查看该月结算单: the statement again.
    await click(page, 'contracts.link.settlement');
    s = await waitState(page, (x) => x.screen === 'settlement' && x.settlement.provider_id === provider &&
      x.settlement.month === month && x.settlement.lines.length > 0 && x.pending === 0, 'the statement again', 30000);
    assert.equal(await hashOf(page), statement);

    // Back: the year, the month; Forward: the year.
    await page.goBack();
    await waitState(page, (x) => x.screen === 'contracts' && x.contracts.provider_id === provider && x.pending === 0, 'Back: the year');
    await page.goBack();
    s = await waitState(page, (x) => x.screen === 'assessment' && x.assessment.months.open &&
      x.assessment.months.open.provider_id === provider && x.pending === 0, 'Back: the month', 20000);
    await page.goForward();
    await waitState(page, (x) => x.screen === 'contracts' && x.contracts.provider_id === provider && x.pending === 0, 'Forward: the year');
    assert.equal(await hashOf(page), `#/contracts?provider=${provider}&year=${year}`);

    // A malformed link says what is wrong, in Chinese.
    await go(page, `#/settlement?month=${year}-13&provider=${provider}`);
    s = await waitState(page, (x) => x.screen === 'settlement' && x.status.kind === 'error', 'a malformed link refused');
    assert.match(s.status.text, /month=“\d{4}-13” 应写作 2026-10/);
  });
  assert.deepEqual(problems, []);
});
