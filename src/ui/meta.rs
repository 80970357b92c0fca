//! The page's `<head>`: title, description, canonical URL and `hreflang` alternates.

use crate::buyer::use_locale;
use crate::i18n::{t, Locale, Msg};
use crate::routes::in_locale;
use leptos::prelude::*;

/// `<title>`, meta description, canonical URL and `hreflang` alternates for a page. `path` is
/// the page's path after the locale (with its query), the same in every locale.
///
/// Written straight into `<head>` rather than with leptos_meta: its `Title`/`Meta`/`Link`
/// components cost 8 KB (brotli) of wasm for these few tags, a twentieth of the first page.
#[component]
pub fn PageMeta(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] description: Signal<String>,
    path: String,
    #[prop(optional)] noindex: bool,
) -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| {
        let title = format!("{} · {}", title.get(), t(locale.get(), Msg::StoreName));
        write_head(&title, &description.get(), &path, locale.get(), noindex);
    });
}

/// Replaces the tags the previous page wrote (marked `data-page-meta`) with this page's.
fn write_head(title: &str, description: &str, path: &str, locale: Locale, noindex: bool) {
    let doc = document();
    doc.set_title(title);
    let Some(head) = doc.head() else {
        return;
    };
    if let Ok(old) = doc.query_selector_all("[data-page-meta]") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                let _ = head.remove_child(&node);
            }
        }
    }
    let add = |tag: &str, attrs: &[(&str, &str)]| {
        if let Ok(el) = doc.create_element(tag) {
            let _ = el.set_attribute("data-page-meta", "");
            for (k, v) in attrs {
                let _ = el.set_attribute(k, v);
            }
            let _ = head.append_child(&el);
        }
    };
    let origin = window().location().origin().unwrap_or_default();
    let url = |l: Locale| format!("{origin}{}", in_locale(l, path));
    add("meta", &[("name", "description"), ("content", description)]);
    if noindex {
        add("meta", &[("name", "robots"), ("content", "noindex")]);
    }
    add("link", &[("rel", "canonical"), ("href", &url(locale))]);
    for alt in Locale::ALL {
        add(
            "link",
            &[
                ("rel", "alternate"),
                ("hreflang", alt.tag()),
                ("href", &url(alt)),
            ],
        );
    }
    add(
        "link",
        &[
            ("rel", "alternate"),
            ("hreflang", "x-default"),
            ("href", &url(Locale::En)),
        ],
    );
}
