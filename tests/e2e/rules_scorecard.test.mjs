// Browser test: the monthly assessment scorecard (rule kind assessment_scorecard, issue 11) appears on 规则管理 like
// every other kind — listed with its version in force, its JSON shown when selected — and the API preview of a
// candidate names nested changes by code (parts[execution].items[rude_service].cap). Screenshot: rules-scorecard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, waitState, click, shot, assertLayout, scrollTo, openDashboard, users, api, apiSignIn, signIn, focusField,
  clearField, typeKeys, imeCompose,
} from './lib.mjs';

test('rules: the scorecard kind is listed, selectable and shown; nested diff paths by code', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1440, height: 900 };

  const admin = await openDashboard(browser, viewport);
  await signIn(admin.page, u.admin.username, u.admin.password);
  await click(admin.page, 'nav.rules');
  let s = await waitState(admin.page, (x) => x.screen === 'rules' && x.rules.loaded && x.pending === 0, 'rules screen loaded');
  const kind = s.rules.kinds.find((k) => k.code === 'assessment_scorecard');
  assert.ok(kind && kind.in_force, 'the scorecard has a version in force');
  const id = `rules.version.assessment_scorecard.${kind.in_force}`;
  await scrollTo(admin.page, id, 'rules.zone.list');
  await click(admin.page, id);
  s = await waitState(admin.page, (x) => x.rules.kind === 'assessment_scorecard' && x.rules.version === kind.in_force &&
    x.rules.body_loaded && x.texts['rules.viewing'], 'scorecard version shown');
  assert.match(s.texts[id], /生效中/);
  assert.equal(s.texts['rules.viewing'], kind.in_force);
  assertLayout(s, ['rules.zone.list', 'rules.zone.detail'], viewport);
  const list = s.items['rules.zone.list'];
  const name = s.items['rules.kind.assessment_scorecard'];
  assert.ok(name.visible && name.y >= list.y && name.y + name.h <= list.y + list.h, "the kind's name lies inside the list");
  await shot(admin.page, 'rules-scorecard-1440x900');

  // The diff of a candidate (preview only: nothing is written) names nested array elements by their code.
  const session = await apiSignIn(u.admin.username, u.admin.password);
  const got = await api(session, 'GET', `/api/v1/rules/assessment_scorecard/${kind.in_force}`);
  assert.equal(got.status, 200);
  const body = got.body.body;
  body.parts[1].items[2].cap = 9;
  body.parts[1].items[1].cap = 21;
  const p = await api(session, 'POST', '/api/v1/rules/assessment_scorecard/preview',
    { version: `scorecard-e2e-${Date.now() % 1000000000}`, effective_from: s.rules.today, reason: '浏览器测试预览', body });
  assert.equal(p.status, 200);
  assert.equal(p.body.ok, true);
  const paths = p.body.changes.map((c) => c.path);
  assert.ok(paths.includes('parts[execution].items[rude_service].cap'), `nested path: ${paths}`);

  // The same candidate drafted on the screen (body replaced through the text agent): the diff view lists the nested
  // changes by code. Previewed only, never published. Screenshot: rules-scorecard-diff.
  await click(admin.page, 'rules.new');
  s = await waitState(admin.page, (x) => x.rules.draft && x.rules.draft.based_on === kind.in_force, 'draft');
  await focusField(admin.page, 'rules.draft.version');
  await clearField(admin.page);
  await typeKeys(admin.page, `scorecard-e2e-${Date.now() % 1000000000}`);
  await focusField(admin.page, 'rules.draft.effective_from');
  await clearField(admin.page);
  await typeKeys(admin.page, s.rules.today);
  await focusField(admin.page, 'rules.draft.reason');
  await imeCompose(admin.page, '浏览器测试');
  await focusField(admin.page, 'rules.draft.body');
  await clearField(admin.page);
  body.satisfaction.steps = 'started';
  const cdp = await admin.page.context().newCDPSession(admin.page);
  await cdp.send('Input.insertText', { text: JSON.stringify(body) });
  await cdp.detach();
  await click(admin.page, 'rules.preview');
  s = await waitState(admin.page, (x) => x.rules.draft.previewed && !x.rules.draft.stale && !x.rules.draft.busy &&
    x.texts['rules.diff.0'], 'preview with its diff', 20000);
  const shown = Object.entries(s.texts).filter(([k]) => k.startsWith('rules.diff.')).map(([, v]) => v);
  assert.ok(shown.some((t) => t.includes('parts[execution].items[rude_service].cap')), `diff on screen: ${shown}`);
  assert.ok(shown.some((t) => t.includes('satisfaction.steps')), `diff on screen: ${shown}`);
  await shot(admin.page, 'rules-scorecard-diff-1440x900');
  await click(admin.page, 'rules.cancel');
  assert.deepEqual(admin.problems, []);
});
