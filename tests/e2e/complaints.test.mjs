// Browser test of what a complaint (投诉) is about: an agent files a complaint on 新来电 and picks the earlier
// order from the caller's recent orders; the supervisor sees "投诉对象：GD…（服务商）" on the complaint, opens the
// earlier order (which lists the complaint under 相关投诉), goes back and relinks it to another order with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, press, typeKeys, focusField, clearField, imeCompose, shot,
  openDashboard, users, api, apiSignIn, signIn,
  scrollTo,
  choose,
} from './lib.mjs';

const inOrderZone = (combo) => (page) => scrollTo(page, combo, 'intake.zone.order', { margin: 2 });

// Opens an order by its code through the list's 按编号打开 field (the search finds it, the one match opens).
async function openByCode(page, code) {
  await click(page, 'nav.orders');
  await waitState(page, (s) => s.screen === 'orders' && s.items['orders.open_id'], 'orders list');
  await focusField(page, 'orders.open_id');
  await clearField(page);
  await typeKeys(page, code);
  await click(page, 'orders.open_button');
  return waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.code === code &&
    x.complaint.order_id === x.orders.current.id, `order ${code}`);
}

test('complaints: filed about an earlier order on 新来电, the supervisor follows the link and relinks it', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const who = users();
  const admin = await apiSignIn(who.admin.username, who.admin.password);
  const agentApi = await apiSignIn(who.agent.username, who.agent.password);

  // An elder with a mobile number in a town provider 1 covers, and two bookings of theirs dispatched to it.
  const provs = await api(agentApi, 'GET', '/api/v1/providers');
  const p1 = provs.body.items.find((p) => p.id === 1);
  let elder;
  for (const town of p1.towns_covered) {
    const list = await api(admin, 'GET', `/api/v1/elders?page_size=50&status=active&town=${town}`);
    elder = list.body.items.find((e) => /^1[3-9]\d{9}$/.test(e.phone || ''));
    if (elder) break;
  }
  assert.ok(elder, 'an elder with a mobile number where provider 1 serves');
  const booking = async (text) => {
    const c = await api(agentApi, 'POST', '/api/v1/orders', { channel: 'hotline', type: 'booking',
      categories: [p1.categories[0]], elder_id: elder.id, description: text });
    assert.equal(c.status, 201);
    const d = await api(agentApi, 'POST', `/api/v1/orders/${c.body.order.id}/transitions`,
      { action: 'dispatch_provider', provider_id: 1 });
    assert.equal(d.status, 200, JSON.stringify(d.body));
    return d.body.order;
  };
  const first = await booking('测试：第一次上门服务');
  const second = await booking('测试：第二次上门服务');

  const browser = await launch();
  t.after(() => browser.close());
  const viewport = { width: 1280, height: 720 };

  let complaint;
  await t.test('the agent files a complaint and picks the earlier order from the caller\'s recent orders', async () => {
    const { page } = await openDashboard(browser, viewport);
    await signIn(page, who.agent.username, who.agent.password);
    await click(page, 'nav.intake');
    await waitState(page, (s) => s.screen === 'intake' && s.items['intake.lookup'], 'intake screen');
    await focusField(page, 'intake.lookup');
    await typeKeys(page, elder.phone);
    await press(page, 'Enter');
    let s = await waitState(page, (x) => x.intake.lookup.searched && !x.intake.lookup.loading &&
      x.intake.lookup.orders.some((o) => o.code === first.code), 'lookup with the recent orders');
    if (s.intake.form.elder_id !== elder.id) await click(page, `intake.use_elder.${elder.id}`);
    await choose(page, 'intake.type', 'intake.type_option.complaint', { before: inOrderZone('intake.type') });
    await waitState(page, (x) => x.intake.form.type === 'complaint' && x.items['intake.about_order'], 'complaint block');
    await choose(page, 'intake.about_order', `intake.about_order.${first.code}`, { before: inOrderZone('intake.about_order') });
    s = await waitState(page, (x) => x.intake.form.about_order_code === first.code, 'earlier order chosen');
    assert.equal(s.intake.form.about_order_id, first.id);
    await scrollTo(page, 'intake.description', 'intake.zone.order', { margin: 2 });
    await focusField(page, 'intake.description');
    await imeCompose(page, '护理员迟到一个多小时，服务敷衍');
    await waitState(page, (x) => x.intake.form.description.includes('敷衍'), 'description typed');
    await scrollTo(page, 'intake.about_provider', 'intake.zone.order', { margin: 2 });
    await shot(page, 'complaints-intake-1280');
    await click(page, 'intake.submit');
    s = await waitState(page, (x) => x.intake.form.created && x.pending === 0, 'complaint created');
    complaint = s.intake.form.created;
    const o = await api(agentApi, 'GET', `/api/v1/orders/${complaint.id}`);
    assert.equal(o.body.order.type, 'complaint');
    assert.equal(o.body.order.about_order_id, first.id);
    assert.equal(o.body.order.about_provider_id, 1);
    await page.close();
  });

  await t.test('the supervisor sees the link, opens the earlier order and relinks with a reason', async () => {
    const { page } = await openDashboard(browser, viewport);
    await signIn(page, who.supervisor.username, who.supervisor.password);
    let s = await openByCode(page, complaint.code);
    await waitState(page, (x) => x.texts['order.complaint_about'], 'the link line');
    s = await state(page);
    assert.equal(s.complaint.about_order_code, first.code);
    assert.equal(s.texts['order.complaint_about'], `${first.code}（${p1.name}）`);
    assert.match(s.texts['order.next_step'], /督导|主管/);
    await shot(page, 'complaints-detail-1280');

    // The link opens the earlier order; it lists the complaint under 相关投诉; that link comes back.
    await click(page, 'order.complaint_about');
    s = await waitState(page, (x) => x.orders.current && x.orders.current.code === first.code &&
      x.complaint.order_id === x.orders.current.id && x.texts['order.complaints'], 'the earlier order');
    assert.equal(s.texts['order.complaints'], complaint.code);
    await click(page, `order.complaint.${complaint.code}`);
    await waitState(page, (x) => x.orders.current && x.orders.current.code === complaint.code &&
      x.complaint.order_id === x.orders.current.id && x.items['order.relink'], 'back on the complaint');

    // 更改投诉对象: without a reason it is refused locally; with one, the link moves and is audited.
    await click(page, 'order.relink');
    await waitState(page, (x) => x.complaint.relink.open && x.items['order.relink.code'], 'relink form');
    await focusField(page, 'order.relink.code');
    await clearField(page);
    await typeKeys(page, second.code);
    await click(page, 'order.relink.submit');
    s = await waitState(page, (x) => x.complaint.relink.field_errors.reason, 'reason required');
    assert.equal(s.complaint.relink.field_errors.reason, '请填写更改投诉对象的原因');
    await focusField(page, 'order.relink.reason');
    await imeCompose(page, '回拨核实：投诉的是第二次服务');
    await waitState(page, (x) => x.complaint.relink.reason.includes('第二次'), 'reason typed');
    await click(page, 'order.relink.submit');
    s = await waitState(page, (x) => x.complaint.about_order_code === second.code && !x.complaint.relink.open, 'relinked');
    assert.match(s.complaint.message, new RegExp(`已更改投诉对象：${second.code}`));
    const hist = await api(admin, 'GET', `/api/v1/orders/${complaint.id}/history`);
    const ev = hist.body.events.find((e) => e.action === 'link_complaint');
    assert.ok(ev, 'an audit event of the relink');
    assert.equal(ev.actor, who.supervisor.username);
    assert.equal(ev.reason, '回拨核实：投诉的是第二次服务');
    assert.deepEqual(ev.changes.about_order_id, [first.id, second.id]);
    assert.deepEqual(ev.changes.about_order_code, [first.code, second.code], 'the codes, before and after');
    assert.equal(ev.changes.about_provider_name.length, 2);
    // The order's history shows what changed: the earlier order's code and the provider, before ＞ after.
    s = await waitState(page, (x) => x.orders.current && x.orders.current.history_loaded &&
      x.orders.current.history.some((h) => h.action === 'link_complaint'), 'the relink in the history');
    const idx = s.orders.current.history.findIndex((h) => h.action === 'link_complaint');
    const line = s.orders.current.history[idx].change_text;
    assert.ok(line.includes(`被投诉工单 ${first.code} ＞ ${second.code}`), line);
    assert.ok(line.includes('被投诉服务商'), line);
    assert.ok(s.texts[`order.history.${idx}`].includes(second.code), 'drawn on the history line');
    await shot(page, 'complaints-relinked-1280');
  });
});
