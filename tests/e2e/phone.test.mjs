// Buyable at once on a phone, end to end at 360 x 740: the product page's first screen holds
// the title, the price, the first delivery option and "Add to cart"; a sticky buy bar takes
// over once the buy box is scrolled past; the header condenses while scrolling down; the home
// page shows whole product cards on its first screen; images reserve their size and only the
// product's main picture is fetched eagerly. A desktop check keeps the wide layout honest.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { suite, PHONE, VIEWPORTS, visible } from './support.mjs';

const DESKTOP = VIEWPORTS[1];

const api = async (store, path) => {
  const res = await fetch(store.url + path);
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return res.json();
};

/**
 * A product whose page opens on a variant in stock (one option axis, colour) in the seller's
 * own words in English, like most of the catalog: "Add to cart" works without choosing.
 */
async function plainProduct(store) {
  const list = await api(store, '/api/v1/products?per_page=40');
  for (const item of list.items) {
    const p = await api(store, `/api/v1/products/${item.slug}?locale=en`);
    const single = p.options.length === 1 && p.options[0].axis === 'colour';
    if (single && !p.original && p.variants.every((v) => v.stock >= 3)) return p;
  }
  throw new Error('no single-axis product in stock on the first page');
}

/** The part of `box` outside a `width` x `height` viewport, as a readable complaint or null. */
function outside(box, { width, height }, name) {
  if (!box) return `${name} has no box`;
  const { x, y, width: w, height: h } = box;
  if (x < 0 || y < 0 || x + w > width + 0.5 || y + h > height + 0.5) {
    return `${name} at x=${x.toFixed(0)}..${(x + w).toFixed(0)}, y=${y.toFixed(0)}..${(y + h).toFixed(0)} is not inside ${width} x ${height}`;
  }
  return null;
}

/** Waits until `selector` and its children have finished their transitions. */
const settled = (page, selector) => page.waitForFunction(
  (selector) => document.querySelector(selector).getAnimations({ subtree: true }).length === 0,
  selector,
);

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Scrolls the window to `y` and waits two frames, so scroll handlers and observers have run. */
const scrollTo = (page, y) => page.evaluate((y) => new Promise((resolve) => {
  window.scrollTo(0, y);
  requestAnimationFrame(() => requestAnimationFrame(resolve));
}), y);

suite('buying on a phone', { viewports: [PHONE] }, ({ store, device, newPage }) => {
  let product;
  before(async () => {
    product = await plainProduct(store);
  });

  const openProduct = async (page, locale = 'en') => {
    await page.goto(`${store.url}/${locale}/p/${product.slug}`);
    await page.locator('h1').waitFor();
    // The first delivery option is the server's answer: wait for it, as the buyer would.
    await page.locator('.estimate [data-option]').first().waitFor();
  };

  test('the product page shows its title, price, first delivery option and Add to cart without scrolling', async () => {
    const page = await newPage();
    await openProduct(page);
    const title = page.getByRole('heading', { level: 1, name: product.title });
    const price = page.locator('.product-summary .product-price');
    const delivery = page.locator('.estimate [data-option] .option-price').first();
    const add = page.getByRole('button', { name: 'Add to cart' });
    const header = await page.locator('.site-header').boundingBox();
    for (const [name, locator] of [['title', title], ['price', price], ['first delivery option', delivery], ['Add to cart', add]]) {
      const box = await locator.boundingBox();
      assert.equal(outside(box, device.viewport, name), null);
      assert.ok(box.y >= header.y + header.height, `${name} is not under the header`);
    }
    // The delivery line names a price and a date; the buy box's button is a real touch target.
    assert.match(visible(await delivery.textContent()), /\$.*Arrives/);
    const addBox = await add.boundingBox();
    assert.ok(addBox.height >= 44 && addBox.width >= 44, `Add to cart is ${addBox.width}x${addBox.height}`);
    // Nothing to take over yet: the buy bar is hidden while the buy box is on screen.
    assert.equal(await page.locator('.buy-bar').isVisible(), false);
    assert.ok(await overflow(page) <= 0, 'the product page does not overflow sideways');
  });

  test('once the buy box is scrolled past a sticky buy bar shows the price and its Add to cart adds the product', async () => {
    const page = await newPage();
    await openProduct(page);
    const bar = page.locator('.buy-bar');
    const specs = page.locator('.specs');
    const specsTop = () => specs.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    const specsBefore = await specsTop();

    // Just past the buy box, far from the page's end.
    const past = await page.locator('.buy').evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY + 40);
    await scrollTo(page, past);
    await bar.waitFor({ state: 'visible' });
    await settled(page, '.buy-bar');
    // Showing the bar moved nothing: its space was kept all along.
    assert.equal(await specsTop(), specsBefore);
    const box = await bar.boundingBox();
    assert.equal(outside(box, device.viewport, 'buy bar'), null);
    assert.ok(Math.abs(box.y + box.height - device.viewport.height) <= 1, `the bar sits on the screen's bottom edge (ends at ${box.y + box.height})`);
    // The bar repeats the price the page shows.
    const shown = visible(await page.locator('.product-summary .price-main').textContent());
    assert.equal(visible(await bar.locator('.price').textContent()), shown);

    const add = bar.getByRole('button', { name: 'Add to cart' });
    const addBox = await add.boundingBox();
    assert.ok(addBox.height >= 44 && addBox.width >= 44, `the bar's button is ${addBox.width}x${addBox.height}`);
    await add.click();
    await page.getByText('Added to your cart.').waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Cart: 1 product' }).waitFor();

    // It covers nothing for good: at the very bottom it rests above the footer.
    await scrollTo(page, 1e6);
    await settled(page, '.buy-bar');
    const footer = await page.getByRole('link', { name: 'Find an order' }).boundingBox();
    const rest = await bar.boundingBox();
    assert.ok(rest.y + rest.height <= footer.y, `the bar (ends at ${rest.y + rest.height}) stays above the footer link (at ${footer.y})`);

    // Back at the buy box, the bar gives way.
    await scrollTo(page, 0);
    await bar.waitFor({ state: 'hidden' });
  });

  test('in Arabic the buy bar mirrors and still adds the product', async () => {
    const page = await newPage({ locale: 'ar' });
    await openProduct(page, 'ar');
    const past = await page.locator('.buy').evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY + 40);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    for (const locator of [page.locator('h1'), page.locator('.product-summary .product-price'), page.locator('.buy .add-to-cart')]) {
      assert.equal(outside(await locator.boundingBox(), device.viewport, 'first-screen item'), null);
    }
    await scrollTo(page, past);
    const bar = page.locator('.buy-bar');
    await bar.waitFor({ state: 'visible' });
    await settled(page, '.buy-bar');
    const price = await bar.locator('.price').boundingBox();
    const add = await bar.locator('.add-to-cart').boundingBox();
    // Right to left: the price at the right edge, the button on its left.
    assert.ok(price.x > add.x, `price at x=${price.x}, button at x=${add.x}`);
    assert.equal(outside(add, device.viewport, "the bar's button"), null);
    await bar.locator('.add-to-cart').click();
    await page.locator('.cart-count').filter({ hasText: '1' }).waitFor();
    assert.ok(await overflow(page) <= 0, 'the Arabic product page does not overflow sideways');
  });

  test('the header condenses to a thin bar while scrolling down and comes back on scrolling up', async () => {
    const page = await newPage();
    await openProduct(page);
    const header = page.locator('.site-header');
    const search = page.getByRole('searchbox');
    const full = await header.boundingBox();
    assert.ok(full.height <= 110, `the whole header is ${full.height}px tall`);
    assert.equal(outside(await search.boundingBox(), device.viewport, 'search box'), null);

    await scrollTo(page, 200);
    await scrollTo(page, 700);
    await page.locator('[data-header-condensed] .site-header').waitFor();
    // Once the slide has finished, measure what is left on screen.
    await settled(page, '.site-header');
    assert.equal(await page.locator('.search-box').evaluate((e) => getComputedStyle(e).opacity), '0');
    const thin = await header.boundingBox();
    const onScreen = thin.y + thin.height;
    assert.ok(onScreen <= 56, `the condensed header covers ${onScreen}px of the screen`);
    // The brand and the cart stay reachable in the thin bar.
    for (const name of ['Crossroads Market', 'Cart: 0 products']) {
      const box = await page.getByRole('link', { name }).boundingBox();
      assert.equal(outside(box, { width: device.viewport.width, height: onScreen }, name), null);
      assert.ok(box.height >= 44, `${name} is ${box.height}px tall`);
    }

    // Focus inside the header shows all of it, so the keyboard reaches the search box.
    // (and focusing it does not scroll the page).
    await search.focus();
    await settled(page, '.site-header');
    assert.equal(await page.locator('.search-box').evaluate((e) => getComputedStyle(e).opacity), '1');
    assert.equal(outside(await search.boundingBox(), device.viewport, 'focused search box'), null);
    assert.equal(await page.evaluate(() => window.scrollY), 700);
    await search.blur();
    await settled(page, '.site-header');
    assert.ok((await header.boundingBox()).y < 0, 'condensed again once focus leaves');

    // Scrolling back up brings the whole header back.
    await scrollTo(page, 600);
    await page.locator('html:not([data-header-condensed]) .site-header').waitFor();
    await settled(page, '.site-header');
    assert.equal(outside(await search.boundingBox(), device.viewport, 'search box after scrolling up'), null);
  });

  test('the skip link still takes the keyboard past the sticky header', async () => {
    const page = await newPage();
    await openProduct(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    assert.equal(await skip.evaluate((e) => e === document.activeElement), true);
    assert.equal(outside(await skip.boundingBox(), device.viewport, 'skip link'), null);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    // The next stop is the page's first link, not the header again.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true);
  });

  test('the home page shows at least two whole product cards on the first screen', async () => {
    const page = await newPage();
    await page.goto(`${store.url}/en/`);
    const cards = page.getByRole('list', { name: 'Products' }).getByRole('listitem');
    await cards.first().waitFor();
    const header = await page.locator('.site-header').boundingBox();
    const boxes = await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    const whole = boxes.filter((b) => b.top >= header.y + header.height && b.bottom <= device.viewport.height && b.left >= 0 && b.right <= device.viewport.width);
    assert.ok(whole.length >= 2, `${whole.length} whole cards on the first screen (first at y=${boxes[0].top}..${boxes[0].bottom})`);
    // Two columns of cards.
    assert.ok(boxes[1].top === boxes[0].top && boxes[1].left > boxes[0].right, 'the first two cards share a row');
    // The filters and the sort menu are real touch targets on one row.
    const filters = await page.locator('.filters > summary').boundingBox();
    const sort = await page.getByRole('combobox', { name: 'Sort by' }).boundingBox();
    assert.ok(filters.height >= 44 && sort.height >= 44, `filters ${filters.height}px, sort ${sort.height}px`);
    assert.ok(sort.x >= filters.x + filters.width, 'the sort menu is beside the filters button, not over it');
    assert.ok(await overflow(page) <= 0, 'the home page does not overflow sideways');
  });

  test('the main picture is fetched first and the others lazily, every image with its size', async () => {
    const page = await newPage();
    await openProduct(page);
    const main = page.locator('img.gallery-main');
    assert.equal(await main.getAttribute('fetchpriority'), 'high');
    assert.notEqual(await main.getAttribute('loading'), 'lazy');
    assert.equal(await main.getAttribute('width'), '480');
    assert.equal(await main.getAttribute('height'), '480');
    const thumbnails = page.locator('.thumbnails img');
    assert.ok(await thumbnails.count() >= 2);
    for (const img of await thumbnails.all()) {
      assert.equal(await img.getAttribute('loading'), 'lazy');
      assert.equal(await img.getAttribute('decoding'), 'async');
      assert.ok(await img.getAttribute('width') && await img.getAttribute('height'), 'a thumbnail has its size');
    }
    // The main picture is what the chosen colour shows, and the one the server's answer
    // preloads (one rule on both sides: domain::catalog::opening_picture).
    const src = await main.getAttribute('src');
    assert.ok(src.startsWith(`/media/products/${product.slug}/`), src);
    const html = await (await fetch(page.url())).text();
    const preloaded = html.match(/<link data-page-meta rel="preload" as="image" href="([^"]+)"/)?.[1];
    assert.equal(preloaded, src, 'the preloaded picture is the one shown');

    // On the home page every card's picture has its size; those below the first screen load lazily.
    await page.goto(`${store.url}/en/`);
    const images = page.getByRole('list', { name: 'Products' }).locator('img');
    await images.first().waitFor();
    const all = await images.evaluateAll((els) => els.map((e) => ({
      width: e.getAttribute('width'), height: e.getAttribute('height'),
      loading: e.getAttribute('loading'), decoding: e.getAttribute('decoding'),
    })));
    assert.equal(all.length, 24);
    for (const img of all) {
      assert.ok(img.width && img.height, 'a card image has width and height');
      assert.equal(img.decoding, 'async');
    }
    assert.ok(all.slice(4).every((img) => img.loading === 'lazy'), 'cards after the first four load lazily');
  });

  test('every page fits 360 px with touch-sized header controls', async () => {
    const page = await newPage();
    const paths = ['/en/', '/en/c/toys', '/en/search?q=shirt', `/en/p/${product.slug}`, `/ar/p/${product.slug}`, '/ru/', '/en/cart', '/en/orders'];
    for (const path of paths) {
      await page.goto(store.url + path);
      await page.locator('h1').first().waitFor();
      assert.ok(await overflow(page) <= 0, `${path} overflows sideways`);
      for (const control of ['.brand', '#language', '#search', '.search-submit', '#currency', '.cart-link']) {
        const box = await page.locator(control).boundingBox();
        assert.equal(outside(box, device.viewport, `${control} on ${path}`), null);
        assert.ok(box.height >= 44 && box.width >= 44, `${control} on ${path} is ${box.width}x${box.height}`);
      }
    }
  });
});

suite('the wide layout', { viewports: [DESKTOP] }, ({ store, device, newPage }) => {
  test('on a desktop the header is one row and the product page keeps the gallery beside the buy box', async () => {
    const product = await plainProduct(store);
    const page = await newPage();
    await page.goto(`${store.url}/en/p/${product.slug}`);
    await page.locator('.estimate [data-option]').first().waitFor();
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header.height <= 72, `the header is ${header.height}px tall`);
    const gallery = await page.locator('.gallery-main').boundingBox();
    const title = await page.locator('h1').boundingBox();
    const add = await page.getByRole('button', { name: 'Add to cart' }).boundingBox();
    assert.ok(title.x > gallery.x + gallery.width && add.x > gallery.x + gallery.width, 'title and Add to cart are beside the picture');
    assert.equal(outside(add, device.viewport, 'Add to cart'), null);
    assert.ok(await overflow(page) <= 0, 'the product page does not overflow sideways');
  });
});
