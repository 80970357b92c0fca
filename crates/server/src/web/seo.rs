//! What search engines read: `robots.txt` and the sitemaps — an index, and per locale the
//! sitemaps listing the home page, every category and every product, each with its alternates
//! in the other eleven languages (`hreflang`, English as `x-default`). A sitemap may hold
//! 50,000 URLs and 50 MB; with twelve alternates an entry is about 1.6 KB, so each file holds
//! at most [`URLS_PER_SITEMAP`] and a locale's pages take as many files as they need
//! (`/sitemaps/en-1.xml`, `en-2.xml`, …). Built from the pages
//! snapshot ([`super::pages`]) and the public origin (`STORE_PUBLIC_URL`), never from `Host`.

use super::app_shell::escape;
use super::pages::Pages;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use domain::Locale;
use std::fmt::Write;
use std::sync::Arc;

/// Search engines may keep these for an hour.
const CACHE: &str = "public, max-age=3600";

/// Well under both of a sitemap's limits (see the module documentation).
pub const URLS_PER_SITEMAP: usize = 25_000;

/// `/robots.txt`, `/sitemap.xml` and `/sitemaps/{locale}.xml` for the store at `origin`.
pub fn router(origin: Arc<str>, pages: Arc<Pages>) -> Router {
    let robots = {
        let origin = origin.clone();
        move || {
            let origin = origin.clone();
            async move { text("text/plain; charset=utf-8", robots_txt(&origin)) }
        }
    };
    let index = {
        let (origin, pages) = (origin.clone(), pages.clone());
        move || {
            let (origin, pages) = (origin.clone(), pages.clone());
            async move {
                text(
                    "application/xml",
                    sitemap_index(&origin, parts(&pages, URLS_PER_SITEMAP)),
                )
            }
        }
    };
    let sitemap = move |Path(file): Path<String>| {
        let (origin, pages) = (origin.clone(), pages.clone());
        async move {
            let part = file.strip_suffix(".xml").and_then(|name| {
                let (tag, n) = name.rsplit_once('-')?;
                let locale = Locale::ALL.into_iter().find(|l| l.tag() == tag)?;
                // Digits only, no sign or leading zero: one name per file.
                let n: usize = n
                    .strip_prefix(|c: char| ('1'..='9').contains(&c))
                    .filter(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
                    .and(n.parse().ok())?;
                (n <= parts(&pages, URLS_PER_SITEMAP)).then_some((locale, n))
            });
            match part {
                Some((locale, n)) => text(
                    "application/xml",
                    sitemap(&origin, &pages, locale, n, URLS_PER_SITEMAP),
                ),
                None => (StatusCode::NOT_FOUND, "Not found").into_response(),
            }
        }
    };
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{file}", get(sitemap))
}

fn text(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, CACHE),
        ],
        body,
    )
        .into_response()
}

/// Everything may be crawled but the API and each buyer's own pages.
pub fn robots_txt(origin: &str) -> String {
    format!(
        "User-agent: *\nDisallow: /api/\nDisallow: /*/cart\nDisallow: /*/checkout\nDisallow: /*/orders\nDisallow: /*/seller\n\nSitemap: {origin}/sitemap.xml\n"
    )
}

/// How many sitemap files each locale's pages take at `per_file` URLs a file.
pub fn parts(pages: &Pages, per_file: usize) -> usize {
    let urls = 1 + pages.categories.len() + pages.products.len() + pages.sellers.len();
    urls.div_ceil(per_file.max(1))
}

/// Every locale's sitemaps: `parts` files each.
pub fn sitemap_index(origin: &str, parts: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for locale in Locale::ALL {
        for n in 1..=parts {
            let _ = writeln!(
                xml,
                "  <sitemap><loc>{}/sitemaps/{}-{n}.xml</loc></sitemap>",
                escape(origin),
                locale.tag()
            );
        }
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// The `part`-th file (from 1) of the pages in `locale` — home, categories, products, stores, in that
/// order, `per_file` a file — each with its alternates.
pub fn sitemap(
    origin: &str,
    pages: &Pages,
    locale: Locale,
    part: usize,
    per_file: usize,
) -> String {
    let origin = escape(origin);
    let rests = std::iter::once(String::new())
        .chain(pages.categories.iter().map(|c| format!("c/{}", escape(c))))
        .chain(pages.products.iter().map(|p| format!("p/{}", escape(p))))
        .chain(pages.sellers.iter().map(|s| format!("s/{}", escape(s))))
        .skip(part.saturating_sub(1) * per_file)
        .take(per_file);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for rest in rests {
        let _ = writeln!(
            xml,
            "  <url>\n    <loc>{origin}/{}/{rest}</loc>",
            locale.tag()
        );
        for other in Locale::ALL {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{origin}/{}/{rest}\"/>",
                other.tag(),
                other.tag()
            );
        }
        let _ = writeln!(
            xml,
            "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{origin}/en/{rest}\"/>\n  </url>"
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_larger_than_one_sitemap_is_split_into_files_that_list_every_page_once() {
        let pages = Pages {
            products: (0..10).map(|i| format!("p{i:02}")).collect(),
            categories: ["toys".to_owned()].into(),
            sellers: ["mekong-kids".to_owned()].into(),
        };
        // 13 pages (home, 1 category, 10 products, 1 store) at 5 a file: 3 files per locale.
        assert_eq!(parts(&pages, 5), 3);
        let index = sitemap_index("https://s.example", 3);
        assert_eq!(index.matches("<sitemap>").count(), 3 * Locale::ALL.len());
        assert!(index.contains("<loc>https://s.example/sitemaps/ja-3.xml</loc>"));
        let mut listed = Vec::new();
        for n in 1..=3 {
            let xml = sitemap("https://s.example", &pages, Locale::Ja, n, 5);
            for loc in xml.split("<loc>").skip(1) {
                listed.push(loc[..loc.find("</loc>").expect("end")].to_owned());
            }
        }
        assert_eq!(listed.len(), 13);
        assert_eq!(listed[0], "https://s.example/ja/");
        assert_eq!(listed[1], "https://s.example/ja/c/toys");
        assert_eq!(listed[11], "https://s.example/ja/p/p09");
        assert_eq!(listed[12], "https://s.example/ja/s/mekong-kids");
        // A whole catalog in one file when it fits.
        assert_eq!(parts(&pages, URLS_PER_SITEMAP), 1);
    }
}
