// Browser test: 巡查 (issue 13, part inspections). The supervisor opens 巡查: the month's inspection-rate table is
// drawn (the demo month: institutions inspected twice, once, not at all; one rectification overdue), an inspection
// is entered through the form with one item failed and its problem typed (an IME composition), the reply's notice
// says 需整改, the new rectification is listed with its deadline, the rate table counts the inspection, and the
// XLSX of the table is the server's. Screenshots: inspections-1440x900, inspections-entered-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, sleep, waitState, click, shot, users, api, apiSignIn, openScreen, focusField, imeCompose, scrollTo } from './lib.mjs';

test('inspections: the rate table, an inspection entered through the form, its rectification', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const viewport = { width: 1440, height: 900 };
  const { page, problems, s: first } = await openScreen(t, 'supervisor', 'nav.inspections',
    (x) => x.screen === 'inspections' && x.inspections.board && !x.inspections.loading && x.pending === 0, '巡查 loaded', viewport);
  const board = first.inspections.board;
  assert.ok(board.rate.rows.length > 0, 'the rate table has institutions');
  assert.ok(board.checklist.length >= 10, 'the checklist of the rule in force');
  const row = board.rate.rows[0];
  let s = await waitState(page, (x) => x.items[`inspections.rate.${row.institution_id}`], 'the first row drawn');
  assert.match(s.texts['inspections.summary'], /本月巡检率 .*%/);
  assert.ok(board.overdue >= 1, 'the demo month has an overdue rectification');
  await shot(page, 'inspections-1440x900');

  // The form: the first institution (chosen by default), food samples failed with the problem typed.
  const inst = s.inspections.institution;
  assert.ok(inst > 0, 'an institution chosen');
  const before = (await api(sup, 'GET', '/api/v1/inspections')).body;
  const countBefore = before.rate.rows.find((r) => r.institution_id === inst).count;
  await scrollTo(page, 'inspections.item.food_samples.fail', 'inspections.right');
  await click(page, 'inspections.item.food_samples.fail');
  s = await waitState(page, (x) => x.inspections.items.food_samples && x.inspections.items.food_samples.passed === false &&
    x.items['inspections.item.food_samples.note'], 'the item marked failed');
  await focusField(page, 'inspections.item.food_samples.note');
  await imeCompose(page, '午餐未留样');
  s = await waitState(page, (x) => x.inspections.items.food_samples.note === '午餐未留样', 'the problem typed');
  await scrollTo(page, 'inspections.submit', 'inspections.right');
  await click(page, 'inspections.submit');
  s = await waitState(page, (x) => x.inspections.form_notice !== '' && !x.inspections.loading && x.pending === 0,
    'the inspection saved');
  assert.match(s.inspections.form_notice, /需整改/);
  assert.equal(s.inspections.form_error, '');
  const rect = s.inspections.board.rectifications.find((r) => r.institution_id === inst && r.item_code === 'food_samples' &&
    r.status === 'open' && r.finding === '午餐未留样');
  assert.ok(rect, 'the rectification is listed');
  assert.equal(rect.overdue, false);
  assert.equal(s.inspections.board.rate.rows.find((r) => r.institution_id === inst).count, countBefore + 1);
  await shot(page, 'inspections-entered-1440x900');

  // The XLSX of the month's table.
  const x = await fetch(`${BASE}/api/v1/export/inspection-rate.xlsx?month=${board.rate.month}`, { headers: { Cookie: sup.cookie } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type') || '', /spreadsheetml/);
  assert.deepEqual(problems, []);
});
