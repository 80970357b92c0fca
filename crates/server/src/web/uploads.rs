//! Pictures sellers upload (a store's logo and banner, a campaign's banner): checked by their
//! content, decoded, resized to the size the store page shows and encoded again, so nothing of
//! the file as sent — metadata, trailing bytes, a script posing as a picture — is ever served.
//!
//! The bytes live in a [`MediaStore`]: files under `data/media` by default
//! (`STORE_MEDIA_DIR`), an interface an object store can implement for several servers. A
//! picture is named by its content's hash, so its URL never changes meaning and is cached for
//! a year.

use crate::http::error::{AppError, InvalidField, Reason};
use crate::sellers::auth::Seller;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::io::Cursor;

pub use super::media_store::{FileMediaStore, MediaStore, MemoryMediaStore};

/// The largest upload taken, in megabytes (a phone's photo is 2–6 MB).
pub const MAX_UPLOAD_MB: u64 = 10;
/// The widest or tallest picture decoded, in pixels.
pub const MAX_SIDE_PX: u32 = 8_000;

/// What a picture is for, and the size the store page shows it at (twice its CSS size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Square, shown at up to 96 CSS px: 192 × 192 PNG (transparency kept).
    Logo,
    /// 4 : 1 across the page, up to 1200 CSS px wide on a desktop: 1600 × 400 JPEG.
    Banner,
}

impl Kind {
    pub fn of(name: &str) -> Option<Kind> {
        match name {
            "logo" => Some(Kind::Logo),
            "banner" => Some(Kind::Banner),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Logo => "logo",
            Kind::Banner => "banner",
        }
    }

    /// The size of the picture served.
    pub fn size(self) -> (u32, u32) {
        match self {
            Kind::Logo => (192, 192),
            Kind::Banner => (1600, 400),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::Logo => "png",
            Kind::Banner => "jpg",
        }
    }
}

fn is_key(key: &str) -> bool {
    let Some((stem, ext)) = key.rsplit_once('.') else {
        return false;
    };
    matches!(ext, "png" | "jpg")
        && !stem.is_empty()
        && stem.len() <= 80
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The picture at a media path (`/media/u/{key}`), with the size its kind is served at.
pub fn image_ref(path: &str) -> Option<domain::ImageRef> {
    let key = path.strip_prefix("/media/u/")?;
    if !is_key(key) {
        return None;
    }
    let kind = Kind::of(key.split('-').next()?)?;
    let (width, height) = kind.size();
    Some(domain::ImageRef {
        url: path.to_owned(),
        width,
        height,
    })
}

/// Why an upload is refused, at the field `file`.
fn refused(reason: Reason) -> AppError {
    AppError::InvalidParameters(vec![InvalidField {
        field: "file".into(),
        reason,
    }])
}

/// The picture in `bytes` decoded, resized (cropped to fill) and encoded for `kind`; a
/// refusal when it is not a PNG, JPEG or WebP, or too large to decode.
pub fn reencode(bytes: &[u8], kind: Kind) -> Result<Vec<u8>, AppError> {
    use image::ImageFormat;
    // By content, never by name or declared type: an SVG, an executable or a text is none of
    // these three.
    let format = image::guess_format(bytes).map_err(|_| refused(Reason::NotAnImage))?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(refused(Reason::NotAnImage));
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    // The header's size, read before any pixel is decoded.
    let (width, height) = image::ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| refused(Reason::NotAnImage))?;
    if width > MAX_SIDE_PX || height > MAX_SIDE_PX {
        return Err(refused(Reason::TooManyPixels { max: MAX_SIDE_PX }));
    }
    let picture = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => refused(Reason::TooManyPixels { max: MAX_SIDE_PX }),
        _ => refused(Reason::NotAnImage),
    })?;
    let (w, h) = kind.size();
    let resized = picture.resize_to_fill(w, h, image::imageops::FilterType::Lanczos3);
    let mut out = Cursor::new(Vec::new());
    match kind {
        Kind::Logo => resized
            .to_rgba8()
            .write_to(&mut out, ImageFormat::Png)
            .map_err(|e| AppError::Internal(format!("encoding a logo: {e}")))?,
        Kind::Banner => {
            let rgb = resized.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
                .encode_image(&rgb)
                .map_err(|e| AppError::Internal(format!("encoding a banner: {e}")))?;
        }
    }
    Ok(out.into_inner())
}

/// Upload a picture for the store: the raw file as the body (PNG, JPEG or WebP; at most
/// 10 MB and 8000 px a side). The answer is the path to put in the profile's `logo` or
/// `banner` or a campaign's `banner`.
#[utoipa::path(
    post,
    path = "/v1/seller/images/{kind}",
    tag = "sellers",
    params(
        ("kind" = String, Path, description = "`logo` (served 192 × 192 PNG) or `banner` (1600 × 400 JPEG), cropped to fill"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The picture's bytes; its type is read from its content"),
    responses(
        (status = 201, description = "Stored; its path and served size", body = domain::ImageRef),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a kind of picture the store takes"),
        (status = 413, description = "Larger than 10 MB (`file_too_large`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a PNG, JPEG or WebP picture (`not_an_image`: SVG, executables and anything else), or more than 8000 px a side (`too_many_pixels`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    seller: Seller,
    Path(kind): Path<String>,
    body: Body,
) -> Result<Response, AppError> {
    let kind = Kind::of(&kind).ok_or(AppError::NotFound)?;
    let limit = usize::try_from(MAX_UPLOAD_MB * 1024 * 1024).unwrap_or(usize::MAX);
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        refused(Reason::FileTooLarge {
            max_mb: MAX_UPLOAD_MB,
        })
    })?;
    // Decoding and resizing take CPU time: off the async threads.
    let encoded = tokio::task::spawn_blocking(move || reencode(&bytes, kind))
        .await
        .map_err(|e| AppError::Internal(format!("image task: {e}")))??;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(&encoded);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let key = format!("{}-{hex}.{}", kind.name(), kind.extension());
    let store = state.media.clone();
    let (put_key, put_bytes) = (key.clone(), encoded.clone());
    tokio::task::spawn_blocking(move || store.put(&put_key, &put_bytes))
        .await
        .map_err(|e| AppError::Internal(format!("media task: {e}")))?
        .map_err(|e| AppError::Internal(format!("storing {key}: {e}")))?;
    let (width, height) = kind.size();
    sqlx::query(
        "INSERT INTO uploads (key, seller_id, kind, content_type, width, height, bytes, \
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
    )
    .bind(&key)
    .bind(seller.id)
    .bind(kind.name())
    .bind(content_type(&key))
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(encoded.len() as i64)
    .bind(crate::clock::unix_now())
    .execute(&state.db)
    .await?;
    tracing::info!(target: "sellers", seller = %seller.slug, key = %key, bytes = encoded.len(), "picture uploaded");
    let path = format!("/media/u/{key}");
    Ok((
        axum::http::StatusCode::CREATED,
        Json(domain::ImageRef {
            url: path,
            width,
            height,
        }),
    )
        .into_response())
}

fn content_type(key: &str) -> &'static str {
    if key.ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    }
}

/// `GET /media/u/{key}`: an uploaded picture, cached for a year (its name is its content's
/// hash), never sniffed as anything else.
pub async fn serve(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    if !is_key(&key) {
        return Err(AppError::NotFound);
    }
    let store = state.media.clone();
    let lookup = key.clone();
    let bytes = tokio::task::spawn_blocking(move || store.get(&lookup))
        .await
        .map_err(|e| AppError::Internal(format!("media task: {e}")))?
        .map_err(|e| AppError::Internal(format!("reading {key}: {e}")))?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&key)),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 90, 60, 255]));
        let mut out = Cursor::new(Vec::new());
        picture
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("ok");
        out.into_inner()
    }

    #[test]
    fn a_picture_is_resized_to_its_kinds_size_and_encoded_again() {
        let banner = reencode(&png(2000, 900), Kind::Banner).expect("ok");
        assert_eq!(
            image::guess_format(&banner).expect("ok"),
            image::ImageFormat::Jpeg
        );
        let decoded = image::load_from_memory(&banner).expect("ok");
        assert_eq!((decoded.width(), decoded.height()), (1600, 400));
        let logo = reencode(&png(300, 500), Kind::Logo).expect("ok");
        let decoded = image::load_from_memory(&logo).expect("ok");
        assert_eq!((decoded.width(), decoded.height()), (192, 192));
    }

    #[test]
    fn an_svg_a_renamed_executable_and_text_are_not_pictures() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00";
        for bytes in [&svg[..], &elf[..], b"hello", b""] {
            let err = reencode(bytes, Kind::Logo).expect_err("refused");
            assert!(
                matches!(&err, AppError::InvalidParameters(f) if f[0].reason == Reason::NotAnImage),
                "{err:?}"
            );
        }
    }

    #[test]
    fn a_png_header_with_a_broken_body_is_not_a_picture() {
        let mut bytes = png(40, 40);
        bytes.truncate(60);
        assert!(reencode(&bytes, Kind::Logo).is_err());
    }

    #[test]
    fn a_picture_over_8000_pixels_a_side_is_refused_before_it_is_decoded() {
        // 20,000 × 10 px: small as a file, refused by its header's size.
        let err = reencode(&png(20_000, 10), Kind::Banner).expect_err("refused");
        assert!(matches!(
            &err,
            AppError::InvalidParameters(f) if f[0].reason == Reason::TooManyPixels { max: 8000 }
        ));
    }

    #[test]
    fn media_keys_are_plain_names_and_paths_give_their_kinds_size() {
        assert!(is_key("banner-0123456789abcdef0123456789abcdef.jpg"));
        for bad in [
            "../store.db",
            "banner.svg",
            "a/b.png",
            "Banner-x.jpg",
            ".png",
            "",
        ] {
            assert!(!is_key(bad), "{bad}");
        }
        let r = image_ref("/media/u/logo-00ff.png").expect("ok");
        assert_eq!((r.width, r.height), (192, 192));
        assert_eq!(image_ref("/media/u/other-00ff.png"), None);
        assert_eq!(image_ref("/media/products/x.svg"), None);
    }

    #[test]
    fn a_file_store_keeps_what_it_was_given() {
        let dir = std::env::temp_dir().join(format!("media-test-{}", crate::clock::random_id()));
        let store = FileMediaStore::new(&dir).expect("ok");
        store.put("logo-ab.png", b"bytes").expect("ok");
        assert_eq!(
            store.get("logo-ab.png").expect("ok").as_deref(),
            Some(&b"bytes"[..])
        );
        assert_eq!(store.get("logo-cd.png").expect("ok"), None);
        std::fs::remove_dir_all(dir).expect("ok");
    }
}
