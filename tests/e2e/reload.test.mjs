// Static files served as a CDN would: the dashboard's first load arrives compressed, and a reload transfers at
// most 50 KB (the content-hashed yiyang.*.wasm/.js and font come from the cache; index.html is revalidated).
// Bytes on the wire are CDP Network events' encodedDataLength. Runs through nginx (YIYANG_BASE_URL) and, when
// YIYANG_DIRECT_URL is set, against the server's own static files too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, waitState, sleep } from './lib.mjs';

const RELOAD_LIMIT = 50 * 1024;
const DIRECT = (process.env.YIYANG_DIRECT_URL || '').replace(/\/+$/, '');

// Every request of the page with its bytes on the wire, until reset().
async function recorder(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let reqs = new Map();
  const entry = (id) => { if (!reqs.has(id)) reqs.set(id, { url: '', headers: {}, status: 0, bytes: 0, streamed: 0, done: false, cached: false }); return reqs.get(id); };
  cdp.on('Network.requestWillBeSent', (e) => { entry(e.requestId).url = e.request.url; });
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    r.status = e.response.status;
    r.cached = r.cached || e.response.fromDiskCache || e.response.fromPrefetchCache || false;
    r.headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
  });
  cdp.on('Network.dataReceived', (e) => { entry(e.requestId).streamed += e.encodedDataLength; });
  cdp.on('Network.loadingFinished', (e) => { const r = entry(e.requestId); r.bytes = e.encodedDataLength; r.done = true; });
  return {
    reset() { reqs = new Map(); },
    list() { return [...reqs.values()]; },
    // Finished requests count their whole encodedDataLength; a stream still open (the live feed) what came so far.
    total() { return this.list().reduce((n, r) => n + (r.done ? r.bytes : r.streamed), 0); },
  };
}

const name = (url) => new URL(url).pathname.replace(/^\//, '') || '(index)';
const ready = (page) => waitState(page, (s) => s.ui_ready && s.screen !== 'loading', 'dashboard ready', 30000);

async function loadTwice(t, base) {
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const rec = await recorder(context, page);

  await page.goto(`${base}/`);
  await ready(page);
  await sleep(500);                                      // requests started by the first frames settle
  const first = rec.list();
  const firstTotal = rec.total();
  t.diagnostic(`${base} first load: ${(firstTotal / 1024).toFixed(0)} KB in ${first.length} requests`);
  const big = first.filter((r) => /\.(wasm|js|otf)$/.test(new URL(r.url).pathname));
  assert.ok(big.some((r) => /\.wasm$/.test(r.url)) && big.some((r) => /\.otf$/.test(r.url)), 'wasm and font were loaded');
  for (const r of big) {
    assert.match(name(r.url), /\.[0-9a-f]{8,}\.(wasm|js|otf)$/, `${name(r.url)}: a content-hashed name`);
    assert.match(r.headers['content-encoding'] || '', /^(gzip|br)$/, `${name(r.url)}: compressed on the wire`);
    assert.match(r.headers['cache-control'] || '', /max-age=31536000/, `${name(r.url)}: cached for a year`);
    assert.match(r.headers['cache-control'] || '', /immutable/, `${name(r.url)}: immutable`);
  }
  const index = first.find((r) => new URL(r.url).pathname === '/');
  assert.ok(index, 'index.html was loaded');
  assert.equal(index.headers['cache-control'], 'no-cache', 'index.html is revalidated on every load');
  assert.ok(index.headers.etag, 'index.html has an ETag');

  rec.reset();
  await page.reload();
  await ready(page);
  await sleep(500);
  const second = rec.list();
  const total = rec.total();
  const detail = second.map((r) => `${name(r.url)} ${r.status}${r.cached ? ' (cache)' : ''} ${r.done ? r.bytes : r.streamed} B`).join(', ');
  t.diagnostic(`${base} reload: ${total} bytes: ${detail}`);
  assert.ok(total <= RELOAD_LIMIT, `a reload transfers ${total} bytes, at most ${RELOAD_LIMIT}: ${detail}`);
  const again = second.find((r) => new URL(r.url).pathname === '/');
  assert.ok(again && (again.status === 304 || again.status === 200), 'index.html asked again');
}

test('static files: compressed first load, a reload of at most 50 KB (through nginx)', async (t) => {
  assert.ok(BASE, 'set YIYANG_BASE_URL');
  await loadTwice(t, BASE);
});

test('static files: compressed first load, a reload of at most 50 KB (the server directly)', { skip: !DIRECT && 'YIYANG_DIRECT_URL not set' }, async (t) => {
  await loadTwice(t, DIRECT);
});
