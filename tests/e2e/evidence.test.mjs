// Browser test of evidence photos (服务照片) and the date picker: as the provider, attach a photo through the file
// chooser (a PNG made here), pick the service start time with the calendar by clicks, and complete; as the
// supervisor, see the thumbnail beside 审核通过 with the reuse flag (the same photo was also put on a second order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  BASE, sleep, launch, state, waitState, click, typeKeys, focusField, clearField, imeCompose, shot, assertLayout,
  openDashboard, users, api, apiSignIn, signIn, scrollTo, cstMinutes, providerOneElder, createBooking, moveOrder,
} from './lib.mjs';

// A w×h RGB PNG (a gradient with a red square), written without any image library.
function makePng(w, h) {
  const crcTable = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc = (buf) => {
    let c = -1;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const red = x > w / 3 && x < w / 2 && y > h / 3 && y < h / 2;
      raw[o] = red ? 220 : Math.round(40 + 150 * x / w);
      raw[o + 1] = red ? 30 : Math.round(90 + 120 * y / h);
      raw[o + 2] = red ? 30 : 160;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function cstDate(daysAgo) {
  return new Date(Date.now() + 8 * 3600e3 - daysAgo * 86400e3).toISOString().slice(0, 10);
}
// "2026-11-23 09:30": the date picker's text form.
const cstMinutesSpaced = (hoursAgo) => cstMinutes(hoursAgo).replace('T', ' ');

async function openById(page, id) {
  await click(page, 'nav.orders');
  await waitState(page, (s) => s.screen === 'orders' && s.items['orders.open_id'], 'orders list');
  await focusField(page, 'orders.open_id');
  await clearField(page);
  await typeKeys(page, String(id));
  await click(page, 'orders.open_button');
  return waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.id === id, `order ${id}`);
}

test('evidence photos: provider attaches through the file chooser, supervisor sees it beside 审核通过 with the reuse flag',
  async (t) => {
    assert.ok(BASE, 'set YIYANG_BASE_URL');
    const u = users();
    const agentApi = await apiSignIn(u.agent.username, u.agent.password);
    const providerApi = await apiSignIn(u.provider.username, u.provider.password);
    const setup = await providerOneElder(agentApi);
    // Two orders with provider 1, accepted and in service (through the API).
    const orders = [];
    for (const d of ['照片测试：上门助浴', '照片测试：另一张工单']) {
      const order = await createBooking(agentApi, setup, d);
      await moveOrder(order.id, [[agentApi, { action: 'dispatch_provider', provider_id: 1 }], [providerApi, { action: 'accept' }],
        [providerApi, { action: 'start' }]]);
      orders.push(order);
    }
    const [a, b] = orders;
    const photo = makePng(320, 240);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiyang-photo-'));
    const file = path.join(dir, '现场照片.png');
    fs.writeFileSync(file, photo);
    // The same photo is already on order b (posted raw through the API, as the dashboard does).
    const raw = await fetch(`${BASE}/api/v1/orders/${b.id}/evidence`, { method: 'POST', body: photo,
      headers: { 'Content-Type': 'image/png', 'X-Yiyang-Request': '1', Origin: BASE, Cookie: providerApi.cookie } });
    assert.equal(raw.status, 201, await raw.text());

    const browser = await launch();
    t.after(() => browser.close());
    const view = { width: 1280, height: 720 };
    const provider = await openDashboard(browser, view);
    const supervisor = await openDashboard(browser, view);

    await t.test('provider: 添加照片 opens the chooser; the photo uploads and is flagged as also on the other order', async () => {
      const page = provider.page;
      await signIn(page, u.provider.username, u.provider.password);
      let s = await openById(page, a.id);
      s = await waitState(page, (x) => x.items['evidence.add'] && x.texts['evidence.count'] === undefined, 'evidence section, no photo yet');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'evidence.add')]);
      assert.ok(chooser.isMultiple(), 'several photos at once');
      await chooser.setFiles(file);
      s = await waitState(page, (x) => x.texts['evidence.count'] === '1' && x.pending === 0 &&
        Object.keys(x.texts).some((k) => k.startsWith('evidence.reuse.')), 'uploaded and flagged', 20000);
      const reuse = Object.entries(s.texts).find(([k]) => k.startsWith('evidence.reuse.'))[1];
      assert.equal(reuse, `此照片也用于工单 ${b.code}`);
      assert.match(s.texts['evidence.message'], /照片已上传/);
      const thumbId = Object.keys(s.items).find((k) => k.startsWith('evidence.thumb.'));
      s = await waitState(page, (x) => x.texts[thumbId] === '1', 'thumbnail texture ready');
      // A file that is not a photo is refused with the server's Chinese message.
      const bogus = path.join(dir, '不是照片.jpg');
      fs.writeFileSync(bogus, '这是一个文本文件\n');
      const [c2] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'evidence.add')]);
      await c2.setFiles(bogus);
      s = await waitState(page, (x) => x.texts['evidence.error'] && x.pending === 0, 'refusal');
      assert.match(s.texts['evidence.error'], /不是照片/);
      assert.equal(s.texts['evidence.count'], '1', 'nothing stored');
    });

    await t.test('provider: the start time is set with the calendar by clicks; complete', async () => {
      const page = provider.page;
      await click(page, 'order.action.complete');
      await waitState(page, (x) => x.items['order.evidence.from.open'], 'evidence form with the picker');
      await focusField(page, 'order.evidence.caregiver');
      await imeCompose(page, '李护工');
      await click(page, 'order.evidence.from.open');
      let s = await waitState(page, (x) => x.items['order.evidence.from.today'] && x.texts['order.evidence.from.month'], 'calendar open');
      const yesterday = cstDate(1);
      if (s.texts['order.evidence.from.month'] !== yesterday.slice(0, 7)) {
        await click(page, 'order.evidence.from.prev');
        s = await waitState(page, (x) => x.texts['order.evidence.from.month'] === yesterday.slice(0, 7), 'previous month');
      }
      await shot(page, 'evidence-date-picker-1280x720');
      await click(page, `order.evidence.from.day.${Number(yesterday.slice(8, 10))}`);
      s = await waitState(page, (x) => x.orders.form.from === `${yesterday} 09:00`, 'date picked (default 09:00)');
      await click(page, 'order.evidence.from.ok');
      await waitState(page, (x) => !x.items['order.evidence.from.today'], 'calendar closed');
      await focusField(page, 'order.evidence.to');
      await typeKeys(page, cstMinutesSpaced(1));   // typed text is still accepted
      await focusField(page, 'order.evidence.place');
      await imeCompose(page, '老人家中');
      s = await waitState(page, (x) => x.orders.form.from === `${yesterday} 09:00` && x.orders.form.place === '老人家中', 'form filled');
      await scrollTo(page, 'order.submit', 'order.right');
      await page.mouse.move(5, 700);
      await shot(page, 'evidence-provider-complete-1280x720');
      await click(page, 'order.submit');
      s = await waitState(page, (x) => x.orders.current.status === 'completed' && x.pending === 0, 'completed');
    });

    await t.test('supervisor: the thumbnail beside 审核通过, the reuse flag, the full photo in a new tab', async () => {
      const page = supervisor.page;
      await signIn(page, u.supervisor.username, u.supervisor.password);
      let s = await openById(page, a.id);
      s = await waitState(page, (x) => x.items['order.action.review_pass'] && x.texts['evidence.count'] === '1', 'review with photo');
      const thumbId = Object.keys(s.items).find((k) => k.startsWith('evidence.thumb.'));
      s = await waitState(page, (x) => x.texts[thumbId] === '1', 'thumbnail drawn');
      assert.equal(s.items['evidence.add'], undefined, 'the reviewer does not add photos');
      const reuse = Object.entries(s.texts).find(([k]) => k.startsWith('evidence.reuse.'));
      assert.ok(reuse, 'the reuse flag is shown');
      assert.match(reuse[1], new RegExp(`此照片也用于工单 ${b.code}`));
      assertLayout(s, ['order.action.review_pass', thumbId, reuse[0], 'evidence.title'], view);
      await page.mouse.move(5, 700);
      await shot(page, 'evidence-supervisor-review-1280x720');
      // The thumbnail's pixels are on the canvas: the red square of the photo shows at the thumbnail.
      const it = s.items[thumbId];
      const png = await page.screenshot({ clip: { x: it.x, y: it.y, width: it.w, height: it.h } });
      assert.ok(png.length > 1000, 'a thumbnail was drawn');
      const [tab] = await Promise.all([page.context().waitForEvent('page', { timeout: 10000 }), click(page, thumbId)]);
      await tab.waitForLoadState();
      assert.match(tab.url(), /\/api\/v1\/evidence\/\d+\/full$/);
      await tab.close();
      // And order b lists a as the other order.
      const supApi = await apiSignIn(u.supervisor.username, u.supervisor.password);
      const lb = await api(supApi, 'GET', `/api/v1/orders/${b.id}/evidence`);
      assert.equal(lb.status, 200);
      assert.deepEqual(lb.body.items[0].also_on_orders, [a.code]);
      assert.deepEqual(provider.problems, []);
      assert.deepEqual(supervisor.problems, []);
    });
  });
