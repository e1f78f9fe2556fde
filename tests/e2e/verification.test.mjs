// Browser test of 核查 (issue 10): a supervisor opens 核查 from the navigation, imports a small CSV of subscribers
// (信息化服务台账) through the file chooser — first with one bad ID number (the dry run names the row and column
// beside the error, 确认导入 stays disabled), then a good file (previewed, committed, the history lists it with its
// SHA-256) — and the 季度报表 tab shows the information-service figures the API gives for the quarter (in the whole
// report), with a drill-down to the people. Screenshots at 1280×720 and portrait 720×1280.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  BASE, sleep, launch, state, waitState, click, shot, openDashboard, users, api, apiSignIn, signIn, idCheckChar,
  scrollTo,
} from './lib.mjs';

// A valid ID number of someone born in 1950 (unique per run and index).
function idNumber(i) {
  const n = (Date.now() + i * 7919) % 1000;
  const first17 = `4420001950${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((Date.now() / 1000 | 0) + i) % 28).padStart(2, '0')}${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function cstDate(daysAgo) {
  return new Date(Date.now() + 8 * 3600e3 - daysAgo * 86400e3).toISOString().slice(0, 10);
}

test('核查: import subscribers (a bad row shown beside its error, then a good file committed), the quarter figures', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const session = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const towns = await api(session, 'GET', '/api/v1/towns');
  assert.equal(towns.status, 200);
  const town = (towns.body.towns || towns.body.items || towns.body)[0];
  const day = cstDate(1);
  const quarter = `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yy-ver-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const header = '姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因';
  const good1 = idNumber(1);
  const good2 = idNumber(2);
  const bad = good2.slice(0, 17) + ('0123456789'.split('').find((c) => c !== good2[17]));
  const badFile = path.join(dir, '台账-有错.csv');
  fs.writeFileSync(badFile, `${header}\n欧阳核一,${good1},13800138001,${town.name},${day},,\n欧阳核二,${bad},13800138002,${town.name},${day},,\n`);
  const goodFile = path.join(dir, '台账.csv');
  const goodBytes = `${header}\n欧阳核一,${good1},13800138001,${town.name},${day},,\n欧阳核二,${good2},13800138002,${town.name},${day},,\n`;
  fs.writeFileSync(goodFile, goodBytes);
  const goodSha = crypto.createHash('sha256').update(goodBytes).digest('hex');

  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, u.supervisor.username, u.supervisor.password);

  // 核查 is in the navigation (no longer 即将推出).
  let s = await waitState(page, (x) => x.items['nav.verification'], '核查 in the navigation');
  await click(page, 'nav.verification');
  s = await waitState(page, (x) => x.screen === 'verification' && x.items['ver.tab.imports'], '核查 screen');
  await click(page, 'ver.tab.imports');
  s = await waitState(page, (x) => x.verification.tab === 'imports' && x.items['ver.pick'] && x.pending === 0, 'imports tab');
  assert.equal(s.verification.imports.list, 'subscribers');

  // A file with one bad row: the dry run lists the error by row and column; 确认导入 is not possible.
  let [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'ver.pick')]);
  await chooser.setFiles(badFile);
  s = await waitState(page, (x) => x.verification.imports.phase === 'previewed' && x.pending === 0 &&
    x.items['ver.error_row.0'], 'preview with errors', 20000);
  assert.equal(s.verification.imports.preview.error_count, 1);
  assert.equal(s.verification.imports.errors[0].row, 3);
  assert.match(s.verification.imports.errors[0].column, /身份证号/);
  assert.match(s.texts['ver.error_row.0'], /^第3行 身份证号：/);
  assert.ok(s.verification.imports.sent > 0, 'upload progress reported');
  await shot(page, 'verification-import-errors-1280');
  await click(page, 'ver.commit');                    // disabled: nothing happens
  await sleep(300);
  s = await state(page);
  assert.equal(s.verification.imports.phase, 'previewed');
  assert.equal(s.verification.imports.preview.dry_run, true);

  // The good file: previewed (2 rows, no error), committed, listed in the history.
  [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'ver.pick')]);
  await chooser.setFiles(goodFile);
  s = await waitState(page, (x) => x.verification.imports.phase === 'previewed' && x.pending === 0 &&
    x.verification.imports.file_name === '台账.csv', 'clean preview', 20000);
  assert.equal(s.verification.imports.preview.error_count, 0);
  assert.equal(s.verification.imports.preview.rows, 2);
  assert.equal(s.verification.imports.errors.length, 0);
  await click(page, 'ver.commit');
  s = await waitState(page, (x) => x.verification.imports.phase === 'committed' && x.pending === 0 &&
    x.verification.imports.history.some((h) => h.sha256 === goodSha), 'committed and in the history', 20000);
  assert.match(s.verification.imports.message, /已导入/);
  const h = s.verification.imports.history.find((x) => x.sha256 === goodSha);
  assert.equal(h.file_name, '台账.csv');
  assert.equal(h.username, u.supervisor.username);
  assert.equal(h.rows, 2);
  await shot(page, 'verification-import-done-1280');

  // 季度报表: the report of the quarter (its information-service table here), as the API computes it.
  await page.evaluate((q) => { window.location.hash = `#/verification?quarter=${q}`; }, quarter);
  const reply = await api(session, 'GET', `/api/v1/verification/info-service?quarter=${quarter}`);
  const report = await api(session, 'GET', `/api/v1/verification/report?quarter=${quarter}`);
  s = await waitState(page, (x) => x.screen === 'verification' && x.verification.tab === 'report' && x.pending === 0 &&
    !x.verification.report.loading && (x.verification.report.tables.length > 0 || x.verification.report.error), 'report', 20000);
  if (reply.status === 200 && report.status === 200) {
    const cells = s.verification.report.cells;
    reply.body.months.forEach((m) => {
      for (const k of ['at_start', 'added', 'removed', 'total']) {
        assert.equal(cells[`info_service.${k}@${m.month}`], String(m[k]), `${k} of ${m.month}`);
      }
    });
    assert.equal(cells['info_service.total'], String(reply.body.person_months));
    // The month of the import has at least our two new subscribers; a click opens them.
    const month = day.slice(0, 7);
    const added = reply.body.months.find((m) => m.month === month).added;
    assert.ok(added >= 2, `新增 of ${month} counts the imported subscribers`);
    await scrollTo(page, `ver.cell.info_service.added@${month}`, 'ver.report.pane');
    await click(page, `ver.cell.info_service.added@${month}`);
    s = await waitState(page, (x) => x.verification.report.people.length > 0 && x.pending === 0, 'drill-down', 20000);
    assert.equal(s.verification.report.people_total, added);
    assert.match(s.verification.report.drill_title, /新增服务对象$/);
    await shot(page, 'verification-report-1280');
    await page.setViewportSize({ width: 720, height: 1280 });
    await sleep(500);
    s = await state(page);
    assert.deepEqual(s.clipped, [], 'no column clipped in portrait');
    await shot(page, 'verification-report-portrait');
  } else {
    const refused = reply.status !== 200 ? reply : report;
    s = await waitState(page, (x) => x.verification.report.error, 'the refusal');
    assert.equal(s.verification.report.error, refused.body.error.message, 'the refusal as the server says it');
    await shot(page, 'verification-report-1280');
  }
  await page.setViewportSize({ width: 720, height: 1280 });
  await page.evaluate(() => { window.location.hash = '#/verification?tab=imports'; });
  s = await waitState(page, (x) => x.verification.tab === 'imports' && x.pending === 0 && x.verification.imports.history.length > 0, 'imports in portrait');
  await sleep(400);
  await shot(page, 'verification-imports-portrait');
  assert.deepEqual(problems, []);
});
