//! Search latency over a large generated catalog.
//!
//! ```text
//! cargo bench -p server --bench search            # 100,000 products
//! BENCH_PRODUCTS=20000 cargo bench -p server --bench search
//! BENCH_DB=/tmp/bench.db cargo bench -p server --bench search   # seed once, reuse after
//! ```
//!
//! Seeds a fresh SQLite file with the generator's first N products (the same generator as the
//! store's seed), then runs a mix of listing requests — queries in eight scripts, filters,
//! sorts, deep pages, a query that finds nothing — through the same `search` function the API
//! handler calls: one page of items, the total and every facet's counts. Reports p50/p90/p99
//! over all requests and p50 per request kind.

use domain::Locale;
use server::products::{self, search_index};
use server::{db, seed};
use std::time::{Duration, Instant};

const MIX: &[(&str, Locale)] = &[
    ("q=earbuds", Locale::En),
    ("q=wireless+charger", Locale::En),
    ("q=%E8%80%B3%E6%9C%BA", Locale::ZhCn), // 耳机
    ("q=%E5%8C%85", Locale::ZhCn),          // 包
    (
        "q=%E3%83%AF%E3%82%A4%E3%83%A4%E3%83%AC%E3%82%B9",
        Locale::Ja,
    ), // ワイヤレス
    ("q=%EC%9D%B4%EC%96%B4%ED%8F%B0", Locale::Ko), // 이어폰
    (
        "q=%E0%B8%AB%E0%B8%B9%E0%B8%9F%E0%B8%B1%E0%B8%87",
        Locale::Th,
    ), // หูฟัง
    (
        "q=%D0%BD%D0%B0%D1%83%D1%88%D0%BD%D0%B8%D0%BA%D0%B8",
        Locale::Ru,
    ), // наушники
    ("q=%D8%B3%D9%85%D8%A7%D8%B9%D8%A7%D8%AA", Locale::Ar), // سماعات
    ("q=kalung+perak", Locale::Id),
    ("q=camiseta&page=3", Locale::Es),
    ("q=yoga&sort=price_asc", Locale::En),
    ("q=silk&category=apparel&min_rating=4.5", Locale::En),
    ("q=shoes&ships_from=CN&handling_free=true", Locale::En),
    ("category=toys&sort=newest", Locale::Tr),
    ("sort=best_selling&page=40", Locale::Vi),
    ("min_price=25&max_price=50&sort=price_desc", Locale::Ms),
    ("q=zzzqqq", Locale::En),
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let count: usize = std::env::var("BENCH_PRODUCTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let pool = db::connect_and_migrate(&format!("sqlite://{}", path.display()))
        .await
        .expect("database");

    let started = Instant::now();
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
        .fetch_one(&pool)
        .await
        .expect("count");
    if usize::try_from(existing).ok() != Some(count) {
        if existing != 0 {
            panic!(
                "{} holds {existing} products, not {count}; remove it or set BENCH_PRODUCTS",
                path.display()
            );
        }
        seed::seed(&pool, count).await.expect("seed");
        sqlx::query("ANALYZE")
            .execute(&pool)
            .await
            .expect("analyze");
    }
    let seeded = started.elapsed();
    let t = Instant::now();
    let index = search_index::SearchIndex::load(&pool).await.expect("index");
    println!(
        "listing index of {} products loaded in {:.0} ms",
        index.entries.len(),
        ms(t.elapsed())
    );
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "catalog: {count} products seeded in {:.1} s, database {:.0} MiB",
        seeded.as_secs_f64(),
        size as f64 / 1_048_576.0
    );

    let queries: Vec<_> = MIX
        .iter()
        .map(|(q, locale)| {
            (
                *q,
                products::parse_listing_query(Some(q)).expect("valid query"),
                *locale,
            )
        })
        .collect();
    // Warm the page cache and prepared statements.
    for (_, q, locale) in &queries {
        products::search(&pool, &index, q, *locale)
            .await
            .expect("search");
    }
    let mut all: Vec<Duration> = Vec::new();
    let mut per_query: Vec<(&str, u64, Vec<Duration>)> = Vec::new();
    for (text, q, locale) in &queries {
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let result = products::search(&pool, &index, q, *locale)
                .await
                .expect("search");
            times.push(t.elapsed());
            total = result.total;
        }
        all.extend(&times);
        per_query.push((text, total, times));
    }
    println!("\n{:<50} {:>8} {:>9}", "request", "matches", "p50 ms");
    for (text, total, mut times) in per_query {
        times.sort();
        println!(
            "{:<50} {:>8} {:>9.2}",
            text,
            total,
            ms(percentile(&times, 50))
        );
    }
    all.sort();
    println!(
        "\nall {} requests: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        ms(percentile(&all, 50)),
        ms(percentile(&all, 90)),
        ms(percentile(&all, 99)),
        ms(all.last().copied().unwrap_or_default()),
    );
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (sorted.len() * p).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
