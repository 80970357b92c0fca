// Locale routing end to end: `/` picks a locale, pages render in es, ja and ar (right to
// left), and the language menu keeps the page and its query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './support.mjs';

const HEADINGS = {
  es: 'Novedades de vendedores de todo el mundo',
  ja: '世界中の出品者から届いた新着商品',
  ar: 'جديد البائعين من جميع أنحاء العالم',
  en: 'Fresh from sellers worldwide',
};

suite('locales', ({ store, device, newPage }) => {
  test('the root sends a buyer to the first of their languages that the store speaks', async () => {
    const page = await newPage({ locale: 'es-CL', languages: ['pt-BR', 'es-CL', 'en'] });
    await page.goto(store.url + '/');
    await page.waitForURL(/\/es\/$/);
    await page.getByRole('heading', { level: 1, name: HEADINGS.es }).waitFor();

    const other = await newPage({ locale: 'fr-FR', languages: ['fr-FR', 'de'] });
    await other.goto(store.url + '/');
    await other.waitForURL(/\/en\/$/);
  });

  for (const locale of ['es', 'ja', 'ar']) {
    test(`the catalog reads in ${locale} with the right language and direction`, async () => {
      const page = await newPage();
      await page.goto(`${store.url}/${locale}/`);
      await page.getByRole('heading', { level: 1, name: HEADINGS[locale] }).waitFor();
      const html = page.locator('html');
      assert.equal(await html.getAttribute('lang'), locale);
      assert.equal(await html.getAttribute('dir'), locale === 'ar' ? 'rtl' : 'ltr');
      // The heading shows while products load; wait for the cards before counting them.
      const items = page.getByRole('list').filter({ has: page.getByRole('article') }).getByRole('listitem');
      await items.first().waitFor();
      assert.equal(await items.count(), 24);

      // In Arabic the header mirrors: the brand sits at the right edge, the menu at the left.
      const brand = await page.getByRole('link', { name: 'Crossroads Market' }).boundingBox();
      const menu = await page.locator('#language').boundingBox();
      const width = device.viewport.width;
      const centre = (box) => box.x + box.width / 2;
      if (locale === 'ar') {
        assert.ok(brand.x + brand.width > width - 40, `brand ends at x=${brand.x + brand.width}, should touch the right edge`);
        assert.ok(centre(menu) < centre(brand), 'language menu is left of the brand');
      } else {
        assert.ok(brand.x < 40, `brand at x=${brand.x} should touch the left edge`);
        assert.ok(centre(menu) > centre(brand), 'language menu is right of the brand');
      }
    });
  }

  test('switching language keeps the page and its query, and is remembered', async () => {
    const page = await newPage();
    // The first page's texts come inside index.html; another language's are fetched once.
    const textRequests = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/ui-texts/')) textRequests.push(new URL(r.url()).pathname); });
    await page.goto(`${store.url}/en/?page=2`);
    await page.getByText(/^Page 2 of \d+$/).waitFor();
    const menu = page.getByRole('combobox', { name: 'Language' });
    const box = await menu.boundingBox();
    assert.ok(box.height >= 44, `language menu is ${box.height}px tall`);
    await menu.selectOption('ja');
    await page.waitForURL(/\/ja\/\?page=2$/);
    await page.getByText(/^2 \/ \d+ ページ$/).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    assert.deepEqual(textRequests, ['/api/v1/ui-texts/ja']);

    // Coming back to the root later lands on the remembered choice, not the browser's, and
    // reads in it although the server sent the browser's language (English) with the page.
    await page.goto(store.url + '/');
    await page.waitForURL(/\/ja\/$/);
    await page.getByRole('heading', { level: 1, name: HEADINGS.ja }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: '言語' }).inputValue(), 'ja');
  });

  test('a page opened directly in a language needs no request for its texts', async () => {
    const page = await newPage({ languages: ['en-US'] });
    const textRequests = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/ui-texts/')) textRequests.push(r.url()); });
    await page.goto(`${store.url}/ar/`);
    await page.getByRole('heading', { level: 1, name: HEADINGS.ar }).waitFor();
    assert.deepEqual(textRequests, []);
  });

  test('an unknown path shows a localized not-found page with a way back', async () => {
    const page = await newPage({ locale: 'es-ES', languages: ['es-ES'] });
    await page.goto(`${store.url}/es/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    await page.getByRole('link', { name: 'Volver a la tienda' }).click();
    await page.waitForURL(/\/es\/$/);
  });
});
