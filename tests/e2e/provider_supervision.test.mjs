// Browser test: 服务商监管 (issue 13, providers). The supervisor opens the screen, chooses a provider not evaluated
// today, reads the form prefilled from the records (opens the orders behind the activity score), types the entered
// scores (资质, 信誉, and any score the records could not prefill), signs it, and sees the grade in the list; the
// evaluation is stored (GET …/evaluations) with the scores typed. Screenshots: providers-1440x900,
// providers-signed-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, waitState, click, shot, users, api, apiSignIn, openScreen, focusField, typeKeys, scrollTo, imeCompose } from './lib.mjs';

function today() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

test('provider supervision: the supervisor evaluates a provider from the prefilled form and signs it', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const list = await api(sup, 'GET', '/api/v1/provider-supervision');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const target = list.body.items.find((p) => p.id !== 1 && p.status === 'active' && p.last_evaluation_day !== today());
  assert.ok(target, 'a provider not evaluated today');

  const { page, problems } = await openScreen(t, 'supervisor', 'nav.provider_supervision',
    (x) => x.screen === 'provider_supervision' && x.provider_supervision.list && x.pending === 0, '服务商监管 loaded');
  await click(page, `providers.row.${target.id}`);
  let s = await waitState(page, (x) => x.provider_supervision.prefill && x.provider_supervision.prefill.provider_id === target.id &&
    x.pending === 0, 'the prefilled form');
  const dims = s.provider_supervision.prefill.dimensions;
  assert.equal(dims.length, 5);
  assert.equal(dims[0].entered, true);
  const activity = dims.find((d) => d.dimension === 'activity');
  assert.ok(activity.has_points, 'activity is prefilled from the orders');
  if (activity.order_ids.length > 0) {
    await click(page, 'providers.form.activity.drill');
    s = await waitState(page, (x) => x.provider_supervision.drill === 'activity' && x.texts['providers.orders.activity'],
      'the orders behind the activity score');
    assert.equal(s.texts['providers.orders.activity'], String(activity.order_ids.length));
  }
  await shot(page, 'providers-1440x900');

  // The entered scores typed; a score the records could not prefill too.
  const typed = { qualification: '18', reputation: '12.5' };
  for (const d of dims) if (!d.entered && !d.has_points) typed[d.dimension] = '15';
  for (const [dim, text] of Object.entries(typed)) {
    await focusField(page, `providers.form.${dim}.score`);
    await typeKeys(page, text);
    await waitState(page, (x) => x.pending === 0, `${dim} typed`);
  }
  await scrollTo(page, 'providers.form.submit', 'providers.right');
  await click(page, 'providers.form.submit');
  s = await waitState(page, (x) => x.provider_supervision.notice !== '' || x.provider_supervision.form_error !== '',
    'the evaluation signed');
  assert.equal(s.provider_supervision.form_error, '', s.provider_supervision.form_error);
  assert.match(s.provider_supervision.notice, /已签名保存/);
  s = await waitState(page, (x) => x.pending === 0 && x.texts[`providers.row.${target.id}.grade`] &&
    x.texts[`providers.row.${target.id}.grade`] !== '', 'the grade in the list');
  await shot(page, 'providers-signed-1440x900');
  assert.deepEqual(problems, []);

  const stored = await api(sup, 'GET', `/api/v1/provider-supervision/${target.id}/evaluations`);
  assert.equal(stored.status, 200);
  const e = stored.body.items[0];
  assert.equal(e.day, today());
  const q = e.scores.find((x) => x.dimension === 'qualification');
  const r = e.scores.find((x) => x.dimension === 'reputation');
  assert.equal(q.points.text, '18.0');
  assert.equal(r.points.text, '12.5');
  assert.equal(e.signed_by.length > 0, true);
  assert.equal(e.content_sha256.length, 64);
});

// 解除预警: a 民政通 provider evaluated 差 twenty days ago and warned (through the API), then evaluated 优 today; the
// supervisor opens it, reads 预警中, types the reason by IME and lifts the warning; the list shows 正常 and the
// provider is a dispatch candidate again. Screenshot: providers-lift-1440x900.
test('provider supervision: the supervisor lifts a warning after a later evaluation', async (t) => {
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const list = await api(sup, 'GET', '/api/v1/provider-supervision');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  const poorDay = new Date(d.getTime() - 20 * 86400 * 1000).toISOString().slice(0, 10);
  const target = list.body.items.find((p) => p.id !== 1 && p.status === 'active' && p.platform === 'mzt' &&
    p.last_evaluation_day < poorDay);
  assert.ok(target, 'an active 民政通 provider not evaluated since ' + poorDay);
  const all = (v) => Object.fromEntries(['qualification', 'reputation', 'performance', 'activity', 'satisfaction']
    .map((k, i) => [k, { tenths: v[i], reason: '浏览器测试：复评' }]));
  const poor = await api(sup, 'POST', `/api/v1/provider-supervision/${target.id}/evaluations`,
    { day: poorDay, scores: all([0, 0, 0, 0, 0]) });
  assert.equal(poor.status, 201, JSON.stringify(poor.body));
  const warn = await api(sup, 'POST', `/api/v1/provider-supervision/evaluations/${poor.body.id}/action`,
    { reason: '浏览器测试：评价为差，予以预警' });
  assert.equal(warn.status, 200, JSON.stringify(warn.body));
  const good = await api(sup, 'POST', `/api/v1/provider-supervision/${target.id}/evaluations`,
    { day: today(), scores: all([200, 150, 300, 150, 200]) });
  assert.equal(good.status, 201, JSON.stringify(good.body));

  const { page, problems } = await openScreen(t, 'supervisor', 'nav.provider_supervision',
    (x) => x.screen === 'provider_supervision' && x.provider_supervision.list && x.pending === 0, '服务商监管 loaded');
  await click(page, `providers.row.${target.id}`);
  await waitState(page, (x) => x.provider_supervision.prefill && x.provider_supervision.prefill.provider_id === target.id &&
    x.pending === 0 && x.items['providers.lift.reason'], 'the warned provider with its lift form');
  await scrollTo(page, 'providers.lift.confirm', 'providers.right');
  await click(page, 'providers.lift.reason');
  await imeCompose(page, '整改完成，复评为优');
  await waitState(page, (x) => x.pending === 0, 'the reason typed');
  await shot(page, 'providers-lift-1440x900');
  await click(page, 'providers.lift.confirm');
  let s = await waitState(page, (x) => x.provider_supervision.notice !== '' || x.provider_supervision.form_error !== '',
    'the warning lifted');
  assert.equal(s.provider_supervision.form_error, '', s.provider_supervision.form_error);
  assert.match(s.provider_supervision.notice, /已解除预警/);
  s = await waitState(page, (x) => x.pending === 0 && x.provider_supervision.list &&
    x.provider_supervision.list.items.find((p) => p.id === target.id).status === 'active', 'the provider 正常 in the list');
  assert.deepEqual(problems, []);
  const stored = await api(sup, 'GET', `/api/v1/provider-supervision/${target.id}/evaluations`);
  assert.equal(stored.body.items[0].action, 'lift');
  assert.equal(stored.body.items[0].action_reason, '整改完成，复评为优');
});
