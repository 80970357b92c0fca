//! Product images, drawn as small SVGs from each product's stored hue and glyph.
//!
//! The store ships no photographs and downloads none; a generated image keeps the catalog
//! self-contained while giving each product a distinct, stable picture of a known size.

use crate::http::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Intrinsic size of every product image, sent with the listing so the page reserves space.
pub const IMAGE_SIZE: u32 = 480;

/// The public URL of a product's image.
pub fn product_image_url(slug: &str) -> String {
    format!("/media/products/{slug}.svg")
}

/// The public URL of one view in a product's gallery: a colour code, `detail` or `package`.
pub fn product_view_url(slug: &str, view: &str) -> String {
    format!("/media/products/{slug}/{view}.svg")
}

/// `GET /media/products/{slug}/{view}.svg`: a colour's picture, a close-up or the packaging.
pub async fn product_view(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some(view) = file.strip_suffix(".svg") else {
        return Err(AppError::NotFound);
    };
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT image_hue, image_glyph FROM products WHERE slug = ?")
            .bind(&slug)
            .fetch_optional(&state.db)
            .await?;
    let Some((hue, glyph)) = row else {
        return Err(AppError::NotFound);
    };
    let svg = match view {
        "detail" => render_svg(hue, glyph + 1),
        "package" => render_svg((hue + 40) % 360, 1),
        colour => match colour_hue(colour) {
            Some(h) => render_svg(h, glyph),
            None => return Err(AppError::NotFound),
        },
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}

/// A hue that reads as the named colour (black and white get a neutral grey-blue).
fn colour_hue(code: &str) -> Option<i64> {
    Some(match code {
        "black" => 220,
        "white" => 45,
        "red" => 0,
        "blue" => 215,
        "green" => 130,
        "pink" => 330,
        "silver" => 200,
        "gold" => 48,
        _ => return None,
    })
}

/// `GET /media/products/{slug}.svg`
pub async fn product_image(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let Some(slug) = file.strip_suffix(".svg") else {
        return Err(AppError::NotFound);
    };
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT image_hue, image_glyph FROM products WHERE slug = ?")
            .bind(slug)
            .fetch_optional(&state.db)
            .await?;
    let Some((hue, glyph)) = row else {
        return Err(AppError::NotFound);
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        render_svg(hue, glyph),
    )
        .into_response())
}

fn render_svg(hue: i64, glyph: i64) -> String {
    let s = IMAGE_SIZE;
    let accent = (hue + 180) % 360;
    let shape = match glyph % 5 {
        0 => r#"<circle cx="240" cy="240" r="120"/>"#.to_owned(),
        1 => r#"<rect x="130" y="130" width="220" height="220" rx="36"/>"#.to_owned(),
        2 => r#"<path d="M240 110 L370 350 L110 350 Z"/>"#.to_owned(),
        3 => r#"<path d="M240 100 L380 240 L240 380 L100 240 Z"/>"#.to_owned(),
        _ => r#"<ellipse cx="240" cy="240" rx="150" ry="95"/>"#.to_owned(),
    };
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">"#,
            r#"<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">"#,
            r#"<stop offset="0" stop-color="hsl({hue},70%,88%)"/>"#,
            r#"<stop offset="1" stop-color="hsl({hue},60%,72%)"/></linearGradient></defs>"#,
            r#"<rect width="{s}" height="{s}" fill="url(#g)"/>"#,
            r#"<g fill="hsl({accent},55%,45%)" fill-opacity="0.85">{shape}</g>"#,
            r#"</svg>"#
        ),
        s = s,
        hue = hue,
        accent = accent,
        shape = shape
    )
}
