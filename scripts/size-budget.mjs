// Prints the brotli transfer size of what each page loads first — the HTML shell with the UI
// texts of one locale inlined (not counted: the head and the API answer the server adds for
// home, category and product pages, which replace the request the app would make), the CSS, the main wasm module with its JS, and the page's own
// split modules (dist/wasm-split.json, written by scripts/build-wasm.mjs), counted as they are
// fetched: for a page a buyer lands on (home and listings, product) its landing file (the main
// module and the page's modules in one), for other pages the main module and the page's pack
// (its modules in one file) — and fails when a
// browsing page (home and listings, product) is over its budget in perf/budgets.json, or when
// one of them would load the checkout's or the order page's module.
//
// Files are compressed here at brotli quality 11: the setting the server uses for its
// precompressed copies. The shell is counted for the locale whose texts compress worst, built
// as the server builds it (crates/server/src/web/app_shell.rs) from the texts
// `cargo run -p ui_texts --example json` writes.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.STORE_DIST ?? join(root, 'dist');
const budgets = JSON.parse(readFileSync(join(root, 'perf', 'budgets.json'), 'utf8'));
const budget = budgets.first_page_brotli_bytes.total;
const codeBudget = budgets.first_page_brotli_bytes.js_and_wasm;

let html;
let manifest;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
  manifest = JSON.parse(readFileSync(join(dist, 'wasm-split.json'), 'utf8'));
} catch {
  console.error(`size-budget: ${dist}/index.html or wasm-split.json not found; build the app first (trunk build --release)`);
  process.exit(2);
}
if (!manifest.loader) {
  console.error('size-budget: the wasm in dist/ is not split per page (a debug build?); build with trunk build --release');
  process.exit(2);
}
// trunk minifies the HTML in release builds: attribute values may be unquoted.
const css = [...html.matchAll(/href=["']?\/?([^"'\s>]+\.css)/g)].map((m) => m[1]);
if (css.length === 0 || !html.includes(manifest.js) || !html.includes(manifest.wasm)) {
  console.error('size-budget: index.html does not load the CSS, main JS and wasm of wasm-split.json');
  process.exit(2);
}

const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

const size = new Map();
const measure = (file) => {
  if (!size.has(file)) {
    const bytes = readFileSync(join(dist, file));
    size.set(file, { raw: bytes.length, brotli: brotli(bytes) });
  }
  return size.get(file);
};
// Scripts every page fetches besides the glue: the `Intl` worker (index.html).
const scripts = [manifest.js, manifest.loader, ...(html.includes('/intl-warm.js') ? ['intl-warm.js'] : [])];
const common = [...css, ...scripts];

// The shell as served: index.html with one locale's texts before </head>.
const textsDir = join(root, 'target', 'ui-texts');
execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'ui_texts', '--example', 'json', '--', textsDir], {
  cwd: root,
  stdio: 'inherit',
});
let shell = null;
for (const name of readdirSync(textsDir).filter((n) => n.endsWith('.json'))) {
  const locale = name.replace(/\.json$/, '');
  const json = readFileSync(join(textsDir, name), 'utf8');
  const script = `<script id="ui-texts" type="application/json" data-locale="${locale}">${json}</script>`;
  // In place of the English block the build leaves for a shell served without the server.
  const bare = html.replace(/<script id="ui-texts"[^>]*>[^<]*<\/script>/, '');
  const bytes = Buffer.from(bare.replace('</head>', `${script}</head>`));
  const row = { file: `index.html + ${locale} texts (worst locale)`, kind: 'html', raw: bytes.length, brotli: brotli(bytes) };
  if (!shell || row.brotli > shell.brotli) shell = row;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padEnd(n);
const sum = (files) => files.reduce((total, f) => total + measure(f).brotli, 0);
// The wasm a first load of a page fetches: its landing file, or the main module and its pack,
// or else (a build without packs) the main module and each of its modules.
const fetched = (page) => {
  if (manifest.landing?.[page]) return [manifest.landing[page].file];
  return [manifest.wasm, ...(manifest.packs?.[page] ? [manifest.packs[page]] : manifest.pages[page])];
};
const how = (page) => (manifest.landing?.[page] ? 'landing file' : manifest.packs?.[page] ? 'main + pack' : 'main + modules');

console.log(`${pad('loaded by every page', 48)}${pad('raw', 12)}brotli`);
console.log(`${pad(shell.file, 48)}${pad(kb(shell.raw), 12)}${kb(shell.brotli)}`);
for (const f of common) console.log(`${pad(f, 48)}${pad(kb(measure(f).raw), 12)}${kb(measure(f).brotli)}`);
console.log(`${pad(`${manifest.wasm} (landing pages: in their file)`, 48)}${pad(kb(measure(manifest.wasm).raw), 12)}${kb(measure(manifest.wasm).brotli)}`);

// What each page adds, and its first load in all. Home, category and search pages are `listing`.
const BROWSING = ['listing', 'product', 'store'];
const KEPT_OFF = ['checkout', 'orders', 'seller'];
for (const page of [...BROWSING, ...KEPT_OFF]) {
  if (!manifest.pages[page]) {
    console.error(`size-budget: wasm-split.json lists no modules for the ${page} page`);
    process.exit(2);
  }
}
let failed = false;
console.log(`\n${pad('page', 12)}${pad('own module', 14)}${pad('shared chunks', 16)}${pad('wasm as fetched', 30)}${pad('JS + wasm', 12)}first load`);
for (const [page, files] of Object.entries(manifest.pages)) {
  const [own, ...chunks] = files;
  const code = sum([...scripts, ...fetched(page)]);
  const total = shell.brotli + sum(css) + code;
  const browsing = BROWSING.includes(page);
  console.log(`${pad(page, 12)}${pad(kb(measure(own).brotli), 14)}${pad(`${kb(sum(chunks))} (${chunks.length})`, 16)}${pad(`${kb(sum(fetched(page)))} (${how(page)})`, 30)}${pad(kb(code), 12)}${kb(total)}${browsing ? '' : '   (not a landing page)'}`);
  if (!browsing) continue;
  if (total > budget) {
    console.error(`size-budget: the ${page} page's first load is ${total} bytes, over the ${budget}-byte budget by ${total - budget}`);
    failed = true;
  }
  if (code > codeBudget) {
    console.error(`size-budget: the ${page} page loads ${code} bytes of JS and wasm, over the ${codeBudget}-byte budget by ${code - codeBudget}`);
    failed = true;
  }
  for (const other of KEPT_OFF) {
    const own = manifest.pages[other]?.[0];
    if (files.includes(own)) {
      console.error(`size-budget: the ${page} page loads ${other}'s module ${own}`);
      failed = true;
    }
  }
}
const worst = Math.max(...BROWSING.map((p) => shell.brotli + sum(css) + sum([...scripts, ...fetched(p)])));
console.log(`\nworst browsing page: ${kb(worst)} (${worst} bytes) of a ${kb(budget)} budget; JS + wasm budget ${kb(codeBudget)}`);
const everything = [manifest.js, manifest.loader, manifest.wasm, ...Object.keys(manifest.pages).map((p) => manifest.packs?.[p] ?? manifest.pages[p]).flat()];
console.log(`every page's code, each fetched once (main + every pack: what a buyer who opens them all fetches at most): ${kb(sum([...new Set(everything)]))}`);
if (failed) process.exit(1);
