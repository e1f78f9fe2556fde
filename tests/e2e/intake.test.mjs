// Browser test of the intake screen (来电受理) and the knowledge base (知识库): caller lookup with an audited
// reveal, lookup by two characters of a name (a short list picked with the keyboard), a booking typed in Chinese through the IME, a consultation answered on the spot from an article found
// by a two-character search, and a supervisor editing an article with a reason (agents read only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, press, chord, typeKeys, focusField, clearField, imeCompose, shot,
  assertLayout, openDashboard, users, api, apiSignIn, signIn, elderWithMobile,
  scrollTo,
} from './lib.mjs';

const INTAKE_LAYOUT = ['intake.zone.caller', 'intake.zone.order', 'intake.zone.kb', 'nav.intake', 'topbar.sign_out'];

async function clickIn(page, id, zone) {
  await scrollTo(page, id, zone, { margin: 2 });
  await click(page, id);
}

async function focusIn(page, id, zone) {
  await scrollTo(page, id, zone, { margin: 2 });
  await focusField(page, id);
}

// Ticks a service category (the form may still be settling after a layout change: retried once).
async function checkCategory(page, code) {
  for (let i = 0; i < 3; i++) {
    await clickIn(page, `intake.category.${code}`, 'intake.zone.order');
    try {
      return await waitState(page, (x) => x.intake.form.categories.includes(code), `category ${code}`, 2000);
    } catch (e) { await sleep(300); }
  }
  throw new Error(`category ${code} could not be ticked`);
}

async function openIntake(page) {
  await click(page, 'nav.intake');
  return waitState(page, (s) => s.screen === 'intake' && s.items['intake.lookup'] && s.intake.panel.loaded, 'intake screen');
}

async function lookup(page, number) {
  await focusField(page, 'intake.lookup');
  await clearField(page);
  await typeKeys(page, number);
  await press(page, 'Enter');
  return waitState(page, (s) => s.intake.lookup.searched && s.intake.lookup.searched_for === number && !s.intake.lookup.loading &&
    (s.items['intake.no_match'] || Object.keys(s.texts).some((k) => k.startsWith('intake.value.'))), `lookup of ${number}`);
}

// Opens a combo and picks an option. The order zone may still be moving (the lookup result and the
// "已受理" box change its height for a frame or two), so a click that missed the combo is retried.
async function chooseOption(page, combo, option) {
  for (let i = 0; i < 3; i++) {
    await clickIn(page, combo, 'intake.zone.order');
    try {
      await waitState(page, (x) => x.items[option] && x.items[option].visible, `option ${option}`, 2500);
      break;
    } catch (e) {
      if (i === 2) throw e;
      await press(page, 'Escape');
      await sleep(300);
    }
  }
  await click(page, option);
}

test('intake: caller lookup, audited reveal, booking via IME, on-the-spot answer from the knowledge base', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const who = users();
  const admin = await apiSignIn(who.admin.username, who.admin.password);
  const agentApi = await apiSignIn(who.agent.username, who.agent.password);

  // A demo elder with a mobile number, read unmasked as admin.
  const elder = await elderWithMobile(admin);
  assert.ok(elder, 'a demo elder with a mobile number');
  const elderOrders = await api(admin, 'GET', `/api/v1/orders?elder=${elder.id}&page_size=200`);
  assert.equal(elderOrders.status, 200);

  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1280, height: 720 };
  const { page, problems } = await openDashboard(browser, viewport);
  await signIn(page, who.agent.username, who.agent.password);
  await openIntake(page);

  let found;
  await t.test('lookup by phone shows the elder masked', async () => {
    const s = await lookup(page, elder.phone);
    assert.equal(s.intake.lookup.kind, 'phone');
    found = s.intake.lookup.elders.find((e) => e.id === elder.id);
    assert.ok(found, `elder ${elder.id} found by ${elder.phone}: ${JSON.stringify(s.intake.lookup.elders.map((e) => e.id))}`);
    assert.match(found.phone, /\*/, `phone masked for the agent: ${found.phone}`);
    assert.notEqual(found.phone, elder.phone);
    assert.equal(s.texts[`intake.value.${elder.id}.phone`], found.phone, 'the masked phone is on screen');
    if (s.intake.lookup.elders.length === 1) assert.equal(s.intake.form.elder_id, elder.id, 'the only match is chosen');
    // Past orders: what the lookup shows are this elder's orders as the order API lists them.
    const apiCodes = new Set(elderOrders.body.items.map((o) => o.code));
    for (const o of s.intake.lookup.orders.filter((x) => x.elder_id === elder.id)) {
      assert.ok(apiCodes.has(o.code) || elderOrders.body.total > 200, `past order ${o.code} belongs to the elder`);
    }
    if (elderOrders.body.total > 0) {
      assert.ok(s.intake.lookup.orders.length > 0, 'past orders shown');
      const first = s.intake.lookup.orders[0];
      assert.ok(s.items[`intake.past.${first.id}`], 'past order row on screen');
    }
    t.diagnostic(`elder ${elder.id}: ${s.intake.lookup.orders.length} past orders shown, ${elderOrders.body.total} in the API`);
  });

  await t.test('reveal needs a reason typed through the IME and is audited', async () => {
    await clickIn(page, `intake.reveal.${elder.id}.phone`, 'intake.zone.caller');
    await waitState(page, (s) => s.intake.lookup.reveal && s.items['intake.reveal_reason'], 'reveal form');
    await clickIn(page, 'intake.reveal_confirm', 'intake.zone.caller');
    let s = await waitState(page, (x) => x.intake.lookup.reveal && x.intake.lookup.reveal.error !== '', 'reason required');
    assert.match(s.intake.lookup.reveal.error, /原因/);
    await focusIn(page, 'intake.reveal_reason', 'intake.zone.caller');
    await imeCompose(page, '核实来电人身份');
    s = await waitState(page, (x) => x.intake.lookup.reveal && x.intake.lookup.reveal.reason === '核实来电人身份', 'reason typed');
    await clickIn(page, 'intake.reveal_confirm', 'intake.zone.caller');
    s = await waitState(page, (x) => {
      const e = x.intake.lookup.elders.find((y) => y.id === elder.id);
      return e && e.revealed.phone && x.texts[`intake.value.${elder.id}.phone`] === e.revealed.phone;
    }, 'phone revealed');
    const e = s.intake.lookup.elders.find((y) => y.id === elder.id);
    assert.equal(e.revealed.phone, elder.phone, 'the revealed phone is the real one');
    assert.equal(s.texts[`intake.value.${elder.id}.phone`], elder.phone);
    assert.ok(s.items[`intake.revealed_note.${elder.id}.phone`], 'note 已记录查看原因 shown');
    const hist = await api(admin, 'GET', `/api/v1/elders/${elder.id}/history`);
    assert.equal(hist.status, 200);
    const ev = hist.body.events.find((x) => /reveal/.test(x.action) && x.reason === '核实来电人身份');
    assert.ok(ev, `an audit event of the reveal with its reason: ${JSON.stringify(hist.body.events.slice(0, 3))}`);
    assert.equal(ev.actor, who.agent.username);
  });

  let bookingCode;
  await t.test('booking with a Chinese description via IME', async () => {
    const s0 = await state(page);
    if (s0.intake.form.elder_id !== elder.id) await clickIn(page, `intake.use_elder.${elder.id}`, 'intake.zone.caller');
    await chooseOption(page, 'intake.type', 'intake.type_option.booking');
    await chooseOption(page, 'intake.channel', 'intake.channel_option.walk_in');
    // Submitting without a category and description: Chinese messages beside the fields.
    await click(page, 'intake.submit');
    let s = await waitState(page, (x) => x.texts['intake.error.categories'] && x.texts['intake.error.description'], 'local errors');
    assert.match(s.status.text, /需要更正/);
    assert.match(s.texts['intake.error.categories'], /服务类别/);
    assert.match(s.texts['intake.error.description'], /诉求描述/);
    await checkCategory(page, 'meals');
    await checkCategory(page, 'cleaning');
    const description = '老人腿脚不便，预约每周三次上门助餐和保洁';
    await focusIn(page, 'intake.description', 'intake.zone.order');
    await imeCompose(page, description);
    s = await waitState(page, (x) => x.intake.form.description === description, 'description typed');
    assert.deepEqual([...s.intake.form.categories].sort(), ['cleaning', 'meals']);
    await click(page, 'intake.submit');
    s = await waitState(page, (x) => x.intake.form.created && x.pending === 0 && x.texts['intake.created'], 'order created');
    const created = s.intake.form.created;
    bookingCode = created.code;
    assert.match(created.code, /^GD\d+/);
    assert.equal(s.texts['intake.created'], `已受理：${created.code}`);
    const o = await api(agentApi, 'GET', `/api/v1/orders/${created.id}`);
    assert.equal(o.status, 200);
    assert.equal(o.body.order.description, description);
    assert.equal(o.body.order.channel, 'walk_in');
    assert.equal(o.body.order.type, 'booking');
    assert.equal(o.body.order.elder_id, elder.id);
    assert.deepEqual([...o.body.order.categories].sort(), ['cleaning', 'meals']);
  });

  await t.test('a malformed phone shows a Chinese error', async () => {
    await click(page, 'intake.reset');
    await waitState(page, (x) => !x.intake.form.created && !x.texts['intake.created'] && x.status.text === '', 'cleared');
    await sleep(200);
    await focusField(page, 'intake.lookup');
    await clearField(page);
    await typeKeys(page, '12345678901');
    const s = await waitState(page, (x) => x.intake.lookup.input_error && x.texts['intake.error.lookup'], 'lookup error');
    assert.match(s.texts['intake.error.lookup'], /[\u4e00-\u9fff]/);
    assert.equal(s.intake.lookup.input_error, s.texts['intake.error.lookup']);
    await press(page, 'Enter');
    await sleep(300);
    const after = await state(page);
    assert.equal(after.intake.lookup.searched, false, 'a malformed number is not looked up');
  });

  await t.test('consultation answered on the spot from a knowledge article', async () => {
    await lookup(page, elder.phone);
    let s = await state(page);
    if (s.intake.form.elder_id !== elder.id) await clickIn(page, `intake.use_elder.${elder.id}`, 'intake.zone.caller');
    await chooseOption(page, 'intake.type', 'intake.type_option.consultation');
    await checkCategory(page, 'meals');
    await focusIn(page, 'intake.description', 'intake.zone.order');
    await imeCompose(page, '家属咨询助餐补贴怎么申请');
    await waitState(page, (x) => x.intake.form.description === '家属咨询助餐补贴怎么申请', 'consultation text');
    await click(page, 'intake.submit');
    s = await waitState(page, (x) => x.intake.form.created && x.pending === 0 && x.items['intake.answer'], 'consultation created');
    const created = s.intake.form.created;
    assert.ok(created.legal_actions.includes('answer_on_spot'), `answer_on_spot legal: ${created.legal_actions}`);
    assert.notEqual(created.code, bookingCode);

    // Knowledge search by a two-character substring, typed through the IME; debounced.
    await focusField(page, 'intake.kb.search');
    await imeCompose(page, '助餐');
    s = await waitState(page, (x) => x.intake.panel.loaded_q === '助餐' && !x.intake.panel.loading, 'kb results for 助餐');
    const kb = await api(agentApi, 'GET', `/api/v1/knowledge?q=${encodeURIComponent('助餐')}&page_size=10`);
    assert.equal(kb.status, 200);
    assert.ok(kb.body.total > 0, 'the demo knowledge base has an article on 助餐');
    assert.deepEqual(s.intake.panel.items.map((i) => i.id), kb.body.items.map((i) => i.id), 'panel = API search');
    const article = s.intake.panel.items[0];
    await clickIn(page, `intake.kb.item.${article.id}`, 'intake.zone.kb');
    s = await waitState(page, (x) => x.intake.panel.article && x.intake.panel.article.id === article.id && x.texts['intake.kb.article'], 'article opened');
    assert.ok(s.intake.panel.article.body.length > 0);
    assert.equal(s.texts['intake.kb.article'], article.title);
    assertLayout(s, INTAKE_LAYOUT, viewport);
    assertLayout(s, ['intake.lookup', 'intake.lookup_go', 'intake.kb.search', 'intake.kb.quote',
      `intake.kb.item.${article.id}`], viewport);
    await shot(page, 'intake-1280x720');

    await clickIn(page, 'intake.kb.quote', 'intake.zone.kb');
    s = await waitState(page, (x) => x.intake.form.answer.includes(article.title), 'article quoted into the answer');
    await focusIn(page, 'intake.answer', 'intake.zone.order');
    await chord(page, 'Control', 'End');
    await imeCompose(page, '，可到镇街服务站申请。');
    s = await waitState(page, (x) => x.intake.form.answer.endsWith('，可到镇街服务站申请。'), 'answer typed');
    const answer = s.intake.form.answer;

    await page.setViewportSize({ width: 1920, height: 1080 });
    s = await waitState(page, (x) => x.canvas.css_w === 1920 && x.items['intake.answer_submit'], 'resized to 1920x1080');
    const big = { width: 1920, height: 1080 };
    assertLayout(s, INTAKE_LAYOUT, big);
    assertLayout(s, ['intake.lookup', 'intake.lookup_go', 'intake.answer', 'intake.answer_submit', 'intake.kb.search',
      'intake.kb.quote', `intake.kb.item.${article.id}`], big);
    await shot(page, 'intake-1920x1080');
    await page.setViewportSize(viewport);
    await waitState(page, (x) => x.canvas.css_w === 1280, 'back to 1280x720');

    await clickIn(page, 'intake.answer_submit', 'intake.zone.order');
    s = await waitState(page, (x) => x.intake.form.created && x.intake.form.created.status === 'answered_on_spot', 'answered');
    let o = await api(agentApi, 'GET', `/api/v1/orders/${created.id}`);
    assert.equal(o.body.order.status, 'answered_on_spot');
    const h = await api(agentApi, 'GET', `/api/v1/orders/${created.id}/history`);
    assert.equal(h.status, 200);
    const events = h.body.events || h.body.items || [];
    assert.ok(events.some((e) => e.action === 'answer_on_spot' && e.reason === answer), 'the answer text is on the order\'s trail');
    if (s.intake.form.created.legal_actions.includes('close')) {
      await waitState(page, (x) => x.items['intake.close_order'], 'close button');
      await clickIn(page, 'intake.close_order', 'intake.zone.order');
      await waitState(page, (x) => x.intake.form.created.status === 'closed', 'closed');
      o = await api(agentApi, 'GET', `/api/v1/orders/${created.id}`);
      assert.equal(o.body.order.status, 'closed');
    }
  });

  await t.test('agents read the knowledge base without edit buttons', async () => {
    await click(page, 'nav.knowledge');
    let s = await waitState(page, (x) => x.screen === 'knowledge' && x.intake.kb.loaded && x.intake.kb.items.length > 0, 'knowledge list');
    assert.equal(s.intake.can_edit_kb, false);
    await clickIn(page, `kb.item.${s.intake.kb.items[0].id}`, 'kb.zone.list');
    s = await waitState(page, (x) => x.intake.kb.article && x.intake.history.length > 0, 'article with history');
    assert.equal(s.items['kb.edit'], undefined, 'no edit button for an agent');
    assert.equal(s.items['kb.new'], undefined, 'no new button for an agent');
  });

  assert.deepEqual(problems, [], 'no page errors');
});

test('intake: lookup by 2 characters of a name, a short list picked with the keyboard fills the form', async (t) => {
  const who = users();
  const admin = await apiSignIn(who.admin.username, who.admin.password);
  const agentApi = await apiSignIn(who.agent.username, who.agent.password);
  // A demo elder whose given name (the last two characters: not a prefix) several elders share if possible.
  const list = await api(admin, 'GET', '/api/v1/elders?page_size=100&status=active');
  assert.equal(list.status, 200);
  let elder = null, part = '', expected = null;
  for (const e of list.body.items.filter((x) => [...x.name].length >= 3)) {
    const p = [...e.name].slice(-2).join('');
    const r = await api(agentApi, 'GET', `/api/v1/callers/by-name?q=${encodeURIComponent(p)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    if (!r.body.candidates.some((c) => c.elder_id === e.id)) continue;
    if (!elder || (expected.candidates.length < 2 && r.body.candidates.length >= 2)) { elder = e; part = p; expected = r.body; }
    if (expected.candidates.length >= 2) break;
  }
  assert.ok(elder, 'a demo elder found by the last two characters of the name');
  t.diagnostic(`searching ${part}: ${expected.candidates.length} candidates, picking ${elder.id} ${elder.name}`);

  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1280, height: 720 };
  const { page, problems } = await openDashboard(browser, viewport);
  await signIn(page, who.agent.username, who.agent.password);
  await openIntake(page);

  await focusField(page, 'intake.lookup');
  await clearField(page);
  await imeCompose(page, part);
  // As you type: the list comes without pressing Enter (debounced), the same as the API's, phones masked.
  let s = await waitState(page, (x) => x.intake.lookup.kind === 'name' && x.intake.lookup.names &&
    x.intake.lookup.names.answered && x.intake.lookup.names.q === part && !x.intake.lookup.names.loading, `name list for ${part}`);
  const rows = s.intake.lookup.names.rows;
  assert.deepEqual(rows.map((r) => r.elder_id), expected.candidates.map((c) => c.elder_id), 'the list is the API\'s');
  for (const r of rows) {
    assert.ok(r.name.includes(part), `${r.name} contains ${part}`);
    assert.match(r.phone, /^\d{3}\*{4}\d{4}$/, `phone masked: ${r.phone}`);
    assert.match(r.age_band, /岁/);
    assert.ok(r.town.length > 0);
    assert.ok(s.items[`intake.names.row.${r.elder_id}`], `row ${r.elder_id} on screen`);
    assert.equal(s.texts[`intake.names.row.${r.elder_id}`], `${r.name} ${r.phone} ${r.town} ${r.age_band}`);
  }
  assert.equal(s.intake.lookup.searched, false, 'nothing looked up (or audited) before a pick');
  assert.equal(s.intake.form.elder_id, 0);
  assertLayout(s, INTAKE_LAYOUT, viewport);
  assertLayout(s, rows.map((r) => `intake.names.row.${r.elder_id}`), viewport);   // rows apart, on screen
  await shot(page, 'intake-names-1280x720');

  // ↓ to the elder's row while the field keeps the focus, Enter picks it.
  const target = rows.findIndex((r) => r.elder_id === elder.id);
  for (let i = 0; i < target; i++) {
    await press(page, 'ArrowDown');
    await waitState(page, (x) => x.intake.lookup.names && x.intake.lookup.names.cursor === i + 1, `cursor on row ${i + 1}`, 3000);
  }
  s = await state(page);
  assert.equal(s.want_text_input, true, 'the lookup field still has the focus');
  await press(page, 'Enter');
  s = await waitState(page, (x) => x.intake.lookup.searched && !x.intake.lookup.loading && x.intake.lookup.elders.length === 1 &&
    x.intake.form.elder_id === elder.id && x.texts[`intake.value.${elder.id}.phone`], 'picked elder fills the form');
  assert.equal(s.intake.lookup.names, null, 'the list is closed');
  const shown = s.intake.lookup.elders[0];
  assert.equal(shown.id, elder.id);
  assert.match(shown.phone, /\*/, 'the agent sees the phone masked after the pick too');
  assert.equal(s.texts[`intake.value.${elder.id}.phone`], shown.phone);
  assert.deepEqual(problems, [], 'no page errors');
});

test('knowledge: a supervisor edits an article with a reason and sees the new version in history', async (t) => {
  const who = users();
  const sup = await apiSignIn(who.supervisor.username, who.supervisor.password);
  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1280, height: 720 };
  const { page, problems } = await openDashboard(browser, viewport);
  await signIn(page, who.supervisor.username, who.supervisor.password);
  await click(page, 'nav.knowledge');
  let s = await waitState(page, (x) => x.screen === 'knowledge' && x.intake.kb.loaded && x.intake.kb.items.length > 0, 'knowledge list');
  assert.equal(s.intake.can_edit_kb, true);

  // Search by a two-character substring on this screen too.
  await focusField(page, 'kb.search');
  await imeCompose(page, '补贴');
  s = await waitState(page, (x) => x.intake.kb.loaded_q === '补贴' && !x.intake.kb.loading && x.intake.kb.items.length > 0, 'search 补贴');
  const item = s.intake.kb.items.find((i) => i.kind !== 'provider_info');   // a kind the public may read
  assert.ok(item, 'an article of a public kind on 补贴');
  await clickIn(page, `kb.item.${item.id}`, 'kb.zone.list');
  s = await waitState(page, (x) => x.intake.kb.article && x.intake.kb.article.id === item.id && x.intake.history.length > 0, 'article');
  const before = s.intake.kb.article;

  await click(page, 'kb.edit');
  await waitState(page, (x) => x.intake.editor && x.items['kb.editor.body'], 'editor');
  // Saving without a reason: the shared rule's message beside the field, nothing sent.
  await clickIn(page, 'kb.editor.save', 'kb.zone.article');
  s = await waitState(page, (x) => x.intake.editor.local.reason && x.texts['kb.error.reason'], 'reason required');
  assert.match(s.texts['kb.error.reason'], /[\u4e00-\u9fff]/);
  await focusIn(page, 'kb.editor.body', 'kb.zone.article');
  await chord(page, 'Control', 'End');
  const added = `（${Date.now() % 100000}号文件更新）`;
  await imeCompose(page, added);
  await focusIn(page, 'kb.editor.reason', 'kb.zone.article');
  await imeCompose(page, '按新文件更新补贴说明');
  await waitState(page, (x) => x.intake.editor.reason === '按新文件更新补贴说明', 'reason typed');
  // 对公众公开 flipped in the same edit: the portal follows at once.
  await clickIn(page, 'kb.editor.published', 'kb.zone.article');
  await waitState(page, (x) => x.intake.editor.published === !before.published, '对公众公开 toggled');
  s = await state(page);
  assertLayout(s, ['kb.editor.published', 'kb.editor.body', 'kb.editor.reason', 'kb.editor.save'], viewport);
  await shot(page, 'knowledge-editor-1280x720');
  await clickIn(page, 'kb.editor.save', 'kb.zone.article');
  s = await waitState(page, (x) => !x.intake.editor && x.intake.kb.article && x.intake.kb.article.version === before.version + 1 &&
    x.intake.history.some((h) => h.version === before.version + 1), 'saved as a new version');
  assert.ok(s.intake.kb.article.body.endsWith(added), 'the new text is shown');
  const newest = s.intake.history.find((h) => h.version === before.version + 1);
  assert.equal(newest.reason, '按新文件更新补贴说明');
  const api1 = await api(sup, 'GET', `/api/v1/knowledge/${item.id}`);
  assert.equal(api1.body.article.version, before.version + 1);
  assert.ok(api1.body.article.body.endsWith(added));
  assert.equal(api1.body.article.published, !before.published);
  assert.equal(s.intake.kb.article.published, !before.published);
  const portal = await api(null, 'GET', `/api/v1/public/policies/${item.id}`);
  assert.equal(portal.status, before.published ? 404 : 200, 'the portal follows 对公众公开');

  // Read the previous version from the history.
  await clickIn(page, `kb.history.${before.version}`, 'kb.zone.article');
  s = await waitState(page, (x) => x.intake.history_selected === before.version && x.texts['kb.history_text'] !== undefined, 'old version');
  assert.equal(s.texts['kb.history_text'], before.body);
  assertLayout(s, ['kb.zone.list', 'kb.zone.article', 'nav.knowledge', 'topbar.sign_out'], viewport);
  assertLayout(s, ['kb.search', 'kb.kind', 'kb.new', 'kb.edit', 'kb.next', 'kb.prev', `kb.item.${item.id}`,
    `kb.history.${before.version}`], viewport);
  await shot(page, 'knowledge-1280x720');

  // A stale edit: someone else saves first -> 409 with a reload button.
  await click(page, 'kb.edit');
  await waitState(page, (x) => x.intake.editor, 'editor again');
  const other = await api(sup, 'PUT', `/api/v1/knowledge/${item.id}`, { kind: api1.body.article.kind, title: api1.body.article.title,
    body: `${api1.body.article.body}。`, tags: api1.body.article.tags, version: api1.body.article.version, reason: '同事同时修改' });
  assert.equal(other.status, 200);
  await focusIn(page, 'kb.editor.reason', 'kb.zone.article');
  await imeCompose(page, '再次修改');
  await clickIn(page, 'kb.editor.save', 'kb.zone.article');
  s = await waitState(page, (x) => x.intake.editor && x.intake.editor.conflict && x.items['kb.conflict.reload'], 'version conflict');
  assert.ok(s.items['kb.conflict.reload']);
  await clickIn(page, 'kb.conflict.reload', 'kb.zone.article');
  s = await waitState(page, (x) => !x.intake.editor && x.intake.kb.article && x.intake.kb.article.version === before.version + 2, 'reloaded');
  assert.deepEqual(problems, [], 'no page errors');
});
