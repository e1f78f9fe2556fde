// Browser test of "find anything" and the work queues: the supervisor's home shows the queues with the server's
// counts and 待审核 opens the list of those orders; an order code typed in the list's search box finds the order
// as you type (no Enter), and typed in the open field opens it; two characters from the middle of an elder's
// name find the elder as you type. Screenshots: find-home-queues, find-queue-review, find-order-code,
// find-elder-2chars, find-town-home (全市 vs 本镇街 headings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, waitState, click, press, typeKeys, focusField, clearField, imeCompose, shot,
  openDashboard, users, api, apiSignIn, signIn,
} from './lib.mjs';

test('find anything and work queues', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const queues = await api(supApi, 'GET', '/api/v1/queues');
  assert.equal(queues.status, 200);
  const review = queues.body.queues.find((q) => q.queue === 'awaiting_review');
  assert.ok(review, 'the supervisor works 待审核');
  const first = await api(supApi, 'GET', '/api/v1/orders?page_size=1');
  const code = first.body.items[0].code;
  // An elder whose name has >= 3 characters: its last two are not a prefix (嫦莲 of 郑嫦莲).
  const elders = await api(supApi, 'GET', '/api/v1/elders?page_size=100&status=active');
  const target = elders.body.items.find((e) => [...e.name].length >= 3);
  assert.ok(target, 'an elder with a 3-character name');
  const fragment = [...target.name].slice(-2).join('');

  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, u.supervisor.username, u.supervisor.password);

  await t.test('home: the queues with their counts; 待审核 opens its list', async () => {
    let s = await waitState(page, (x) => x.texts['home.queue.awaiting_review'] !== undefined && x.pending === 0,
      'queue tiles on home');
    for (const q of queues.body.queues) {
      assert.equal(s.texts[`home.queue.${q.queue}`], String(q.count), `${q.label} shows the server's count`);
    }
    assert.ok(s.items['home.queues'], 'queues heading');
    await shot(page, 'find-home-queues');
    await click(page, 'home.queue.awaiting_review');
    s = await waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.orders.list.queue === 'awaiting_review' &&
      x.pending === 0, 'the 待审核 list');
    assert.equal(s.orders.list.total, review.count, 'the list holds the queue count');
    for (const r of s.orders.list.rows) assert.equal(r.status, 'completed', `${r.code} awaits review`);
    // The queue is named above the list (the frame after the reply draws it).
    await waitState(page, (x) => x.items['orders.filter.queue'] && x.items['orders.filter.queue'].visible &&
      x.texts['orders.summary'], 'the queue chip');
    await shot(page, 'find-queue-review');
    await click(page, 'orders.filter.queue');   // back to all orders
    await waitState(page, (x) => x.orders.list.loaded && x.orders.list.queue === '' && x.pending === 0, 'all orders');
  });

  await t.test('an order code typed in the search box finds it as you type', async () => {
    await focusField(page, 'orders.filter.q');
    await clearField(page);
    await typeKeys(page, code);                // no Enter: the search runs after a quiet moment
    const s = await waitState(page, (x) => x.orders.list.loaded && x.orders.list.q === code && x.pending === 0,
      `search for ${code}`);
    assert.equal(s.orders.list.total, 1);
    assert.equal(s.orders.list.rows[0].code, code);
    await shot(page, 'find-order-code');
    await focusField(page, 'orders.filter.q');
    await clearField(page);
    await waitState(page, (x) => x.orders.list.loaded && x.orders.list.q === '' && x.pending === 0, 'search cleared');
  });

  await t.test('an order code typed in the open field opens the order', async () => {
    await focusField(page, 'orders.open_id');
    await clearField(page);
    await typeKeys(page, code);
    await press(page, 'Enter');
    const s = await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.code === code,
      `order ${code} open`);
    assert.equal(s.orders.current.code, code);
  });

  await t.test('two characters from the middle of a name find the elder as you type', async () => {
    await click(page, 'nav.elders');
    await waitState(page, (x) => x.screen === 'elder_list' && x.elders.loaded && x.pending === 0, 'elder list');
    await focusField(page, 'elders.search');
    await imeCompose(page, fragment);          // no Enter
    const s = await waitState(page, (x) => x.elders.loaded && x.elders.q === fragment && x.pending === 0 &&
      x.elders.total > 0, `elders with ${fragment}`);
    const rows = Object.keys(s.texts).filter((k) => k.startsWith('elders.row.')).map((k) => s.texts[k]);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(r.includes(fragment), `${r} contains ${fragment}`);
    const byApi = await api(supApi, 'GET', `/api/v1/elders?q=${encodeURIComponent(fragment)}&page_size=20`);
    assert.equal(s.elders.total, byApi.body.total, 'UI total = API total');
    assert.ok(byApi.body.items.some((e) => e.id === target.id), `${target.name} is found by ${fragment}`);
    await shot(page, 'find-elder-2chars');
  });

  await t.test("a town user's home says which figures are city-wide and which are the town's own", async () => {
    const ctx = await openDashboard(browser, { width: 1280, height: 720 });
    await signIn(ctx.page, u.town.username, u.town.password);
    const s = await waitState(ctx.page, (x) => x.items['home.scope.city'] && x.items['home.kpis'] && x.pending === 0,
      'town home with scope headings');
    assert.ok(s.orders.queues && s.orders.queues.scope === 'town', 'the town scope');
    assert.ok(s.orders.queues.scope_label.startsWith('本镇街（'), s.orders.queues.scope_label);
    await shot(ctx.page, 'find-town-home');
    await ctx.context.close();
  });

  assert.deepEqual(problems, []);
});
