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

  // Two fingers spread apart around the 工单 entry of the navigation (CDP sends real touch events).
  const target = s.items['nav.orders'];
  const cx = target.x + target.w / 2, cy = target.y + target.h / 2;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.synthesizePinchGesture', { x: Math.round(cx), y: Math.round(cy), scaleFactor: 2.5,
    relativeSpeed: 600, gestureSourceType: 'touch' });
  let z = null;
  for (let i = 0; i < 40; i++) {
    z = await vv(page);
    if (z.scale > 1.5) break;
    await sleep(100);
  }
  assert.ok(z.scale > 1.5, `the pinch zoomed the page: visualViewport.scale ${z.scale}`);
  await sleep(400);
  s = await state(page);
  assert.equal(s.screen, 'home', 'the pinch itself clicked nothing');
  await shot(page, 'pinch-after');

  // A tap where 工单 now appears (layout px -> visual px) opens the orders: input still lands on the right control.
  const r = s.items['nav.orders'];
  const vx = (r.x + r.w / 2 - z.left) * z.scale, vy = (r.y + r.h / 2 - z.top) * z.scale;
  assert.ok(vx > 0 && vx < 412 && vy > 0 && vy < 915, `工单 is inside the zoomed view at ${vx},${vy}`);
  await page.touchscreen.tap(vx, vy);
  s = await waitState(page, (x) => x.screen === 'orders', 'the tap on 工单 opened the orders');
  await shot(page, 'pinch-tap-orders');
  assert.deepEqual(problems, [], 'no page errors');
  await context.close();
});
