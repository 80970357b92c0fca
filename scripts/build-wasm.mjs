// Builds the app's wasm for trunk (its `pre_build` and `post_build` hooks, Trunk.toml), split
// per page in release builds. trunk 0.21 cannot split (trunk-rs/trunk#1022), so this runs the
// steps cargo-leptos runs; ../shared/notes/wasm-split.md has the facts behind them.
//
// pre  (release): cargo rustc --cfg store_split, with relocations kept
//                 → wasm-split-cli (a main module, one module per page, shared chunks)
//                 → wasm-bindgen on the main module only → wasm-opt -Oz on every module
//      (debug):   cargo build → wasm-bindgen (one module; `make dev`)
//      (release) the JS glue is minified by terser;
//      then every file gets a content-hashed name, and `wasm-split.json` lists what each
//      page loads (the size budget and the server's preload links read it).
// post: copies the files into trunk's staging folder and writes into its index.html the
//      preload links and the module script that starts the app; names the seller
//      dashboard's stylesheet by content (linked by the server on seller pages only).
//
// The split build has its own target folder: its RUSTFLAGS differ from other wasm builds',
// and sharing one folder would rebuild every dependency each time the two alternate.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const work = join(targetDir, 'app-wasm');
const out = join(work, 'out');
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const publicUrl = (process.env.TRUNK_PUBLIC_URL ?? '/').replace(/\/?$/, '/');
const MANIFEST = 'wasm-split.json';

// wasm-opt's features must match what the browsers we support run (as trunk was told before).
// `--low-memory-unused`: the first 1 KB of memory holds nothing (Rust's stack starts at 1 MB
// and grows down, so only a stack already out of room would reach it), which lets constant
// offsets fold into loads and stores: 0.7 KB less brotli in the main module.
const WASM_OPT = ['-Oz', '--low-memory-unused', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
  '--strip-debug', '--strip-producers'];

const run = (cmd, args, env = {}) => {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
};
// wasm-opt 132 warns about each module's name subsections it does not know (and strips them):
// noise, one line per module; anything else it says is shown.
const runQuiet = (cmd, args) => {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (e) {
    process.stderr.write(e.stderr ?? '');
    throw e;
  }
};
const hash16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const hashed = (name, hash) => name.replace(/^(.*?)(_bg)?\.(wasm|js|bin)$/, `$1-${hash}$2.$3`);

function pre() {
  rmSync(work, { recursive: true, force: true });
  const bindgenIn = join(work, 'bindgen-in');
  const bindgen = join(work, 'bindgen');
  mkdirSync(bindgen, { recursive: true });
  let mainWasm;
  if (release) {
    const splitTarget = join(targetDir, 'split');
    // Only the final crate gets the link argument; RUSTFLAGS are the same for every crate
    // of this build, so its dependency cache stays warm.
    run('cargo', ['rustc', '--locked', '--profile', 'wasm-release', '--target', 'wasm32-unknown-unknown',
      '--bin', 'storefront', '--', '-C', 'link-arg=--emit-relocs'], {
      CARGO_TARGET_DIR: splitTarget,
      RUSTFLAGS: `${process.env.RUSTFLAGS ?? ''} --cfg store_split --cfg erase_components`.trim(),
    });
    run('wasm-split-cli', [join(splitTarget, 'wasm32-unknown-unknown', 'wasm-release', 'storefront.wasm'), bindgenIn,
      '--out-name', 'storefront']);
    mainWasm = join(bindgenIn, 'storefront.wasm');
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', bindgen, mainWasm]);
    for (const name of readdirSync(bindgenIn)) {
      if (name !== 'storefront.wasm') copyFileSync(join(bindgenIn, name), join(bindgen, name));
    }
    // STORE_WASM_NAMES=1 keeps the functions' names, for a profile of the start-up (perf/README.md).
    const opt = process.env.STORE_WASM_NAMES === '1' ? [...WASM_OPT.filter((o) => o !== '--strip-debug'), '-g'] : WASM_OPT;
    for (const name of readdirSync(bindgen).filter((n) => n.endsWith('.wasm'))) {
      runQuiet('wasm-opt', [...opt, join(bindgen, name), '-o', join(bindgen, name)]);
    }
  } else {
    run('cargo', ['build', '--locked', '--target', 'wasm32-unknown-unknown', '--bin', 'storefront']);
    mainWasm = join(targetDir, 'wasm32-unknown-unknown', 'debug', 'storefront.wasm');
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', bindgen, mainWasm]);
  }
  if (existsSync(join(bindgen, 'snippets'))) throw new Error('wasm-bindgen wrote snippets/: copy them too');
  // Read the loader's module graph before minifying (the parser reads its source layout).
  const pages = splitPages(bindgen);
  if (pages) packPages(bindgen, pages);
  if (release) {
    dropStreamClasses(join(bindgen, 'storefront.js'));
    // The glue as written is a third larger than it needs to be. Names inside each module are
    // shortened; exports, import specifiers and the import object's string keys stay as they
    // are (the wasm is linked against those).
    for (const name of readdirSync(bindgen).filter((n) => n.endsWith('.js'))) {
      run('terser', [join(bindgen, name), '--module', '--compress', '--mangle', '--ecma', '2020',
        '--output', join(bindgen, name)]);
    }
  }
  nameByContent(bindgen, pages);
}

// wasm-streams' classes (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`) are exported by the
// wasm because leptos always enables server_fn's `browser` feature, which streams server
// functions' bodies; the store has no server functions and nothing creates them (the glue has
// no import that wraps one). Their JS classes go from the glue (~0.3 KB brotli on every page);
// the build fails if the glue's form changes and one is left.
function dropStreamClasses(file) {
  let glue = readFileSync(file, 'utf8');
  glue = glue
    .replace(/^export class IntoUnderlying\w+ \{\n[\s\S]*?\n\}\n/gm, '')
    .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n/gm, '')
    .replace(/^const IntoUnderlying\w+Finalization = [\s\S]*?;\n/gm, '');
  if (/IntoUnderlying/.test(glue)) throw new Error(`${file}: wasm-streams' classes not removed (the glue's form changed)`);
  writeFileSync(file, glue);
}

// What each page loads besides the main module — its module and the chunks it depends on —
// read from wasm-split-cli's loader (`__wasm_split.js`), by file name. `null` when unsplit.
function splitPages(dir) {
  if (!existsSync(join(dir, '__wasm_split.js'))) return null;
  const loader = readFileSync(join(dir, '__wasm_split.js'), 'utf8');
  const chunkFile = {};
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunkFile[m[1]] = m[2];
  }
  const pages = {};
  // `export const __wasm_split_load_X = wrapAsyncCb(makeLoad(<fetcher>, [deps]));` where the
  // fetcher fetches `./split_X.wasm`, or is `() => async (_imp) => ({})` for a page whose own
  // module came out empty (everything it needs is in shared chunks).
  const exports = [...loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(/g)].map((m) => m[1]);
  for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n?, \[([^\]]*)\]\)\);/g)) {
    const own = m[2].match(/fetch\(new URL\("\.\/([^"]+)"/)?.[1];
    const deps = m[3].split(',').map((s) => s.trim()).filter(Boolean).map((c) => {
      if (!chunkFile[c]) throw new Error(`split loader: no file for ${c}`);
      return chunkFile[c];
    });
    pages[m[1]] = own ? [own, ...deps] : deps;
  }
  const missed = exports.filter((name) => !(name in pages));
  if (missed.length > 0) throw new Error(`split loader: could not read the modules of ${missed.join(', ')} (has its format changed?)`);
  return pages;
}

// One file per page: its own module and every shared chunk it needs, end to end
// (`pack_<page>.bin`), fetched by the split loader in one request and cut into its modules
// there. Compressed together they are a fifth smaller than compressed one by one (33 files on
// a product page, most of a kilobyte or less, each compressed without the others' context):
// −17 KB of brotli on a product page, −10 KB on a listing. A chunk the buyer already has from
// another page comes again inside the next page's pack: bytes spent later, on a page already
// drawn, for a first page that arrives sooner.
// The pages a buyer lands on from a search result or a shared link (home, categories and
// search are `listing`; a seller's shared link lands on `store`), whose first load is one
// file: `land_<page>.bin`.
const LANDING = ['listing', 'product', 'store'];

function packPages(dir, pages) {
  const stem = (file) => file.replace(/\.wasm$/, '');
  const lengths = {};
  const packs = {};
  const chunkNumber = (f) => (/^chunk_\d+\.wasm$/.test(f) ? Number(f.slice(6, -5)) : -1);
  for (const [page, unsorted] of Object.entries(pages)) {
    // The page's own module first, then its chunks by number: the order of the pack table's
    // bit set (below).
    const files = [...unsorted].sort((a, b) => chunkNumber(a) - chunkNumber(b));
    const bytes = files.map((f) => readFileSync(join(dir, f)));
    files.forEach((f, i) => { lengths[stem(f)] = bytes[i].length; });
    writeFileSync(join(dir, `pack_${page}.bin`), Buffer.concat(bytes));
    // A page a buyer lands on gets the main module in front of its pack too: its first load
    // in one file, 7 KB of brotli less than the two (−6.9 KB on a product page). The cost:
    // the main module is cached inside one landing file, so a later visit that lands on
    // another kind of page fetches it again within that page's file.
    if (LANDING.includes(page)) {
      writeFileSync(join(dir, `land_${page}.bin`), Buffer.concat([readFileSync(join(dir, 'storefront_bg.wasm')), ...bytes]));
    }
    // Chunks by number, the page's own module by name.
    packs[page] = files.map((f) => (/^chunk_\d+\.wasm$/.test(f) ? Number(f.slice(6, -5)) : stem(f)));
  }
  const loaderPath = join(dir, '__wasm_split.js');
  let loader = readFileSync(loaderPath, 'utf8');
  const fetches = /const src = fetch\(new URL\("\.\/([^"]+)\.wasm", import\.meta\.url\)\);/g;
  const streams = /WebAssembly\.instantiateStreaming\(src, imports\)/g;
  const exported = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(/g;
  const count = (re) => [...loader.matchAll(re)].length;
  if (count(fetches) === 0 || count(fetches) !== count(streams)) {
    throw new Error('split loader: its fetches are not in the form packPages rewrites (has its format changed?)');
  }
  loader = loader
    .replace(fetches, (_, name) => `const src = __part(${JSON.stringify(name)});`)
    .replace(streams, 'WebAssembly.instantiate(await src, imports)')
    .replace(exported, (_, page) => `export const __wasm_split_load_${page} = wrapAsyncCb(__in(${JSON.stringify(page)}, makeLoad(`)
    .replace(/(export const __wasm_split_load_\w+ = wrapAsyncCb\(__in\([\s\S]*?\n?, \[[^\]]*\]\))\);/g, '$1));');
  // Every chunk's loader is the same but for its name, and each page's dependencies are the
  // chunks of its pack: both are made from the pack table when first needed rather than
  // written out, one definition per chunk and one list per page (−0.3 KB of brotli on every
  // page, and more as pages and chunks are added).
  const chunkDef = /\/\*[^*]*\*\/\nconst __chunk_(\d+) = makeLoad\(\(\) => \{\n    const src = __part\("chunk_\1"\);\n    src\.catch\(\(\) => \{\}\);\n    return async \(imports\) => \(WebAssembly\.instantiate\(await src, imports\)\);\n\}\n, \[\]\);\n/g;
  const chunks = Object.keys(lengths).filter((n) => n.startsWith('chunk_')).length;
  if (count(chunkDef) !== chunks) {
    throw new Error(`split loader: ${count(chunkDef)} chunk loaders in the form packPages rewrites, of ${chunks} (has its format changed?)`);
  }
  loader = loader.replace(chunkDef, '');
  const pageDeps = /(export const __wasm_split_load_(\w+) = wrapAsyncCb\(__in\("\w+", makeLoad\([\s\S]*?\n), \[([^\]]*)\]\)\)\);/g;
  if (count(pageDeps) !== Object.keys(pages).length) throw new Error('split loader: not every page lists its chunks as packPages expects');
  loader = loader.replace(pageDeps, (_, head, page, list) => {
    const listed = list.split(',').map((d) => d.trim()).filter(Boolean).map((d) => Number(d.replace('__chunk_', ''))).sort((x, y) => x - y).join();
    const packed = packs[page].filter((p) => typeof p === 'number').sort((x, y) => x - y).join();
    if (listed !== packed) throw new Error(`split loader: ${page}'s chunks are not its pack's`);
    return `${head}, __deps(${JSON.stringify(page)}))));`;
  });
  const lazyDeps = 'const parallelStuff = deps.map(d => d());';
  if (!loader.includes(lazyDeps)) throw new Error('split loader: makeLoad is not in the form packPages rewrites');
  loader = loader.replace(lazyDeps, 'const parallelStuff = (typeof deps === "function" ? deps() : deps).map(d => d());');
  // Each page's pack: its own module's name and its chunks as a bit set (base64, bit n for
  // chunk n), a fifth of the bytes of the list of numbers.
  const bits = (parts) => {
    const numbers = parts.filter((p) => typeof p === 'number');
    const set = Buffer.alloc(Math.ceil((Math.max(0, ...numbers) + 1) / 8));
    for (const n of numbers) set[n >> 3] |= 1 << (n & 7);
    return set.toString('base64');
  };
  const table = Object.entries(packs).map(([page, parts]) =>
    `${JSON.stringify(page)}: [new URL("./pack_${page}.bin", import.meta.url), ${JSON.stringify(parts.find((p) => typeof p === 'string') ?? null)}, ${JSON.stringify(bits(parts))}]`).join(',\n  ');
  loader += `
// Added by scripts/build-wasm.mjs: each page's modules come in one file, its pack.
// Each module's length: the chunks' by number, the pages' own modules' by name.
const __lengths = ${JSON.stringify(Object.keys(lengths).filter((n) => n.startsWith('chunk_')).reduce((all, n) => { all[Number(n.slice(6))] = lengths[n]; return all; }, []))};
const __own = ${JSON.stringify(Object.fromEntries(Object.entries(lengths).filter(([n]) => !n.startsWith('chunk_'))))};
const __packs = {
  ${table}
};
// The page whose modules are being asked for (set while its loader starts its fetches), and
// the packs asked for so far (a failed one is forgotten, so a retry asks again).
let __page;
const __fetched = {};
// A page's modules in the order of its pack: its own, then its chunks by number.
const __read = {};
function __parts(page) {
  return (__read[page] ??= (() => {
    const [, own, set] = __packs[page];
    const bytes = atob(set);
    const parts = own === null ? [] : [own];
    for (let n = 0; n < bytes.length * 8; n++) if ((bytes.charCodeAt(n >> 3) >> (n & 7)) & 1) parts.push(n);
    return parts;
  })());
}
// Each chunk's loader, made once when a page first needs it.
const __chunks = {};
function __chunk(n) {
  return (__chunks[n] ??= makeLoad(() => {
    const src = __part("chunk_" + n);
    src.catch(() => {});
    return async (imports) => WebAssembly.instantiate(await src, imports);
  }, []));
}
// A page's chunks, read from its pack when it loads. A declaration, not a \`const\`: the page
// loaders above call it while this module is evaluated.
function __deps(page) {
  return () => __parts(page).filter((part) => typeof part === "number").map(__chunk);
}
// A declaration, not a \`const\`: the page loaders above call it while this module is evaluated.
function __in(page, load) {
  return () => {
    __page = page;
    try { return load(); } finally { __page = undefined; }
  };
}
function __range(page, name) {
  let at = 0;
  for (const part of __parts(page)) {
    const [n, length] = typeof part === "number" ? ["chunk_" + part, __lengths[part]] : [part, __own[part]];
    if (n === name) return [at, at + length];
    at += length;
  }
}
function __part(name) {
  let page = Object.keys(__fetched).find((p) => __range(p, name));
  if (page === undefined) {
    page = __page;
    if (page === undefined || !__range(page, name)) return Promise.reject(new Error("no pack holds " + name));
    const pack = fetch(__packs[page][0]).then((r) => {
      if (!r.ok) throw new Error(r.status + " " + r.url);
      return r.arrayBuffer();
    });
    __fetched[page] = pack;
    pack.catch(() => { if (__fetched[page] === pack) delete __fetched[page]; });
  }
  const [from, to] = __range(page, name);
  return __fetched[page].then((bytes) => bytes.slice(from, to));
}
// The start-up script fetched this page's pack with the main module (its landing file).
export function __wasm_split_seed(page, bytes) {
  __fetched[page] ??= Promise.resolve(bytes);
}
`;
  if (count(/wrapAsyncCb\(__in\(/g) !== Object.keys(pages).length) {
    throw new Error('split loader: not every page loader was wrapped (has its format changed?)');
  }
  writeFileSync(loaderPath, loader);
}

// Every wasm file is named by its content. The two JS files import each other (the glue
// imports the split loader, which imports the glue), so they share one hash: of everything.
function nameByContent(dir, pages) {
  mkdirSync(out, { recursive: true });
  const files = readdirSync(dir).sort();
  const renames = new Map();
  for (const name of files.filter((n) => /\.(wasm|bin)$/.test(n))) {
    renames.set(name, hashed(name, hash16(readFileSync(join(dir, name)))));
  }
  const all = createHash('sha256');
  for (const name of files) all.update(name).update(readFileSync(join(dir, name)));
  const buildHash = all.digest('hex').slice(0, 16);
  for (const name of files.filter((n) => n.endsWith('.js'))) renames.set(name, hashed(name, buildHash));

  // Only module specifiers and URLs change: the glue's import-object keys
  // (`imports["./__wasm_split.js"]`) must keep the names the wasm was linked with.
  const rewrite = (js) => js
    .replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])\.\/([^"']+)\2/g, (m, pre, q, file) =>
      renames.has(file) ? `${pre}${q}./${renames.get(file)}${q}` : m)
    .replace(/(\bURL\(\s*)(["'])(?:\.\/)?([^"']+)\2/g, (m, pre, q, file) =>
      renames.has(file) ? `${pre}${q}./${renames.get(file)}${q}` : m);
  for (const name of files) {
    const bytes = readFileSync(join(dir, name));
    writeFileSync(join(out, renames.get(name)), name.endsWith('.js') ? rewrite(bytes.toString('utf8')) : bytes);
  }

  const manifest = {
    js: renames.get('storefront.js'),
    wasm: renames.get('storefront_bg.wasm'),
    loader: renames.get('__wasm_split.js') ?? null,
    pages: Object.fromEntries(Object.entries(pages ?? {}).map(([page, files]) => [page, files.map((f) => renames.get(f))])),
    // What each page's loader fetches: its modules in one file (`packPages`).
    packs: Object.fromEntries(Object.keys(pages ?? {}).map((page) => [page, renames.get(`pack_${page}.bin`)])),
    // What a buyer landing on each page fetches instead of the main module and the pack:
    // both in one file, the main module's bytes first.
    landing: Object.fromEntries(LANDING.filter((page) => renames.has(`land_${page}.bin`)).map((page) => [page, {
      file: renames.get(`land_${page}.bin`),
      main: readFileSync(join(dir, 'storefront_bg.wasm')).length,
    }])),
  };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

function post() {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk');
  for (const name of readdirSync(out)) copyFileSync(join(out, name), join(staging, name));
  const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));
  const url = (file) => `${publicUrl}${file}`;
  // The code's preload links sit between two markers: on a page whose first screen the server
  // drew, it turns them into `<template id="app-code">` (`app_shell::with_head`), and the
  // start-up script loads the code only once the first screen's pictures have painted.
  // Fetched with the page, the code would take the bandwidth of the picture the buyer waits
  // for, and the main thread from its paint. Elsewhere (cart, checkout) the links load at once.
  // The main module's link sits between markers of its own: on a page a buyer lands on, the
  // server puts the page's landing file in its place (`app_shell::code_links`), with
  // `data-land`.
  const links = [
    `<link rel="modulepreload" href="${url(manifest.js)}">`,
    manifest.loader && `<link rel="modulepreload" href="${url(manifest.loader)}">`,
    `<!--app-main--><link rel="preload" href="${url(manifest.wasm)}" as="fetch" type="application/wasm" crossorigin><!--/app-main-->`,
  ].filter(Boolean).join('');
  // `start`: with a landing file's link in the page, the main module and the page's pack come
  // in it, cut apart here (the main module for the glue, the pack for the split loader); if it
  // cannot be fetched, the main module comes alone and the loader fetches the pack (and
  // retries it) as on any other page.
  const land = Object.fromEntries(Object.entries(manifest.landing ?? {}).map(([page, { file, main }]) => [url(file), [page, main]]));
  const main = `()=>import('${url(manifest.js)}').then((m)=>m.default({module_or_path:'${url(manifest.wasm)}'}))`;
  const source = (Object.keys(land).length === 0 ? `const start=${main};` : `const LAND=${JSON.stringify(land)};
const start=()=>{
  const main=${main};
  const href=document.querySelector('link[data-land]')?.getAttribute('href');
  const land=LAND[href];
  if(!land)return main();
  const bytes=fetch(href).then((r)=>{if(!r.ok)throw new Error(r.status+' '+r.url);return r.arrayBuffer();});
  return Promise.all([import('${url(manifest.js)}'),import('${url(manifest.loader)}'),bytes]).then(([m,l,b])=>{
    l.__wasm_split_seed(land[0],b.slice(land[1]));
    return m.default({module_or_path:b.slice(0,land[1])});
  },main);
};`)
    + readFileSync(join(root, 'scripts', 'start-app.js'), 'utf8');
  const start = execFileSync('terser', ['--module', '--compress', '--mangle', '--ecma', '2020'],
    { cwd: root, input: source, env: process.env }).toString().trim();
  const tags = `<!--app-code-->${links}<!--/app-code--><script type="module">${start}</script>`;
  const htmlPath = join(staging, 'index.html');
  // trunk leaves the skipped Rust link (and its comment) in place: the tags take their place.
  const html = readFileSync(htmlPath, 'utf8')
    .replace(/\s*<!-- The wasm is built by[\s\S]*?-->/, '')
    .replace(/\s*<link\b[^>]*\bdata-trunk-skip\b[^>]*>/, '');
  if (!html.includes('</head>')) throw new Error('index.html has no </head>');
  // English texts as data in the shell itself: what the app shows when it is served without
  // the store's server (`trunk serve`, a CDN) and the API cannot be reached, so a page that
  // cannot load says so in words. The wasm carries no texts; the store's server replaces
  // this block with the buyer's locale (`app_shell::inline_texts`).
  const textsDir = join(root, 'target', 'ui-texts');
  execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'ui_texts', '--example', 'json', '--', textsDir],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const english = readFileSync(join(textsDir, 'en.json'), 'utf8');
  const texts = `<script id="ui-texts" type="application/json" data-locale="en">${english}</script>`;
  writeFileSync(htmlPath, html.replace('</head>', `${texts}${tags}</head>`));
  // Stylesheets of pages only some users open (the seller dashboard's, a preview frame's bar), kept out of
  // index.html: named by content and listed under `styles` in the staged manifest, for the
  // server to link on those pages alone (`app_shell::preload_tags`). Comments and spaces go.
  manifest.styles = {};
  for (const [page, file] of [['seller', 'style/seller.css'], ['preview', 'style/preview.css']]) {
    const css = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
    const name = `${page}-${hash16(css)}.css`;
    writeFileSync(join(staging, name), css);
    manifest.styles[page] = name;
  }
  writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

const step = process.argv[2];
if (step === 'pre') pre();
else if (step === 'post') post();
else {
  console.error('usage: node scripts/build-wasm.mjs pre|post (run by trunk, see Trunk.toml)');
  process.exit(2);
}
