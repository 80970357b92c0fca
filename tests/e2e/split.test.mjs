// The wasm split per page (scripts/build-wasm.mjs, src/ui/lazy.rs): each page loads its own
// modules (in one file, its pack; a page a buyer lands on gets the main module in the same
// file, its landing file), a pack that does not arrive is asked for again and then explained,
// and the page a buyer is likely to open next is fetched when the browser is idle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, suite } from './support.mjs';

const manifest = JSON.parse(readFileSync(join(DIST, 'wasm-split.json'), 'utf8'));
// What the split loader fetches for a page's modules.
const own = (page) => manifest.packs[page];
const land = (page) => manifest.landing[page].file;

/** The wasm and JS files `page` requests until `until` resolves, with how often each. */
async function requested(page, until) {
  const files = new Map();
  page.on('request', (req) => {
    const name = new URL(req.url()).pathname.slice(1);
    if (/\.(wasm|js|bin)$/.test(name)) files.set(name, (files.get(name) ?? 0) + 1);
  });
  await until();
  return files;
}

suite('split wasm', ({ store, newPage }) => {
  test('a buyer landing on a product page fetches its code in one file, and never the checkout or order code', async () => {
    const page = await newPage();
    const slug = (await (await fetch(store.url + '/api/v1/products')).json()).items[0].slug;
    const files = await requested(page, async () => {
      await page.goto(`${store.url}/en/p/${slug}`);
      await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    });
    // The server's answer preloads the landing file; the start-up script uses that answer
    // (one request, not a preload and then a fetch), and neither the main module nor any of
    // the page's modules is fetched again on its own.
    const seen = [...files.keys()].join(', ');
    assert.equal(files.get(land('product')), 1, `the landing file was requested ${files.get(land('product')) ?? 0} times: ${seen}`);
    for (const file of [manifest.wasm, own('product'), ...manifest.pages.product]) {
      assert.ok(!files.has(file), `${file} was fetched besides the landing file: ${seen}`);
    }
    assert.ok(![...files.keys()].some((f) => f.startsWith('land_listing')), `a listing's landing file was fetched: ${seen}`);
    assert.ok(!files.has(own('checkout')), 'the checkout code was loaded');
    assert.ok(!files.has(own('orders')), 'the order code was loaded');
  });

  test('a cart page fetches the main module and its pack, each once', async () => {
    const page = await newPage();
    const files = await requested(page, async () => {
      await page.goto(`${store.url}/en/cart`);
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
      await page.waitForLoadState('networkidle');
    });
    const seen = [...files.keys()].join(', ');
    assert.equal(files.get(manifest.wasm), 1, `the main module: ${seen}`);
    assert.equal(files.get(own('cart')), 1, `the cart's pack: ${seen}`);
    assert.ok(![...files.keys()].some((f) => f.startsWith('land_')), `a landing file was fetched: ${seen}`);
  });

  test('a listing fetches the product module once the browser is idle, and a product then opens without asking again', async () => {
    const page = await newPage();
    const seen = [];
    page.on('request', (req) => seen.push(new URL(req.url()).pathname.slice(1)));
    await page.goto(store.url + '/en/');
    await page.getByRole('list', { name: 'Products' }).waitFor();
    for (let waited = 0; !seen.includes(own('product')); waited += 100) {
      assert.ok(waited < 10_000, 'the product pack was not fetched ahead within 10 s');
      await page.waitForTimeout(100);
    }
    const before = seen.filter((f) => f === own('product')).length;
    await page.getByRole('list', { name: 'Products' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    assert.equal(seen.filter((f) => f === own('product')).length, before, 'the product module was fetched twice');
    assert.ok(!seen.includes(own('checkout')), 'a listing fetched the checkout module');
  });

  test('a product page whose code cannot be fetched falls back to the main module, retries its pack, then explains with a way to try again that works', async () => {
    const page = await newPage();
    const slug = (await (await fetch(store.url + '/api/v1/products')).json()).items[1].slug;
    let attempts = 0;
    let first;
    const block = (route) => {
      attempts += 1;
      first ??= Date.now();
      return route.abort('internetdisconnected');
    };
    // The landing file fails too: the app starts from the main module alone, and the page's
    // pack is what it then cannot fetch.
    await page.route(`**/${land('product')}`, (route) => route.abort('internetdisconnected'));
    await page.route(`**/${own('product')}`, block);
    await page.goto(`${store.url}/en/p/${slug}`);
    const alert = page.getByRole('alert').filter({ hasText: "We can't reach the store right now" });
    await alert.waitFor();
    const waited = Date.now() - first;
    // The page's three attempts, 0.4 s and 1.5 s apart (the server preloaded the landing
    // file, not the pack): the page gives up only after both pauses.
    assert.ok(attempts >= 3, `the pack was asked for ${attempts} times before the page gave up`);
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
    // Every request for the product pack, the idle prefetch's too, is held back until the
    // listing has been checked (a fixed delay raced the prefetch, which starts before the click).
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(`**/${own('product')}`, async (route) => {
      await held;
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
    release();
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
