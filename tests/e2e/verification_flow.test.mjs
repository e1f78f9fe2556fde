// Browser test of the whole quarterly verification flow (issue 10): a supervisor imports the synthetic Hanjiang
// Q1 2024 lists through the 名单导入 tab (files written by build/native/hanjiang-csv, tests/e2e/tools), opens the
// 季度报表 of 2024Q1 (9562 人次, 5882, 93.61% as the seed), drills into a figure, downloads the report as XLSX and
// PDF (the texts checked with readXlsx and pdftotext), then signs it and a leader countersigns (the sign-off part
// runs once the server has the sign-off routes and the leader role); then 2024Q2's report shows Q1's signed figures
// in grey beside its own (the subtitle says so). Screenshots at 1280×800 and 1920×1080.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  BASE, HERE, SHOTS, sleep, launch, state, waitState, click, shot, openDashboard, users, api, apiSignIn, signIn, choose,
  scrollTo, readXlsx, confirmDialog, press, focusField, typeKeys,
} from './lib.mjs';

const GENERATOR = process.env.YIYANG_HANJIANG_CSV || path.resolve(HERE, '../../build/native/hanjiang-csv');
const LISTS = ['subscribers', 'service_records', 'cremations', 'phone_checks', 'callbacks'];

// Scrolls the report's pane by `dy` (negative: up), in steps.
async function scrollBy(page, dy) {
  const s = await state(page);
  const pane = s.items['ver.report.pane'];
  await page.mouse.move(pane.x + pane.w / 2, pane.y + pane.h / 2);
  for (let i = 0; i < 5; i++) { await page.mouse.wheel(0, dy); await sleep(120); }
}

// The report's pane back at its top (the toolbar with the downloads).
async function scrollTop(page) {
  await scrollBy(page, -20000);
  return waitState(page, (x) => x.items['ver.download.xlsx'] && x.items['ver.download.xlsx'].visible, 'the toolbar');
}

async function importThroughScreen(page, list, file, providerId) {
  const s0 = await state(page);
  if (s0.verification.imports.list !== list) await choose(page, 'ver.list', `ver.list.option.${list}`);
  await waitState(page, (x) => x.verification.imports.list === list, `list ${list} chosen`);
  if (list === 'service_records') {
    // Service records are imported per provider: the pick button waits for one.
    await waitState(page, (x) => x.items['ver.provider'], 'the provider picker');
    // The picker open, to look at (the providers' names in full, nothing over the list's controls).
    await click(page, 'ver.provider');
    const open = await waitState(page, (x) => x.items[`ver.provider.option.${providerId}`] &&
      x.items[`ver.provider.option.${providerId}`].visible, 'the provider options');
    assert.deepEqual(open.clipped, [], 'nothing clipped with the provider picker open');
    await sleep(200);
    await shot(page, 'verification-import-provider-picker-1280x800');
    await press(page, 'Escape');
    await sleep(200);
    await choose(page, 'ver.provider', `ver.provider.option.${providerId}`);
  }
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'ver.pick')]);
  await chooser.setFiles(file);
  let s = await waitState(page, (x) => x.pending === 0 && x.verification.imports.file_name === path.basename(file) &&
    ['previewed', 'failed'].includes(x.verification.imports.phase), `dry run of ${list}`, 120000);
  assert.equal(s.verification.imports.phase, 'previewed', `${list}: ${s.verification.imports.error}`);
  assert.equal(s.verification.imports.preview.error_count, 0, `${list} has no error`);
  await click(page, 'ver.commit');
  s = await waitState(page, (x) => x.pending === 0 && ['committed', 'failed'].includes(x.verification.imports.phase),
    `commit of ${list}`, 180000);
  assert.equal(s.verification.imports.phase, 'committed', `${list}: ${s.verification.imports.error}`);
}

test('核查 flow: Hanjiang lists imported on the screen, the report (9562, 5882, 93.61%), downloads, sign-off', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  if (!fs.existsSync(GENERATOR)) {
    assert.fail(`the list generator is missing: cmake --build build/native --target hanjiang-csv (${GENERATOR})`);
  }
  const u = users();
  const session = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const towns = await api(session, 'GET', '/api/v1/towns');
  assert.equal(towns.status, 200);
  const townNames = (towns.body.towns || towns.body.items || towns.body).map((x) => x.name);
  assert.ok(townNames.length >= 12, 'twelve towns to place the Hanjiang subjects in');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yy-hanjiang-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  execFileSync(GENERATOR, [dir, ...townNames.slice(0, 12)]);

  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await openDashboard(browser, { width: 1280, height: 800 });
  await signIn(page, u.supervisor.username, u.supervisor.password);

  // The suite's database is shared: the API tests through nginx ran first and may have imported Hanjiang records of
  // their own into 2024Q1. The figures are checked as what this import adds to what was there.
  const cellOf = (rep, code) => {
    for (const table of rep.tables) for (const row of table.rows) for (const c of row) if (c.drill === code) return c;
    return null;
  };
  const before = await api(session, 'GET', '/api/v1/verification/report?quarter=2024Q1');
  assert.equal(before.status, 200);
  const recordsBefore = Number(cellOf(before.body, 'physical.records')?.text ?? 0);
  t.diagnostic(`2024Q1 physical records before this test's import: ${recordsBefore}`);

  // ---- 名单导入: the five lists, each dry-run then committed ----
  await page.evaluate(() => { window.location.hash = '#/verification?tab=imports'; });
  await waitState(page, (x) => x.screen === 'verification' && x.verification.tab === 'imports' && x.items['ver.pick'] &&
    x.pending === 0, 'imports tab');
  const providers = await api(session, 'GET', '/api/v1/providers');
  assert.equal(providers.status, 200);
  const provider = (providers.body.providers || providers.body.items || providers.body)[0].id;
  for (const list of LISTS) {
    const file = path.join(dir, `${list}.csv`);
    await importThroughScreen(page, list, file, provider);
  }

  // ---- 回访: the quarter's draw, made on the screen (the shared default frame day 2024-02-29, the documented seed);
  // the report reads this frozen draw, never one of its own ----
  await page.evaluate(() => { window.location.hash = '#/verification?tab=calls&quarter=2024Q1'; });
  await waitState(page, (x) => x.verification.tab === 'calls' && x.pending === 0 && x.items['verw.draw.open'], 'the 回访 tab');
  await click(page, 'verw.draw.open');
  await waitState(page, (x) => x.items['verw.draw.seed'], 'the draw form');
  await focusField(page, 'verw.draw.seed');
  await typeKeys(page, 'yiyang-2024-Q1');
  await click(page, 'verw.draw.save');
  let s0;
  let d = await waitState(page, (x) => x.pending === 0 && x.verification_work.calls.draw &&
    x.verification_work.calls.draw.size > 0, 'the draw', 60000);
  assert.equal(d.verification_work.calls.draw.seed, 'yiyang-2024-Q1');
  const apiDraw = await api(session, 'GET', '/api/v1/verification/samples?quarter=2024Q1');
  assert.equal(apiDraw.status, 200);
  assert.equal(apiDraw.body.draws[0].draw_date, '2024-02-29', 'the frame day is the shared default');
  assert.equal(apiDraw.body.draws[0].size, d.verification_work.calls.draw.size);

  // ---- 死亡核查 2024Q1 with the Hanjiang figures (91 matched on a quarter of its own), to look at ----
  await page.evaluate(() => { window.location.hash = '#/verification?tab=deaths&quarter=2024Q1'; });
  s0 = await waitState(page, (x) => x.verification.tab === 'deaths' && x.pending === 0 &&
    (x.verification_work.deaths.figures || x.verification_work.deaths.error), 'the 死亡核查 tab', 60000);
  assert.equal(s0.verification_work.deaths.error || '', '');
  const apiDeaths = await api(session, 'GET', '/api/v1/verification/deaths?quarter=2024Q1');
  assert.equal(apiDeaths.status, 200);
  assert.equal(s0.verification_work.deaths.figures.matched, apiDeaths.body.matched);
  assert.ok(apiDeaths.body.matched >= 91, 'the Hanjiang deaths are there');
  await sleep(300);
  s0 = await state(page);
  assert.deepEqual(s0.clipped, [], 'nothing clipped on 死亡核查');
  await shot(page, 'verification-deaths-hanjiang-1280x800');

  // ---- 季度报表 2024Q1: the seed's figures ----
  await page.evaluate(() => { window.location.hash = '#/verification?quarter=2024Q1'; });
  let s = await waitState(page, (x) => x.verification.tab === 'report' && x.pending === 0 && !x.verification.report.loading &&
    (x.verification.report.tables.length > 0 || x.verification.report.error), 'the report', 120000);
  assert.equal(s.verification.report.error, '');
  const codes = s.verification.report.tables.map((x) => x.code);
  for (const c of ['physical', 'survey', 'info_service', 'new_subjects', 'deaths', 'callbacks']) {
    assert.ok(codes.includes(c), `the report has its ${c} table`);
  }
  const cells = s.verification.report.cells;
  assert.equal(Number(cells['physical.records']) - recordsBefore, 9562, '实体服务 9562 人次 added');
  // On a quarter with no other records the survey is the seed's; otherwise it is whatever the API computes (below).
  if (recordsBefore === 0) assert.equal(cells['survey.overall'], '93.61%', '总体满意率 93.61%');
  else t.diagnostic(`总体满意率 ${cells['survey.overall']} (other tests' records in the quarter)`);
  // The screen shows every figure as the API computes it.
  const apiReport = await api(session, 'GET', '/api/v1/verification/report?quarter=2024Q1');
  assert.equal(apiReport.status, 200);
  for (const table of apiReport.body.tables) {
    for (const row of table.rows) {
      for (const c of row) if (c.drill) assert.equal(cells[c.drill], c.text, `${c.drill} as the API says`);
    }
  }
  // 5882 holds on a database of the Hanjiang ledger alone (tests/server/test_verification_report_api.cpp); the
  // suite's demo city adds its own information-service subscribers to the months' totals.
  if (cells['info_service.total@2024-02'] !== '5882') {
    t.diagnostic(`2月合计人数 ${cells['info_service.total@2024-02']} (5882 + the demo city's subscribers)`);
  }
  await sleep(300);
  s = await state(page);
  assert.deepEqual(s.clipped, [], 'nothing clipped at 1280×800');
  await shot(page, 'verification-report-1280x800');

  // A figure opens the people behind it.
  await scrollTo(page, 'ver.cell.info_service.removed@2024-01', 'ver.report.pane');
  await click(page, 'ver.cell.info_service.removed@2024-01');
  s = await waitState(page, (x) => x.pending === 0 && x.verification.report.people.length > 0, 'drill-down', 30000);
  assert.equal(String(s.verification.report.people_total), cells['info_service.removed@2024-01']);
  await sleep(300);
  s = await state(page);
  assert.ok(s.items['ver.drill.title'] && s.items['ver.drill.title'].visible, 'the list opened in view');
  await shot(page, 'verification-report-drill-1280x800');

  // A survey figure and a callback outcome open the people they count (GET …/callbacks/people): the list's total is
  // the cell, its rows the people's last calls.
  // The suite's demo city joins the frame, so the draw is not the one the Hanjiang callbacks were written for: the
  // outcome with the most people (尚未回访 when no drawn subject was called yet).
  const outcomes = Object.keys(cells).filter((k) => /^callbacks\.(outcome_|not_called$)/.test(k));
  outcomes.sort((a, b) => Number(cells[b]) - Number(cells[a]));
  const outcome = outcomes[0];
  t.diagnostic(`callback outcomes: ${outcomes.map((k) => `${k}=${cells[k]}`).join(', ')}`);
  assert.ok(outcome && Number(cells[outcome]) > 0, 'a callback outcome with people');
  for (const code of ['survey.valid', outcome]) {
    await scrollTop(page);   // the cells off the pane are not laid out: scroll down to them from the top
    await scrollTo(page, `ver.cell.${code}`, 'ver.report.pane', { tries: 200 });   // 回访 is the last table
    await click(page, `ver.cell.${code}`);
    s = await waitState(page, (x) => x.pending === 0 && x.verification.report.drill === code &&
      (x.verification.report.people.length > 0 || x.verification.report.drill_error), `drill-down of ${code}`, 30000);
    assert.equal(s.verification.report.drill_error, '', `${code} opens`);
    assert.equal(String(s.verification.report.people_total), cells[code], `${code}: the list holds the cell's people`);
    const api2 = await api(session, 'GET', `/api/v1/verification/callbacks/people?quarter=2024Q1&count=${code}&page_size=1`);
    assert.equal(api2.status, 200);
    assert.equal(String(api2.body.people_total), cells[code], `${code}: the API's list as the cell`);
    await sleep(300);
    s = await state(page);
    assert.ok(s.items['ver.drill.title'] && s.items['ver.drill.title'].visible, `the ${code} list opened in view`);
    assert.deepEqual(s.clipped, [], `nothing clipped with the ${code} list`);
    await shot(page, `verification-report-drill-${code.split('.')[0]}-1280x800`);
  }
  const shown = { 'callbacks.not_called': '未回访', 'callbacks.outcome_answered': '接通', 'callbacks.outcome_no_answer': '无人接听' };
  if (shown[outcome]) assert.equal(s.verification.report.people[0][4], shown[outcome], 'each person\'s last outcome');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await sleep(500);
  s = await state(page);
  assert.deepEqual(s.clipped, [], 'nothing clipped at 1920×1080');
  await shot(page, 'verification-report-1920x1080');
  // 150 % text at 1280×800: the tables scroll sideways instead of clipping.
  await page.setViewportSize({ width: 1280, height: 800 });
  await click(page, 'topbar.display');
  await click(page, 'display.size.150');
  await waitState(page, (x) => x.display.text_percent === 150, '150 %');
  await press(page, 'Escape');
  await page.mouse.move(2, 2);
  await sleep(500);
  s = await state(page);
  assert.deepEqual(s.clipped, [], 'nothing clipped at 150 %');
  await shot(page, 'verification-report-1280x800-150');
  await click(page, 'topbar.display');
  await click(page, 'display.size.100');
  await waitState(page, (x) => x.display.text_percent === 100, '100 %');
  await press(page, 'Escape');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await sleep(300);

  // ---- downloads: XLSX and PDF through the browser ----
  await scrollTop(page);
  let [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), click(page, 'ver.download.xlsx')]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const rows = readXlsx(await download.path());
  const flat = rows.flat().join('\n');
  // readXlsx reads numbers and inline strings; this file's texts are shared strings (libxlsxwriter), so the
  // figures are checked as numbers: the quarter's 人次 (9562 on a quarter of its own) and their fee at 30 元.
  const records = cells['physical.records'];
  assert.match(flat, new RegExp(`^${records}$`, 'm'));
  assert.match(flat, new RegExp(`^${Number(records) * 30}$`, 'm'));
  [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), click(page, 'ver.download.pdf')]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
  for (const needle of [records, cells['info_service.total@2024-02'], cells['survey.overall'], '核查报告']) assert.ok(text.includes(needle), `PDF has ${needle}`);
  // Its first page as PNG beside the screenshots, to look at.
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', await download.path(),
    path.join(SHOTS, 'verification-report-pdf-page')]);

  // The foot of the report: deaths, callbacks, 意见建议, rules, the sign-off panel.
  await scrollBy(page, 20000);
  await waitState(page, (x) => x.items['ver.signoff.title'] && x.items['ver.signoff.title'].visible, 'the sign-off panel');
  await shot(page, 'verification-report-foot-1920x1080');

  // ---- sign-off: the supervisor signs, the leader countersigns ----
  assert.ok(u.leader, 'a leader (局领导) among the test users');
  await scrollTo(page, 'ver.signoff.sign', 'ver.report.pane');
  await click(page, 'ver.signoff.sign');
  await confirmDialog(page, 'verification.sign');
  s = await waitState(page, (x) => x.pending === 0 && x.verification.report.signoffs &&
    x.verification.report.signoffs.sealed, 'signed and sealed', 60000);
  assert.equal(s.verification.report.signoff_error, '');
  assert.equal(s.verification.report.signoffs.reports[0].status, 'signed');
  assert.equal(s.verification.report.signoff_message, '已签署，本季度已封存');
  assert.equal(s.status.text, '已签署，本季度已封存');
  await shot(page, 'verification-signed-1920x1080');

  // The leader countersigns.
  const { page: lp, problems: lproblems } = await openDashboard(browser, { width: 1280, height: 800 });
  await signIn(lp, u.leader.username, u.leader.password);
  await lp.evaluate(() => { window.location.hash = '#/verification?quarter=2024Q1'; });
  s = await waitState(lp, (x) => x.pending === 0 && x.verification.report.signoffs && x.items['ver.report.pane'] &&
    !x.verification.report.loading && x.verification.report.tables.length > 0, 'the leader sees the report', 60000);
  await sleep(300);
  await scrollBy(lp, 20000);
  s = await waitState(lp, (x) => x.items['ver.signoff.countersign.0'] && x.items['ver.signoff.countersign.0'].visible,
    'the leader sees 会签');
  await click(lp, 'ver.signoff.countersign.0');
  s = await waitState(lp, (x) => x.pending === 0 && x.verification.report.signoffs.reports[0].status === 'countersigned',
    'countersigned', 60000);
  await shot(lp, 'verification-countersigned-1280x800');
  await scrollBy(lp, 20000);
  await waitState(lp, (x) => x.items['ver.signoff.pdf.0'] && x.items['ver.signoff.pdf.0'].visible, 'the signed PDF button');
  [download] = await Promise.all([lp.waitForEvent('download', { timeout: 60000 }), click(lp, 'ver.signoff.pdf.0')]);
  const signedText = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
  assert.ok(signedText.includes(records), 'the signed PDF has the figures');

  // ---- 2024Q2 beside the signed 2024Q1: the subtitle says so and the grey figures are Q1's signed ones (read only:
  // nothing of 2024Q1 is written after the signature) ----
  const q1 = await api(session, 'GET', '/api/v1/verification/report?quarter=2024Q1');   // sealed: as signed
  assert.equal(q1.status, 200);
  const q2 = await api(session, 'GET', '/api/v1/verification/report?quarter=2024Q2');
  assert.equal(q2.status, 200);
  assert.equal(q2.body.previous_available, true, 'Q2 has Q1 beside it');
  assert.equal(q2.body.previous_quarter, '2024-Q1');
  assert.equal(q2.body.previous_signed_zh, '已签署', 'the figures beside are the signed report\'s');
  // The report puts beside each figure the previous quarter's at the same place of the same table (the month's row of
  // the quarter before): compare each with Q1's as signed.
  const figureOf = (code) => code.replace(/@.*$/, '');
  const beside = {};
  let compared = 0;
  const byCode = [];
  for (const t2 of q2.body.tables) {
    const t1 = q1.body.tables.find((x) => x.code === t2.code);
    t2.rows.forEach((row, i) => row.forEach((c, k) => {
      if (!c.drill || c.previous === undefined || c.previous === null) return;
      beside[c.drill] = c.previous;
      const p = t1 && t1.rows[i] && t1.rows[i][k];
      if (p && p.drill && figureOf(p.drill) === figureOf(c.drill)) {
        assert.equal(c.previous, p.text, `${c.drill}: beside it Q1's signed ${p.drill}`);
        compared++;
        return;
      }
      // A table whose rows differ between quarters (新增对象回访: a row per call outcome that occurred): the report
      // matches the figure by its code anywhere in Q1's tables, and so does the test.
      const same = q1.body.tables.flatMap((x) => x.rows.flat()).filter((x) => x.drill === c.drill);
      assert.equal(same.length, 1, `${c.drill}: once in Q1's report`);
      assert.equal(c.previous, same[0].text, `${c.drill}: beside it Q1's signed one (by code)`);
      byCode.push(`${t2.code}[${i}][${k}] ${c.drill} (Q1 there: ${p ? p.drill || p.text : 'no cell'})`);
    }));
  }
  t.diagnostic(`Q2: ${Object.keys(beside).length} figures with Q1 beside, ${compared} compared by place, ${byCode.length} by code: ${byCode.join('; ')}`);
  assert.ok(compared >= 10, 'the figures beside compared with Q1\'s');
  assert.equal(compared + byCode.length, Object.keys(beside).length, 'every grey figure compared');
  assert.equal(beside['physical.records'], records, '实体服务人次 beside: Q1\'s signed');
  await page.evaluate(() => { window.location.hash = '#/verification?quarter=2024Q2'; });
  s = await waitState(page, (x) => x.verification.tab === 'report' && x.pending === 0 && !x.verification.report.loading &&
    x.verification.report.previous_quarter === '2024-Q1' && x.texts['ver.report.subtitle'], 'the Q2 report', 120000);
  assert.equal(s.verification.report.error, '');
  // 已签署，本季度已封存 was about 2024Q1: not on 2024Q2's screen.
  assert.equal(s.verification.report.signoff_message, '');
  assert.notEqual(s.status.text, '已签署，本季度已封存', 'the status line no longer says Q1 was signed');
  assert.ok(s.texts['ver.report.subtitle'].includes('灰色数字为上季度（2024-Q1，已签署的数字）'),
    `the subtitle: ${s.texts['ver.report.subtitle']}`);
  assert.deepEqual(s.verification.report.previous, beside, 'the screen shows beside each figure what the API says');
  await scrollBy(page, -20000);
  await sleep(300);
  s = await state(page);
  assert.deepEqual(s.clipped, [], 'nothing clipped on Q2 with Q1 beside');
  await shot(page, 'verification-report-q2-beside-signed-q1-1920x1080');
  assert.deepEqual(lproblems, []);
  assert.deepEqual(problems, []);
});
