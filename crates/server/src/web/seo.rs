//! What search engines read: `robots.txt` and the sitemaps — an index, and one sitemap per
//! locale listing the home page, every category and every product, each with its alternates in
//! the other eleven languages (`hreflang`, English as `x-default`). Built from the pages
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
        let origin = origin.clone();
        move || {
            let origin = origin.clone();
            async move { text("application/xml", sitemap_index(&origin)) }
        }
    };
    let sitemap = move |Path(file): Path<String>| {
        let (origin, pages) = (origin.clone(), pages.clone());
        async move {
            let locale = file
                .strip_suffix(".xml")
                .and_then(|tag| Locale::ALL.into_iter().find(|l| l.tag() == tag));
            match locale {
                Some(locale) => text("application/xml", sitemap(&origin, &pages, locale)),
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
        "User-agent: *\nDisallow: /api/\nDisallow: /*/cart\nDisallow: /*/checkout\nDisallow: /*/orders\n\nSitemap: {origin}/sitemap.xml\n"
    )
}

/// One sitemap per locale.
pub fn sitemap_index(origin: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for locale in Locale::ALL {
        let _ = writeln!(
            xml,
            "  <sitemap><loc>{}/sitemaps/{}.xml</loc></sitemap>",
            escape(origin),
            locale.tag()
        );
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// The pages in `locale`: home, categories, products, each with its alternates.
pub fn sitemap(origin: &str, pages: &Pages, locale: Locale) -> String {
    let origin = escape(origin);
    let rests = std::iter::once(String::new())
        .chain(pages.categories.iter().map(|c| format!("c/{}", escape(c))))
        .chain(pages.products.iter().map(|p| format!("p/{}", escape(p))));
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
