// Browser test of the in-app text size and the high-contrast theme (top bar 显示): at 150 % and 200 % the font atlas
// is rebuilt at the larger pixel size, the orders' filters wrap and stay on screen, no order code is clipped; the
// choice is remembered per user across a reload; high contrast turns the theme black / white / yellow.
// Screenshots of the orders list and an order at 100 %, 150 %, 200 % and in high contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, sleep, launch, state, waitState, click, press, shot, assertLayout, openDashboard, users, signIn } from './lib.mjs';

const FILTERS = ['orders.filter.status', 'orders.filter.type', 'orders.filter.channel', 'orders.filter.town',
  'orders.filter.provider', 'orders.filter.period', 'orders.filter.overdue', 'orders.filter.sort', 'orders.search_button',
  'orders.reset'];

async function openOrders(page) {
  await click(page, 'nav.orders');
  return waitState(page, (s) => s.screen === 'orders' && s.orders.list.loaded && s.pending === 0 &&
    s.orders.list.rows.length > 0, 'orders list');
}

async function setDisplay(page, id, done, what) {
  await click(page, 'topbar.display');
  await click(page, id);
  const s = await waitState(page, done, what);
  await press(page, 'Escape');                       // close the menu
  await page.mouse.move(2, 700);
  return s;
}

async function checkOrders(page, view, name) {
  await sleep(300);                                  // a few frames at the new size (tables settle their widths)
  const s = await waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0 &&
    !x.items['topbar.display.menu'], 'orders list settled');
  const clipped = Object.keys(s.texts).filter((k) => k.startsWith('orders.code_clipped.'));
  assert.deepEqual(clipped, [], `no order code clipped at ${name}: ${clipped.map((k) => s.texts[k]).join(', ')}`);
  assertLayout(s, FILTERS, view);
  const rows = Object.keys(s.items).filter((k) => k.startsWith('orders.row.') && s.items[k].visible);
  assert.ok(rows.length > 0, 'rows visible');
  for (const r of rows) assert.ok(s.items[r].x + s.items[r].w <= view.width + 0.5, `${r} inside the window`);
  await shot(page, `textsize-orders-${name}`);
  const first = s.orders.list.rows[0];
  // On the code (the row's centre lies over other columns' items at large sizes).
  const r = s.items[`orders.row.${first.id}`];
  await page.mouse.move(r.x + 40, r.y + r.h / 2);
  await sleep(60);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === first.id &&
    x.orders.current.history_loaded && x.pending === 0, 'order detail');
  await page.mouse.move(2, 700);
  const d = await state(page);
  assertLayout(d, ['order.back', 'order.code', 'order.left', 'order.right'], view);
  await shot(page, `textsize-order-${name}`);
  await click(page, 'order.back');
  return waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0, 'back to the list');
}

test('text size 100-200 % reflows the orders; remembered per user; high contrast', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const view = { width: 1280, height: 720 };
  const { page, problems } = await openDashboard(browser, view);
  await signIn(page, u.agent.username, u.agent.password);
  let s = await openOrders(page);
  assert.equal(s.display.text_percent, 100);
  const px100 = s.display.font_px;
  await checkOrders(page, view, '100');

  for (const p of [150, 200]) {
    // The atlas is rebuilt at the new pixel size (crisp glyphs, not a stretched texture).
    s = await setDisplay(page, `display.size.${p}`, (x) => x.display.text_percent === p &&
      Math.abs(x.display.font_px - px100 * p / 100) <= 1, `${p} % with the atlas rebuilt at ${px100 * p / 100} px`);
    await checkOrders(page, view, String(p));
  }

  // Remembered for this user: a reload keeps 200 %.
  await page.reload();
  s = await waitState(page, (x) => x.ui_ready && x.user && x.user.username === u.agent.username, 'signed in after reload', 30000);
  s = await waitState(page, (x) => x.display.text_percent === 200, '200 % after the reload');

  s = await openOrders(page);
  // The theme is rebuilt the frame after the choice: wait for its black background.
  s = await setDisplay(page, 'display.contrast', (x) => x.display.high_contrast && x.display.window_bg[0] === 0,
    'high contrast');
  assert.deepEqual(s.display.window_bg, [0, 0, 0], 'black background');
  await setDisplay(page, 'display.size.100', (x) => x.display.text_percent === 100 && x.display.font_px === px100, '100 %');
  await checkOrders(page, view, 'contrast');
  assert.deepEqual(problems, [], 'no page errors');
});
