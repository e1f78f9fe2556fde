// Browser test of the work-order workbench (工单): an agent dispatches from the list and the candidates (with
// their reasons), a provider (provider 1) accepts, starts and completes with evidence typed in the UI, cannot
// see another provider's order, declines one with a reason typed through the IME; a supervisor reviews; the
// agent calls back (satisfaction 2) and the history shows every step. Orders are set up through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, press, typeKeys, focusField, clearField, imeCompose, shot, assertLayout,
  openDashboard, users, api, apiSignIn, signIn, confirmDialog, scrollTo, cstMinutes, providerOneElder, createBooking,
} from './lib.mjs';

async function openOrders(page) {
  await click(page, 'nav.orders');
  return waitState(page, (s) => s.screen === 'orders' && s.orders.list.loaded && s.pending === 0 && s.texts['orders.summary'] &&
    s.texts['orders.total'] === String(s.orders.list.total), 'orders list');
}

async function openById(page, id) {
  await focusField(page, 'orders.open_id');
  await clearField(page);
  await typeKeys(page, String(id));
  await click(page, 'orders.open_button');
}

test('order workbench: dispatch with reasons, provider completes with evidence, review, callback, history', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const agentApi = await apiSignIn(u.agent.username, u.agent.password);

  // ---- set-up through the API: provider 1's own category and town, an elder there ----
  const setup = await providerOneElder(agentApi);
  const { category, elder } = setup;
  const createOrder = (description) => createBooking(agentApi, setup, description);
  const mine = await createOrder('老人需要上门服务，请尽快安排（派单测试）');
  const other = await createOrder('另一家服务商的工单（权限测试）');
  const toDecline = await createOrder('拒单测试：老人临时外出');
  // `other` goes to another eligible provider, `toDecline` to provider 1 (through the API).
  const cands = await api(agentApi, 'GET', `/api/v1/dispatch/candidates?order=${other.id}`);
  assert.equal(cands.status, 200);
  const otherProvider = cands.body.candidates.find((c) => c.eligible && c.provider_id !== 1);
  assert.ok(otherProvider, 'a second eligible provider exists for the scope test');
  let r = await api(agentApi, 'POST', `/api/v1/orders/${other.id}/transitions`, { action: 'dispatch_provider', provider_id: otherProvider.provider_id });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await api(agentApi, 'POST', `/api/v1/orders/${toDecline.id}/transitions`, { action: 'dispatch_provider', provider_id: 1 });
  assert.equal(r.status, 200, JSON.stringify(r.body));

  const browser = await launch();
  t.after(() => browser.close());
  const agentView = { width: 1280, height: 720 };
  const agent = await openDashboard(browser, agentView);
  const providerView = { width: 1920, height: 1080 };
  const provider = await openDashboard(browser, providerView);

  await t.test('agent: the list shows the new order; filters and table fit 1280x720', async () => {
    await signIn(agent.page, u.agent.username, u.agent.password);
    const s = await openOrders(agent.page);
    assert.ok(s.orders.list.rows.some((x) => x.id === mine.id), 'the new order is on the first page (newest first)');
    assert.match(s.texts['orders.summary'], /^共 \d+ 条/);
    assert.equal(Number(s.texts['orders.total']), s.orders.list.total);
    const row = s.orders.list.rows.find((x) => x.id === mine.id);
    assert.equal(row.code, mine.code);
    assert.equal(row.status, 'received');
    assert.ok(s.items['orders.filter.provider'], 'desk roles filter by provider');
    assertLayout(s, ['orders.filter.status', 'orders.filter.type', 'orders.filter.channel', 'orders.filter.town',
      'orders.filter.provider', 'orders.filter.period', 'orders.filter.overdue', 'orders.filter.sort',
      'orders.search_button', 'orders.reset', 'orders.open_id', 'orders.open_button', 'orders.table', 'orders.summary',
      'orders.prev', 'orders.next', 'nav.orders'], agentView);
    await shot(agent.page, 'orders-list-1280x720');
    // A filter goes to the server: only dispatched orders, then back to all.
    await click(agent.page, 'orders.filter.status');
    await click(agent.page, 'orders.filter.status.dispatched');
    const f = await waitState(agent.page, (x) => x.orders.list.loaded && x.orders.list.rows.length > 0 &&
      x.orders.query.status === 'dispatched' && x.pending === 0 && x.orders.list.rows.every((r) => r.status === 'dispatched'), 'status filter');
    assert.ok(f.orders.list.rows.some((x) => x.id === other.id), 'the dispatched order of the other provider is listed');
    assert.ok(!f.orders.list.rows.some((x) => x.id === mine.id));
    await click(agent.page, 'orders.reset');
    await waitState(agent.page, (x) => x.orders.query.status === '' && x.orders.list.rows.some((r) => r.id === mine.id) && x.pending === 0, 'filters reset');
  });

  await t.test('agent: open the order, the candidates show why they rank, dispatch to provider 1', async () => {
    await click(agent.page, `orders.row.${mine.id}`);
    let s = await waitState(agent.page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === mine.id &&
      x.orders.current.history_loaded, 'order detail');
    assert.ok(s.orders.current.legal_actions.includes('dispatch_provider'));
    assert.ok(!s.orders.current.legal_actions.includes('accept'), 'only the actions the server allows the agent');
    assert.ok(!s.items['order.action.accept']);
    await click(agent.page, 'order.action.dispatch_provider');
    s = await waitState(agent.page, (x) => x.orders.candidates.loaded && x.orders.form.action === 'dispatch_provider', 'candidates');
    const top = s.orders.candidates.items.find((c) => c.rank === 1);
    assert.ok(top, 'a top candidate');
    s = await waitState(agent.page, (x) => x.items[`order.candidate.${top.provider_id}`] &&
      x.items[`order.candidate.${top.provider_id}`].visible, 'the top candidate on screen');
    assert.match(s.texts[`order.candidate.${top.provider_id}`], /类别匹配/, 'the reasons are shown');
    assert.equal(s.texts[`order.candidate.${top.provider_id}`], top.reasons);
    assert.ok(s.orders.candidates.items.filter((c) => !c.eligible).every((c) => c.ineligible_reason.length > 0),
      'every excluded provider has its reason');
    // Submitting without a choice is refused beside the panel.
    await click(agent.page, 'order.submit');
    s = await waitState(agent.page, (x) => x.orders.field_errors.provider_id, 'choose-a-provider message');
    assert.match(s.orders.field_errors.provider_id, /选择/);
    await scrollTo(agent.page, 'order.candidate.1', 'order.right');
    await click(agent.page, 'order.candidate.1');
    s = await waitState(agent.page, (x) => x.orders.form.provider_id === 1, 'provider 1 chosen');
    await agent.page.mouse.move(5, 700);
    await shot(agent.page, 'order-detail-candidates-1280x720');
    assertLayout(s, ['order.back', 'order.code', 'order.reload', 'order.left', 'order.right'], agentView);
    await click(agent.page, 'order.submit');
    await confirmDialog(agent.page, 'order.dispatch_provider');   // names the order and the provider (navigation.test)
    s = await waitState(agent.page, (x) => x.orders.current.status === 'dispatched' && x.pending === 0, 'dispatched');
    assert.equal(s.orders.current.provider_id, 1);
    assert.match(s.orders.last_success, /派单给服务商/);
    assert.ok(!s.orders.current.legal_actions.includes('dispatch_provider'));
  });

  await t.test('provider: sees only its own orders; another provider\'s order is refused in Chinese', async () => {
    await signIn(provider.page, u.provider.username, u.provider.password);
    const s = await openOrders(provider.page);
    const ids = s.orders.list.rows.map((x) => x.id);
    assert.ok(ids.includes(mine.id), 'the dispatched order is in the provider\'s list');
    assert.ok(!ids.includes(other.id), 'another provider\'s order is not');
    assert.ok(s.orders.list.rows.every((x) => x.provider_id === 1), 'every row is provider 1\'s');
    assert.equal(s.items['orders.filter.provider'], undefined, 'no provider filter for a provider');
    assertLayout(s, ['orders.filter.status', 'orders.filter.type', 'orders.filter.channel', 'orders.filter.town',
      'orders.filter.period', 'orders.filter.overdue', 'orders.filter.sort', 'orders.search_button', 'orders.reset',
      'orders.open_id', 'orders.open_button', 'orders.table', 'orders.summary', 'orders.next'], providerView);
    await shot(provider.page, 'orders-list-provider-1920x1080');
    await openById(provider.page, other.id);
    const refused = await waitState(provider.page, (x) => x.orders.last_error !== '' && x.pending === 0, 'refusal');
    assert.match(refused.orders.last_error, /无权/);
    assert.match(refused.status.text, /无权/);
    assert.equal(refused.screen, 'orders', 'stays on the list');
    // Through the API too.
    const pApi = await apiSignIn(u.provider.username, u.provider.password);
    assert.equal((await api(pApi, 'GET', `/api/v1/orders/${other.id}`)).status, 403);
    assert.equal((await api(pApi, 'POST', `/api/v1/orders/${other.id}/transitions`, { action: 'accept' })).status, 403);
  });

  await t.test('provider: accept, start, complete with evidence typed in the UI', async () => {
    const page = provider.page;
    await click(page, `orders.row.${mine.id}`);
    let s = await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === mine.id, 'detail');
    assert.deepEqual(s.orders.current.legal_actions.filter((a) => ['accept', 'decline'].includes(a)), ['accept', 'decline']);
    await click(page, 'order.action.accept');
    await confirmDialog(page, 'order.accept');
    s = await waitState(page, (x) => x.orders.current.status === 'accepted' && x.pending === 0, 'accepted');
    await click(page, 'order.action.start');
    s = await waitState(page, (x) => x.orders.current.status === 'in_service' && x.pending === 0, 'in service');
    await click(page, 'order.action.complete');
    await waitState(page, (x) => x.items['order.evidence.caregiver'], 'evidence form');
    // Nothing filled: every missing field gets its Chinese message, nothing is sent.
    await click(page, 'order.submit');
    s = await waitState(page, (x) => x.orders.field_errors.caregiver && x.orders.field_errors.from &&
      x.items['order.error.caregiver'] && x.items['order.error.place'], 'evidence errors');
    for (const f of ['caregiver', 'from', 'to', 'place']) {
      assert.match(s.orders.field_errors[f], /[\u4e00-\u9fff]/, `${f}: Chinese message`);
      assert.ok(s.items[`order.error.${f}`], `${f}: message beside the field`);
    }
    assert.equal(s.orders.current.status, 'in_service');
    await focusField(page, 'order.evidence.caregiver');
    await imeCompose(page, '王秀兰');
    await focusField(page, 'order.evidence.from');
    await typeKeys(page, '2026-13-01T09:30');
    await focusField(page, 'order.evidence.to');
    await typeKeys(page, cstMinutes(1));
    await focusField(page, 'order.evidence.place');
    await imeCompose(page, '老人家中');
    await focusField(page, 'order.evidence.photo_refs');
    await typeKeys(page, 'P1001,P1002');
    await click(page, 'order.submit');
    s = await waitState(page, (x) => x.orders.field_errors.from && !x.orders.field_errors.caregiver, 'bad start time');
    assert.match(s.orders.field_errors.from, /格式/);
    await focusField(page, 'order.evidence.from');
    await clearField(page);
    await typeKeys(page, cstMinutes(2));
    s = await waitState(page, (x) => x.orders.form.caregiver === '王秀兰' && x.orders.form.place === '老人家中', 'typed evidence');
    await page.mouse.move(5, 1000);
    await shot(page, 'order-evidence-form-1920x1080');
    await click(page, 'order.submit');
    s = await waitState(page, (x) => x.orders.current.status === 'completed' && x.pending === 0, 'completed');
    assert.match(s.orders.last_success, /完成服务/);
    assert.ok(s.orders.current.clocks >= 1, 'the review clock runs once the service is completed');
    assert.ok(s.items['order.clock.0'], 'and is drawn');
    const ev = s.orders.current.history.find((h) => h.action === 'complete');
    assert.equal(ev.details.evidence.caregiver, '王秀兰');
    assert.deepEqual(ev.details.evidence.photo_refs, ['P1001', 'P1002']);
  });

  await t.test('provider: a decline with a reason typed through the IME returns the order to the queue', async () => {
    const page = provider.page;
    await click(page, 'order.back');
    await waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0, 'back to the list');
    await click(page, `orders.row.${toDecline.id}`);
    await waitState(page, (x) => x.orders.current && x.orders.current.id === toDecline.id, 'order to decline');
    await click(page, 'order.action.decline');
    await click(page, 'order.submit');
    let s = await waitState(page, (x) => x.orders.field_errors.reason && x.items['order.error.reason'], 'reason required');
    assert.match(s.orders.field_errors.reason, /拒单原因/);
    await focusField(page, 'order.reason');
    await imeCompose(page, '老人临时外出，无法上门');
    await click(page, 'order.submit');
    s = await waitState(page, (x) => x.orders.current.status === 'received' && x.pending === 0, 'declined');
    assert.equal(s.orders.current.provider_id, null);
    const back = await api(agentApi, 'GET', `/api/v1/orders/${toDecline.id}`);
    assert.equal(back.body.order.status, 'received', 'back in the queue');
    assert.ok(back.body.legal_actions.includes('dispatch_provider'), 'to be dispatched again');
    const hist = await api(agentApi, 'GET', `/api/v1/orders/${toDecline.id}/history`);
    assert.equal(hist.body.events.at(-1).reason, '老人临时外出，无法上门');
  });

  await t.test('supervisor: review_pass', async () => {
    const sup = await openDashboard(browser, agentView);
    await signIn(sup.page, u.supervisor.username, u.supervisor.password);
    await openOrders(sup.page);
    await openById(sup.page, mine.id);
    let s = await waitState(sup.page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === mine.id, 'detail');
    assert.ok(s.orders.current.legal_actions.includes('review_pass'));
    await click(sup.page, 'order.action.review_pass');
    await confirmDialog(sup.page, 'order.review_pass');
    s = await waitState(sup.page, (x) => x.orders.current.status === 'reviewed' && x.pending === 0, 'reviewed');
    assert.deepEqual(sup.problems, []);
    await sup.context.close();
  });

  await t.test('agent: callback with satisfaction 2; the history shows every step', async () => {
    const page = agent.page;
    await click(page, 'order.reload');
    let s = await waitState(page, (x) => x.orders.current.status === 'reviewed' && x.orders.current.legal_actions.includes('callback'), 'reviewed, callback offered');
    await click(page, 'order.action.callback');
    await click(page, 'order.satisfaction.2');
    s = await waitState(page, (x) => x.orders.form.satisfaction === 2, 'satisfaction chosen');
    assert.ok(s.items['order.callback_hint'] && s.items['order.callback_hint'].visible, 'the rectification hint is shown');
    await scrollTo(page, 'order.submit', 'order.right');   // the SOS banner of the demo city takes height
    await page.mouse.move(5, 700);
    await shot(page, 'order-callback-1280x720');
    await click(page, 'order.submit');
    s = await waitState(page, (x) => x.orders.current.status === 'called_back' && x.orders.current.history_loaded &&
      x.orders.current.history.some((h) => h.action === 'callback') && x.pending === 0, 'called back');
    assert.equal(s.orders.current.satisfaction, 2);
    assert.match(s.texts['order.satisfaction_value'], /2 比较满意/);
    const actions = s.orders.current.history.map((h) => h.action);
    assert.deepEqual(actions, ['create', 'dispatch_provider', 'accept', 'start', 'complete', 'review_pass', 'callback']);
    const moves = s.orders.current.history.slice(1).map((h) => `${h.from}>${h.to}`);
    assert.deepEqual(moves, ['received>dispatched', 'dispatched>accepted', 'accepted>in_service', 'in_service>completed',
      'completed>reviewed', 'reviewed>called_back']);
    s = await waitState(page, (x) => actions.every((_, i) => x.items[`order.history.${i}`]), 'every history row drawn');
    // Back keeps the list's filters and page.
    await click(page, 'order.back');
    s = await waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0, 'list again');
    assert.equal(s.orders.list.rows.find((x) => x.id === mine.id).status, 'called_back');
    assert.deepEqual(agent.problems, []);
    assert.deepEqual(provider.problems, []);
  });

  await t.test('agent: an open order changed elsewhere shows its new state; typed input is kept and the panel says so', async () => {
    const page = agent.page;
    // Nothing typed: the detail follows the change by itself (the live feed lists the order as changed).
    const x = await createOrder('他人更新测试：详情自动刷新');
    await openById(page, x.id);
    let s = await waitState(page, (y) => y.screen === 'order_detail' && y.orders.current && y.orders.current.id === x.id &&
      y.pending === 0, 'order X open');
    const before = s.orders.refreshes;
    const t0 = Date.now();
    r = await api(agentApi, 'POST', `/api/v1/orders/${x.id}/transitions`, { action: 'dispatch_provider', provider_id: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    s = await waitState(page, (y) => y.orders.current.status === 'dispatched' && y.orders.refreshes > before, 'X refreshed', 5000);
    t.diagnostic(`open order refreshed ${Date.now() - t0} ms after another session dispatched it`);
    assert.equal(s.orders.changed_elsewhere, false);
    assert.equal(s.orders.current.provider_id, 1);

    // Input in the action panel: kept, and the panel says the order changed, with a reload.
    const y = await createOrder('他人更新测试：保留已填写内容');
    await click(page, 'order.back');
    await waitState(page, (z) => z.screen === 'orders' && z.orders.list.loaded && z.pending === 0, 'back to the list');
    await openById(page, y.id);
    s = await waitState(page, (z) => z.orders.current && z.orders.current.id === y.id && z.pending === 0 &&
      z.items['order.action.cancel'], 'order Y open with cancel offered');
    await click(page, 'order.action.cancel');
    await focusField(page, 'order.reason');
    await typeKeys(page, 'duplicate');
    s = await waitState(page, (z) => z.orders.form.action === 'cancel' && z.orders.form.reason === 'duplicate', 'reason typed');
    r = await api(agentApi, 'POST', `/api/v1/orders/${y.id}/transitions`, { action: 'dispatch_provider', provider_id: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    s = await waitState(page, (z) => z.orders.changed_elsewhere && z.items['order.changed_elsewhere'], 'changed elsewhere notice', 5000);
    assert.equal(s.orders.current.status, 'received', 'the shown state is kept while input is pending');
    assert.equal(s.orders.form.reason, 'duplicate', 'the typed reason is kept');
    await shot(page, 'order-changed-elsewhere-1280x720');
    await click(page, 'order.changed_reload');
    s = await waitState(page, (z) => z.orders.current.status === 'dispatched' && !z.orders.changed_elsewhere && z.pending === 0, 'reloaded');
    assert.deepEqual(agent.problems, []);
  });
});
