// Browser test of the public portal (公众端, /portal/, issue 12) on a phone (390×844, touch), with the keyboard only:
// every control has a name in Chromium's accessibility tree; a search for service points; an empty request refused
// with each error tied to its field (aria-describedby, read as the field's description); a booking typed field by
// field (Tab order, Enter submits) becomes a 公众端 order that an agent finds in the dashboard (second context); the
// status page by ack code + the phone's last four digits, and the same "not found" for a wrong tail. Screenshots:
// portal-top, portal-find, portal-errors, portal-receipt, portal-status, portal-agent-queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, waitState, click, typeKeys, focusField, clearField, shot, openDashboard, users, api, apiSignIn, signIn,
} from './lib.mjs';

const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

// Chromium's own accessibility tree (CDP): the controls, with their computed names and descriptions.
async function axControls(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = new Set(['textbox', 'searchbox', 'combobox', 'ComboBox', 'checkbox', 'radio', 'button', 'link']);   // a select's popup list is not a control
  return nodes.filter((n) => !n.ignored && n.role && roles.has(n.role.value)).map((n) => ({
    role: n.role.value, name: (n.name && n.name.value) || '', description: (n.description && n.description.value) || '',
  }));
}

async function fullShot(page, name) {
  const { SHOTS } = await import('./lib.mjs');
  const fs = await import('node:fs');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const active = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);

test('public portal on a phone, by keyboard', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext(PHONE_VIEW);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`); });
  const phone = `139${String(Date.now()).slice(-8)}`;
  const tail = phone.slice(-4);
  let ack = '';

  await t.test('first load: the page, its choices, every control named', async () => {
    const r = await page.goto(`${BASE}/portal/`);
    assert.equal(r.status(), 200);
    await page.waitForFunction(() => document.querySelectorAll('#ask-town option').length > 1 &&
      document.querySelectorAll('#ask-categories input').length > 0);
    assert.equal(await page.title(), '颐养 · 养老服务公众端');
    // Big type: the body's font is 18 px or more.
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(size >= 18, `body font ${size}px`);
    const controls = await axControls(page);
    const unnamed = controls.filter((c) => !c.name.trim());
    assert.deepEqual(unnamed, [], 'every control has an accessible name');
    const names = controls.map((c) => c.name);
    for (const n of ['联系人姓名', '手机号', '所在镇街', '需求说明', '回执码', '手机号后 4 位']) {
      assert.ok(names.includes(n), `a control named ${n}: ${names.join(' | ')}`);
    }
    // The visits part's page is linked (it 404s until the merge).
    assert.equal(await page.locator('a[href="visit.html"]').textContent(), '展厅参观预约 / 市民开放日');
    await shot(page, 'portal-top');
  });

  await t.test('找服务: service points of a town, by keyboard', async () => {
    await page.focus('#find-town');
    await page.keyboard.press('ArrowDown');          // the first town
    const town = await page.$eval('#find-town', (s) => s.value);
    assert.ok(town, 'a town chosen with the arrow key');
    await page.focus('#find-form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /共找到/.test(document.querySelector('#find-result').textContent));
    const text = await page.textContent('#find-result');
    const api1 = await api(null, 'GET', `/api/v1/public/points?town=${town}&page_size=1`);
    assert.ok(text.includes(`共找到 ${api1.body.total} 个服务网点`), text.slice(0, 80));
    // The 15-minute circle around the town: the service map's figures for it, as the public may see them.
    await page.waitForFunction(() => !document.querySelector('#coverage').hidden);
    const circle = await page.textContent('#coverage');
    const cov = await api(null, 'GET', `/api/v1/public/coverage?category=any&town=${town}`);
    assert.equal(cov.status, 200, JSON.stringify(cov.body).slice(0, 200));
    const row = cov.body.towns[0];
    assert.ok(circle.includes(`${row.name}共有老人 ${row.elders.text} 名`), circle);
    assert.ok(row.rate.text === '—' ? circle.includes('不予公开') : circle.includes(row.rate.text), circle);
    await page.$eval('#find', (e) => e.scrollIntoView());
    await shot(page, 'portal-find');
  });

  await t.test('an empty request: refused, each error tied to its field, the summary read first', async () => {
    await page.focus('#ask-name');
    await page.keyboard.press('Enter');              // Enter in a text field submits the form
    await page.waitForFunction(() => !document.querySelector('#ask-summary').hidden);
    assert.equal(await active(page), 'ask-summary', 'focus moves to the error summary');
    assert.equal(await page.getAttribute('#ask-name', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#ask-phone', 'aria-invalid'), 'true');
    const controls = await axControls(page);
    const phoneBox = controls.find((c) => c.name === '手机号');
    assert.ok(phoneBox && phoneBox.description.includes('请填写手机号'), `the phone's description: ${JSON.stringify(phoneBox)}`);
    const nameBox = controls.find((c) => c.name === '联系人姓名');
    assert.ok(nameBox.description.includes('请填写联系人姓名'), JSON.stringify(nameBox));
    await page.$eval('#ask', (e) => e.scrollIntoView());
    await shot(page, 'portal-errors');
  });

  await t.test('a booking typed field by field: Tab order, Enter submits, a receipt with the ack code', async () => {
    // 办理事项: the radio group takes arrow keys (consultation → booking).
    await page.focus('#ask-kinds input[value=consultation]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.$eval('#ask-kinds input:checked', (i) => i.value), 'booking');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'ask-name', 'Tab: the kind, then the name');
    await page.keyboard.type('王晓明');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'ask-phone', 'then the phone');
    await page.keyboard.type(phone);
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'ask-town', 'then the town');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    const firstChip = await page.evaluate(() => document.activeElement.name);
    assert.equal(firstChip, 'categories', 'then the category chips');
    await page.keyboard.press('Space');              // 助餐 (the first category)
    await page.focus('#ask-text');
    await page.keyboard.type('老人行动不便，想预约每周三次上门助餐');
    assert.match(await page.textContent('#text-count'), /已写 \d+ 字/);
    await page.focus('#ask-phone');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('#receipt').hidden);
    ack = (await page.textContent('#receipt-code')).trim();
    assert.match(ack, /^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
    assert.equal(await active(page), 'receipt', 'focus on the receipt');
    const receiptText = await page.textContent('#receipt');
    assert.ok(!receiptText.includes(phone) && !receiptText.includes('王晓明'), 'nothing personal on the receipt');
    await shot(page, 'portal-receipt');
  });

  let order = null;
  await t.test('the request is a 公众端 order in the agents\' queue at once, seen in the dashboard', async () => {
    const u = users();
    const agentApi = await apiSignIn(u.agent.username, u.agent.password);
    const list = await api(agentApi, 'GET', '/api/v1/orders?channel=public_portal&sort=-id&page_size=20');
    assert.equal(list.status, 200);
    const items = list.body.items.map((x) => x.order || x);
    order = items.find((o) => o.description.includes(phone));
    assert.ok(order, 'the new order is listed for the agent');
    assert.equal(order.channel, 'public_portal');
    assert.equal(order.status, 'received');
    assert.ok(order.description.includes('预约服务') && order.description.includes('上门助餐'));

    const agentBrowser = await launch();
    try {
      const { page: dash, problems: dashProblems } = await openDashboard(agentBrowser, { width: 1280, height: 720 });
      await signIn(dash, u.agent.username, u.agent.password);
      const queues = await api(agentApi, 'GET', '/api/v1/queues');
      assert.equal(queues.status, 200);
      const tile = queues.body.queues[0].queue;
      await waitState(dash, (x) => x.texts[`home.queue.${tile}`] !== undefined && x.pending === 0, 'queue tiles');
      await click(dash, `home.queue.${tile}`);
      await waitState(dash, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0, 'the list');
      await waitState(dash, (x) => x.items['orders.filter.queue'] && x.items['orders.filter.queue'].visible, 'queue chip');
      await click(dash, 'orders.filter.queue');    // all orders
      await waitState(dash, (x) => x.orders.list.loaded && x.orders.list.queue === '' && x.pending === 0, 'all orders');
      await focusField(dash, 'orders.filter.q');
      await clearField(dash);
      await typeKeys(dash, order.code);
      const s = await waitState(dash, (x) => x.orders.list.loaded && x.orders.list.q === order.code && x.pending === 0,
        `search for ${order.code}`);
      assert.equal(s.orders.list.total, 1);
      assert.equal(s.orders.list.rows[0].code, order.code);
      assert.equal(s.orders.list.rows[0].status, 'received');
      await shot(dash, 'portal-agent-queue');
      assert.deepEqual(dashProblems, []);
    } finally {
      await agentBrowser.close();
    }
  });

  await t.test('status page: code (typed in lower case, no dash) + tail; a wrong tail is "not found"', async () => {
    await page.focus('#status-code');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(ack.replace('-', '').toLowerCase());
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 'status-tail');
    const wrong = tail === '0000' ? '1111' : '0000';
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('#status-summary').hidden);
    assert.match(await page.textContent('#status-summary'), /没有找到这条记录/);
    await page.focus('#status-tail');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(tail);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status-card');
    const text = await page.textContent('#status-card');
    assert.ok(text.includes(ack), text);
    assert.ok(text.includes('已收到，正在安排工作人员处理'), text);
    assert.ok(text.includes('收到您的诉求'), text);
    assert.ok(!text.includes(phone) && !text.includes('王晓明'));
    await page.$eval('#status', (e) => e.scrollIntoView());
    await shot(page, 'portal-status');
    await fullShot(page, 'portal-full');
  });

  assert.deepEqual(problems, [], 'no page errors');
  await context.close();
});
