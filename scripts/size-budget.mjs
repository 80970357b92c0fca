// Prints the brotli transfer size of what the first page loads — the HTML shell with the UI
// texts of one locale inlined, and the wasm, JS and CSS it references — and fails when the
// total is over the budget in perf/budgets.json.
//
// The files are those that dist/index.html references (trunk writes the module preload, the
// wasm preload and the stylesheet there), compressed here at brotli quality 11: the same
// setting the server uses for its precompressed copies. The shell is counted for the locale
// whose texts compress worst, built as the server builds it (crates/server/src/app_shell.rs)
// from the texts `cargo run -p ui_texts --example json` writes.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.STORE_DIST ?? join(root, 'dist');
const budgets = JSON.parse(readFileSync(join(root, 'perf', 'budgets.json'), 'utf8'));
const budget = budgets.first_page_brotli_bytes.total;

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`size-budget: ${dist}/index.html not found; build the app first (trunk build --release)`);
  process.exit(2);
}

const refs = new Set();
for (const match of html.matchAll(/(?:href|src)=["']([^"']+\.(?:wasm|js|css))["']|["'](\/[^"']+\.(?:wasm|js))["']/g)) {
  refs.add((match[1] ?? match[2]).replace(/^\//, ''));
}
if (![...refs].some((r) => r.endsWith('.wasm')) || ![...refs].some((r) => r.endsWith('.js'))) {
  console.error(`size-budget: could not find the wasm and JS that index.html loads (found: ${[...refs].join(', ') || 'none'})`);
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

const rows = [...refs].sort().map((file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, kind: file.split('.').pop(), raw: bytes.length, brotli: brotli(bytes) };
});

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
  const bytes = Buffer.from(html.replace('</head>', `${script}</head>`));
  const row = { file: `index.html + ${locale} texts (worst locale)`, kind: 'html', raw: bytes.length, brotli: brotli(bytes) };
  if (!shell || row.brotli > shell.brotli) shell = row;
}
rows.unshift(shell);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('file', 48)}${pad('raw', 12)}brotli`);
for (const r of rows) console.log(`${pad(r.file, 48)}${pad(kb(r.raw), 12)}${kb(r.brotli)}`);
const byKind = {};
for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.brotli;
const total = rows.reduce((sum, r) => sum + r.brotli, 0);
console.log(`by kind (brotli): ${Object.entries(byKind).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`);
console.log(`total ${kb(total)} (${total} bytes) of a ${kb(budget)} budget`);
if (total > budget) {
  console.error(`size-budget: over budget by ${total - budget} bytes`);
  process.exit(1);
}
