// Browser test of the open-day demo (issue 12, part demo): a demo server of its own (yiyang-server init + serve
// --demo on its own database and port, not the suite's stack). The sign-in screen shows the 演示数据 strip and the
// one-tap buttons; 坐席体验 signs in without a password; the strip and the first-step hint are on the home screen;
// 知道了 dismisses the hint (and it stays dismissed), the next screen has its own; the visitor creates an order (the
// month's figure goes up); a real administrator presses 复位演示数据 on 规则管理 and confirms; the visitor's session
// ends and the dashboard shows the sign-in screen cleanly; tapping again shows the starting figures. Screenshots:
// demo-sign-in.png (the buttons) and demo-home-hint.png (banner + hint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  HERE, sleep, launch, waitState, click, shot, assertLayout, focusField, clearField, typeKeys, confirmDialog,
} from './lib.mjs';

const ROOT = path.resolve(HERE, '../..');
const SERVER_BIN = process.env.YIYANG_SERVER_BIN || path.join(ROOT, 'build/native/server/yiyang-server');
const SITE = process.env.YIYANG_TEST_SITE || path.join(ROOT, 'build/site');
const ADMIN = 'e2e_demo_admin';
const ADMIN_PW = 'Demo-admin-pass-2026!';

async function startDemoServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-demo-e2e-'));
  const db = path.join(dir, 'demo.db');
  execFileSync(SERVER_BIN, ['init', '--db', db, '--seed', '12', '--scale', 'tiny'], { stdio: 'ignore' });
  execFileSync(SERVER_BIN, ['user', 'add', ADMIN, '--role', 'admin', '--password-stdin', '--db', db],
    { input: `${ADMIN_PW}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  const portFile = path.join(dir, 'port');
  const proc = spawn(SERVER_BIN, ['serve', '--demo', '--db', db, '--host', '127.0.0.1', '--port', '0', '--port-file',
    portFile, '--web', SITE, '--escalation-sweep-s', '0', '--demo-reset-every-min', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const deadline = Date.now() + 30000;
  while (!fs.existsSync(portFile) || !fs.readFileSync(portFile, 'utf8').trim()) {
    if (Date.now() > deadline) throw new Error('the demo server did not start');
    if (proc.exitCode !== null) throw new Error(`the demo server exited with ${proc.exitCode}`);
    await sleep(100);
  }
  const base = `http://127.0.0.1:${fs.readFileSync(portFile, 'utf8').trim()}`;
  return { base, dir, db, stop: () => { proc.kill('SIGTERM'); } };
}

// The month's order figure of the signed-in home screen (app state, as the tiles draw it).
async function homeFigures(page, what) {
  const s = await waitState(page, (x) => x.screen === 'home' && x.overview && x.pending === 0, what, 20000);
  return s.overview;
}

async function tapVisitor(page, role) {
  await click(page, `signin.demo.${role}`);
  return waitState(page, (s) => s.screen === 'home' && s.user && s.user.role === role && s.demo.visitor, `home as 体验${role}`, 20000);
}

test('open-day demo: one tap, banner, first-step hint, an order, the administrator resets, the figures return', async () => {
  const server = await startDemoServer();
  const browser = await launch();
  try {
    const viewport = { width: 1440, height: 900 };
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${server.base}/`);
    // The sign-in screen: the strip and the three visitor buttons, nothing overlapping.
    let s = await waitState(page, (x) => x.ui_ready && x.screen === 'sign_in' && x.demo.on &&
      x.items['signin.demo.agent'] && x.items['demo.banner'], 'demo sign-in screen', 30000);
    assert.match(s.texts['demo.banner'], /^演示数据/);
    assertLayout(s, ['demo.banner', 'signin.username', 'signin.submit', 'signin.demo.agent', 'signin.demo.supervisor',
      'signin.demo.provider'], viewport);
    await shot(page, 'demo-sign-in');

    // 坐席体验: signed in without a password; the strip and the home screen's hint.
    s = await tapVisitor(page, 'agent');
    s = await waitState(page, (x) => x.items['demo.banner'] && x.items['demo.guide.dismiss'] && x.texts['demo.guide'],
      'banner and first-step hint on 首页');
    assert.match(s.texts['demo.guide'], /^第一步：首页/);
    // 知道了 sits inside the hint's box: the box against the rest, the button inside the box.
    assertLayout(s, ['demo.banner', 'demo.guide', 'topbar.sign_out', 'nav.home'], viewport);
    assertLayout(s, ['demo.banner', 'demo.guide.dismiss', 'topbar.sign_out', 'nav.home'], viewport);
    const g = s.items['demo.guide'], d = s.items['demo.guide.dismiss'];
    assert.ok(d.x >= g.x && d.y >= g.y && d.x + d.w <= g.x + g.w && d.y + d.h <= g.y + g.h, '知道了 inside the hint');
    await shot(page, 'demo-home-hint');
    const start = await homeFigures(page, 'starting figures');

    // 知道了: the hint goes and stays gone; the next screen has its own.
    await click(page, 'demo.guide.dismiss');
    s = await waitState(page, (x) => !x.items['demo.guide'] && x.demo.guides_seen.includes('home'), 'hint dismissed');
    assert.ok(s.items['demo.banner'], 'the strip cannot be dismissed');
    await click(page, 'nav.intake');
    s = await waitState(page, (x) => x.screen === 'intake' && x.texts['demo.guide'], 'the intake hint');
    assert.match(s.texts['demo.guide'], /来电号码/);
    await click(page, 'nav.home');
    await waitState(page, (x) => x.screen === 'home' && !x.items['demo.guide'], 'home without its hint again');

    // The visitor creates an order (the page's own session); the month's figure goes up.
    const made = await page.evaluate(async () => {
      const h = { 'Content-Type': 'application/json', 'X-Yiyang-Request': '1' };
      const provs = await (await fetch('/api/v1/providers', { headers: h })).json();
      const p1 = provs.items.find((p) => p.id === 1 && p.status === 'active') || provs.items.find((p) => p.status === 'active');
      let elder = null;
      for (const town of p1.towns_covered) {
        const r = await (await fetch(`/api/v1/elders?town=${town}&status=active&page_size=1`, { headers: h })).json();
        if (r.items && r.items.length) { elder = r.items[0]; break; }
      }
      const r = await fetch('/api/v1/orders', { method: 'POST', headers: h, body: JSON.stringify({ channel: 'hotline',
        type: 'booking', categories: [p1.categories[0]], elder_id: elder.id, description: '演示：体验坐席受理的工单' }) });
      return r.status;
    });
    assert.equal(made, 201, 'the visitor registered an order');
    await click(page, 'nav.orders');
    await waitState(page, (x) => x.screen === 'orders', 'orders');
    await click(page, 'nav.home');
    await waitState(page, (x) => x.screen === 'home' && x.overview && x.overview.month_orders === start.month_orders + 1,
      'the month figure counts the new order', 20000);

    // A real administrator (another browser) presses 复位演示数据 on 规则管理 and confirms.
    const adminContext = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const admin = await adminContext.newPage();
    await admin.goto(`${server.base}/`);
    await waitState(admin, (x) => x.ui_ready && x.screen === 'sign_in', 'admin sign-in', 30000);
    await focusField(admin, 'signin.username'); await clearField(admin); await typeKeys(admin, ADMIN);
    await focusField(admin, 'signin.password'); await clearField(admin); await typeKeys(admin, ADMIN_PW);
    await click(admin, 'signin.submit');
    await waitState(admin, (x) => x.screen === 'home' && x.user && x.user.username === ADMIN && !x.demo.visitor, 'admin home', 20000);
    await click(admin, 'nav.rules');
    await waitState(admin, (x) => x.screen === 'rules' && x.items['demo.reset'], '复位演示数据 on 规则管理');
    await click(admin, 'demo.reset');
    await confirmDialog(admin, 'demo.reset');
    s = await waitState(admin, (x) => x.demo.resets_done === 1 && x.status.kind === 'success', 'reset done', 30000);
    assert.match(s.status.text, /已复位/);
    assert.equal(s.user.username, ADMIN, 'the administrator stays signed in');

    // The visitor's session ended: the sign-in screen, cleanly (the buttons again, the strip).
    s = await waitState(page, (x) => x.screen === 'sign_in' && x.items['signin.demo.agent'] && x.items['demo.banner'],
      'the visitor is back at sign-in', 30000);
    // Tapping again: the starting figures.
    await tapVisitor(page, 'agent');
    const after = await homeFigures(page, 'figures after the reset');
    assert.deepEqual(after, start, 'the reset restored the starting figures');
    assert.deepEqual(problems, []);
    await adminContext.close();
    await context.close();
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
});

test('serve --demo refuses a database that is not synthetic (exit status, both languages)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-demo-e2e-'));
  try {
    const db = path.join(dir, 'real.db');
    execFileSync(SERVER_BIN, ['init', '--db', db, '--seed', '12', '--scale', 'tiny'], { stdio: 'ignore' });
    // Served once without --demo: it may hold real data from then on.
    const once = spawn(SERVER_BIN, ['serve', '--db', db, '--port', '0', '--port-file', path.join(dir, 'p'), '--escalation-sweep-s', '0']);
    while (!fs.existsSync(path.join(dir, 'p'))) await sleep(100);
    once.kill('SIGTERM');
    await new Promise((r) => once.on('exit', r));
    let failed = null;
    try {
      execFileSync(SERVER_BIN, ['serve', '--demo', '--db', db, '--port', '0'], { stdio: 'pipe' });
    } catch (e) { failed = e; }
    assert.ok(failed, 'serve --demo failed');
    assert.notEqual(failed.status, 0);
    const out = String(failed.stderr);
    assert.match(out, /演示模式拒绝启动/);
    assert.match(out, /refusing to serve --demo/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
