//! What the browser loads besides the API: the built app (static files, precompressed, the
//! app shell with its inlined texts and security headers) and the generated product images.

pub mod app_shell;
pub mod media;
pub mod media_store;
pub mod pages;
pub mod precompress;
pub mod seo;
pub mod static_files;
pub mod uploads;
