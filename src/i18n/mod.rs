//! Every user-visible string of the app, in every shipped locale.
//!
//! Pages never hold literal text; they ask for a [`Msg`] in the current [`Locale`]; [`t`] is one
//! exhaustive `match` over `Msg`. Each message is named once, in `ui_texts::with_texts`: that
//! list makes `Msg`, [`Msg::SAMPLES`] and `t` here, and `ui_texts::Texts`. The texts themselves
//! live in the `ui_texts` crate (a struct literal per locale, so a missing text is a compile
//! error) and reach the browser as data: the server inlines the buyer's locale into
//! `index.html`, and others are fetched when the buyer switches language ([`install_json`]).
//! The wasm carries none: every page comes with its locale's texts, the build's `index.html`
//! with English (see `built_in`).
//! Texts are data, not code: an earlier version matched per locale and compiled to 46 KB of
//! wasm, where a table lookup and one `fill` cost almost nothing beyond the strings.
//! Plural forms follow CLDR's cardinal rules ([`plural`]); numbers inside messages are
//! formatted by the browser's `Intl` for the locale.
//!
//! Why not leptos_i18n: it pulls leptos-use and ICU data into the bundle, while the browser
//! already ships `Intl`; these tables cost a few kilobytes and are checked just as strictly.

mod plural;

pub use domain::{Dir, Locale};
pub use plural::{plural, PluralCategory};

use std::borrow::Cow;
use std::cell::RefCell;

/// Shows a value `t` puts into a message: a rating in tenths (a field named `tenths`) as a
/// decimal, anything else as an integer, both in the locale's digits.
macro_rules! shown {
    (tenths: $value:ident, $tag:ident) => {
        crate::format::format_tenths($value, $tag)
    };
    ($field:ident: $value:ident, $tag:ident) => {
        crate::format::format_integer(u64::from($value), $tag)
    };
}

/// The text of one message: as it is, with the values its variant carries filled in, in
/// order, or in the plural form for its count.
macro_rules! text {
    ($tx:ident, $locale:ident, $tag:ident, = $key:ident) => {
        Cow::Borrowed($tx.plain[ui_texts::PlainKey::$key as usize])
    };
    ($tx:ident, $locale:ident, $tag:ident, = $key:ident, $($value:ident),+) => {
        fill(
            $tx.plain[ui_texts::PlainKey::$key as usize],
            &[$(shown!($value: $value, $tag)),+],
        )
        .into()
    };
    ($tx:ident, $locale:ident, $tag:ident, plural = $key:ident, $count:ident) => {
        fill(
            pick(
                &$tx.plural[ui_texts::PluralKey::$key as usize],
                plural($locale, $count),
            ),
            &[shown!($count: $count, $tag)],
        )
        .into()
    };
}

/// The key of a text `t` shows as it is (a message without values), else `None`.
#[cfg(test)]
macro_rules! key_as_is {
    (= $key:ident) => {
        Some(stringify!($key))
    };
    ($($other:tt)*) => {
        None
    };
}

/// `n` if given, else 0.
#[cfg(test)]
macro_rules! or_zero {
    () => {
        0
    };
    ($n:literal) => {
        $n
    };
}

/// Makes [`Msg`], [`Msg::SAMPLES`] and [`t`] from the one list of texts, `ui_texts::with_texts`,
/// where each message is named once, with the values it carries and its key in [`Texts`].
macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $variant:ident $({ $($value:ident: $type:ident),* })?
        $(= $plain:ident)? $(plural = $plural:ident)? $((fill $holes:literal))?,
    )*) => {
        /// A message key. Variants with fields carry the values the message interpolates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $variant $({ $($value: $type),* })?,)*
        }

        impl Msg {
            /// One of each message, those with values several times (enough to reach every
            /// plural form), for tests that walk every key.
            pub const SAMPLES: &'static [Msg] = &[
                $(
                    Msg::$variant $({ $($value: 0),* })?,
                    $(
                        Msg::$variant { $($value: 1),* },
                        Msg::$variant { $($value: 2),* },
                        Msg::$variant { $($value: 5),* },
                        Msg::$variant { $($value: 11),* },
                        Msg::$variant { $($value: 21),* },
                        Msg::$variant { $($value: 102),* },
                        Msg::$variant { $($value: 1200),* },
                    )?
                )*
            ];

            /// The key of the text `t` shows as it is for `self`, if `self` carries no values.
            #[cfg(test)]
            const fn key_as_is(self) -> Option<&'static str> {
                match self {
                    $(Msg::$variant { .. } => key_as_is!(
                        $(= $plain)? $(plural = $plural)? $(; $($value)*)?
                    ),)*
                }
            }

            /// How many placeholders (`{0}`, …) the text of `self` keeps for its caller to
            /// [`fill`]; `t` fills those of the values a variant carries.
            #[cfg(test)]
            const fn holes(self) -> usize {
                match self {
                    $(Msg::$variant { .. } => or_zero!($($holes)?),)*
                }
            }
        }

        /// The text of `msg` in `locale`. Numbers are formatted by the browser's `Intl` for the
        /// locale.
        #[deny(clippy::wildcard_enum_match_arm)]
        pub fn t(locale: Locale, msg: Msg) -> Cow<'static, str> {
            let tx = texts(locale);
            let tag = locale.tag();
            match msg {
                $(Msg::$variant $({ $($value),* })? => text!(
                    tx, locale, tag, $(= $plain)? $(plural = $plural)? $($(, $value)*)?
                ),)*
            }
        }
    };
}

ui_texts::with_texts!(messages);

pub use ui_texts::{Plural, Texts};

fn pick(plural: &Plural, category: PluralCategory) -> &'static str {
    let chosen = match category {
        PluralCategory::Zero => plural.zero,
        PluralCategory::One => plural.one,
        PluralCategory::Two => plural.two,
        PluralCategory::Few => plural.few,
        PluralCategory::Many => plural.many,
        PluralCategory::Other => None,
    };
    chosen.unwrap_or(plural.other)
}

use ui_texts::{PlainTexts, PluralTexts};

/// One locale's texts as `t` reads them: by position (`ui_texts::PlainKey`,
/// `ui_texts::PluralKey`) rather than by field, so that texts arriving as JSON go into place
/// with no code per text.
#[derive(Clone, Copy)]
struct Table {
    plain: &'static PlainTexts,
    plural: &'static PluralTexts,
}

thread_local! {
    /// The texts the page has received, by `Locale::index`.
    static LOADED: RefCell<[Option<Table>; Locale::ALL.len()]> =
        const { RefCell::new([None; Locale::ALL.len()]) };
}

/// Makes `texts` the texts of `locale` for the rest of the page's life.
pub fn install(locale: Locale, texts: &'static Texts) {
    install_table(
        locale,
        Table {
            plain: Box::leak(Box::new(texts.plain())),
            plural: Box::leak(Box::new(texts.plurals())),
        },
    );
}

fn install_table(locale: Locale, table: Table) {
    LOADED.with(|loaded| loaded.borrow_mut()[locale.index()] = Some(table));
}

/// Reads texts sent as a JSON array of slots (see `ui_texts::Texts::to_json`) and installs
/// them. Fails with the first missing text.
pub fn install_json(locale: Locale, slots: &wasm_bindgen::JsValue) -> Result<(), String> {
    let (plain, plural) = Texts::tables_from_slots(&mut |i| {
        let i = u32::try_from(i).ok()?;
        js_sys::Reflect::get_u32(slots, i).ok()?.as_string()
    })?;
    install_table(
        locale,
        Table {
            plain: Box::leak(plain),
            plural: Box::leak(Box::new(plural)),
        },
    );
    Ok(())
}

/// Installs the texts the server inlined into the app shell, if it did:
/// `<script id="ui-texts" type="application/json" data-locale="es">{…}</script>`.
pub fn install_inline() {
    let Some(element) = leptos::prelude::document().get_element_by_id("ui-texts") else {
        return;
    };
    let locale = element
        .get_attribute("data-locale")
        .and_then(|tag| Locale::from_tag(&tag));
    if let (Some(locale), Some(text)) = (locale, element.text_content()) {
        if let Ok(object) = js_sys::JSON::parse(&text) {
            let _ = install_json(locale, &object);
        }
    }
}

/// Fetches and installs the texts of `locale` unless they are already here.
pub async fn load(locale: Locale) -> Result<(), crate::api::ApiError> {
    if is_loaded(locale) {
        return Ok(());
    }
    let object = crate::api::ui_texts(locale).await?;
    install_json(locale, &object).map_err(crate::api::ApiError::Malformed)
}

/// True once the texts of `locale` are here. Natively English is always here (built in, with
/// every other locale's); the browser build carries none (see [`built_in`]).
pub fn is_loaded(locale: Locale) -> bool {
    (cfg!(not(target_arch = "wasm32")) && locale == Locale::En)
        || LOADED.with(|loaded| loaded.borrow()[locale.index()].is_some())
}

/// The texts of `locale`; while they have not arrived, those of a locale that has (the page
/// then reads in a language the buyer already had, not in blanks), else the built-in table.
fn texts(locale: Locale) -> Table {
    let loaded = LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        loaded[locale.index()].or_else(|| {
            // Natively English is built in and comes from there.
            (cfg!(target_arch = "wasm32") || locale != Locale::En)
                .then(|| loaded.iter().flatten().next().copied())
                .flatten()
        })
    });
    match loaded {
        Some(texts) => texts,
        None => built_in(locale),
    }
}

/// Native builds (unit tests, the server's first screens) have every locale's tables, made at
/// compile time: no code per text.
#[cfg(not(target_arch = "wasm32"))]
fn built_in(locale: Locale) -> Table {
    static PLAIN: [PlainTexts; Locale::ALL.len()] = {
        let mut out = [ui_texts::texts(Locale::En).plain(); Locale::ALL.len()];
        let mut i = 0;
        while i < out.len() {
            out[i] = ui_texts::texts(Locale::ALL[i]).plain();
            i += 1;
        }
        out
    };
    static PLURAL: [PluralTexts; Locale::ALL.len()] = {
        let mut out = [ui_texts::texts(Locale::En).plurals(); Locale::ALL.len()];
        let mut i = 0;
        while i < out.len() {
            out[i] = ui_texts::texts(Locale::ALL[i]).plurals();
            i += 1;
        }
        out
    };
    Table {
        plain: &PLAIN[locale.index()],
        plural: &PLURAL[locale.index()],
    }
}

/// The browser build carries no texts: every page the store's server answers has its
/// locale's texts inlined (the path's, else the best for `Accept-Language`), a shell served
/// without it (`trunk serve`, a CDN) has English inlined by the build, and the shell fetches
/// any other locale before it draws (`shell::LocaleShell`). English was built in until the
/// store pages (2026-12-03) needed its 2.6 KB of the product page's budget; a page with no
/// texts at all would show blank labels.
#[cfg(target_arch = "wasm32")]
fn built_in(_: Locale) -> Table {
    const NONE: Plural = Plural {
        zero: None,
        one: None,
        two: None,
        few: None,
        many: None,
        other: "",
    };
    static PLAIN: PlainTexts = [""; ui_texts::Texts::PLAIN_KEYS.len()];
    static PLURAL: PluralTexts = [NONE; ui_texts::Texts::PLURAL_KEYS.len()];
    Table {
        plain: &PLAIN,
        plural: &PLURAL,
    }
}

/// Replaces `{0}`, `{1}`, … in `template` with `values`.
pub fn fill(template: &str, values: &[String]) -> String {
    let mut out = template.to_owned();
    for (i, value) in values.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_a_non_empty_text_for_every_message() {
        for locale in Locale::ALL {
            for msg in Msg::SAMPLES {
                let text = t(locale, *msg);
                assert!(!text.trim().is_empty(), "{locale:?} {msg:?}");
                let filled = fill(&text, &vec!["x".to_owned(); msg.holes()]);
                assert!(
                    !filled.contains('{'),
                    "{locale:?} {msg:?} left a placeholder: {text}"
                );
            }
        }
    }

    #[test]
    fn templates_filled_by_their_callers_have_their_placeholders_in_every_locale() {
        let templates = Msg::SAMPLES.iter().filter(|msg| msg.holes() > 0);
        assert!(
            templates.clone().count() >= 35,
            "the list lost its `(fill n)`s"
        );
        for locale in Locale::ALL {
            for msg in templates.clone() {
                let text = t(locale, *msg);
                for i in 0..msg.holes() {
                    assert!(
                        text.contains(&format!("{{{i}}}")),
                        "{locale:?} {msg:?}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_message_shows_the_text_of_its_key_in_every_locale() {
        for locale in Locale::ALL {
            let texts = ui_texts::texts(locale);
            let by_key: std::collections::HashMap<String, &str> =
                texts.entries().into_iter().collect();
            let mut shown = 0;
            for msg in Msg::SAMPLES {
                if let Some(key) = msg.key_as_is() {
                    assert_eq!(t(locale, *msg), by_key[key], "{locale:?} {msg:?}");
                    shown += 1;
                }
            }
            assert_eq!(
                shown,
                Texts::PLAIN_KEYS.len() - 7,
                "all but the 7 with values"
            );
            let count = 7;
            assert_eq!(
                t(locale, Msg::ReviewCount { count }),
                fill(
                    pick(&texts.review_count, plural(locale, count)),
                    &[count.to_string()]
                ),
                "{locale:?}"
            );
        }
    }

    #[test]
    fn messages_with_numbers_show_the_numbers_in_every_locale() {
        for locale in Locale::ALL {
            let text = t(locale, Msg::PageOf { page: 7, total: 9 });
            assert!(
                text.contains('7') && text.contains('9'),
                "{locale:?}: {text}"
            );
            let text = t(locale, Msg::ProductCount { count: 42 });
            assert!(text.contains("42"), "{locale:?}: {text}");
        }
    }

    #[test]
    fn russian_and_arabic_pick_their_plural_forms() {
        assert_eq!(t(Locale::Ru, Msg::ProductCount { count: 1 }), "1 товар");
        assert_eq!(t(Locale::Ru, Msg::ProductCount { count: 3 }), "3 товара");
        assert_eq!(t(Locale::Ru, Msg::ProductCount { count: 11 }), "11 товаров");
        assert_eq!(t(Locale::Ar, Msg::ProductCount { count: 2 }), "منتجان");
        assert_eq!(t(Locale::En, Msg::ProductCount { count: 1 }), "1 product");
        assert_eq!(t(Locale::En, Msg::ProductCount { count: 2 }), "2 products");
    }
}
