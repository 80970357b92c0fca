// The home page, end to end: real server, real SQLite file, Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAppFromDist, suite, visible } from './support.mjs';

// Every test gets a fresh server: the last one stops it.
suite('home page', { freshStore: true }, ({ store, newPage }) => {
  test('products render with their prices formatted by the browser', async () => {
    const page = await newPage();
    await page.goto(store.url + '/en/');
    const list = page.getByRole('list', { name: 'Products' });
    await list.waitFor();
    const items = list.getByRole('listitem');
    assert.equal(await items.count(), 24);

    // Every card has a title heading and a price: the server's conversion into the buyer's
    // currency (US dollars for this en-US browser), marked "≈", over the seller's own price;
    // both are what Intl.NumberFormat makes of the server's exact amounts.
    const api = await (await fetch(store.url + '/api/v1/products?currency=USD')).json();
    const intl = (money) => page.evaluate(
      ({ amount, currency }) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount),
      money,
    );
    for (const product of api.items.slice(0, 6)) {
      const card = page.getByRole('article', { name: product.title });
      await card.getByRole('heading', { name: product.title }).waitFor();
      const main = visible(await card.locator('.price-main').textContent());
      if (product.price.currency === 'USD') {
        assert.equal(main, await intl(product.price));
      } else {
        assert.equal(main, `≈ ${await intl(product.converted.amount)}`, product.title);
        assert.equal(visible(await card.locator('.price-original').textContent()), await intl(product.price));
      }
    }

    // Images reserve their space before loading (no layout shift).
    const img = items.first().locator('img');
    assert.equal(await img.getAttribute('width'), '480');
    assert.equal(await img.getAttribute('height'), '480');

    // Nothing overflows sideways, at 360 px included.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px`);

    // Paging: the next-page link is a real touch target and keeps the page in the URL.
    const next = page.getByRole('link', { name: 'Next page' });
    const box = await next.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `next link is ${box.width}x${box.height}`);
    await next.click();
    await page.waitForURL(/\?page=2$/);
    await page.getByText(`Page 2 of ${api.total_pages}`).waitFor();
    const secondFirst = (await (await fetch(store.url + '/api/v1/products?page=2')).json()).items[0];
    await page.getByRole('article', { name: secondFirst.title }).waitFor();
    await page.goBack();
    await page.getByRole('article', { name: api.items[0].title }).waitFor();
  });

  test('a slow catalog shows a loading state, then the products', async () => {
    const page = await newPage();
    // Hold the real API response back until the loading state has been checked.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/v1/products*', async (route) => {
      await held;
      await route.continue();
    });
    // With a query the page carries no listing of its own (a landing page does): the app asks.
    await page.goto(store.url + '/en/?page=1');
    const status = page.getByRole('status').filter({ hasText: 'Loading' });
    await status.waitFor({ state: 'attached' });
    assert.equal((await status.textContent()).trim(), 'Loading products…');
    assert.equal(await page.getByRole('list', { name: 'Products' }).count(), 0);
    release();
    await page.getByRole('list', { name: 'Products' }).waitFor();
    // The loading status gives way to the result count.
    const { total } = await (await fetch(store.url + '/api/v1/products?per_page=1')).json();
    assert.equal((await page.getByRole('status').filter({ hasText: /^[\d,]+ products$/ }).textContent()).trim(), `${total} products`);
  });

  test('with the API stopped the page explains the problem and a retry succeeds once it is back', async () => {
    // The app itself comes from dist/ (as from a CDN); the API server is really stopped, so
    // its requests are refused by the operating system.
    const page = await newPage();
    const origin = store.url;
    assert.equal(await store.stop(), 0, 'the server shuts down cleanly on SIGTERM');
    await serveAppFromDist(page.context(), origin);
    await page.goto(origin + '/en/');

    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: "We can't reach the store right now" }).waitFor();
    const retry = alert.getByRole('button', { name: 'Try again' });
    const box = await retry.boundingBox();
    assert.ok(box.height >= 44, `retry button is ${box.height}px tall`);

    // Bring the API back on the same address and retry.
    await store.start();
    assert.equal(store.url, origin);
    await retry.click();
    await page.getByRole('list', { name: 'Products' }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.equal(await page.getByRole('list', { name: 'Products' }).getByRole('listitem').count(), 24);
  });
});
