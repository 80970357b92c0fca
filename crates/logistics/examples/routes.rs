//! Writes the generated route table as CSV, for reading it the way an operator would:
//! `cargo run -p logistics --example routes > routes.csv`.

use logistics::{Origin, Policy, Pricing, RouteTable};

fn main() {
    let origins: Vec<Origin> = catalog::places::WAREHOUSES
        .iter()
        .map(|w| Origin {
            code: w.code,
            country: w.country,
            overseas: w.overseas,
        })
        .collect();
    let table = RouteTable::generate(&origins);
    println!(
        "id,carrier,service,origin,destination,currency,tariff,volumetric_divisor,max_weight_g,max_side_cm,fragile,lithium_battery,liquid,magnet,handling_days,transit_min,transit_max,tracked,ddp,excluded_postcodes"
    );
    for r in table.all() {
        let exp = r.currency.exponent();
        let major = |minor: i64| rust_decimal::Decimal::new(minor, exp).to_string();
        let tariff = match &r.pricing {
            Pricing::Steps {
                fee,
                first_g,
                first,
                step_g,
                per_step,
            } => format!(
                "fee {} + first {} g {} + {} per {} g",
                major(*fee),
                first_g,
                major(*first),
                major(*per_step),
                step_g
            ),
            Pricing::Brackets(b) => b
                .iter()
                .map(|(g, p)| format!("≤{g} g {}", major(*p)))
                .collect::<Vec<_>>()
                .join(" / "),
        };
        let policy = |p: Policy| match p {
            Policy::Accept => "accept".to_owned(),
            Policy::Refuse => "refuse".to_owned(),
            Policy::Surcharge(x) => format!("+{}", major(x)),
        };
        println!(
            "{},{},{},{},{},{},\"{}\",{},{},{},{},{},{},{},{},{},{},{},{},\"{}\"",
            r.id,
            r.carrier,
            r.service.code(),
            r.origin,
            r.destination,
            r.currency.code(),
            tariff,
            r.volumetric_divisor
                .map_or(String::new(), |d| d.to_string()),
            r.max_weight_g,
            r.max_side_cm,
            policy(r.handling[0]),
            policy(r.handling[1]),
            policy(r.handling[2]),
            policy(r.handling[3]),
            r.handling_days,
            r.transit_days.0,
            r.transit_days.1,
            r.tracked,
            r.ddp,
            r.excluded_postcodes.join(" ")
        );
    }
    eprintln!("{} routes", table.len());
}
