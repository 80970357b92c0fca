//! Every user-visible string of the app, in every shipped locale.
//!
//! Pages never hold literal text; they ask for a [`Msg`] in the current [`Locale`]. Each locale
//! is one module under `locales/` with an exhaustive `match` over `Msg` (no wildcard arm, which
//! clippy enforces), so a key missing from any locale is a compile error, not a blank label.
//! Plural forms follow CLDR's cardinal rules ([`plural`]); numbers inside messages are
//! formatted by the browser's `Intl` for the locale.
//!
//! Why not leptos_i18n: it pulls leptos-use and ICU data into the bundle, while the browser
//! already ships `Intl`; these tables cost a few kilobytes and are checked just as strictly.

mod locales;
mod plural;

pub use domain::{Dir, Locale};
pub use plural::{plural, PluralCategory};

use std::borrow::Cow;

/// A message key. Variants with fields carry the values the message interpolates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    StoreName,
    SkipToContent,
    HomeHeading,
    HomeIntro,
    ProductsListLabel,
    Loading,
    UnreachableTitle,
    UnreachableBody,
    ServerErrorTitle,
    ServerErrorBody,
    Retry,
    EmptyCatalog,
    Pagination,
    PreviousPage,
    NextPage,
    PageOf { page: u32, total: u32 },
    ProductCount { count: u64 },
    NotFoundTitle,
    NotFoundBody,
    BackToShop,
    Language,
}

impl Msg {
    /// One of each message, with sample values, for tests that walk every key.
    pub const SAMPLES: &'static [Msg] = &[
        Msg::StoreName,
        Msg::SkipToContent,
        Msg::HomeHeading,
        Msg::HomeIntro,
        Msg::ProductsListLabel,
        Msg::Loading,
        Msg::UnreachableTitle,
        Msg::UnreachableBody,
        Msg::ServerErrorTitle,
        Msg::ServerErrorBody,
        Msg::Retry,
        Msg::EmptyCatalog,
        Msg::Pagination,
        Msg::PreviousPage,
        Msg::NextPage,
        Msg::PageOf { page: 2, total: 3 },
        Msg::ProductCount { count: 0 },
        Msg::ProductCount { count: 1 },
        Msg::ProductCount { count: 2 },
        Msg::ProductCount { count: 5 },
        Msg::ProductCount { count: 11 },
        Msg::ProductCount { count: 21 },
        Msg::ProductCount { count: 102 },
        Msg::NotFoundTitle,
        Msg::NotFoundBody,
        Msg::BackToShop,
        Msg::Language,
    ];
}

/// The text of `msg` in `locale`.
pub fn t(locale: Locale, msg: Msg) -> Cow<'static, str> {
    let n = |value: u64| crate::format::format_integer(value, locale.tag());
    match locale {
        Locale::En => locales::en::text(msg, &n),
        Locale::ZhCn => locales::zh_cn::text(msg, &n),
        Locale::Ja => locales::ja::text(msg, &n),
        Locale::Ko => locales::ko::text(msg, &n),
        Locale::Th => locales::th::text(msg, &n),
        Locale::Vi => locales::vi::text(msg, &n),
        Locale::Id => locales::id::text(msg, &n),
        Locale::Ms => locales::ms::text(msg, &n),
        Locale::Es => locales::es::text(msg, &n),
        Locale::Ru => locales::ru::text(msg, &n),
        Locale::Tr => locales::tr::text(msg, &n),
        Locale::Ar => locales::ar::text(msg, &n),
    }
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
                assert!(
                    !text.contains('{'),
                    "{locale:?} {msg:?} left a placeholder: {text}"
                );
            }
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
