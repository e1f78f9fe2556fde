// Browser test: 巡查 (issue 13, part inspections). The supervisor opens 巡查: the month's inspection-rate table is
// drawn (the demo month: institutions inspected twice, once, not at all; one rectification overdue), an inspection
// is entered through the form with one item failed and its problem typed (an IME composition), the reply's notice
// says 需整改, the new rectification is listed with its deadline, the rate table counts the inspection, and the
// XLSX of the table is the server's. Screenshots: inspections-1440x900, inspections-entered-1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, sleep, waitState, click, shot, users, api, apiSignIn, openScreen, focusField, imeCompose, scrollTo, press,
  typeKeys, clearField } from './lib.mjs';

test('inspections: the rate table, an inspection entered through the form, its rectification', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const viewport = { width: 1440, height: 900 };
  const { page, problems, s: first } = await openScreen(t, 'supervisor', 'nav.inspections',
    (x) => x.screen === 'inspections' && x.inspections.board && !x.inspections.loading && x.pending === 0, '巡查 loaded', viewport);
  const board = first.inspections.board;
  assert.ok(board.rate.rows.length > 0, 'the rate table has institutions');
  assert.ok(board.checklist.length >= 10, 'the checklist of the rule in force');
  const row = board.rate.rows[0];
  let s = await waitState(page, (x) => x.items[`inspections.rate.${row.institution_id}`], 'the first row drawn');
  assert.match(s.texts['inspections.summary'], /本月巡检率 .*%/);
  assert.ok(board.overdue >= 1, 'the demo month has an overdue rectification');
  await shot(page, 'inspections-1440x900');

  // The form: the first institution (chosen by default), food samples failed with the problem typed.
  const inst = s.inspections.institution;
  assert.ok(inst > 0, 'an institution chosen');
  const before = (await api(sup, 'GET', '/api/v1/inspections')).body;
  const countBefore = before.rate.rows.find((r) => r.institution_id === inst).count;
  await scrollTo(page, 'inspections.item.food_samples.fail', 'inspections.right');
  await click(page, 'inspections.item.food_samples.fail');
  s = await waitState(page, (x) => x.inspections.items.food_samples && x.inspections.items.food_samples.passed === false &&
    x.items['inspections.item.food_samples.note'], 'the item marked failed');
  await focusField(page, 'inspections.item.food_samples.note');
  await imeCompose(page, '午餐未留样');
  s = await waitState(page, (x) => x.inspections.items.food_samples.note === '午餐未留样', 'the problem typed');
  await scrollTo(page, 'inspections.submit', 'inspections.right');
  await click(page, 'inspections.submit');
  s = await waitState(page, (x) => x.inspections.form_notice !== '' && !x.inspections.loading && x.pending === 0,
    'the inspection saved');
  assert.match(s.inspections.form_notice, /需整改/);
  assert.equal(s.inspections.form_error, '');
  const rect = s.inspections.board.rectifications.find((r) => r.institution_id === inst && r.item_code === 'food_samples' &&
    r.status === 'open' && r.finding === '午餐未留样');
  assert.ok(rect, 'the rectification is listed');
  assert.equal(rect.overdue, false);
  assert.equal(s.inspections.board.rate.rows.find((r) => r.institution_id === inst).count, countBefore + 1);
  await shot(page, 'inspections-entered-1440x900');

  // The XLSX of the month's table.
  const x = await fetch(`${BASE}/api/v1/export/inspection-rate.xlsx?month=${board.rate.month}`, { headers: { Cookie: sup.cookie } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type') || '', /spreadsheetml/);
  assert.deepEqual(problems, []);
});

// 星级评定 and 护理员考核 signed on the screen: the form proposes the first centre not yet rated, the scores are typed
// item by item, the live total and stars are the shared rule's (and equal the server's after signing), an
// out-of-range score is refused by the server with its item named; the caregiver's name goes in through the IME.
test('inspections: a star rating and a caregiver review signed on the screen, total and stars by the rule', async (t) => {
  const u = users();
  const sup = await apiSignIn(u.supervisor.username, u.supervisor.password);
  const { page, problems } = await openScreen(t, 'supervisor', 'nav.inspections',
    (x) => x.screen === 'inspections' && x.inspections.board && !x.inspections.loading && x.pending === 0, '巡查 loaded');
  await click(page, 'inspections.tab.reviews');
  let s = await waitState(page, (x) => x.inspections.reviews && x.pending === 0 && x.items['inspections.review.star'],
    'the quarter loaded');
  const Q = s.inspections.reviews;
  assert.ok(Q.star_items.length >= 2 && Q.caregiver_items.length >= 2, 'the rule has items');
  assert.ok(Q.centres.some((c) => !Q.ratings.some((r) => r.institution_id === c.id)), 'a centre not yet rated');

  const fill = async (items, points) => {
    for (const it of items) {
      const id = `inspections.review.score.${it.code}`;
      await scrollTo(page, id, 'inspections.reviews_tab');
      await focusField(page, id);
      await clearField(page);
      await typeKeys(page, String(points(it)));
      await press(page, 'Tab');
      await waitState(page, (x) => x.inspections.review.scores[it.code] === points(it), `${it.code} = ${points(it)}`);
    }
  };

  // The star rating: every item full but the first, which gets 3 points less.
  await click(page, 'inspections.review.star');
  s = await waitState(page, (x) => x.inspections.review_form === 1 && x.items['inspections.review.submit'], 'the star form');
  const centre = s.inspections.review.institution;
  assert.ok(centre > 0 && !Q.ratings.some((r) => r.institution_id === centre), 'the first centre not yet rated');
  const starPoints = (it) => (it.code === Q.star_items[0].code ? it.points - 3 : it.points);
  // First a score over the item's points: the server names the item.
  await fill([Q.star_items[0]], (it) => it.points + 1);
  await scrollTo(page, 'inspections.review.submit', 'inspections.reviews_tab');
  await click(page, 'inspections.review.submit');
  s = await waitState(page, (x) => x.inspections.review_error !== '' && !x.inspections.review_saving, 'refused');
  assert.match(s.inspections.review_error, /星级评定未签署/);
  await fill(Q.star_items, starPoints);
  const total = Q.star_items.reduce((a, it) => a + starPoints(it), 0);
  s = await waitState(page, (x) => (x.texts['inspections.review.total'] || '').startsWith(`合计 ${total} /`), 'the live total');
  const shownStars = s.texts['inspections.review.total'].split('按规则：')[1];
  await shot(page, 'inspections-star-form-1440x900');
  await scrollTo(page, 'inspections.review.submit', 'inspections.reviews_tab');
  await click(page, 'inspections.review.submit');
  s = await waitState(page, (x) => x.inspections.review_notice !== '' && x.inspections.review_form === 0 && x.pending === 0,
    'the rating signed');
  const rating = s.inspections.reviews.ratings.find((r) => r.institution_id === centre);
  assert.ok(rating, 'the rating is listed');
  assert.equal(rating.total, total);
  assert.equal(rating.stars_label, shownStars, 'the stars the form showed are the server\'s');
  assert.notEqual(rating.signed_by, '');
  assert.match(s.inspections.review_notice, new RegExp(`${total} 分，${shownStars}`));
  await shot(page, 'inspections-star-signed-1440x900');

  // The caregiver review: the name typed through the IME, the provider chosen, every item full → 优秀.
  const providers = (await api(sup, 'GET', '/api/v1/providers')).body.items;
  await click(page, 'inspections.review.caregiver_open');
  s = await waitState(page, (x) => x.inspections.review_form === 2 && x.items['inspections.review.caregiver'], 'the caregiver form');
  const name = `护理员${String(Date.now()).slice(-4).replace(/\d/g, (d) => '零一二三四五六七八九'[d])}`;
  await focusField(page, 'inspections.review.caregiver');
  await imeCompose(page, name);
  await waitState(page, (x) => x.inspections.review.caregiver === name, 'the name typed');
  await click(page, 'inspections.review.provider');
  s = await waitState(page, (x) => x.items['inspections.review.provider.0'] && x.items['inspections.review.provider.0'].visible,
    'the providers listed');
  await click(page, 'inspections.review.provider.0');
  s = await waitState(page, (x) => x.inspections.review.provider > 0, 'a provider chosen');
  const providerId = s.inspections.review.provider;
  assert.ok(providers.some((p) => p.id === providerId));
  await fill(Q.caregiver_items, (it) => it.points);
  s = await waitState(page, (x) => /按规则：优秀$/.test(x.texts['inspections.review.total'] || ''), 'the live grade 优秀');
  await scrollTo(page, 'inspections.review.submit', 'inspections.reviews_tab');
  await click(page, 'inspections.review.submit');
  s = await waitState(page, (x) => x.inspections.review_notice !== '' && x.inspections.review_form === 0 && x.pending === 0,
    'the review signed');
  const review = s.inspections.reviews.reviews.find((r) => r.caregiver === name);
  assert.ok(review, 'the review is listed');
  assert.equal(review.provider_id, providerId);
  assert.equal(review.grade_label, '优秀');
  assert.equal(review.total, Q.caregiver_items.reduce((a, it) => a + it.points, 0));
  assert.deepEqual(problems, []);
});
