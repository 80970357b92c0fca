//! The dashboard's own texts (`ui_texts::with_seller_texts`): a set buyers' pages never carry.
//! They arrive as data — inlined by the server into a seller page
//! (`<script id="seller-texts" data-locale="…">`), fetched on a language switch — and only the
//! dashboard's split module reads them.

use crate::i18n::Locale;
use leptos::prelude::*;
use std::cell::RefCell;

/// Makes [`SellerMsg`] from the list of seller texts, in its order (its position in the
/// tables and on the wire).
macro_rules! seller_messages {
    ($($variant:ident = $key:ident $((fill $holes:literal))?,)*) => {
        /// A text of the seller dashboard. A few are only the server's to draw (the bar of a
        /// preview's frames says why its checkout stops before payment).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(dead_code)]
        pub enum SellerMsg {
            $($variant,)*
        }

        impl SellerMsg {
            /// Every message, in the list's order.
            #[cfg(test)]
            pub const ALL: &'static [SellerMsg] = &[$(SellerMsg::$variant,)*];
        }
    };
}

ui_texts::with_seller_texts!(seller_messages);

const COUNT: usize = ui_texts::SellerTexts::KEYS.len();

type Table = &'static [&'static str; COUNT];

thread_local! {
    static LOADED: RefCell<[Option<Table>; Locale::ALL.len()]> =
        const { RefCell::new([None; Locale::ALL.len()]) };
}

/// Bumped whenever a locale's texts arrive, so views showing them redraw; with the locale
/// they are shown in.
#[derive(Clone, Copy)]
pub struct Arrived(RwSignal<u32>, Memo<Locale>);

pub fn provide_texts(locale: Memo<Locale>) -> Arrived {
    let arrived = Arrived(RwSignal::new(0), locale);
    provide_context(arrived);
    install_inline();
    arrived
}

/// The text of `msg` in `locale`: the locale's once here, else one that is (a language the
/// seller already reads, rather than blanks).
pub fn st(locale: Locale, msg: SellerMsg) -> &'static str {
    let table = LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        loaded[locale.index()].or_else(|| loaded.iter().flatten().next().copied())
    });
    match table {
        Some(table) => table[msg as usize],
        None => built_in(locale)[msg as usize],
    }
}

/// A reactive seller text for `view!`: follows the locale and the texts' arrival.
pub fn sr(msg: SellerMsg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let Arrived(arrived, locale) = expect_context::<Arrived>();
    move || {
        arrived.track();
        st(locale.get(), msg)
    }
}

/// Natively (tests, the server) every locale's texts are built in.
#[cfg(not(target_arch = "wasm32"))]
fn built_in(locale: Locale) -> Table {
    static ALL: [[&str; COUNT]; Locale::ALL.len()] = {
        let mut out = [ui_texts::seller_texts(Locale::En).all(); Locale::ALL.len()];
        let mut i = 0;
        while i < out.len() {
            out[i] = ui_texts::seller_texts(Locale::ALL[i]).all();
            i += 1;
        }
        out
    };
    &ALL[locale.index()]
}

/// The browser build carries none (they come with the page or are fetched).
#[cfg(target_arch = "wasm32")]
fn built_in(_: Locale) -> Table {
    static NONE: [&str; COUNT] = [""; COUNT];
    &NONE
}

fn is_loaded(locale: Locale) -> bool {
    cfg!(not(target_arch = "wasm32")) || LOADED.with(|l| l.borrow()[locale.index()].is_some())
}

/// Reads a JSON array of texts in the list's order; fails on a short or malformed one.
fn install_json(locale: Locale, slots: &wasm_bindgen::JsValue) -> bool {
    let Ok(texts) = serde_wasm_bindgen::from_value::<Vec<String>>(slots.clone()) else {
        return false;
    };
    let texts: Vec<&'static str> = texts
        .into_iter()
        .map(|text| &*Box::leak(text.into_boxed_str()))
        .collect();
    let Ok(table) = <[&'static str; COUNT]>::try_from(texts) else {
        return false;
    };
    let table: Table = Box::leak(Box::new(table));
    LOADED.with(|loaded| loaded.borrow_mut()[locale.index()] = Some(table));
    true
}

fn install_inline() {
    let Some(element) = document().get_element_by_id("seller-texts") else {
        return;
    };
    let locale = element
        .get_attribute("data-locale")
        .and_then(|tag| Locale::from_tag(&tag));
    if let (Some(locale), Some(text)) = (locale, element.text_content()) {
        if let Ok(slots) = js_sys::JSON::parse(&text) {
            install_json(locale, &slots);
        }
    }
}

/// Fetches `locale`'s texts unless they are here, then redraws what shows them.
pub fn load(locale: Locale, arrived: Arrived) {
    if is_loaded(locale) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(slots) = crate::api::seller::seller_texts(locale).await {
            if install_json(locale, &slots) {
                arrived.0.update(|n| *n += 1);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seller_message_reads_its_own_text_in_every_locale() {
        assert_eq!(SellerMsg::ALL.len(), COUNT);
        for locale in Locale::ALL {
            let texts = ui_texts::seller_texts(locale).all();
            for (i, msg) in SellerMsg::ALL.iter().enumerate() {
                assert_eq!(st(locale, *msg), texts[i], "{locale:?} {msg:?}");
            }
        }
        assert_eq!(st(Locale::Es, SellerMsg::Publish), "Publicar");
    }
}
