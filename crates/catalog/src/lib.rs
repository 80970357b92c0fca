//! The seeded catalog, generated deterministically: the same `index` always yields the same
//! product, so a fresh store, the tests and the 100,000-product search benchmark all draw from
//! one definition without storing any of it.
//!
//! **Architecture Invariant:** no I/O and no randomness from the environment. The server turns
//! what this crate produces into rows; a product is generated one at a time, so a catalog of
//! any size streams without being held in memory.
//!
//! The data is synthetic but shaped like a cross-border marketplace: 27 sellers in 9 economies
//! writing in their own language, ten categories, variants by colour and size with their own
//! SKU, price, stock, weight and dimensions, handling flags, home and overseas warehouses. Each
//! product's texts are composed from the phrase tables in every shipped locale; the seller's
//! language is the `original`, and each other locale records whether a person (`human`) or a
//! machine (`machine`) translated it — the store shows machine translations with a mark.

pub mod phrases;
pub mod places;

use domain::{Currency, Handling, Locale, Provenance};
use phrases::{Axes, CATEGORIES, COLOUR_CODES, FRAGILE_NOTE, NOUNS, SHIPS_WITHIN};
use places::{SELLERS, WAREHOUSES};

/// Products in a freshly seeded store.
pub const DEFAULT_PRODUCT_COUNT: usize = 480;

/// One generated product with everything the store keeps about it.
#[derive(Debug, Clone)]
pub struct Product {
    /// 1-based, stable for a given index.
    pub id: i64,
    pub slug: String,
    /// Index into [`places::SELLERS`].
    pub seller: usize,
    /// Index into [`phrases::CATEGORIES`].
    pub category: usize,
    pub brand: &'static str,
    pub model: String,
    pub currency: Currency,
    /// The lowest variant price, in the seller's currency's minor units.
    pub price_minor: i64,
    /// The list price the seller started from, in US cents: an ordering key for price sort and
    /// price filters across currencies, never shown as a price.
    pub price_usd_cents: i64,
    pub handling: Handling,
    /// Indices into [`places::WAREHOUSES`]; the first is the seller's own.
    pub warehouses: Vec<usize>,
    pub rating_tenths: u8,
    pub review_count: u32,
    pub sold_count: u32,
    /// Days before the catalog's reference date that the product was listed.
    pub listed_days_ago: u32,
    pub image_hue: u16,
    pub image_glyph: u8,
    pub original_locale: Locale,
    /// One text per shipped locale, in `Locale::ALL` order.
    pub texts: Vec<ProductText>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
pub struct ProductText {
    pub locale: Locale,
    pub title: String,
    /// As the seller supplied it: HTML that must be sanitized before it reaches a page.
    pub description_html: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub sku: String,
    /// A code from [`phrases::COLOUR_CODES`].
    pub colour: Option<&'static str>,
    /// A size label that reads the same in every language (`M`, `EU 42`, `50 ml`).
    pub size: Option<String>,
    pub price_minor: i64,
    pub stock: u32,
    pub weight_g: u32,
    pub dims_mm: [u32; 3],
}

/// The product at `index` (0-based) of the generated catalog.
pub fn product(index: usize) -> Product {
    let mut rng = Rng::new(index as u64);
    let seller_index = rng.below(SELLERS.len());
    let seller = &SELLERS[seller_index];
    let category = seller.categories[rng.below(seller.categories.len())];
    let nouns: Vec<usize> = (0..NOUNS.len())
        .filter(|&n| NOUNS[n].category == category)
        .collect();
    let noun_index = nouns[rng.below(nouns.len())];
    let noun = &NOUNS[noun_index];
    let id = index as i64 + 1;

    let prefix = ["X", "S", "Pro ", "Air ", "Max ", "Neo ", "Lite ", "Mini "][rng.below(8)];
    let model = format!("{prefix}{}", 1 + rng.below(99));
    let slug = format!(
        "{}-{}-{}-{id}",
        noun.key,
        slugify(seller.brand),
        slugify(&model)
    );

    let usd_cents = i64::from(noun.usd_cents.0)
        + rng.below((noun.usd_cents.1 - noun.usd_cents.0) as usize + 1) as i64;
    let base_minor = list_price_minor(usd_cents, seller.currency);
    let variants = variants(
        &mut rng,
        seller.code,
        id,
        noun.axes,
        base_minor,
        seller.currency,
        noun,
    );
    let price_minor = variants
        .iter()
        .map(|v| v.price_minor)
        .min()
        .unwrap_or(base_minor);

    let mut warehouses = vec![seller.warehouse];
    if rng.below(4) == 0 {
        let overseas: Vec<usize> = (0..WAREHOUSES.len())
            .filter(|&w| WAREHOUSES[w].overseas)
            .collect();
        warehouses.push(overseas[rng.below(overseas.len())]);
    }
    let handling_days = 1 + rng.below(4);
    let junk = rng.below(9) == 0;

    let texts = Locale::ALL
        .into_iter()
        .map(|locale| {
            let l = locale.index();
            let title = format!("{} {} {}", seller.brand, noun.names[l], model);
            let ships = SHIPS_WITHIN[l]
                .replace("{city}", WAREHOUSES[seller.warehouse].city[l])
                .replace("{days}", &handling_days.to_string());
            let mut html = format!("<p>{}</p><p>{ships}</p>", CATEGORIES[category].intro[l]);
            if noun.handling & phrases::FRAGILE != 0 {
                html.push_str(&format!("<p><strong>{}</strong></p>", FRAGILE_NOTE[l]));
            }
            if junk {
                // Some sellers paste markup from elsewhere; the server must strip what is unsafe.
                html.push_str(
                    "<p onclick=\"track()\">&#9733;&#9733;&#9733;&#9733;&#9733;</p>\
                     <script>document.location='https://example.invalid/'</script>\
                     <img src=\"x\" onerror=\"alert(1)\">",
                );
            }
            let provenance = if locale == seller.language {
                Provenance::Original
            } else if seller.verified
                && (locale == Locale::En || (id % 3 == 0 && locale == Locale::Es))
            {
                Provenance::Human
            } else {
                Provenance::Machine
            };
            ProductText {
                locale,
                title,
                description_html: html,
                provenance,
            }
        })
        .collect();

    Product {
        id,
        slug,
        seller: seller_index,
        category,
        brand: seller.brand,
        model,
        currency: seller.currency,
        price_minor,
        price_usd_cents: usd_cents,
        handling: Handling::from_bits(noun.handling),
        warehouses,
        rating_tenths: 36 + rng.below(15) as u8,
        review_count: rng.skewed(4000) as u32,
        sold_count: rng.skewed(25_000) as u32,
        listed_days_ago: rng.below(540) as u32,
        image_hue: rng.below(360) as u16,
        image_glyph: (noun_index % 256) as u8,
        original_locale: seller.language,
        texts,
        variants,
    }
}

fn variants(
    rng: &mut Rng,
    seller_code: &str,
    id: i64,
    axes: Axes,
    base_minor: i64,
    currency: Currency,
    noun: &phrases::NounDef,
) -> Vec<Variant> {
    // (colour, size, price step in percent)
    let mut combos: Vec<(Option<&'static str>, Option<String>, i64)> = Vec::new();
    let pick_colours = |rng: &mut Rng, set: &[usize], max: usize| -> Vec<&'static str> {
        let count = (2 + rng.below(3)).min(set.len()).min(max);
        let start = rng.below(set.len());
        (0..count)
            .map(|k| COLOUR_CODES[set[(start + k) % set.len()]])
            .collect()
    };
    match axes {
        Axes::Colour(set) => {
            for c in pick_colours(rng, set, 4) {
                combos.push((Some(c), None, 0));
            }
        }
        Axes::Apparel(set) => {
            for c in pick_colours(rng, set, 3) {
                for (k, s) in ["S", "M", "L", "XL"].into_iter().enumerate() {
                    combos.push((Some(c), Some(s.to_owned()), if k == 3 { 10 } else { 0 }));
                }
            }
        }
        Axes::Shoes(set) => {
            for c in pick_colours(rng, set, 2) {
                for size in 38..=44 {
                    combos.push((Some(c), Some(format!("EU {size}")), 0));
                }
            }
        }
        Axes::Sizes(sizes) => {
            for (k, s) in sizes.iter().enumerate() {
                combos.push((None, Some((*s).to_owned()), 40 * k as i64));
            }
        }
    }
    // Not every colour comes in every size: drop a combination now and then, so the variant
    // picker has something to disable and explain.
    if combos.len() >= 6 && rng.below(2) == 0 {
        let drop = 1 + rng.below(combos.len() - 2);
        combos.remove(drop);
    }
    combos
        .into_iter()
        .enumerate()
        .map(|(k, (colour, size, step))| {
            let stock = if rng.below(8) == 0 {
                0
            } else {
                1 + rng.below(250) as u32
            };
            let grow = 100 + step;
            let sku = format!(
                "{seller_code}-{id:06}-{}{}",
                colour
                    .map(|c| c[..3].to_ascii_uppercase())
                    .unwrap_or_else(|| "STD".into()),
                size.as_deref()
                    .map(|s| format!("-{}", slugify(s).to_ascii_uppercase()))
                    .unwrap_or_default(),
            );
            let spread = 95 + rng.below(11) as u32;
            Variant {
                sku,
                colour,
                size,
                price_minor: nice_price(base_minor * grow / 100, currency),
                stock,
                weight_g: noun.weight_g * spread / 100 * (100 + step as u32 / 2) / 100,
                dims_mm: [
                    noun.dims_mm.0,
                    noun.dims_mm.1,
                    noun.dims_mm.2 + (k as u32 % 3) * 5,
                ],
            }
        })
        .collect()
}

/// The list price a seller in `currency` asks for goods worth `usd_cents`, rounded the way
/// shops round (`128.99`, `350,000`). The factors are the generator's price levels (units of
/// the currency per US dollar, in hundredths), not exchange rates: the store converts prices
/// with published reference rates, never with these.
pub fn list_price_minor(usd_cents: i64, currency: Currency) -> i64 {
    let per_usd_hundredths: i64 = match currency.code() {
        "CNY" => 710,
        "VND" => 2_630_000,
        "TRY" => 4_200,
        "IDR" => 1_660_000,
        "MYR" => 420,
        "THB" => 3_250,
        "CLP" => 94_000,
        "PEN" => 340,
        "KRW" => 145_000,
        _ => 100,
    };
    let scale = 10_i64.pow(currency.exponent());
    // minor = usd_cents / 100 × factor / 100 × 10^exponent
    let minor = usd_cents * per_usd_hundredths * scale / 10_000;
    nice_price(minor, currency)
}

/// Three significant digits; two-decimal prices under 1,000 end in `.99`.
fn nice_price(minor: i64, currency: Currency) -> i64 {
    let scale = 10_i64.pow(currency.exponent());
    let major = ((minor + scale / 2) / scale).max(1);
    let digits = major.to_string().len() as u32;
    let unit = 10_i64.pow(digits.saturating_sub(3));
    let rounded_major = ((major + unit / 2) / unit * unit).max(1);
    if scale == 100 && rounded_major < 1000 {
        rounded_major * scale - 1
    } else {
        rounded_major * scale
    }
}

/// Lower-case ASCII letters and digits joined by single hyphens (`"Pro 7"` → `"pro-7"`).
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'ñ' | 'Ñ' => 'n',
            'í' | 'Í' => 'i',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// SplitMix64: tiny, fast and fully determined by its seed, which is all a generator needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Mostly small, sometimes large: like review and sales counts.
    fn skewed(&mut self, max: u64) -> u64 {
        let a = self.next() % (max + 1);
        let b = self.next() % (max + 1);
        a * b / max.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    fn catalog() -> Vec<Product> {
        (0..DEFAULT_PRODUCT_COUNT).map(product).collect()
    }

    #[test]
    fn the_same_index_always_gives_the_same_product() {
        let a = product(17);
        let b = product(17);
        assert_eq!(a.slug, b.slug);
        assert_eq!(a.texts[3].title, b.texts[3].title);
        assert_eq!(a.variants.len(), b.variants.len());
    }

    #[test]
    fn the_seeded_catalog_meets_the_size_the_store_promises() {
        let products = catalog();
        assert!(products.len() >= 400);
        let categories: BTreeSet<usize> = products.iter().map(|p| p.category).collect();
        assert_eq!(categories.len(), CATEGORIES.len());
        let sellers: BTreeSet<usize> = products.iter().map(|p| p.seller).collect();
        assert!(
            sellers.len() >= 25,
            "{} sellers have products",
            sellers.len()
        );
        let economies: BTreeSet<&str> = sellers.iter().map(|&s| SELLERS[s].country).collect();
        assert!(economies.len() >= 6, "{economies:?}");
    }

    #[test]
    fn slugs_and_skus_are_unique_and_url_safe() {
        let products = catalog();
        let mut slugs = HashSet::new();
        let mut skus = HashSet::new();
        for p in &products {
            assert!(slugs.insert(p.slug.clone()), "duplicate slug {}", p.slug);
            assert!(
                p.slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                p.slug
            );
            for v in &p.variants {
                assert!(skus.insert(v.sku.clone()), "duplicate sku {}", v.sku);
            }
        }
    }

    #[test]
    fn every_product_has_a_text_in_every_locale_and_exactly_one_original() {
        for p in catalog() {
            assert_eq!(p.texts.len(), Locale::ALL.len());
            let originals: Vec<Locale> = p
                .texts
                .iter()
                .filter(|t| t.provenance == Provenance::Original)
                .map(|t| t.locale)
                .collect();
            assert_eq!(originals, [p.original_locale], "{}", p.slug);
            assert!(p.texts.iter().all(|t| !t.title.trim().is_empty()));
        }
        let machine = catalog()
            .iter()
            .flat_map(|p| p.texts.clone())
            .filter(|t| t.provenance == Provenance::Machine)
            .count();
        let human = catalog()
            .iter()
            .flat_map(|p| p.texts.clone())
            .filter(|t| t.provenance == Provenance::Human)
            .count();
        assert!(machine > 0 && human > 0);
    }

    #[test]
    fn variants_have_positive_prices_weights_and_some_are_out_of_stock() {
        let products = catalog();
        let mut out_of_stock = 0;
        for p in &products {
            assert!(!p.variants.is_empty());
            assert_eq!(
                p.price_minor,
                p.variants
                    .iter()
                    .map(|v| v.price_minor)
                    .min()
                    .unwrap_or_default()
            );
            for v in &p.variants {
                assert!(v.price_minor > 0 && v.weight_g > 0 && v.dims_mm.iter().all(|&d| d > 0));
                out_of_stock += usize::from(v.stock == 0);
            }
        }
        assert!(out_of_stock > 0);
        assert!(products.iter().any(|p| p.handling.fragile));
        assert!(products.iter().any(|p| p.handling.lithium_battery));
        assert!(products.iter().any(|p| p.handling.liquid));
        assert!(products.iter().any(|p| p.handling.magnet));
        assert!(products.iter().any(|p| p.warehouses.len() > 1));
    }

    #[test]
    fn list_prices_follow_each_currency_and_round_like_a_shop() {
        assert_eq!(list_price_minor(1999, Currency::USD), 1999);
        // 19.99 USD × 7.10 = 141.93 CNY → three significant digits, .99 ending.
        assert_eq!(list_price_minor(1999, Currency::CNY), 14_199);
        // VND has no minor digits; 19.99 × 26,300 = 525,737 → 526,000.
        assert_eq!(list_price_minor(1999, Currency::VND), 526_000);
        assert_eq!(list_price_minor(1999, Currency::KRW), 29_000);
    }

    #[test]
    fn slugify_keeps_ascii_words() {
        assert_eq!(slugify("Pro 7"), "pro-7");
        assert_eq!(slugify("Vicuña"), "vicuna");
        assert_eq!(slugify("Ubud Botanica"), "ubud-botanica");
        assert_eq!(slugify("50 ml"), "50-ml");
    }
}
