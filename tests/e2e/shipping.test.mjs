// Shipping end to end: the product page's estimate follows the ship-to country (and, for a
// buyer who has not chosen a currency, its currency); a restricted item says why; checkout
// replaces the options when the country changes, totals follow the chosen options, and a
// failing quote endpoint shows a retry without losing what was typed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, suite, visible } from './support.mjs';

suite('shipping', ({ store, newContext, newPage }) => {
  let plain;
  let battery;

  // A product that starts on an in-stock variant (colour only), with or without a battery.
  const findProduct = async (wantBattery) => {
    const list = await (await fetch(`${store.url}/api/v1/products?per_page=100&category=phones-accessories`)).json();
    for (const item of list.items) {
      const p = await (await fetch(`${store.url}/api/v1/products/${item.slug}`)).json();
      const onePick = p.options.length === 0 || (p.options.length === 1 && p.options[0].axis === 'colour');
      const h = p.handling;
      const handlingOk = wantBattery
        ? h.lithium_battery && !p.ships_from.some((w) => w.country === 'AU')
        : !h.lithium_battery && !h.liquid && !h.magnet && !h.fragile;
      if (onePick && handlingOk && p.variants.every((v) => v.stock >= 3)) return p;
    }
    throw new Error(`no product (battery: ${wantBattery})`);
  };

  before(async () => {
    plain = await findProduct(false);
    battery = await findProduct(true);
  });

  const estimate = (page) => page.getByRole('region', { name: 'Delivery options' });
  const optionIds = (scope) => scope.locator('[data-option]').evaluateAll((els) => els.map((e) => e.dataset.option));

  test('the product page estimate follows the ship-to country and its currency', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/en/p/${plain.slug}`);
    await page.getByRole('heading', { level: 1, name: plain.title }).waitFor();
    const box = estimate(page);
    await box.locator('[data-option]').first().waitFor();
    const us = await optionIds(box);
    assert.ok(us.length >= 1 && us.length <= 2, `cheapest and fastest: ${us}`);
    assert.ok(us.every((id) => id.includes('-US-')), us.join());
    await box.getByText('Cheapest').waitFor();
    await box.getByText('Fastest').waitFor();
    assert.match(visible(await box.locator('.price-main').first().textContent()), /\$/);
    assert.match(await box.textContent(), /Arrives/);

    await box.getByLabel('Ship to').selectOption('JP');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-option]')].every((e) => e.dataset.option.includes('-JP-')));
    // The buyer had not chosen a currency: the estimate (and every price) is now in yen.
    await page.waitForFunction(() => (document.querySelector('.estimate .price-main')?.textContent ?? '').includes('¥'));
    assert.equal(await page.getByRole('combobox', { name: 'Currency' }).inputValue(), 'JPY');
  });

  test('a landed product page keeps the estimate the server drew, asks for no quote until the destination changes, and the live one reads the same when it comes back', async () => {
    const page = await newPage();
    const quotes = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/shipping/quotes')) quotes.push(r.url()); });
    await page.goto(`${store.url}/ja/p/${plain.slug}`);
    const box = page.locator('.estimate');
    await box.locator('.estimate-drawn [data-option]').first().waitFor();
    const country = await box.locator('select').inputValue();
    const drawn = visible(await box.locator('.estimate-options').innerText());
    assert.match(drawn, /\d/);
    await page.waitForTimeout(500);
    assert.deepEqual(quotes, [], 'the app asked for a quote the page already had');

    const other = country === 'DE' ? 'FR' : 'DE';
    await box.locator('select').selectOption(other);
    await page.waitForFunction((c) => [...document.querySelectorAll('.estimate [data-option]')].length > 0
      && [...document.querySelectorAll('.estimate [data-option]')].every((e) => e.dataset.option.includes(`-${c}-`)), other);
    // Quoted live now (twice when the currency follows the destination: the page is priced
    // again and drawn anew).
    assert.ok(quotes.length >= 1 && quotes.every((u) => u.includes('currency=EUR')), quotes.join());
    assert.equal(await box.locator('.estimate-drawn').count(), 0, 'the drawn estimate stayed after the change');

    // Back to the first destination: quoted live, in the browser's formatting, the same text.
    await box.locator('select').selectOption(country);
    await page.waitForFunction((c) => [...document.querySelectorAll('.estimate [data-option]')].length > 0
      && [...document.querySelectorAll('.estimate [data-option]')].every((e) => e.dataset.option.includes(`-${c}-`)), country);
    await page.waitForFunction(() => document.querySelector('.estimate-body')?.getAttribute('aria-busy') === 'false');
    assert.equal(visible(await box.locator('.estimate-options').innerText()), drawn);
  });

  test('an item that cannot ship to the chosen country says why on its page', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/en/p/${battery.slug}`);
    await page.getByRole('heading', { level: 1, name: battery.title }).waitFor();
    const box = estimate(page);
    await box.locator('[data-option]').first().waitFor();
    await box.getByLabel('Ship to').selectOption('AU');
    await box.getByText("Can't be sent to Australia: carriers into this country refuse lithium batteries from abroad.").waitFor();
    assert.equal(await box.locator('[data-option]').count(), 0);
  });

  const checkoutWithCart = async (context) => {
    const page = await context.newPage();
    await page.goto(`${store.url}/en/p/${plain.slug}`);
    await page.getByRole('heading', { level: 1, name: plain.title }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart.').waitFor();
    await page.goto(`${store.url}/en/cart`);
    // The cart shows its estimate per shipment before checkout.
    await page.getByRole('heading', { name: /^Delivery to / }).waitFor();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL(/\/en\/checkout$/);
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await page.getByLabel('Email').fill('sam@example.com');
    await page.getByRole('button', { name: 'Continue' }).first().click();
    await usAddress(page);
    await page.locator('.delivery-option').first().waitFor();
    return page;
  };

  // A US address typed into the address step, then on to delivery.
  const usAddress = async (page, zip = '10001') => {
    const form = page.locator('section.checkout-step.current');
    await form.getByLabel('Full name').fill('Sam Lee');
    await form.getByLabel('Street address').fill('350 Fifth Avenue');
    await form.getByLabel('City').fill('New York');
    await form.getByLabel('State').fill('NY');
    await form.getByLabel('ZIP code').fill(zip);
    await form.getByLabel('Phone').fill('(201) 555-0123');
    await form.getByRole('button', { name: 'Continue' }).click();
  };

  test('in checkout another country replaces the options and the totals follow the choice', async () => {
    const page = await checkoutWithCart(await newContext());
    const ids = () => page.locator('.delivery-option input').evaluateAll((els) => els.map((e) => e.value));
    const us = await ids();
    assert.ok(us.length >= 2 && us.every((id) => id.includes('-US-')), us.join());
    const payNow = () => page.locator('section.checkout-step.current .summary-row.total dd').textContent();
    await page.locator('section.checkout-step.current .summary-row.total').waitFor();
    const first = visible(await payNow());

    // Another option: the server's totals change with it.
    const radios = page.getByRole('radio');
    const count = await radios.count();
    const checked = await radios.evaluateAll((els) => els.findIndex((e) => e.checked));
    await radios.nth(checked === 0 ? count - 1 : 0).check();
    await page.waitForFunction((before) => {
      const dd = document.querySelector('.summary-row.total dd');
      return dd && dd.textContent.replace(/[\u2068\u2069]/g, '').trim() !== before;
    }, first);

    // Back to the address: another country, whose postcode is checked as typed and kept.
    await page.locator('section.checkout-step').nth(1).getByRole('button', { name: 'Change' }).click();
    await page.getByLabel('Ship to').selectOption('GB');
    const postal = page.getByLabel('Postcode', { exact: false }).or(page.getByLabel('Postal code')).first();
    await postal.fill('SW1A@1AA');
    await postal.blur();
    await page.getByText(/^Enter a postal code like /).waitFor();
    assert.equal(await postal.getAttribute('aria-invalid'), 'true');
    assert.equal(await postal.inputValue(), 'SW1A@1AA');
    await postal.fill('SW1A 1AA');
    await page.getByLabel('Post town').or(page.getByLabel('City')).first().fill('London');
    await page.getByLabel('Phone').fill('07400 123456');
    await page.locator('section.checkout-step.current').getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction(() => {
      const values = [...document.querySelectorAll('.delivery-option input')].map((e) => e.value);
      return values.length > 0 && values.every((v) => v.includes('-GB-'));
    });
    // The labelled options show first; the rest are one tap away.
    const shipment = page.locator('fieldset.shipment').first();
    const before = await shipment.getByRole('radio').count();
    const all = shipment.getByRole('button', { name: /^Show all \d+ options$/ });
    assert.equal(await all.getAttribute('aria-expanded'), 'false');
    await all.click();
    await shipment.getByRole('button', { name: 'Show fewer options' }).waitFor();
    assert.ok(await shipment.getByRole('radio').count() > before, 'more options after "show all"');
    // Touch targets: every option row is at least 44 px high.
    for (const row of await page.locator('.delivery-option:not([hidden]) label').all()) {
      const b = await row.boundingBox();
      assert.ok(b.height >= 44, `option ${b.height}px`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `checkout overflows by ${overflow}px`);
  });

  test('with the quote endpoint failing, checkout offers a retry and keeps what was typed', async () => {
    const context = await newContext();
    const page = await checkoutWithCart(context);
    await context.route('**/api/v1/shipping/quotes?**', (route) => route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'unavailable', detail: 'down' }),
    }));
    // Another ZIP code: the quote fails, says so, and what was typed stays.
    await page.locator('section.checkout-step').nth(1).getByRole('button', { name: 'Change' }).click();
    await usAddress(page, '10002');
    await page.getByRole('alert').filter({ hasText: "We couldn't get delivery options. Nothing you entered was lost." }).waitFor();

    await context.unroute('**/api/v1/shipping/quotes?**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForFunction(() => !document.querySelector('.quote-error'));
    await page.locator('.delivery-option').first().waitFor();
    // The address survives a reload too.
    await page.reload();
    await page.locator('.delivery-option').first().waitFor();
    await page.locator('section.checkout-step').nth(1).getByRole('button', { name: 'Change' }).click();
    assert.equal(await page.getByLabel('ZIP code').inputValue(), '10002');
  });
});

// Quotes (and rate locks) last four seconds on this store.
const EXPIRING = { viewports: [PHONE], env: { STORE_FX_QUOTE_SECONDS: '4' } };

suite('an expiring shipping quote', EXPIRING, ({ store, newContext }) => {
  test('checkout asks again when the quote expires, says so, and keeps the totals working', async () => {
    const context = await newContext();
    const list = await (await fetch(`${store.url}/api/v1/products?per_page=5&category=apparel`)).json();
    const p = await (await fetch(`${store.url}/api/v1/products/${list.items[0].slug}`)).json();
    const sku = p.variants.find((v) => v.stock > 0).sku;
    const cart = await (await fetch(`${store.url}/api/v1/carts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [{ sku, quantity: 1 }] }),
    })).json();
    await context.addInitScript((token) => localStorage.setItem('store.cart.token', token), cart.token);
    // A buyer who already gave their contact and address (kept for the tab).
    await context.addInitScript(() => {
      const keep = (k, v) => sessionStorage.setItem(`store.checkout.${k}`, v);
      for (const [k, v] of Object.entries({ email: 'sam@example.com', name: 'Sam Lee', address_line1: '350 Fifth Avenue', city: 'New York', state: 'NY', postal_code: '10001', phone: '(201) 555-0123', step: '2', furthest: '2' })) keep(k, v);
    });
    const page = await context.newPage();
    const quotes = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/v1/shipping/quotes?')) quotes.push(r.url()); });
    await page.goto(`${store.url}/en/checkout`);
    await page.locator('section.checkout-step.current .summary-row.total').waitFor();
    await page.getByText('Delivery prices were updated because the earlier quote expired.').waitFor({ timeout: 15_000 });
    assert.ok(quotes.length >= 2, `quoted ${quotes.length} times`);
    // The renewed quote's totals answer (a stale id would be refused with 410).
    const radios = page.getByRole('radio');
    await radios.last().check();
    await page.locator('section.checkout-step.current .summary-row.total').waitFor();
  });
});
