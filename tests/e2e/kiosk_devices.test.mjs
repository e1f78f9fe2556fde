// Browser test of 展厅设备 (issue 12, kiosk-devices): the administrator registers a kiosk on the screen; the dialog
// shows the URL and a QR code once (the screenshot's QR code decodes to the URL when zbarimg is installed); a
// second browser opens the URL and gets a kiosk session (role kiosk, the token gone from the address bar), and after
// a restart (session cookie gone, plain address) signs in again by its device cookie; the administrator revokes the device with a reason (the confirmation dialog); the kiosk shows 本设备已停用.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  BASE, SHOTS, launch, waitState, click, focusField, clearField, imeCompose, shot, assertLayout, openDashboard,
  users, signIn, sleep,
} from './lib.mjs';

function zbarimg() {
  try { execFileSync('zbarimg', ['--version'], { stdio: 'ignore' }); return true; } catch (e) { return false; }
}

test('kiosk devices: register (URL + QR once), sign in by token, revoke → 本设备已停用', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1440, height: 900 };

  // ---- the administrator registers a device ----
  const admin = await openDashboard(browser, viewport);
  await signIn(admin.page, u.admin.username, u.admin.password);
  await click(admin.page, 'nav.kiosk_devices');
  let s = await waitState(admin.page, (x) => x.screen === 'kiosk_devices' && x.pending === 0 && !x.kiosk_devices.loading,
    'kiosk devices screen');
  const name = `浏览器测试屏${Date.now() % 1000}`;
  await focusField(admin.page, 'kiosk.new.name');
  await clearField(admin.page);
  await imeCompose(admin.page, name);
  await focusField(admin.page, 'kiosk.new.place');
  await clearField(admin.page);
  await imeCompose(admin.page, '展厅一楼');
  await click(admin.page, 'kiosk.new.landscape');
  await click(admin.page, 'kiosk.new.submit');
  s = await waitState(admin.page, (x) => x.kiosk_devices.shown && x.items['kiosk.qr'] && x.items['kiosk.token.url'],
    'the token dialog with URL and QR code');
  const url = s.kiosk_devices.shown.url;
  assert.match(url, /^https?:\/\/[^/]+\/#\/kiosk\?device=[A-Za-z0-9_-]{43}$/);
  assert.equal(s.texts['kiosk.token.url'], url, 'the URL is on the screen');
  assert.ok(url.startsWith(BASE), `the URL is on the server's own origin (${BASE})`);
  const qr = s.items['kiosk.qr'];
  assert.ok(qr.w >= 300 && Math.abs(qr.w - qr.h) < 1, `the QR code is big and square (${qr.w}×${qr.h})`);
  assertLayout(s, ['kiosk.qr', 'kiosk.token.url', 'kiosk.token.close'], viewport);
  await shot(admin.page, 'kiosk-devices-qr-1440x900');
  if (zbarimg()) {
    const decoded = execFileSync('zbarimg', ['-q', '--raw', path.join(SHOTS, 'kiosk-devices-qr-1440x900.png')],
      { encoding: 'utf8' }).trim();
    assert.equal(decoded, url, 'the QR code on the screen decodes to the URL');
  } else {
    t.diagnostic('zbarimg is not installed: the QR code was not decoded');
  }
  await click(admin.page, 'kiosk.token.close');
  s = await waitState(admin.page, (x) => !x.kiosk_devices.shown && x.kiosk_devices.devices.some((d) => d.name === name),
    'the device listed');
  const device = s.kiosk_devices.devices.find((d) => d.name === name);
  assert.equal(device.orientation, 'landscape');
  assert.equal(device.last_seen_at, '');
  assert.ok(!JSON.stringify(s.kiosk_devices).includes(url.split('device=')[1]), 'the token is gone from the page');

  // ---- a second browser opens the URL: a kiosk session, the token out of the address bar ----
  const kioskViewport = { width: 540, height: 960 };   // CSS px (1080×1920 device px)
  const context = await browser.newContext({ viewport: { width: 540, height: 960 }, deviceScaleFactor: 2, hasTouch: true,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  t.after(() => context.close());
  const kiosk = await context.newPage();
  await kiosk.goto(url);
  s = await waitState(kiosk, (x) => x.user && x.user.role === 'kiosk' && x.screen === 'kiosk', 'kiosk session (展厅大屏)', 30000);
  assert.equal(s.kiosk_devices.device.name, name);
  assert.equal(s.kiosk_devices.device.orientation, 'landscape');
  await waitState(kiosk, () => true, 'a frame');
  await sleep(300);
  assert.ok(!kiosk.url().includes('device='), `the token is removed from the address bar (${kiosk.url()})`);
  const cookies = await context.cookies();
  assert.ok(cookies.some((c) => c.name === 'yy_session' && c.httpOnly), 'an HttpOnly session cookie');
  const deviceCookie = cookies.find((c) => c.name === 'yy_device');
  assert.ok(deviceCookie && deviceCookie.httpOnly && deviceCookie.path === '/api/v1/kiosk/session' && deviceCookie.expires > 0,
    'a lasting HttpOnly device cookie for the sign-in route only');
  assert.equal(await kiosk.evaluate(() => window.localStorage.getItem('yiyang.kiosk_device')), '1');
  assert.ok(!(await kiosk.evaluate(() => JSON.stringify(window.localStorage))).includes(url.split('device=')[1]),
    'the token is not in localStorage');

  // ---- the kiosk restarts: the session cookie is gone, the address is the home's — it comes back by itself ----
  await context.clearCookies();
  await context.addCookies([deviceCookie]);
  await kiosk.goto(`${BASE}/`);
  s = await waitState(kiosk, (x) => x.user && x.user.role === 'kiosk' && x.screen === 'kiosk' && x.kiosk_devices.device,
    'kiosk session again after a restart (device cookie)', 30000);
  assert.equal(s.kiosk_devices.device.name, name);
  assert.ok(!s.items['signin.password'], 'no password form after a restart');

  // ---- the administrator sees it seen, revokes it with a reason ----
  await click(admin.page, 'kiosk.refresh');
  await waitState(admin.page, (x) => {
    const d = x.kiosk_devices.devices.find((e) => e.id === device.id);
    return d && d.last_seen_at !== '';
  }, 'last seen shown after the kiosk signed in');
  await click(admin.page, `kiosk.revoke.${device.id}`);
  await waitState(admin.page, (x) => x.kiosk_devices.revoke_id === device.id && x.items['kiosk.revoke.reason'], 'revoke dialog');
  await click(admin.page, 'kiosk.revoke.confirm');
  s = await waitState(admin.page, (x) => x.kiosk_devices.revoke_error !== '', 'a reason is required');
  await focusField(admin.page, 'kiosk.revoke.reason');
  await imeCompose(admin.page, '浏览器测试停用');
  await shot(admin.page, 'kiosk-devices-revoke-1440x900');
  await click(admin.page, 'kiosk.revoke.confirm');
  s = await waitState(admin.page, (x) => x.kiosk_devices.revoke_id === 0 && x.texts[`kiosk.status.${device.id}`] === '已停用',
    'revoked on the list');
  assertLayout(s, [`kiosk.row.${device.id}`, 'kiosk.new.submit'], viewport);
  await shot(admin.page, 'kiosk-devices-1440x900');

  // ---- the kiosk learns it at its next request ----
  s = await waitState(kiosk, (x) => x.screen === 'kiosk_stopped' && x.texts['kiosk.stopped'] === '本设备已停用',
    '本设备已停用 on the kiosk', 30000);
  assert.ok(!s.items['signin.password'], 'no password form on a kiosk');
  assertLayout(s, ['kiosk.stopped'], kioskViewport);
  await shot(kiosk, 'kiosk-stopped-1080x1920');
  assert.deepEqual(admin.problems, []);
});
