// Browser test of navigation (issue 9): a URL for every screen and record — a deep link to an order opens it
// after the session check, Back / Forward / F5 keep the place, an order opens in a new tab, a link can be
// copied; the intake draft survives a reload; 派单给镇街 asks first (Esc cancels: the order is unchanged on the
// server; Enter confirms); leaving an edited profile asks (in the app and when the tab closes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, press, typeKeys, focusField, imeCompose, shot, openDashboard, users,
  api, apiSignIn, signIn, providerOneElder, createBooking,
  scrollTo,
} from './lib.mjs';

const hashOf = (page) => page.evaluate(() => window.location.hash);

async function waitOrder(page, code, what) {
  return waitState(page, (s) => s.screen === 'order_detail' && s.orders.current && s.orders.current.code === code &&
    s.pending === 0, what);
}

async function waitHash(page, hash) {
  const deadline = Date.now() + 10000;
  let h = '';
  while (Date.now() < deadline) {
    h = await hashOf(page);
    if (h === hash) return;
    await sleep(80);
  }
  assert.equal(h, hash, 'the address bar follows the screen');
}

test('navigation: deep link, Back/Forward, reload, new tab, confirmations, draft and unsaved edits', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const agentApi = await apiSignIn(u.agent.username, u.agent.password);
  // A booking in a town provider 1 covers (it can go to a provider or to the town).
  const setup = await providerOneElder(agentApi);
  const { elder } = setup;
  const order = await createBooking(agentApi, setup, '导航测试：深链接与确认对话框');
  const code = order.code;

  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1280, height: 720 };
  const { context, page, problems } = await openDashboard(browser, viewport);
  await signIn(page, u.agent.username, u.agent.password);
  await waitHash(page, '#/home');

  // ---- a link sent by a colleague: a fresh page opened on the order's URL ----
  const linked = await context.newPage();
  await linked.goto(`${BASE}/#/orders/${code}`);
  await waitOrder(linked, code, 'the linked order');
  await waitHash(linked, `#/orders/${code}`);
  await shot(linked, 'nav-deep-link-order');
  await linked.close();

  // ---- in the first page: open it by its URL, go elsewhere, Back, Forward, reload ----
  await page.evaluate((h) => { window.location.hash = h; }, `#/orders/${code}`);
  await waitOrder(page, code, 'order opened from the address bar');
  await click(page, 'nav.kpis');
  await waitState(page, (s) => s.screen === 'kpis', 'indicators');
  await waitHash(page, '#/kpis');
  await page.goBack();
  await waitOrder(page, code, 'Back returns to the order');
  await waitHash(page, `#/orders/${code}`);
  await page.goForward();
  await waitState(page, (s) => s.screen === 'kpis', 'Forward returns to the indicators');
  await page.goBack();
  await waitOrder(page, code, 'Back again');
  await page.reload();
  await waitOrder(page, code, 'F5 keeps the order');
  await waitHash(page, `#/orders/${code}`);
  // Back still leads to where we were before the order (history entries were not doubled by the reload).
  await page.goBack();
  await waitState(page, (s) => s.screen === 'home', 'Back after reload: home');
  await page.goForward();
  await waitOrder(page, code, 'Forward to the order again');

  // ---- an order opens in a new tab; its link can be copied ----
  const [tab] = await Promise.all([context.waitForEvent('page'), click(page, 'order.new_tab')]);
  await tab.waitForLoadState();
  assert.ok(tab.url().endsWith(`#/orders/${code}`), `new tab URL ${tab.url()}`);
  await waitOrder(tab, code, 'the order in the new tab');
  await tab.close();
  await click(page, 'order.copy_link');
  const copied = await page.evaluate(() => window.yiyangLastCopiedLink);
  assert.equal(copied, `${BASE}/#/orders/${code}`);

  // ---- 派单给镇街 asks; Esc cancels (nothing sent), Enter confirms ----
  await click(page, 'order.action.dispatch_town');
  let s = await waitState(page, (x) => x.nav.confirm && x.items['confirm.ok'], 'the confirmation');
  assert.equal(s.nav.confirm.id, 'order.dispatch_town');
  assert.ok(s.nav.confirm.message.includes(code), s.nav.confirm.message);
  await sleep(200);
  await shot(page, 'nav-confirm-dispatch-town');
  await press(page, 'Escape');
  await waitState(page, (x) => !x.nav.confirm && !x.items['confirm.ok'], 'dialog closed by Esc');
  let server = await api(agentApi, 'GET', `/api/v1/orders/${order.id}`);
  assert.equal(server.body.order.status, 'received', 'Esc: the order is unchanged on the server');
  assert.equal(server.body.order.version, order.version);
  await click(page, 'order.action.dispatch_town');
  await waitState(page, (x) => x.nav.confirm && x.items['confirm.ok'], 'the confirmation again');
  await press(page, 'Enter');
  await waitState(page, (x) => x.orders.current && x.orders.current.status === 'dispatched' && !x.nav.confirm,
    'Enter: dispatched');
  server = await api(agentApi, 'GET', `/api/v1/orders/${order.id}`);
  assert.equal(server.body.order.status, 'dispatched');

  // ---- the intake draft survives a reload (sessionStorage, this user) ----
  page.on('dialog', (d) => d.accept());                  // beforeunload (the draft is unsaved): leave
  await click(page, 'nav.intake');
  await waitState(page, (x) => x.screen === 'intake', 'intake');
  await scrollTo(page, 'intake.description', 'intake.zone.order', { margin: 2 });
  await focusField(page, 'intake.description');
  await imeCompose(page, '老人反映草稿测试内容');
  await waitState(page, (x) => x.intake.form.description === '老人反映草稿测试内容', 'draft typed');
  await press(page, 'Tab');
  const stored = await page.evaluate(() => window.sessionStorage.getItem('yiyang.intake_draft'));
  assert.ok(stored && stored.includes('老人反映草稿测试内容'), `draft in sessionStorage: ${stored}`);
  assert.ok(!(await page.evaluate(() => window.localStorage.length)), 'nothing in localStorage');
  await page.reload();
  s = await waitState(page, (x) => x.screen === 'intake' && x.nav.draft_restored, 'draft restored after F5');
  assert.equal(s.intake.form.description, '老人反映草稿测试内容');
  assert.ok(s.status.text.includes('已恢复未提交的草稿'), s.status.text);
  await shot(page, 'nav-draft-restored');
  // 新来电 with a draft asks first; Esc keeps it.
  await click(page, 'intake.new_call');
  s = await waitState(page, (x) => x.nav.confirm && x.items['confirm.ok'], 'new call asks');
  assert.equal(s.nav.confirm.id, 'intake.new_call');
  await press(page, 'Escape');
  await waitState(page, (x) => !x.nav.confirm && x.intake.form.description === '老人反映草稿测试内容', 'draft kept');
  await click(page, 'intake.new_call');
  await waitState(page, (x) => x.nav.confirm && x.items['confirm.ok'], 'new call asks again');
  await click(page, 'confirm.ok');
  await waitState(page, (x) => !x.nav.confirm && x.intake.form.description === '', 'draft cleared by 新来电');
  await waitState(page, () => true, 'a frame');
  await sleep(200);
  assert.equal(await page.evaluate(() => window.sessionStorage.getItem('yiyang.intake_draft')), null,
    'the cleared draft left sessionStorage');

  // ---- leaving an edited profile asks ----
  await page.evaluate((h) => { window.location.hash = h; }, `#/elders/${elder.id}`);
  await waitState(page, (x) => x.screen === 'elder_profile' && x.form && x.form.id === elder.id && x.pending === 0,
    'the elder profile by its URL');
  await focusField(page, 'profile.address');
  await press(page, 'End');
  await typeKeys(page, ' 3B');
  await press(page, 'Tab');
  await waitState(page, (x) => x.form.address.endsWith(' 3B'), 'address edited');
  await click(page, 'nav.home');
  s = await waitState(page, (x) => x.nav.confirm && x.items['confirm.ok'], 'leaving asks');
  assert.equal(s.nav.confirm.id, 'leave');
  await shot(page, 'nav-confirm-leave-profile');
  await press(page, 'Escape');
  s = await waitState(page, (x) => !x.nav.confirm, 'stayed');
  assert.equal(s.screen, 'elder_profile');
  assert.ok(s.form.address.endsWith(' 3B'), 'the edit is kept');
  // Closing the tab asks too (beforeunload).
  page.removeAllListeners('dialog');
  const dialog = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await Promise.race([dialog, sleep(5000).then(() => 'none')]), 'beforeunload');
  assert.deepEqual(problems, []);
});
