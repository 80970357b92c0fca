//! The ECB's euro reference rates, in the publisher's own XML format
//! (`https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml`): one parser for the
//! committed snapshot and for a live feed.

use quick_xml::events::Event;
use quick_xml::Reader;
use rust_decimal::Decimal;

/// One day's rates: units of each currency per euro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbDay {
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// `(ISO code, units per EUR)`, in the file's order.
    pub rates: Vec<(String, Decimal)>,
}

/// Why a feed could not be read. The store keeps its last good rates when this happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("not well-formed XML: {0}")]
    Xml(String),
    #[error("no <Cube time='YYYY-MM-DD'> element")]
    NoDate,
    #[error("no rates in the file")]
    NoRates,
    #[error("rate `{value}` for {currency} is not a positive decimal")]
    BadRate { currency: String, value: String },
}

/// Parses the newest day in an ECB reference-rate file (daily files hold one day; the
/// 90-day and historical files list the newest first).
pub fn parse(xml: &str) -> Result<EcbDay, FeedError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut date: Option<String> = None;
    let mut rates = Vec::new();
    let mut depth_of_day: Option<usize> = None;
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| FeedError::Xml(format!("at byte {}: {e}", reader.buffer_position())))?;
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                if depth_of_day == Some(depth) {
                    // The first (newest) day is complete.
                    depth_of_day = None;
                    if date.is_some() {
                        break;
                    }
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(element) = element else { continue };
        if !empty {
            depth += 1;
        }
        if element.local_name().as_ref() != b"Cube" {
            continue;
        }
        let mut time = None;
        let mut currency = None;
        let mut rate = None;
        for attr in element.attributes() {
            let attr = attr.map_err(|e| FeedError::Xml(e.to_string()))?;
            let value = attr
                .unescape_value()
                .map_err(|e| FeedError::Xml(e.to_string()))?
                .into_owned();
            match attr.key.as_ref() {
                b"time" => time = Some(value),
                b"currency" => currency = Some(value),
                b"rate" => rate = Some(value),
                _ => {}
            }
        }
        if let Some(time) = time {
            if date.is_none() && !empty {
                if !is_iso_date(&time) {
                    return Err(FeedError::NoDate);
                }
                date = Some(time);
                depth_of_day = Some(depth);
            }
        } else if let (Some(currency), Some(value), Some(_)) = (currency, rate, &depth_of_day) {
            let parsed = value.parse::<Decimal>().ok().filter(|r| *r > Decimal::ZERO);
            match parsed {
                Some(r) => rates.push((currency, r)),
                None => return Err(FeedError::BadRate { currency, value }),
            }
        }
    }
    let date = date.ok_or(FeedError::NoDate)?;
    if rates.is_empty() {
        return Err(FeedError::NoRates);
    }
    Ok(EcbDay { date, rates })
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAPSHOT: &str = include_str!("../../data/fx/eurofxref-daily-2025-10-21.xml");

    #[test]
    fn the_committed_snapshot_parses_with_its_date_and_thirty_rates() {
        let day = parse(SNAPSHOT).expect("the snapshot parses");
        assert_eq!(day.date, "2025-10-21");
        assert_eq!(day.rates.len(), 30);
        assert_eq!(
            day.rates[0],
            ("USD".to_owned(), "1.1607".parse().expect("dec"))
        );
        assert!(day
            .rates
            .contains(&("JPY".to_owned(), "176.45".parse().expect("dec"))));
    }

    #[test]
    fn double_quoted_attributes_and_several_days_give_the_newest_day() {
        let xml = r#"<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube>
            <Cube time="2025-10-21"><Cube currency="USD" rate="1.1607"/></Cube>
            <Cube time="2025-10-20"><Cube currency="USD" rate="1.1650"/><Cube currency="GBP" rate="0.8690"/></Cube>
        </Cube></gesmes:Envelope>"#;
        let day = parse(xml).expect("parses");
        assert_eq!(day.date, "2025-10-21");
        assert_eq!(
            day.rates,
            vec![("USD".to_owned(), "1.1607".parse().expect("dec"))]
        );
    }

    #[test]
    fn a_truncated_file_is_an_xml_error() {
        let cut = &SNAPSHOT[..SNAPSHOT.len() / 2];
        let err = parse(&format!("{cut}<Cube currency='X' rate=")).expect_err("truncated");
        assert!(matches!(err, FeedError::Xml(_)), "{err:?}");
    }

    #[test]
    fn an_html_error_page_has_no_rates() {
        assert_eq!(
            parse("<html><body>Service unavailable</body></html>"),
            Err(FeedError::NoDate)
        );
    }

    #[test]
    fn a_rate_that_is_not_a_positive_decimal_is_named() {
        let xml = "<Cube><Cube time='2025-10-21'><Cube currency='USD' rate='1,16'/></Cube></Cube>";
        assert_eq!(
            parse(xml),
            Err(FeedError::BadRate {
                currency: "USD".into(),
                value: "1,16".into()
            })
        );
        let zero = "<Cube><Cube time='2025-10-21'><Cube currency='USD' rate='0'/></Cube></Cube>";
        assert!(matches!(parse(zero), Err(FeedError::BadRate { .. })));
    }

    #[test]
    fn a_day_without_rates_is_refused() {
        let xml = "<Cube><Cube time='2025-10-21'></Cube></Cube>";
        assert_eq!(parse(xml), Err(FeedError::NoRates));
    }
}
