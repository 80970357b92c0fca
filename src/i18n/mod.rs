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

pub use plural::{plural, PluralCategory};

use std::borrow::Cow;

/// A UI language the app ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
    Ja,
    Ko,
    Th,
    Vi,
    Id,
    Ms,
    Es,
    Ru,
    Tr,
    Ar,
}

/// Text direction of a locale's script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

impl Locale {
    /// Every shipped locale, in the order the language menu lists them.
    pub const ALL: [Locale; 12] = [
        Locale::En,
        Locale::ZhCn,
        Locale::Ja,
        Locale::Ko,
        Locale::Th,
        Locale::Vi,
        Locale::Id,
        Locale::Ms,
        Locale::Es,
        Locale::Ru,
        Locale::Tr,
        Locale::Ar,
    ];

    /// The BCP 47 tag: `<html lang>`, `Intl`, and the first segment of every route.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
            Locale::Ja => "ja",
            Locale::Ko => "ko",
            Locale::Th => "th",
            Locale::Vi => "vi",
            Locale::Id => "id",
            Locale::Ms => "ms",
            Locale::Es => "es",
            Locale::Ru => "ru",
            Locale::Tr => "tr",
            Locale::Ar => "ar",
        }
    }

    /// The language's name in itself, as the language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "简体中文",
            Locale::Ja => "日本語",
            Locale::Ko => "한국어",
            Locale::Th => "ไทย",
            Locale::Vi => "Tiếng Việt",
            Locale::Id => "Bahasa Indonesia",
            Locale::Ms => "Bahasa Melayu",
            Locale::Es => "Español",
            Locale::Ru => "Русский",
            Locale::Tr => "Türkçe",
            Locale::Ar => "العربية",
        }
    }

    pub fn dir(self) -> Dir {
        match self {
            Locale::Ar => Dir::Rtl,
            _ => Dir::Ltr,
        }
    }

    /// Parses a route segment or a browser language tag: exact tags in any case (`zh-cn`),
    /// and tags whose language matches a shipped locale (`es-CL` → `es`, `zh-Hans-CN` →
    /// `zh-CN`, `ms-MY` → `ms`). Traditional Chinese is not matched to Simplified.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        if let Some(exact) = Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(&tag))
        {
            return Some(exact);
        }
        let mut parts = tag.split('-');
        let language = parts.next()?;
        match language {
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                (!traditional).then_some(Locale::ZhCn)
            }
            // "in" is the withdrawn code for Indonesian that some Android versions still send.
            "in" => Some(Locale::Id),
            _ => Locale::ALL.into_iter().find(|l| l.tag() == language),
        }
    }

    /// The best shipped locale for a browser's ordered language list, or English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or_default()
    }
}

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
    fn only_arabic_is_right_to_left() {
        for locale in Locale::ALL {
            assert_eq!(locale.dir() == Dir::Rtl, locale == Locale::Ar, "{locale:?}");
        }
    }

    #[test]
    fn tags_round_trip_and_match_case_insensitively() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
            assert_eq!(Locale::from_tag(&locale.tag().to_uppercase()), Some(locale));
        }
    }

    #[test]
    fn regional_browser_languages_find_their_shipped_locale() {
        assert_eq!(Locale::from_tag("es-CL"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("pt-BR"), None);
        assert_eq!(Locale::from_tag("zh-Hans-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("zh"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("zh-TW"), None);
        assert_eq!(Locale::from_tag("ms-MY"), Some(Locale::Ms));
        assert_eq!(Locale::from_tag("in-ID"), Some(Locale::Id));
        assert_eq!(Locale::from_tag("ar-SA"), Some(Locale::Ar));
        assert_eq!(Locale::from_tag("xx"), None);
    }

    #[test]
    fn negotiation_takes_the_first_supported_language_or_english() {
        assert_eq!(Locale::negotiate(["pt-BR", "es-419", "en"]), Locale::Es);
        assert_eq!(Locale::negotiate(["fr-FR", "de"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
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
