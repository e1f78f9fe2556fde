// The work-order loop end to end in the browser (issue 3): an agent takes a call and types a Chinese
// description on the intake screen, dispatches the order to provider 1 from the ranked candidates, the
// provider accepts, starts and completes it with evidence, a supervisor reviews it in the dashboard (the agent's
// open order follows without a reload), the agent calls back
// (非常满意) — and the home screen's 服务满意率 tile counts that callback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, press, typeKeys, focusField, clearField, imeCompose, shot,
  openDashboard, users, api, apiSignIn, signIn, confirmDialog, scrollTo, cstMinutes, providerOneElder,
} from './lib.mjs';

const counts = (text) => {
  const m = /^(\d+)\/(\d+)$/.exec(text || '');
  assert.ok(m, `tile counts "${text}" read as num/den`);
  return { num: Number(m[1]), den: Number(m[2]) };
};

test('the loop: intake with a Chinese description → dispatch → provider completes → callback → the tile moves', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const admin = await apiSignIn(u.admin.username, u.admin.password);

  // A caller the intake can find by phone: an active elder with a mobile number in a town provider 1 covers.
  const { elder, category } = await providerOneElder(admin, { mobile: true });
  const description = '老人独居行动不便，家属来电预约上门服务，请尽快安排';

  const browser = await launch();
  t.after(() => browser.close());
  // Full HD: the SOS banner of the demo city's open emergencies sits above every agent screen.
  const view = { width: 1920, height: 1080 };
  const agent = await openDashboard(browser, view);
  const page = agent.page;
  let order = null;
  let before = null;

  await t.test('agent: the satisfaction tile before', async () => {
    await signIn(page, u.agent.username, u.agent.password);
    const s = await waitState(page, (x) => x.screen === 'home' && x.texts['home.kpi.satisfaction.counts'], 'satisfaction tile');
    before = counts(s.texts['home.kpi.satisfaction.counts']);
    await shot(page, 'loop-home-before');
  });

  await t.test('agent: intake — look the caller up, type the description through the IME, create', async () => {
    await click(page, 'nav.intake');
    await waitState(page, (s) => s.screen === 'intake' && s.items['intake.lookup'], 'intake screen');
    await focusField(page, 'intake.lookup');
    await clearField(page);
    await typeKeys(page, elder.phone);
    await press(page, 'Enter');
    let s = await waitState(page, (x) => x.intake.lookup.searched && !x.intake.lookup.loading, 'caller found');
    if (s.intake.form.elder_id !== elder.id) await click(page, `intake.use_elder.${elder.id}`);
    await click(page, 'intake.type');
    await click(page, 'intake.type_option.booking');
    await scrollTo(page, `intake.category.${category}`, 'intake.zone.order');
    await click(page, `intake.category.${category}`);
    await scrollTo(page, 'intake.description', 'intake.zone.order');
    await focusField(page, 'intake.description');
    await imeCompose(page, description);
    await waitState(page, (x) => x.intake.form.description === description && x.intake.form.elder_id === elder.id, 'form filled');
    await scrollTo(page, 'intake.submit', 'intake.zone.order');
    await click(page, 'intake.submit');
    s = await waitState(page, (x) => x.intake.form.created && x.pending === 0, 'order created');
    order = s.intake.form.created;
    assert.match(order.code, /^GD\d{12}$/);
    await click(page, 'intake.open_created');
    s = await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === order.id, 'order detail');
    assert.equal(s.orders.current.description, description, 'the description as typed');
  });

  await t.test('agent: dispatch to provider 1 from the ranked candidates', async () => {
    await click(page, 'order.action.dispatch_provider');
    await waitState(page, (x) => x.orders.candidates.loaded, 'candidates');
    await scrollTo(page, 'order.candidate.1', 'order.right');
    let s = await state(page);
    assert.match(s.texts['order.candidate.1'], /类别匹配/);
    await click(page, 'order.candidate.1');
    await waitState(page, (x) => x.orders.form.provider_id === 1, 'chosen');
    await click(page, 'order.submit');
    await confirmDialog(page, 'order.dispatch_provider');
    s = await waitState(page, (x) => x.orders.current.status === 'dispatched' && x.pending === 0, 'dispatched');
    assert.equal(s.orders.current.provider_id, 1);
  });

  await t.test('provider: accept, start, complete with evidence', async () => {
    const prov = await openDashboard(browser, { width: 1920, height: 1080 });
    const pp = prov.page;
    await signIn(pp, u.provider.username, u.provider.password);
    await click(pp, 'nav.orders');
    await waitState(pp, (x) => x.screen === 'orders' && x.orders.list.rows.some((r) => r.id === order.id), 'the order in the provider list');
    await click(pp, `orders.row.${order.id}`);
    await waitState(pp, (x) => x.orders.current && x.orders.current.id === order.id, 'detail');
    await click(pp, 'order.action.accept');
    await confirmDialog(pp, 'order.accept');
    await waitState(pp, (x) => x.orders.current.status === 'accepted' && x.pending === 0, 'accepted');
    await click(pp, 'order.action.start');
    await waitState(pp, (x) => x.orders.current.status === 'in_service' && x.pending === 0, 'in service');
    await click(pp, 'order.action.complete');
    await focusField(pp, 'order.evidence.caregiver');
    await imeCompose(pp, '李护工');
    await focusField(pp, 'order.evidence.from');
    await typeKeys(pp, cstMinutes(2));
    await focusField(pp, 'order.evidence.to');
    await typeKeys(pp, cstMinutes(1));
    await focusField(pp, 'order.evidence.place');
    await imeCompose(pp, '老人家中');
    await click(pp, 'order.submit');
    await waitState(pp, (x) => x.orders.current.status === 'completed' && x.pending === 0, 'completed');
    assert.deepEqual(prov.problems, []);
    await prov.context.close();
  });

  await t.test('a supervisor reviews it in the dashboard; the agent\'s open order follows by itself', async () => {
    const supv = await openDashboard(browser, { width: 1280, height: 720 });
    const sp = supv.page;
    await signIn(sp, u.supervisor.username, u.supervisor.password);
    await click(sp, 'nav.orders');
    await waitState(sp, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0, 'supervisor: orders');
    await focusField(sp, 'orders.open_id');
    await clearField(sp);
    await typeKeys(sp, String(order.id));
    await click(sp, 'orders.open_button');
    await waitState(sp, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === order.id &&
      x.orders.current.legal_actions.includes('review_pass') && x.pending === 0, 'supervisor: the completed order');
    await click(sp, 'order.action.review_pass');
    await confirmDialog(sp, 'order.review_pass');
    await waitState(sp, (x) => x.orders.current.status === 'reviewed' && x.pending === 0, 'supervisor: reviewed');
    assert.deepEqual(supv.problems, []);
    await supv.context.close();
    // The agent has the order open with nothing typed: the live feed brings the review without a reload.
    await waitState(page, (x) => x.orders.current.status === 'reviewed' && x.orders.current.legal_actions.includes('callback'),
      'the agent sees it reviewed', 6000);
  });

  await t.test('the agent calls back 非常满意, the tile moves', async () => {
    await click(page, 'order.action.callback');
    await click(page, 'order.satisfaction.1');
    await waitState(page, (x) => x.orders.form.satisfaction === 1, 'answer chosen');
    await click(page, 'order.submit');
    let s = await waitState(page, (x) => x.orders.current.status === 'called_back' && x.pending === 0, 'called back');
    assert.equal(s.orders.current.satisfaction, 1);
    await click(page, 'nav.home');
    s = await waitState(page, (x) => x.screen === 'home' && x.texts['home.kpi.satisfaction.counts'] &&
      counts(x.texts['home.kpi.satisfaction.counts']).den === before.den + 1, 'the satisfaction tile counts the callback', 20000);
    const after = counts(s.texts['home.kpi.satisfaction.counts']);
    assert.equal(after.num, before.num + 1, 'a satisfied answer adds to the numerator');
    assert.equal(after.den, before.den + 1, 'and to the denominator');
    await shot(page, 'loop-home-after');
    assert.deepEqual(agent.problems, []);
  });
});
