// Benchmark (not a test): the public portal's first load (/portal/) on a phone-sized page in headless Chromium with
// an empty cache, `runs` times per network: bytes on the wire (CDP Network.loadingFinished encodedDataLength: headers
// + compressed bodies, the page, its CSS and JS and the choices' JSON) and the time from navigation to the form's
// choices being filled (the page usable), on loopback and on an emulated phone network (4 Mbit/s down, 1 Mbit/s up,
// 100 ms round trip). Prints a Markdown table (medians, min–max). Env: YIYANG_BASE_URL.
import { launch, BASE } from './lib.mjs';

const runs = Number(process.argv[2] || 9);
const NETWORKS = [
  { name: '本机回环 (loopback)', conditions: null },
  { name: '手机网络模拟 4 Mbit/s↓ 1 Mbit/s↑ RTT 100 ms', conditions: { offline: false, latency: 100,
    downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 } },
];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const browser = await launch();
const rows = [];
for (const net of NETWORKS) {
  const bytes = [], ready = [], load = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
      locale: 'zh-CN' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (net.conditions) await cdp.send('Network.emulateNetworkConditions', net.conditions);
    let total = 0;
    cdp.on('Network.loadingFinished', (e) => { total += e.encodedDataLength; });
    const t0 = Date.now();
    await page.goto(`${BASE}/portal/`, { waitUntil: 'load' });
    const tLoad = Date.now() - t0;
    await page.waitForFunction(() => document.querySelectorAll('#ask-town option').length > 1);
    const tReady = Date.now() - t0;
    await page.waitForTimeout(200);   // late loadingFinished events
    bytes.push(total); ready.push(tReady); load.push(tLoad);
    await context.close();
  }
  rows.push(`| ${net.name} | ${runs} | ${(median(bytes) / 1024).toFixed(1)} KiB (${(Math.min(...bytes) / 1024).toFixed(1)}–${(Math.max(...bytes) / 1024).toFixed(1)}) | ${median(load)} ms (${Math.min(...load)}–${Math.max(...load)}) | ${median(ready)} ms (${Math.min(...ready)}–${Math.max(...ready)}) |`);
}
await browser.close();
console.log('| network | loads | bytes on the wire (median, min–max) | load event | choices filled (usable) |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
