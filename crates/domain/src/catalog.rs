//! Catalog types as they cross the wire between the server and the app.

use crate::money::Money;
use serde::{Deserialize, Serialize};

wire_enum! {
    /// How a listing is ordered; the values are the API's and the app's URLs'.
    pub enum SortKey {
        /// With words: products containing every word whole first, then those matching by
        /// prefix ("silk" before "silky"), each tier best-selling first. Without words: best
        /// sellers.
        Relevance = "relevance",
        BestSelling = "best_selling",
        PriceAsc = "price_asc",
        PriceDesc = "price_desc",
        Newest = "newest",
    }
}

/// The listing's own query parameters of `GET /api/v1/products` (besides `locale` and
/// `currency`), which the app's listing URLs carry too.
pub const LISTING_PARAMS: &[&str] = &[
    "q",
    "category",
    "min_price",
    "max_price",
    "ships_from",
    "seller",
    "handling_free",
    "min_rating",
    "sort",
    "page",
    "per_page",
];

/// One product as it appears in a listing: a product card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductSummary {
    pub id: i64,
    pub slug: String,
    /// In the response's locale.
    pub title: String,
    /// The lowest variant price, in the seller's currency.
    pub price: Money,
    /// `price` in the buyer's currency when the request named one (`currency=`); absent
    /// when it did not, or when the seller's currency has no rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted: Option<crate::fx::Converted>,
    pub image: ImageRef,
    /// ISO 3166-1 alpha-2 code of the seller's country; the app names it in the buyer's language.
    pub seller_country: String,
    /// Average review score out of 5, one decimal.
    pub rating: f32,
    pub review_count: u32,
}

/// One page of a listing or search, with the filters' counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductList {
    /// The locale the texts are in (the requested one, or the fallback).
    pub locale: String,
    /// The currency `converted` prices are in, when the request named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "CLP"))]
    pub currency: Option<crate::Currency>,
    pub items: Vec<ProductSummary>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
    pub total_pages: u32,
    pub facets: Facets,
    /// Best sellers to offer when nothing matched, so an empty result is never a dead end.
    pub suggestions: Vec<ProductSummary>,
}

/// How many products each filter value would leave, given the other filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    pub categories: Vec<CategoryCount>,
    pub ships_from: Vec<CountryCount>,
    pub price: Vec<PriceBucket>,
    pub seller_rating: Vec<RatingBucket>,
    /// Products that need no special handling (not fragile, no battery, liquid or magnet).
    pub handling_free: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    pub slug: String,
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryCount {
    pub country: String,
    pub count: u64,
}

/// A price band in whole US dollars, `min` inclusive, `max` exclusive; open ends are null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceBucket {
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub count: u64,
}

/// Sellers rated at least `min` (a decimal string such as `"4.5"`, the `min_rating` value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingBucket {
    pub min: String,
    pub count: u64,
}

/// Everything the product page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    /// The locale the texts are in (the requested one, or the fallback).
    pub locale: String,
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Sanitized HTML: only formatting tags, no scripts, handlers or remote images.
    pub description_html: String,
    pub provenance: Provenance,
    /// The seller's own text, present when this one was machine translated.
    pub original: Option<OriginalText>,
    pub brand: String,
    pub model: String,
    pub category: CategoryRef,
    /// The lowest variant price, in the seller's currency.
    pub price: Money,
    /// `price` in the buyer's currency when the request named one (`currency=`); absent
    /// when it did not, or when the seller's currency has no rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted: Option<crate::fx::Converted>,
    pub rating: f32,
    pub review_count: u32,
    pub sold_count: u32,
    pub handling: Handling,
    pub seller: SellerCard,
    pub ships_from: Vec<ShipsFrom>,
    pub images: Vec<ProductImage>,
    /// The axes variants differ on (`colour`, `size`), with every value and its label.
    pub options: Vec<VariantOption>,
    pub variants: Vec<VariantInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginalText {
    pub locale: String,
    pub title: String,
    pub description_html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerCard {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub rating: f32,
    pub order_count: u32,
    pub verified: bool,
    /// The locale the seller writes in.
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipsFrom {
    pub code: String,
    pub city: String,
    pub country: String,
    /// A warehouse near buyers rather than at the seller's.
    pub overseas: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductImage {
    /// The colour this picture shows, when it shows one.
    pub colour: Option<String>,
    pub image: ImageRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantOption {
    /// `colour` or `size`.
    pub axis: String,
    pub values: Vec<OptionValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionValue {
    pub code: String,
    /// In the response's locale.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantInfo {
    pub sku: String,
    pub colour: Option<String>,
    pub size: Option<String>,
    pub price: Money,
    /// `price` in the buyer's currency when the request named one (`currency=`); absent
    /// when it did not, or when the seller's currency has no rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted: Option<crate::fx::Converted>,
    pub stock: u32,
    pub weight_g: u32,
    /// Packed length, width and height in millimetres.
    pub dims_mm: [u32; 3],
}

/// The catalog's categories with how many products each holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryList {
    pub locale: String,
    pub items: Vec<CategoryCount>,
}

/// An image with its intrinsic size, so the page can reserve space before it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImageRef {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// One page of a paged collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number that was returned.
    pub page: u32,
    pub per_page: u32,
    /// Number of items over all pages.
    pub total: u64,
    pub total_pages: u32,
}

/// A validated request for one page: `page` ≥ 1 and `per_page` within
/// [`PageRequest::MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u32,
    per_page: u32,
}

/// Why a page request was refused; each variant names the offending parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PageRequestError {
    #[error("page must be a whole number of at least 1")]
    Page,
    #[error("per_page must be a whole number from 1 to {max}", max = PageRequest::MAX_PER_PAGE)]
    PerPage,
}

impl PageRequest {
    pub const DEFAULT_PER_PAGE: u32 = 24;
    pub const MAX_PER_PAGE: u32 = 100;
    /// Pages beyond this are refused: nobody pages that deep, and it bounds the SQL offset.
    pub const MAX_PAGE: u32 = 10_000;

    pub fn new(page: u32, per_page: u32) -> Result<Self, PageRequestError> {
        if page == 0 || page > Self::MAX_PAGE {
            return Err(PageRequestError::Page);
        }
        if per_page == 0 || per_page > Self::MAX_PER_PAGE {
            return Err(PageRequestError::PerPage);
        }
        Ok(PageRequest { page, per_page })
    }

    pub fn page(self) -> u32 {
        self.page
    }

    pub fn per_page(self) -> u32 {
        self.per_page
    }

    /// Row offset of the first item on this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// Number of pages needed for `total` items (at least 1, so an empty listing has page 1).
    pub fn total_pages(self, total: u64) -> u32 {
        let pages = total.div_ceil(u64::from(self.per_page)).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }
}

/// Who wrote a product text in a given language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The seller wrote it in this language.
    Original,
    /// A person translated it.
    Human,
    /// Machine translated: the store marks it and offers the original.
    Machine,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Original => "original",
            Provenance::Human => "human",
            Provenance::Machine => "machine",
        }
    }

    pub fn parse(text: &str) -> Option<Provenance> {
        match text {
            "original" => Some(Provenance::Original),
            "human" => Some(Provenance::Human),
            "machine" => Some(Provenance::Machine),
            _ => None,
        }
    }
}

/// Special handling a parcel needs; some routes refuse or surcharge these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Handling {
    pub fragile: bool,
    pub lithium_battery: bool,
    pub liquid: bool,
    pub magnet: bool,
}

impl Handling {
    const FRAGILE: u8 = 1;
    const LITHIUM: u8 = 2;
    const LIQUID: u8 = 4;
    const MAGNET: u8 = 8;

    /// From the compact form stored in the database (bits 1, 2, 4, 8).
    pub fn from_bits(bits: u8) -> Handling {
        Handling {
            fragile: bits & Self::FRAGILE != 0,
            lithium_battery: bits & Self::LITHIUM != 0,
            liquid: bits & Self::LIQUID != 0,
            magnet: bits & Self::MAGNET != 0,
        }
    }

    pub fn bits(self) -> u8 {
        (u8::from(self.fragile) * Self::FRAGILE)
            | (u8::from(self.lithium_battery) * Self::LITHIUM)
            | (u8::from(self.liquid) * Self::LIQUID)
            | (u8::from(self.magnet) * Self::MAGNET)
    }

    /// Ordinary goods: no flag set.
    pub fn is_none(self) -> bool {
        self.bits() == 0
    }
}

/// The value a product page opens on along `axis` (`colour`, `size`): the first one some
/// variant in stock has, else the first there is. One rule for the app's first choice and the
/// server's first response (the picture it preloads and shares).
pub fn first_offered(
    variants: &[VariantInfo],
    options: &[VariantOption],
    axis: &str,
) -> Option<String> {
    let has = |v: &VariantInfo, code: &str| match axis {
        "colour" => v.colour.as_deref() == Some(code),
        "size" => v.size.as_deref() == Some(code),
        _ => false,
    };
    let option = options.iter().find(|o| o.axis == axis)?;
    option
        .values
        .iter()
        .find(|val| variants.iter().any(|v| has(v, &val.code) && v.stock > 0))
        .or_else(|| option.values.first())
        .map(|val| val.code.clone())
}

/// The picture a product page opens on: the first colour's on offer ([`first_offered`]),
/// else the first picture.
pub fn opening_picture(p: &ProductDetail) -> Option<&ProductImage> {
    let colour = first_offered(&p.variants, &p.options, "colour");
    p.images
        .iter()
        .find(|im| im.colour.is_some() && im.colour == colour)
        .or_else(|| p.images.first())
}

/// Plain text of sanitized description HTML, at most 160 characters: a page's meta
/// description, written the same by the server's first response and the app.
pub fn meta_description(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let text = words.join(" ");
    match text.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_page_opens_on_the_first_colour_in_stock() {
        let variant = |colour: &str, stock| VariantInfo {
            sku: colour.into(),
            colour: Some(colour.into()),
            size: None,
            price: Money::from_minor(100, crate::Currency::USD),
            converted: None,
            stock,
            weight_g: 100,
            dims_mm: [1, 1, 1],
        };
        let options = vec![VariantOption {
            axis: "colour".into(),
            values: ["blue", "white"]
                .map(|c| OptionValue {
                    code: c.into(),
                    label: c.into(),
                })
                .into(),
        }];
        let variants = vec![variant("blue", 0), variant("white", 3)];
        assert_eq!(
            first_offered(&variants, &options, "colour").as_deref(),
            Some("white")
        );
        assert_eq!(first_offered(&variants, &options, "size"), None);
        // Nothing in stock: the first value.
        let sold_out = vec![variant("blue", 0), variant("white", 0)];
        assert_eq!(
            first_offered(&sold_out, &options, "colour").as_deref(),
            Some("blue")
        );
    }

    #[test]
    fn handling_flags_survive_their_stored_form() {
        for bits in 0..16u8 {
            assert_eq!(Handling::from_bits(bits).bits(), bits);
        }
        assert!(Handling::default().is_none());
    }

    #[test]
    fn page_zero_and_oversized_pages_are_refused() {
        assert_eq!(PageRequest::new(0, 10), Err(PageRequestError::Page));
        assert_eq!(PageRequest::new(1, 0), Err(PageRequestError::PerPage));
        assert_eq!(PageRequest::new(1, 10_000), Err(PageRequestError::PerPage));
        assert_eq!(PageRequest::new(10_001, 10), Err(PageRequestError::Page));
        assert!(PageRequest::new(1, 100).is_ok());
    }

    #[test]
    fn offsets_and_page_counts_follow_the_page_size() {
        let req = PageRequest::new(3, 24).expect("valid");
        assert_eq!(req.offset(), 48);
        assert_eq!(req.total_pages(0), 1);
        assert_eq!(req.total_pages(24), 1);
        assert_eq!(req.total_pages(25), 2);
    }
}
