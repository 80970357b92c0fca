// Helpers for the end-to-end tests: start the real server on a free port with a fresh SQLite
// file, and drive Debian's Chromium through playwright-core. `suite` does the set-up every test
// file shares, so a file only declares its tests.
import { describe, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync, crc32 } from 'node:zlib';
import { join, normalize, extname } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = new URL('../..', import.meta.url).pathname;
export const SERVER_BIN = process.env.STORE_SERVER_BIN ?? join(ROOT, 'target/debug/store-server');
export const DIST = process.env.STORE_DIST ?? join(ROOT, 'dist');

/**
 * Makes `page.goto` and `page.reload` wait, as a buyer would, until the app has taken the
 * place of a server-drawn first screen (`#first-screen`, see `storefront::prerender`): before
 * that the first screen's buttons do nothing. `{ firstScreen: 'keep' }` returns at once, for
 * tests of the first screen itself.
 */
export function withTakeover(page) {
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const at = name === 'goto' ? 1 : 0;
      const { firstScreen, ...options } = args[at] ?? {};
      args[at] = options;
      const response = await original(...args);
      if (firstScreen !== 'keep') {
        await page.waitForFunction(() => !document.getElementById('first-screen'), null, { timeout: 20000 });
      }
      return response;
    };
  }
  return page;
}

/** The viewports every end-to-end test runs at: a 360 px phone and a desktop. */
export const VIEWPORTS = [
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];
/** The phone alone, for suites that run at one viewport. */
export const PHONE = VIEWPORTS[0];

/**
 * What axe-core (WCAG 2.x A and AA rules) finds wrong on the page as it is now: `[]` when
 * nothing. Evaluated through the DevTools protocol, which the page's Content-Security-Policy
 * does not govern (an injected `<script>` would be refused, and counted as a violation).
 */
export async function axeViolations(page) {
  const source = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  return page.evaluate(`${source}
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
}

/** A price's text as read: without the bidi isolates (U+2068, U+2069) around its parts, trimmed. */
export const visible = (text) => text.replace(/[\u2068\u2069]/g, '').trim();

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Headless Chromium. Every context it opens is watched for Content-Security-Policy violations
 * (see `cspViolations`); closing the browser fails the suite if there was any.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const refused = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    cspViolations(context, refused);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    if (refused.length) throw new Error(`refused under a Content-Security-Policy:\n${refused.join('\n')}`);
  };
  return browser;
}

/**
 * Collects what the browser refused under a Content-Security-Policy in any page or frame of
 * `context` (the store's own policy and the payment page's). A test asserts it stays empty.
 */
export function cspViolations(context, seen = []) {
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) seen.push(msg.text());
  });
  return seen;
}

// Servers still running when this process exits (a crash, an uncaught error) are killed with it.
const running = new Set();
process.on('exit', () => { for (const proc of running) proc.kill('SIGKILL'); });

/**
 * A running store-server. `start()` launches it (on a free port the first time, on the same
 * port after a `stop()`), with its own data folder so every test file starts from a fresh,
 * freshly seeded database. After `dispose()` the next `start()` is a fresh store again: a new
 * data folder and a new port.
 */
export class Store {
  /** `env`: extra environment for the server (a short quote lifetime, say). */
  constructor({ env = {} } = {}) {
    this.env = env;
    this.dataDir = null;
    this.addr = '127.0.0.1:0';
    this.proc = null;
    this.url = null;
    this.paymentUrl = null;
    this.log = '';
  }

  async start() {
    if (!existsSync(SERVER_BIN)) throw new Error(`server binary not found at ${SERVER_BIN}; run cargo build -p server`);
    this.dataDir ??= mkdtempSync(join(tmpdir(), 'store-e2e-'));
    const proc = spawn(SERVER_BIN, [], {
      env: {
        ...process.env,
        STORE_ADDR: this.addr,
        DATABASE_URL: `sqlite://${join(this.dataDir, 'store.db')}`,
        STORE_STATIC_DIR: DIST,
        RUST_LOG: process.env.RUST_LOG ?? 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    proc.stderr.on('data', (chunk) => { this.log += chunk; });
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${this.log}`)), 30_000);
      let out = '';
      proc.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/Store is running at (http:\/\/[^\s]+)/);
        const pay = out.match(/Payment sandbox is running at (http:\/\/[^\s]+)/);
        if (pay) this.paymentUrl = pay[1].replace(/\/$/, '');
        if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
      });
      proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${this.log}`)); });
    });
    this.addr = new URL(this.url).host;
    return this.url;
  }

  /** Stops the server with SIGTERM and resolves with its exit code (0 after a clean shutdown). */
  async stop() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return proc?.exitCode ?? null;
    const exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    const code = await exited;
    this.proc = null;
    return code;
  }

  /** Stops the server and removes its data folder. */
  async dispose() {
    await this.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
    Object.assign(this, { dataDir: null, addr: '127.0.0.1:0', url: null, paymentUrl: null, log: '' });
  }
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml',
};

/**
 * Serves the built app from dist/ inside the browser context, the way a CDN would when the
 * API is down. Only app files are answered here; /api and /media still go over the network to
 * the real (possibly stopped) server.
 */
export async function serveAppFromDist(context, origin) {
  await context.route((url) => url.origin === origin && !/^\/(api|media)\//.test(url.pathname), async (route) => {
    const path = new URL(route.request().url()).pathname;
    let file = normalize(path).replace(/^\/+/, '');
    if (file === '' || !extname(file)) file = 'index.html';
    const full = join(DIST, file);
    if (!full.startsWith(DIST) || !existsSync(full)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ status: 200, contentType: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream', body: readFileSync(full) });
  });
}

/** Runs every step, even after one throws; then throws the first error. */
async function all(...steps) {
  let failure;
  for (const step of steps) {
    try { await step(); } catch (e) { failure ??= e; }
  }
  if (failure) throw failure;
}

/**
 * `suite(title, [options,] body)` declares an end-to-end suite: a `describe` per viewport (or a
 * single one without a browser), each with its own server and its own Chromium, both stopped
 * after the suite however its tests end. `body(s)` declares the tests with node:test's `test`
 * (and may add hooks: a `before` runs once the server is up). Everything in `s` is the same
 * object for the whole describe, so it can be destructured:
 *
 * - `s.store`: the suite's `Store`, started before the first test; with `freshStore`, started
 *   anew (new database, new port) before every test and disposed after it.
 * - `s.device`: this describe's entry of `VIEWPORTS`.
 * - `s.newContext({ locale = 'en-US', languages, ...options })`: a browser context at the
 *   device's viewport; `languages` replaces `navigator.languages`. Closed after the test, which
 *   then fails if the browser refused anything in it under a Content-Security-Policy.
 * - `s.newPage(options)`: a page in a new such context.
 *
 * `options`:
 * - `viewports`: where to run, `VIEWPORTS` by default. Titles read "<title> on a phone
 *   (360 px)" for several, "<title> (phone)" for a single one.
 * - `browser: false`: no browser and no viewports; the describe is titled `title`.
 * - `env`: extra environment for the server.
 * - `freshStore: true`: a fresh server for every test (for tests that stop it).
 */
export function suite(title, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  const { viewports = VIEWPORTS, browser: withBrowser = true, env = {}, freshStore = false } = options;
  const runs = withBrowser
    ? viewports.map((device) => ({
      device,
      title: viewports.length > 1 ? `${title} on a ${device.name} (${device.viewport.width} px)` : `${title} (${device.name})`,
    }))
    : [{ device: null, title }];

  for (const { device, title: name } of runs) {
    describe(name, () => {
      const store = new Store({ env });
      let browser = null;
      let contexts = [];
      let refused = [];

      const newContext = async ({ locale = 'en-US', languages, ...more } = {}) => {
        if (!browser) throw new Error(`"${name}" runs without a browser`);
        const { name: _, ...deviceOptions } = device;
        const context = await browser.newContext({ ...deviceOptions, locale, ...more });
        contexts.push(context);
        cspViolations(context, refused);
        const openPage = context.newPage.bind(context);
        context.newPage = async () => withTakeover(await openPage());
        if (languages) {
          await context.addInitScript((langs) => {
            Object.defineProperty(navigator, 'languages', { get: () => langs });
          }, languages);
        }
        return context;
      };
      const newPage = async (contextOptions) => (await newContext(contextOptions)).newPage();

      before(async () => {
        if (withBrowser) browser = await launchBrowser();
        if (!freshStore) await store.start();
      });
      after(async () => {
        await all(() => store.dispose(), () => browser?.close());
      });
      beforeEach(async () => {
        contexts = [];
        refused = [];
        if (freshStore) await store.start();
      });
      afterEach(async () => {
        const open = contexts;
        await all(
          ...open.map((c) => () => c.close()),
          async () => { if (freshStore) await store.dispose(); },
          // The store's policy and the payment page's let every step run, frames included.
          () => assert.deepEqual(refused, [], 'nothing refused under a Content-Security-Policy'),
        );
      });

      body({ store, device, newContext, newPage });
    });
  }
}

/** A `width` x `height` RGB PNG written by hand (no image library here): `pixel(x, y)` is each
 * pixel's `[r, g, b]`. */
export function png(width, height, pixel) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Signs in as the seeded seller `seller` (its demo account) through the API: `call(method, path,
 * body, type)` sends a request in that session (cookie and CSRF token), fails the test on an
 * error answer and resolves with the JSON it answered; `cookie` is the session's.
 */
export async function sellerSession(store, seller) {
  const res = await fetch(`${store.url}/api/v1/seller/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${seller}@sellers.example`, password: 'crossroads-demo' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  const call = async (method, path, body, type = 'application/json') => {
    const res = await fetch(`${store.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': type } : {}) },
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { call, cookie };
}
