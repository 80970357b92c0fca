// The buyer's currency end to end: every price follows the currency menu without a reload,
// the choice survives a reload, es-CL buyers get Chilean pesos with no decimals, and Arabic
// pages keep prices readable right to left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visible } from './support.mjs';

suite('currency', ({ store, newPage }) => {
  // The price each card should show for `currency` in `locale`, from the server's answer.
  const expectedPrices = async (page, locale, currency, query = '') => {
    const api = await (await fetch(`${store.url}/api/v1/products?currency=${currency}&locale=${locale}${query}`)).json();
    return Promise.all(api.items.map(async (item) => {
      const money = item.converted && item.price.currency !== currency ? item.converted.amount : item.price;
      const text = await page.evaluate(
        ({ locale, amount, currency }) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount),
        { locale, ...money },
      );
      return { title: item.title, text: money === item.price ? text : `≈ ${text}`, amount: money.amount };
    }));
  };

  const shownPrices = (page) =>
    page.locator('.product-card .price-main').evaluateAll((els) => els.map((e) => e.textContent));

  test('searching the currency box and picking yen repaints every price without a reload, and the choice survives one', async () => {
    const page = await newPage({ languages: ['en-US'] });
    await page.goto(`${store.url}/en/`);
    const menu = page.getByRole('combobox', { name: 'Currency' });
    await page.locator('.product-card').first().waitFor();
    assert.equal(await menu.inputValue(), 'USD');
    const box = await menu.boundingBox();
    assert.ok(box.height >= 44, `currency menu is ${box.height}px tall`);
    await page.evaluate(() => { window.__sameDocument = true; });

    // The box is searchable: a word of the currency's name is enough.
    await menu.fill('yen');
    await menu.press('Enter');
    await page.waitForFunction(() => document.querySelector('#currency').value === 'JPY');
    const expected = await expectedPrices(page, 'en', 'JPY');
    await page.waitForFunction(
      (first) => document.querySelector('.product-card .price-main')?.textContent.replace(/[\u2068\u2069]/g, '') === first,
      expected[0].text,
    );
    const shown = (await shownPrices(page)).map(visible);
    assert.deepEqual(shown, expected.map((e) => e.text));
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');

    // The conversion is explained on the price: the seller's price, the rate and its source.
    const note = await page.locator('.product-card .price.converted').first().getAttribute('title');
    assert.match(note, /Seller's price .* Converted by the store at 1 [A-Z]{3} = [\d.,]+ JPY \(European Central Bank/);

    await page.reload();
    await page.locator('.product-card').first().waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Currency' }).inputValue(), 'JPY');
    await page.waitForFunction(
      (first) => document.querySelector('.product-card .price-main')?.textContent.replace(/[\u2068\u2069]/g, '') === first,
      expected[0].text,
    );
  });

  test('a Chilean Spanish browser sees Chilean pesos with no decimals', async () => {
    const page = await newPage({ locale: 'es-CL', languages: ['es-CL', 'es'] });
    await page.goto(`${store.url}/`);
    await page.waitForURL(/\/es\/$/);
    await page.locator('.product-card').first().waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Moneda' }).inputValue(), 'CLP');
    const expected = await expectedPrices(page, 'es', 'CLP');
    await page.waitForFunction(
      (first) => document.querySelector('.product-card .price-main')?.textContent.replace(/[\u2068\u2069]/g, '') === first,
      expected[0].text,
    );
    assert.deepEqual((await shownPrices(page)).map(visible), expected.map((e) => e.text));
    for (const e of expected) assert.match(e.amount, /^\d+$/, `${e.title}: ${e.amount} has decimals`);
  });

  test('prices read correctly in a right-to-left Arabic page', async () => {
    const page = await newPage({ locale: 'ar', languages: ['ar-SA', 'ar'] });
    await page.goto(`${store.url}/ar/`);
    await page.locator('.product-card').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.getByRole('combobox', { name: 'العملة' }).inputValue(), 'SAR');
    const expected = await expectedPrices(page, 'ar', 'SAR');
    await page.waitForFunction(
      (first) => document.querySelector('.product-card .price-main')?.textContent.replace(/[\u2068\u2069]/g, '') === first,
      expected[0].text,
    );
    const raw = await shownPrices(page);
    assert.deepEqual(raw.map(visible), expected.map((e) => e.text));
    // The currency symbol sits in its own bidi isolate, so the RTL layout cannot split it.
    for (const text of raw) assert.match(text, /\u2068[^\u2069\d٠-٩]+\u2069/, JSON.stringify(text));
    // And the price stays inside its card.
    const card = await page.locator('.product-card').first().boundingBox();
    const price = await page.locator('.product-card .price-main').first().boundingBox();
    assert.ok(price.x >= card.x - 1 && price.x + price.width <= card.x + card.width + 1, 'price inside its card');
  });
});
