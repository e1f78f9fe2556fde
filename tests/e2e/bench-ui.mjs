// Benchmark (not a test): CPU per interaction of the dashboard in headless Chromium with software WebGL
// (SwiftShader, as on cloud desktops without a GPU). For each interaction, repeated `runs` times: the CPU time of
// the whole Chromium process tree (/proc, utime + stime: renderer, GPU process where SwiftShader rasterises,
// browser), the renderer main thread's TaskDuration (CDP Performance metrics) and the frames drawn with WebGL
// (test hook gl_frames). Runs twice: as shipped, and with ?redraw=always (every ImGui frame drawn, the old loop).
// Prints a Markdown table on stdout (scripts/bench.sh). Env: YIYANG_BASE_URL, YIYANG_BENCH_USER, _PASSWORD.
import fs from 'node:fs';
import { launch, openDashboard, signIn, state, waitState, center, sleep, BASE } from './lib.mjs';

const runs = Number(process.argv[2] || 7);
const TICK_MS = 1000 / 100;   // USER_HZ

// CPU of every process below this node process except itself (Chromium and its renderer, GPU and utility processes).
function treeCpuMs() {
  const rootPid = process.pid;
  const stats = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const t = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = t.slice(t.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch (e) { /* gone */ }
  }
  let total = 0;
  const want = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) if (!want.has(pid) && want.has(s.ppid)) { want.add(pid); grew = true; }
  }
  want.delete(rootPid);
  for (const pid of want) total += (stats.get(pid) || { ticks: 0 }).ticks;
  return total * TICK_MS;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function measure(page, cdp, pid, action) {
  const out = { cpu: [], task: [], gl: [] };
  for (let i = 0; i < runs; i++) {
    await sleep(400);                                   // idle
    const s0 = await state(page);
    const m0 = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const c0 = treeCpuMs(pid);
    await action(i);
    await sleep(600);                                   // the frames it caused
    const c1 = treeCpuMs(pid);
    const m1 = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const s1 = await state(page);
    out.cpu.push(c1 - c0);
    out.task.push((m1 - m0) * 1000);
    out.gl.push(s1.gl_frames - s0.gl_frames);
  }
  return { cpu: median(out.cpu), task: median(out.task), gl: median(out.gl) };
}

async function session(browser, query) {
  const { page, context } = await openDashboard(browser, { width: 1280, height: 720 });
  if (query) {
    await page.goto(`${BASE}/${query}`);
    await waitState(page, (s) => s.ui_ready && s.screen !== 'loading', 'first UI frame', 30000);
  }
  await signIn(page, process.env.YIYANG_BENCH_USER, process.env.YIYANG_BENCH_PASSWORD);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const pid = 0;
  let s = await waitState(page, (x) => x.items['nav.orders'], 'navigation');
  await page.mouse.click(center(s, 'nav.orders').x, center(s, 'nav.orders').y);
  s = await waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0 &&
    x.items['orders.open_id'] && x.items['orders.reset'] && x.items['orders.table'], 'orders', 30000);
  const results = {};
  // An empty area: between the heading and the open-by-ID field.
  const head = s.items['orders.open_id'];
  const empty = { x: 420, y: head.y + head.h / 2 };
  results.move = await measure(page, cdp, pid, async () => {
    for (let k = 0; k < 10; k++) { await page.mouse.move(empty.x + k * 8, empty.y + (k % 2)); await sleep(16); }
  });
  const btn = center(s, 'orders.reset');
  results.hover = await measure(page, cdp, pid, async () => {
    await page.mouse.move(btn.x, btn.y, { steps: 3 });
    await sleep(200);
    await page.mouse.move(empty.x, empty.y, { steps: 3 });
  });
  results.nav = await measure(page, cdp, pid, async (i) => {
    const st = await state(page);
    const id = i % 2 === 0 ? 'nav.home' : 'nav.orders';
    const c = center(st, id);
    await page.mouse.click(c.x, c.y);
    await waitState(page, (x) => x.screen === (i % 2 === 0 ? 'home' : 'orders') && x.pending === 0, id, 30000);
  });
  // Back on the orders list for the scroll.
  s = await waitState(page, (x) => x.screen === 'orders' || x.screen === 'home', 'screen');
  if (s.screen !== 'orders') {
    await page.mouse.click(center(s, 'nav.orders').x, center(s, 'nav.orders').y);
  }
  s = await waitState(page, (x) => x.screen === 'orders' && x.orders.list.loaded && x.pending === 0 &&
    x.items['orders.table'], 'orders table');
  const table = center(s, 'orders.table');
  results.scroll = await measure(page, cdp, pid, async (i) => {
    await page.mouse.move(table.x, table.y);
    await page.mouse.wheel(0, i % 2 === 0 ? 240 : -240);
  });
  await context.close();
  return results;
}

const browser = await launch();
try {
  const now = await session(browser, '');
  const old = await session(browser, '?redraw=always');
  const rows = [
    ['mouse moved over an empty area (10 moves)', 'move'],
    ['pointer onto a button and off again', 'hover'],
    ['click a navigation entry (首页 ⇄ 工单, with its request)', 'nav'],
    ['scroll the orders table (one wheel gesture)', 'scroll'],
  ];
  console.log('| interaction | CPU ms (all Chromium processes) | renderer main thread ms | WebGL frames | same with every frame drawn: CPU ms / frames |');
  console.log('|---|---|---|---|---|');
  for (const [label, k] of rows) {
    console.log(`| ${label} | ${now[k].cpu.toFixed(0)} | ${now[k].task.toFixed(0)} | ${now[k].gl} | ${old[k].cpu.toFixed(0)} / ${old[k].gl} |`);
  }
} finally {
  await browser.close();
}
