//! The in-memory listing index: a few bytes per product (category, price key, handling,
//! seller rating, ships-from countries, sales, listing day) that filters, counts every facet
//! and sorts in one pass, after SQLite's full-text index has said which products match.
//!
//! Counting facets with SQL meant one `GROUP BY` per facet over every matching row: fine at
//! 500 products, ~30 ms at 5,000 and linear beyond. Scanning a compact array is a few
//! nanoseconds per product, so 100,000 products cost well under a millisecond — the way search
//! engines keep "doc values" next to their inverted index.
//!
//! **Trade-off:** the index is a snapshot. It is built at start-up and must be rebuilt with
//! [`SearchIndex::load`] when the catalog changes (today only seeding writes the catalog);
//! stock is deliberately not in it, since it changes with every order.

use sqlx::SqlitePool;
use std::collections::HashMap;

/// What the listing needs to know about one product, and nothing else.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub id: i64,
    pub category: i64,
    pub seller: i64,
    pub price_usd_cents: i64,
    pub handling: u8,
    pub seller_rating: u8,
    /// Bit `i` set when the product ships from `countries[i]`.
    pub ships: u32,
    pub sold: i64,
    /// Days since the epoch of the listing date (larger is newer).
    pub listed: i64,
}

/// The orders a listing can be sorted in, kept ready so that no request sorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Most sold first (also relevance's tie-break).
    BestSelling,
    PriceAsc,
    PriceDesc,
    Newest,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub entries: Vec<Entry>,
    /// Positions in `entries`, one permutation per [`Order`] (ties by product id).
    orders: [Vec<u32>; 4],
    /// Product id → position in `entries`.
    pub by_id: HashMap<i64, usize>,
    /// Ships-from countries in code order; an entry's `ships` bits index this.
    pub countries: Vec<String>,
    /// Category slug → id.
    pub categories: HashMap<String, i64>,
    /// Seller slug → id.
    pub sellers: HashMap<String, i64>,
}

impl SearchIndex {
    /// Reads the index from the database.
    pub async fn load(db: &SqlitePool) -> Result<SearchIndex, sqlx::Error> {
        let countries: Vec<(String,)> =
            sqlx::query_as("SELECT DISTINCT country FROM warehouses ORDER BY country")
                .fetch_all(db)
                .await?;
        let countries: Vec<String> = countries.into_iter().map(|(c,)| c).collect();
        let bit = |code: &str| {
            countries
                .iter()
                .position(|c| c == code)
                .map(|i| 1u32 << i)
                .unwrap_or(0)
        };
        let mut ships: HashMap<i64, u32> = HashMap::new();
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT pw.product_id, w.country FROM product_warehouses pw JOIN warehouses w ON w.id = pw.warehouse_id",
        )
        .fetch_all(db)
        .await?;
        for (id, country) in rows {
            *ships.entry(id).or_default() |= bit(&country);
        }
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT p.id, p.category_id, p.seller_id, p.price_usd_cents, p.handling, s.rating_tenths, p.sold_count, \
             CAST(julianday(p.listed_at) - 2440587.5 AS INTEGER) \
             FROM products p JOIN sellers s ON s.id = p.seller_id ORDER BY p.id",
        )
        .fetch_all(db)
        .await?;
        let entries: Vec<Entry> = rows
            .into_iter()
            .map(
                |(id, category, seller, price, handling, rating, sold, listed)| Entry {
                    id,
                    category,
                    seller,
                    price_usd_cents: price,
                    handling: u8::try_from(handling).unwrap_or(u8::MAX),
                    seller_rating: u8::try_from(rating).unwrap_or(0),
                    ships: ships.get(&id).copied().unwrap_or(0),
                    sold,
                    listed,
                },
            )
            .collect();
        let by_id = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        let categories: Vec<(String, i64)> = sqlx::query_as("SELECT slug, id FROM categories")
            .fetch_all(db)
            .await?;
        let sellers: Vec<(String, i64)> = sqlx::query_as("SELECT slug, id FROM sellers")
            .fetch_all(db)
            .await?;
        let order_by = |key: &dyn Fn(&Entry) -> (i64, i64)| {
            let mut order: Vec<u32> = (0..entries.len() as u32).collect();
            order.sort_by_key(|&i| key(&entries[i as usize]));
            order
        };
        let orders = [
            order_by(&|e| (-e.sold, e.id)),
            order_by(&|e| (e.price_usd_cents, e.id)),
            order_by(&|e| (-e.price_usd_cents, e.id)),
            order_by(&|e| (-e.listed, e.id)),
        ];
        Ok(SearchIndex {
            entries,
            orders,
            by_id,
            countries,
            categories: categories.into_iter().collect(),
            sellers: sellers.into_iter().collect(),
        })
    }

    /// The `ships` bit of a country code, 0 when no warehouse is there.
    /// Positions in `entries` in `order`.
    pub fn order(&self, order: Order) -> &[u32] {
        &self.orders[order as usize]
    }

    pub fn country_bit(&self, code: &str) -> u32 {
        self.countries
            .iter()
            .position(|c| c == code)
            .map(|i| 1u32 << i)
            .unwrap_or(0)
    }
}
