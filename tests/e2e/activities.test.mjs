// Browser test: 工作台账 (issue 13, activity records). The agent enters a training on the screen (the title typed
// through the IME), uploads its sign-in sheet (a PDF, through the file chooser); a lie (a text file named .pdf) is
// refused with the server's message. The supervisor approves it on the same screen; the KPI screen then shows
// 培训场次 one higher than before, and its drill-down lists the record. Screenshots: activities-1440x900,
// activities-approved-1440x900, activities-kpis-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, waitState, click, shot, users, api, apiSignIn, openScreen, focusField, imeCompose } from './lib.mjs';

function monthNow() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
}

const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n' +
  'endobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

async function trainings(sup) {
  const r = await api(sup, 'GET', `/api/v1/kpis?period=${monthNow()}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const item = r.body.items.find((i) => i.code === 'trainings');
  assert.ok(item && item.kind === 'activities', '培训场次 is computed from the activity records');
  return item;
}

test('activities: the agent enters a training with its sign-in sheet, the supervisor approves, 培训场次 moves', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const before = await trainings(sup);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yy-activity-'));
  const sheet = path.join(dir, '签到表.pdf');
  fs.writeFileSync(sheet, PDF);
  const lie = path.join(dir, '假的签到表.pdf');
  fs.writeFileSync(lie, '这只是一个文本文件\n');
  const title = `第五期话务坐席培训${Date.now() % 1000}`;

  // ---- the agent enters it ----
  const viewport = { width: 1440, height: 900 };
  const { page, problems } = await openScreen(t, 'agent', 'nav.activities',
    (x) => x.screen === 'activities' && x.activities.list && !x.activities.loading && x.pending === 0, '工作台账 loaded', viewport);
  await click(page, 'activities.new');
  let s = await waitState(page, (x) => x.activities.form_open && x.items['activities.form.title'], 'the form');
  await click(page, 'activities.form.kind.training');
  await waitState(page, (x) => x.activities.form.kind === 'training', 'kind chosen');
  await focusField(page, 'activities.form.title');
  await imeCompose(page, title);
  s = await waitState(page, (x) => x.activities.form.title === title, 'title typed');
  await focusField(page, 'activities.form.place');
  await imeCompose(page, '调度中心培训室');
  await click(page, 'activities.form.save');
  s = await waitState(page, (x) => !x.activities.form_open && x.activities.detail && x.activities.detail.title === title &&
    x.pending === 0, 'saved and shown');
  const id = s.activities.detail.id;
  assert.equal(s.activities.detail.status, 'entered');
  assert.equal(s.activities.detail.date.slice(0, 7), monthNow());

  // A text file named .pdf: refused with the server's message, nothing stored.
  let [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'activities.add_file')]);
  await chooser.setFiles(lie);
  s = await waitState(page, (x) => x.activities.action_error !== '' && x.activities.uploads_pending === 0 && x.pending === 0,
    'the lie refused', 20000);
  assert.match(s.activities.action_error, /不是照片或 PDF/);
  // The real sign-in sheet.
  [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'activities.add_file')]);
  assert.ok(chooser.isMultiple(), 'several files at once');
  await chooser.setFiles(sheet);
  s = await waitState(page, (x) => x.activities.detail && x.activities.detail.files === 1 && x.activities.uploads_pending === 0 &&
    x.pending === 0, 'the sheet uploaded', 20000);
  assert.equal(s.activities.detail.evidence[0].mime, 'application/pdf');
  assert.equal(s.activities.detail.evidence[0].name, '签到表.pdf');
  assert.equal(s.activities.detail.evidence[0].sha256.length, 64);
  // The agent has no approve button.
  assert.equal(s.items['activities.approve'], undefined);
  await shot(page, 'activities-1440x900');
  assert.deepEqual(problems, []);

  // ---- the supervisor approves it ----
  const supPage = await openScreen(t, 'supervisor', 'nav.activities',
    (x) => x.screen === 'activities' && x.activities.list && x.items[`activities.row.${id}`] && x.pending === 0,
    'the record listed for the supervisor', viewport);
  await click(supPage.page, `activities.row.${id}`);
  s = await waitState(supPage.page, (x) => x.activities.detail && x.activities.detail.id === id && x.items['activities.approve'],
    'the record with 审核通过');
  await click(supPage.page, 'activities.approve');
  s = await waitState(supPage.page, (x) => x.activities.detail && x.activities.detail.status === 'approved' && x.pending === 0,
    'approved');
  assert.match(s.activities.action_notice, /已审核通过/);
  await shot(supPage.page, 'activities-approved-1440x900');

  // ---- the KPI screen: 培训场次 one higher, the drill-down lists the record ----
  const after = await trainings(sup);
  assert.equal(after.value.num, before.value.num + 1);
  await click(supPage.page, 'nav.kpis');
  s = await waitState(supPage.page, (x) => x.screen === 'kpis' && x.live.kpis.loaded && x.texts['kpis.value.trainings'] &&
    x.pending === 0, 'the KPI screen');
  assert.equal(s.texts['kpis.value.trainings'], after.display);
  await click(supPage.page, 'kpis.row.trainings');
  s = await waitState(supPage.page, (x) => x.live.selected === 'trainings' && x.live.records.loaded && x.pending === 0,
    'the drill-down of 培训场次');
  assert.equal(s.live.records.total, after.numerator_count);
  const rows = Object.entries(s.texts).filter(([k]) => k.startsWith('kpis.records.row.')).map(([, v]) => v);
  assert.ok(rows.includes(`台账 ${id}`), `the record is listed (${rows.join(', ')})`);
  await shot(supPage.page, 'activities-kpis-1440x900');
  assert.deepEqual(supPage.problems, []);
});
