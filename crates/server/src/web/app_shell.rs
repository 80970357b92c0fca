//! The app shell: `index.html` with the buyer's UI texts inlined.
//!
//! The wasm app carries no translation tables (see the `ui_texts` crate). Each answer for a
//! page gets the texts of one locale as JSON in
//! `<script id="ui-texts" type="application/json" data-locale="…">`: the locale the path names
//! (`/es/p/…`), else the best match for `Accept-Language`. The variants (12 locales × 6 kinds
//! of page, for the preloads) are built on first use, compressed once with brotli 11, and
//! rebuilt when `index.html` changes on disk.
//!
//! The release wasm is split per page (`scripts/build-wasm.mjs`): a page's first answer also
//! preloads that page's own modules, in one file (its pack), listed in `wasm-split.json`
//! beside `index.html`, so they download with the main module instead of after it. A page a
//! buyer lands on (listings, products) preloads its landing file instead: the main module and
//! the pack in one (see [`preload_tags`]).
//!
//! Every shell carries a strict `Content-Security-Policy` ([`AppShell::policy`]): scripts only
//! from the store's origin plus `index.html`'s own inline scripts by their SHA-256 (the start-up
//! script `scripts/build-wasm.mjs` writes, the header's scroll script), WebAssembly
//! compilation, styles only from the store's origin plus the one `<style>` a page's head may
//! carry (a store's theme colour), by its SHA-256, requests only to the store's origin, frames
//! only from the payment provider's origin, and no framing of the store by anyone. An injected script or a form posting a
//! buyer's address elsewhere is refused by the browser.

use crate::web::pages::Head;
use crate::web::precompress::brotli_bytes;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Locale;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// One locale's shell, plain and brotli-compressed.
#[derive(Clone)]
struct Variant {
    html: Arc<[u8]>,
    brotli: Arc<[u8]>,
}

#[derive(Default)]
struct Cache {
    stamp: Option<(SystemTime, u64)>,
    /// By locale, then by [`PageCode`].
    variants: Vec<Option<Variant>>,
    /// The `<link rel="preload">` tags of each [`PageCode`]'s modules.
    preloads: Vec<CodeLinks>,
    /// `'sha256-…'` of each inline script the template runs, space-separated for the policy.
    script_sources: String,
}

/// Serves `index` with texts inlined; see the module documentation.
pub struct AppShell {
    index: PathBuf,
    cache: Mutex<Cache>,
}

impl AppShell {
    pub fn new(index: PathBuf) -> AppShell {
        AppShell {
            index,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// The shell with `head`'s tags in it (see [`with_head`]); sent uncompressed, for the
    /// server's compression layer to compress.
    pub fn respond_with_head(
        &self,
        path: &str,
        headers: &HeaderMap,
        frame_origin: Option<&str>,
        head: &Head,
        origin: &str,
    ) -> Response {
        self.answer(path, headers, frame_origin, Some((head, origin)))
    }

    /// The shell for a request to `path`, with texts for the locale it names, else for the
    /// request's `Accept-Language`. Always revalidated (`no-cache`). `frame_origin`: the
    /// payment provider's page, the one origin the shell may frame.
    pub fn respond(&self, path: &str, headers: &HeaderMap, frame_origin: Option<&str>) -> Response {
        self.answer(path, headers, frame_origin, None)
    }

    /// The locale's shell, precompressed, or with a page's head written in (then uncompressed,
    /// for the compression layer).
    fn answer(
        &self,
        path: &str,
        headers: &HeaderMap,
        frame_origin: Option<&str>,
        head: Option<(&Head, &str)>,
    ) -> Response {
        let named = path_locale(path);
        let locale = named.unwrap_or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
                .unwrap_or_default()
        });
        let Some(Variant { html, brotli }) = self.variant(locale, PageCode::of(path)) else {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "The storefront app has not been built. Run `make run` to build and serve it.",
            )
                .into_response();
        };
        let use_brotli = head.is_none() && accepts_brotli(headers);
        let mut response = Response::new(match head {
            Some((head, origin)) => Body::from(with_head(
                &String::from_utf8_lossy(&html),
                locale,
                head,
                origin,
            )),
            None if use_brotli => Body::from(brotli.to_vec()),
            None => Body::from(html.to_vec()),
        });
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        let style = head.and_then(|(head, _)| head.style.as_deref());
        if let Ok(policy) = HeaderValue::from_str(&self.policy(frame_origin, style)) {
            h.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        h.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(locale.tag()),
        );
        if use_brotli {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        }
        // Where the path names no locale, the answer depends on the browser's languages; a
        // page whose first screen is priced and quoted for the buyer depends on them and on the
        // buyer's remembered currency and destination (cookies, `web::pages::Hints`).
        h.insert(
            header::VARY,
            HeaderValue::from_static(match (named.is_some(), head.is_some()) {
                (_, true) => "accept-encoding, accept-language, cookie",
                (true, false) => "accept-encoding",
                (false, false) => "accept-encoding, accept-language",
            }),
        );
        response
    }

    /// The shell's `Content-Security-Policy`; see the module documentation. `style`: the one
    /// inline style sheet a page's head carries, allowed by its hash.
    pub fn policy(&self, frame_origin: Option<&str>, style: Option<&str>) -> String {
        let hashes = self
            .cache
            .lock()
            .map(|c| c.script_sources.clone())
            .unwrap_or_default();
        let frames = frame_origin
            .filter(|o| !o.contains([';', ',', ' ', '\'', '"']))
            .unwrap_or("'none'");
        let styles = style
            .map(|css| format!(" '{}'", sha256_source(css)))
            .unwrap_or_default();
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; \
             style-src 'self'{styles}; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             frame-src {frames}; object-src 'none'; base-uri 'none'; form-action 'self'; \
             frame-ancestors 'none'"
        )
    }

    fn variant(&self, locale: Locale, code: PageCode) -> Option<Variant> {
        let meta = std::fs::metadata(&self.index).ok()?;
        let stamp = (meta.modified().ok()?, meta.len());
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.stamp != Some(stamp) {
            cache.stamp = Some(stamp);
            cache.variants = (0..Locale::ALL.len() * PageCode::ALL.len())
                .map(|_| None)
                .collect();
            cache.script_sources = std::fs::read_to_string(&self.index)
                .map(|t| inline_script_hashes(&t).join(" "))
                .unwrap_or_default();
            let manifest = self
                .index
                .parent()
                .map(|dir| dir.join("wasm-split.json"))
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            cache.preloads = PageCode::ALL
                .iter()
                .map(|code| preload_tags(&manifest, *code))
                .collect();
        }
        let slot = locale.index() * PageCode::ALL.len() + code as usize;
        if cache.variants[slot].is_none() {
            let template = std::fs::read_to_string(&self.index).ok()?;
            let links = &cache.preloads[code as usize];
            let template = match (
                &links.main,
                template.find(MAIN_START),
                template.find(MAIN_END),
            ) {
                (Some(main), Some(from), Some(to)) if from < to => format!(
                    "{}{main}{}",
                    &template[..from],
                    &template[to + MAIN_END.len()..]
                ),
                _ => template,
            };
            // Beside the main module's links (see [`CODE_START`]) when there are any.
            let at = template.find(CODE_END).or_else(|| template.find("</head>"));
            let template = match at {
                Some(at) => format!("{}{}{}", &template[..at], links.added, &template[at..]),
                None => template,
            };
            let mut html = inline_texts(&template, locale);
            if code == PageCode::Seller {
                html = inline_seller_texts(&html, locale);
            }
            if code == PageCode::Frame {
                html = with_preview_bar(&html, locale);
            }
            let html: Arc<[u8]> = html.into_bytes().into();
            let brotli = brotli_bytes(&html).into();
            cache.variants[slot] = Some(Variant { html, brotli });
        }
        cache.variants[slot].clone()
    }
}

/// `index.html`'s code preload links sit between these (`scripts/build-wasm.mjs`): they load
/// with the page, except on a page that comes with its first screen, where they become a
/// `<template id="app-code">` that `scripts/start-app.js` adds once the first screen's pictures
/// have painted ([`with_head`]).
const CODE_START: &str = "<!--app-code-->";
const CODE_END: &str = "<!--/app-code-->";

/// Around the main module's preload link, inside the code's links.
const MAIN_START: &str = "<!--app-main-->";
const MAIN_END: &str = "<!--/app-main-->";

/// Which of the app's split modules a path's page runs (`shell::pages` in the app).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageCode {
    /// None of them (a not-found page, `/`).
    Shell,
    Listing,
    Product,
    Store,
    Cart,
    Checkout,
    Orders,
    /// The seller dashboard: its page also carries the dashboard's texts. A preview's page
    /// (the bar, the market and the device frames) is the dashboard's.
    Seller,
    /// A page of the store in a preview's device frame (`/{locale}/preview/{token}/as-buyer/…`,
    /// `/{locale}/seller/preview/as-buyer/…`): the buyer's app, under the preview's bar.
    Frame,
}

impl PageCode {
    const ALL: [PageCode; 9] = [
        PageCode::Shell,
        PageCode::Listing,
        PageCode::Product,
        PageCode::Store,
        PageCode::Cart,
        PageCode::Checkout,
        PageCode::Orders,
        PageCode::Seller,
        PageCode::Frame,
    ];

    fn of(path: &str) -> PageCode {
        if path_locale(path).is_none() {
            return PageCode::Shell;
        }
        let rest: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).skip(1).collect();
        match rest.as_slice() {
            [] | ["search"] | ["c", _] => PageCode::Listing,
            ["s", _] => PageCode::Store,
            ["p", _] => PageCode::Product,
            ["cart"] => PageCode::Cart,
            ["checkout"] => PageCode::Checkout,
            ["orders"] | ["orders", _] => PageCode::Orders,
            ["preview", _, "as-buyer", ..] | ["seller", "preview", "as-buyer", ..] => {
                PageCode::Frame
            }
            ["seller", ..] | ["preview", _] => PageCode::Seller,
            _ => PageCode::Shell,
        }
    }

    /// Its name in `wasm-split.json`.
    fn module(self) -> Option<&'static str> {
        match self {
            PageCode::Shell => None,
            // No module of its own (the store's pages load theirs), but the bar's stylesheet.
            PageCode::Frame => Some("preview"),
            PageCode::Listing => Some("listing"),
            PageCode::Product => Some("product"),
            PageCode::Store => Some("store"),
            PageCode::Cart => Some("cart"),
            PageCode::Checkout => Some("checkout"),
            PageCode::Orders => Some("orders"),
            PageCode::Seller => Some("seller"),
        }
    }
}

/// A page's code links beyond `index.html`'s own.
#[derive(Debug, Default, PartialEq, Eq)]
struct CodeLinks {
    /// In place of the main module's link (between [`MAIN_START`] and [`MAIN_END`]).
    main: Option<String>,
    /// Added after the code's links.
    added: String,
}

/// Preload links for what a page's code fetches first, from `manifest` (`wasm-split.json`):
/// - on a page a buyer lands on, its landing file (`{"landing": {"product": {"file": …}}}`:
///   the main module and the page's pack in one), in place of the main module's link, marked
///   `data-land` for the start-up script, which fetches it and cuts it apart;
/// - elsewhere the page's pack (`{"packs": {"cart": file}}`, its modules in one file), else,
///   from a build without packs, each of its modules (`{"pages": {"cart": [files…]}}`).
///
/// Fetched the way the app fetches them (`fetch()`: CORS mode, same-origin credentials), so
/// the browser uses the preloaded answer. Nothing for an unsplit build. Only the build's own
/// file names are written: a name with anything else in it is left out, not escaped.
fn preload_tags(manifest: &str, code: PageCode) -> CodeLinks {
    let Some(module) = code.module() else {
        return CodeLinks::default();
    };
    let ours = |f: &&str| {
        (f.ends_with(".wasm") || f.ends_with(".bin"))
            && f.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    let link = |f: &str, extra: &str| {
        let kind = if f.ends_with(".wasm") {
            r#" type="application/wasm""#
        } else {
            ""
        };
        format!(r#"<link rel="preload" href="/{f}" as="fetch"{kind} crossorigin{extra}>"#)
    };
    let manifest = serde_json::from_str::<serde_json::Value>(manifest).unwrap_or_default();
    // A page's own stylesheet (the seller dashboard's), which buyers' pages never load.
    let style = manifest["styles"][module]
        .as_str()
        .filter(|f| {
            f.ends_with(".css")
                && f.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .map(|f| format!(r#"<link rel="stylesheet" href="/{f}">"#))
        .unwrap_or_default();
    if let Some(land) = manifest["landing"][module]["file"].as_str() {
        // A forged name leaves the main module's link in place.
        return CodeLinks {
            main: Some(land).filter(ours).map(|f| link(f, " data-land")),
            added: style,
        };
    }
    let files: Vec<&str> = match manifest["packs"][module].as_str() {
        Some(pack) => vec![pack],
        None => manifest["pages"][module]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f.as_str())
            .collect(),
    };
    let code: String = files
        .into_iter()
        .filter(ours)
        .map(|f| link(f, ""))
        .collect();
    CodeLinks {
        main: None,
        added: style + &code,
    }
}

/// JSON that nothing in it can end or change its `<script>` element: `<`, `>` and `&` only
/// occur inside JSON strings, where `\u003c` is the same character. Replacing `</` alone is
/// not enough: a seller's `<!--<script>` puts the HTML parser in a state where `</script>`
/// no longer closes the element.
pub fn json_in_html(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `text` safe in HTML and XML text and attribute values.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `html` (a locale's shell) with the page's title and `<head>` tags: description, canonical,
/// `hreflang` alternates in every locale, Open Graph, and JSON-LD. The tags the app manages
/// are marked `data-page-meta` (it replaces them); JSON-LD is not, so it stays for crawlers
/// that run the app.
pub fn with_head(html: &str, locale: Locale, head: &Head, origin: &str) -> String {
    let store = ui_texts::texts(locale).store_name;
    let title = format!("{} · {store}", head.title);
    let url = |l: Locale| format!("{origin}/{}/{}", l.tag(), head.rest);
    let mut tags = String::new();
    let mut tag = |s: String| {
        tags.push_str(&s);
        tags.push('\n');
    };
    tag(format!(
        r#"<meta data-page-meta name="description" content="{}">"#,
        escape(&head.description)
    ));
    tag(format!(
        r#"<link data-page-meta rel="canonical" href="{}">"#,
        escape(&url(locale))
    ));
    for alt in Locale::ALL {
        tag(format!(
            r#"<link data-page-meta rel="alternate" hreflang="{}" href="{}">"#,
            alt.tag(),
            escape(&url(alt))
        ));
    }
    tag(format!(
        r#"<link data-page-meta rel="alternate" hreflang="x-default" href="{}">"#,
        escape(&url(Locale::En))
    ));
    tag(format!(
        r#"<meta property="og:title" content="{}">"#,
        escape(&head.title)
    ));
    tag(format!(
        r#"<meta property="og:description" content="{}">"#,
        escape(&head.description)
    ));
    tag(format!(
        r#"<meta property="og:url" content="{}">"#,
        escape(&url(locale))
    ));
    tag(format!(
        r#"<meta property="og:site_name" content="{}">"#,
        escape(store)
    ));
    tag(format!(
        r#"<meta property="og:locale" content="{}">"#,
        locale.tag().replace('-', "_")
    ));
    for src in &head.preload {
        // The page's largest paint: fetched with the page, not after the app asks for it.
        tag(format!(
            r#"<link data-page-meta rel="preload" as="image" href="{}" fetchpriority="high">"#,
            escape(src)
        ));
    }
    if let Some((src, width, height)) = &head.image {
        tag(format!(
            r#"<meta property="og:image" content="{}{}">"#,
            escape(origin),
            escape(src)
        ));
        tag(format!(
            r#"<meta property="og:image:width" content="{width}">"#
        ));
        tag(format!(
            r#"<meta property="og:image:height" content="{height}">"#
        ));
    }
    // Allowed by its hash (see `AppShell::policy`); one with `<` in it, which could end the
    // element early, is not written.
    if let Some(css) = head.style.as_ref().filter(|css| !css.contains('<')) {
        // Not `data-page-meta`: the app replaces those as soon as it draws, while this must
        // colour the first screen until the app's copy takes its place. The app sets the
        // property on every store's own section, so a later page is not coloured by it.
        tag(format!("<style>{css}</style>"));
    }
    for data in &head.json_ld {
        tag(format!(
            r#"<script type="application/ld+json">{}</script>"#,
            json_in_html(data)
        ));
    }
    for (i, data) in head.data.iter().enumerate() {
        // A data block (not run, so no CSP hash). `data-at`: when it was written (ms since the
        // epoch), so a page restored much later from the browser's cache is not taken as fresh.
        // The first is `page-data` (its key names the currency the page is priced in).
        let id = if i == 0 {
            "page-data".to_owned()
        } else {
            format!("page-data-{}", i + 1)
        };
        tag(format!(
            r#"<script id="{id}" type="application/json" data-key="{}" data-at="{}">{}</script>"#,
            escape(&data.key),
            data.at_ms,
            json_in_html(&data.json)
        ));
    }
    let html = match (html.find("<title>"), html.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!(
            "{}<title>{}</title>{}",
            &html[..start],
            escape(&title),
            &html[end + "</title>".len()..]
        ),
        _ => html.to_owned(),
    };
    let html = match html.find("</head>") {
        Some(at) => format!("{}{tags}{}", &html[..at], &html[at..]),
        None => html,
    };
    // The first screen, drawn by the app's components, and the hidden box the app mounts in
    // (`storefront::browser::mount_point`); `index.html`'s script swaps them.
    match (&head.body, html.find("<body>")) {
        (Some(body), Some(at)) => {
            let html = match (html.find(CODE_START), html.find(CODE_END)) {
                (Some(start), Some(end)) if start < end && end < at => format!(
                    r#"{}<template id="app-code">{}</template>{}"#,
                    &html[..start],
                    &html[start + CODE_START.len()..end],
                    &html[end + CODE_END.len()..]
                ),
                _ => html,
            };
            let Some(at) = html.find("<body>") else {
                return html;
            };
            let at = at + "<body>".len();
            format!(
                r#"{}<div id="first-screen">{body}</div><div id="app" hidden></div>{}"#,
                &html[..at],
                &html[at..]
            )
        }
        _ => html,
    }
}

/// `template` with `locale`'s texts inlined before `</head>`, in place of the English ones the
/// build leaves in `index.html` for a shell served without this server, and `<html lang dir>`
/// set so the page is in the right language and direction before the app starts.
pub fn inline_texts(template: &str, locale: Locale) -> String {
    const OPEN: &str = r#"<script id="ui-texts""#;
    let without;
    let template = match template.find(OPEN) {
        Some(start) => match template[start..].find("</script>") {
            Some(len) => {
                without = format!(
                    "{}{}",
                    &template[..start],
                    &template[start + len + "</script>".len()..]
                );
                without.as_str()
            }
            None => template,
        },
        None => template,
    };
    let script = format!(
        r#"<script id="ui-texts" type="application/json" data-locale="{}">{}</script>"#,
        locale.tag(),
        json_in_html(&ui_texts::texts(locale).to_json())
    );
    let with_texts = match template.find("</head>") {
        Some(at) => format!("{}{script}{}", &template[..at], &template[at..]),
        None => format!("{script}{template}"),
    };
    match with_texts.find("<html") {
        Some(at) => {
            let end = with_texts[at..].find('>').map_or(at + 5, |e| at + e);
            let attrs = format!(
                r#"<html lang="{}" dir="{}""#,
                locale.tag(),
                locale.dir().as_str()
            );
            // Keep any other attribute of the template's <html> except lang and dir.
            let rest: String = with_texts[at + 5..end]
                .split_whitespace()
                .filter(|a| !a.starts_with("lang=") && !a.starts_with("dir="))
                .map(|a| format!(" {a}"))
                .collect();
            format!("{}{attrs}{rest}{}", &with_texts[..at], &with_texts[end..])
        }
        None => with_texts,
    }
}

/// A device frame's page: `html` with the preview's bar ("Preview — not published", in
/// `locale`) first in the body (its stylesheet, `style/preview.css`, is linked like the
/// dashboard's). Drawn here rather than by the app, so the buyer's code and stylesheet carry
/// nothing of it.
pub fn with_preview_bar(html: &str, locale: Locale) -> String {
    // Checkout stops before payment in a preview: it says why in the words `data-stop` holds.
    let texts = ui_texts::seller_texts(locale);
    let bar = format!(
        r#"<div class="preview-bar" role="status" data-stop="{}">{}</div>"#,
        escape(texts.preview_no_payment),
        escape(texts.preview_bar)
    );
    match html
        .find("<body")
        .and_then(|at| Some(at + html[at..].find('>')? + 1))
    {
        Some(at) => format!("{}{bar}{}", &html[..at], &html[at..]),
        None => html.to_owned(),
    }
}

/// `html` with the seller dashboard's texts of `locale` before `</head>` (only seller pages
/// carry them: buyers' pages never download the dashboard's words).
pub fn inline_seller_texts(html: &str, locale: Locale) -> String {
    let script = format!(
        r#"<script id="seller-texts" type="application/json" data-locale="{}">{}</script>"#,
        locale.tag(),
        json_in_html(&ui_texts::seller_texts(locale).to_json())
    );
    match html.find("</head>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{script}{html}"),
    }
}

/// `sha256-…` (without quotes): a CSP hash source for an inline script or style `text`.
fn sha256_source(text: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
    )
}

/// `'sha256-…'` sources for the inline scripts of `html` that a browser runs (no `src`, not a
/// data block such as `application/json`), hashed over their exact text as CSP requires.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start + "<script".len()..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let attrs = rest[..open_end].to_ascii_lowercase();
        rest = &rest[open_end + 1..];
        let Some(close) = rest.find("</script>") else {
            break;
        };
        let body = &rest[..close];
        rest = &rest[close..];
        let kind = attrs
            .split("type=")
            .nth(1)
            .map(|t| {
                t.trim_start_matches(['"', '\''])
                    .split(['"', '\'', ' '])
                    .next()
                    .unwrap_or("")
            })
            .unwrap_or("");
        let runs = matches!(
            kind,
            "" | "module" | "text/javascript" | "application/javascript"
        );
        if runs && !attrs.contains("src=") {
            hashes.push(format!("'{}'", sha256_source(body)));
        }
    }
    hashes
}

/// The locale the first segment of `path` names exactly (`/es/…`), if any.
fn path_locale(path: &str) -> Option<Locale> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Locale::from_tag(first).filter(|l| l.tag().eq_ignore_ascii_case(first))
}

fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            name.eq_ignore_ascii_case("br") && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_head_is_escaped_and_its_structured_data_cannot_end_the_script() {
        let head = Head {
            title: "Mug \"Tea\" <&>".into(),
            description: "Line <b>".into(),
            rest: "p/mug".into(),
            image: Some(("/media/products/mug.svg".into(), 800, 800)),
            preload: vec!["/media/products/mug.svg".into()],
            json_ld: vec![
                r#"{"name":"</script><script>alert(1)</script>","brand":"<!--<script>"}"#.into(),
            ],
            data: vec![crate::web::pages::PageData {
                key: "product|mug|es|EUR".into(),
                json: r#"{"title":"</script><script>alert(2)</script> & <!--<script>"}"#.into(),
                at_ms: 1_700_000_000_000,
            }],
            body: None,
            style: None,
        };
        let html = with_head(
            "<html><head><title>Store</title></head><body></body></html>",
            Locale::Es,
            &head,
            "https://shop.example",
        );
        assert!(
            html.contains("<title>Mug &quot;Tea&quot; &lt;&amp;&gt; · "),
            "{html}"
        );
        assert!(html.contains(r#"content="Line &lt;b&gt;""#));
        assert!(html.contains(
            r#"<link data-page-meta rel="canonical" href="https://shop.example/es/p/mug">"#
        ));
        assert!(!html.contains("</script><script>alert"), "{html}");
        assert!(!html.contains("<!--"), "{html}");
        let data = html.find(r#"<script id="page-data" type="application/json" data-key="product|mug|es|EUR" data-at="1700000000000">"#).expect("page data");
        let body = &html[data..];
        let body = &body[body.find('>').expect("open") + 1..body.find("</script>").expect("close")];
        // Still the same JSON.
        let parsed: serde_json::Value = serde_json::from_str(body).expect("JSON");
        assert_eq!(
            parsed["title"],
            "</script><script>alert(2)</script> & <!--<script>"
        );
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(html.find("application/ld+json") < html.find("</head>"));
    }

    #[test]
    fn a_page_with_a_first_screen_holds_its_code_back_in_a_template_and_others_load_it_at_once() {
        let shell = r#"<html><head><title>Store</title><!--app-code--><link rel="modulepreload" href="/app.js"><!--/app-code--><script type="module">start</script></head><body></body></html>"#;
        let mut head = Head {
            title: "Mug".into(),
            description: "A mug".into(),
            rest: "p/mug".into(),
            image: None,
            preload: vec![],
            json_ld: vec![],
            data: Vec::new(),
            body: Some("<h1>Mug</h1>".into()),
            style: None,
        };
        let drawn = with_head(shell, Locale::En, &head, "https://shop.example");
        assert!(
            drawn.contains(r#"<template id="app-code"><link rel="modulepreload" href="/app.js"></template><script type="module">start</script>"#),
            "{drawn}"
        );
        assert!(!drawn.contains("<!--"), "{drawn}");
        assert!(drawn.contains(
            r#"<body><div id="first-screen"><h1>Mug</h1></div><div id="app" hidden></div></body>"#
        ));
        head.body = None;
        let plain = with_head(shell, Locale::En, &head, "https://shop.example");
        assert!(!plain.contains("<template"), "{plain}");
        assert!(plain.contains(
            r#"<!--app-code--><link rel="modulepreload" href="/app.js"><!--/app-code-->"#
        ));
    }

    const TEMPLATE: &str =
        r#"<!doctype html><html lang="en"><head><title>Store</title></head><body></body></html>"#;

    #[test]
    fn the_texts_go_into_the_head_as_json_and_html_gets_lang_and_dir() {
        let html = inline_texts(TEMPLATE, Locale::Ar);
        assert!(html.starts_with(r#"<!doctype html><html lang="ar" dir="rtl"><head>"#));
        let start = html.find(r#"data-locale="ar">"#).expect("script") + 17;
        let end = html[start..].find("</script>").expect("end") + start;
        let parsed: serde_json::Value = serde_json::from_str(&html[start..end]).expect("json");
        // By position: `store_name` is the first slot (`ui_texts::Texts::to_json`).
        assert_eq!(ui_texts::Texts::PLAIN_KEYS[0], "store_name");
        assert_eq!(parsed[0], ui_texts::texts(Locale::Ar).store_name);
        assert_eq!(
            parsed.as_array().map(Vec::len),
            Some(ui_texts::Texts::SLOTS)
        );
        assert!(html.ends_with("</head><body></body></html>"));
    }

    #[test]
    fn the_buyers_texts_replace_the_english_ones_the_build_leaves_in_the_shell() {
        let built = TEMPLATE.replace(
            "</head>",
            r#"<script id="ui-texts" type="application/json" data-locale="en">["Crossroads"]</script></head>"#,
        );
        let html = inline_texts(&built, Locale::Ja);
        assert_eq!(html.matches(r#"id="ui-texts""#).count(), 1, "{html}");
        assert!(html.contains(r#"data-locale="ja""#));
        assert!(!html.contains(r#"data-locale="en""#));
    }

    #[test]
    fn a_page_preloads_its_own_modules_and_no_others() {
        let manifest = r#"{"pages": {"product": ["split_product-0123456789abcdef.wasm", "chunk_8-0123456789abcdef.wasm"],
            "listing": ["split_listing-0123456789abcdef.wasm", "x\"><script>.wasm"]}}"#;
        assert_eq!(PageCode::of("/en/p/silk-scarf"), PageCode::Product);
        assert_eq!(PageCode::of("/ja/"), PageCode::Listing);
        assert_eq!(PageCode::of("/ja/c/toys"), PageCode::Listing);
        assert_eq!(PageCode::of("/vi/s/mekong-kids"), PageCode::Store);
        assert_eq!(PageCode::of("/es/orders/SO-1"), PageCode::Orders);
        assert_eq!(PageCode::of("/"), PageCode::Shell);
        assert_eq!(PageCode::of("/en/elsewhere"), PageCode::Shell);
        let product = preload_tags(manifest, PageCode::Product);
        assert_eq!(product.main, None);
        assert_eq!(product.added.matches("<link rel=\"preload\"").count(), 2);
        assert!(product.added.contains(
            r#"href="/split_product-0123456789abcdef.wasm" as="fetch" type="application/wasm""#
        ));
        assert!(!product.added.contains("listing"));
        // A name that is not one of the build's is left out, not escaped.
        let listing = preload_tags(manifest, PageCode::Listing);
        assert_eq!(listing.added.matches("<link").count(), 1, "{listing:?}");
        assert_eq!(
            preload_tags(manifest, PageCode::Shell),
            CodeLinks::default()
        );
        assert_eq!(
            preload_tags("not json", PageCode::Product),
            CodeLinks::default()
        );
    }

    #[test]
    fn a_landing_page_preloads_its_landing_file_in_place_of_the_main_module_and_others_their_pack()
    {
        let manifest = r#"{"pages": {"product": ["split_product-0123456789abcdef.wasm"],
            "cart": ["split_cart-0123456789abcdef.wasm"], "listing": ["split_listing-0123456789abcdef.wasm"]},
            "packs": {"product": "pack_product-0123456789abcdef.bin", "cart": "pack_cart-0123456789abcdef.bin",
                      "listing": "pack_listing-0123456789abcdef.bin"},
            "landing": {"product": {"file": "land_product-0123456789abcdef.bin", "main": 400000},
                        "listing": {"file": "x\"><script>.bin", "main": 400000}}}"#;
        let product = preload_tags(manifest, PageCode::Product);
        assert_eq!(
            product.main.as_deref(),
            Some(
                r#"<link rel="preload" href="/land_product-0123456789abcdef.bin" as="fetch" crossorigin data-land>"#
            )
        );
        assert_eq!(product.added, "", "the pack is inside the landing file");
        let cart = preload_tags(manifest, PageCode::Cart);
        assert_eq!(cart.main, None);
        assert_eq!(
            cart.added,
            r#"<link rel="preload" href="/pack_cart-0123456789abcdef.bin" as="fetch" crossorigin>"#
        );
        // A forged landing name keeps the main module's link, and nothing is written.
        assert_eq!(
            preload_tags(manifest, PageCode::Listing),
            CodeLinks::default()
        );
    }

    #[test]
    fn only_the_seller_dashboard_and_a_preview_frame_link_their_stylesheets() {
        let manifest = r#"{"packs": {"seller": "pack_seller-0123456789abcdef.bin", "cart": "pack_cart-0123456789abcdef.bin"},
            "styles": {"seller": "seller-0123456789abcdef.css", "preview": "preview-0123456789abcdef.css", "cart": "x\"><script>.css"}}"#;
        assert_eq!(PageCode::of("/tr/seller"), PageCode::Seller);
        assert_eq!(PageCode::of("/tr/seller/products/x"), PageCode::Seller);
        // A preview's page is the dashboard's; the store's pages in its frames are a frame's.
        assert_eq!(PageCode::of("/tr/seller/preview"), PageCode::Seller);
        assert_eq!(PageCode::of("/tr/preview/1-2-x"), PageCode::Seller);
        assert_eq!(
            PageCode::of("/tr/preview/1-2-x/as-buyer/p/x"),
            PageCode::Frame
        );
        assert_eq!(
            PageCode::of("/tr/seller/preview/as-buyer/"),
            PageCode::Frame
        );
        assert_eq!(
            preload_tags(manifest, PageCode::Frame).added,
            r#"<link rel="stylesheet" href="/preview-0123456789abcdef.css">"#
        );
        let seller = preload_tags(manifest, PageCode::Seller);
        assert_eq!(
            seller.added,
            r#"<link rel="stylesheet" href="/seller-0123456789abcdef.css"><link rel="preload" href="/pack_seller-0123456789abcdef.bin" as="fetch" crossorigin>"#
        );
        // A forged name is left out.
        let cart = preload_tags(manifest, PageCode::Cart);
        assert!(!cart.added.contains("stylesheet"), "{cart:?}");
        assert!(!preload_tags(manifest, PageCode::Product)
            .added
            .contains("stylesheet"));
    }

    #[test]
    fn the_landing_file_takes_the_main_modules_place_in_the_served_page() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let index = dir.path().join("index.html");
        std::fs::write(
            &index,
            "<html><head><!--app-code--><link rel=\"modulepreload\" href=\"/s.js\">\
             <!--app-main--><link rel=\"preload\" href=\"/s_bg.wasm\" as=\"fetch\"><!--/app-main-->\
             <!--/app-code--></head><body></body></html>",
        )
        .expect("the shell is written");
        std::fs::write(
            dir.path().join("wasm-split.json"),
            r#"{"packs": {"cart": "pack_cart-0123456789abcdef.bin", "product": "pack_product-0123456789abcdef.bin"},
                "landing": {"product": {"file": "land_product-0123456789abcdef.bin", "main": 9}}}"#,
        )
        .expect("the manifest is written");
        let shell = AppShell::new(index);
        let html = |code| {
            let v = shell
                .variant(Locale::En, code)
                .expect("the shell has a variant");
            String::from_utf8(v.html.to_vec()).expect("the shell is UTF-8")
        };
        let product = html(PageCode::Product);
        assert!(
            product.contains("href=\"/land_product-0123456789abcdef.bin\""),
            "{product}"
        );
        assert!(!product.contains("s_bg.wasm"), "{product}");
        assert!(!product.contains("pack_product"), "{product}");
        assert!(product.contains("href=\"/s.js\""), "{product}");
        let cart = html(PageCode::Cart);
        assert!(
            cart.contains("s_bg.wasm") && cart.contains("pack_cart-0123456789abcdef.bin"),
            "{cart}"
        );
        assert!(!cart.contains("land_"), "{cart}");
    }

    #[test]
    fn only_an_exact_locale_segment_picks_the_locale() {
        assert_eq!(path_locale("/es/p/x"), Some(Locale::Es));
        assert_eq!(path_locale("/zh-CN/"), Some(Locale::ZhCn));
        assert_eq!(path_locale("/"), None);
        assert_eq!(path_locale("/xx/p"), None);
    }

    #[test]
    fn brotli_is_used_only_when_accepted() {
        let mut h = HeaderMap::new();
        assert!(!accepts_brotli(&h));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br, zstd"),
        );
        assert!(accepts_brotli(&h));
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br;q=0"),
        );
        assert!(!accepts_brotli(&h));
    }
}
