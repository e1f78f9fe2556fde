// Benchmark helper (not a test): loads the dashboard N times in headless Chromium and prints the median
// time from navigation start to the first rendered frame (performance mark "yiyang-first-frame"),
// e.g. "612 ms (runs: 598, 612, 640)". Used by scripts/bench.sh.
import { chromium } from 'playwright-core';

const BASE = (process.env.YIYANG_BASE_URL || '').replace(/\/+$/, '');
const runs = Number(process.argv[2] || 5);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const times = [];
for (let i = 0; i < runs; i++) {
  const browser = await chromium.launch({ executablePath: process.env.YIYANG_CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(BASE + '/');
  const t = await page.waitForFunction(() => {
    const m = performance.getEntriesByName('yiyang-first-frame');
    return m.length ? m[0].startTime : null;
  }, null, { timeout: 20000 });
  times.push(Math.round(await t.jsonValue()));
  await browser.close();
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${sorted[Math.floor(sorted.length / 2)]} ms (runs: ${times.join(', ')})`);
