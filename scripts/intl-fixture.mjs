// Writes (or, with --check, compares) tests/fixtures/intl.tsv: how Chromium's `Intl` formats
// money, whole numbers, tenths and country names in every locale of the store, as the app asks
// it to (src/format.rs). The server formats the same values with ICU4X for a page's first
// screen, and `cargo test` (tests/formatting.rs) checks it against this file; the end-to-end
// suite runs `--check`, so the file cannot drift from the browser the store is tested in.
//   node scripts/intl-fixture.mjs           regenerate
//   node scripts/intl-fixture.mjs --check   exit 1 when Chromium now formats differently
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const FILE = new URL('../tests/fixtures/intl.tsv', import.meta.url);
const LOCALES = ['en', 'zh-CN', 'ja', 'ko', 'th', 'vi', 'id', 'ms', 'es', 'ru', 'tr', 'ar'];
// Every currency the domain knows (crates/domain/src/currency.rs), with its minor digits.
const CURRENCIES = fs
  .readFileSync(new URL('../crates/domain/src/currency.rs', import.meta.url), 'utf8')
  .match(/currencies! \{([\s\S]*?)\n\}/)[1]
  .matchAll(/([A-Z]{3}) = "[A-Z]{3}", (\d);/g);
const currencies = [...CURRENCIES].map((m) => [m[1], Number(m[2])]);
// Currencies whose whole amounts are written without their minor digits (`Currency::shown_digits`:
// the rupiah), as src/format.rs asks `Intl` to (`trailingZeroDisplay: 'stripIfInteger'`).
const STRIP_WHOLE = ['IDR'];
if (currencies.length < 20) throw new Error('could not read the currencies');
// Every destination and seller country the seed uses.
const COUNTRIES = ['CN', 'US', 'JP', 'CL', 'ID', 'SA', 'DE', 'VN', 'TR', 'TH', 'MY', 'KR', 'PE', 'GB', 'BR', 'AU', 'MX', 'FR', 'ES', 'AE', 'SG', 'PH', 'IN', 'CA', 'RU', 'IT', 'NZ'];

export async function intlTable(executablePath = '/usr/bin/chromium') {
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage();
    return await page.evaluate(({ LOCALES, currencies, COUNTRIES, STRIP_WHOLE }) => {
      const rows = [];
      const amount = (minor, digits) => {
        const s = String(minor).padStart(digits + 1, '0');
        return digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
      };
      for (const l of LOCALES) {
        for (const [code, digits] of currencies) {
          for (const minor of [0, 5, 4999, 123456, 1234567]) {
            const v = amount(minor, digits);
            const strip = STRIP_WHOLE.includes(code) ? { trailingZeroDisplay: 'stripIfInteger' } : {};
            const f = new Intl.NumberFormat(l, { style: 'currency', currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits, ...strip });
            rows.push([l, 'money', `${v} ${code}`, f.formatToParts(v).map((p) => (p.type === 'currency' ? `\u2068${p.value}\u2069` : p.value)).join('')]);
          }
        }
        for (const code of ['USD', 'EUR', 'JPY', 'CLP', 'IDR', 'SAR', 'VND']) {
          const whole = new Intl.NumberFormat(l, { style: 'currency', currency: code, minimumFractionDigits: 0, maximumFractionDigits: 0 });
          for (const n of ['25', '1000', '250000']) rows.push([l, 'whole', `${n} ${code}`, whole.format(n)]);
        }
        for (const n of ['7', '164', '1000', '1234567']) rows.push([l, 'integer', n, new Intl.NumberFormat(l).format(n)]);
        for (const d of ['0.0000418', '1.2345', '0.1402531245', '12.5', '1234.5678', '0.0005']) rows.push([l, 'decimal', d, new Intl.NumberFormat(l).format(d)]);
        for (const p of ['2.5', '0', '10']) rows.push([l, 'percent', p, new Intl.NumberFormat(l, { style: 'unit', unit: 'percent' }).format(p)]);
        for (const t of ['4.7', '5.0']) rows.push([l, 'tenths', t, new Intl.NumberFormat(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(t)]);
        for (const c of COUNTRIES) rows.push([l, 'region', c, new Intl.DisplayNames(l, { type: 'region' }).of(c)]);
      }
      return rows;
    }, { LOCALES, currencies, COUNTRIES, STRIP_WHOLE });
  } finally {
    await browser.close();
  }
}

const text = (rows) => rows.map((r) => r.join('\t')).join('\n') + '\n';

if (import.meta.url === `file://${process.argv[1]}`) {
  const now = text(await intlTable());
  if (process.argv.includes('--check')) {
    if (now !== fs.readFileSync(FILE, 'utf8')) {
      console.error('Chromium formats differently from tests/fixtures/intl.tsv: run node scripts/intl-fixture.mjs and see what changed');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(FILE, now);
    console.log(`wrote ${now.split('\n').length - 1} rows`);
  }
}
