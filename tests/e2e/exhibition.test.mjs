// Browser test: 展厅 (issue 12, part visits). A school books a group visit for tomorrow through the public page
// web/portal/visit.html in a phone-sized, touch context (labels found by their text, typed with the keyboard) and
// gets its code; the agent approves it on the 展厅 screen. A group registered at the desk for today's slot is
// approved on the screen too and checked in with the chip pad (no keyboard: the code's characters tapped); the
// reception rate (参观接待率) of the quarter moves by one received of one more approved. Screenshots:
// visit-portal-390x844, exhibition-1440x900, exhibition-checkin-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, sleep, launch, waitState, click, shot, users, api, apiSignIn, openScreen, SHOTS } from './lib.mjs';

// Today in China Standard Time (the server's day) as YYYY-MM-DD, plus `days`.
function dayIn(days) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}
function quarterOf(day) {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

// A slot on `day` at a free hour (the suites share one database; a hour taken is 409).
async function freeSlot(sup, day, capacity) {
  for (let h = 9; h <= 16; ++h) {
    const hh = String(h).padStart(2, '0'), end = String(h + 1).padStart(2, '0');
    const r = await api(sup, 'POST', '/api/v1/visits/slots', { day, start: `${hh}:00`, end: `${end}:00`, capacity });
    if (r.status === 201) return r.body;
    assert.equal(r.status, 409, JSON.stringify(r.body));
  }
  assert.fail(`no free hour on ${day}`);
}

async function receptionCounts(sup, quarter) {
  const r = await api(sup, 'GET', `/api/v1/kpis?period=${quarter}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const item = r.body.items.find((i) => i.code === 'exhibition_reception_rate');
  assert.ok(item, 'the KPI table lists 参观接待率');
  return { num: item.numerator_count || 0, den: item.denominator_count || 0, display: item.display };
}

// Each character tapped and waited for before the next (a click that lands before the frame after the last one is
// drawn can be lost; a person's taps are never that fast).
async function typeByChips(page, code) {
  // The pad sits at the foot of 展厅's scrolling panel: scrolled into view first (a chip half below the fold takes
  // no click).
  const vp = page.viewportSize();
  await page.mouse.move(vp.width / 2, vp.height - 60);   // over the lower panel (签到)
  await page.mouse.wheel(0, 3000);
  await waitState(page, (x) => x.items['exhibition.checkin.submit'] && x.items['exhibition.checkin.submit'].visible,
    'the check-in pad scrolled into view');
  await sleep(300);
  for (const [i, ch] of [...code].entries()) {
    await click(page, `exhibition.checkin.chip.${ch}`);
    await waitState(page, (x) => x.exhibition.code === code.slice(0, i + 1), `chip ${ch} typed`, 5000);
  }
}

test('exhibition: book on the phone page, approve on 展厅, check in with the chips, the rate moves', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const tomorrow = dayIn(1), today = dayIn(0);
  const slot = await freeSlot(sup, tomorrow, 40);

  // ---- the public page on a phone: keyboard and labels, no sign-in ----
  const browser = await launch();
  t.after(() => browser.close());
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const p = await phone.newPage();
  const problems = [];
  p.on('pageerror', (e) => problems.push(e.message));
  await p.goto(`${BASE}/portal/visit.html`);
  await p.waitForSelector(`#g-slot option[value="${slot.id}"]`, { state: 'attached' });
  await p.getByLabel('参观时段').selectOption(String(slot.id));
  const org = `东区实验小学${Date.now() % 10000}`;
  await p.getByLabel('单位名称').click();
  await p.keyboard.type(org);
  await p.getByLabel('参观人数').fill('');
  await p.getByLabel('参观人数').type('25');
  await p.getByLabel('联系人姓名').type('李老师');
  await p.getByLabel('联系人手机号').type('13800138000');
  // A wrong phone first: the server's message under the field, the field marked invalid.
  await p.getByLabel('联系人手机号').fill('1380013');
  await p.getByRole('button', { name: '提交预约' }).click();
  await p.waitForSelector('#g-phone-error');
  assert.equal(await p.getAttribute('#g-phone', 'aria-invalid'), 'true');
  assert.match(await p.textContent('#g-phone-error'), /联系人手机号/);
  await p.getByLabel('联系人手机号').fill('13800138000');
  await p.getByRole('button', { name: '提交预约' }).press('Enter');
  await p.waitForSelector('#group-result-code');
  const code = (await p.textContent('#group-result-code')).trim();
  assert.match(code, /^[2-9A-HJKMNP-TV-Z]{6}$/);
  assert.match(await p.textContent('#group-result'), /等待审批/);
  await p.screenshot({ path: `${SHOTS}/visit-portal-390x844.png`, fullPage: true });
  // The status page: 待审批.
  await p.getByLabel('预约码 / 报名码').type(code);
  await p.getByLabel('手机号后四位').type('8000');
  await p.getByRole('button', { name: '查询' }).click();
  await p.waitForFunction(() => /待审批/.test(document.getElementById('lookup-result').textContent));
  assert.deepEqual(problems, []);

  // ---- today's group, registered at the desk (a day's notice is asked of the public only) ----
  const todaySlot = await freeSlot(sup, today, 30);
  const desk = await api(sup, 'POST', '/api/v1/visits/bookings', { slot_id: todaySlot.id, organisation: '幸福社区长者团',
    visitors: 12, contact_name: '王主任', contact_phone: '13900139000', purpose: '参观' });
  assert.equal(desk.status, 201, JSON.stringify(desk.body));
  const quarter = quarterOf(today);
  const before = await receptionCounts(sup, quarter);

  // ---- the agent runs the hall: approve both on 展厅 ----
  const viewport = { width: 1440, height: 900 };
  const { page, problems: dashProblems } = await openScreen(t, 'agent', 'nav.exhibition',
    (x) => x.screen === 'exhibition' && x.exhibition.board && !x.exhibition.loading && x.pending === 0, '展厅 loaded', viewport);
  let s = await waitState(page, (x) => x.items[`exhibition.day.${tomorrow}`], 'tomorrow listed');
  await click(page, `exhibition.day.${tomorrow}`);
  const publicBooking = s.exhibition.board.slots.find((x) => x.id === slot.id).bookings.find((b) => b.code === code);
  assert.ok(publicBooking, 'the public booking is on the board');
  assert.equal(publicBooking.contact_phone, '13800138000');   // the agent runs the hall: the contact in full
  await click(page, `exhibition.booking.${publicBooking.id}.approve`);
  s = await waitState(page, (x) => x.texts[`exhibition.booking.${publicBooking.id}.status`] === 'approved' && x.pending === 0,
    'the public booking approved');
  assert.match(s.exhibition.action_notice, /已批准/);

  await click(page, `exhibition.day.${today}`);
  await click(page, `exhibition.booking.${desk.body.id}.approve`);
  s = await waitState(page, (x) => x.texts[`exhibition.booking.${desk.body.id}.status`] === 'approved' && x.pending === 0,
    "today's group approved");
  await shot(page, 'exhibition-1440x900');

  // ---- check-in with the chips: each character tapped ----
  await typeByChips(page, desk.body.code);
  s = await waitState(page, (x) => x.exhibition.code === desk.body.code, 'the code typed by chips');
  const chip = s.items[`exhibition.checkin.chip.${desk.body.code[0]}`];
  assert.ok(chip.w >= 48 && chip.h >= 48, `a chip is at least 48 px (${chip.w}×${chip.h})`);
  await click(page, 'exhibition.checkin.submit');
  s = await waitState(page, (x) => x.exhibition.checked_in && x.pending === 0 &&
    x.texts[`exhibition.booking.${desk.body.id}.status`] === 'received', 'checked in');
  assert.match(s.exhibition.checked_in.message, /签到成功/);
  await shot(page, 'exhibition-checkin-1440x900');
  // Twice: the clear message.
  await typeByChips(page, desk.body.code);
  await click(page, 'exhibition.checkin.submit');
  s = await waitState(page, (x) => x.exhibition.check_in_error !== '', 'second check-in refused');
  assert.match(s.exhibition.check_in_error, /请勿重复签到/);
  assert.deepEqual(dashProblems, []);

  // ---- the reception rate moved: one more received of one more approved ----
  const after = await receptionCounts(sup, quarter);
  assert.equal(after.num, before.num + 1);
  assert.equal(after.den, before.den + 1);
});
