// The wasm split per page (scripts/build-wasm.mjs, src/ui/lazy.rs): each page loads its own
// module, a module that does not arrive is asked for again and then explained, and the page a
// buyer is likely to open next is fetched when the browser is idle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, suite } from './support.mjs';

const manifest = JSON.parse(readFileSync(join(DIST, 'wasm-split.json'), 'utf8'));
const own = (page) => manifest.pages[page][0];

/** The wasm and JS files `page` requests until `until` resolves, with how often each. */
async function requested(page, until) {
  const files = new Map();
  page.on('request', (req) => {
    const name = new URL(req.url()).pathname.slice(1);
    if (/\.(wasm|js)$/.test(name)) files.set(name, (files.get(name) ?? 0) + 1);
  });
  await until();
  return files;
}

suite('split wasm', ({ store, newPage }) => {
  test('a product page loads its own module and never the checkout or order code', async () => {
    const page = await newPage();
    const slug = (await (await fetch(store.url + '/api/v1/products')).json()).items[0].slug;
    const files = await requested(page, async () => {
      await page.goto(`${store.url}/en/p/${slug}`);
      await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    });
    // The server's answer preloads the page's modules; the split loader uses those answers
    // (one request each, not a preload and then a fetch).
    for (const file of manifest.pages.product) {
      assert.equal(files.get(file), 1, `${file} requested ${files.get(file) ?? 0} times: ${[...files.keys()].join(', ')}`);
    }
    assert.ok(!files.has(own('checkout')), 'the checkout module was loaded');
    assert.ok(!files.has(own('orders')), 'the order module was loaded');
  });

  test('a listing fetches the product module once the browser is idle, and a product then opens without asking again', async () => {
    const page = await newPage();
    const seen = [];
    page.on('request', (req) => seen.push(new URL(req.url()).pathname.slice(1)));
    await page.goto(store.url + '/en/');
    await page.getByRole('list', { name: 'Products' }).waitFor();
    for (let waited = 0; !seen.includes(own('product')); waited += 100) {
      assert.ok(waited < 10_000, 'the product module was not fetched ahead within 10 s');
      await page.waitForTimeout(100);
    }
    const before = seen.filter((f) => f === own('product')).length;
    await page.getByRole('list', { name: 'Products' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    assert.equal(seen.filter((f) => f === own('product')).length, before, 'the product module was fetched twice');
    assert.ok(!seen.includes(own('checkout')), 'a listing fetched the checkout module');
  });

  test('a page whose module cannot be fetched is retried, then explained with a way to try again that works', async () => {
    const page = await newPage();
    const slug = (await (await fetch(store.url + '/api/v1/products')).json()).items[1].slug;
    let attempts = 0;
    let first;
    const block = (route) => {
      attempts += 1;
      first ??= Date.now();
      return route.abort('internetdisconnected');
    };
    await page.route(`**/${own('product')}`, block);
    await page.goto(`${store.url}/en/p/${slug}`);
    const alert = page.getByRole('alert').filter({ hasText: "We can't reach the store right now" });
    await alert.waitFor();
    const waited = Date.now() - first;
    // The server's preload link, then the page's three attempts (Chromium may answer the first
    // of them from the failed preload without a request), 0.4 s and 1.5 s apart: the page gives
    // up only after both pauses.
    assert.ok(attempts >= 3, `the module was asked for ${attempts} times before the page gave up`);
    assert.ok(waited >= 1_800, `the page gave up ${waited} ms after the first attempt`);
    // The rest of the app is alive: the header works and another page opens.
    await page.getByRole('link', { name: 'Crossroads Market' }).click();
    await page.getByRole('list', { name: 'Products' }).waitFor();
    await page.goBack();
    await alert.waitFor();

    // Back online, "Try again" shows the product.
    await page.unroute(`**/${own('product')}`, block);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
  });

  test('a link to a page whose code is still on its way keeps the page before it until the new one is drawn, then moves the address bar and the scroll', async () => {
    const page = await newPage();
    // Every request for the product module is held back 1.5 s, the idle prefetch's too.
    await page.route(`**/${own('product')}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    // A listing with a query: it must keep its own while the next page's code arrives.
    await page.goto(`${store.url}/en/c/apparel?sort=price_asc`);
    const products = page.getByRole('list', { name: 'Products' });
    await products.waitFor();
    await page.evaluate(() => window.scrollTo(0, 400));
    const card = products.locator('.card-link').nth(5);
    const href = await card.getAttribute('href');
    const listings = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/products') listings.push(r.url()); });
    await card.click();
    // While the code is on its way the listing stays, with its sort, and so do the address
    // and the scroll; it asks for nothing.
    await page.waitForTimeout(400);
    assert.ok(await products.isVisible(), 'the listing left before the product page was drawn');
    assert.equal(new URL(page.url()).pathname, '/en/c/apparel');
    assert.equal(await page.getByLabel('Sort by').inputValue(), 'price_asc');
    assert.deepEqual(listings, [], 'the listing fetched again while the product page was on its way');
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    assert.equal(new URL(page.url()).pathname, href);
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    // Back: the listing again, at its address.
    await page.goBack();
    await products.waitFor();
    assert.equal(new URL(page.url()).pathname, '/en/c/apparel');
    // Another product, its code here now: its page and its address.
    const next = products.locator('.card-link').nth(1);
    const [nextHref, nextTitle] = [await next.getAttribute('href'), await next.textContent()];
    await next.click();
    await page.getByRole('heading', { level: 1, name: nextTitle }).waitFor();
    assert.equal(new URL(page.url()).pathname, nextHref);
  });

  test('the compact cart whose module cannot be fetched says so inside the dialog', async (t) => {
    const page = await newPage();
    if ((page.viewportSize()?.width ?? 0) < 960) {
      t.skip('the compact cart is for large screens; a phone opens the cart page');
      return;
    }
    await page.route(`**/${own('cart')}`, (route) => route.abort('internetdisconnected'));
    await page.goto(store.url + '/en/');
    await page.getByRole('list', { name: 'Products' }).waitFor();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('dialog').getByRole('alert').filter({ hasText: "We can't reach the store right now" }).waitFor();
  });
});
