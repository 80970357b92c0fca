// The start-up's main-thread long tasks at 4x CPU slowdown (as Lighthouse's mobile setting),
// and V8's WebAssembly compile events on that thread, for one page in Debian's Chromium at
// 360 x 740. Against a running server (`make run`, or the manual command in perf/README.md):
//
//   node scripts/startup-tasks.mjs http://127.0.0.1:8080/ja/p/<slug> [chromium flag]
//
// e.g. `--js-flags=--no-wasm-lazy-compilation` to see what lazy compilation costs. Prints the
// sum of every long task's time over 50 ms (what TBT adds up, without its FCP-to-TTI window),
// the tasks (start:+duration, ms), and the wasm events' main-thread time. `CPU_RATE=1` traces
// unthrottled, as Lighthouse does before multiplying by four: the tasks listed are then those
// over 12.5 ms, the ones Lighthouse would count as long.
import { chromium } from 'playwright-core';

const [url, flag] = [process.argv[2], process.argv[3]];
if (!url) {
  console.error('usage: node scripts/startup-tasks.mjs <url> [chromium flag]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(flag ? [flag] : [])],
});
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
const rate = Number(process.env.CPU_RATE) || 4;
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
await cdp.send('Tracing.start', {
  categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm,disabled-by-default-v8.wasm',
  transferMode: 'ReturnAsStream',
});
await page.goto(url);
await page.waitForTimeout(5_000);
const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.end');
const { stream } = await complete;
let text = '';
for (;;) {
  const chunk = await cdp.send('IO.read', { handle: stream });
  text += chunk.data;
  if (chunk.eof) break;
}
await browser.close();

const parsed = JSON.parse(text);
const events = parsed.traceEvents ?? parsed;
const thread = (e) => `${e.pid}:${e.tid}`;
const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread));
// The page's main thread: the one that ran the wasm, else every renderer's main thread.
const wasmThread = events.find((e) => e.name.startsWith('wasm.') && mains.has(thread(e)));
const onMain = events.filter((e) => (wasmThread ? thread(e) === thread(wasmThread) : mains.has(thread(e))));
const start = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
// Over 50 ms at ×4: over 50 × rate / 4 ms here, and their excess scaled the same way.
const limit = (50_000 * rate) / 4;
const long = onMain.filter((e) => e.name === 'RunTask' && e.dur > limit);
const over = long.reduce((sum, e) => sum + ((e.dur - limit) / 1000) * (4 / rate), 0);
const wasm = new Map();
for (const e of onMain) if (e.name.startsWith('wasm.') && e.dur) wasm.set(e.name, (wasm.get(e.name) ?? 0) + e.dur / 1000);
console.log(`long tasks' time over 50 ms (at ×4): ${over.toFixed(0)} ms`);
console.log(`long tasks: ${long.map((e) => `${((e.ts - start) / 1000).toFixed(0)}:+${(e.dur / 1000).toFixed(0)}`).join(' ')}`);
console.log(`wasm on the main thread: ${[...wasm].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join('; ')}`);
