// Helpers for the end-to-end tests: start the real server on a free port with a fresh SQLite
// file, and drive Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, extname } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = new URL('../..', import.meta.url).pathname;
export const SERVER_BIN = process.env.STORE_SERVER_BIN ?? join(ROOT, 'target/debug/store-server');
export const DIST = process.env.STORE_DIST ?? join(ROOT, 'dist');

/** The viewports every end-to-end test runs at: a 360 px phone and a desktop. */
export const VIEWPORTS = [
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

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

/**
 * A running store-server. `start()` launches it (on a free port the first time, on the same
 * port after a `stop()`), with its own data folder so every test file starts from a fresh,
 * freshly seeded database.
 */
export class Store {
  /** `env`: extra environment for the server (a short quote lifetime, say). */
  constructor({ env = {} } = {}) {
    this.env = env;
    this.dataDir = mkdtempSync(join(tmpdir(), 'store-e2e-'));
    this.addr = '127.0.0.1:0';
    this.proc = null;
    this.url = null;
    this.log = '';
  }

  async start() {
    if (!existsSync(SERVER_BIN)) throw new Error(`server binary not found at ${SERVER_BIN}; run cargo build -p server`);
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

  async dispose() {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
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
