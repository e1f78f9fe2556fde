// Browser test: 绩效目标表 (issue 13) — a supervisor opens the target table: every row of GET /api/v1/target-table is
// drawn with the server's judgement (no figure worked out in the browser), grouped by 服务项目; the month moves
// back and forth; 只看需关注 leaves only 未达标 / 落后 / 无数据; a row opens its wording and 本月明细 opens 绩效指标 on
// that indicator and month with its drill-down; 导出 Excel downloads the printed layout (python reads it). The
// leader has the screen, an agent does not. Screenshots: target-table-1440x900, target-table-1280x720-detail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitState, click, shot, assertLayout, users, api, apiSignIn, openScreen, readXlsx } from './lib.mjs';

const loaded = (x) => x.screen === 'target_table' && x.target_table.table && !x.target_table.loading && x.pending === 0;

test('target table: the rows as judged, months, the attention filter, a figure opened, the XLSX', async (t) => {
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const viewport = { width: 1440, height: 900 };
  const { page, problems, s: first } = await openScreen(t, 'supervisor', 'nav.target_table', loaded, '绩效目标表 loaded', viewport);
  let s = first;
  const month = s.target_table.month;
  const reply = await api(sup, 'GET', `/api/v1/target-table?month=${month}`);
  assert.equal(reply.status, 200);
  assert.equal(s.target_table.table.rows.length, reply.body.rows.length);
  for (const row of reply.body.rows) {
    const code = row.month.code;
    assert.equal(s.texts[`target_table.status.${code}`], row.status, `${code}: the server's judgement is shown`);
  }
  for (const k of ['met', 'on_track', 'behind', 'not_met', 'no_data', 'as_needed']) {
    assert.equal(s.texts[`target_table.count.${k}`], String(reply.body.counts[k]));
  }
  assertLayout(s, ['target_table.prev', 'target_table.next', 'target_table.current', 'target_table.attention',
    'target_table.export', 'target_table.reload'], viewport);
  await shot(page, 'target-table-1440x900');

  // The month before, and back.
  await click(page, 'target_table.prev');
  s = await waitState(page, (x) => loaded(x) && x.target_table.month !== month && x.target_table.table.month.code === x.target_table.month,
    'the previous month');
  await click(page, 'target_table.current');
  s = await waitState(page, (x) => loaded(x) && x.target_table.table.month.code === month, 'back to this month');

  // Only the rows that need attention.
  await click(page, 'target_table.attention');
  s = await waitState(page, (x) => x.target_table.filter === 'attention', 'attention filter');
  const attention = reply.body.rows.filter((r) => ['not_met', 'behind', 'no_data'].includes(r.status)).map((r) => r.month.code);
  const calm = reply.body.rows.filter((r) => !['not_met', 'behind', 'no_data'].includes(r.status)).map((r) => r.month.code);
  s = await waitState(page, (x) => calm.every((c) => !x.texts[`target_table.status.${c}`]), 'calm rows hidden');
  for (const c of attention.slice(0, 3)) assert.ok(s.texts[`target_table.status.${c}`], `${c} still listed`);
  await click(page, 'target_table.attention');
  s = await waitState(page, (x) => x.target_table.filter === '' && calm.every((c) => x.texts[`target_table.status.${c}`]), 'all rows back');

  // A row's wording and its figure opened on 绩效指标 (the month, with the drill-down of that indicator).
  await page.setViewportSize({ width: 1280, height: 720 });
  await click(page, 'target_table.row.response_rate');
  s = await waitState(page, (x) => x.target_table.selected === 'response_rate' && x.items['target_table.open_month.response_rate'],
    'the row opened');
  await shot(page, 'target-table-1280x720-detail');
  await click(page, 'target_table.open_month.response_rate');
  s = await waitState(page, (x) => x.screen === 'kpis' && x.live.selected === 'response_rate' && x.pending === 0, 'kpis opened');
  assert.equal(s.texts['kpis.period'], month);

  // 导出 Excel: the printed layout, read back.
  await click(page, 'nav.target_table');
  s = await waitState(page, loaded, 'back on the table');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, 'target_table.export')]);
  assert.match(download.suggestedFilename(), /^绩效目标表_\d{4}-\d{2}\.xlsx$/);
  const rows = readXlsx(await download.path());
  assert.equal(rows[0][0], '项目绩效目标表');
  assert.deepEqual(rows[2].slice(0, 5), ['服务项目', '序号', '具体内容', '具体要求', '量化指标']);
  const names = rows.map((r) => r[4]);
  for (const row of reply.body.rows) assert.ok(names.includes(row.month.name_zh), `${row.month.name_zh} in the workbook`);
  assert.deepEqual(problems, []);
});

test('target table: the leader has it, an agent does not', async (t) => {
  const u = users();
  if (!u.leader) return;   // stacks without a leader user
  const { s } = await openScreen(t, 'leader', 'nav.target_table', loaded, 'leader: 绩效目标表');
  assert.ok(s.target_table.table.rows.length >= 19);
  const agent = await apiSignIn(u.agent.username, u.agent.password);
  assert.equal((await api(agent, 'GET', '/api/v1/target-table')).status, 403);
});
