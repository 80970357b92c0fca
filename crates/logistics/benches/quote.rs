//! `cargo bench -p logistics --bench quote`: one quote for a 20-line cart across the full
//! route table (every warehouse of the seeded store), to several destinations. Results and the
//! route count go in perf/README.md.

use criterion::{criterion_group, criterion_main, Criterion};
use domain::{Currency, Money, Rate};
use logistics::{quote, Date, Item, Origin, Rates, Request, RouteTable};
use rust_decimal::Decimal;
use std::hint::black_box;

struct Fixed;

fn per_usd(c: Currency) -> Decimal {
    let thousandths = match c.code() {
        "EUR" => 920,
        "GBP" => 780,
        "CNY" => 7_100,
        "VND" => 25_000_000,
        "TRY" => 34_000,
        "IDR" => 16_000_000,
        "MYR" => 4_500,
        "THB" => 35_000,
        "CLP" => 930_000,
        "PEN" => 3_750,
        "KRW" => 1_380_000,
        "AUD" => 1_500,
        "BRL" => 5_400,
        "JPY" => 150_000,
        _ => 1_000,
    };
    Decimal::new(thousandths, 3)
}

impl Rates for Fixed {
    fn rate(&self, from: Currency, to: Currency) -> Option<Rate> {
        Rate::cross(from, per_usd(from), to, per_usd(to), Decimal::new(15, 3))
    }
    fn mid(&self, from: Currency, to: Currency) -> Option<Rate> {
        Rate::cross(from, per_usd(from), to, per_usd(to), Decimal::ZERO)
    }
}

const HOME: [&str; 13] = [
    "CN-SZX", "CN-YIW", "CN-CAN", "VN-SGN", "VN-HAN", "TR-IST", "TR-IZM", "ID-JKT", "MY-KUL",
    "TH-BKK", "CL-SCL", "PE-LIM", "KR-ICN",
];
const OVERSEAS: [&str; 5] = ["US-LAX", "GB-LON", "DE-FRA", "AU-SYD", "BR-SAO"];
const CATEGORIES: [&str; 5] = [
    "phones-accessories",
    "apparel",
    "home-garden",
    "toys",
    "shoes",
];

fn cart() -> Vec<Item> {
    (0..20u32)
        .map(|i| Item {
            sku: format!("SKU-{i}"),
            quantity: 1 + i % 3,
            category: CATEGORIES[i as usize % 5].to_owned(),
            unit_price: Money::from_minor(i64::from(1_500 + 700 * i), Currency::CNY),
            weight_g: 80 + 45 * i,
            dims_mm: [120 + 5 * i, 90, 30 + 2 * i],
            flags: [0, 0, 1, 2, 8][i as usize % 5],
            warehouses: {
                let mut w = vec![HOME[i as usize % 4].to_owned()];
                if i % 3 == 0 {
                    w.push(OVERSEAS[i as usize % 5].to_owned());
                }
                if i % 4 == 1 {
                    w.push(HOME[(i as usize + 1) % 4].to_owned());
                }
                w
            },
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut origins: Vec<Origin> = HOME
        .iter()
        .map(|code| Origin {
            code,
            country: &code[..2],
            overseas: false,
        })
        .collect();
    origins.extend(OVERSEAS.iter().map(|code| Origin {
        code,
        country: &code[..2],
        overseas: true,
    }));
    let table = RouteTable::generate(&origins);
    println!("route table: {} routes", table.len());
    let items = cart();
    let today = Date::from_ymd(2026, 12, 2);
    let destinations = [
        ("US", Currency::USD),
        ("DE", Currency::EUR),
        ("CL", Currency::CLP),
        ("GB", Currency::GBP),
    ];
    // Criterion reports means of batches; a quote's tail needs single calls: 2,000 timed
    // quotes per destination, percentiles printed for perf/README.md.
    for (country, currency) in destinations {
        let mut times: Vec<std::time::Duration> = (0..2_000)
            .map(|_| {
                let req = Request {
                    items: &items,
                    country,
                    postal_code: None,
                    today,
                    currency,
                };
                let start = std::time::Instant::now();
                black_box(quote(&table, req, &Fixed).expect("quote"));
                start.elapsed()
            })
            .collect();
        times.sort();
        let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)];
        println!(
            "single quotes to {country}: p50 {:?}  p90 {:?}  p99 {:?}  max {:?}",
            at(50),
            at(90),
            at(99),
            times[times.len() - 1]
        );
    }
    for (country, currency) in destinations {
        c.bench_function(&format!("quote 20 lines to {country}"), |b| {
            b.iter(|| {
                let req = Request {
                    items: &items,
                    country,
                    postal_code: None,
                    today,
                    currency,
                };
                black_box(quote(&table, req, &Fixed).expect("quote"))
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
