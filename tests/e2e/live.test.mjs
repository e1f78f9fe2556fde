// Browser test of the live side of the dashboard: the live feed (polling), the SOS banner in two desk browsers
// (visibility time of a new emergency, countdown, acknowledgement seen by the other seat, none for a provider),
// KPI tiles that follow order changes without a reload, the indicator screen with drill-down, the watch list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, sleep, launch, state, waitState, click, shot, overlaps, assertLayout, openDashboard, users, api, apiSignIn, signIn,
} from './lib.mjs';

const viewport = { width: 1280, height: 720 };

// The first record of `kpis` items with this code (GET /api/v1/kpis reply).
const kpiOf = (reply, code) => (reply.items || []).find((k) => k.code === code);
const monthCode = () => {
  const d = new Date(Date.now() + 8 * 3600 * 1000);   // China Standard Time
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

// Waits on several pages at once; resolves with the ms (since t0) at which each first satisfied `pred`.
async function timeUntil(pages, pred, t0, timeout = 8000) {
  const seen = pages.map(() => null);
  const deadline = Date.now() + timeout;
  while (seen.some((x) => x === null) && Date.now() < deadline) {
    await Promise.all(pages.map(async (p, i) => {
      if (seen[i] !== null) return;
      const st = await state(p).catch(() => null);
      if (st && pred(st)) seen[i] = Date.now() - t0;
    }));
    await sleep(25);
  }
  return seen;
}

test('live feed: SOS banner, KPI tiles, indicators, watch list', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  const u = users();
  const browser = await launch();
  t.after(() => browser.close());
  const admin = await apiSignIn(u.admin.username, u.admin.password);
  const created = [];                       // emergency orders to cancel at the end (the banner goes away)
  t.after(async () => {
    for (const id of created) {
      await api(admin, 'POST', `/api/v1/orders/${id}/transitions`, { action: 'cancel', reason: '浏览器测试结束，撤销测试工单' });
    }
  });

  const agent = await openDashboard(browser, viewport);
  await signIn(agent.page, u.agent.username, u.agent.password);
  const sup = await openDashboard(browser, viewport);
  await signIn(sup.page, u.supervisor.username, u.supervisor.password);
  for (const x of [agent, sup]) await waitState(x.page, (s) => s.live.polls > 0, 'first live poll');

  const elders = await api(admin, 'GET', '/api/v1/elders?page_size=1');
  assert.equal(elders.status, 200);
  const elder = elders.body.items[0];

  let emergencyId = 0;
  await t.test('a new emergency appears in both desk browsers within 2 s', async () => {
    const t0 = Date.now();
    const r = await api(admin, 'POST', '/api/v1/orders', {
      channel: 'hotline', type: 'emergency', elder_id: elder.id, urgency: 'emergency',
      description: '老人在家中摔倒无法起身，家属来电求助',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    emergencyId = r.body.order.id;
    created.push(emergencyId);
    const [ta, ts] = await timeUntil([agent.page, sup.page],
      (s) => s.live.emergencies.some((e) => e.id === emergencyId) && s.items['sos.banner'], t0);
    t.diagnostic(`emergency visible: agent ${ta} ms, supervisor ${ts} ms after POST /api/v1/orders was sent`);
    assert.ok(ta !== null && ta <= 2000, `agent sees it within 2 s (${ta} ms)`);
    assert.ok(ts !== null && ts <= 2000, `supervisor sees it within 2 s (${ts} ms)`);
  });

  await t.test('countdown runs down, banner flashes above the content without overlapping it', async () => {
    const a = await state(agent.page);
    const e1 = a.live.emergencies.find((e) => e.id === emergencyId);
    assert.ok(e1 && !e1.acknowledged, 'open and unacknowledged');
    assert.ok(e1.seconds_left <= 31.5 && e1.seconds_left > 20, `about 30 s left at first (${e1.seconds_left})`);
    const c1 = Number(a.texts[`sos.countdown.${emergencyId}`]);
    await sleep(1300);
    const b = await state(agent.page);
    const e2 = b.live.emergencies.find((e) => e.id === emergencyId);
    assert.ok(e2.seconds_left < e1.seconds_left - 0.8, `countdown decreases (${e1.seconds_left} -> ${e2.seconds_left})`);
    const c2 = Number(b.texts[`sos.countdown.${emergencyId}`]);
    assert.ok(c2 < c1, `drawn countdown decreases (${c1} -> ${c2})`);
    assert.match(b.texts[`sos.countdown_text.${emergencyId}`], /^剩余 \d+ 秒$/);
    // Drawn continuously while unacknowledged (flashing): frames advance on their own.
    // (an idle page draws none; a loaded machine draws few, so any redraw without input counts)
    assert.ok(b.frames >= a.frames + 2, `the banner animates (${a.frames} -> ${b.frames} frames)`);
    assert.ok(b.live.beep_attempts > 0, 'the alarm was sounded');
    const banner = b.items['sos.banner'];
    assert.ok(banner.visible && banner.y < 120, `banner at the top (${JSON.stringify(banner)})`);
    // The banner's own buttons lie inside it; they must not overlap each other or the screen's items.
    assertLayout(b, [`sos.ack.${emergencyId}`, `sos.open.${emergencyId}`, 'home.refresh',
      'home.active_elders', 'home.month_orders', 'topbar.user', 'nav.home'], viewport);
    for (const id of Object.keys(b.items).filter((k) => k.startsWith('home.'))) {
      if (b.items[id].visible) assert.ok(!overlaps(banner, b.items[id]), `banner does not overlap ${id}`);
    }
    await shot(agent.page, 'live-sos-banner-home');
    // Over another screen too (the supervisor's watch list).
    await click(sup.page, 'nav.watch');
    const w = await waitState(sup.page, (s) => s.screen === 'watch' && s.items['sos.banner'] && s.items['watch.summary'], 'banner over watch');
    assert.ok(w.items['sos.banner'].y + w.items['sos.banner'].h <= w.items['watch.summary'].y, 'banner above the watch list');
    await shot(sup.page, 'live-sos-banner-watch');
  });

  await t.test('after 30 s the countdown turns into 超时', async () => {
    const s = await waitState(agent.page, (x) => {
      const e = x.live.emergencies.find((k) => k.id === emergencyId);
      return e && e.seconds_left < -0.5 && /^超时 \d+ 秒$/.test(x.texts[`sos.countdown_text.${emergencyId}`] || '');
    }, '超时', 40000);
    assert.match(s.texts[`sos.countdown_text.${emergencyId}`], /超时/);
  });

  await t.test('acknowledge in one browser: the other shows it within 2 s, the server records it', async () => {
    await click(agent.page, `sos.ack.${emergencyId}`);
    const t0 = Date.now();
    await waitState(agent.page, (s) => s.texts[`sos.acked.${emergencyId}`], 'acknowledged here', 5000);
    const [ts] = await timeUntil([sup.page], (s) => s.live.emergencies.some((e) => e.id === emergencyId && e.acknowledged), t0);
    t.diagnostic(`acknowledgement seen by the other seat ${ts} ms after the click`);
    assert.ok(ts !== null && ts <= 2000, `supervisor sees the acknowledgement within 2 s (${ts} ms)`);
    const s = await waitState(sup.page, (x) => x.texts[`sos.acked.${emergencyId}`], 'supervisor banner shows who');
    assert.match(s.texts[`sos.acked.${emergencyId}`], /^已由 .+ 确认$/);
    const o = await api(admin, 'GET', `/api/v1/orders/${emergencyId}`);
    assert.equal(o.status, 200);
    assert.ok(o.body.order.acknowledged_at, `acknowledged_at recorded (${JSON.stringify(o.body.order.acknowledged_at)})`);
    // A second acknowledgement is refused.
    const again = await api(admin, 'POST', `/api/v1/orders/${emergencyId}/transitions`, { action: 'acknowledge' });
    assert.equal(again.status, 409);
    // Sound stops once every open emergency is acknowledged (the demo city may hold older unacknowledged ones).
    const st1 = await state(agent.page);
    const othersOpen = st1.live.emergencies.filter((e) => !e.acknowledged).length;
    if (othersOpen === 0) {
      await sleep(2500);
      assert.equal((await state(agent.page)).live.beep_attempts, st1.live.beep_attempts, 'no beeps after acknowledgement');
    } else {
      t.diagnostic(`${othersOpen} other unacknowledged emergencies are open in the data: the alarm keeps sounding`);
      assert.ok(st1.live.beep_attempts > 0);
    }
    await shot(sup.page, 'live-sos-acknowledged');
  });

  await t.test('派单 opens the order', async () => {
    await click(agent.page, `sos.open.${emergencyId}`);
    const s = await waitState(agent.page, (x) => x.screen === 'order_detail', 'order detail', 8000);
    assert.ok(s.items['sos.banner'], 'the banner stays on the order screen');
  });

  let prov = null;
  await t.test('a provider sees no banner', async () => {
    prov = await openDashboard(browser, viewport);
    await signIn(prov.page, u.provider.username, u.provider.password);
    const s = await waitState(prov.page, (x) => x.live.polls > 1, 'provider polls');
    assert.equal(s.items['sos.banner'], undefined, 'no banner');
    assert.equal(s.live.emergencies.length, 0, 'no emergencies sent to a provider');
  });

  await t.test('KPI tiles follow order changes without a reload', async () => {
    await click(agent.page, 'nav.home');
    let s = await waitState(agent.page, (x) => x.screen === 'home' && x.texts['home.kpi.response_rate'] !== undefined,
      'response-rate tile', 15000);
    const before = s.live.tiles.find((k) => k.code === 'response_rate');
    const api0 = await api(admin, 'GET', `/api/v1/kpis?period=${monthCode()}`);
    assert.equal(api0.status, 200);
    assert.equal(s.texts['home.kpi.response_rate'], kpiOf(api0.body, 'response_rate').display, 'tile shows the server display');
    // A consultation answered on the spot: one more request received and one more handled.
    const c = await api(admin, 'POST', '/api/v1/orders', {
      channel: 'hotline', type: 'consultation', town_id: elder.town_id, description: '咨询居家养老服务补贴的申请条件',
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const ans = await api(admin, 'POST', `/api/v1/orders/${c.body.order.id}/transitions`, { action: 'answer_on_spot' });
    assert.equal(ans.status, 200, JSON.stringify(ans.body));
    const api1 = await api(admin, 'GET', `/api/v1/kpis?period=${monthCode()}`);
    const after = kpiOf(api1.body, 'response_rate');
    assert.ok(after.denominator_count > before.denominator_count, 'the figure changed on the server');
    const t0 = Date.now();
    s = await waitState(agent.page, (x) => {
      const k = x.live.tiles.find((y) => y.code === 'response_rate');
      return k && k.numerator_count === after.numerator_count && k.denominator_count === after.denominator_count &&
        x.texts['home.kpi.response_rate.counts'] === `${after.numerator_count}/${after.denominator_count}`;
    }, 'tile updated and drawn', 10000);
    t.diagnostic(`tile updated ${Date.now() - t0} ms after the change (counts ${before.numerator_count}/${before.denominator_count} -> ${after.numerator_count}/${after.denominator_count})`);
    assert.equal(s.texts['home.kpi.response_rate.counts'], `${after.numerator_count}/${after.denominator_count}`);
    const tiles = Object.keys(s.items).filter((k) => /^home\.kpi\.[a-z0-9_]+$/.test(k));
    assert.ok(tiles.length >= 3, `several tiles (${tiles.length})`);
    // Home at 1280x720 keeps its figures and the tiles apart (the body scrolls below).
    const visibleTiles = tiles.filter((k) => s.items[k].visible && s.items[k].y + s.items[k].h <= viewport.height);
    assertLayout(s, ['home.refresh', 'home.active_elders', 'home.month_orders', 'home.active_providers', 'home.all_elders',
      ...visibleTiles], viewport);
    await shot(agent.page, 'live-home-tiles');
  });

  await t.test('indicator screen: a tile opens it, drill-down lists the records', async () => {
    await click(agent.page, 'home.kpi.response_rate');
    let s = await waitState(agent.page, (x) => x.screen === 'kpis' && x.live.kpis.loaded && x.live.records.loaded &&
      x.live.selected === 'response_rate' && x.texts['kpis.value.response_rate'] && x.texts['kpis.records.info'],
      'indicator screen with drill-down', 15000);
    assert.equal(s.live.kpis.period, monthCode());
    const k = s.live.tiles.find((y) => y.code === 'response_rate');
    assert.equal(s.live.records.side, 'numerator');
    assert.equal(s.live.records.total, k.numerator_count, 'numerator list = the numerator count');
    assert.ok(s.texts['kpis.value.response_rate'], 'value shown');
    await shot(agent.page, 'live-kpis-drilldown');
    await click(agent.page, 'kpis.side.denominator');
    s = await waitState(agent.page, (x) => x.live.records.side === 'denominator' && x.live.records.loaded &&
      x.live.records.total === k.denominator_count, 'denominator list');
    // Entered indicators wait for their evidence.
    const entered = Object.entries(s.texts).filter(([key, v]) => key.startsWith('kpis.value.') && v === '待录入');
    assert.ok(entered.length > 0, 'entered indicators shown as 待录入');
    // Previous month, then a quarter and a year.
    await click(agent.page, 'kpis.prev');
    s = await waitState(agent.page, (x) => x.live.kpis.period !== monthCode() && x.live.kpis.loaded, 'previous month');
    await click(agent.page, 'kpis.kind.quarter');
    s = await waitState(agent.page, (x) => /^\d{4}-Q[1-4]$/.test(x.live.kpis.period) && x.live.kpis.loaded, 'a quarter');
    await click(agent.page, 'kpis.kind.year');
    s = await waitState(agent.page, (x) => /^\d{4}$/.test(x.live.kpis.period) && x.live.kpis.loaded, 'a year');
    assert.ok(s.live.kpis.count > 0);
    // Scope: a town.
    await click(agent.page, 'kpis.scope');
    const opt = await waitState(agent.page, (x) => Object.keys(x.items).some((id) => id.startsWith('kpis.scope.town.')), 'scope options');
    const townOpt = Object.keys(opt.items).find((id) => id.startsWith('kpis.scope.town.'));
    await click(agent.page, townOpt);
    s = await waitState(agent.page, (x) => x.live.kpis.town === Number(townOpt.split('.').pop()) && x.live.kpis.loaded, 'town scope');
    // An order row of the drill-down opens the order.
    await click(agent.page, 'kpis.kind.month');
    await click(agent.page, 'kpis.current');
    s = await waitState(agent.page, (x) => x.live.kpis.period === monthCode() && x.live.records.loaded && x.pending === 0 &&
      x.items['kpis.records.row.0'], 'records of this month', 15000);
    await sleep(300);
    await click(agent.page, 'kpis.records.row.0');
    await waitState(agent.page, (x) => x.screen === 'order_detail', 'order from the drill-down', 8000);
  });

  await t.test('watch list: overdue and due soon by town and provider', async () => {
    await click(sup.page, 'nav.watch');
    const s = await waitState(sup.page, (x) => x.screen === 'watch' && x.live.watch.loaded &&
      (x.live.watch.rows === 0 || x.items['watch.row.0']), 'watch list drawn', 15000);
    const api0 = await api(admin, 'GET', '/api/v1/watch');
    assert.equal(api0.status, 200);
    assert.ok(s.live.watch.rows > 0, `the demo city has overdue or due-soon items (${s.live.watch.rows})`);
    assert.ok(s.live.watch.by_town > 0 && s.live.watch.by_provider > 0, 'grouped by town and by provider');
    assert.ok(s.items['watch.row.0'], 'first row drawn');
    assertLayout(s, ['watch.refresh', 'watch.filter.town', 'watch.filter.provider', 'watch.summary', 'watch.by_town',
      'watch.by_provider', 'topbar.user'], viewport);
    await shot(sup.page, 'live-watch');
    // Refreshed on its own every 10 s.
    const loads = s.live.watch.loads;
    await waitState(sup.page, (x) => x.live.watch.loads > loads, 'refresh after 10 s', 13000);
    await click(sup.page, 'watch.row.0');
    await waitState(sup.page, (x) => x.screen === 'order_detail', 'order from the watch list', 8000);
  });

  await t.test('without emergencies an idle page does not redraw while polling', async () => {
    for (const id of created.splice(0)) {
      const r = await api(admin, 'POST', `/api/v1/orders/${id}/transitions`, { action: 'cancel', reason: '浏览器测试结束，撤销测试工单' });
      assert.ok(r.status === 200 || r.status === 409, `cancel ${id}: ${r.status}`);
    }
    const ours = await waitState(agent.page, (x) => !x.live.emergencies.some((e) => e.id === emergencyId), 'our emergency gone', 8000);
    if (ours.live.emergencies.length === 0) {
      await waitState(agent.page, (x) => !x.items['sos.banner'], 'banner gone', 8000);
    } else {
      t.diagnostic(`${ours.live.emergencies.length} emergencies of the demo data stay open: the idle check runs on the provider's page`);
    }
    const idle = ours.live.emergencies.length === 0 ? agent : prov;
    await click(idle.page, 'nav.home');
    await idle.page.mouse.move(5, 700);
    await sleep(2500);                      // the tiles' refresh after the cancel settles
    const a = await state(idle.page);
    await sleep(2200);
    const b = await state(idle.page);
    assert.ok(b.live.polls >= a.live.polls + 1, `still polling (${a.live.polls} -> ${b.live.polls})`);
    assert.equal(b.frames, a.frames, `no frames while idle (${a.frames} -> ${b.frames})`);
    assert.deepEqual([...agent.problems, ...sup.problems], [], 'no page errors');
  });
});
