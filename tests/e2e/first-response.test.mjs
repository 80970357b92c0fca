// What the first response brings: a product page's HTML carries the API's answer for it, so
// the app shows the product without asking the server again — unless the buyer's currency is
// not the one the server guessed, when the app asks for its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visible } from './support.mjs';

suite('first response', ({ store, newPage }) => {
  const productRequests = (page) => {
    const seen = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (/^\/api\/v1\/products\/[^/]+$/.test(url.pathname)) seen.push(url.pathname + url.search);
    });
    return seen;
  };

  test('a product page landed on shows its product without asking the API, and the next product asks', async () => {
    const page = await newPage();
    const [first, second] = (await (await fetch(store.url + '/api/v1/products')).json()).items;
    const seen = productRequests(page);
    await page.goto(`${store.url}/en/p/${first.slug}`);
    await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).waitFor();
    assert.deepEqual(seen, [], 'the landing product was fetched again');
    // The inlined answer is used once: another product is asked for.
    await page.goto(`${store.url}/en/`);
    await page.getByRole('list', { name: 'Products' }).getByRole('link', { name: second.title }).first().click();
    await page.getByRole('heading', { level: 1, name: second.title }).waitFor();
    assert.equal(seen.length, 1, `requests: ${seen.join(', ')}`);
  });

  test('home and category pages landed on show their products without asking the API, and a later page asks', async () => {
    const page = await newPage();
    const listings = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname === '/api/v1/products') listings.push(url.search);
    });
    await page.goto(`${store.url}/en/`);
    await page.getByRole('list', { name: 'Products' }).getByRole('listitem').first().waitFor();
    await page.goto(`${store.url}/en/c/apparel`);
    await page.getByRole('list', { name: 'Products' }).getByRole('listitem').first().waitFor();
    assert.deepEqual(listings, [], 'a landing listing was fetched again');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/page=2/);
    await page.getByRole('list', { name: 'Products' }).getByRole('listitem').first().waitFor();
    assert.equal(listings.length, 1, `requests: ${listings.join(', ')}`);
  });

  test('a buyer who chose another currency gets prices in it, asked for by the app', async () => {
    const page = await newPage();
    const product = (await (await fetch(store.url + '/api/v1/products')).json()).items[2];
    await page.goto(`${store.url}/en/`);
    await page.evaluate(() => localStorage.setItem('store.currency', 'EUR'));
    const seen = productRequests(page);
    await page.goto(`${store.url}/en/p/${product.slug}`);
    // The server drew the first screen in its guess (dollars); the app's page has replaced it.
    await page.getByRole('heading', { level: 1, name: product.title }).waitFor();
    await page.locator('.price-main').first().waitFor();
    assert.equal(seen.length, 1, `requests: ${seen.join(', ')}`);
    assert.match(seen[0], /currency=EUR/);
    const price = visible(await page.locator('.price-main').first().textContent());
    assert.match(price, /€/, price);
    // The app told the server (a cookie): the next first screen is in euros already, and the
    // app does not ask again.
    const html = await (await page.request.get(`${store.url}/en/p/${product.slug}`)).text();
    const first = html.slice(html.indexOf('<div id="first-screen">'));
    assert.match(first.slice(first.indexOf('class="price-main"'), first.indexOf('class="price-main"') + 200), /€/);
    seen.length = 0;
    await page.reload();
    assert.deepEqual(seen, [], 'the product was asked for again');
  });
});
