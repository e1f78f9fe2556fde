// Browser test of 结算 (issue 11): a supervisor opens 结算 for last month, whose assessment of provider 1 is signed
// through the API (every project it serves: opened, each department's sheet and the leader's review signed, then the
// whole — lib.mjs signAssessmentMonth), sees the draft payable, signs, downloads the stored PDF (its text shows the
// payable amount and its 大写); the provider signs in, sees its signed statement and files an objection (申诉);
// the supervisor answers it. Screenshots at 1440×900: the draft, the signed statement, the provider's view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  USER, PASSWORD, launch, openDashboard, signIn, click, waitState, shot, confirmDialog, focusField, imeCompose, users, sleep,
  lastMonth, signAssessmentMonth,
} from './lib.mjs';

const VIEW = { width: 1440, height: 900 };

// 1,234.56 as format_yuan writes it (thousands separators).
function yuan(fen) {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const whole = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(a % 100).padStart(2, '0')}`;
}

// Provider 1's month signed through the API, every project it serves (as 考核's departments and leader sign it; the
// assessment_month suite may have signed its 居家养老上门服务 already: reused).
async function signAssessment(month) {
  let signed = 0;
  for (const project of ['home_visit', 'visiting']) {
    if (await signAssessmentMonth({ provider: 1, project, month })) signed += 1;
  }
  assert.ok(signed >= 1, 'provider 1 serves a project');
}

test('结算: a supervisor signs a statement and downloads its PDF; the provider objects; the supervisor answers', async () => {
  const month = lastMonth();
  await signAssessment(month);
  const browser = await launch();
  try {
    // ---- the supervisor: the month's list, the draft, 签署 ----
    const sup = await openDashboard(browser, VIEW);
    const page = sup.page;
    await signIn(page, USER, PASSWORD);
    await click(page, 'nav.settlement');
    let st = await waitState(page, (x) => x.screen === 'settlement' && x.settlement.rows.length > 0, 'the month list', 30000);
    assert.equal(st.settlement.month, month);
    const row = st.settlement.rows.find((r) => r.provider_id === 1);
    assert.ok(row, 'provider 1 in the list');
    assert.equal(row.state, 'draft', `provider 1 has a draft: ${JSON.stringify(row)}`);
    assert.ok(row.draft_payable_fen >= 0);
    await click(page, 'settlement.row.1');
    st = await waitState(page, (x) => x.settlement.payable_fen >= 0 && x.settlement.lines.length > 0 &&
                                    x.items['settlement.sign'] && x.items['settlement.sign'].visible, 'the draft', 30000);
    assert.equal(st.settlement.payable_fen, row.draft_payable_fen, 'the draft payable is the list\'s');
    const payable = st.settlement.payable_fen;
    const withPeople = st.settlement.lines.find((l) => l.count > 0 && l.code.startsWith('home_visit'));
    if (withPeople) {
      await click(page, `settlement.line.${withPeople.code}`);
      st = await waitState(page, (x) => x.settlement.drill.length > 0, 'the people behind a line');
      assert.equal(st.settlement.drill.length, withPeople.count, 'one name per person counted');
    }
    await shot(page, 'settlement-draft');
    await click(page, 'settlement.sign');
    await confirmDialog(page, 'settlement.sign');
    st = await waitState(page, (x) => x.settlement.statement_id > 0 && x.settlement.status === 'signed' &&
                                    x.items['settlement.pdf'] && x.items['settlement.pdf'].visible, 'signed', 30000);
    assert.equal(st.settlement.payable_fen, payable);
    const capitals = st.settlement.payable_capitals;
    assert.match(capitals, /元/);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), click(page, 'settlement.pdf')]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
    assert.ok(text.includes(`应付金额：${yuan(payable)} 元`), `the PDF shows the payable ${yuan(payable)}:\n${text.slice(0, 1500)}`);
    assert.ok(text.replace(/\s+/g, '').includes(capitals), `the PDF shows ${capitals}`);
    await shot(page, 'settlement-signed');

    // ---- the provider: its own signed statement, an objection ----
    const prov = await openDashboard(browser, VIEW);
    const pp = prov.page;
    const u = users().provider;
    await signIn(pp, u.username, u.password);
    await click(pp, 'nav.settlement');
    let ps = await waitState(pp, (x) => x.screen === 'settlement' && x.settlement.rows.length > 0, 'the provider\'s list', 30000);
    assert.deepEqual(ps.settlement.rows.map((r) => r.provider_id), [1], 'the provider sees only its own');
    assert.equal(ps.settlement.rows[0].state, 'signed');
    await click(pp, 'settlement.row.1');
    ps = await waitState(pp, (x) => x.settlement.status === 'signed' && x.settlement.objection_open &&
                                  x.items['settlement.objection_text'] && x.items['settlement.objection_text'].visible,
                         'the signed statement with the objection box', 30000);
    assert.equal(ps.settlement.payable_fen, payable);
    await focusField(pp, 'settlement.objection_text');
    await imeCompose(pp, '漏计一人的服务');
    await sleep(200);
    await click(pp, 'settlement.object');
    ps = await waitState(pp, (x) => x.settlement.objections.length === 1, 'the objection filed', 20000);
    assert.equal(ps.settlement.objections[0].text, '漏计一人的服务');
    assert.equal(ps.settlement.objections[0].status, 'open');
    await shot(pp, 'settlement-provider');
    const objectionId = ps.settlement.objections[0].id;

    // ---- the supervisor answers ----
    await click(page, 'settlement.row.1');
    st = await waitState(page, (x) => x.settlement.objections.length === 1 &&
                                    x.items[`settlement.answer_text.${objectionId}`] &&
                                    x.items[`settlement.answer_text.${objectionId}`].visible, 'the objection seen', 20000);
    await focusField(page, `settlement.answer_text.${objectionId}`);
    await imeCompose(page, '已核实，开具补充结算单');
    await sleep(200);
    await click(page, `settlement.uphold.${objectionId}`);
    st = await waitState(page, (x) => x.settlement.objections.length === 1 && x.settlement.objections[0].status === 'upheld',
                         'the objection answered', 20000);
    assert.equal(st.settlement.objections[0].answer, '已核实，开具补充结算单');
    await shot(page, 'settlement-answered');
    assert.deepEqual(sup.problems, []);
    assert.deepEqual(prov.problems, []);
  } finally {
    await browser.close();
  }
});
