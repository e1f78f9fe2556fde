// Benchmark (not a test): how long a new emergency takes to appear on another seat's screen. A browser signed
// in as one user watches its SOS banner; this script registers emergencies through the API as the same city's
// desk user and times POST -> banner shown. Prints "median_ms max_ms n" on stdout (scripts/bench.sh).
// Env: YIYANG_BASE_URL, YIYANG_BENCH_USER, YIYANG_BENCH_PASSWORD, YIYANG_BENCH_ELDER (an elder id).
import { launch, openDashboard, signIn, apiSignIn, api, state, sleep } from './lib.mjs';

const runs = Number(process.argv[2] || 5);
const browser = await launch();
try {
  const { page } = await openDashboard(browser, { width: 1280, height: 720 });
  await signIn(page, process.env.YIYANG_BENCH_USER, process.env.YIYANG_BENCH_PASSWORD);
  const session = await apiSignIn(process.env.YIYANG_BENCH_USER, process.env.YIYANG_BENCH_PASSWORD);
  const elder = Number(process.env.YIYANG_BENCH_ELDER || 1);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    const r = await api(session, 'POST', '/api/v1/orders', {
      channel: 'hotline', type: 'emergency', elder_id: elder, urgency: 'emergency',
      description: `基准测试：紧急求助第${i + 1}次（计时用，随即取消）`,
    });
    if (r.status !== 201) throw new Error(`POST /api/v1/orders: ${r.status} ${JSON.stringify(r.body)}`);
    const id = r.body.order.id;
    for (;;) {
      const s = await state(page);
      if (s && s.live && s.live.emergencies.some((e) => e.id === id) && s.items['sos.banner']) break;
      if (Date.now() - t0 > 10000) throw new Error(`emergency ${id} not shown within 10 s`);
      await sleep(20);
    }
    times.push(Date.now() - t0);
    const order = (await api(session, 'GET', `/api/v1/orders/${id}`)).body.order;
    await api(session, 'POST', `/api/v1/orders/${id}/transitions`, { action: 'cancel', reason: '基准测试结束', version: order.version });
    await sleep(1500);
  }
  times.sort((a, b) => a - b);
  console.log(`${times[Math.floor(times.length / 2)]} ${times[times.length - 1]} ${times.length}`);
} finally {
  await browser.close();
}
