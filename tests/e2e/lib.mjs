// Helpers shared by the browser tests: launching headless Chromium, reading the UI through the exported
// yiyang_test_state(), clicking tagged items, typing keys and IME compositions, screenshots, layout checks.
// Env: YIYANG_BASE_URL, YIYANG_E2E_OUT (screenshots), YIYANG_CHROMIUM; YIYANG_TEST_USERS = a JSON file
// {"admin":{"username","password"}, "supervisor":..., "agent":..., "town":..., "provider":..., ...}.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SHOTS = process.env.YIYANG_E2E_OUT || path.resolve(HERE, '../../build/e2e');
export const BASE = (process.env.YIYANG_BASE_URL || '').replace(/\/+$/, '');
export const USER = process.env.YIYANG_TEST_USER || '';
export const PASSWORD = process.env.YIYANG_TEST_PASSWORD || '';
export const CHROMIUM = process.env.YIYANG_CHROMIUM || '/usr/bin/chromium';
export const KEY_HOLD_MS = 50;         // ImGui 1.86 samples keys once per frame: a shorter tap can be lost

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

// ---- helpers -----------------------------------------------------------------------------------------
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir with launch()).
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function state(page) {
  return page.evaluate(() => {
    const M = window.Module;
    if (!M || !M.calledRun || typeof M._yiyang_test_state !== 'function') return null;   // runtime not ready
    return JSON.parse(M.UTF8ToString(M._yiyang_test_state()));
  });
}

export async function waitState(page, predicate, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    try {
      last = await state(page);
      if (last && (last.drawn !== false) && predicate(last)) return last;   // state and screen agree
    } catch (e) { /* page still loading */ }
    await sleep(80);
  }
  const brief = last ? JSON.stringify({ screen: last.screen, status: last.status, pending: last.pending,
    sign_in_error: last.sign_in_error, errors: last.field_errors,
    orders: last.orders && { form: last.orders.form, field_errors: last.orders.field_errors,
      last_success: last.orders.last_success, action: last.orders.action },
    want_text_input: last.want_text_input, nav: last.nav, texts: last.texts }).slice(0, 3000) : 'no state';
  throw new Error(`timed out waiting for ${what}; last state: ${brief}`);
}

// The state once the screen has settled: `predicate` holds and no frame was drawn for 60 ms. The dashboard draws only
// while something changes (main.cpp frames_left: a change, a reply, a resize — tables settle their widths over a
// few frames) and then keeps its last image, so this is what the user sees and keeps seeing. A screen that never
// goes idle (a spinner, a countdown) is returned as it is after `settleMs`.
export async function waitSettled(page, predicate, what, timeout = 15000, settleMs = 1000) {
  let s = await waitState(page, predicate, what, timeout);
  const deadline = Date.now() + settleMs;
  for (;;) {
    await sleep(60);
    const t = await state(page);
    if (t && t.frames === s.frames && predicate(t)) return t;
    if (Date.now() > deadline) return waitState(page, predicate, what, timeout);
    s = t && predicate(t) ? t : await waitState(page, predicate, what, timeout);
  }
}

export function center(st, id) {
  const r = st.items[id];
  assert.ok(r, `item ${id} is on screen`);
  assert.ok(r.visible, `item ${id} is visible`);
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

// Points, then clicks — as a person does: the rectangle is read only once every input event so far has been
// drawn (typed text can remove an error line and move everything below it), the pointer is moved there, and
// the press waits until the frame drawn after the move shows the item under the pointer (it follows the item
// if a reply moved it meanwhile). An item that never reports hover (a popup above it, which the click closes)
// is clicked once its rectangle has stayed put.
export async function click(page, id, what = id) {
  const deadline = Date.now() + 15000;
  let target = null;
  let still = 0;
  for (;;) {
    const st = await waitState(page, (s) => s.input_settled && s.drawn && s.items[id] && s.items[id].visible, `item ${what}`,
      Math.max(1000, deadline - Date.now()));
    const c = center(st, id);
    if (target && st.items[id].hovered && Math.abs(c.x - target.x) < 0.5 && Math.abs(c.y - target.y) < 0.5) break;
    if (target && Math.abs(c.x - target.x) < 0.5 && Math.abs(c.y - target.y) < 0.5) {
      if (++still >= 25) break;                        // ~2 s in place without hover: blocked by a popup
    } else {
      still = 0;
      target = c;
      await page.mouse.move(c.x, c.y);
    }
    if (Date.now() > deadline) throw new Error(`item ${what} did not stay under the pointer`);
    await sleep(40);
  }
  await page.mouse.down();
  await sleep(KEY_HOLD_MS);
  await page.mouse.up();
  await sleep(60);
}

// A key is let go only once a frame has taken it down (input_settled): on a loaded machine a frame can take longer
// than KEY_HOLD_MS, and a key down and up between two frames is never seen (the 核查 call keys were lost so, with a
// build beside the browser tests).
async function keyTaken(page, timeout = 5000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    const settled = await page.evaluate(() => {
      const M = window.Module;
      if (!M || !M.calledRun || typeof M._yiyang_test_state !== 'function') return true;   // no app: nothing to wait for
      return JSON.parse(M.UTF8ToString(M._yiyang_test_state())).input_settled !== false;
    });
    if (settled) return;
    await sleep(10);
  }
}

export async function press(page, key) {
  await page.keyboard.down(key);
  await sleep(KEY_HOLD_MS);
  await keyTaken(page);
  await page.keyboard.up(key);
  await sleep(30);
}

export async function chord(page, modifier, key) {
  await page.keyboard.down(modifier);
  await sleep(20);
  await page.keyboard.down(key);
  await sleep(KEY_HOLD_MS);
  await keyTaken(page);
  await page.keyboard.up(key);
  await page.keyboard.up(modifier);
  await sleep(60);
}

// ASCII through real key events (keydown/keypress/input/keyup), each key held for a frame or more.
export async function typeKeys(page, text) {
  for (const ch of text) await press(page, ch);
}

// Clicks a text field and waits until ImGui edits it and the IME text agent has the focus.
export async function focusField(page, id) {
  await click(page, id);
  await waitState(page, (s) => s.want_text_input, `text input active in ${id}`);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'yy-text-agent');
}

export async function clearField(page) {
  await chord(page, 'Control', 'a');
  await press(page, 'Backspace');
}

// Chinese text the way an IME delivers it: a composition (compositionstart/update/end) through the
// browser's own IME path (CDP Input.imeSetComposition + Input.insertText commits it).
export async function imeCompose(page, text, midway = null) {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 1; i <= text.length; i++) {
      await cdp.send('Input.imeSetComposition', { text: text.slice(0, i), selectionStart: i, selectionEnd: i });
      await sleep(30);
    }
    if (midway) await midway();
    await cdp.send('Input.insertText', { text });
  } finally {
    await cdp.detach();
  }
  await sleep(100);
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await sleep(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

export function overlaps(a, b) {
  return a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
}

// No two of the listed items overlap, and every one lies inside the viewport.
export function assertLayout(st, ids, viewport) {
  const present = ids.filter((id) => st.items[id] && st.items[id].visible);
  for (const id of present) {
    const r = st.items[id];
    assert.ok(r.x >= -0.5 && r.y >= -0.5 && r.x + r.w <= viewport.width + 0.5 && r.y + r.h <= viewport.height + 0.5,
      `${id} (${JSON.stringify(r)}) lies inside ${viewport.width}x${viewport.height}`);
  }
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      assert.ok(!overlaps(st.items[present[i]], st.items[present[j]]),
        `${present[i]} ${JSON.stringify(st.items[present[i]])} and ${present[j]} ${JSON.stringify(st.items[present[j]])} do not overlap`);
    }
  }
}

// GB 11643 check character (ISO 7064 MOD 11-2), computed independently of the application.
export function idCheckChar(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i];
  return '10X98765432'[sum % 11];
}

export function uniqueElder() {
  const pool = '梅兰竹菊松柏桂荷莲芳华秀英淑珍玉凤霞云';
  const n = Date.now();
  const given = pool[n % pool.length] + pool[Math.floor(n / 7) % pool.length] + pool[Math.floor(n / 131) % pool.length];
  const seq = String(100 + (n % 900));
  const first17 = `442000195203${String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0')}${seq}`;
  const good = first17 + idCheckChar(first17);
  const wrongCheck = '0123456789'.split('').find((c) => c !== good[17]);
  return { name: `欧阳${given}`, id: good, badId: first17 + wrongCheck };
}

export async function chooseFirstTown(page) {
  await click(page, 'profile.town_id');
  const s = await waitState(page, (x) => Object.keys(x.items).some((k) => k.startsWith('profile.town_option.')), 'town list');
  const option = Object.keys(s.items).filter((k) => k.startsWith('profile.town_option.'))[0];
  await click(page, option);
  return waitState(page, (x) => x.form.town_id === Number(option.split('.').pop()), 'town chosen');
}

export async function openDashboard(browser, viewport, deviceScaleFactor = 1, hasTouch = false) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`); });
  const t0 = Date.now();
  await page.goto(`${BASE}/`);
  const st = await waitState(page, (s) => s.ui_ready && s.screen !== 'loading', 'first UI frame', 30000);
  return { context, page, problems, st, wallMs: Date.now() - t0 };
}


// The test users of the stack (scripts/run-tests.sh writes them): users().agent = {username, password}.
export function users() {
  const file = process.env.YIYANG_TEST_USERS;
  assert.ok(file, 'YIYANG_TEST_USERS names the users file');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// A JSON API call as a signed-in user (own cookie jar): returns {status, body}.
export async function api(session, method, p, body) {
  const headers = { 'X-Yiyang-Request': '1', Origin: BASE };
  if (session && session.cookie) headers.Cookie = session.cookie;
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string') { payload = body; headers['Content-Type'] = 'text/csv; charset=utf-8'; }
    else { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  }
  const r = await fetch(`${BASE}${p}`, { method, headers, body: payload });
  const text = await r.text();
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
  return { status: r.status, body: parsed, headers: r.headers };
}

// Signs in through the API; the session's cookie for api().
export async function apiSignIn(username, password) {
  const r = await fetch(`${BASE}/api/v1/session`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Yiyang-Request': '1', Origin: BASE },
    body: JSON.stringify({ username, password }) });
  assert.equal(r.status, 200, `API sign-in of ${username}`);
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
  return { cookie };
}

// "2026-11": the month before today in China Standard Time (the server's clock; the screens' default month), the
// last one that is over — the only kind that may be assessed and settled.
export function lastMonth() {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  let y = now.getUTCFullYear();
  let m = now.getUTCMonth();           // 0-based: this month - 1
  if (m === 0) { m = 12; y -= 1; }
  return `${y}-${String(m).padStart(2, '0')}`;
}

// A provider's assessment of one project and month, opened and signed through the API as the departments and the
// leader do it on 考核 (tests/e2e/assessment_month.test.mjs does it in the browser): the supervisor opens it (an
// already opened one is reused: the suites share one database), each department user signs its own sheet as
// prefilled, the leader signs the review and then the whole. Returns the signed month's detail (null: the
// provider does not serve that project).
export async function signAssessmentMonth({ provider, project, month }) {
  const u = users();
  const signers = { elder_services: u.dept_es, social_assistance: u.dept_sa, planning_finance: u.dept_pf, _leader: u.leader };
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  let r = await api(sup, 'POST', '/api/v1/assessment/months', { provider_id: provider, project_code: project, month });
  const fields = (r.body && r.body.error && r.body.error.fields) || [];
  if (r.status === 422 && fields.some((f) => f.code === 'not_in_project')) return null;   // the provider has no such project
  if (r.status === 409) {
    const list = await api(sup, 'GET', `/api/v1/assessment/months?month=${month}`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const m = list.body.items.find((x) => x.provider_id === provider && x.project_code === project);
    assert.ok(m, `${month} ${project} of provider ${provider}: 409 on opening, yet not in the list`);
    r = await api(sup, 'GET', `/api/v1/assessment/months/${m.id}`);
  }
  assert.ok(r.status === 200 || r.status === 201, `opening ${month} ${project} of provider ${provider}: ${JSON.stringify(r.body)}`);
  const id = r.body.summary.id;
  if (r.body.summary.status === 'signed') return r.body;
  for (const sheet of r.body.sheets) {
    if (sheet.signed_at) continue;
    const who = signers[sheet.department_code];
    assert.ok(who, `a user of ${sheet.department_code} (scripts/run-tests.sh makes dept_es, dept_sa, dept_pf, leader)`);
    const session = await apiSignIn(who.username, who.password);
    const s = await api(session, 'POST', `/api/v1/assessment/months/${id}/sheets/${sheet.department_code}/sign`, {});
    assert.equal(s.status, 200, `${sheet.department_code} signs: ${JSON.stringify(s.body)}`);
  }
  const leader = await apiSignIn(u.leader.username, u.leader.password);
  r = await api(leader, 'POST', `/api/v1/assessment/months/${id}/sign`, {});
  assert.equal(r.status, 200, `the leader signs the whole: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.summary.status, 'signed');
  return r.body;
}

// Signs in through the UI (typing), and waits for the home screen.
export async function signIn(page, username, password) {
  await focusField(page, 'signin.username');
  await clearField(page);
  await typeKeys(page, username);
  await focusField(page, 'signin.password');
  await clearField(page);
  await typeKeys(page, password);
  await click(page, 'signin.submit');
  return waitState(page, (s) => s.screen === 'home' && s.user && s.user.username === username, `home as ${username}`, 20000);
}

// Which glyph each character of `text` has in the dashboard's atlas now (client_wasm/platform/fonts.cpp):
// [{char, cp, body, title, body_size, title_size}] — body/title false means the fallback glyph would be drawn.
export async function glyphs(page, text) {
  return page.evaluate((t) => JSON.parse(window.Module.ccall('yiyang_test_glyphs', 'string', ['string'], [t])), text);
}

// Answers the confirmation dialog (client_wasm/app/nav_state.hpp) that irreversible order actions and leaving
// unsaved edits open: checks which one it is (`id`, e.g. 'order.accept', 'leave') and clicks its confirm button.
export async function confirmDialog(page, id) {
  const s = await waitState(page, (x) => x.nav && x.nav.confirm && x.items['confirm.ok'] && x.items['confirm.ok'].visible,
    `confirmation ${id || ''}`);
  if (id) assert.equal(s.nav.confirm.id, id, `the confirmation asks about ${id}`);
  await click(page, 'confirm.ok');
  return waitState(page, (x) => !x.nav.confirm, 'confirmation answered');
}

// ---- the order tests' set-up (evidence, navigation, loop, orders, intake) ----------------------------------
// "2026-11-23T09:30" in China Standard Time, `hoursAgo` before now (the server's clock is the machine's).
export function cstMinutes(hoursAgo) {
  return new Date(Date.now() + 8 * 3600e3 - hoursAgo * 3600e3).toISOString().slice(0, 16);
}

// Scrolls a pane (by mouse wheel over it, up or down) until the tagged item lies wholly inside it (a click lands on
// its centre). A pane that scrolls only part of itself tags that part "<pane>.form" (新来电's order zone: the fields
// below its title, above 提交): an item above that part's bottom edge belongs to it and must lie inside it — a field
// scrolled up under the title still reports itself visible by a few pixels, and a click there lands on the title.
// `margin`: how far inside the pane (px) an item outside such a part must lie (the zones' borders take clicks).
export async function scrollTo(page, id, paneId, { margin = -0.5, tries = 40 } = {}) {
  for (let i = 0; i < tries; i++) {
    const s = await state(page);
    const it = s && s.items[id];
    let pane = s && s.items[paneId];
    const part = s && s.items[`${paneId}.form`];
    let m = margin;
    if (it && part && it.y < part.y + part.h) {
      pane = part;
      m = -0.5;   // the last field may end exactly at the part's bottom edge
    }
    if (it && it.visible && pane && it.y >= pane.y + m && it.y + it.h <= pane.y + pane.h - m) return s;
    assert.ok(pane, `pane ${paneId} is on screen`);
    await page.mouse.move(pane.x + pane.w / 2, pane.y + pane.h / 2);
    await page.mouse.wheel(0, it && it.y < pane.y ? -80 : 80);
    await sleep(120);
  }
  throw new Error(`${id} never became visible in ${paneId}`);
}

// A demo elder with a mobile number (the intake finds it by phone), read through `session` from `query`.
export async function elderWithMobile(session, query = 'status=active&page_size=50') {
  const r = await api(session, 'GET', `/api/v1/elders?${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.find((e) => /^1[3-9]\d{9}$/.test(e.phone || '')) || null;
}

// Provider 1 (it must be active: orders are dispatched to it), its first service category and an active elder in
// a town it covers — with a mobile number when `mobile` (the intake then finds the elder by phone).
export async function providerOneElder(session, { mobile = false } = {}) {
  const provs = await api(session, 'GET', '/api/v1/providers');
  assert.equal(provs.status, 200);
  const p1 = provs.body.items.find((p) => p.id === 1);
  assert.ok(p1, 'provider 1 exists');
  assert.equal(p1.status, 'active', 'provider 1 may be dispatched to');
  let elder = null;
  for (const town of p1.towns_covered) {
    elder = mobile ? await elderWithMobile(session, `town=${town}&status=active&page_size=200`)
      : (await api(session, 'GET', `/api/v1/elders?town=${town}&status=active&page_size=1`)).body.items?.[0] || null;
    if (elder) break;
  }
  assert.ok(elder, `an active elder${mobile ? ' with a mobile number' : ''} in a town provider 1 covers`);
  return { p1, category: p1.categories[0], elder };
}

// A booking by hotline for the set-up's elder in provider 1's category, through the API; returns the order.
export async function createBooking(session, { category, elder }, description) {
  const r = await api(session, 'POST', '/api/v1/orders', { channel: 'hotline', type: 'booking', categories: [category],
    elder_id: elder.id, description });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.order;
}

// Moves an order through the API: `steps` = [[session, transition body], ...], each one must succeed.
export async function moveOrder(id, steps) {
  for (const [session, body] of steps) {
    const r = await api(session, 'POST', `/api/v1/orders/${id}/transitions`, body);
    assert.equal(r.status, 200, `${body.action} on order ${id}: ${JSON.stringify(r.body)}`);
  }
}

// Opens a combo and picks one of its options, retrying when the popup did not open (a click lost to a frame that
// moved the combo). `before(page)` runs before each try (e.g. scrolling the combo into view).
export async function choose(page, combo, option, { before = null } = {}) {
  for (let i = 0; i < 3; i++) {
    if (before) await before(page);
    await click(page, combo);
    try {
      await waitState(page, (x) => x.items[option] && x.items[option].visible, `option ${option}`, 2500);
      break;
    } catch (e) {
      if (i === 2) throw e;
      await press(page, 'Escape');
      await sleep(300);
    }
  }
  await click(page, option);
}

// The rows of the first sheet of an .xlsx file (python3 zipfile), each a list of cell texts (inline strings,
// numbers; blank cells, which are not written, kept in place by the cells' references).
export function readXlsx(file) {
  const py = `
import sys, zipfile, json, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():   # workbooks written without constant_memory keep strings here
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
root = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
rows = []
for r in root.iter('{%s}row' % ns['m']):
    cells = []
    for c in r.findall('m:c', ns):
        col = 0
        for ch in c.get('r'):
            if ch.isalpha(): col = col * 26 + ord(ch) - 64
        while len(cells) < col - 1: cells.append('')
        t = c.find('m:is/m:t', ns)
        v = c.find('m:v', ns)
        if c.get('t') == 's' and v is not None: cells.append(shared[int(v.text)])
        else: cells.append(t.text if t is not None else (v.text if v is not None else ''))
    rows.append(cells)
print(json.dumps(rows, ensure_ascii=False))
`;
  return JSON.parse(execFileSync('python3', ['-c', py, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

// A text field's whole content replaced by `value` (ASCII, typed as keys): focused, cleared, typed.
export async function setField(page, id, value) {
  await focusField(page, id);
  await clearField(page);
  await typeKeys(page, String(value));
}

// A fresh browser (closed after the test `t`) on the dashboard at `viewport`, signed in through the UI as
// users()[who], on the screen of the navigation tag `nav` once `ready(state)` holds: {browser, page, problems, s}.
export async function openScreen(t, who, nav, ready, what, viewport = { width: 1440, height: 900 }) {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users()[who];
  assert.ok(u, `the stack has the user ${who} (scripts/run-tests.sh)`);
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, viewport);
  await signIn(page, u.username, u.password);
  await click(page, nav);
  const s = await waitState(page, ready, what);
  return { browser, page, problems, s };
}

// A provider chosen by name in a project/provider chooser (client_wasm/ui/choosers.hpp, tags `<prefix>.provider…`):
// the combo opened, the name typed into its filter (an IME composition), the one entry left clicked. `providers` is
// the project's list as the screen has it ([{id, name}]); the entry's tag is its index there.
export async function chooseProviderByName(page, prefix, providers, id) {
  const i = providers.findIndex((p) => p.id === id);
  assert.ok(i >= 0, `provider ${id} is in the project's list`);
  const name = providers[i].name;
  await choose(page, `${prefix}.provider`, `${prefix}.provider.filter`);
  await waitState(page, (s) => s.want_text_input, 'the filter has the focus');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'yy-text-agent');
  await imeCompose(page, name);
  // Only the entries whose name contains the typed text are left (the one chosen among them).
  const s = await waitState(page, (x) => x.items[`${prefix}.provider.${i}`] && x.items[`${prefix}.provider.${i}`].visible &&
    providers.every((p, k) => p.name.includes(name) || !x.items[`${prefix}.provider.${k}`]), `only “${name}” left`);
  await click(page, `${prefix}.provider.${i}`);
  return s;
}
