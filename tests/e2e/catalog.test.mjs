// The multilingual catalog end to end: browse and open products in es, ja and ar, switch
// language on a product page, search in Chinese and Thai, keep filters + sort + page across
// reload and history, machine-translation marks with the original on request, the variant
// picker, and the localized "not found" page — at a phone and a desktop viewport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite } from './support.mjs';

const api = async (store, path) => {
  const res = await fetch(store.url + path);
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return res.json();
};

/** A product whose text in `locale` is machine translated, with its original. */
async function machineTranslated(store, locale) {
  const list = await api(store, `/api/v1/products?per_page=40&locale=${locale}`);
  for (const item of list.items) {
    const p = await api(store, `/api/v1/products/${item.slug}?locale=${locale}`);
    if (p.provenance === 'machine') return p;
  }
  throw new Error(`no machine-translated product in ${locale} on the first page`);
}

/** A product with two option axes where some combination is not made. */
async function withMissingCombination(store) {
  for (const page of [1, 2, 3, 4]) {
    const list = await api(store, `/api/v1/products?category=apparel&per_page=50&page=${page}`);
    for (const item of list.items) {
      const p = await api(store, `/api/v1/products/${item.slug}?locale=en`);
      const colours = p.options.find((o) => o.axis === 'colour')?.values ?? [];
      const sizes = p.options.find((o) => o.axis === 'size')?.values ?? [];
      for (const c of colours) {
        for (const s of sizes) {
          if (!p.variants.some((v) => v.colour === c.code && v.size === s.code)) return { p, colour: c, size: s };
        }
      }
    }
  }
  throw new Error('no product with a missing combination');
}

suite('catalog', ({ store, device, newPage }) => {
  for (const locale of ['es', 'ja', 'ar']) {
    test(`a buyer browses and opens a product in ${locale}`, async () => {
      const page = await newPage();
      const first = (await api(store, `/api/v1/products?locale=${locale}`)).items[0];
      await page.goto(`${store.url}/${locale}/`);
      const card = page.getByRole('article', { name: first.title });
      await card.getByRole('link', { name: first.title }).click();
      await page.waitForURL(new RegExp(`/${locale}/p/${first.slug}$`));
      await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), locale);
      assert.equal(await page.title(), `${first.title} · Crossroads Market`);
      const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
      assert.equal(canonical, `${store.url}/${locale}/p/${first.slug}`);
      assert.equal(await page.locator('link[rel=alternate][hreflang]').count(), 13);
      const description = await page.locator('meta[name=description]').getAttribute('content');
      assert.ok(description.length > 20, description);
      if (locale === 'ar') {
        assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
        // Mirrored: the brand sits at the inline start, which is the right edge.
        const brand = await page.getByRole('link', { name: 'Crossroads Market' }).boundingBox();
        assert.ok(brand.x + brand.width > device.viewport.width - 40, `brand at x=${brand.x}`);
      } else {
        assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `product page overflows by ${overflow}px`);
    });
  }

  test('switching language on a product page stays on that product', async () => {
    const page = await newPage();
    const p = (await api(store, '/api/v1/products?locale=es')).items[1];
    const ja = await api(store, `/api/v1/products/${p.slug}?locale=ja`);
    await page.goto(`${store.url}/es/p/${p.slug}`);
    await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
    await page.getByLabel('Idioma').selectOption('ja');
    await page.waitForURL(new RegExp(`/ja/p/${p.slug}$`));
    await page.getByRole('heading', { level: 1, name: ja.title }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  });

  test('a Chinese query finds products by their Chinese titles', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/zh-CN/`);
    await page.getByRole('searchbox', { name: '搜索商品' }).fill('耳机');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/zh-CN\/search\?q=/);
    // The previous listing stays up until the search answers; wait for the answer.
    const list = page.getByRole('list', { name: '商品' });
    const expected = await api(store, `/api/v1/products?q=${encodeURIComponent('耳机')}&locale=zh-CN`);
    await page.getByRole('status').filter({ hasText: `${expected.total} 件商品` }).waitFor();
    const titles = await list.getByRole('heading').allTextContents();
    assert.ok(titles.length > 0, 'no results for 耳机');
    for (const title of titles) assert.ok(title.includes('耳机'), title);
  });

  test('a Thai query finds products by their Thai titles', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/th/search?q=${encodeURIComponent('หูฟัง')}`);
    const list = page.getByRole('list', { name: 'สินค้า' });
    await list.getByRole('heading', { name: /หูฟัง/ }).first().waitFor();
    const titles = await list.getByRole('heading').allTextContents();
    assert.ok(titles.length > 0, 'no results for หูฟัง');
    for (const title of titles) assert.ok(title.includes('หูฟัง'), title);
  });

  test('filter, sort and page 2 survive a reload and back and forward', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/en/`);
    const filters = page.locator('details.filters');
    if (!(await filters.getAttribute('open') !== null)) await filters.locator('summary').click();
    await page.getByRole('navigation', { name: 'Filters' }).getByRole('link', { name: /^Apparel/ }).click();
    await page.waitForURL(/\/en\/c\/apparel$/);
    await page.getByLabel('Sort by').selectOption('price_asc');
    await page.waitForURL(/\/en\/c\/apparel\?sort=price_asc$/);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/\/en\/c\/apparel\?sort=price_asc&page=2$/);
    const expected = await api(store, '/api/v1/products?category=apparel&sort=price_asc&page=2');

    const check = async () => {
      await page.getByText(`Page 2 of ${expected.total_pages}`).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Apparel' }).waitFor();
      assert.equal(await page.getByLabel('Sort by').inputValue(), 'price_asc');
      const first = page.getByRole('list', { name: 'Products' }).getByRole('heading').first();
      assert.equal((await first.textContent()).trim(), expected.items[0].title);
    };
    await check();
    await page.reload();
    await check();
    await page.goBack();
    await page.waitForURL(/\/en\/c\/apparel\?sort=price_asc$/);
    await page.getByText(`Page 1 of ${expected.total_pages}`).waitFor();
    await page.goBack();
    await page.waitForURL(/\/en\/c\/apparel$/);
    assert.equal(await page.getByLabel('Sort by').inputValue(), 'relevance');
    await page.goForward();
    await page.waitForURL(/\/en\/c\/apparel\?sort=price_asc$/);
    await page.goForward();
    await page.waitForURL(/\/en\/c\/apparel\?sort=price_asc&page=2$/);
    await check();
  });

  test('a search with no matches offers popular products and a way out', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/en/search?q=qqzzxx&handling_free=true`);
    await page.getByRole('heading', { name: 'No products match' }).waitFor();
    assert.ok(await page.getByRole('list', { name: 'Products' }).getByRole('listitem').count() > 0);
    await page.locator('.no-results').getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/en\/search\?q=qqzzxx$/);
  });

  test('a machine-translated description is marked and shows the original on request', async () => {
    const page = await newPage();
    const p = await machineTranslated(store, 'es');
    await page.goto(`${store.url}/es/p/${p.slug}`);
    await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
    await page.getByText('Traducción automática').waitFor();
    const toggle = page.getByRole('button', { name: /Ver original/ });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    const heading = page.getByRole('heading', { level: 1, name: p.original.title });
    await heading.waitFor();
    assert.equal(await heading.getAttribute('lang'), p.original.locale);
    await page.getByRole('button', { name: 'Ver traducción' }).click();
    await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
  });

  test('a size not made in the chosen colour is disabled and says why', async () => {
    const page = await newPage();
    const { p, colour, size } = await withMissingCombination(store);
    await page.goto(`${store.url}/en/p/${p.slug}`);
    await page.getByRole('heading', { level: 1, name: p.title }).waitFor();
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.getByRole('radio', { name: new RegExp(`^${escape(colour.label)}( \\(|$)`) }).check({ force: true });
    const radio = page.getByRole('radio', { name: new RegExp(`^${escape(size.label)} \\(not available`) });
    await radio.waitFor();
    assert.ok(await radio.isDisabled());
    // Choosing a size that is made names a variant: price and stock appear, add to cart is enabled.
    const made = p.variants.find((v) => v.colour === colour.code && v.stock > 0);
    if (made) {
      await page.getByRole('radio', { name: new RegExp(`^${escape(made.size)}$`) }).check({ force: true });
      await page.locator('.stock').waitFor();
      const add = page.getByRole('button', { name: 'Add to cart' });
      assert.ok(await add.isEnabled());
      const box = await add.boundingBox();
      assert.ok(box.height >= 44, `add to cart is ${box.height}px tall`);
    }
  });

  test('an unknown product is a localized not-found page', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/tr/p/no-such-product`);
    await page.getByRole('heading', { level: 1, name: 'Ürün bulunamadı' }).waitFor();
    assert.equal(await page.locator('meta[name=robots]').getAttribute('content'), 'noindex');
  });
});
