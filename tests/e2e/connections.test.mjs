// The release server's listener and logs, over real sockets: a client trickling its headers is
// cut off, an idle keep-alive connection is closed, SIGTERM does not wait past its deadline for
// such clients, and the log keeps cart tokens and forged request ids out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { suite } from './support.mjs';

/** Opens a TCP connection to `url`'s host; resolves with the socket once connected. */
function open(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Milliseconds until `socket` is closed by the other side (or `limit` passes: -1). */
function closedWithin(socket, limit) {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(-1), limit);
    socket.once('close', () => { clearTimeout(timer); resolve(Date.now() - started); });
    socket.on('error', () => {});
    socket.resume();
  });
}

const env = { STORE_HEADER_TIMEOUT_SECONDS: '2', STORE_SHUTDOWN_SECONDS: '2', RUST_LOG: 'info' };

suite('the listener of the release server', { browser: false, env }, ({ store }) => {
  test('a client that trickles its headers is cut off after the header timeout', async () => {
    const socket = await open(store.url);
    socket.write('GET /healthz HTTP/1.1\r\nHost: shop\r\n');
    const trickle = setInterval(() => { if (!socket.destroyed) socket.write('X-Slow: 1\r\n'); }, 500);
    const ms = await closedWithin(socket, 8000);
    clearInterval(trickle);
    assert.ok(ms >= 0, 'the server closed the connection');
    assert.ok(ms < 5000, `closed after ${ms} ms`);
  });

  test('an idle keep-alive connection is closed after the header timeout', async () => {
    const socket = await open(store.url);
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk; });
    socket.write('GET /healthz HTTP/1.1\r\nHost: shop\r\n\r\n');
    const ms = await closedWithin(socket, 8000);
    assert.match(answer, /^HTTP\/1\.1 200/);
    assert.ok(ms >= 0 && ms < 5000, `closed after ${ms} ms`);
  });

  test('cart tokens are not in the log and a forged request id is not echoed or logged', async () => {
    const listing = await (await fetch(`${store.url}/api/v1/products?per_page=20`)).json();
    let sku;
    for (const item of listing.items) {
      const detail = await (await fetch(`${store.url}/api/v1/products/${item.slug}`)).json();
      sku = detail.variants.find((v) => v.stock > 0)?.sku;
      if (sku) break;
    }
    assert.ok(sku, 'a variant in stock');
    const created = await fetch(`${store.url}/api/v1/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x" forged=1' },
      body: JSON.stringify({ lines: [{ sku, quantity: 1 }] }),
    });
    assert.equal(created.status, 201);
    assert.notEqual(created.headers.get('x-request-id'), 'x" forged=1');
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const { token } = await created.json();
    const read = await fetch(`${store.url}/api/v1/carts/${token}`);
    assert.equal(read.status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(store.log.includes('/api/v1/carts/…'), 'the cart path is logged, redacted');
    assert.ok(!store.log.includes(token), 'the token is not logged');
    assert.ok(!store.log.includes('forged'), 'the forged id is not logged');
  });

  test('SIGTERM closes what is still open after the shutdown deadline and exits cleanly', async () => {
    const socket = await open(store.url);
    socket.write('GET /healthz HTTP/1.1\r\nHost: shop\r\n');
    const trickle = setInterval(() => { if (!socket.destroyed) socket.write('X-Slow: 1\r\n'); }, 300);
    const started = Date.now();
    const code = await store.stop();
    clearInterval(trickle);
    socket.destroy();
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 6000, `stopped after ${Date.now() - started} ms`);
  });
});
