// Checkout end to end, as a guest in Chile (es-CL, pesos): two items from two sellers, an
// address with a RUT, an option chosen per shipment, a sandbox card typed into the provider's
// frame (never sent to the store's origin), the confirmation with the server's totals; a
// declined card that keeps the cart and the form; a double click that makes one order; and a
// quote that expires during review and must be confirmed again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, suite, visible } from './support.mjs';
const CARD = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

/** Two in-stock products without special handling, from two sellers and two warehouses. */
async function twoSellers(url) {
  const list = await (await fetch(`${url}/api/v1/products?per_page=60`)).json();
  const picked = [];
  for (const item of list.items) {
    const p = await (await fetch(`${url}/api/v1/products/${item.slug}`)).json();
    const h = p.handling;
    if (h.lithium_battery || h.liquid || h.magnet || h.fragile) continue;
    if (p.options.length > 1) continue;
    const variant = p.variants.find((v) => v.stock >= 5);
    if (!variant) continue;
    if (picked.some((q) => q.seller.name === p.seller.name || q.ships_from[0].code === p.ships_from[0].code)) continue;
    picked.push({ ...p, sku: variant.sku });
    if (picked.length === 2) return picked;
  }
  throw new Error('no two sellers');
}

/** Types `card` into the provider's frame and waits until the store has its token. */
async function payWithCard(page, card) {
  const frame = page.frameLocator('iframe.payment-frame');
  await frame.getByLabel('Número de tarjeta').fill(card);
  await frame.getByLabel('Vencimiento (MM/AA)').fill('12/34');
  await frame.getByLabel('Código de seguridad').fill('123');
  await frame.getByRole('button', { name: 'Usar esta tarjeta' }).click();
  return frame;
}

const continueButton = (page) => page.locator('section.checkout-step.current').getByRole('button', { name: 'Continuar' });

/**
 * A buyer (in a context from the suite's `newContext`, `locale`) with one unit of `item` in the
 * cart, who already gave their contact and address in this tab (`session`), on the delivery step.
 */
async function returningBuyer(newContext, store, locale, item, session) {
  const context = await newContext({ locale });
  const cart = await (await fetch(`${store.url}/api/v1/carts`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lines: [{ sku: item.sku, quantity: 1 }] }),
  })).json();
  await context.addInitScript((token) => localStorage.setItem('store.cart.token', token), cart.token);
  await context.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) sessionStorage.setItem(`store.checkout.${k}`, v);
  }, { ...session, step: '2', furthest: '2' });
  const page = await context.newPage();
  await page.goto(`${store.url}/es/checkout`);
  await page.locator('section.checkout-step.current .summary-row.total').waitFor();
  return { context, page };
}

async function stockOf(url, product) {
  const p = await (await fetch(`${url}/api/v1/products/${product.slug}`)).json();
  return p.variants.find((v) => v.sku === product.sku).stock;
}

// After every test `suite` checks that the store's policy and the payment page's let every step
// run, the frame included: nothing refused under a Content-Security-Policy.
suite('checkout in Chile', ({ store, newContext }) => {
  let items;

  before(async () => {
    items = await twoSellers(store.url);
  });

  /** A buyer in Chile with both items in the cart, on the checkout page. */
  const buyer = async () => {
    const context = await newContext({ locale: 'es-CL' });
    const cart = await (await fetch(`${store.url}/api/v1/carts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: items.map((p) => ({ sku: p.sku, quantity: 1 })) }),
    })).json();
    await context.addInitScript((token) => {
      if (!localStorage.getItem('store.cart.seeded')) {
        localStorage.setItem('store.cart.token', token);
        localStorage.setItem('store.cart.seeded', '1');
      }
    }, cart.token);
    // Everything the storefront's origin is sent, to prove no card number is among it.
    const sent = [];
    context.on('request', (r) => sent.push({ url: r.url(), body: r.postData() ?? '' }));
    const page = await context.newPage();
    await page.goto(`${store.url}/es/checkout`);
    await page.getByLabel('Correo electrónico').or(page.locator('section.checkout-step.current')).first().waitFor();
    return { context, page, sent, cart };
  };

  const contactAndAddress = async (page) => {
    await page.getByLabel('Correo electrónico').fill('ana@example.cl');
    await page.getByRole('button', { name: 'Continuar' }).first().click();
    const form = page.locator('section.checkout-step.current');
    await form.getByLabel('Nombre completo').waitFor();
    assert.equal(await form.getByLabel('Enviar a').inputValue(), 'CL');
    await form.getByLabel('Nombre completo').fill('Ana Pérez');
    await form.getByLabel('Calle y número').fill('Av. Providencia 1234');
    await form.getByLabel(/^Código postal/).fill('7500000');
    // Chile's format names the city a commune and the state a region.
    await form.getByLabel('Comuna').fill('Providencia');
    await form.getByLabel('Región').fill('Región Metropolitana');
    await form.getByLabel('Teléfono').fill('9 6123 4567');
    // A RUT with a wrong check digit is caught, then corrected.
    const rut = form.getByLabel('RUT');
    await rut.fill('12.345.678-4');
    await rut.blur();
    await form.getByText('Revisa este número; se ve así:', { exact: false }).waitFor();
    assert.equal(await rut.getAttribute('aria-invalid'), 'true');
    await rut.fill('12.345.678-5');
    await form.getByRole('button', { name: 'Continuar' }).click();
  };

  const chooseDeliveryAndPay = async (page, card) => {
    const delivery = page.locator('section.checkout-step.current');
    await delivery.locator('fieldset.shipment').first().waitFor();
    const shipments = delivery.locator('fieldset.shipment');
    assert.equal(await shipments.count(), 2, 'one shipment per seller');
    // Per shipment, an option other than the preselected one.
    for (const shipment of await shipments.all()) {
      const radios = shipment.getByRole('radio');
      const checked = await radios.evaluateAll((els) => els.findIndex((e) => e.checked));
      const totals = page.waitForResponse((r) => r.url().includes('/totals'));
      await radios.nth(checked === 0 ? 1 : 0).check();
      await totals;
    }
    await page.locator('section.checkout-step.current .summary-row.total').waitFor();
    await delivery.getByRole('button', { name: 'Continuar' }).click();
    await payWithCard(page, card);
    await page.getByText(/^Pagas con Visa •••• \d{4}\.$/).waitFor();
    await continueButton(page).click();
    await page.getByRole('button', { name: 'Hacer el pedido' }).waitFor();
  };

  test('a guest in Chile pays in pesos for two sellers and sees the server totals on the confirmation', async () => {
    const { page, sent } = await buyer();
    const before = await Promise.all(items.map((p) => stockOf(store.url, p)));
    await contactAndAddress(page);
    await chooseDeliveryAndPay(page, CARD);
    const payNow = visible(await page.locator('.review .summary-row.total dd').textContent());
    assert.match(payNow, /CLP/, 'pesos');
    // A double click places one order.
    await page.getByRole('button', { name: 'Hacer el pedido' }).dblclick();
    await page.waitForURL(/\/es\/orders\/SO-[0-9A-Z]{5}-[0-9A-Z]{5}\?key=[0-9a-f]{32}$/);
    await page.getByRole('heading', { level: 1, name: '¡Gracias! Tu pedido está hecho.' }).waitFor();
    assert.equal(visible(await page.locator('.summary-row.total dd').first().textContent()), payNow);
    await page.getByText('Visa •••• 4242').waitFor();
    await page.getByText(/Av\. Providencia 1234/).waitFor();
    assert.equal(await page.locator('.order-shipment').count(), 2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the confirmation overflows by ${overflow}px`);

    const url = new URL(page.url());
    const number = url.pathname.split('/').pop();
    const order = await (await fetch(`${store.url}/api/v1/orders/${number}?email=ana@example.cl`)).json();
    assert.equal(order.totals.charged.currency, 'CLP');
    assert.deepEqual(order.totals.charged, order.totals.pay_now);
    assert.equal(order.address.customs_id, '12.345.678-5');
    assert.equal(order.lines.length, 2);
    const after = await Promise.all(items.map((p) => stockOf(store.url, p)));
    assert.deepEqual(after, before.map((n) => n - 1), 'one order, not two');
    // The card number went to the provider's origin only.
    const digits = (s) => s.replace(/\D/g, '');
    const toStore = sent.filter((r) => r.url.startsWith(store.url));
    const toProvider = sent.filter((r) => r.url.startsWith(store.paymentUrl));
    assert.ok(toStore.length > 10 && toProvider.length >= 2);
    assert.ok(toStore.every((r) => !digits(r.url + r.body).includes('4242424242424242')), 'the store never sees the card');
    assert.ok(toProvider.some((r) => digits(r.body).includes('4242424242424242')), 'the provider does');
    // Found again with the number and the email; another email finds nothing. The footer's
    // link leaves the confirmation for an empty lookup form (the same page's code, another page).
    await page.locator('.site-footer').getByRole('link', { name: 'Buscar un pedido' }).click();
    await page.waitForURL(`${store.url}/es/orders`);
    await page.getByLabel('Número de pedido').waitFor();
    assert.equal(await page.getByRole('heading', { name: '¡Gracias! Tu pedido está hecho.' }).count(), 0);
    assert.equal(await page.getByLabel('Número de pedido').inputValue(), '');
    await page.getByLabel('Número de pedido').fill(number);
    await page.getByLabel('Correo electrónico').fill('eve@example.cl');
    await page.getByRole('button', { name: 'Buscar pedido' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ningún pedido coincide con este número y correo.' }).waitFor();
    await page.getByLabel('Correo electrónico').fill('ANA@example.cl');
    await page.getByRole('button', { name: 'Buscar pedido' }).click();
    await page.getByText(`Pedido número ${number}`).waitFor();
    await page.getByText('Visa •••• 4242').waitFor();
    // Guessing is held back: after five wrong emails even the right one waits, and is told so.
    const lookUp = async (email) => {
      await page.getByLabel('Correo electrónico').fill(email);
      const answered = page.waitForResponse((r) => r.url().includes(`/api/v1/orders/${number}`));
      await page.getByRole('button', { name: 'Buscar pedido' }).click();
      return (await answered).status();
    };
    for (const guess of ['b@example.cl', 'c@example.cl', 'd@example.cl', 'e@example.cl']) {
      assert.equal(await lookUp(guess), 404);
    }
    assert.equal(await lookUp('ana@example.cl'), 429);
    await page.getByRole('alert').filter({ hasText: 'Demasiados intentos con este número de pedido' }).waitFor();
    // The header's cart is empty now, and checkout offers nothing to go through.
    await page.goto(`${store.url}/es/cart`);
    await page.getByText('Tu carrito está vacío.', { exact: false }).waitFor();
    await page.goto(`${store.url}/es/checkout`);
    await page.getByText('Tu carrito está vacío.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Pasos del pago' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Continuar' }).count(), 0);
  });

  test('a declined card keeps the cart and everything typed, and another card then pays', async () => {
    const { page } = await buyer();
    await contactAndAddress(page);
    await chooseDeliveryAndPay(page, DECLINED);
    await page.getByRole('button', { name: 'Hacer el pedido' }).click();
    await page.getByRole('alert').filter({ hasText: 'Se rechazó tu pago. No se cobró nada' }).waitFor();
    assert.match(page.url(), /\/es\/checkout$/);
    // The address is as typed.
    await page.locator('section.checkout-step').nth(1).getByRole('button', { name: 'Cambiar' }).click();
    assert.equal(await page.getByLabel('RUT').inputValue(), '12.345.678-5');
    assert.equal(await page.getByLabel('Nombre completo').inputValue(), 'Ana Pérez');
    await page.reload();
    await page.getByLabel('Nombre completo').waitFor();
    assert.equal(await page.getByLabel('Nombre completo').inputValue(), 'Ana Pérez');
    await page.locator('section.checkout-step.current').getByRole('button', { name: 'Continuar' }).click();
    // The cart still holds both items.
    await page.locator('fieldset.shipment').nth(1).waitFor();
    await page.locator('section.checkout-step.current').getByRole('button', { name: 'Continuar' }).click();
    // A card whose bank asks for a code, answered inside the provider's page.
    const frame = await payWithCard(page, '4000 0000 0000 3220');
    await frame.getByLabel('Código', { exact: true }).fill('0000');
    await frame.getByRole('button', { name: 'Confirmar' }).click();
    await frame.getByText('Ese código no es correcto. Inténtalo de nuevo.').waitFor();
    await frame.getByLabel('Código', { exact: true }).fill('1234');
    await frame.getByRole('button', { name: 'Confirmar' }).click();
    await page.getByText('Pagas con Visa •••• 3220.').waitFor();
    await page.locator('section.checkout-step.current').getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('button', { name: 'Hacer el pedido' }).click();
    await page.waitForURL(/\/es\/orders\/SO-/);
    await page.getByRole('heading', { level: 1, name: '¡Gracias! Tu pedido está hecho.' }).waitFor();
  });

  test('every checkout field has a label, targets are 44 px and nothing overflows', async () => {
    const { page } = await buyer();
    await page.getByLabel('Correo electrónico').fill('ana');
    await page.getByRole('button', { name: 'Continuar' }).first().click();
    await page.getByText('Escribe un correo como nombre@ejemplo.com.').waitFor();
    await page.getByLabel('Correo electrónico').fill('ana@example.cl');
    await page.getByRole('button', { name: 'Continuar' }).first().click();
    await page.getByLabel('Nombre completo').waitFor();
    const unlabelled = await page.locator('section.checkout-step.current input, section.checkout-step.current select')
      .evaluateAll((els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    for (const el of await page.locator('section.checkout-step.current input, section.checkout-step.current button').all()) {
      const b = await el.boundingBox();
      if (b) assert.ok(b.height >= 44, `${await el.getAttribute('id')} is ${b.height}px high`);
    }
    // The postal code is checked against Chile's pattern as typed, with an example.
    const postal = page.getByLabel(/^Código postal/);
    await postal.fill('75-000');
    await postal.blur();
    await page.getByText('Escribe un código postal como 8340457.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Pasos del pago' });
    assert.equal(await nav.locator('[aria-current="step"]').textContent(), 'Dirección de envío');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `checkout overflows by ${overflow}px`);
  });
});

const CHILE = { email: 'ana@example.cl', name: 'Ana Pérez', address_line1: 'Av. Providencia 1234', city: 'Providencia', state: 'Región Metropolitana', postal_code: '7500000', phone: '9 6123 4567', customs_id: '12.345.678-5' };
const PERU = { email: 'luis@example.pe', name: 'Luis Quispe', address_line1: 'Av. Larco 345', city: 'Miraflores', state: 'Lima', postal_code: '15074', phone: '912 345 678' };

// Shipping quotes and rate locks last eight seconds on this store.
const EXPIRING = { viewports: [PHONE], env: { STORE_FX_QUOTE_SECONDS: '8' } };

suite('quotes that expire, and charges in another currency', EXPIRING, ({ store, newContext }) => {
  let item;
  before(async () => {
    [item] = await twoSellers(store.url);
  });

  test('a quote renewed during review must be confirmed before the order is placed', async () => {
    const { page } = await returningBuyer(newContext, store, 'es-CL', item, CHILE);
    await continueButton(page).click();
    await payWithCard(page, CARD);
    await page.getByText('Pagas con Visa •••• 4242.').waitFor();
    await continueButton(page).click();
    // The quote runs out while the buyer reads the review: it is renewed and must be confirmed.
    await page.getByText('Se renovaron los precios de envío. Revisa el total y luego confírmalo.').waitFor({ timeout: 20_000 });
    const confirm = page.getByRole('button', { name: 'Confirmar el nuevo total y hacer el pedido' });
    await confirm.waitFor();
    await page.waitForFunction(() => !document.querySelector('.place-order').disabled);
    await confirm.click();
    await page.waitForURL(/\/es\/orders\/SO-/);
  });

  test('a buyer in Peru sees the charge in dollars beside the total in soles, before paying and on the order', async () => {
    const { page } = await returningBuyer(newContext, store, 'es-PE', item, PERU);
    assert.match(visible(await page.locator('section.checkout-step.current .summary-row.total dd').textContent()), /PEN/);
    await continueButton(page).click();
    const notice = page.locator('section.checkout-step.current .charge-notice');
    await notice.waitFor();
    const text = visible(await notice.textContent());
    assert.match(text, /^Se te cobrarán [\d.,]+\s?US\$ en dólar estadounidense: [\d.,]+\s?PEN al tipo de cambio fijado de 1 PEN = 0,\d+ USD\.$/, text);
    await payWithCard(page, CARD);
    await page.getByText('Pagas con Visa •••• 4242.').waitFor();
    await continueButton(page).click();
    await page.locator('section.checkout-step.current .charge-notice').waitFor();
    // The rate lock runs out during review: a new rate is locked and must be confirmed.
    await page.getByText('Se renovaron los precios de envío. Revisa el total y luego confírmalo.').waitFor({ timeout: 20_000 });
    const confirm = page.getByRole('button', { name: 'Confirmar el nuevo total y hacer el pedido' });
    await page.waitForFunction(() => !document.querySelector('.place-order').disabled);
    const shown = visible(await page.locator('section.checkout-step.current .charge-notice').textContent());
    await confirm.click();
    await page.waitForURL(/\/es\/orders\/SO-/);
    await page.getByText('Cobrado').waitFor();
    const number = new URL(page.url()).pathname.split('/').pop();
    const order = await (await fetch(`${store.url}/api/v1/orders/${number}?email=luis@example.pe`)).json();
    assert.equal(order.totals.pay_now.currency, 'PEN');
    assert.equal(order.totals.charged.currency, 'USD');
    assert.ok(order.totals.rate);
    // The order was charged at the renewed lock the buyer confirmed, in the amount they saw.
    assert.ok(shown.includes(`1 PEN = ${Number(order.totals.rate).toPrecision(3).replace('.', ',')} USD`), `${shown} / ${order.totals.rate}`);
    assert.ok(shown.replace(/\D/g, '').includes(order.totals.charged.amount.replace(/\D/g, '')), `${shown} / ${order.totals.charged.amount}`);
  });
});
