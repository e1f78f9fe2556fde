// Browser test: the bureau leader's countersign (会签) of a signed operation report (issue 13, last part). The
// supervisor signs the previous month's 月度运营分析报告 through the API (a supplement with a reason when it was signed
// before); the leader opens 报表: the signed reports come first, the new one 已签署、待会签 with 会签 and 退回. 退回
// without a reason: the server's 422 message beside the field. Then 会签 with a note, confirmed: the row shows 已会签
// with the leader and the note, the list was refreshed, and the signed PDF is byte for byte as signed (its SHA-256).
// Screenshots: reports-return-422-1440x900, reports-countersigned-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { BASE, waitState, click, shot, users, api, apiSignIn, openScreen, focusField, imeCompose, confirmDialog, scrollTo }
  from './lib.mjs';

test('reports: the leader countersigns a signed report on the screen', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  assert.ok(u.leader, 'a leader (局领导) among the test users');
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);

  // The previous month (the server's current month from an unsigned report of it).
  const cur = await api(sup, 'GET', '/api/v1/reports/operation?kind=month');
  assert.equal(cur.status, 200);
  const [y, m] = cur.body.period.split('-').map(Number);
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const draft = await api(sup, 'PUT', '/api/v1/reports/operation/draft',
    { kind: 'month', period: month, problems: '回访及时率偏低，建议加强督办（会签测试）。' });
  assert.equal(draft.status, 200);
  const before = await api(sup, 'GET', `/api/v1/reports/signed?kind=month&period=${month}`);
  const body = { kind: 'month', period: month };
  if (before.body.items.length > 0) body.note = '会签测试：重新签署';
  const signed = await api(sup, 'POST', '/api/v1/reports/operation/sign', body);
  assert.equal(signed.status, 201, JSON.stringify(signed.body));
  const id = signed.body.id;
  assert.equal(signed.body.status_zh, '已签署、待会签');
  const row = `reports.signed.${id}`;

  const { page, problems } = await openScreen(t, 'leader', 'nav.reports',
    (x) => x.screen === 'reports' && x.reports.signed && x.reports.signed.items && x.pending === 0, '报表 as the leader');
  let s = await waitState(page, (x) => x.texts[`${row}.status`] === '已签署、待会签' && x.items[`${row}.countersign`],
    'the new report awaiting the countersign');

  // 退回 without a reason: the server's refusal beside the field.
  await scrollTo(page, `${row}.return`, 'reports.body');
  await click(page, `${row}.return`);
  await waitState(page, (x) => x.reports.decision_id === id && x.reports.decision_action === 'return' &&
    x.items['reports.decision.submit'], 'the return editor');
  await scrollTo(page, 'reports.decision.submit', 'reports.body');
  await click(page, 'reports.decision.submit');
  await confirmDialog(page, 'reports.return');
  s = await waitState(page, (x) => x.pending === 0 && x.reports.decision_error !== '', 'the 422 beside the field');
  assert.match(s.reports.decision_error, /退回的理由/);
  assert.ok(s.items['reports.decision.error.reason'], 'the message is beside the reason field');
  await shot(page, 'reports-return-422-1440x900');
  await click(page, 'reports.decision.cancel');

  // 会签 with a note, confirmed.
  const note = `同意报送。${Date.now() % 1000}`;
  await scrollTo(page, `${row}.countersign`, 'reports.body');
  await click(page, `${row}.countersign`);
  await waitState(page, (x) => x.reports.decision_action === 'countersign' && x.items['reports.decision.text'], 'the countersign editor');
  await scrollTo(page, 'reports.decision.text', 'reports.body');
  await focusField(page, 'reports.decision.text');
  await imeCompose(page, note);
  await waitState(page, (x) => x.reports.decision_text === note, 'the note typed');
  await click(page, 'reports.decision.submit');
  await confirmDialog(page, 'reports.countersign');
  s = await waitState(page, (x) => x.pending === 0 && x.texts[`${row}.status`] === '已会签', '已会签 on the screen', 30000);
  assert.ok(s.texts[`${row}.decision`].includes(note), 'the note beside the status');
  assert.ok(s.texts[`${row}.decision`].includes('局领导'), 'the leader beside the status');
  assert.ok(!s.items[`${row}.countersign`], 'no 会签 button once countersigned');
  assert.match(s.reports.action_notice, /已会签/);
  await scrollTo(page, `${row}.pdf`, 'reports.body');
  await shot(page, 'reports-countersigned-1440x900');
  assert.deepEqual(problems, [], 'no page errors');

  // The supervisor reads it; the sealed PDF did not change.
  const after = await api(sup, 'GET', `/api/v1/reports/signed/${id}`);
  assert.equal(after.status, 200);
  assert.equal(after.body.report.status, 'countersigned');
  assert.equal(after.body.report.decision_note, note);
  assert.equal(after.body.report.pdf_sha256, signed.body.pdf_sha256);
  const pdf = await fetch(`${BASE}/api/v1/reports/signed/${id}/file?format=pdf`, {
    headers: { Cookie: sup.cookie, 'X-Yiyang-Request': '1' } });
  assert.equal(pdf.status, 200);
  const sha = crypto.createHash('sha256').update(Buffer.from(await pdf.arrayBuffer())).digest('hex');
  assert.equal(sha, signed.body.pdf_sha256, 'the signed PDF is byte for byte as signed');
});
