// Browser test of 服务地图 (issue 12, the map part): a supervisor opens the map, the schematic note and the legend
// show, a category chip loads that circle, the +/− buttons and the wheel zoom, a drag pans, a town row centres the
// map on that town; on a touch screen a two-finger pinch over the map zooms the map. Screenshots of each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, sleep, launch, state, waitState, click, shot, openDashboard, users, signIn, center, assertLayout } from './lib.mjs';

const ready = (s) => s.screen === 'service_map' && s.service_map.loaded && !s.service_map.loading && s.pending === 0 &&
  s.items['service_map.map.canvas'];
const mpp = (s) => s.service_map.view.metres_per_px;

test('服务地图: chips, zoom by buttons and wheel, drag, a town row centres the map', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1440, height: 900 });
  await signIn(page, u.supervisor.username, u.supervisor.password);
  await click(page, 'nav.service_map');
  let s = await waitState(page, ready, 'the service map', 30000);
  assert.match(await page.evaluate(() => location.hash), /^#\/map/);
  assert.equal(s.service_map.category, 'any');
  assert.equal(s.texts['service_map.map.note'], '示意图：镇街范围按中心位置近似');
  assert.ok(s.service_map.towns.length >= 10, 'the towns in the table');
  assert.ok(s.service_map.points > 0 && s.service_map.cells > 0, 'points and density cells drawn');
  assert.match(s.service_map.rate, /^\d+(\.\d)?%$|^—$/);
  for (const id of ['service_map.map.zoom_in', 'service_map.map.zoom_out', 'service_map.map.reset']) {
    const r = s.items[id];
    assert.ok(r && r.w >= 48 && r.h >= 48, `${id} is at least 48 px: ${JSON.stringify(r)}`);
  }
  assertLayout(s, ['service_map.map.legend', 'service_map.map.zoom_in', 'service_map.map.zoom_out',
    'service_map.map.reset'], { width: 1440, height: 900 });
  assertLayout(s, ['service_map.map.note', 'service_map.table'], { width: 1440, height: 900 });
  await shot(page, 'service-map-1440');

  // ---- a chip: the meals circle ----
  await click(page, 'service_map.chip.meals');
  s = await waitState(page, (x) => ready(x) && x.service_map.reply_category === 'meals', 'the meals circle');
  assert.equal(s.service_map.category, 'meals');
  await shot(page, 'service-map-meals');

  // ---- zoom: the + button (fit → ⅔ of the scale), − (×1.5) ----
  await click(page, 'service_map.map.zoom_in');
  s = await waitState(page, (x) => ready(x) && mpp(x) > 0, 'zoomed in');
  const m1 = mpp(s);
  await click(page, 'service_map.map.zoom_out');
  s = await waitState(page, (x) => ready(x) && mpp(x) > m1 * 1.4, 'zoomed out');
  assert.ok(Math.abs(mpp(s) / m1 - 1.5) < 0.01, `− multiplies the scale by 1.5: ${m1} → ${mpp(s)}`);
  await click(page, 'service_map.map.zoom_in');
  s = await waitState(page, (x) => ready(x) && Math.abs(mpp(x) - m1) < m1 * 0.01, 'zoomed back in');

  // ---- the wheel over the map zooms in around the pointer ----
  const c = center(s, 'service_map.map.canvas');
  await page.mouse.move(c.x + 40, c.y + 30);
  await sleep(100);
  const m2 = mpp(s);
  await page.mouse.wheel(0, -100);
  s = await waitState(page, (x) => ready(x) && mpp(x) < m2 * 0.9, 'wheel zoom');
  await shot(page, 'service-map-zoomed');

  // ---- drag: right and down moves the view west and north ----
  const before = { ...s.service_map.view };
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(c.x + i * 12, c.y + i * 6);
    await sleep(30);
  }
  await page.mouse.up();
  s = await waitState(page, (x) => ready(x) && x.service_map.view.centre_x_m < before.centre_x_m - 50, 'dragged');
  const dx = (before.centre_x_m - s.service_map.view.centre_x_m) / mpp(s);
  const dy = (s.service_map.view.centre_y_m - before.centre_y_m) / mpp(s);
  assert.ok(dx > 60 && dx < 130 && dy > 30 && dy < 70, `the map followed the pointer: ${dx.toFixed(1)}, ${dy.toFixed(1)} px`);
  assert.equal(s.service_map.chosen_point, 0, 'a drag chose no point');

  // ---- a town row: the map centres on that town ----
  const row = 'service_map.row.3';
  const name = s.texts[row].split('|')[0];
  const id = Number(s.texts[row].split('|')[1]);
  await click(page, row);
  s = await waitState(page, (x) => ready(x) && x.service_map.focused_town === id && x.service_map.view.fit_town === 0 &&
    mpp(x) > 0, `centred on ${name}`);
  const town = s.service_map.towns.find((x) => x.town === id);
  assert.ok(Math.abs(s.service_map.view.centre_x_m - town.x_m) < 1 && Math.abs(s.service_map.view.centre_y_m - town.y_m) < 1,
    `the view's centre is ${name}'s centre`);
  const mark = center(s, `service_map.map.town.${id}`);
  const canvas = center(s, 'service_map.map.canvas');
  assert.ok(Math.abs(mark.x - canvas.x) < 3 && Math.abs(mark.y - canvas.y) < 3, `${name}'s name is in the middle of the map`);
  await shot(page, 'service-map-town');

  // ---- 复位: the whole city again ----
  await click(page, 'service_map.map.reset');
  s = await waitState(page, (x) => ready(x) && mpp(x) === 0, 'reset');
  assert.deepEqual(problems, []);
});

test('服务地图 on a touch screen: a two-finger pinch over the map zooms the map', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const { context, page, problems } = await openDashboard(browser, { width: 1280, height: 800 }, 1, true);
  await signIn(page, u.supervisor.username, u.supervisor.password);
  await click(page, 'nav.service_map');
  let s = await waitState(page, ready, 'the service map', 30000);
  // One zoom step first: the view then has an explicit scale to compare with.
  await click(page, 'service_map.map.zoom_in');
  s = await waitState(page, (x) => ready(x) && mpp(x) > 0, 'zoomed in');
  const m0 = mpp(s);
  const c = center(s, 'service_map.map.canvas');
  const cx = Math.round(c.x), cy = Math.round(c.y);
  const cdp = await context.newCDPSession(page);
  const two = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: two(40) });
  for (let d = 44; d <= 120; d += 4) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: two(d) });
    await sleep(20);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  s = await waitState(page, (x) => ready(x) && mpp(x) < m0 * 0.6, 'the pinch zoomed the map');
  const scale = await page.evaluate(() => window.visualViewport.scale);
  assert.equal(scale, 1, 'the page itself did not zoom');
  await shot(page, 'service-map-pinch');
  assert.deepEqual(problems, []);
});
