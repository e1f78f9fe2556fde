// Browser test of the in-app text size and the high-contrast theme (top bar 显示): at 150 % and 200 % the font atlas
// is rebuilt at the larger pixel size, the orders' filters wrap and stay on screen, no order code is clipped; the
// choice is remembered per user across a reload; high contrast turns the theme black / white / yellow.
// Screenshots of the orders list and an order at 100 %, 150 %, 200 % and in high contrast.
// Second test: every screen a role uses (sign-in, 修改密码, home, 新来电, 工单 list and detail, 服务对象 list and
// profile, 绩效指标, 督办, 知识库, 规则, 核查 and its imports tab) at 1280×720, 1920×1080 and portrait 720×1280, at text size 150 % and 200 %.
// It fails on clipping, read from ImGui's own table bookkeeping (test hook `clipped`, ui/layout_check.hpp: a column
// whose cells or header need more than its width, or that runs past the visible area) and on tagged controls off
// screen; it collects every finding first (also into textsize-findings.txt) and fails once with the full list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, SHOTS, sleep, launch, state, waitState, waitSettled, click, press, shot, assertLayout, openDashboard, users, signIn,
  api, apiSignIn, focusField, clearField, typeKeys } from './lib.mjs';

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
  const s = await waitSettled(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0 &&
    !x.items['topbar.display.menu'], 'orders list settled');
  const clipped = Object.keys(s.texts).filter((k) => k.startsWith('orders.code_clipped.'));
  assert.deepEqual(clipped, [], `no order code clipped at ${name}: ${clipped.map((k) => s.texts[k]).join(', ')}`);
  assert.deepEqual(s.clipped, [], `no table column clipped at ${name}`);
  assertLayout(s, FILTERS, view);
  const rows = Object.keys(s.items).filter((k) => k.startsWith('orders.row.') && s.items[k].visible);
  assert.ok(rows.length > 0, 'rows visible');
  // A row starts inside the window; at large text it reaches past it, as the table scrolls sideways (and clips it).
  for (const r of rows) assert.ok(s.items[r].x >= -0.5 && s.items[r].x < view.width, `${r} starts inside the window`);
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

const VIEWS = [{ width: 1280, height: 720, name: '1280' }, { width: 1920, height: 1080, name: '1920' },
  { width: 720, height: 1280, name: 'portrait' }];
const SIZES = [150, 200];

// The screens of each role (hash routes, client_wasm/app/screens.cpp), the detail screens by a record's link.
const ROLE_SCREENS = {
  agent: ['home', 'intake', 'orders', 'order', 'elders', 'elder', 'knowledge'],
  supervisor: ['home', 'orders', 'order', 'watch', 'kpis', 'knowledge', 'verification', 'verification_imports',
    'target_table', 'activities', 'providers', 'inspections', 'reports'],   // the last five: issue 13
  town: ['home', 'orders', 'elders', 'watch', 'verification'],
  provider: ['home', 'orders', 'order'],
  admin: ['home', 'rules', 'kpis', 'elders', 'verification'],
};

function loaded(x, screen) {
  if (x.pending !== 0 || x.screen !== screen) return false;
  if (screen === 'orders') return x.orders.list.loaded;
  if (screen === 'order_detail') return x.orders.current && x.orders.current.history_loaded;
  if (screen === 'elder_list') return x.elders.loaded;
  return true;
}

async function setSize(page, p) {
  await click(page, 'topbar.display');
  await click(page, `display.size.${p}`);
  await waitState(page, (x) => x.display.text_percent === p, `${p} %`);
  await press(page, 'Escape');
  await page.mouse.move(2, 2);
}

// A finding without its pixel figures and ImGui's window hashes: what textsize-known.txt lists.
export function findingKey(line) {
  return line.replace(/ needs \d+ px, has \d+/, '').replace(/ \(x -?[\d.]+\.\.-?[\d.]+\)/, '')
    .replace(/_[0-9A-F]{8}/g, '').replace(/\.\d+(?= leaves)/, '.*')
    .replace(/(rules\.version)\.\S+(?= leaves)/, '$1.*');   // kb.item.26, rules.version.…: which records depends on the data
}

// Everything that clips or leaves the screen now, as readable lines.
function findings(s, view, where) {
  const out = [];
  for (const c of s.clipped || []) {
    out.push(`${where}: ${c.part} of column ${c.index} "${c.column}" in ${c.window} needs ${c.content_w.toFixed(0)} px, has ${c.width.toFixed(0)}`);
  }
  for (const [id, r] of Object.entries(s.items)) {
    // Rows of a table that scrolls sideways reach past the window by design (the table clips them; their cells are
    // checked above); menus' options are popups.
    if (!r.visible || id.startsWith('display.') || id.includes('.option.') || id.includes('_option.') ||
        /\.row\./.test(id)) continue;
    if (r.x < -0.5 || r.x + r.w > view.width + 0.5) out.push(`${where}: ${id} leaves the screen (x ${r.x.toFixed(0)}..${(r.x + r.w).toFixed(0)})`);
  }
  return out;
}

async function visit(page, route, screen, view, where, problems, shotName) {
  await page.evaluate((h) => { window.location.hash = h; }, route);
  const s = await waitSettled(page, (x) => loaded(x, screen), `${where} loaded`, 20000);
  problems.push(...findings(s, view, where));
  if (shotName) await shot(page, shotName);
  return s;
}

test('every screen at 150 % and 200 %, three window sizes: nothing clipped, nothing off screen', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  // An order and an elder each role may open (a provider sees only its own orders).
  const records = {};
  for (const role of Object.keys(ROLE_SCREENS)) {
    const session = await apiSignIn(u[role].username, u[role].password);
    const o = await api(session, 'GET', '/api/v1/orders?page_size=1');
    const e = await api(session, 'GET', '/api/v1/elders?page_size=1');
    records[role] = { order: o.status === 200 ? o.body.items[0] : null, elder: e.status === 200 ? e.body.items[0] : null };
  }
  const routesOf = (role) => ({
    home: ['#/home', 'home'], intake: ['#/intake', 'intake'], orders: ['#/orders', 'orders'],
    order: [`#/orders/${records[role].order && records[role].order.code}`, 'order_detail'],
    elders: ['#/elders', 'elder_list'], elder: [`#/elders/${records[role].elder && records[role].elder.id}`, 'elder_profile'],
    knowledge: ['#/knowledge', 'knowledge'], watch: ['#/watch', 'watch'], kpis: ['#/kpis', 'kpis'], rules: ['#/rules', 'rules'],
    verification: ['#/verification?quarter=2024Q1', 'verification'],
    verification_imports: ['#/verification?tab=imports', 'verification'],
    target_table: ['#/target-table', 'target_table'], activities: ['#/activities', 'activities'],
    providers: ['#/providers', 'provider_supervision'], inspections: ['#/inspections', 'inspections'],
    reports: ['#/reports', 'reports'],
  });
  const browser = await launch();
  t.after(() => browser.close());
  const problems = [];
  const pageErrors = [];
  // The findings as they come (a later navigation failure still leaves the list to read).
  fs.mkdirSync(SHOTS, { recursive: true });
  const findingsFile = path.join(SHOTS, 'textsize-findings.txt');
  fs.writeFileSync(findingsFile, '');
  const push = problems.push.bind(problems);
  problems.push = (...xs) => { fs.appendFileSync(findingsFile, xs.map((x) => `${x}\n`).join('')); return push(...xs); };

  for (const [role, screens] of Object.entries(ROLE_SCREENS)) {
    const routes = routesOf(role);
    const { page, problems: errs, context } = await openDashboard(browser, VIEWS[0]);
    await signIn(page, u[role].username, u[role].password);
    for (const p of SIZES) {
      await page.setViewportSize({ width: VIEWS[0].width, height: VIEWS[0].height });
      await sleep(200);
      await setSize(page, p);
      for (const view of VIEWS) {
        await page.setViewportSize({ width: view.width, height: view.height });
        await waitState(page, (x) => Math.abs(x.canvas.css_w - view.width) < 1, `canvas ${view.width}`);
        for (const name of screens) {
          const [route, screen] = routes[name];
          const where = `${role} ${name} ${view.name} ${p}%`;
          await visit(page, route, screen, view, where, problems,
            p === 200 && (view.name !== '1920') ? `textsize-${role}-${name}-${view.name}-${p}` : null);
        }
      }
    }
    await setSize(page, 100);
    pageErrors.push(...errs);
    await context.close();
  }

  // Sign-in and 修改密码: full-window screens without the 显示 menu (the text size is the user's, chosen after signing
  // in), checked at the default size in the three windows; 修改密码 is reached by a user who must change the one-time
  // password (skipped when another test already used it).
  for (const view of VIEWS) {
    const { page, context } = await openDashboard(browser, view);
    const s = await waitState(page, (x) => x.screen === 'sign_in', 'sign-in');
    problems.push(...findings(s, view, `sign_in ${view.name} 100%`));
    if (view.name === 'portrait') await shot(page, 'textsize-sign_in-portrait');
    await context.close();
  }
  const fresh = process.env.YIYANG_TEST_NEW_USER, freshPw = process.env.YIYANG_TEST_NEW_PASSWORD;
  if (fresh && freshPw) {
    const { page, context } = await openDashboard(browser, VIEWS[2]);
    await focusField(page, 'signin.username'); await clearField(page); await typeKeys(page, fresh);
    await focusField(page, 'signin.password'); await clearField(page); await typeKeys(page, freshPw);
    await click(page, 'signin.submit');
    const s = await waitState(page, (x) => x.screen === 'change_password' || x.sign_in_error, 'change password or refused');
    if (s.screen === 'change_password') {
      const c = await state(page);
      problems.push(...findings(c, VIEWS[2], `change_password portrait ${c.display.text_percent}%`));
      await shot(page, 'textsize-change_password-portrait');
    }
    await context.close();
  }
  // The gaps still open (docs/STATUS.md, issue 9) are listed in textsize-known.txt, one finding per line without its
  // pixel figures; anything else fails. A listed gap that is gone is reported so the list can shrink.
  const known = new Set(fs.readFileSync(new URL('./textsize-known.txt', import.meta.url), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  const keys = problems.map(findingKey);
  const unknown = problems.filter((_, i) => !known.has(keys[i]));
  const gone = [...known].filter((k) => !keys.includes(k));
  if (gone.length) t.diagnostic(`fixed since textsize-known.txt was written (remove them):\n${gone.join('\n')}`);
  assert.deepEqual(unknown, [], `clipped or off screen, not among the known gaps:\n${unknown.join('\n')}`);
  assert.deepEqual(pageErrors, [], 'no page errors');
});
