// Browser test of 通话记录 (issue 9): a supervisor opens the call list, filters by a seat of this run (25 calls
// imported through the API), by direction and outcome, pages (page jump), sorts by a header click, copies a row
// (Ctrl+Shift+C), downloads 导出 (an XLSX a reader opens: the filter's rows, none other) and opens 打印; the URL
// carries the filters and F5 brings them back (never the number). An agent's number fragment is refused on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, press, typeKeys, focusField, clearField, shot, openDashboard, users,
  api, apiSignIn, signIn,
  readXlsx, choose,
} from './lib.mjs';

// "2026-12-04 10:00:05" in China Standard Time, `minutesAgo` before now.
function cst(minutesAgo, plusSeconds = 0) {
  return new Date(Date.now() + 8 * 3600e3 - minutesAgo * 60e3 + plusSeconds * 1e3).toISOString().slice(0, 19).replace('T', ' ');
}

const listed = (s) => s.screen === 'calls' && s.calls.loaded && s.pending === 0 && s.items['calls.table'];

test('通话记录: filters, page jump, header sort, copy, export and print, URL and F5', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  // 25 calls of a seat of this run: 20 inbound answered (talk 60..79 s), 5 outbound unanswered.
  const run = `${Date.now() % 1e8}`;
  const seat = `e${run}`;
  const caller = `137${run.padStart(8, '0').slice(-8)}`;
  let csv = 'direction,caller,callee,start,answer,end,agent,disposition,call_id\n';
  for (let i = 0; i < 25; i++) {
    const start = 276 + i;                                    // minutes ago: one a minute, #0 the newest
    const inbound = i < 20;
    csv += inbound
      ? `in,${caller},88885252,${cst(start)},${cst(start, 5)},${cst(start, 65 + i)},${seat},answered,${seat}-${i}\n`
      : `out,8002,1390013${String(i).padStart(4, '0')},${cst(start)},,${cst(start, 20)},${seat},no_answer,${seat}-${i}\n`;
  }
  const imp = await api(sup, 'POST', '/api/v1/calls/import?name=e2e.csv', csv);
  assert.equal(imp.status, 201, JSON.stringify(imp.body));
  assert.equal(imp.body.imported, 25);

  const browser = await launch();
  t.after(() => browser.close());
  const { context, page, problems } = await openDashboard(browser, { width: 1440, height: 900 });
  await signIn(page, u.supervisor.username, u.supervisor.password);
  await click(page, 'nav.calls');
  let st = await waitState(page, listed, 'call list');
  assert.ok(st.calls.total >= 25, 'the city\'s calls and ours');
  assert.match(await page.evaluate(() => location.hash), /^#\/calls/);

  // ---- the seat: typed, Enter ----
  await focusField(page, 'calls.filter.agent');
  await clearField(page);
  await typeKeys(page, seat);
  await press(page, 'Enter');
  st = await waitState(page, (s) => listed(s) && s.calls.query.agent === seat && s.calls.total === 25, 'the seat\'s 25 calls');
  assert.equal(st.calls.rows.length, 20, 'page 1 of 2 at 20 a page');
  assert.ok(st.calls.rows.every((r) => r.agent === seat));
  assert.equal(st.calls.rows[0].call_key, `${seat}-0`, 'newest first');
  await shot(page, 'calls-seat-1440');

  // ---- page jump: page 2 holds the last 5 ----
  await focusField(page, 'calls.jump');
  await typeKeys(page, '2');
  await press(page, 'Enter');
  st = await waitState(page, (s) => listed(s) && s.calls.query.page === 2, 'page 2');
  assert.equal(st.calls.rows.length, 5);
  assert.match(await page.evaluate(() => location.hash), /page=2/);

  // ---- direction and outcome ----
  await choose(page, 'calls.filter.direction', 'calls.filter.direction.outbound');
  st = await waitState(page, (s) => listed(s) && s.calls.query.direction === 'outbound', 'outbound only');
  assert.equal(st.calls.total, 5);
  assert.equal(st.calls.query.page, 1, 'a new filter starts at page 1');
  assert.ok(st.calls.rows.every((r) => r.direction === '呼出' && r.disposition === '未接'));
  await choose(page, 'calls.filter.direction', 'calls.filter.direction.inbound');
  await choose(page, 'calls.filter.disposition', 'calls.filter.disposition.answered');
  st = await waitState(page, (s) => listed(s) && s.calls.query.direction === 'inbound' &&
    s.calls.query.disposition === 'answered', 'inbound answered');
  assert.equal(st.calls.total, 20);

  // ---- header sort: 呼叫时间 ascending (a click on the sorted column turns it) ----
  const table = st.items['calls.table'];
  await page.mouse.move(table.x + 40, table.y + 10);
  await sleep(80);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  st = await waitState(page, (s) => listed(s) && s.calls.query.sort === 'started_at', 'oldest first');
  assert.equal(st.calls.rows[0].call_key, `${seat}-19`);
  assert.match(await page.evaluate(() => location.hash), /sort=started_at/);
  const byApi = await api(sup, 'GET', `/api/v1/calls?agent=${seat}&direction=inbound&disposition=answered&sort=started_at&page_size=20`);
  assert.deepEqual(st.calls.rows.map((r) => r.call_key), byApi.body.items.map((r) => r.call_key), 'the server\'s order');

  // ---- Ctrl+Shift+C: the row under the pointer, tab-separated as the export writes it ----
  const row = st.items['calls.row.0'];
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.mouse.move(row.x + 20, row.y + row.h / 2);
  await sleep(150);
  await page.keyboard.down('Control');
  await page.keyboard.down('Shift');
  await sleep(20);
  await page.keyboard.down('c');
  await sleep(50);
  await page.keyboard.up('c');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Control');
  let clip = '';
  for (let i = 0; i < 30 && !clip.includes('\t'); i++) {
    clip = await page.evaluate(() => navigator.clipboard.readText());
    await sleep(100);
  }
  const cells = clip.split('\t');
  assert.equal(cells.length, 10, `ten cells: ${clip}`);
  assert.equal(cells[1], '呼入');
  assert.equal(cells[2], caller, 'supervisors see the number in full');
  assert.equal(cells[7], seat);
  assert.equal(cells[9], `${seat}-19`);

  // ---- 导出: the filter's 20 calls, in the screen's order ----
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'calls.export')]);
  assert.match(download.suggestedFilename(), /^话务记录_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = readXlsx(await download.path());
  assert.equal(rows[0][0], '话务记录');
  assert.match(rows[1][0], /坐席/);
  assert.match(rows[1][0], /呼入/);
  assert.equal(rows[3][9], '话单编号');
  assert.equal(rows.length - 4, 20, 'one sheet row per call of the filter');
  assert.deepEqual(rows.slice(4).map((r) => r[9]), byApi.body.items.map((r) => r.call_key));

  // ---- 打印: the A4 page of the same ----
  const [printPage] = await Promise.all([context.waitForEvent('page', { timeout: 30000 }), click(page, 'calls.print')]);
  await printPage.waitForLoadState('load');
  assert.equal(await printPage.textContent('#title'), '话务记录');
  assert.match(await printPage.textContent('#filters'), /坐席/);
  assert.equal(await printPage.locator('tbody tr').count(), 20);
  await printPage.setViewportSize({ width: 1200, height: 800 });
  await shot(printPage, 'calls-print-page');
  await printPage.close();

  // ---- a number fragment (supervisors: 3+ digits) ----
  await focusField(page, 'calls.filter.number');
  await clearField(page);
  await typeKeys(page, caller.slice(3, 9));
  await press(page, 'Enter');
  st = await waitState(page, (s) => listed(s) && s.calls.query.number === caller.slice(3, 9), 'by a number fragment');
  assert.equal(st.calls.total, 20);
  const hash = await page.evaluate(() => location.hash);
  assert.ok(!hash.includes('number'), `the number stays out of the URL: ${hash}`);
  await shot(page, 'calls-filtered-1440');

  // ---- F5: the filters and the sort come back from the URL ----
  await page.reload();
  st = await waitState(page, (s) => listed(s) && s.calls.query.agent === seat, 'the list after F5', 30000);
  assert.equal(st.calls.query.direction, 'inbound');
  assert.equal(st.calls.query.disposition, 'answered');
  assert.equal(st.calls.query.sort, 'started_at');
  assert.equal(st.calls.total, 20);
  assert.deepEqual(problems, []);
});

test('通话记录: an agent sees numbers masked and may search only by the whole number', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, u.agent.username, u.agent.password);
  await click(page, 'nav.calls');
  let st = await waitState(page, listed, 'call list (agent)');
  assert.equal(st.calls.masked, true);
  const inbound = st.calls.rows.find((r) => r.direction === '呼入');
  if (inbound) assert.match(inbound.caller, /\*\*\*\*/);
  await focusField(page, 'calls.filter.number');
  await clearField(page);
  await typeKeys(page, '1390');
  await press(page, 'Enter');
  st = await waitState(page, (s) => s.calls.error !== '' && s.pending === 0, 'the fragment refused');
  assert.match(st.calls.error, /完整/);
  assert.ok(st.items['calls.error'], 'the refusal is shown beside the list');
  await shot(page, 'calls-agent-refused-1280');
  assert.deepEqual(problems.filter((p) => !/400/.test(p)), []);
});
