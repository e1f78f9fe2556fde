// Benchmark helper (not a test): loads the dashboard N times in headless Chromium and prints the median
// time from navigation start to the first rendered frame (performance mark "yiyang-first-frame") and to the first
// usable frame (mark "yiyang-ui-ready": fonts baked, the sign-in or home screen drawn), e.g.
// "612 ms (runs: 598, 612, 640); first usable frame 840 ms (runs: 820, 840, 905)". Used by scripts/bench.sh.
import { chromium } from 'playwright-core';

const BASE = (process.env.YIYANG_BASE_URL || '').replace(/\/+$/, '');
const runs = Number(process.argv[2] || 5);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const times = [];
const ready = [];
const mark = (page, name) => page.waitForFunction((n) => {
  const m = performance.getEntriesByName(n);
  return m.length ? m[0].startTime : null;
}, name, { timeout: 20000 });
for (let i = 0; i < runs; i++) {
  const browser = await chromium.launch({ executablePath: process.env.YIYANG_CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(BASE + '/');
  times.push(Math.round(await (await mark(page, 'yiyang-first-frame')).jsonValue()));
  ready.push(Math.round(await (await mark(page, 'yiyang-ui-ready')).jsonValue()));
  await browser.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${median(times)} ms (runs: ${times.join(', ')}); first usable frame ${median(ready)} ms (runs: ${ready.join(', ')})`);
