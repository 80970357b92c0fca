//! The one sanitizer of sellers' rich text (descriptions, and what a translation provider
//! returns for them). Imports nothing of the store, so any module may use it.

use std::sync::LazyLock;

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.add_tags([
        "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "h3", "h4", "span",
    ]);
    b
});

/// Seller HTML reduced to formatting: no scripts, event handlers, styles, links or images.
pub fn sanitize_description(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}
