// Browser test of pinch zoom on a touch screen (issue 9: "pinch zoom no longer blocked"): the viewport meta allows
// zoom, the canvas' touch-action lets two fingers zoom, a synthetic two-finger pinch (CDP) on a mobile-emulated page
// raises visualViewport.scale, and the zoomed dashboard is still usable: a tap on a control at its zoomed position
// opens that screen. Screenshots before and after the pinch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, sleep, launch, state, waitState, shot, users, signIn } from './lib.mjs';

const vv = (page) => page.evaluate(() => ({ scale: window.visualViewport.scale,
  left: window.visualViewport.offsetLeft, top: window.visualViewport.offsetTop }));

test('pinch zoom: allowed by the page, zooms on two fingers, taps still hit the right control', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 2,
    isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${BASE}/`);
  await waitState(page, (s) => s.ui_ready && s.screen === 'sign_in', 'sign-in', 30000);

  // The page allows zoom: no user-scalable=no / maximum-scale=1; the canvas leaves pinch-zoom to the browser.
  const meta = await page.$eval('meta[name=viewport]', (m) => m.content);
  assert.ok(!/user-scalable\s*=\s*(no|0)/i.test(meta) && !/maximum-scale\s*=\s*1(\.0*)?\b/i.test(meta), `viewport meta allows zoom: ${meta}`);
  const touchAction = await page.$eval('#canvas', (c) => getComputedStyle(c).touchAction);
  assert.ok(/pinch-zoom|manipulation|auto/.test(touchAction), `canvas touch-action lets two fingers zoom: ${touchAction}`);

  await signIn(page, u.agent.username, u.agent.password);
  await page.mouse.move(1, 1);
  let s = await waitState(page, (x) => x.screen === 'home' && x.pending === 0 && x.items['nav.orders'], 'home');
  assert.equal((await vv(page)).scale, 1, 'not zoomed yet');
  await shot(page, 'pinch-before');

  // Two fingers spread apart around the 工单 entry of the navigation (CDP touch events; Chromium delivers the first
  // finger's touchstart alone, so a canvas that cancels one-finger touchstarts blocks this pinch — as it did before
  // platform/browser.cpp cancelled touchend only). CDP's Input.synthesizePinchGesture does not zoom headless pages.
  const target = s.items['nav.orders'];
  const cx = Math.round(target.x + target.w / 2), cy = Math.round(target.y + target.h / 2);
  const cdp = await context.newCDPSession(page);
  const two = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: two(30) });
  for (let d = 32; d <= 80; d += 2) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: two(d) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  let z = null;
  for (let i = 0; i < 40; i++) {
    z = await vv(page);
    if (z.scale > 1.5) break;
    await sleep(100);
  }
  assert.ok(z.scale > 1.5, `the pinch zoomed the page: visualViewport.scale ${z.scale}`);
  // Let the zoom settle (the last touch moves may still apply): the same scale and offset twice in a row.
  for (let i = 0, last = ''; i < 30; i++) {
    await sleep(150);
    z = await vv(page);
    if (JSON.stringify(z) === last) break;
    last = JSON.stringify(z);
  }
  s = await state(page);
  assert.equal(s.screen, 'home', 'the pinch itself clicked nothing');
  await shot(page, 'pinch-after');

  // A tap on 工单 opens the orders: the zoomed page still takes input on the right control. CDP's coordinates are
  // measured rather than assumed: a two-finger probe (ignored by the dashboard, it moves nothing) reports the page
  // coordinates of two known input points. (Headless Chromium takes CDP touches in page coordinates even when
  // zoomed, so the finger-to-page transform itself is the browser's and not what this checks.)
  await page.evaluate(() => {
    window.addEventListener('touchstart', (e) => {
      window.yyProbe = [...e.touches].map((p) => [p.clientX, p.clientY]);
    }, { capture: true, passive: true });
  });
  const P = [[60, 120], [320, 700]];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart',
    touchPoints: P.map(([x, y], i) => ({ x, y, id: 10 + i })) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await sleep(200);
  const seen = await page.evaluate(() => window.yyProbe);
  assert.ok(seen && seen.length === 2, 'the probe was seen');
  const kx = (seen[1][0] - seen[0][0]) / (P[1][0] - P[0][0]), ky = (seen[1][1] - seen[0][1]) / (P[1][1] - P[0][1]);
  t.diagnostic(`zoom ${JSON.stringify(z)}; input -> page scale ${kx.toFixed(3)}, ${ky.toFixed(3)}`);
  s = await state(page);
  assert.equal(s.screen, 'home', 'the two-finger probe clicked nothing');
  const r = s.items['nav.orders'];
  const vx = P[0][0] + (r.x + r.w / 2 - seen[0][0]) / kx, vy = P[0][1] + (r.y + r.h / 2 - seen[0][1]) / ky;
  assert.ok(vx > 0 && vx < 412 && vy > 0 && vy < 915, `工单 is inside the zoomed view at ${vx},${vy}`);
  await page.touchscreen.tap(vx, vy);
  s = await waitState(page, (x) => x.screen === 'orders', 'the tap on 工单 opened the orders');
  await shot(page, 'pinch-tap-orders');
  assert.deepEqual(problems, [], 'no page errors');
  await context.close();
});
