// The cart end to end: add products from two sellers on their pages, see them grouped, change
// a quantity, remove and undo, reload, follow a change made in another tab, switch currency,
// choose a ship-to country that holds checkout, keep working offline, open the compact cart.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visible } from './support.mjs';

suite('cart', ({ store, device, newContext, newPage }) => {
  let picks;

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
    picks = await findPicks();
  });

  const addFromProductPage = async (page, pick) => {
    await page.goto(`${store.url}/en/p/${pick.slug}`);
    await page.getByRole('heading', { level: 1, name: pick.title }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart.').waitFor();
  };

  test('products from two sellers are grouped, and quantity, remove, undo and reload work', async () => {
    const page = await newPage();
    await addFromProductPage(page, picks[0]);
    await page.getByRole('link', { name: 'Cart: 1 product' }).waitFor();
    await addFromProductPage(page, picks[1]);
    await page.getByRole('link', { name: 'Cart: 2 products' }).click();
    if (device.viewport.width >= 960) {
      // Large screens open the compact cart over the page first.
      const drawer = page.getByRole('dialog', { name: 'Your cart' });
      await drawer.getByRole('link', { name: picks[1].title }).waitFor();
      await drawer.getByRole('link', { name: picks[0].title }).waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      await page.getByRole('link', { name: 'Cart: 2 products' }).click();
      await drawer.getByRole('link', { name: 'View cart' }).click();
    }
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
    const context = await newContext();
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

  test('a ship-to country where an item is restricted shows the reason and holds checkout', async () => {
    // A product with a lithium battery and no stock in Australia: no route into Australia
    // takes batteries from abroad.
    const list = await (await fetch(`${store.url}/api/v1/products?per_page=100&category=phones-accessories`)).json();
    let battery;
    for (const item of list.items) {
      const p = await (await fetch(`${store.url}/api/v1/products/${item.slug}`)).json();
      const onePick = p.options.length === 0 || (p.options.length === 1 && p.options[0].axis === 'colour');
      const inAustralia = p.ships_from.some((w) => w.country === 'AU');
      if (p.handling.lithium_battery && onePick && !inAustralia && p.variants.every((v) => v.stock > 0)) {
        battery = p;
        break;
      }
    }
    assert.ok(battery, 'a product with a lithium battery');
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${store.url}/en/p/${battery.slug}`);
    await page.getByRole('heading', { level: 1, name: battery.title }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart.').waitFor();
    await page.goto(`${store.url}/en/cart`);
    const shipTo = page.getByLabel('Ship to');
    await shipTo.selectOption('AU');
    await page.getByText("Can't be sent to Australia: carriers into this country refuse lithium batteries from abroad.").waitFor();
    const checkout = page.getByRole('button', { name: 'Checkout' });
    assert.equal(await checkout.isDisabled(), true);
    await page.getByText('Checkout is on hold: change or remove the marked items, or choose another country.').waitFor();
    const box = await checkout.boundingBox();
    assert.ok(box.height >= 44, `checkout button ${box.height}px high`);

    // Another destination lifts the hold, and the choice is remembered.
    await shipTo.selectOption('US');
    await page.getByRole('link', { name: 'Checkout' }).waitFor();
    assert.equal(await page.getByText("Can't be sent to").count(), 0);
    await page.reload();
    assert.equal(await page.getByLabel('Ship to').inputValue(), 'US');
  });

  test('offline, the saved cart stays on screen and a change is sent when the connection returns', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await addFromProductPage(page, picks[0]);
    await page.goto(`${store.url}/en/cart`);
    await page.locator('.cart-line').first().waitFor();

    await context.setOffline(true);
    await page.getByRole('button', { name: `One more · ${picks[0].title}` }).click();
    await page.getByText("You're offline. This is the cart saved on this device").waitFor();
    await page.getByRole('link', { name: 'Cart: 2 products' }).waitFor();
    assert.equal(await page.getByLabel('Quantity').inputValue(), '2');
    assert.equal(await page.locator('.cart-line').count(), 1);

    await context.setOffline(false);
    await page.waitForFunction(() => !document.querySelector('.cart-offline'));
    // The server now holds the change.
    const token = await page.evaluate(() => localStorage.getItem('store.cart.token'));
    const cart = await (await fetch(`${store.url}/api/v1/carts/${token}`)).json();
    assert.equal(cart.item_count, 2);
  });

  test('a quantity that is not a number is kept in the box with the reason, and nothing changes', async () => {
    const page = await newPage();
    await addFromProductPage(page, picks[0]);
    await page.goto(`${store.url}/en/cart`);
    const qty = page.getByRole('textbox', { name: 'Quantity' });
    await qty.fill('two');
    await qty.press('Enter');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: /Enter a whole number from 1 to \d+\./ }).waitFor();
    assert.equal(await qty.inputValue(), 'two');
    assert.equal(await qty.getAttribute('aria-invalid'), 'true');
    await page.getByRole('link', { name: 'Cart: 1 product' }).waitFor();

    // A currency name that fits more than one currency is kept too, with the reason.
    const currency = page.getByRole('combobox', { name: 'Currency' });
    await currency.fill('peso');
    await currency.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'No single currency matches “peso”: choose one from the list.' }).waitFor();
    assert.equal(await currency.inputValue(), 'peso');
  });

  test('an empty cart offers a way back to shopping', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/en/cart`);
    await page.getByText('Your cart is empty.').waitFor();
    await page.getByRole('link', { name: 'Continue shopping' }).click();
    await page.waitForURL(/\/en\/$/);
  });
});
