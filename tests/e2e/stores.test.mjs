// A seller's store page end to end, on the release server: the seller, in the dashboard at
// the suite's viewport (in Vietnamese, its language), signs in, uploads a banner, picks a theme
// colour (a low-contrast one is refused with the reason), schedules a campaign live now,
// features three products, corrects the Spanish title of one and publishes; a buyer in Spanish
// then follows "Vendido por" from a product to the store and sees the banner, the campaign,
// the featured products and the corrected title. The store's own texts reach the buyer
// machine-translated (a LibreTranslate-compatible server on loopback, answering
// "{target}:{text}"), with a switch to the seller's words. Once the campaign's window is over
// it is gone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { suite, visible, axeViolations, png, sellerSession } from './support.mjs';

const SELLER = 'mekong-kids';

/** A LibreTranslate-compatible translation server on a free loopback port. */
async function translationServer() {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const { q, target } = JSON.parse(body || '{}');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ translatedText: `${target}:${q}` }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${server.address().port}`;
}
const TRANSLATE_URL = await translationServer();

/** `YYYY-MM-DDTHH:MM` on the clock of Ho Chi Minh City (UTC+7, no summer time), `hours` from now. */
const saigon = (hours) => new Date(Date.now() + (hours + 7) * 3_600_000).toISOString().slice(0, 16);

suite('a seller’s store page', { env: { STORE_TRANSLATE_URL: TRANSLATE_URL } }, ({ store, device, newPage }) => {
  let featured;
  let corrected;
  let campaignProduct;
  let own;
  let call;
  before(async () => {
    ({ call } = await sellerSession(store, SELLER));
    own = await call('GET', '/api/v1/seller/products');
    assert.ok(own.length >= 5, `${SELLER} has ${own.length} products`);
    // The dashboard shows them in this order (best-selling first); the test features the
    // first three with the second moved to the top.
    featured = [own[1].slug, own[0].slug, own[2].slug];
    campaignProduct = own[3].slug;
  });

  test('a seller decorates its store in the dashboard and publishes it', async () => {
    const page = await newPage({ locale: 'vi-VN' });
    await page.goto(`${store.url}/vi/seller`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập vào cửa hàng' }).waitFor();
    // A wrong password is refused in the seller's language, and nothing else happens.
    await page.fill('#seller-email', `${SELLER}@sellers.example`);
    await page.fill('#seller-password', 'not the password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.seller-notice[data-failed]').waitFor();
    await page.fill('#seller-password', 'crossroads-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kênh người bán' }).waitFor();
    assert.equal(await page.title(), 'Kênh người bán · Crossroads Market');
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex');

    // The profile: texts in the seller's language, a banner, a theme colour.
    await page.fill('#store-tagline', 'Quần áo trẻ em bằng cotton hữu cơ');
    await page.fill('#store-about', '<p>Xưởng may gia đình ở <strong>Thủ Đức</strong>.</p>');
    await page.fill('#store-returns', '<p>Đổi trả trong 30 ngày.</p>');
    // Buyers shipping to Spain read a policy of their own.
    await page.getByRole('button', { name: 'Thêm quốc gia' }).click();
    await page.locator('#returns-country-0').selectOption('ES');
    await page.fill('#returns-policy-0', '<p>Đổi trả trong 14 ngày (EU).</p>');
    await page.setInputFiles('#store-banner', { name: 'banner.png', mimeType: 'image/png', buffer: png(1200, 400, (x, y) => [(x * 255) / 1200, 90, (y * 255) / 400]) });
    const preview = page.locator('.image-field:has(#store-banner) img.upload-preview');
    await preview.waitFor();
    assert.match(await preview.getAttribute('src'), /^\/media\/u\/banner-[0-9a-f]{32}\.jpg$/);
    // Gold: white text on it would be unreadable. Said as it is picked, and refused on saving.
    await page.getByRole('checkbox', { name: 'Màu mặc định của cửa hàng' }).uncheck();
    await page.fill('#store-colour', '#ffd700');
    const verdict = page.locator('#store-colour-verdict');
    assert.equal(await verdict.getAttribute('class'), 'field-error');
    assert.match(await verdict.textContent(), /^Chữ trắng trên màu này: 1,4 : 1, thấp hơn mức 4,5 : 1/);
    assert.equal(await page.locator('#store-colour').getAttribute('aria-invalid'), 'true');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.seller-notice[data-failed]').waitFor();
    const state = await call('GET', '/api/v1/seller/store');
    assert.equal(state.draft.theme_color, null, 'nothing of the refused profile was saved');
    await page.fill('#store-colour', '#0b5d3b');
    assert.equal(await verdict.getAttribute('class'), 'hint');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.seller-notice:not([data-failed])', { hasText: 'Đã lưu bản nháp' }).waitFor();
    await page.getByText('Người mua chưa thấy những thay đổi mới nhất của bạn.').waitFor();

    // Featured: three products, the second moved to the top.
    await page.getByRole('link', { name: 'Nổi bật' }).click();
    await page.getByRole('heading', { name: 'Sản phẩm nổi bật' }).waitFor();
    for (const slug of [featured[1], featured[0], featured[2]]) {
      await page.locator(`ul.choice li[data-slug="${slug}"]`).getByRole('button', { name: 'Thêm' }).click();
    }
    await page.locator(`ol.choice li[data-slug="${featured[0]}"]`).getByRole('button', { name: 'Lên' }).click();
    assert.deepEqual(await page.locator('ol.choice li').evaluateAll((lis) => lis.map((li) => li.dataset.slug)), featured);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.seller-notice:not([data-failed])', { hasText: 'Đã lưu bản nháp' }).waitFor();

    // A campaign live now, on Ho Chi Minh City's clock, with one product.
    await page.getByRole('link', { name: 'Chiến dịch', exact: true }).click();
    await page.getByRole('button', { name: 'Chiến dịch mới' }).click();
    const campaign = page.locator('fieldset.campaign-form');
    await campaign.getByLabel('Tiêu đề').fill('Giáng sinh — gói quà miễn phí');
    await campaign.getByLabel('Bắt đầu').fill(saigon(-1));
    await campaign.getByLabel('Kết thúc').fill(saigon(48));
    await campaign.getByLabel('Múi giờ').selectOption('Asia/Ho_Chi_Minh');
    await campaign.locator(`ul.choice li[data-slug="${campaignProduct}"]`).getByRole('button', { name: 'Thêm' }).click();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.locator('.seller-notice:not([data-failed])', { hasText: 'Đã lưu bản nháp' }).waitFor();

    // The Spanish title of the first featured product, corrected by hand.
    await page.getByRole('link', { name: 'Sản phẩm', exact: true }).click();
    await page.getByRole('link', { name: own.find((p) => p.slug === featured[0]).title }).click();
    await page.locator('#text-language').selectOption('es');
    corrected = `Vestido infantil de algodón orgánico ${Date.now() % 1000}`;
    await page.fill('#text-title', corrected);
    await page.fill('#text-description', '<p>Algodón orgánico.</p>');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText('Bản nháp chờ xuất bản').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe-core on the dashboard');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, `no sideways scroll at ${device.viewport.width} px`);
    for (const button of await page.locator('.seller-page button, .seller-page a.button, .seller-tabs a').all()) {
      const box = await button.boundingBox();
      if (box) assert.ok(box.height >= 44, `${await button.textContent()} is ${box.height} px tall`);
    }

    // Publish: everything goes before buyers at once.
    await page.getByRole('button', { name: 'Xuất bản' }).click();
    await page.getByText('Đã xuất bản: người mua thấy cửa hàng của bạn như hiện tại.').waitFor();
    await page.getByText('Người mua đã thấy mọi thứ bạn lưu.').waitFor();
    // The dashboard's code is its own module, which no buyer's page loads (see below).
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(loaded.some((u) => /pack_seller-[0-9a-f]{16}\.bin$/.test(u)), loaded.join('\n'));
    assert.ok(loaded.some((u) => /seller-[0-9a-f]{16}\.css$/.test(u)), loaded.join('\n'));
  });

  test('a buyer follows “Vendido por” to the store and sees its banner, campaign and featured products', async () => {
    const page = await newPage({ locale: 'es-ES' });
    await page.goto(`${store.url}/es/p/${featured[1]}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const soldBy = page.locator('.seller-card a.store-link');
    assert.equal(visible(await soldBy.textContent()), 'Mekong Kids');
    const box = await soldBy.boundingBox();
    assert.ok(box.height >= 44, `the store link is ${box.height} px tall`);
    await soldBy.click();
    await page.waitForURL(`**/es/s/${SELLER}`);
    const name = page.getByRole('heading', { level: 1, name: 'Mekong Kids' });
    await name.waitFor();
    assert.equal(await page.title(), 'Mekong Kids · Crossroads Market');
    // The seller's words machine-translated into Spanish, said so, with the original a tap away
    // (marked with its language).
    const tagline = page.locator('.store-tagline');
    assert.equal(await tagline.textContent(), 'es:Quần áo trẻ em bằng cotton hữu cơ');
    assert.equal(await tagline.getAttribute('lang'), 'es');
    await page.locator('.store-language .badge', { hasText: 'Traducción automática' }).waitFor();
    const original = page.getByRole('button', { name: 'Ver original (vietnamita)' });
    const toggle = await original.boundingBox();
    assert.ok(toggle.height >= 44, `the switch is ${toggle.height} px tall`);
    await original.click();
    assert.equal(await tagline.textContent(), 'Quần áo trẻ em bằng cotton hữu cơ');
    assert.equal(await tagline.getAttribute('lang'), 'vi');
    // The return policy the seller wrote for Spain, where this buyer ships to.
    assert.equal(await page.locator('#store-returns + div').textContent(), 'Đổi trả trong 14 ngày (EU).');
    await page.getByRole('button', { name: 'Ver traducción' }).click();
    assert.equal(await tagline.getAttribute('lang'), 'es');
    assert.match(await page.locator('#store-returns + div').textContent(), /^es:Đổi trả trong 14 ngày/);
    // The banner at its served size, cropped to 4 : 1.
    const banner = page.locator('.store > img.store-banner');
    await banner.waitFor();
    assert.equal(await banner.evaluate((img) => img.complete && img.naturalWidth), 1600);
    // The theme colour behind the name.
    const background = await page.locator('.store-head').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(background, 'rgb(11, 93, 59)');
    // The campaign live now, and its product.
    const campaign = page.getByRole('region', { name: 'es:Giáng sinh — gói quà miễn phí' });
    await campaign.waitFor();
    const campaignCards = campaign.locator('.product-card a.card-link');
    assert.equal(await campaignCards.count(), 1);
    assert.equal(await campaignCards.first().getAttribute('href'), `/es/p/${campaignProduct}`);
    // Featured, in the seller's order, the first with its corrected Spanish title.
    const shown = page.getByRole('region', { name: 'Destacados' }).locator('a.card-link');
    assert.deepEqual(await shown.evaluateAll((links) => links.map((a) => a.getAttribute('href'))), featured.map((s) => `/es/p/${s}`));
    assert.equal(visible(await shown.first().textContent()), corrected);
    // What to know before buying, and every product of the store below.
    await page.getByRole('heading', { name: 'Devoluciones' }).waitFor();
    await page.getByRole('heading', { name: 'Todos los productos' }).waitFor();
    const all = await (await fetch(`${store.url}/api/v1/products?seller=${SELLER}`)).json();
    assert.equal(await page.getByRole('list', { name: 'Productos' }).getByRole('listitem').count(), Math.min(all.total, 24));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, `no sideways scroll at ${device.viewport.width} px`);
    // Neither the product page nor the store page loaded the dashboard's code, texts or styles.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(loaded.some((u) => /(land|pack)_store-[0-9a-f]{16}\.bin$/.test(u)), loaded.join('\n'));
    assert.ok(!loaded.some((u) => /pack_seller-|\/seller-[0-9a-f]{16}\.css|\/ui-texts\/[^/]+\/seller/.test(new URL(u).pathname)), loaded.join('\n'));
    assert.equal(await page.locator('#seller-texts').count(), 0);
    assert.deepEqual(await axeViolations(page), [], 'axe-core on the store page');
  });

  test('the store page’s first response already shows the store, before any script runs', async () => {
    const html = await (await fetch(`${store.url}/es/s/${SELLER}`, { headers: { 'accept-language': 'es' } })).text();
    assert.match(html, /<h1 id="store-name"><bdi>Mekong Kids<\/bdi><\/h1>/);
    assert.match(html, /lang="es" dir="auto">es:Giáng sinh — gói quà miễn phí<\/h2>/);
    assert.match(html, /<style>\.store\{--store-theme:#0b5d3b\}<\/style>/, 'the theme colour from the first paint');
    assert.match(html, /"@type":"Store"/);
    const missing = await fetch(`${store.url}/es/s/no-such-seller`);
    assert.equal(missing.status, 404);
  });

  test('outside its window the campaign is gone and the rest of the store stays', async () => {
    await call('PUT', '/api/v1/seller/store/campaigns', {
      campaigns: [{ headline: 'Tết', starts: saigon(24), ends: saigon(96), time_zone: 'Asia/Ho_Chi_Minh' }],
    });
    await call('POST', '/api/v1/seller/store/publish');
    const page = await newPage({ locale: 'es-ES' });
    await page.goto(`${store.url}/es/s/${SELLER}`);
    await page.getByRole('region', { name: 'Destacados' }).waitFor();
    assert.equal(await page.locator('.campaign').count(), 0);
    assert.equal(await page.getByText('Tết').count(), 0);
    // Put the live campaign back for the other viewport's run.
    await call('PUT', '/api/v1/seller/store/campaigns', {
      campaigns: [{ headline: 'Giáng sinh — gói quà miễn phí', starts: saigon(-1), ends: saigon(48), time_zone: 'Asia/Ho_Chi_Minh', products: [campaignProduct] }],
    });
    await call('POST', '/api/v1/seller/store/publish');
  });
});
