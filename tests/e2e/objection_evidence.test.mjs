// Browser test of 结算's objection evidence and the signed statement's people (issue 11): provider 1's statement of two
// months ago signed (through the API; its assessment months opened, filled and signed through the API as
// settlement.test.mjs does when none is signed), the provider opens it: a line's people are named (from the signed statement's own reply, not
// "#id"); it types an objection, adds three evidence references as chips (an order code by keys and Enter, a file name
// by IME and 添加证据, one more), removes the third by its ×, files it: the objection lists two references, the order
// code as a link that opens the order. Then a file behind it (申诉佐证) through the file chooser: a text file named .pdf
// is refused with the server's message, a real PDF is attached and listed; the supervisor sees the same file. Screenshots
// at 1440×900: the chips, the objection with its links, the objection with its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BASE, waitState, click, shot, assertLayout, users, api, apiSignIn, openScreen, focusField, typeKeys, press, imeCompose, sleep,
  choose, signAssessmentMonth,
} from './lib.mjs';

// A whole one-page PDF (what the server accepts as a PDF: %PDF- … %%EOF).
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n' +
  'endobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

// "2026-10": two months before today in China Standard Time — not the screen's default month, which
// settlement.test.mjs signs itself (it expects provider 1's draft there).
function twoMonthsAgo() {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

// Provider 1's signed statement of `month` (signed here when it is only a draft): its id.
async function signedStatement(sup, month) {
  const row = async () => (await api(sup, 'GET', `/api/v1/settlement/statements?month=${month}`)).body.rows
    .find((r) => r.provider_id === 1);
  let r = await row();
  if (r && r.state === 'blocked') {   // no signed assessment of provider 1 yet: every project signed through the API
    for (const project of ['home_visit', 'visiting']) await signAssessmentMonth({ provider: 1, project, month });
    r = await row();
  }
  assert.ok(r, 'provider 1 in the month list');
  if (r.state === 'draft') {
    const signed = await api(sup, 'POST', '/api/v1/settlement/statements', { provider_id: 1, month });
    assert.equal(signed.status, 201, JSON.stringify(signed.body));
    return signed.body.id;
  }
  assert.equal(r.state, 'signed', JSON.stringify(r));
  return r.statement_id;
}

test('结算: the signed statement names its people; an objection with two evidence references, the order code a link',
  async (t) => {
  const u = users();
  const month = twoMonthsAgo();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const id = await signedStatement(sup, month);
  const prov = await apiSignIn(u.provider.username, u.provider.password);
  const signed = (await api(prov, 'GET', `/api/v1/settlement/statements/${id}`)).body;
  assert.equal(signed.objection_open, true, 'the objection deadline is open');
  const orders = await api(prov, 'GET', '/api/v1/orders?page_size=1');
  assert.equal(orders.status, 200);
  assert.ok(orders.body.items.length > 0, 'provider 1 has an order');
  const order = orders.body.items[0].code;

  const viewport = { width: 1440, height: 900 };
  const { page, problems } = await openScreen(t, 'provider', 'nav.settlement',
    (x) => x.screen === 'settlement' && !x.settlement.loading && x.pending === 0, 'the provider\'s 结算', viewport);
  await choose(page, 'settlement.month', `settlement.month.${month}`);
  await waitState(page, (x) => x.settlement.month === month && !x.settlement.loading && x.settlement.rows.length > 0 &&
    x.pending === 0, `the month ${month}`);
  await click(page, 'settlement.row.1');
  let s = await waitState(page, (x) => x.settlement.status === 'signed' && x.settlement.statement_id === id &&
    x.items['settlement.objection_text'] && x.items['settlement.objection_text'].visible && x.pending === 0,
  'the signed statement with the objection box', 30000);
  const before = s.settlement.objections.length;

  // The people of a line: named from the signed statement's reply (a provider gets no draft to borrow names from).
  const line = s.settlement.lines.find((l) => l.count > 0 && signed.statement.lines.find((x) => x.code === l.code)
    .source.subject_ids.length > 0);
  if (line) {
    await click(page, `settlement.line.${line.code}`);
    s = await waitState(page, (x) => x.settlement.drill.length > 0, 'the people behind a line');
    const named = new Map(signed.people.map((p) => [p.elder_id, p.name]));
    for (const [k, shown] of s.settlement.drill.entries()) {
      const eid = signed.statement.lines.find((x) => x.code === line.code).source.subject_ids[k];
      assert.ok(named.has(eid), `the reply names #${eid}`);
      assert.equal(shown, `${named.get(eid)}（#${eid}）`);
    }
    await click(page, `settlement.line.${line.code}`);   // folded again
  }

  // The objection: text by IME; evidence chips — the order code typed and Enter, a file name by IME and 添加证据, one
  // more removed by its ×.
  await focusField(page, 'settlement.objection_text');
  await imeCompose(page, '本月有一次上门服务未计入');
  await focusField(page, 'settlement.evidence_input');
  await typeKeys(page, order.toLowerCase());
  await press(page, 'Enter');
  s = await waitState(page, (x) => x.settlement.evidence.length === 1, 'the first chip');
  assert.equal(s.settlement.evidence[0], order);   // upper-cased: an order code as the order list writes it
  await focusField(page, 'settlement.evidence_input');
  await imeCompose(page, '回访录音1103.mp3');
  await sleep(150);
  await click(page, 'settlement.evidence_add');
  s = await waitState(page, (x) => x.settlement.evidence.length === 2, 'the second chip');
  await focusField(page, 'settlement.evidence_input');
  await typeKeys(page, 'extra-ref');
  await press(page, 'Enter');
  s = await waitState(page, (x) => x.settlement.evidence.length === 3 && x.items['settlement.evidence.2'], 'the third chip');
  assertLayout(s, ['settlement.evidence_input', 'settlement.evidence.0', 'settlement.evidence.1', 'settlement.evidence.2'], viewport);
  await shot(page, 'objection-evidence-chips-1440x900');
  await click(page, 'settlement.evidence.2');
  s = await waitState(page, (x) => x.settlement.evidence.length === 2, 'the third removed');
  assert.deepEqual(s.settlement.evidence, [order, '回访录音1103.mp3']);

  await click(page, 'settlement.object');
  s = await waitState(page, (x) => x.settlement.objections.length === before + 1 && x.pending === 0, 'the objection filed', 20000);
  const filed = s.settlement.objections.find((o) => o.text === '本月有一次上门服务未计入');
  assert.ok(filed, 'the new objection listed');
  assert.deepEqual(filed.evidence, [order, '回访录音1103.mp3']);
  assert.deepEqual(s.settlement.evidence, []);   // the form emptied
  assert.equal(s.texts[`settlement.objection.${filed.id}.evidence.0`], `link:${order}`);
  assert.equal(s.texts[`settlement.objection.${filed.id}.evidence.1`], '回访录音1103.mp3');
  // The server kept the same two references.
  const stored = (await api(prov, 'GET', `/api/v1/settlement/statements/${id}`)).body.objections.find((o) => o.id === filed.id);
  assert.deepEqual(stored.evidence, [order, '回访录音1103.mp3']);
  await shot(page, 'objection-evidence-filed-1440x900');

  // A file behind the objection: a lie refused with the server's message and nothing stored, then the real PDF.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yy-objection-'));
  const lie = path.join(dir, '服务记录.pdf');
  fs.writeFileSync(lie, '这只是一个文本文件\n');
  const log = path.join(dir, '上门服务记录单.pdf');
  fs.writeFileSync(log, PDF);
  const add = `settlement.objection.${filed.id}.add_file`;
  assert.ok(s.items[add], 'the provider may attach a file to its open objection');
  let [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, add)]);
  await chooser.setFiles(lie);
  s = await waitState(page, (x) => x.settlement.action_error !== '' && x.settlement.uploads_pending === 0 && x.pending === 0,
    'the lie refused', 20000);
  assert.match(s.settlement.action_error, /不是照片或 PDF/);
  [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, add)]);
  await chooser.setFiles(log);
  s = await waitState(page, (x) => x.settlement.uploads_pending === 0 && x.pending === 0 &&
    (x.settlement.objections.find((o) => o.id === filed.id) || { files: [] }).files.length === 1, 'the PDF attached', 20000);
  const withFile = s.settlement.objections.find((o) => o.id === filed.id);
  assert.equal(withFile.files[0].name, '上门服务记录单.pdf');
  assert.equal(withFile.files[0].mime, 'application/pdf');
  assert.equal(s.texts[`settlement.objection.${filed.id}.file.0`], '上门服务记录单.pdf');
  assert.equal(s.settlement.action_error, '');
  assert.equal(s.settlement.message, '申诉佐证文件已上传');
  assert.equal(s.status.text, '申诉佐证文件已上传');   // the refusal's banner replaced
  assertLayout(s, [`settlement.objection.${filed.id}.file.0`, add], viewport);
  await shot(page, 'objection-file-1440x900');
  // The supervisor reads the same bytes.
  const seen = (await api(sup, 'GET', `/api/v1/settlement/statements/${id}`)).body.objections.find((o) => o.id === filed.id);
  assert.equal(seen.files.length, 1);
  const bytes = await fetch(`${BASE}${seen.files[0].full_url}`, { headers: { Cookie: sup.cookie } });
  assert.equal(bytes.status, 200);
  assert.equal(await bytes.text(), PDF);

  // The order code opens its order.
  await click(page, `settlement.objection.${filed.id}.evidence.0`);
  s = await waitState(page, (x) => x.screen === 'order_detail' && x.orders.current && x.orders.current.code === order,
    'the order opened from the evidence', 20000);
  assert.deepEqual(problems, []);
});
