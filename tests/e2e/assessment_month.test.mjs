// Browser test: 考核 (issue 11) — a stored month. A department user (养老服务股) opens last month's assessment of
// provider 1's 居家养老上门服务 on 考核, changes a prefilled count: the total moves at once (shared code in
// WebAssembly), a reason is asked for (the shared check), 核查人数 typed (the rate beside it), saved and signed; the two other departments sign through
// the API; the leader opens the month, signs the review and the whole: the server's signed figures equal the
// browser's. Prefilled values are read from the month, never assumed. Screenshot: assessment-month-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, waitState, click, shot, assertLayout, openDashboard, users, api, apiSignIn, signIn, focusField,
  clearField, imeCompose, setField, choose, chooseProviderByName,
} from './lib.mjs';

test('assessment month: a department changes a count with a reason, departments and the leader sign', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  assert.ok(u.dept_es && u.dept_sa && u.dept_pf, 'the stack has the department users (scripts/run-tests.sh)');
  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1440, height: 900 };

  // ---- the department user opens the month ------------------------------------------------------------
  const { page, problems } = await openDashboard(browser, viewport);
  await signIn(page, u.dept_es.username, u.dept_es.password);
  await click(page, 'nav.assessment');
  let s = await waitState(page, (x) => x.screen === 'assessment' && x.assessment.months.month !== '' &&
    x.pending === 0, '考核 with the month list');
  assert.equal(s.assessment.months.my_department, 'elder_services');
  const month = s.assessment.months.month;
  // 开启考核: the project from the data (居家养老上门服务), provider 1 chosen by its name among the project's providers.
  s = await waitState(page, (x) => x.assessment.months.projects, 'the care projects');
  const projects = s.assessment.months.projects.items;
  assert.ok(projects.length >= 1);
  const home = projects.find((p) => p.code === 'home_visit');
  assert.ok(home, 'the project home_visit');
  if (s.assessment.months.open_project !== 'home_visit')
    await choose(page, 'assessment.months.project', 'assessment.months.project.home_visit');
  // Nothing chosen yet: the start is refused on the screen, in Chinese, and nothing is sent.
  await click(page, 'assessment.months.start');
  s = await waitState(page, (x) => /请选择服务商/.test(x.texts['assessment.months.message'] || ''), 'no provider: said');
  await chooseProviderByName(page, 'assessment.months', home.providers, 1);
  s = await waitState(page, (x) => x.assessment.months.open_provider === 1 && x.assessment.months.open_project === 'home_visit',
    'provider 1 chosen by name');
  assertLayout(s, ['assessment.months.project', 'assessment.months.provider', 'assessment.months.start'], viewport);
  await shot(page, 'assessment-chooser-1440x900');
  await click(page, 'assessment.months.start');
  s = await waitState(page, (x) => x.assessment.months.open && x.assessment.computed && x.pending === 0,
    'the month opened', 20000);
  assert.equal(s.assessment.months.open.month, month);
  assert.equal(s.assessment.months.open.status, 'open');
  assert.equal(s.assessment.months.my_column, 0);   // elder_services: the first department by code
  const id = s.assessment.months.open.id;

  // A prefilled item: its count from the month as opened (whatever the prefill found), changed so that the total must
  // move: a nonzero prefill to 0 (its deduction comes off, even when the prefill is past the cap, where one more would
  // not move anything), a zero prefill to 1.
  const item = s.assessment.months.draft.items.find((e) => e.prefilled !== null && e.code === 'visits_below_frequency') ||
    s.assessment.months.draft.items.find((e) => e.prefilled !== null);
  assert.ok(item, 'a prefilled item');
  // The prefilled count stands beside the item's name.
  assert.match(s.texts[`assessment.item.${item.code}`], new RegExp(`预填 ${item.prefilled}`));
  const before = s.texts['assessment.total'];
  const changed = item.prefilled > 0 ? 0 : 1;
  await setField(page, `assessment.count.0.${item.code}`, changed);
  s = await waitState(page, (x) => x.assessment.months.draft.items.find((e) => e.code === item.code).count === changed &&
    x.texts['assessment.total'] !== before, 'the total moved');
  assert.match(s.assessment.months.draft_errors.join('\n'), /养老服务股·.*理由/);
  // Other departments' columns are read-only: a click does not open their input.
  await click(page, `assessment.count.1.${item.code}`);
  s = await waitState(page, (x) => x.pending === 0, 'settled');
  assert.equal(s.want_text_input, false);
  assert.equal(s.assessment.sheets.departments[1].counts[item.code] || 0, item.prefilled);

  // The reason, then 保存 and 签署本科室.
  await focusField(page, `assessment.reason.${item.code}`);
  await clearField(page);
  await imeCompose(page, '核实后调整');
  s = await waitState(page, (x) => x.assessment.months.draft_errors.length === 0, 'the reason given');
  // 本科室核查人数: typed, the rate beside it at once; saved with the sheet, the month's warning for this department goes.
  const rateText = s.texts['assessment.checked.rate'];
  const total = Number((/本月服务对象 (\d+) 人/.exec(rateText) || [])[1]);
  assert.ok(Number.isInteger(total), `the month's subjects in the rate text: ${rateText}`);
  const checked = Math.ceil(total / 2);
  await setField(page, 'assessment.checked', checked);
  s = await waitState(page, (x) => x.assessment.months.draft.subjects_checked === checked, '核查人数 typed');
  if (total > 0) assert.match(s.texts['assessment.checked.rate'], /核查率 (5\d|100)\.\d\d%/);
  await click(page, 'assessment.save');
  s = await waitState(page, (x) => !x.assessment.months.busy && /已保存/.test(x.assessment.months.message), 'saved', 20000);
  const stored = await api(await apiSignIn(u.dept_es.username, u.dept_es.password), 'GET', `/api/v1/assessment/months/${id}`);
  const mine = stored.body.sheets.find((v) => v.department_code === 'elder_services');
  assert.equal(mine.entries.subjects_checked, checked, 'the stored sheet has the 核查人数');
  assert.equal(mine.check_rate_warning_zh, '', 'no 核查率 warning for a department that checked half');
  const saved = s.texts['assessment.total'];
  assert.notEqual(saved, before);
  await click(page, 'assessment.sign_sheet');
  s = await waitState(page, (x) => !x.assessment.months.busy && /已签署/.test(x.assessment.months.message), 'signed', 20000);
  assertLayout(s, ['assessment.zone.table', 'assessment.zone.summary'], viewport);
  await shot(page, 'assessment-month-department-1440x900');

  // ---- the other departments sign through the API -------------------------------------------------------
  for (const [who, dept] of [[u.dept_sa, 'social_assistance'], [u.dept_pf, 'planning_finance']]) {
    const session = await apiSignIn(who.username, who.password);
    const r = await api(session, 'POST', `/api/v1/assessment/months/${id}/sheets/${dept}/sign`, {});
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  // ---- the leader: the review, then the whole -----------------------------------------------------------
  const lead = await openDashboard(browser, viewport);
  await signIn(lead.page, u.leader.username, u.leader.password);
  await click(lead.page, 'nav.assessment');
  s = await waitState(lead.page, (x) => x.screen === 'assessment' && x.assessment.months.list &&
    x.assessment.months.list.items.some((m) => m.id === id) && x.pending === 0, 'the leader sees the month');
  await click(lead.page, `assessment.months.open.${id}`);
  s = await waitState(lead.page, (x) => x.assessment.months.open && x.assessment.months.open.id === id &&
    x.assessment.computed && x.pending === 0, 'the leader opened it');
  assert.equal(s.assessment.months.my_column, -1);
  assert.equal(s.texts['assessment.total'], saved);
  await click(lead.page, 'assessment.sign_sheet');
  s = await waitState(lead.page, (x) => !x.assessment.months.busy && /已签署/.test(x.assessment.months.message),
    'the review signed', 20000);
  await click(lead.page, 'assessment.sign_month');
  s = await waitState(lead.page, (x) => !x.assessment.months.busy && x.assessment.months.open.status === 'signed',
    'the month signed', 20000);
  assert.equal(s.assessment.months.signed_equal, true);
  assert.match(s.texts['assessment.month.signed'], /一致/);
  assert.equal(s.texts['assessment.total'], saved);
  assertLayout(s, ['assessment.zone.table', 'assessment.zone.summary'], viewport);
  await shot(lead.page, 'assessment-month-1440x900');

  // The API's signed figures are the browser's.
  const session = await apiSignIn(u.leader.username, u.leader.password);
  const r = await api(session, 'GET', `/api/v1/assessment/months/${id}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.figures, s.assessment.months.figures);
  assert.equal(r.body.summary.grade_code, s.assessment.months.figures.grade_code);
  assert.deepEqual(problems, []);
  assert.deepEqual(lead.problems, []);
});
