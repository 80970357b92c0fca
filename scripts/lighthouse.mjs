// `make lighthouse` (run through scripts/lighthouse.sh): Lighthouse 12.2.3 (npm, pinned in
// package.json) with Debian's Chromium over the store's home, listing and product pages in
// English, Japanese (CJK) and Arabic (right to left).
//
// The release server is started on a free loopback port with a throw-away SQLite file in a
// temporary folder (as tests/e2e/support.mjs starts it), seeded with the generated catalog;
// the script waits for /healthz, checks through the API that the category exists and picks
// an in-stock product of it, then runs the Lighthouse CLI once per page and run: the default
// config (mobile form factor, simulated throttling), a fresh Chromium each time. It prints a
// markdown report to stdout (progress goes to stderr): the table, then per page the failing
// accessibility / best-practices / SEO audits, the top performance opportunities, and the
// LCP element and layout shifts as the page itself reports them (see `probe`). JSON
// reports go to target/lighthouse/ (`<locale>-<page>-<run>.json`, and `<locale>-<page>.json`
// for the run the table shows), the report to target/lighthouse/summary.md.
//
// Scores are measured, not a test: the exit status is non-zero only when the tooling fails
// (the server does not start, a page does not answer 200, Lighthouse errors or reports a
// runtime error), never for a low score.
//
// Environment:
//   STORE_SERVER_BIN  server binary (default target/release/store-server)
//   STORE_DIST        the built app (default dist)
//   CHROME_PATH       the browser (default /usr/bin/chromium)
//   LH_RUNS           runs per page (default 1); with more, the run with the median
//                     performance score is reported (the lower of the two middle ones when even)
//   LH_PAGES          comma-separated subset: a locale (`ja`), a page (`listing`), or both
//                     (`ar-product`); default all nine
//   LH_CATEGORY       the listing's category slug (default apparel)
//   LH_PRODUCT        the product's slug (default: the best-selling in-stock product of the
//                     category)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_BIN = resolve(ROOT, process.env.STORE_SERVER_BIN ?? 'target/release/store-server');
const DIST = resolve(ROOT, process.env.STORE_DIST ?? 'dist');
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const OUT = join(ROOT, 'target', 'lighthouse');
const LIGHTHOUSE_CLI = join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');
const CHROME_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
].join(' ');
const LOCALES = ['en', 'ja', 'ar'];
const PAGE_KINDS = ['home', 'listing', 'product'];
const RUN_TIMEOUT_MS = 180_000;

const log = (...args) => console.error(...args);

/** Whether a compiler is running on the machine (a cargo build next to us skews the timings). */
function compiling() {
  try {
    return execFileSync('pgrep', ['-x', 'rustc'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return false;
  }
}

class ToolError extends Error {}
const fail = (message) => { throw new ToolError(message); };

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9][0-9]*$/.test(raw)) fail(`${name}=${raw} is not a positive whole number`);
  return Number(raw);
}

/** The pages LH_PAGES asks for (all nine without it), in table order. */
function selectPages() {
  const all = LOCALES.flatMap((locale) => PAGE_KINDS.map((kind) => ({ locale, kind, name: `${locale}-${kind}` })));
  const tokens = (process.env.LH_PAGES ?? '').split(',').map((t) => t.trim().toLowerCase().replace('/', '-')).filter(Boolean);
  if (tokens.length === 0) return all;
  const known = new Set([...LOCALES, ...PAGE_KINDS, ...all.map((p) => p.name)]);
  const unknown = tokens.filter((t) => !known.has(t));
  if (unknown.length) fail(`LH_PAGES: unknown ${unknown.join(', ')} (use a locale ${LOCALES.join('/')}, a page ${PAGE_KINDS.join('/')}, or both as ja-home)`);
  return all.filter((p) => tokens.some((t) => t === p.locale || t === p.kind || t === p.name));
}

// --- the server -----------------------------------------------------------------------------

/** Starts the release server on free loopback ports with a fresh database; resolves with it. */
async function startServer(dataDir) {
  if (!existsSync(SERVER_BIN)) fail(`server binary not found at ${SERVER_BIN} (cargo build --release -p server, or set STORE_SERVER_BIN)`);
  if (!existsSync(join(DIST, 'index.html'))) fail(`built app not found at ${DIST}/index.html (trunk build --release, or set STORE_DIST)`);
  const proc = spawn(SERVER_BIN, [], {
    env: {
      ...process.env,
      STORE_ADDR: '127.0.0.1:0',
      STORE_PAYMENT_ADDR: '127.0.0.1:0',
      DATABASE_URL: `sqlite://${join(dataDir, 'store.db')}`,
      STORE_STATIC_DIR: DIST,
      // Every page load comes from the one loopback client: the limiter would be measuring us.
      STORE_RATE_SEARCHES_PER_MINUTE: '0',
      STORE_RATE_WRITES_PER_MINUTE: '0',
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { proc, url: null, log: '' };
  proc.stderr.on('data', (chunk) => { server.log += chunk; });
  server.url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new ToolError(`server did not start in 60 s:\n${server.log}`)), 60_000);
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/Store is running at (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolvePromise(m[1].replace(/\/$/, '')); }
    });
    proc.once('exit', (code, signal) => { clearTimeout(timer); reject(new ToolError(`server exited (${code ?? signal}) before it listened:\n${server.log}`)); });
    proc.once('error', (e) => { clearTimeout(timer); reject(new ToolError(`could not start ${SERVER_BIN}: ${e.message}`)); });
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.status === 200) break;
    } catch { /* not yet */ }
    if (proc.exitCode !== null) fail(`server exited before /healthz answered:\n${server.log}`);
    if (Date.now() > deadline) fail(`/healthz did not answer 200 in 60 s:\n${server.log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/** SIGTERM, and SIGKILL if it has not exited 15 s later. */
async function stopServer(server) {
  const proc = server?.proc;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function getJson(url) {
  const res = await fetch(url);
  if (res.status !== 200) fail(`GET ${url}: ${res.status}`);
  return res.json();
}

/** The listing's category (checked against the API) and an in-stock product to open. */
async function pickTargets(base) {
  const category = process.env.LH_CATEGORY || 'apparel';
  const categories = await getJson(`${base}/api/v1/categories?locale=en`);
  const slugs = categories.items.map((c) => c.slug);
  if (!slugs.includes(category)) fail(`category "${category}" not in the store (${slugs.join(', ')})`);
  const inStock = (detail) => detail.variants.some((v) => v.stock > 0);
  if (process.env.LH_PRODUCT) {
    const detail = await getJson(`${base}/api/v1/products/${encodeURIComponent(process.env.LH_PRODUCT)}?locale=en`);
    if (!inStock(detail)) log(`note: LH_PRODUCT ${detail.slug} has no variant in stock`);
    return { category, product: detail.slug };
  }
  const listing = await getJson(`${base}/api/v1/products?category=${encodeURIComponent(category)}&sort=best_selling&per_page=20&locale=en`);
  for (const item of listing.items) {
    const detail = await getJson(`${base}/api/v1/products/${encodeURIComponent(item.slug)}?locale=en`);
    if (inStock(detail)) return { category, product: detail.slug };
  }
  fail(`no product in stock among the first ${listing.items.length} of category ${category}`);
}

// --- Lighthouse -----------------------------------------------------------------------------

/** One Lighthouse CLI run (its own Chromium); resolves with the parsed report. */
function runLighthouse(url, outputPath) {
  return new Promise((resolvePromise, reject) => {
    const args = [
      LIGHTHOUSE_CLI, url,
      '--output=json', `--output-path=${outputPath}`,
      `--chrome-flags=${CHROME_FLAGS}`,
      '--quiet',
    ];
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('error', (e) => { clearTimeout(timer); reject(new ToolError(`lighthouse could not start: ${e.message}`)); });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      let lhr = null;
      try { lhr = JSON.parse(readFileSync(outputPath, 'utf8')); } catch { /* no report */ }
      if (!lhr || code !== 0) {
        reject(new ToolError(`lighthouse exited with ${code ?? signal} for ${url}${lhr ? '' : ' (no report)'}:\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
      } else if (lhr.runtimeError) {
        reject(new ToolError(`lighthouse runtime error for ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`));
      } else {
        resolvePromise(lhr);
      }
    });
  });
}

const score = (lhr, id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
const numeric = (lhr, id) => lhr.audits[id]?.numericValue ?? null;

function metrics(lhr) {
  return {
    perf: score(lhr, 'performance'),
    lcp: numeric(lhr, 'largest-contentful-paint'),
    tbt: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    fcp: numeric(lhr, 'first-contentful-paint'),
    bytes: numeric(lhr, 'total-byte-weight'),
    a11y: score(lhr, 'accessibility'),
    bp: score(lhr, 'best-practices'),
    seo: score(lhr, 'seo'),
  };
}

const short = (text, n = 110) => {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

let ORIGIN = '';
const local = (url) => (ORIGIN && url.startsWith(ORIGIN) ? url.slice(ORIGIN.length) || '/' : url);

/** Up to three of an audit's items, as something an engineer can look for in the page. */
function itemHints(details) {
  const items = details?.items ?? [];
  const hints = [];
  for (const item of items.slice(0, 3)) {
    const node = item.node ?? (item.type === 'node' ? item : null);
    const amount = item.wastedBytes ? ` ${(item.wastedBytes / 1024).toFixed(1)} KiB`
      : (item.total ?? item.duration ?? item.wastedMs) ? ` ${Math.round(item.total ?? item.duration ?? item.wastedMs)} ms` : '';
    if (node) hints.push([node.selector, node.snippet].filter(Boolean).map((t) => `\`${short(t, 100)}\``).join(' ') || short(node.nodeLabel ?? '', 80));
    else if (item.url || item.scriptUrl) hints.push(`${short(local(item.url || item.scriptUrl), 80)}${amount}`);
    else if (item.source?.url) hints.push(short(local(item.source.url), 80));
    else if (item.groupLabel) hints.push(`${item.groupLabel}${amount}`);
    else if (item.description) hints.push(short(item.description, 80));
  }
  if (items.length > 3) hints.push(`+${items.length - 3} more`);
  return hints.length ? ` — ${hints.join('; ')}` : '';
}

const SKIPPED_MODES = new Set(['notApplicable', 'manual', 'informative', 'error']);

/** Audits of a category that did not pass (score below 1), weighted first. */
function failing(lhr, categoryId) {
  const category = lhr.categories[categoryId];
  if (!category) return [];
  return category.auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && !SKIPPED_MODES.has(audit.scoreDisplayMode) && audit.score !== null && audit.score < 1)
    .sort((a, b) => b.ref.weight - a.ref.weight || a.audit.score - b.audit.score)
    .map(({ ref, audit }) => `\`${ref.id}\` — ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}${ref.weight === 0 ? ' [weight 0: not scored]' : ''}${itemHints(audit.details)}`);
}

/**
 * Performance audits outside the metrics that did not pass or that name savings, ranked by
 * the largest metric saving they estimate, then by time and bytes saved.
 */
function opportunities(lhr, top = 5) {
  const category = lhr.categories.performance;
  if (!category) return [];
  const rows = [];
  for (const ref of category.auditRefs) {
    if (ref.group === 'metrics' || ref.group === 'hidden') continue;
    const audit = lhr.audits[ref.id];
    if (!audit || ['notApplicable', 'manual', 'error'].includes(audit.scoreDisplayMode)) continue;
    const savings = Object.entries(audit.metricSavings ?? {}).filter(([, v]) => v > 0);
    const failed = audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative';
    if (!failed && savings.length === 0) continue;
    const ms = Math.max(0, ...savings.filter(([k]) => k !== 'CLS').map(([, v]) => v));
    const cls = savings.find(([k]) => k === 'CLS')?.[1] ?? 0;
    rows.push({
      rank: [ms + cls * 10_000, audit.details?.overallSavingsMs ?? 0, audit.details?.overallSavingsBytes ?? 0, 1 - (audit.score ?? 1)],
      text: `\`${ref.id}\` — ${audit.title}${audit.displayValue ? `: ${audit.displayValue}` : ''}` +
        (savings.length ? ` (est. savings ${savings.map(([k, v]) => (k === 'CLS' ? `CLS ${v.toFixed(3)}` : `${k} ${Math.round(v)} ms`)).join(', ')})` : '') +
        itemHints(audit.details),
    });
  }
  rows.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (b.rank[i] !== a.rank[i]) return b.rank[i] - a.rank[i];
    return 0;
  });
  return rows.slice(0, top).map((r) => r.text);
}

/** Audits Lighthouse could not compute, with why (they carry no score; listed so their absence is known). */
const errored = (lhr) => Object.entries(lhr.audits)
  .filter(([, a]) => a.scoreDisplayMode === 'error')
  .map(([id, a]) => ({ id, why: short(a.errorMessage ?? 'unknown error', 160) }));

const fmtS = (ms) => (ms == null ? '–' : `${(ms / 1000).toFixed(2)} s`);
const fmtMs = (ms) => (ms == null ? '–' : `${Math.round(ms)} ms`);
const fmtCls = (v) => (v == null ? '–' : v.toFixed(3));
const fmtKb = (b) => (b == null ? '–' : (b / 1024).toFixed(1));
const fmtScore = (s) => (s == null ? '–' : String(s));

// --- the LCP element and layout shifts, seen by the browser ---------------------------------
//
// Lighthouse 12.2.3's trace engine cannot read Chromium 156's frame events (it looks for
// `args.chrome_frame_reporter` on PipelineReporter events, which Chromium now names
// `frame_reporter`), so its `largest-contentful-paint-element` and `layout-shifts` audits
// error (weight 0: the scores are not affected). The same facts come from the page's own
// PerformanceObserver: one more load per page in playwright-core, at Lighthouse's mobile
// screen and user agent. Simulated throttling observes an unthrottled load too, so the LCP
// element and the shifts are the ones Lighthouse saw; their times here are unthrottled.

const OBSERVE = () => {
  const describe = (node) => {
    let el = node && node.nodeType === 1 ? node : node?.parentElement;
    if (!el) return null;
    const path = [];
    for (let e = el; e && e.nodeType === 1 && path.length < 3; e = e.parentElement) {
      let part = e.localName;
      if (e.id) part += `#${e.id}`;
      else if (e.classList.length) part += `.${[...e.classList].slice(0, 2).join('.')}`;
      path.unshift(part);
      if (e.id || e.localName === 'main' || e.localName === 'header') break;
    }
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${path.join(' > ')}${text ? ` "${text}"` : ''}`;
  };
  window.__lhProbe = { lcp: [], shifts: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lhProbe.lcp.push({ t: e.startTime, size: e.size, el: describe(e.element), url: e.url || null });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    // Kept even when hadRecentInput: Chromium sets it on early shifts under touch emulation
    // without any input, and Lighthouse counts those shifts in its CLS too.
    for (const e of list.getEntries()) {
      window.__lhProbe.shifts.push({ t: e.startTime, value: e.value, sources: e.sources.map((x) => describe(x.node)).filter(Boolean) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
};

let browser = null;

async function probe(url, locale, lhr) {
  const { chromium } = await import('playwright-core');
  browser ??= await chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: CHROME_FLAGS.split(' ').filter((f) => f !== '--headless'),
  });
  const screen = lhr.configSettings.screenEmulation;
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: screen.deviceScaleFactor,
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
    userAgent: lhr.configSettings.emulatedUserAgent || undefined,
    locale,
  });
  try {
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
    await page.waitForTimeout(1000);
    return await page.evaluate(() => window.__lhProbe);
  } finally {
    await context.close();
  }
}

function probeLines(seen) {
  const lines = [];
  const lcp = seen.lcp.at(-1);
  lines.push(lcp
    ? `- LCP element (browser, unthrottled ${Math.round(lcp.t)} ms, ${lcp.size} px²): \`${short(lcp.el ?? '(removed from the page)', 100)}\`${lcp.url ? ` ${short(local(lcp.url), 80)}` : ''}` +
      (seen.lcp.length > 1 ? `; earlier candidates: ${seen.lcp.slice(0, -1).map((c) => `\`${short(c.el ?? '(removed)', 60)}\` at ${Math.round(c.t)} ms`).join(', ')}` : '')
    : '- LCP element (browser): none reported');
  const total = seen.shifts.reduce((sum, e) => sum + e.value, 0);
  if (seen.shifts.length === 0) lines.push('- layout shifts (browser): none');
  else {
    lines.push(`- layout shifts (browser, unthrottled): ${seen.shifts.length}, sum ${total.toFixed(3)}`);
    for (const e of [...seen.shifts].sort((a, b) => b.value - a.value).slice(0, 3)) {
      lines.push(`  - ${e.value.toFixed(3)} at ${Math.round(e.t)} ms: ${e.sources.length ? e.sources.map((x) => `\`${short(x, 80)}\``).join(', ') : '(sources removed from the page)'}`);
    }
  }
  return lines;
}

// --- main -----------------------------------------------------------------------------------

let server = null;
let dataDir = null;

async function cleanup() {
  try {
    await browser?.close().catch(() => {});
    browser = null;
    await stopServer(server);
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    server = null;
    dataDir = null;
  }
}
process.on('exit', () => { if (server?.proc && server.proc.exitCode === null) server.proc.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { log(`\n${signal}: stopping the server`); cleanup().finally(() => process.exit(130)); });
}

async function main() {
  const runs = positiveInt('LH_RUNS', 1);
  const pages = selectPages();
  if (!existsSync(LIGHTHOUSE_CLI)) fail(`lighthouse not found at ${LIGHTHOUSE_CLI} (npm ci)`);
  const lighthouseVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version;
  let chromiumVersion;
  try {
    chromiumVersion = execFileSync(CHROME_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (e) {
    fail(`${CHROME_PATH} --version failed: ${e.message}`);
  }
  mkdirSync(OUT, { recursive: true });

  dataDir = mkdtempSync(join(tmpdir(), 'store-lighthouse-'));
  log(`==> starting ${SERVER_BIN} (app ${DIST}) on a fresh database`);
  server = await startServer(dataDir);
  ORIGIN = server.url;
  const { category, product } = await pickTargets(server.url);
  const paths = { home: (l) => `/${l}/`, listing: (l) => `/${l}/c/${category}`, product: (l) => `/${l}/p/${product}` };
  log(`    ${server.url}: listing /{l}/c/${category}, product /{l}/p/${product}`);
  const load = loadavg()[0].toFixed(2);

  const results = [];
  const failures = [];
  let busyRuns = 0;
  let allRuns = 0;
  for (const page of pages) {
    const path = paths[page.kind](page.locale);
    const url = `${server.url}${path}`;
    // The page itself answers 200 (a 404 shell would still be measured, misleadingly).
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) { failures.push(`${page.name}: GET ${path} answered ${res.status}`); continue; }
    for (const f of readdirSync(OUT)) if (f.startsWith(`${page.name}-`) && f.endsWith('.json')) rmSync(join(OUT, f));
    const done = [];
    for (let i = 1; i <= runs; i++) {
      const file = join(OUT, `${page.name}-${i}.json`);
      log(`==> ${page.name} ${path}${runs > 1 ? ` (run ${i} of ${runs})` : ''}`);
      allRuns += 1;
      if (compiling()) busyRuns += 1;
      try {
        const lhr = await runLighthouse(url, file);
        done.push({ lhr, file, m: metrics(lhr) });
        const m = done.at(-1).m;
        log(`    perf ${fmtScore(m.perf)}  LCP ${fmtS(m.lcp)}  TBT ${fmtMs(m.tbt)}  CLS ${fmtCls(m.cls)}  (benchmark index ${Math.round(lhr.environment.benchmarkIndex)})`);
      } catch (e) {
        if (!(e instanceof ToolError)) throw e;
        failures.push(`${page.name} run ${i}: ${e.message}`);
        log(`    failed: ${e.message}`);
      }
    }
    if (done.length === 0) continue;
    const sorted = [...done].sort((a, b) => (a.m.perf ?? -1) - (b.m.perf ?? -1));
    const median = sorted[Math.ceil(sorted.length / 2) - 1];
    copyFileSync(median.file, join(OUT, `${page.name}.json`));
    let seen = null;
    try {
      seen = await probe(url, page.locale, median.lhr);
    } catch (e) {
      failures.push(`${page.name}: the LCP and layout-shift probe failed: ${e.message}`);
    }
    results.push({ page, path, median, all: done, seen });
  }

  // The report (stdout, and target/lighthouse/summary.md).
  const benchmarks = results.flatMap((r) => r.all.map((d) => d.lhr.environment.benchmarkIndex));
  const out = [];
  out.push(`Lighthouse ${lighthouseVersion}, default config (mobile, simulated throttling), ${chromiumVersion}; ` +
    `${runs} run${runs > 1 ? 's' : ''} per page${runs > 1 ? ' (the run with the median performance score)' : ''}; ` +
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average ${load} at start` +
    (benchmarks.length ? `; Lighthouse benchmark index ${Math.round(Math.min(...benchmarks))}–${Math.round(Math.max(...benchmarks))}` : '') +
    (busyRuns ? `; a rustc process was running at the start of ${busyRuns} of ${allRuns} runs` : '') + '.');
  out.push('');
  out.push(`Pages: home \`/{l}/\`, listing \`/{l}/c/${category}\`, product \`/{l}/p/${product}\`.`);
  out.push('');
  out.push('| page | perf | LCP | TBT | CLS | FCP | transfer KB | a11y | best practices | SEO |');
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const { page, median: { m } } of results) {
    out.push(`| ${page.locale} ${page.kind} | ${fmtScore(m.perf)} | ${fmtS(m.lcp)} | ${fmtMs(m.tbt)} | ${fmtCls(m.cls)} | ${fmtS(m.fcp)} | ${fmtKb(m.bytes)} | ${fmtScore(m.a11y)} | ${fmtScore(m.bp)} | ${fmtScore(m.seo)} |`);
  }
  const notComputed = new Map();
  for (const { page, path, median: { lhr }, all, seen } of results) {
    out.push('');
    out.push(`### ${page.locale} ${page.kind} — \`${path}\``);
    if (all.length > 1) out.push(`- performance over ${all.length} runs: ${all.map((d) => fmtScore(d.m.perf)).join(', ')}`);
    for (const [id, label] of [['accessibility', 'accessibility'], ['best-practices', 'best practices'], ['seo', 'SEO']]) {
      const list = failing(lhr, id);
      out.push(`- ${label}: ${list.length ? '' : 'no failing audit'}`);
      for (const line of list) out.push(`  - ${line}`);
    }
    const opps = opportunities(lhr);
    out.push(`- performance, top opportunities: ${opps.length ? '' : 'none'}`);
    for (const line of opps) out.push(`  - ${line}`);
    if (seen) out.push(...probeLines(seen));
    for (const { id, why } of errored(lhr)) {
      const entry = notComputed.get(id) ?? { why, pages: [] };
      entry.pages.push(page.name);
      notComputed.set(id, entry);
    }
    if (lhr.runWarnings?.length) out.push(`- run warnings: ${lhr.runWarnings.map((w) => short(w, 160)).join(' / ')}`);
  }
  if (notComputed.size) {
    out.push('');
    out.push('### Audits Lighthouse could not compute (no score, not counted)');
    for (const [id, { why, pages: on }] of notComputed) {
      out.push(`- \`${id}\` on ${on.length === results.length ? 'every page' : on.join(', ')}: ${why}`);
    }
  }
  if (failures.length) {
    out.push('');
    out.push('### Tool failures');
    for (const f of failures) out.push(`- ${short(f, 400)}`);
  }
  const report = `${out.join('\n')}\n`;
  writeFileSync(join(OUT, 'summary.md'), report);
  process.stdout.write(report);
  log(`==> reports in ${OUT} (summary.md, <locale>-<page>.json)`);
  return failures.length === 0;
}

let ok = false;
try {
  ok = await main();
} catch (e) {
  log(`error: ${e instanceof ToolError ? e.message : e.stack}`);
} finally {
  await cleanup();
}
process.exitCode = ok ? 0 : 1;
