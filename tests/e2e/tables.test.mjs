// Browser test of the tables (issue 9): 导出 on the orders list downloads an XLSX that a reader opens (python3
// zipfile) with one row per order of the screen's filter; 打印 opens the A4 print page (title, filters, page
// footer rule); Ctrl+C puts the row under the pointer on the clipboard, tab-separated; a header click sorts on
// the server; the KPI drill-down's 未达标 lists denominator minus numerator. Screenshots: the list with its buttons, the print page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, chord, shot, overlaps, openDashboard, users, api, apiSignIn, signIn,
  focusField, typeKeys, press,
  readXlsx,
} from './lib.mjs';

async function openOrders(page) {
  await click(page, 'nav.orders');
  return waitState(page, (s) => s.screen === 'orders' && s.orders.list.loaded && s.pending === 0 &&
    s.items['orders.export'], 'orders list with its export button');
}

test('tables: export downloads an XLSX of the filter, print page, Ctrl+C of a row, header sort', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const browser = await launch();
  t.after(() => browser.close());
  const { context, page, problems } = await openDashboard(browser, { width: 1440, height: 900 });
  await signIn(page, u.supervisor.username, u.supervisor.password);
  let st = await openOrders(page);
  await shot(page, 'tables-orders-buttons');

  // ---- 导出: the download is the screen's list, all of it ----
  const listPath = `/api/v1/orders?page=1&page_size=${st.orders.list.page_size}&sort=${encodeURIComponent(st.orders.query.sort || '-created_at')}`;
  const expected = await api(supApi, 'GET', listPath);
  assert.equal(expected.status, 200);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'orders.export')]);
  assert.match(download.suggestedFilename(), /^工单列表_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await download.path();
  const rows = readXlsx(file);
  assert.equal(rows[0][0], '工单列表');
  assert.match(rows[1][0], /^筛选条件：/);
  assert.match(rows[2][0], /^导出时间：.*导出人：/);
  assert.equal(rows[3][0], '工单编号');
  assert.equal(rows.length - 4, expected.body.total, 'one sheet row per order of the filter');
  assert.equal(rows[4][0], expected.body.items[0].code, 'same order first as on the screen');

  // ---- 打印: a new tab with the A4 page ----
  const [printPage] = await Promise.all([context.waitForEvent('page', { timeout: 30000 }), click(page, 'orders.print')]);
  await printPage.waitForLoadState('load');
  assert.equal(await printPage.textContent('#title'), '工单列表');
  assert.match(await printPage.textContent('#filters'), /^筛选条件：/);
  assert.match(await printPage.textContent('#exported'), /导出时间：.*共 \d+ 条/);
  const css = await printPage.evaluate(() => [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n'));
  assert.match(css, /size: A4/);
  assert.match(css, /counter\(page\)/);
  assert.equal(await printPage.locator('tbody tr').count(), expected.body.total);
  await printPage.setViewportSize({ width: 1200, height: 800 });
  await shot(printPage, 'tables-print-page');
  const pdf = await printPage.pdf({ format: 'A4', landscape: true });   // prints without error
  assert.ok(pdf.length > 1000);
  await printPage.close();

  // ---- Ctrl+C the cell under the pointer; Ctrl+Shift+C the row ----
  st = await state(page);
  const first = st.orders.list.rows[0];
  assert.ok(first, 'a row on screen');
  const rowId = `orders.row.${first.id}`;
  const r = st.items[rowId];
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.mouse.move(r.x + 20, r.y + r.h / 2);   // over the 工单编号 cell
  await sleep(150);
  await chord(page, 'Control', 'c');
  let clip = '';
  for (let i = 0; i < 30 && clip === ''; i++) {
    clip = await page.evaluate(() => navigator.clipboard.readText());
    await sleep(100);
  }
  assert.equal(clip, first.code, 'Ctrl+C copies the one cell: the order code');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.keyboard.down('Control');
  await page.keyboard.down('Shift');
  await sleep(20);
  await page.keyboard.down('c');
  await sleep(50);
  await page.keyboard.up('c');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Control');
  clip = '';
  for (let i = 0; i < 30 && !clip.includes('\t'); i++) {
    clip = await page.evaluate(() => navigator.clipboard.readText());
    await sleep(100);
  }
  const cells = clip.split('\t');
  assert.equal(cells[0], first.code, 'the row copied starts with its order code');
  assert.ok(cells.length >= 10, `tab-separated cells: ${clip}`);

  // ---- header click: sort by order ID on the server ----
  st = await state(page);
  const table = st.items['orders.table'];
  await page.mouse.move(table.x + 40, table.y + 10);
  await sleep(80);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  st = await waitState(page, (s) => s.orders.list.loaded && s.pending === 0 && /id$/.test(s.orders.query.sort),
    'list sorted by order ID');
  const sorted = await api(supApi, 'GET', `/api/v1/orders?page=1&page_size=${st.orders.list.page_size}&sort=${st.orders.query.sort}`);
  assert.deepEqual(st.orders.list.rows.map((x) => x.id), sorted.body.items.map((x) => x.id));

  // ---- KPI drill-down: 未达标 lists the denominator's records not in the numerator ----
  await click(page, 'nav.kpis');
  await waitState(page, (s) => s.screen === 'kpis' && s.live.kpis.loaded && s.items['kpis.row.response_rate'], 'indicators');
  await click(page, 'kpis.row.response_rate');
  await waitState(page, (s) => s.live.records.loaded && s.items['kpis.side.failures'], 'drill-down of response_rate');
  await click(page, 'kpis.side.failures');
  st = await waitState(page, (s) => s.live.records.side === 'failures' && s.live.records.loaded && s.pending === 0,
    'failures listed');
  const period = st.live.kpis.period;
  const num = await api(supApi, 'GET', `/api/v1/kpis/response_rate/records?period=${period}&side=numerator&page_size=1`);
  const den = await api(supApi, 'GET', `/api/v1/kpis/response_rate/records?period=${period}&side=denominator&page_size=1`);
  assert.equal(st.live.records.total, den.body.total - num.body.total, 'failures = denominator − numerator');
  // The 未达标 count on the toggle is the reply's failure_count (shared), the same as the list's length.
  const kpis = await api(supApi, 'GET', `/api/v1/kpis?period=${period}`);
  const rr = kpis.body.items.find((i) => i.code === 'response_rate');
  assert.equal(rr.failure_count, st.live.records.total, 'the reply\'s failure_count = the failures listed');
  assert.ok(st.items['kpis.records.export'], 'the drill-down has its own 导出');
  await shot(page, 'tables-kpi-failures');
  // The same at 1280x720 (the desk's screen), the pointer off the toggles.
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitState(page, (x) => x.canvas.css_w === 1280 && x.items['kpis.side.failures'], 'KPI screen at 1280x720');
  await page.mouse.move(5, 700);
  await shot(page, 'kpis-failures-1280x720');
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitState(page, (x) => x.canvas.css_w === 1440, 'back to 1440x900');

  // ---- the other lists carry the same two buttons, clear of their neighbours ----
  for (const [nav, prefix, screen, neighbour] of [['nav.watch', 'watch', 'watch', 'watch.refresh'],
    ['nav.knowledge', 'kb', 'knowledge', null], ['nav.elders', 'elders', 'elder_list', null]]) {
    await click(page, nav);
    st = await waitState(page, (s) => s.screen === screen && s.pending === 0 && s.items[`${prefix}.export`] &&
      s.items[`${prefix}.print`], `${screen} with 导出 / 打印`);
    if (neighbour) assert.ok(!overlaps(st.items[`${prefix}.print`], st.items[neighbour]), `${prefix} buttons clear of ${neighbour}`);
    await shot(page, `tables-${screen}`);
  }
  assert.deepEqual(problems, []);
});

// Issue 9, the lists' second part: a non-order list (elders) sorted by a header on the server, its export in the
// same order and the sort in the URL; the print view of an empty list shows 无记录 and a refused one a Chinese
// page; a day picked on the orders filter's date picker filters the list. Screenshots of each list at 1280×720.
test('tables: elders sorted by a header, export in the same order, empty print, a date picked', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const browser = await launch();
  t.after(() => browser.close());
  const { context, page, problems } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, u.supervisor.username, u.supervisor.password);

  // ---- elders: click the 姓名 header → sorted by the server ----
  await click(page, 'nav.elders');
  let st = await waitState(page, (s) => s.screen === 'elder_list' && s.elders.loaded && s.pending === 0 &&
    s.items['elders.table'], 'elder list');
  const table = st.items['elders.table'];
  await page.mouse.move(table.x + 30, table.y + 10);   // the 姓名 header
  await sleep(80);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  st = await waitState(page, (s) => s.elders.loaded && s.pending === 0 && s.elders.sort === 'name', 'elders sorted by name');
  const byName = await api(supApi, 'GET', `/api/v1/elders?page=1&page_size=${st.elders.page_size}&sort=name`);
  assert.equal(byName.status, 200);
  assert.deepEqual(st.elders.ids, byName.body.items.map((e) => e.id), 'the screen shows the server\'s order');
  assert.match(await page.evaluate(() => location.hash), /sort=name/, 'the sort is in the URL');
  await shot(page, 'tables-elders-sorted');
  // A second click: descending.
  await page.mouse.move(table.x + 30, table.y + 10);
  await sleep(80);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  st = await waitState(page, (s) => s.elders.loaded && s.pending === 0 && s.elders.sort === '-name', 'elders by name, descending');
  const desc = await api(supApi, 'GET', `/api/v1/elders?page=1&page_size=${st.elders.page_size}&sort=-name`);
  assert.deepEqual(st.elders.ids, desc.body.items.map((e) => e.id));
  // 导出: the file lists the elders in the screen's order.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'elders.export')]);
  const rows = readXlsx(await download.path());
  assert.equal(rows[3][0], '姓名');
  assert.deepEqual(rows.slice(4, 4 + desc.body.items.length).map((x) => x[0]), desc.body.items.map((e) => e.name),
    'the export is in the same order as the screen');

  // ---- print views: an empty list prints 无记录; a refused one answers a Chinese page ----
  const printTab = await context.newPage();
  await printTab.goto(`${BASE}/api/v1/export/orders.html?period=2001-01`);
  assert.equal((await printTab.textContent('#empty')).trim(), '无记录');
  assert.ok(await printTab.locator('thead th').count() >= 9, 'the header is printed above 无记录');
  await printTab.setViewportSize({ width: 1280, height: 720 });
  await shot(printTab, 'tables-print-empty');
  const refused = await printTab.goto(`${BASE}/api/v1/export/orders.html?status=nonsense`);
  assert.equal(refused.status(), 400);
  assert.match(await printTab.textContent('#title'), /无法生成打印页：筛选条件有误/);
  assert.match(await printTab.textContent('#error'), /查询参数 status/);
  await shot(printTab, 'tables-print-refused');
  await printTab.close();

  // ---- orders: a day picked in the date picker filters the list ----
  await click(page, 'nav.orders');
  st = await waitState(page, (s) => s.screen === 'orders' && s.orders.list.loaded && s.pending === 0 &&
    s.items['orders.filter.from.open'], 'orders with the date pickers');
  await click(page, 'orders.filter.from.open');
  await click(page, 'orders.filter.from.day.1');
  st = await waitState(page, (s) => /^\d{4}-\d{2}-01$/.test(s.orders.query.from) && s.orders.list.loaded && s.pending === 0,
    'a start day picked');
  const from = st.orders.query.from;
  const since = await api(supApi, 'GET', `/api/v1/orders?page=1&page_size=${st.orders.list.page_size}&from=${from}&sort=-created_at`);
  assert.equal(st.orders.list.total, since.body.total, 'the list counts the orders since the day picked');
  for (const o of since.body.items) assert.ok(o.created_at.slice(0, 10) >= from);
  assert.match(await page.evaluate(() => location.hash), new RegExp(`from=${from}`));
  await shot(page, 'tables-orders-date');

  // ---- a refused download (导出) is shown in the dashboard, not saved: a month that does not exist ----
  await focusField(page, 'orders.filter.period');
  await typeKeys(page, '2026-13');
  await press(page, 'Enter');
  await waitState(page, (s) => s.pending === 0 && s.orders.query.period === '2026-13', 'a bad month sent');
  let saved = false;
  page.on('download', () => { saved = true; });
  await click(page, 'orders.export');
  st = await waitState(page, (s) => /^导出失败：.*period/.test(s.status.text), 'the refusal in the status line');
  assert.match(st.status.text, /查询参数 period/);
  assert.equal(saved, false, 'nothing saved for a refused export');
  await shot(page, 'tables-export-refused');

  // ---- the other changed lists at 1280×720 ----
  await click(page, 'nav.watch');
  st = await waitState(page, (s) => s.screen === 'watch' && s.pending === 0 && s.live.watch.loaded &&
    (s.live.watch.rows === 0 || s.items['watch.row.0']), 'watch list');
  if (st.live.watch.rows > 1) {
    // The 工单 header (just above the first row): sorted by order code on the server, the print page the same.
    const row0 = st.items['watch.row.0'];
    await page.mouse.move(row0.x + 20, row0.y - 12);
    await sleep(80);
    await page.mouse.down();
    await sleep(60);
    await page.mouse.up();
    st = await waitState(page, (s) => s.live.watch.sort === 'order_code' && s.pending === 0 && s.live.watch.loaded,
      'watch sorted by order code');
    const sortedCodes = [...st.live.watch.codes].sort();
    assert.deepEqual(st.live.watch.codes, sortedCodes, 'ascending order codes');
    const html = await api(supApi, 'GET', `/api/v1/watch?sort=order_code&page=1&page_size=${st.live.watch.page_size}`);
    assert.deepEqual(st.live.watch.codes, html.body.items.map((x) => x.order_code));
  }
  await shot(page, 'tables-watch-1280');
  await click(page, 'nav.knowledge');
  await waitState(page, (s) => s.screen === 'knowledge' && s.pending === 0 && s.items['kb.sort'], 'knowledge');
  await shot(page, 'tables-knowledge-1280');
  await click(page, 'nav.kpis');
  await waitState(page, (s) => s.screen === 'kpis' && s.live.kpis.loaded && s.items['kpis.row.response_rate'], 'indicators');
  await click(page, 'kpis.row.response_rate');
  await waitState(page, (s) => s.live.records.loaded && s.pending === 0 && s.items['kpis.records.page_size'], 'drill-down');
  await shot(page, 'tables-kpis-1280');
  assert.deepEqual(problems, []);
});
