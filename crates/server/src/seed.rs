//! The seeded catalog a fresh database starts with.
//!
//! The data is generated deterministically from the tables below, so every fresh store shows
//! the same products and tests can rely on them. Prices are in each seller's own currency.

use domain::Currency;
use sqlx::SqlitePool;

struct SellerSeed {
    name: &'static str,
    country: &'static str,
    currency: Currency,
}

const SELLERS: &[SellerSeed] = &[
    SellerSeed {
        name: "Shenzhen Brightway Electronics",
        country: "CN",
        currency: Currency::CNY,
    },
    SellerSeed {
        name: "Yiwu Little Star Toys",
        country: "CN",
        currency: Currency::CNY,
    },
    SellerSeed {
        name: "Saigon Silk House",
        country: "VN",
        currency: Currency::VND,
    },
    SellerSeed {
        name: "Izmir Cotton Co.",
        country: "TR",
        currency: Currency::TRY,
    },
    SellerSeed {
        name: "Jakarta Batik Studio",
        country: "ID",
        currency: Currency::IDR,
    },
    SellerSeed {
        name: "Kuala Lumpur Home Living",
        country: "MY",
        currency: Currency::MYR,
    },
    SellerSeed {
        name: "Bangkok Beauty Lab",
        country: "TH",
        currency: Currency::THB,
    },
    SellerSeed {
        name: "Guangzhou Trend Apparel",
        country: "CN",
        currency: Currency::USD,
    },
];

/// A product line: which seller lists it, its name, and its price in the seller's major unit
/// for the first variant (later variants step the price up).
struct ProductSeed {
    seller: usize,
    title: &'static str,
    base_price_major: i64,
    step_major: i64,
}

const PRODUCTS: &[ProductSeed] = &[
    ProductSeed {
        seller: 0,
        title: "Wireless Earbuds with Charging Case",
        base_price_major: 129,
        step_major: 20,
    },
    ProductSeed {
        seller: 0,
        title: "65W GaN USB-C Fast Charger",
        base_price_major: 89,
        step_major: 15,
    },
    ProductSeed {
        seller: 0,
        title: "Magnetic Phone Holder for Car Vents",
        base_price_major: 39,
        step_major: 6,
    },
    ProductSeed {
        seller: 0,
        title: "Smart Fitness Band with Heart-Rate Monitor",
        base_price_major: 199,
        step_major: 30,
    },
    ProductSeed {
        seller: 1,
        title: "Wooden Building Blocks Set",
        base_price_major: 69,
        step_major: 12,
    },
    ProductSeed {
        seller: 1,
        title: "Remote Control Stunt Car",
        base_price_major: 149,
        step_major: 25,
    },
    ProductSeed {
        seller: 1,
        title: "Plush Panda Soft Toy",
        base_price_major: 45,
        step_major: 10,
    },
    ProductSeed {
        seller: 2,
        title: "Hand-Embroidered Silk Scarf",
        base_price_major: 350_000,
        step_major: 60_000,
    },
    ProductSeed {
        seller: 2,
        title: "Lacquered Bamboo Serving Bowl",
        base_price_major: 220_000,
        step_major: 40_000,
    },
    ProductSeed {
        seller: 2,
        title: "Ceramic Coffee Filter Set",
        base_price_major: 280_000,
        step_major: 45_000,
    },
    ProductSeed {
        seller: 3,
        title: "Organic Cotton Bath Towel",
        base_price_major: 349,
        step_major: 50,
    },
    ProductSeed {
        seller: 3,
        title: "Turkish Peshtemal Beach Towel",
        base_price_major: 279,
        step_major: 40,
    },
    ProductSeed {
        seller: 3,
        title: "Linen Button-Down Shirt",
        base_price_major: 899,
        step_major: 100,
    },
    ProductSeed {
        seller: 4,
        title: "Batik Cotton Sarong",
        base_price_major: 185_000,
        step_major: 25_000,
    },
    ProductSeed {
        seller: 4,
        title: "Rattan Woven Shoulder Bag",
        base_price_major: 240_000,
        step_major: 35_000,
    },
    ProductSeed {
        seller: 5,
        title: "Stainless Steel Vacuum Flask",
        base_price_major: 59,
        step_major: 10,
    },
    ProductSeed {
        seller: 5,
        title: "Non-Stick Granite Frying Pan",
        base_price_major: 119,
        step_major: 20,
    },
    ProductSeed {
        seller: 6,
        title: "Jasmine Rice Face Serum",
        base_price_major: 490,
        step_major: 90,
    },
    ProductSeed {
        seller: 6,
        title: "Herbal Thai Massage Balm",
        base_price_major: 180,
        step_major: 40,
    },
    ProductSeed {
        seller: 7,
        title: "Oversized Denim Jacket",
        base_price_major: 32,
        step_major: 4,
    },
];

const VARIANTS: &[&str] = &["Black", "Sand", "Ocean Blue"];

/// Number of products a fresh catalog holds.
pub const SEEDED_PRODUCTS: usize = PRODUCTS.len() * VARIANTS.len();

// The first slice promises a catalog of at least 50 products; checked at compile time.
const _: () = assert!(SEEDED_PRODUCTS >= 50);

/// Inserts the seed catalog when the products table is empty, all in one transaction, so a
/// failed or interrupted seed leaves no partial catalog behind.
pub async fn seed_if_empty(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    for (i, seller) in SELLERS.iter().enumerate() {
        sqlx::query("INSERT INTO sellers (id, name, country, currency) VALUES (?, ?, ?, ?)")
            .bind(i as i64 + 1)
            .bind(seller.name)
            .bind(seller.country)
            .bind(seller.currency.code())
            .execute(&mut *tx)
            .await?;
    }
    // Variants are the outer loop so that the first page shows twenty different products
    // rather than three colours of each.
    let mut id = 0i64;
    for (v, variant) in VARIANTS.iter().enumerate() {
        for (p, product) in PRODUCTS.iter().enumerate() {
            let seller = &SELLERS[product.seller];
            id += 1;
            let title = format!("{} – {}", product.title, variant);
            let slug = format!("{}-{}", slugify(product.title), slugify(variant));
            let major = product.base_price_major + product.step_major * v as i64;
            // A .99/.90 ending for two-digit currencies, as real listings have; whole units for
            // zero-digit ones.
            let minor = match seller.currency.exponent() {
                0 => major,
                exp => major * 10i64.pow(exp) - if v == 1 { 10 } else { 1 },
            };
            let hue = ((p * 47 + v * 113) % 360) as i64;
            sqlx::query(
                "INSERT INTO products (id, slug, seller_id, title, price_minor, currency, \
                 image_hue, image_glyph) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(slug)
            .bind(product.seller as i64 + 1)
            .bind(title)
            .bind(minor)
            .bind(seller.currency.code())
            .bind(hue)
            .bind(p as i64)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await
}

/// Lower-case ASCII words joined by hyphens: `"65W GaN USB-C"` → `"65w-gan-usb-c"`.
fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(
            slugify("65W GaN USB-C Fast Charger"),
            "65w-gan-usb-c-fast-charger"
        );
        assert_eq!(slugify("Ocean Blue"), "ocean-blue");
        assert_eq!(slugify("  Odd -- spacing  "), "odd-spacing");
    }

    #[test]
    fn every_seeded_product_belongs_to_a_listed_seller() {
        assert!(PRODUCTS.iter().all(|p| p.seller < SELLERS.len()));
    }
}
