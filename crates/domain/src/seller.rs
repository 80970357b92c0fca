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
    /// The logo: a path under `/media/u/` from an upload (`POST /api/v1/seller/images/logo`).
    #[serde(default)]
    pub logo: Option<String>,
    /// The banner across the store page's top, from an upload likewise.
    #[serde(default)]
    pub banner: Option<String>,
    /// Return policies for deliveries to particular countries (an EU buyer's 14 days, say),
    /// each shown to buyers shipping there in place of `return_policy`. Buyers get none of
    /// them: their `return_policy` is already the one for their destination
    /// (`Storefront.returns_country`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 24))]
    pub country_returns: Vec<CountryReturns>,
}

/// A return policy for deliveries to one of the store's destinations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryReturns {
    /// ISO 3166-1 alpha-2, one of the store's destinations.
    #[cfg_attr(feature = "openapi", schema(example = "DE"))]
    pub country: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub policy: String,
}

/// `GET /api/v1/seller/store`: the draft the seller edits and what buyers see now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreProfileState {
    pub draft: StoreProfile,
    /// `null` until the first publication.
    pub published: Option<StoreProfile>,
    #[serde(default)]
    pub featured: FeaturedState,
    #[serde(default)]
    pub campaigns: CampaignsState,
    /// Whether the draft (profile, featured products or campaigns) differs from what is
    /// published.
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
    /// The products the seller features, in its order (prices as in a listing).
    #[serde(default)]
    pub featured: Vec<crate::catalog::ProductSummary>,
    /// The campaign live now, if one is.
    #[serde(default)]
    pub campaign: Option<LiveCampaign>,
    /// The store's own texts in the buyer's language, where a machine translated them when the
    /// seller published; `profile` and `campaign` keep the seller's words, in
    /// `seller.language`. `null` when the buyer reads the seller's language, or nothing was
    /// translated.
    #[serde(default)]
    pub machine: Option<MachineStoreTexts>,
    /// The destination whose return policy `profile.return_policy` is, when the seller wrote
    /// one for the buyer's (the `country` asked for); `null`: the store's own policy.
    #[serde(default)]
    pub returns_country: Option<String>,
}

/// A store's texts machine-translated into one language (each `null` where there is no
/// translation: the buyer reads the seller's words). `about` and `return_policy` are
/// sanitized HTML, as in `StoreProfile`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MachineStoreTexts {
    /// The language of these texts (the buyer's).
    pub locale: String,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default)]
    pub about: Option<String>,
    #[serde(default)]
    pub return_policy: Option<String>,
    /// The live campaign's headline.
    #[serde(default)]
    pub headline: Option<String>,
}

impl MachineStoreTexts {
    /// Whether any text is translated.
    pub fn any(&self) -> bool {
        self.tagline.is_some()
            || self.about.is_some()
            || self.return_policy.is_some()
            || self.headline.is_some()
    }
}

/// The most products a store features, on its page or in one campaign.
pub const MAX_FEATURED: usize = 12;
/// The most campaigns a store keeps (past, live and scheduled).
pub const MAX_CAMPAIGNS: usize = 8;
/// The longest campaign headline, in characters.
pub const MAX_HEADLINE_CHARS: usize = 80;

/// `PUT /api/v1/seller/store/featured`: the products the store page shows first, in order
/// (slugs of the seller's own products).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeaturedProducts {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 12))]
    pub products: Vec<String>,
}

impl FeaturedProducts {
    /// Too many, or one named twice (which product belongs to whom is the server's check).
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        product_list_refusals(&mut out, "products", &self.products);
        out
    }
}

fn product_list_refusals(out: &mut Vec<Refusal>, field: &str, slugs: &[String]) {
    if slugs.len() > MAX_FEATURED {
        refuse(
            out,
            field,
            Rule::TooMany {
                max: MAX_FEATURED as u64,
            },
        );
        return;
    }
    for (i, slug) in slugs.iter().enumerate() {
        if slug.trim().is_empty() || slug.len() > 200 {
            refuse(out, format!("{field}[{i}]"), Rule::UnknownItem);
        } else if slugs[..i].contains(slug) {
            refuse(out, format!("{field}[{i}]"), Rule::RepeatedItem);
        }
    }
}

/// A seasonal campaign as the seller writes it: a headline, a banner and featured products,
/// shown to buyers from `starts` to `ends`, wall-clock times in the seller's `time_zone`.
/// Discounts come later: the campaign is the row they will hang on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    /// The campaign's own id, the same in the draft and once published; empty for a new one
    /// (the server gives it one).
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, max_length = 80, example = "11.11 — free gift wrap")
    )]
    pub headline: String,
    /// Local date and time, `YYYY-MM-DDTHH:MM` (an HTML `datetime-local` value).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, example = "2026-11-11T00:00")
    )]
    pub starts: String,
    /// Local date and time the campaign ends (exclusive), after `starts`.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, example = "2026-11-12T00:00")
    )]
    pub ends: String,
    /// An IANA time zone (`Asia/Shanghai`): the clock `starts` and `ends` are read on.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, example = "Asia/Shanghai")
    )]
    pub time_zone: String,
    /// The campaign's featured products, slugs of the seller's own, in order.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 12))]
    pub products: Vec<String>,
    /// The banner: a path under `/media/` from an upload, or none (the store's banner shows).
    #[serde(default)]
    pub banner: Option<String>,
}

/// `PUT /api/v1/seller/store/campaigns`: every campaign of the store's draft, replacing those
/// before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaigns {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 8))]
    pub campaigns: Vec<Campaign>,
}

impl Campaigns {
    /// Every field that breaks a rule, named `campaigns[i].field`. Whether the time zone exists
    /// and the local times exist in it is the server's check (it holds the time zone data).
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        if self.campaigns.len() > MAX_CAMPAIGNS {
            refuse(
                &mut out,
                "campaigns",
                Rule::TooMany {
                    max: MAX_CAMPAIGNS as u64,
                },
            );
            return out;
        }
        for (i, c) in self.campaigns.iter().enumerate() {
            let field = |name: &str| format!("campaigns[{i}].{name}");
            let headline = c.headline.trim();
            if headline.is_empty() {
                refuse(&mut out, field("headline"), Rule::Required);
            } else if headline.chars().count() > MAX_HEADLINE_CHARS {
                refuse(
                    &mut out,
                    field("headline"),
                    Rule::TooLong {
                        max: MAX_HEADLINE_CHARS as u64,
                    },
                );
            } else if headline.chars().any(char::is_control) {
                refuse(&mut out, field("headline"), Rule::Malformed);
            }
            let starts = local_minutes(&c.starts);
            let ends = local_minutes(&c.ends);
            for (name, value, parsed) in [("starts", &c.starts, starts), ("ends", &c.ends, ends)] {
                if value.trim().is_empty() {
                    refuse(&mut out, field(name), Rule::Required);
                } else if parsed.is_none() {
                    refuse(&mut out, field(name), Rule::Malformed);
                }
            }
            if let (Some(s), Some(e)) = (starts, ends) {
                if e <= s {
                    refuse(&mut out, field("ends"), Rule::NotAfterStart);
                }
            }
            if c.time_zone.trim().is_empty() {
                refuse(&mut out, field("time_zone"), Rule::Required);
            } else if c.time_zone.len() > 64
                || !c
                    .time_zone
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
            {
                refuse(&mut out, field("time_zone"), Rule::Malformed);
            }
            if c.id.len() > 64 || !c.id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                refuse(&mut out, field("id"), Rule::Malformed);
            }
            if let Some(banner) = &c.banner {
                if !is_media_path(banner) {
                    refuse(&mut out, field("banner"), Rule::Malformed);
                }
            }
            product_list_refusals(&mut out, &field("products"), &c.products);
        }
        out
    }
}

/// A path the store's own uploads are served at: `/media/u/…`, plain characters only.
pub fn is_media_path(path: &str) -> bool {
    path.strip_prefix("/media/u/").is_some_and(|rest| {
        !rest.is_empty()
            && rest.len() <= 120
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
            && !rest.contains("..")
    })
}

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds allowed as `:00`) as minutes since
/// 0000-01-01 on a calendar where every month has 31 days: enough to order two values and
/// to refuse impossible fields (month 13, 24:00); February 30 passes here and is refused by
/// the server's calendar.
pub fn local_minutes(value: &str) -> Option<u64> {
    let v = value.trim();
    let v = v.strip_suffix(":00").filter(|s| s.len() == 16).unwrap_or(v);
    let b = v.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let part = &v[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, mo, d, h, mi) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 {
        return None;
    }
    Some((((y * 12 + mo - 1) * 31 + d - 1) * 24 + h) * 60 + mi)
}

/// The featured products of the store's draft and of what buyers see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeaturedState {
    pub draft: Vec<String>,
    pub published: Vec<String>,
}

/// The campaigns of the store's draft and of what buyers see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignsState {
    pub draft: Vec<Campaign>,
    pub published: Vec<Campaign>,
}

/// The campaign buyers see now on a store page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveCampaign {
    pub id: String,
    pub headline: String,
    /// When it ends, RFC 3339 in UTC.
    pub ends_at: String,
    pub banner: Option<crate::catalog::ImageRef>,
    pub products: Vec<crate::catalog::ProductSummary>,
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
        if self.country_returns.len() > crate::shipping::DESTINATIONS.len() {
            refuse(
                &mut out,
                "country_returns",
                Rule::TooMany {
                    max: crate::shipping::DESTINATIONS.len() as u64,
                },
            );
        }
        for (i, c) in self.country_returns.iter().enumerate() {
            let field = |name: &str| format!("country_returns[{i}].{name}");
            if !crate::shipping::DESTINATIONS.contains(&c.country.as_str()) {
                refuse(&mut out, field("country"), Rule::NotADestination);
            } else if self.country_returns[..i]
                .iter()
                .any(|d| d.country == c.country)
            {
                refuse(&mut out, field("country"), Rule::RepeatedItem);
            }
            if c.policy.trim().is_empty() {
                refuse(&mut out, field("policy"), Rule::Required);
            }
            long(&mut out, &field("policy"), &c.policy, MAX_STORE_TEXT_CHARS);
        }
        for (field, path) in [("logo", &self.logo), ("banner", &self.banner)] {
            if path.as_deref().is_some_and(|p| !is_media_path(p)) {
                refuse(&mut out, field, Rule::Malformed);
            }
        }
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

        #[test]
        fn any_country_return_policy_is_refused_unless_a_destination_with_a_policy(
            country in proptest::prop_oneof![
                proptest::strategy::Strategy::prop_map(proptest::sample::select(crate::shipping::DESTINATIONS.to_vec()), String::from),
                "\\PC{0,4}",
            ],
            policy in proptest::prop_oneof!["\\PC*", "\\PC{3990,4010}"],
        ) {
            let profile = StoreProfile {
                country_returns: vec![CountryReturns { country: country.clone(), policy: policy.clone() }],
                ..StoreProfile::default()
            };
            let refused = profile.refusals();
            let fine = crate::shipping::DESTINATIONS.contains(&country.as_str())
                && !policy.trim().is_empty()
                && policy.chars().count() <= MAX_STORE_TEXT_CHARS;
            proptest::prop_assert_eq!(refused.is_empty(), fine, "{:?}", refused);
        }
    }
}

/// A buyer's market, as a preview shows the store to it: where the order ships, the language
/// of the texts and the currency of the prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// ISO 3166-1 alpha-2, one of the store's destinations.
    #[cfg_attr(feature = "openapi", schema(example = "ID"))]
    pub country: String,
    /// One of the store's languages (BCP 47).
    #[cfg_attr(feature = "openapi", schema(example = "id"))]
    pub locale: String,
    /// ISO 4217, one the store offers.
    #[cfg_attr(feature = "openapi", schema(example = "IDR"))]
    pub currency: String,
}

/// `POST /api/v1/seller/preview-links`: a link that opens the store's draft without an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPreviewLink {
    /// How long the link opens the preview, in days (1 to 14).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 14, example = 7))]
    pub days: u32,
    /// The one market the link shows; any market when absent.
    #[serde(default)]
    pub market: Option<Market>,
}

/// A share link to the store's draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewLink {
    pub id: String,
    /// The page it opens (`/{locale}/preview/{token}`), on the store's origin. Signed: altering
    /// any part of it makes it refused.
    pub path: String,
    pub created_at: String,
    pub expires_at: String,
    /// Withdrawn by the seller: the link no longer opens anything.
    pub revoked: bool,
    pub market: Option<Market>,
}

/// `GET /api/v1/seller/preview-links`: the store's links, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewLinks {
    pub links: Vec<PreviewLink>,
}

/// `GET /api/v1/preview`: whose draft a preview request may see, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewScope {
    /// The store's slug.
    pub store: String,
    pub store_name: String,
    /// `seller` (the signed-in seller) or `link` (a share link).
    pub via: String,
    /// The one market a share link shows, when it was made for one.
    pub market: Option<Market>,
    /// When a share link stops opening the preview.
    pub expires_at: Option<String>,
}

/// The longest a preview link may stay open, in days.
pub const MAX_PREVIEW_DAYS: u32 = 14;

impl NewPreviewLink {
    /// What the store refuses before the server looks anything up (the language and the
    /// currency are the server's to check against the ones it offers).
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        if !(1..=MAX_PREVIEW_DAYS).contains(&self.days) {
            refuse(
                &mut out,
                "days",
                Rule::OutOfRange {
                    min: 1,
                    max: u64::from(MAX_PREVIEW_DAYS),
                },
            );
        }
        if let Some(market) = &self.market {
            if crate::validate::destination(&market.country).is_none() {
                refuse(&mut out, "market.country", Rule::NotADestination);
            }
        }
        out
    }
}

/// One of the store's last publications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Publication {
    /// 1 for the store's first publication, then one more each time.
    pub number: u32,
    pub published_at: String,
    /// The publication a restore brought back.
    pub restored_from: Option<u32>,
}

/// `GET /api/v1/seller/publications`: the last ten, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Publications {
    pub items: Vec<Publication>,
}

/// One difference between the draft and what buyers see now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreChange {
    /// `tagline`, `about`, `return_policy`, `theme_color`, `logo`, `banner`, `returns`,
    /// `featured`, `campaign` or `product_text`.
    pub part: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// Which one: a country, a campaign's headline, a product and language.
    pub detail: Option<String>,
}

/// `GET /api/v1/seller/store/changes`: what publishing now would change for buyers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreChanges {
    pub items: Vec<StoreChange>,
}
