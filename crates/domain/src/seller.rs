//! Seller accounts and stores on the wire: signing in, the session the dashboard works in, and
//! the store's profile as a draft and as published. The rules every body meets are here, so the
//! dashboard can check a field as it is typed with the server's own rule.

use crate::validate::{refuse, Refusal, Rule};
use serde::{Deserialize, Serialize};

/// The shortest password a seller may set, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password, in characters (hashing has a cost per byte).
pub const MAX_PASSWORD_CHARS: usize = 128;
/// The longest tagline, in characters.
pub const MAX_TAGLINE_CHARS: usize = 120;
/// The longest "about" and return policy texts, in characters.
pub const MAX_STORE_TEXT_CHARS: usize = 4_000;
/// WCAG AA's contrast for normal text, in tenths: white text on a theme colour must reach it.
pub const MIN_THEME_CONTRAST_TENTHS: u32 = 45;

/// `POST /api/v1/seller/session`: sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, example = "mekong-kids@sellers.example")
    )]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, max_length = 128))]
    pub password: String,
}

/// `POST /api/v1/seller/password`: set a password with a one-time link's token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetPassword {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub token: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 10, max_length = 128)
    )]
    pub password: String,
}

/// The session a signed-in seller works in (`GET`/`POST /api/v1/seller/session`). The session
/// itself is an `HttpOnly` cookie; `csrf_token` goes in the `X-CSRF-Token` header of every
/// write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerSession {
    /// The seller's slug (`/s/{seller}`).
    pub seller: String,
    pub name: String,
    /// The language the seller writes in (a locale tag).
    pub language: String,
    pub csrf_token: String,
    /// When the session ends unless used before (RFC 3339); it ends a week after sign-in
    /// regardless.
    pub expires_at: String,
}

/// A store's profile, as the seller edits it (`PUT /api/v1/seller/store/draft`) and as buyers
/// see it once published. Texts are in the seller's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreProfile {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 120))]
    pub tagline: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub about: String,
    /// `#rrggbb`; white text on it must reach 4.5 : 1 (WCAG AA). `null`: the store's default.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^#[0-9a-fA-F]{6}$", example = "#0b5d3b")
    )]
    pub theme_color: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub return_policy: String,
}

/// `GET /api/v1/seller/store`: the draft the seller edits and what buyers see now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreProfileState {
    pub draft: StoreProfile,
    /// `null` until the first publication.
    pub published: Option<StoreProfile>,
    /// Whether the draft differs from what is published.
    pub unpublished_changes: bool,
}

/// The longest product title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest product description, in characters (HTML included).
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// `PUT /api/v1/seller/products/{slug}/texts/{locale}`: a product's title and description in
/// one language, written by the seller (a draft until the store is published).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductTextInput {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, max_length = 200))]
    pub title: String,
    /// Formatting only (paragraphs, lists, emphasis); anything else is removed when shown.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub description_html: String,
}

impl ProductTextInput {
    /// Every field that breaks a rule: a title is required, one line, and not too long.
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            refuse(&mut out, "title", Rule::Required);
        } else if self.title.chars().count() > MAX_TITLE_CHARS {
            refuse(
                &mut out,
                "title",
                Rule::TooLong {
                    max: MAX_TITLE_CHARS as u64,
                },
            );
        } else if self.title.chars().any(char::is_control) {
            refuse(&mut out, "title", Rule::Malformed);
        }
        if self.description_html.chars().count() > MAX_DESCRIPTION_CHARS {
            refuse(
                &mut out,
                "description_html",
                Rule::TooLong {
                    max: MAX_DESCRIPTION_CHARS as u64,
                },
            );
        }
        out
    }
}

/// One language of a seller's product: what buyers see and the seller's unpublished draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerProductText {
    /// A locale tag.
    pub locale: String,
    /// `null` when buyers in this language see another language's text.
    pub title: Option<String>,
    pub description_html: Option<String>,
    /// Who wrote the published text: `original`, `human` (the seller, by hand) or `machine`.
    pub provenance: Option<crate::catalog::Provenance>,
    /// The seller's text waiting for publication.
    pub draft: Option<ProductTextInput>,
}

/// `GET /api/v1/seller/products/{slug}`: a product's texts in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerProduct {
    pub slug: String,
    /// The locale the seller wrote the product in.
    pub original_locale: String,
    /// In every shipped locale, in the store's order.
    pub texts: Vec<SellerProductText>,
}

/// One of the seller's products in `GET /api/v1/seller/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerProductRef {
    pub slug: String,
    /// In the seller's own language (its original where none).
    pub title: String,
    /// Languages with an unpublished draft.
    pub drafts: u32,
}

/// `GET /api/v1/sellers/{slug}`: a store as buyers see it (only what the seller published).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Storefront {
    pub seller: crate::catalog::SellerCard,
    /// `null` until the seller first publishes its store.
    pub profile: Option<StoreProfile>,
    /// Where the seller's products ship from, most products first (cities in the buyer's
    /// language).
    pub ships_from: Vec<crate::catalog::ShipsFrom>,
    pub product_count: u32,
}

/// A password's refusals: between [`MIN_PASSWORD_CHARS`] and [`MAX_PASSWORD_CHARS`].
pub fn password_refusals(field: &str, password: &str) -> Vec<Refusal> {
    let mut out = Vec::new();
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        refuse(
            &mut out,
            field,
            Rule::TooShort {
                min: MIN_PASSWORD_CHARS as u64,
            },
        );
    } else if chars > MAX_PASSWORD_CHARS {
        refuse(
            &mut out,
            field,
            Rule::TooLong {
                max: MAX_PASSWORD_CHARS as u64,
            },
        );
    }
    out
}

impl StoreProfile {
    /// Every field that breaks a rule: lengths, control characters in the tagline, the theme
    /// colour's form and contrast.
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        let long = |out: &mut Vec<Refusal>, field: &str, text: &str, max: usize| {
            if text.chars().count() > max {
                refuse(out, field, Rule::TooLong { max: max as u64 });
            }
        };
        long(&mut out, "tagline", &self.tagline, MAX_TAGLINE_CHARS);
        if self.tagline.chars().any(char::is_control) {
            refuse(&mut out, "tagline", Rule::Malformed);
        }
        long(&mut out, "about", &self.about, MAX_STORE_TEXT_CHARS);
        long(
            &mut out,
            "return_policy",
            &self.return_policy,
            MAX_STORE_TEXT_CHARS,
        );
        if let Some(color) = &self.theme_color {
            match parse_hex_color(color) {
                None => refuse(&mut out, "theme_color", Rule::Malformed),
                Some(rgb) => {
                    let ratio_tenths = white_text_contrast_tenths(rgb);
                    if ratio_tenths < MIN_THEME_CONTRAST_TENTHS {
                        refuse(&mut out, "theme_color", Rule::LowContrast { ratio_tenths });
                    }
                }
            }
        }
        out
    }
}

/// `#rrggbb` (either case) as its three channels.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2's contrast ratio of white text on `rgb`, in tenths, rounded down (so 4.49 : 1 is 44
/// and refused): (1.05) / (L + 0.05) with L the colour's relative luminance.
pub fn white_text_contrast_tenths(rgb: [u8; 3]) -> u32 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    // At most 21.0 : 1, so the cast cannot overflow.
    ((1.05 / (l + 0.05)) * 10.0).floor() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_text_on_black_is_21_to_1_and_on_white_1_to_1() {
        assert_eq!(white_text_contrast_tenths([0, 0, 0]), 210);
        assert_eq!(white_text_contrast_tenths([255, 255, 255]), 10);
    }

    #[test]
    fn the_contrast_matches_published_wcag_figures() {
        // #767676 is the lightest grey that passes AA on white (4.54 : 1); #777777 fails (4.48).
        assert_eq!(white_text_contrast_tenths([0x76, 0x76, 0x76]), 45);
        assert_eq!(white_text_contrast_tenths([0x77, 0x77, 0x77]), 44);
    }

    #[test]
    fn a_dark_theme_colour_is_accepted_and_a_light_one_refused_with_its_ratio() {
        let profile = |c: &str| StoreProfile {
            theme_color: Some(c.into()),
            ..StoreProfile::default()
        };
        assert_eq!(profile("#0B5D3B").refusals(), vec![]);
        assert_eq!(
            profile("#ffd700").refusals(),
            vec![Refusal {
                field: "theme_color".into(),
                rule: Rule::LowContrast { ratio_tenths: 14 }
            }]
        );
        assert_eq!(profile("red").refusals()[0].rule, Rule::Malformed);
        assert_eq!(profile("#12345g").refusals()[0].rule, Rule::Malformed);
        assert_eq!(profile("#ééé").refusals()[0].rule, Rule::Malformed);
    }

    #[test]
    fn a_password_is_counted_in_characters_not_bytes() {
        assert_eq!(
            password_refusals("password", "短い"),
            vec![Refusal {
                field: "password".into(),
                rule: Rule::TooShort { min: 10 }
            }]
        );
        assert!(password_refusals("password", "パスワードは十文字以上").is_empty());
        assert_eq!(
            password_refusals("password", &"x".repeat(129))[0].rule,
            Rule::TooLong { max: 128 }
        );
    }

    #[test]
    fn a_product_title_is_required_one_line_and_at_most_200_characters() {
        let rule = |title: &str| {
            ProductTextInput {
                title: title.into(),
                ..ProductTextInput::default()
            }
            .refusals()
            .first()
            .map(|r| r.rule)
        };
        assert_eq!(rule("Vestido infantil de algodón"), None);
        assert_eq!(rule("   "), Some(Rule::Required));
        assert_eq!(rule("a\nb"), Some(Rule::Malformed));
        assert_eq!(rule(&"ü".repeat(201)), Some(Rule::TooLong { max: 200 }));
        assert_eq!(rule(&"ü".repeat(200)), None);
    }

    proptest::proptest! {
        #[test]
        fn any_product_text_is_checked_without_panicking(title in "\\PC*", description_html in "\\PC*") {
            let _ = ProductTextInput { title, description_html }.refusals();
        }

        #[test]
        fn any_text_as_a_colour_is_parsed_or_refused_without_panicking(text in "\\PC*") {
            let profile = StoreProfile { theme_color: Some(text.clone()), ..StoreProfile::default() };
            let _ = profile.refusals();
            if let Some(rgb) = parse_hex_color(&text) {
                proptest::prop_assert!(white_text_contrast_tenths(rgb) >= 10);
            }
        }

        #[test]
        fn any_profile_texts_are_checked_without_panicking(tagline in "\\PC*", about in "\\PC*") {
            let _ = StoreProfile { tagline, about, ..StoreProfile::default() }.refusals();
        }
    }
}
