// Browser test: 报表 (issue 13, part reports). The supervisor opens 报表: the previous month's 月度运营分析报告 is shown
// with its tables (the indicators equal GET /api/v1/kpis of that month) and its charts drawn (the year's trend as
// lines, channel / type / town as bars); every character of the report's text has its glyph; the 问题与建议 is typed
// and saved as a draft; the year summary is one click away. The month's PDF is fetched and its first two pages
// rendered to PNG (pdftoppm -r 60) beside the screenshots: reports-1440x900, reports-charts-1440x900,
// reports-year-1440x900, reports-pdf-1.png, reports-pdf-2.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { BASE, sleep, waitState, click, shot, users, api, apiSignIn, openScreen, glyphs, focusField, imeCompose, SHOTS } from './lib.mjs';

test('reports: the month report with its charts, the draft saved, the year summary, the PDF rendered', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const viewport = { width: 1440, height: 900 };
  const { page, problems } = await openScreen(t, 'supervisor', 'nav.reports',
    (x) => x.screen === 'reports' && x.reports.report && !x.reports.loading && x.pending === 0, '报表 loaded', viewport);
  let s = await waitState(page, (x) => x.items['reports.chart.trend_main'], 'the trend chart drawn');
  const month = s.reports.report.period;
  assert.equal(s.reports.kind, 'month');
  assert.match(s.reports.report.title, /月度运营分析报告$/);

  // The indicators on the screen are GET /api/v1/kpis's for the month.
  const kpis = await api(sup, 'GET', `/api/v1/kpis?period=${month}`);
  assert.equal(kpis.status, 200);
  for (const item of kpis.body.items) {
    assert.equal(s.texts[`reports.cell.kpi.${item.code}`], item.display, `${item.code} on the screen = the KPI endpoint`);
  }
  for (const code of ['trend_main', 'by_channel', 'by_type', 'by_town']) {
    assert.ok(s.items[`reports.chart.${code}`], `chart ${code} drawn`);
    assert.ok(s.items[`reports.chart.${code}`].h >= 150, `chart ${code} has its height`);
  }
  await shot(page, 'reports-1440x900');

  // Every character of the report's text has a glyph (titles, headings, town and provider names).
  const text = JSON.stringify(s.reports.report.tables.map((tb) => [tb.title, tb.columns, tb.rows.map((r) => r.map((c) => c.text))]));
  const missing = (await glyphs(page, text.replace(/[\x00-\x7f]/g, ''))).filter((g) => !g.body);
  assert.deepEqual(missing.map((g) => g.char), [], 'no character of the report falls back to the missing glyph');

  // Scrolled to the charts of the requests (bars).
  const vp = page.viewportSize();
  await page.mouse.move(vp.width / 2, vp.height / 2);
  for (let i = 0; i < 40; ++i) {
    s = await waitState(page, () => true, 'state');
    const it = s.items['reports.chart.by_channel'];
    if (it && it.visible && it.y > 0 && it.y + it.h < vp.height) break;
    await page.mouse.wheel(0, 250);
    await sleep(120);
  }
  await shot(page, 'reports-charts-1440x900');

  // 问题与建议 typed and saved as a draft.
  const note = `本月回访及时率偏低，建议加强督办。${Date.now() % 1000}`;
  for (let i = 0; i < 60; ++i) {
    s = await waitState(page, () => true, 'state');
    const it = s.items['reports.problems'];
    if (it && it.visible && it.y > 0 && it.y + it.h < vp.height) break;
    await page.mouse.wheel(0, 300);
    await sleep(100);
  }
  await focusField(page, 'reports.problems');
  await imeCompose(page, note);
  await waitState(page, (x) => x.reports.problems === note, 'the text typed');
  await click(page, 'reports.save');
  s = await waitState(page, (x) => x.reports.action_notice.startsWith('草稿已保存') && x.pending === 0, 'draft saved');
  const back = await api(sup, 'GET', `/api/v1/reports/operation?kind=month&period=${month}`);
  assert.equal(back.body.problems, note);

  // The year summary.
  await click(page, 'reports.kind.year');
  s = await waitState(page, (x) => x.reports.kind === 'year' && x.reports.report && x.reports.report.kind === 'year' &&
    !x.reports.loading && x.pending === 0, 'the year summary loaded');
  assert.match(s.reports.report.title, /项目总结报告/);
  await shot(page, 'reports-year-1440x900');
  assert.deepEqual(problems, [], 'no page errors');

  // The month's PDF, its first two pages as PNG to look at.
  const pdf = await fetch(`${BASE}/api/v1/reports/operation?kind=month&period=${month}&format=pdf`, {
    headers: { Cookie: sup.cookie, 'X-Yiyang-Request': '1' } });
  assert.equal(pdf.status, 200);
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, 'reports-month.pdf');
  fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(SHOTS, 'reports-pdf')]);
  const pngs = fs.readdirSync(SHOTS).filter((f) => f.startsWith('reports-pdf') && f.endsWith('.png'));
  assert.ok(pngs.length >= 1, 'the PDF rendered');
  const txt = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  assert.match(txt, /月度运营分析报告/);
  assert.ok(txt.includes(note), 'the saved 问题与建议 is in the PDF');
});
