// A seller previews its draft as buyers in another market would see it, on the release server
// (issue 18). The seller publishes a first banner, then puts a second one and a new English
// title of a product in its draft: buyers keep seeing the first. The seller's preview shows the
// draft under its "Preview — not published" bar in three device frames, each at its device's
// own viewport; switched to Indonesia / Bahasa Indonesia / IDR, every frame shows rupiah
// without decimals, Indonesian texts and delivery to Indonesia. A share link opens the same
// preview in a browser with no session, and once withdrawn says it is no longer available,
// with nothing of the draft. Publishing shows the change to buyers; restoring the earlier
// publication brings the first banner back.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { suite, visible, axeViolations, png, sellerSession } from './support.mjs';

const SELLER = 'mekong-kids';
const DEVICES = [[360, 740], [768, 1024], [1280, 800]];

/** The name of the banner a store page shows (`banner-{hash}`), once it shows one. */
async function bannerOf(scope) {
  const banner = scope.locator('img.store-banner');
  await banner.waitFor();
  const src = (await banner.getAttribute('src')) ?? '';
  return src.match(/banner-[0-9a-f]{32}/)?.[0] ?? src;
}

/** The device frames of a preview page, in the page's order (phone, tablet, desktop). */
async function deviceFrames(page) {
  const iframes = page.locator('.device iframe');
  await page.waitForFunction(() => document.querySelectorAll('.device iframe').length === 3);
  const frames = [];
  for (let i = 0; i < 3; i++) frames.push(await (await iframes.nth(i).elementHandle()).contentFrame());
  return frames;
}

suite('a seller’s preview', ({ store, device, newPage, newContext }) => {
  let call;
  let cookie;
  let first;
  let second;
  let product;
  let title;
  before(async () => {
    ({ call, cookie } = await sellerSession(store, SELLER));
    const own = await call('GET', '/api/v1/seller/products');
    product = own[0].slug;
    // What buyers see: the store with a first banner, published.
    const upload = (colour) => call('POST', '/api/v1/seller/images/banner', png(1200, 300, (x) => [colour[0], colour[1], (colour[2] + x) % 256]), 'application/octet-stream');
    const a = await upload([200, 40, 40]);
    const b = await upload([40, 40, 200]);
    [first, second] = [a.url, b.url].map((u) => u.match(/banner-[0-9a-f]{32}/)[0]);
    const state = await call('GET', '/api/v1/seller/store');
    await call('PUT', '/api/v1/seller/store/draft', { ...state.draft, tagline: 'Organic cotton for kids', banner: a.url });
    await call('PUT', '/api/v1/seller/store/featured', { products: own.slice(0, 3).map((p) => p.slug) });
    await call('POST', '/api/v1/seller/store/publish');
    // The draft: another banner and another English title, not published.
    await call('PUT', '/api/v1/seller/store/draft', { ...state.draft, tagline: 'Organic cotton for kids', banner: b.url });
    title = `Draft title ${device.name} ${Date.now() % 10_000}`;
    await call('PUT', `/api/v1/seller/products/${product}/texts/en`, { title, description_html: '<p>Soft organic cotton.</p>' });
  });

  test('the seller’s draft in three device frames and any market, a share link, publishing and undoing it', async () => {
    // A buyer sees what is published: the first banner, the published title.
    const buyer = await newPage({ locale: 'en-US' });
    await buyer.goto(`${store.url}/en/s/${SELLER}`);
    assert.equal(await bannerOf(buyer), first);
    await buyer.goto(`${store.url}/en/p/${product}`);
    const published = visible(await buyer.getByRole('heading', { level: 1 }).textContent());
    assert.notEqual(published, title);
    // …and no answer of the buyer's API carries the draft.
    const api = await (await fetch(`${store.url}/api/v1/sellers/${SELLER}?locale=en&currency=USD`)).text();
    assert.ok(!api.includes(second) && api.includes(first), api);

    // The seller's preview.
    const context = await newContext({ locale: 'en-US' });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: store.url }]);
    const page = await context.newPage();
    // From the dashboard's tab: a page load of its own (its policy lets it frame the store).
    await page.goto(`${store.url}/en/seller`);
    await page.getByRole('link', { name: 'Preview and share' }).click();
    await page.waitForURL('**/en/seller/preview');
    const bar = page.locator('.preview-console-bar');
    await bar.getByText('Preview — not published').waitFor();
    const frames = await deviceFrames(page);
    const wide = device.viewport.width >= 1000;
    for (const [i, frame] of frames.entries()) {
      if (!wide) await page.locator('.device-choice button').nth(i).click();
      await frame.locator('.preview-bar', { hasText: 'Preview — not published' }).waitFor();
      assert.equal(await bannerOf(frame), second, `frame ${i} shows the draft's banner`);
      // The bar stays at the top of the frame's viewport when its page scrolls.
      await frame.evaluate(() => window.scrollTo(0, 600));
      assert.ok(await frame.evaluate(() => window.scrollY) > 0, `frame ${i}'s page scrolled`);
      const top = await frame.locator('.preview-bar').evaluate((e) => e.getBoundingClientRect().top);
      assert.equal(top, 0, `frame ${i}'s bar stays in view`);
      // Each frame's viewport is its device's.
      const size = await frame.evaluate(() => [window.innerWidth, window.innerHeight]);
      assert.deepEqual(size, DEVICES[i], `frame ${i}'s viewport`);
      console.log(`# preview frame ${i} at ${device.name} viewport: ${size[0]} x ${size[1]} (scaled on screen to ${JSON.stringify(await page.locator('.device').nth(i).boundingBox())})`);
      // The product page inside the frame: its draft title.
      await frame.goto(`${store.url}/en/seller/preview/as-buyer/p/${product}`);
      await frame.getByRole('heading', { level: 1, name: title }).waitFor();
    }
    if (wide) {
      // Side by side: every frame on screen at once.
      const boxes = await page.locator('.device').evaluateAll((ds) => ds.map((d) => d.getBoundingClientRect().toJSON()));
      assert.ok(boxes[0].right <= boxes[1].left && boxes[1].right <= boxes[2].left, JSON.stringify(boxes));
      assert.ok(boxes[2].right <= device.viewport.width, JSON.stringify(boxes));
    } else {
      // One at a time, the others hidden.
      assert.equal(await page.locator('.device:visible').count(), 1);
    }

    // Indonesia, in Indonesian, in rupiah: every frame follows.
    await page.locator('#preview-country').selectOption('ID');
    assert.equal(await page.locator('#preview-currency').inputValue(), 'IDR', 'the currency follows the country');
    await page.locator('#preview-language').selectOption('id');
    for (const [i, frame] of frames.entries()) {
      if (!wide) await page.locator('.device-choice button').nth(i).click();
      await frame.waitForURL(`**/id/seller/preview/as-buyer/p/${product}`);
      await frame.locator('.preview-bar', { hasText: 'Pratinjau — belum diterbitkan' }).waitFor();
      assert.equal(await frame.evaluate(() => document.documentElement.lang), 'id');
      await frame.getByRole('heading', { level: 2, name: 'Pilihan pengiriman' }).waitFor();
      assert.equal(await frame.locator('#estimate-country').inputValue(), 'ID', `frame ${i} delivers to Indonesia`);
      await frame.locator('.estimate .estimate-option').first().waitFor();
      const price = visible(await frame.locator('.buy-box .price-main, .price-main').first().textContent());
      assert.match(price, /^(≈ )?Rp\s?[\d.]+$/, `frame ${i}: ${price} in rupiah, no decimals`);
      const delivery = visible(await frame.locator('.estimate .price-main').first().textContent());
      assert.match(delivery, /^(≈ )?Rp\s?[\d.]+$/, `frame ${i}: delivery ${delivery}`);
    }
    // The preview's own bar stays on screen down to the share links below the frames.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.ok(await page.evaluate(() => window.scrollY) > 0);
    assert.equal(await bar.evaluate((e) => Math.round(e.getBoundingClientRect().top)), 0, 'the preview bar stays in view');
    // The seller's own choices are untouched: the preview's are the tab's session's.
    assert.equal(await page.evaluate(() => localStorage.getItem('store.currency')), null);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('store.currency')), 'IDR');

    // A share link, opened in a browser with no session.
    if (!wide) await page.locator('.device-choice button').first().click();
    await page.locator('#link-days').fill('3');
    await page.getByRole('button', { name: 'Create link' }).click();
    const link = page.locator('.share-link[data-open]').first();
    await link.waitFor();
    const url = await link.locator('input').inputValue();
    assert.match(url, new RegExp(`^${store.url}/en/preview/[^/]+$`));
    const partner = await newPage({ locale: 'en-US' });
    await partner.goto(url);
    await partner.locator('.preview-console-bar').getByText('Preview — not published').waitFor();
    const shared = await deviceFrames(partner);
    for (const [i, frame] of shared.entries()) {
      if (!wide) await partner.locator('.device-choice button').nth(i).click();
      assert.equal(await bannerOf(frame), second, `the shared frame ${i} shows the draft`);
    }
    assert.deepEqual(await axeViolations(partner), [], 'axe-core on the shared preview');
    assert.equal(await partner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'no sideways scroll');
    for (const target of await partner.locator('.preview-console-bar select, .preview-console-bar button:visible').all()) {
      const box = await target.boundingBox();
      assert.ok(box.height >= 44, `${await target.evaluate((e) => e.outerHTML.slice(0, 60))} is ${box.height} px tall`);
    }

    // Withdrawn: the link says so, and shows nothing of the draft.
    await link.getByRole('button', { name: 'Withdraw' }).click();
    await page.locator('.share-link:not([data-open])', { hasText: 'Withdrawn' }).waitFor();
    const late = await newPage({ locale: 'en-US' });
    await late.goto(url);
    await late.getByRole('heading', { level: 1, name: 'This preview is no longer available' }).waitFor();
    assert.equal(await late.locator('iframe').count(), 0);
    assert.ok(!(await late.content()).includes(second));
    const token = url.split('/').pop();
    const gone = await fetch(`${store.url}/api/v1/preview/store`, { headers: { 'x-preview-token': token } });
    assert.equal(gone.status, 410, 'the frames\' API refuses the withdrawn link too');

    // Publishing: first what it will change, then buyers see it.
    await page.goto(`${store.url}/en/seller`);
    const changes = page.locator('details.store-changes');
    await changes.locator('summary').click();
    await changes.locator('li[data-part="banner"][data-change="changed"]').waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Buyers see everything you saved.').waitFor();
    await buyer.goto(`${store.url}/en/s/${SELLER}`);
    assert.equal(await bannerOf(buyer), second);

    // Undo: the earlier publication again, for buyers too.
    await page.goto(`${store.url}/en/seller/preview`);
    const earlier = page.locator('.publication').nth(1);
    await earlier.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('The earlier publication is back, and buyers see it.').waitFor();
    await page.locator('.publication').first().getByText(/restored from No\. 1/).waitFor();
    await buyer.goto(`${store.url}/en/s/${SELLER}`);
    assert.equal(await bannerOf(buyer), first);
    assert.deepEqual(await axeViolations(page), [], 'axe-core on the seller’s preview');
  });

  test('a tampered or unknown link shows a clear page and nothing of the draft', async () => {
    // A real link with its signature altered by one character, and a made-up one.
    const { path } = await call('POST', '/api/v1/seller/preview-links', { days: 1 });
    const last = path.at(-1) === 'A' ? 'B' : 'A';
    for (const forged of [`${path.slice(0, -1)}${last}`.replace(/^\/[a-z-]+\//, '/id/'), '/id/preview/1-9999999999-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const page = await newPage({ locale: 'id-ID' });
      await page.goto(`${store.url}${forged}`);
      await page.getByRole('heading', { level: 1, name: 'Tautan pratinjau ini tidak berfungsi' }).waitFor();
      assert.equal(await page.locator('iframe').count(), 0);
      assert.ok(!(await page.content()).includes(second), forged);
    }
    const robots = (await fetch(`${store.url}/id/preview/1-2-x`)).headers;
    assert.equal(robots.get('x-robots-tag'), 'noindex');
    assert.equal(robots.get('cache-control'), 'private, no-store');
    // No preview page is ever offered to search engines.
    const index = await (await fetch(`${store.url}/sitemap.xml`)).text();
    const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    assert.ok(files.length > 0, index);
    for (const file of files) {
      const listed = await (await fetch(`${store.url}${new URL(file).pathname}`)).text();
      assert.ok(listed.includes('/p/') && !listed.includes('preview'), `${file} lists no preview`);
    }
  });
});
