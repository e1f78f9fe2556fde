// Browser test of two lists' URLs (issue 9): the knowledge base's sort is in its URL (F5 and Back bring it back),
// and the watch list (督办) pages like the other lists — page size and page jump, sort and page in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, waitState, click, press, typeKeys, focusField, shot, openDashboard, users, api, apiSignIn,
  signIn,
} from './lib.mjs';

test('知识库: the sort chosen is in the URL; F5 and Back bring it back', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, u.supervisor.username, u.supervisor.password);
  await click(page, 'nav.knowledge');
  let st = await waitState(page, (s) => s.screen === 'knowledge' && s.intake.kb.loaded && s.pending === 0 &&
    s.items['kb.sort'], 'knowledge base');
  assert.equal(st.intake.kb.sort, '');
  const before = await page.evaluate(() => location.hash);
  await click(page, 'kb.sort');
  await waitState(page, (s) => s.items['kb.sort_option.title'], 'sort options');
  await click(page, 'kb.sort_option.title');
  st = await waitState(page, (s) => s.intake.kb.sort === 'title' && s.intake.kb.loaded && s.pending === 0, 'sorted by title');
  assert.match(await page.evaluate(() => location.hash), /^#\/knowledge\?.*sort=title/);
  const byTitle = await api(supApi, 'GET', `/api/v1/knowledge?page=1&page_size=${st.intake.kb.page_size}&sort=title`);
  assert.deepEqual(st.intake.kb.items.map((i) => i.id), byTitle.body.items.map((i) => i.id), 'the server\'s order');

  // F5: the same sort, searched again.
  await page.reload();
  st = await waitState(page, (s) => s.screen === 'knowledge' && s.intake.kb.loaded && s.pending === 0, 'after F5', 30000);
  assert.equal(st.intake.kb.sort, 'title');
  assert.deepEqual(st.intake.kb.items.map((i) => i.id), byTitle.body.items.map((i) => i.id));
  await shot(page, 'list-urls-knowledge-title');
  // Another sort, then Back: title again.
  await click(page, 'kb.sort');
  await waitState(page, (s) => s.items['kb.sort_option.-updated_at'], 'sort options');
  await click(page, 'kb.sort_option.-updated_at');
  await waitState(page, (s) => s.intake.kb.sort === '-updated_at' && s.intake.kb.loaded && s.pending === 0, 'newest first');
  await page.goBack();
  st = await waitState(page, (s) => s.intake.kb.sort === 'title' && s.intake.kb.loaded && s.pending === 0, 'Back: title');
  await page.goBack();
  st = await waitState(page, (s) => s.screen === 'knowledge' && s.intake.kb.sort === '' && s.pending === 0, 'Back: default order');
  assert.equal(await page.evaluate(() => location.hash), before);
  assert.deepEqual(problems, []);
});

test('督办: page size and page jump; sort and page in the URL', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
  // The clocks move (an item may join the list any second): the API is asked right after each screen load.
  const fetchAll = async () => {
    const r = await api(supApi, 'GET', '/api/v1/watch?sort=order_code');
    assert.equal(r.status, 200);
    return r;
  };
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, u.supervisor.username, u.supervisor.password);
  // Straight to page 1 of the list sorted by order code, 20 a page (a link a colleague sent).
  await page.evaluate(() => { location.hash = '#/watch?sort=order_code'; });
  let st = await waitState(page, (s) => s.screen === 'watch' && s.live.watch.loaded && s.pending === 0 &&
    s.live.watch.sort === 'order_code' && s.items['watch.page_size'], 'watch list sorted by code');
  let all = await fetchAll();
  const n = all.body.items.length;
  assert.equal(st.live.watch.total, n, 'the total counts the whole list');
  assert.equal(st.live.watch.rows, Math.min(20, n), 'one page of rows');
  assert.deepEqual(st.live.watch.codes, all.body.items.slice(0, 20).map((x) => x.order_code));
  assert.match(st.texts['watch.pages'], /^共 \d+ 项，第 1 \/ \d+ 页$/);
  await shot(page, 'list-urls-watch-page1');
  if (n > 20) {
    await focusField(page, 'watch.jump');
    await typeKeys(page, '2');
    await press(page, 'Enter');
    st = await waitState(page, (s) => s.live.watch.page === 2 && s.live.watch.loaded && s.pending === 0 &&
      s.live.watch.codes.length > 0, 'page 2');
    all = await fetchAll();
    assert.deepEqual(st.live.watch.codes, all.body.items.slice(20, 40).map((x) => x.order_code));
    assert.match(await page.evaluate(() => location.hash), /page=2/);
    await page.reload();
    st = await waitState(page, (s) => s.screen === 'watch' && s.live.watch.loaded && s.pending === 0 &&
      s.live.watch.page === 2, 'page 2 after F5', 30000);
    all = await fetchAll();
    assert.equal(st.live.watch.sort, 'order_code');
    assert.equal(st.live.watch.codes[0], all.body.items[20].order_code);
    await shot(page, 'list-urls-watch-page2');
  } else {
    t.diagnostic(`only ${n} watch items: no second page to jump to`);
  }
  assert.deepEqual(problems, []);
});
