// The cart end to end: add products from two sellers on their pages, see them grouped, change
// a quantity, remove and undo, reload, follow a change made in another tab, switch currency.
import { describe, test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Store, VIEWPORTS, launchBrowser } from './support.mjs';

const visible = (text) => text.replace(/[\u2068\u2069]/g, '').trim();

for (const device of VIEWPORTS) {
  describe(`cart on a ${device.name} (${device.viewport.width} px)`, () => {
    let browser;
    let store;
    let contexts = [];
    let picks;

    const openContext = async () => {
      const { name, ...options } = device;
      const context = await browser.newContext({ ...options, locale: 'en-US' });
      contexts.push(context);
      return context;
    };

    // Two products from different sellers whose page starts on a variant in stock (colour
    // only, no size to choose), so "Add to cart" works without picking options.
    const findPicks = async () => {
      const list = await (await fetch(`${store.url}/api/v1/products?per_page=100`)).json();
      const found = [];
      for (const item of list.items) {
        const p = await (await fetch(`${store.url}/api/v1/products/${item.slug}`)).json();
        if (p.options.length !== 1 || p.options[0].axis !== 'colour') continue;
        if (found.some((f) => f.seller === p.seller.name)) continue;
        if (!p.variants.every((v) => v.stock >= 3)) continue;
        found.push({ slug: p.slug, title: p.title, seller: p.seller.name });
        if (found.length === 2) return found;
      }
      throw new Error('no two single-axis products from different sellers');
    };

    before(async () => {
      browser = await launchBrowser();
      store = new Store();
      await store.start();
      picks = await findPicks();
    });
    after(async () => {
      await store?.dispose();
      await browser?.close();
    });
    beforeEach(() => { contexts = []; });
    afterEach(async () => {
      for (const c of contexts) await c.close();
    });

    const addFromProductPage = async (page, pick) => {
      await page.goto(`${store.url}/en/p/${pick.slug}`);
      await page.getByRole('heading', { level: 1, name: pick.title }).waitFor();
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByText('Added to your cart.').waitFor();
    };

    test('products from two sellers are grouped, and quantity, remove, undo and reload work', async () => {
      const page = await (await openContext()).newPage();
      await addFromProductPage(page, picks[0]);
      await page.getByRole('link', { name: 'Cart: 1 product' }).waitFor();
      await addFromProductPage(page, picks[1]);
      await page.getByRole('link', { name: 'Cart: 2 products' }).click();
      await page.waitForURL(/\/en\/cart$/);
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();

      const groups = page.locator('.cart-group');
      await groups.nth(1).waitFor();
      assert.equal(await groups.count(), 2);
      for (const [i, pick] of picks.entries()) {
        const heading = await groups.nth(i).getByRole('heading', { level: 2 }).textContent();
        assert.ok(heading.startsWith(`Sold by ${pick.seller} · ships from `), heading);
        await groups.nth(i).getByRole('link', { name: pick.title }).waitFor();
      }

      // Nothing overflows sideways, at 360 px included.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `cart page overflows by ${overflow}px`);

      // One more of the first product: the count and the amounts follow the server.
      const first = groups.nth(0);
      const before = visible(await first.locator('.cart-subtotal').textContent());
      const plus = first.getByRole('button', { name: `One more · ${picks[0].title}` });
      const box = await plus.boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `stepper button ${box.width}x${box.height}`);
      await plus.click();
      await page.getByRole('link', { name: 'Cart: 3 products' }).waitFor();
      await page.waitForFunction(
        (b) => document.querySelector('.cart-group .cart-subtotal')?.textContent.replace(/[\u2068\u2069]/g, '').trim() !== b,
        before,
      );
      assert.equal(await first.getByLabel('Quantity').inputValue(), '2');

      // Remove, then undo.
      await first.getByRole('button', { name: 'Remove' }).click();
      await page.getByText(`Removed ${picks[0].title}.`).waitFor();
      await page.getByRole('link', { name: 'Cart: 1 product' }).waitFor();
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('link', { name: 'Cart: 3 products' }).waitFor();

      // A reload finds the cart as it was.
      await page.reload();
      await page.locator('.cart-group').nth(1).waitFor();
      assert.equal(await page.locator('.cart-line').count(), 2);
      await page.getByRole('link', { name: 'Cart: 3 products' }).waitFor();
    });

    test('a change made in one tab shows in the other, and every amount follows the currency', async () => {
      const context = await openContext();
      const one = await context.newPage();
      await addFromProductPage(one, picks[0]);
      const two = await context.newPage();
      await two.goto(`${store.url}/en/cart`);
      await two.locator('.cart-line').first().waitFor();

      await one.goto(`${store.url}/en/cart`);
      await one.getByRole('button', { name: `One more · ${picks[0].title}` }).click();
      await one.getByRole('link', { name: 'Cart: 2 products' }).waitFor();
      // The other tab hears of it through a storage event and reloads the cart.
      await two.getByRole('link', { name: 'Cart: 2 products' }).waitFor();
      await two.waitForFunction(() => document.querySelector('.cart-line input')?.value === '2');

      const currency = two.getByRole('combobox', { name: 'Currency' });
      await currency.fill('JPY');
      await currency.press('Enter');
      await two.waitForFunction(() => (document.querySelector('.cart-total')?.textContent ?? '').includes('¥'));
      for (const text of await two.locator('.cart-subtotal, .cart-total, .cart-line-total .price-main').allTextContents()) {
        assert.match(visible(text), /¥/, text);
      }
    });

    test('an empty cart offers a way back to shopping', async () => {
      const page = await (await openContext()).newPage();
      await page.goto(`${store.url}/en/cart`);
      await page.getByText('Your cart is empty.').waitFor();
      await page.getByRole('link', { name: 'Continue shopping' }).click();
      await page.waitForURL(/\/en\/$/);
    });
  });
}
