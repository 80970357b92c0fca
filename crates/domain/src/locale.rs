//! The languages the store speaks, and how a request or a browser picks one.

/// A language the store ships: its UI, its product texts and its error messages.
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

    /// Position in [`Locale::ALL`]; per-locale tables (`[&str; 12]`) are indexed by it.
    pub fn index(self) -> usize {
        self as usize
    }

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

impl Locale {
    /// Picks a locale from an HTTP `Accept-Language` header (`es-CL,es;q=0.9,en;q=0.8`):
    /// the highest-weighted language the store speaks, or `None` when none matches.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        accepted_tags(header).into_iter().find_map(Locale::from_tag)
    }
}

/// The language tags of an `Accept-Language` header, highest weight first (equal weights in
/// the header's order); `*`, `q=0`, unreadable weights and anything that is not a plausible
/// tag (ASCII letters, digits, `-`, `_`, at most 35 characters) left out.
pub fn accepted_tags(header: &str) -> Vec<&str> {
    let mut ranges: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            let plausible = !tag.is_empty()
                && tag.len() <= 35
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            (plausible && q > 0.0).then_some((q, i, tag))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, tag)| tag).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_position_in_all() {
        for (i, locale) in Locale::ALL.into_iter().enumerate() {
            assert_eq!(locale.index(), i);
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
    fn accept_language_weights_decide_and_unknown_languages_are_skipped() {
        assert_eq!(
            Locale::from_accept_language("es-CL,es;q=0.9,en;q=0.8"),
            Some(Locale::Es)
        );
        assert_eq!(
            Locale::from_accept_language("fr;q=1, ja;q=0.5, en;q=0.4"),
            Some(Locale::Ja)
        );
        assert_eq!(
            Locale::from_accept_language("en;q=0.2, ar"),
            Some(Locale::Ar)
        );
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language("*"), None);
        assert_eq!(Locale::from_accept_language("ja;q=0"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }
}
