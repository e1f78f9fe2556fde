// Browser test of 规则管理 (administrators): the screen lists the rule kinds and versions, a new KPI-target
// version is drafted from the one in force, a past effective date is refused with a Chinese message in the
// preview, the corrected draft previews its diff and is published; the API then reports it in force (kinds list
// and the indicators' targets_version) with no restart. An agent has no 规则管理 in the navigation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, waitState, click, sleep, typeKeys, focusField, clearField, imeCompose, shot, assertLayout,
  openDashboard, users, api, apiSignIn, signIn,
} from './lib.mjs';

async function setField(page, id, text) {
  await focusField(page, id);
  await clearField(page);
  await typeKeys(page, text);
}

test('rules: draft, preview (errors and diff), publish a KPI-target version; in force without restart', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1440, height: 900 };

  // ---- an agent does not get the screen ----
  const agent = await openDashboard(browser, viewport);
  await signIn(agent.page, u.agent.username, u.agent.password);
  let s = await waitState(agent.page, (x) => x.items['nav.home'], 'agent navigation');
  assert.ok(!s.items['nav.rules'], 'agents have no 规则管理');
  await agent.context.close();

  // ---- the administrator opens 规则管理 ----
  const admin = await openDashboard(browser, viewport);
  await signIn(admin.page, u.admin.username, u.admin.password);
  // Every one of the administrator's screens shows in the navigation without scrolling (the rows close up to fit).
  s = await waitState(admin.page, (x) => x.items['nav.home'] && x.items['nav.rules'], 'administrator navigation');
  const navIds = Object.keys(s.items).filter((k) => /^nav\.[a-z_]+$/.test(k));
  assert.ok(navIds.length >= 20, `the administrator's entries: ${navIds.length}`);
  for (const id of navIds) {
    const r = s.items[id];
    assert.ok(r.visible && r.y >= 0 && r.y + r.h <= viewport.height, `${id} in view: ${JSON.stringify(r)}`);
  }
  await click(admin.page, 'nav.rules');
  s = await waitState(admin.page, (x) => x.screen === 'rules' && x.rules.loaded && x.rules.body_loaded && x.pending === 0,
    'rules screen loaded');
  const kpi = s.rules.kinds.find((k) => k.code === 'kpi_targets');
  assert.ok(kpi && kpi.in_force, 'KPI targets have a version in force');
  const before = kpi.in_force;
  await click(admin.page, `rules.version.kpi_targets.${before}`);
  s = await waitState(admin.page, (x) => x.rules.kind === 'kpi_targets' && x.rules.version === before && x.rules.body_loaded,
    'KPI target version shown');
  assert.match(s.texts[`rules.version.kpi_targets.${before}`], /生效中/);
  assertLayout(s, ['rules.zone.list', 'rules.zone.detail', 'nav.rules'], viewport);
  await shot(admin.page, 'rules-view-1440x900');

  // ---- a draft copied from it; a past date is refused in the preview ----
  await click(admin.page, 'rules.new');
  s = await waitState(admin.page, (x) => x.rules.draft && x.rules.draft.based_on === before, 'draft');
  const today = s.rules.today;
  const version = `kpi-e2e-${Date.now() % 1000000000}`;
  await setField(admin.page, 'rules.draft.version', version);
  await setField(admin.page, 'rules.draft.effective_from', '2020-01-01');
  await focusField(admin.page, 'rules.draft.reason');
  await imeCompose(admin.page, '浏览器测试发布');
  await click(admin.page, 'rules.preview');
  // (texts are those of the last drawn frame: wait for the frame that shows the reply)
  s = await waitState(admin.page, (x) => x.rules.draft.previewed && !x.rules.draft.busy && x.rules.draft.errors.effective_from &&
    x.texts['rules.error.effective_from'], 'past date refused');
  assert.match(s.rules.draft.errors.effective_from, /不能早于今天/);
  assert.equal(s.rules.draft.ok, false);
  assert.match(s.texts['rules.error.effective_from'], /不能早于今天/);
  await shot(admin.page, 'rules-draft-error-1440x900');

  // ---- corrected: the diff against the version it replaces, then publish ----
  await setField(admin.page, 'rules.draft.effective_from', today);
  await click(admin.page, 'rules.preview');
  s = await waitState(admin.page, (x) => x.rules.draft.previewed && !x.rules.draft.stale && !x.rules.draft.busy && x.rules.draft.ok &&
    x.texts['rules.diff.0'], 'preview passes');
  assert.equal(s.rules.draft.replaces, before);
  assert.equal(s.rules.draft.reason, '浏览器测试发布');
  const paths = s.rules.draft.changes.map((c) => c.path);
  assert.ok(paths.includes('version'), `diff names the version: ${paths}`);
  assert.ok(s.texts['rules.diff.0'], 'the diff is on screen');
  assertLayout(s, ['rules.draft.version', 'rules.draft.effective_from', 'rules.draft.reason', 'rules.preview',
    'rules.publish', 'rules.cancel'], viewport);
  await shot(admin.page, 'rules-preview-1440x900');
  await click(admin.page, 'rules.publish');
  s = await waitState(admin.page, (x) => x.rules.published === version && !x.rules.draft && x.pending === 0 &&
    x.rules.kinds.find((k) => k.code === 'kpi_targets').in_force === version, 'published and in force', 20000);
  await shot(admin.page, 'rules-published-1440x900');

  // ---- the API (same server process, no restart) uses it at once ----
  const session = await apiSignIn(u.admin.username, u.admin.password);
  const list = await api(session, 'GET', '/api/v1/rules');
  assert.equal(list.status, 200);
  assert.equal(list.body.kinds.find((k) => k.code === 'kpi_targets').in_force, version);
  const got = await api(session, 'GET', `/api/v1/rules/kpi_targets/${version}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.reason, '浏览器测试发布');
  assert.equal(got.body.published_by, u.admin.username);
  const kpis = await api(session, 'GET', `/api/v1/kpis?period=${today.slice(0, 7)}`);
  assert.equal(kpis.status, 200);
  assert.equal(kpis.body.targets_version, version);

  // ---- the settlement fee standard (issue 11) is a kind like the others: listed and shown (wheel down to it) ----
  const settle = 'rules.version.settlement_fees.county-2025-v1';
  for (let i = 0; i < 20; i++) {
    s = await waitState(admin.page, (x) => x.drawn && x.items['rules.zone.list'], 'rules list');
    if (s.items[settle] && s.items[settle].visible) break;
    const z = s.items['rules.zone.list'];
    await admin.page.mouse.move(z.x + z.w / 2, z.y + z.h / 2);
    await admin.page.mouse.wheel(0, 240);
    await sleep(120);
  }
  await click(admin.page, settle);
  s = await waitState(admin.page, (x) => x.rules.kind === 'settlement_fees' && x.rules.version === 'county-2025-v1' &&
    x.rules.body_loaded && x.texts['rules.viewing'] === 'county-2025-v1', 'settlement fee standard shown');
  assert.match(s.texts[settle], /生效中/);
  assertLayout(s, [settle, 'rules.zone.detail'], viewport);
  await shot(admin.page, 'rules-settlement-fees-1440x900');
  assert.deepEqual(admin.problems, []);
});
