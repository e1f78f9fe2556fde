// Browser test: 考核 (issue 11) — the month's what-if. A supervisor opens 考核, types counts (one past its cap): the
// deduction says 封顶, the month total, grade and payout change at once (computed in WebAssembly by the shared code);
// 「服务器核算」 says the server's figures are equal; and the screen's figures equal the API's for the same sheets.
// Screenshot: assessment-whatif-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitState, click, shot, assertLayout, users, api, apiSignIn, setField, openScreen } from './lib.mjs';

test('assessment: counts change the total, grade and payout at once; the server agrees', async (t) => {
  const u = users();
  const viewport = { width: 1440, height: 900 };
  const { page, problems, s: first } = await openScreen(t, 'supervisor', 'nav.assessment',
    (x) => x.screen === 'assessment' && x.assessment.loaded && x.assessment.computed && x.pending === 0, '考核 loaded', viewport);
  let s = first;
  assert.equal(s.assessment.sheets.departments.length, 2);
  assert.equal(s.texts['assessment.total'], '100.00');
  assert.equal(s.texts['assessment.grade'], '优秀');
  assert.match(s.texts['assessment.rule_points'], /满意度/);
  assert.match(s.texts['assessment.rule_points'], /左闭右开/);

  // 走访频次不足 25 (cap 20, 1 per person-time): capped; department 1 at 80, the month 91.00, still 优秀.
  await setField(page, 'assessment.count.0.visits_below_frequency', 25);
  s = await waitState(page, (x) => x.assessment.sheets.departments[0].counts.visits_below_frequency === 25 &&
    x.texts['assessment.total'] === '91.00', 'capped count recomputed');
  assert.match(s.texts['assessment.deducted.0.visits_below_frequency'], /^-20 封顶$/);
  assert.equal(s.texts['assessment.deducted.0.rude_service'], '0');   // nothing deducted: "0", not "-0"
  assert.equal(s.texts['assessment.score.0'], '80 分');
  assert.equal(s.texts['assessment.grade'], '优秀');
  assert.equal(s.texts['assessment.payout'], '100.00%');

  // 服务不真实 12 in department 2: 88; mean 84, month 85.60 → 良好, payout inside its band.
  await setField(page, 'assessment.count.1.service_not_real', 12);
  s = await waitState(page, (x) => x.texts['assessment.total'] === '85.60', 'second count recomputed');
  assert.equal(s.texts['assessment.grade'], '良好');
  assert.equal(s.texts['assessment.payout'], '96.68%');   // 95 % + 3 % × 5.6 / 10, half-up to 0.01 %
  assert.match(s.texts['assessment.consequence'], /95%-98%/);

  // 服务器核算: the same sheets posted; the server's figures equal the screen's.
  await click(page, 'assessment.server_check');
  s = await waitState(page, (x) => x.assessment.server_equal !== null && !x.assessment.checking, 'server check', 20000);
  assert.equal(s.assessment.server_equal, true, s.assessment.server_error);
  assert.match(s.texts['assessment.server'], /一致/);
  assertLayout(s, ['assessment.zone.table', 'assessment.zone.summary'], viewport);
  await shot(page, 'assessment-whatif-1440x900');

  // The API for the same sheets (its own request) replies exactly the screen's figures.
  const session = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const reply = await api(session, 'POST', '/api/v1/assessment/preview', { ...s.assessment.sheets, on: s.assessment.today });
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body, s.assessment.computed);
  assert.equal(reply.body.grade_code, 'good');
  assert.equal(reply.body.payout_bp, 9668);
  assert.deepEqual(problems, []);
});
