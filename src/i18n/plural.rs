//! CLDR cardinal plural categories for whole numbers, for the shipped locales.
//!
//! Only integers are counted in this UI (items, pages), so the rules below are CLDR's rules
//! restricted to integers. `tests/web.rs` checks them against the browser's
//! `Intl.PluralRules` for every locale.

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// The name `Intl.PluralRules.prototype.select` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }
}

/// The plural category of the whole number `n` in `locale`.
pub fn plural(locale: Locale, n: u64) -> PluralCategory {
    use PluralCategory::*;
    match locale {
        Locale::ZhCn
        | Locale::Ja
        | Locale::Ko
        | Locale::Th
        | Locale::Vi
        | Locale::Id
        | Locale::Ms => Other,
        Locale::En | Locale::Tr => {
            if n == 1 {
                One
            } else {
                Other
            }
        }
        Locale::Es => {
            if n == 1 {
                One
            } else if n != 0 && n.is_multiple_of(1_000_000) {
                Many
            } else {
                Other
            }
        }
        Locale::Ru => {
            let (m10, m100) = (n % 10, n % 100);
            if m10 == 1 && m100 != 11 {
                One
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                Few
            } else {
                Many
            }
        }
        Locale::Ar => {
            let m100 = n % 100;
            match n {
                0 => Zero,
                1 => One,
                2 => Two,
                _ if (3..=10).contains(&m100) => Few,
                _ if (11..=99).contains(&m100) => Many,
                _ => Other,
            }
        }
    }
}
