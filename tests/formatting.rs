//! The server formats a page's first screen with ICU4X; the app in the browser with `Intl`.
//! Both must write the same text, or the page would change under the buyer's eyes when the app
//! takes over. `tests/fixtures/intl.tsv` holds what Chromium's `Intl` writes for every locale
//! and currency (made by `scripts/intl-fixture.mjs`, checked against Chromium by the
//! end-to-end suite); here the native formatting is held to it, row by row.

use domain::{Currency, Money};
use storefront::format;

fn money(text: &str) -> Money {
    let (amount, code) = text.split_once(' ').expect("amount and currency");
    let currency: Currency = code.parse().expect("a known currency");
    let minor: i64 = amount.replace('.', "").parse().expect("digits");
    Money::from_minor(minor, currency)
}

#[test]
fn the_server_formats_money_numbers_and_country_names_as_chromiums_intl_does_in_every_locale() {
    let fixture = include_str!("fixtures/intl.tsv");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in fixture.lines() {
        let [locale, kind, input, expected] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("a malformed row: {line:?}");
        };
        let got = match kind {
            "money" => format::format_money(&money(input), locale),
            "integer" => format::format_integer(input.parse().expect("an integer"), locale),
            "whole" => {
                let (n, code) = input.split_once(' ').expect("amount and currency");
                let currency: Currency = code.parse().expect("a known currency");
                format::format_whole_money(n.parse().expect("whole units"), currency, locale)
            }
            "tenths" => {
                format::format_tenths(input.replace('.', "").parse().expect("tenths"), locale)
            }
            "region" => format::region_name(input, locale),
            "decimal" => format::format_decimal(input, locale),
            "percent" => format::format_unit(input, "percent", locale),
            other => panic!("an unknown kind {other:?}"),
        };
        checked += 1;
        if got != expected {
            wrong.push(format!(
                "{locale} {kind} {input}: {got:?}, Intl writes {expected:?}"
            ));
        }
    }
    assert!(checked > 1000, "only {checked} rows");
    assert!(
        wrong.is_empty(),
        "{} of {checked} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
